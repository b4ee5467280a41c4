"""Read UBL 2.1 Invoice and CreditNote documents into the model (work in progress)."""

from __future__ import annotations

__all__ = ["read"]


def read(data: bytes, *, max_size: int | None = None):
    """Not implemented yet."""
    raise NotImplementedError("the UBL reader is being written")
