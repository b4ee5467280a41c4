"""The e-Factura client against the emulator over HTTP: results, errors, retries, polling."""

from __future__ import annotations

from datetime import timedelta

import pytest
import requests

from ro_efactura.anaf import EfacturaClient, MessageKind, PollPlan, Status, TokenManager, poll
from ro_efactura.anaf._transport import RetryPolicy
from ro_efactura.errors import (
    AnafRequestError,
    AnafUnavailableError,
    MalformedAnswerError,
    MessageExpiredError,
    NotAuthorizedError,
    RateLimitedError,
    TokenExpiredError,
)
from tests.factories import BUYER_CUI, SELLER_CUI


def settle(client, index):
    """Two polls: the test emulator answers ``in prelucrare`` once, then the verdict."""
    assert client.status(index).status is Status.IN_PROGRESS
    return client.status(index)


# --- upload, status, download ---------------------------------------------------------------


def test_upload_poll_download_and_verify(client, invoice_xml):
    body = invoice_xml()
    upload = client.upload(body, cif=f"RO{SELLER_CUI}")
    assert upload.accepted and upload.index == "5000000001"
    result = settle(client, upload.index)
    assert result.status is Status.OK and result.download_id == "3000000001"
    download = client.download(result.download_id)
    assert download.upload_index == upload.index
    assert download.content == body
    assert not download.is_error_report
    assert client.verify_signature(download.content, download.signature) is True
    assert (
        client.verify_signature(
            body.replace(b"ALF-2026-0001", b"ALF-2026-0002"), download.signature
        )
        is False
    )


def test_upload_refusal_is_a_value(client, invoice_xml):
    result = client.upload(invoice_xml(), cif=SELLER_CUI, standard="CN")
    assert not result.accepted
    assert result.errors[0].startswith("Fisierul transmis nu este valid.")


def test_upload_without_rights_on_the_cif_raises(client, invoice_xml):
    with pytest.raises(NotAuthorizedError, match=f"CIF={BUYER_CUI}"):
        client.upload(invoice_xml(), cif=BUYER_CUI)


def test_upload_flags_reach_anaf(client, emulator, invoice_xml):
    index = client.upload(invoice_xml(), cif=SELLER_CUI, b2c=True, extern=True).index
    job = emulator.job(index)
    assert (job.b2c, job.extern, job.autofactura) == (True, True, False)


def test_nok_download_is_parsed_into_messages(client, emulator, invoice_xml):
    emulator.force_next_upload("nok")
    index = client.upload(invoice_xml(), cif=SELLER_CUI).index
    result = settle(client, index)
    assert result.status is Status.NOK
    download = client.download(result.download_id)
    assert download.is_error_report
    assert download.errors == emulator.job(index).errors


@pytest.mark.parametrize(
    ("outcome", "status"), [("stuck", Status.IN_PROGRESS), (Status.REJECTED.value, Status.REJECTED)]
)
def test_other_states(client, emulator, invoice_xml, outcome, status):
    emulator.force_next_upload(outcome)
    index = client.upload(invoice_xml(), cif=SELLER_CUI).index
    emulator.clock.advance(hours=1)
    result = client.status(index)
    assert (result.status, result.download_id) == (status, None)


def test_status_of_unknown_index_raises_request_error(client):
    with pytest.raises(AnafRequestError) as caught:
        client.status("15000")
    assert caught.value.anaf_message == "Nu exista factura cu id_incarcare= 15000"


# --- lists ----------------------------------------------------------------------------------


def test_messages_are_typed(client, emulator, invoice_xml):
    settle(client, client.upload(invoice_xml(), cif=SELLER_CUI).index)
    [message] = client.messages(SELLER_CUI, days=1)
    assert message.kind is MessageKind.SENT
    assert (message.seller_cif, message.buyer_cif) == (SELLER_CUI, BUYER_CUI)
    assert message.created_at == emulator.clock.now()


def test_no_messages_is_an_empty_list(client):
    listing = client.messages(SELLER_CUI, days=3, filter="E")
    assert len(listing) == 0
    assert listing.title == "Nu exista mesaje in ultimele 3 zile"


def test_paged_list_is_walked_to_the_last_page(client, emulator):
    for n in range(1201):
        emulator.deliver_invoice(b"<Invoice/>", cif=SELLER_CUI)
        if n % 400 == 0:
            emulator.clock.advance(1)
    emulator.clock.advance(minutes=2)  # the client keeps a minute off ANAF's clock
    listing = client.messages_between(SELLER_CUI)
    assert len(listing) == 1201 and listing.pages == 3
    assert len({m.id for m in listing}) == 1201
    assert emulator.limits.count("list_paged", SELLER_CUI) == 3


def test_paged_list_window_is_clipped_to_what_anaf_accepts(client, emulator):
    now = emulator.clock.now()
    listing = client.messages_between(
        SELLER_CUI, now - timedelta(days=90), now + timedelta(hours=1), filter="T"
    )
    assert len(listing) == 0  # no interval error: the window was clipped


def test_list_on_a_foreign_cif_raises(client):
    with pytest.raises(NotAuthorizedError):
        client.messages(BUYER_CUI)


# --- download errors ------------------------------------------------------------------------


def test_download_errors_are_typed(client, emulator):
    mine = emulator.deliver_invoice(b"<Invoice/>", cif=SELLER_CUI)
    theirs = emulator.deliver_invoice(b"<Invoice/>", cif=BUYER_CUI)
    with pytest.raises(AnafRequestError):
        client.download("21")
    with pytest.raises(NotAuthorizedError):
        client.download(theirs.id)
    emulator.limits.daily["download"] = 1
    client.download(mine.id)
    with pytest.raises(RateLimitedError) as caught:
        client.download(mine.id)
    assert 0 < caught.value.retry_after <= 86400
    emulator.clock.advance(days=61)
    with pytest.raises(MessageExpiredError):
        client.download(mine.id)


# --- validare, transformare, probe ----------------------------------------------------------


def test_validate_ok_and_nok(client, emulator, invoice_xml):
    assert client.validate(invoice_xml()).ok
    empty = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    result = client.validate(empty)
    assert not result.ok
    assert any("[BR-01]" in m for m in result.messages)
    assert result.trace_id


def test_public_services_work_without_a_token(session, config, invoice_xml):
    public = EfacturaClient(session, None, config=config, timeout=5)
    assert public.validate(invoice_xml()).ok
    pdf = public.to_pdf(invoice_xml(number="FX-2026-77"), validate=False)
    assert pdf.startswith(b"%PDF-1.4") and b"FX-2026-77" in pdf


def test_pdf_refused_for_an_invalid_invoice(client):
    empty = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    with pytest.raises(AnafRequestError, match="BR-01"):
        client.to_pdf(empty)


def test_hello_probe(client):
    assert client.hello("SPV").startswith("Hello, SPV")


# --- tokens ---------------------------------------------------------------------------------


def revoke(emulator, token):
    requests.post(
        emulator.url + "/anaf-oauth2/v1/revoke", data={"access_token": token}, timeout=5
    ).raise_for_status()


def test_401_refreshes_once_and_retries(client, emulator, store):
    old = store.load()
    revoke(emulator, old.access_token)
    assert client.hello().startswith("Hello")
    assert store.load().access_token != old.access_token


def test_second_401_raises_token_expired(client, emulator, store):
    revoke(emulator, store.load().access_token)
    emulator.access_ttl = timedelta(0)  # the refreshed access token is born expired
    with pytest.raises(TokenExpiredError, match="refreshed"):
        client.hello()


def test_403_without_efactura_right(client, emulator):
    emulator.state.users[emulator.default_serial].efactura = False
    with pytest.raises(NotAuthorizedError):
        client.hello()


# --- faults ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["http5xx", "drop", "firewall", "technical"])
def test_unavailable_answers_are_retried_for_idempotent_calls(client, emulator, sleeper, kind):
    emulator.inject(kind, path="listaMesajeFactura", count=2)
    assert len(client.messages(SELLER_CUI, days=1)) == 0
    assert sleeper.calls == [1.25, 2.5]  # 1 s doubling, plus jitter 0.5 x rng 0.5


@pytest.mark.parametrize("kind", ["http5xx", "drop", "firewall", "technical"])
def test_unavailable_after_bounded_retries(client, emulator, sleeper, kind):
    emulator.inject(kind, path="stareMesaj", count=10)
    with pytest.raises(AnafUnavailableError):
        client.status("5000000001")
    assert len(sleeper.calls) == 3  # four attempts
    assert emulator.faults.armed == 6


def test_timeout_is_unavailable(emulator, session, config, store, oauth):
    quick = EfacturaClient(
        session,
        TokenManager(oauth, store, clock=emulator.clock.now),
        config=config,
        timeout=0.2,
        retry_policy=RetryPolicy(attempts=1),
    )
    emulator.inject("timeout", path="stareMesaj", seconds=1.0)
    with pytest.raises(AnafUnavailableError, match="within"):
        quick.status("5000000001")


@pytest.mark.parametrize(
    ("path", "call"),
    [
        ("listaMesajeFactura", lambda client: client.messages(SELLER_CUI)),
        ("stareMesaj", lambda client: client.status("5000000001")),
        ("descarcare", lambda client: client.download("3000000001")),
    ],
)
def test_unparseable_answers_are_malformed(client, emulator, path, call):
    emulator.inject("malformed_json", path=path)
    with pytest.raises(MalformedAnswerError):
        call(client)


def test_truncated_zip_is_malformed_answer(client, emulator):
    message = emulator.deliver_invoice(b"<Invoice/>", cif=SELLER_CUI)
    emulator.inject("truncated_zip", path="descarcare")
    with pytest.raises(MalformedAnswerError, match="ZIP"):
        client.download(message.id)
    assert client.download(message.id).content == b"<Invoice/>"


def test_429_waits_a_minute_then_succeeds(client, emulator, sleeper):
    emulator.limits.per_minute = 2
    client.hello()
    client.hello()
    assert client.hello().startswith("Hello")  # third call: 429, a minute's wait, success
    assert sleeper.calls == [60.0]


def test_429_after_bounded_retries(client, emulator):
    emulator.limits.per_minute = 0
    with pytest.raises(RateLimitedError) as caught:
        client.hello()
    assert caught.value.status_code == 429


def test_upload_is_never_retried_after_a_crash_after_store(client, emulator, invoice_xml):
    emulator.inject("crash_after_store", path="/upload")
    with pytest.raises(AnafUnavailableError):
        client.upload(invoice_xml(), cif=SELLER_CUI)
    assert [job.index for job in emulator.jobs] == [5000000001]  # ANAF has it, exactly once


def test_upload_is_never_retried_on_5xx(client, emulator, sleeper, invoice_xml):
    emulator.inject("http5xx", path="/upload", count=2, status=503)
    with pytest.raises(AnafUnavailableError):
        client.upload(invoice_xml(), cif=SELLER_CUI)
    assert emulator.faults.armed == 1 and sleeper.calls == []


def test_latency_knob_slows_answers_within_the_timeout(client, emulator):
    emulator.set_latency(0.05)
    assert client.hello().startswith("Hello")


# --- polling --------------------------------------------------------------------------------


def test_polling_many_uploads_stays_within_every_limit(client, emulator, sleeper, invoice_xml):
    emulator.limits.per_minute = 100  # a tenth of ANAF's, to reach the pacing cheaply
    emulator.processing_seconds = 10_000  # a verdict on the second poll of each upload
    body = invoice_xml()
    indexes = []
    for _ in range(150):
        indexes.append(client.upload(body, cif=SELLER_CUI).index)
        emulator.clock.advance(1)
    emulator.force_next_upload("stuck")
    stuck = client.upload(body, cif=SELLER_CUI).index
    plan = PollPlan(first_wait=60, max_wait=120, max_polls=5, per_minute=90, sleep=sleeper)
    results = poll(client, [*indexes, stuck], plan)
    assert {results[i].status for i in indexes} == {Status.OK}
    assert results[stuck].status is Status.IN_PROGRESS
    counters = emulator.counters()
    assert counters["refusals"] == {}
    assert counters["peak_minute"] <= 100
    assert max(counters["daily"]["stare"].values()) == 5  # the stuck one, at max_polls
    assert sorted({counters["daily"]["stare"][i] for i in indexes}) == [2]


def test_self_billed_invoice_lists_both_parties(client, emulator, invoice_xml):
    emulator.grant(emulator.default_serial, BUYER_CUI)
    upload = client.upload(invoice_xml(), cif=BUYER_CUI, self_billed=True)
    result = settle(client, upload.index)
    [received] = client.messages(BUYER_CUI, days=1)
    [sent] = client.messages(SELLER_CUI, days=1)
    assert (received.kind, sent.kind) == (MessageKind.RECEIVED, MessageKind.SENT)
    assert received.details == (
        f"Factura cu id_incarcare={upload.index} transmisa de cif={BUYER_CUI}  "
        f"ca autofactura in numele cif={SELLER_CUI}"
    )
    assert (received.seller_cif, received.buyer_cif) == (SELLER_CUI, BUYER_CUI)
    assert result.download_id == received.id  # the uploader's own entry
