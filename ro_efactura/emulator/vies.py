"""The EU VIES ``checkVat`` SOAP service in the emulator.

``GET /taxation_customs/vies/services/checkVatService?wsdl`` serves the package's WSDL with its
address pointing at the emulator; ``POST`` on the same path answers ``checkVat`` from the seeded
VAT numbers: ``valid=true`` with name and address, ``valid=false`` with ``---`` for an unknown
number, and SOAP faults (``INVALID_INPUT`` for a malformed number or country code; the service's
availability faults on request). The state lives on ``emulator.vies`` (:class:`ViesState`);
HTTP-level failures and latency come from the emulator's own knobs
(``emulator.inject("http5xx", path=PATH)``, ``emulator.set_latency(...)``).

>>> state = ViesState()
>>> state.add("RO", "12345674", name="EXEMPLU SOFTWARE SRL", address="CLUJ-NAPOCA")
>>> state.lookup("RO", "12345674").name
'EXEMPLU SOFTWARE SRL'
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from ro_efactura._xml import parse
from ro_efactura.emulator._http import Request, Response, Router
from ro_efactura.errors import DocumentError

__all__ = [
    "DEFAULT_NUMBERS",
    "FAULTS",
    "PATH",
    "ViesCall",
    "ViesEntry",
    "ViesState",
    "install",
    "new_state",
]

PATH = "/taxation_customs/vies/services/checkVatService"
TYPES_NS = "urn:ec.europa.eu:taxud:vies:services:checkVat:types"
SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/"
#: The faults the service documents for checkVat.
FAULTS = (
    "INVALID_INPUT",
    "SERVICE_UNAVAILABLE",
    "MS_UNAVAILABLE",
    "TIMEOUT",
    "MS_MAX_CONCURRENT_REQ",
    "GLOBAL_MAX_CONCURRENT_REQ",
    "VAT_BLOCKED",
    "IP_BLOCKED",
)
_COUNTRY = re.compile(r"[A-Z]{2}\Z")
_NUMBER = re.compile(r"[0-9A-Za-z+*.]{2,12}\Z")
_BRUSSELS = ZoneInfo("Europe/Brussels")  # VIES stamps requestDate in its own time zone
_ADDRESS = re.compile(rb'(<soap:address\s+location=")[^"]*(")')


@dataclass(frozen=True, slots=True, kw_only=True)
class ViesEntry:
    """A VAT number VIES knows as valid; ``None`` name/address: the state does not disclose."""

    name: str | None
    address: str | None


DEFAULT_NUMBERS: dict[tuple[str, str], ViesEntry] = {
    ("RO", "12345674"): ViesEntry(
        name="EXEMPLU SOFTWARE SRL",
        address="JUD. CLUJ, MUN. CLUJ-NAPOCA, STR. EXEMPLULUI, NR.7",
    ),
    ("RO", "34567892"): ViesEntry(
        name="ALFA CONSTRUCŢII ŞI INSTALAŢII SRL",
        address="MUNICIPIUL BUCUREŞTI, SECTOR 3, BD. UNIRII, NR.45",
    ),
    ("DE", "812345673"): ViesEntry(name=None, address=None),  # Germany discloses neither
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ViesCall:
    """One checkVat the emulator received and the fault or validity it answered."""

    at: datetime
    country_code: str
    vat_number: str
    outcome: str  # "valid", "invalid" or the fault string


@dataclass(slots=True, kw_only=True)
class ViesState:
    """Seeded VAT numbers, fault knobs and the request log of the emulated VIES."""

    numbers: dict[tuple[str, str], ViesEntry] = field(default_factory=dict)
    unavailable_countries: set[str] = field(default_factory=set)  # -> MS_UNAVAILABLE
    calls: list[ViesCall] = field(default_factory=list)
    _faults: deque[str] = field(default_factory=deque)

    def add(self, country_code: str, number: str, *, name: str | None, address: str | None):
        """Seed a valid VAT number."""
        self.numbers[(country_code, number)] = ViesEntry(name=name, address=address)

    def lookup(self, country_code: str, number: str) -> ViesEntry | None:
        return self.numbers.get((country_code, number))

    def fail_next(self, fault: str, times: int = 1) -> None:
        """Answer the next ``times`` checks with the SOAP fault ``fault`` (one of FAULTS)."""
        if fault not in FAULTS:
            raise ValueError(f"Unknown VIES fault {fault!r}; use one of {', '.join(FAULTS)}.")
        self._faults.extend([fault] * times)

    def outcome(self, country_code: str, number: str) -> str:
        """The fault to send, or ``valid``/``invalid``; consumes one queued fault."""
        if self._faults:
            return self._faults.popleft()
        if not _COUNTRY.match(country_code) or not _NUMBER.match(number):
            return "INVALID_INPUT"
        if country_code in self.unavailable_countries:
            return "MS_UNAVAILABLE"
        return "valid" if self.lookup(country_code, number) else "invalid"


def _envelope(body: str) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>'
        f'<env:Envelope xmlns:env="{SOAP_NS}"><env:Header/><env:Body>{body}'
        f"</env:Body></env:Envelope>"
    ).encode()


def _fault(fault: str) -> Response:
    body = (
        "<env:Fault><faultcode>env:Server</faultcode>"
        f"<faultstring>{fault}</faultstring></env:Fault>"
    )
    return Response(500, _envelope(body), "text/xml; charset=utf-8")


def _answer(country: str, number: str, entry: ViesEntry | None, now: datetime) -> Response:
    local = now.astimezone(_BRUSSELS)
    offset = local.strftime("%z")
    stamp = f"{local:%Y-%m-%d}{offset[:3]}:{offset[3:]}"
    name = escape(entry.name or "---") if entry else "---"
    address = escape(entry.address or "---") if entry else "---"
    body = (
        f'<ns2:checkVatResponse xmlns:ns2="{TYPES_NS}">'
        f"<ns2:countryCode>{escape(country)}</ns2:countryCode>"
        f"<ns2:vatNumber>{escape(number)}</ns2:vatNumber>"
        f"<ns2:requestDate>{stamp}</ns2:requestDate>"
        f"<ns2:valid>{'true' if entry else 'false'}</ns2:valid>"
        f"<ns2:name>{name}</ns2:name><ns2:address>{address}</ns2:address>"
        f"</ns2:checkVatResponse>"
    )
    return Response(200, _envelope(body), "text/xml; charset=utf-8")


def _question(body: bytes) -> tuple[str, str] | None:
    """countryCode and vatNumber of a checkVat envelope, or ``None`` when there is none."""
    try:
        root = parse(body)
    except DocumentError:
        return None
    country = root.find(f".//{{{TYPES_NS}}}checkVat/{{{TYPES_NS}}}countryCode")
    number = root.find(f".//{{{TYPES_NS}}}checkVat/{{{TYPES_NS}}}vatNumber")
    if country is None or number is None:
        return None
    return (country.text or "").strip(), (number.text or "").strip()


def _wsdl(base_url: str) -> bytes:
    text = (files("ro_efactura") / "data/vies/checkVatService.wsdl").read_bytes()
    return _ADDRESS.sub(rb"\g<1>" + (base_url + PATH).encode() + rb"\g<2>", text)


def new_state() -> ViesState:
    """A VIES seeded with :data:`DEFAULT_NUMBERS` and every knob off."""
    return ViesState(numbers=dict(DEFAULT_NUMBERS))


def install(router: Router, emulator) -> None:
    """Register the VIES endpoint; its state is ``emulator.vies`` (replaceable)."""
    emulator.vies = new_state()

    @router.route("GET", PATH)
    def wsdl(request: Request) -> Response:
        if "wsdl" not in request.query:
            return Response.text("Add ?wsdl to get the service description.", status=404)
        return Response(200, _wsdl(emulator.url), "text/xml; charset=utf-8")

    @router.route("POST", PATH)
    def check_vat(request: Request) -> Response:
        state: ViesState = emulator.vies
        now = emulator.clock.now()
        country, number = _question(request.body) or ("", "")
        outcome = state.outcome(country, number)
        if outcome in ("valid", "invalid"):
            response = _answer(country, number, state.lookup(country, number), now)
        else:
            response = _fault(outcome)
        state.calls.append(
            ViesCall(at=now, country_code=country, vat_number=number, outcome=outcome)
        )
        return response
