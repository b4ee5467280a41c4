"""Benchmark the client search of ``amc_crm`` by CUI and by phone among 100,000 partners.

Copies a database where ``amc_crm`` is installed (``--template``, default ``amc_c1``) into a
throwaway one, bulk-inserts 100,000 company partners with SQL (valid CUIs, E.164 phones, as the
addon stores them), runs ``ANALYZE`` and times the searches the Clients app runs from its search
view (``amc_cui_search`` and ``amc_phone_search``, through the ORM): an exact CUI typed with
``RO``, a partial CUI, a phone typed the Romanian way and a partial phone. For each it prints
the median and worst time over many different values and the query plan (``EXPLAIN ANALYZE``),
and checks that the plan reads an index rather than the whole table. Drops the database at the
end (``--keep`` keeps it).

Not a test. Run from the repository root, outside any Odoo process, while nothing else uses the
template database::

    python3 bench/bench_client_search.py [--template amc_c1] [--partners 100000]
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = f"/opt/odoo18/addons,/opt/odoo18/odoo/addons,{ROOT}"
PG = ["-h", "127.0.0.1", "-U", "root"]
FIRST_CUI = 1_000_000  # CUIs are FIRST_CUI + n followed by their check digit
RUNS = 50

__all__ = ["main"]


def with_check_digit(base: int) -> str:
    """``base`` followed by its CUI check digit (key 753217532)."""
    digits = str(base)
    total = sum(int(d) * int(w) for d, w in zip(digits.rjust(9, "0"), "753217532", strict=True))
    return digits + str(total * 10 % 11 % 10)


def phone_of(n: int) -> str:
    return f"+40722{n:06d}"


def _registry(db: str):
    import odoo
    from odoo.tools import config

    config.parse_config(
        [
            f"--addons-path={ADDONS}",
            "--db_host=127.0.0.1",
            "--db_user=root",
            "-d",
            db,
            "--log-level=warn",
        ]
    )
    return odoo.modules.registry.Registry(db)


def _insert_partners(cr, count: int) -> None:
    """COPY ``count`` company partners, as the addon would have stored them."""
    rows = io.StringIO()
    for n in range(count):
        cui = with_check_digit(FIRST_CUI + n)
        name = f"Client {n} SRL"
        payer = n % 3 != 0
        vat = ("RO" if payer else "") + cui
        fields = (name, name, vat, cui, phone_of(n), "company", "active", "t", str(payer).lower())
        rows.write("\t".join(fields) + "\tt\tcontact\ten_US\task\n")
    rows.seek(0)
    cr.copy_from(
        rows,
        "res_partner",
        columns=(
            "name", "complete_name", "vat", "amc_cui", "phone", "amc_client_type", "amc_stage",
            "is_company", "amc_anaf_vat_payer", "active", "type", "lang", "autopost_bills",
        ),
    )  # fmt: skip
    cr.execute(
        "UPDATE res_partner SET commercial_partner_id = id WHERE commercial_partner_id IS NULL"
    )
    cr.execute("ANALYZE res_partner")


def _time_search(env, domain_of, values) -> tuple[float, float, list]:
    partners = env["res.partner"]
    partners.search(domain_of(values[-1]), limit=80)  # warm the caches once, untimed
    timings, found = [], []
    for value in values:
        start = time.perf_counter()
        result = partners.search(domain_of(value), limit=80)
        timings.append((time.perf_counter() - start) * 1000)
        found.append(len(result))
    return statistics.median(timings), max(timings), found


def _plan(env, domain) -> list[str]:
    from odoo.tools import SQL

    query = env["res.partner"]._search(domain, limit=80)
    env.cr.execute(SQL("EXPLAIN (ANALYZE, COSTS OFF) %s", query.select()))
    return [row[0] for row in env.cr.fetchall()]


def _report(env, label, domain_of, values, expect_one) -> bool:
    median, worst, found = _time_search(env, domain_of, values)
    plan = _plan(env, domain_of(values[0]))
    uses_index = any("Index" in line for line in plan) and not any(
        "Seq Scan on res_partner" in line for line in plan
    )
    right = all(n == 1 for n in found) if expect_one else all(n >= 1 for n in found)
    print(f"\n{label}: median {median:.2f} ms, worst {worst:.2f} ms over {len(values)} searches")
    print(f"  results as expected: {right}; plan uses an index, no sequential scan: {uses_index}")
    for line in plan:
        print("   ", line)
    return uses_index and right


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--template", default="amc_c1")
    parser.add_argument("--db", default="amc_bench_client_search")
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    subprocess.run(["dropdb", *PG, "--if-exists", args.db], check=True)
    subprocess.run(["createdb", *PG, "-T", args.template, args.db], check=True)
    import odoo
    from odoo.modules.registry import Registry

    try:
        registry = _registry(args.db)
        rng = random.Random(5)
        picks = [rng.randrange(args.partners) for _ in range(RUNS)]
        with registry.cursor() as cr:
            start = time.perf_counter()
            _insert_partners(cr, args.partners)
            print(f"inserted {args.partners} partners in {time.perf_counter() - start:.1f} s")
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            total = env["res.partner"].search_count([])
            print(f"res_partner rows: {total}; PostgreSQL {cr.connection.server_version}")
            checks = [
                _report(
                    env,
                    "CUI typed with RO (whole number)",
                    lambda v: [("amc_cui_search", "ilike", f"RO {v}")],
                    [with_check_digit(FIRST_CUI + n) for n in picks],
                    expect_one=True,
                ),
                _report(
                    env,
                    "CUI, first 6 digits (partial)",
                    lambda v: [("amc_cui_search", "ilike", v)],
                    [with_check_digit(FIRST_CUI + n)[:6] for n in picks],
                    expect_one=False,
                ),
                _report(
                    env,
                    "Phone typed as 0722 123 456 (exact)",
                    lambda v: [("amc_phone_search", "ilike", v)],
                    [f"0722 {n:06d}"[:8] + " " + f"{n:06d}"[3:] for n in picks],
                    expect_one=True,
                ),
                _report(
                    env,
                    "Phone, last 6 digits (partial)",
                    lambda v: [("amc_phone_search", "ilike", v)],
                    [f"2{n:06d}"[1:] for n in picks],
                    expect_one=False,
                ),
            ]
            cr.rollback()
    finally:
        Registry.delete(args.db)
        odoo.sql_db.close_db(args.db)
        if not args.keep:
            subprocess.run(["dropdb", *PG, "--if-exists", args.db], check=True)
    return 0 if all(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
