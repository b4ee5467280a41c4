from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _invoice_paid_hook(self):
        """Apply the subscription purchases whose invoice just got paid."""
        res = super()._invoice_paid_hook()
        # sudo: the invoice's payer may not read purchases (the billing side registers payments).
        purchases = (
            self.env["amc.subscription.purchase"]
            .sudo()
            .search([("invoice_id", "in", self.ids), ("state", "!=", "done")])
        )
        purchases._apply()
        return res
