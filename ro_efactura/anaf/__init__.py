"""ANAF clients: OAuth2, e-Factura (SPV) and the public services.

Every call takes a :class:`requests.Session` and an explicit timeout; the base URLs come from
:class:`AnafConfig`, so the same code talks to ANAF or to :mod:`ro_efactura.emulator`.

>>> AnafConfig.production().oauth_endpoint("token")
'https://logincert.anaf.ro/anaf-oauth2/v1/token'
"""

from __future__ import annotations

from .config import AnafConfig

__all__ = ["AnafConfig"]
