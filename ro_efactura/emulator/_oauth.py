"""OAuth2 of ``logincert.anaf.ro`` and the Bearer check of ``api.anaf.ro`` (anaf.md section 2).

* ``GET /anaf-oauth2/v1/authorize`` -- stands in for the browser and the certificate: checks
  ``response_type=code``, the client, the exact ``redirect_uri`` and ``token_content_type=jwt``,
  then 302-redirects with a fresh ``code`` (and the ``state``) for the seeded user named by the
  emulator-only ``login_hint`` (default: the emulator's default user). With
  ``Emulator.deny_authorization`` set it redirects with ``error=access_denied`` (section 2.2).
* ``POST /anaf-oauth2/v1/token`` -- client by HTTP Basic or form fields (2.3); grants
  ``authorization_code`` (code single-use, 60 s) and ``refresh_token`` (a new pair; the old
  refresh token stops working, a deliberate strictness of section 15); RFC 6749 errors as HTTP
  400 JSON. Tokens are HS256 JWTs with ``exp``, ``iat``, ``nbf``, ``iss``, ``jti``,
  ``client_id``, ``serial``; lifetimes 90 and 365 days unless the emulator is told otherwise.
* ``POST /anaf-oauth2/v1/revoke`` -- accepted and honoured, though clients must not rely on it.
* :func:`authenticate` -- 401 for a missing, garbled, unknown, revoked or expired token; 429
  past the per-minute ceiling; 403 without the e-Factura right (section 2.7).

>>> token = encode_jwt({"exp": 1}, b"k")
>>> token.count("."), decode_jwt(token, b"k"), decode_jwt(token, b"other")
(2, {'exp': 1}, None)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from datetime import timedelta
from urllib.parse import urlencode

from ._http import Request, Response, Router
from ._state import Code, Token, User

__all__ = ["ISSUER", "authenticate", "decode_jwt", "encode_jwt", "install", "issue_pair"]

ISSUER = "https://logincert.anaf.ro"
_CODE_LIFETIME = timedelta(seconds=60)  # anaf.md 2.3 / OAuth PDF p. 33
_PREFIX = "/anaf-oauth2/v1"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encode_jwt(claims: dict, key: bytes) -> str:
    head = _b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    body = _b64(json.dumps(claims, separators=(",", ":")).encode())
    mac = hmac.new(key, f"{head}.{body}".encode("ascii"), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(mac)}"


def decode_jwt(token: str, key: bytes) -> dict | None:
    """The claims of a token this emulator signed with ``key``, else ``None``."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        mac = _unb64(parts[2])
        expected = hmac.new(key, f"{parts[0]}.{parts[1]}".encode("ascii"), hashlib.sha256)
        if not hmac.compare_digest(mac, expected.digest()):
            return None
        claims = json.loads(_unb64(parts[1]))
    except (ValueError, binascii.Error, UnicodeError):
        return None
    return claims if isinstance(claims, dict) else None


def issue_pair(emulator, client_id: str, serial: str) -> dict:
    """A fresh access/refresh pair in the JSON of anaf.md section 2.5."""
    now = emulator.clock.now()
    tokens = {}
    for kind, lifetime in (("access", emulator.access_ttl), ("refresh", emulator.refresh_ttl)):
        jti = secrets.token_hex(16)
        expires = now + lifetime
        emulator.state.tokens[jti] = Token(
            jti=jti, kind=kind, client_id=client_id, serial=serial, expires=expires
        )
        claims = {
            "iss": ISSUER,
            "iat": int(now.timestamp()),
            "nbf": int(now.timestamp()),
            "exp": int(expires.timestamp()),
            "jti": jti,
            "client_id": client_id,
            "serial": serial,
            "token_use": kind,
        }
        tokens[kind] = encode_jwt(claims, emulator.secret)
    return {
        "access_token": tokens["access"],
        "refresh_token": tokens["refresh"],
        "token_type": "Bearer",
        "expires_in": int(emulator.access_ttl.total_seconds()),
    }


def _token_record(emulator, token: str, kind: str) -> Token | None:
    claims = decode_jwt(token, emulator.secret)
    record = emulator.state.tokens.get(str((claims or {}).get("jti")))
    if record is None or record.kind != kind or record.revoked:
        return None
    return record if emulator.clock.now() < record.expires else None


def authenticate(emulator, request: Request) -> User | Response:
    """The user behind the Bearer token, or the 401/429/403 answer (anaf.md 2.7, 13)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    record = _token_record(emulator, token.strip(), "access") if scheme == "Bearer" else None
    user = emulator.state.users.get(record.serial) if record else None
    if record is None or user is None:
        answer = Response.json({"status": 401, "error": "Unauthorized"}, status=401)
        answer.headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return answer
    if not emulator.limits.hit_minute(f"{record.client_id}/{record.serial}"):
        return Response.json({"status": 429, "error": "Too Many Requests"}, status=429)
    if not user.efactura:
        return Response.json({"status": 403, "error": "Forbidden"}, status=403)
    return user


def _oauth_error(error: str, description: str = "") -> Response:
    body = {"error": error, **({"error_description": description} if description else {})}
    return Response.json(body, status=400)


def _redirect(uri: str, params: dict[str, str]) -> Response:
    glue = "&" if "?" in uri else "?"
    return Response(302, b"", "text/plain", headers={"Location": uri + glue + urlencode(params)})


def _authorize(emulator, request: Request) -> Response:
    app = emulator.state.applications.get(request.arg("client_id") or "")
    redirect_uri = request.arg("redirect_uri") or ""
    if app is None:
        return _oauth_error("invalid_client", "unknown client_id")
    if redirect_uri not in app.redirect_uris:
        return _oauth_error("invalid_request", "redirect_uri is not registered")
    echo = {"state": request.arg("state")} if request.arg("state") else {}
    if request.arg("response_type") != "code":
        return _redirect(redirect_uri, {"error": "unsupported_response_type", **echo})
    if request.arg("token_content_type") != "jwt":
        return _redirect(redirect_uri, {"error": "invalid_request", **echo})
    serial = request.arg("login_hint") or emulator.default_serial
    if emulator.deny_authorization or serial not in emulator.state.users:
        return _redirect(redirect_uri, {"error": "access_denied", **echo})
    code = secrets.token_urlsafe(24)
    emulator.state.codes[code] = Code(
        client_id=app.client_id,
        redirect_uri=redirect_uri,
        serial=serial,
        created=emulator.clock.now(),
    )
    return _redirect(redirect_uri, {"code": code, **echo})


def _client(emulator, request: Request, form: dict[str, str]):
    header = request.headers.get("authorization", "")
    client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
    if header.startswith("Basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, _, secret = decoded.partition(":")
    app = emulator.state.applications.get(client_id)
    if app is None or not hmac.compare_digest(app.client_secret, secret):
        return None
    return app


def _token(emulator, request: Request) -> Response:
    form = request.form()
    app = _client(emulator, request, form)
    if app is None:
        return _oauth_error("invalid_client")
    grant = form.get("grant_type")
    if form.get("token_content_type", "jwt") != "jwt":
        return _oauth_error("invalid_request", "token_content_type must be jwt")
    if grant == "authorization_code":
        code = emulator.state.codes.pop(form.get("code", ""), None)  # single use
        if (
            code is None
            or code.client_id != app.client_id
            or code.redirect_uri != form.get("redirect_uri")
            or emulator.clock.now() - code.created > _CODE_LIFETIME
        ):
            return _oauth_error("invalid_grant")
        return Response.json(issue_pair(emulator, app.client_id, code.serial))
    if grant == "refresh_token":
        record = _token_record(emulator, form.get("refresh_token", ""), "refresh")
        if record is None or record.client_id != app.client_id:
            return _oauth_error("invalid_grant")
        record.revoked = True
        return Response.json(issue_pair(emulator, app.client_id, record.serial))
    if not grant:
        return _oauth_error("invalid_request", "grant_type is missing")
    return _oauth_error("unsupported_grant_type")


def _revoke(emulator, request: Request) -> Response:
    form = request.form()
    for name in ("access_token", "refresh_token", "token"):
        claims = decode_jwt(form.get(name, ""), emulator.secret) or {}
        record = emulator.state.tokens.get(str(claims.get("jti")))
        if record is not None:
            record.revoked = True
    return Response.json({})


def install(router: Router, emulator) -> None:
    """Register the OAuth endpoints on ``router``."""
    router.route("GET", _PREFIX + "/authorize")(lambda request: _authorize(emulator, request))
    router.route("POST", _PREFIX + "/token")(lambda request: _token(emulator, request))
    router.route("POST", _PREFIX + "/revoke")(lambda request: _revoke(emulator, request))
