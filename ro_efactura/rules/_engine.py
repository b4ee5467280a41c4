"""The entry point: parse (or write) the document, run every pattern, optionally the XSD."""

from __future__ import annotations

import importlib
from functools import cache
from pathlib import Path

from lxml import etree

from .._xml import DEFAULT_MAX_SIZE, parse
from ._core import Document, Finding, Pattern, Rule, Severity, Text

__all__ = ["PATTERNS", "all_rules", "validate"]

#: The rule modules, in the order their findings are reported.
_RULE_MODULES = ("en16931", "codelists", "syntax", "cius_ro")


def _load_patterns() -> tuple[Pattern, ...]:
    patterns: list[Pattern] = []
    for name in _RULE_MODULES:
        try:
            module = importlib.import_module(f"{__package__}.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{name}":
                raise
            continue
        patterns.extend(module.PATTERNS)
    return tuple(patterns)


PATTERNS: tuple[Pattern, ...] = _load_patterns()


def all_rules() -> dict[str, Rule]:
    """Every rule we implement, by official id."""
    return {rule.id: rule for pattern in PATTERNS for rule in pattern.rules}


def validate(document, *, xsd_dir: str | Path | None = None, max_size: int = DEFAULT_MAX_SIZE):
    """Check ``document`` and return its findings (an empty list means valid).

    :param document: UBL XML as ``bytes``, an lxml element, or a ``ro_efactura.model`` document.
    :param xsd_dir: a folder holding the UBL 2.1 schemas (``maindoc/`` and ``common/``); when
        given, schema errors are reported too, under the rule id ``XSD``.
    :param max_size: the largest XML accepted, in bytes.
    :return: a list of :class:`Finding`, fatal and warnings alike.
    :raises DocumentError: when the bytes are not a readable UBL Invoice or CreditNote.
    """
    root = _root_of(document, max_size)
    doc = Document(root)
    findings = [finding for pattern in PATTERNS for finding in pattern.run(doc)]
    if xsd_dir is not None:
        findings.extend(_xsd_findings(root, doc.kind, Path(xsd_dir)))
    return findings


def _root_of(document, max_size: int) -> etree._Element:
    if isinstance(document, etree._Element):
        return document
    if isinstance(document, (bytes, bytearray, str)):
        return parse(
            bytes(document) if not isinstance(document, str) else document, max_size=max_size
        )
    from ..ubl import write  # a model document: write it first

    return parse(write(document), max_size=max_size)


@cache
def _schema(path: Path):
    import xmlschema

    return xmlschema.XMLSchema(str(path))


_XSD_MESSAGE = Text(
    ro="Documentul nu respectă schema UBL 2.1: {reason}",
    en="The document does not follow the UBL 2.1 schema: {reason}",
)


def _xsd_findings(root: etree._Element, kind: str, xsd_dir: Path) -> list[Finding]:
    schema = _schema(xsd_dir / "maindoc" / f"UBL-{kind}-2.1.xsd")
    return [
        Finding(
            rule="XSD",
            severity=Severity.FATAL,
            location=error.path or "/",
            message=Text(
                ro=_XSD_MESSAGE.ro.format(reason=error.reason),
                en=_XSD_MESSAGE.en.format(reason=error.reason),
            ),
        )
        for error in schema.iter_errors(etree.tostring(root))
    ]
