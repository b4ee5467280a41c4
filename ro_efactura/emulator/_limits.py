"""ANAF's published call limits, counted as ANAF counts them (``limiteApeluriAPI.txt``).

* every e-Factura method: 1000 calls per minute (rolling here) per caller -> HTTP 429;
* ``upload`` of RASP: 1000 per day per CUI; ``stareMesaj``: 100 per day per message;
  ``listaMesajeFactura``: 1500 per day per CUI; ``listaMesajePaginatieFactura``: 100 000 per
  day per CUI; ``descarcare``: 10 per day per message -- each answered in-band (anaf.md 13).

A day is a Romanian calendar day. Every call is counted, refused ones included; tests read
:meth:`Limits.count`, :attr:`Limits.peak_minute` and :attr:`Limits.refusals`.

>>> from ro_efactura.emulator._state import Clock
>>> limits = Limits(Clock(frozen=True), download=2)
>>> [limits.hit_daily("download", "3000000001") for _ in range(3)]
[True, True, False]
>>> limits.count("download", "3000000001"), limits.refusals["download"]
(3, 1)
"""

from __future__ import annotations

from collections import Counter, defaultdict, deque
from datetime import timedelta

from ._state import Clock, local_day

__all__ = ["DAILY_SCOPES", "Limits"]

#: scope -> the published daily limit (limiteApeluriAPI.txt).
DAILY_SCOPES = {
    "rasp": 1000,
    "stare": 100,
    "list": 1500,
    "list_paged": 100_000,
    "download": 10,
}
_MINUTE = timedelta(minutes=1)


class Limits:
    """Counters and ceilings; keyword arguments override a limit (``None`` switches it off)."""

    def __init__(self, clock: Clock, *, per_minute: int | None = 1000, **daily: int | None):
        unknown = set(daily) - set(DAILY_SCOPES)
        if unknown:
            raise ValueError(f"unknown limit scopes: {sorted(unknown)}")
        self.clock = clock
        self.per_minute = per_minute
        self.daily: dict[str, int | None] = {**DAILY_SCOPES, **daily}
        self._days: dict[tuple[str, str], tuple[object, int]] = {}
        self._minutes: dict[str, deque] = defaultdict(deque)
        self.peak_minute = 0
        self.refusals: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()

    def hit_minute(self, caller: str) -> bool:
        """Count one API call by ``caller``; False when it is over the per-minute ceiling."""
        now = self.clock.now()
        window = self._minutes[caller]
        while window and now - window[0] >= _MINUTE:
            window.popleft()
        window.append(now)
        self.peak_minute = max(self.peak_minute, len(window))
        if self.per_minute is not None and len(window) > self.per_minute:
            self.refusals["minute"] += 1
            return False
        return True

    def hit_daily(self, scope: str, key: str) -> bool:
        """Count one call in ``scope`` for ``key`` today; False when over the daily limit."""
        today, key = local_day(self.clock.now()), str(key)
        day, used = self._days.get((scope, key), (today, 0))
        used = used + 1 if day == today else 1
        self._days[(scope, key)] = (today, used)
        self.calls[scope] += 1
        limit = self.daily[scope]
        if limit is not None and used > limit:
            self.refusals[scope] += 1
            return False
        return True

    def count(self, scope: str, key: str) -> int:
        """Calls counted today in ``scope`` for ``key`` (a CUI, an upload index, a download id)."""
        day, used = self._days.get((scope, str(key)), (None, 0))
        return used if day == local_day(self.clock.now()) else 0

    def snapshot(self) -> dict:
        """Everything above as JSON-ready data (the control API serves it)."""
        today = local_day(self.clock.now())
        daily: dict[str, dict[str, int]] = defaultdict(dict)
        for (scope, key), (day, used) in self._days.items():
            if day == today:
                daily[scope][key] = used
        return {
            "limits": {"per_minute": self.per_minute, **self.daily},
            "daily": dict(daily),
            "peak_minute": self.peak_minute,
            "refusals": dict(self.refusals),
            "calls": dict(self.calls),
        }
