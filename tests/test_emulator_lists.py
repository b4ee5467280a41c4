"""The emulator's message lists and descarcare on the wire (anaf.md sections 6-9).

Expected texts are copied from anaf.md (ANAF's typos included), not from
the emulator's code.
"""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from datetime import timedelta

import pytest
from lxml import etree

from tests.conftest import Api
from tests.factories import BUYER_CUI, SELLER_CUI
from tests.test_emulator_efactura import RASP

# --- lists ----------------------------------------------------------------------------------


def test_list_entries_for_seller_and_buyer(api, emulator, invoice_xml):
    index = api.upload_index(invoice_xml())
    api.finish(index)
    listing = api.get("listaMesajeFactura", zile="1", cif=SELLER_CUI).json()
    assert listing["titlu"] == "Lista Mesaje disponibile din ultimele 1 zile"
    assert listing["cui"] == SELLER_CUI
    [entry] = listing["mesaje"]
    assert entry == {
        "data_creare": "202603161000",
        "cif": SELLER_CUI,
        "id_solicitare": index,
        "detalii": f"Factura cu id_incarcare={index} emisa de cif_emitent={SELLER_CUI} "
        f"pentru cif_beneficiar={BUYER_CUI}",
        "tip": "FACTURA TRIMISA",
        "id": "3000000001",
    }
    emulator.grant(emulator.default_serial, BUYER_CUI)
    received = api.get("listaMesajeFactura", zile="1", cif=BUYER_CUI, filtru="P").json()
    assert [m["tip"] for m in received["mesaje"]] == ["FACTURA PRIMITA"]


def test_b2c_upload_creates_no_buyer_entry(api, emulator, invoice_xml):
    index = etree.fromstring(
        api.post("uploadb2c", invoice_xml(), standard="UBL", cif=SELLER_CUI).content
    ).get("index_incarcare")
    api.finish(index)
    emulator.grant(emulator.default_serial, BUYER_CUI)
    answer = api.get("listaMesajeFactura", zile="1", cif=BUYER_CUI).json()
    assert answer == {"eroare": "Nu exista mesaje in ultimele 1 zile", "titlu": "Lista Mesaje"}


def test_nok_creates_erori_factura(api, emulator, invoice_xml):
    emulator.force_next_upload("nok")
    index = api.upload_index(invoice_xml())
    api.finish(index)
    [entry] = api.get("listaMesajeFactura", zile="5", cif=SELLER_CUI, filtru="E").json()["mesaje"]
    assert entry["tip"] == "ERORI FACTURA"
    assert entry["detalii"] == (
        f"Erori de validare identificate la factura primita cu id_incarcare={index}"
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"cif": "aaa"}, "CIF introdus= aaa nu este un numar"),
        ({"zile": "x"}, "Numarul de zile introdus= x nu este un numar intreg"),
        ({"zile": "61"}, "Numarul de zile trebuie sa fie intre 1 si 60"),
        ({"filtru": "X"}, "Valorile acceptate pentru parametrul filtru sunt E, T, P sau R"),
        ({"cif": BUYER_CUI}, f"Nu aveti drept in SPV pentru CIF={BUYER_CUI}"),
        ({}, "Nu exista mesaje in ultimele 15 zile"),
    ],
)
def test_simple_list_in_band_errors(api, params, message):
    answer = api.get("listaMesajeFactura", **{"zile": "15", "cif": SELLER_CUI, **params})
    assert answer.status_code == 200
    assert answer.json() == {"eroare": message, "titlu": "Lista Mesaje"}


def test_simple_list_missing_parameter_is_400(api):
    answer = api.get("listaMesajeFactura", cif=SELLER_CUI)
    assert (answer.status_code, answer.json()["message"]) == (
        400,
        "Parametrii zile si cif sunt obligatorii",
    )


def seed_messages(emulator, count, cif=SELLER_CUI):
    for n in range(count):
        emulator.deliver_invoice(b"<Invoice/>", cif=cif)
        if n % 100 == 99:
            emulator.clock.advance(1)


def test_simple_list_refuses_more_than_500(api, emulator):
    seed_messages(emulator, 501)
    answer = api.get("listaMesajeFactura", zile="1", cif=SELLER_CUI).json()
    assert answer["eroare"] == (
        "Lista de mesaje este mai mare decat numarul de 500 elemente permise in pagina. "
        "Folositi endpoint-ul cu paginatie."
    )


def ms(moment) -> str:
    return str(int(moment.timestamp() * 1000))


def test_paged_list_pages_and_keys(api, emulator):
    start = emulator.clock.now() - timedelta(minutes=1)
    seed_messages(emulator, 501)
    end = emulator.clock.now()
    common = {"startTime": ms(start), "endTime": ms(end), "cif": SELLER_CUI}
    first = api.get("listaMesajePaginatieFactura", pagina="1", **common).json()
    second = api.get("listaMesajePaginatieFactura", pagina="2", **common).json()
    assert {k: v for k, v in second.items() if k != "mesaje"} == {
        "numar_inregistrari_in_pagina": 1,
        "numar_total_inregistrari_per_pagina": 500,
        "numar_total_inregistrari": 501,
        "numar_total_pagini": 2,
        "index_pagina_curenta": 2,
        "serial": emulator.default_serial,
        "cui": SELLER_CUI,
        "titlu": "Lista Mesaje disponibile din intervalul 16-03-2026 09:59:00 - "
        "16-03-2026 10:00:05",
    }
    ids = [m["id"] for m in first["mesaje"] + second["mesaje"]]
    assert len(first["mesaje"]) == 500 and len(set(ids)) == 501
    beyond = api.get("listaMesajePaginatieFactura", pagina="3", **common).json()
    assert beyond["eroare"] == "Pagina solicitata 3 este mai mare decat numarul toatal de pagini 2"


def test_paged_list_interval_checks_against_the_emulator_clock(api, emulator):
    now = emulator.clock.now()

    def eroare(start, end):
        answer = api.get(
            "listaMesajePaginatieFactura",
            startTime=ms(start),
            endTime=ms(end),
            cif=SELLER_CUI,
            pagina="1",
        )
        return answer.json()["eroare"]

    old = now - timedelta(days=60, seconds=1)
    assert eroare(old, now) == (
        "startTime = 15-01-2026 09:59:59 nu poate fi mai vechi de 60 de zile fata de "
        "momentul requestului"
    )
    assert eroare(now - timedelta(hours=1), now - timedelta(hours=2)) == (
        "endTime = 16-03-2026 08:00:00 nu poate fi <= startTime = 16-03-2026 09:00:00"
    )
    assert eroare(now - timedelta(hours=1), now + timedelta(seconds=1)) == (
        "endTime = 16-03-2026 10:00:01 nu poate in viitor fata de momentul requestului"
        " = 16-03-2026 10:00:00"
    )
    assert eroare(now - timedelta(hours=1), now) == "Nu exista mesaje in intervalul selectat"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"cif": "aaa"},
            "CIF introdus= aaa nu este un numar sau nu are o valoare acceptata de sistem",
        ),
        (
            {"startTime": "aaa"},
            "startTime = aaa nu este un numar sau nu are o valoare acceptata de sistem",
        ),
        (
            {"endTime": "x1"},
            "endTime = x1 nu este un numar sau nu are o valoare acceptata de sistem",
        ),
        ({"pagina": "aa"}, "pagina = aa nu este un numar sau nu are o valoare acceptata de sistem"),
    ],
)
def test_paged_list_parameter_texts(api, emulator, params, message):
    now = emulator.clock.now()
    query = {
        "startTime": ms(now - timedelta(hours=1)),
        "endTime": ms(now),
        "cif": SELLER_CUI,
        "pagina": "1",
        **params,
    }
    assert api.get("listaMesajePaginatieFactura", **query).json()["eroare"] == message


def test_paged_list_missing_parameter_is_400(api):
    answer = api.get("listaMesajePaginatieFactura", cif=SELLER_CUI)
    assert answer.json()["message"] == (
        "Parametrii startTime, endTime, cif si pagina sunt obligatorii"
    )


def test_list_daily_limit_per_cui(api, emulator):
    emulator.limits.daily["list"] = 3
    texts = [
        api.get("listaMesajeFactura", zile="1", cif=SELLER_CUI).json()["eroare"] for _ in range(4)
    ]
    assert texts[:3] == ["Nu exista mesaje in ultimele 1 zile"] * 3
    assert texts[3] == (
        "S-au facut deja 3 interogari de lista mesaje de catre utilizator in cursul zilei"
    )
    assert emulator.limits.count("list", SELLER_CUI) == 4


# --- descarcare -----------------------------------------------------------------------------


def test_download_zip_holds_invoice_and_signature(api, emulator, invoice_xml):
    body = invoice_xml()
    index = api.upload_index(body)
    download_id = api.finish(index).get("id_descarcare")
    answer = api.get("descarcare", id=download_id)
    assert answer.headers["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    assert sorted(archive.namelist()) == [f"{index}.xml", f"semnatura_{index}.xml"]
    assert archive.read(f"{index}.xml") == body
    signature = etree.fromstring(archive.read(f"semnatura_{index}.xml"))
    ds = "{http://www.w3.org/2000/09/xmldsig#}"
    assert signature.tag == ds + "Signature"
    expected = base64.b64encode(hashlib.sha256(body).digest()).decode()
    assert signature.findtext(f".//{ds}DigestValue") == expected
    assert signature.findtext(f".//{ds}X509Certificate")


def test_download_of_nok_holds_the_error_document(api, emulator, invoice_xml):
    emulator.force_next_upload("nok")
    index = api.upload_index(invoice_xml())
    download_id = api.finish(index).get("id_descarcare")
    archive = zipfile.ZipFile(io.BytesIO(api.get("descarcare", id=download_id).content))
    root = etree.fromstring(archive.read(f"{index}.xml"))
    ns = "mfp:anaf:dgti:efactura:mesajEroriFactuta:v1"
    assert root.tag == f"{{{ns}}}header"
    assert (root.get("Index_incarcare"), root.get("Cif_emitent")) == (index, SELLER_CUI)
    assert len(root.findall(f"{{{ns}}}Error")) == 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("123a", "Id descarcare introdus= 123a nu este un numar intreg"),
        ("21", "Pentru id=21 nu exista inregistrata nici o factura"),
    ],
)
def test_download_in_band_errors(api, value, message):
    assert api.get("descarcare", id=value).json() == {
        "eroare": message,
        "titlu": "Descarcare mesaj",
    }


def test_download_rights_expiry_and_daily_limit(api, emulator):
    mine = emulator.deliver_invoice(b"<Invoice/>", cif=SELLER_CUI)
    theirs = emulator.deliver_invoice(b"<Invoice/>", cif=BUYER_CUI)
    assert api.get("descarcare", id=str(theirs.id)).json()["eroare"] == (
        "Nu aveti dreptul sa descarcati acesta factura"
    )
    for _ in range(10):
        assert api.get("descarcare", id=str(mine.id)).content.startswith(b"PK")
    assert api.get("descarcare", id=str(mine.id)).json()["eroare"] == (
        "S-au facut deja 10 descarcari de mesaj in cursul zilei"
    )
    emulator.clock.advance(days=60, seconds=1)
    assert api.get("descarcare", id=str(mine.id)).json()["eroare"] == (
        "Fisierul nu mai poate fi descarcat pentru ca a trecut perioada de 60 de zile in care "
        "este disponibil"
    )


def test_download_missing_parameter_is_400(api):
    assert api.get("descarcare").json()["message"] == "Parametrul id este obligatoriu"


def test_rasp_reaches_the_invoice_seller(api, emulator, invoice_xml):
    index = api.upload_index(invoice_xml())
    api.finish(index)
    rasp = api.upload_index(RASP.format(index=index).encode(), standard="RASP")
    api.finish(rasp)
    entries = api.get("listaMesajeFactura", zile="1", cif=SELLER_CUI, filtru="R").json()["mesaje"]
    assert sorted(e["tip"] for e in entries) == [
        "MESAJ CUMPARATOR PRIMIT",
        "MESAJ CUMPARATOR TRANSMIS",
    ]


def test_test_and_prod_share_nothing(emulator, invoice_xml):
    test, prod = Api(emulator, env="test"), Api(emulator, env="prod")
    index = test.upload_index(invoice_xml())
    download_id = test.finish(index).get("id_descarcare")
    assert prod.stare(index)[0].get("errorMessage") == f"Nu exista factura cu id_incarcare= {index}"
    assert prod.get("descarcare", id=download_id).json()["eroare"] == (
        f"Pentru id={download_id} nu exista inregistrata nici o factura"
    )
    listing = prod.get("listaMesajeFactura", zile="1", cif=SELLER_CUI).json()
    assert listing["eroare"] == "Nu exista mesaje in ultimele 1 zile"


def test_list_entries_appear_after_the_configured_delay(api, emulator, invoice_xml):
    emulator.list_delay_seconds = 600  # ANAF indexes lists up to ~15 minutes late
    index = api.upload_index(invoice_xml())
    download_id = api.finish(index).get("id_descarcare")
    assert api.get("listaMesajeFactura", zile="1", cif=SELLER_CUI).json()["eroare"] == (
        "Nu exista mesaje in ultimele 1 zile"
    )
    assert api.get("descarcare", id=download_id).content.startswith(b"PK")  # the ZIP is ready
    emulator.clock.advance(600)
    [entry] = api.get("listaMesajeFactura", zile="1", cif=SELLER_CUI).json()["mesaje"]
    assert entry["id"] == download_id
