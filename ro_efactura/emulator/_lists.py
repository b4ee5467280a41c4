"""``listaMesajeFactura``, ``listaMesajePaginatieFactura`` and ``descarcare`` (anaf.md 6-8).

Lists: the entries of one CIF, filtered by type (``E`` ERORI FACTURA, ``T`` FACTURA TRIMISA,
``P`` FACTURA PRIMITA, ``R`` buyer messages), over ``zile`` days or an epoch-millisecond window
checked against the emulator's clock (not older than 60 days, end after start, end not in the
future -- with ANAF's own time appended, as production does). The simple list refuses more
than 500 entries; the paged one serves 500 per page. Download: the ZIP, or the in-band JSON
errors, the 60-day expiry text, and the 10-per-message daily limit.

>>> _ms_text("1741600000000")
'10-03-2025 11:46:40'
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from ._documents import spv_zip
from ._http import Request, Response, Router
from ._oauth import authenticate
from ._processing import finish_due
from ._state import Message, User, dmy, stamp
from ._wire import bad_request, eroare

__all__ = ["PAGE_SIZE", "install"]

_API = r"/(?P<env>test|prod)/FCTEL/rest"
PAGE_SIZE = 500
_RETENTION = timedelta(days=60)
_FILTERS = {
    "E": ("ERORI FACTURA",),
    "T": ("FACTURA TRIMISA",),
    "P": ("FACTURA PRIMITA",),
    "R": ("MESAJ CUMPARATOR PRIMIT", "MESAJ CUMPARATOR TRANSMIS"),
}
_BAD_FILTER = "Valorile acceptate pentru parametrul filtru sunt E, T, P sau R"
_NO_CIF = "Nu exista niciun CIF pentru care sa aveti drept in SPV"
_LIMIT = "S-au facut deja {} interogari de lista mesaje de catre utilizator in cursul zilei"
_DOWNLOAD = "Descarcare mesaj"


def _ms_text(raw: str) -> str:
    return dmy(datetime.fromtimestamp(int(raw) / 1000, timezone.utc))


def _entry(message: Message) -> dict[str, str]:
    return {
        "data_creare": stamp(message.listed),
        "cif": message.cif,
        "id_solicitare": str(message.index),
        "detalii": message.detalii,
        "tip": message.tip,
        "id": str(message.id),
    }


def _rights(user: User, cif: str) -> str | None:
    if not user.cifs:
        return _NO_CIF
    return None if cif in user.cifs else f"Nu aveti drept in SPV pentru CIF={cif}"


def _select(
    emulator, env: str, cif: str, filtru: str | None, start: datetime, end: datetime
) -> list:
    for job in list(emulator.state.jobs.values()):
        finish_due(emulator, job)
    kinds = _FILTERS[filtru] if filtru else None
    found = [
        m
        for m in emulator.state.messages.values()
        if m.env == env
        and m.cif == cif
        and start <= m.listed <= end
        and (kinds is None or m.tip in kinds)
    ]
    return sorted(found, key=lambda m: (m.listed, m.id))


def _simple(emulator, request: Request, env: str) -> Response:
    user = authenticate(emulator, request)
    if isinstance(user, Response):
        return user
    now = emulator.clock.now()
    zile, cif, filtru = request.arg("zile"), request.arg("cif"), request.arg("filtru")
    if not zile or not cif:
        return bad_request("Parametrii zile si cif sunt obligatorii", now)
    if not cif.isdigit():
        return eroare(f"CIF introdus= {cif} nu este un numar")
    if not zile.lstrip("-").isdigit():
        return eroare(f"Numarul de zile introdus= {zile} nu este un numar intreg")
    if not 1 <= int(zile) <= 60:
        return eroare("Numarul de zile trebuie sa fie intre 1 si 60")
    if filtru is not None and filtru not in _FILTERS:
        return eroare(_BAD_FILTER)
    refusal = _rights(user, cif)
    if refusal:
        return eroare(refusal)
    if not emulator.limits.hit_daily("list", cif):
        return eroare(_LIMIT.format(emulator.limits.daily["list"]))
    found = _select(emulator, env, cif, filtru, now - timedelta(days=int(zile)), now)
    if not found:
        return eroare(f"Nu exista mesaje in ultimele {zile} zile")
    if len(found) > PAGE_SIZE:
        return eroare(
            "Lista de mesaje este mai mare decat numarul de 500 elemente permise in pagina. "
            "Folositi endpoint-ul cu paginatie."
        )
    return Response.json(
        {
            "mesaje": [_entry(m) for m in found],
            "serial": user.serial,
            "cui": cif,
            "titlu": f"Lista Mesaje disponibile din ultimele {zile} zile",
        }
    )


def _paged_params(request: Request, now: datetime) -> Response | tuple[str, int, int, int]:
    names = ("startTime", "endTime", "cif", "pagina")
    values = {name: request.arg(name) for name in names}
    if not all(values.values()):
        return bad_request("Parametrii startTime, endTime, cif si pagina sunt obligatorii", now)
    if not values["cif"].isdigit():
        return eroare(
            f"CIF introdus= {values['cif']} nu este un numar sau nu are o valoare acceptata "
            "de sistem"
        )
    for name in ("startTime", "endTime", "pagina"):
        if not values[name].isdigit() or (name == "pagina" and int(values[name]) < 1):
            return eroare(
                f"{name} = {values[name]} nu este un numar sau nu are o valoare acceptata de sistem"
            )
    start, end = int(values["startTime"]), int(values["endTime"])
    return values["cif"], start, end, int(values["pagina"])


def _interval_error(start: int, end: int, now: datetime) -> str | None:
    """The three interval checks of anaf.md section 7, against the emulator's clock."""
    now_ms = int(now.timestamp() * 1000)
    if start < int((now - _RETENTION).timestamp() * 1000):
        return (
            f"startTime = {_ms_text(str(start))} nu poate fi mai vechi de 60 de zile fata de "
            "momentul requestului"
        )
    if end <= start:
        return f"endTime = {_ms_text(str(end))} nu poate fi <= startTime = {_ms_text(str(start))}"
    if end > now_ms:
        return (
            f"endTime = {_ms_text(str(end))} nu poate in viitor fata de momentul requestului"
            f" = {dmy(now)}"
        )
    return None


def _paged(emulator, request: Request, env: str) -> Response:
    user = authenticate(emulator, request)
    if isinstance(user, Response):
        return user
    now = emulator.clock.now()
    params = _paged_params(request, now)
    if isinstance(params, Response):
        return params
    cif, start, end, page = params
    filtru = request.arg("filtru")
    if filtru is not None and filtru not in _FILTERS:
        return eroare(_BAD_FILTER)
    refusal = _rights(user, cif) or _interval_error(start, end, now)
    if refusal:
        return eroare(refusal)
    if not emulator.limits.hit_daily("list_paged", cif):
        return eroare(_LIMIT.format(emulator.limits.daily["list_paged"]))
    moments = [datetime.fromtimestamp(ms / 1000, timezone.utc) for ms in (start, end)]
    found = _select(emulator, env, cif, filtru, *moments)
    if not found:
        return eroare("Nu exista mesaje in intervalul selectat")
    pages = math.ceil(len(found) / PAGE_SIZE)
    if page > pages:
        return eroare(
            f"Pagina solicitata {page} este mai mare decat numarul toatal de pagini {pages}"
        )
    chunk = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return Response.json(
        {
            "mesaje": [_entry(m) for m in chunk],
            "numar_inregistrari_in_pagina": len(chunk),
            "numar_total_inregistrari_per_pagina": PAGE_SIZE,
            "numar_total_inregistrari": len(found),
            "numar_total_pagini": pages,
            "index_pagina_curenta": page,
            "serial": user.serial,
            "cui": cif,
            "titlu": "Lista Mesaje disponibile din intervalul "
            f"{_ms_text(str(start))} - {_ms_text(str(end))}",
        }
    )


def _download(emulator, request: Request, env: str) -> Response:
    user = authenticate(emulator, request)
    if isinstance(user, Response):
        return user
    now = emulator.clock.now()
    raw = request.arg("id")
    if not raw:
        return bad_request("Parametrul id este obligatoriu", now)
    if not raw.isdigit():
        return eroare(f"Id descarcare introdus= {raw} nu este un numar intreg", _DOWNLOAD)
    message = emulator.state.messages.get(int(raw))
    if message is None or message.env != env:
        return eroare(f"Pentru id={raw} nu exista inregistrata nici o factura", _DOWNLOAD)
    if message.cif not in user.cifs:
        return eroare("Nu aveti dreptul sa descarcati acesta factura", _DOWNLOAD)
    if now - message.created > _RETENTION:
        return eroare(
            "Fisierul nu mai poate fi descarcat pentru ca a trecut perioada de 60 de zile in "
            "care este disponibil",
            _DOWNLOAD,
        )
    if not emulator.limits.hit_daily("download", raw):
        limit = emulator.limits.daily["download"]
        return eroare(f"S-au facut deja {limit} descarcari de mesaj in cursul zilei", _DOWNLOAD)
    if message.archive is None:  # signing costs milliseconds: only for what is downloaded
        message.archive = spv_zip(message.index, message.content)
    answer = Response(200, message.archive, "application/zip")
    answer.headers["Content-Disposition"] = f'attachment; filename="{raw}.zip"'
    return answer


def install(router: Router, emulator) -> None:
    """Register the two lists and the download for both environments."""
    router.route("GET", _API + "/listaMesajeFactura")(
        lambda request, env: _simple(emulator, request, env)
    )
    router.route("GET", _API + "/listaMesajePaginatieFactura")(
        lambda request, env: _paged(emulator, request, env)
    )
    router.route("GET", _API + "/descarcare")(
        lambda request, env: _download(emulator, request, env)
    )
