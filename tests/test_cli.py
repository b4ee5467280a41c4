"""The ``ro-efactura`` command line: validate, convert, show, emulator."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from ro_efactura.cli import main
from ro_efactura.model import Invoice, InvoiceTypeCode, from_dict, to_dict
from ro_efactura.ubl import read, write
from tests.factories import (
    make_b2c_invoice,
    make_foreign_currency_invoice,
    make_full_invoice,
    make_invoice,
)
from tests.official import UBL_XSD

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@pytest.fixture
def valid_xml(tmp_path) -> Path:
    path = tmp_path / "factura.xml"
    path.write_bytes(write(make_invoice()))
    return path


@pytest.fixture
def broken_xml(tmp_path) -> Path:
    """An invoice the UBL 2.1 XSD refuses (an element UBL does not define)."""
    xml = write(make_invoice()).replace(
        b"<cbc:DocumentCurrencyCode>", b"<cbc:Colour>red</cbc:Colour><cbc:DocumentCurrencyCode>"
    )
    path = tmp_path / "gresita.xml"
    path.write_bytes(xml)
    return path


@pytest.fixture
def xsd() -> str:
    if not UBL_XSD.is_dir():
        pytest.skip(f"UBL 2.1 XSD not found at {UBL_XSD}")
    return str(UBL_XSD)


def test_validate_json_maps_each_file_to_its_findings(valid_xml, broken_xml, xsd, capsys):
    status = main(["validate", "--json", "--xsd", xsd, str(valid_xml), str(broken_xml)])
    data = json.loads(capsys.readouterr().out)
    assert status == 1
    assert set(data) == {str(valid_xml), str(broken_xml)}
    assert [f for f in data[str(valid_xml)] if f["severity"] == "fatal"] == []
    finding = next(f for f in data[str(broken_xml)] if f["rule"] == "XSD")
    assert finding["severity"] == "fatal"
    assert set(finding) == {"rule", "severity", "location", "message"}
    assert set(finding["message"]) == {"ro", "en"}


def test_validate_valid_file_exits_zero(valid_xml, capsys):
    assert main(["validate", str(valid_xml)]) == 0
    assert str(valid_xml) in capsys.readouterr().out


def test_validate_reports_unreadable_files_as_read_findings(tmp_path, valid_xml, capsys):
    missing = tmp_path / "lipsa.xml"
    garbage = tmp_path / "gunoi.xml"
    garbage.write_bytes(b"<Invoice")
    status = main(["validate", "--json", str(missing), str(garbage), str(valid_xml)])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert status == 1
    assert [f["rule"] for f in data[str(missing)]] == ["READ"]
    assert [f["rule"] for f in data[str(garbage)]] == ["READ"]
    assert data[str(garbage)][0]["location"].startswith("line 1")
    assert "Fișierul nu poate fi citit" in data[str(missing)][0]["message"]["ro"]
    assert "Traceback" not in captured.err


def test_validate_text_output_shows_rule_and_message_in_chosen_language(broken_xml, xsd, capsys):
    assert main(["validate", "--lang", "en", "--xsd", xsd, str(broken_xml)]) == 1
    out = capsys.readouterr().out
    assert "XSD" in out
    assert "does not follow the UBL 2.1 schema" in out
    assert "FATAL" in out


def test_validate_with_a_folder_without_schemas_is_a_usage_error(tmp_path, valid_xml, capsys):
    assert main(["validate", "--xsd", str(tmp_path), str(valid_xml)]) == 2
    assert "maindoc/UBL-Invoice-2.1.xsd" in capsys.readouterr().err


def test_validate_text_output_in_romanian_counts_fatal_findings(broken_xml, xsd, capsys):
    assert main(["validate", "--xsd", xsd, str(broken_xml)]) == 1
    out = capsys.readouterr().out
    assert "dintre care blocante: " in out
    assert "nu respectă schema UBL 2.1" in out


def test_validate_help_documents_unreadable_files(capsys):
    assert main(["validate", "--help"]) == 0
    assert "READ" in capsys.readouterr().out


def test_usage_error_exits_two(capsys):
    assert main(["frobnicate"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_convert_xml_to_json_and_back_keeps_the_document(tmp_path):
    invoice = make_full_invoice()
    source = tmp_path / "in.xml"
    source.write_bytes(write(invoice))
    as_json = tmp_path / "out.json"
    back = tmp_path / "back.xml"
    assert main(["convert", str(source), str(as_json)]) == 0
    assert from_dict(Invoice, json.loads(as_json.read_text(encoding="utf-8"))) == invoice
    assert main(["convert", str(as_json), str(back)]) == 0
    assert back.read_bytes() == source.read_bytes()


def test_convert_with_explicit_direction_and_calculation(tmp_path):
    data = json.loads(json.dumps(_json_without_amounts()))
    source = tmp_path / "draft.txt"
    source.write_text(json.dumps(data), encoding="utf-8")
    target = tmp_path / "final.data"
    assert main(["convert", "--to", "xml", "--calculate", str(source), str(target)]) == 0
    assert read(target.read_bytes()).totals.payable == Decimal("238.00")


def _json_without_amounts() -> dict:
    data = to_dict(make_invoice(compute=False))
    assert "totals" not in data
    return data


def test_convert_bad_json_is_an_error_on_stderr(tmp_path, capsys):
    source = tmp_path / "bad.json"
    source.write_text('{"number": 5}', encoding="utf-8")
    assert main(["convert", str(source), str(tmp_path / "x.xml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ro-efactura: error:")
    assert "$.number" in err


def test_show_prints_parties_lines_vat_and_totals(tmp_path, capsys):
    path = tmp_path / "eur.xml"
    path.write_bytes(write(make_foreign_currency_invoice()))
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert "RO12345674" in out and "RO34567892" in out
    assert "Servicii de consultanță" in out
    assert "S 19%: bază 200.00, TVA 38.00" in out
    assert "TVA în RON:" in out and "189.05 RON" in out
    assert "De plată:       238.00 EUR" in out


def test_show_credit_note_to_a_person_from_json(tmp_path, capsys):
    path = tmp_path / "nota.json"
    invoice = make_b2c_invoice(type_code=InvoiceTypeCode.CREDIT_NOTE, due_date=None)
    path.write_text(json.dumps(to_dict(invoice)), encoding="utf-8")
    assert main(["show", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Notă de creditare ALF-2026-0001 (tip 381)")
    assert "Ion Popescu (nr. înreg. 0000000000000)" in out


def test_show_missing_file_fails_cleanly(tmp_path, capsys):
    assert main(["show", str(tmp_path / "nu-exista.xml")]) == 1
    assert "ro-efactura: error:" in capsys.readouterr().err


def test_console_script_runs_in_a_subprocess(valid_xml):
    script = shutil.which("ro-efactura")
    if script is None:
        pytest.skip("the ro-efactura console script is not installed")
    done = subprocess.run(
        [script, "validate", "--json", str(valid_xml)],
        capture_output=True, env=ENV, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    assert str(valid_xml) in json.loads(done.stdout)


def test_importing_the_library_never_imports_odoo():
    code = "import sys, ro_efactura, ro_efactura.cli, ro_efactura.ubl; print('odoo' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=ENV, timeout=60, check=True
    )
    assert done.stdout.decode().strip() == "False"


def test_emulator_command_prints_its_url_and_stops_on_ctrl_c():
    pytest.importorskip("ro_efactura.emulator")
    process = subprocess.Popen(
        [sys.executable, "-m", "ro_efactura.cli", "emulator", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=ENV,
    )  # fmt: skip
    try:
        first = process.stdout.readline().decode()
        assert "http://127.0.0.1:" in first
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        process.kill()
        process.wait(timeout=30)
