"""Trade register numbers (număr de ordine în Registrul Comerțului, ONRC), python-stdnum underneath.

Romanian invoices show the seller's Reg. Com. number among its legal details, typically in the
seller additional legal information (BT-33, ``cac:PartyLegalEntity/cbc:CompanyLegalForm``).

Two forms are in use:

* the classic ``J40/1234/2005``: entity letter, county number, serial, year of registration.
  The letter is ``J`` (companies), ``F`` (sole traders and family businesses) or ``C``
  (cooperatives); county numbers are 1 to 40 (40 is Bucharest) and 51, 52 (Călărași, Giurgiu),
  41 to 50 are unused; years run from 1990 to 2024.
* the 14-character form ONRC introduced on 26 July 2024, ``J2012000750528``: letter, year,
  six-digit serial, county (``00`` for numbers issued since that date) and a check digit.
  Older companies received numbers of this form as well.

Input is normalised: case, spaces, dashes or backslashes instead of slashes, a one-digit
county (``J1/...`` becomes ``J01/...``) and a full date in place of the year.
``validate_onrc`` raises :class:`InvalidIdentifierError`; the other functions never raise.

>>> validate_onrc(" j40 / 1234 / 2005 ")
'J40/1234/2005'
>>> validate_onrc("J2012000750528")
'J2012000750528'
>>> is_valid_onrc("J41/1/2010")
False
"""

from __future__ import annotations

import re

from stdnum.exceptions import ValidationError
from stdnum.ro import onrc as _onrc

from ro_efactura.identifiers._errors import InvalidIdentifierError

__all__ = ["compact_onrc", "is_valid_onrc", "validate_onrc"]

# The 14-character form written with spaces or dashes between its groups.
_SPACING = re.compile(r"[\s-]+")
_NEW_FORM = re.compile(r"[JFC]\d{13}")


def compact_onrc(value: str) -> str:
    """Normalise case, spacing and separators, without checking the number.

    >>> compact_onrc("j 2016 001234 40 7")
    'J2016001234407'
    """
    squeezed = _SPACING.sub("", value).upper()
    if _NEW_FORM.fullmatch(squeezed):
        return squeezed
    return _onrc.compact(value)


def validate_onrc(value: str) -> str:
    """Return the normalised number, classic or 14-character, after checking it."""
    try:
        return _onrc.validate(compact_onrc(value))
    except ValidationError as exc:
        raise InvalidIdentifierError.from_stdnum(exc, kind="onrc", value=value) from exc


def is_valid_onrc(value: str) -> bool:
    """Whether ``value`` is a valid trade register number of either form."""
    return _onrc.is_valid(compact_onrc(value))
