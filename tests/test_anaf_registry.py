"""The VAT-payer registry client against the emulator's PlatitorTvaRest v9 endpoint, over HTTP."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
import requests

from ro_efactura.anaf import AnafConfig
from ro_efactura.anaf._transport import RetryPolicy
from ro_efactura.anaf.registry import (
    RegistryClient,
    RegistryRequestError,
    Throttle,
    VatPeriod,
    parse_answer,
)
from ro_efactura.emulator import registry as emulated
from ro_efactura.errors import (
    AnafError,
    AnafUnavailableError,
    MalformedAnswerError,
    RateLimitedError,
)

DAY = date(2025, 3, 14)


def _post(emulator, payload) -> requests.Response:
    return requests.post(emulator.url + emulated.PATH, json=payload, timeout=5)


def _throttle(emulator, sleeper) -> Throttle:
    """A throttle that sleeps by moving the emulator's (frozen) clock."""
    return Throttle(clock=lambda: emulator.clock.now().timestamp(), sleep=sleeper)


@pytest.fixture
def client(session, config, emulator, sleeper):
    return RegistryClient(session, config=config, timeout=5, throttle=_throttle(emulator, sleeper))


# --- found, not found, mixed -----------------------------------------------------------------


def test_found_company_has_every_field_typed(client):
    company = client.company(12345674, on=DAY)
    assert company.cui == 12345674
    assert company.query_date == DAY
    assert company.name == "EXEMPLU SOFTWARE SRL"
    assert company.trade_register == "J12/3456/2019"
    assert (company.phone, company.fax, company.caen_code) == ("0264000000", None, "6201")
    assert company.registration_state == "INREGISTRAT din data 02.05.2019"
    assert company.registration_date == date(2019, 5, 2)
    assert company.tax_office == "Administrația Județeană a Finanțelor Publice Cluj"
    assert (company.vat_payer, company.vat_since, company.vat_until) == (
        True,
        date(2019, 6, 1),
        None,
    )
    assert (company.e_factura, company.e_factura_since) == (True, date(2022, 7, 1))
    assert not company.inactive and not company.vat_on_collection and not company.split_vat
    address = company.address
    assert address.text == "JUD. CLUJ, MUN. CLUJ-NAPOCA, STR. EXEMPLULUI, NR.7"
    assert (address.street, address.number) == ("Str. Exemplului", "7")
    assert (address.locality, address.county, address.county_code) == (
        "Mun. Cluj-Napoca",
        "CLUJ",
        "RO-CJ",
    )
    assert (address.sector, address.postal_code, address.details) == (None, "400001", None)
    assert company.registered_office.street == "Str. Exemplului"


def test_unknown_cuis_only_come_back_as_not_found_from_a_404(client, emulator):
    answer = client.lookup([99999993, 11111110], on=DAY)
    assert answer.found == ()
    assert answer.not_found == (99999993, 11111110)
    assert emulator.registry.calls[-1].status == 404


def test_mixed_query_splits_found_and_not_found(client):
    answer = client.lookup(["RO12345674", 99999993, " 34567892 "], on=DAY)
    assert [company.cui for company in answer.found] == [12345674, 34567892]
    assert answer.not_found == (99999993,)
    assert answer.get("RO34567892").name.startswith("ALFA")
    assert answer.get(99999993) is None


def test_company_registered_after_the_date_is_not_found(client):
    assert client.lookup([15678908], on=date(2021, 3, 14)).not_found == (15678908,)


def test_cui_that_is_not_a_number_is_refused_before_any_call(client, emulator):
    with pytest.raises(ValueError, match="CUI"):
        client.lookup(["RO12A45674"], on=DAY)
    assert emulator.registry.calls == []


# --- batching and the one-request-per-second pace --------------------------------------------


def test_more_than_100_cuis_go_in_batches_of_100(client, emulator):
    cuis = [12345674, *range(1000, 1249)]  # 250 CUIs
    answer = client.lookup(cuis, on=DAY)
    assert [len(call.cuis) for call in emulator.registry.calls] == [100, 100, 50]
    assert [call.status for call in emulator.registry.calls] == [200, 404, 404]
    assert [company.cui for company in answer.found] == [12345674]
    assert len(answer.not_found) == 249


def test_throttle_keeps_requests_a_second_apart(client, emulator, sleeper):
    emulator.registry.enforce_rate = True
    for cui in (12345674, 34567892, 15678908):
        client.company(cui, on=DAY)
    assert sleeper.calls == [1.0, 1.0]
    calls = emulator.registry.calls
    assert [call.status for call in calls] == [200, 200, 200]
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(calls)]
    assert all(gap >= timedelta(seconds=1) for gap in gaps)


def test_emulator_answers_429_to_an_unthrottled_client(session, config, emulator):
    emulator.registry.enforce_rate = True
    eager = RegistryClient(session, config=config, timeout=5, throttle=Throttle(0))
    eager.company(12345674, on=DAY)
    with pytest.raises(RateLimitedError):
        eager.company(12345674, on=DAY)
    assert [call.status for call in emulator.registry.calls] == [200, 429]


# --- statuses derived from the seeded periods ------------------------------------------------


@pytest.mark.parametrize(
    ("day", "inactive", "since", "reactivated"),
    [
        (date(2021, 5, 1), True, date(2021, 2, 1), None),
        (date(2022, 1, 1), False, date(2021, 2, 1), date(2021, 8, 1)),
        (DAY, True, date(2024, 5, 10), None),
    ],
)
def test_inactive_status_follows_the_date(client, day, inactive, since, reactivated):
    company = client.company(23456783, on=day)
    assert (company.inactive, company.inactive_since, company.reactivated_on) == (
        inactive,
        since,
        reactivated,
    )


def test_inactive_company_lost_its_vat_registration(client):
    company = client.company(23456783, on=DAY)
    assert not company.vat_payer
    assert company.vat_until == date(2024, 5, 10)
    assert company.vat_periods == (
        VatPeriod(
            start=date(2012, 5, 1),
            end=date(2024, 5, 10),
            cancelled_on=date(2024, 5, 10),
            reason="art. 316 alin. (11) lit. a) din Codul fiscal",
        ),
    )
    assert company.address.street == "Șos. Națională"


def test_company_that_is_not_a_vat_payer(client):
    company = client.company(15678908, on=DAY)
    assert (company.vat_payer, company.vat_since, company.vat_periods) == (False, None, ())
    assert company.address.county_code == "RO-TM"


@pytest.mark.parametrize(("day", "expected"), [(date(2022, 6, 1), False), (DAY, True)])
def test_vat_on_collection(client, day, expected):
    company = client.company(34567892, on=day)
    assert company.vat_on_collection is expected
    assert company.vat_on_collection_since == (date(2023, 1, 1) if expected else None)


@pytest.mark.parametrize(
    ("day", "expected", "until"),
    [(date(2018, 6, 1), True, None), (date(2020, 1, 1), False, date(2019, 2, 1))],
)
def test_split_vat(client, day, expected, until):
    company = client.company(40123452, on=day)
    assert (company.split_vat, company.split_vat_since, company.split_vat_until) == (
        expected,
        date(2018, 1, 1),
        until,
    )
    assert company.iban == "RO49AAAA1B31007593840000"


def test_bucharest_sector_cedilla_and_short_postal_code(client):
    company = client.company(34567892, on=DAY)
    assert company.name == "ALFA CONSTRUCȚII ȘI INSTALAȚII SRL"
    assert company.address.locality == "Sector 3 Mun. București"
    assert (company.address.county_code, company.address.sector) == ("RO-B", "SECTOR3")
    assert company.address.postal_code == "031472"
    assert company.address.details == "BL. E3, SC. 2, AP. 14"


# --- envelope variants -----------------------------------------------------------------------


def test_answer_without_cod_and_message_is_read(client, emulator):
    emulator.registry.send_cod_message = False
    raw = _post(emulator, [{"cui": 12345674, "data": "2025-03-14"}]).json()
    assert "cod" not in raw and "message" not in raw
    assert client.company(12345674, on=DAY).name == "EXEMPLU SOFTWARE SRL"


def test_emulator_404_carries_the_normal_body(emulator):
    response = _post(emulator, [{"cui": 99999993, "data": "2025-03-14"}])
    assert response.status_code == 404
    assert response.json()["found"] == [] and response.json()["notFound"] == [99999993]


@pytest.mark.parametrize(
    "payload",
    [
        [{"cui": n, "data": "2025-03-14"} for n in range(1000, 1101)],  # 101 CUIs
        [{"cui": "RO12345674", "data": "2025-03-14"}],
        [{"cui": 12345674, "data": "14.03.2025"}],
        {"cui": 12345674, "data": "2025-03-14"},
        [],
    ],
)
def test_emulator_refuses_bad_requests_with_400(emulator, payload):
    assert _post(emulator, payload).status_code == 400


def test_emulator_refuses_a_body_that_is_not_json(emulator):
    response = requests.post(emulator.url + emulated.PATH, data=b"[{cui:", timeout=5)
    assert response.status_code == 400


def test_http_400_becomes_a_request_error(client, emulator):
    emulator.registry.max_cuis = 1
    with pytest.raises(RegistryRequestError) as caught:
        client.lookup([12345674, 34567892], on=DAY)
    assert caught.value.status_code == 400
    assert emulator.registry.calls[-1].status == 400


# --- ANAF down -------------------------------------------------------------------------------


def test_firewall_page_means_unavailable(client, emulator):
    emulator.inject("firewall", path=emulated.PATH)
    with pytest.raises(AnafUnavailableError, match="firewall"):
        client.company(12345674, on=DAY)
    assert client.company(12345674, on=DAY).cui == 12345674  # only the next call failed


def test_server_error_means_unavailable(client, emulator):
    emulator.inject("http5xx", path=emulated.PATH)
    with pytest.raises(AnafUnavailableError) as caught:
        client.company(12345674, on=DAY)
    assert caught.value.status_code == 500


def test_retry_policy_rides_out_a_firewall_page(session, config, emulator, sleeper):
    policy = RetryPolicy(attempts=2, jitter=0.0, sleep=sleeper)
    patient = RegistryClient(
        session, config=config, throttle=_throttle(emulator, sleeper), retry_policy=policy
    )
    emulator.inject("firewall", path=emulated.PATH)
    assert patient.company(12345674, on=DAY).cui == 12345674
    assert sleeper.calls == [1.0]  # one backoff; the throttle had nothing left to wait
    assert [call.status for call in emulator.registry.calls] == [200]  # the fault never logs


def test_dropped_connection_means_unavailable(client, emulator):
    emulator.inject("drop", path=emulated.PATH)
    with pytest.raises(AnafUnavailableError):
        client.company(12345674, on=DAY)


def test_slow_answer_hits_the_timeout(session, config, emulator):
    emulator.set_latency(1.0)
    impatient = RegistryClient(session, config=config, timeout=0.2, throttle=Throttle(0))
    with pytest.raises(AnafUnavailableError) as caught:
        impatient.company(12345674, on=DAY)
    assert isinstance(caught.value.__cause__, requests.Timeout)


def test_malformed_json_is_reported(client, emulator):
    emulator.inject("malformed_json", path=emulated.PATH)
    with pytest.raises(MalformedAnswerError):
        client.company(12345674, on=DAY)


def test_answer_that_never_comes_hits_the_timeout(session, config, emulator):
    emulator.inject("timeout", path=emulated.PATH, seconds=1.0)
    impatient = RegistryClient(session, config=config, timeout=0.2, throttle=Throttle(0))
    with pytest.raises(AnafUnavailableError) as caught:
        impatient.company(12345674, on=DAY)
    assert isinstance(caught.value.__cause__, requests.Timeout)


def test_wrong_address_is_not_read_as_nothing_found(session, emulator):
    lost = RegistryClient(session, config=AnafConfig.emulator(emulator.url + "/nowhere"))
    with pytest.raises(MalformedAnswerError):
        lost.company(12345674, on=DAY)


# --- lenient parsing of shapes the emulator does not send ------------------------------------


def _record(**groups) -> dict:
    general = {"cui": "12345674", "data": "2025-03-14", "denumire": "  ", "codPostal": "10011"}
    return {"date_generale": general, **groups}


def test_vat_periods_as_one_object_and_string_booleans():
    vat = {
        "scpTVA": "true",
        "perioade_TVA": {"data_inceput_ScpTVA": "01.06.2019", "data_sfarsit_ScpTVA": ""},
    }
    company = parse_answer({"found": [_record(inregistrare_scop_Tva=vat)]}, query_date=DAY).found[0]
    assert (company.cui, company.vat_payer, company.vat_since) == (12345674, True, date(2019, 6, 1))
    assert (company.name, company.fax, company.address.county_code) == (None, None, None)
    assert company.address.postal_code == "010011"  # from date_generale.codPostal


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"cod": 500, "message": "EROARE", "found": []}, AnafUnavailableError),
        ({"cod": 400, "message": "EROARE", "found": []}, RegistryRequestError),
        ({"cod": 301, "found": []}, AnafError),
        ([], MalformedAnswerError),
        ({"found": [{"adresa_sediu_social": {}}]}, MalformedAnswerError),
        ({"found": [_record(stare_inactiv={"dataInactivare": "mâine"})]}, MalformedAnswerError),
        ({"found": [], "notFound": ["abc"]}, MalformedAnswerError),
        ({"notFound": [12345674]}, MalformedAnswerError),
        (
            {
                "found": [
                    {"date_generale": {"cui": "12345674", "data": "2025-03-14"}, "stare_inactiv": 1}
                ]
            },
            MalformedAnswerError,
        ),
    ],
)
def test_unreadable_answers_raise(body, error):
    with pytest.raises(error):
        parse_answer(body, query_date=DAY)
