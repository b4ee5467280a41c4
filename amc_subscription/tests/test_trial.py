from datetime import date

from psycopg2 import IntegrityError

from odoo.tests import freeze_time, tagged
from odoo.tools import mute_logger

from .. import hooks
from .common import AmcSubscriptionCommon


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestTrial(AmcSubscriptionCommon):
    def test_new_company_gets_one_month_of_premium(self):
        company = self.env["res.company"].create({"name": "Client C SRL"})
        self.assertRecordValues(
            company.amc_subscription_id,
            [
                {
                    "plan_id": self.plan_premium.id,
                    "state": "trial",
                    "date_end": date(2026, 4, 9),
                    "trial_used": True,
                }
            ],
        )
        self.assertEqual(company.amc_subscription_id.days_left, 30)

    def test_trial_length_comes_from_the_settings(self):
        self.env["res.config.settings"].create({"amc_trial_months": 3}).execute()
        company = self.env["res.company"].create({"name": "Client C SRL"})
        self.assertEqual(company.amc_subscription_id.date_end, date(2026, 6, 9))

    def test_zero_month_trial_starts_on_standard(self):
        self.env["ir.config_parameter"].sudo().set_param("amc_subscription.trial_months", "0")
        company = self.env["res.company"].create({"name": "Client C SRL"})
        self.assertRecordValues(
            company.amc_subscription_id,
            [{"plan_id": self.plan_standard.id, "state": "standard", "date_end": False}],
        )

    def test_install_hook_gives_a_trial_to_companies_without_one(self):
        self.sub_a.sudo().unlink()
        hooks.post_init_hook(self.env)
        sub_a = self.company_a.amc_subscription_id
        self.assertRecordValues(
            sub_a,
            [{"plan_id": self.plan_premium.id, "state": "trial", "date_end": date(2026, 4, 9)}],
        )
        # a company that already has a subscription keeps it
        self.assertEqual(self.sub_b.date_end, date(2026, 4, 9))
        self.assertEqual(
            self.Subscription.search_count([("company_id", "=", self.company_b.id)]), 1
        )

    def test_one_subscription_per_company(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.Subscription.sudo().create(
                {
                    "company_id": self.company_a.id,
                    "plan_id": self.plan_standard.id,
                }
            )

    def test_trial_end_falls_back_to_standard_and_keeps_data(self):
        partner = self.env["res.partner"].create(
            {"name": "Client of B", "company_id": self.company_b.id}
        )
        self.Subscription._cron_amc_subscription_daily(date_ref=date(2026, 4, 10))
        self.assertRecordValues(
            self.sub_b,
            [
                {
                    "plan_id": self.plan_standard.id,
                    "state": "standard",
                    "date_end": False,
                    "date_fallback": date(2026, 4, 10),
                    "trial_used": True,
                }
            ],
        )
        self.assertTrue(partner.exists())
        self.assertFalse(self.Subscription.with_user(self.user_b).has_feature("efactura_spv_send"))
        # the trial is given once: reinstalling the hook does not start another one
        hooks.post_init_hook(self.env)
        self.assertRecordValues(self.sub_b, [{"state": "standard", "date_end": False}])

    def test_trial_runs_through_its_last_day(self):
        self.Subscription._cron_amc_subscription_daily(date_ref=date(2026, 4, 9))
        self.assertRecordValues(self.sub_b, [{"state": "trial", "plan_id": self.plan_premium.id}])
