"""Shared set-up of the contract and payment follow-up tests (no tests of its own)."""

from datetime import date

from odoo import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

TODAY = date(2026, 3, 10)  # the test classes freeze time on this day


class AmcContractCommon(AccountTestInvoicingCommon):
    """A Premium company with a chart of accounts, two services and a client."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.set_plan(cls.company, "premium")
        cls.service = cls._create_product(name="Bookkeeping", type="service", lst_price=500.0)
        cls.service_b = cls._create_product(name="Payroll", type="service", lst_price=100.0)
        cls.client = cls.env["res.partner"].create(
            {"name": "Client Alfa SRL", "email": "alfa@example.com", "is_company": True}
        )
        cls.Contract = cls.env["amc.contract"]

    @classmethod
    def _create_company(cls, **create_values):
        # amc_subscription lets only the superuser add a company outside the Ultimate plan;
        # the fixtures' companies are set-up, not the user action under test.
        user_env = cls.env
        cls.env = cls.env(su=True)
        try:
            company = super()._create_company(**create_values)
        finally:
            cls.env = user_env
        return company.with_env(user_env)

    @classmethod
    def set_plan(cls, company, plan, date_end=date(2027, 12, 31)):
        sub = company.amc_subscription_id.sudo()
        if plan == "standard":
            standard = cls.env.ref("amc_subscription.plan_standard")
            sub.write({"state": "standard", "plan_id": standard.id, "date_end": False})
        else:
            premium = cls.env.ref("amc_subscription.plan_premium")
            sub.write({"state": "paid", "plan_id": premium.id, "date_end": date_end})

    @classmethod
    def make_contract(cls, start=True, lines=None, **vals):
        contract = cls.env["amc.contract"].create(
            {
                "name": "Monthly bookkeeping",
                "partner_id": cls.client.id,
                "recurrence": "monthly",
                "invoice_day": 1,
                "date_start": date(2026, 3, 1),
                "line_ids": [
                    Command.create({"product_id": product.id, "price_unit": price})
                    for product, price in (lines or [(cls.service, 500.0)])
                ],
                **vals,
            }
        )
        if start:
            contract.action_start()
        return contract

    def run_cron(self, day):
        return self.env["amc.contract"]._cron_amc_crm_recurring_invoices(date_ref=day)
