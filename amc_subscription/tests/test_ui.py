"""Browser tours: the days-left counter, the renewal wizard and the card payment.

Run at desktop size (1366x768) and at phone size (390x844, touch) with the demo payment
provider (``-i amc_subscription,payment_demo``); they skip when payment_demo is missing.
"""

import unittest

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

# The tours expect the trial to end this many days from today (see the JS tour file).
TRIAL_DAYS_LEFT = 5


class AmcSubscriptionUiCommon(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.subscription = cls.env["amc.subscription"].search([("company_id", "=", cls.company.id)])
        cls.premium = cls.env["amc.subscription.plan"].search([("code", "=", "premium")])
        cls.today = fields.Date.context_today(cls.subscription)
        cls.trial_end = cls.today + relativedelta(days=TRIAL_DAYS_LEFT)
        # The tests put the company at a known point of its trial, with no earlier
        # purchase; only the server methods do this in production, hence sudo.
        cls.subscription.sudo().purchase_ids.unlink()
        cls.subscription.sudo().write(
            {
                "plan_id": cls.premium.id,
                "state": "trial",
                "date_end": cls.trial_end,
                "trial_used": True,
            }
        )
        cls.env["ir.config_parameter"].sudo().set_param(
            "amc_subscription.billing_company_id", cls.company.id
        )


class AmcSubscriptionCardTourMixin:
    """Buy Premium for 12 months by card from the counter, then check what was applied."""

    @classmethod
    def _prepare_card_payment(cls):
        """Demo provider in test mode, and a chart of accounts so the invoice can be posted."""
        if not cls.env["ir.module.module"].search_count(
            [("name", "=", "payment_demo"), ("state", "=", "installed")]
        ):
            raise unittest.SkipTest(
                "payment_demo is not installed: run with -i amc_subscription,payment_demo"
            )
        if not cls.company.chart_template:
            cls.env["account.chart.template"].try_loading(
                "generic_coa", company=cls.company, install_demo=False
            )
        cls.env.ref("payment.payment_provider_demo").write(
            {"state": "test", "is_published": True, "company_id": cls.company.id}
        )

    def _run_card_tour(self):
        self.start_tour(
            "/odoo/my-subscription", "amc_subscription_buy_premium_card", login="admin", timeout=120
        )
        start = self.trial_end + relativedelta(days=1)
        expected_end = start + relativedelta(months=12) - relativedelta(days=1)
        self.assertRecordValues(
            self.subscription,
            [{"plan_id": self.premium.id, "state": "paid", "date_end": expected_end}],
        )
        purchase = self.subscription.purchase_ids
        self.assertRecordValues(
            purchase,
            [
                {
                    "plan_id": self.premium.id,
                    "months": "12",
                    "payment_kind": "card",
                    "state": "done",
                    "date_start": start,
                    "date_end": expected_end,
                }
            ],
        )
        self.assertEqual(purchase.invoice_id.state, "posted")
        self.assertIn(purchase.invoice_id.payment_state, ("paid", "in_payment"))


@tagged("post_install", "-at_install")
class TestUiDesktop(AmcSubscriptionCardTourMixin, AmcSubscriptionUiCommon):
    browser_size = "1366x768"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._prepare_card_payment()

    def test_counter_renews_premium_12_months_by_card(self):
        self._run_card_tour()

    def test_counter_upgrades_by_transfer_confirmed_by_operator(self):
        self.start_tour(
            "/odoo/my-subscription", "amc_subscription_transfer_confirmed", login="admin"
        )
        ultimate = self.env.ref("amc_subscription.plan_ultimate")
        expected_end = self.today + relativedelta(months=1) - relativedelta(days=1)
        self.assertRecordValues(
            self.subscription,
            [{"plan_id": ultimate.id, "state": "paid", "date_end": expected_end}],
        )
        self.assertRecordValues(
            self.subscription.purchase_ids,
            [{"plan_id": ultimate.id, "payment_kind": "transfer", "state": "done"}],
        )
        self.assertEqual(self.subscription.purchase_ids.invoice_id.state, "posted")


@tagged("post_install", "-at_install")
class TestUiPhone(AmcSubscriptionCardTourMixin, AmcSubscriptionUiCommon):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._prepare_card_payment()

    def test_counter_renews_premium_12_months_by_card_on_phone(self):
        self._run_card_tour()


@tagged("post_install", "-at_install")
class TestUiPlainUser(AmcSubscriptionUiCommon):
    def test_plain_user_sees_counter_but_cannot_buy(self):
        new_test_user(self.env, login="amc_plain", groups="base.group_user")
        self.start_tour("/odoo", "amc_subscription_user_cannot_buy", login="amc_plain")
        self.assertFalse(self.subscription.purchase_ids)
        self.assertRecordValues(self.subscription, [{"state": "trial", "date_end": self.trial_end}])


@tagged("post_install", "-at_install")
class TestUiFallback(AmcSubscriptionUiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subscription.sudo().write(
            {
                "plan_id": cls.env.ref("amc_subscription.plan_standard").id,
                "state": "standard",
                "date_end": False,
                "date_fallback": cls.today - relativedelta(days=1),
            }
        )

    def test_banner_after_fallback_and_upgrade_preview_from_today(self):
        self.start_tour("/odoo/my-subscription", "amc_subscription_fallback_banner", login="admin")
        self.assertFalse(self.subscription.purchase_ids)
        self.assertEqual(self.subscription.state, "standard")


@tagged("post_install", "-at_install")
class TestUiRefusal(AmcSubscriptionUiCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.subscription.sudo().write(
            {
                "plan_id": cls.env.ref("amc_subscription.plan_ultimate").id,
                "state": "paid",
                "date_end": cls.today + relativedelta(days=100),
            }
        )

    def test_wizard_refuses_premium_during_paid_ultimate(self):
        self.start_tour("/odoo/my-subscription", "amc_subscription_refusal", login="admin")
        self.assertFalse(self.subscription.purchase_ids)
