"""Shared fixtures: a fresh ANAF emulator per test, on a frozen clock, and clients wired to it.

One emulator serves the session; each test gets it reset (fresh tokens, uploads, counters,
faults). The emulator's clock is frozen at a Monday morning (Romanian time); tests move it with
``emulator.clock.advance(...)``. Uploads stay ``in prelucrare`` for one ``stareMesaj`` poll
(or 60 emulated seconds), then get their verdict. Client backoff sleeps advance the emulator's
clock instead of waiting.
"""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import requests
from lxml import etree

from ro_efactura.anaf import (
    AnafConfig,
    EfacturaClient,
    MemoryTokenStore,
    OAuthClient,
    TokenManager,
    TokenPair,
)
from ro_efactura.anaf._transport import RetryPolicy
from ro_efactura.emulator import DEFAULT_CLIENT, Clock, Emulator
from ro_efactura.ubl import write
from tests.factories import SELLER_CUI, make_invoice

#: Monday 16 March 2026, 10:00 in Bucharest.
START = datetime(2026, 3, 16, 8, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="session")
def _emulator_server():
    clock = Clock(START, frozen=True)
    with Emulator(clock=clock, processing_seconds=60, processing_polls=1) as running:
        yield running


@pytest.fixture
def emulator(_emulator_server):
    """The shared emulator, reset and with its clock back at :data:`START`."""
    _emulator_server.reset()
    _emulator_server.clock.set(START)
    return _emulator_server


@pytest.fixture
def session():
    with requests.Session() as opened:
        yield opened


@pytest.fixture
def config(emulator) -> AnafConfig:
    return AnafConfig.emulator(emulator.url, env="test")


@pytest.fixture
def oauth(config) -> OAuthClient:
    return OAuthClient(
        client_id=DEFAULT_CLIENT.client_id,
        client_secret=DEFAULT_CLIENT.client_secret,
        redirect_uri=DEFAULT_CLIENT.redirect_uris[0],
        config=config,
        timeout=5,
    )


class Sleeper:
    """A ``sleep`` that records its calls and advances the emulator's clock instead."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)
        self.clock.advance(seconds)


@pytest.fixture
def sleeper(emulator) -> Sleeper:
    return Sleeper(emulator.clock)


@pytest.fixture
def invoice_xml():
    """``invoice_xml(**overrides)``: a valid CIUS-RO invoice (tests/factories.py) as bytes."""
    return lambda **overrides: write(make_invoice(**overrides))


@pytest.fixture
def store(emulator) -> MemoryTokenStore:
    return MemoryTokenStore(TokenPair.from_answer(emulator.issue_tokens(), emulator.clock.now()))


@pytest.fixture
def client(emulator, session, oauth, config, store, sleeper) -> EfacturaClient:
    tokens = TokenManager(oauth, store, clock=emulator.clock.now)
    return EfacturaClient(
        session,
        tokens,
        config=config,
        timeout=5,
        retry_policy=RetryPolicy(sleep=sleeper, rng=lambda: 0.5),
        clock=emulator.clock.now,
    )


class Api:
    """Authorized raw calls to the emulator's e-Factura paths."""

    def __init__(self, emulator, env="test", serial=None):
        self.emulator = emulator
        self.base = f"{emulator.url}/{env}/FCTEL/rest/"
        token = emulator.issue_tokens(serial=serial)["access_token"]
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, method, **params):
        return requests.get(self.base + method, params=params, headers=self.headers, timeout=5)

    def post(self, method, body=b"", **params):
        headers = {**self.headers, "Content-Type": "text/plain"}
        return requests.post(
            self.base + method, params=params, data=body, headers=headers, timeout=5
        )

    def upload(self, body, **params):
        return self.post("upload", body, **{"standard": "UBL", "cif": SELLER_CUI, **params})

    def upload_index(self, body, **params) -> str:
        root = etree.fromstring(self.upload(body, **params).content)
        return root.get("index_incarcare")

    def stare(self, index):
        return etree.fromstring(self.get("stareMesaj", id_incarcare=str(index)).content)

    def finish(self, index) -> etree._Element:
        """Poll past the processing time (one poll with this emulator's settings)."""
        self.stare(index)
        return self.stare(index)


@pytest.fixture
def api(emulator):
    return Api(emulator)
