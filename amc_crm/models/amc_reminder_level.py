from odoo import api, fields, models
from odoo.exceptions import ValidationError


class AmcReminderLevel(models.Model):
    _name = "amc.reminder.level"
    _description = "Payment reminder level"
    _order = "days_after_due, sequence, id"

    # === FIELDS === #

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Company using this level; empty: every company.",
    )
    days_after_due = fields.Integer(
        string="Days after due date",
        required=True,
        default=1,
        help="The reminder goes out once the invoice is this many days past its due date.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail template",
        domain=[("model", "=", "account.move")],
        help="E-mail sent to the client; without one the reminder is only noted on the invoice.",
    )
    create_activity = fields.Boolean(
        string="Activity for the account manager",
        help="Also plan a to-do for the client's account manager (or the invoice's salesperson).",
    )

    _sql_constraints = [
        (
            "days_after_due_unique",
            "UNIQUE (company_id, days_after_due)",
            "Two reminder levels cannot have the same number of days.",
        ),
    ]

    # === CONSTRAINTS === #

    @api.constrains("days_after_due")
    def _check_days_after_due(self):
        for level in self:
            if level.days_after_due < 1:
                raise ValidationError(
                    self.env._(
                        "Reminder level %(name)s: remind at least 1 day after the due date.",
                        name=level.name,
                    )
                )
