"""IBANs, Romanian and foreign (python-stdnum underneath).

The payee's account (BT-84) of a credit transfer is an IBAN; in e-Factura it is written compact,
without spaces, while people read it in groups of four.

``validate_iban`` raises :class:`InvalidIdentifierError`; the other functions never raise except
``format_iban``, which validates first.

>>> validate_iban("ro49 aaaa 1b31 0075 9384 0000")
'RO49AAAA1B31007593840000'
>>> format_iban("DE89370400440532013000")
'DE89 3704 0044 0532 0130 00'
>>> is_valid_iban("RO49AAAA1B31007593840001")
False
"""

from __future__ import annotations

from stdnum import iban as _iban
from stdnum.exceptions import ValidationError

from ro_efactura.identifiers._errors import InvalidIdentifierError

__all__ = ["compact_iban", "format_iban", "is_romanian_iban", "is_valid_iban", "validate_iban"]


def compact_iban(value: str) -> str:
    """Upper-case and strip spaces and dashes, without checking the number."""
    return _iban.compact(value)


def validate_iban(value: str) -> str:
    """Return the compact IBAN after checking its length, layout and mod-97 check digits."""
    try:
        return _iban.validate(value)
    except ValidationError as exc:
        raise InvalidIdentifierError.from_stdnum(exc, kind="iban", value=value) from exc


def is_valid_iban(value: str) -> bool:
    """Whether ``value`` is a valid IBAN of any country."""
    return _iban.is_valid(value)


def format_iban(value: str) -> str:
    """Write a valid IBAN in groups of four characters, for people to read."""
    return _iban.format(validate_iban(value))


def is_romanian_iban(value: str) -> bool:
    """Whether ``value`` is a valid IBAN of a Romanian bank or of the State Treasury.

    >>> is_romanian_iban("RO49 AAAA 1B31 0075 9384 0000")
    True
    >>> is_romanian_iban("GB82 WEST 1234 5698 7654 32")
    False
    """
    return is_valid_iban(value) and compact_iban(value).startswith("RO")
