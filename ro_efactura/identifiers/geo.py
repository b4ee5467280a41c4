"""Romanian counties and Bucharest sectors as CIUS-RO codes them, and their free-text spellings.

CIUS-RO (rules BR-RO-110/111/170/211) requires the country subdivision (BT-39, BT-54, BT-68,
BT-79) of a Romanian address to be an ISO 3166-2:RO code, and BR-RO-100/101/160/202 require the
city (BT-37, BT-52, BT-66, BT-77) of a Bucharest address to be a ``SECTOR`` code.

Addresses arrive as free text ("jud. Cluj", "MUNICIPIUL BUCUREŞTI", "Sector 3 Mun. Bucureşti")
from users and from ANAF's registry, which may write cedilla letters (ş ţ) instead of comma-below
ones (ș ț). :func:`county_code` and :func:`sector_code` turn such text into codes and return
``None`` when they do not recognise it; they never raise.

ANAF's registry also gives a numeric county (``scod_Judet``): the numbering shared with the CNP
and the trade register, 1 to 39 alphabetically by the names of 1968, 40 for Bucharest, then
51 Călărași and 52 Giurgiu (the counties created in 1981). :data:`ANAF_COUNTY_NUMBERS` maps it.

>>> county_code("jud. Cluj"), county_code("MUNICIPIUL BUCUREŞTI"), county_code("tm")
('RO-CJ', 'RO-B', 'RO-TM')
>>> sector_code("Sector 3 Mun. Bucureşti"), sector_code("sectorul 7")
('SECTOR3', None)
>>> ANAF_COUNTY_NUMBERS["40"], county_name("RO-AG")
('RO-B', 'Argeș')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "ANAF_COUNTY_NUMBERS",
    "COUNTIES",
    "COUNTY_CODES",
    "SECTOR_CODES",
    "County",
    "county_code",
    "county_from_anaf_number",
    "county_name",
    "sector_code",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class County:
    """A county (or Bucharest) of Romania."""

    code: str  # ISO 3166-2:RO, as in BT-39/BT-54/BT-68/BT-79
    name: str  # official Romanian name, comma-below diacritics
    number: int  # ANAF's scod_Judet, the CNP's and trade register's county number

    @property
    def plate(self) -> str:
        """The licence-plate code, which is the ISO code without ``RO-`` (ANAF's scod_JudetAuto)."""
        return self.code[3:]


COUNTIES: tuple[County, ...] = tuple(
    County(code=f"RO-{plate}", name=name, number=number)
    for plate, name, number in (
        ("AB", "Alba", 1), ("AR", "Arad", 2), ("AG", "Argeș", 3), ("BC", "Bacău", 4),
        ("BH", "Bihor", 5), ("BN", "Bistrița-Năsăud", 6), ("BT", "Botoșani", 7),
        ("BV", "Brașov", 8), ("BR", "Brăila", 9), ("BZ", "Buzău", 10),
        ("CS", "Caraș-Severin", 11), ("CJ", "Cluj", 12), ("CT", "Constanța", 13),
        ("CV", "Covasna", 14), ("DB", "Dâmbovița", 15), ("DJ", "Dolj", 16),
        ("GL", "Galați", 17), ("GJ", "Gorj", 18), ("HR", "Harghita", 19),
        ("HD", "Hunedoara", 20), ("IL", "Ialomița", 21), ("IS", "Iași", 22),
        ("IF", "Ilfov", 23), ("MM", "Maramureș", 24), ("MH", "Mehedinți", 25),
        ("MS", "Mureș", 26), ("NT", "Neamț", 27), ("OT", "Olt", 28), ("PH", "Prahova", 29),
        ("SM", "Satu Mare", 30), ("SJ", "Sălaj", 31), ("SB", "Sibiu", 32),
        ("SV", "Suceava", 33), ("TR", "Teleorman", 34), ("TM", "Timiș", 35),
        ("TL", "Tulcea", 36), ("VS", "Vaslui", 37), ("VL", "Vâlcea", 38),
        ("VN", "Vrancea", 39), ("B", "București", 40), ("CL", "Călărași", 51),
        ("GR", "Giurgiu", 52),
    )
)  # fmt: skip

#: The 41 counties and Bucharest (``RO-B``), as listed by CIUS-RO 1.0.9 (ISO-3166-RO-CODES).
COUNTY_CODES: frozenset[str] = frozenset(county.code for county in COUNTIES)

#: The six Bucharest sectors, as listed by CIUS-RO 1.0.9 (SECTOR-RO-CODES).
SECTOR_CODES: tuple[str, ...] = tuple(f"SECTOR{n}" for n in range(1, 7))

#: ANAF's ``scod_Judet`` (``"1"`` … ``"40"``, ``"51"``, ``"52"``) -> ISO 3166-2:RO code.
ANAF_COUNTY_NUMBERS: MappingProxyType[str, str] = MappingProxyType(
    {str(county.number): county.code for county in COUNTIES}
)

_BY_CODE = MappingProxyType({county.code: county for county in COUNTIES})

# Words that only say what kind of place follows: "jud.", "județul", "Mun.", "Municipiul", ...
_PREFIX = re.compile(r"^(?:JUD(?:ET(?:UL)?)?|MUN(?:ICIPI(?:UL|U))?)\s+")
_SUFFIX = re.compile(r"\s+(?:COUNTY|JUDET(?:UL)?)$")
_SECTOR = re.compile(r"\bSECT(?:OR(?:UL)?)?\s*([1-6])\b")
_ANY_SECTOR = re.compile(r"\bSECT(?:OR(?:UL)?)?\s*\d+\b")

# Spellings other than the official name without diacritics: the orthography before 1993
# (î for â) and the English name of the capital.
_ALIASES = {"DIMBOVITA": "RO-DB", "VILCEA": "RO-VL", "BUCHAREST": "RO-B"}


def _fold(text: str) -> str:
    """Upper-case ASCII words: diacritics (comma-below or cedilla) dropped, punctuation -> space."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^A-Za-z0-9]+", " ", ascii_text).upper().split())


_BY_KEY = MappingProxyType(
    {
        **{_fold(county.name): county.code for county in COUNTIES},
        **{county.plate: county.code for county in COUNTIES},
        **_ALIASES,
    }
)


def county_code(text: str) -> str | None:
    """Turn a county written by a person or by ANAF into its ISO 3166-2:RO code, else None.

    Understands the name with or without diacritics, "jud."/"județul"/"Mun."/"Municipiul" before
    it, the licence-plate code (``CJ``, ``B``) and the ISO code itself. A Bucharest sector
    ("Sector 3", "Sector 3 Mun. București") means Bucharest.

    >>> county_code("Bistrita Nasaud"), county_code("RO-IS"), county_code("Mun. București")
    ('RO-BN', 'RO-IS', 'RO-B')
    >>> county_code("Transilvania") is None
    True
    """
    key = _fold(text)
    had_sector = _SECTOR.search(key) is not None
    key = _SECTOR.sub(" ", key).strip()
    key = _SUFFIX.sub("", _PREFIX.sub("", key))
    key = key.removeprefix("RO ")
    if had_sector and key in ("", "BUCURESTI"):
        return "RO-B"
    return _BY_KEY.get(key)


def sector_code(text: str) -> str | None:
    """Find the Bucharest sector in free text ("Sector 3", "sectorul 3", "SECTOR3"), else None.

    Text naming several different sectors, or a sector past 6, gives None.

    >>> sector_code("Bucuresti, sect. 6"), sector_code("Sector 1 si Sector 2")
    ('SECTOR6', None)
    """
    key = _fold(text)
    found = {int(m) for m in _SECTOR.findall(key)}
    if len(found) != 1 or len(_ANY_SECTOR.findall(key)) != len(_SECTOR.findall(key)):
        return None
    return f"SECTOR{found.pop()}"


def county_name(code: str) -> str | None:
    """The official Romanian name of an ISO 3166-2:RO code, or None for an unknown code."""
    county = _BY_CODE.get(code)
    return county.name if county else None


def county_from_anaf_number(number: str | int) -> str | None:
    """ISO code of ANAF's numeric county (``"12"``, ``"012"`` or 12), or None when unknown.

    >>> county_from_anaf_number("35"), county_from_anaf_number(99)
    ('RO-TM', None)
    """
    text = str(number).strip()
    if not text.isdigit():
        return None
    return ANAF_COUNTY_NUMBERS.get(str(int(text)))
