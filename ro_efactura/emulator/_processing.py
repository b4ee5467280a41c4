"""Asynchronous processing of an accepted upload and the SPV messages it creates.

anaf.md sections 5, 6 and 15: a job stays ``in prelucrare`` until the emulator's processing
time has passed (or it was polled enough times), then our own rules (:func:`ro_efactura.validate`)
decide: no fatal finding -> ``ok``, else ``nok`` with the error document. A test can force
``ok``, ``nok``, ``stuck`` or ``XML cu erori nepreluat de sistem``. The terminal state creates
the list entries with their ``tip`` and ``detalii`` wording and the ZIP of section 9.

>>> message_for("E: validari globale  SCHEMATRON   eroare: ", "BR-01", "Lipsește.", "Missing.")
'E: validari globale  SCHEMATRON   eroare: [BR-01]-Lipsește. #Missing.'
"""

from __future__ import annotations

from datetime import timedelta

from .._xml import parse
from ..errors import DocumentError
from ._documents import error_document, invoice_facts
from ._state import Job, Message

__all__ = ["OUTCOMES", "REJECTED", "deliver_received", "finish_due", "message_for", "rule_messages"]

#: anaf.md section 5: the terminal state of a file refused by the system.
REJECTED = "XML cu erori nepreluat de sistem"
#: outcomes a test can force on the next upload.
OUTCOMES = ("ok", "nok", "stuck", REJECTED)
_GLOBAL = "E: validari globale  SCHEMATRON   eroare: "
_FORCED_RO = "Respingere cerută de test."


def message_for(prefix: str, rule: str, ro: str, en: str) -> str:
    """One ANAF-style error line: Romanian text, English after ``#`` (anaf.md section 9)."""
    return f"{prefix}[{rule}]-{ro} #{en}"


def rule_messages(body: bytes) -> list[str]:
    """The fatal findings of our rules on ``body`` as ANAF-style lines (empty = valid)."""
    # Imported here: the rule packages are large and only processing needs them.
    from ..rules import validate

    try:
        findings = validate(body)
    except DocumentError as exc:
        return [f"E: {exc}"]
    return [message_for(_GLOBAL, f.rule, f.message.ro, f.message.en) for f in findings if f.fatal]


def _due(emulator, job: Job) -> bool:
    if job.state != "in prelucrare" or job.forced == "stuck":
        return False
    waited = emulator.clock.now() - job.uploaded
    if waited >= timedelta(seconds=emulator.processing_seconds):
        return True
    return emulator.processing_polls is not None and job.polls > emulator.processing_polls


def finish_due(emulator, job: Job) -> None:
    """Bring ``job`` to its terminal state if its processing time is over."""
    if _due(emulator, job):
        _finish(emulator, job)


def _finish(emulator, job: Job) -> None:
    if job.forced == REJECTED:
        job.state = REJECTED
        return
    if job.standard == "RASP":
        _finish_rasp(emulator, job)
        return
    facts = _facts(job.body)
    seller = facts.get("seller_cif") or job.cif
    if job.forced == "nok":
        errors = [message_for(_GLOBAL, "EMULATOR", _FORCED_RO, "Rejection forced by a test.")]
    elif job.forced == "ok" or job.standard == "CII":
        errors = []  # CII: the emulator checks only the syntax at upload
    else:
        errors = rule_messages(job.body)
    if errors:
        job.state, job.errors = "nok", tuple(errors)
        content = error_document(job.index, seller, errors)
        detalii = f"Erori de validare identificate la factura primita cu id_incarcare={job.index}"
        job.download_id = _add(emulator, job, seller, "ERORI FACTURA", detalii, content).id
        return
    job.state = "ok"
    _deliver(emulator, job, seller, facts.get("buyer_cif"))


def _facts(body: bytes) -> dict:
    try:
        return invoice_facts(parse(body))
    except DocumentError:
        return {}


def _deliver(emulator, job: Job, seller: str, buyer: str | None) -> None:
    """``FACTURA TRIMISA`` for the seller, ``FACTURA PRIMITA`` for a Romanian buyer."""
    if job.autofactura:
        detalii = (
            f"Factura cu id_incarcare={job.index} transmisa de cif={job.cif}  "
            f"ca autofactura in numele cif={seller}"
        )
    else:
        detalii = (
            f"Factura cu id_incarcare={job.index} emisa de cif_emitent={seller} "
            f"pentru cif_beneficiar={buyer or ''}"
        )
    entries = [(seller, "FACTURA TRIMISA")]
    if buyer and not job.extern and not job.b2c:
        entries.append((buyer, "FACTURA PRIMITA"))
    made = [_add(emulator, job, cif, tip, detalii, job.body) for cif, tip in entries]
    own = [m for m in made if m.cif == job.cif]
    job.download_id = (own or made)[0].id


def deliver_received(emulator, job: Job, buyer: str) -> Message:
    """A supplier's accepted invoice as ``FACTURA PRIMITA`` in ``buyer``'s list (test hook)."""
    detalii = (
        f"Factura cu id_incarcare={job.index} emisa de cif_emitent={job.cif} "
        f"pentru cif_beneficiar={buyer}"
    )
    message = _add(emulator, job, buyer, "FACTURA PRIMITA", detalii, job.body)
    job.download_id = message.id
    return message


def _finish_rasp(emulator, job: Job) -> None:
    """anaf.md sections 4 and 15: the buyer's message goes to the invoice's seller."""
    root = parse(job.body)
    target = emulator.state.jobs.get(_int(root.get("index_incarcare")))
    target = target if target is not None and target.env == job.env else None
    seller = (_facts(target.body).get("seller_cif") or target.cif) if target else None
    job.state = "ok"
    # The wording of buyer-message entries is not catalogued (anaf.md section 6 [?]).
    detalii = f"Mesaj cumparator pentru factura cu id_incarcare={root.get('index_incarcare')}"
    sent = _add(emulator, job, job.cif, "MESAJ CUMPARATOR TRANSMIS", detalii, job.body)
    job.download_id = sent.id
    if seller:
        _add(emulator, job, seller, "MESAJ CUMPARATOR PRIMIT", detalii, job.body)


def _int(text: str | None) -> int:
    return int(text) if text and text.isdigit() else -1


def _add(emulator, job: Job, cif: str, tip: str, detalii: str, content: bytes) -> Message:
    now = emulator.clock.now()
    message = Message(
        id=emulator.state.next_download_id(),
        index=job.index,
        env=job.env,
        cif=cif,
        tip=tip,
        detalii=detalii,
        created=now,
        listed=now + timedelta(seconds=emulator.list_delay_seconds),
        content=content,
    )
    emulator.state.messages[message.id] = message
    return message
