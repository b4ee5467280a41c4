"""The error raised for a number that is not a valid Romanian identifier.

Every ``validate_*`` and ``to_e164`` function of :mod:`ro_efactura.identifiers` raises
:class:`InvalidIdentifierError`; the ``is_valid_*`` functions return ``False`` instead. The
message is English; ``kind`` and ``reason`` let an addon write its own translated text.

>>> err = InvalidIdentifierError.build(kind="cui", reason="checksum", value="18547291")
>>> err.kind, err.reason, isinstance(err, ValueError)
('cui', 'checksum', True)
>>> import textwrap
>>> print(textwrap.fill(str(err), 90))
'18547291' is not a valid CUI/CIF: its check digit does not match, so a digit is probably
mistyped. Expected 2 to 10 digits, optionally after RO, e.g. RO18547290.
"""

from __future__ import annotations

from types import MappingProxyType

from stdnum import exceptions as _stdnum

from ro_efactura.errors import RoEfacturaError

__all__ = ["KINDS", "REASONS", "InvalidIdentifierError"]

#: What was being checked, with the label used in messages.
KINDS: MappingProxyType[str, str] = MappingProxyType(
    {
        "cui": "CUI/CIF",
        "cnp": "CNP",
        "iban": "IBAN",
        "onrc": "trade register number (Reg. Com.)",
        "phone": "phone number",
    }
)

#: Why it failed, in words used in messages.
REASONS: MappingProxyType[str, str] = MappingProxyType(
    {
        "empty": "it is empty",
        "format": "it contains characters or a layout that do not belong there",
        "length": "it has too few or too many characters",
        "checksum": "its check digit does not match, so a digit is probably mistyped",
        "component": "a part of it cannot exist (a date, county, year, country or prefix)",
        "unassigned": "no number of this form is in use; check for a missing or extra digit",
    }
)

_EXPECTED = {
    "cui": "2 to 10 digits, optionally after RO, e.g. RO18547290",
    "cnp": "13 digits from an identity card, or 0000000000000 for a consumer without one",
    "iban": "a country code, 2 check digits and the account, e.g. RO49 AAAA 1B31 0075 9384 0000",
    "onrc": "J40/1234/2005 (letter, county, serial, year) or the 14-character J2012000750528",
    "phone": "a number such as 0722 123 456, 021 123 4567 or +40 722 123 456",
}

#: Kinds whose value is personal data and is therefore kept out of messages.
_PERSONAL = frozenset({"cnp"})

_STDNUM_REASONS: tuple[tuple[type[_stdnum.ValidationError], str], ...] = (
    (_stdnum.InvalidChecksum, "checksum"),
    (_stdnum.InvalidLength, "length"),
    (_stdnum.InvalidComponent, "component"),
    (_stdnum.InvalidFormat, "format"),
)


class InvalidIdentifierError(RoEfacturaError, ValueError):
    """A fiscal code, CNP, IBAN, trade register or phone number that is not valid.

    ``kind`` is a key of :data:`KINDS`, ``reason`` a key of :data:`REASONS`.
    """

    def __init__(self, message: str, *, kind: str, reason: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.reason = reason

    @classmethod
    def build(cls, *, kind: str, reason: str, value: str) -> InvalidIdentifierError:
        """Write the message for ``kind``/``reason``; personal data is not repeated."""
        subject = "The value" if kind in _PERSONAL or not value.strip() else repr(value)
        message = (
            f"{subject} is not a valid {KINDS[kind]}: {REASONS[reason]}. "
            f"Expected {_EXPECTED[kind]}."
        )
        return cls(message, kind=kind, reason=reason)

    @classmethod
    def from_stdnum(
        cls, exc: _stdnum.ValidationError, *, kind: str, value: str
    ) -> InvalidIdentifierError:
        """Translate a python-stdnum validation error."""
        reason = next((r for t, r in _STDNUM_REASONS if isinstance(exc, t)), "format")
        if not value.strip():
            reason = "empty"
        return cls.build(kind=kind, reason=reason, value=value)
