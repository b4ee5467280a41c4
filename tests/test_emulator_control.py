"""The emulator-only control API under /__emulator/ drives the same knobs as Python."""

from __future__ import annotations

from datetime import timedelta

import requests

from tests.factories import SELLER_CUI


def control(emulator, method, path, json=None):
    answer = requests.request(method, f"{emulator.url}/__emulator/{path}", json=json, timeout=5)
    return answer


def test_index_documents_the_endpoints(emulator):
    text = control(emulator, "GET", "").text
    assert "/__emulator/clock" in text and "/__emulator/faults" in text


def test_clock_advance_and_set(emulator):
    before = emulator.clock.now()
    control(emulator, "POST", "clock", {"advance": 90})
    assert emulator.clock.now() - before == timedelta(seconds=90)
    control(emulator, "POST", "clock", {"set": "2026-05-01T12:00:00+03:00"})
    assert control(emulator, "GET", "clock").json()["now"] == "2026-05-01T09:00:00+00:00"


def test_seed_user_and_get_tokens(emulator):
    control(emulator, "POST", "users", {"serial": "S2", "cifs": ["34567892"]})
    pair = control(emulator, "POST", "tokens", {"serial": "S2"}).json()
    answer = requests.get(
        emulator.url + "/TestOauth/jaxrs/hello",
        headers={"Authorization": f"Bearer {pair['access_token']}"},
        timeout=5,
    )
    assert answer.status_code == 200
    assert emulator.state.users["S2"].cifs == {"34567892"}


def test_force_next_upload_and_inbox(emulator, invoice_xml):
    control(emulator, "POST", "next-upload", {"outcome": "nok"})
    assert emulator.state.forced_outcomes == ["nok"]
    made = control(
        emulator, "POST", "inbox", {"xml": invoice_xml().decode(), "cif": SELLER_CUI}
    ).json()
    assert emulator.state.messages[int(made["id"])].tip == "FACTURA PRIMITA"


def test_faults_latency_and_counters(emulator):
    armed = control(emulator, "POST", "faults", {"kind": "drop", "path": "stareMesaj", "count": 2})
    assert armed.json() == {"armed": 2}
    control(emulator, "POST", "latency", {"seconds": 0.01})
    assert emulator.faults.latency == 0.01
    counters = control(emulator, "GET", "counters").json()
    assert counters["limits"]["download"] == 10 and counters["refusals"] == {}


def test_authorization_deny_switch(emulator):
    control(emulator, "POST", "authorization", {"deny": True})
    assert emulator.deny_authorization is True


def test_bad_control_requests_are_400(emulator):
    assert control(emulator, "POST", "faults", {"kind": "meteor"}).status_code == 400
    assert control(emulator, "POST", "next-upload", {}).status_code == 400


def test_reset_forgets_state(emulator):
    emulator.deliver_invoice(b"<Invoice/>", cif=SELLER_CUI)
    control(emulator, "POST", "reset")
    assert emulator.state.messages == {}
