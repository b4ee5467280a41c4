"""The error raised for a number that is not a valid Romanian identifier.

Every ``validate_*`` and ``to_e164`` function of :mod:`ro_efactura.identifiers` raises
:class:`InvalidIdentifierError`; the ``is_valid_*`` functions return ``False`` instead. The
message (``str(err)``) is English; ``message_ro`` says the same in Romanian for the users, and
``kind`` and ``reason`` let an addon branch or write its own text.

>>> err = InvalidIdentifierError.build(kind="cui", reason="checksum", value="18547291")
>>> err.kind, err.reason, isinstance(err, ValueError)
('cui', 'checksum', True)
>>> import textwrap
>>> print(textwrap.fill(str(err), 90))
'18547291' is not a valid CUI/CIF: its check digit does not match, so a digit is probably
mistyped. Expected 2 to 10 digits, optionally after RO, e.g. RO18547290.
>>> print(textwrap.fill(err.message_ro, 90))
'18547291' nu este un CUI/CIF valid: cifra de control nu se potrivește, probabil o cifră a
fost tastată greșit. Se așteaptă între 2 și 10 cifre, opțional precedate de RO, de ex.
RO18547290.
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

_KINDS_RO = {
    "cui": "CUI/CIF",
    "cnp": "CNP",
    "iban": "IBAN",
    "onrc": "număr de ordine în Registrul Comerțului",
    "phone": "număr de telefon",
}

_REASONS_RO = {
    "empty": "câmpul este gol",
    "format": "conține caractere nepermise sau are o formă greșită",
    "length": "are prea puține sau prea multe caractere",
    "checksum": "cifra de control nu se potrivește, probabil o cifră a fost tastată greșit",
    "component": "o parte din el nu poate exista (o dată, un județ, un an, o țară sau un prefix)",
    "unassigned": "nu se folosesc numere de această formă; poate lipsește sau e în plus o cifră",
}

_EXPECTED_RO = {
    "cui": "între 2 și 10 cifre, opțional precedate de RO, de ex. RO18547290",
    "cnp": "13 cifre, ca în actul de identitate, sau 0000000000000 pentru un consumator fără CNP",
    "iban": "codul țării, 2 cifre de control și contul, de ex. RO49 AAAA 1B31 0075 9384 0000",
    "onrc": "J40/1234/2005 (literă, județ, număr, an) sau forma de 14 caractere J2012000750528",
    "phone": "un număr precum 0722 123 456, 021 123 4567 sau +40 722 123 456",
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

    ``kind`` is a key of :data:`KINDS`, ``reason`` a key of :data:`REASONS`; ``message_ro`` is
    the Romanian text for the user.
    """

    def __init__(self, message: str, *, kind: str, reason: str, message_ro: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.reason = reason
        self.message_ro = message_ro or message

    @classmethod
    def build(cls, *, kind: str, reason: str, value: str) -> InvalidIdentifierError:
        """Write both messages for ``kind``/``reason``; personal data is not repeated."""
        hidden = kind in _PERSONAL or not value.strip()
        message = (
            f"{'The value' if hidden else repr(value)} is not a valid {KINDS[kind]}: "
            f"{REASONS[reason]}. Expected {_EXPECTED[kind]}."
        )
        message_ro = (
            f"{'Valoarea' if hidden else repr(value)} nu este un {_KINDS_RO[kind]} valid: "
            f"{_REASONS_RO[reason]}. Se așteaptă {_EXPECTED_RO[kind]}."
        )
        return cls(message, kind=kind, reason=reason, message_ro=message_ro)

    @classmethod
    def from_stdnum(
        cls, exc: _stdnum.ValidationError, *, kind: str, value: str
    ) -> InvalidIdentifierError:
        """Translate a python-stdnum validation error."""
        reason = next((r for t, r in _STDNUM_REASONS if isinstance(exc, t)), "format")
        if not value.strip():
            reason = "empty"
        return cls.build(kind=kind, reason=reason, value=value)
