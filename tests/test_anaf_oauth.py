"""The OAuth client against the emulator over HTTP (anaf.md section 2)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from ro_efactura.anaf import MemoryTokenStore, OAuthClient, TokenManager, TokenPair, verify_state
from ro_efactura.anaf.oauth import jwt_claims
from ro_efactura.errors import (
    AuthorizationError,
    TokenExpiredError,
    TokenMissingError,
    TokenRefusedError,
)


def browser(url: str) -> dict[str, str]:
    """What the user's browser does: open the URL, follow ANAF's redirect to the callback."""
    answer = requests.get(url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302
    query = urlsplit(answer.headers["Location"]).query
    return {key: values[0] for key, values in parse_qs(query).items()}


def test_authorization_url_carries_anaf_parameters(oauth):
    url, state = oauth.authorization_url()
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert query == {
        "response_type": "code",
        "client_id": oauth.client_id,
        "redirect_uri": oauth.redirect_uri,
        "token_content_type": "jwt",
        "state": state,
    }
    assert len(state) >= 32
    assert oauth.authorization_url()[1] != state


def test_full_flow_from_url_to_token_pair(oauth, session, emulator):
    url, state = oauth.authorization_url()
    code = verify_state(state, browser(url))
    tokens = oauth.exchange_code(session, code, now=emulator.clock.now())
    assert tokens.access_expires - emulator.clock.now() == timedelta(days=90)
    assert tokens.refresh_expires - emulator.clock.now() == timedelta(days=365)
    assert jwt_claims(tokens.access_token)["serial"] == emulator.default_serial


def test_tampered_state_is_refused(oauth):
    url, state = oauth.authorization_url()
    params = browser(url.replace(state, "forged-state"))
    with pytest.raises(AuthorizationError, match="state"):
        verify_state(state, params)


def test_missing_state_is_refused(oauth):
    url, state = oauth.authorization_url()
    params = browser(url)
    del params["state"]
    with pytest.raises(AuthorizationError):
        verify_state(state, params)


def test_denied_authorization_is_refused(oauth, emulator):
    emulator.deny_authorization = True
    url, state = oauth.authorization_url()
    with pytest.raises(AuthorizationError, match="access_denied"):
        verify_state(state, browser(url))


def test_code_used_twice_is_refused(oauth, session):
    url, state = oauth.authorization_url()
    code = verify_state(state, browser(url))
    oauth.exchange_code(session, code)
    with pytest.raises(TokenRefusedError):
        oauth.exchange_code(session, code)


def test_wrong_secret_is_refused(oauth, session, config):
    url, state = oauth.authorization_url()
    code = verify_state(state, browser(url))
    wrong = OAuthClient(
        client_id=oauth.client_id,
        client_secret="wrong",
        redirect_uri=oauth.redirect_uri,
        config=config,
    )
    with pytest.raises(TokenRefusedError):
        wrong.exchange_code(session, code)


def test_refresh_keeps_the_rotated_refresh_token(oauth, session, emulator, store):
    manager = TokenManager(oauth, store, clock=emulator.clock.now)
    old = store.load()
    manager.refresh(session)
    new = store.load()
    assert new.refresh_token != old.refresh_token
    assert new.access_token != old.access_token
    with pytest.raises(TokenExpiredError):  # the emulator kills the old refresh token
        oauth.refresh(session, old.refresh_token)
    assert oauth.refresh(session, new.refresh_token).access_token


def test_manager_refreshes_before_expiry(oauth, session, emulator, store):
    manager = TokenManager(oauth, store, clock=emulator.clock.now, margin=timedelta(days=10))
    first = store.load().access_token
    emulator.clock.advance(days=79)
    assert manager.access_token(session) == first
    emulator.clock.advance(days=2)  # 9 days left: inside the margin
    refreshed = manager.access_token(session)
    assert refreshed != first
    assert store.load().access_token == refreshed


def test_manager_without_tokens_raises_missing(oauth, session):
    with pytest.raises(TokenMissingError):
        TokenManager(oauth, MemoryTokenStore()).access_token(session)


def test_expired_refresh_token_means_authorize_again(oauth, session, emulator, store):
    manager = TokenManager(oauth, store, clock=emulator.clock.now)
    emulator.clock.advance(days=366)
    with pytest.raises(TokenExpiredError):
        manager.access_token(session)


def test_token_pair_round_trips_through_a_store_dict(emulator):
    pair = TokenPair.from_answer(emulator.issue_tokens(), emulator.clock.now())
    assert TokenPair.from_dict(pair.as_dict()) == pair


def test_expiry_falls_back_to_expires_in_without_jwt(emulator):
    now = emulator.clock.now()
    pair = TokenPair.from_answer(
        {"access_token": "opaque", "refresh_token": "opaque2", "expires_in": 3600}, now
    )
    assert pair.access_expires == now + timedelta(hours=1)
    assert pair.refresh_expires == now + timedelta(days=365)


class _RacingStore(MemoryTokenStore):
    """A store read by this worker just before another worker saved a refreshed pair."""

    def __init__(self, stale: TokenPair, fresh: TokenPair) -> None:
        super().__init__(fresh)
        self.stale = stale

    def load(self) -> TokenPair | None:
        stale, self.stale = self.stale, None
        return stale or self.tokens


def test_refresh_lost_to_another_worker_uses_the_winners_token(oauth, session, emulator, store):
    stale = store.load()
    winner = TokenManager(oauth, store, clock=emulator.clock.now)
    winner.refresh(session)  # rotates: the stale refresh token is dead now
    racing = _RacingStore(stale, store.load())
    loser = TokenManager(oauth, racing, clock=emulator.clock.now)
    assert loser.refresh(session) == store.load().access_token
