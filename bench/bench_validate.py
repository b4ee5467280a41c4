"""Benchmark: ``ro_efactura.validate()`` against the official CIUS-RO 1.0.9 XSLT (saxonche).

Per document: the median wall time of our ``validate(bytes)`` and of the official stylesheet
(compiled once, outside the timing; each run parses the bytes and transforms), on ANAF's
examples and on generated 20-line and 500-line invoices. Then the cost of parsing, of
building the shared ``Document`` and of each of our patterns on the same documents (pattern
run minus building the ``Document``; run alone, a pattern also builds the tables the others
would have shared, so the patterns add up to more than ``validate``).

``new shape`` times ``validate`` on a document whose shape the rules have not seen: the guards
compile a plan per set of element tags present, reused by every later document of that shape
(an ERP's invoices come in a handful of shapes), and their memories are emptied before each of
those runs.

The ``floor`` column is what any validator written in Python pays before checking a single
rule: lxml parsing the bytes plus one pass reading each element's tag and text; ``XSLT /
floor`` is therefore the highest ratio a Python validator could reach on that document.

On a busy machine, ``--cpu`` times with the process CPU clock and keeps the fastest run,
which is steadier than the median wall time (the ratio then compares CPU times).

Run from the repository root: ``python bench/bench_validate.py [--repeat N] [--cpu]``.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import pkgutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import ro_efactura.rules  # noqa: E402
from ro_efactura import validate  # noqa: E402
from ro_efactura._xml import parse  # noqa: E402
from ro_efactura.rules import PATTERNS, Document  # noqa: E402
from ro_efactura.rules.syntax._guarded import _TagKinds  # noqa: E402

STANDARDS = ROOT.parent / "shared" / "standards"
XSLT = STANDARDS / "cius-ro-1.0.9" / "EN16931-CIUS_RO-UBL-validation.xslt"
EXAMPLES = STANDARDS / "cius-ro-1.0.9" / "examples"


CLOCK = {"clock": time.perf_counter, "pick": statistics.median}


def median_ms(action, repeat: int) -> float:
    """The median (with ``--cpu``: the fastest) duration of ``action()`` in milliseconds,
    after one warm-up call."""
    action()
    clock, times = CLOCK["clock"], []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return CLOCK["pick"](times) * 1000


def documents() -> dict[str, bytes]:
    found = {p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.xml"))}
    from ro_efactura.ubl import write
    from tests.factories import make_n_lines

    for lines in (20, 500):
        found[f"generated-{lines}-lines"] = write(make_n_lines(lines))
    return found


def official_runner():
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    stylesheet = processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(XSLT))

    def run(xml: bytes) -> str:
        node = processor.parse_xml(xml_text=xml.decode("utf-8"))
        return stylesheet.transform_to_string(xdm_node=node)

    return run


def _learnt_caches() -> list:
    """The functools caches of the rule modules keyed by what documents hold (plans per
    document shape, cached conversions); argument-less ones are one-time set-up, and the
    engine's compiled XSD does not depend on documents."""
    caches = []
    for info in pkgutil.walk_packages(ro_efactura.rules.__path__, "ro_efactura.rules."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, functools._lru_cache_wrapper)
                and value.__module__ == info.name != "ro_efactura.rules._engine"
                and inspect.signature(value).parameters
            ):
                caches.append(value)
    return caches


def forget_learnt(caches: list) -> None:
    """Empty what the rules learnt from earlier documents."""
    for cache in caches:
        cache.cache_clear()
    _TagKinds.known = _TagKinds.amounts = _TagKinds.binaries = frozenset()
    for pattern in PATTERNS:
        getattr(pattern, "_narrowed", {}).clear()


def new_shape_ms(xml: bytes, repeat: int) -> float:
    """Like :func:`median_ms` for ``validate(xml)``, each run after :func:`forget_learnt`."""
    caches, clock, times = _learnt_caches(), CLOCK["clock"], []
    for _ in range(repeat):
        forget_learnt(caches)
        start = clock()
        validate(xml)
        times.append(clock() - start)
    return CLOCK["pick"](times) * 1000


def parse_and_touch(xml: bytes) -> None:
    """The floor: parse, then read every element's tag and text once."""
    for element in parse(xml).iter():
        element.tag, element.text  # noqa: B018 -- reading is the cost being measured


def compare(docs: dict[str, bytes], repeat: int) -> None:
    official = official_runner()
    print(
        f"{'document':28} {'KB':>6} {'ours ms':>9} {'XSLT ms':>9} {'ratio':>7}"
        f" {'new shape':>10} {'ratio':>6} {'floor ms':>9} {'XSLT / floor':>13}"
    )
    ratios = []
    for name, xml in docs.items():
        ours = median_ms(lambda xml=xml: validate(xml), repeat)
        theirs = median_ms(lambda xml=xml: official(xml), max(3, repeat // 4))
        fresh = new_shape_ms(xml, repeat)
        floor = median_ms(lambda xml=xml: parse_and_touch(xml), repeat)
        ratios.append(theirs / ours)
        print(
            f"{name:28} {len(xml) / 1024:6.0f} {ours:9.3f} {theirs:9.2f} {theirs / ours:6.0f}x"
            f" {fresh:10.3f} {theirs / fresh:5.0f}x {floor:9.3f} {theirs / floor:12.0f}x"
        )
    print(f"median ratio {statistics.median(ratios):.0f}x, lowest {min(ratios):.0f}x")


def pattern_costs(docs: dict[str, bytes], repeat: int) -> None:
    print(f"\n{'pattern':14} {'rules':>5}  per document (ms): ANAF median / max, 20 / 500 lines")
    roots = {name: parse(xml) for name, xml in docs.items()}
    parsing = {n: median_ms(lambda xml=xml: parse(xml), repeat) for n, xml in docs.items()}
    build = {n: median_ms(lambda r=r: Document(r), repeat) for n, r in roots.items()}
    for pattern in PATTERNS:
        costs = {
            n: median_ms(lambda r=r, p=pattern: list(p.run(Document(r))), repeat) - build[n]
            for n, r in roots.items()
        }
        anaf = [c for n, c in costs.items() if not n.startswith("generated")]
        print(
            f"{pattern.name:14} {len(pattern.rules):5}  {statistics.median(anaf):.3f} / "
            f"{max(anaf):.3f}, {costs['generated-20-lines']:.3f} / "
            f"{costs['generated-500-lines']:.3f}"
        )
    for label, costs in (("parse", parsing), ("Document()", build)):
        anaf = [c for n, c in costs.items() if not n.startswith("generated")]
        print(
            f"{label:14} {'':5}  {statistics.median(anaf):.3f} / {max(anaf):.3f}, "
            f"{costs['generated-20-lines']:.3f} / {costs['generated-500-lines']:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40, help="timed runs per measurement")
    parser.add_argument("--cpu", action="store_true", help="fastest run on the CPU clock")
    args = parser.parse_args(argv)
    if args.cpu:
        CLOCK.update(clock=time.process_time, pick=min)
    if not XSLT.is_file():
        print(f"official artefact not found at {XSLT}", file=sys.stderr)
        return 2
    docs = documents()
    compare(docs, args.repeat)
    pattern_costs(docs, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
