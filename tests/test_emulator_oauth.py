"""The emulator's OAuth endpoints and Bearer checks, on the wire (anaf.md sections 2, 13, 15)."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from ro_efactura.emulator import DEFAULT_CLIENT, DEFAULT_SERIAL

REDIRECT = DEFAULT_CLIENT.redirect_uris[0]
BASIC = (DEFAULT_CLIENT.client_id, DEFAULT_CLIENT.client_secret)


def authorize(emulator, **params):
    query = {
        "response_type": "code",
        "client_id": DEFAULT_CLIENT.client_id,
        "redirect_uri": REDIRECT,
        "token_content_type": "jwt",
        **params,
    }
    query = {k: v for k, v in query.items() if v is not None}
    return requests.get(
        emulator.url + "/anaf-oauth2/v1/authorize",
        params=query,
        allow_redirects=False,
        timeout=5,
    )


def callback(response) -> dict[str, str]:
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def token(emulator, form, auth=BASIC):
    return requests.post(emulator.url + "/anaf-oauth2/v1/token", data=form, auth=auth, timeout=5)


def code_grant(code):
    return {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT,
        "token_content_type": "jwt",
    }


def claims(jwt: str) -> dict:
    part = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def hello(emulator, access_token):
    return requests.get(
        emulator.url + "/TestOauth/jaxrs/hello",
        params={"name": "x"},
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=5,
    )


def test_authorize_redirects_with_code_and_echoed_state(emulator):
    params = callback(authorize(emulator, state="s-123"))
    assert params["state"] == "s-123"
    assert len(params["code"]) >= 20


def test_authorize_deny_switch_redirects_with_access_denied_and_no_code(emulator):
    emulator.deny_authorization = True
    params = callback(authorize(emulator, state="s"))
    assert params == {"error": "access_denied", "state": "s"}


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"token_content_type": None}, "invalid_request"),
    ],
)
def test_authorize_refuses_bad_parameters_by_redirect(emulator, override, error):
    assert callback(authorize(emulator, **override))["error"] == error


def test_authorize_never_redirects_to_an_unregistered_uri(emulator):
    answer = authorize(emulator, redirect_uri="https://evil.example/cb")
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_request"


@pytest.mark.parametrize("by", ["basic", "form"])
def test_code_exchange_accepts_basic_and_form_client_auth(emulator, by):
    code = callback(authorize(emulator))["code"]
    form = code_grant(code)
    if by == "form":
        form.update(client_id=BASIC[0], client_secret=BASIC[1])
    answer = token(emulator, form, auth=BASIC if by == "basic" else None)
    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 90 * 86400
    access, refresh = claims(body["access_token"]), claims(body["refresh_token"])
    now = int(emulator.clock.now().timestamp())
    assert access["exp"] - now == 90 * 86400
    assert refresh["exp"] - now == 365 * 86400
    assert access["iat"] == now and access["iss"] == "https://logincert.anaf.ro"
    assert access["serial"] == DEFAULT_SERIAL


def test_code_is_single_use(emulator):
    code = callback(authorize(emulator))["code"]
    assert token(emulator, code_grant(code)).status_code == 200
    again = token(emulator, code_grant(code))
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


def test_code_expires_after_60_seconds(emulator):
    code = callback(authorize(emulator))["code"]
    emulator.clock.advance(61)
    assert token(emulator, code_grant(code)).json() == {"error": "invalid_grant"}


def test_code_needs_the_same_redirect_uri(emulator):
    code = callback(authorize(emulator))["code"]
    form = {**code_grant(code), "redirect_uri": "https://localhost:8443/other"}
    assert token(emulator, form).json()["error"] == "invalid_grant"


def test_wrong_client_secret_is_invalid_client(emulator):
    code = callback(authorize(emulator))["code"]
    answer = token(emulator, code_grant(code), auth=(BASIC[0], "wrong"))
    assert (answer.status_code, answer.json()) == (400, {"error": "invalid_client"})


def test_grant_type_errors(emulator):
    assert token(emulator, {}).json()["error"] == "invalid_request"
    assert token(emulator, {"grant_type": "password"}).json()["error"] == "unsupported_grant_type"


def test_refresh_rotates_the_pair_and_kills_the_old_refresh_token(emulator):
    first = emulator.issue_tokens()
    emulator.clock.advance(10)
    answer = token(
        emulator, {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    )
    second = answer.json()
    assert answer.status_code == 200
    assert second["access_token"] != first["access_token"]
    assert second["refresh_token"] != first["refresh_token"]
    replay = token(
        emulator, {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    )
    assert replay.json()["error"] == "invalid_grant"
    assert hello(emulator, second["access_token"]).status_code == 200


def test_expired_refresh_token_is_invalid_grant(emulator):
    pair = emulator.issue_tokens()
    emulator.clock.advance(days=366)
    form = {"grant_type": "refresh_token", "refresh_token": pair["refresh_token"]}
    assert token(emulator, form).json()["error"] == "invalid_grant"


def test_shortened_lifetimes_are_honoured(emulator):
    emulator.access_ttl = timedelta(minutes=5)
    pair = emulator.issue_tokens()
    assert hello(emulator, pair["access_token"]).status_code == 200
    emulator.clock.advance(minutes=5)
    assert hello(emulator, pair["access_token"]).status_code == 401


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer garbage", "Basic abc"])
def test_api_refuses_missing_or_garbled_tokens_with_401(emulator, header):
    headers = {"Authorization": header} if header else {}
    answer = requests.get(
        emulator.url + "/test/FCTEL/rest/stareMesaj",
        params={"id_incarcare": "1"},
        headers=headers,
        timeout=5,
    )
    assert answer.status_code == 401


def test_forged_token_signature_is_refused(emulator):
    head, body, _ = emulator.issue_tokens()["access_token"].split(".")
    assert hello(emulator, f"{head}.{body}.AAAA").status_code == 401


def test_revoked_token_is_refused(emulator):
    pair = emulator.issue_tokens()
    requests.post(
        emulator.url + "/anaf-oauth2/v1/revoke",
        data={"access_token": pair["access_token"]},
        timeout=5,
    ).raise_for_status()
    assert hello(emulator, pair["access_token"]).status_code == 401


def test_token_without_efactura_right_gets_403(emulator):
    emulator.add_user("AA01", ["12345674"], efactura=False)
    pair = emulator.issue_tokens(serial="AA01")
    assert hello(emulator, pair["access_token"]).status_code == 403


def test_calls_past_the_per_minute_ceiling_get_429_in_a_rolling_window(emulator):
    assert emulator.limits.per_minute == 1000  # limiteApeluriAPI.txt
    emulator.limits.per_minute = 5  # the same counting, cheaper to reach
    access = emulator.issue_tokens()["access_token"]
    statuses = [hello(emulator, access).status_code for _ in range(4)]
    emulator.clock.advance(30)
    statuses += [hello(emulator, access).status_code for _ in range(2)]
    assert statuses == [200] * 5 + [429]
    emulator.clock.advance(30)  # the first four calls leave the window
    assert hello(emulator, access).status_code == 200
    assert emulator.counters()["refusals"] == {"minute": 1}


def test_hello_echoes_name_and_headers(emulator):
    answer = hello(emulator, emulator.issue_tokens()["access_token"])
    lines = answer.text.splitlines()
    assert lines[0] == "Hello, x"
    assert any(line.startswith("authorization: Bearer ") for line in lines)
