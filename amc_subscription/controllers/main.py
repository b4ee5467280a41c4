from werkzeug.exceptions import NotFound

from odoo import Command, http
from odoo.exceptions import ValidationError
from odoo.http import content_disposition, request

from odoo.addons.payment import utils as payment_utils
from odoo.addons.payment.controllers import portal as payment_portal

MANAGER_GROUP = "amc_subscription.group_amc_subscription_manager"


def _get_purchase_sudo(purchase_id):
    """The purchase, in sudo, if the user manages the subscription of its company; else 404."""
    user = request.env.user
    purchase = request.env["amc.subscription.purchase"].sudo().browse(int(purchase_id)).exists()
    if (
        not purchase
        or not user.has_group(MANAGER_GROUP)
        or purchase.company_id not in user.company_ids
    ):
        raise NotFound()  # never tell whether another company's purchase exists
    return purchase


class AmcSubscriptionPaymentPortal(payment_portal.PaymentPortal):
    # === ROUTES === #

    @http.route("/amc_subscription/pay/<int:purchase_id>", type="http", auth="user")
    def amc_subscription_pay(self, purchase_id, **kwargs):
        """Send the manager to the payment form of a draft card purchase."""
        purchase = _get_purchase_sudo(purchase_id)
        if purchase.state != "draft" or purchase.payment_kind != "card":
            return request.redirect(f"/odoo/amc.subscription/{purchase.subscription_id.id}")
        return request.redirect(f"/payment/pay?amc_purchase_id={purchase.id}")

    @http.route("/amc_subscription/transaction/<int:purchase_id>", type="json", auth="user")
    def amc_subscription_transaction(self, purchase_id, access_token, **kwargs):
        """Create the card transaction of a purchase; amount and partner come from the purchase."""
        purchase = _get_purchase_sudo(purchase_id)
        partner = purchase.company_id.partner_id
        if not payment_utils.check_access_token(
            access_token,
            request.env.user.partner_id.id,
            purchase.amount_total,
            purchase.currency_id.id,
        ):
            raise ValidationError(request.env._("The payment link is not valid; start again."))
        if purchase.state != "draft":
            raise ValidationError(
                request.env._("%(name)s is already paid or cancelled.", name=purchase.name)
            )
        self._validate_transaction_kwargs(kwargs)
        kwargs.update(
            {
                "amount": purchase.amount_total,
                "currency_id": purchase.currency_id.id,
                "partner_id": partner.id,
                "reference_prefix": purchase.name,
            }
        )
        tx_sudo = self._create_transaction(
            custom_create_values={"amc_purchase_ids": [Command.set([purchase.id])]},
            **kwargs,
        )
        return tx_sudo._get_processing_values()

    @http.route("/amc_subscription/purchase/<int:purchase_id>/invoice", type="http", auth="user")
    def amc_subscription_invoice(self, purchase_id, **kwargs):
        """Download the fiscal invoice of a purchase of one of the user's companies."""
        purchase = _get_purchase_sudo(purchase_id)
        invoice = purchase.invoice_id
        if not invoice or invoice.state != "posted":
            raise NotFound()
        # sudo: the invoice belongs to the billing company, which the buyer cannot read.
        pdf, _type = (
            request.env["ir.actions.report"]
            .sudo()
            ._render_qweb_pdf("account.account_invoices", invoice.ids)
        )
        filename = f"{invoice.name.replace('/', '_')}.pdf"
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    # === PAYMENT OVERRIDES === #

    @http.route()
    def payment_pay(self, *args, amount=None, amc_purchase_id=None, **kwargs):
        """Fill the payment form from the purchase: amount, currency and billing company."""
        if amc_purchase_id:
            purchase = _get_purchase_sudo(self._cast_as_int(amc_purchase_id) or 0)
            billing = request.env["amc.subscription"]._get_billing_company()
            amount = purchase.amount_total
            kwargs.update(
                {
                    "reference": purchase.name,
                    "currency_id": purchase.currency_id.id,
                    "company_id": billing.id,
                    "partner_id": None,
                    "amc_purchase_id": purchase.id,
                }
            )
        return super().payment_pay(*args, amount=amount, **kwargs)

    def _get_extra_payment_form_values(self, amc_purchase_id=None, **kwargs):
        """Reroute the payment form to the purchase's transaction route."""
        values = super()._get_extra_payment_form_values(amc_purchase_id=amc_purchase_id, **kwargs)
        if amc_purchase_id:
            purchase = _get_purchase_sudo(self._cast_as_int(amc_purchase_id) or 0)
            values.update(
                {
                    "transaction_route": f"/amc_subscription/transaction/{purchase.id}",
                    "landing_route": f"/odoo/amc.subscription/{purchase.subscription_id.id}",
                }
            )
        return values
