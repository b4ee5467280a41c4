"""Benchmark a full SPV round against the emulator: upload, poll to ``ok``, download.

Uploads N valid invoices (tests.factories, distinct numbers) with :class:`EfacturaClient`,
polls them all with :func:`ro_efactura.anaf.poll` until ``ok`` (the emulator keeps each upload
``in prelucrare`` for 2 real seconds and then runs our rules on it), downloads and opens every
ZIP, and prints the wall time per phase, invoices per second and HTTP calls per invoice.

ANAF's 1000 calls/minute would make this a 3-minute run by design; the emulator's per-minute
ceiling is switched off here (the daily per-message limits stay on) so that the numbers measure
the code. Not a test; run from the repository root: ``python bench/bench_spv.py [N]``.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ro_efactura.anaf import (
    AnafConfig,
    EfacturaClient,
    MemoryTokenStore,
    OAuthClient,
    PollPlan,
    Status,
    TokenManager,
    TokenPair,
    poll,
)
from ro_efactura.emulator import DEFAULT_CLIENT, Emulator
from ro_efactura.ubl import write
from tests.factories import SELLER_CUI, make_invoice

__all__ = ["main"]

FIRST_WAIT = 2.0  # seconds before the first status round: the emulator processes for 2 s


def _name(response: requests.Response) -> str:
    return response.url.split("?")[0].rsplit("/")[-1]


def _client(emulator: Emulator, session: requests.Session) -> EfacturaClient:
    config = AnafConfig.emulator(emulator.url)
    oauth = OAuthClient(
        client_id=DEFAULT_CLIENT.client_id,
        client_secret=DEFAULT_CLIENT.client_secret,
        redirect_uri=DEFAULT_CLIENT.redirect_uris[0],
        config=config,
    )
    store = MemoryTokenStore(TokenPair.from_answer(emulator.issue_tokens(), emulator.clock.now()))
    return EfacturaClient(session, TokenManager(oauth, store), config=config, timeout=30)


def main(count: int = 1000) -> None:
    bodies = [write(make_invoice(number=f"BENCH-{n:05d}")) for n in range(count)]
    calls: Counter[str] = Counter()
    # No client-side pacing either: PollPlan.per_minute would pause 60 s every 900 calls.
    plan = PollPlan(first_wait=FIRST_WAIT, max_wait=4.0, per_minute=10**9)
    emulator = Emulator(processing_seconds=2.0, limits={"per_minute": None})
    with emulator, requests.Session() as session:
        session.hooks["response"].append(lambda response, *a, **k: calls.update([_name(response)]))
        client = _client(emulator, session)
        started = time.perf_counter()
        indexes = [client.upload(body, cif=SELLER_CUI).index for body in bodies]
        uploaded = time.perf_counter()
        results = poll(client, indexes, plan)
        polled = time.perf_counter()
        downloads = [client.download(results[i].download_id) for i in indexes]
        done = time.perf_counter()
    assert all(results[i].status is Status.OK for i in indexes), "not every invoice ended ok"
    assert [d.content for d in downloads] == bodies, "a download differs from its upload"
    total = done - started
    print(f"invoices            {count}")
    print(f"upload              {uploaded - started:8.2f} s")
    print(
        f"poll to ok          {polled - uploaded:8.2f} s  (includes {FIRST_WAIT:.0f} s first wait)"
    )
    print(f"download + unzip    {done - polled:8.2f} s")
    print(f"wall time           {total:8.2f} s   {count / total:8.1f} invoices/s")
    per = {name: n / count for name, n in sorted(calls.items())}
    print("HTTP calls/invoice  " + "  ".join(f"{k} {v:.2f}" for k, v in per.items()))
    print(f"                    total {sum(calls.values()) / count:.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
