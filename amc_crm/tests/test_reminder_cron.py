from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .test_contract_common import TODAY, AmcContractCommon

FIRST = "amc_crm.amc_reminder_level_first"
SECOND = "amc_crm.amc_reminder_level_second"
FINAL = "amc_crm.amc_reminder_level_final"


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestReminderCron(AmcContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.env["res.users"].create(
            {"name": "Ana Manager", "login": "amc_ana", "email": "ana@example.com"}
        )
        cls.client.user_id = cls.manager
        cls.levels = [cls.env.ref(xmlid) for xmlid in (FIRST, SECOND, FINAL)]

    def invoice(self, due, partner=None, post=True, move_type="out_invoice", company=None):
        company = company or self.company
        move = (
            self.env["account.move"]
            .with_company(company)
            .create(
                {
                    "move_type": move_type,
                    "partner_id": (partner or self.client).id,
                    "invoice_date": date(2026, 1, 15),
                    "invoice_date_due": due,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": "Consulting",
                                "quantity": 1,
                                "price_unit": 1000.0,
                                "tax_ids": False,
                            }
                        )
                    ],
                }
            )
        )
        if post:
            move.action_post()
            move.invoice_date_due = due  # the payment terms may have moved it
        return move

    def run_cron(self, day):
        with freeze_time(day):
            return self.env["account.move"]._cron_amc_crm_payment_reminders(date_ref=day)

    def sent_levels(self, move):
        return move.amc_reminder_log_ids.sorted("date").level_id

    def reminder_messages(self, move):
        return move.message_ids.filtered(lambda m: m.message_type == "comment")

    def pay(self, move, day):
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=move.ids
        ).create({"payment_date": day})._create_payments()

    # --- Days overdue (Standard and Premium) --- #

    def test_days_overdue_counts_only_unpaid_posted_customer_invoices(self):
        late = self.invoice(date(2026, 3, 1))
        draft = self.invoice(date(2026, 3, 1), post=False)
        bill = self.invoice(date(2026, 3, 1), move_type="in_invoice")
        future = self.invoice(date(2026, 3, 20))
        self.assertEqual([m.amc_days_overdue for m in (late, draft, bill, future)], [9, 0, 0, 0])
        self.assertEqual(late.with_context(date_ref=date(2026, 3, 31)).amc_days_overdue, 30)
        Move = self.env["account.move"]
        self.assertEqual(Move.search([("amc_days_overdue", ">", 5)]), late)
        self.assertEqual(Move.search([("amc_days_overdue", ">", 9)]), Move)
        self.assertEqual(Move.search([("amc_days_overdue", ">=", 9)]), late)
        self.assertEqual(Move.search([("amc_days_overdue", "=", 9)]), late)
        mine = [("id", "in", (late | draft | bill | future).ids)]
        self.assertEqual(Move.search([*mine, ("amc_days_overdue", "<", 9)]), draft | bill | future)
        self.assertEqual(Move.search([*mine, ("amc_days_overdue", "=", 0)]), draft | bill | future)
        self.pay(late, TODAY)
        self.assertEqual(late.amc_days_overdue, 0)

    # --- Levels --- #

    def test_each_level_goes_out_once_on_its_day(self):
        move = self.invoice(date(2026, 3, 1))
        self.run_cron(date(2026, 3, 1))
        self.assertFalse(move.amc_reminder_log_ids)
        self.run_cron(date(2026, 3, 2))
        self.run_cron(date(2026, 3, 2))
        self.run_cron(date(2026, 3, 7))
        self.assertEqual(self.sent_levels(move), self.levels[0])
        message = self.reminder_messages(move)
        self.assertEqual(len(message), 1)
        self.assertIn(f"invoice {move.name} is past its due date", message.subject)
        self.assertEqual(message.partner_ids, self.client)
        self.run_cron(date(2026, 3, 8))
        self.assertEqual(self.sent_levels(move), self.levels[0] | self.levels[1])
        self.assertIn("is now\n        7 days overdue", self.reminder_messages(move)[0].body)
        self.assertFalse(move.activity_ids)
        self.run_cron(date(2026, 3, 16))
        self.run_cron(date(2026, 3, 30))
        self.assertEqual(self.sent_levels(move), self.levels[0] | self.levels[1] | self.levels[2])
        self.assertEqual(len(self.reminder_messages(move)), 3)
        self.assertRecordValues(
            move.amc_reminder_log_ids.sorted("date"),
            [
                {"date": date(2026, 3, 2), "days_overdue": 1},
                {"date": date(2026, 3, 8), "days_overdue": 7},
                {"date": date(2026, 3, 16), "days_overdue": 15},
            ],
        )
        self.assertRecordValues(
            move.activity_ids, [{"user_id": self.manager.id, "date_deadline": date(2026, 3, 16)}]
        )

    def test_only_the_highest_level_goes_out_when_several_are_reached(self):
        move = self.invoice(date(2026, 2, 1))
        self.run_cron(TODAY)
        self.run_cron(date(2026, 3, 11))
        self.assertEqual(self.sent_levels(move), self.levels[2])
        self.assertEqual(len(self.reminder_messages(move)), 1)

    def test_payment_stops_the_reminders(self):
        move = self.invoice(date(2026, 3, 1))
        self.run_cron(date(2026, 3, 2))
        self.pay(move, date(2026, 3, 3))
        self.assertIn(move.payment_state, ("paid", "in_payment"))
        self.run_cron(date(2026, 3, 8))
        self.run_cron(date(2026, 3, 20))
        self.assertEqual(self.sent_levels(move), self.levels[0])

    def test_client_opt_out_is_respected_for_the_company_and_its_contacts(self):
        contact = self.env["res.partner"].create(
            {"name": "Ion Pop", "parent_id": self.client.id, "email": "ion@example.com"}
        )
        move = self.invoice(date(2026, 3, 1), partner=contact)
        self.client.amc_no_reminders = True
        self.run_cron(TODAY)
        self.assertFalse(move.amc_reminder_log_ids)
        self.client.amc_no_reminders = False
        self.run_cron(TODAY)
        self.assertEqual(self.sent_levels(move), self.levels[1])  # 9 days overdue

    def test_drafts_bills_and_credit_notes_get_no_reminder(self):
        moves = (
            self.invoice(date(2026, 3, 1), post=False)
            | self.invoice(date(2026, 3, 1), move_type="in_invoice")
            | self.invoice(date(2026, 3, 1), move_type="out_refund")
        )
        self.run_cron(TODAY)
        self.assertFalse(moves.amc_reminder_log_ids)

    def test_level_without_template_notes_the_reminder_in_the_chatter(self):
        self.levels[0].mail_template_id = False
        move = self.invoice(date(2026, 3, 1))
        self.run_cron(date(2026, 3, 2))
        self.assertEqual(self.sent_levels(move), self.levels[0])
        self.assertFalse(self.reminder_messages(move))
        self.assertIn("First reminder noted", move.message_ids[0].body)

    # --- Gate, batches, failures --- #

    def test_standard_company_sees_days_overdue_but_gets_no_reminders(self):
        company_2 = self.setup_other_company(name="Standard SRL")["company"]
        self.set_plan(company_2, "standard")
        move = self.invoice(date(2026, 3, 1), company=company_2)
        self.run_cron(TODAY)
        self.assertEqual(move.amc_days_overdue, 9)
        self.assertFalse(move.amc_reminder_log_ids)
        self.set_plan(company_2, "premium")
        self.run_cron(TODAY)
        self.assertEqual(self.sent_levels(move), self.levels[1])  # 9 days overdue

    def test_batches_report_progress(self):
        first, second = self.invoice(date(2026, 3, 1)), self.invoice(date(2026, 3, 1))
        self.env["ir.config_parameter"].sudo().set_param("amc_crm.reminder_batch_size", "1")
        with patch.object(type(self.env["ir.cron"]), "_notify_progress") as notify:
            self.run_cron(TODAY)
            self.assertEqual(notify.call_args.kwargs, {"done": 1, "remaining": 1})
            self.run_cron(TODAY)
            self.assertEqual(notify.call_args.kwargs, {"done": 1, "remaining": 0})
        self.assertEqual(len((first | second).amc_reminder_log_ids), 2)

    @mute_logger("odoo.addons.amc_crm.models.account_move")
    def test_a_failing_invoice_is_rolled_back_and_left_for_tomorrow(self):
        first, second = self.invoice(date(2026, 3, 1)), self.invoice(date(2026, 3, 1))
        Move = type(self.env["account.move"])
        original = Move.message_post_with_source

        def post(moves, *args, **kwargs):
            if moves == first:
                raise RuntimeError("mail server down")
            return original(moves, *args, **kwargs)

        with patch.object(Move, "message_post_with_source", post):
            self.run_cron(TODAY)
            self.run_cron(TODAY)
        self.assertFalse(first.amc_reminder_log_ids)
        self.assertEqual(first.amc_reminder_error_date, TODAY)
        self.assertEqual(self.sent_levels(second), self.levels[1])
        self.run_cron(date(2026, 3, 11))
        self.assertEqual(self.sent_levels(first), self.levels[1])
