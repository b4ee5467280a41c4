from datetime import timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.account.tests.common import AccountTestInvoicingCommon
from odoo.addons.amc_crm.models import res_partner

from ro_efactura.anaf.registry import Throttle
from ro_efactura.emulator import Emulator, vies

SALESMAN = "sales_team.group_sale_salesman,base.group_partner_manager"
MANAGER = "sales_team.group_sale_manager,base.group_partner_manager"

# CUIs seeded in the emulator's registry (ro_efactura.emulator.registry.DEFAULT_COMPANIES)
CUI_CLUJ = "12345674"  # EXEMPLU SOFTWARE SRL, VAT payer, Cluj
CUI_BUCHAREST = "34567892"  # ALFA CONSTRUCȚII ȘI INSTALAȚII SRL, sector 3, VAT on collection
CUI_NOT_VAT_PAYER = "15678908"  # GAMMA CONTABILITATE SRL
CUI_INACTIVE = "23456783"  # DELTA TRANSPORT SRL, inactive and no VAT since 2024-05-10
CUI_UNKNOWN = "18547290"  # a valid check digit, not in the registry


class AmcCrmSetup:
    """Company A on Premium, company B on Standard, the ANAF emulator, users of A and B.

    Mixed into a test case whose ``setUpClass`` sets ``cls.company_a`` first, then calls
    ``cls.setup_amc_crm()``.
    """

    @classmethod
    def setup_amc_crm(cls):
        cls.emulator = Emulator().start()
        cls.addClassCleanup(cls.emulator.stop)
        icp = cls.env["ir.config_parameter"].sudo()
        icp.set_param("amc_crm.anaf_public_url", cls.emulator.url)
        icp.set_param("amc_crm.vies_url", cls.emulator.url + vies.PATH)
        # no pause between registry calls in tests; test_cron_keeps_the_registry_pace puts it back
        cls.startClassPatcher(patch.object(res_partner, "_REGISTRY_THROTTLE", Throttle(0)))
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        # sudo: a second company needs Ultimate, and the invoicing fixtures run as a plain admin
        cls.company_b = cls.env["res.company"].sudo().create({"name": "Client B SRL"})
        cls.set_plan(cls.company_a, "premium")
        cls.set_plan(cls.company_b, "standard")
        cls.romania = cls.env.ref("base.ro")
        cls.state_cluj = cls.env.ref("base.RO_CJ")
        cls.state_bucharest = cls.env.ref("base.RO_B")
        cls.salesman_a = cls.new_user("amc_salesman_a", cls.company_a, SALESMAN)
        cls.manager_a = cls.new_user("amc_crm_manager_a", cls.company_a, MANAGER)
        cls.salesman_b = cls.new_user("amc_salesman_b", cls.company_b, SALESMAN)

    def setUp(self):
        super().setUp()
        self.addCleanup(self.emulator.faults.clear)

    @classmethod
    def set_plan(cls, company, plan):
        """Put ``company`` on Standard, or on Premium paid for a year."""
        sub = company.amc_subscription_id.sudo()
        if plan == "standard":
            standard = cls.env.ref("amc_subscription.plan_standard")
            sub.write({"state": "standard", "date_end": False, "plan_id": standard.id})
        else:
            sub.write(
                {
                    "state": "paid",
                    "date_end": fields.Date.today() + timedelta(days=365),
                    "plan_id": cls.env.ref("amc_subscription.plan_premium").id,
                }
            )

    @classmethod
    def new_user(cls, login, company, groups):
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,{groups}",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
            email=f"{login}@example.com",
        )

    @classmethod
    def new_client(cls, cui=None, **values):
        """A Romanian company client of company A."""
        vals = {
            "name": values.pop("name", "Client SRL"),
            "is_company": True,
            "country_id": cls.env.ref("base.ro").id,
            "company_id": cls.company_a.id,
        }
        if cui:
            vals["amc_cui"] = cui
        return cls.env["res.partner"].create(vals | values)


class AmcCrmCommon(AmcCrmSetup, TransactionCase):
    """The client-file fixtures on a company without accounting (fast to build)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.env["res.company"].create({"name": "Client A SRL"})
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.company_a.ids))
        cls.setup_amc_crm()


class AmcCrmInvoicingCommon(AmcCrmSetup, AccountTestInvoicingCommon):
    """The same fixtures on a company with a chart of accounts, to post invoices."""

    @classmethod
    def _create_company(cls, **create_values):
        # Odoo's fixtures create their companies as the test accountant, an admin of a company
        # on the Premium trial: the multi-company gate (Ultimate) rightly refuses that, so the
        # fixture companies are created as the superuser, as an installation would.
        env = cls.env
        cls.env = env(su=True)
        try:
            return super()._create_company(**create_values)
        finally:
            cls.env = env

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a = cls.company_data["company"]
        cls.setup_amc_crm()
