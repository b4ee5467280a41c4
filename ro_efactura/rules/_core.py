"""The machinery every rule module uses: findings, patterns and the engine that runs them.

A rule is a small function registered under its official id. It receives one *context node*
(an element, or an attribute value) and the :class:`Document`, and returns ``True`` when the
node satisfies the rule. It never raises: an exception inside a rule is a bug, and is reported
as a fatal finding of the rule rather than escaping.

Rules are grouped in :class:`Pattern` objects that mirror the official Schematron patterns:
within one pattern a node is checked only by the *first* context (in declaration order) that
selects it, exactly as the official artefact's XSLT templates behave. Contexts are XPath 1.0
expressions evaluated from the document root (write ``//cac:AllowanceCharge`` for a Schematron
match pattern ``cac:AllowanceCharge``), with the prefixes of :data:`ro_efactura._xml.NS`.

>>> demo = Pattern("demo")
>>> @demo.rule("DEMO-1", "/ubl:Invoice", Text(ro="Lipsește ID.", en="ID is missing."))
... def has_id(node, doc):
...     return bool(node.findtext(doc.q("cbc:ID")))
>>> from ro_efactura._xml import parse
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> doc = Document(parse(xml))
>>> [f.rule for f in demo.run(doc)]
['DEMO-1']
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import Enum

from lxml import etree

from .._xml import NS, element_path, root_kind

__all__ = ["Document", "Finding", "Pattern", "Rule", "Severity", "Text"]

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


Check = Callable[["etree._Element", "Document"], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """An official rule: its id, severity, message and the check that implements it."""

    id: str
    severity: Severity
    message: Text
    check: Check


@dataclass(slots=True)
class _Context:
    xpath: etree.XPath
    rules: list[Rule] = field(default_factory=list)


class Document:
    """A parsed UBL document and the lookups rules share, computed once per validation."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.kind = root_kind(root)  # 'Invoice' or 'CreditNote'
        self._cache: dict = {}

    @staticmethod
    def q(path: str) -> str:
        """Turn ``cbc:ID`` or ``cac:Party/cbc:Name`` into lxml's ``{namespace}`` form."""
        return "/".join(
            f"{{{NS[step.split(':')[0]]}}}{step.split(':')[1]}" if ":" in step else step
            for step in path.split("/")
        )

    def xpath(self, node, expression: str):
        """Evaluate a (cached, compiled) XPath 1.0 expression on ``node``."""
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
        self._contexts: dict[str, _Context] = {}

    def rule(
        self, rule_id: str, context: str, message: Text, severity: Severity = Severity.FATAL
    ) -> Callable[[Check], Check]:
        """Register the decorated function as rule ``rule_id`` checking nodes of ``context``."""

        def register(check: Check) -> Check:
            ctx = self._contexts.get(context)
            if ctx is None:
                ctx = self._contexts[context] = _Context(etree.XPath(context, namespaces=NS))
            ctx.rules.append(Rule(rule_id, severity, message, check))
            return check

        return register

    @property
    def rules(self) -> list[Rule]:
        return [rule for ctx in self._contexts.values() for rule in ctx.rules]

    def run(self, doc: Document) -> Iterator[Finding]:
        """Check ``doc``; each node meets only the first context of this pattern selecting it."""
        claimed: set = set()
        for ctx in self._contexts.values():
            for node in ctx.xpath(doc.root):
                key = _node_key(node)
                if key in claimed:
                    continue
                claimed.add(key)
                for rule in ctx.rules:
                    if not _passes(rule, node, doc):
                        yield Finding(
                            rule=rule.id,
                            severity=rule.severity,
                            location=element_path(node),
                            message=rule.message,
                        )


def _node_key(node):
    if isinstance(node, etree._ElementUnicodeResult):
        return (id(node.getparent()), node.attrname if node.is_attribute else "#text")
    return id(node)


def _passes(rule: Rule, node, doc: Document) -> bool:
    try:
        return bool(rule.check(node, doc))
    except Exception:  # a rule must never break validation; report it as failed and log
        _logger.exception("Rule %s raised; reporting it as failed", rule.id)
        return False
