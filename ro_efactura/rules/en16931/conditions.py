"""EN 16931 conditions between business terms (BR-CO-03 to BR-CO-09, BR-CO-18 to BR-CO-26).

BR-CO-05 to BR-CO-08 are ``true()`` in the CIUS-RO 1.0.9 artefact (a reason code and its text
are never compared), so they never fail here either. BR-CO-09 looks for the first two
characters of a VAT identifier anywhere in the official list text, as the artefact does; BR-CO-26
accepts any seller identifier (EN 16931 1.3.16 later excludes SEPA ones; the artefact does not).

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:AccountingSupplierParty><cac:Party><cac:PartyTaxScheme>
...   <cbc:CompanyID>12345674</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
...   </cac:PartyTaxScheme></cac:Party></cac:AccountingSupplierParty></Invoice>'''
>>> "BR-CO-09" in {f.rule for f in M12.run(Document(parse(xml)))}
True
"""

from __future__ import annotations

from .._codes import VAT_ID_PREFIXES, as_text
from .._core import Text, q
from ._contexts import (
    DOCUMENT_ALLOWANCE,
    DOCUMENT_CHARGE,
    LINE,
    LINE_ALLOWANCE,
    LINE_CHARGE,
    LINE_PERIOD,
    M12,
    PERIOD,
    ROOT,
    SELLER,
    VAT_PARTY_SCHEME,
)
from ._vat_index import vat_index
from ._xpath import exists, first_text, is_vat, matches, path_under, steps

__all__: list[str] = []

_ALLOWANCE_CHARGE_REASON = q("cbc:AllowanceChargeReason")
_ALLOWANCE_CHARGE_REASON_CODE = q("cbc:AllowanceChargeReasonCode")
_TAX_POINT_DATE = steps("cbc:TaxPointDate")
_PERIOD_DESCRIPTION_CODE = steps("cac:InvoicePeriod/cbc:DescriptionCode")
_TAX_TOTAL_TAX_SUBTOTAL = steps("cac:TaxTotal/cac:TaxSubtotal")
_START_DATE = q("cbc:StartDate")
_END_DATE = q("cbc:EndDate")
_DESCRIPTION_CODE = q("cbc:DescriptionCode")
_COMPANY_ID = q("cbc:CompanyID")
_PARTY_PARTY_TAX_SCHEME = q("cac:Party/cac:PartyTaxScheme")
_PARTY_IDENTIFICATION_ID = q("cac:Party/cac:PartyIdentification/cbc:ID")
_PARTY_LEGAL_ENTITY_COMPANY_ID = q("cac:Party/cac:PartyLegalEntity/cbc:CompanyID")
_VAT_PREFIXES_TEXT = as_text(VAT_ID_PREFIXES)


@M12.rule(
    "BR-CO-03",
    ROOT,
    Text(
        ro=(
            "Factura are atât data exigibilității TVA (BT-7), cât și codul acesteia (BT-8). "
            "Păstrați doar unul dintre ele."
        ),
        en=(
            "The invoice has both a VAT point date (BT-7) and a VAT point date code (BT-8). Keep "
            "only one of them."
        ),
    ),
)
def tax_point_date_or_code(node, doc) -> bool:
    return not (
        path_under(doc, node, _TAX_POINT_DATE) and path_under(doc, node, _PERIOD_DESCRIPTION_CODE)
    )


@M12.rule(
    "BR-CO-18",
    ROOT,
    Text(
        ro=(
            "Factura nu are defalcarea TVA (BG-23). Adăugați cel puțin o grupă de TVA pe categorie"
            " și cotă."
        ),
        en=(
            "The invoice has no VAT breakdown (BG-23). Add at least one VAT group per category and"
            " rate."
        ),
    ),
)
def has_vat_breakdown(node, doc) -> bool:
    return bool(path_under(doc, node, _TAX_TOTAL_TAX_SUBTOTAL))


@M12.rule(
    "BR-CO-04",
    LINE,
    Text(
        ro=(
            "O linie a facturii nu are categoria de TVA a articolului (BT-151). Indicați "
            "categoria, de exemplu S."
        ),
        en="An invoice line has no item VAT category (BT-151). State the category, for example S.",
    ),
    bulk=lambda lines, doc: vat_index(doc).vat_lines.issuperset(lines),
)
def line_has_vat_category(node, doc) -> bool:
    return node in vat_index(doc).vat_lines


@M12.rule(
    "BR-CO-20",
    LINE_PERIOD,
    Text(
        ro=(
            "Perioada de facturare a liniei (BG-26) nu are nici data de început (BT-134), nici cea"
            " de sfârșit (BT-135). Completați cel puțin una."
        ),
        en=(
            "The line invoicing period (BG-26) has neither a start (BT-134) nor an end date "
            "(BT-135). Fill in at least one."
        ),
    ),
)
def line_period_has_date(node, doc) -> bool:
    return exists(node, _START_DATE) or exists(node, _END_DATE)


@M12.rule(
    "BR-CO-19",
    PERIOD,
    Text(
        ro=(
            "Perioada de facturare (BG-14) nu are dată de început (BT-73), dată de sfârșit (BT-74)"
            " sau cod (BT-8). Completați cel puțin una."
        ),
        en=(
            "The invoicing period (BG-14) has no start date (BT-73), end date (BT-74) or code "
            "(BT-8). Fill in at least one."
        ),
    ),
)
def period_has_date(node, doc) -> bool:
    return any(exists(node, tag) for tag in (_START_DATE, _END_DATE, _DESCRIPTION_CODE))


@M12.rule(
    "BR-CO-26",
    SELLER,
    Text(
        ro=(
            "Vânzătorul nu are niciun identificator: cod de TVA (BT-31), identificator (BT-29) sau"
            " cod de înregistrare (BT-30). Completați cel puțin unul."
        ),
        en=(
            "The seller has no identifier: VAT identifier (BT-31), seller identifier (BT-29) or "
            "legal registration (BT-30). Fill in at least one."
        ),
    ),
)
def seller_identified(node, doc) -> bool:
    return (
        any(
            is_vat(scheme) and exists(scheme, _COMPANY_ID)
            for scheme in matches(node, _PARTY_PARTY_TAX_SCHEME)
        )
        or exists(node, _PARTY_IDENTIFICATION_ID)
        or exists(node, _PARTY_LEGAL_ENTITY_COMPANY_ID)
    )


@M12.rule(
    "BR-CO-09",
    VAT_PARTY_SCHEME,
    Text(
        ro=(
            "Codul de TVA (BT-31, BT-48, BT-63) nu începe cu prefixul unei țări, de exemplu RO. "
            "Adăugați prefixul țării în fața codului."
        ),
        en=(
            "The VAT identifier (BT-31, BT-48, BT-63) does not start with a country prefix such as"
            " RO. Put the country prefix in front of it."
        ),
    ),
)
def vat_id_has_prefix(node, doc) -> bool:
    return (first_text(node, _COMPANY_ID) or "")[:2] in _VAT_PREFIXES_TEXT


def _always(node, doc) -> bool:
    """The official test is ``true()``: nothing to check."""
    return True


def _reason(node, doc) -> bool:
    return exists(node, _ALLOWANCE_CHARGE_REASON) or exists(node, _ALLOWANCE_CHARGE_REASON_CODE)


for _rule_id, _context, _ro, _en, _bt in (
    ("BR-CO-05", DOCUMENT_ALLOWANCE, "reducerii", "allowance", "BT-97, BT-98"),
    ("BR-CO-06", DOCUMENT_CHARGE, "taxei suplimentare", "charge", "BT-104, BT-105"),
    ("BR-CO-07", LINE_ALLOWANCE, "reducerii pe linie", "line allowance", "BT-139, BT-140"),
    ("BR-CO-08", LINE_CHARGE, "taxei pe linie", "line charge", "BT-144, BT-145"),
):
    M12.rule(
        _rule_id,
        _context,
        Text(
            ro=(
                f"Codul motivului {_ro} nu corespunde textului motivului ({_bt}). Folosiți același"
                f" motiv în ambele."
            ),
            en=(
                f"The {_en} reason code does not match the reason text ({_bt}). Use the same "
                f"reason in both."
            ),
        ),
    )(_always)

for _rule_id, _context, _ro, _en, _bt in (
    (
        "BR-CO-21",
        DOCUMENT_ALLOWANCE,
        "O reducere la nivel de document",
        "A document level allowance",
        "BT-97, BT-98",
    ),
    (
        "BR-CO-22",
        DOCUMENT_CHARGE,
        "O taxă suplimentară la nivel de document",
        "A document level charge",
        "BT-104, BT-105",
    ),
    ("BR-CO-23", LINE_ALLOWANCE, "O reducere pe linie", "A line allowance", "BT-139, BT-140"),
    ("BR-CO-24", LINE_CHARGE, "O taxă suplimentară pe linie", "A line charge", "BT-144, BT-145"),
):
    M12.rule(
        _rule_id,
        _context,
        Text(
            ro=f"{_ro} nu are nici motiv, nici cod de motiv ({_bt}). Completați cel puțin unul.",
            en=f"{_en} has neither a reason nor a reason code ({_bt}). Fill in at least one.",
        ),
    )(_reason)
