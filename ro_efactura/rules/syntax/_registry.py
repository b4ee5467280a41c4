"""Collect rules per context, then register them on a Pattern in the official context order.

Within a pattern the engine gives a node to the first context that matches it, in the order
contexts first received a rule. Our rules for one context are spread over several modules, so
each module stages its rules on a :class:`RuleBook` and :meth:`RuleBook.build` registers them
context by context, in the order of the official XSLT templates, whatever the import order.

>>> from ro_efactura.rules import Context, Pattern, Text
>>> first, second = Context("cac:Item"), Context("cac:Item")
>>> book = RuleBook(Pattern("demo"), (first, second))
>>> @book.rule("B", second, Text(ro="b", en="b"))
... @book.rule("A", first, Text(ro="a", en="a"))
... def never(node, doc):
...     return False
>>> [rule.id for rule in book.build().rules]
['A', 'B']
"""

from __future__ import annotations

from collections.abc import Callable

from .._core import Context, Pattern, Severity, Text

__all__ = ["RuleBook"]


class RuleBook:
    """A :class:`Pattern` under construction, with its contexts in the official order."""

    def __init__(self, pattern: Pattern, contexts: tuple[Context, ...]) -> None:
        self.pattern = pattern
        self.contexts = contexts
        self._staged: dict[int, list] = {id(context): [] for context in contexts}

    def rule(
        self, rule_id: str, context: Context, message: Text, severity: Severity = Severity.FATAL
    ) -> Callable:
        """Stage the decorated check as rule ``rule_id`` on ``context`` (same signature as
        :meth:`Pattern.rule`)."""

        def stage(check: Callable) -> Callable:
            self._staged[id(context)].append((rule_id, message, severity, check))
            return check

        return stage

    def build(self) -> Pattern:
        """Register every staged rule, context by context, and return the pattern."""
        for context in self.contexts:
            for rule_id, message, severity, check in self._staged[id(context)]:
                self.pattern.rule(rule_id, context, message, severity)(check)
        return self.pattern
