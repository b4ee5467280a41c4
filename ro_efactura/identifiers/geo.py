"""Romanian counties and Bucharest sectors as CIUS-RO codes them.

CIUS-RO (rules BR-RO-110/111/170/211) requires the country subdivision (BT-39, BT-54, BT-68,
BT-79) of a Romanian address to be an ISO 3166-2:RO code, and BR-RO-100/101/160/202 require the
city (BT-37, BT-52, BT-66, BT-77) of a Bucharest address to be a ``SECTOR`` code.

>>> "RO-CJ" in COUNTY_CODES, len(COUNTY_CODES)
(True, 42)
>>> SECTOR_CODES[2]
'SECTOR3'
"""

from __future__ import annotations

__all__ = ["COUNTY_CODES", "SECTOR_CODES"]

#: The 41 counties and Bucharest (``RO-B``), as listed by CIUS-RO 1.0.9 (ISO-3166-RO-CODES).
COUNTY_CODES: frozenset[str] = frozenset(
    {
        "RO-AB", "RO-AG", "RO-AR", "RO-B", "RO-BC", "RO-BH", "RO-BN", "RO-BR", "RO-BT",
        "RO-BV", "RO-BZ", "RO-CJ", "RO-CL", "RO-CS", "RO-CT", "RO-CV", "RO-DB", "RO-DJ",
        "RO-GJ", "RO-GL", "RO-GR", "RO-HD", "RO-HR", "RO-IF", "RO-IL", "RO-IS", "RO-MH",
        "RO-MM", "RO-MS", "RO-NT", "RO-OT", "RO-PH", "RO-SB", "RO-SJ", "RO-SM", "RO-SV",
        "RO-TL", "RO-TM", "RO-TR", "RO-VL", "RO-VN", "RO-VS",
    }
)  # fmt: skip

#: The six Bucharest sectors, as listed by CIUS-RO 1.0.9 (SECTOR-RO-CODES).
SECTOR_CODES: tuple[str, ...] = tuple(f"SECTOR{n}" for n in range(1, 7))
