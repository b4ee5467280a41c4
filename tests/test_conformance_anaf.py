"""Our rules against the official CIUS-RO 1.0.9 artefact on ANAF's examples and their mutants.

For each example in ``../shared/standards/cius-ro-1.0.9/examples`` the fatal and the warning
rule ids from :func:`ro_efactura.validate` must equal the official ones. Then each example is
mutated once at a time (delete an element, blank a value, lengthen a text, break a date, a
county, a CUI or an amount, add an element EN 16931 does not use) and the fatal ids must still
match. The comparison covers the official patterns we implement (UBL syntax and CIUS-RO, plus
the EN 16931 model and code lists once their modules exist).

The official ids include Schematron *successful reports* (BR-RO-100/101/110/111/160/170/202/
212 are written that way), which ``tests/official.py`` leaves out; so this module runs the
stylesheet itself, once compiled. The helpers here (loading, mutating, the official run) are
shared with the other rule test modules.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from functools import cache

import pytest
from lxml import etree

from ro_efactura import validate
from ro_efactura._xml import NS
from ro_efactura.rules import q
from tests.official import ANAF_EXAMPLES, STANDARDS, require_standards

XSLT = STANDARDS / "cius-ro-1.0.9" / "EN16931-CIUS_RO-UBL-validation.xslt"
_SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_XSL = "{http://www.w3.org/1999/XSL/Transform}"
_CN = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
_MODULES = {"M12": "en16931", "M13": "syntax", "M14": "codelists", "M15": "cius_ro"}
EXAMPLES = sorted(p.name for p in ANAF_EXAMPLES.glob("*.xml")) if ANAF_EXAMPLES.is_dir() else []

Mutation = Callable[[etree._Element], None]


# --- the official artefact --------------------------------------------------------------------


@cache
def _stylesheet():
    saxonche = pytest.importorskip("saxonche", reason="saxonche runs the official XSLT")
    processor = saxonche.PySaxonProcessor(license=False)
    return processor, processor.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(XSLT))


def official_ids(xml: bytes) -> dict[str, str] | None:
    """The official findings of ``xml`` as ``{rule id: flag}``; ``None`` when Saxon stops
    with a dynamic error (the artefact then gives no verdict)."""
    require_standards()
    processor, stylesheet = _stylesheet()
    try:
        node = processor.parse_xml(xml_text=xml.decode("utf-8"))
        report = etree.fromstring(stylesheet.transform_to_string(xdm_node=node).encode())
    except Exception:  # saxonche raises PySaxonApiError on XPath dynamic errors
        return None
    found = report.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report")
    return {f.get("id"): f.get("flag") for f in found}


@cache
def official_rule_ids() -> dict[str, frozenset[str]]:
    """Every rule id of the official stylesheet, by XSLT mode (M12..M15)."""
    require_standards()
    ids: dict[str, set[str]] = {}
    for template in etree.parse(str(XSLT)).getroot().iter(f"{_XSL}template"):
        mode = template.get("mode", "")
        for attribute in template.iter(f"{_XSL}attribute"):
            if attribute.get("name") == "id" and mode in _MODULES:
                ids.setdefault(mode, set()).add(attribute.text.strip())
    return {mode: frozenset(found) for mode, found in ids.items()}


@cache
def official_texts() -> dict[str, list[str]]:
    """The official message texts, by rule id (to prove that ours are different)."""
    require_standards()
    texts: dict[str, list[str]] = {}
    root = etree.parse(str(XSLT)).getroot()
    for found in root.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        ids = [a.text for a in found.iter(f"{_XSL}attribute") if a.get("name") == "id"]
        texts.setdefault(ids[0], []).append("".join(found.find(f"{_SVRL}text").itertext()))
    return texts


@cache
def official_flags() -> dict[str, str]:
    """The official severity (``fatal`` or ``warning``) of every rule id."""
    require_standards()
    flags = {}
    root = etree.parse(str(XSLT)).getroot()
    for found in root.iter(f"{_SVRL}failed-assert", f"{_SVRL}successful-report"):
        values = {a.get("name"): a.text for a in found.iter(f"{_XSL}attribute")}
        flags[values["id"]] = values["flag"]
    return flags


def compared_ids() -> frozenset[str]:
    """The official ids of the patterns whose rule module exists in ``ro_efactura.rules``."""
    present = [
        mode
        for mode, module in _MODULES.items()
        if importlib.util.find_spec(f"ro_efactura.rules.{module}") is not None
    ]
    return frozenset().union(*(official_rule_ids()[mode] for mode in present))


def our_ids(xml: bytes) -> dict[str, str]:
    """Our findings of ``xml`` as ``{rule id: severity}``."""
    return {f.rule: f.severity.value for f in validate(xml)}


def fatal(ids: dict[str, str], within: frozenset[str]) -> set[str]:
    return {rule for rule, flag in ids.items() if flag == "fatal" and rule in within}


# --- documents and mutations ------------------------------------------------------------------


def load(name: str = "ubl_b2g_example0.xml") -> etree._Element:
    """An ANAF example as a fresh tree, without comments."""
    require_standards()
    parser = etree.XMLParser(remove_comments=True)
    return etree.fromstring((ANAF_EXAMPLES / name).read_bytes(), parser)


def to_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def mutated(mutation: Mutation | None, base: Callable[[], etree._Element] = load) -> bytes:
    root = base()
    if mutation is not None:
        mutation(root)
    return to_bytes(root)


def find_all(root: etree._Element, path: str) -> list[etree._Element]:
    """XPath from the root (``.//`` for anywhere), with the UBL prefixes."""
    return root.xpath(path, namespaces=NS)


def set_text(path: str, text: str, *, index: int = 0) -> Mutation:
    def mutate(root):
        find_all(root, path)[index].text = text

    return mutate


def remove(path: str) -> Mutation:
    def mutate(root):
        for element in find_all(root, path):
            element.getparent().remove(element)

    return mutate


def add(parent: str, fragment: str, *, position: int | None = None, index: int = 0) -> Mutation:
    """Insert ``fragment`` (with ``cac:``/``cbc:`` prefixes) into the ``index``-th ``parent``."""

    def mutate(root):
        declarations = " ".join(f'xmlns:{p}="{u}"' for p, u in NS.items() if p in ("cac", "cbc"))
        wrapper = etree.fromstring(f"<w {declarations}>{fragment}</w>")
        target = find_all(root, parent)[index]
        for offset, child in enumerate(list(wrapper)):
            if position is None:
                target.append(child)
            else:
                target.insert(position + offset, child)

    return mutate


def set_attribute(path: str, name: str, value: str | None) -> Mutation:
    def mutate(root):
        for element in find_all(root, path):
            if value is None:
                element.attrib.pop(name, None)
            else:
                element.set(name, value)

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(root):
        for mutation in mutations:
            mutation(root)

    return mutate


def credit_note(name: str = "ubl_b2g_example0.xml") -> etree._Element:
    """An ANAF invoice example turned into a credit note (type 381, credit note lines, the due
    date moved into the payment means)."""
    invoice = load(name)
    nsmap = {None: _CN, "cac": NS["cac"], "cbc": NS["cbc"]}
    root = etree.Element(f"{{{_CN}}}CreditNote", nsmap=nsmap)
    root.extend(list(invoice))
    renames = {
        "cbc:InvoiceTypeCode": "cbc:CreditNoteTypeCode",
        "cac:InvoiceLine": "cac:CreditNoteLine",
        "cac:CreditNoteLine/cbc:InvoicedQuantity": "cbc:CreditedQuantity",
    }
    for old, new in renames.items():
        for element in find_all(root, old):
            element.tag = q(new)
    find_all(root, "cbc:CreditNoteTypeCode")[0].text = "381"
    remove("cbc:DueDate")(root)
    add("cac:PaymentMeans", "<cbc:PaymentDueDate>2021-11-15</cbc:PaymentDueDate>", position=1)(root)
    return root


# --- the examples -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_example_gets_the_official_fatal_and_warning_ids(name):
    xml = (ANAF_EXAMPLES / name).read_bytes()
    official, ours, within = official_ids(xml), our_ids(xml), compared_ids()
    assert fatal(ours, within) == fatal(official, within)
    warnings = {r for r, flag in official.items() if flag == "warning" and r in within}
    assert {r for r, s in ours.items() if s == "warning" and r in within} == warnings


def test_compared_ids_cover_our_two_patterns():
    within = compared_ids()
    assert {"UBL-CR-001", "UBL-SR-01", "BR-RO-001", "BR-DEC-RO-01"} <= within


def test_credit_note_base_is_clean_for_cius_ro_and_syntax():
    xml = to_bytes(credit_note())
    mine = official_rule_ids()["M13"] | official_rule_ids()["M15"]
    assert fatal(official_ids(xml), mine) == set()
    assert fatal(our_ids(xml), mine) == set()


# --- the mutation corpus ----------------------------------------------------------------------

_DATES = ".//cbc:IssueDate | .//cbc:DueDate | .//cbc:PaymentDueDate | .//cbc:EndDate"
_COUNTIES = ".//cbc:CountrySubentity"
_CUIS = ".//cac:PartyTaxScheme/cbc:CompanyID | .//cac:PartyLegalEntity/cbc:CompanyID"
_AMOUNTS = ".//*[substring(local-name(), string-length(local-name()) - 5) = 'Amount']"
_FORBIDDEN = (
    (".", "<cbc:UUID>1</cbc:UUID>"),
    (".", "<cac:Signature><cbc:ID>S</cbc:ID></cac:Signature>"),
    ("cac:AccountingSupplierParty/cac:Party", "<cbc:WebsiteURI>x</cbc:WebsiteURI>"),
    ("cac:PaymentMeans", "<cbc:PaymentChannelCode>x</cbc:PaymentChannelCode>"),
    ("cac:LegalMonetaryTotal", "<cbc:PayableAlternativeAmount>1</cbc:PayableAlternativeAmount>"),
    ("cac:InvoiceLine/cac:Item", "<cbc:Keyword>x</cbc:Keyword>"),
    ("cac:CreditNoteLine/cac:Item", "<cbc:Keyword>x</cbc:Keyword>"),
)


def _corpus_mutations(root: etree._Element) -> list[tuple[str, Mutation]]:
    """About 40 single mutations of one example, picked deterministically."""
    leaves = [e for e in root.iter(etree.Element) if len(e) == 0 and e.getparent() is not None]
    groups = [e for e in root.iter(etree.Element) if len(e) and e.getparent() is not None]
    chosen: list[tuple[str, Mutation]] = []

    def at(path: str, index: int, action: Callable[[etree._Element], None]) -> Mutation:
        return lambda r: action(r.xpath(path, namespaces=NS)[index])

    def tree_path(element: etree._Element) -> str:
        return root.getroottree().getpath(element)

    for element in groups[:: max(1, len(groups) // 8)]:
        chosen.append((f"delete {tree_path(element)}", at(tree_path(element), 0, _delete)))
    for element in leaves[:: max(1, len(leaves) // 8)]:
        path = tree_path(element)
        chosen.append((f"blank {path}", at(path, 0, lambda e: setattr(e, "text", ""))))
        chosen.append((f"lengthen {path}", at(path, 0, _lengthen)))
    for path, values in (
        (_DATES, ("2021-02-29", "21-11-12", "2021-11-12 ")),
        (_COUNTIES, ("RO-XX", "Sector 1", "RO-B")),
        (_CUIS, ("", "RO", "RO 123")),
        (_AMOUNTS, ("10.005", "-1.5", "1e3")),
    ):
        for index, value in enumerate(values):
            count = len(find_all(root, path))
            if count:
                chosen.append((f"{value!r} in {path}", at(path, index % count, _setter(value))))
    for parent, fragment in _FORBIDDEN:
        if find_all(root, parent):
            chosen.append((f"add {fragment}", add(parent, fragment)))
    return chosen


def _delete(element: etree._Element) -> None:
    element.getparent().remove(element)


def _lengthen(element: etree._Element) -> None:
    element.text = (element.text or "x").strip() + " lungime" * 130


def _setter(value: str) -> Callable[[etree._Element], None]:
    return lambda element: setattr(element, "text", value)


#: The examples, and two of them turned into credit notes (ANAF publishes none).
BASES = [*EXAMPLES, *(f"credit note from {name}" for name in EXAMPLES[:1] + EXAMPLES[6:7])]


def base_document(label: str) -> etree._Element:
    prefix = "credit note from "
    return credit_note(label[len(prefix) :]) if label.startswith(prefix) else load(label)


@pytest.mark.parametrize("label", BASES)
def test_mutants_get_the_official_fatal_ids(label):
    within = compared_ids()
    mismatches, compared = [], 0
    for name, mutation in _corpus_mutations(base_document(label)):
        xml = mutated(mutation, lambda: base_document(label))
        official = official_ids(xml)
        if official is None:  # Saxon stopped: the artefact gives no verdict to compare with
            continue
        compared += 1
        ours, theirs = fatal(our_ids(xml), within), fatal(official, within)
        if ours != theirs:
            mismatches.append((name, sorted(ours - theirs), sorted(theirs - ours)))
    assert mismatches == []
    assert compared >= 25


def test_corpus_holds_each_kind_of_mutation():
    labels = " ".join(label for label, _ in _corpus_mutations(load()))
    for kind in ("delete", "blank", "lengthen", "'2021-02-29'", "'RO-XX'", "'RO 123'", "UUID"):
        assert kind in labels
    assert re.search(r"'10\.005' in", labels)
