"""Whatever text comes in, validators either return or raise InvalidIdentifierError."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ro_efactura.identifiers import (
    KINDS,
    REASONS,
    InvalidIdentifierError,
    county_code,
    is_valid_cnp,
    is_valid_cui,
    is_valid_iban,
    is_valid_onrc,
    is_valid_phone,
    sector_code,
    to_e164,
    validate_cnp,
    validate_cui,
    validate_iban,
    validate_onrc,
)

PAIRS = [
    (validate_cui, is_valid_cui, "cui"),
    (validate_cnp, is_valid_cnp, "cnp"),
    (validate_iban, is_valid_iban, "iban"),
    (validate_onrc, is_valid_onrc, "onrc"),
    (to_e164, is_valid_phone, "phone"),
]

# Text that looks like identifiers often enough to reach the deeper checks.
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789 RO/JFC+-.()", max_size=30),
)


@pytest.mark.parametrize(("validate", "is_valid", "kind"), PAIRS, ids=[p[2] for p in PAIRS])
@given(text=texts)
def test_validators_raise_only_the_typed_error(validate, is_valid, kind, text):
    try:
        result = validate(text)
    except InvalidIdentifierError as exc:
        assert (exc.kind, exc.reason in REASONS) == (kind, True)
        assert KINDS[kind] in str(exc)
        assert " nu este un " in exc.message_ro
        assert not is_valid(text)
    else:
        assert isinstance(result, str)
        assert is_valid(text)


@given(text=st.text(max_size=60))
def test_place_helpers_never_raise(text):
    assert county_code(text) is None or county_code(text).startswith("RO-")
    assert sector_code(text) is None or sector_code(text).startswith("SECTOR")
