"""OAuth2 with ANAF: the authorization URL, the callback, code exchange and refresh (anaf.md 2).

The browser step needs the user's qualified certificate, so :meth:`OAuthClient.authorization_url`
only builds the URL (``response_type=code``, ``client_id``, ``redirect_uri``,
``token_content_type=jwt`` and a random ``state``) and :func:`verify_state` checks the callback
before its ``code`` is used. :meth:`OAuthClient.exchange_code` and :meth:`OAuthClient.refresh`
call the token endpoint with HTTP Basic client authentication; a refresh returns a new pair and
the new refresh token must be kept. Expiry is read from the JWT ``exp`` claim without verifying
the signature (90 days for the access token, 365 for the refresh token).

:class:`TokenStore` is the interface the Odoo addons implement (one token pair per company);
:class:`TokenManager` hands out a valid access token, refreshing it before it expires.

Raised: :class:`~ro_efactura.errors.AuthorizationError` (callback refused, state mismatch),
:class:`~ro_efactura.errors.TokenRefusedError` (client credentials or code refused),
:class:`~ro_efactura.errors.TokenExpiredError` (refresh token expired or refused: authorize
again), :class:`~ro_efactura.errors.TokenMissingError` (nothing stored).

>>> client = OAuthClient(client_id="app", client_secret="s", redirect_uri="https://x/cb")
>>> url, state = client.authorization_url()
>>> url.startswith("https://logincert.anaf.ro/anaf-oauth2/v1/authorize?response_type=code")
True
>>> verify_state(state, {"code": "abc", "state": state})
'abc'
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Protocol
from urllib.parse import urlencode

import requests

from ..errors import (
    AuthorizationError,
    MalformedAnswerError,
    TokenExpiredError,
    TokenMissingError,
    TokenRefusedError,
)
from ._transport import DEFAULT_TIMEOUT, json_body, send
from .config import AnafConfig

__all__ = [
    "ACCESS_LIFETIME",
    "REFRESH_LIFETIME",
    "MemoryTokenStore",
    "OAuthClient",
    "TokenManager",
    "TokenPair",
    "TokenStore",
    "jwt_claims",
    "verify_state",
]

#: anaf.md section 2.6 (OAuth PDF pp. 29, 33).
ACCESS_LIFETIME = timedelta(days=90)
REFRESH_LIFETIME = timedelta(days=365)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def jwt_claims(token: str) -> dict:
    """The payload of a JWT, read without verifying the signature (nobody can: anaf.md 2.5)."""
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        claims = json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, binascii.Error):
        return {}
    return claims if isinstance(claims, dict) else {}


def _expiry(token: str, fallback: datetime) -> datetime:
    exp = jwt_claims(token).get("exp")
    if isinstance(exp, (int, float)):
        return datetime.fromtimestamp(exp, timezone.utc)
    return fallback


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenPair:
    """An access token and its refresh token, with their expiry instants (UTC)."""

    access_token: str
    refresh_token: str
    access_expires: datetime
    refresh_expires: datetime

    @classmethod
    def from_answer(cls, payload: dict, now: datetime) -> TokenPair:
        """The token endpoint's JSON (anaf.md 2.5); ``exp`` wins over ``expires_in``."""
        try:
            access, refresh = str(payload["access_token"]), str(payload["refresh_token"])
        except (KeyError, TypeError) as exc:
            raise MalformedAnswerError(
                "The token answer lacks access_token/refresh_token."
            ) from exc
        expires_in = payload.get("expires_in")
        access_default = now + (
            timedelta(seconds=expires_in) if isinstance(expires_in, int) else ACCESS_LIFETIME
        )
        return cls(
            access_token=access,
            refresh_token=refresh,
            access_expires=_expiry(access, access_default),
            refresh_expires=_expiry(refresh, now + REFRESH_LIFETIME),
        )

    def as_dict(self) -> dict[str, str]:
        """JSON-ready form for stores."""
        return {
            "access_token": self.access_token,
            "refresh_token": self.refresh_token,
            "access_expires": self.access_expires.isoformat(),
            "refresh_expires": self.refresh_expires.isoformat(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, str]) -> TokenPair:
        return cls(
            access_token=data["access_token"],
            refresh_token=data["refresh_token"],
            access_expires=datetime.fromisoformat(data["access_expires"]),
            refresh_expires=datetime.fromisoformat(data["refresh_expires"]),
        )


class TokenStore(Protocol):
    """Where a company's token pair lives (the Odoo addons store it on the company)."""

    def load(self) -> TokenPair | None: ...

    def save(self, tokens: TokenPair) -> None: ...


class MemoryTokenStore:
    """A :class:`TokenStore` in memory, for scripts and tests."""

    def __init__(self, tokens: TokenPair | None = None) -> None:
        self.tokens = tokens

    def load(self) -> TokenPair | None:
        return self.tokens

    def save(self, tokens: TokenPair) -> None:
        self.tokens = tokens


def verify_state(expected: str, params: Mapping[str, str]) -> str:
    """The ``code`` of an OAuth callback whose ``state`` is ``expected``; else raise.

    Raises :class:`AuthorizationError` for a missing or different ``state`` (a forged or
    replayed callback), an ``error`` (``access_denied``: no usable certificate) or no ``code``.
    """
    state = params.get("state") or ""
    if not expected or not hmac.compare_digest(state.encode(), expected.encode()):
        raise AuthorizationError("The OAuth callback's state does not match; start again.")
    if params.get("error"):
        raise AuthorizationError(f"ANAF refused the authorization: {params['error']}.")
    code = params.get("code")
    if not code:
        raise AuthorizationError("The OAuth callback carries no authorization code.")
    return code


@dataclass(frozen=True, slots=True, kw_only=True)
class OAuthClient:
    """An application registered in the ANAF portal (client id, secret, one callback URL)."""

    client_id: str
    client_secret: str = field(repr=False)
    redirect_uri: str
    config: AnafConfig = field(default_factory=AnafConfig)
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT

    def authorization_url(self, state: str | None = None) -> tuple[str, str]:
        """The URL to open in the user's browser, and the ``state`` to keep for the callback."""
        state = state or secrets.token_urlsafe(32)
        query = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "token_content_type": "jwt",
            "state": state,
        }
        return f"{self.config.oauth_endpoint('authorize')}?{urlencode(query)}", state

    def exchange_code(
        self, session: requests.Session, code: str, *, now: datetime | None = None
    ) -> TokenPair:
        """Step 2 (anaf.md 2.3): the code, within 60 s of the callback, for a token pair."""
        form = {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": self.redirect_uri,
            "token_content_type": "jwt",
        }
        return self._token(session, form, now or _utcnow(), expired=TokenRefusedError)

    def refresh(
        self, session: requests.Session, refresh_token: str, *, now: datetime | None = None
    ) -> TokenPair:
        """A new pair for a refresh token (anaf.md 2.4); keep both new tokens."""
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        return self._token(session, form, now or _utcnow(), expired=TokenExpiredError)

    def _token(self, session, form: dict, now: datetime, expired: type) -> TokenPair:
        try:
            response = send(
                session,
                "POST",
                self.config.oauth_endpoint("token"),
                timeout=self.timeout,
                data=form,
                auth=(self.client_id, self.client_secret),
            )
        except TokenExpiredError as exc:  # a 401 from the token endpoint: client refused
            raise TokenRefusedError(
                "ANAF refused the client credentials.", status_code=401
            ) from exc
        payload = json_body(response)
        if response.status_code != 200 or "error" in payload:
            error = str(payload.get("error", response.status_code))
            kind = expired if error == "invalid_grant" else TokenRefusedError
            raise kind(f"ANAF's token endpoint refused the request: {error}.", status_code=400)
        return TokenPair.from_answer(payload, now)


class TokenManager:
    """Hands out a valid access token for one store, refreshing ``margin`` before expiry."""

    def __init__(
        self,
        oauth: OAuthClient,
        store: TokenStore,
        *,
        margin: timedelta = timedelta(days=10),
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.oauth = oauth
        self.store = store
        self.margin = margin
        self.clock = clock

    def _stored(self) -> TokenPair:
        tokens = self.store.load()
        if tokens is None:
            raise TokenMissingError("No ANAF token is stored; authorize the application first.")
        return tokens

    def access_token(self, session: requests.Session) -> str:
        """The stored access token, refreshed first if it expires within ``margin``."""
        tokens = self._stored()
        if self.clock() < tokens.access_expires - self.margin:
            return tokens.access_token
        return self.refresh(session)

    def refresh(self, session: requests.Session) -> str:
        """Refresh now (before expiry, or after ANAF answered 401) and store the new pair."""
        tokens = self._stored()
        now = self.clock()
        if now >= tokens.refresh_expires:
            raise TokenExpiredError("The ANAF refresh token expired; authorize again.")
        try:
            fresh = self.oauth.refresh(session, tokens.refresh_token, now=now)
        except TokenExpiredError:
            # Another worker may have refreshed first: ANAF-style rotation kills the old token.
            latest = self.store.load()
            if latest is not None and latest.refresh_token != tokens.refresh_token:
                return latest.access_token
            raise
        self.store.save(fresh)
        return fresh.access_token
