from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    amc_crm_anaf_public_url = fields.Char(
        string="ANAF public services URL",
        config_parameter="amc_crm.anaf_public_url",
        help="Base URL of ANAF's public web services (VAT registry). Leave empty for ANAF's"
        " production host.",
    )
    amc_crm_vies_url = fields.Char(
        string="VIES service URL",
        config_parameter="amc_crm.vies_url",
        help="Address of the EU VIES checkVat service. Leave empty for the European Commission's.",
    )
    amc_crm_anaf_batch_size = fields.Integer(
        string="Clients re-checked per request",
        config_parameter="amc_crm.anaf_batch_size",
        default=100,
        help="How many clients the daily ANAF re-check asks about in one request (100 at most,"
        " ANAF's limit).",
    )
