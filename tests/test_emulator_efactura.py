"""The emulator's upload, uploadb2c and stareMesaj on the wire (anaf.md sections 4-5).

Expected texts are copied from anaf.md (ANAF's typos included), not from
the emulator's code.
"""

from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.conftest import Api
from tests.factories import BUYER_CUI, SELLER_CUI

UPLOAD_NS = "mfp:anaf:dgti:spv:respUploadFisier:v1"
STARE_NS = "mfp:anaf:dgti:efactura:stareMesajFactura:v1"
RASP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<header xmlns="mfp:anaf:dgti:spv:reqMesaj:v1" index_incarcare="{index}" '
    'message="Cantitatea livrata difera de cea facturata"/>'
)


def upload_errors(response) -> list[str]:
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    assert root.tag == f"{{{UPLOAD_NS}}}header"
    assert root.get("ExecutionStatus") == "1"
    assert root.get("index_incarcare") is None
    return [e.get("errorMessage") for e in root.findall(f"{{{UPLOAD_NS}}}Errors")]


# --- upload ---------------------------------------------------------------------------------


def test_upload_answers_an_index_and_starts_in_prelucrare(api, invoice_xml):
    answer = api.upload(invoice_xml())
    root = etree.fromstring(answer.content)
    assert answer.content.startswith(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')
    assert root.tag == f"{{{UPLOAD_NS}}}header"
    assert root.get("ExecutionStatus") == "0"
    assert root.get("index_incarcare") == "5000000001"
    assert root.get("dateResponse") == "202603161000"  # Bucharest time of the frozen clock
    assert api.stare("5000000001").attrib == {"stare": "in prelucrare"}


@pytest.mark.parametrize(
    ("params", "body", "message"),
    [
        ({"standard": None}, b"<x/>", "Parametrii standard si cif sunt obligatorii"),
        ({"cif": None}, b"<x/>", "Parametrii standard si cif sunt obligatorii"),
        ({}, b"", "Trebuie sa aveti atasat in request un fisier de tip xml"),
    ],
)
def test_upload_missing_parts_are_http_400_json(api, params, body, message):
    query = {k: v for k, v in {"standard": "UBL", "cif": SELLER_CUI, **params}.items() if v}
    answer = api.post("upload", body, **query)
    assert answer.status_code == 400
    payload = answer.json()
    assert payload["message"] == message
    assert (payload["status"], payload["error"]) == (400, "Bad Request")
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d:\d\d", payload["timestamp"])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"standard": "PDF"},
            "Valorile acceptate pentru parametrul standard sunt UBL, CN, CII sau RASP",
        ),
        (
            {"extern": "NU"},
            "Daca parametrul extern trebuie completat, valoarea acceptata este DA",
        ),
        (
            {"autofactura": "1"},
            "Daca parametrul autofacturare trebuie completat, valoarea acceptata este DA",
        ),
        (
            {"executare": "da"},
            "Daca parametrul executare trebuie completat, valoarea acceptata este DA",
        ),
        ({"cif": "123a"}, "CIF introdus= 123a nu este un numar"),
        ({"cif": BUYER_CUI}, f"Nu aveti drept in SPV pentru CIF={BUYER_CUI}"),
        (
            {"executare": "DA"},
            f"CIF introdus= {SELLER_CUI} nu este inregistrat in Registrul RO e-Factura "
            "executari silite",
        ),
    ],
)
def test_upload_refusals_carry_anaf_texts(api, invoice_xml, params, message):
    assert upload_errors(api.upload(invoice_xml(), **params)) == [message]


def test_upload_check_order_standard_before_cif(api):
    errors = upload_errors(api.upload(b"<x/>", standard="XX", cif="abc"))
    assert errors == ["Valorile acceptate pentru parametrul standard sunt UBL, CN, CII sau RASP"]


def test_user_without_any_cif_gets_the_no_cif_text(emulator, invoice_xml):
    emulator.add_user("EMPTY", [])
    api = Api(emulator, serial="EMPTY")
    errors = upload_errors(api.upload(invoice_xml()))
    assert errors == ["Nu exista niciun CIF pentru care sa aveti drept in SPV"]


def test_upload_over_10_mb_is_refused(api):
    body = b"<Invoice>" + b" " * (10 * 1024 * 1024) + b"</Invoice>"
    assert upload_errors(api.upload(body)) == ["Marime fisier transmis mai mare de 10 MB."]


def test_upload_root_must_match_the_standard(api, invoice_xml):
    errors = upload_errors(api.upload(invoice_xml(), standard="CN"))
    assert errors[0].startswith("Fisierul transmis nu este valid. org.xml.sax.SAXParseException;")
    assert "cvc-elt.1.a: Cannot find the declaration of element 'Invoice'. " in errors[0]


def test_upload_malformed_xml_is_refused_without_index(api, emulator):
    errors = upload_errors(api.upload(b"<Invoice><cbc:ID>"))
    assert errors[0].startswith("Fisierul transmis nu este valid. ")
    assert emulator.jobs == []


def test_executare_accepted_for_a_registered_cif(api, emulator, invoice_xml):
    emulator.add_executare_cif(SELLER_CUI)
    assert api.upload_index(invoice_xml(), executare="DA") == "5000000001"


def test_rasp_daily_limit_per_cui(api, emulator):
    emulator.limits.daily["rasp"] = 2
    body = RASP.format(index="5000000099").encode()
    assert api.upload_index(body, standard="RASP")
    assert api.upload_index(body, standard="RASP")
    errors = upload_errors(api.upload(body, standard="RASP"))
    assert errors == [
        f"S-au incarcat deja 2 de mesaje de tip RASP pentru cui={SELLER_CUI} in cursul zilei"
    ]
    emulator.clock.advance(days=1)
    assert api.upload_index(body, standard="RASP")


# --- processing and stareMesaj --------------------------------------------------------------


def test_valid_invoice_ends_ok_with_download_id(api, invoice_xml):
    index = api.upload_index(invoice_xml())
    root = api.finish(index)
    assert root.get("stare") == "ok"
    assert root.get("id_descarcare") == "3000000001"


def test_processing_also_ends_with_time(emulator, api, invoice_xml):
    index = api.upload_index(invoice_xml())
    emulator.clock.advance(60)
    assert api.stare(index).get("stare") == "ok"


def test_invalid_invoice_ends_nok_with_our_rule_findings(api, emulator):
    body = b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>'
    index = api.upload_index(body)
    root = api.finish(index)
    assert root.get("stare") == "nok"
    job = emulator.job(index)
    assert any("[BR-01]" in text for text in job.errors)


@pytest.mark.parametrize(
    ("outcome", "stare", "has_id"),
    [
        ("ok", "ok", True),
        ("nok", "nok", True),
        ("stuck", "in prelucrare", False),
        ("XML cu erori nepreluat de sistem", "XML cu erori nepreluat de sistem", False),
    ],
)
def test_forced_outcomes(api, emulator, invoice_xml, outcome, stare, has_id):
    emulator.force_next_upload(outcome)
    index = api.upload_index(invoice_xml())
    emulator.clock.advance(hours=1)
    root = api.stare(index)
    assert root.get("stare") == stare
    assert (root.get("id_descarcare") is not None) is has_id


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("aaa", "Id_incarcare introdus= aaa nu este un numar intreg"),
        ("15000", "Nu exista factura cu id_incarcare= 15000"),
    ],
)
def test_stare_query_errors(api, value, message):
    root = api.stare(value)
    assert root.tag == f"{{{STARE_NS}}}header"
    assert root.get("stare") is None
    assert [e.get("errorMessage") for e in root] == [message]


def test_stare_of_another_users_upload(api, emulator, invoice_xml):
    index = api.upload_index(invoice_xml())
    emulator.add_user("OTHER", [BUYER_CUI])
    root = Api(emulator, serial="OTHER").stare(index)
    assert root[0].get("errorMessage") == (
        f"Nu aveti dreptul de inteorgare pentru id_incarcare= {index}"
    )


def test_stare_without_any_rights(emulator):
    emulator.add_user("EMPTY", [])
    root = Api(emulator, serial="EMPTY").stare("5000000001")
    assert root[0].get("errorMessage") == "Nu exista niciun CIF petru care sa aveti drept"


def test_stare_missing_parameter_is_400(api):
    answer = api.get("stareMesaj")
    assert answer.status_code == 400
    assert answer.json()["message"] == "Parametrul id_incarcare este obligatoriu"


def test_stare_daily_limit_per_message(api, emulator, invoice_xml):
    emulator.force_next_upload("stuck")
    index = api.upload_index(invoice_xml())
    for _ in range(100):
        assert api.stare(index).get("stare") == "in prelucrare"
    refused = api.stare(index)
    assert refused[0].get("errorMessage") == (
        "S-au facut deja 100 descarcari de mesaj in cursul zilei"
    )
    assert emulator.limits.count("stare", index) == 101
