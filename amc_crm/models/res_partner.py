from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    amc_stage = fields.Selection(
        [("prospect", "Prospect"), ("active", "Active"), ("inactive", "Inactive"), ("lost", "Lost")],
        string="Client stage",
    )

    def _amc_next_invoice_date(self):
        """Next invoice date of the partner's contracts; the contracts part overrides it."""
        return False
