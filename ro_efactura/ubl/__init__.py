"""UBL 2.1 for RO e-Factura: :func:`write` a model document as CIUS-RO XML, :func:`read` any
UBL 2.1 Invoice or CreditNote back into the model.

The writer is strict and deterministic; the reader is lenient (unknown elements are ignored,
amounts are kept as found) and raises only :class:`~ro_efactura.errors.DocumentError`
subclasses.

>>> from tests.factories import make_invoice
>>> invoice = make_invoice()
>>> read(write(invoice)) == invoice
True
"""

from __future__ import annotations

from .reader import read
from .writer import write

__all__ = ["read", "write"]
