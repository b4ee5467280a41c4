"""The machinery every rule module uses: findings, contexts, patterns and the engine.

A rule is a small function registered under its official id. It receives one *context node*
(an element, or an :class:`Attr` for attribute contexts) and the :class:`Document`, and returns
``True`` when the node satisfies the rule. It never raises: an exception inside a rule is a bug,
and is logged and reported as a failure of that rule rather than escaping.

Rules are grouped in :class:`Pattern` objects that mirror the official Schematron patterns:
every element and attribute is visited, and within one pattern a node is checked only by the
*first* context (in declaration order) that matches it, as the official XSLT templates behave.

A :class:`Context` is a match pattern in a small, fast syntax (no XPath at run time):

* ``"cac:InvoiceLine/cac:Item"`` -- an ``Item`` element whose parent is an ``InvoiceLine``;
* ``"/ubl:Invoice/cac:TaxTotal"`` or ``"/*/cac:TaxTotal"`` -- a leading ``/`` anchors the first
  step at the root element; ``*`` matches any element;
* ``"/"`` -- the root element (Invoice or CreditNote);
* ``"@currencyID"`` -- every ``currencyID`` attribute, wherever it is;
* ``"cac:InvoiceLine | cac:CreditNoteLine"`` -- either;
* ``where=`` -- an extra predicate on the node, for Schematron's ``[...]`` filters.

>>> demo = Pattern("demo")
>>> @demo.rule("DEMO-1", Context("/"), Text(ro="Lipsește ID.", en="ID is missing."))
... def has_id(node, doc):
...     return bool(node.findtext(q("cbc:ID")))
>>> from ro_efactura._xml import parse
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> [f.rule for f in demo.run(Document(parse(xml)))]
['DEMO-1']
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import NamedTuple

from lxml import etree

from .._xml import NS, element_path, root_kind

__all__ = ["Attr", "Context", "Document", "Finding", "Pattern", "Rule", "Severity", "Text", "q"]

_logger = logging.getLogger(__name__)


class Severity(str, Enum):
    """How bad a finding is: ``fatal`` blocks the invoice at ANAF, ``warning`` does not."""

    FATAL = "fatal"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Text:
    """A message in Romanian and English."""

    ro: str
    en: str

    def get(self, lang: str | None) -> str:
        """The text for an Odoo-style language code (``ro_RO`` -> Romanian, else English)."""
        return self.ro if (lang or "").lower().startswith("ro") else self.en


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One rule that a document breaks, and where."""

    rule: str
    severity: Severity
    location: str
    message: Text

    @property
    def fatal(self) -> bool:
        return self.severity is Severity.FATAL

    def as_dict(self) -> dict:
        """The JSON form: ``rule``, ``severity``, ``location`` and ``message`` (``ro``/``en``)."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "location": self.location,
            "message": {"ro": self.message.ro, "en": self.message.en},
        }


Check = Callable[..., bool]


def q(path: str) -> str:
    """Turn ``cbc:ID`` or ``cac:Party/cbc:Name`` into lxml's ``{namespace}name`` form."""
    return "/".join(_clark(step) for step in path.split("/"))


def _clark(step: str) -> str:
    prefix, _, local = step.partition(":")
    return f"{{{NS[prefix]}}}{local}" if local else step


class Attr(NamedTuple):
    """An attribute as a context node: the element that carries it, its name and value.

    A named tuple rather than a frozen dataclass: documents hold hundreds of attributes and a
    tuple is built several times faster.
    """

    element: etree._Element
    name: str
    value: str

    def getparent(self) -> etree._Element:
        return self.element


@dataclass(frozen=True, slots=True)
class Rule:
    """An official rule: its id, severity, message and the check that implements it.

    ``bulk(nodes, doc)``, when given, answers for a whole family of nodes at once (e.g. "every
    currency code in the document is listed"): ``True`` promises that ``check`` holds on each
    of ``nodes``, and the engine skips the per-node calls; ``False`` says nothing.
    """

    id: str
    severity: Severity
    message: Text
    check: Check
    bulk: Callable[[list, Document], bool] | None = None


class Context:
    """Which nodes a group of rules applies to (see the module docstring for the syntax).

    ``where(node)`` filters the matched nodes; ``where_doc(node, doc)`` does the same with the
    :class:`Document` at hand, for predicates that share per-document facts through
    :meth:`Document.memo`.
    """

    def __init__(
        self,
        match: str,
        where: Callable[..., bool] | None = None,
        *,
        where_doc: Callable[..., bool] | None = None,
    ) -> None:
        self.match = match
        self.where = where
        self.where_doc = where_doc
        self._alternatives = [_parse_alternative(alt.strip()) for alt in match.split("|")]

    def __repr__(self) -> str:
        return f"Context({self.match!r})"

    def keys(self) -> list[str] | None:
        """The tags (``@name`` for attributes) of the nodes this context can match, one per
        alternative, or ``None`` when it may match any element."""
        found = []
        for _, steps, attribute in self._alternatives:
            if attribute:
                found.append(f"@{attribute}")
            elif not steps:
                found.extend(_ROOT_TAGS)
            elif steps[-1] == "*":
                return None
            else:
                found.append(steps[-1])
        return found

    def nodes(self, doc: Document) -> list:
        """The nodes of ``doc`` this context matches, in document order per alternative.

        The list may be shared with the document's indexes: do not modify it.
        """
        alternatives = self._alternatives
        if len(alternatives) == 1:
            found = _alternative_nodes(doc, *alternatives[0])
        else:
            found = []
            for anchored, steps, attribute in alternatives:
                found.extend(_alternative_nodes(doc, anchored, steps, attribute))
        if self.where is not None and found:
            found = [node for node in found if self.where(node)]
        if self.where_doc is not None and found:
            found = [node for node in found if self.where_doc(node, doc)]
        return found


_ROOT_TAGS = (q("ubl:Invoice"), q("cn:CreditNote"))
_EMPTY: list = []  # the shared empty result; callers only read results


def _alternative_nodes(doc: Document, anchored: bool, steps: tuple[str, ...], attribute: str):
    if attribute:
        return doc.attributes(attribute)
    if not steps:
        return [doc.root]
    last = steps[-1]
    if len(steps) == 1:
        if anchored:
            return [doc.root] if last in ("*", doc.root.tag) else []
        return doc.all_elements() if last == "*" else doc.elements(last)
    if last == "*" or steps[-2] == "*":
        candidates = doc.all_elements() if last == "*" else doc.elements(last)
    else:
        candidates = doc.under_parent(last, steps[-2])
        if len(steps) == 2 and not anchored:
            return candidates
    return [element for element in candidates if _ancestors_match(element, steps, anchored)]


def _parse_alternative(text: str) -> tuple[bool, tuple[str, ...], str]:
    if text.startswith("@"):
        return False, (), text[1:]
    anchored = text.startswith("/")
    steps = tuple(_clark(step) for step in text.strip("/").split("/") if step)
    return anchored, steps, ""


def _ancestors_match(element: etree._Element, steps: tuple[str, ...], anchored: bool) -> bool:
    node = element
    for step in reversed(steps[:-1]):
        node = node.getparent()
        if node is None or (step != "*" and node.tag != step):
            return False
    return not anchored or node.getparent() is None


class Document:
    """A parsed UBL document and the lookups rules share, computed once per validation.

    The tag index is built up front (one pass); the attribute index and the children of an
    element by tag are built the first time a rule asks for them.
    """

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.kind = root_kind(root)  # 'Invoice' or 'CreditNote'
        self._all = everything = list(root.iter(etree.Element))
        self._by_tag: dict[str, list[etree._Element]] = {}
        by_tag = self._by_tag
        for element in everything:
            tag = element.tag
            same = by_tag.get(tag)
            if same is None:
                by_tag[tag] = [element]
            else:
                same.append(element)
        self._by_attribute: dict[str, list[Attr]] | None = None
        self._by_parent: dict[str, dict[str, list[etree._Element]]] = {}
        self._children: dict[etree._Element, dict[str, list[etree._Element]]] = {}
        self._cache: dict = {}

    def elements(self, tag: str) -> list[etree._Element]:
        """Every element with this Clark-notation tag, in document order (do not modify)."""
        return self._by_tag.get(tag, _EMPTY)

    def tags(self):
        """The tags present in the document (a read-only view)."""
        return self._by_tag.keys()

    def all_elements(self) -> list[etree._Element]:
        """Every element of the document, in document order."""
        return self._all

    def attributes(self, name: str) -> list[Attr]:
        """Every attribute with this (unqualified) name, in document order."""
        index = self._by_attribute
        if index is None:
            index = self._by_attribute = {}
            for element in self._all:
                for key, value in element.items():
                    same = index.get(key)
                    if same is None:
                        index[key] = [Attr(element, key, value)]
                    else:
                        same.append(Attr(element, key, value))
        return index.get(name, _EMPTY)

    def under_parent(self, tag: str, parent: str) -> list[etree._Element]:
        """The ``tag`` elements whose parent has the tag ``parent``, in document order."""
        groups = self._by_parent.get(tag)
        if groups is None:
            groups = self._by_parent[tag] = {}
            for element in self._by_tag.get(tag, _EMPTY):
                up = element.getparent()
                key = up.tag if up is not None else ""
                same = groups.get(key)
                if same is None:
                    groups[key] = [element]
                else:
                    same.append(element)
        return groups.get(parent, _EMPTY)

    def children(self, element: etree._Element) -> dict[str, list[etree._Element]]:
        """``{tag: [child, ...]}`` of ``element``, built once per element (do not modify)."""
        found = self._children.get(element)
        if found is None:
            found = self._children[element] = {}
            for child in element:
                tag = child.tag
                same = found.get(tag)
                if same is None:
                    found[tag] = [child]
                else:
                    same.append(child)
        return found

    def xpath(self, node, expression: str):
        """Evaluate a (cached, compiled) XPath 1.0 expression on ``node``; prefer ``find``."""
        compiled = self._cache.get(expression)
        if compiled is None:
            compiled = self._cache[expression] = etree.XPath(expression, namespaces=NS)
        return compiled(node)

    def memo(self, key, compute: Callable[[], object]):
        """Compute a document-wide value once (e.g. the sum of line amounts)."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
            return value

    @staticmethod
    def decimal(value) -> Decimal | None:
        """The number in ``value`` (an element or a string), or ``None`` if it is not one."""
        text = value.text if isinstance(value, etree._Element) else value
        if text is None:
            return None
        try:
            number = Decimal(text.strip())
        except (InvalidOperation, AttributeError):
            return None
        return number if number.is_finite() else None


class Pattern:
    """An ordered group of contexts and their rules, like one Schematron pattern.

    Contexts are tried in the order they first received a rule, or in the order given to
    :meth:`order` (declare it before registering rules spread over several modules).
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self._contexts: dict[int, tuple[Context, list[Rule]]] = {}
        self._plan: list[tuple] | None = None

    def order(self, contexts) -> Pattern:
        """Declare the official order of ``contexts`` (highest priority first)."""
        for context in contexts:
            self._contexts.setdefault(id(context), (context, []))
        self._plan = None
        return self

    def rule(
        self,
        rule_id: str,
        context: Context,
        message: Text,
        severity: Severity = Severity.FATAL,
        *,
        bulk: Callable[[list, Document], bool] | None = None,
    ) -> Callable[[Check], Check]:
        """Register the decorated function as rule ``rule_id`` checking nodes of ``context``.

        Pass the *same* :class:`Context` object for rules that share a Schematron rule context;
        ``bulk`` is the optional whole-family check described under :class:`Rule`.
        """

        def register(check: Check) -> Check:
            entry = self._contexts.setdefault(id(context), (context, []))
            entry[1].append(Rule(rule_id, severity, message, check, bulk))
            self._plan = None
            return check

        return register

    @property
    def rules(self) -> list[Rule]:
        return [rule for _, rules in self._contexts.values() for rule in rules]

    def run(self, doc: Document) -> Iterator[Finding]:
        """Check ``doc``; each node meets only the first context of this pattern matching it."""
        plan = self._plan if self._plan is not None else self._compile()
        claimed: set = set()
        present = doc._by_tag
        for context, rules, check_claimed, record, bulk, tags in plan:
            if tags is not None:  # skip a context whose node tags the document lacks
                for tag in tags:
                    if tag in present:
                        break
                else:
                    continue
            nodes = context.nodes(doc)
            if not nodes:
                continue
            if bulk:
                rules = _unsettled(rules, nodes, doc)
                if not rules and not record:
                    continue
            for node in nodes:
                if check_claimed:
                    if node in claimed:
                        continue
                    claimed.add(node)
                elif record:
                    claimed.add(node)
                try:  # one guard per node; rules are re-run one by one only if one raised
                    failed = [rule for rule in rules if not rule.check(node, doc)]
                except Exception:
                    failed = [rule for rule in rules if not _passes(rule, node, doc)]
                for rule in failed:
                    yield Finding(
                        rule=rule.id,
                        severity=rule.severity,
                        location=_location(node),
                        message=rule.message,
                    )

    def _compile(self) -> list[tuple]:
        """Contexts with rules, each with three flags -- must it skip nodes an earlier context
        took (its node kinds overlap an earlier context's or repeat among its alternatives),
        must it record its nodes (a later context's node kinds overlap its own), has any of
        its rules a bulk check -- and the element tags its nodes can have (``None``: any, or
        attributes), so that a context whose tags the document lacks costs nothing."""
        entries = [(c, tuple(rules)) for c, rules in self._contexts.values() if rules]
        keys = [context.keys() for context, _ in entries]
        plan = []
        for i, (context, rules) in enumerate(entries):
            mine = keys[i]
            repeats = mine is None or len(set(mine)) < len(mine)
            earlier = any(_overlap(mine, other) for other in keys[:i])
            later = any(_overlap(mine, other) for other in keys[i + 1 :])
            bulk = any(rule.bulk is not None for rule in rules)
            tags = None if mine is None or any(k[0] == "@" for k in mine) else tuple(set(mine))
            plan.append((context, rules, repeats or earlier, later, bulk, tags))
        self._plan = plan
        return plan


def _unsettled(rules: tuple[Rule, ...], nodes: list, doc: Document) -> tuple[Rule, ...]:
    """The rules whose bulk check does not vouch for every node (a raising one does not)."""
    left = []
    for rule in rules:
        try:
            settled = rule.bulk is not None and rule.bulk(nodes, doc)
        except Exception:  # like a rule: never escape; the per-node calls decide
            _logger.exception("Bulk check of rule %s raised; checking node by node", rule.id)
            settled = False
        if not settled:
            left.append(rule)
    return tuple(left)


def _overlap(first: list[str] | None, second: list[str] | None) -> bool:
    return first is None or second is None or not set(first).isdisjoint(second)


def _location(node) -> str:
    if isinstance(node, Attr):
        return f"{element_path(node.element)}/@{node.name}"
    return element_path(node)


def _passes(rule: Rule, node, doc: Document) -> bool:
    try:
        return bool(rule.check(node, doc))
    except Exception:  # a rule must never break validation; report it as failed and log
        _logger.exception("Rule %s raised; reporting it as failed", rule.id)
        return False
