from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from ..exceptions import AmcFeatureUnavailable
from .common import AmcSubscriptionCommon


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestFeatureGate(AmcSubscriptionCommon):
    def test_standard_company_is_refused_a_premium_feature_naming_the_plan(self):
        gate = self.Subscription.with_user(self.user_a)
        with self.assertRaises(AmcFeatureUnavailable) as caught:
            gate.check_feature("efactura_spv_send")
        self.assertIsInstance(caught.exception, UserError)
        message = str(caught.exception)
        self.assertIn("Send to SPV is part of the Premium plan", message)
        self.assertIn("Client A SRL is on Standard", message)

    def test_standard_company_keeps_standard_features(self):
        gate = self.Subscription.with_user(self.user_a)
        self.assertTrue(gate.check_feature("manual_invoices"))
        self.assertFalse(gate.has_feature("recurring_invoices"))

    def test_premium_trial_company_may_use_premium_features_only(self):
        gate = self.Subscription.with_user(self.user_b)
        self.assertTrue(gate.check_feature("efactura_spv_send"))
        self.assertFalse(gate.has_feature("multi_company"))
        with self.assertRaisesRegex(AmcFeatureUnavailable, "part of the Ultimate plan"):
            gate.check_feature("multi_company")

    def test_gate_follows_the_current_company_of_a_multi_company_user(self):
        user = self.new_user("amc_both", self.company_a, extra_companies=self.company_b)
        gate = self.Subscription.with_user(user)
        self.assertFalse(gate.with_company(self.company_a).has_feature("efactura_spv_send"))
        self.assertTrue(gate.with_company(self.company_b).has_feature("efactura_spv_send"))
        self.assertTrue(gate.has_feature("efactura_spv_send", self.company_b.id))

    def test_period_past_its_end_date_is_refused_before_the_cron_runs(self):
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 9), plan=self.plan_premium)
        self.assertFalse(self.Subscription.with_user(self.user_b).has_feature("efactura_spv_send"))

    def test_last_day_of_the_period_still_grants_the_plan(self):
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 10), plan=self.plan_premium)
        self.assertTrue(self.Subscription.with_user(self.user_b).has_feature("efactura_spv_send"))
        self.assertEqual(self.sub_b.days_left, 0)

    def test_features_of_a_plan_are_data(self):
        spv = self.env.ref("amc_subscription.feature_efactura_spv_send")
        self.plan_standard.feature_ids = [Command.link(spv.id)]
        self.assertTrue(self.Subscription.with_user(self.user_a).check_feature("efactura_spv_send"))

    def test_unknown_feature_is_refused(self):
        with self.assertRaisesRegex(AmcFeatureUnavailable, "not part of any plan"):
            self.Subscription.with_user(self.user_b).check_feature("teleportation")

    def test_user_cannot_ask_about_a_company_he_does_not_belong_to(self):
        with self.assertRaises(AccessError):
            self.Subscription.with_user(self.user_a).has_feature("client_file", self.company_b.id)

    def test_company_without_subscription_is_on_standard(self):
        self.sub_a.sudo().unlink()
        gate = self.Subscription.with_user(self.user_a)
        self.assertTrue(gate.has_feature("client_file"))
        self.assertFalse(gate.has_feature("efactura_spv_send"))

    def test_refusal_is_translated_for_a_romanian_user(self):
        self.env["res.lang"]._activate_lang("ro_RO")
        self.user_a.lang = "ro_RO"
        with self.assertRaises(AmcFeatureUnavailable) as caught:
            # the web client sends the user's language in the context of every call
            self.Subscription.with_user(self.user_a).with_context(lang="ro_RO").check_feature(
                "efactura_spv_send"
            )
        message = str(caught.exception)
        self.assertNotIn("is part of the", message)
        self.assertIn("Premium", message)
