"""One HTTP call to ANAF, with its failures mapped to typed errors (anaf.md sections 3, 13, 15).

:func:`send` performs a request with an explicit timeout and raises, by the taxonomy of
anaf.md section 15:

* :class:`~ro_efactura.errors.AnafUnavailableError` -- connection error, timeout, HTTP 5xx, the
  firewall's "The requested URL was rejected" page, ``A aparut o eroare tehnica``;
* :class:`~ro_efactura.errors.RateLimitedError` -- HTTP 429 (``retry_after`` from the header,
  else one minute: the limit is per rolling minute);
* :class:`~ro_efactura.errors.TokenExpiredError` -- HTTP 401;
  :class:`~ro_efactura.errors.NotAuthorizedError` -- HTTP 403.

Everything else (business answers inside an HTTP 200, a 400 for a missing parameter) is
returned for the caller to read; :func:`json_body` and :func:`xml_body` turn an unreadable body
into :class:`~ro_efactura.errors.MalformedAnswerError`. :func:`retry` re-runs an idempotent
call with exponential backoff and jitter; never wrap an upload in it.

>>> is_firewall_page(b"<html>The requested URL was rejected. Please consult with your "
...                  b"administrator.<br>Your support ID is: 123</html>")
True
>>> policy = RetryPolicy(attempts=3, base=1.0, cap=10.0, jitter=0.0, sleep=lambda s: None)
>>> [policy.delay(n) for n in range(3)]
[1.0, 2.0, 4.0]
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import requests
from lxml import etree

from .._xml import parse
from ..errors import (
    AnafUnavailableError,
    DocumentError,
    MalformedAnswerError,
    NotAuthorizedError,
    RateLimitedError,
    TokenExpiredError,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "TECHNICAL_ERROR",
    "RetryPolicy",
    "is_firewall_page",
    "is_technical_error",
    "json_body",
    "retry",
    "send",
    "xml_body",
]

#: (connect, read) seconds. ANAF answers slowly under load; the registry asks for >= 10 s.
DEFAULT_TIMEOUT = (10.0, 60.0)

#: anaf.md sections 4 and 10: the server-fault text, followed by ``Cod: <code>``.
TECHNICAL_ERROR = "A aparut o eroare tehnica"

_FIREWALL = re.compile(
    rb"The requested URL was rejected\.?\s+Please consult with your administrator"
)
_TECHNICAL = re.compile(rb"A ap(?:a|\xc4\x83)rut o eroare tehnic", re.IGNORECASE)
_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF")
_SCAN_LIMIT = 64 * 1024
_RATE_LIMIT_DEFAULT = 60.0

T = TypeVar("T")


def is_firewall_page(body: bytes) -> bool:
    """The F5 firewall's rejection page (anaf.md section 3, family 6): not an ANAF verdict."""
    return bool(_FIREWALL.search(body[:_SCAN_LIMIT]))


def is_technical_error(body: bytes) -> bool:
    """``A aparut o eroare tehnica. Cod: XXX`` anywhere in a (non-binary) answer."""
    if body.startswith(_BINARY_MAGIC):
        return False
    return bool(_TECHNICAL.search(body[:_SCAN_LIMIT]))


def send(
    session: requests.Session,
    method: str,
    url: str,
    *,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
    **kwargs,
) -> requests.Response:
    """Perform one request; raise the typed error of the module docstring or return the answer.

    ``kwargs`` go to :meth:`requests.Session.request` (``params``, ``data``, ``headers``,
    ``files``, ``auth``, ``json``). Redirects are never followed.
    """
    try:
        response = session.request(method, url, timeout=timeout, allow_redirects=False, **kwargs)
        body = response.content
    except requests.Timeout as exc:
        raise AnafUnavailableError(f"ANAF did not answer within {timeout} s ({url}).") from exc
    except requests.RequestException as exc:
        raise AnafUnavailableError(f"ANAF could not be reached ({url}): {exc}") from exc
    _raise_for_status(response, body, url)
    return response


def _raise_for_status(response: requests.Response, body: bytes, url: str) -> None:
    status = response.status_code
    if status == 429:
        raise RateLimitedError(
            f"ANAF refused the call: too many requests ({url}).",
            retry_after=_retry_after(response),
            status_code=status,
        )
    if status == 401:
        raise TokenExpiredError("ANAF refused the access token (HTTP 401).", status_code=status)
    if status == 403:
        raise NotAuthorizedError(
            f"The token has no right for this service (HTTP 403, {url}).", status_code=status
        )
    if status >= 500:
        raise AnafUnavailableError(f"ANAF answered HTTP {status} ({url}).", status_code=status)
    if is_firewall_page(body):
        raise AnafUnavailableError(
            f"ANAF's firewall rejected the request ({url}); retry later.", status_code=status
        )
    if is_technical_error(body):
        raise AnafUnavailableError(
            f"ANAF reported a technical error ({url}): {_excerpt(body)}", status_code=status
        )


def _retry_after(response: requests.Response) -> float:
    try:
        return max(0.0, float(response.headers.get("Retry-After", "")))
    except ValueError:
        return _RATE_LIMIT_DEFAULT


def _excerpt(body: bytes) -> str:
    match = _TECHNICAL.search(body)
    start = match.start() if match else 0
    return body[start : start + 80].decode("utf-8", "replace")


def json_body(response: requests.Response):
    """The body as JSON, or :class:`MalformedAnswerError`."""
    try:
        return json.loads(response.content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedAnswerError(
            f"ANAF's answer is not JSON: {response.content[:80]!r}",
            status_code=response.status_code,
        ) from exc


def xml_body(response: requests.Response) -> etree._Element:
    """The body as an XML element (hardened parser), or :class:`MalformedAnswerError`."""
    try:
        return parse(response.content)
    except DocumentError as exc:
        raise MalformedAnswerError(
            f"ANAF's answer is not XML: {response.content[:80]!r}",
            status_code=response.status_code,
        ) from exc


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    """Bounded exponential backoff with jitter for idempotent calls.

    ``attempts`` counts the first try. A rate limit whose ``retry_after`` exceeds
    ``max_wait`` (a daily limit) is raised at once: waiting would only waste calls.
    """

    attempts: int = 4
    base: float = 1.0
    cap: float = 30.0
    jitter: float = 0.5
    max_wait: float = 90.0
    sleep: Callable[[float], None] = field(default=time.sleep)
    rng: Callable[[], float] = field(default=random.random)

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (0-based)."""
        backoff = min(self.cap, self.base * (2**attempt))
        return backoff + backoff * self.jitter * self.rng()


def retry(call: Callable[[], T], policy: RetryPolicy) -> T:
    """Run ``call``; on ANAF unavailable or a short rate limit, wait and try again."""
    for attempt in range(policy.attempts):
        try:
            return call()
        except RateLimitedError as exc:
            if exc.retry_after > policy.max_wait or attempt + 1 == policy.attempts:
                raise
            policy.sleep(max(exc.retry_after, policy.delay(attempt)))
        except AnafUnavailableError:
            if attempt + 1 == policy.attempts:
                raise
            policy.sleep(policy.delay(attempt))
    raise AssertionError("unreachable: attempts must be >= 1")
