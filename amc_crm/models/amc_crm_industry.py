from odoo import fields, models


class AmcCrmIndustry(models.Model):
    _name = "amc.crm.industry"
    _description = "Client industry"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_unique", "unique(name)", "An industry with this name already exists."),
    ]
