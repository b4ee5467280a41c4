"""The UBL syntax rules (UBL-SR-*, UBL-DT-*, UBL-CR-*), one case per official id.

Like the CIUS-RO tests: each case breaks, then keeps, one rule on ANAF's example 0, and the
official artefact is asked for its verdict on the same documents. Where a duplicated element
also feeds a CIUS-RO length rule, Saxon stops with an error (``normalize-space`` of two
nodes) before giving any verdict; for those cases we check that it stops. The ~680 UBL-CR
rules are covered by a sample, plus a check that the table holds every official id.
"""

from __future__ import annotations

import pytest

from ro_efactura.rules import Severity
from ro_efactura.rules.syntax import PATTERN
from ro_efactura.rules.syntax._forbidden import FORBIDDEN
from tests.test_conformance_anaf import (
    add,
    both,
    credit_note,
    load,
    mutated,
    official_flags,
    official_ids,
    official_rule_ids,
    official_texts,
    our_ids,
    remove,
    set_attribute,
    set_text,
)

S = "/*/cac:AccountingSupplierParty/cac:Party"
C = "/*/cac:AccountingCustomerParty/cac:Party"
P = "/*/cac:PayeeParty"
T = "/*/cac:TaxRepresentativeParty"
LINE = "/*/cac:InvoiceLine[1]"
ADR = "/*/cac:AdditionalDocumentReference"
CN = "credit note"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"


def _twice(parent: str, fragment: str, position: int | None = None):
    return add(parent, fragment * 2, position=position)


def _tax_scheme(scheme: str, number: str = "RO2") -> str:
    return (
        f"<cac:PartyTaxScheme><cbc:CompanyID>{number}</cbc:CompanyID>"
        f"<cac:TaxScheme><cbc:ID>{scheme}</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
    )


def _payment_means(body: str) -> str:
    return f"<cac:PaymentMeans>{body}</cac:PaymentMeans>"


_DUE = "<cbc:PaymentDueDate>2021-11-15</cbc:PaymentDueDate>"
_OBJECT = (
    "<cac:AdditionalDocumentReference><cbc:ID>O1</cbc:ID>"
    "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>"
)

#: rule id -> (mutation that breaks it, mutation that keeps it, base document)
CASES = {
    "UBL-SR-01": (add("/*", "<cac:ContractDocumentReference><cbc:ID>2</cbc:ID>"
                  "</cac:ContractDocumentReference>"), None, None),
    "UBL-SR-02": (add("/*", "<cac:ReceiptDocumentReference><cbc:ID>2</cbc:ID>"
                  "</cac:ReceiptDocumentReference>"), None, None),
    "UBL-SR-03": (add("/*", "<cac:DespatchDocumentReference><cbc:ID>2</cbc:ID>"
                  "</cac:DespatchDocumentReference>"), None, None),
    "UBL-SR-04": (_twice("/*", _OBJECT, 20), add("/*", _OBJECT, position=20), None),
    "UBL-SR-05": (add("/*/cac:PaymentTerms", "<cbc:Note>b</cbc:Note>"), None, None),
    "UBL-SR-06": (add("/*/cac:BillingReference", "<cac:InvoiceDocumentReference><cbc:ID>2"
                  "</cbc:ID></cac:InvoiceDocumentReference>"), None, None),
    "UBL-SR-07": (remove("/*/cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID"), None,
                  None),
    "UBL-SR-08": (add("/*", "<cac:InvoicePeriod><cbc:StartDate>2009-11-01</cbc:StartDate>"
                  "</cac:InvoicePeriod>", position=14), None, None),
    "UBL-SR-09": (add(f"{S}/cac:PartyLegalEntity", "<cbc:RegistrationName>B</cbc:RegistrationName>",
                  position=0), None, None),
    "UBL-SR-10": (add(S, "<cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName>", position=2),
                  None, None),
    "UBL-SR-11": (add(f"{S}/cac:PartyLegalEntity", "<cbc:CompanyID>2</cbc:CompanyID>",
                  position=1), None, None),
    "UBL-SR-12": (add(S, _tax_scheme("vat"), position=4), add(S, _tax_scheme("FC"), position=4),
                  None),
    "UBL-SR-13": (add(S, _tax_scheme("FC") + _tax_scheme(""), position=4),
                  add(S, _tax_scheme("FC"), position=4), None),
    "UBL-SR-14": (add(f"{S}/cac:PartyLegalEntity",
                      "<cbc:CompanyLegalForm>B</cbc:CompanyLegalForm>"), None, None),
    "UBL-SR-15": (add(f"{C}/cac:PartyLegalEntity", "<cbc:RegistrationName>B</cbc:RegistrationName>",
                  position=0), None, None),
    "UBL-SR-16": (add(C, "<cac:PartyIdentification><cbc:ID>2</cbc:ID></cac:PartyIdentification>",
                  position=1), None, None),
    "UBL-SR-17": (add(f"{C}/cac:PartyLegalEntity", "<cbc:CompanyID>2</cbc:CompanyID>"), None,
                  None),
    "UBL-SR-18": (add(C, _tax_scheme("VAT") * 2, position=4),
                  add(C, _tax_scheme("VAT"), position=4), None),
    "UBL-SR-19": (set_text(f"{P}/cac:PartyName/cbc:Name", "The Sellercompany Incorporated"), None,
                  None),
    "UBL-SR-20": (add(P, "<cac:PartyIdentification><cbc:ID>2</cbc:ID></cac:PartyIdentification>",
                  position=0),
                  add(P, '<cac:PartyIdentification><cbc:ID schemeID="sepa">2</cbc:ID>'
                      "</cac:PartyIdentification>", position=0), None),
    "UBL-SR-21": (add(f"{P}/cac:PartyLegalEntity", "<cbc:CompanyID>2</cbc:CompanyID>"), None,
                  None),
    # UBL-SR-22/23 read cac:Party *inside* the tax representative, which UBL does not nest.
    "UBL-SR-22": (add(T, "<cac:Party>" + "<cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName>"
                      * 2 + "</cac:Party>"),
                  add(T, "<cac:Party><cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName>"
                      "</cac:Party>"), None),
    "UBL-SR-23": (add(T, f"<cac:Party>{_tax_scheme('VAT') * 2}</cac:Party>"),
                  add(T, f"<cac:Party>{_tax_scheme('VAT')}</cac:Party>"), None),
    "UBL-SR-24": (add("/*", "<cac:Delivery><cbc:ActualDeliveryDate>2022-01-15"
                  "</cbc:ActualDeliveryDate></cac:Delivery>", position=30), None, None),
    "UBL-SR-25": (add("/*/cac:Delivery/cac:DeliveryParty", "<cac:PartyName><cbc:Name>B</cbc:Name>"
                  "</cac:PartyName>"), None, None),
    "UBL-SR-26": (add("/*/cac:PaymentMeans", "<cbc:PaymentID>2</cbc:PaymentID>", position=3),
                  None, None),
    "UBL-SR-27": (add("/*/cac:PaymentMeans", "<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>",
                  position=1), None, None),
    "UBL-SR-28": (add("/*/cac:PaymentMeans/cac:PaymentMandate", "<cbc:ID>2</cbc:ID>", position=1),
                  None, None),
    "UBL-SR-29": (both(set_attribute(f"{S}/cac:PartyIdentification/cbc:ID", "schemeID", "SEPA"),
                       set_attribute(f"{C}/cac:PartyIdentification/cbc:ID", "schemeID", "sepa")),
                  set_attribute(f"{S}/cac:PartyIdentification/cbc:ID", "schemeID", "SEPA"), None),
    "UBL-SR-30": (add("/*/cac:AllowanceCharge[cbc:ChargeIndicator='false']",
                      "<cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason>", position=3),
                  None, None),
    "UBL-SR-31": (add("/*/cac:AllowanceCharge[cbc:ChargeIndicator='true']",
                      "<cbc:AllowanceChargeReason>b</cbc:AllowanceChargeReason>", position=3),
                  None, None),
    "UBL-SR-32": (add("/*/cac:TaxTotal/cac:TaxSubtotal[3]/cac:TaxCategory",
                      "<cbc:TaxExemptionReason>b</cbc:TaxExemptionReason>", position=4),
                  None, None),
    "UBL-SR-33": (add(ADR, "<cbc:DocumentDescription>b</cbc:DocumentDescription>", position=2),
                  None, None),
    "UBL-SR-34": (add(LINE, "<cbc:Note>b</cbc:Note>", position=2), None, None),
    "UBL-SR-35": (add(f"{LINE}/cac:OrderLineReference", "<cbc:LineID>2</cbc:LineID>"), None, None),
    "UBL-SR-36": (add(LINE, "<cac:InvoicePeriod><cbc:StartDate>2021-09-05</cbc:StartDate>"
                  "</cac:InvoicePeriod>", position=5), None, None),
    "UBL-SR-37": (add(f"{LINE}/cac:Price/cac:AllowanceCharge", "<cbc:Amount>1</cbc:Amount>",
                  position=1), None, None),
    "UBL-SR-39": (add("/*", "<cac:ProjectReference><cbc:ID>2</cbc:ID></cac:ProjectReference>",
                  position=20), None, None),
    "UBL-SR-40": (add(C, "<cac:PartyName><cbc:Name>B</cbc:Name></cac:PartyName>", position=2),
                  None, None),
    "UBL-SR-42": (add(S, _tax_scheme("FC") * 2, position=4), add(S, _tax_scheme("FC"), position=4),
                  None),
    "UBL-SR-43": (add(ADR, "<cbc:DocumentTypeCode>916</cbc:DocumentTypeCode>", position=1), None,
                  None),
    "UBL-SR-44": (add("/*", _payment_means("<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>"
                                           "<cbc:PaymentID>other</cbc:PaymentID>"), position=25),
                  add("/*", _payment_means("<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>"
                                           "<cbc:PaymentID>1800355</cbc:PaymentID>"), position=25),
                  None),
    "UBL-SR-45": (_twice("/*/cac:PaymentMeans", _DUE, 1), None, CN),
    "UBL-SR-46": (add("/*", _payment_means('<cbc:PaymentMeansCode name="Card">48'
                                           "</cbc:PaymentMeansCode>"), position=25),
                  add("/*", _payment_means("<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>"),
                      position=25), None),
    "UBL-SR-47": (add("/*", _payment_means("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"),
                      position=25),
                  add("/*", _payment_means("<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>"),
                      position=25), None),
    "UBL-SR-48": (remove(f"{LINE}/cac:Item/cac:ClassifiedTaxCategory"), None, None),
    "UBL-SR-49": (_twice("/*/cac:InvoicePeriod", "<cbc:DescriptionCode>3</cbc:DescriptionCode>"),
                  add("/*/cac:InvoicePeriod", "<cbc:DescriptionCode>3</cbc:DescriptionCode>"),
                  None),
    "UBL-SR-50": (add(f"{LINE}/cac:Item", "<cbc:Description>b</cbc:Description>", position=0),
                  None, None),
    "UBL-DT-01": (set_text("/*/cac:LegalMonetaryTotal/cbc:PayableAmount", "659.891"),
                  set_text("/*/cac:LegalMonetaryTotal/cbc:PayableAmount", "659.8"), None),
    "UBL-DT-06": (set_attribute(f"{ADR}/cac:Attachment/*", "mimeCode", None), None, None),
    "UBL-DT-07": (set_attribute(f"{ADR}/cac:Attachment/*", "filename", None), None, None),
    "UBL-DT-18": (set_attribute("/*/cbc:ID", "name", "x"), None, None),
    "UBL-CR-001": (add("/*", f'<ext:UBLExtensions xmlns:ext="{EXT}"/>', position=0), None, None),
    "UBL-CR-002": (set_text("/*/cbc:UBLVersionID", "2.0"), remove("/*/cbc:UBLVersionID"), None),
    "UBL-CR-005": (add("/*", "<cbc:UUID>u</cbc:UUID>", position=3), None, None),
    "UBL-CR-412": (add("/*/cac:PaymentMeans", _DUE, position=1), None, None),
    "UBL-CR-430": (add("//cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch",
                       "<cac:FinancialInstitution><cbc:Name>B</cbc:Name></cac:FinancialInstitution>"),
                   None, None),
    "UBL-CR-600": (add(f"{LINE}/cac:Item/cac:ClassifiedTaxCategory",
                       "<cbc:TaxExemptionReasonCode>x</cbc:TaxExemptionReasonCode>", position=2),
                   None, None),
    "UBL-CR-650": (set_attribute("/*/cbc:ID", "schemeID", "x"), None, None),
    "UBL-CR-655": (set_attribute("//cac:FinancialInstitutionBranch/cbc:ID", "schemeID", "BIC"),
                   None, None),
    "UBL-CR-663": (set_attribute(f"{LINE}/cbc:InvoicedQuantity", "unitCodeListID", "x"), None,
                   None),
    "UBL-CR-665": (set_attribute(f"{ADR}/cbc:ID", "schemeID", "AAA"), None, None),
    "UBL-CR-666": (add(ADR, "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>", position=1),
                   None, None),
    "UBL-CR-670": (add(f"{LINE}/cac:Price/cac:AllowanceCharge",
                       "<cbc:AllowanceChargeReason>r</cbc:AllowanceChargeReason>", position=1),
                   None, None),
    "UBL-CR-673": (add(ADR, "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode>", position=1),
                   None, None),
    "UBL-CR-681": (None, remove("/*/cac:PaymentMeans/cbc:InstructionNote"), None),
}  # fmt: skip

_DT_ATTRIBUTES = {
    "UBL-DT-08": "schemeName", "UBL-DT-09": "schemeAgencyName", "UBL-DT-10": "schemeDataURI",
    "UBL-DT-11": "schemeURI", "UBL-DT-12": "format", "UBL-DT-13": "unitCodeListIdentifier",
    "UBL-DT-14": "unitCodeListAgencyIdentifier", "UBL-DT-15": "unitCodeListAgencyName",
    "UBL-DT-16": "listAgencyName", "UBL-DT-17": "listName", "UBL-DT-19": "languageID",
    "UBL-DT-20": "listURI", "UBL-DT-21": "listSchemeURI", "UBL-DT-22": "languageLocaleID",
    "UBL-DT-23": "uri", "UBL-DT-24": "currencyCodeListVersionID",
    "UBL-DT-25": "characterSetCode", "UBL-DT-26": "encodingCode", "UBL-DT-27": "schemeAgencyID",
    "UBL-DT-28": "listAgencyID",
}  # fmt: skip
CASES.update(
    {
        rule: (set_attribute(f"{LINE}/cbc:Note", name, "x"), None, None)
        for rule, name in _DT_ATTRIBUTES.items()
    }
)

#: Duplicates that also feed a CIUS-RO length rule: Saxon stops before giving a verdict.
OFFICIAL_STOPS = {
    "UBL-SR-01", "UBL-SR-02", "UBL-SR-03", "UBL-SR-05", "UBL-SR-06", "UBL-SR-09", "UBL-SR-10",
    "UBL-SR-14", "UBL-SR-15", "UBL-SR-25", "UBL-SR-27", "UBL-SR-26", "UBL-SR-33", "UBL-SR-34",
    "UBL-SR-40", "UBL-SR-50",
}  # fmt: skip


def _base(kind):
    return credit_note if kind == CN else load


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_breaks(rule):
    breaking, _, kind = CASES[rule]
    assert rule in our_ids(mutated(breaking, _base(kind)))


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_holds(rule):
    _, passing, kind = CASES[rule]
    assert rule not in our_ids(mutated(passing, _base(kind)))


@pytest.mark.parametrize("rule", sorted(set(CASES) - OFFICIAL_STOPS))
def test_case_matches_the_official_verdicts(rule):
    breaking, passing, kind = CASES[rule]
    assert rule in official_ids(mutated(breaking, _base(kind)))
    assert rule not in official_ids(mutated(passing, _base(kind)))


@pytest.mark.parametrize("rule", sorted(OFFICIAL_STOPS))
def test_official_artefact_stops_on_the_case(rule):
    breaking, _, kind = CASES[rule]
    assert official_ids(mutated(breaking, _base(kind))) is None


def test_credit_note_may_carry_the_payment_due_date():
    xml = mutated(None, credit_note)
    assert "UBL-CR-412" not in our_ids(xml)
    assert "UBL-CR-412" not in official_ids(xml)


def test_table_covers_every_official_ubl_cr_rule():
    official = {r for r in official_rule_ids()["M13"] if r.startswith("UBL-CR-")}
    conditional = {"UBL-CR-002", "UBL-CR-412", "UBL-CR-665", "UBL-CR-666", "UBL-CR-673"}
    assert {r for r in FORBIDDEN if r.startswith("UBL-CR-")} == official - conditional
    assert len(official) == 679


def test_every_official_syntax_rule_is_implemented_with_its_severity():
    rules = {rule.id: rule for rule in PATTERN.rules}
    assert set(rules) == official_rule_ids()["M13"]
    flags = official_flags()
    assert {r: rule.severity.value for r, rule in rules.items()} == {r: flags[r] for r in rules}
    assert rules["UBL-CR-666"].severity is Severity.FATAL


def test_messages_are_ours_in_both_languages():
    texts = official_texts()
    for rule in PATTERN.rules:
        assert rule.message.ro != rule.message.en
        for official in texts[rule.id]:
            assert _plain(rule.message.ro) not in _plain(official)
            assert _plain(rule.message.en) not in _plain(official)


def test_forbidden_element_message_names_the_element():
    message = FORBIDDEN["UBL-CR-681"].message
    assert "cac:PaymentMeans/cbc:InstructionNote" in message.ro
    assert "eliminați" in message.ro
    assert "remove" in message.en


def test_clean_document_offers_no_root_node_to_the_engine():
    xml = mutated(remove("/*/cac:PaymentMeans/cbc:InstructionNote"))
    assert not [r for r in our_ids(xml) if r.startswith("UBL-")]


def _plain(text: str) -> str:
    return " ".join(text.lower().split())
