from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.amc_subscription.exceptions import AmcFeatureUnavailable

from .common import CUI_CLUJ, AmcCrmCommon


@tagged("post_install", "-at_install")
class TestClientAccess(AmcCrmCommon):
    def as_b(self, records):
        """``records`` as the salesman of company B sees them, in company B."""
        return records.with_user(self.salesman_b).with_context(
            allowed_company_ids=self.company_b.ids
        )

    def test_salesman_creates_and_edits_clients(self):
        Partner = self.env["res.partner"].with_user(self.salesman_a)
        client = Partner.create({"name": "New SRL", "is_company": True, "amc_cui": CUI_CLUJ})
        client.write({"amc_stage": "active", "phone": "0722 123 456"})
        self.assertRecordValues(client, [{"amc_stage": "active", "phone": "+40722123456"}])

    def test_only_managers_edit_industries(self):
        Industry = self.env["amc.crm.industry"]
        with self.assertRaises(AccessError):
            Industry.with_user(self.salesman_a).create({"name": "Mining"})
        mining = Industry.with_user(self.manager_a).create({"name": "Mining"})
        self.assertEqual(Industry.with_user(self.salesman_a).browse(mining.id).name, "Mining")

    def test_archived_industries_hidden_from_salesmen_only(self):
        old = self.env["amc.crm.industry"].create({"name": "Telegraph", "active": False})
        domain = [("id", "=", old.id)]
        Industry = self.env["amc.crm.industry"].with_context(active_test=False)
        self.assertFalse(Industry.with_user(self.salesman_a).search(domain))
        self.assertEqual(Industry.with_user(self.manager_a).search(domain), old)

    def test_industry_list_is_seeded(self):
        names = self.env["amc.crm.industry"].search([]).mapped("name")
        for name in ("Construction", "Legal services", "IT", "Agriculture", "Other"):
            self.assertIn(name, names)

    def test_client_of_another_company_is_invisible(self):
        client = self.new_client(name="Secret SRL")
        self.assertFalse(self.as_b(self.env["res.partner"]).search([("id", "=", client.id)]))
        with self.assertRaises(AccessError):
            self.as_b(client).read(["name"])

    def test_standard_company_salesman_gets_the_upgrade_message(self):
        client = self.new_client(cui=CUI_CLUJ, company_id=self.company_b.id)
        with self.assertRaisesRegex(AmcFeatureUnavailable, "Premium"):
            self.as_b(client).action_amc_fill_from_anaf()

    def test_only_administrators_change_the_anaf_address(self):
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(self.manager_a).create(
                {"amc_crm_anaf_public_url": "http://127.0.0.1:1"}
            )
