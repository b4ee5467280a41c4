"""The emulator's memory: its clock, the seeded parties, tokens, uploads and SPV messages.

Everything time-dependent reads :class:`Clock`, so tests move time instead of sleeping: token
lifetimes (anaf.md section 2.6), the 60-day retention (section 13), the daily limits and the
``in prelucrare`` duration (section 15). Dates on the wire are Romanian local time (section 3).

>>> from datetime import datetime, timezone
>>> clock = Clock(datetime(2026, 3, 14, 8, 27, tzinfo=timezone.utc), frozen=True)
>>> clock.advance(minutes=3)
>>> stamp(clock.now()), dmy(clock.now())
('202603141030', '14-03-2026 10:30:00')
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

__all__ = [
    "BUCHAREST",
    "Application",
    "Clock",
    "Code",
    "Job",
    "Message",
    "State",
    "Token",
    "User",
    "dmy",
    "local_day",
    "stamp",
]

BUCHAREST = ZoneInfo("Europe/Bucharest")


def stamp(moment: datetime) -> str:
    """``yyyyMMddHHmm`` in Romanian time: ``dateResponse``, ``data_creare`` (anaf.md section 3)."""
    return moment.astimezone(BUCHAREST).strftime("%Y%m%d%H%M")


def dmy(moment: datetime) -> str:
    """``dd-MM-yyyy HH:mm:ss`` in Romanian time: dates inside error texts (anaf.md section 3)."""
    return moment.astimezone(BUCHAREST).strftime("%d-%m-%Y %H:%M:%S")


def local_day(moment: datetime) -> date:
    """The Romanian calendar day: daily limits reset at midnight there (anaf.md section 13 [?])."""
    return moment.astimezone(BUCHAREST).date()


class Clock:
    """Real time plus an offset, or a frozen instant; always timezone-aware (UTC)."""

    def __init__(self, start: datetime | None = None, *, frozen: bool = False) -> None:
        self._lock = threading.Lock()
        start = start or datetime.now(timezone.utc)
        if start.tzinfo is None:
            raise ValueError("the clock needs an aware datetime")
        self._base = start.astimezone(timezone.utc)
        self._anchor = time.monotonic()
        self.frozen = frozen

    def now(self) -> datetime:
        with self._lock:
            if self.frozen:
                return self._base
            return self._base + timedelta(seconds=time.monotonic() - self._anchor)

    def set(self, moment: datetime) -> None:
        if moment.tzinfo is None:
            raise ValueError("the clock needs an aware datetime")
        with self._lock:
            self._base, self._anchor = moment.astimezone(timezone.utc), time.monotonic()

    def advance(
        self, seconds: float = 0, *, minutes: float = 0, hours: float = 0, days: float = 0
    ) -> None:
        delta = timedelta(seconds=seconds, minutes=minutes, hours=hours, days=days)
        with self._lock:
            self._base += delta


@dataclass(slots=True, kw_only=True)
class Application:
    """An OAuth application registered in the ANAF portal (anaf.md section 2.1)."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]


@dataclass(slots=True, kw_only=True)
class User:
    """A certificate holder: its serial, the CIFs it has SPV rights on, the e-Factura right."""

    serial: str
    cifs: set[str] = field(default_factory=set)
    efactura: bool = True


@dataclass(slots=True, kw_only=True)
class Code:
    """An authorization code: single-use, valid 60 s (anaf.md section 2.3)."""

    client_id: str
    redirect_uri: str
    serial: str
    created: datetime


@dataclass(slots=True, kw_only=True)
class Token:
    """An issued token, found again by its ``jti`` claim."""

    jti: str
    kind: str  # "access" or "refresh"
    client_id: str
    serial: str
    expires: datetime
    revoked: bool = False


@dataclass(slots=True, kw_only=True)
class Job:
    """One accepted upload (anaf.md sections 4-5) and what processing made of it."""

    index: int
    env: str  # "test" or "prod": the two environments share nothing (anaf.md section 1)
    standard: str
    cif: str
    serial: str
    body: bytes
    uploaded: datetime
    b2c: bool = False
    extern: bool = False
    autofactura: bool = False
    forced: str | None = None
    polls: int = 0
    state: str = "in prelucrare"
    download_id: int | None = None
    errors: tuple[str, ...] = ()


@dataclass(slots=True, kw_only=True)
class Message:
    """An SPV message: one entry of the lists and one ZIP for ``descarcare`` (sections 6-9)."""

    id: int
    index: int
    env: str
    cif: str
    tip: str
    detalii: str
    created: datetime  # the verdict: the ZIP can be downloaded from then on, for 60 days
    listed: datetime  # when the lists show it: ``data_creare`` (anaf.md section 7)
    content: bytes  # ``<index>.xml`` of the ZIP; the ZIP is built on first download
    archive: bytes | None = None


class State:
    """All the emulator knows; handlers hold :attr:`lock` while they read or change it."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.applications: dict[str, Application] = {}
        self.users: dict[str, User] = {}
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, Token] = {}
        self.jobs: dict[int, Job] = {}
        self.messages: dict[int, Message] = {}
        self.executare_cifs: set[str] = set()
        self.forced_outcomes: list[str] = []
        # anaf.md section 15: upload indexes from 5000000001, download ids from 3000000001.
        self._indexes = itertools.count(5_000_000_001)
        self._download_ids = itertools.count(3_000_000_001)

    def next_index(self) -> int:
        return next(self._indexes)

    def next_download_id(self) -> int:
        return next(self._download_ids)
