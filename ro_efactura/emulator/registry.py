"""The public VAT-payer registry (``PlatitorTvaRest`` v9) in the emulator.

``POST /api/PlatitorTvaRest/v9/tva`` answers from seeded companies as ANAF would on the
requested date (``servicii-web/doc_WS_V9.txt``; ``docs/anaf.md`` §14 and §15 "VAT registry"):
the VAT, VAT-on-collection, inactivity and split-VAT statuses are derived from the seeded
periods, unknown CUIs go to ``notFound``. The state lives on ``emulator.registry``
(:class:`RegistryState`): seeded companies, switches and the request log. ANAF's failures (HTTP
5xx, the firewall page, malformed JSON, latency, timeouts, dropped connections) come from the
emulator's own fault knobs aimed at this path: ``emulator.inject("firewall", path=PATH)``.

Behaviours marked [?] in anaf.md are reproduced as the doc suggests: more than 100 CUIs or a bad
body -> 400; nothing found -> 404 with the normal body; ``cod``/``message`` present by default
and omitted on request (both occur live).

>>> day = date(2025, 3, 14)
>>> record = company_record(DEFAULT_COMPANIES[0], day)
>>> record["date_generale"]["stare_inregistrare"], record["inregistrare_scop_Tva"]["scpTVA"]
('INREGISTRAT din data 02.05.2019', True)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ro_efactura.emulator._http import Request, Response, Router

__all__ = [
    "DEFAULT_COMPANIES",
    "PATH",
    "Period",
    "RegistryCall",
    "RegistryState",
    "SeedAddress",
    "SeedCompany",
    "company_record",
    "install",
    "new_state",
]

PATH = "/api/PlatitorTvaRest/v9/tva"
MAX_CUIS = 100  # doc_WS_V9.txt, rule a)


# --- seed data -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Period:
    """A status held from ``start`` (inclusive) until ``end`` (exclusive, ``None``: still on)."""

    start: date
    end: date | None = None

    def covers(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class SeedAddress:
    """An address as the registry splits it (county number and licence-plate code included)."""

    street: str
    number: str
    locality: str  # as ANAF writes it, e.g. "Mun. Cluj-Napoca", "Sector 3 Mun. Bucureşti"
    locality_code: str
    county: str
    county_number: str  # scod_Judet, e.g. "12" Cluj, "40" Bucureşti
    county_plate: str  # scod_JudetAuto, e.g. "CJ", "B"
    postal_code: str
    details: str = ""

    def text(self) -> str:
        county = self.county if self.county_plate == "B" else f"JUD. {self.county}"
        return f"{county}, {self.locality.upper()}, {self.street.upper()}, NR.{self.number}"


@dataclass(frozen=True, slots=True, kw_only=True)
class SeedCompany:
    """One company of the emulated registry, with the periods its statuses derive from."""

    cui: int
    name: str
    address: SeedAddress  # fiscal domicile; also the registered office unless given
    registered_on: date
    registered_office: SeedAddress | None = None
    reg_com: str = ""
    phone: str = ""
    fax: str = ""
    caen: str = ""
    iban: str = ""
    tax_office: str = ""
    legal_form: str = "SOCIETATE COMERCIALĂ CU RĂSPUNDERE LIMITATĂ"
    vat: tuple[Period, ...] = ()
    vat_end_reason: str = ""  # mesaj_ScpTVA for ended VAT periods
    vat_on_collection: tuple[Period, ...] = ()
    inactive: tuple[Period, ...] = ()
    split_vat: tuple[Period, ...] = ()
    deregistered_on: date | None = None
    e_factura_since: date | None = None


def _cluj() -> SeedAddress:
    return SeedAddress(
        street="Str. Exemplului", number="7", locality="Mun. Cluj-Napoca",
        locality_code="279", county="CLUJ", county_number="12", county_plate="CJ",
        postal_code="400001",
    )  # fmt: skip


DEFAULT_COMPANIES: tuple[SeedCompany, ...] = (
    SeedCompany(
        cui=12345674, name="EXEMPLU SOFTWARE SRL", address=_cluj(),
        registered_on=date(2019, 5, 2), reg_com="J12/3456/2019", phone="0264000000",
        caen="6201", tax_office="Administraţia Judeţeană a Finanţelor Publice Cluj",
        vat=(Period(start=date(2019, 6, 1)),), e_factura_since=date(2022, 7, 1),
    ),
    SeedCompany(  # Bucharest sector 3, cedilla letters, a postal code that lost its zero
        cui=34567892, name="ALFA CONSTRUCŢII ŞI INSTALAŢII SRL",
        address=SeedAddress(
            street="Bd. Unirii", number="45", locality="Sector 3 Mun. Bucureşti",
            locality_code="3", county="MUNICIPIUL BUCUREŞTI", county_number="40",
            county_plate="B", postal_code="31472", details="BL. E3, SC. 2, AP. 14",
        ),
        registered_on=date(2015, 9, 21), reg_com="J40/11223/2015", phone="0213000000",
        caen="4120", tax_office="Administraţia Sector 3 a Finanţelor Publice",
        vat=(Period(start=date(2015, 10, 1)),),
        vat_on_collection=(Period(start=date(2023, 1, 1)),), e_factura_since=date(2022, 1, 1),
    ),
    SeedCompany(  # not a VAT payer
        cui=15678908, name="GAMMA CONTABILITATE SRL",
        address=SeedAddress(
            street="Str. Florilor", number="12", locality="Mun. Timişoara",
            locality_code="9262", county="TIMIŞ", county_number="35", county_plate="TM",
            postal_code="300001",
        ),
        registered_on=date(2021, 3, 15), reg_com="J35/987/2021", caen="6920",
    ),
    SeedCompany(  # inactive since 2024-05-10, inactive once before and reactivated
        cui=23456783, name="DELTA TRANSPORT SRL",
        address=SeedAddress(
            street="Şos. Naţională", number="3A", locality="Mun. Iaşi",
            locality_code="95079", county="IAŞI", county_number="22", county_plate="IS",
            postal_code="700001",
        ),
        registered_on=date(2012, 4, 3), reg_com="J22/555/2012", caen="4941",
        vat=(Period(start=date(2012, 5, 1), end=date(2024, 5, 10)),),
        vat_end_reason="art. 316 alin. (11) lit. a) din Codul fiscal",
        inactive=(
            Period(start=date(2021, 2, 1), end=date(2021, 8, 1)),
            Period(start=date(2024, 5, 10)),
        ),
    ),
    SeedCompany(  # split VAT while it existed (2018-01-01 .. 2019-02-01)
        cui=40123452, name="OMEGA DISTRIBUŢIE SA", address=_cluj(),
        registered_on=date(2010, 1, 11), reg_com="J12/100/2010", caen="4690",
        legal_form="SOCIETATE PE ACŢIUNI", iban="RO49AAAA1B31007593840000",
        vat=(Period(start=date(2010, 2, 1)),),
        split_vat=(Period(start=date(2018, 1, 1), end=date(2019, 2, 1)),),
        e_factura_since=date(2022, 1, 1),
    ),
)  # fmt: skip


# --- the JSON ANAF sends ---------------------------------------------------------------------


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def _seen(day: date | None, on: date) -> str:
    """A date as the registry shows it on ``on``: future events are not known yet."""
    return _iso(day) if day and day <= on else ""


def _latest(periods: tuple[Period, ...], on: date) -> Period | None:
    started = [period for period in periods if period.start <= on]
    return max(started, key=lambda period: period.start, default=None)


def _address(address: SeedAddress, prefix: str) -> dict:
    return {
        f"{prefix}denumire_Strada": address.street,
        f"{prefix}numar_Strada": address.number,
        f"{prefix}denumire_Localitate": address.locality,
        f"{prefix}cod_Localitate": address.locality_code,
        f"{prefix}denumire_Judet": address.county,
        f"{prefix}cod_Judet": address.county_number,
        f"{prefix}cod_JudetAuto": address.county_plate,
        f"{prefix}tara": "",
        f"{prefix}detalii_Adresa": address.details,
        f"{prefix}cod_Postal": address.postal_code,
    }


def _general(company: SeedCompany, on: date) -> dict:
    gone = company.deregistered_on is not None and company.deregistered_on <= on
    state, since = ("RADIAT", company.deregistered_on) if gone else ("INREGISTRAT", None)
    since = since or company.registered_on
    return {
        "cui": company.cui,
        "data": on.isoformat(),
        "denumire": company.name,
        "adresa": company.address.text(),
        "nrRegCom": company.reg_com,
        "telefon": company.phone,
        "fax": company.fax,
        "codPostal": company.address.postal_code,
        "act": "",
        "stare_inregistrare": f"{state} din data {since:%d.%m.%Y}",
        "data_inregistrare": company.registered_on.isoformat(),
        "cod_CAEN": company.caen,
        "iban": company.iban,
        "statusRO_e_Factura": bool(_seen(company.e_factura_since, on)),
        "data_inreg_Reg_RO_e_Factura": _seen(company.e_factura_since, on),
        "organFiscalCompetent": company.tax_office,
        "forma_de_proprietate": "PROPR.PRIVATA-CAPITAL PRIVAT AUTOHTON",
        "forma_organizare": "PERSOANA JURIDICA",
        "forma_juridica": company.legal_form,
    }


def _vat(company: SeedCompany, on: date) -> dict:
    periods = sorted((p for p in company.vat if p.start <= on), key=lambda p: p.start)
    return {
        "scpTVA": any(period.covers(on) for period in company.vat),
        "perioade_TVA": [
            {
                "data_inceput_ScpTVA": period.start.isoformat(),
                "data_sfarsit_ScpTVA": _seen(period.end, on),
                "data_anul_imp_ScpTVA": _seen(period.end, on),
                "mesaj_ScpTVA": company.vat_end_reason if _seen(period.end, on) else "",
            }
            for period in reversed(periods)
        ],
    }


def _collection(company: SeedCompany, on: date) -> dict:
    latest = _latest(company.vat_on_collection, on)
    ended = _seen(latest.end, on) if latest else ""
    updated = ended or _iso(latest.start if latest else None)
    return {
        "dataInceputTvaInc": _iso(latest.start if latest else None),
        "dataSfarsitTvaInc": ended,
        "dataActualizareTvaInc": updated,
        "dataPublicareTvaInc": updated,
        "tipActTvaInc": ("Radiere" if ended else "Inregistrare") if latest else "",
        "statusTvaIncasare": bool(latest and latest.covers(on)),
    }


def _inactive(company: SeedCompany, on: date) -> dict:
    latest = _latest(company.inactive, on)
    return {
        "dataInactivare": _iso(latest.start if latest else None),
        "dataReactivare": _seen(latest.end, on) if latest else "",
        "dataPublicare": _iso(latest.start if latest else None),
        "dataRadiere": _seen(company.deregistered_on, on),
        "statusInactivi": bool(latest and latest.covers(on)),
    }


def _split(company: SeedCompany, on: date) -> dict:
    latest = _latest(company.split_vat, on)
    return {
        "dataInceputSplitTVA": _iso(latest.start if latest else None),
        "dataAnulareSplitTVA": _seen(latest.end, on) if latest else "",
        "statusSplitTVA": bool(latest and latest.covers(on)),
    }


def company_record(company: SeedCompany, on: date) -> dict:
    """The ``found`` item ANAF would send for ``company`` on day ``on``."""
    return {
        "date_generale": _general(company, on),
        "inregistrare_scop_Tva": _vat(company, on),
        "inregistrare_RTVAI": _collection(company, on),
        "stare_inactiv": _inactive(company, on),
        "inregistrare_SplitTVA": _split(company, on),
        "adresa_sediu_social": _address(company.registered_office or company.address, "s"),
        "adresa_domiciliu_fiscal": _address(company.address, "d"),
    }


# --- state and endpoint ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistryCall:
    """One request the endpoint received: when (emulator clock), which CUIs, what it answered."""

    at: datetime
    cuis: tuple[int, ...]
    status: int


@dataclass(slots=True, kw_only=True)
class RegistryState:
    """The emulated registry: seeded companies, switches, fault knobs and the request log."""

    companies: dict[int, SeedCompany] = field(default_factory=dict)
    send_cod_message: bool = True  # False: the body starts at "found", as sometimes live
    max_cuis: int = MAX_CUIS  # lower it to see how a client copes with a stricter ANAF
    enforce_rate: bool = False  # emulator-only: answer 429 to a second request within 1 s
    calls: list[RegistryCall] = field(default_factory=list)

    def add(self, *companies: SeedCompany) -> None:
        """Seed (or replace) companies, keyed by CUI."""
        self.companies.update((company.cui, company) for company in companies)

    def answer(self, queries: list[tuple[int, date]]) -> tuple[int, dict]:
        """The HTTP status and body for valid (CUI, date) queries."""
        known = [(cui, on) for cui, on in queries if self._known(cui, on)]
        body = {
            "found": [company_record(self.companies[cui], on) for cui, on in known],
            "notFound": [cui for cui, on in queries if (cui, on) not in known],
        }
        status = 200 if known else 404
        if self.send_cod_message:
            head = {"cod": 200, "message": "SUCCESS"} if status == 200 else _NOT_FOUND
            body = head | body
        return status, body

    def _known(self, cui: int, on: date) -> bool:
        company = self.companies.get(cui)
        return company is not None and company.registered_on <= on


_NOT_FOUND = {"cod": 404, "message": "NOT_FOUND"}  # [?] live text not documented


def _parse(body: bytes) -> list[tuple[int, date]]:
    """The (CUI, date) queries of a request body; ``ValueError`` when it is not a valid one."""
    items = json.loads(body.decode("utf-8"))
    if not isinstance(items, list) or not items:
        raise ValueError("the body must be a non-empty JSON array")
    queries = []
    for item in items:
        cui = item.get("cui") if isinstance(item, dict) else None
        if isinstance(cui, bool) or not str(cui).isdigit():
            raise ValueError(f"bad cui {cui!r}")
        queries.append((int(cui), date.fromisoformat(str(item.get("data")))))
    return queries


def _bad_request(reason: str) -> Response:
    return Response.json({"cod": 400, "message": f"Bad Request: {reason}"}, status=400)


def new_state() -> RegistryState:
    """A registry seeded with :data:`DEFAULT_COMPANIES` and every knob off."""
    state = RegistryState()
    state.add(*DEFAULT_COMPANIES)
    return state


def install(router: Router, emulator) -> None:
    """Register the registry endpoint; its state is ``emulator.registry`` (replaceable)."""
    emulator.registry = new_state()

    @router.route("POST", PATH)
    def tva(request: Request) -> Response:
        state: RegistryState = emulator.registry
        now = emulator.clock.now()
        last = state.calls[-1].at if state.calls else None
        response, cuis = _respond(state, request, last, now)
        state.calls.append(RegistryCall(at=now, cuis=tuple(cuis), status=response.status))
        return response


def _respond(state: RegistryState, request: Request, last: datetime | None, now: datetime):
    # Emulator-only: ANAF documents no 429 for this service (anaf.md §13); it only asks clients
    # to keep to one request per second, which this switch lets tests check.
    if state.enforce_rate and last is not None and now - last < timedelta(seconds=1):
        return Response.json({"cod": 429, "message": "Too Many Requests"}, status=429), []
    try:
        queries = _parse(request.body)
    except (ValueError, UnicodeDecodeError) as exc:
        return _bad_request(str(exc)), []
    cuis = [cui for cui, _ in queries]
    if len(queries) > state.max_cuis:
        return _bad_request(f"{len(queries)} CUIs; at most {state.max_cuis} per request"), cuis
    status, body = state.answer(queries)
    return Response.json(body, status=status), cuis
