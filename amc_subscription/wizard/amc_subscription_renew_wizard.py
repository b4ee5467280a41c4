from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.amc_subscription_price import MONTHS


class AmcSubscriptionRenewWizard(models.TransientModel):
    _name = "amc.subscription.renew.wizard"
    _description = "Renew or upgrade the subscription"

    # === DEFAULTS === #

    def _default_subscription_id(self):
        return self.env["amc.subscription"]._get_for_company(self.env.company)

    # === FIELDS === #

    subscription_id = fields.Many2one(
        "amc.subscription", default=_default_subscription_id, readonly=True
    )
    company_id = fields.Many2one(related="subscription_id.company_id")
    current_plan_id = fields.Many2one(related="subscription_id.plan_id", string="Current plan")
    current_date_end = fields.Date(related="subscription_id.date_end", string="Current end date")
    plan_id = fields.Many2one(
        "amc.subscription.plan",
        string="Plan",
        domain=[("is_free", "=", False)],
        default=lambda self: self.env["amc.subscription"]._get_plan("premium"),
    )
    months = fields.Selection(MONTHS, default="12", required=True)
    payment_kind = fields.Selection(
        [("card", "Card"), ("transfer", "Bank transfer")], default="card", required=True
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_amount")
    amount = fields.Monetary(compute="_compute_amount", string="Price (without VAT)")
    amount_total = fields.Monetary(compute="_compute_amount", string="Total (with VAT)")
    date_end_preview = fields.Date(compute="_compute_preview", string="New end date")
    carried_days_preview = fields.Integer(compute="_compute_preview", string="Days carried over")
    message = fields.Char(compute="_compute_preview", help="Why this choice cannot be bought.")

    # === COMPUTE METHODS === #

    @api.depends("plan_id", "months")
    def _compute_amount(self):
        purchases = self.env["amc.subscription.purchase"]
        for wizard in self:
            price = wizard.plan_id._get_price(wizard.months) if wizard.plan_id else False
            wizard.currency_id = price.currency_id if price else self.env.ref("base.RON")
            wizard.amount = price.amount if price else 0.0
            wizard.amount_total = (
                purchases._get_invoice_taxes(wizard.plan_id).compute_all(
                    price.amount, currency=price.currency_id
                )["total_included"]
                if price
                else 0.0
            )

    @api.depends("plan_id", "months", "subscription_id")
    def _compute_preview(self):
        for wizard in self:
            sub = wizard.subscription_id.sudo()
            wizard.message = sub._get_renewal_refusal(wizard.plan_id, wizard.months) if sub else ""
            if sub and wizard.plan_id and not wizard.message:
                period = sub._get_period(wizard.plan_id, wizard.months)
                wizard.date_end_preview = period["date_end"]
                wizard.carried_days_preview = period["carried_days"]
            else:
                wizard.date_end_preview = False
                wizard.carried_days_preview = 0

    # === ACTIONS === #

    def action_confirm(self):
        self.ensure_one()
        if not self.subscription_id:
            raise UserError(
                self.env._("This company has no subscription yet; reinstall the addon.")
            )
        purchase = self.subscription_id._create_purchase(
            self.plan_id, self.months, self.payment_kind
        )
        if purchase.payment_kind == "card":
            return purchase.action_amc_pay()
        return {
            "type": "ir.actions.act_window",
            "res_model": "amc.subscription.purchase",
            "res_id": purchase.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
