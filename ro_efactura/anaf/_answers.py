"""Reading the e-Factura answers into typed results (anaf.md sections 3-12).

ANAF's business errors travel inside HTTP 200 bodies; :func:`in_band_error` turns their texts
into the typed errors of anaf.md section 15 -- a daily limit into
:class:`~ro_efactura.errors.RateLimitedError` (``retry_after`` = until Romanian midnight), a
missing right into :class:`~ro_efactura.errors.NotAuthorizedError`, the 60-day expiry into
:class:`~ro_efactura.errors.MessageExpiredError`, anything else into
:class:`~ro_efactura.errors.AnafRequestError`. Texts are compared without accents and with
collapsed whitespace.

>>> type(in_band_error("S-au facut deja 10 descarcari de mesaj in cursul zilei")).__name__
'RateLimitedError'
>>> type(in_band_error("Nu aveti drept in SPV pentru CIF=1234")).__name__
'NotAuthorizedError'
>>> no_messages("Nu exista mesaje in ultimele 15 zile")
True
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import requests
from lxml import etree

from .._xml import parse
from ..errors import (
    AnafError,
    AnafRequestError,
    DocumentError,
    MalformedAnswerError,
    MessageExpiredError,
    NotAuthorizedError,
    RateLimitedError,
)
from ._transport import json_body, xml_body
from .models import Download, Message, MessageList, Status, StatusResult, UploadResult

__all__ = [
    "ERRORS_NS",
    "check_bad_request",
    "in_band_error",
    "no_messages",
    "normalized",
    "open_zip",
    "parse_list",
    "parse_status",
    "parse_upload",
]

ERRORS_NS = "mfp:anaf:dgti:efactura:mesajEroriFactuta:v1"  # sic, anaf.md section 9
_BUCHAREST = ZoneInfo("Europe/Bucharest")
_DAILY_LIMIT = re.compile(r"s-au (facut|incarcat) deja \d+ .* in cursul zilei")
_NO_RIGHTS = ("nu aveti drept", "nu exista niciun cif")
_EXPIRED = "fisierul nu mai poate fi descarcat"
_INDEX_FILE = re.compile(r"^(\d+)\.xml$")
_SIGNATURE_FILE = re.compile(r"^semnatura_(\d+)\.xml$")


def normalized(text: str) -> str:
    """Lower case, no accents, single spaces: how ANAF's texts are compared."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(plain.split()).lower()


def _until_midnight(now: datetime | None = None) -> float:
    local = (now or datetime.now(timezone.utc)).astimezone(_BUCHAREST)
    tomorrow = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (tomorrow - local).total_seconds()


def no_messages(text: str) -> bool:
    """``Nu exista mesaje ...``: an empty list, not a failure (anaf.md sections 6-7)."""
    return normalized(text).startswith("nu exista mesaje")


def in_band_error(text: str, *, status_code: int | None = 200) -> AnafError:
    """The typed error for an in-band ANAF error text (anaf.md section 15)."""
    plain = normalized(text)
    if _DAILY_LIMIT.search(plain):
        return RateLimitedError(
            f"ANAF's daily limit was reached: {text}",
            retry_after=_until_midnight(),
            status_code=status_code,
        )
    if any(marker in plain for marker in _NO_RIGHTS):
        return NotAuthorizedError(f"ANAF refused: {text}", status_code=status_code)
    if _EXPIRED in plain:
        return MessageExpiredError(f"ANAF no longer keeps this message: {text}")
    return AnafRequestError(f"ANAF refused the request: {text}", anaf_message=text)


def check_bad_request(response: requests.Response) -> None:
    """Raise for the HTTP 400/404 JSON families (a missing parameter, a wrong path)."""
    if response.status_code in (400, 404):
        payload = json_body(response)
        text = str(payload.get("message") or payload.get("error") or payload)
        raise AnafRequestError(
            f"ANAF refused the request (HTTP {response.status_code}): {text}",
            anaf_message=text,
            status_code=response.status_code,
        )
    if response.status_code != 200:
        raise MalformedAnswerError(
            f"Unexpected HTTP {response.status_code} from ANAF.", status_code=response.status_code
        )


def _errors(root: etree._Element, tag: str = "Errors") -> tuple[str, ...]:
    return tuple(
        node.get("errorMessage", "")
        for node in root.iter()
        if isinstance(node.tag, str) and etree.QName(node).localname == tag
    )


def parse_upload(response: requests.Response) -> UploadResult:
    """The ``respUploadFisier`` header (anaf.md section 4); limits and rights are raised."""
    check_bad_request(response)
    root = xml_body(response)
    status, index = root.get("ExecutionStatus"), root.get("index_incarcare")
    date_response = root.get("dateResponse", "")
    if status == "0" and index:
        return UploadResult(index=index.strip(), date_response=date_response)
    errors = _errors(root)
    if status != "1" or not errors:
        raise MalformedAnswerError("The upload answer has neither an index nor errors.")
    for text in errors:
        error = in_band_error(text)
        if isinstance(error, (RateLimitedError, NotAuthorizedError)):
            raise error
    return UploadResult(index=None, errors=errors, date_response=date_response)


def parse_status(response: requests.Response, index: str) -> StatusResult:
    """The ``stareMesajFactura`` header (anaf.md section 5); query errors are raised."""
    check_bad_request(response)
    root = xml_body(response)
    stare = root.get("stare")
    if stare is None:
        errors = _errors(root)
        if not errors:
            raise MalformedAnswerError("The stareMesaj answer has neither a state nor errors.")
        raise in_band_error(errors[0])
    download_id = root.get("id_descarcare")
    return StatusResult(
        index=str(index), status=Status.parse(stare), download_id=download_id or None
    )


def parse_list(payload: dict) -> MessageList:
    """A list answer (anaf.md sections 6-7): messages, or empty for ``Nu exista mesaje``."""
    if "eroare" in payload:
        text = str(payload["eroare"])
        if no_messages(text):
            return MessageList(title=text)
        raise in_band_error(text)
    try:
        messages = tuple(
            Message(
                id=str(entry["id"]),
                upload_index=str(entry["id_solicitare"]),
                cif=str(entry.get("cif", "")),
                tip=str(entry.get("tip", "")),
                created=str(entry["data_creare"]),
                details=str(entry.get("detalii", "")),
            )
            for entry in payload.get("mesaje") or ()
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise MalformedAnswerError(f"A list entry lacks a key: {exc}") from exc
    return MessageList(
        messages=messages,
        cif=str(payload.get("cui", "")),
        serial=str(payload.get("serial", "")),
        title=str(payload.get("titlu", "")),
        pages=int(payload.get("numar_total_pagini") or (1 if messages else 0)),
    )


def open_zip(archive: bytes) -> Download:
    """The two entries of the SPV ZIP (anaf.md section 9), the error document parsed."""
    try:
        with zipfile.ZipFile(io.BytesIO(archive)) as opened:
            names = opened.namelist()
            content_name = next(n for n in names if _INDEX_FILE.match(n))
            signature_name = next(n for n in names if _SIGNATURE_FILE.match(n))
            content, signature = opened.read(content_name), opened.read(signature_name)
    except (zipfile.BadZipFile, StopIteration, EOFError, zipfile.LargeZipFile) as exc:
        raise MalformedAnswerError("ANAF's ZIP is damaged or incomplete.") from exc
    index = _INDEX_FILE.match(content_name).group(1)
    return Download(
        upload_index=index,
        content=content,
        signature=signature,
        archive=archive,
        errors=_error_document(content),
    )


def _error_document(content: bytes) -> tuple[str, ...]:
    try:
        root = parse(content)
    except DocumentError:
        return ()
    if etree.QName(root).namespace != ERRORS_NS:
        return ()
    return _errors(root, "Error")
