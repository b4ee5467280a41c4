"""Rule contexts: which nodes a group of rules applies to, in a small, fast match syntax.

See :mod:`ro_efactura.rules._core` for the syntax. Each alternative of a match is resolved
through the :class:`~ro_efactura.rules.Document` indexes: a tag, a tag under a parent tag,
the root, or an attribute name; longer paths climb from the candidates.

>>> from ro_efactura._xml import parse
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">'
...        b'<cac:TaxTotal/><cac:InvoiceLine><cac:TaxTotal/></cac:InvoiceLine></Invoice>')
>>> doc = Document(parse(xml))
>>> len(Context("cac:TaxTotal").nodes(doc)), len(Context("/*/cac:TaxTotal").nodes(doc))
(2, 1)
>>> Context("cac:InvoiceLine/cac:TaxTotal | @currencyID").keys()[1:]
['@currencyID']
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from ._document import Document, _clark, q

__all__ = ["Context"]


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
        self._tag, self._parent = _tag_and_parent(self._alternatives)

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

    def required_tags(self) -> list[frozenset[str]] | None:
        """Per alternative, the element tags it names (the wildcard aside), all of which a
        document must contain for it to match anything; ``None`` when an alternative is an
        attribute, so that presence says nothing. A subclass that overrides :meth:`nodes`
        must return only nodes its match can match, so that this stays true."""
        found = []
        for _, steps, attribute in self._alternatives:
            if attribute:
                return None
            found.append(frozenset(steps) - {"*"})
        return found

    def nodes(self, doc: Document) -> list:
        """The nodes of ``doc`` this context matches, in document order per alternative.

        The list may be shared with the document's indexes: do not modify it.
        """
        alternatives, tag, parent = self._alternatives, self._tag, self._parent
        if tag is not None:  # the common case, a single index lookup
            found = doc.elements(tag) if parent is None else doc.under_parent(tag, parent)
        elif len(alternatives) == 1:
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


def _tag_and_parent(alternatives: list) -> tuple[str | None, str | None]:
    """For a single ``tag`` or ``parent/tag`` alternative (no anchor, no wildcard), its tags."""
    if len(alternatives) != 1:
        return None, None
    anchored, steps, attribute = alternatives[0]
    if anchored or attribute or not 1 <= len(steps) <= 2 or "*" in steps:
        return None, None
    return steps[-1], steps[0] if len(steps) == 2 else None


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
