"""The EU VIES checkVat SOAP service in the emulator.

Placeholder: the endpoint is registered by :func:`install` once written.

>>> callable(install)
True
"""

from __future__ import annotations

__all__ = ["install"]


def install(router, emulator) -> None:
    """Register the VIES endpoint on ``router``; state lives on ``emulator``."""
