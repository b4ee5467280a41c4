"""The VIES checkVat client against the emulator's SOAP endpoint, over HTTP."""

from __future__ import annotations

from datetime import date, datetime, timezone
from importlib.resources import files

import pytest
import requests

from ro_efactura.emulator import vies as emulated
from ro_efactura.vies import (
    DEFAULT_ENDPOINT,
    ViesClient,
    ViesError,
    ViesInvalidInputError,
    ViesUnavailableError,
    check_vat,
)


@pytest.fixture
def endpoint(emulator) -> str:
    return emulator.url + emulated.PATH


@pytest.fixture
def client(endpoint) -> ViesClient:
    return ViesClient(endpoint=endpoint, timeout=5)


def test_valid_number_with_name_and_address(client):
    result = client.check_vat("RO", "12345674")
    assert (result.country_code, result.vat_number, result.valid) == ("RO", "12345674", True)
    assert result.name == "EXEMPLU SOFTWARE SRL"
    assert result.address == "JUD. CLUJ, MUN. CLUJ-NAPOCA, STR. EXEMPLULUI, NR.7"


def test_request_date_is_the_day_in_brussels(client, emulator):
    emulator.clock.set(datetime(2025, 3, 14, 23, 30, tzinfo=timezone.utc))  # 00:30 in Brussels
    assert client.check_vat("RO", "12345674").request_date == date(2025, 3, 15)


def test_unknown_number_is_invalid_without_name(client):
    result = client.check_vat("RO", "99999993")
    assert (result.valid, result.name, result.address) == (False, None, None)


def test_member_state_that_withholds_name_and_address(client):
    result = client.check_vat("DE", "812345673")
    assert (result.valid, result.name, result.address) == (True, None, None)


def test_cedilla_in_names_become_comma_below(client):
    assert client.check_vat("RO", "34567892").name == "ALFA CONSTRUCȚII ȘI INSTALAȚII SRL"


def test_prefix_spaces_and_greek_code_are_normalised_before_sending(client, emulator):
    emulator.vies.add("EL", "094259216", name="ΕΤΑΙΡΕΙΑ", address="ΑΘΗΝΑ")
    assert client.check_vat("RO", "ro 1234 5674").valid
    assert client.check_vat("GR", "EL094259216").name == "ΕΤΑΙΡΕΙΑ"
    sent = [(call.country_code, call.vat_number) for call in emulator.vies.calls]
    assert sent == [("RO", "12345674"), ("EL", "094259216")]


@pytest.mark.parametrize(("country", "number"), [("R0", "12345674"), ("RO", "1"), ("RO", "1/2")])
def test_impossible_input_is_refused_without_a_call(client, emulator, country, number):
    with pytest.raises(ViesInvalidInputError) as caught:
        client.check_vat(country, number)
    assert "codul de țară" in caught.value.message_ro
    assert emulator.vies.calls == []


def test_invalid_input_fault(client, emulator):
    emulator.vies.fail_next("INVALID_INPUT")
    with pytest.raises(ViesInvalidInputError) as caught:
        client.check_vat("RO", "12345674")
    assert caught.value.fault == "INVALID_INPUT"


@pytest.mark.parametrize(
    "fault",
    [
        "SERVICE_UNAVAILABLE",
        "MS_UNAVAILABLE",
        "TIMEOUT",
        "MS_MAX_CONCURRENT_REQ",
        "GLOBAL_MAX_CONCURRENT_REQ",
    ],
)
def test_availability_faults_are_retryable(client, emulator, fault):
    emulator.vies.fail_next(fault)
    with pytest.raises(ViesUnavailableError) as caught:
        client.check_vat("RO", "12345674")
    assert caught.value.fault == fault
    assert "încercați din nou" in caught.value.message_ro
    assert client.check_vat("RO", "12345674").valid  # only the next call failed


def test_other_faults_are_not_retryable(client, emulator):
    emulator.vies.fail_next("IP_BLOCKED")
    with pytest.raises(ViesError) as caught:
        client.check_vat("RO", "12345674")
    assert not isinstance(caught.value, (ViesUnavailableError, ViesInvalidInputError))
    assert caught.value.fault == "IP_BLOCKED"


def test_member_state_down(client, emulator):
    emulator.vies.unavailable_countries.add("RO")
    with pytest.raises(ViesUnavailableError) as caught:
        client.check_vat("RO", "12345674")
    assert caught.value.fault == "MS_UNAVAILABLE"
    assert client.check_vat("DE", "812345673").valid


def test_slow_answer_hits_the_timeout(endpoint, emulator):
    emulator.set_latency(1.0)
    with pytest.raises(ViesUnavailableError):
        check_vat("RO", "12345674", endpoint=endpoint, timeout=0.2)


def test_server_error_without_soap_is_unavailable(client, emulator):
    emulator.inject("http5xx", path=emulated.PATH, status=503)
    with pytest.raises(ViesUnavailableError, match="503"):
        client.check_vat("RO", "12345674")


def test_answer_that_is_not_soap_is_an_error(client, emulator):
    emulator.inject("malformed_json", path=emulated.PATH)
    with pytest.raises(ViesError, match="not the documented SOAP") as caught:
        client.check_vat("RO", "12345674")
    assert not isinstance(caught.value, ViesUnavailableError)


def test_wrong_endpoint_is_an_error_not_an_outage(emulator):
    client = ViesClient(endpoint=emulator.url + "/nowhere", timeout=5)
    with pytest.raises(ViesError, match="404") as caught:
        client.check_vat("RO", "12345674")
    assert not isinstance(caught.value, ViesUnavailableError)


def test_emulator_answers_a_broken_envelope_with_a_fault(endpoint):
    response = requests.post(endpoint, data=b"<not-soap/>", timeout=5)
    assert response.status_code == 500
    assert b"<faultstring>INVALID_INPUT</faultstring>" in response.content


def test_served_wsdl_points_at_the_emulator_and_builds_a_client(endpoint):
    text = requests.get(endpoint + "?wsdl", timeout=5).text
    assert f'location="{endpoint}"' in text
    client = ViesClient(endpoint=endpoint, wsdl=endpoint + "?wsdl", timeout=5)
    assert client.check_vat("RO", "12345674").valid


def test_bundled_wsdl_targets_production_and_needs_no_network():
    wsdl = (files("ro_efactura") / "data/vies/checkVatService.wsdl").read_bytes()
    assert f'location="{DEFAULT_ENDPOINT}"'.encode() in wsdl
    ViesClient()  # the sandbox has no network: building must not fetch anything


def test_unknown_fault_knob_is_refused(emulator):
    with pytest.raises(ValueError, match="MS_UNAVAILABLE"):
        emulator.vies.fail_next("TEA_TIME")
