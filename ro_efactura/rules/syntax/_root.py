"""The UBL syntax rules checked on the root element (UBL-SR-*, UBL-CR-*, UBL-DT-08..28).

In the official artefact one rule context, ``/ubl:Invoice | /cn:CreditNote``, carries 725
rules: the ~700 "must not be present" rules of :mod:`._forbidden`, the cardinality rules on
document-level groups (UBL-SR-01..49), five conditional UBL-CR rules and UBL-DT-18.

All of them are computed together, once per document (:func:`root_violations`), and
:class:`SyntaxPattern` reports the broken ones. The findings are the same as if the engine
called every rule on the root (no other context of the pattern can match the root element),
but a document costs one pass instead of 725 calls.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">'
...        b'<cac:Delivery/><cac:Delivery/></Invoice>')
>>> sorted(root_violations(Document(parse(xml))))
['UBL-SR-24']
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from lxml import etree

from ..._xml import element_path
from .._core import Context, Document, Finding, Rule, Severity, Text, q
from ._forbidden import FORBIDDEN, violations
from ._guarded import GuardedPattern
from ._xpath import Path, descend, string_value

__all__ = ["ROOT_RULES", "RootRules", "SyntaxPattern", "children", "root_violations"]

_logger = logging.getLogger(__name__)

_ADR = q("cac:AdditionalDocumentReference")
_DOC_TYPE = q("cbc:DocumentTypeCode")
_ID = q("cbc:ID")
_TAX_SCHEME = q("cac:TaxScheme")
_PAYMENT_MEANS_CODE = q("cbc:PaymentMeansCode")
_SUPPLIER = "cac:AccountingSupplierParty/cac:Party"
_CUSTOMER = "cac:AccountingCustomerParty/cac:Party"

Check = Callable[[Document, etree._Element], bool]


def children(node: etree._Element, tag: str) -> list[etree._Element]:
    """The child elements of ``node`` with this Clark tag."""
    return [child for child in node if child.tag == tag]


def _once(ro: str, en: str, term: str) -> Text:
    return Text(
        ro=f"{ro} ({term}) apare de mai multe ori; păstrați o singură apariție.",
        en=f"{en} ({term}) occurs more than once; keep a single occurrence.",
    )


def _at_most_one(path: str) -> Check:
    compiled = Path(path)
    return compiled.at_most_one


def _doc_types(adr: etree._Element) -> list[str]:
    return [string_value(code) for code in children(adr, _DOC_TYPE)]


_ROOT_ADR = Path("cac:AdditionalDocumentReference")


def _invoiced_object_ids(doc: Document, root: etree._Element) -> bool:
    """UBL-SR-04: ``count(cac:AdditionalDocumentReference[DTC='130']/cbc:ID) <= 1``."""
    objects = [adr for adr in _ROOT_ADR.nodes(doc, root) if "130" in _doc_types(adr)]
    return sum(len(children(adr, _ID)) for adr in objects) <= 1


def _scheme_ids(party_tax_scheme: etree._Element) -> list[str]:
    # ``cac:TaxScheme/upper-case(cbc:ID)``: one value per TaxScheme, "" when it has no ID.
    return [
        "".join(string_value(i) for i in children(scheme, _ID)).upper()
        for scheme in children(party_tax_scheme, _TAX_SCHEME)
    ]


def _tax_ids(party_path: str, vat: bool) -> Check:
    """UBL-SR-12/13/18: at most one CompanyID in PartyTaxScheme for (or not for) VAT."""
    steps = Path(f"{party_path}/cac:PartyTaxScheme").steps
    company = q("cbc:CompanyID")

    def check(doc: Document, root: etree._Element) -> bool:
        schemes = descend(doc, root, steps)
        found = [(pts, doc.children(pts).get(company, ())) for pts in schemes]
        if sum(len(ids) for _, ids in found) <= 1:  # whatever the schemes say
            return True
        chosen = [ids for pts, ids in found if any((v == "VAT") is vat for v in _scheme_ids(pts))]
        return sum(len(ids) for ids in chosen) <= 1

    return check


_PARTY_IDENTIFICATION = q("cac:PartyIdentification")


def _one_sepa_id(doc: Document, root: etree._Element) -> bool:
    """UBL-SR-29: at most one party identifier in the SEPA scheme, anywhere."""
    if sum(a.value.upper() == "SEPA" for a in doc.attributes("schemeID")) <= 1:
        return True
    sepa = [
        i
        for party in doc.elements(_PARTY_IDENTIFICATION)
        for i in children(party, _ID)
        if (i.get("schemeID") or "").upper() == "SEPA"
    ]
    return len(sepa) <= 1


def _one_distinct(tag: str) -> Check:
    """UBL-SR-44/47: the elements with ``tag``, anywhere, hold at most one distinct value."""
    return lambda doc, root: len({string_value(e) for e in doc.elements(tag)}) <= 1


_UBL_VERSION = Path("cbc:UBLVersionID")


def _ubl_version(doc: Document, root: etree._Element) -> bool:
    versions = [string_value(v) for v in _UBL_VERSION.nodes(doc, root)]
    return not versions or "2.1" in versions


_PAYMENT_DUE_DATE = Path("cac:PaymentMeans/cbc:PaymentDueDate")


def _no_payment_due_date(doc: Document, root: etree._Element) -> bool:
    # UBL-CR-412 allows it in a credit note (where it carries BT-9).
    return doc.kind == "CreditNote" or not _PAYMENT_DUE_DATE.nodes(doc, root)


def _no_scheme_outside_invoiced_object(doc: Document, root: etree._Element) -> bool:
    """UBL-CR-665: ``cbc:ID/@schemeID`` only in the reference with DocumentTypeCode 130."""
    for adr in doc.elements(_ADR):
        codes = _doc_types(adr)
        if (not codes or any(code != "130" for code in codes)) and any(
            i.get("schemeID") is not None for i in children(adr, _ID)
        ):
            return False
    return True


def _invoiced_object_without(tag: str) -> Check:
    """UBL-CR-666/673: the invoiced object reference (code 130) holds no ``tag``."""
    wanted = q(tag)
    return lambda doc, root: (
        not any("130" in _doc_types(adr) and children(adr, wanted) for adr in doc.elements(_ADR))
    )


def _name_only_on_payment_means(doc: Document, root: etree._Element) -> bool:
    """UBL-DT-18: the ``name`` attribute appears only on cbc:PaymentMeansCode."""
    return all(a.element.tag == _PAYMENT_MEANS_CODE for a in doc.attributes("name"))


_W, _F = Severity.WARNING, Severity.FATAL

#: The conditional root rules: id, severity, message, check (True when the rule holds).
_CHECKS: tuple[tuple[str, Severity, Text, Check], ...] = (
    ("UBL-CR-002", _W, Text(
        ro="Versiunea UBL (cbc:UBLVersionID) trebuie să fie 2.1; corectați-o sau eliminați "
        "elementul.",
        en="The UBL version (cbc:UBLVersionID) must be 2.1; correct it or remove the element.",
    ), _ubl_version),
    ("UBL-CR-412", _W, Text(
        ro="O factură nu poartă data scadenței în instrucțiunile de plată "
        "(cac:PaymentMeans/cbc:PaymentDueDate); folosiți cbc:DueDate (BT-9).",
        en="An invoice does not carry the due date in its payment instructions "
        "(cac:PaymentMeans/cbc:PaymentDueDate); use cbc:DueDate (BT-9).",
    ), _no_payment_due_date),
    ("UBL-CR-665", _W, Text(
        ro="Atributul schemeID al identificatorului unui document justificativ este permis "
        "doar pentru obiectul facturat (cod 130, BT-18); eliminați-l din celelalte.",
        en="The schemeID attribute of a supporting document identifier is allowed only for "
        "the invoiced object (code 130, BT-18); remove it from the others.",
    ), _no_scheme_outside_invoiced_object),
    ("UBL-CR-666", _F, Text(
        ro="Referința la obiectul facturat (cod 130, BT-18) nu poate avea atașament "
        "(cac:Attachment); puneți fișierul într-un alt document justificativ (BG-24).",
        en="The invoiced object reference (code 130, BT-18) cannot hold an attachment "
        "(cac:Attachment); put the file in another supporting document (BG-24).",
    ), _invoiced_object_without("cac:Attachment")),
    ("UBL-CR-673", _F, Text(
        ro="Referința la obiectul facturat (cod 130, BT-18) nu poate avea descriere "
        "(cbc:DocumentDescription); eliminați descrierea.",
        en="The invoiced object reference (code 130, BT-18) cannot hold a description "
        "(cbc:DocumentDescription); remove the description.",
    ), _invoiced_object_without("cbc:DocumentDescription")),
    ("UBL-DT-18", _W, Text(
        ro="Atributul name este permis doar pe codul instrumentului de plată "
        "(cbc:PaymentMeansCode, BT-82); eliminați-l de pe celelalte elemente.",
        en="The name attribute is allowed only on the payment means code "
        "(cbc:PaymentMeansCode, BT-82); remove it from the other elements.",
    ), _name_only_on_payment_means),
    ("UBL-SR-01", _F, _once("Referința contractului", "The contract reference", "BT-12"),
     _at_most_one("cac:ContractDocumentReference/cbc:ID")),
    ("UBL-SR-02", _F, _once("Referința avizului de recepție", "The receiving advice reference",
     "BT-15"), _at_most_one("cac:ReceiptDocumentReference/cbc:ID")),
    ("UBL-SR-03", _F, _once("Referința avizului de expediție", "The despatch advice reference",
     "BT-16"), _at_most_one("cac:DespatchDocumentReference/cbc:ID")),
    ("UBL-SR-04", _F, _once("Identificatorul obiectului facturat",
     "The invoiced object identifier", "BT-18"), _invoiced_object_ids),
    ("UBL-SR-05", _F, _once("Nota cu termenii de plată", "The payment terms note", "BT-20"),
     _at_most_one("cac:PaymentTerms/cbc:Note")),
    ("UBL-SR-08", _F, _once("Perioada de facturare", "The invoicing period", "BG-14"),
     _at_most_one("cac:InvoicePeriod")),
    ("UBL-SR-09", _F, _once("Numele vânzătorului", "The seller name", "BT-27"),
     _at_most_one(f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:RegistrationName")),
    ("UBL-SR-10", _F, _once("Denumirea comercială a vânzătorului", "The seller trading name",
     "BT-28"), _at_most_one(f"{_SUPPLIER}/cac:PartyName/cbc:Name")),
    ("UBL-SR-11", _F, _once("Identificatorul de înregistrare legală al vânzătorului",
     "The seller legal registration identifier", "BT-30"),
     _at_most_one(f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyID")),
    ("UBL-SR-12", _F, _once("Codul de TVA al vânzătorului", "The seller VAT identifier",
     "BT-31"), _tax_ids(_SUPPLIER, vat=True)),
    ("UBL-SR-13", _F, _once("Identificatorul fiscal de înregistrare al vânzătorului",
     "The seller tax registration identifier", "BT-32"), _tax_ids(_SUPPLIER, vat=False)),
    ("UBL-SR-14", _F, _once("Informațiile juridice suplimentare ale vânzătorului",
     "The seller additional legal information", "BT-33"),
     _at_most_one(f"{_SUPPLIER}/cac:PartyLegalEntity/cbc:CompanyLegalForm")),
    ("UBL-SR-15", _F, _once("Numele cumpărătorului", "The buyer name", "BT-44"),
     _at_most_one(f"{_CUSTOMER}/cac:PartyLegalEntity/cbc:RegistrationName")),
    ("UBL-SR-16", _F, _once("Identificatorul cumpărătorului", "The buyer identifier", "BT-46"),
     _at_most_one(f"{_CUSTOMER}/cac:PartyIdentification/cbc:ID")),
    ("UBL-SR-17", _F, _once("Identificatorul de înregistrare legală al cumpărătorului",
     "The buyer legal registration identifier", "BT-47"),
     _at_most_one(f"{_CUSTOMER}/cac:PartyLegalEntity/cbc:CompanyID")),
    ("UBL-SR-18", _F, _once("Codul de TVA al cumpărătorului", "The buyer VAT identifier",
     "BT-48"), _tax_ids(_CUSTOMER, vat=True)),
    ("UBL-SR-24", _F, _once("Grupul de informații despre livrare", "The delivery information",
     "BG-13"), _at_most_one("cac:Delivery")),
    ("UBL-SR-29", _F, _once("Identificatorul creditorului atribuit de bancă (schema SEPA)",
     "The bank assigned creditor identifier (SEPA scheme)", "BT-90"), _one_sepa_id),
    ("UBL-SR-39", _F, _once("Referința proiectului", "The project reference", "BT-11"),
     _at_most_one("cac:ProjectReference/cbc:ID")),
    ("UBL-SR-40", _F, _once("Denumirea comercială a cumpărătorului", "The buyer trading name",
     "BT-45"), _at_most_one(f"{_CUSTOMER}/cac:PartyName/cbc:Name")),
    ("UBL-SR-44", _F, Text(
        ro="Documentul are mai multe referințe de plată diferite (BT-83); folosiți aceeași "
        "referință în toate instrucțiunile de plată.",
        en="The document holds different payment references (BT-83); use the same reference "
        "in every payment instruction.",
    ), _one_distinct(q("cbc:PaymentID"))),
    ("UBL-SR-45", _F, _once("Data scadenței din instrucțiunile de plată",
     "The due date in the payment instructions", "BT-9"),
     _at_most_one("cac:PaymentMeans/cbc:PaymentDueDate")),
    ("UBL-SR-46", _F, _once("Textul instrumentului de plată", "The payment means text",
     "BT-82"), _at_most_one("cac:PaymentMeans/cbc:PaymentMeansCode/@name")),
    ("UBL-SR-47", _F, Text(
        ro="Documentul folosește mai multe coduri diferite de instrument de plată (BT-81); "
        "alegeți un singur cod.",
        en="The document uses several different payment means codes (BT-81); choose a "
        "single code.",
    ), _one_distinct(_PAYMENT_MEANS_CODE)),
    ("UBL-SR-49", _F, _once("Codul datei de exigibilitate a TVA", "The VAT point date code",
     "BT-8"), _at_most_one("cac:InvoicePeriod/cbc:DescriptionCode")),
)  # fmt: skip

#: Every root rule: id, severity and message, the table rules first.
ROOT_RULES: tuple[tuple[str, Severity, Text], ...] = (
    *((entry.rule, _W, entry.message) for entry in FORBIDDEN.values()),
    *((rule_id, severity, message) for rule_id, severity, message, _ in _CHECKS),
)

_ROOT_IDS = frozenset(rule_id for rule_id, _, _ in ROOT_RULES)
_KEY = "syntax.root-violations"


def root_violations(doc: Document) -> frozenset[str]:
    """The ids of the root rules that ``doc`` breaks, computed once per document."""
    return doc.memo(_KEY, lambda: frozenset(_compute(doc)))


def _compute(doc: Document) -> set[str]:
    broken = violations(doc)
    for rule_id, _, _, check in _CHECKS:
        try:
            holds = check(doc, doc.root)
        except Exception:  # like the engine: a bug in a rule reports it, never escapes
            _logger.exception("Rule %s raised; reporting it as failed", rule_id)
            holds = False
        if not holds:
            broken.add(rule_id)
    return broken


class RootRules(Context):
    """The official root context of the syntax pattern. The engine never walks it (it offers
    no node): :class:`SyntaxPattern` reports its rules from :func:`root_violations` instead."""

    def nodes(self, doc: Document) -> list:
        return []


class SyntaxPattern(GuardedPattern):
    """A :class:`Pattern` whose root rules are reported from one pass over the document.

    No other context of the pattern can match the root element, so the official root template
    always fires; reporting the broken root rules directly gives the same findings as calling
    the 725 checks one by one, for a few dictionary lookups.
    """

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._root_order: dict[str, tuple[int, Rule]] | None = None

    def run(self, doc: Document) -> Iterator[Finding]:
        yield from super().run(doc)
        broken = root_violations(doc)
        if broken:
            location = element_path(doc.root)
            order = self._root_rules()
            for _, rule in sorted(order[rule_id] for rule_id in broken):
                yield Finding(
                    rule=rule.id, severity=rule.severity, location=location, message=rule.message
                )

    def _root_rules(self) -> dict[str, tuple[int, Rule]]:
        if self._root_order is None:  # rules are all registered before the first run
            root_rules = [rule for rule in self.rules if rule.id in _ROOT_IDS]
            self._root_order = {rule.id: (i, rule) for i, rule in enumerate(root_rules)}
        return self._root_order
