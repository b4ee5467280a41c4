"""Benchmark the recurring-invoice cron of ``amc_crm`` on 1,000 and 2,000 contracts.

Creates a throwaway database (fresh, installing ``amc_crm``; or, with ``--template DB``, a copy
of a database where it is already installed), puts its company on Premium, bulk-creates running
contracts due today with 3 or 10 service lines each, and runs the cron exactly as Odoo would:
batch after batch, committing after each contract, until nothing is due. Each scenario prints
the wall time, contracts per second and SQL queries per contract (counted on the cursor, commits
included); the query count per contract should not grow with the number of contracts or of lines.
``--crash-check`` first kills the cron (real commits) while it invoices the 3rd of 5 contracts,
reruns it and checks that each contract ends with exactly one invoice. Drops the database at
the end (``--keep`` keeps it).

Measured 2026-11-26 on the shared 2-core machine (load 5-7), ``--template amc_c2``: 107.1 SQL
queries per contract for 1,000 x 3 lines (485 s), 2,000 x 3 lines (468 s) and 1,000 x 10 lines
(199 s); wall times vary with the load, the query count does not.

Not a test. Run from the repository root, outside any Odoo process::

    python3 bench/bench_recurring.py [--template amc_c2] [--crash-check] [--scale 0.1]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = f"/opt/odoo18/addons,/opt/odoo18/odoo/addons,{ROOT}"
SCENARIOS = ((1000, 3), (2000, 3), (1000, 10))  # (contracts, lines per contract)
TODAY = date(2026, 3, 10)

__all__ = ["main"]


def _odoo(db: str, fresh: bool, addons: str):
    import odoo
    from odoo.tools import config

    config.parse_config(
        [
            f"--addons-path={addons}",
            "--db_host=127.0.0.1",
            "--db_user=root",
            "-d",
            db,
            "--without-demo=all",
            "--log-level=warn",
        ]
    )
    if fresh:
        odoo.service.db._create_empty_database(db)
        config["init"] = {"amc_crm": 1}
    return odoo.modules.registry.Registry.new(db, update_module=fresh)


def _prepare_company(env) -> None:
    company = env.ref("base.main_company")
    if not env["account.journal"].search([("type", "=", "sale"), ("company_id", "=", company.id)]):
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
    premium = env.ref("amc_subscription.plan_premium")
    company.amc_subscription_id.sudo().write(
        {"state": "paid", "plan_id": premium.id, "date_end": date(2099, 12, 31)}
    )
    env["ir.config_parameter"].sudo().set_param("amc_crm.recurring_batch_size", "100")


def _create_contracts(env, count: int, lines: int, tag: str):
    tax = env["account.tax"].search(
        [("type_tax_use", "=", "sale"), ("company_id", "=", env.company.id)], limit=1
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Service {tag}-{n}",
                "type": "service",
                "lst_price": 100.0 + n,
                "taxes_id": [(6, 0, tax.ids)],
            }
            for n in range(lines)
        ]
    )
    partners = env["res.partner"].create(
        [{"name": f"Client {tag}-{n}", "is_company": True} for n in range(max(count // 10, 1))]
    )
    vals = [
        {
            "name": f"Contract {tag}-{n}",
            "partner_id": partners[n % len(partners)].id,
            "date_start": TODAY,
            "invoice_day": TODAY.day,
            "state": "running",
            "auto_post": True,
            "line_ids": [(0, 0, {"product_id": p.id, "quantity": 1 + n % 3}) for p in products],
        }
        for n in range(count)
    ]
    contracts = env["amc.contract"]
    for start in range(0, count, 500):
        contracts |= contracts.create(vals[start : start + 500])
    return contracts


def _run_cron(env, contracts) -> tuple[float, int]:
    cr = env.cr
    cr.commit()
    queries = cr.sql_log_count
    started = time.perf_counter()
    while env["amc.contract"]._cron_amc_crm_recurring_invoices(date_ref=TODAY):
        cr.commit()
    wall = time.perf_counter() - started
    queries = cr.sql_log_count - queries
    invoiced = env["account.move"].search_count(
        [("amc_contract_id", "in", contracts.ids), ("state", "=", "posted")]
    )
    if invoiced != len(contracts):
        raise SystemExit(f"expected {len(contracts)} posted invoices, found {invoiced}")
    return wall, queries


def _crash_check(env) -> tuple[list[int], list[int]]:
    """Kill the cron while it invoices the 3rd of 5 contracts, with real commits, then rerun.

    ``KeyboardInterrupt`` is not an ``Exception``: it escapes the per-contract handler the way a
    killed worker stops, and the rollback is what PostgreSQL does with the lost connection.
    Returns the invoices per contract after the crash and after the rerun.
    """
    contracts = _create_contracts(env, 5, 2, "crash")
    env.cr.commit()
    third = contracts[2]
    moves = type(env["account.move"])
    original = moves.create

    def create(records, vals_list):
        if any(vals.get("amc_contract_id") == third.id for vals in vals_list):
            raise KeyboardInterrupt("worker killed")
        return original(records, vals_list)

    moves.create = create
    try:
        env["amc.contract"]._cron_amc_crm_recurring_invoices(date_ref=TODAY)
    except KeyboardInterrupt:
        env.cr.rollback()
    finally:
        moves.create = original

    def counts():
        env.invalidate_all()
        return [
            env["account.move"].search_count([("amc_contract_id", "=", contract.id)])
            for contract in contracts
        ]

    after_crash = counts()
    while env["amc.contract"]._cron_amc_crm_recurring_invoices(date_ref=TODAY):
        env.cr.commit()
    env.cr.commit()
    return after_crash, counts()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--db", default="amc_bench_recurring")
    parser.add_argument("--template", help="copy this database (amc_crm installed) instead")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    parser.add_argument("--addons", default=ADDONS, help="Odoo addons path")
    parser.add_argument("--crash-check", action="store_true", help="kill the cron mid-batch first")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the contract counts")
    args = parser.parse_args()
    started = time.perf_counter()
    if args.template:
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "root", "-T", args.template, args.db], check=True
        )
    registry = _odoo(args.db, fresh=not args.template, addons=args.addons)
    print(f"database {args.db} ready in {time.perf_counter() - started:.0f} s")
    import odoo

    try:
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            _prepare_company(env)
            cr.commit()
            if args.crash_check:
                after_crash, after_rerun = _crash_check(env)
                print(
                    f"invoices per contract after a crash on the 3rd: {after_crash},"
                    f" after the rerun: {after_rerun}"
                )
                if after_rerun != [1] * 5:
                    raise SystemExit("the rerun did not leave exactly one invoice per contract")
            print(
                f"{'contracts':>9} {'lines':>5} {'wall s':>7} {'contr/s':>7} {'queries':>8}"
                f" {'q/contract':>10}"
            )
            for n, (full, lines) in enumerate(SCENARIOS):
                count = max(int(full * args.scale), 1)
                contracts = _create_contracts(env, count, lines, f"s{n}")
                wall, queries = _run_cron(env, contracts)
                print(
                    f"{count:>9} {lines:>5} {wall:>7.1f} {count / wall:>7.1f} {queries:>8}"
                    f" {queries / count:>10.1f}",
                    flush=True,
                )
    finally:
        if not args.keep:
            odoo.sql_db.close_all()
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "root", args.db], check=False)
            subprocess.run(
                ["rm", "-rf", f"/root/.local/share/Odoo/filestore/{args.db}"], check=False
            )


if __name__ == "__main__":
    sys.exit(main())
