from datetime import date

from odoo import Command
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.common import DISABLED_MAIL_CONTEXT

MANAGER = "amc_subscription.group_amc_subscription_manager"
TODAY = date(2026, 3, 10)  # every test class freezes time on this day


class AmcSubscriptionCommon(TransactionCase):
    """Billing company in RON with a generic chart and a 21% sale VAT, buyer companies
    A (Standard) and B (Premium trial), and their users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, **DISABLED_MAIL_CONTEXT))
        cls.ron = cls.env.ref("base.RON")
        cls.ron.active = True
        cls.billing = cls.env["res.company"].create({"name": "AMC Billing SRL"})
        cls.env["account.chart.template"].try_loading(
            "generic_coa", company=cls.billing, install_demo=False
        )
        cls.billing.currency_id = cls.ron  # no entry yet: the chart's currency can change
        cls.bank_journal = cls.env["account.journal"].search(
            [("company_id", "=", cls.billing.id), ("type", "=", "bank")], limit=1
        )
        cls.env["ir.config_parameter"].sudo().set_param(
            "amc_subscription.billing_company_id", cls.billing.id
        )
        cls.tax_21 = cls.env["account.tax"].create(
            {
                "name": "TVA 21%",
                "amount": 21.0,
                "amount_type": "percent",
                "type_tax_use": "sale",
                "company_id": cls.billing.id,
            }
        )
        cls.plan_standard = cls.env.ref("amc_subscription.plan_standard")
        cls.plan_premium = cls.env.ref("amc_subscription.plan_premium")
        cls.plan_ultimate = cls.env.ref("amc_subscription.plan_ultimate")
        (cls.plan_premium | cls.plan_ultimate).product_id.write(
            {
                "taxes_id": [Command.link(cls.tax_21.id)],
            }
        )
        cls.Subscription = cls.env["amc.subscription"]
        cls.company_a, cls.company_b = cls.env["res.company"].create(
            [
                {"name": "Client A SRL"},
                {"name": "Client B SRL"},
            ]
        )
        cls.sub_a = cls.company_a.amc_subscription_id
        cls.sub_b = cls.company_b.amc_subscription_id
        cls.set_subscription(cls.sub_a, "standard")
        cls.set_subscription(cls.sub_b, "trial", date(2026, 4, 9), plan=cls.plan_premium)
        cls.manager_a = cls.new_user("amc_manager_a", cls.company_a, MANAGER)
        cls.manager_b = cls.new_user("amc_manager_b", cls.company_b, MANAGER)
        cls.user_a = cls.new_user("amc_user_a", cls.company_a)
        cls.user_b = cls.new_user("amc_user_b", cls.company_b)
        cls.operator = cls.new_user(
            "amc_operator",
            cls.billing,
            "base.group_system,account.group_account_manager",
            extra_companies=cls.company_a | cls.company_b,
        )

    @classmethod
    def new_user(cls, login, company, groups="", extra_companies=None):
        companies = company | (extra_companies or company)
        return new_test_user(
            cls.env,
            login=login,
            groups=",".join(filter(None, ["base.group_user", groups])),
            company_id=company.id,
            company_ids=[Command.set(companies.ids)],
            email=f"{login}@example.com",
        )

    @classmethod
    def set_subscription(cls, sub, state, date_end=False, plan=None):
        if state == "standard":
            plan = cls.env.ref("amc_subscription.plan_standard")
        sub.sudo().write({"state": state, "date_end": date_end, "plan_id": plan.id})

    def buy(self, user, plan, months, kind="transfer"):
        """The purchase a manager makes from the renewal wizard (payment not yet received)."""
        wizard = (
            self.env["amc.subscription.renew.wizard"]
            .with_user(user)
            .create({"plan_id": plan.id, "months": months, "payment_kind": kind})
        )
        wizard.action_confirm()
        return self.env["amc.subscription.purchase"].search(
            [("subscription_id", "=", wizard.subscription_id.id)], order="id desc", limit=1
        )

    def paid_purchase(self, sub, plan, date_start, date_end):
        """A purchase already applied in the past (paid period)."""
        return (
            self.env["amc.subscription.purchase"]
            .sudo()
            .create(
                {
                    "company_id": sub.company_id.id,
                    "subscription_id": sub.id,
                    "plan_id": plan.id,
                    "months": "1",
                    "amount": 99.0,
                    "currency_id": self.ron.id,
                    "payment_kind": "card",
                    "state": "done",
                    "date_start": date_start,
                    "date_end": date_end,
                }
            )
        )
