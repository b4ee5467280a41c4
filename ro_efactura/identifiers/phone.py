"""Phone numbers in E.164, with Romania as the default country (phonenumbers underneath).

The seller and buyer contact telephone (BT-42, BT-57) is free text in EN 16931; we write it in
E.164 (``+40722123456``) so that every invoice carries the same form of the same number.

Numbers without a country code are read as Romanian (``region="RO"``); ``00`` and ``+`` prefixes
and the ``(0)`` trunk digit are understood. An extension (``int. 12``) is dropped by E.164.
``to_e164`` raises :class:`InvalidIdentifierError`; ``is_valid_phone`` returns a bool.

>>> to_e164("0722 123 456"), to_e164("0040722123456"), to_e164("021 123 4567")
('+40722123456', '+40722123456', '+40211234567')
>>> try:
...     to_e164("0722 123 45")
... except InvalidIdentifierError as exc:
...     print(exc.reason)
unassigned
"""

from __future__ import annotations

import phonenumbers

from ro_efactura.identifiers._errors import InvalidIdentifierError

__all__ = ["is_valid_phone", "to_e164"]

_LENGTH_PROBLEMS = frozenset(
    {
        phonenumbers.ValidationResult.TOO_SHORT,
        phonenumbers.ValidationResult.TOO_LONG,
        phonenumbers.ValidationResult.INVALID_LENGTH,
    }
)


def _parse(text: str, region: str) -> phonenumbers.PhoneNumber:
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        reason = "empty" if not text.strip() else "format"
        raise InvalidIdentifierError.build(kind="phone", reason=reason, value=text) from exc
    if phonenumbers.is_valid_number(number):
        return number
    possible = phonenumbers.is_possible_number_with_reason(number)
    reason = "length" if possible in _LENGTH_PROBLEMS else "unassigned"
    raise InvalidIdentifierError.build(kind="phone", reason=reason, value=text)


def to_e164(text: str, region: str = "RO") -> str:
    """Return ``text`` as an E.164 number; ``region`` applies when it has no country code."""
    number = _parse(text, region)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_valid_phone(text: str, region: str = "RO") -> bool:
    """Whether ``text`` is a dialable number (``region`` as in :func:`to_e164`)."""
    try:
        _parse(text, region)
    except InvalidIdentifierError:
        return False
    return True
