"""CIUS-RO rules on parties and addresses: BR-RO-065, -081, -082, -091, -092, -100, -101,
-110, -111, -120, -140, -150, -160, -170, -180, -201, -202, -211, -212.

For an address in Romania (country code ``RO``) the county (BT-39, BT-54, BT-68, BT-79)
must be an ISO 3166-2:RO code, and in Bucharest (``RO-B``) the city must be a sector,
``SECTOR1`` to ``SECTOR6``. The official artefact phrases these as *reports* (a finding when
the condition holds); our checks return whether the rule holds, as for every other rule.

>>> bucharest_city_ok("RO", "RO-B", "Bucuresti"), bucharest_city_ok("RO", "RO-B", "SECTOR3")
(False, True)
>>> county_ok("RO", "RO-XX"), county_ok("DE", "")
(False, True)
"""

from __future__ import annotations

from lxml import etree

from ro_efactura.identifiers import COUNTY_CODES, SECTOR_CODES

from .._core import Document, Text, q
from ..syntax._root import children
from ..syntax._xpath import Path, descend, normalize_space, string_value
from ._pattern import BOOK, DELIVERY_ADDRESS, ROOT, TAX_REPRESENTATIVE_ADDRESS

__all__ = ["bucharest_city_ok", "county_ok"]

_SUPPLIER = "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress"
_CUSTOMER = "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress"
_VAT_CATEGORIES = frozenset({"S", "Z", "E", "AE", "K", "G", "L", "M"})
_SECTORS = frozenset(SECTOR_CODES)


def bucharest_city_ok(country: str, county: str, city: str) -> bool:
    """BR-RO-100/101/160/202: in Bucharest the city is a sector code."""
    return not (country == "RO" and county == "RO-B" and city not in _SECTORS)


def county_ok(country: str, county: str) -> bool:
    """BR-RO-110/111/170/212: in Romania the county is an ISO 3166-2:RO code."""
    return not (country == "RO" and county not in COUNTY_CODES)


def _first(steps: tuple[str, ...], doc: Document, anchor: etree._Element) -> str:
    """normalize-space(path): "" when nothing is there (Saxon stops when there are several)."""
    found = descend(doc, anchor, steps)
    return normalize_space(string_value(found[0])) if found else ""


def _filled(path: str):
    """``path[boolean(normalize-space(.))]``: some element there holds more than blanks."""
    steps = Path(path).steps
    return lambda node, doc: any(
        normalize_space(string_value(e)) for e in descend(doc, node, steps)
    )


def _address_rules(prefix: str, country_path: str, county_path: str, city_path: str):
    paths = tuple(Path(f"{prefix}{p}").steps for p in (country_path, county_path, city_path))

    def parts(node: etree._Element, doc: Document) -> tuple[str, str, str]:
        """The country code, county and city, read once per address for both rules."""
        known = doc.memo(_PARTS_KEY, dict)
        key = (paths, node)
        found = known.get(key)
        if found is None:
            found = known[key] = tuple(_first(steps, doc, node) for steps in paths)
        return found

    def sector(node: etree._Element, doc: Document) -> bool:
        return bucharest_city_ok(*parts(node, doc))

    def county_code(node: etree._Element, doc: Document) -> bool:
        country, county, _ = parts(node, doc)
        return county_ok(country, county)

    return sector, county_code


_PARTS_KEY = "cius_ro.address-parts"


def _missing(field_ro: str, field_en: str, term: str, what_ro: str, what_en: str) -> Text:
    return Text(
        ro=f"{field_ro} ({term}) lipsește sau nu are conținut; completați {what_ro}.",
        en=f"{field_en} ({term}) is missing or blank; fill in {what_en}.",
    )


def _sector_text(who_ro: str, who_en: str, county: str, city: str) -> Text:
    return Text(
        ro=f"Pentru o adresă din București (județul {county} = RO-B), localitatea {who_ro} "
        f"({city}) trebuie să fie SECTOR1 … SECTOR6; scrieți sectorul în locul localității.",
        en=f"For an address in Bucharest (county {county} = RO-B), the {who_en} city ({city}) "
        "must be SECTOR1 to SECTOR6; write the sector instead of the city.",
    )


def _county_text(who_ro: str, who_en: str, county: str) -> Text:
    return Text(
        ro=f"Pentru o adresă din România, județul {who_ro} ({county}) trebuie să fie un cod "
        "ISO 3166-2:RO, de exemplu RO-CJ, sau RO-B pentru București; corectați codul.",
        en=f"For an address in Romania, the {who_en} county ({county}) must be an ISO "
        "3166-2:RO code such as RO-CJ, or RO-B for Bucharest; correct the code.",
    )


_STREET = ("strada și numărul", "the street and number")
_CITY = ("localitatea", "the city")

BOOK.rule(
    "BR-RO-081", ROOT, _missing("Adresa vânzătorului", "The seller address", "BT-35", *_STREET)
)(_filled(f"{_SUPPLIER}/cbc:StreetName"))
BOOK.rule(
    "BR-RO-082", ROOT, _missing("Adresa cumpărătorului", "The buyer address", "BT-50", *_STREET)
)(_filled(f"{_CUSTOMER}/cbc:StreetName"))
BOOK.rule(
    "BR-RO-091", ROOT, _missing("Localitatea vânzătorului", "The seller city", "BT-37", *_CITY)
)(_filled(f"{_SUPPLIER}/cbc:CityName"))
BOOK.rule(
    "BR-RO-092", ROOT, _missing("Localitatea cumpărătorului", "The buyer city", "BT-52", *_CITY)
)(_filled(f"{_CUSTOMER}/cbc:CityName"))

_seller_sector, _seller_county = _address_rules(
    f"{_SUPPLIER}/", "cac:Country/cbc:IdentificationCode", "cbc:CountrySubentity", "cbc:CityName"
)
_buyer_sector, _buyer_county = _address_rules(
    f"{_CUSTOMER}/", "cac:Country/cbc:IdentificationCode", "cbc:CountrySubentity", "cbc:CityName"
)
BOOK.rule("BR-RO-100", ROOT, _sector_text("vânzătorului", "seller", "BT-39", "BT-37"))(
    _seller_sector
)
BOOK.rule("BR-RO-110", ROOT, _county_text("vânzătorului", "seller", "BT-39"))(_seller_county)
BOOK.rule("BR-RO-101", ROOT, _sector_text("cumpărătorului", "buyer", "BT-54", "BT-52"))(
    _buyer_sector
)
BOOK.rule("BR-RO-111", ROOT, _county_text("cumpărătorului", "buyer", "BT-54"))(_buyer_county)

_AC_CATEGORIES = Path("cac:AllowanceCharge/cac:TaxCategory/cbc:ID")
_LINE_CATEGORIES = Path("cac:InvoiceLine/cac:Item/cac:ClassifiedTaxCategory")
_INDICATOR = q("cbc:ChargeIndicator")
_TAX_SCHEME = q("cac:TaxScheme")
_ID = q("cbc:ID")


def _vat_scheme_follows(category_id: etree._Element) -> bool:
    return any(
        sibling.tag == _TAX_SCHEME and any(string_value(i) == "VAT" for i in children(sibling, _ID))
        for sibling in category_id.itersiblings()
    )


def _charges_vat(doc: Document, root: etree._Element) -> bool:
    return doc.memo(_CHARGES_VAT_KEY, lambda: _compute_charges_vat(doc, root))


_CHARGES_VAT_KEY = "cius_ro.charges-vat"


def _compute_charges_vat(doc: Document, root: etree._Element) -> bool:
    """The common condition of BR-RO-065 and -120: a document-level allowance or charge, or an
    invoice line, in a VAT category S, Z, E, AE, K, G, L or M.

    As in the official test: the indicator is compared as text (``'true'``, ``'false'``), an
    allowance counts only when a VAT TaxScheme follows its category ID, and lines count only
    in invoices (``cac:InvoiceLine``), never in credit notes.
    """
    for category_id in _AC_CATEGORIES.nodes(doc, root):
        if string_value(category_id) not in _VAT_CATEGORIES:
            continue
        charge = category_id.getparent().getparent()
        indicators = {string_value(i) for i in children(charge, _INDICATOR)}
        if "true" in indicators or ("false" in indicators and _vat_scheme_follows(category_id)):
            return True
    return any(
        string_value(i) in _VAT_CATEGORIES
        for category in _LINE_CATEGORIES.from_root(doc)
        for i in children(category, _ID)
    )


_TAX_REP_VAT = Path("cac:TaxRepresentativeParty/cac:PartyTaxScheme/cbc:CompanyID").steps
_SELLER_VAT = _filled("cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID")
_BUYER_LEGAL = Path(
    "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:CompanyID"
).steps
_BUYER_VAT = _filled("cac:AccountingCustomerParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID")


@BOOK.rule(
    "BR-RO-065",
    ROOT,
    Text(
        ro="Factura are o categorie de TVA S, Z, E, AE, K, G, L sau M, dar lipsesc atât codul "
        "de TVA al vânzătorului (BT-31), cât și al reprezentantului fiscal (BT-63); "
        "completați codul de TVA.",
        en="The invoice has a VAT category S, Z, E, AE, K, G, L or M, but neither the seller "
        "VAT identifier (BT-31) nor the tax representative's (BT-63) is there; fill in the "
        "VAT identifier.",
    ),
)
def seller_vat_identified(node: etree._Element, doc: Document) -> bool:
    return (
        bool(descend(doc, node, _TAX_REP_VAT))
        or _SELLER_VAT(node, doc)
        or not _charges_vat(doc, node)
    )


@BOOK.rule(
    "BR-RO-120",
    ROOT,
    Text(
        ro="Factura are o categorie de TVA S, Z, E, AE, K, G, L sau M, dar cumpărătorul nu are "
        "nici identificator de înregistrare legală (BT-47), nici cod de TVA (BT-48); "
        "completați CUI-ul sau codul de TVA al cumpărătorului.",
        en="The invoice has a VAT category S, Z, E, AE, K, G, L or M, but the buyer has "
        "neither a legal registration identifier (BT-47) nor a VAT identifier (BT-48); fill "
        "in the buyer's CUI or VAT identifier.",
    ),
)
def buyer_identified(node: etree._Element, doc: Document) -> bool:
    return (
        bool(descend(doc, node, _BUYER_LEGAL))
        or _BUYER_VAT(node, doc)
        or not _charges_vat(doc, node)
    )


# Invoices only: the credit note alternative of these contexts never matches (see _pattern).
BOOK.rule(
    "BR-RO-140",
    TAX_REPRESENTATIVE_ADDRESS,
    _missing(
        "Adresa reprezentantului fiscal",
        "The tax representative address",
        "BT-64",
        *_STREET,
    ),
)(_filled("cbc:StreetName"))
BOOK.rule(
    "BR-RO-150",
    TAX_REPRESENTATIVE_ADDRESS,
    _missing(
        "Localitatea reprezentantului fiscal",
        "The tax representative city",
        "BT-66",
        *_CITY,
    ),
)(_filled("cbc:CityName"))
BOOK.rule(
    "BR-RO-180",
    DELIVERY_ADDRESS,
    _missing(
        "Adresa de livrare",
        "The deliver to address",
        "BT-75",
        *_STREET,
    ),
)(_filled("cbc:StreetName"))
BOOK.rule(
    "BR-RO-201",
    DELIVERY_ADDRESS,
    _missing(
        "Localitatea de livrare",
        "The deliver to city",
        "BT-77",
        *_CITY,
    ),
)(_filled("cbc:CityName"))
BOOK.rule(
    "BR-RO-211",
    DELIVERY_ADDRESS,
    _missing(
        "Județul de livrare",
        "The deliver to county",
        "BT-79",
        "județul",
        "the county",
    ),
)(_filled("cbc:CountrySubentity"))

_tax_rep_sector, _tax_rep_county = _address_rules(
    "", "cac:Country/cbc:IdentificationCode", "cbc:CountrySubentity", "cbc:CityName"
)
BOOK.rule(
    "BR-RO-160",
    TAX_REPRESENTATIVE_ADDRESS,
    _sector_text(
        "reprezentantului fiscal",
        "tax representative",
        "BT-68",
        "BT-66",
    ),
)(_tax_rep_sector)
BOOK.rule(
    "BR-RO-170",
    TAX_REPRESENTATIVE_ADDRESS,
    _county_text(
        "reprezentantului fiscal",
        "tax representative",
        "BT-68",
    ),
)(_tax_rep_county)
BOOK.rule(
    "BR-RO-202",
    DELIVERY_ADDRESS,
    _sector_text(
        "de livrare",
        "deliver to",
        "BT-79",
        "BT-77",
    ),
)(_tax_rep_sector)
BOOK.rule(
    "BR-RO-212",
    DELIVERY_ADDRESS,
    _county_text(
        "de livrare",
        "deliver to",
        "BT-79",
    ),
)(_tax_rep_county)
