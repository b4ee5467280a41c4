"""EU VAT number check over VIES (the European Commission's ``checkVat`` SOAP service).

:class:`ViesClient` asks whether a VAT number is valid in the member state that issued it and
returns a :class:`ViesResult` (valid, name, address, request date; cedilla ş ţ in names become
comma-below ș ț). The WSDL ships with the
package (``data/vies/checkVatService.wsdl``), so zeep builds the client without the network;
``endpoint`` points the calls at the production service or at the emulator.

Returned: :class:`ViesResult`, also when the number is not valid (``valid=False``). Raised:
:class:`ViesInvalidInputError` (``INVALID_INPUT``, or a country code / number that cannot be
right), :class:`ViesUnavailableError` (retryable: ``SERVICE_UNAVAILABLE``, ``MS_UNAVAILABLE``,
``TIMEOUT``, the ``*_MAX_CONCURRENT_REQ*`` faults, HTTP 5xx and 429, timeouts, connection
errors) and :class:`ViesError` for the other faults (``IP_BLOCKED``, ``VAT_BLOCKED``...) and
answers that are not SOAP (a wrong endpoint, say).

>>> from ro_efactura.emulator import Emulator, vies
>>> with Emulator() as emulator:
...     client = ViesClient(endpoint=emulator.url + vies.PATH, timeout=5)
...     result = client.check_vat("RO", "RO12345674")
>>> result.valid, result.name
(True, 'EXEMPLU SOFTWARE SRL')
>>> split_vat_number("RO", "RO 1234 5674")
('RO', '12345674')
>>> split_vat_number("gr", "EL094259216")
('EL', '094259216')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib.resources import as_file, files

import requests
import zeep
import zeep.exceptions
from lxml import etree
from zeep.transports import Transport

from ro_efactura.errors import RoEfacturaError

__all__ = [
    "DEFAULT_ENDPOINT",
    "RETRYABLE_FAULTS",
    "ViesClient",
    "ViesError",
    "ViesInvalidInputError",
    "ViesResult",
    "ViesUnavailableError",
    "check_vat",
    "split_vat_number",
]

DEFAULT_ENDPOINT = "https://ec.europa.eu/taxation_customs/vies/services/checkVatService"
_BINDING = "{urn:ec.europa.eu:taxud:vies:services:checkVat}checkVatBinding"
#: Faults after which the same question may succeed later.
RETRYABLE_FAULTS = frozenset(
    {
        "SERVICE_UNAVAILABLE",
        "MS_UNAVAILABLE",
        "TIMEOUT",
        "MS_MAX_CONCURRENT_REQ",
        "MS_MAX_CONCURRENT_REQ_TIME",
        "GLOBAL_MAX_CONCURRENT_REQ",
        "GLOBAL_MAX_CONCURRENT_REQ_TIME",
    }
)
_INVALID_INPUT = frozenset({"INVALID_INPUT", "INVALID_REQUESTER_INFO"})
_COUNTRY = re.compile(r"[A-Z]{2}\Z")
_NUMBER = re.compile(r"[0-9A-Z+*.]{2,12}\Z")  # the service's vatNumber pattern
_NOT_DISCLOSED = {"", "---"}  # what VIES sends when a member state withholds the data
_CEDILLA = str.maketrans("şŞţŢ", "șȘțȚ")  # Romanian names come with cedillas


class ViesError(RoEfacturaError):
    """VIES could not answer the question. ``fault`` is the SOAP fault string, if any;
    ``message_ro`` says the same as the English message, in Romanian, for users."""

    def __init__(self, message: str, *, message_ro: str, fault: str | None = None) -> None:
        super().__init__(message)
        self.message_ro = message_ro
        self.fault = fault


class ViesUnavailableError(ViesError):
    """VIES or the member state's system is down or busy; ask again later."""


class ViesInvalidInputError(ViesError, ValueError):
    """The country code or the number is not in a form VIES accepts; correct it first."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ViesResult:
    """The answer of ``checkVat``; ``name``/``address`` are ``None`` when not disclosed."""

    country_code: str
    vat_number: str
    valid: bool
    name: str | None
    address: str | None
    request_date: date


def split_vat_number(country_code: str, number: str) -> tuple[str, str]:
    """The VIES country code (``EL`` for Greece) and the number without spaces or prefix."""
    country = country_code.strip().upper()
    country = "EL" if country == "GR" else country
    compact = re.sub(r"[\s\-]", "", number).upper()
    compact = compact.removeprefix(country)
    if not _COUNTRY.match(country) or not _NUMBER.match(compact):
        raise ViesInvalidInputError(
            f"{country_code!r} {number!r} is not a VAT number VIES can check: give a two-letter"
            " country code and 2 to 12 letters or digits.",
            message_ro=f"{country_code!r} {number!r} nu este un cod de TVA pe care VIES îl poate"
            " verifica: introduceți codul de țară din două litere și 2-12 litere sau cifre.",
            fault="INVALID_INPUT",
        )
    return country, compact


def _text(value: object) -> str | None:
    text = str(value).strip().translate(_CEDILLA) if value is not None else ""
    return None if text in _NOT_DISCLOSED else text


class ViesClient:
    """A zeep client on the bundled WSDL; build one and reuse it for many checks."""

    def __init__(
        self,
        *,
        endpoint: str = DEFAULT_ENDPOINT,
        wsdl: str | None = None,
        session: requests.Session | None = None,
        timeout: float = 30.0,
    ) -> None:
        transport = Transport(
            session=session or requests.Session(), timeout=timeout, operation_timeout=timeout
        )
        if wsdl is None:
            with as_file(files("ro_efactura") / "data/vies/checkVatService.wsdl") as path:
                client = zeep.Client(str(path), transport=transport)
        else:
            client = zeep.Client(wsdl, transport=transport)
        self._service = client.create_service(_BINDING, endpoint)

    def check_vat(self, country_code: str, number: str) -> ViesResult:
        """Ask VIES whether ``number`` is a valid VAT number of ``country_code``."""
        country, compact = split_vat_number(country_code, number)
        try:
            answer = self._service.checkVat(countryCode=country, vatNumber=compact)
        except zeep.exceptions.Fault as exc:
            raise _fault_error(str(exc.message or "").strip()) from exc
        except zeep.exceptions.TransportError as exc:
            raise _transport_error(exc.status_code) from exc
        except requests.Timeout as exc:
            raise ViesUnavailableError(
                "VIES did not answer in time; try again later.",
                message_ro="VIES nu a răspuns la timp; încercați din nou mai târziu.",
            ) from exc
        except requests.RequestException as exc:
            raise ViesUnavailableError(
                f"VIES could not be reached ({exc}); check the connection and try again.",
                message_ro="VIES nu poate fi contactat; verificați conexiunea și reîncercați.",
            ) from exc
        except (etree.XMLSyntaxError, zeep.exceptions.Error) as exc:
            raise _unreadable(str(exc)) from exc
        return _result(answer)


def _unreadable(detail: str) -> ViesError:
    return ViesError(
        f"VIES answered with something that is not the documented SOAP ({detail}); check the"
        " configured endpoint.",
        message_ro="VIES a trimis un răspuns care nu poate fi citit; verificați adresa"
        " serviciului din configurare.",
    )


def _transport_error(status: int) -> ViesError:
    if status >= 500 or status == 429:
        return ViesUnavailableError(
            f"VIES answered HTTP {status}; try again later.",
            message_ro=f"VIES a răspuns cu eroarea HTTP {status}; încercați din nou mai târziu.",
        )
    return _unreadable(f"HTTP {status}")


def _fault_error(fault: str) -> ViesError:
    if fault in RETRYABLE_FAULTS:
        return ViesUnavailableError(
            f"VIES or the member state's system is busy or down ({fault}); try again later.",
            message_ro=f"VIES sau sistemul statului membru este ocupat ori indisponibil ({fault});"
            " încercați din nou mai târziu.",
            fault=fault,
        )
    if fault in _INVALID_INPUT:
        return ViesInvalidInputError(
            f"VIES refused the country code or the number ({fault}); correct them and retry.",
            message_ro=f"VIES a respins codul de țară sau numărul ({fault}); corectați-le și"
            " reîncercați.",
            fault=fault,
        )
    return ViesError(
        f"VIES refused the check ({fault}); if it persists, ask the administrator.",
        message_ro=f"VIES a refuzat verificarea ({fault}); dacă problema persistă, contactați"
        " administratorul.",
        fault=fault,
    )


def _result(answer) -> ViesResult:
    if answer is None or answer.requestDate is None or answer.valid is None:
        raise _unreadable("no validity or request date")
    return ViesResult(
        country_code=str(answer.countryCode),
        vat_number=str(answer.vatNumber),
        valid=bool(answer.valid),
        name=_text(answer.name),
        address=_text(answer.address),
        request_date=answer.requestDate,
    )


def check_vat(
    country_code: str,
    number: str,
    *,
    endpoint: str = DEFAULT_ENDPOINT,
    wsdl: str | None = None,
    session: requests.Session | None = None,
    timeout: float = 30.0,
) -> ViesResult:
    """One check with a fresh :class:`ViesClient` (build a client to check many numbers)."""
    client = ViesClient(endpoint=endpoint, wsdl=wsdl, session=session, timeout=timeout)
    return client.check_vat(country_code, number)
