"""Fault knobs: make the next call(s) fail the ways ANAF fails (anaf.md sections 3, 15).

A fault is armed for a number of calls whose path matches a regular expression; ``latency``
slows every answer. Kinds:

* ``http5xx`` -- an HTTP 5xx with the JSON shape of family 5 (``status`` picks the code);
* ``drop`` -- the connection closes without an answer; ``timeout`` -- the answer comes late;
* ``firewall`` -- HTTP 200 ``text/html``, the F5 "The requested URL was rejected" page;
* ``technical`` -- ``A aparut o eroare tehnica. Cod: <n>`` in the endpoint's own format;
* ``malformed_json`` -- HTTP 200 ``application/json`` that is not JSON;
* ``truncated_zip`` -- the real answer, cut in half (meant for ``descarcare``);
* ``crash_after_store`` -- the handler runs (the upload is stored) and then the connection drops.

>>> faults = Faults()
>>> faults.arm("http5xx", path="stareMesaj", status=503)
>>> faults.take("/test/FCTEL/rest/upload") is None
True
>>> faults.take("/test/FCTEL/rest/stareMesaj").status
503
"""

from __future__ import annotations

import random
import re
import threading
from dataclasses import dataclass

from ._http import Request, Response
from ._state import dmy

__all__ = ["KINDS", "Fault", "Faults", "after", "before", "technical_response"]

KINDS = (
    "http5xx",
    "drop",
    "timeout",
    "firewall",
    "technical",
    "malformed_json",
    "truncated_zip",
    "crash_after_store",
)
_AFTER_HANDLER = {"truncated_zip", "crash_after_store"}

# anaf.md section 3, family 6: the F5 page seen on ANAF's hosts.
_FIREWALL_PAGE = (
    "<html><head><title>Request Rejected</title></head><body>The requested URL was rejected. "
    "Please consult with your administrator.<br><br>Your support ID is: {support}<br><br>"
    '<a href="javascript:history.back();">[Go Back]</a></body></html>'
)


@dataclass(slots=True, kw_only=True)
class Fault:
    kind: str
    path: re.Pattern[str]
    remaining: int
    status: int = 500
    seconds: float = 2.0

    @property
    def after_handler(self) -> bool:
        return self.kind in _AFTER_HANDLER


class Faults:
    """The armed faults, taken first-armed first; thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: list[Fault] = []
        self.latency = 0.0

    def arm(
        self,
        kind: str,
        *,
        path: str = "",
        count: int = 1,
        status: int = 500,
        seconds: float = 2.0,
    ) -> None:
        """Make the next ``count`` calls whose path matches ``path`` fail with ``kind``."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; known: {', '.join(KINDS)}")
        if kind == "http5xx" and not 500 <= status <= 599:
            raise ValueError("http5xx needs a status between 500 and 599")
        fault = Fault(
            kind=kind, path=re.compile(path), remaining=count, status=status, seconds=seconds
        )
        with self._lock:
            self._armed.append(fault)

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
        self.latency = 0.0

    def take(self, path: str) -> Fault | None:
        """The fault for a call on ``path``, consuming one of its uses, or ``None``."""
        with self._lock:
            for fault in self._armed:
                if fault.path.search(path):
                    fault.remaining -= 1
                    if fault.remaining <= 0:
                        self._armed.remove(fault)
                    return fault
        return None

    @property
    def armed(self) -> int:
        with self._lock:
            return sum(fault.remaining for fault in self._armed)


def before(fault: Fault, request: Request, now) -> Response:
    """The answer of a fault that replaces the handler."""
    if fault.kind == "http5xx":
        body = {
            "timestamp": dmy(now),
            "status": fault.status,
            "error": "Internal Server Error" if fault.status == 500 else "Server Error",
            "message": "",
        }
        return Response.json(body, status=fault.status)
    if fault.kind == "drop":
        return Response(drop=True)
    if fault.kind == "timeout":
        return _late(fault.seconds)
    if fault.kind == "firewall":
        page = _FIREWALL_PAGE.format(support=random.randrange(10**18, 10**19))
        return Response.text(page, content_type="text/html")
    if fault.kind == "malformed_json":
        return Response(200, b'{"mesaje": [{"id": "30000', "application/json")
    return technical_response(request.path)


def after(fault: Fault, response: Response) -> Response:
    """Spoil the real answer of a fault that lets the handler run first."""
    if fault.kind == "truncated_zip":
        response.body = response.body[: max(1, len(response.body) // 2)]
        return response
    return Response(drop=True)  # crash_after_store: the job is stored, the client gets nothing


def _late(seconds: float) -> Response:
    response = Response.json({"status": 504, "error": "Gateway Timeout"}, status=504)
    response.delay = seconds
    response.drop = True
    return response


def technical_response(path: str) -> Response:
    """``A aparut o eroare tehnica. Cod: <n>`` as each endpoint family carries it (4, 6, 8, 10)."""
    text = f"A aparut o eroare tehnica. Cod: {random.randrange(100, 1000)}"
    if path.endswith(("/upload", "/uploadb2c", "/stareMesaj")):
        if path.endswith("stareMesaj"):
            head = 'xmlns="mfp:anaf:dgti:efactura:stareMesajFactura:v1"'
        else:
            head = 'xmlns="mfp:anaf:dgti:spv:respUploadFisier:v1" ExecutionStatus="1"'
        return Response.xml(
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<header {head}>\n    <Errors errorMessage="{text}"/>\n</header>'
        )
    if "/validare/" in path or "/transformare/" in path:
        return Response.json({"stare": "nok", "Messages": [{"message": text}], "trace_id": "0"})
    return Response.json({"eroare": text, "titlu": "Lista Mesaje"})
