"""The ANAF public VAT-payer registry (PlatitorTvaRest v9) in the emulator.

Placeholder: the endpoint is registered by :func:`install` once written.

>>> callable(install)
True
"""

from __future__ import annotations

__all__ = ["install"]


def install(router, emulator) -> None:
    """Register the registry endpoint on ``router``; state lives on ``emulator``."""
