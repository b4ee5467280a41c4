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


@dataclass(frozen=True, slots=True)
class Attr:
    """An attribute as a context node: the element that carries it, its name and value."""

    element: etree._Element
    name: str
    value: str

    def getparent(self) -> etree._Element:
        return self.element


@dataclass(frozen=True, slots=True)
class Rule:
    """An official rule: its id, severity, message and the check that implements it."""

    id: str
    severity: Severity
    message: Text
    check: Check


class Context:
    """Which nodes a group of rules applies to (see the module docstring for the syntax)."""

    def __init__(self, match: str, where: Callable[..., bool] | None = None) -> None:
        self.match = match
        self.where = where
        self._alternatives = [_parse_alternative(alt.strip()) for alt in match.split("|")]

    def __repr__(self) -> str:
        return f"Context({self.match!r})"

    def nodes(self, doc: Document) -> list:
        """The nodes of ``doc`` this context matches, in document order per alternative."""
        found: list = []
        for anchored, steps, attribute in self._alternatives:
            if attribute:
                found.extend(doc.attributes(attribute))
                continue
            if not steps:
                found.append(doc.root)
                continue
            last = steps[-1]
            candidates = doc.all_elements() if last == "*" else doc.elements(last)
            for element in candidates:
                if _ancestors_match(element, steps, anchored):
                    found.append(element)
        if self.where is not None:
            found = [node for node in found if self.where(node)]
        return found


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
    """A parsed UBL document and the lookups rules share, computed once per validation."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.kind = root_kind(root)  # 'Invoice' or 'CreditNote'
        self._all = list(root.iter(etree.Element))
        self._by_tag: dict[str, list[etree._Element]] = {}
        self._by_attribute: dict[str, list[Attr]] = {}
        for element in self._all:
            self._by_tag.setdefault(element.tag, []).append(element)
            for name, value in element.attrib.items():
                self._by_attribute.setdefault(name, []).append(Attr(element, name, value))
        self._cache: dict = {}

    def elements(self, tag: str) -> list[etree._Element]:
        """Every element with this Clark-notation tag, in document order."""
        return self._by_tag.get(tag, [])

    def all_elements(self) -> list[etree._Element]:
        """Every element of the document, in document order."""
        return self._all

    def attributes(self, name: str) -> list[Attr]:
        """Every attribute with this (unqualified) name, in document order."""
        return self._by_attribute.get(name, [])

    def xpath(self, node, expression: str):
        """Evaluate a (cached, compiled) XPath 1.0 expression on ``node``; prefer ``find``."""
        compiled = self._cache.get(expression)
        if compiled is None:
            compiled = self._cache[expression] = etree.XPath(expression, namespaces=NS)
        return compiled(node)

    def memo(self, key, compute: Callable[[], object]):
        """Compute a document-wide value once (e.g. the sum of line amounts)."""
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

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
    """An ordered group of contexts and their rules, like one Schematron pattern."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._contexts: dict[int, tuple[Context, list[Rule]]] = {}

    def rule(
        self,
        rule_id: str,
        context: Context,
        message: Text,
        severity: Severity = Severity.FATAL,
    ) -> Callable[[Check], Check]:
        """Register the decorated function as rule ``rule_id`` checking nodes of ``context``.

        Pass the *same* :class:`Context` object for rules that share a Schematron rule context.
        """

        def register(check: Check) -> Check:
            entry = self._contexts.setdefault(id(context), (context, []))
            entry[1].append(Rule(rule_id, severity, message, check))
            return check

        return register

    @property
    def rules(self) -> list[Rule]:
        return [rule for _, rules in self._contexts.values() for rule in rules]

    def run(self, doc: Document) -> Iterator[Finding]:
        """Check ``doc``; each node meets only the first context of this pattern matching it."""
        claimed: set = set()
        for context, rules in self._contexts.values():
            for node in context.nodes(doc):
                if node in claimed:
                    continue
                claimed.add(node)
                for rule in rules:
                    if not _passes(rule, node, doc):
                        yield Finding(
                            rule=rule.id,
                            severity=rule.severity,
                            location=_location(node),
                            message=rule.message,
                        )


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
