"""The Romanian rules of the official CIUS-RO 1.0.9 artefact (pattern ``ROmodel``).

BR-RO-* (document, parties, addresses, codes), BR-RO-DT* (dates), BR-RO-L* (text lengths),
BR-RO-A* (repetitions), BR-DEC-RO-* (two decimals) and the CIUS-RO copy of BR-27, split by
role:

* :mod:`._dates_codes` -- dates, codes, the specification id, currency, invoice number;
* :mod:`._parties` -- seller, buyer, tax representative and delivery addresses, VAT ids;
* :mod:`._lengths` -- BR-RO-L*; :mod:`._decimals` -- BR-DEC-RO-*; :mod:`._counts` -- BR-RO-A*.

The contexts, and the official quirks they keep, are in :mod:`._pattern`. Romanian county and
sector codes come from :mod:`ro_efactura.identifiers`. The artefact also defines an e-mail and
a telephone regular expression (RO-EMAIL-REGEX, RO-TELEPHONE-REGEX) but no rule of 1.0.9 uses
them, so, like the artefact, we check neither.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> "BR-RO-001" in {f.rule for f in PATTERNS[0].run(Document(parse(xml)))}
True
"""

from __future__ import annotations

from . import _counts, _dates_codes, _decimals, _lengths, _parties  # noqa: F401  (register)
from ._guard import suspects
from ._pattern import BOOK

BOOK.suspects = suspects

__all__ = ["PATTERN", "PATTERNS"]

#: The official ``ROmodel`` pattern (XSLT mode M15).
PATTERN = BOOK
PATTERNS = (PATTERN,)
