from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import AmcSubscriptionCommon


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestTransferPayment(AmcSubscriptionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        transfer = cls.env.ref("payment.payment_provider_transfer").sudo()
        cls.transfer_provider = transfer.copy({"company_id": cls.billing.id})
        cls.transfer_provider.state = "enabled"
        cls.transfer_provider.journal_id = cls.bank_journal
        cls.env.ref("payment_custom.payment_method_wire_transfer").sudo().active = True

    def register_payment_on_invoice(self, invoice):
        """What the billing side does when the bank statement shows the transfer."""
        return (
            self.env["account.payment.register"]
            .with_user(self.operator)
            .with_company(self.billing)
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({})
            ._create_payments()
        )

    def test_transfer_is_pending_with_the_invoice_payment_reference(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        tx = purchase.transaction_ids
        self.assertRecordValues(
            tx,
            [
                {
                    "state": "pending",
                    "provider_id": self.transfer_provider.id,
                    "amount": 119.79,
                    "partner_id": self.company_a.partner_id.id,
                    "reference": purchase.invoice_id.payment_reference,
                }
            ],
        )
        self.assertEqual(tx.invoice_ids, purchase.invoice_id)
        self.assertEqual(purchase.state, "pending")
        self.assertEqual(self.sub_a.state, "standard")

    def test_paying_the_invoice_confirms_the_transfer(self):
        purchase = self.buy(self.manager_b, self.plan_premium, "6")
        tx = purchase.transaction_ids
        self.register_payment_on_invoice(purchase.invoice_id)
        self.assertIn(purchase.invoice_id.payment_state, ("paid", "in_payment"))
        self.assertRecordValues(
            purchase,
            [{"state": "done", "date_start": date(2026, 4, 10), "date_end": date(2026, 10, 9)}],
        )
        self.assertRecordValues(self.sub_b, [{"state": "paid", "date_end": date(2026, 10, 9)}])
        self.assertRecordValues(
            tx, [{"state": "done", "is_post_processed": True, "payment_id": False}]
        )
        # the payment cron must not create a second payment for the closed transaction
        self.env["payment.transaction"]._cron_post_process()
        payments = self.env["account.payment"].search(
            [("partner_id", "=", self.company_b.partner_id.id)]
        )
        self.assertEqual(len(payments), 1)

    def test_operator_confirms_a_transfer_received(self):
        purchase = self.buy(self.manager_a, self.plan_ultimate, "12")
        purchase.with_user(self.operator).action_amc_confirm_payment()
        tx = purchase.transaction_ids
        self.assertRecordValues(tx, [{"state": "done", "is_post_processed": True}])
        payment = purchase.invoice_id.matched_payment_ids
        self.assertRecordValues(payment, [{"state": "paid", "amount": 2308.68}])
        self.assertIn(purchase.invoice_id.payment_state, ("paid", "in_payment"))
        self.assertRecordValues(purchase, [{"state": "done", "date_end": date(2027, 3, 9)}])
        self.assertRecordValues(
            self.sub_a, [{"plan_id": self.plan_ultimate.id, "date_end": date(2027, 3, 9)}]
        )
        with self.assertRaisesRegex(UserError, "not waiting for a payment"):
            purchase.with_user(self.operator).action_amc_confirm_payment()

    def test_operator_confirms_a_transfer_without_provider(self):
        self.transfer_provider.state = "disabled"
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        self.assertFalse(purchase.transaction_ids)
        self.assertEqual(purchase.state, "pending")
        purchase.with_user(self.operator).action_amc_confirm_payment()
        self.assertIn(purchase.invoice_id.payment_state, ("paid", "in_payment"))
        self.assertRecordValues(purchase, [{"state": "done", "date_end": date(2026, 4, 9)}])

    def test_only_the_operator_confirms_payments(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        with self.assertRaises(AccessError):
            purchase.with_user(self.manager_a).action_amc_confirm_payment()
        self.assertEqual(purchase.state, "pending")
