"""The e-Factura (SPV) client: upload, status, lists, download, validation, PDF (anaf.md 4-12).

:class:`EfacturaClient` holds a :class:`requests.Session`, a
:class:`~ro_efactura.anaf.oauth.TokenManager` and an :class:`~ro_efactura.anaf.AnafConfig`;
every call has an explicit timeout. The token is refreshed before it expires, and once more
after a 401; a second 401 raises :class:`~ro_efactura.errors.TokenExpiredError`.

``upload`` is **never** retried: it is not idempotent (store the index before anything else).
The other calls retry with bounded exponential backoff and jitter on ANAF-unavailable and on a
short rate limit (:class:`~ro_efactura.anaf._transport.RetryPolicy`). The paginated list is
walked to its last page. Polling many indexes lives in :mod:`ro_efactura.anaf.polling`.

Returned as values: :class:`UploadResult` (index, or ANAF's rejection messages),
:class:`StatusResult` (``ok``/``nok``/...), :class:`MessageList` (empty when there are none),
:class:`Download`, :class:`ValidationResult`, PDF bytes, the signature verdict. Raised: the
:mod:`ro_efactura.errors` classes of :mod:`ro_efactura.anaf._answers` and ``_transport``.

>>> client = EfacturaClient(requests.Session(), None)
>>> client.config.efactura_url("upload")
'https://api.anaf.ro/test/FCTEL/rest/upload'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone

import requests

from ..errors import AnafRequestError, MalformedAnswerError, TokenExpiredError, TokenMissingError
from ._answers import (
    check_bad_request,
    in_band_error,
    normalized,
    open_zip,
    parse_list,
    parse_status,
    parse_upload,
)
from ._transport import DEFAULT_TIMEOUT, RetryPolicy, json_body, retry, send
from .config import AnafConfig
from .models import Download, MessageList, StatusResult, UploadResult, ValidationResult
from .oauth import TokenManager

__all__ = ["FILTERS", "STANDARDS", "EfacturaClient"]

#: ``standard`` of upload (anaf.md section 4).
STANDARDS = ("UBL", "CN", "CII", "RASP")
#: ``filtru`` of the lists: E errors, T sent, P received, R buyer messages (section 6).
FILTERS = ("E", "T", "P", "R")
_RETENTION = timedelta(days=60)
# Margins against clock drift (anaf.md section 7): ANAF refuses a future end or an old start.
_END_MARGIN = timedelta(seconds=60)
_START_MARGIN = timedelta(minutes=5)


def _utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _ms(moment: datetime) -> str:
    return str(int(moment.timestamp() * 1000))


class EfacturaClient:
    """The e-Factura API for the companies one token covers.

    :param tokens: ``None`` for the public services only (``validare``, ``transformare``,
        signature check without a token, on the public host).
    :param clock: the current time (UTC); the list windows are computed from it.
    """

    def __init__(
        self,
        session: requests.Session,
        tokens: TokenManager | None,
        *,
        config: AnafConfig | None = None,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        retry_policy: RetryPolicy | None = None,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        self.session = session
        self.tokens = tokens
        self.config = config or AnafConfig()
        self.timeout = timeout
        self.retry_policy = retry_policy or RetryPolicy()
        self.clock = clock

    # --- plumbing --------------------------------------------------------------------------

    def _send(self, method: str, url: str, token: str | None, **kwargs) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}))
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return send(self.session, method, url, timeout=self.timeout, headers=headers, **kwargs)

    def _authorized(self, method: str, url: str, **kwargs) -> requests.Response:
        """One call with the token; on 401, refresh once and repeat; a second 401 raises."""
        if self.tokens is None:
            raise TokenMissingError("This client has no token; it can use public services only.")
        try:
            return self._send(method, url, self.tokens.access_token(self.session), **kwargs)
        except TokenExpiredError:
            fresh = self.tokens.refresh(self.session)
        try:
            return self._send(method, url, fresh, **kwargs)
        except TokenExpiredError as exc:
            raise TokenExpiredError(
                "ANAF refused a freshly refreshed token; authorize again.", status_code=401
            ) from exc

    def _idempotent(self, method: str, url: str, **kwargs) -> requests.Response:
        return retry(lambda: self._authorized(method, url, **kwargs), self.retry_policy)

    # --- e-Factura -------------------------------------------------------------------------

    def upload(
        self,
        xml: bytes,
        *,
        cif: str,
        standard: str = "UBL",
        b2c: bool = False,
        extern: bool = False,
        self_billed: bool = False,
        enforcement: bool = False,
    ) -> UploadResult:
        """File a document (anaf.md section 4). Never retried: persist the index at once.

        :param b2c: use ``uploadb2c`` (invoices to consumers).
        :param extern: the buyer is outside Romania; ``self_billed``: ``autofactura=DA``;
            ``enforcement``: ``executare=DA``.
        """
        if standard not in STANDARDS:
            raise ValueError(f"standard must be one of {STANDARDS}")
        params = {"standard": standard, "cif": _digits(cif)}
        flags = {"extern": extern, "autofactura": self_billed, "executare": enforcement}
        params.update({name: "DA" for name, wanted in flags.items() if wanted})
        url = self.config.efactura_url("uploadb2c" if b2c else "upload")
        response = self._authorized(
            "POST", url, params=params, data=xml, headers={"Content-Type": "application/xml"}
        )
        return parse_upload(response)

    def status(self, index: str | int) -> StatusResult:
        """The processing state of an upload (anaf.md section 5)."""
        url = self.config.efactura_url("stareMesaj")
        response = self._idempotent("GET", url, params={"id_incarcare": str(index)})
        return parse_status(response, str(index))

    def messages(self, cif: str, *, days: int = 60, filter: str | None = None) -> MessageList:
        """``listaMesajeFactura`` over the last ``days`` (1-60; at most 500 entries)."""
        if not 1 <= days <= 60:
            raise ValueError("days must be between 1 and 60")
        params = {"zile": str(days), "cif": _digits(cif), **_filter(filter)}
        url = self.config.efactura_url("listaMesajeFactura")
        return parse_list(self._json(url, params))

    def messages_between(
        self,
        cif: str,
        start: datetime | None = None,
        end: datetime | None = None,
        *,
        filter: str | None = None,
    ) -> MessageList:
        """``listaMesajePaginatieFactura`` walked to its last page (anaf.md section 7).

        The window is clipped to what ANAF accepts: not older than 60 days (minus a margin),
        not later than now (minus a minute of drift). Default: the whole 60 days.
        """
        now = self.clock()
        start = max(start or now - _RETENTION, now - _RETENTION + _START_MARGIN)
        end = min(end or now, now - _END_MARGIN)
        if end <= start:
            return MessageList(cif=_digits(cif))
        url = self.config.efactura_url("listaMesajePaginatieFactura")
        params = {"startTime": _ms(start), "endTime": _ms(end), "cif": _digits(cif)}
        params.update(_filter(filter))
        first = parse_list(self._json(url, {**params, "pagina": "1"}))
        collected = list(first.messages)
        for page in range(2, first.pages + 1):
            try:
                chunk = parse_list(self._json(url, {**params, "pagina": str(page)}))
            except AnafRequestError as exc:  # the list shrank since page 1
                if "pagina solicitata" in normalized(exc.anaf_message):
                    break
                raise
            if not chunk.messages:
                break
            collected.extend(chunk.messages)
        return MessageList(
            messages=tuple(collected),
            cif=first.cif,
            serial=first.serial,
            title=first.title,
            pages=first.pages,
        )

    def _json(self, url: str, params: dict) -> dict:
        response = self._idempotent("GET", url, params=params)
        check_bad_request(response)
        payload = json_body(response)
        if not isinstance(payload, dict):
            raise MalformedAnswerError("ANAF's list answer is not a JSON object.")
        return payload

    def download(self, download_id: str | int) -> Download:
        """The ZIP of a message, opened (anaf.md sections 8-9)."""
        url = self.config.efactura_url("descarcare")
        response = self._idempotent("GET", url, params={"id": str(download_id)})
        check_bad_request(response)
        if not response.content.startswith(b"PK"):
            payload = json_body(response)
            raise in_band_error(str(payload.get("eroare", payload)))
        return open_zip(response.content)

    # --- validation, PDF, signature (production only) --------------------------------------

    def _service(self, path: str) -> tuple[str, bool]:
        """The URL of a prod-only service: API host with a token, public host without."""
        if self.tokens is None:
            return f"{self.config.public_url}{path}", False
        return f"{self.config.api_url}{path}", True

    def _post_service(self, path: str, **kwargs) -> requests.Response:
        url, authorized = self._service(path)
        if authorized:
            return self._idempotent("POST", url, **kwargs)
        return retry(lambda: self._send("POST", url, None, **kwargs), self.retry_policy)

    def validate(self, xml: bytes, *, standard: str = "FACT1") -> ValidationResult:
        """ANAF's own CIUS-RO check, without filing (anaf.md section 10)."""
        response = self._post_service(
            f"/prod/FCTEL/rest/validare/{_standard(standard)}",
            data=xml,
            headers={"Content-Type": "text/plain"},
        )
        check_bad_request(response)
        return _validation(json_body(response))

    def to_pdf(self, xml: bytes, *, standard: str = "FACT1", validate: bool = True) -> bytes:
        """ANAF's PDF rendering (anaf.md section 11); ``validate=False`` uses ``/DA``.

        Raises :class:`AnafRequestError` with ANAF's messages when it refuses to render.
        """
        suffix = "" if validate else "/DA"
        response = self._post_service(
            f"/prod/FCTEL/rest/transformare/{_standard(standard)}{suffix}",
            data=xml,
            headers={"Content-Type": "text/plain"},
        )
        check_bad_request(response)
        if response.content.startswith(b"%PDF"):
            return response.content
        result = _validation(json_body(response))
        text = "; ".join(result.messages)
        raise AnafRequestError(f"ANAF did not render the PDF: {text}", anaf_message=text)

    def verify_signature(self, content: bytes, signature: bytes) -> bool:
        """Whether ANAF confirms the signature file belongs to ``content`` (section 12)."""
        files = {
            "file": ("factura.xml", content, "text/xml"),
            "signature": ("semnatura.xml", signature, "text/xml"),
        }
        response = self._post_service("/api/validate/signature", files=files)
        message = str(json_body(response).get("msg", ""))
        if response.status_code == 400:
            raise AnafRequestError(f"ANAF refused the files: {message}", anaf_message=message)
        check_bad_request(response)
        plain = normalized(message)
        if "nu au putut fi validate" in plain:
            return False
        if "au fost validate cu succes" in plain:
            return True
        raise MalformedAnswerError(f"Unexpected signature verdict: {message[:80]}")

    def hello(self, name: str = "test") -> str:
        """The token probe ``/TestOauth/jaxrs/hello`` (anaf.md section 2.7)."""
        url = f"{self.config.api_url}/TestOauth/jaxrs/hello"
        return self._idempotent("GET", url, params={"name": name}).text


def _digits(cif: str | int) -> str:
    """``cif`` without the ``RO`` prefix (anaf.md section 3)."""
    text = str(cif).strip().upper()
    text = text[2:] if text.startswith("RO") else text
    if not text.isdigit():
        raise ValueError(f"a CIF has digits only, not {cif!r}")
    return text


def _filter(value: str | None) -> dict[str, str]:
    if value is None:
        return {}
    if value not in FILTERS:
        raise ValueError(f"filter must be one of {FILTERS}")
    return {"filtru": value}


def _standard(value: str) -> str:
    if value not in ("FACT1", "FCN"):
        raise ValueError("standard must be FACT1 (invoice) or FCN (credit note)")
    return value


def _validation(payload) -> ValidationResult:
    if not isinstance(payload, dict) or payload.get("stare") not in ("ok", "nok"):
        raise MalformedAnswerError("ANAF's validation answer has no ok/nok state.")
    messages = tuple(str(m.get("message", "")) for m in payload.get("Messages") or ())
    return ValidationResult(
        ok=payload["stare"] == "ok", messages=messages, trace_id=str(payload.get("trace_id", ""))
    )
