"""A local ANAF: OAuth2, e-Factura (SPV), the public services, on 127.0.0.1 (anaf.md section 15).

:class:`Emulator` serves every ANAF path on one base URL -- OAuth under ``/anaf-oauth2/v1``,
the e-Factura API under ``/{test,prod}/FCTEL/rest``, ``/api/validate/signature``,
``/TestOauth/jaxrs/hello``, the VAT registry and VIES (plugged in by
:mod:`ro_efactura.emulator.registry` and :mod:`ro_efactura.emulator.vies`) -- with the wire
texts of anaf.md, an injectable :class:`Clock`, ANAF's limits and fault knobs. Tests drive it
through Python methods; the Odoo demo through the emulator-only control API under
``/__emulator/`` (see :mod:`ro_efactura.emulator._control`).

Roles: ``_state`` (clock and memory), ``_oauth``, ``_efactura`` (upload, stareMesaj),
``_processing``, ``_lists`` (lists, descarcare), ``_public`` (validare, transformare,
signature), ``_limits``, ``_faults``, ``_documents`` and ``_signature`` (ZIP, PDF, signature).

>>> import requests
>>> with Emulator() as emulator:
...     tokens = emulator.issue_tokens()
...     answer = requests.get(emulator.url + "/TestOauth/jaxrs/hello", params={"name": "SPV"},
...                           headers={"Authorization": "Bearer " + tokens["access_token"]},
...                           timeout=5)
>>> answer.text.splitlines()[0]
'Hello, SPV'
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from . import _control, _efactura, _lists, _oauth, _public, registry, vies
from ._faults import Faults, after, before
from ._http import HTTPServerThread, Request, Response, Router
from ._limits import Limits
from ._oauth import issue_pair
from ._processing import deliver_received, finish_due
from ._state import Application, Clock, Job, Message, State, User

__all__ = ["DEFAULT_CIFS", "DEFAULT_CLIENT", "DEFAULT_SERIAL", "Clock", "Emulator"]

DEFAULT_CLIENT = Application(
    client_id="emulator-client-id",
    client_secret="emulator-client-secret",
    redirect_uris=("https://localhost:8443/callback",),
)
DEFAULT_SERIAL = "4F00A1B2C3D4E5F6"
#: The default user's SPV rights: an invented CIF with a valid check digit (anaf.md, top).
#: 34567892, just as invented, belongs to nobody: ``Nu aveti drept in SPV pentru CIF=...``.
DEFAULT_CIFS = ("12345674",)


class _EmulatorRouter(Router):
    """Faults first, then the handler under the state lock, then any after-handler fault."""

    def __init__(self, emulator: Emulator) -> None:
        super().__init__()
        self._emulator = emulator

    def dispatch(self, request: Request) -> Response:
        emulator = self._emulator
        control = request.path.startswith(_control.PREFIX)
        fault = None if control else emulator.faults.take(request.path)
        if fault is not None and not fault.after_handler:
            return before(fault, request, emulator.clock.now())
        with emulator.state.lock:
            response = super().dispatch(request)
        if fault is not None:
            response = after(fault, response)
        if not control and emulator.faults.latency:
            response.delay += emulator.faults.latency
        return response


class Emulator:
    """The ANAF emulator; start it, use :attr:`url`, stop it (or use it as a context manager).

    :param port: 0 picks a free port.
    :param clock: a :class:`Clock`; default the real time (advance or set it at will).
    :param processing_seconds: how long an upload stays ``in prelucrare``.
    :param processing_polls: if set, a job also finishes once polled more than this many times.
    :param list_delay_seconds: how long after the verdict its list entries appear.
    :param access_ttl, refresh_ttl: token lifetimes (anaf.md 2.6: 90 and 365 days).
    :param limits: overrides of :class:`~ro_efactura.emulator._limits.Limits`
        (``per_minute``, ``rasp``, ``stare``, ``list``, ``list_paged``, ``download``).
    """

    def __init__(
        self,
        port: int = 0,
        *,
        clock: Clock | None = None,
        processing_seconds: float = 3.0,
        processing_polls: int | None = None,
        list_delay_seconds: float = 0.0,
        access_ttl: timedelta = timedelta(days=90),
        refresh_ttl: timedelta = timedelta(days=365),
        limits: dict | None = None,
        seed: bool = True,
    ) -> None:
        self.clock = clock or Clock()
        self._options = {
            "processing_seconds": processing_seconds,
            "processing_polls": processing_polls,
            "list_delay_seconds": list_delay_seconds,
            "access_ttl": access_ttl,
            "refresh_ttl": refresh_ttl,
            "limits": dict(limits or {}),
            "seed": seed,
        }
        self.faults = Faults()
        self._configure()
        self.secret = secrets.token_bytes(32)
        self.router: Router = _EmulatorRouter(self)
        for module in (_oauth, _efactura, _lists, _public, _control, registry, vies):
            module.install(self.router, self)
        self._server = HTTPServerThread(self.router, port)

    def _configure(self) -> None:
        """Fresh state and the constructor's settings (used by ``__init__`` and :meth:`reset`)."""
        options = self._options
        self.state = State(self.clock)
        self.limits = Limits(self.clock, **options["limits"])
        self.faults.clear()
        self.processing_seconds = options["processing_seconds"]
        self.processing_polls = options["processing_polls"]
        self.list_delay_seconds = options["list_delay_seconds"]
        self.access_ttl, self.refresh_ttl = options["access_ttl"], options["refresh_ttl"]
        self.deny_authorization = False
        self.default_serial = DEFAULT_SERIAL
        if options["seed"]:
            app = DEFAULT_CLIENT
            self.add_application(app.client_id, app.client_secret, app.redirect_uris)
            self.add_user(DEFAULT_SERIAL, DEFAULT_CIFS)

    def reset(self) -> None:
        """Forget every token, upload, message, counter, fault and seeded registry company or
        VIES number (back to the default seeds); keep serving."""
        with self.state.lock:
            self._configure()
            self.registry = registry.new_state()
            self.vies = vies.new_state()

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self._server.url

    def start(self) -> Emulator:
        """Serve in a background thread; returns ``self``."""
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # --- seeding ---------------------------------------------------------------------------

    def add_application(
        self, client_id: str, client_secret: str, redirect_uris: tuple[str, ...] | list[str]
    ) -> Application:
        """Register an OAuth application (anaf.md 2.1)."""
        app = Application(
            client_id=client_id, client_secret=client_secret, redirect_uris=tuple(redirect_uris)
        )
        with self.state.lock:
            self.state.applications[client_id] = app
        return app

    def add_user(self, serial: str, cifs=(), *, efactura: bool = True) -> User:
        """A certificate holder with SPV rights on ``cifs`` and, or not, the e-Factura right."""
        user = User(serial=serial, cifs={str(c) for c in cifs}, efactura=efactura)
        with self.state.lock:
            self.state.users[serial] = user
        return user

    def grant(self, serial: str, *cifs: str) -> None:
        """Give an existing user SPV rights on more CIFs."""
        with self.state.lock:
            self.state.users[serial].cifs.update(str(c) for c in cifs)

    def add_executare_cif(self, cif: str) -> None:
        """Enter ``cif`` in the "executari silite" register (upload with ``executare=DA``)."""
        with self.state.lock:
            self.state.executare_cifs.add(str(cif))

    def issue_tokens(self, serial: str | None = None, client_id: str | None = None) -> dict:
        """A token pair without the browser step, in the JSON of anaf.md 2.5."""
        with self.state.lock:
            return issue_pair(
                self, client_id or DEFAULT_CLIENT.client_id, serial or self.default_serial
            )

    # --- test hooks ------------------------------------------------------------------------

    def force_next_upload(self, outcome: str) -> None:
        """The next accepted upload ends ``ok``, ``nok``, ``stuck`` or rejected by the system."""
        with self.state.lock:
            _efactura.force_outcome(self, outcome)

    def deliver_invoice(
        self, xml: bytes, *, cif: str, seller_cif: str = "34567892", env: str = "test"
    ) -> Message:
        """Put a supplier's invoice in ``cif``'s SPV inbox (``env``) as ``FACTURA PRIMITA``."""
        with self.state.lock:
            now = self.clock.now()
            job = Job(
                index=self.state.next_index(),
                env=env,
                standard="UBL",
                cif=seller_cif,
                serial="",
                body=xml,
                uploaded=now,
                forced="ok",
                state="ok",
            )
            self.state.jobs[job.index] = job
            return deliver_received(self, job, str(cif))

    def job(self, index: int | str) -> Job:
        """The stored upload ``index`` (finished first if its time has come)."""
        with self.state.lock:
            job = self.state.jobs[int(index)]
            finish_due(self, job)
            return job

    @property
    def jobs(self) -> list[Job]:
        with self.state.lock:
            return list(self.state.jobs.values())

    def inject(self, kind: str, *, path: str = "", count: int = 1, **options) -> None:
        """Arm a fault (see :mod:`ro_efactura.emulator._faults`) for the next matching calls."""
        self.faults.arm(kind, path=path, count=count, **options)

    def set_latency(self, seconds: float) -> None:
        self.faults.latency = seconds

    def counters(self) -> dict:
        """The limit counters of today (see :meth:`Limits.snapshot`)."""
        with self.state.lock:
            return self.limits.snapshot()
