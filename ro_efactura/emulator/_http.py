"""A small threaded HTTP server with a router, the base of the ANAF emulator.

It binds 127.0.0.1 only, picks a free port when asked for 0, starts and stops from Python in
one line and works as a context manager. Handlers take a :class:`Request` and return a
:class:`Response`; a response can also ask the server to wait first or to drop the connection
without answering, which the fault knobs use.

>>> router = Router()
>>> @router.route("GET", r"/hello/(?P<name>\\w+)")
... def hello(request, name):
...     return Response.text(f"Hello, {name}")
>>> import requests
>>> with HTTPServerThread(router) as server:
...     requests.get(server.url + "/hello/ANAF", timeout=5).text
'Hello, ANAF'
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

__all__ = ["HTTPServerThread", "Request", "Response", "Router"]


@dataclass(slots=True)
class Request:
    """What a handler sees of an HTTP request."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # keys lower-cased
    body: bytes = b""

    def arg(self, name: str) -> str | None:
        """The first value of query parameter ``name``, or ``None``."""
        values = self.query.get(name)
        return values[0] if values else None

    def form(self) -> dict[str, str]:
        """The body parsed as ``application/x-www-form-urlencoded`` (first values)."""
        parsed = parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)
        return {key: values[0] for key, values in parsed.items()}


@dataclass(slots=True)
class Response:
    """What a handler answers. ``delay`` (seconds) and ``drop`` drive the fault knobs."""

    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drop: bool = False

    @classmethod
    def json(cls, payload, status: int = 200) -> Response:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return cls(status, body, "application/json")

    @classmethod
    def xml(cls, body: bytes | str, status: int = 200) -> Response:
        data = body.encode("utf-8") if isinstance(body, str) else body
        return cls(status, data, "application/xml")

    @classmethod
    def text(cls, body: str, status: int = 200, content_type: str = "text/plain") -> Response:
        return cls(status, body.encode("utf-8"), f"{content_type}; charset=utf-8")


Handler = Callable[..., Response]


class Router:
    """Maps (method, path regex) to handlers; named groups become keyword arguments."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = []
        self.before: list[Callable[[Request], Response | None]] = []

    def route(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self._routes.append((method.upper(), re.compile(pattern + r"\Z"), handler))
            return handler

        return register

    def dispatch(self, request: Request) -> Response:
        for hook in self.before:
            answer = hook(request)
            if answer is not None:
                return answer
        path_matched = False
        for method, pattern, handler in self._routes:
            match = pattern.match(request.path)
            if match:
                path_matched = True
                if method == request.method:
                    return handler(request, **match.groupdict())
        if path_matched:
            return Response.json({"status": 405, "error": "Method Not Allowed"}, status=405)
        return Response.json({"status": 404, "error": "Not Found", "path": request.path}, 404)


def _handler_class(router: Router) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out apart: avoid 40 ms stalls

        def log_message(self, format, *args):  # keep test output quiet
            pass

        def _serve(self) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            request = Request(
                method=self.command,
                path=split.path,
                query=parse_qs(split.query, keep_blank_values=True),
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            response = router.dispatch(request)
            if response.delay:
                time.sleep(response.delay)
            if response.drop:
                self.close_connection = True
                return
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for key, value in response.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(response.body)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

    return _Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A client that gave up (timeout knob, dropped connection) is expected, not an error.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class HTTPServerThread:
    """Serve ``router`` on 127.0.0.1 in a background thread."""

    def __init__(self, router: Router, port: int = 0) -> None:
        self._server = _QuietServer(("127.0.0.1", port), _handler_class(router))
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> HTTPServerThread:
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> HTTPServerThread:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()
