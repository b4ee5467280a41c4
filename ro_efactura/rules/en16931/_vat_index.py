"""One pass over a document's VAT categories, counted the ways the official VAT rules count.

The official VAT-category rules (BR-S-*, BR-Z-*, BR-AE-* ...) ask the same questions with small
variations: is the code normalised or compared raw, is the tax scheme required to be VAT, is the
category on a line, an allowance, a charge or in the breakdown. :func:`vat_index` answers all of
them at once per document (memoised), so each rule is a dictionary lookup.

Counter keys are ``(measure, code)``; measures are ``where`` + ``how`` + ``_vat`` when the
category's scheme must be VAT. ``where``: ``any`` (every ``cac:TaxCategory``), ``line``
(``cac:ClassifiedTaxCategory``), ``ac`` (any allowance or charge), ``acF``/``acT`` (allowances /
charges), ``rootF``/``rootT`` (document level only), ``sub`` (breakdown). ``how``: ``id`` (the
normalised ``cbc:ID``), ``each`` (every ``cbc:ID`` child, normalised), ``raw`` (raw text).

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:TaxTotal><cac:TaxSubtotal><cac:TaxCategory><cbc:ID> S </cbc:ID>
...   <cac:TaxScheme><cbc:ID>vat</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>
...   </cac:TaxTotal></Invoice>'''
>>> index = vat_index(Document(parse(xml)))
>>> index.counts["sub_id_vat", "S"], index.counts["sub_raw", "S"], index.totals["sub_vat"]
(1, 0, 1)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from .._core import q
from ._xpath import (
    ALLOWANCE_CHARGE,
    CLASSIFIED_TAX_CATEGORY,
    CREDIT_NOTE_LINE,
    ID,
    INVOICE_LINE,
    TAX_CATEGORY,
    charge_is,
    dnum,
    exists,
    is_vat,
    normalize_space,
    normalized_id,
    string_value,
    xs_decimal,
)

__all__ = ["Priced", "VatIndex", "vat_index"]

_TAX_SUBTOTAL = q("cac:TaxSubtotal")
_TAX_TOTAL = q("cac:TaxTotal")
_PERCENT = q("cbc:Percent")
_ITEM_CATEGORY = q("cac:Item/cac:ClassifiedTaxCategory")
_COMPANY_ID = q("cbc:CompanyID")


@dataclass(frozen=True, slots=True, kw_only=True)
class Priced:
    """A document-level line, allowance or charge: its categories, rates and amount."""

    tag: str
    codes: frozenset[str]
    rates: frozenset[Decimal]
    amount: Decimal | None
    allowance: bool = False
    charge: bool = False


@dataclass(slots=True, kw_only=True)
class VatIndex:
    """Counts of VAT categories, the parties' VAT identifiers, and the priced items."""

    counts: Counter = field(default_factory=Counter)
    totals: Counter = field(default_factory=Counter)
    seller_any_vat_id: bool = (
        False  # //cac:AccountingSupplierParty/.../cac:PartyTaxScheme/cbc:CompanyID
    )
    seller_vat_id: bool = False  # the same with a VAT tax scheme
    representative_vat_id: bool = False
    buyer_vat_id: bool = False
    buyer_legal_id: bool = False
    priced: list[Priced] = field(default_factory=list)  # root lines, allowances and charges
    anywhere_ac: list[Priced] = field(default_factory=list)  # every allowance or charge


def vat_index(doc) -> VatIndex:
    """The document's :class:`VatIndex`, computed once."""
    return doc.memo("vat-index", lambda: _build(doc))


def _build(doc) -> VatIndex:
    index = VatIndex()
    for category in doc.elements(TAX_CATEGORY):
        _count(index, category, _places(doc, category))
    for category in doc.elements(CLASSIFIED_TAX_CATEGORY):
        _count(index, category, ("line",))
    _parties(doc, index)
    root = doc.root
    for line in root:
        if line.tag in (INVOICE_LINE, CREDIT_NOTE_LINE):
            index.priced.append(
                _priced(line, list(line.iterfind(_ITEM_CATEGORY)), "cbc:LineExtensionAmount")
            )
    for ac in doc.elements(ALLOWANCE_CHARGE):
        item = _priced(ac, list(ac.iterfind(TAX_CATEGORY)), "cbc:Amount")
        index.anywhere_ac.append(item)
        if ac.getparent() is root:
            index.priced.append(item)
    return index


def _places(doc, category) -> tuple[str, ...]:
    parent = category.getparent()
    places = ["any"]
    if parent.tag == ALLOWANCE_CHARGE:
        places.append("ac")
        root_level = parent.getparent() is doc.root
        if charge_is(parent, False):
            places += ["acF"] + (["rootF"] if root_level else [])
        if charge_is(parent, True):
            places += ["acT"] + (["rootT"] if root_level else [])
    elif parent.tag == _TAX_SUBTOTAL:
        total = parent.getparent()
        if total is not None and total.tag == _TAX_TOTAL and total.getparent() is doc.root:
            places.append("sub")
    return tuple(places)


def _count(index: VatIndex, category, places: tuple[str, ...]) -> None:
    vat = is_vat(category)
    code = normalized_id(category)
    raws = [string_value(e) for e in category.iterfind(ID)]
    suffixes = ("", "_vat") if vat else ("",)
    for place in places:
        for suffix in suffixes:
            index.counts[f"{place}_id{suffix}", code] += 1
            index.totals[f"{place}{suffix}"] += 1
            for raw in set(raws):
                index.counts[f"{place}_raw{suffix}", raw] += 1
            for each in raws:
                index.counts[f"{place}_each{suffix}", normalize_space(each)] += 1


def _parties(doc, index: VatIndex) -> None:
    for scheme in _schemes(doc, "cac:AccountingSupplierParty"):
        if exists(scheme, _COMPANY_ID):
            index.seller_any_vat_id = True
            index.seller_vat_id = index.seller_vat_id or is_vat(scheme)
    for party in doc.elements(q("cac:TaxRepresentativeParty")):
        for scheme in party.iterfind(q("cac:PartyTaxScheme")):
            if is_vat(scheme) and exists(scheme, _COMPANY_ID):
                index.representative_vat_id = True
    for scheme in _schemes(doc, "cac:AccountingCustomerParty"):
        if is_vat(scheme) and exists(scheme, _COMPANY_ID):
            index.buyer_vat_id = True
    index.buyer_legal_id = any(
        exists(party, q("cac:Party/cac:PartyLegalEntity/cbc:CompanyID"))
        for party in doc.elements(q("cac:AccountingCustomerParty"))
    )


def _schemes(doc, party: str) -> list:
    path = q("cac:Party/cac:PartyTaxScheme")
    return [scheme for found in doc.elements(q(party)) for scheme in found.iterfind(path)]


def _priced(node, categories: list, amount_tag: str) -> Priced:
    return Priced(
        tag=node.tag,
        codes=frozenset(normalized_id(c) for c in categories),
        rates=frozenset(
            r for c in categories if (r := xs_decimal(_first(c, _PERCENT))) is not None
        ),
        amount=dnum(node, q(amount_tag)),
        allowance=node.tag == ALLOWANCE_CHARGE and charge_is(node, False),
        charge=node.tag == ALLOWANCE_CHARGE and charge_is(node, True),
    )


def _first(node, path: str) -> str | None:
    found = node.find(path)
    return None if found is None else string_value(found)
