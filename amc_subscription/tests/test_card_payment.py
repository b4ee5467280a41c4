from datetime import date

from odoo import Command
from odoo.tests import freeze_time, tagged

from .common import AmcSubscriptionCommon


class AmcCardPaymentCommon(AmcSubscriptionCommon):
    """Adds the demo card provider of the billing company; skips without payment_demo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        demo = cls.env.ref("payment.payment_provider_demo", raise_if_not_found=False)
        demo = demo and demo.sudo()
        installed = cls.env["ir.module.module"]._get("payment_demo").state == "installed"
        cls.demo_provider = None
        if demo and installed:
            cls.demo_provider = demo.copy({"company_id": cls.billing.id})
            cls.demo_provider.state = "test"
            cls.demo_provider.journal_id = cls.bank_journal

    def setUp(self):
        super().setUp()
        if not self.demo_provider:
            self.skipTest(
                "payment_demo is not installed: run with -i amc_subscription,payment_demo"
            )

    def card_transaction(self, purchase, **values):
        """The transaction the payment form creates for a purchase (see the controller)."""
        return (
            self.env["payment.transaction"]
            .sudo()
            .create(
                {
                    "provider_id": self.demo_provider.id,
                    "payment_method_id": self.demo_provider.payment_method_ids[:1].id,
                    "amount": purchase.amount_total,
                    "currency_id": purchase.currency_id.id,
                    "partner_id": purchase.company_id.partner_id.id,
                    "reference": f"{purchase.name}-1",
                    "operation": "online_direct",
                    "amc_purchase_ids": [Command.set(purchase.ids)],
                    **values,
                }
            )
        )

    def simulate(self, tx, state):
        self.env["payment.transaction"].sudo()._handle_notification_data(
            "demo", {"reference": tx.reference, "payment_details": "4242", "simulated_state": state}
        )
        tx._post_process()


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestCardPayment(AmcCardPaymentCommon):
    def test_paid_card_transaction_invoices_reconciles_and_extends_at_once(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
        tx = self.card_transaction(purchase)
        self.simulate(tx, "done")
        invoice = purchase.invoice_id
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "company_id": self.billing.id,
                    "partner_id": self.company_a.partner_id.id,
                    "amount_total": 119.79,
                    "invoice_origin": purchase.name,
                }
            ],
        )
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.assertEqual(tx.invoice_ids, invoice)
        self.assertRecordValues(
            tx.payment_id, [{"state": "paid", "amount": 119.79, "company_id": self.billing.id}]
        )
        self.assertRecordValues(
            purchase,
            [{"state": "done", "date_start": date(2026, 3, 10), "date_end": date(2026, 4, 9)}],
        )
        self.assertRecordValues(
            self.sub_a,
            [{"plan_id": self.plan_premium.id, "state": "paid", "date_end": date(2026, 4, 9)}],
        )

    def test_processing_the_payment_twice_adds_and_invoices_once(self):
        purchase = self.buy(self.manager_b, self.plan_premium, "12", kind="card")
        tx = self.card_transaction(purchase)
        self.simulate(tx, "done")
        tx._post_process()
        purchase._apply()
        self.assertEqual(self.sub_b.date_end, date(2027, 4, 9))
        moves = self.env["account.move"].search([("invoice_origin", "=", purchase.name)])
        self.assertEqual(len(moves), 1)
        payments = self.env["account.payment"].search([("payment_transaction_id", "=", tx.id)])
        self.assertEqual(len(payments), 1)

    def test_refused_or_pending_card_payment_grants_nothing(self):
        for state in ("cancel", "pending", "error"):
            with self.subTest(state=state):
                purchase = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
                tx = self.card_transaction(purchase)
                self.simulate(tx, state)
                self.assertRecordValues(purchase, [{"state": "draft", "invoice_id": False}])
                self.assertEqual(self.sub_a.state, "standard")
                self.assertFalse(tx.invoice_ids)
