"""CUI/CIF and CNP: validation, compaction, e-Factura form, the B2C placeholder, errors.

Check digits of the hand-built numbers were worked out on paper with the published keys
(CUI 753217532, CNP 279146358279); 160796 and 1590082 are CUIs of large Romanian companies.
"""

from __future__ import annotations

import pytest

from ro_efactura.errors import RoEfacturaError
from ro_efactura.identifiers import (
    B2C_PLACEHOLDER,
    InvalidIdentifierError,
    compact_cui,
    fiscal_code_kind,
    format_cui,
    is_b2c_placeholder,
    is_valid_cnp,
    is_valid_cui,
    validate_cnp,
    validate_cui,
)


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("18547290", "18547290"),  # sum 111 -> 1110 mod 11 = 10 -> check digit 0
        ("RO18547290", "18547290"),
        ("ro 185 472 90", "18547290"),
        ("RO-18547290", "18547290"),
        ("  RO 18547290\t", "18547290"),
        ("160796", "160796"),
        ("1590082", "1590082"),
        ("19", "19"),  # shortest: 1 x 2 x 10 mod 11 = 9
        ("1234567897", "1234567897"),  # longest: 158 x 10 mod 11 = 7
    ],
)
def test_validate_cui_returns_bare_digits(text, digits):
    assert validate_cui(text) == digits
    assert is_valid_cui(text)


def test_validate_cui_accepts_the_number_anaf_registry_sends():
    assert validate_cui(18547290) == "18547290"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("18547291", "checksum"),
        ("123", "checksum"),
        ("1", "length"),
        ("12345678901", "length"),
        ("1854729O", "format"),  # letter O for zero
        ("", "empty"),
        ("   ", "empty"),
        ("RO", "empty"),
    ],
)
def test_validate_cui_rejects_with_a_typed_reason(text, reason):
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_cui(text)
    assert (caught.value.kind, caught.value.reason) == ("cui", reason)
    assert not is_valid_cui(text)


def test_cui_error_is_a_value_error_and_a_library_error():
    with pytest.raises(ValueError):
        validate_cui("18547291")
    with pytest.raises(RoEfacturaError):
        validate_cui("18547291")


def test_cui_error_message_names_the_number_and_the_expected_form():
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_cui("18547291")
    message = str(caught.value)
    assert "'18547291'" in message
    assert "CUI/CIF" in message
    assert "check digit" in message
    assert "RO18547290" in message


def test_cui_error_has_a_romanian_message_for_the_user():
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_cui("18547291")
    message_ro = caught.value.message_ro
    assert message_ro.startswith("'18547291' nu este un CUI/CIF valid: cifra de control")
    assert "de ex. RO18547290" in message_ro


def test_compact_cui_does_not_check():
    assert compact_cui(" ro 1854-7291 ") == "18547291"


@pytest.mark.parametrize(
    ("text", "vat_payer", "expected"),
    [
        ("18547290", True, "RO18547290"),
        ("RO 18547290", True, "RO18547290"),
        ("RO18547290", False, "18547290"),
        ("160796", False, "160796"),
        (1590082, True, "RO1590082"),
    ],
)
def test_format_cui_puts_ro_only_for_vat_payers(text, vat_payer, expected):
    assert format_cui(text, vat_payer=vat_payer) == expected


def test_format_cui_refuses_an_invalid_number():
    with pytest.raises(InvalidIdentifierError):
        format_cui("RO18547291", vat_payer=True)


@pytest.mark.parametrize(
    "text",
    [
        "1630615123457",
        "6000229400010",  # woman born 29 Feb 2000 in Bucharest: sum 88 -> 0
        "7900101400013",  # foreign resident: sum 113 -> 3
        "1630615 123457",
    ],
)
def test_validate_cnp_accepts_real_codes(text):
    assert validate_cnp(text) == text.replace(" ", "")
    assert is_valid_cnp(text, allow_placeholder=False)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1630615123458", "checksum"),
        ("6010229400010", "component"),  # 29 February 2001 does not exist
        ("0800101221142", "component"),  # no CNP starts with 0
        ("163061512345", "length"),
        ("16306151234AB", "format"),
        ("", "empty"),
    ],
)
def test_validate_cnp_rejects_with_a_typed_reason(text, reason):
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_cnp(text)
    assert (caught.value.kind, caught.value.reason) == ("cnp", reason)
    assert not is_valid_cnp(text)


def test_cnp_error_message_does_not_repeat_the_personal_code():
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_cnp("1630615123458")
    assert "1630615123458" not in str(caught.value)
    assert "1630615123458" not in caught.value.message_ro
    assert "CNP" in str(caught.value)
    assert caught.value.message_ro.startswith("Valoarea nu este un CNP valid")


def test_b2c_placeholder_is_thirteen_zeros():
    assert B2C_PLACEHOLDER == "0" * 13
    assert is_b2c_placeholder("0000000000000")
    assert is_b2c_placeholder("0000 000 000 000")
    assert not is_b2c_placeholder("000000000000")  # twelve
    assert not is_b2c_placeholder("1630615123457")


def test_validate_cnp_accepts_the_placeholder_unless_told_not_to():
    assert validate_cnp("0000000000000") == B2C_PLACEHOLDER
    assert is_valid_cnp("0000000000000")
    assert not is_valid_cnp("0000000000000", allow_placeholder=False)
    with pytest.raises(InvalidIdentifierError) as caught:
        validate_cnp("0000000000000", allow_placeholder=False)
    assert caught.value.kind == "cnp"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("RO18547290", "cui"),
        ("160796", "cui"),
        ("1630615123457", "cnp"),
        ("0000000000000", "b2c_placeholder"),
        ("1630615123458", None),
        ("123", None),
        ("", None),
    ],
)
def test_fiscal_code_kind(text, kind):
    assert fiscal_code_kind(text) == kind
