from datetime import date
from unittest.mock import patch

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from ..models.amc_contract import AmcContract
from .test_contract_common import TODAY, AmcContractCommon


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestContractRecurring(AmcContractCommon):
    def periods(self, contract):
        return sorted(contract.invoice_ids.mapped("amc_contract_period_start"))

    def test_cron_run_twice_makes_one_posted_invoice_per_period(self):
        contract = self.make_contract()
        self.run_cron(TODAY)
        self.run_cron(TODAY)
        invoice = contract.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "move_type": "out_invoice",
                    "partner_id": self.client.id,
                    "invoice_date": TODAY,
                    "amc_contract_period_start": date(2026, 3, 1),
                    "amount_untaxed": 500.0,
                    "invoice_origin": "Monthly bookkeeping",
                }
            ],
        )
        self.assertEqual(invoice.invoice_line_ids.tax_ids, self.tax_sale_a)
        self.assertEqual(
            invoice.invoice_line_ids.name, "Bookkeeping\nPeriod 03/01/2026 - 03/31/2026"
        )
        self.assertRecordValues(
            contract,
            [
                {
                    "state": "running",
                    "last_period_start": date(2026, 3, 1),
                    "next_invoice_date": date(2026, 4, 1),
                }
            ],
        )

    def test_nothing_is_invoiced_before_the_next_invoice_date(self):
        contract = self.make_contract(date_start=date(2026, 3, 11), invoice_day=11)
        self.assertEqual(contract.next_invoice_date, date(2026, 3, 11))
        self.run_cron(TODAY)
        self.assertFalse(contract.invoice_ids)
        self.run_cron(date(2026, 3, 11))
        self.assertEqual(self.periods(contract), [date(2026, 3, 11)])

    def test_late_cron_catches_up_every_missed_period_once(self):
        contract = self.make_contract(date_start=date(2026, 1, 1), invoice_day=5)
        self.assertEqual(contract.next_invoice_date, date(2026, 1, 5))
        self.run_cron(TODAY)
        self.assertEqual(
            self.periods(contract), [date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)]
        )
        self.run_cron(TODAY)
        self.run_cron(date(2026, 4, 4))
        self.assertEqual(len(contract.invoice_ids), 3)
        self.assertEqual(contract.next_invoice_date, date(2026, 4, 5))
        self.run_cron(date(2026, 4, 5))
        self.assertEqual(self.periods(contract)[-1], date(2026, 4, 5))

    def test_first_period_is_the_invoice_day_on_or_after_the_start(self):
        contract = self.make_contract(start=False, date_start=date(2026, 1, 20), invoice_day=5)
        self.assertEqual(contract.next_invoice_date, date(2026, 2, 5))
        contract.invoice_day = 20
        self.assertEqual(contract.next_invoice_date, date(2026, 1, 20))

    def test_quarterly_and_yearly_contracts_step_by_their_recurrence(self):
        quarterly = self.make_contract(
            recurrence="quarterly", date_start=date(2025, 11, 15), invoice_day=15
        )
        yearly = self.make_contract(
            recurrence="yearly", date_start=date(2025, 3, 20), invoice_day=20
        )
        self.run_cron(TODAY)
        self.assertEqual(self.periods(quarterly), [date(2025, 11, 15), date(2026, 2, 15)])
        self.assertEqual(quarterly.next_invoice_date, date(2026, 5, 15))
        self.assertIn(
            "Period 02/15/2026 - 05/14/2026",
            quarterly.invoice_ids.sorted("amc_contract_period_start")[-1].invoice_line_ids.name,
        )
        self.assertEqual(self.periods(yearly), [date(2025, 3, 20)])
        self.assertEqual(yearly.next_invoice_date, date(2026, 3, 20))

    def test_price_change_applies_from_the_next_period_only(self):
        contract = self.make_contract(lines=[(self.service, 500.0), (self.service_b, 100.0)])
        self.run_cron(TODAY)
        contract.line_ids.filtered(lambda line: line.product_id == self.service).price_unit = 650.0
        self.run_cron(date(2026, 4, 1))
        march, april = contract.invoice_ids.sorted("amc_contract_period_start")
        self.assertEqual(march.amount_untaxed, 600.0)
        self.assertEqual(april.amount_untaxed, 750.0)
        self.assertEqual(sorted(april.invoice_line_ids.mapped("price_unit")), [100.0, 650.0])

    def test_contract_stops_at_its_end_date(self):
        contract = self.make_contract(date_start=date(2026, 1, 1), date_end=date(2026, 2, 15))
        self.run_cron(TODAY)
        self.assertEqual(self.periods(contract), [date(2026, 1, 1), date(2026, 2, 1)])
        self.assertEqual(contract.state, "ended")
        self.run_cron(date(2026, 6, 1))
        self.assertEqual(len(contract.invoice_ids), 2)

    def test_ended_contract_gets_no_more_invoices(self):
        contract = self.make_contract()
        self.run_cron(TODAY)
        contract.action_end()
        self.run_cron(date(2026, 5, 1))
        self.assertEqual(self.periods(contract), [date(2026, 3, 1)])

    def test_draft_contract_is_not_invoiced(self):
        contract = self.make_contract(start=False)
        self.run_cron(TODAY)
        self.assertFalse(contract.invoice_ids)

    def test_without_auto_post_invoices_stay_draft_and_auto_send_queues_posted_ones(self):
        draft = self.make_contract(auto_post=False)
        sent = self.make_contract(auto_send=True)
        self.run_cron(TODAY)
        self.assertRecordValues(draft.invoice_ids, [{"state": "draft", "is_being_sent": False}])
        self.assertRecordValues(sent.invoice_ids, [{"state": "posted", "is_being_sent": True}])
        self.assertEqual(sent.invoice_ids.sending_data["author_user_id"], sent.user_id.id)

    @mute_logger("odoo.addons.amc_crm.models.amc_contract")
    def test_crash_on_the_third_contract_leaves_it_untouched_and_a_rerun_completes(self):
        contracts = [self.make_contract(name=f"Contract {n}") for n in range(1, 6)]
        third = contracts[2]
        moves = type(self.env["account.move"])
        original_create = moves.create

        def create(records, vals_list):
            if any(vals.get("amc_contract_id") == third.id for vals in vals_list):
                raise RuntimeError("worker died")
            return original_create(records, vals_list)

        with patch.object(moves, "create", create):
            self.assertEqual(self.run_cron(TODAY), 4)
        self.assertEqual([len(c.invoice_ids) for c in contracts], [1, 1, 0, 1, 1])
        self.assertRecordValues(
            third,
            [
                {
                    "next_invoice_date": date(2026, 3, 1),
                    "last_period_start": False,
                    "cron_error_date": TODAY,
                }
            ],
        )
        self.assertIn("worker died", third.message_ids[0].body)
        self.run_cron(TODAY)  # the failed contract waits for the next day, nothing doubles
        self.assertEqual([len(c.invoice_ids) for c in contracts], [1, 1, 0, 1, 1])
        self.run_cron(date(2026, 3, 11))
        self.assertEqual([len(c.invoice_ids) for c in contracts], [1, 1, 1, 1, 1])
        self.assertEqual(third.invoice_ids.amc_contract_period_start, date(2026, 3, 1))

    @mute_logger("odoo.addons.amc_crm.models.amc_contract")
    def test_crash_after_creating_invoices_rolls_back_the_whole_contract(self):
        contract = self.make_contract(date_start=date(2026, 1, 1))
        moves = type(self.env["account.move"])
        with patch.object(moves, "action_post", side_effect=RuntimeError("post failed")):
            self.run_cron(TODAY)
        self.assertFalse(self.env["account.move"].search([("amc_contract_id", "=", contract.id)]))
        self.assertEqual(contract.next_invoice_date, date(2026, 1, 1))
        self.run_cron(date(2026, 3, 11))
        self.assertEqual(len(contract.invoice_ids), 3)

    def test_database_refuses_a_second_invoice_for_the_same_period(self):
        contract = self.make_contract()
        self.run_cron(TODAY)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            contract.invoice_ids.copy(
                {"amc_contract_id": contract.id, "amc_contract_period_start": date(2026, 3, 1)}
            )
            self.env.flush_all()

    def test_batches_report_progress_and_skip_locked_contracts(self):
        first, second, third = (self.make_contract(name=f"C{n}") for n in range(3))
        self.env["ir.config_parameter"].sudo().set_param("amc_crm.recurring_batch_size", "2")
        original_lock = AmcContract._lock_for_cron
        with (
            patch.object(
                AmcContract,
                "_lock_for_cron",
                lambda contract, day: contract != first and original_lock(contract, day),
            ),
            patch.object(type(self.env["ir.cron"]), "_notify_progress") as notify,
        ):
            self.run_cron(TODAY)
            self.assertEqual(notify.call_args.kwargs, {"done": 1, "remaining": 2})
            self.run_cron(TODAY)
            self.assertEqual(notify.call_args.kwargs, {"done": 1, "remaining": 1})
        self.assertFalse(first.invoice_ids)
        self.assertEqual(len(second.invoice_ids | third.invoice_ids), 2)
        self.run_cron(TODAY)
        self.assertEqual(len(first.invoice_ids), 1)

    def test_lock_refuses_a_contract_no_longer_due(self):
        contract = self.make_contract()
        self.assertTrue(contract._lock_for_cron(TODAY))
        self.run_cron(TODAY)
        self.assertFalse(contract._lock_for_cron(TODAY))

    def test_contract_with_invoices_cannot_be_deleted(self):
        contract = self.make_contract()
        self.run_cron(TODAY)
        with self.assertRaises(UserError):
            contract.unlink()

    def test_contract_form_fills_the_line_from_the_service(self):
        form = Form(self.Contract)
        form.name = "Payroll for Alfa"
        form.partner_id = self.client
        form.recurrence = "quarterly"
        form.invoice_day = 15
        form.date_start = date(2026, 3, 20)
        with form.line_ids.new() as line:
            line.product_id = self.service_b
            line.quantity = 2
        contract = form.save()
        self.assertRecordValues(
            contract.line_ids,
            [
                {
                    "name": "Payroll",
                    "price_unit": 100.0,
                    "subtotal": 200.0,
                    "tax_ids": self.tax_sale_a.ids,
                }
            ],
        )
        self.assertRecordValues(
            contract,
            [{"next_invoice_date": date(2026, 4, 15), "amount_untaxed": 200.0, "state": "draft"}],
        )

    def test_client_file_shows_the_next_invoice_date_and_contracts(self):
        contact = self.env["res.partner"].create({"name": "Ion Pop", "parent_id": self.client.id})
        self.make_contract(partner_id=contact.id, date_start=date(2026, 3, 5), invoice_day=5)
        self.make_contract(date_start=date(2026, 3, 20), invoice_day=20)
        self.make_contract(start=False, date_start=date(2026, 3, 12), invoice_day=12)
        self.assertEqual(self.client._amc_next_invoice_date(), date(2026, 3, 5))
        self.run_cron(TODAY)
        self.assertEqual(self.client._amc_next_invoice_date(), date(2026, 3, 20))
        self.assertEqual(self.client.amc_contract_count, 3)
        self.assertEqual(contact.amc_contract_count, 3)
        self.assertEqual(self.client.action_amc_view_contracts()["domain"][0][2], self.client.id)

    def test_invoice_now_refuses_a_contract_with_nothing_due(self):
        contract = self.make_contract(date_start=date(2026, 3, 20), invoice_day=20)
        with self.assertRaisesRegex(UserError, "nothing due today"):
            contract.action_invoice_now()

    def test_client_fiscal_position_maps_the_contract_taxes(self):
        fpos = self.env["account.fiscal.position"].create(
            {
                "name": "Reverse charge",
                "tax_ids": [
                    Command.create(
                        {"tax_src_id": self.tax_sale_a.id, "tax_dest_id": self.tax_sale_b.id}
                    )
                ],
            }
        )
        self.client.property_account_position_id = fpos
        contract = self.make_contract()
        self.run_cron(TODAY)
        self.assertEqual(contract.invoice_ids.fiscal_position_id, fpos)
        self.assertEqual(contract.invoice_ids.invoice_line_ids.tax_ids, self.tax_sale_b)

    def test_auto_send_mails_the_invoice_through_odoos_sending_job(self):
        contract = self.make_contract(auto_send=True)
        self.run_cron(TODAY)
        invoice = contract.invoice_ids
        self.env["account.move"]._cron_account_move_send()
        self.assertRecordValues(invoice, [{"is_move_sent": True, "is_being_sent": False}])
        mail = invoice.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(mail.partner_ids, self.client)

    def test_analytic_distribution_models_apply_to_the_invoice_lines(self):
        plan = self.env["account.analytic.plan"].create({"name": "Departments"})
        department = self.env["account.analytic.account"].create(
            {"name": "Bookkeeping department", "plan_id": plan.id, "company_id": False}
        )
        distribution = {str(department.id): 100}
        contract = self.make_contract()
        self.run_cron(TODAY)
        self.assertFalse(contract.invoice_ids.invoice_line_ids.analytic_distribution)
        model = self.env["account.analytic.distribution.model"].create(
            {
                "partner_id": self.client.id,
                "company_id": self.company.id,
                "analytic_distribution": distribution,
            }
        )
        self.run_cron(date(2026, 4, 1))
        model.company_id = False  # a model of every company
        self.run_cron(date(2026, 5, 1))
        invoices = contract.invoice_ids.sorted("amc_contract_period_start")
        self.assertEqual(
            invoices.invoice_line_ids.mapped("analytic_distribution"),
            [False, distribution, distribution],
        )

    def test_queries_per_contract_do_not_grow_with_lines_or_contracts(self):
        services = [
            self._create_product(name=f"Service {n}", type="service", lst_price=10.0 + n)
            for n in range(10)
        ]

        def queries(count, lines, day):
            for n in range(count):
                self.make_contract(
                    name=f"Q{day.day}-{n}",
                    date_start=day,
                    invoice_day=day.day,
                    lines=[(product, 10.0) for product in services[:lines]],
                )
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self.run_cron(day)
            return self.cr.sql_log_count - before

        queries(1, 3, date(2026, 3, 2))  # warm the caches of the first invoice
        three_lines = queries(1, 3, date(2026, 3, 3))
        ten_lines = queries(1, 10, date(2026, 3, 4))
        five_contracts = queries(5, 3, date(2026, 3, 5))
        self.assertLessEqual(ten_lines, three_lines + 2)
        self.assertLessEqual(five_contracts, 5 * three_lines + 5)
