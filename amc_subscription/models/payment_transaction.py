from odoo import Command, fields, models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    amc_purchase_ids = fields.Many2many(
        "amc.subscription.purchase",
        "amc_subscription_purchase_transaction_rel",
        "transaction_id",
        "purchase_id",
        string="Subscription purchases",
        readonly=True,
        copy=False,
    )

    def _post_process(self):
        """Invoice a paid subscription purchase before account_payment reconciles the payment."""
        for tx in self.filtered(lambda t: t.state == "done" and t.amc_purchase_ids):
            for purchase in tx.amc_purchase_ids.filtered(lambda p: p.state != "done"):
                invoice = purchase._create_invoice()
                if invoice not in tx.invoice_ids:
                    tx.invoice_ids = [Command.link(invoice.id)]
        res = super()._post_process()
        # Money received: apply even when no payment could be reconciled (no provider journal).
        self.filtered(lambda t: t.state == "done").amc_purchase_ids._apply()
        return res
