from odoo import fields, models

MONTHS = [("1", "1 month"), ("6", "6 months"), ("12", "12 months")]


class AmcSubscriptionPrice(models.Model):
    _name = "amc.subscription.price"
    _description = "Subscription price"
    _order = "plan_id, months"

    # === FIELDS === #

    plan_id = fields.Many2one("amc.subscription.plan", required=True, ondelete="cascade")
    months = fields.Selection(MONTHS, required=True)
    amount = fields.Monetary(
        required=True, help="Price of the period without VAT; the plan product's tax adds VAT."
    )
    currency_id = fields.Many2one(
        "res.currency", required=True, default=lambda self: self.env.ref("base.RON")
    )

    _sql_constraints = [
        ("plan_months_unique", "unique(plan_id, months)", "A plan has one price per duration."),
        ("amount_positive", "check(amount > 0)", "A price must be positive."),
    ]
