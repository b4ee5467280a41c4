"""Which CIUS-RO rules could fail on a document, read from document-wide facts.

:func:`suspects` is the guard of the ``ROmodel`` pattern (see
:class:`~ro_efactura.rules.syntax._guarded.GuardedPattern`): families of rules are cleared
together -- every date, price, code, length and amount of the document at once -- and the
few document-level rules, cheap to check, are checked. A rule this module does not clear is
suspected, so a new rule is safe until a guard learns it.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> sorted(suspects(Document(parse(xml))))[:3]
['BR-RO-001', 'BR-RO-010', 'BR-RO-030']
"""

from __future__ import annotations

import logging
from functools import lru_cache
from itertools import chain, repeat
from operator import gt

from .._core import Document, q
from ..syntax._guarded import TEXT, nested, odd_amount_tags, too_long
from ..syntax._xpath import Path, castable_as_date, xs_double
from ._dates_codes import CODES, DATE_RULES
from ._decimals import AMOUNTS
from ._lengths import LIMITS
from ._pattern import BOOK, DELIVERY_ADDRESS, ROOT, TAX_REPRESENTATIVE_ADDRESS

__all__ = ["suspects"]

_logger = logging.getLogger(__name__)

#: Rules that hold on every document: their context never gets a node (an earlier context
#: takes it), or they count the context node itself.
_NEVER = frozenset({"BR-RO-L1019", "BR-DEC-RO-23", "BR-RO-A051", "BR-RO-A052"})
#: The document-level rules outside the families: checked outright, they are cheap.
_ROOT_CHECKED = frozenset(
    {"BR-RO-001", "BR-RO-010", "BR-RO-030", "BR-RO-A020", "BR-RO-065", "BR-RO-120"}
    | {f"BR-RO-{n}" for n in ("081", "082", "091", "092", "100", "101", "110", "111")}
)
_CREDIT_NOTE_ELEMENT = q("cac:CreditNote")  # the only node BR-DEC-RO-13 and -15 can see
_PRICE = q("cbc:PriceAmount")
_INVOICE_REFERENCE = q("cac:InvoiceDocumentReference")
_ADDRESS_TAGS = (q("cac:TaxRepresentativeParty"), q("cac:DeliveryLocation"))
_FEW = 8
_MANY = 64


def _length_families():
    """The length rules by element tag, ``(tag, lowest limit, parent tags or None for any,
    ((id, limit, parent tags), ...))``, and by attribute name, ``{name: ((id, limit), ...)}``."""
    by_tag: dict[str, list] = {}
    by_attribute: dict[str, list] = {}
    for rule_id, context, path, limit, *_ in LIMITS:
        if rule_id in _NEVER:
            continue
        if "/@" in path:
            by_attribute.setdefault(path.rpartition("/@")[2], []).append((rule_id, limit))
            continue
        steps = Path(path).steps if path else ()
        if not steps:
            tag, parents = context.keys()[0], None
        else:
            tag, parents = steps[-1], (context.keys() if len(steps) == 1 else [steps[-2]])
        by_tag.setdefault(tag, []).append((rule_id, limit, parents))
    tags = []
    for tag, rules in by_tag.items():
        parents = [p for _, _, ps in rules for p in ps] if all(ps for *_, ps in rules) else None
        tags.append((tag, min(limit for _, limit, _ in rules), parents, tuple(rules)))
    return tuple(tags), {name: tuple(rules) for name, rules in by_attribute.items()}


_LENGTHS, _ATTRIBUTE_LENGTHS = _length_families()
_DECIMALS = tuple((q(path), rule_id) for rule_id, _, path, *_ in AMOUNTS if rule_id not in _NEVER)
_CLEARED = frozenset(
    {rule_id for *_, rules in _LENGTHS for rule_id, *_ in rules}
    | {rule_id for rules in _ATTRIBUTE_LENGTHS.values() for rule_id, _ in rules}
    | {rule_id for _, rule_id in _DECIMALS}
    | {rule_id for rule_id, _ in DATE_RULES}
    | {rule_id for rule_id, *_ in CODES}
    | _NEVER
    | _ROOT_CHECKED
    | {"BR-27", "BR-DEC-RO-13", "BR-DEC-RO-15", "BR-RO-A500"}
)


def suspects(doc: Document) -> frozenset[str]:
    """The ids of the CIUS-RO rules that may fail on ``doc``."""
    found = _root_failures(doc)
    found.update(_unguarded())
    present = doc.tags()
    if any(tag in present for tag in _ADDRESS_TAGS):
        found.update(BOOK.failing(TAX_REPRESENTATIVE_ADDRESS, doc))
        found.update(BOOK.failing(DELIVERY_ADDRESS, doc))
    dates = [doc.elements(tag) for _, tag in DATE_RULES]
    if not _all_dates(list(chain.from_iterable(dates))):
        found.update(
            rule_id
            for (rule_id, _), group in zip(DATE_RULES, dates, strict=True)
            if group and not _all_dates(group)
        )
    if _PRICE in present and not _prices_ok(doc.elements(_PRICE)):
        found.add("BR-27")
    for rule_id, tag, allowed in CODES:
        if tag in present and not _all_in(doc.elements(tag), allowed):
            found.add(rule_id)
    _add_lengths(doc, found)
    odd = odd_amount_tags(doc)
    if odd:
        found.update(rule_id for tag, rule_id in _DECIMALS if tag in odd)
    if _CREDIT_NOTE_ELEMENT in present:
        found.update(("BR-DEC-RO-13", "BR-DEC-RO-15"))
    if len(doc.elements(_INVOICE_REFERENCE)) > 500:
        found.add("BR-RO-A500")
    return frozenset(found)


def _root_failures(doc: Document) -> set[str]:
    """The document-level rules outside the families that fail, checked on the root."""
    root = doc.root
    failed = set()
    for rule_id, check in _root_checks():
        try:
            if not check(root, doc):
                failed.add(rule_id)
        except Exception:  # the rule is suspected; the pattern checks and reports it
            _logger.debug("Guarded rule %s raised", rule_id, exc_info=True)
            failed.add(rule_id)
    return failed


@lru_cache(maxsize=1)
def _root_checks() -> tuple:
    return tuple((r.id, r.check) for r in BOOK.rules_of(ROOT) if r.id in _ROOT_CHECKED)


@lru_cache(maxsize=1)
def _unguarded() -> frozenset[str]:
    """Rules that no family here clears and that are not checked outright."""
    checked = BOOK.rule_ids(TAX_REPRESENTATIVE_ADDRESS) | BOOK.rule_ids(DELIVERY_ADDRESS)
    return frozenset(rule.id for rule in BOOK.rules) - _CLEARED - checked


def _all_dates(elements: list) -> bool:
    """BR-RO-DT*: each element is childless and holds a date of ten characters."""
    return not nested(elements) and all(map(_is_date_text, set(map(TEXT, elements))))


@lru_cache(maxsize=4096)
def _is_date_text(text: str | None) -> bool:
    return text is not None and len(text) == 10 and castable_as_date(text)


def _prices_ok(elements: list) -> bool:
    """BR-27: each price is childless, and a number of zero or more. Plain decimals (digits,
    at most one full stop, not first) are seen at once in C; other texts are cast."""
    if nested(elements):
        return False
    texts = list(map(TEXT, elements))
    if all(texts):
        joined = "\x00".join(texts).encode()
        marks = joined.translate(None, b"0123456789")
        if not (
            marks.strip(b".\x00") or b".." in marks or joined[:1] == b"." or b"\x00." in joined
        ):
            return True
    return all(map(_price_text_ok, set(texts)))


@lru_cache(maxsize=4096)
def _price_text_ok(text: str | None) -> bool:
    value = xs_double(text or "")
    return value is not None and value >= 0


def _all_in(elements: list, allowed: frozenset[str]) -> bool:
    """Each element is childless and its text is one of ``allowed`` as it stands."""
    return not nested(elements) and allowed.issuperset(map(TEXT, elements))


def _add_lengths(doc: Document, found: set[str]) -> None:
    """Add the length rules whose texts may be too long: every text is measured at once
    against the lowest limit of its tag, and only a failing tag is examined rule by rule."""
    present = doc.tags()
    families = [family for family in _LENGTHS if family[0] in present]
    groups = [_few(doc, tag, parents) for tag, _, parents, _ in families]
    elements = list(chain.from_iterable(groups))
    limits = chain.from_iterable(map(repeat, [f[1] for f in families], map(len, groups)))
    # str(None) is "None": an empty element counts four characters, below every limit
    lengths = map(len, map(str, map(TEXT, elements)))
    if nested(elements) or any(map(gt, lengths, limits)):
        for (tag, lowest, _, rules), group in zip(families, groups, strict=True):
            if too_long(group, lowest):
                found.update(
                    rule_id
                    for rule_id, limit, parents in rules
                    if too_long(_under(doc, tag, parents), limit)
                )
    for name, rules in _ATTRIBUTE_LENGTHS.items():
        attributes = doc.attributes(name)
        if attributes:
            longest = max(len(a.value) for a in attributes)
            found.update(rule_id for rule_id, limit in rules if longest > limit)


def _few(doc: Document, tag: str, parents) -> list:
    """The ``tag`` elements, narrowed by :func:`_under` only when they are many."""
    found = doc.elements(tag)
    return found if len(found) <= _MANY else _under(doc, tag, parents)


def _under(doc: Document, tag: str, parents) -> list:
    """The ``tag`` elements; only those under ``parents`` tags when these are few and the
    tag is common (such as ``cbc:ID`` under the root)."""
    found = doc.elements(tag)
    if parents is None or len(found) <= _FEW:
        return found
    holders = list(chain.from_iterable(map(doc.elements, parents)))
    if len(holders) > _FEW:
        return found
    return [child for holder in holders for child in holder.iterchildren(tag)]
