from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    amc_billing_company_id = fields.Many2one(
        "res.company",
        string="Billing company",
        config_parameter="amc_subscription.billing_company_id",
        help="The company that issues the invoices for subscription purchases.",
    )
    amc_trial_months = fields.Integer(
        string="Trial length (months)",
        config_parameter="amc_subscription.trial_months",
        default=1,
        help="Months of Premium a new company gets free; 0 gives no trial.",
    )
