"""Romanian identifiers: fiscal codes, trade registry numbers, phones, counties and sectors.

>>> from ro_efactura.identifiers import COUNTY_CODES, SECTOR_CODES
>>> sorted(COUNTY_CODES)[:3], SECTOR_CODES[0]
(['RO-AB', 'RO-AG', 'RO-AR'], 'SECTOR1')
"""

from __future__ import annotations

from ro_efactura.identifiers.geo import COUNTY_CODES, SECTOR_CODES

__all__ = ["COUNTY_CODES", "SECTOR_CODES"]
