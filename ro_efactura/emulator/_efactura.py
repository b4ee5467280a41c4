"""``upload``, ``uploadb2c`` and ``stareMesaj`` under ``/{test,prod}/FCTEL/rest`` (anaf.md 4-5).

Upload checks in the order of anaf.md section 15 -- parameters (400), body (400), ``standard``,
``extern``/``autofactura``/``executare``, numeric ``cif``, SPV rights, ``executare`` register,
10 MB, the RASP daily count, then well-formed XML whose root matches the standard -- and
answers the ``respUploadFisier`` header: ``ExecutionStatus="1"`` with ``Errors`` and no index,
or ``ExecutionStatus="0"`` with the next upload index (the job starts ``in prelucrare``).

``stareMesaj`` answers the four states, its query errors (non-integer, unknown index, no right
on it, no rights at all) and the 100-per-message daily limit (``limiteApeluriAPI.txt``).

>>> parser_message(b"<Invoice1/>", "Invoice").split("; ")[1:3]
['lineNumber: 1', 'columnNumber: 12']
"""

from __future__ import annotations

from lxml import etree

from .._xml import CN, INV
from ._http import Request, Response, Router
from ._oauth import authenticate
from ._processing import OUTCOMES, finish_due
from ._state import Job, User, stamp
from ._wire import STARE_NS, UPLOAD_NS, bad_request, header_xml

__all__ = ["ROOTS", "install", "parser_message"]

_API = r"/(?P<env>test|prod)/FCTEL/rest"
_MAX_UPLOAD = 10 * 1024 * 1024  # anaf.md section 4
_CII = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
#: anaf.md section 15: the root element each ``standard`` must carry.
ROOTS = {
    "UBL": f"{{{INV}}}Invoice",
    "CN": f"{{{CN}}}CreditNote",
    "CII": f"{{{_CII}}}CrossIndustryInvoice",
    "RASP": "{mfp:anaf:dgti:spv:reqMesaj:v1}header",
}
_FLAG_TEXTS = {  # anaf.md section 4, "autofacturare" sic
    "extern": "Daca parametrul extern trebuie completat, valoarea acceptata este DA",
    "autofactura": "Daca parametrul autofacturare trebuie completat, valoarea acceptata este DA",
    "executare": "Daca parametrul executare trebuie completat, valoarea acceptata este DA",
}
_NO_CIF = "Nu exista niciun CIF pentru care sa aveti drept in SPV"


def parser_message(body: bytes, expected: str) -> str | None:
    """A SAX-parser-style complaint when ``body`` is not XML with root ``expected``."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        reason = str(exc.msg).split(", line ")[0]
        return (
            f"org.xml.sax.SAXParseException; lineNumber: {line}; columnNumber: {column}; {reason}. "
        )
    if root.tag == expected:
        return None
    local = etree.QName(root).localname
    end = (body.find(b">") + 1) or 1
    line = body[:end].count(b"\n") + 1
    column = end - body.rfind(b"\n", 0, end)
    return (
        f"org.xml.sax.SAXParseException; lineNumber: {line}; columnNumber: {column}; "
        f"cvc-elt.1.a: Cannot find the declaration of element '{local}'. "
    )


def _refuse(emulator, *errors: str) -> Response:
    attributes = {"dateResponse": stamp(emulator.clock.now()), "ExecutionStatus": "1"}
    return header_xml(UPLOAD_NS, attributes, errors)


def _rights(user: User, cif: str) -> str | None:
    if not user.cifs:
        return _NO_CIF
    return None if cif in user.cifs else f"Nu aveti drept in SPV pentru CIF={cif}"


def _check_upload(emulator, request: Request, user: User) -> Response | str | None:
    """The first failed check of anaf.md section 15, as a response or an error text."""
    now = emulator.clock.now()
    standard, cif = request.arg("standard"), request.arg("cif")
    if not standard or not cif:
        return bad_request("Parametrii standard si cif sunt obligatorii", now)
    if not request.body:
        return bad_request("Trebuie sa aveti atasat in request un fisier de tip xml", now)
    if standard not in ROOTS:
        return "Valorile acceptate pentru parametrul standard sunt UBL, CN, CII sau RASP"
    for flag, text in _FLAG_TEXTS.items():
        if request.arg(flag) not in (None, "DA"):
            return text
    if not cif.isdigit():
        return f"CIF introdus= {cif} nu este un numar"
    refusal = _rights(user, cif)
    if refusal:
        return refusal
    if request.arg("executare") == "DA" and cif not in emulator.state.executare_cifs:
        return f"CIF introdus= {cif} nu este inregistrat in Registrul RO e-Factura executari silite"
    if len(request.body) > _MAX_UPLOAD:
        return "Marime fisier transmis mai mare de 10 MB."
    if standard == "RASP" and not emulator.limits.hit_daily("rasp", cif):
        limit = emulator.limits.daily["rasp"]
        return f"S-au incarcat deja {limit} de mesaje de tip RASP pentru cui={cif} in cursul zilei"
    problem = parser_message(request.body, ROOTS[standard])
    return f"Fisierul transmis nu este valid. {problem}" if problem else None


def _upload(emulator, request: Request, env: str, b2c: bool) -> Response:
    user = authenticate(emulator, request)
    if isinstance(user, Response):
        return user
    problem = _check_upload(emulator, request, user)
    if isinstance(problem, Response):
        return problem
    if problem:
        return _refuse(emulator, problem)
    state = emulator.state
    job = Job(
        index=state.next_index(),
        env=env,
        standard=request.arg("standard") or "",
        cif=request.arg("cif") or "",
        serial=user.serial,
        body=request.body,
        uploaded=emulator.clock.now(),
        b2c=b2c,
        extern=request.arg("extern") == "DA",
        autofactura=request.arg("autofactura") == "DA",
        forced=state.forced_outcomes.pop(0) if state.forced_outcomes else None,
    )
    state.jobs[job.index] = job
    attributes = {
        "dateResponse": stamp(job.uploaded),
        "ExecutionStatus": "0",
        "index_incarcare": str(job.index),
    }
    return header_xml(UPLOAD_NS, attributes)


def _stare(emulator, request: Request, env: str) -> Response:
    user = authenticate(emulator, request)
    if isinstance(user, Response):
        return user
    raw = request.arg("id_incarcare")
    if raw is None or raw == "":
        return bad_request("Parametrul id_incarcare este obligatoriu", emulator.clock.now())
    if not user.cifs:
        return header_xml(STARE_NS, {}, ("Nu exista niciun CIF petru care sa aveti drept",))
    if not raw.isdigit():
        return header_xml(STARE_NS, {}, (f"Id_incarcare introdus= {raw} nu este un numar intreg",))
    job = emulator.state.jobs.get(int(raw))
    if job is None or job.env != env:
        return header_xml(STARE_NS, {}, (f"Nu exista factura cu id_incarcare= {raw}",))
    if job.cif not in user.cifs:
        return header_xml(
            STARE_NS, {}, (f"Nu aveti dreptul de inteorgare pentru id_incarcare= {raw}",)
        )
    if not emulator.limits.hit_daily("stare", raw):
        limit = emulator.limits.daily["stare"]
        # Wording of the swagger example, number of limiteApeluriAPI.txt (anaf.md section 13).
        text = f"S-au facut deja {limit} descarcari de mesaj in cursul zilei"
        return header_xml(STARE_NS, {}, (text,))
    job.polls += 1
    finish_due(emulator, job)
    attributes = {"stare": job.state}
    if job.download_id is not None:
        attributes["id_descarcare"] = str(job.download_id)
    return header_xml(STARE_NS, attributes)


def force_outcome(emulator, outcome: str) -> None:
    """Queue the outcome of the next upload: ``ok``, ``nok``, ``stuck`` or the rejected state."""
    if outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {OUTCOMES}")
    emulator.state.forced_outcomes.append(outcome)


def install(router: Router, emulator) -> None:
    """Register upload, uploadb2c and stareMesaj for both environments."""
    router.route("POST", _API + "/upload")(
        lambda request, env: _upload(emulator, request, env, b2c=False)
    )
    router.route("POST", _API + "/uploadb2c")(
        lambda request, env: _upload(emulator, request, env, b2c=True)
    )
    router.route("GET", _API + "/stareMesaj")(lambda request, env: _stare(emulator, request, env))
