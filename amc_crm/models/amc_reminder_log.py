from odoo import fields, models


class AmcReminderLog(models.Model):
    _name = "amc.reminder.log"
    _description = "Payment reminder sent"
    _order = "date desc, id desc"

    # === FIELDS === #

    move_id = fields.Many2one(
        "account.move", string="Invoice", required=True, index=True, ondelete="cascade"
    )
    level_id = fields.Many2one(
        "amc.reminder.level", string="Level", required=True, ondelete="restrict"
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    days_overdue = fields.Integer(help="Days past the due date when the reminder went out.")
    partner_id = fields.Many2one(
        related="move_id.commercial_partner_id", store=True, string="Client"
    )
    company_id = fields.Many2one(related="move_id.company_id", store=True, index=True)

    _sql_constraints = [
        (
            "move_level_unique",
            "UNIQUE (move_id, level_id)",
            "This reminder level was already sent for this invoice.",
        ),
    ]
