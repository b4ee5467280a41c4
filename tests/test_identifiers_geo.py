"""Counties and Bucharest sectors: the CIUS-RO code lists and free text from people and ANAF."""

from __future__ import annotations

import re
import unicodedata

import pytest
from stdnum.ro import cnp

from ro_efactura.identifiers import (
    ANAF_COUNTY_NUMBERS,
    COUNTIES,
    COUNTY_CODES,
    SECTOR_CODES,
    county_code,
    county_from_anaf_number,
    county_name,
    sector_code,
)
from tests.official import STANDARDS, require_standards

CIUS_RO_RULES = STANDARDS / "cius-ro-1.0.9" / "schematron" / "cius-ro" / "RO16931-rules.sch"


def _schematron_list(name: str) -> set[str]:
    require_standards()
    text = CIUS_RO_RULES.read_text(encoding="utf-8")
    value = re.search(rf'<let name="{name}" value="\(([^"]*)\)"', text)
    assert value is not None, f"{name} not found in {CIUS_RO_RULES}"
    return set(re.findall(r"'([^']+)'", value.group(1)))


def test_county_codes_are_the_cius_ro_list():
    assert _schematron_list("ISO-3166-RO-CODES") == COUNTY_CODES


def test_sector_codes_are_the_cius_ro_list():
    assert _schematron_list("SECTOR-RO-CODES") == set(SECTOR_CODES)


def test_code_lists_shape():
    assert len(COUNTY_CODES) == 42
    assert isinstance(COUNTY_CODES, frozenset)
    assert SECTOR_CODES == ("SECTOR1", "SECTOR2", "SECTOR3", "SECTOR4", "SECTOR5", "SECTOR6")
    assert {c.code for c in COUNTIES} == COUNTY_CODES
    assert len({c.number for c in COUNTIES}) == 42


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("jud. Cluj", "RO-CJ"),
        ("CLUJ", "RO-CJ"),
        ("Județul Cluj", "RO-CJ"),
        ("judetul cluj", "RO-CJ"),
        ("Cluj County", "RO-CJ"),
        ("CJ", "RO-CJ"),
        ("cj", "RO-CJ"),
        ("RO-CJ", "RO-CJ"),
        ("Mun. București", "RO-B"),
        ("MUNICIPIUL BUCUREŞTI", "RO-B"),  # cedilla, as ANAF's registry writes it
        ("Bucuresti", "RO-B"),
        ("Bucharest", "RO-B"),
        ("B", "RO-B"),
        ("RO-B", "RO-B"),
        ("Sector 3 Mun. Bucureşti", "RO-B"),
        ("Municipiul București, Sectorul 6", "RO-B"),
        ("SECTOR3", "RO-B"),
        ("Argeș", "RO-AG"),
        ("Arges", "RO-AG"),
        ("ARGEŞ", "RO-AG"),
        ("Timiș", "RO-TM"),
        ("TIMIŞ", "RO-TM"),
        ("Timis", "RO-TM"),
        ("Constanța", "RO-CT"),
        ("CONSTANŢA", "RO-CT"),
        ("Bistrița-Năsăud", "RO-BN"),
        ("BISTRITA NASAUD", "RO-BN"),
        ("Caraş-Severin", "RO-CS"),
        ("Satu-Mare", "RO-SM"),
        ("jud. Satu Mare", "RO-SM"),
        ("Dâmbovița", "RO-DB"),
        ("Dîmbovița", "RO-DB"),
        ("Vâlcea", "RO-VL"),
        ("VILCEA", "RO-VL"),
        ("Iași", "RO-IS"),
        ("Sălaj", "RO-SJ"),
        ("Călărași", "RO-CL"),
        ("Giurgiu", "RO-GR"),
        ("Ilfov", "RO-IF"),
        ("Olt", "RO-OT"),
    ],
)
def test_county_code_from_free_text(text, code):
    assert county_code(text) == code


@pytest.mark.parametrize(
    "text", ["", "   ", "Transilvania", "RO", "RO-XX", "XX", "Cluj-Napoca", "Sector 7", "40"]
)
def test_county_code_returns_none_when_unknown(text):
    assert county_code(text) is None


@pytest.mark.parametrize("county", COUNTIES, ids=lambda c: c.code)
def test_every_county_is_found_by_each_spelling(county):
    cedilla = county.name.replace("ș", "ş").replace("ț", "ţ")
    plain = "".join(
        ch for ch in unicodedata.normalize("NFD", county.name) if not unicodedata.combining(ch)
    )
    spellings = {county.name, cedilla, plain, plain.upper(), county.plate, county.code}
    assert {county_code(s) for s in spellings} == {county.code}
    assert county_name(county.code) == county.name


def test_county_name_has_comma_below_diacritics():
    assert county_name("RO-AG") == "Argeș"
    assert county_name("RO-TM") == "Timiș"
    assert county_name("RO-B") == "București"
    assert county_name("RO-CT") == "Constanța"
    assert county_name("RO-XX") is None


@pytest.mark.parametrize(
    ("number", "code"),
    [("40", "RO-B"), ("35", "RO-TM"), ("12", "RO-CJ"), ("1", "RO-AB"), ("01", "RO-AB"),
     (52, "RO-GR"), (" 51 ", "RO-CL")],
)  # fmt: skip
def test_county_from_anaf_number(number, code):
    assert county_from_anaf_number(number) == code


@pytest.mark.parametrize("number", ["0", "41", "46", "50", "53", "", "CJ", "-12"])
def test_county_from_anaf_number_unknown(number):
    assert county_from_anaf_number(number) is None


def test_anaf_numbers_match_the_cnp_county_numbers():
    """ANAF, the CNP and the trade register share one numbering; stdnum's CNP table has it."""

    def ascii_name(text: str) -> str:
        decomposed = unicodedata.normalize("NFD", text)
        return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

    for number, code in ANAF_COUNTY_NUMBERS.items():
        body = f"1800101{int(number):02d}001"  # a man born 1 January 1980, serial 001
        assert cnp.get_county(body + cnp.calc_check_digit(body)) == ascii_name(county_name(code)), (
            number
        )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Sector 3", "SECTOR3"),
        ("sectorul 3", "SECTOR3"),
        ("SECTORUL 3", "SECTOR3"),
        ("SECTOR3", "SECTOR3"),
        ("Sector 3 Mun. Bucureşti", "SECTOR3"),
        ("București, sect. 1", "SECTOR1"),
        ("Mun. Bucuresti Sector 6", "SECTOR6"),
        ("sector 2, sector 2", "SECTOR2"),
    ],
)
def test_sector_code_from_free_text(text, code):
    assert sector_code(text) == code


@pytest.mark.parametrize(
    "text",
    ["", "Sector 7", "Sector 0", "Sector 10", "Sector 1 și Sector 2", "București",
     "Str. Sectorului 5", "Cluj"],
)  # fmt: skip
def test_sector_code_returns_none_when_unknown_or_ambiguous(text):
    assert sector_code(text) is None
