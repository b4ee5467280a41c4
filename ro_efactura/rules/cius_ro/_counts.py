"""CIUS-RO caps on repeated groups: BR-RO-A051, BR-RO-A052 and BR-RO-A500 (BR-RO-A020, on the
notes, is with the document-level rules).

The official BR-RO-A051 and -A052 count the context node itself (``count(.) <= 50``), which
is always one, so they never fail; we keep them as written.

>>> at_most_one_node(None, None)
True
"""

from __future__ import annotations

from lxml import etree

from .._core import Document, Text, q
from ..syntax._root import children
from ._pattern import BILLING, BOOK, DOCUMENT_REFERENCE, ITEM_PROPERTY

__all__ = ["at_most_one_node"]


def at_most_one_node(node, doc) -> bool:
    """``count(.) <= 50``: a single context node, so always true."""
    return True


BOOK.rule(
    "BR-RO-A052",
    ITEM_PROPERTY,
    Text(
        ro="Un articol are mai mult de 50 de atribute (BG-32); păstrați cel mult 50.",
        en="An item has more than 50 attributes (BG-32); keep 50 at most.",
    ),
)(at_most_one_node)
BOOK.rule(
    "BR-RO-A051",
    DOCUMENT_REFERENCE,
    Text(
        ro="Factura are mai mult de 50 de documente justificative (BG-24); păstrați cel mult 50.",
        en="The invoice has more than 50 supporting documents (BG-24); keep 50 at most.",
    ),
)(at_most_one_node)

_INVOICE_REFERENCE = q("cac:InvoiceDocumentReference")


@BOOK.rule(
    "BR-RO-A500",
    BILLING,
    Text(
        ro="O referință la facturi anterioare (BG-3) cuprinde mai mult de 500 de facturi; "
        "păstrați cel mult 500.",
        en="A preceding invoice reference (BG-3) lists more than 500 invoices; keep 500 at most.",
    ),
)
def at_most_500_invoices(node: etree._Element, doc: Document) -> bool:
    return len(children(node, _INVOICE_REFERENCE)) <= 500
