import json

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import hmac as hmac_tool

from .test_card_payment import AmcCardPaymentCommon


@tagged("post_install", "-at_install")
class TestControllers(AmcCardPaymentCommon, HttpCase):
    """Routes and RPC, at today's real date (no frozen clock under the HTTP server)."""

    def call_kw_raw(self, model, method, args, kwargs=None):
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        }
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    # --- the gate over RPC ----------------------------------------------------------------

    def test_rpc_refuses_a_premium_feature_to_a_standard_company(self):
        self.authenticate("amc_user_a", "amc_user_a")
        reply = self.call_kw_raw("amc.subscription", "check_feature", ["efactura_spv_send"])
        error = reply["error"]["data"]
        self.assertEqual(
            error["name"], "odoo.addons.amc_subscription.exceptions.AmcFeatureUnavailable"
        )
        self.assertIn("Send to SPV is part of the Premium plan", error["message"])
        self.assertNotIn("result", reply)

    def test_rpc_allows_a_premium_feature_to_a_premium_company(self):
        today = fields.Date.today()
        self.set_subscription(
            self.sub_b, "paid", today + relativedelta(days=30), plan=self.plan_premium
        )
        self.authenticate("amc_user_b", "amc_user_b")
        reply = self.call_kw_raw("amc.subscription", "check_feature", ["efactura_spv_send"])
        self.assertIs(reply.get("result"), True, reply)

    def test_rpc_cannot_write_the_plan(self):
        self.authenticate("amc_manager_a", "amc_manager_a")
        reply = self.call_kw_raw(
            "amc.subscription", "write", [[self.sub_a.id], {"plan_id": self.plan_ultimate.id}]
        )
        self.assertEqual(reply["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.sub_a.plan_id, self.plan_standard)

    # --- invoice download ----------------------------------------------------------------

    def test_manager_downloads_the_invoice_of_his_purchase(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        invoice = purchase.invoice_id
        self.authenticate("amc_manager_a", "amc_manager_a")
        response = self.url_open(f"/amc_subscription/purchase/{purchase.id}/invoice")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertIn(invoice.name.replace("/", "_"), response.headers["Content-Disposition"])
        self.assertIn(invoice.name, response.text)  # test mode renders the report as HTML

    def test_invoice_download_is_refused_to_others(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1")
        draft = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
        for login, target in (
            ("amc_manager_b", purchase),  # another company
            ("amc_user_a", purchase),  # same company, not a manager
            ("amc_manager_a", draft),  # no invoice yet
        ):
            with self.subTest(login=login, purchase=target.name):
                self.authenticate(login, login)
                response = self.url_open(f"/amc_subscription/purchase/{target.id}/invoice")
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"%PDF", response.content)

    # --- card payment pages ----------------------------------------------------------------

    def test_pay_route_opens_the_payment_form_of_the_purchase(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
        self.authenticate("amc_manager_b", "amc_manager_b")
        response = self.url_open(f"/amc_subscription/pay/{purchase.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        response = self.url_open(f"/payment/pay?amc_purchase_id={purchase.id}")
        self.assertEqual(response.status_code, 404)
        self.authenticate("amc_manager_a", "amc_manager_a")
        response = self.url_open(f"/amc_subscription/pay/{purchase.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"/payment/pay?amc_purchase_id={purchase.id}")
        )
        page = self.url_open(f"/payment/pay?amc_purchase_id={purchase.id}&amount=1")
        self.assertEqual(page.status_code, 200)
        self.assertIn(
            f'data-transaction-route="/amc_subscription/transaction/{purchase.id}"', page.text
        )
        self.assertIn('data-amount="119.79"', page.text)
        self.assertIn(f'data-provider-id="{self.demo_provider.id}"', page.text)
        purchase.sudo()._apply()
        response = self.url_open(f"/amc_subscription/pay/{purchase.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(
            response.headers["Location"].endswith(f"/odoo/amc.subscription/{self.sub_a.id}")
        )

    def access_token(self, *values):
        """payment.utils.generate_access_token, without an HTTP request."""
        return hmac_tool(
            self.env(su=True), "generate_access_token", "|".join(str(v) for v in values)
        )

    def transaction_params(self, purchase, user, **overrides):
        return {
            "provider_id": self.demo_provider.id,
            "payment_method_id": self.demo_provider.payment_method_ids[:1].id,
            "token_id": None,
            "amount": 1.0,  # whatever the browser sends, the purchase decides
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": "/odoo",
            "is_validation": False,
            "access_token": self.access_token(
                user.partner_id.id, purchase.amount_total, purchase.currency_id.id
            ),
            **overrides,
        }

    def test_card_payment_through_the_routes_extends_the_subscription(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
        self.authenticate("amc_manager_a", "amc_manager_a")
        self.make_jsonrpc_request(
            f"/amc_subscription/transaction/{purchase.id}",
            self.transaction_params(purchase, self.manager_a),
        )
        tx = purchase.transaction_ids
        self.assertRecordValues(
            tx,
            [
                {
                    "amount": 119.79,
                    "partner_id": self.company_a.partner_id.id,
                    "provider_id": self.demo_provider.id,
                    "state": "draft",
                }
            ],
        )
        self.assertTrue(tx.reference.startswith(purchase.name))
        self.make_jsonrpc_request(
            "/payment/demo/simulate_payment",
            {"reference": tx.reference, "payment_details": "4242", "simulated_state": "done"},
        )
        tx.with_user(self.manager_a).sudo()._post_process()  # as /payment/status/poll does
        today = fields.Date.today()
        self.assertEqual(purchase.state, "done")
        self.assertEqual(self.sub_a.date_end, today + relativedelta(months=1, days=-1))
        self.assertEqual(purchase.invoice_id.company_id, self.billing)

    def test_transaction_route_refuses_bad_tokens_other_companies_and_paid_purchases(self):
        purchase = self.buy(self.manager_a, self.plan_premium, "1", kind="card")
        route = f"/amc_subscription/transaction/{purchase.id}"
        self.authenticate("amc_manager_a", "amc_manager_a")
        with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
            self.make_jsonrpc_request(
                route, self.transaction_params(purchase, self.manager_a, access_token="x")
            )
        self.authenticate("amc_manager_b", "amc_manager_b")
        with self.assertRaisesRegex(JsonRpcException, "NotFound"):
            self.make_jsonrpc_request(route, self.transaction_params(purchase, self.manager_b))
        purchase.sudo()._apply()
        self.authenticate("amc_manager_a", "amc_manager_a")
        with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
            self.make_jsonrpc_request(route, self.transaction_params(purchase, self.manager_a))
        self.assertFalse(purchase.transaction_ids)
