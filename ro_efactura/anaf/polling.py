"""The one polling loop: many upload indexes -> ``stareMesaj`` until each is terminal.

ANAF allows 100 status queries per message per day and 1000 calls per minute
(``limiteApeluriAPI.txt``, anaf.md section 13). The loop waits before the first round (a fresh
upload is never ready at once), queries each pending index once per round, doubles the wait
between rounds up to ``max_wait``, gives an index at most ``max_polls`` queries, and pauses a
minute after every ``per_minute`` calls. An index whose daily limit is reached is left
``in prelucrare`` for the next run. ``sleep`` is injectable, so tests do not wait.

>>> plan = PollPlan(first_wait=2, max_wait=8, max_polls=5)
>>> [plan.wait(n) for n in range(5)]
[2, 4, 8, 8, 8]
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..errors import RateLimitedError
from .efactura import EfacturaClient
from .models import Status, StatusResult

__all__ = ["PollPlan", "poll"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PollPlan:
    """How patiently to poll; the defaults stay far below ANAF's limits."""

    first_wait: float = 3.0
    max_wait: float = 60.0
    max_polls: int = 10
    per_minute: int = 900
    sleep: Callable[[float], None] = field(default=time.sleep)

    def wait(self, round_number: int) -> float:
        """Seconds to wait before round ``round_number`` (0-based)."""
        return min(self.max_wait, self.first_wait * 2**round_number)


def poll(
    client: EfacturaClient, indexes: Iterable[str | int], plan: PollPlan | None = None
) -> dict[str, StatusResult]:
    """The last known state of every index: terminal, or ``in prelucrare`` if it stayed so."""
    plan = plan or PollPlan()
    order = list(dict.fromkeys(str(i) for i in indexes))
    results = {i: StatusResult(index=i, status=Status.IN_PROGRESS) for i in order}
    polls = dict.fromkeys(order, 0)
    pending, calls, round_number = order, 0, 0
    while pending:
        plan.sleep(plan.wait(round_number))
        round_number += 1
        for index in pending:
            if calls and calls % plan.per_minute == 0:
                plan.sleep(60.0)
            calls += 1
            polls[index] += 1
            try:
                results[index] = client.status(index)
            except RateLimitedError as exc:
                if exc.status_code == 429:  # the per-minute ceiling, even after retries
                    raise
                polls[index] = plan.max_polls  # this message's daily limit: try tomorrow
        pending = [
            i for i in pending if not results[i].status.terminal and polls[i] < plan.max_polls
        ]
    return results
