"""``validare``, ``transformare``, ``/api/validate/signature`` and the token probe (anaf.md 10-12).

``validare/{FACT1|FCN}`` and ``transformare/{FACT1|FCN}[/DA]`` exist only under ``/prod``
(section 1: the test paths answer 404); without a standard they answer the 404 JSON of family 4.
They run the same rules as processing, cap the body at 5 MB and answer ``{stare, Messages,
trace_id}``; ``transformare`` returns a PDF on success. With a Bearer token they are the
``api.anaf.ro`` variants and count against the minute limit; without one, the public
``webservicesp.anaf.ro`` variants. The signature check recomputes the digest and verifies the
emulator's RSA signature (section 12, official sentences of ``validaresemnatura.html``).
``/TestOauth/jaxrs/hello`` echoes ``Hello, <name>`` and the headers it saw (section 2.7).

>>> body = b'--b\\r\\nContent-Disposition: form-data; name="file"\\r\\n\\r\\nX\\r\\n--b--\\r\\n'
>>> _parts(body, "multipart/form-data; boundary=b")
{'file': b'X'}
"""

from __future__ import annotations

import uuid
from email.parser import BytesParser
from email.policy import HTTP

from .._xml import parse
from ..errors import DocumentError
from ._documents import invoice_facts, invoice_pdf
from ._http import Request, Response, Router
from ._oauth import authenticate
from ._processing import rule_messages
from ._signature import verify
from ._wire import not_found

__all__ = ["SIGNATURE_INVALID", "SIGNATURE_VALID", "install"]

_MAX = 5 * 1024 * 1024  # anaf.md section 10
_STANDARDS = {"FACT1", "FCN"}
SIGNATURE_VALID = (
    "Fișierele încărcate au fost validate cu succes, din perspectiva autenticității semnăturii "
    "aplicate și a apartenenței acesteia la XML-ul ce reprezintă factura electronică. Documentul "
    "factură de tip XML cu semnătura de validare atașată, este considerat document original din "
    "perspectiva legislativă și este generat prin intermediul sistemului național RO e-Factura."
)
SIGNATURE_INVALID = (
    "Fișierele încărcate NU au putut fi validate cu succes, din perspectiva autenticității "
    "semnăturii aplicate și a apartenenței acesteia la XML-ul ce reprezintă factura electronică. "
    "Documentul factură de tip XML cu semnătura de validare atașată, NU poate fi considerat "
    "document original din perspectiva legislativă și NU este generat prin intermediul "
    "sistemului național RO e-Factura."
)
_SIGNATURE_BAD_REQUEST = (
    "Eroare tehnică: request incorect. Cauza: cel puțin unul din documente NU a fost încărcat "
    "sau NU este un fisier de tip XML specific facturii electronice."
)


def _gate(emulator, request: Request) -> Response | None:
    """Authenticate when a Bearer token is presented (api.anaf.ro); else public access."""
    if "authorization" not in request.headers:
        return None
    user = authenticate(emulator, request)
    return user if isinstance(user, Response) else None


def _nok(*messages: str) -> Response:
    body = {"stare": "nok", "Messages": [{"message": m} for m in messages]}
    return Response.json({**body, "trace_id": str(uuid.uuid4())})


def _verdict(request: Request, standard: str, run_rules: bool) -> Response | None:
    """The ``nok`` answer of sections 10-11, or ``None`` when the document passes."""
    if standard not in _STANDARDS:
        return _nok("Valorile acceptate pentru parametrul standard sunt FACT1 si FCN")
    if len(request.body) > _MAX:
        return _nok("Marime fisier transmis mai mare de 5 MB.")
    errors = rule_messages(request.body) if run_rules else []
    return _nok(*errors) if errors else None


def _validare(emulator, request: Request, standard: str) -> Response:
    refused = _gate(emulator, request)
    if refused:
        return refused
    verdict = _verdict(request, standard, run_rules=True)
    return verdict or Response.json({"stare": "ok", "trace_id": str(uuid.uuid4())})


def _transformare(emulator, request: Request, standard: str, novld: str | None) -> Response:
    refused = _gate(emulator, request)
    if refused:
        return refused
    verdict = _verdict(request, standard, run_rules=novld != "DA")
    if verdict:
        return verdict
    try:
        facts = invoice_facts(parse(request.body))
    except DocumentError as exc:
        return _nok(f"E: {exc}")
    return Response(200, invoice_pdf(facts), "application/pdf")


def _parts(body: bytes, content_type: str) -> dict[str, bytes]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return {}
    found = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if name:
            found[str(name)] = part.get_payload(decode=True) or b""
    return found


def _signature(emulator, request: Request) -> Response:
    refused = _gate(emulator, request)
    if refused:
        return refused
    parts = _parts(request.body, request.headers.get("content-type", ""))
    content, signature = parts.get("file"), parts.get("signature")
    if not content or not signature:
        return Response.json({"msg": _SIGNATURE_BAD_REQUEST}, status=400)
    valid = verify(content, signature)
    return Response.json({"msg": SIGNATURE_VALID if valid else SIGNATURE_INVALID})


def _hello(emulator, request: Request) -> Response:
    user = authenticate(emulator, request)
    if isinstance(user, Response):
        return user
    seen = "\n".join(f"{key}: {value}" for key, value in sorted(request.headers.items()))
    return Response.text(f"Hello, {request.arg('name') or ''}\n{seen}")


def install(router: Router, emulator) -> None:
    """Register the public and probe endpoints."""
    base = "/prod/FCTEL/rest"
    for name in ("validare", "transformare"):
        router.route("POST", rf"(?P<prefix>/(?:test|prod))?/FCTEL/rest/{name}/?")(
            lambda request, prefix=None, _name=name: not_found(
                f"/FCTEL/rest/{_name}/", emulator.clock.now()
            )
        )
    router.route("POST", base + r"/validare/(?P<standard>[^/]+)")(
        lambda request, standard: _validare(emulator, request, standard)
    )
    router.route("POST", base + r"/transformare/(?P<standard>[^/]+)(?:/(?P<novld>DA))?")(
        lambda request, standard, novld=None: _transformare(emulator, request, standard, novld)
    )
    router.route("POST", r"/api/validate/signature")(lambda request: _signature(emulator, request))
    router.route("GET", r"/TestOauth/jaxrs/hello")(lambda request: _hello(emulator, request))
