"""Phone numbers to E.164 with Romania as the default country."""

from __future__ import annotations

import pytest

from ro_efactura.identifiers import InvalidIdentifierError, is_valid_phone, to_e164


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("0722 123 456", "+40722123456"),
        ("+40 722 123 456", "+40722123456"),
        ("0040722123456", "+40722123456"),
        ("+40722123456", "+40722123456"),
        ("0722-123-456", "+40722123456"),
        ("+40 (0) 722 123 456", "+40722123456"),
        ("tel: 0722123456", "+40722123456"),
        ("021 123 4567", "+40211234567"),  # Bucharest landline
        ("(021) 123.45.67", "+40211234567"),
        ("0040 21 123 4567", "+40211234567"),
        ("0264 123 456", "+40264123456"),  # Cluj landline
        ("0372 123 456", "+40372123456"),
        ("+33 1 23 45 67 89", "+33123456789"),  # foreign number keeps its country
    ],
)
def test_to_e164_with_romania_by_default(text, e164):
    assert to_e164(text) == e164
    assert is_valid_phone(text)


def test_to_e164_uses_the_given_region_for_national_numbers():
    assert to_e164("030 123456", region="DE") == "+4930123456"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("abc", "format"),
        ("12345", "length"),
        ("0722 123 4567", "length"),
        ("+40 21 123 456", "length"),
        ("0722 123 45", "unassigned"),
    ],
)
def test_to_e164_rejects_with_a_typed_reason(text, reason):
    with pytest.raises(InvalidIdentifierError) as caught:
        to_e164(text)
    assert (caught.value.kind, caught.value.reason) == ("phone", reason)
    assert not is_valid_phone(text)


def test_phone_error_message_quotes_the_text_and_shows_good_examples():
    with pytest.raises(InvalidIdentifierError) as caught:
        to_e164("0722 123 45")
    message = str(caught.value)
    assert "'0722 123 45'" in message
    assert "phone number" in message
    assert "+40 722 123 456" in message
    assert caught.value.message_ro.startswith("'0722 123 45' nu este un număr de telefon valid")
