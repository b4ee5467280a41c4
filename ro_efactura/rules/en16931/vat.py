"""EN 16931 VAT category rules, one data-driven family per category (BR-AE/E/G/IC/IG/IP/O/S/Z).

Each category has the same ten rules: -01 the breakdown holds the category when it is used,
-02 to -04 the VAT identifiers that lines, allowances and charges of that category need, -05 to
-07 their rate, -08 the breakdown's taxable amount, -09 its VAT amount, -10 the exemption reason.
:data:`FAMILIES` states how each category's rules differ, including the CIUS-RO 1.0.9 artefact's
small inconsistencies (a raw instead of normalised code here, a missing VAT-scheme filter there),
which we keep because the verdict must match the one ANAF runs. The artefact has no rules for
categories AF and AG (EN 16931 1.3.16 adds them); BR-B-01/02 (split payment) are checked, and
BR-IC-11/12 and BR-O-11 to BR-O-14 are below the families.

>>> [family.prefix for family in FAMILIES]
['AE', 'E', 'G', 'IC', 'IG', 'IP', 'O', 'S', 'Z']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .._core import q
from ._breakdown import category, group, number
from ._contexts import CATEGORY_CONTEXTS, M12, ROOT
from ._vat_bulk import absent, rate_bulk, rate_holds
from ._vat_index import vat_index
from ._vat_text import family_texts, other_texts
from ._xpath import (
    CREDIT_NOTE_LINE,
    INVOICE_LINE,
    first_text,
    kids,
    round2,
    string_value,
    xs_double,
)

__all__ = ["FAMILIES", "Family"]

_PERCENT = q("cbc:Percent")

_TAX_EXEMPTION_REASON = q("cbc:TaxExemptionReason")
_DELIVERY_ACTUAL_DELIVERY_DATE = q("cac:Delivery/cbc:ActualDeliveryDate")
_INVOICE_PERIOD = q("cac:InvoicePeriod")
_COUNTRY_IDENTIFICATION_CODE = q(
    "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode"
)
_IDENTIFICATION_CODE = q("cbc:IdentificationCode")


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    """How the rules of one VAT category are tested (measures as in ``_vat_index``)."""

    code: str  # UNCL 5305 code (BT-95, BT-102, BT-118, BT-151)
    prefix: str  # rule id prefix: BR-{prefix}-01
    presence: tuple[
        str, ...
    ]  # -01: () = exactly one group; else (use, use, sub if used, sub if unused)
    line_use: tuple[str, str]  # -02: measures for (used and ids present) or not used
    allowance_use: tuple[str, str]  # -03
    charge_use: tuple[str, str]  # -04
    seller: str  # "any", "vat" or "none" (the seller may not have one)
    buyer: str = ""  # "", "vat" or "vat_or_legal"
    rate: str  # -05 to -07: "zero", "positive", "nonneg" or "absent"
    base: str  # -08: "exact", "rate" or "rate_used"
    vat: str  # -09: "zero" or "rate"
    exemption: bool  # -10: an exemption reason is required (True) or forbidden (False)


_VAT = ("line_id_vat", "line_id_vat")
_ALLOWANCE = ("acF_id_vat", "acF_id_vat")
_CHARGE = ("acT_id_vat", "acT_id_vat")
_EXEMPT = {"rate": "zero", "base": "exact", "vat": "zero", "exemption": True, "presence": ()}

FAMILIES = (
    Family(
        code="AE",
        prefix="AE",
        line_use=_VAT,
        allowance_use=_ALLOWANCE,
        charge_use=_CHARGE,
        seller="any",
        buyer="vat_or_legal",
        **_EXEMPT,
    ),
    Family(
        code="E",
        prefix="E",
        line_use=_VAT,
        allowance_use=_ALLOWANCE,
        charge_use=_CHARGE,
        seller="any",
        **_EXEMPT,
    ),
    Family(
        code="G",
        prefix="G",
        line_use=_VAT,
        allowance_use=("acF_id", "acF_id_vat"),
        charge_use=("acT_id", "acT_id_vat"),
        seller="vat",
        **_EXEMPT,
    ),
    Family(
        code="K",
        prefix="IC",
        line_use=_VAT,
        allowance_use=_ALLOWANCE,
        charge_use=_CHARGE,
        seller="vat",
        buyer="vat",
        **_EXEMPT,
    ),
    Family(
        code="L",
        prefix="IG",
        presence=("ac_id_vat", "line_id_vat", "sub_raw", "sub_id_vat"),
        line_use=_VAT,
        allowance_use=_ALLOWANCE,
        charge_use=("acT_id_vat", "acT_raw_vat"),
        seller="any",
        rate="nonneg",
        base="rate",
        vat="rate",
        exemption=False,
    ),
    Family(
        code="M",
        prefix="IP",
        presence=("ac_id_vat", "line_id_vat", "sub_raw_vat", "sub_id_vat"),
        line_use=_VAT,
        allowance_use=_ALLOWANCE,
        charge_use=_CHARGE,
        seller="any",
        rate="nonneg",
        base="rate",
        vat="rate",
        exemption=False,
    ),
    Family(
        code="O",
        prefix="O",
        line_use=_VAT,
        allowance_use=("rootF_id_vat", "rootF_id_vat"),
        charge_use=("rootT_id_vat", "rootT_id_vat"),
        seller="none",
        **{**_EXEMPT, "rate": "absent"},
    ),
    Family(
        code="S",
        prefix="S",
        presence=("ac_id", "line_id", "sub_id", "sub_id"),
        line_use=("line_id_vat", "line_id"),
        allowance_use=_ALLOWANCE,
        charge_use=_CHARGE,
        seller="any",
        rate="positive",
        base="rate_used",
        vat="rate",
        exemption=False,
    ),
    Family(
        code="Z",
        prefix="Z",
        line_use=_VAT,
        allowance_use=_ALLOWANCE,
        charge_use=_CHARGE,
        seller="any",
        **{**_EXEMPT, "exemption": False},
    ),
)


def _presence(family: Family):
    code = family.code

    def breakdown_has_category(node, doc) -> bool:
        counts = vat_index(doc).counts
        if not family.presence:
            used = counts["any_each_vat", code] or counts["line_each_vat", code]
            return not used or counts["sub_each_vat", code] == 1
        first, second, if_used, if_unused = family.presence
        used = counts[first, code] + counts[second, code]
        return counts[if_used, code] > 0 if used else counts[if_unused, code] == 0

    return breakdown_has_category


def _identified(family: Family, measures: tuple[str, str]):
    code, (used_measure, unused_measure) = family.code, measures

    def parties_identified(node, doc) -> bool:
        index = vat_index(doc)
        if not index.counts[unused_measure, code]:
            return True
        if not index.counts[used_measure, code]:
            return False
        if family.seller == "none":
            return not (index.seller_vat_id or index.representative_vat_id or index.buyer_vat_id)
        seller = index.seller_vat_id if family.seller == "vat" else index.seller_any_vat_id
        buyer = {
            "": True,
            "vat": index.buyer_vat_id,
            "vat_or_legal": index.buyer_vat_id or index.buyer_legal_id,
        }[family.buyer]
        return (seller or index.representative_vat_id) and buyer

    return parties_identified


def _rate(family: Family):
    kind = family.rate

    def rate_allowed(node, doc) -> bool:
        return rate_holds(kind, [string_value(p) for p in kids(doc, node).get(_PERCENT, ())])

    return rate_allowed


def _base(family: Family):
    code, kind = family.code, family.base

    def taxable_amount(node, doc) -> bool:
        index, facts = vat_index(doc), group(doc, node.getparent())
        if kind == "exact":
            taxable = _first_number(doc, facts.taxable)
            return taxable is not None and any(
                doc.elements(tag) and taxable == _sum(index.priced, code, tag, None)
                for tag in (INVOICE_LINE, CREDIT_NOTE_LINE)
            )
        return all(
            _within_one(facts, index, code, number(doc, rate), kind == "rate_used", doc)
            for rate in category(doc, node).percents
        )

    return taxable_amount


def _first_number(doc, texts: tuple[str, ...]) -> Decimal | None:
    return number(doc, texts[0]) if texts else None


def _sum(priced, code: str, tag: str, rate: Decimal | None) -> Decimal:
    total = Decimal(0)
    for item in priced:
        if code not in item.codes or item.amount is None:
            continue
        if rate is not None and rate not in item.rates:
            continue
        if item.tag == tag or item.charge:
            total += item.amount
        elif item.allowance:
            total -= item.amount
    return total


def _within_one(facts, index, code: str, rate, used_only: bool, doc) -> bool:
    if rate is None:
        return False
    bounds = [b for b in map(xs_double, facts.taxable) if b is not None and b == b]
    used_ac = any(code in ac.codes and rate in ac.rates for ac in index.anywhere_ac)
    for tag in (INVOICE_LINE, CREDIT_NOTE_LINE):
        if used_only:
            present = used_ac or any(
                item.tag == tag and code in item.codes and rate in item.rates
                for item in index.priced
            )
        else:
            present = bool(doc.elements(tag))
        expected = _sum(index.priced, code, tag, rate)
        if (
            present
            and any(Decimal(b - 1) < expected for b in bounds)
            and any(Decimal(b + 1) > expected for b in bounds)
        ):
            return True
    return False


def _vat_amount(family: Family):
    def vat_amount(node, doc) -> bool:
        facts = group(doc, node.getparent())
        tax = _first_number(doc, facts.tax)
        if family.vat == "zero":
            return tax == 0
        taxable = _first_number(doc, facts.taxable)
        rate = _first_number(doc, category(doc, node).percents)
        if tax is None or taxable is None or rate is None:
            return False
        expected = round2(abs(taxable) * (rate / 100))
        return abs(tax) - 1 < expected < abs(tax) + 1

    return vat_amount


def _exemption(family: Family):
    def exemption_reason(node, doc) -> bool:
        return category(doc, node).exempt is family.exemption

    return exemption_reason


def _register(family: Family) -> None:
    contexts, messages = CATEGORY_CONTEXTS[family.code], family_texts(family)
    checks = (
        ("01", ROOT, _presence(family)),
        ("02", ROOT, _identified(family, family.line_use)),
        ("03", ROOT, _identified(family, family.allowance_use)),
        ("04", ROOT, _identified(family, family.charge_use)),
        ("05", contexts.line, _rate(family)),
        ("06", contexts.allowance, _rate(family)),
        ("07", contexts.charge, _rate(family)),
        ("08", contexts.breakdown, _base(family)),
        ("09", contexts.breakdown, _vat_amount(family)),
        ("10", contexts.breakdown, _exemption(family)),
    )
    guard = absent(family.code)  # one bulk object for the family's -01 to -04
    bulks = {"01": guard, "02": guard, "03": guard, "04": guard}
    for rule, slot in (("05", "lineitem"), ("06", "acF"), ("07", "acT")):
        bulks[rule] = rate_bulk(family.rate, family.code, slot)
    for rule, context, check in checks:
        rule_id = f"BR-{family.prefix}-{rule}"
        M12.rule(rule_id, context, messages[rule], bulk=bulks.get(rule))(check)


for _family in FAMILIES:
    _register(_family)


def _k_used(doc) -> bool:
    return vat_index(doc).counts["sub_each_vat", "K"] > 0


def _intra_community_date(node, doc) -> bool:
    if not _k_used(doc):
        return True
    date = first_text(node, _DELIVERY_ACTUAL_DELIVERY_DATE) or ""
    return len(date) > 1 or any(len(period) for period in node.iterchildren(_INVOICE_PERIOD))


def _intra_community_country(node, doc) -> bool:
    path = _COUNTRY_IDENTIFICATION_CODE
    return not _k_used(doc) or len(first_text(node, path) or "") > 1


def _only_o(measure: str):
    def only_outside_scope(node, doc) -> bool:
        index = vat_index(doc)
        if not index.counts["sub_each_vat", "O"]:
            return True
        return index.totals[f"{measure}_vat"] == index.counts[f"{measure}_id_vat", "O"]

    return only_outside_scope


def _split_payment_used(doc, code: str = "B") -> bool:
    counts = vat_index(doc).counts
    return bool(counts["any_raw", code] or counts["line_raw", code])


def _split_payment_italy(node, doc) -> bool:
    if not _split_payment_used(doc):
        return True
    return all(string_value(c) == "IT" for c in doc.elements(_IDENTIFICATION_CODE))


def _split_payment_not_standard(node, doc) -> bool:
    return not _split_payment_used(doc) or not _split_payment_used(doc, "S")


_OTHER = other_texts()
for _rule_id, _check in (
    ("BR-IC-11", _intra_community_date),
    ("BR-IC-12", _intra_community_country),
    ("BR-O-11", _only_o("sub")),
    ("BR-O-12", _only_o("line")),
    ("BR-O-13", _only_o("acF")),
    ("BR-O-14", _only_o("acT")),
    ("BR-B-01", _split_payment_italy),
    ("BR-B-02", _split_payment_not_standard),
):
    M12.rule(_rule_id, ROOT, _OTHER[_rule_id])(_check)
