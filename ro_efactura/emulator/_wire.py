"""The response families of the e-Factura API, byte for byte (anaf.md section 3).

1. XML ``header`` with attributes and ``<Errors errorMessage>`` children (upload, stareMesaj);
2. in-band JSON ``{"eroare", "titlu"}`` with HTTP 200 (lists, descarcare);
3. HTTP 400 JSON for a missing mandatory parameter;
4. HTTP 404 JSON for a wrong path.

>>> print(header_xml("mfp:anaf:dgti:efactura:stareMesajFactura:v1", {"stare": "ok"}).body.decode())
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<header xmlns="mfp:anaf:dgti:efactura:stareMesajFactura:v1" stare="ok"/>
"""

from __future__ import annotations

from datetime import datetime, timezone
from xml.sax.saxutils import quoteattr

from ._http import Response
from ._state import dmy

__all__ = [
    "STARE_NS",
    "UPLOAD_NS",
    "bad_request",
    "eroare",
    "header_xml",
    "not_found",
]

UPLOAD_NS = "mfp:anaf:dgti:spv:respUploadFisier:v1"
STARE_NS = "mfp:anaf:dgti:efactura:stareMesajFactura:v1"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def header_xml(
    namespace: str, attributes: dict[str, str], errors: tuple[str, ...] = ()
) -> Response:
    """Family 1: ``<header xmlns=... attr=.../>`` with one ``Errors`` child per message."""
    attrs = "".join(f" {name}={quoteattr(value)}" for name, value in attributes.items())
    if not errors:
        return Response.xml(f'{_DECLARATION}<header xmlns="{namespace}"{attrs}/>')
    children = "".join(f"\n    <Errors errorMessage={quoteattr(text)}/>" for text in errors)
    return Response.xml(f'{_DECLARATION}<header xmlns="{namespace}"{attrs}>{children}\n</header>')


def eroare(text: str, titlu: str = "Lista Mesaje") -> Response:
    """Family 2: an in-band error (or "no messages" note) with HTTP 200."""
    return Response.json({"eroare": text, "titlu": titlu})


def bad_request(message: str, now: datetime) -> Response:
    """Family 3: a missing mandatory parameter."""
    body = {"timestamp": dmy(now), "status": 400, "error": "Bad Request", "message": message}
    return Response.json(body, status=400)


def not_found(path: str, now: datetime) -> Response:
    """Family 4: ``timestamp`` in ISO 8601 with milliseconds and offset, as the swagger shows."""
    stamp = now.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    body = {"timestamp": stamp, "status": 404, "error": "Not Found", "path": path}
    return Response.json(body, status=404)
