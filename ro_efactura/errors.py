"""The exceptions ``ro_efactura`` raises.

Every exception derives from :class:`RoEfacturaError`; each subclass is a case a caller handles
differently. Messages are English and never contain tokens or secrets; translated texts for
users are the addons' business.

Outcomes that are *answers* rather than failures (ANAF rejected an invoice, a validation found
problems) are returned as values by the functions concerned, not raised.

>>> try:
...     raise DocumentTooLargeError(size=12, limit=10)
... except DocumentError as exc:
...     print(exc)
The document has 12 bytes; the limit is 10 bytes.
"""

from __future__ import annotations

__all__ = [
    "AnafError",
    "AnafRequestError",
    "AnafUnavailableError",
    "AuthorizationError",
    "DocumentEncodingError",
    "DocumentError",
    "DocumentTooLargeError",
    "MalformedAnswerError",
    "MalformedXMLError",
    "MessageExpiredError",
    "MissingPartError",
    "NotAuthorizedError",
    "RateLimitedError",
    "RoEfacturaError",
    "TokenError",
    "TokenExpiredError",
    "TokenMissingError",
    "TokenRefusedError",
    "UnsafeXMLError",
    "WrongRootError",
]


class RoEfacturaError(Exception):
    """Base class of every error raised by ``ro_efactura``."""


# --- documents ------------------------------------------------------------------------------


class DocumentError(RoEfacturaError, ValueError):
    """A document that cannot be read. ``location`` says where (a path or ``line:column``)."""

    def __init__(self, message: str, *, location: str = "") -> None:
        super().__init__(message)
        self.location = location

    def __str__(self) -> str:
        text = super().__str__()
        return f"{text} (at {self.location})" if self.location else text


class MalformedXMLError(DocumentError):
    """The bytes are not well-formed XML."""


class UnsafeXMLError(DocumentError):
    """The XML declares a DOCTYPE or entities, which e-invoices never need."""


class DocumentEncodingError(DocumentError):
    """The document is not UTF-8."""


class DocumentTooLargeError(DocumentError):
    """The document is larger than the configured limit."""

    def __init__(self, *, size: int, limit: int) -> None:
        super().__init__(f"The document has {size} bytes; the limit is {limit} bytes.")
        self.size = size
        self.limit = limit


class WrongRootError(DocumentError):
    """The root element is not a UBL 2.1 Invoice or CreditNote."""


class MissingPartError(DocumentError):
    """A part the reader cannot do without is absent."""


# --- ANAF -----------------------------------------------------------------------------------


class AnafError(RoEfacturaError):
    """Base class of the errors met while talking to ANAF (or to the emulator)."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.status_code = status_code


class AnafUnavailableError(AnafError):
    """ANAF did not answer usefully: 5xx, timeout, connection error, the firewall's page."""


class RateLimitedError(AnafError):
    """A published limit was reached. ``retry_after`` is in seconds (may be a whole day)."""

    def __init__(self, message: str, *, retry_after: float, status_code: int | None = None):
        super().__init__(message, status_code=status_code)
        self.retry_after = retry_after


class TokenError(AnafError):
    """Base class of OAuth token problems; the user must usually re-authorize."""


class TokenMissingError(TokenError):
    """No token is stored for this company."""


class TokenExpiredError(TokenError):
    """The access token expired and could not be refreshed."""


class TokenRefusedError(TokenError):
    """ANAF refused the token or the client credentials (invalid_grant, invalid_client)."""


class NotAuthorizedError(AnafError):
    """The token is valid but has no right for this service or CIF."""


class MessageExpiredError(AnafError):
    """The message can no longer be downloaded (ANAF keeps messages 60 days)."""


class MalformedAnswerError(AnafError):
    """ANAF answered something that cannot be parsed as the documented response."""


# --- ANAF: the OAuth browser step and refused queries ---------------------------------------


class AuthorizationError(TokenError):
    """The browser step of OAuth failed: ``state`` mismatch, ``access_denied`` or no ``code``."""


class AnafRequestError(AnafError):
    """ANAF refused the query itself (unknown id, bad parameter or interval); ``anaf_message``
    is ANAF's text. Retrying the same call cannot help."""

    def __init__(self, message: str, *, anaf_message: str = "", status_code: int | None = None):
        super().__init__(message, status_code=status_code)
        self.anaf_message = anaf_message
