"""ANAF clients: OAuth2, e-Factura (SPV) and the public services.

Every call takes a :class:`requests.Session` and an explicit timeout; the base URLs come from
:class:`AnafConfig`, so the same code talks to ANAF or to :mod:`ro_efactura.emulator`.

* :mod:`~ro_efactura.anaf.oauth` -- authorization URL, callback check, tokens, refresh;
* :mod:`~ro_efactura.anaf.efactura` -- upload, status, lists, download, validare, PDF;
* :mod:`~ro_efactura.anaf.polling` -- the one loop that polls many uploads to a verdict;
* :mod:`~ro_efactura.anaf.models` -- the typed results.

>>> AnafConfig.production().oauth_endpoint("token")
'https://logincert.anaf.ro/anaf-oauth2/v1/token'
"""

from __future__ import annotations

from .config import AnafConfig
from .efactura import EfacturaClient
from .models import (
    Download,
    Message,
    MessageKind,
    MessageList,
    Status,
    StatusResult,
    UploadResult,
    ValidationResult,
)
from .oauth import MemoryTokenStore, OAuthClient, TokenManager, TokenPair, TokenStore, verify_state
from .polling import PollPlan, poll

__all__ = [
    "AnafConfig",
    "Download",
    "EfacturaClient",
    "MemoryTokenStore",
    "Message",
    "MessageKind",
    "MessageList",
    "OAuthClient",
    "PollPlan",
    "Status",
    "StatusResult",
    "TokenManager",
    "TokenPair",
    "TokenStore",
    "UploadResult",
    "ValidationResult",
    "poll",
    "verify_state",
]
