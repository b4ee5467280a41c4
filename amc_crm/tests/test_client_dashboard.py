from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from .common import AmcCrmInvoicingCommon


@tagged("post_install", "-at_install")
class TestClientDashboard(AmcCrmInvoicingCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls.new_client(name="Dashboard SRL", amc_stage="active")
        cls.other = cls.new_client(name="Other SRL", amc_stage="active")
        past, future = cls.today - timedelta(days=10), cls.today + timedelta(days=20)
        cls.overdue = cls.invoice(cls.client, 100.0, due=past)
        cls.paid = cls.invoice(cls.client, 200.0, due=past)
        cls.invoice(cls.client, 300.0, due=future)
        cls.invoice(cls.client, 1000.0, due=past, post=False)  # draft: not counted
        cls.invoice(cls.other, 50.0, due=future)
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=cls.paid.ids
        ).create({"payment_date": cls.today})._create_payments()

    @classmethod
    def invoice(cls, partner, amount, due, post=True):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": due - timedelta(days=30),
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {"name": "Service", "quantity": 1, "price_unit": amount, "tax_ids": []}
                    )
                ],
            }
        )
        if post:
            move.action_post()
        return move

    def test_dashboard_totals(self):
        self.assertRecordValues(
            self.client,
            [{"amc_invoiced_total": 600.0, "amc_paid_total": 200.0, "amc_overdue_total": 100.0}],
        )
        self.assertRecordValues(
            self.other,
            [{"amc_invoiced_total": 50.0, "amc_paid_total": 0.0, "amc_overdue_total": 0.0}],
        )

    def test_contact_person_shows_the_company_totals(self):
        contact = self.env["res.partner"].create({"name": "Ana", "parent_id": self.client.id})
        self.assertEqual(contact.amc_invoiced_total, 600.0)

    def test_dashboard_queries_do_not_grow_with_invoices(self):
        many = self.new_client(name="Many SRL", amc_stage="active")
        for _ in range(6):
            self.invoice(many, 10.0, due=self.today - timedelta(days=1))

        def queries_for(partner):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partner.read(["amc_invoiced_total", "amc_paid_total", "amc_overdue_total"])
            return self.env.cr.sql_log_count - before

        queries_for(self.client)  # warm the caches that do not depend on the partner
        self.assertEqual(queries_for(many), queries_for(self.other))
        self.assertEqual(many.amc_overdue_total, 60.0)

    def test_overdue_filter(self):
        found = self.env["res.partner"].search(
            [("amc_overdue_total", ">", 0), ("id", "in", (self.client | self.other).ids)]
        )
        self.assertEqual(found, self.client)
        self.overdue.button_draft()
        self.assertFalse(
            self.env["res.partner"].search(
                [("amc_overdue_total", ">", 0), ("id", "in", self.client.ids)]
            )
        )

    def test_salesman_without_accounting_rights_sees_the_totals(self):
        self.assertFalse(self.salesman_a.has_group("account.group_account_invoice"))
        client = self.client.with_user(self.salesman_a)
        self.assertEqual(client.amc_invoiced_total, 600.0)

    def test_last_contact_is_the_last_message_or_done_activity(self):
        self.assertFalse(self.other.amc_last_contact_date)
        message = self.other.message_post(body="Called the client", message_type="comment")
        self.other.invalidate_recordset(["amc_last_contact_date"])
        self.assertEqual(self.other.amc_last_contact_date, message.date)

    def test_next_invoice_date_is_empty_without_contracts(self):
        self.assertFalse(self.other.amc_next_invoice_date)
