"""What the emulator hands back as files: the SPV ZIP, the error document and the PDF.

* ZIP (anaf.md section 9): ``<index>.xml`` and ``semnatura_<index>.xml`` -- the uploaded file
  (or the error document, or the RASP header) and the emulator's detached signature over it;
* error document: namespace ``mfp:anaf:dgti:efactura:mesajEroriFactuta:v1`` (sic), root
  ``header`` with ``Index_incarcare`` and ``Cif_emitent``, one ``Error`` per finding;
* PDF (section 11): a small valid PDF 1.4 page that carries the invoice number.

It also reads the few facts processing needs from an invoice: the parties' CIFs, the number.

>>> archive = spv_zip(5000000001, b"<Invoice/>")
>>> sorted(zipfile.ZipFile(io.BytesIO(archive)).namelist())
['5000000001.xml', 'semnatura_5000000001.xml']
>>> pdf = invoice_pdf({"ID": "FX-7"})
>>> pdf.startswith(b"%PDF-1.4") and b"FX-7" in pdf and pdf.rstrip().endswith(b"%%EOF")
True
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from xml.sax.saxutils import quoteattr

from lxml import etree

from .._xml import CAC, CBC
from ._signature import sign

__all__ = ["ERRORS_NS", "error_document", "invoice_facts", "invoice_pdf", "spv_zip"]

ERRORS_NS = "mfp:anaf:dgti:efactura:mesajEroriFactuta:v1"
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def spv_zip(index: int, content: bytes) -> bytes:
    """The two-entry ZIP of anaf.md section 9, deterministic for the same content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in ((f"{index}.xml", content), (f"semnatura_{index}.xml", sign(content))):
            archive.writestr(zipfile.ZipInfo(name, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def error_document(index: int, cif: str, messages: list[str]) -> bytes:
    """The ``nok`` content file: one ``Error`` per message (anaf.md section 9)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<header xmlns="{ERRORS_NS}" Index_incarcare="{index}" Cif_emitent={quoteattr(cif)}>',
        *(f"    <Error errorMessage={quoteattr(text)}/>" for text in messages),
        "</header>",
    ]
    return "\n".join(lines).encode("utf-8")


def _digits_cif(value: str | None) -> str | None:
    """A Romanian CIF from a VAT or legal id: ``RO`` + digits or plain digits, else ``None``."""
    text = (value or "").strip().upper().replace(" ", "")
    text = text[2:] if text.startswith("RO") else text
    return text if re.fullmatch(r"[0-9]{2,10}", text) else None


def _party_cif(root: etree._Element, party: str) -> str | None:
    base = f"{{{CAC}}}{party}/{{{CAC}}}Party/"
    for path in ("PartyTaxScheme/{CBC}CompanyID", "PartyLegalEntity/{CBC}CompanyID"):
        node = root.find(base + f"{{{CAC}}}" + path.replace("{CBC}", f"{{{CBC}}}"))
        cif = _digits_cif(node.text if node is not None else None)
        if cif:
            return cif
    return None


def invoice_facts(root: etree._Element) -> dict[str, str | None]:
    """Number, date, parties and total of a UBL Invoice or CreditNote, ``None`` when absent."""

    def text(path: str) -> str | None:
        node = root.find(path)
        return node.text.strip() if node is not None and node.text else None

    party_name = f"{{{CAC}}}Party/{{{CAC}}}PartyLegalEntity/{{{CBC}}}RegistrationName"
    return {
        "ID": text(f"{{{CBC}}}ID"),
        "IssueDate": text(f"{{{CBC}}}IssueDate"),
        "Currency": text(f"{{{CBC}}}DocumentCurrencyCode"),
        "Seller": text(f"{{{CAC}}}AccountingSupplierParty/{party_name}"),
        "Buyer": text(f"{{{CAC}}}AccountingCustomerParty/{party_name}"),
        "Payable": text(f"{{{CAC}}}LegalMonetaryTotal/{{{CBC}}}PayableAmount"),
        "seller_cif": _party_cif(root, "AccountingSupplierParty"),
        "buyer_cif": _party_cif(root, "AccountingCustomerParty"),
    }


def _pdf_text(value: str) -> str:
    # The standard Helvetica font has no comma-below letters: write them without diacritics.
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return plain.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def invoice_pdf(facts: dict[str, str | None]) -> bytes:
    """A one-page PDF with the invoice number and its main facts (anaf.md section 11)."""
    rows = [
        f"Factura {facts.get('ID') or '-'}",
        f"Data emiterii: {facts.get('IssueDate') or '-'}",
        f"Furnizor: {facts.get('Seller') or '-'} (CIF {facts.get('seller_cif') or '-'})",
        f"Client: {facts.get('Buyer') or '-'} (CIF {facts.get('buyer_cif') or '-'})",
        f"Total de plata: {facts.get('Payable') or '-'} {facts.get('Currency') or ''}",
        "Generat de emulatorul ANAF ro_efactura - nu este un document oficial",
    ]
    lines = ["BT /F1 12 Tf 50 790 Td 16 TL"]
    lines += [f"({_pdf_text(row)}) Tj T*" for row in rows]
    stream = ("\n".join([*lines, "ET"]) + "\n").encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
