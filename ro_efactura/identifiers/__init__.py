"""Romanian identifiers: fiscal codes, IBANs, trade register and phone numbers, counties, sectors.

Split by role: :mod:`.fiscal` (CUI/CIF, CNP), :mod:`.bank` (IBAN), :mod:`.registry` (Reg. Com.),
:mod:`.phone` (E.164) and :mod:`.geo` (ISO 3166-2:RO counties and Bucharest sectors).
python-stdnum and phonenumbers do the checking; this package gives them one error type,
:class:`InvalidIdentifierError` (a ``ValueError`` and a ``RoEfacturaError``), and the forms
e-Factura wants.

>>> from ro_efactura.identifiers import COUNTY_CODES, SECTOR_CODES, county_code, format_cui
>>> sorted(COUNTY_CODES)[:3], SECTOR_CODES[0]
(['RO-AB', 'RO-AG', 'RO-AR'], 'SECTOR1')
>>> format_cui("ro 18547290", vat_payer=False), county_code("Timiş")
('18547290', 'RO-TM')
"""

from __future__ import annotations

from ro_efactura.identifiers._errors import KINDS, REASONS, InvalidIdentifierError
from ro_efactura.identifiers.bank import (
    compact_iban,
    format_iban,
    is_romanian_iban,
    is_valid_iban,
    validate_iban,
)
from ro_efactura.identifiers.fiscal import (
    B2C_PLACEHOLDER,
    compact_cui,
    fiscal_code_kind,
    format_cui,
    is_b2c_placeholder,
    is_valid_cnp,
    is_valid_cui,
    validate_cnp,
    validate_cui,
)
from ro_efactura.identifiers.geo import (
    ANAF_COUNTY_NUMBERS,
    COUNTIES,
    COUNTY_CODES,
    SECTOR_CODES,
    County,
    county_code,
    county_from_anaf_number,
    county_name,
    sector_code,
)
from ro_efactura.identifiers.phone import is_valid_phone, to_e164
from ro_efactura.identifiers.registry import compact_onrc, is_valid_onrc, validate_onrc

__all__ = [
    "ANAF_COUNTY_NUMBERS",
    "B2C_PLACEHOLDER",
    "COUNTIES",
    "COUNTY_CODES",
    "KINDS",
    "REASONS",
    "SECTOR_CODES",
    "County",
    "InvalidIdentifierError",
    "compact_cui",
    "compact_iban",
    "compact_onrc",
    "county_code",
    "county_from_anaf_number",
    "county_name",
    "fiscal_code_kind",
    "format_cui",
    "format_iban",
    "is_b2c_placeholder",
    "is_romanian_iban",
    "is_valid_cnp",
    "is_valid_cui",
    "is_valid_iban",
    "is_valid_onrc",
    "is_valid_phone",
    "sector_code",
    "to_e164",
    "validate_cnp",
    "validate_cui",
    "validate_iban",
    "validate_onrc",
]
