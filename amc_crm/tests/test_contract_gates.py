from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from odoo.addons.amc_subscription.exceptions import AmcFeatureUnavailable

from ..models import amc_contract
from .test_contract_common import TODAY, AmcContractCommon


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestContractGates(AmcContractCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.setup_other_company(name="Standard SRL")["company"]
        cls.set_plan(cls.company_2, "standard")
        cls.salesman = cls.new_user("amc_salesman", "sales_team.group_sale_salesman")
        cls.other_salesman = cls.new_user("amc_salesman_2", "sales_team.group_sale_salesman")
        cls.manager = cls.new_user("amc_sales_manager", "sales_team.group_sale_manager")
        cls.manager_2 = cls.new_user(
            "amc_sales_manager_2", "sales_team.group_sale_manager", company=cls.company_2
        )

    @classmethod
    def new_user(cls, login, groups, company=None):
        company = company or cls.company
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,{groups}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )

    def standard_contract(self):
        """A running contract of a company that fell back from Premium to Standard."""
        contract = self.Contract.with_company(self.company_2).create(
            {
                "name": "Standard contract",
                "partner_id": self.client.id,
                "company_id": self.company_2.id,
                "currency_id": self.company_2.currency_id.id,
                "date_start": date(2026, 3, 1),
                "line_ids": [Command.create({"product_id": self.service.id, "tax_ids": False})],
            }
        )
        contract.state = "running"
        return contract

    # --- Premium gate --- #

    def test_cron_invoices_premium_companies_only(self):
        premium = self.make_contract()
        standard = self.standard_contract()
        with patch.object(amc_contract._logger, "info") as log:
            self.run_cron(TODAY)
        self.assertEqual(len(premium.invoice_ids), 1)
        self.assertFalse(standard.sudo().invoice_ids)
        self.assertEqual(standard.next_invoice_date, date(2026, 3, 1))
        self.assertEqual(log.call_args.args[1], 1)  # one due contract skipped, and logged

    def test_invoicing_stops_the_day_after_premium_ends(self):
        self.set_plan(self.company, "premium", date_end=date(2026, 3, 31))
        contract = self.make_contract()
        self.run_cron(TODAY)
        self.run_cron(date(2026, 4, 1))
        self.assertEqual(contract.invoice_ids.amc_contract_period_start, date(2026, 3, 1))
        self.set_plan(self.company, "premium", date_end=date(2026, 12, 31))
        self.run_cron(date(2026, 4, 2))
        self.assertEqual(len(contract.invoice_ids), 2)

    def test_start_and_invoice_now_are_refused_on_standard(self):
        contract = self.standard_contract()
        contract.state = "draft"
        with self.assertRaisesRegex(AmcFeatureUnavailable, "Premium"):
            contract.with_company(self.company_2).action_start()
        contract.state = "running"
        with self.assertRaisesRegex(AmcFeatureUnavailable, "Premium"):
            contract.with_company(self.company_2).action_invoice_now()
        self.assertFalse(contract.sudo().invoice_ids)

    def test_invoice_now_creates_the_due_invoices_on_premium(self):
        contract = self.make_contract(date_start=date(2026, 2, 1))
        self.assertIs(contract.with_user(self.salesman).action_invoice_now(), True)
        self.assertEqual(len(contract.invoice_ids), 2)
        other = self.make_contract(date_start=date(2026, 2, 1))
        action = other.action_invoice_now()  # the test user is an accountant: opens the invoices
        self.assertEqual(self.env["account.move"].search(action["domain"]), other.invoice_ids)
        self.assertEqual(len(other.invoice_ids), 2)

    # --- Access rights --- #

    def test_salesman_manages_own_contracts_but_cannot_delete(self):
        contract = self.Contract.with_user(self.salesman).create(
            {
                "name": "Own contract",
                "partner_id": self.client.id,
                "line_ids": [Command.create({"product_id": self.service.id})],
            }
        )
        self.assertEqual(contract.user_id, self.salesman)
        contract.line_ids.price_unit = 550.0
        contract.action_start()
        self.assertEqual(contract.state, "running")
        with self.assertRaises(AccessError):
            contract.unlink()
        self.assertFalse(self.Contract.with_user(self.other_salesman).search([]))
        with self.assertRaises(AccessError):
            contract.with_user(self.other_salesman).read(["name"])

    def test_manager_sees_every_contract_and_deletes_drafts(self):
        contract = self.make_contract(start=False, user_id=self.salesman.id)
        self.assertEqual(self.Contract.with_user(self.manager).search([]), contract)
        contract.with_user(self.manager).unlink()
        self.assertFalse(contract.exists())

    def test_only_managers_edit_reminder_levels(self):
        Level = self.env["amc.reminder.level"]
        self.assertEqual(len(Level.with_user(self.salesman).search([])), 3)
        with self.assertRaises(AccessError):
            Level.with_user(self.salesman).create({"name": "Day 30", "days_after_due": 30})
        level = Level.with_user(self.manager).create({"name": "Day 30", "days_after_due": 30})
        self.assertEqual(level.days_after_due, 30)

    def test_contracts_stay_in_their_company(self):
        contract = self.make_contract(start=False)
        self.assertFalse(self.Contract.with_user(self.manager_2).search([]))
        with self.assertRaises(AccessError):
            contract.with_user(self.manager_2).read(["name"])
        with self.assertRaises(AccessError):
            contract.line_ids.with_user(self.manager_2).read(["name"])

    def test_auditor_reads_the_contract_and_reminders_of_an_invoice(self):
        auditor = self.new_user("amc_auditor", "account.group_account_readonly")
        contract = self.make_contract()
        self.run_cron(TODAY)
        invoice = contract.invoice_ids.with_user(auditor)
        self.assertEqual(invoice.amc_contract_id.name, "Monthly bookkeeping")
        self.assertFalse(invoice.amc_reminder_log_ids)
        with self.assertRaises(AccessError):
            contract.with_user(auditor).write({"name": "Changed"})

    def test_views_load_for_a_salesman_and_an_auditor(self):
        modes = [(False, mode) for mode in ("form", "list", "kanban", "search")]
        views = self.Contract.with_user(self.salesman).get_views(modes)["views"]
        self.assertIn("action_invoice_now", views["form"]["arch"])
        self.assertNotIn("action_view_invoices", views["form"]["arch"])  # no accounting rights
        auditor = self.new_user("amc_auditor_views", "account.group_account_readonly")
        move_views = self.env["account.move"].with_user(auditor).get_views(modes[:2] + modes[3:])
        self.assertIn("amc_reminder_log_ids", move_views["views"]["form"]["arch"])
        self.assertIn("amc_days_overdue", move_views["views"]["list"]["arch"])
        self.assertIn("amc_overdue", move_views["views"]["search"]["arch"])
