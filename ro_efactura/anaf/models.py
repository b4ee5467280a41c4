"""Typed results of the e-Factura API (anaf.md sections 4-12).

Answers, not failures: an upload refused with ``ExecutionStatus=1`` is an :class:`UploadResult`
whose ``errors`` say why; ``nok`` is a :class:`Status`; an empty list is an empty
:class:`MessageList`. Failures (token, limits, ANAF down, unreadable answers) are raised by
the client as :mod:`ro_efactura.errors` classes.

>>> Status.parse("in prelucrare").terminal, Status.parse("OK")
(False, <Status.OK: 'ok'>)
>>> m = Message(id="3000000001", upload_index="5000000001", cif="12345674",
...             tip="FACTURA TRIMISA", created="202603141031",
...             details="Factura cu id_incarcare=5000000001 emisa de cif_emitent=12345674 "
...                     "pentru cif_beneficiar=34567892")
>>> m.kind, m.seller_cif, m.buyer_cif, m.created_at.isoformat()
(<MessageKind.SENT: 'FACTURA TRIMISA'>, '12345674', '34567892', '2026-03-14T10:31:00+02:00')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from zoneinfo import ZoneInfo

from ..errors import MalformedAnswerError

__all__ = [
    "Download",
    "Message",
    "MessageKind",
    "MessageList",
    "Status",
    "StatusResult",
    "UploadResult",
    "ValidationResult",
]

_BUCHAREST = ZoneInfo("Europe/Bucharest")
_SELLER = re.compile(r"cif_emitent=(\d+)")
_BUYER = re.compile(r"cif_beneficiar=(\d+)")
_SELF_BILLED = re.compile(r"transmisa de cif=(\d+)\s+ca autofactura in numele cif=(\d+)")


class Status(str, Enum):
    """The four ``stare`` values of ``stareMesaj`` (anaf.md section 5)."""

    IN_PROGRESS = "in prelucrare"
    OK = "ok"
    NOK = "nok"
    REJECTED = "XML cu erori nepreluat de sistem"

    @property
    def terminal(self) -> bool:
        return self is not Status.IN_PROGRESS

    @classmethod
    def parse(cls, text: str) -> Status:
        """The state for a wire text, compared case- and whitespace-insensitively."""
        wanted = " ".join(text.split()).lower()
        for status in cls:
            if status.value.lower() == wanted:
                return status
        raise MalformedAnswerError(f"Unknown stareMesaj state {text!r}.")


class MessageKind(str, Enum):
    """The ``tip`` of an SPV message (anaf.md section 6); buyer messages match by prefix."""

    SENT = "FACTURA TRIMISA"
    RECEIVED = "FACTURA PRIMITA"
    ERRORS = "ERORI FACTURA"
    BUYER_MESSAGE = "MESAJ CUMPARATOR"
    OTHER = "?"

    @classmethod
    def parse(cls, text: str) -> MessageKind:
        wanted = " ".join(text.split()).upper()
        if wanted.startswith(cls.BUYER_MESSAGE.value):
            return cls.BUYER_MESSAGE
        return next((kind for kind in cls if kind.value == wanted), cls.OTHER)


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadResult:
    """``upload`` answer: ``index`` when taken over (``ExecutionStatus=0``), else ``errors``."""

    index: str | None
    errors: tuple[str, ...] = ()
    date_response: str = ""

    @property
    def accepted(self) -> bool:
        return self.index is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusResult:
    """``stareMesaj`` answer for one upload index."""

    index: str
    status: Status
    download_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """One entry of the message lists (anaf.md section 6)."""

    id: str  # the download id
    upload_index: str  # id_solicitare
    cif: str
    tip: str  # the wire text
    created: str  # data_creare, yyyyMMddHHmm, Romanian time
    details: str = ""  # detalii

    @property
    def kind(self) -> MessageKind:
        return MessageKind.parse(self.tip)

    @property
    def created_at(self) -> datetime:
        return datetime.strptime(self.created, "%Y%m%d%H%M").replace(tzinfo=_BUCHAREST)

    @property
    def seller_cif(self) -> str | None:
        self_billed = _SELF_BILLED.search(self.details)
        if self_billed:
            return self_billed.group(2)
        match = _SELLER.search(self.details)
        return match.group(1) if match else None

    @property
    def buyer_cif(self) -> str | None:
        self_billed = _SELF_BILLED.search(self.details)
        if self_billed:
            return self_billed.group(1)
        match = _BUYER.search(self.details)
        return match.group(1) if match else None


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageList:
    """The entries of one or more list calls; empty when ANAF said there are no messages."""

    messages: tuple[Message, ...] = ()
    cif: str = ""
    serial: str = ""
    title: str = ""
    pages: int = 0

    def __len__(self) -> int:
        return len(self.messages)

    def __iter__(self):
        return iter(self.messages)


@dataclass(frozen=True, slots=True, kw_only=True)
class Download:
    """The ZIP of ``descarcare`` opened (anaf.md section 9).

    ``content`` is ``<index>.xml`` byte for byte (the invoice, the error document or a buyer
    message); ``signature`` is ``semnatura_<index>.xml``; ``errors`` holds the messages of an
    error document (empty for an invoice). ``archive`` keeps the ZIP itself for archiving.
    """

    upload_index: str
    content: bytes
    signature: bytes
    archive: bytes
    errors: tuple[str, ...] = ()

    @property
    def is_error_report(self) -> bool:
        return bool(self.errors)


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationResult:
    """``validare`` answer (anaf.md section 10)."""

    ok: bool
    messages: tuple[str, ...] = ()
    trace_id: str = ""
