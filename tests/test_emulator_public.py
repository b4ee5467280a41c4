"""The emulator's validare, transformare, signature check and fault answers on the wire."""

from __future__ import annotations

import re
import uuid

import pytest
import requests

from ro_efactura.emulator._signature import sign

EMPTY = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'


def post(emulator, path, body=b"", **kwargs):
    headers = {"Content-Type": "text/plain"}
    return requests.post(emulator.url + path, data=body, headers=headers, timeout=5, **kwargs)


def test_validare_ok_has_a_fresh_uuid_trace_id(emulator, invoice_xml):
    first = post(emulator, "/prod/FCTEL/rest/validare/FACT1", invoice_xml()).json()
    second = post(emulator, "/prod/FCTEL/rest/validare/FACT1", invoice_xml()).json()
    assert first["stare"] == "ok" and set(first) == {"stare", "trace_id"}
    assert uuid.UUID(first["trace_id"]) != uuid.UUID(second["trace_id"])


def test_validare_nok_lists_messages_in_anaf_style(emulator):
    answer = post(emulator, "/prod/FCTEL/rest/validare/FACT1", EMPTY).json()
    assert answer["stare"] == "nok"
    messages = [m["message"] for m in answer["Messages"]]
    assert any(m.startswith("E: validari globale  SCHEMATRON   eroare: [BR-01]-") for m in messages)


@pytest.mark.parametrize("service", ["validare", "transformare"])
def test_wrong_standard_and_size(emulator, service):
    wrong = post(emulator, f"/prod/FCTEL/rest/{service}/UBL", EMPTY).json()
    assert wrong["Messages"] == [
        {"message": "Valorile acceptate pentru parametrul standard sunt FACT1 si FCN"}
    ]
    big = post(emulator, f"/prod/FCTEL/rest/{service}/FACT1", b" " * (5 * 1024 * 1024 + 1))
    assert big.json()["Messages"] == [{"message": "Marime fisier transmis mai mare de 5 MB."}]


@pytest.mark.parametrize("service", ["validare", "transformare"])
def test_missing_standard_is_404_json(emulator, service):
    answer = post(emulator, f"/prod/FCTEL/rest/{service}/", EMPTY)
    assert answer.status_code == 404
    body = answer.json()
    assert (body["status"], body["error"], body["path"]) == (
        404,
        "Not Found",
        f"/FCTEL/rest/{service}/",
    )
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00", body["timestamp"])


@pytest.mark.parametrize(
    "path", ["/test/FCTEL/rest/validare/FACT1", "/test/FCTEL/rest/transformare/FACT1"]
)
def test_validare_and_transformare_do_not_exist_in_test(emulator, path):
    assert post(emulator, path, EMPTY).status_code == 404


def test_transformare_renders_a_pdf_with_the_number(emulator, invoice_xml):
    answer = post(emulator, "/prod/FCTEL/rest/transformare/FACT1", invoice_xml(number="PDF-42"))
    assert answer.headers["Content-Type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF-1.4")
    assert answer.content.rstrip().endswith(b"%%EOF")
    assert b"(Factura PDF-42) Tj" in answer.content


def test_transformare_validates_unless_da(emulator):
    refused = post(emulator, "/prod/FCTEL/rest/transformare/FACT1", EMPTY)
    assert refused.json()["stare"] == "nok"
    rendered = post(emulator, "/prod/FCTEL/rest/transformare/FACT1/DA", EMPTY)
    assert rendered.content.startswith(b"%PDF")


def signature_check(emulator, content, signature):
    files = {}
    if content is not None:
        files["file"] = ("f.xml", content)
    if signature is not None:
        files["signature"] = ("s.xml", signature)
    return requests.post(emulator.url + "/api/validate/signature", files=files, timeout=5)


def test_signature_check_verdicts(emulator):
    content = b"<Invoice>1</Invoice>"
    valid = signature_check(emulator, content, sign(content)).json()["msg"]
    invalid = signature_check(emulator, b"<Invoice>2</Invoice>", sign(content)).json()["msg"]
    assert valid.startswith("Fișierele încărcate au fost validate cu succes")
    assert invalid.startswith("Fișierele încărcate NU au putut fi validate cu succes")


def test_signature_with_forged_value_is_invalid(emulator):
    content = b"<Invoice>1</Invoice>"
    forged = re.sub(rb"<SignatureValue>[^<]{8}", b"<SignatureValue>AAAAAAAA", sign(content))
    msg = signature_check(emulator, content, forged).json()["msg"]
    assert "NU au putut fi validate" in msg


def test_signature_check_needs_both_parts(emulator):
    answer = signature_check(emulator, b"<Invoice/>", None)
    assert answer.status_code == 400
    assert answer.json()["msg"].startswith("Eroare tehnică: request incorect. Cauza: ")


# --- faults on the wire ---------------------------------------------------------------------


def test_firewall_fault_is_the_f5_page(emulator):
    emulator.inject("firewall", path="transformare")
    answer = post(emulator, "/prod/FCTEL/rest/transformare/FACT1", EMPTY)
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    assert "The requested URL was rejected. Please consult with your administrator." in answer.text
    assert re.search(r"Your support ID is: \d+", answer.text)


def test_technical_fault_in_upload_xml(emulator):
    emulator.inject("technical", path="/upload")
    token = emulator.issue_tokens()["access_token"]
    answer = requests.post(
        emulator.url + "/test/FCTEL/rest/upload",
        params={"standard": "UBL", "cif": "12345674"},
        data=b"<x/>",
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )
    assert re.search(r'errorMessage="A aparut o eroare tehnica\. Cod: \d+"', answer.text)
    assert 'ExecutionStatus="1"' in answer.text


def test_http5xx_fault_status_and_count(emulator):
    emulator.inject("http5xx", path="validare", status=502, count=2)
    codes = [post(emulator, "/prod/FCTEL/rest/validare/FACT1", EMPTY).status_code for _ in range(3)]
    assert codes == [502, 502, 200]


def test_unknown_fault_kind_is_refused(emulator):
    with pytest.raises(ValueError, match="unknown fault"):
        emulator.inject("meteor")
