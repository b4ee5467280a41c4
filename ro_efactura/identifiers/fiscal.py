"""Romanian fiscal codes: CUI/CIF of companies and CNP of persons (python-stdnum underneath).

In e-Factura the seller's VAT identifier (BT-31) and the buyer's (BT-48) carry the ``RO`` prefix
only when the party is registered for VAT; otherwise the bare CUI goes in the legal registration
identifier (BT-30, BT-47). A consumer (B2C) without a CNP on file is identified by thirteen
zeros, which ANAF accepts in place of a CNP.

``validate_*`` raise :class:`InvalidIdentifierError`; ``is_valid_*`` and ``fiscal_code_kind``
return a value and never raise.

>>> validate_cui("RO 185 472 90")
'18547290'
>>> format_cui("18547290", vat_payer=True), format_cui("RO18547290", vat_payer=False)
('RO18547290', '18547290')
>>> try:
...     validate_cui("18547291")
... except InvalidIdentifierError as exc:
...     print(exc.kind, exc.reason)
cui checksum
>>> validate_cnp("1630615123457"), is_b2c_placeholder("0000000000000")
('1630615123457', True)
>>> fiscal_code_kind("RO18547290"), fiscal_code_kind("0000000000000")
('cui', 'b2c_placeholder')
"""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.ro import cnp as _cnp
from stdnum.ro import cui as _cui

from ro_efactura.identifiers._errors import InvalidIdentifierError

__all__ = [
    "B2C_PLACEHOLDER",
    "compact_cui",
    "fiscal_code_kind",
    "format_cui",
    "is_b2c_placeholder",
    "is_valid_cnp",
    "is_valid_cui",
    "validate_cnp",
    "validate_cui",
]

#: The CNP ANAF accepts for a consumer whose personal code is not known.
B2C_PLACEHOLDER = "0000000000000"


def compact_cui(value: str | int) -> str:
    """Strip spaces, separators and the ``RO`` prefix, without checking the number.

    >>> compact_cui(" ro 1854-7290 ")
    '18547290'
    """
    return _cui.compact(str(value))


def validate_cui(value: str | int) -> str:
    """Return the bare digits of a valid CUI/CIF; ``value`` may carry ``RO`` and spaces.

    Accepts an int, as ANAF's registry sends ``cui`` as a number.
    """
    text = str(value)
    if not compact_cui(text):
        raise InvalidIdentifierError.build(kind="cui", reason="empty", value=text)
    try:
        return _cui.validate(text)
    except ValidationError as exc:
        raise InvalidIdentifierError.from_stdnum(exc, kind="cui", value=text) from exc


def is_valid_cui(value: str | int) -> bool:
    """Whether ``value`` is a valid CUI/CIF (with or without ``RO``)."""
    return _cui.is_valid(str(value))


def format_cui(value: str | int, *, vat_payer: bool) -> str:
    """Write a CUI as e-Factura wants it: ``RO`` + digits for VAT payers, digits otherwise.

    Whether the company is a VAT payer is a fact of ANAF's registry (``scpTVA``), not of the
    number, so the caller says it; a prefix in ``value`` is ignored.
    """
    digits = validate_cui(value)
    return f"RO{digits}" if vat_payer else digits


def is_b2c_placeholder(value: str) -> bool:
    """Whether ``value`` is the thirteen-zero CNP used for consumers (spaces ignored)."""
    return _cnp.compact(value) == B2C_PLACEHOLDER


def validate_cnp(value: str, *, allow_placeholder: bool = True) -> str:
    """Return the compact CNP; the B2C placeholder passes unless ``allow_placeholder`` is False.

    >>> validate_cnp("0000000000000", allow_placeholder=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    ro_efactura.identifiers._errors.InvalidIdentifierError: The value is not a valid CNP: ...
    """
    if allow_placeholder and is_b2c_placeholder(value):
        return B2C_PLACEHOLDER
    try:
        return _cnp.validate(value)
    except ValidationError as exc:
        raise InvalidIdentifierError.from_stdnum(exc, kind="cnp", value=value) from exc


def is_valid_cnp(value: str, *, allow_placeholder: bool = True) -> bool:
    """Whether ``value`` is a valid CNP (or the placeholder, when allowed)."""
    return (allow_placeholder and is_b2c_placeholder(value)) or _cnp.is_valid(value)


def fiscal_code_kind(value: str | int) -> str | None:
    """Say what a buyer or seller code is: ``"cui"``, ``"cnp"``, ``"b2c_placeholder"`` or None.

    A 13-digit valid CNP is never a CUI (a CUI has at most 10 digits), so the answer is unique.
    """
    text = str(value)
    if is_b2c_placeholder(text):
        return "b2c_placeholder"
    if _cnp.is_valid(text):
        return "cnp"
    if is_valid_cui(text):
        return "cui"
    return None
