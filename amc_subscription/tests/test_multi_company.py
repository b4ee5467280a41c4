from datetime import date

from odoo.tests import freeze_time, tagged

from ..exceptions import AmcFeatureUnavailable
from .common import AmcSubscriptionCommon


@freeze_time("2026-03-10")
@tagged("post_install", "-at_install")
class TestMultiCompanyGate(AmcSubscriptionCommon):
    def admin_of(self, company, login):
        user = self.new_user(
            login, company, "base.group_system,base.group_erp_manager,base.group_partner_manager"
        )
        return self.env["res.company"].with_user(user)

    def test_premium_company_cannot_add_a_company(self):
        companies = self.admin_of(self.company_b, "amc_admin_b")
        with self.assertRaisesRegex(
            AmcFeatureUnavailable, "needs the Ultimate plan; Client B SRL is on Premium"
        ):
            companies.create({"name": "Client C SRL"})
        self.assertFalse(self.env["res.company"].search([("name", "=", "Client C SRL")]))

    def test_standard_company_cannot_add_a_company(self):
        companies = self.admin_of(self.company_a, "amc_admin_a")
        with self.assertRaisesRegex(AmcFeatureUnavailable, "Client A SRL is on Standard"):
            companies.create({"name": "Client C SRL"})

    def test_ultimate_company_adds_a_company_which_gets_its_trial(self):
        self.set_subscription(self.sub_b, "paid", date(2026, 12, 31), plan=self.plan_ultimate)
        company = self.admin_of(self.company_b, "amc_admin_b").create({"name": "Client C SRL"})
        self.assertRecordValues(
            company.sudo().amc_subscription_id,
            [{"plan_id": self.plan_premium.id, "state": "trial", "date_end": date(2026, 4, 9)}],
        )

    def test_ended_ultimate_no_longer_adds_companies(self):
        self.set_subscription(self.sub_b, "paid", date(2026, 3, 9), plan=self.plan_ultimate)
        with self.assertRaises(AmcFeatureUnavailable):
            self.admin_of(self.company_b, "amc_admin_b").create({"name": "Client C SRL"})

    def test_superuser_creates_companies_without_the_gate(self):
        company = (
            self.env["res.company"]
            .sudo()
            .with_company(self.company_a)
            .create({"name": "Client C SRL"})
        )
        self.assertEqual(company.amc_subscription_id.state, "trial")
