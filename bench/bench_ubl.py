"""Benchmark the UBL writer and reader against lxml's own serialising and parsing.

For a 20-line and a 500-line invoice (tests.factories.make_n_lines), times in one process:

* ``write(model)`` against ``etree.tostring(tree)`` of the same document, already built;
* ``read(xml)`` against ``etree.fromstring(xml)`` of the same bytes.

The ratios say what our model mapping costs on top of lxml (target: within 3x). Times are the
best of 15 turns in process CPU time, which other work on a shared machine disturbs less than
wall time. Not a test; run it from the repository root: ``python bench/bench_ubl.py``.
"""

from __future__ import annotations

import sys
import time
import timeit
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ro_efactura.ubl import read, write
from tests.factories import make_n_lines

__all__ = ["bench"]


def _best(funcs: list, number: int) -> list[float]:
    """Best of 15 runs of each of ``funcs``, in CPU milliseconds per call. The functions take
    turns, so that a change of load on the machine weighs on all of them alike."""
    timers = [timeit.Timer(func, timer=time.process_time) for func in funcs]
    best = [float("inf")] * len(timers)
    for _ in range(15):
        best = [min(b, timer.timeit(number)) for b, timer in zip(best, timers, strict=True)]
    return [b / number * 1000 for b in best]


def bench(lines: int) -> list[float]:
    """Milliseconds per call: [write, lxml tostring, read, lxml fromstring]."""
    invoice = make_n_lines(lines)
    xml = write(invoice)
    tree = etree.fromstring(xml)
    number = max(1, 2000 // lines)
    return _best(
        [
            lambda: write(invoice),
            lambda: etree.tostring(tree, xml_declaration=True, encoding="UTF-8"),
            lambda: read(xml),
            lambda: etree.fromstring(xml),
        ],
        number,
    )


def main() -> None:
    print(f"{'lines':>5} {'write':>9} {'tostring':>9} {'ratio':>6}   "
          f"{'read':>9} {'fromstring':>10} {'ratio':>6}")  # fmt: skip
    for lines in (20, 500):
        w, ts, r, fs = bench(lines)
        print(f"{lines:>5} {w:8.3f}ms {ts:8.3f}ms {w / ts:5.1f}x   "
              f"{r:8.3f}ms {fs:9.3f}ms {r / fs:5.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
