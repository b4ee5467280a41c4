import logging

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .amc_subscription_price import MONTHS

_logger = logging.getLogger(__name__)


class AmcSubscriptionPurchase(models.Model):
    _name = "amc.subscription.purchase"
    _inherit = ["mail.thread"]
    _description = "Subscription purchase"
    _order = "id desc"
    _check_company_auto = True

    # === FIELDS === #

    name = fields.Char(string="Reference", required=True, readonly=True, copy=False, default="/")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    subscription_id = fields.Many2one(
        "amc.subscription", required=True, readonly=True, index=True, ondelete="cascade"
    )
    plan_id = fields.Many2one("amc.subscription.plan", required=True, readonly=True)
    months = fields.Selection(MONTHS, required=True, readonly=True)
    amount = fields.Monetary(readonly=True, help="Price without VAT, from the price table.")
    amount_total = fields.Monetary(
        string="Total",
        readonly=True,
        help="Price with the VAT of the billing company's product taxes.",
    )
    currency_id = fields.Many2one("res.currency", required=True, readonly=True)
    payment_kind = fields.Selection(
        [("card", "Card"), ("transfer", "Bank transfer")], required=True, readonly=True
    )
    state = fields.Selection(
        [("draft", "Draft"), ("pending", "Pending"), ("done", "Done"), ("cancel", "Cancelled")],
        default="draft",
        required=True,
        readonly=True,
        index=True,
        tracking=True,
    )
    transaction_ids = fields.Many2many(
        "payment.transaction",
        "amc_subscription_purchase_transaction_rel",
        "purchase_id",
        "transaction_id",
        readonly=True,
        copy=False,
        groups="base.group_system",  # transactions live in the billing company
    )
    invoice_id = fields.Many2one(
        "account.move",
        readonly=True,
        copy=False,
        check_company=False,
        help="Fiscal invoice issued by the billing company.",
    )
    invoice_name = fields.Char(related="invoice_id.name", string="Invoice number")
    payment_reference = fields.Char(
        related="invoice_id.payment_reference",
        help="Write this reference on the bank transfer so the payment is matched.",
    )
    date_start = fields.Date(readonly=True, copy=False)
    date_end = fields.Date(readonly=True, copy=False)
    carried_days = fields.Integer(
        readonly=True,
        copy=False,
        help="Days added by converting the remaining paid days of the previous plan by value.",
    )

    # === CRUD METHODS === #

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("amc.subscription.purchase")
            vals.setdefault("amount_total", self._compute_amount_total(vals))
        return super().create(vals_list)

    @api.model
    def _compute_amount_total(self, vals):
        plan = self.env["amc.subscription.plan"].browse(vals["plan_id"])
        currency = self.env["res.currency"].browse(vals["currency_id"])
        taxes = self._get_invoice_taxes(plan)
        return taxes.compute_all(vals["amount"], currency=currency)["total_included"]

    # === ACTIONS === #

    def action_amc_confirm_payment(self):
        """Billing side: the bank transfer arrived; register the payment and apply the purchase."""
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(self.env._("Only the operator can confirm that a payment arrived."))
        for purchase in self.sudo():
            if purchase.state != "pending":
                raise UserError(
                    self.env._(
                        "%(name)s is not waiting for a payment; nothing to confirm.",
                        name=purchase.name,
                    )
                )
            purchase._register_transfer_payment()
            purchase._apply()
        return True

    def action_amc_cancel(self):
        """Drop a card purchase that was never paid; a paid or invoiced one cannot be cancelled."""
        self.check_access("read")
        for purchase in self:
            if purchase.state != "draft":
                raise UserError(
                    self.env._(
                        "%(name)s is already invoiced or paid and cannot be cancelled.",
                        name=purchase.name,
                    )
                )
        # sudo: purchases are read-only to managers; the state changes only through this action.
        self.sudo().state = "cancel"
        return True

    def action_amc_pay(self):
        """Open the card payment page of a draft card purchase."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/amc_subscription/pay/{self.id}",
            "target": "self",
        }

    # === BUSINESS METHODS === #

    @api.model
    def _get_invoice_taxes(self, plan):
        billing = self.env["amc.subscription"]._get_billing_company()
        return plan.product_id.sudo().taxes_id._filter_taxes_by_company(billing)

    def _prepare_invoice_vals(self):
        self.ensure_one()
        billing = self.env["amc.subscription"]._get_billing_company()
        return {
            "move_type": "out_invoice",
            "company_id": billing.id,
            "partner_id": self.company_id.partner_id.id,
            "currency_id": self.currency_id.id,
            "invoice_date": fields.Date.context_today(self),
            "invoice_origin": self.name,
            "invoice_line_ids": [
                Command.create(
                    {
                        "product_id": self.plan_id.product_id.id,
                        "name": self.env._(
                            "%(plan)s plan, %(months)s months (%(ref)s)",
                            plan=self.plan_id.name,
                            months=self.months,
                            ref=self.name,
                        ),
                        "quantity": 1,
                        "price_unit": self.amount,
                        "tax_ids": [Command.set(self._get_invoice_taxes(self.plan_id).ids)],
                    }
                )
            ],
        }

    def _create_invoice(self):
        """Create and post the fiscal invoice in the billing company (once)."""
        self.ensure_one()
        if self.invoice_id:
            return self.invoice_id
        billing = self.env["amc.subscription"]._get_billing_company()
        # sudo: the invoice lives in the billing company, which the buyer cannot read.
        invoice = (
            self.env["account.move"]
            .sudo()
            .with_company(billing)
            .create(self._prepare_invoice_vals())
        )
        invoice.action_post()
        self.sudo().invoice_id = invoice
        return invoice

    def _get_transfer_provider(self):
        billing = self.env["amc.subscription"]._get_billing_company()
        return (
            self.env["payment.provider"]
            .sudo()
            .search(
                [
                    ("code", "=", "custom"),
                    ("custom_mode", "=", "wire_transfer"),
                    ("company_id", "=", billing.id),
                    ("state", "in", ("enabled", "test")),
                ],
                limit=1,
            )
        )

    def _start_transfer(self):
        """Post the invoice and open a pending wire-transfer transaction carrying its reference."""
        self.ensure_one()
        invoice = self._create_invoice()
        provider = self._get_transfer_provider()
        tx = self.env["payment.transaction"]
        if provider:
            method = provider.payment_method_ids.filtered(lambda m: m.code == "wire_transfer")[:1]
            tx = tx.sudo().create(
                {
                    "provider_id": provider.id,
                    "payment_method_id": (method or provider.payment_method_ids[:1]).id,
                    "amount": invoice.amount_total,
                    "currency_id": invoice.currency_id.id,
                    "partner_id": invoice.partner_id.id,
                    "reference": tx._compute_reference(
                        provider.code, prefix=invoice.payment_reference
                    ),
                    "operation": "online_redirect",
                    "invoice_ids": [Command.set(invoice.ids)],
                    "amc_purchase_ids": [Command.set(self.ids)],
                }
            )
            tx._set_pending()
        else:
            _logger.info("No wire-transfer provider in the billing company for %s", self.name)
        self.sudo().state = "pending"
        return tx

    def _register_transfer_payment(self):
        """Register the received transfer on the invoice; the paid hook applies the purchase.

        The wire-transfer transaction is not set done here: Odoo's custom provider has no
        payment method line, so its transactions never create payments themselves.
        """
        self.ensure_one()
        invoice = self.invoice_id
        if invoice.payment_state in ("paid", "in_payment"):
            return
        self.env["account.payment.register"].with_company(invoice.company_id).with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()

    def _apply(self):
        """Add the bought period to the subscription; a purchase is applied once only."""
        for purchase in self.sudo():
            # Serialize with a concurrent application of the same purchase or subscription.
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM amc_subscription WHERE id = %s FOR UPDATE",
                    purchase.subscription_id.id,
                )
            )
            purchase.invalidate_recordset(["state"])
            if purchase.state == "done":
                continue
            sub = purchase.subscription_id
            period = sub._get_period(purchase.plan_id, purchase.months)
            sub.write(
                {
                    "plan_id": period["plan"].id,
                    "state": "paid",
                    "date_end": period["date_end"],
                    "date_fallback": False,
                }
            )
            purchase.write(
                {
                    "state": "done",
                    "date_start": period["date_start"],
                    "date_end": period["date_end"],
                    "carried_days": period["carried_days"],
                }
            )
            sub.message_post(
                body=self.env._(
                    "%(ref)s paid: %(plan)s until %(date)s.",
                    ref=purchase.name,
                    plan=period["plan"].name,
                    date=period["date_end"],
                )
            )
            for tx in purchase.transaction_ids.filtered(lambda t: t.state == "pending"):
                # Paid outside the transaction (bank reconciliation): close it without a
                # second payment.
                tx._set_done()
                tx.is_post_processed = True
