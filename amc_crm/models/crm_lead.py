from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    amc_partner_stage = fields.Selection(
        related="partner_id.commercial_partner_id.amc_stage", string="Client stage"
    )

    # === ACTIONS === #

    def action_set_won(self):
        """A won opportunity makes its customer an active client."""
        result = super().action_set_won()
        today = fields.Date.context_today(self)
        for partner in self.partner_id.commercial_partner_id:
            vals = {"amc_stage": "active"}
            if not partner.amc_client_since:
                vals["amc_client_since"] = today
            # sudo: a salesman who wins a deal may not have the right to edit contacts
            partner.sudo().write(vals)
        return result
