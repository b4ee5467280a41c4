from odoo.tests import HttpCase, tagged

from .common import SALESMAN, AmcCrmCommon


@tagged("post_install", "-at_install")
class TestUiClient(AmcCrmCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.phone_user = cls.new_user("amc_phone_salesman", cls.company_a, SALESMAN)
        cls.phone_user.password = "amc_phone_salesman"

    def test_create_client_by_cui_on_a_phone(self):
        self.start_tour(
            "/odoo/action-amc_crm.res_partner_action_clients",
            "amc_crm_client_create_by_cui",
            login="amc_phone_salesman",
        )
        client = self.env["res.partner"].search([("amc_cui", "=", "34567892")])
        self.assertRecordValues(
            client,
            [
                {
                    "name": "ALFA CONSTRUCȚII ȘI INSTALAȚII SRL",
                    "vat": "RO34567892",
                    "amc_stage": "prospect",
                    "amc_sector": "SECTOR3",
                    "state_id": self.state_bucharest.id,
                    "amc_anaf_checked_on": self.today,
                    "user_id": self.phone_user.id,
                }
            ],
        )
