from odoo import api, fields, models


class AmcContractLine(models.Model):
    _name = "amc.contract.line"
    _description = "Service contract line"
    _order = "contract_id, sequence, id"
    _check_company_auto = True

    # === FIELDS === #

    contract_id = fields.Many2one(
        "amc.contract", required=True, index=True, ondelete="cascade", string="Contract"
    )
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="contract_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        string="Service",
        required=True,
        check_company=True,
        domain=[("sale_ok", "=", True)],
    )
    name = fields.Text(
        string="Description",
        compute="_compute_name",
        store=True,
        readonly=False,
        help="Text of the invoice line; the invoiced period is added after it.",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure", required=True)
    price_unit = fields.Float(
        string="Unit price",
        compute="_compute_price_unit",
        store=True,
        readonly=False,
        digits="Product Price",
        help="Price invoiced from the next period on; a change does not touch past invoices.",
    )
    tax_ids = fields.Many2many(
        "account.tax",
        string="Taxes",
        compute="_compute_tax_ids",
        store=True,
        readonly=False,
        check_company=True,
        domain=[("type_tax_use", "=", "sale")],
    )
    subtotal = fields.Monetary(
        string="Subtotal", compute="_compute_subtotal", store=True, help="Without VAT."
    )

    # === COMPUTE METHODS === #

    @api.depends("product_id")
    def _compute_name(self):
        for line in self:
            line.name = line.product_id.display_name or line.name

    @api.depends("product_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line.product_id.lst_price

    @api.depends("product_id", "company_id")
    def _compute_tax_ids(self):
        for line in self:
            company = line.company_id or self.env.company
            line.tax_ids = line.product_id.taxes_id.filtered(
                lambda tax, company=company: tax.company_id in company.parent_ids
            )

    @api.depends("quantity", "price_unit")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.quantity * line.price_unit
