from odoo import fields, models


class AmcSubscriptionFeature(models.Model):
    _name = "amc.subscription.feature"
    _description = "Subscription feature"
    _order = "code"

    # === FIELDS === #

    code = fields.Char(
        required=True,
        help="Technical code other addons pass to check_feature, e.g. efactura_spv_send.",
    )
    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "A feature code must be unique."),
    ]
