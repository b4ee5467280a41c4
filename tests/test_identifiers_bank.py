"""IBAN: Romanian, Treasury and foreign accounts; compact and grouped forms; errors."""

from __future__ import annotations

import pytest

from ro_efactura.identifiers import (
    InvalidIdentifierError,
    compact_iban,
    format_iban,
    is_romanian_iban,
    is_valid_iban,
    validate_iban,
)

# Published examples (ECBS/SWIFT registry) and a Treasury-style account whose check digits were
# worked out with ISO 7064 mod 97-10 by hand.
RO_BANK = "RO49AAAA1B31007593840000"
RO_TREASURY = "RO67TREZ7005069XXX012345"
FOREIGN = ("DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606")


@pytest.mark.parametrize(
    ("text", "compact"),
    [
        ("RO49 AAAA 1B31 0075 9384 0000", RO_BANK),
        ("ro49aaaa1b31007593840000", RO_BANK),
        ("RO49-AAAA-1B31-0075-9384-0000", RO_BANK),
        (" RO67 TREZ 7005 069X XX01 2345 ", RO_TREASURY),
        *((iban, iban) for iban in FOREIGN),
    ],
)
def test_validate_iban_returns_the_compact_form(text, compact):
    assert validate_iban(text) == compact
    assert is_valid_iban(text)


def test_format_iban_groups_by_four():
    assert format_iban(RO_BANK) == "RO49 AAAA 1B31 0075 9384 0000"
    assert format_iban("fr1420041010050500013m02606") == "FR14 2004 1010 0505 0001 3M02 606"


def test_compact_iban_does_not_check():
    assert compact_iban("ro48 aaaa 1b31 0075 9384 0000") == "RO48AAAA1B31007593840000"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("RO48AAAA1B31007593840000", "checksum"),  # wrong check digits
        ("RO49AAAA1B31007593840001", "checksum"),  # one account digit changed
        ("RO49AAAA1B3100759384000", "checksum"),  # a digit missing
        ("", "empty"),
    ],
)
def test_validate_iban_rejects_with_a_typed_reason(text, reason):
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_iban(text)
    assert (caught.value.kind, caught.value.reason) == ("iban", reason)
    assert not is_valid_iban(text)


def test_format_iban_refuses_an_invalid_number():
    with pytest.raises(InvalidIdentifierError, match="IBAN"):
        format_iban("RO48AAAA1B31007593840000")


@pytest.mark.parametrize(
    ("text", "romanian"),
    [
        (RO_BANK, True),
        (RO_TREASURY, True),
        (FOREIGN[0], False),
        ("RO48AAAA1B31007593840000", False),  # Romanian-looking but invalid
    ],
)
def test_is_romanian_iban(text, romanian):
    assert is_romanian_iban(text) is romanian
