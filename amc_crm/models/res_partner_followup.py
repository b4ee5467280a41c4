from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    # === FIELDS === #

    amc_no_reminders = fields.Boolean(
        string="No payment reminders",
        tracking=True,
        help="Never send automatic payment reminders to this client (opt-out).",
    )
    amc_contract_ids = fields.One2many("amc.contract", "partner_id", string="Contracts")
    amc_contract_count = fields.Integer(
        string="Contracts count", compute="_compute_amc_contract_count"
    )

    # === COMPUTE METHODS === #

    def _compute_amc_contract_count(self):
        """Contracts of the client and of its contacts, as the smart button lists them."""
        clients = self.commercial_partner_id
        groups = self.env["amc.contract"]._read_group(
            [("partner_id", "child_of", clients.ids)], ["partner_id"], ["__count"]
        )
        counts = {}
        for partner, count in groups:
            client = partner.commercial_partner_id
            counts[client] = counts.get(client, 0) + count
        for partner in self:
            partner.amc_contract_count = counts.get(partner.commercial_partner_id._origin, 0)

    # === ACTIONS === #

    def action_amc_view_contracts(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("amc_crm.amc_contract_action")
        action["domain"] = [("partner_id", "child_of", self.commercial_partner_id.id)]
        action["context"] = {"default_partner_id": self.id}
        return action

    # === BUSINESS METHODS === #

    def _amc_next_invoice_date(self):
        """Earliest next invoice date of the running contracts of this client and its contacts."""
        self.ensure_one()
        contracts = self.env["amc.contract"].search(
            [
                ("partner_id", "child_of", self.commercial_partner_id.id),
                ("state", "=", "running"),
                ("next_invoice_date", "!=", False),
            ],
            order="next_invoice_date",
            limit=1,
        )
        return contracts.next_invoice_date or False
