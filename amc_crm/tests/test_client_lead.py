from datetime import date

from odoo.tests import tagged

from .common import AmcCrmCommon


@tagged("post_install", "-at_install")
class TestClientLead(AmcCrmCommon):
    def lead(self, partner):
        return self.env["crm.lead"].create(
            {"name": "Bookkeeping", "type": "opportunity", "partner_id": partner.id}
        )

    def test_won_opportunity_makes_an_active_client(self):
        prospect = self.new_client(name="Prospect SRL", amc_stage="prospect")
        contact = self.env["res.partner"].create({"name": "Ana", "parent_id": prospect.id})
        self.lead(contact).action_set_won()
        self.assertRecordValues(prospect, [{"amc_stage": "active", "amc_client_since": self.today}])

    def test_won_opportunity_keeps_the_first_client_date(self):
        client = self.new_client(amc_stage="inactive", amc_client_since=date(2020, 1, 1))
        self.lead(client).action_set_won()
        self.assertRecordValues(
            client, [{"amc_stage": "active", "amc_client_since": date(2020, 1, 1)}]
        )

    def test_lost_opportunity_changes_nothing(self):
        prospect = self.new_client(amc_stage="prospect")
        self.lead(prospect).action_set_lost()
        self.assertEqual(prospect.amc_stage, "prospect")

    def test_salesman_wins_a_deal_without_contact_rights(self):
        salesman = self.new_user(
            "amc_plain_salesman", self.company_a, "sales_team.group_sale_salesman"
        )
        prospect = self.new_client(amc_stage="prospect")
        lead = self.lead(prospect)
        lead.user_id = salesman
        lead.with_user(salesman).action_set_won()
        self.assertEqual(prospect.amc_stage, "active")
        self.assertEqual(lead.amc_partner_stage, "active")
