"""The emulator-only control API under ``/__emulator/`` -- ANAF has no such paths (anaf.md 15).

The same knobs as the :class:`~ro_efactura.emulator.Emulator` methods, for the Odoo demo and
anything that cannot reach the Python object. Bodies and answers are JSON; no authentication
(the emulator binds 127.0.0.1 only).

=======  =========================  =====================================================
method   path                       body / effect
=======  =========================  =====================================================
GET      /__emulator/               this text (plain)
GET      /__emulator/clock          ``{"now": ISO 8601}``
POST     /__emulator/clock          ``{"advance": seconds}`` or ``{"set": ISO 8601}``
POST     /__emulator/applications   ``{"client_id", "client_secret", "redirect_uris": []}``
POST     /__emulator/users          ``{"serial", "cifs": [], "efactura": true}``
POST     /__emulator/tokens         ``{"serial"?, "client_id"?}`` -> a token pair
POST     /__emulator/authorization  ``{"deny": bool}``: the authorize step refuses or approves
POST     /__emulator/next-upload    ``{"outcome": "ok"|"nok"|"stuck"|"XML cu erori ..."}``
POST     /__emulator/inbox          ``{"xml", "cif", "seller_cif"?, "env"?}`` -> id, index
POST     /__emulator/faults         ``{"kind", "path"?, "count"?, "status"?, "seconds"?}``
POST     /__emulator/latency        ``{"seconds": x}``
GET      /__emulator/counters       the limit counters of today
POST     /__emulator/reset          forget tokens, uploads, messages, counters and faults
=======  =========================  =====================================================

>>> PREFIX
'/__emulator'
"""

from __future__ import annotations

import json
from datetime import datetime

from ._http import Request, Response, Router

__all__ = ["PREFIX", "install"]

PREFIX = "/__emulator"


def _body(request: Request) -> dict:
    data = json.loads(request.body.decode("utf-8") or "{}")
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def _guarded(handler):
    def wrapper(request: Request) -> Response:
        try:
            return handler(request)
        except (ValueError, KeyError, TypeError) as exc:
            return Response.json({"error": f"{type(exc).__name__}: {exc}"}, status=400)

    return wrapper


def install(router: Router, emulator) -> None:
    """Register the control endpoints."""

    def add(method: str, path: str):
        return lambda handler: router.route(method, PREFIX + path)(_guarded(handler))

    @add("GET", "/?")
    def index(request):
        return Response.text(__doc__ or "", content_type="text/plain")

    @add("GET", "/clock")
    def clock(request):
        return Response.json({"now": emulator.clock.now().isoformat()})

    @add("POST", "/clock")
    def move_clock(request):
        body = _body(request)
        if "set" in body:
            emulator.clock.set(datetime.fromisoformat(body["set"]))
        emulator.clock.advance(float(body.get("advance", 0)))
        return Response.json({"now": emulator.clock.now().isoformat()})

    @add("POST", "/applications")
    def applications(request):
        body = _body(request)
        emulator.add_application(body["client_id"], body["client_secret"], body["redirect_uris"])
        return Response.json({"client_id": body["client_id"]})

    @add("POST", "/users")
    def users(request):
        body = _body(request)
        user = emulator.add_user(
            body["serial"], body.get("cifs", ()), efactura=body.get("efactura", True)
        )
        return Response.json({"serial": user.serial, "cifs": sorted(user.cifs)})

    @add("POST", "/tokens")
    def tokens(request):
        body = _body(request)
        return Response.json(emulator.issue_tokens(body.get("serial"), body.get("client_id")))

    @add("POST", "/authorization")
    def authorization(request):
        emulator.deny_authorization = bool(_body(request).get("deny"))
        return Response.json({"deny": emulator.deny_authorization})

    @add("POST", "/next-upload")
    def next_upload(request):
        outcome = _body(request)["outcome"]
        emulator.force_next_upload(outcome)
        return Response.json({"outcome": outcome})

    @add("POST", "/inbox")
    def inbox(request):
        body = _body(request)
        xml = body["xml"].encode("utf-8")
        seller = str(body.get("seller_cif", "34567892"))
        env = str(body.get("env", "test"))
        message = emulator.deliver_invoice(xml, cif=str(body["cif"]), seller_cif=seller, env=env)
        return Response.json({"id": str(message.id), "index": str(message.index)})

    @add("POST", "/faults")
    def faults(request):
        body = _body(request)
        kind = body.pop("kind")
        emulator.inject(kind, **body)
        return Response.json({"armed": emulator.faults.armed})

    @add("POST", "/latency")
    def latency(request):
        emulator.set_latency(float(_body(request)["seconds"]))
        return Response.json({"seconds": emulator.faults.latency})

    @add("POST", "/reset")
    def reset(request):
        emulator.reset()
        return Response.json({"reset": True})

    @add("GET", "/counters")
    def counters(request):
        return Response.json(emulator.limits.snapshot())
