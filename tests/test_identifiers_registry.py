"""Trade register numbers (Reg. Com.): the classic and the 14-character form, normalisation.

Check digits of the hand-built 14-character numbers: the letter counts as its code point
mod 10 (J 4, F 0, C 7), then the first 13 digits are summed mod 10.
"""

from __future__ import annotations

import pytest

from ro_efactura.identifiers import (
    InvalidIdentifierError,
    compact_onrc,
    is_valid_onrc,
    validate_onrc,
)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("J40/1234/2005", "J40/1234/2005"),
        (" j40 / 1234 / 2005 ", "J40/1234/2005"),
        ("J40-1234-2005", "J40/1234/2005"),
        ("J40\\1234\\2005", "J40/1234/2005"),
        ("J 40/1234/2005", "J40/1234/2005"),
        ("J1/12/2000", "J01/12/2000"),  # Alba, one-digit county
        ("J40/1234/20.05.2005", "J40/1234/2005"),  # full registration date
        ("F12/345/2010", "F12/345/2010"),  # sole trader, Cluj
        ("C40/1/2015", "C40/1/2015"),  # cooperative
        ("J51/750/2012", "J51/750/2012"),  # Călărași
        ("J52/750/2012", "J52/750/2012"),  # Giurgiu
        ("J35/99999/1990", "J35/99999/1990"),
        ("J2012000750528", "J2012000750528"),
        ("J2016001234407", "J2016001234407"),  # 27 -> 7
        ("j 2016 001234 40 7", "J2016001234407"),
        ("J2016-001234-40-7", "J2016001234407"),
        ("J2025000123009", "J2025000123009"),  # issued after July 2024: county 00
        ("F2020000001128", "F2020000001128"),
        ("C2019000042353", "C2019000042353"),
    ],
)
def test_validate_onrc_normalises_valid_numbers(text, normalised):
    assert validate_onrc(text) == normalised
    assert is_valid_onrc(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("J41/1/2010", "component"),  # 41..50 are not county numbers
        ("J50/1/2010", "component"),
        ("J0/1/2000", "component"),
        ("X40/1234/2005", "component"),  # only J, F and C
        ("J40/1234/1989", "component"),  # before the register existed
        ("J40/1234/2025", "component"),  # classic numbers ended in 2024
        ("J40/123456/2005", "length"),
        ("J40/1234/05", "length"),
        ("J40/12a4/2005", "format"),
        ("J2016001234406", "checksum"),
        ("J2023000123129", "checksum"),  # 20 -> 0, not 9
        ("J2025000123409", "component"),  # since 2025 the county part is 00
        ("J2099000123009", "component"),  # a year to come
        ("", "empty"),
    ],
)
def test_validate_onrc_rejects_with_a_typed_reason(text, reason):
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_onrc(text)
    assert (caught.value.kind, caught.value.reason) == ("onrc", reason)
    assert not is_valid_onrc(text)


def test_onrc_error_message_quotes_the_number_and_both_forms():
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_onrc("J41/1/2010")
    message = str(caught.value)
    assert "'J41/1/2010'" in message
    assert "J40/1234/2005" in message
    assert "J2012000750528" in message


def test_compact_onrc_does_not_check():
    assert compact_onrc("j41 / 1 / 2010") == "J41/1/2010"
    assert compact_onrc("j 2016 001234 40 6") == "J2016001234406"
