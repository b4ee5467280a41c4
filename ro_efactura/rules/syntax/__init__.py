"""The UBL syntax rules of the official CIUS-RO 1.0.9 artefact (pattern ``UBL-syntax``).

Three families, all with their official ids:

* UBL-CR-001..682 -- UBL elements and attributes EN 16931 does not use (warnings, except
  UBL-CR-666 and -673 which are fatal), kept as a compact table (:mod:`._table`);
* UBL-SR-01..50 -- how often a business term may occur (fatal);
* UBL-DT-01..28 -- data types: two decimals in amounts, attachments with a MIME code and a
  file name (fatal), and attributes EN 16931 does not use (warnings).

Like the official XSLT, the pattern visits every element and attribute and checks a node
under the first matching rule context only (:mod:`._pattern` lists them in order).

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = (b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
...        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
...        b'<cbc:UUID>1</cbc:UUID></Invoice>')
>>> [(f.rule, f.severity.value) for f in PATTERNS[0].run(Document(parse(xml)))]
[('UBL-CR-005', 'warning')]
"""

from __future__ import annotations

from . import _elements  # noqa: F401  (registers the rules below the root)
from ._guard import suspects
from ._pattern import BOOK, ROOT
from ._root import ROOT_RULES, root_violations

__all__ = ["PATTERN", "PATTERNS"]


def _root_rule(rule_id: str):
    return lambda node, doc: rule_id not in root_violations(doc)


for _rule_id, _severity, _message in ROOT_RULES:
    BOOK.rule(_rule_id, ROOT, _message, _severity)(_root_rule(_rule_id))

BOOK.suspects = suspects

#: The official ``UBL-syntax`` pattern (XSLT mode M13).
PATTERN = BOOK
PATTERNS = (PATTERN,)
