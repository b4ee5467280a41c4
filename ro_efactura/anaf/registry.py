"""Client of ANAF's public VAT-payer registry, ``PlatitorTvaRest`` v9.

One POST to ``{public_base}/api/PlatitorTvaRest/v9/tva`` asks about up to 100 CUIs on one date
(``servicii-web/doc_WS_V9.txt``; ``docs/anaf.md`` §14). :class:`RegistryClient` splits larger
requests into batches, keeps to the published pace of one request per second with a client-side
:class:`Throttle`, and reads every answer into a typed :class:`Company`.

Reading is lenient, as the live service demands (anaf.md §14): ``cod``/``message`` may be absent,
``perioade_TVA`` may be an array or one object, cedilla letters (ş ţ) become comma-below
(ș ț), empty strings become ``None``, postal codes that lost a leading zero are re-padded, and a
404 whose body has the normal ``found``/``notFound`` shape is an answer, not an error.

Returned: :class:`RegistryAnswer` (found companies and the CUIs ANAF does not know). Raised:
:class:`~ro_efactura.errors.AnafUnavailableError` (5xx, timeout, connection error, the firewall
page), :class:`~ro_efactura.errors.RateLimitedError` (429),
:class:`~ro_efactura.errors.MalformedAnswerError` (a body that is not the documented JSON),
:class:`RegistryRequestError` (HTTP 400: ANAF refused the request itself) and ``ValueError`` for a
CUI that is not a number.

>>> import requests
>>> from datetime import date
>>> from ro_efactura.emulator import Emulator
>>> with Emulator() as emulator, requests.Session() as session:
...     client = RegistryClient(session, config=AnafConfig.emulator(emulator.url))
...     company = client.company("RO34567892", on=date(2025, 3, 14))
>>> company.name, company.vat_on_collection, company.address.sector
('ALFA CONSTRUCȚII ȘI INSTALAȚII SRL', True, 'SECTOR3')
>>> parse_answer({"found": [], "notFound": [34567892]}, query_date=date(2025, 3, 14))
RegistryAnswer(found=(), not_found=(34567892,))
>>> normalize_text(" PRODUCŢIE ŞI COMERŢ SRL ")
'PRODUCȚIE ȘI COMERȚ SRL'
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import requests

from ro_efactura.anaf import _transport
from ro_efactura.anaf.config import AnafConfig
from ro_efactura.errors import AnafError, AnafUnavailableError, MalformedAnswerError
from ro_efactura.identifiers import compact_cui, county_code, county_from_anaf_number, sector_code

__all__ = [
    "MAX_CUIS_PER_REQUEST",
    "REGISTRY_PATH",
    "Company",
    "RegistryAddress",
    "RegistryAnswer",
    "RegistryClient",
    "RegistryRequestError",
    "Throttle",
    "VatPeriod",
    "normalize_text",
    "parse_answer",
]

REGISTRY_PATH = "/api/PlatitorTvaRest/v9/tva"
MAX_CUIS_PER_REQUEST = 100  # doc_WS_V9.txt, rule a)
MIN_INTERVAL = 1.0  # seconds between requests, doc_WS_V9.txt, rule a)
_BUCHAREST = ZoneInfo("Europe/Bucharest")
_CEDILLA = str.maketrans("şŞţŢ", "șȘțȚ")


class RegistryRequestError(AnafError, ValueError):
    """ANAF refused the request itself (HTTP 400): a bad body or more than 100 CUIs."""


# --- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryAddress:
    """An address as the registry gives it; ``text`` only for the fiscal domicile."""

    text: str | None = None  # date_generale.adresa
    street: str | None = None
    number: str | None = None
    locality: str | None = None
    county: str | None = None  # county name as ANAF writes it
    county_code: str | None = None  # ISO 3166-2:RO, e.g. "RO-CJ" (CIUS-RO BT-39/BT-54)
    sector: str | None = None  # "SECTOR1".."SECTOR6" in Bucharest (CIUS-RO BT-37/BT-52)
    postal_code: str | None = None  # six digits when numeric
    country: str | None = None
    details: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class VatPeriod:
    """One VAT registration (art. 316 Cod fiscal) from ``perioade_TVA``."""

    start: date | None
    end: date | None = None  # data_sfarsit_ScpTVA: registration cancelled from
    cancelled_on: date | None = None  # data_anul_imp_ScpTVA: when the cancellation was entered
    reason: str | None = None  # mesaj_ScpTVA: legal ground of the cancellation


@dataclass(frozen=True, slots=True, kw_only=True)
class Company:
    """What the registry says about one CUI on ``query_date``."""

    cui: int
    query_date: date
    name: str | None
    address: RegistryAddress  # fiscal domicile (adresa_domiciliu_fiscal + adresa)
    registered_office: RegistryAddress  # adresa_sediu_social
    trade_register: str | None  # nrRegCom, e.g. "J12/3456/2019"
    phone: str | None
    fax: str | None
    caen_code: str | None
    registration_state: str | None  # stare_inregistrare, e.g. "INREGISTRAT din data 02.05.2019"
    registration_date: date | None
    iban: str | None
    tax_office: str | None  # organFiscalCompetent
    legal_form: str | None  # forma_juridica
    vat_payer: bool  # scpTVA
    vat_since: date | None  # start of the latest VAT period
    vat_until: date | None  # end of the latest VAT period
    vat_periods: tuple[VatPeriod, ...]
    vat_on_collection: bool  # statusTvaIncasare
    vat_on_collection_since: date | None
    vat_on_collection_until: date | None
    split_vat: bool  # statusSplitTVA
    split_vat_since: date | None
    split_vat_until: date | None
    inactive: bool  # statusInactivi
    inactive_since: date | None
    reactivated_on: date | None
    deregistered_on: date | None  # dataRadiere
    e_factura: bool  # statusRO_e_Factura: in the RO e-Factura register
    e_factura_since: date | None  # data_inreg_Reg_RO_e_Factura


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryAnswer:
    """The companies found and the CUIs ANAF does not know, in query order."""

    found: tuple[Company, ...]
    not_found: tuple[int, ...]

    def get(self, cui: int | str) -> Company | None:
        """The company with this CUI, or ``None`` when it was not found."""
        wanted = _cui(cui)
        return next((company for company in self.found if company.cui == wanted), None)


# --- parsing ---------------------------------------------------------------------------------


def normalize_text(value: object) -> str | None:
    """Strip, turn cedilla ş/ţ into comma-below ș/ț, and map empty text to ``None``."""
    if value is None:
        return None
    text = " ".join(str(value).split()).translate(_CEDILLA)
    return text or None


def _date(value: object) -> date | None:
    text = normalize_text(value)
    if text is None:
        return None
    for layout in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise MalformedAnswerError(f"The registry sent {text!r} where a date was expected.")


def _bool(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def _postal(value: object) -> str | None:
    text = normalize_text(value)
    if text and text.isdigit() and len(text) < 6:
        return text.zfill(6)
    return text


def _county_code(plate: str | None, name: str | None, number: str | None) -> str | None:
    """ISO 3166-2:RO from the licence-plate code, else from the name or ANAF's county number."""
    return (
        (plate and county_code(plate))
        or (name and county_code(name))
        or (number and county_from_anaf_number(number))
        or None
    )


def _address(
    group: dict, prefix: str, text: object = None, postal: object = None
) -> RegistryAddress:
    def field(name: str) -> str | None:
        return normalize_text(group.get(prefix + name))

    locality = field("denumire_Localitate")
    county = field("denumire_Judet")
    return RegistryAddress(
        text=normalize_text(text),
        street=field("denumire_Strada"),
        number=field("numar_Strada"),
        locality=locality,
        county=county,
        county_code=_county_code(field("cod_JudetAuto"), county, field("cod_Judet")),
        sector=sector_code(locality) if locality else None,
        postal_code=_postal(group.get(prefix + "cod_Postal") or postal),
        country=field("tara"),
        details=field("detalii_Adresa"),
    )


def _periods(raw: object) -> tuple[VatPeriod, ...]:
    items = [raw] if isinstance(raw, dict) else list(raw or ())
    periods = [
        VatPeriod(
            start=_date(item.get("data_inceput_ScpTVA")),
            end=_date(item.get("data_sfarsit_ScpTVA")),
            cancelled_on=_date(item.get("data_anul_imp_ScpTVA")),
            reason=normalize_text(item.get("mesaj_ScpTVA")),
        )
        for item in items
        if isinstance(item, dict)
    ]
    periods = [p for p in periods if p.start or p.end or p.cancelled_on or p.reason]
    return tuple(sorted(periods, key=lambda p: p.start or date.min, reverse=True))


def _company(item: dict, query_date: date) -> Company:
    general = item.get("date_generale")
    if not isinstance(general, dict) or "cui" not in general:
        raise MalformedAnswerError("A registry record has no 'date_generale' with a 'cui'.")
    vat = item.get("inregistrare_scop_Tva") or {}
    collection = item.get("inregistrare_RTVAI") or {}
    inactive = item.get("stare_inactiv") or {}
    split = item.get("inregistrare_SplitTVA") or {}
    periods = _periods(vat.get("perioade_TVA"))
    latest = periods[0] if periods else VatPeriod(start=None)
    return Company(
        cui=_cui(general["cui"]),
        query_date=_date(general.get("data")) or query_date,
        name=normalize_text(general.get("denumire")),
        address=_address(
            item.get("adresa_domiciliu_fiscal") or {},
            "d",
            general.get("adresa"),
            general.get("codPostal"),
        ),
        registered_office=_address(item.get("adresa_sediu_social") or {}, "s"),
        trade_register=normalize_text(general.get("nrRegCom")),
        phone=normalize_text(general.get("telefon")),
        fax=normalize_text(general.get("fax")),
        caen_code=normalize_text(general.get("cod_CAEN")),
        registration_state=normalize_text(general.get("stare_inregistrare")),
        registration_date=_date(general.get("data_inregistrare")),
        iban=normalize_text(general.get("iban")),
        tax_office=normalize_text(general.get("organFiscalCompetent")),
        legal_form=normalize_text(general.get("forma_juridica")),
        vat_payer=_bool(vat.get("scpTVA")),
        vat_since=latest.start,
        vat_until=latest.end,
        vat_periods=periods,
        vat_on_collection=_bool(collection.get("statusTvaIncasare")),
        vat_on_collection_since=_date(collection.get("dataInceputTvaInc")),
        vat_on_collection_until=_date(collection.get("dataSfarsitTvaInc")),
        split_vat=_bool(split.get("statusSplitTVA")),
        split_vat_since=_date(split.get("dataInceputSplitTVA")),
        split_vat_until=_date(split.get("dataAnulareSplitTVA")),
        inactive=_bool(inactive.get("statusInactivi")),
        inactive_since=_date(inactive.get("dataInactivare")),
        reactivated_on=_date(inactive.get("dataReactivare")),
        deregistered_on=_date(inactive.get("dataRadiere")),
        e_factura=_bool(general.get("statusRO_e_Factura")),
        e_factura_since=_date(general.get("data_inreg_Reg_RO_e_Factura")),
    )


def _check_cod(cod: object, message: str) -> None:
    """``cod`` is optional; 200 (and 404 with the normal body) are answers, the rest errors."""
    if cod is None or str(cod) in ("200", "404"):
        return
    text = f"The registry answered cod={cod} {message}".strip()
    if str(cod) == "400":
        raise RegistryRequestError(text, status_code=400)
    if str(cod).startswith("5"):
        raise AnafUnavailableError(text)
    raise AnafError(text)


def parse_answer(body: object, *, query_date: date) -> RegistryAnswer:
    """Read a decoded v9 JSON body; raise :class:`MalformedAnswerError` when it is not one."""
    if not isinstance(body, dict) or not isinstance(body.get("found"), list):
        raise MalformedAnswerError("The registry answer is not a JSON object with 'found'.")
    _check_cod(body.get("cod"), normalize_text(body.get("message")) or "")
    try:
        found = tuple(_company(item, query_date) for item in body["found"])
        not_found = tuple(_cui(cui) for cui in body.get("notFound") or ())
    except (AttributeError, TypeError, ValueError) as exc:
        raise MalformedAnswerError(f"The registry answer has an unexpected shape: {exc}") from exc
    return RegistryAnswer(found=found, not_found=not_found)


def _cui(value: object) -> int:
    text = compact_cui(str(value))
    if not text.isdigit():
        raise ValueError(f"{value!r} is not a Romanian fiscal code (CUI).")
    return int(text)


# --- client ----------------------------------------------------------------------------------


class Throttle:
    """Keeps calls at least ``interval`` seconds apart; share one per process and service."""

    def __init__(
        self,
        interval: float = MIN_INTERVAL,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        """Sleep until ``interval`` has passed since the previous call, then mark this one."""
        with self._lock:
            if self._last is not None:
                remaining = self._last + self.interval - self._clock()
                if remaining > 0:
                    self._sleep(remaining)
            self._last = self._clock()


class RegistryClient:
    """Asks the VAT-payer registry about CUIs, 100 per request and one request per second.

    The host is ``config.public_url`` (ANAF's ``webservicesp.anaf.ro`` or the emulator).
    ``retry_policy`` retries a batch when ANAF is unavailable (the query is idempotent); by
    default a failure is raised at once, which suits a user waiting on a form.
    """

    def __init__(
        self,
        session: requests.Session,
        *,
        config: AnafConfig | None = None,
        timeout: float | tuple[float, float] = _transport.DEFAULT_TIMEOUT,
        throttle: Throttle | None = None,
        retry_policy: _transport.RetryPolicy | None = None,
    ) -> None:
        self.session = session
        self.url = (config or AnafConfig()).public_url + REGISTRY_PATH
        self.timeout = timeout
        self.throttle = throttle or Throttle()
        self.retry_policy = retry_policy or _transport.RetryPolicy(attempts=1)

    def lookup(self, cuis: Iterable[int | str], on: date | None = None) -> RegistryAnswer:
        """What the registry says about ``cuis`` on ``on`` (default: today in Romania)."""
        day = on or datetime.now(_BUCHAREST).date()
        wanted = list(dict.fromkeys(_cui(cui) for cui in cuis))
        found: list[Company] = []
        not_found: list[int] = []
        for start in range(0, len(wanted), MAX_CUIS_PER_REQUEST):
            batch = wanted[start : start + MAX_CUIS_PER_REQUEST]
            answer = _transport.retry(lambda b=batch: self._ask(b, day), self.retry_policy)
            found.extend(answer.found)
            not_found.extend(answer.not_found)
        return RegistryAnswer(found=tuple(found), not_found=tuple(not_found))

    def company(self, cui: int | str, on: date | None = None) -> Company | None:
        """The one company with ``cui``, or ``None`` when ANAF does not know it."""
        return self.lookup([cui], on).get(cui)

    def _ask(self, cuis: list[int], day: date) -> RegistryAnswer:
        payload = [{"cui": cui, "data": day.isoformat()} for cui in cuis]
        self.throttle.wait()
        response = _transport.send(
            self.session, "POST", self.url, json=payload, timeout=self.timeout
        )
        if response.status_code == 400:
            raise RegistryRequestError(
                "The registry refused the request (HTTP 400).", status_code=400
            )
        return parse_answer(_transport.json_body(response), query_date=day)
