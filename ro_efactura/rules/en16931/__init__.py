"""The EN 16931 semantic-model rules as the CIUS-RO 1.0.9 artefact applies them (pattern M12).

One :class:`~ro_efactura.rules.Pattern`, ``M12``, mirrors the official ``UBL-model`` pattern:
its contexts (``_contexts``) follow the official order and every rule is registered under its
official id by a submodule split by role:

* ``document`` -- header, totals present, notes, references, document allowances and charges
  (BR-01 to BR-08, BR-10, BR-12 to BR-16, BR-31 to BR-38, BR-52, BR-53, BR-55, BR-CL-08);
* ``payment`` -- BR-49 to BR-51, BR-61, BR-66, BR-67; ``breakdown`` -- BR-45 to BR-48;
* ``parties`` -- seller, buyer, payee, tax representative, delivery (BR-09, BR-11, BR-17 to
  BR-20, BR-56, BR-57, BR-62, BR-63);
* ``lines`` -- lines, their allowances, charges, periods and items (BR-21 to BR-30, BR-41 to
  BR-44, BR-54, BR-64, BR-65);
* ``totals`` -- sums and amounts (BR-CO-10 to BR-CO-17, BR-CO-25); ``conditions`` -- the
  other BR-CO rules; ``decimals`` -- BR-DEC-01 to BR-DEC-28;
* ``vat`` -- the VAT category families BR-AE/E/G/IC/IG/IP/O/S/Z and BR-B-01/02.

Findings are returned, never raised.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
>>> doc = Document(parse(xml))
>>> sorted({f.rule for f in PATTERNS[0].run(doc)})[:4]
['BR-01', 'BR-02', 'BR-03', 'BR-04']
"""

from __future__ import annotations

from . import breakdown, conditions, decimals, document, lines, parties, payment, totals, vat
from ._contexts import M12
from ._guard import suspects

M12.suspects = suspects

__all__ = ["PATTERNS"]

PATTERNS = (M12,)

del breakdown, conditions, decimals, document, lines, parties, payment, totals, vat
