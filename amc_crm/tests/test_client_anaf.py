from datetime import date, timedelta
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.amc_crm.models import res_partner
from odoo.addons.amc_subscription.exceptions import AmcFeatureUnavailable

from ro_efactura.anaf.registry import Throttle
from ro_efactura.emulator.registry import PATH, SeedAddress, SeedCompany

from .common import (
    CUI_BUCHAREST,
    CUI_CLUJ,
    CUI_INACTIVE,
    CUI_NOT_VAT_PAYER,
    CUI_UNKNOWN,
    AmcCrmCommon,
)


def with_check_digit(base):
    """A CUI: ``base`` followed by its check digit (key 753217532, written out here)."""
    digits = str(base)
    total = sum(int(d) * int(w) for d, w in zip(digits.rjust(9, "0"), "753217532", strict=True))
    return digits + str(total * 10 % 11 % 10)


@tagged("post_install", "-at_install")
class TestClientAnafFill(AmcCrmCommon):
    def test_fill_from_anaf_writes_identity_address_and_vat_status(self):
        client = self.new_client(cui=CUI_BUCHAREST, name=False)
        client.action_amc_fill_from_anaf()
        self.assertRecordValues(
            client,
            [
                {
                    "name": "ALFA CONSTRUCȚII ȘI INSTALAȚII SRL",
                    "vat": "RO34567892",
                    "amc_cui": "34567892",
                    "street": "Bd. Unirii 45",
                    "street2": "BL. E3, SC. 2, AP. 14",
                    "city": "București",
                    "state_id": self.state_bucharest.id,
                    "amc_sector": "SECTOR3",
                    "amc_county_code": "RO-B",
                    "zip": "031472",
                    "company_registry": "J40/11223/2015",
                    "amc_anaf_vat_payer": True,
                    "amc_anaf_vat_on_collection": True,
                    "amc_anaf_split_vat": False,
                    "amc_anaf_inactive": False,
                    "amc_anaf_efactura_registered": True,
                    "amc_anaf_checked_on": self.today,
                }
            ],
        )

    def test_fill_from_anaf_for_a_company_outside_the_vat_system(self):
        client = self.new_client(vat="RO" + CUI_NOT_VAT_PAYER)
        client.action_amc_fill_from_anaf()
        self.assertRecordValues(
            client,
            [
                {
                    "name": "GAMMA CONTABILITATE SRL",
                    "vat": CUI_NOT_VAT_PAYER,
                    "amc_anaf_vat_payer": False,
                    "city": "Timișoara",
                    "state_id": self.env.ref("base.RO_TM").id,
                    "amc_sector": False,
                }
            ],
        )

    def test_fill_from_anaf_flags_an_inactive_taxpayer(self):
        client = self.new_client(cui=CUI_INACTIVE)
        client.action_amc_fill_from_anaf()
        self.assertRecordValues(
            client,
            [
                {
                    "amc_anaf_inactive": True,
                    "amc_anaf_inactive_since": date(2024, 5, 10),
                    "amc_anaf_vat_payer": False,
                    "vat": CUI_INACTIVE,
                }
            ],
        )
        self.assertIn("inactive since 2024-05-10", client.message_ids[0].body)

    def test_placeholder_trade_register_from_anaf_keeps_the_typed_one(self):
        cui = with_check_digit(5555555)
        self.emulator.registry.add(
            SeedCompany(
                cui=int(cui),
                name="FĂRĂ REGISTRU SRL",
                address=SeedAddress(
                    street="Str. Exemplului",
                    number="9",
                    locality="Mun. Cluj-Napoca",
                    locality_code="279",
                    county="CLUJ",
                    county_number="12",
                    county_plate="CJ",
                    postal_code="400001",
                ),
                registered_on=date(2020, 1, 1),
                reg_com="-",
            )
        )
        self.addCleanup(self.emulator.registry.companies.pop, int(cui))
        client = self.new_client(cui=cui, company_registry="J12/1/2020")
        client.action_amc_fill_from_anaf()
        self.assertRecordValues(
            client, [{"name": "FĂRĂ REGISTRU SRL", "company_registry": "J12/1/2020"}]
        )

    def test_unknown_cui_is_reported_and_nothing_changes(self):
        client = self.new_client(cui=CUI_UNKNOWN, name="Typed by hand SRL")
        with self.assertRaisesRegex(UserError, f"ANAF does not know CUI {CUI_UNKNOWN}"):
            client.action_amc_fill_from_anaf()
        self.assertRecordValues(
            client, [{"name": "Typed by hand SRL", "amc_anaf_checked_on": False}]
        )

    def test_registry_down_changes_nothing(self):
        client = self.new_client(cui=CUI_CLUJ, name="Typed by hand SRL")
        for kind, options in (("http5xx", {"status": 503}), ("firewall", {}), ("drop", {})):
            self.emulator.inject(kind, path=PATH, **options)
            with (
                self.subTest(kind=kind),
                self.assertRaisesRegex(UserError, "nothing was changed"),
            ):
                client.action_amc_fill_from_anaf()
        self.assertRecordValues(
            client, [{"name": "Typed by hand SRL", "amc_anaf_checked_on": False}]
        )

    def test_fill_needs_a_valid_cui_before_calling_anaf(self):
        client = self.new_client(name="No CUI SRL")
        calls = len(self.emulator.registry.calls)
        with self.assertRaisesRegex(UserError, "Type the client's CUI first"):
            client.action_amc_fill_from_anaf()
        self.assertEqual(len(self.emulator.registry.calls), calls)

    def test_standard_company_cannot_fill_from_anaf(self):
        client = self.new_client(cui=CUI_CLUJ, company_id=self.company_b.id)
        calls = len(self.emulator.registry.calls)
        with self.assertRaisesRegex(AmcFeatureUnavailable, "Premium"):
            client.with_company(self.company_b).action_amc_fill_from_anaf()
        self.assertEqual(len(self.emulator.registry.calls), calls)
        self.assertFalse(client.amc_anaf_checked_on)

    def test_salesman_of_premium_company_fills_from_anaf(self):
        client = self.new_client(cui=CUI_CLUJ).with_user(self.salesman_a)
        client.action_amc_fill_from_anaf()
        self.assertEqual(client.name, "EXEMPLU SOFTWARE SRL")


@tagged("post_install", "-at_install")
class TestClientAnafRecheck(AmcCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # what the file said when last filled: all VAT payers, all active
        known = {"amc_stage": "active", "amc_anaf_vat_payer": True, "user_id": cls.salesman_a.id}
        cls.cluj = cls.new_client(cui=CUI_CLUJ, name="Cluj", **known)
        cls.delta = cls.new_client(cui=CUI_INACTIVE, name="Delta", **known)
        cls.gamma = cls.new_client(cui=CUI_NOT_VAT_PAYER, name="Gamma", **known)
        cls.prospect = cls.new_client(cui=CUI_BUCHAREST, name="Prospect", amc_stage="prospect")
        cls.standard = cls.new_client(
            cui=CUI_BUCHAREST, name="Standard", amc_stage="active", company_id=cls.company_b.id
        )

    def run_cron(self):
        self.env["res.partner"]._cron_amc_crm_anaf_recheck(date_ref=self.today)

    def test_cron_flags_clients_that_became_inactive_or_left_vat(self):
        self.run_cron()
        self.assertRecordValues(
            self.delta | self.gamma | self.cluj,
            [
                {"amc_anaf_inactive": True, "amc_anaf_vat_payer": False, "vat": CUI_INACTIVE},
                {"amc_anaf_inactive": False, "amc_anaf_vat_payer": False, "vat": CUI_NOT_VAT_PAYER},
                {"amc_anaf_inactive": False, "amc_anaf_vat_payer": True, "vat": "RO" + CUI_CLUJ},
            ],
        )
        self.assertEqual(
            len(self.delta.activity_ids), 2, "one activity for inactivity, one for the VAT"
        )
        self.assertEqual(self.delta.activity_ids.user_id, self.salesman_a)
        self.assertIn("no longer a VAT payer", self.gamma.activity_ids.note)
        self.assertFalse(self.cluj.activity_ids)

    def test_cron_reports_a_cui_anaf_no_longer_knows_once(self):
        gone = self.new_client(
            cui=CUI_UNKNOWN, name="Gone", amc_stage="active", user_id=self.salesman_a.id
        )
        self.run_cron()
        self.env["res.partner"]._cron_amc_crm_anaf_recheck(date_ref=self.today + timedelta(days=1))
        self.assertEqual(gone.amc_anaf_checked_on, self.today + timedelta(days=1))
        self.assertEqual(len(gone.activity_ids), 1)
        self.assertIn(f"ANAF no longer knows CUI {CUI_UNKNOWN}", gone.activity_ids.note)
        self.assertEqual(
            len(gone.message_ids.filtered(lambda m: "no longer knows" in (m.body or ""))), 1
        )

    def test_cron_checks_only_active_clients_of_premium_companies(self):
        self.run_cron()
        self.assertEqual(
            (self.cluj | self.delta | self.gamma).mapped("amc_anaf_checked_on"), [self.today] * 3
        )
        self.assertFalse(self.prospect.amc_anaf_checked_on)
        self.assertFalse(self.standard.amc_anaf_checked_on)
        self.assertEqual(
            sorted(self.emulator.registry.calls[-1].cuis),
            sorted(int(cui) for cui in (CUI_CLUJ, CUI_INACTIVE, CUI_NOT_VAT_PAYER)),
        )

    def test_cron_works_in_batches_oldest_check_first(self):
        self.env["ir.config_parameter"].sudo().set_param("amc_crm.anaf_batch_size", 2)
        self.gamma.amc_anaf_checked_on = date(2026, 1, 1)
        self.cluj.amc_anaf_checked_on = date(2025, 1, 1)
        calls = len(self.emulator.registry.calls)
        self.run_cron()
        first = self.emulator.registry.calls[-1].cuis
        self.run_cron()
        second = self.emulator.registry.calls[-1].cuis
        self.run_cron()  # nothing left: no third request
        self.assertEqual(len(self.emulator.registry.calls), calls + 2)
        self.assertEqual(first, (int(CUI_INACTIVE), int(CUI_CLUJ)))
        self.assertEqual(second, (int(CUI_NOT_VAT_PAYER),))

    def test_scheduled_job_reports_its_progress(self):
        self.env["ir.config_parameter"].sudo().set_param("amc_crm.anaf_batch_size", 2)
        cron = self.env.ref("amc_crm.ir_cron_amc_crm_anaf_recheck")
        cron.method_direct_trigger()
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", cron.id)], order="id desc", limit=1
        )
        self.assertRecordValues(progress, [{"done": 2, "remaining": 1}])

    def test_cron_never_asks_for_more_than_100_cuis(self):
        self.env["ir.config_parameter"].sudo().set_param("amc_crm.anaf_batch_size", 500)
        self.env["res.partner"].create(
            [
                {"name": f"Client {n}", "amc_cui": with_check_digit(2000000 + n)}
                | {"amc_stage": "active", "company_id": self.company_a.id, "is_company": True}
                for n in range(120)
            ]
        )
        calls = len(self.emulator.registry.calls)
        self.run_cron()
        self.assertEqual(len(self.emulator.registry.calls), calls + 1)
        self.assertEqual(len(self.emulator.registry.calls[-1].cuis), 100)
        checked = self.env["res.partner"].search_count([("amc_anaf_checked_on", "=", self.today)])
        self.assertEqual(checked, 100)

    def test_cron_keeps_the_registry_pace(self):
        self.env["ir.config_parameter"].sudo().set_param("amc_crm.anaf_batch_size", 1)
        self.emulator.registry.enforce_rate = True
        self.addCleanup(setattr, self.emulator.registry, "enforce_rate", False)
        throttle = Throttle(res_partner.REGISTRY_INTERVAL)
        throttle.wait()  # as if the previous test had just called the registry
        with patch.object(res_partner, "_REGISTRY_THROTTLE", throttle):
            self.run_cron()
            self.run_cron()
        self.assertEqual([call.status for call in self.emulator.registry.calls[-2:]], [200, 200])
        self.assertEqual(
            len((self.cluj | self.delta | self.gamma).filtered("amc_anaf_checked_on")), 2
        )

    @mute_logger("odoo.addons.amc_crm.models.res_partner")
    def test_cron_leaves_the_batch_for_later_when_registry_is_down(self):
        self.emulator.inject("http5xx", path=PATH, status=503)
        self.run_cron()
        self.assertFalse((self.cluj | self.delta | self.gamma).filtered("amc_anaf_checked_on"))
        self.run_cron()
        self.assertTrue(self.delta.amc_anaf_inactive)

    def test_cron_skips_everything_when_no_company_is_premium(self):
        self.set_plan(self.company_a, "standard")
        calls = len(self.emulator.registry.calls)
        self.run_cron()
        self.assertEqual(len(self.emulator.registry.calls), calls)
        self.assertFalse(self.delta.amc_anaf_checked_on)


@tagged("post_install", "-at_install")
class TestClientVies(AmcCrmCommon):
    def german_client(self, vat):
        return self.new_client(name="Berlin GmbH", vat=vat, country_id=self.env.ref("base.de").id)

    def test_valid_eu_vat_number(self):
        self.emulator.vies.add("DE", "123456789", name="BERLIN GMBH", address="BERLIN")
        client = self.german_client("DE123456789")
        client.action_amc_check_vies()
        self.assertRecordValues(
            client, [{"amc_vies_valid": True, "amc_vies_checked_on": self.today}]
        )

    def test_unknown_eu_vat_number_is_marked_not_valid(self):
        client = self.german_client("DE999999999")
        client.action_amc_check_vies()
        self.assertRecordValues(
            client, [{"amc_vies_valid": False, "amc_vies_checked_on": self.today}]
        )
        self.assertIn("not valid", client.message_ids[0].body)

    def test_vies_unavailable_is_reported(self):
        self.emulator.vies.fail_next("MS_UNAVAILABLE")
        client = self.german_client("DE123456789")
        with self.assertRaisesRegex(UserError, "not answering now"):
            client.action_amc_check_vies()
        self.assertFalse(client.amc_vies_checked_on)

    def test_romanian_client_goes_to_anaf_not_vies(self):
        client = self.new_client(cui=CUI_CLUJ)
        with self.assertRaisesRegex(UserError, "use Fill from ANAF"):
            client.action_amc_check_vies()
