"""One pass over a document's VAT categories, counted the ways the official VAT rules count.

The official VAT-category rules (BR-S-*, BR-Z-*, BR-AE-* ...) ask the same questions with small
variations: is the code normalised or compared raw, must the tax scheme be VAT, is the category
on a line, an allowance, a charge or in the breakdown. :func:`vat_index` reads every
``cac:TaxCategory`` and ``cac:ClassifiedTaxCategory`` once per document (memoised) and answers
all of them, so each rule is a dictionary lookup; it also sorts the categories into the nodes of
the per-category rule contexts (:class:`CategoryContext`). Each category is read once into a
:class:`Category` (the breakdown rules reuse those of ``cac:TaxCategory``) and the counters are
worked out once per kind of category: a long invoice repeats one or two kinds on every line.

Counter keys are ``(measure, code)``; a measure is ``where`` + ``how`` (+ ``_vat`` when the
category's scheme must be VAT). ``where``: ``any`` (every ``cac:TaxCategory``), ``line``
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

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import compress
from typing import NamedTuple

from .._core import Context, q
from ._indexed import charge_flags
from ._vat_lines import RegularLines, regular_lines
from ._xpath import (
    ALLOWANCE_CHARGE,
    CLASSIFIED_TAX_CATEGORY,
    CREDIT_NOTE_LINE,
    ID,
    INVOICE_LINE,
    TAX_CATEGORY,
    decimal,
    first_numbers,
    normalize_space,
    string_value,
)

__all__ = ["Category", "CategoryContext", "Priced", "VatIndex", "vat_index"]

_TAX_SUBTOTAL = q("cac:TaxSubtotal")
_TAX_TOTAL = q("cac:TaxTotal")
_TAX_SCHEME = q("cac:TaxScheme")
_PERCENT = q("cbc:Percent")
_ITEM = q("cac:Item")
_AMOUNT = q("cbc:Amount")
_LINE_AMOUNT = q("cbc:LineExtensionAmount")
_COMPANY_ID = q("cbc:CompanyID")
_PARTY = q("cac:Party")
_PARTY_TAX_SCHEME = q("cac:PartyTaxScheme")
_LEGAL_ENTITY = q("cac:PartyLegalEntity")
_SUPPLIER = q("cac:AccountingSupplierParty")
_CUSTOMER = q("cac:AccountingCustomerParty")
_REPRESENTATIVE = q("cac:TaxRepresentativeParty")
_LINES = (INVOICE_LINE, CREDIT_NOTE_LINE)
_EXEMPTION = (q("cbc:TaxExemptionReason"), q("cbc:TaxExemptionReasonCode"))


@dataclass(frozen=True, slots=True)
class _Keys:
    """The counter keys one slot feeds ("" where no rule asks that question)."""

    id: str
    vat: str
    id_vat: str
    raw: str = ""
    raw_vat: str = ""
    each_vat: str = ""
    context: bool = False  # the slot's categories are the nodes of a CategoryContext


def _keys(slot: str, *, raw=False, raw_vat=False, each=False, context=False) -> _Keys:
    return _Keys(
        f"{slot}_id",
        f"{slot}_vat",
        f"{slot}_id_vat",
        f"{slot}_raw" if raw else "",
        f"{slot}_raw_vat" if raw_vat else "",
        f"{slot}_each_vat" if each else "",
        context,
    )


_KEYS = {
    "any": _keys("any", raw=True, each=True),
    "line": _keys("line", raw=True, each=True),
    "lineitem": _keys("lineitem", context=True),
    "sub": _keys("sub", raw=True, raw_vat=True, each=True, context=True),
    "ac": _keys("ac"),
    "acF": _keys("acF", context=True),
    "acT": _keys("acT", raw_vat=True, context=True),
    "rootF": _keys("rootF"),
    "rootT": _keys("rootT"),
}


class Category(NamedTuple):
    """What the rules read of one ``cac:TaxCategory``: string values of its ``cbc:ID`` and
    ``cbc:Percent`` children, its normalised code, whether a tax scheme is VAT and whether it
    gives an exemption reason or reason code."""

    ids: tuple[str, ...]
    percents: tuple[str, ...]
    code: str
    vat: bool
    exempt: bool


class Priced(NamedTuple):
    """A document-level line, allowance or charge: its categories, rates and amount."""

    tag: str
    codes: frozenset[str]
    rates: frozenset[Decimal]
    amount: Decimal | None
    allowance: bool = False
    charge: bool = False


@dataclass(slots=True, kw_only=True)
class VatIndex:
    """Counts of VAT categories, context nodes, parties' VAT identifiers and priced items."""

    counts: defaultdict = field(default_factory=lambda: defaultdict(int))
    totals: defaultdict = field(default_factory=lambda: defaultdict(int))
    vat_lines: set = field(default_factory=set)  # lines with an Item VAT category holding an ID
    nodes: dict = field(default_factory=dict)  # (slot, code) -> category elements
    percents: dict = field(default_factory=dict)  # (slot, code) -> {(cbc:Percent texts), ...}
    categories: dict = field(default_factory=dict)  # cac:TaxCategory -> Category
    seller_any_vat_id: bool = False  # .../cac:PartyTaxScheme/cbc:CompanyID, any tax scheme
    seller_vat_id: bool = False  # the same with a VAT tax scheme
    representative_vat_id: bool = False
    buyer_vat_id: bool = False
    buyer_legal_id: bool = False
    priced: list[Priced] = field(default_factory=list)  # root lines, allowances and charges
    anywhere_ac: list[Priced] = field(default_factory=list)  # every allowance or charge
    regular: RegularLines | None = None  # the lines when read in bulk (one amount each)


class CategoryContext(Context):
    """The context of one VAT category in one place (``sub``, ``acF``, ``acT`` or ``line``).

    Same nodes as ``match`` filtered by normalised code and VAT scheme, taken from the
    document's :class:`VatIndex` instead of testing every category element once per context.
    """

    def __init__(self, match: str, *, code: str, slot: str) -> None:
        super().__init__(match)
        self.code, self.slot = code, slot
        self._slot_code = (slot, code)

    def nodes(self, doc) -> list:
        return doc.memo(_INDEX, lambda: _build(doc)).nodes.get(self._slot_code, [])


def vat_index(doc) -> VatIndex:
    """The document's :class:`VatIndex`, computed once."""
    return doc.memo(_INDEX, lambda: _build(doc))


_INDEX = "en16931:vat-index"


#: The slots whose VAT categories are the nodes of a :class:`CategoryContext` (the line
#: items' categories are recorded by :func:`_item_categories`).
_CONTEXT_SLOTS = frozenset(slot for slot, keys in _KEYS.items() if keys.context)


def _build(doc) -> VatIndex:
    index, root = VatIndex(), doc.root
    taxes: dict = {}  # owner (line or allowance/charge) -> ((code, first rate text), ...)
    kinds: dict = {}  # (slots, code, cbc:ID texts, VAT scheme) -> how many
    for element in doc.elements(TAX_CATEGORY):
        parent = element.getparent()
        slots = _tax_category_slots(doc, parent, root)
        category = index.categories[element] = _read(element)
        _record(index, kinds, element, slots, category)
        if parent.tag == ALLOWANCE_CHARGE:
            _remember(taxes, parent, category)
    regular = regular_lines(doc) if len(doc.elements(CLASSIFIED_TAX_CATEGORY)) >= _BULK else None
    if regular is None:
        _item_categories(doc, index, kinds, taxes)
    else:
        _regular_item_categories(index, kinds, regular)
        index.regular = regular
    counts, totals = index.counts, index.totals
    for kind, count in kinds.items():
        counted, totalled = _tally(*kind)
        for key in counted:
            counts[key] += count
        for key in totalled:
            totals[key] += count
    _parties(doc, index)
    _price(doc, index, taxes, regular)
    return index


_ON_LINE, _OFF_LINE = ("line", "lineitem"), ("line",)
#: From this many line categories on, reading them in bulk (:mod:`._vat_lines`) pays.
_BULK = 12


def _item_categories(doc, index: VatIndex, kinds: dict, taxes: dict) -> None:
    """Read every ``cac:ClassifiedTaxCategory``: :func:`_record` and :func:`_remember`
    written out for those of a line's item, one per line of a long invoice."""
    nodes, percents, vat_lines = index.nodes, index.percents, index.vat_lines
    for element in doc.elements(CLASSIFIED_TAX_CATEGORY):
        item = element.getparent()
        line = item.getparent() if item.tag == _ITEM else None
        category = _read(element)
        if line is None or line.tag not in _LINES:
            _record(index, kinds, element, _OFF_LINE, category)
            continue
        code, vat, rates = category.code, category.vat, category.percents
        kind = (_ON_LINE, code, category.ids, vat)
        kinds[kind] = kinds.get(kind, 0) + 1
        if vat:
            key = ("lineitem", code)
            found = nodes.get(key)
            if found is None:
                nodes[key], percents[key] = [element], {rates}
            else:
                found.append(element)
                percents[key].add(rates)
            if category.ids:
                vat_lines.add(line)
        taxes[line] = (*taxes.get(line, ()), (code, rates[0] if rates else None))


def _regular_item_categories(index: VatIndex, kinds: dict, regular: RegularLines) -> None:
    """What :func:`_item_categories` records, for lines read in bulk (:mod:`._vat_lines`):
    each category has one ``cbc:ID``, its code, and a VAT scheme."""
    codes = regular.codes
    for code in set(codes):
        kind = (_ON_LINE, code, (code,), True)
        kinds[kind] = kinds.get(kind, 0) + codes.count(code)
        key = ("lineitem", code)
        index.nodes[key] = list(compress(regular.categories, map(code.__eq__, codes)))
        index.percents[key] = {(rate,) for rate in compress(regular.rates, map(code.__eq__, codes))}
    index.vat_lines.update(regular.owners)


def _tax_category_slots(doc, parent, root) -> tuple[str, ...]:
    if parent.tag == ALLOWANCE_CHARGE:
        slots = ["any", "ac"]
        at_root = parent.getparent() is root
        allowance, charge = charge_flags(doc, parent)
        if allowance:
            slots += ["acF", "rootF"] if at_root else ["acF"]
        if charge:
            slots += ["acT", "rootT"] if at_root else ["acT"]
        return tuple(slots)
    if parent.tag == _TAX_SUBTOTAL:
        total = parent.getparent()
        if total is not None and total.tag == _TAX_TOTAL and total.getparent() is root:
            return ("any", "sub")
    return ("any",)


def _read(element) -> Category:
    """The :class:`Category` of a category element (string values inlined: a long invoice
    has one element per line)."""
    raws, percents, vat, exempt = [], [], False, False
    for child in element:
        tag = child.tag
        if tag == ID:
            raws.append((child.text or "") if not len(child) else string_value(child))
        elif tag == _PERCENT:
            percents.append((child.text or "") if not len(child) else string_value(child))
        elif tag == _TAX_SCHEME and not vat:
            for scheme_id in child:
                if scheme_id.tag == ID:
                    text = scheme_id.text if not len(scheme_id) else string_value(scheme_id)
                    vat = text == "VAT" or _is_vat_text(text or "")
                    break
        elif tag in _EXEMPTION:
            exempt = True
    code = "" if not raws else raws[0] if raws[0].isalnum() else normalize_space(raws[0])
    return tuple.__new__(Category, (tuple(raws), tuple(percents), code, vat, exempt))


def _record(index: VatIndex, kinds: dict, element, slots: tuple[str, ...], category) -> None:
    """Note a category in ``kinds`` (counted later, once per kind) and, when its scheme is
    VAT, among the nodes of its contexts."""
    key = (slots, category.code, category.ids, category.vat)
    kinds[key] = kinds.get(key, 0) + 1
    if not category.vat:
        return
    for slot in slots:
        if slot in _CONTEXT_SLOTS:
            key = (slot, category.code)
            found = index.nodes.get(key)
            if found is None:
                index.nodes[key] = [element]
                index.percents[key] = {category.percents}
            else:
                found.append(element)
                index.percents[key].add(category.percents)


@functools.lru_cache(maxsize=256)
def _tally(slots: tuple[str, ...], code: str, raws: tuple[str, ...], vat: bool):
    """The counter and total keys one category of a kind adds one to (a key may repeat);
    documents share few kinds, so each is worked out once."""
    counted, totalled = [], []
    for slot in slots:
        if slot == "lineitem":
            continue
        keys = _KEYS[slot]
        counted.append((keys.id, code))
        totalled.append(slot)
        if keys.raw:
            counted.extend((keys.raw, raw) for raw in set(raws))
        if not vat:
            continue
        counted.append((keys.id_vat, code))
        totalled.append(keys.vat)
        if keys.raw_vat:
            counted.extend((keys.raw_vat, raw) for raw in set(raws))
        if keys.each_vat:
            counted.extend((keys.each_vat, _normal(raw)) for raw in raws)
    return tuple(counted), tuple(totalled)


def _normal(text: str) -> str:
    return text if text.isalnum() else normalize_space(text)


def _is_vat_text(text: str) -> bool:
    return text == "VAT" or normalize_space(text.upper()) == "VAT"


def _number(numbers: dict, text: str | None) -> Decimal | None:
    try:
        return numbers[text]
    except KeyError:
        value = numbers[text] = decimal(text)
        return value


def _remember(taxes: dict, owner, category: Category) -> None:
    tax = (category.code, category.percents[0] if category.percents else None)
    taxes[owner] = (*taxes.get(owner, ()), tax)


def _price(doc, index: VatIndex, taxes: dict, regular: RegularLines | None) -> None:
    """The :class:`Priced` of the root's lines and of every allowance or charge. Owners with
    the same categories and rates (most lines of a long invoice) share their sets, and the
    tuples are built in C like :class:`~ro_efactura.rules.Attr`: one per line. Lines read in
    bulk are priced one item per kind of line, with the sum of their amounts (the rules only
    add them up)."""
    known: dict = {}  # ((code, rate text), ...) -> (codes, rates)
    numbers: dict = {}  # rate text -> xs:decimal

    def sets(node) -> tuple:
        owned = taxes.get(node, ())
        found = known.get(owned)
        if found is None:
            rates = (_number(numbers, percent) for _, percent in owned)
            found = known[owned] = (
                frozenset(code for code, _ in owned),
                frozenset(rate for rate in rates if rate is not None),
            )
        return found

    new, priced = tuple.__new__, index.priced
    if regular is not None:
        for (tag, code, rate), total in regular.totals.items():
            rates = frozenset() if (value := _number(numbers, rate)) is None else {value}
            priced.append(
                new(Priced, (tag, frozenset({code}), frozenset(rates), total, False, False))
            )
    else:
        amounts = first_numbers(doc, _LINE_AMOUNT, _LINES)
        for line in doc.root:
            tag = line.tag
            if tag in _LINES:
                found = known.get(taxes.get(line, ())) or sets(line)
                priced.append(new(Priced, (tag, *found, amounts.get(line), False, False)))
    if not doc.elements(ALLOWANCE_CHARGE):
        return
    amounts = first_numbers(doc, _AMOUNT, (ALLOWANCE_CHARGE,))
    for ac in doc.elements(ALLOWANCE_CHARGE):
        flags = charge_flags(doc, ac)
        item = new(Priced, (ALLOWANCE_CHARGE, *sets(ac), amounts.get(ac), *flags))
        index.anywhere_ac.append(item)
        if ac.getparent() is doc.root:
            priced.append(item)


def _parties(doc, index: VatIndex) -> None:
    """The parties' identifiers, climbing from each ``cbc:CompanyID`` of the document."""
    for company_id in doc.elements(_COMPANY_ID):
        holder = company_id.getparent()
        party = holder.getparent() if holder is not None else None
        if party is None:
            continue
        role = party.getparent()
        role = role.tag if role is not None and party.tag == _PARTY else None
        if holder.tag == _LEGAL_ENTITY:
            index.buyer_legal_id = index.buyer_legal_id or role == _CUSTOMER
        elif holder.tag != _PARTY_TAX_SCHEME:
            continue
        elif role == _SUPPLIER:
            index.seller_any_vat_id = True
            index.seller_vat_id = index.seller_vat_id or _scheme_vat(holder)
        elif role == _CUSTOMER:
            index.buyer_vat_id = index.buyer_vat_id or _scheme_vat(holder)
        elif party.tag == _REPRESENTATIVE:
            index.representative_vat_id = index.representative_vat_id or _scheme_vat(holder)


def _scheme_vat(node) -> bool:
    for scheme in node:
        if scheme.tag == _TAX_SCHEME:
            for scheme_id in scheme:
                if scheme_id.tag == ID:
                    if _is_vat_text(string_value(scheme_id)):
                        return True
                    break
    return False
