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
* ``where=`` -- an extra predicate on the node, for Schematron's ``[...]`` filters
  (``where_doc=`` when the predicate needs the :class:`Document`).

:meth:`Pattern.order` declares the contexts' official order up front, so rules can be
registered from several modules. A table-driven family (presence, cardinality, lengths, code
lists, decimals) passes ``bulk=`` to :meth:`Pattern.rule`: one check that vouches for all the
context's nodes at once, so a valid document costs one call per family rather than one per
rule and node (see :class:`Rule`). Contexts whose element tags the document lacks cost nothing.

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
from enum import Enum

from .._xml import element_path
from ._context import Context
from ._document import Attr, Document, q

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


@dataclass(frozen=True, slots=True)
class Rule:
    """An official rule: its id, severity, message and the check that implements it.

    ``bulk(nodes, doc)``, when given, answers for a whole family of nodes at once (e.g. "every
    currency code in the document is listed"): ``True`` promises that ``check`` holds on each
    of ``nodes``, and the engine skips the per-node calls; ``False`` says nothing. Rules of one
    context that share the same bulk object (a family guard, such as "this VAT category
    occurs nowhere") have it evaluated once.
    """

    id: str
    severity: Severity
    message: Text
    check: Check
    bulk: Callable[[list, Document], bool] | None = None


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
        present = doc.tags()
        for context, rules, check_claimed, record, bulk, needs in plan:
            if needs is not None:  # skip a context each alternative of which names a tag
                for need in needs:  # the document lacks
                    if present >= need:
                        break
                else:
                    continue
            nodes = context.nodes(doc)
            if not nodes:
                continue
            if bulk:
                rules = _unsettled(rules, nodes, doc)
                if not rules:  # all vouched for: the nodes are only taken from later contexts
                    if record:
                        claimed.update(nodes)
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
        its rules a bulk check -- and the element tags each of its alternatives needs
        (:meth:`Context.required_tags`), so that a context whose tags the document lacks
        costs nothing."""
        entries = [(c, tuple(rules)) for c, rules in self._contexts.values() if rules]
        keys = [context.keys() for context, _ in entries]
        plan = []
        for i, (context, rules) in enumerate(entries):
            mine = keys[i]
            repeats = mine is None or len(set(mine)) < len(mine)
            earlier = any(_overlap(mine, other) for other in keys[:i])
            later = any(_overlap(mine, other) for other in keys[i + 1 :])
            bulk = any(rule.bulk is not None for rule in rules)
            plan.append((context, rules, repeats or earlier, later, bulk, context.required_tags()))
        self._plan = plan
        return plan


def _unsettled(
    rules: tuple[Rule, ...], nodes: list, doc: Document, level: int = logging.ERROR
) -> tuple[Rule, ...]:
    """The rules whose bulk check does not vouch for every node (a raising one does not, and
    is logged at ``level``). Rules sharing one bulk check (a family guard) have it evaluated
    once."""
    left, verdicts = [], {}
    for rule in rules:
        bulk = rule.bulk
        settled = False
        if bulk is not None:
            settled = verdicts.get(bulk)
            if settled is None:
                try:
                    settled = verdicts[bulk] = bool(bulk(nodes, doc))
                except Exception:  # like a rule: never escape; the per-node calls decide
                    _logger.log(
                        level,
                        "Bulk check of %s raised; checking node by node",
                        rule.id,
                        exc_info=True,
                    )
                    settled = verdicts[bulk] = False
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
