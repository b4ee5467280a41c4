"""EN 16931 code-list rules (pattern M14): for every official rule id a document with a code
outside the list and one with a listed code, on the small invoice of ``test_rules_en16931``."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from ro_efactura.rules import _codes
from ro_efactura.rules.codelists import PATTERNS
from tests.test_rules_en16931 import (
    ALLOWANCE,
    BUYER,
    CHARGE,
    LINE1,
    SELLER,
    SUBTOTAL,
    XSLT,
    Mutation,
    add,
    attr,
    build,
    fired,
    text,
)

PARTY_ID = f"{SELLER}/cac:PartyIdentification/cbc:ID"
OBJECT = (
    '<cac:AdditionalDocumentReference><cbc:ID schemeID="{}">123</cbc:ID>'
    "<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>"
)
ATTACHMENT = (
    "<cac:AdditionalDocumentReference><cbc:ID>A1</cbc:ID><cac:Attachment>"
    '<cbc:EmbeddedDocumentBinaryObject mimeCode="{}" filename="a">QUJD'
    "</cbc:EmbeddedDocumentBinaryObject></cac:Attachment></cac:AdditionalDocumentReference>"
)
ORIGIN = (
    "<cac:OriginCountry><cbc:IdentificationCode>{}</cbc:IdentificationCode></cac:OriginCountry>"
)
STANDARD_ID = (
    '<cac:StandardItemIdentification><cbc:ID schemeID="{}">5940000000000</cbc:ID>'
    "</cac:StandardItemIdentification>"
)
CLASSIFICATION = (
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="{}">03000000-1'
    "</cbc:ItemClassificationCode></cac:CommodityClassification>"
)
DELIVERY_ID = '<cbc:ID schemeID="{}">5940000000001</cbc:ID>'
EXEMPTION = "<cbc:TaxExemptionReasonCode>{}</cbc:TaxExemptionReasonCode>"
PAYEE_SEPA = (
    '<cac:PayeeParty><cac:PartyIdentification><cbc:ID schemeID="SEPA">RO12ZZZ</cbc:ID>'
    "</cac:PartyIdentification><cac:PartyName><cbc:Name>Factor</cbc:Name></cac:PartyName>"
    "</cac:PayeeParty>"
)


def _delivery_location(scheme: str) -> Mutation:
    def mutate(root):
        location = root.find("cac:Delivery/cac:DeliveryLocation", _ns())
        location.insert(0, etree.fromstring(_wrap(DELIVERY_ID.format(scheme)))[0])

    return mutate


def _ns() -> dict[str, str]:
    from ro_efactura._xml import NS

    return NS


def _wrap(xml: str) -> str:
    declarations = " ".join(f'xmlns:{p}="{u}"' for p, u in _ns().items() if p in ("cac", "cbc"))
    return f"<w {declarations}>{xml}</w>"


#: rule id -> (mutation with a code outside the list, mutation with a listed code or None)
CASES: dict[str, tuple[Mutation, Mutation | None]] = {
    "BR-CL-01": (text("cbc:InvoiceTypeCode", "381"), text("cbc:InvoiceTypeCode", " 389 ")),
    "BR-CL-03": (attr(f"{LINE1}/cbc:LineExtensionAmount", "currencyID", "LEI"), None),
    "BR-CL-04": (
        text("cbc:DocumentCurrencyCode", "ron"),
        text("cbc:DocumentCurrencyCode", "\tRON\n"),
    ),
    "BR-CL-05": (
        add(".", "<cbc:TaxCurrencyCode>RO N</cbc:TaxCurrencyCode>", 7),
        add(".", "<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>", 7),
    ),
    "BR-CL-06": (
        add("cac:InvoicePeriod", "<cbc:DescriptionCode>5</cbc:DescriptionCode>"),
        add("cac:InvoicePeriod", "<cbc:DescriptionCode>432</cbc:DescriptionCode>"),
    ),
    "BR-CL-07": (add(".", OBJECT.format("XYZ")), add(".", OBJECT.format("AAB"))),
    "BR-CL-10": (attr(PARTY_ID, "schemeID", "9999"), attr(PARTY_ID, "schemeID", "0088")),
    "BR-CL-11": (
        attr(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "ONRC"),
        attr(f"{SELLER}/cac:PartyLegalEntity/cbc:CompanyID", "schemeID", "0002"),
    ),
    "BR-CL-13": (
        add(f"{LINE1}/cac:Item", CLASSIFICATION.format("CPV")),
        add(f"{LINE1}/cac:Item", CLASSIFICATION.format("STI")),
    ),
    "BR-CL-14": (text(f"{BUYER}/cac:PostalAddress/cac:Country/cbc:IdentificationCode", "EL"), None),
    "BR-CL-15": (
        add(f"{LINE1}/cac:Item", ORIGIN.format("ROU")),
        add(f"{LINE1}/cac:Item", ORIGIN.format("DE")),
    ),
    "BR-CL-16": (text("cac:PaymentMeans/cbc:PaymentMeansCode", "98"), None),
    "BR-CL-17": (text(f"{SUBTOTAL}/cac:TaxCategory/cbc:ID", "AF"), None),
    "BR-CL-18": (text(f"{LINE1}/cac:Item/cac:ClassifiedTaxCategory/cbc:ID", "s"), None),
    "BR-CL-19": (text(f"{ALLOWANCE}/cbc:AllowanceChargeReasonCode", "FC"), None),
    "BR-CL-20": (text(f"{CHARGE}/cbc:AllowanceChargeReasonCode", "95"), None),
    "BR-CL-21": (
        add(f"{LINE1}/cac:Item", STANDARD_ID.format("GTIN")),
        add(f"{LINE1}/cac:Item", STANDARD_ID.format("0160")),
    ),
    "BR-CL-22": (
        add(f"{SUBTOTAL}/cac:TaxCategory", EXEMPTION.format("VATEX-EU-AF"), 2),
        add(f"{SUBTOTAL}/cac:TaxCategory", EXEMPTION.format("vatex-eu-o"), 2),
    ),
    "BR-CL-23": (attr(f"{LINE1}/cbc:InvoicedQuantity", "unitCode", "BUC"), None),
    "BR-CL-24": (
        add(".", ATTACHMENT.format("application/zip")),
        add(".", ATTACHMENT.format("image/png")),
    ),
    "BR-CL-25": (attr(f"{BUYER}/cbc:EndpointID", "schemeID", "0003"), None),
    "BR-CL-26": (_delivery_location("GLN"), _delivery_location("0088")),
}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_code_outside_the_list_fires(rule_id):
    assert rule_id in fired(build(CASES[rule_id][0]), PATTERNS)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_listed_code_passes(rule_id):
    keeps = CASES[rule_id][1]
    assert rule_id not in fired(build(keeps) if keeps else build(), PATTERNS)


def test_sepa_scheme_is_allowed_only_for_the_seller_and_the_payee():
    assert "BR-CL-10" not in fired(build(attr(PARTY_ID, "schemeID", "SEPA")), PATTERNS)
    assert "BR-CL-10" not in fired(build(add(".", PAYEE_SEPA)), PATTERNS)
    buyer = add(
        BUYER,
        '<cac:PartyIdentification><cbc:ID schemeID="SEPA">X</cbc:ID></cac:PartyIdentification>',
        1,
    )
    assert "BR-CL-10" in fired(build(buyer), PATTERNS)


def test_document_type_lists_depend_on_the_root():
    # 381 is a credit note code: wrong on an Invoice; 380 is an invoice code.
    assert "BR-CL-01" in fired(build(text("cbc:InvoiceTypeCode", "381")), PATTERNS)
    assert "BR-CL-01" not in fired(build(text("cbc:InvoiceTypeCode", "380")), PATTERNS)


def test_schemes_are_checked_only_when_present():
    assert fired(build(attr(PARTY_ID, "schemeID", "0088")), PATTERNS) == set()
    assert "BR-CL-07" not in fired(
        build(add(".", OBJECT.format("XYZ").replace(">130<", ">50<"))), PATTERNS
    )


def test_code_lists_hold_the_official_facts():
    assert {"RON", "EUR"} <= _codes.CURRENCIES
    assert "EL" in _codes.VAT_ID_PREFIXES and "EL" not in _codes.COUNTRIES
    assert {"S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B"} == _codes.VAT_CATEGORIES
    assert "98" not in _codes.PAYMENT_MEANS_CODES  # added by EN 16931 1.3.16, not in CIUS-RO 1.0.9
    assert _codes.as_text(frozenset({"B", "A"})) == " A B "


def _official_rules() -> dict[str, str]:
    if not XSLT.is_file():
        pytest.skip(f"official artefact not found at {XSLT}")
    xsl, svrl = "http://www.w3.org/1999/XSL/Transform", "http://purl.oclc.org/dsdl/svrl"
    rules = {}
    for template in etree.parse(str(XSLT)).getroot().iterfind(f"{{{xsl}}}template"):
        if template.get("mode") == "M14":
            for failed in template.iter(f"{{{svrl}}}failed-assert"):
                sentence = " ".join((failed.findtext(f"{{{svrl}}}text") or "").split())
                rules[failed.xpath("*[@name='id']/text()")[0]] = sentence.partition("]-")[2]
    return rules


def test_every_official_code_list_rule_is_implemented_and_tested():
    official = _official_rules()
    assert {rule.id for rule in PATTERNS[0].rules} == set(official) == set(CASES)


def test_messages_are_our_own_in_romanian_and_english():
    official = _official_rules()
    for rule in PATTERNS[0].rules:
        ro, en = rule.message.ro, rule.message.en
        assert ro and en and ro != en, rule.id
        assert "ş" not in ro and "ţ" not in ro, rule.id
        assert en.lower() != official[rule.id].lower(), rule.id
        assert official[rule.id][:40].lower() not in en.lower(), rule.id


LISTS = {
    "BR-CL-04": _codes.CURRENCIES,
    "BR-CL-06": _codes.PERIOD_DESCRIPTION_CODES,
    "BR-CL-07": _codes.OBJECT_ID_SCHEMES,
    "BR-CL-11": _codes.ICD_SCHEMES,
    "BR-CL-13": _codes.ITEM_CLASSIFICATION_LISTS,
    "BR-CL-14": _codes.COUNTRIES,
    "BR-CL-16": _codes.PAYMENT_MEANS_CODES,
    "BR-CL-17": _codes.VAT_CATEGORIES,
    "BR-CL-19": _codes.ALLOWANCE_REASON_CODES,
    "BR-CL-20": _codes.CHARGE_REASON_CODES,
    "BR-CL-22": _codes.VATEX_CODES,
    "BR-CL-23": _codes.UNIT_CODES,
    "BR-CL-25": _codes.EAS_SCHEMES,
}


@pytest.mark.parametrize("rule_id", sorted(LISTS))
def test_code_list_equals_the_artefact_list(rule_id):
    if not XSLT.is_file():
        pytest.skip(f"official artefact not found at {XSLT}")
    xsl, svrl = "http://www.w3.org/1999/XSL/Transform", "http://purl.oclc.org/dsdl/svrl"
    for template in etree.parse(str(XSLT)).getroot().iterfind(f"{{{xsl}}}template"):
        for failed in template.iter(f"{{{svrl}}}failed-assert"):
            if failed.xpath("*[@name='id']/text()") == [rule_id]:
                listed = re.search(r"contains\(\s*'( [^']+ )'", failed.get("test")).group(1)
                assert set(listed.split()) == LISTS[rule_id]
                return
    pytest.fail(f"{rule_id} not found in the artefact")
