"""ro_efactura: the RO e-Factura engine, in pure Python (no Odoo).

The EN 16931 invoice model, a CIUS-RO UBL 2.1 writer and reader, our own implementation of the
official validation rules, Romanian identifiers and calendar, ANAF's clients and a local ANAF
emulator. See the README for a tour.
"""

from __future__ import annotations

from .errors import DocumentError, RoEfacturaError
from .rules import Finding, Severity, validate

__all__ = ["DocumentError", "Finding", "RoEfacturaError", "Severity", "validate"]
__version__ = "0.1.0"
