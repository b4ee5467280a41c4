"""The ``ro-efactura`` command: validate, convert and show e-invoices, run the ANAF emulator.

A thin layer over the library: :func:`ro_efactura.validate`, :func:`ro_efactura.ubl.read` /
:func:`~ro_efactura.ubl.write`, the model's JSON form and
:class:`ro_efactura.emulator.Emulator`. Errors go to stderr with a non-zero exit status and
never as a traceback. Exit status: 0 success, 1 a fatal finding or an unreadable file,
2 a usage error.

>>> main(["--version"])  # doctest: +ELLIPSIS
ro-efactura ...
0
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import DocumentError
from .model import Invoice, calculate, from_dict, to_dict
from .rules import Finding, Severity, Text, validate
from .ubl import read, write

__all__ = ["main"]

#: The rule id reported for a file that cannot be read as a UBL document.
UNREADABLE = "READ"

_VALIDATE_HELP = """\
Check UBL 2.1 invoices and credit notes against our EN 16931 and CIUS-RO 1.0.9 rules.

A file that cannot be read (missing, not XML, not UBL, too large, not UTF-8) is reported as
one fatal finding with rule id READ, located at the file or at the place in it where reading
failed; the other files are still checked.

Exit status: 0 when no file has a fatal finding, 1 otherwise (warnings alone give 0),
2 for a usage error (such as an --xsd folder without the UBL 2.1 schemas).
"""

_CONVERT_HELP = """\
Convert between UBL XML and the JSON form of the model.
The direction follows the extension of IN (.xml -> JSON, .json -> XML) unless --to is given.

The JSON form mirrors ro_efactura.model field for field: one object per part (number,
issue_date, seller, buyer, lines, totals, ...), amounts as strings ("119.00"), dates as
"YYYY-MM-DD", codes by value ("S", "380"); fields left at their default may be omitted.
Amounts are written as given: use --calculate for a draft that has lines but no totals.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="ro-efactura", description=__doc__.split("\n\n")[0])
    parser.add_argument("--version", action="version", version=f"ro-efactura {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "validate",
        help="check invoices against EN 16931 and CIUS-RO",
        description=_VALIDATE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("files", nargs="+", metavar="FILE", type=Path)
    check.add_argument("--xsd", metavar="DIR", type=Path, help="also check the UBL 2.1 XSD in DIR")
    check.add_argument("--json", action="store_true", help="print a JSON object: file -> findings")
    check.add_argument("--lang", choices=("ro", "en"), default="ro", help="message language")

    convert = commands.add_parser(
        "convert", help="UBL XML <-> JSON", description=_CONVERT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    convert.add_argument("input", metavar="IN", type=Path)
    convert.add_argument("output", metavar="OUT", type=Path)
    convert.add_argument("--to", choices=("xml", "json"), help="force the output format")
    convert.add_argument(
        "--calculate", action="store_true",
        help="compute line amounts, VAT breakdown and totals from the lines (JSON -> XML)",
    )  # fmt: skip

    show = commands.add_parser("show", help="print a readable summary of an invoice")
    show.add_argument("file", metavar="FILE", type=Path)

    emulator = commands.add_parser("emulator", help="run the local ANAF emulator until Ctrl-C")
    emulator.add_argument("--port", type=int, default=0, help="TCP port (default: any free)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    handler = {"validate": _validate, "convert": _convert, "show": _show, "emulator": _emulator}
    return handler[args.command](args)


# --- validate --------------------------------------------------------------------------------


def _unreadable(exc: Exception, path: Path) -> Finding:
    detail = str(exc)
    location = getattr(exc, "location", "") or str(path)
    return Finding(
        rule=UNREADABLE,
        severity=Severity.FATAL,
        location=location,
        message=Text(
            ro=f"Fișierul nu poate fi citit ca factură UBL 2.1; corectați-l: {detail}",
            en=f"The file cannot be read as a UBL 2.1 invoice; fix it: {detail}",
        ),
    )


def _findings(path: Path, xsd: Path | None) -> list[Finding]:
    try:
        return validate(path.read_bytes(), xsd_dir=xsd)
    except (OSError, DocumentError) as exc:
        return [_unreadable(exc, path)]


def _validate(args) -> int:
    if args.xsd is not None and not (args.xsd / "maindoc" / "UBL-Invoice-2.1.xsd").is_file():
        print(f"ro-efactura: error: {args.xsd} does not hold maindoc/UBL-Invoice-2.1.xsd; "
              "give the folder of the UBL 2.1 schemas (with maindoc/ and common/)",
              file=sys.stderr)  # fmt: skip
        return 2
    results = {str(path): _findings(path, args.xsd) for path in args.files}
    if args.json:
        data = {name: [f.as_dict() for f in findings] for name, findings in results.items()}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for name, findings in results.items():
            _print_findings(name, findings, args.lang)
    return int(any(f.fatal for findings in results.values() for f in findings))


def _print_findings(name: str, findings: list[Finding], lang: str) -> None:
    if not findings:
        print(f"{name}: OK")
        return
    fatal = sum(f.fatal for f in findings)
    if lang == "ro":
        print(f"{name}: probleme găsite: {len(findings)}, dintre care blocante: {fatal}")
    else:
        print(f"{name}: findings: {len(findings)}, fatal: {fatal}")
    for f in findings:
        print(f"  {f.severity.value.upper():7} {f.rule:12} {f.location}")
        print(f"          {f.message.get(lang)}")


# --- convert and show ------------------------------------------------------------------------


def _load(path: Path, *, as_json: bool | None = None) -> Invoice:
    data = path.read_bytes()
    if as_json if as_json is not None else path.suffix.lower() == ".json":
        try:
            raw = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DocumentError(f"The file is not UTF-8 JSON: {exc}", location=str(path)) from exc
        return from_dict(Invoice, raw)
    return read(data)


def _fail(exc: Exception) -> int:
    print(f"ro-efactura: error: {exc}", file=sys.stderr)
    return 1


def _convert(args) -> int:
    to = args.to or ("xml" if args.input.suffix.lower() == ".json" else "json")
    try:
        invoice = _load(args.input, as_json=(to == "xml"))
        if args.calculate:
            invoice = calculate(invoice)
        if to == "xml":
            args.output.write_bytes(write(invoice))
        else:
            text = json.dumps(to_dict(invoice), ensure_ascii=False, indent=2) + "\n"
            args.output.write_text(text, encoding="utf-8")
    except (OSError, DocumentError) as exc:
        return _fail(exc)
    return 0


def _party_line(role: str, party) -> str:
    ids = [f"CUI/CIF {party.vat_id}" if party.vat_id else None]
    ids.append(f"cod fiscal {party.tax_registration_id}" if party.tax_registration_id else None)
    ids.append(f"nr. înreg. {party.legal_id.value}" if party.legal_id else None)
    place = ""
    if party.address is not None:
        a = party.address
        place = ", ".join(p for p in (a.street, a.city, a.subdivision, a.country) if p)
    details = "; ".join(i for i in ids if i) or "fără CUI"
    return f"{role:10} {party.name} ({details})" + (f"\n{'':10} {place}" if place else "")


def _summary(inv: Invoice) -> list[str]:
    kind = "Notă de creditare" if inv.is_credit_note else "Factură"
    cur = inv.currency
    out = [f"{kind} {inv.number} (tip {inv.type_code.value}), emisă {inv.issue_date}"]
    if inv.due_date:
        out[0] += f", scadentă {inv.due_date}"
    out += [_party_line("Furnizor:", inv.seller), _party_line("Client:", inv.buyer), "Linii:"]
    for ln in inv.lines:
        rate = f" {ln.vat_rate}%" if ln.vat_rate is not None else ""
        out.append(
            f"  {ln.id:>3}. {ln.item_name}: {ln.quantity} {ln.unit} x {ln.net_price}"
            f" = {ln.net_amount} {cur}  [TVA {ln.vat_category.value}{rate}]"
        )
    out.append("TVA:")
    for vat in inv.vat_breakdown:
        rate = f" {vat.rate}%" if vat.rate is not None else ""
        reason = (
            f" ({vat.exemption_reason or vat.exemption_code})"
            if vat.exemption_code or vat.exemption_reason
            else ""
        )
        out.append(
            f"  {vat.category.value}{rate}: bază {vat.taxable_amount}, TVA {vat.tax_amount}{reason}"
        )
    t = inv.totals
    out.append(f"Total fără TVA: {t.tax_exclusive} {cur}")
    out.append(f"Total TVA:      {t.vat_total} {cur}")
    if t.vat_total_accounting is not None:
        out.append(f"TVA în {inv.tax_currency}:      {t.vat_total_accounting} {inv.tax_currency}")
    out.append(f"Total cu TVA:   {t.tax_inclusive} {cur}")
    if t.prepaid:
        out.append(f"Plătit în avans: {t.prepaid} {cur}")
    out.append(f"De plată:       {t.payable} {cur}")
    return out


def _show(args) -> int:
    try:
        invoice = _load(args.file)
    except (OSError, DocumentError) as exc:
        return _fail(exc)
    print("\n".join(_summary(invoice)))
    return 0


# --- emulator --------------------------------------------------------------------------------


def _emulator(args) -> int:
    from .emulator import Emulator  # imported only for this command

    try:
        with Emulator(port=args.port) as emulator:
            print(f"ANAF emulator on {emulator.url} (Ctrl-C to stop)", flush=True)
            threading.Event().wait()
    except KeyboardInterrupt:
        return 0
    except OSError as exc:
        return _fail(exc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
