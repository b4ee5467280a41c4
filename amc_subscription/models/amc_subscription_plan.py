from odoo import fields, models


class AmcSubscriptionPlan(models.Model):
    _name = "amc.subscription.plan"
    _description = "Subscription plan"
    _order = "sequence, id"

    # === FIELDS === #

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="standard, premium or ultimate.")
    sequence = fields.Integer(
        default=10, help="Rank of the plan: a higher plan has a higher sequence."
    )
    is_free = fields.Boolean(help="The free plan every company falls back to; it cannot be bought.")
    feature_ids = fields.Many2many("amc.subscription.feature", string="Features")
    price_ids = fields.One2many("amc.subscription.price", "plan_id", string="Prices")
    product_id = fields.Many2one(
        "product.product",
        string="Invoice product",
        domain=[("type", "=", "service")],
        help="Service product put on the purchase invoice; its taxes add VAT.",
    )
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A plan code must be unique."),
    ]

    # === BUSINESS METHODS === #

    def _get_price(self, months):
        """Return the price record of this plan for ``months`` ('1', '6' or '12'), or empty."""
        self.ensure_one()
        return self.price_ids.filtered(lambda p: p.months == str(months))[:1]
