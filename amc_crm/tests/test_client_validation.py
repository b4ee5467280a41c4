from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import AmcCrmCommon

VALID_CNP = "1960529460012"


@tagged("post_install", "-at_install")
class TestClientValidation(AmcCrmCommon):
    # --- CUI ---------------------------------------------------------------------------------

    def test_vat_typed_with_ro_keeps_digits_in_cui_and_marks_vat_payer(self):
        client = self.new_client(vat="ro 1854 7290")
        self.assertRecordValues(
            client, [{"amc_cui": "18547290", "vat": "RO18547290", "amc_anaf_vat_payer": True}]
        )

    def test_ro_prefix_goes_when_client_stops_paying_vat(self):
        client = self.new_client(vat="RO18547290")
        client.amc_anaf_vat_payer = False
        self.assertRecordValues(client, [{"amc_cui": "18547290", "vat": "18547290"}])
        client.amc_anaf_vat_payer = True
        self.assertEqual(client.vat, "RO18547290")

    def test_cui_typed_alone_fills_tax_id_without_prefix(self):
        client = self.new_client(cui=" 1854 7290")
        self.assertRecordValues(
            client, [{"amc_cui": "18547290", "vat": "18547290", "amc_anaf_vat_payer": False}]
        )

    def test_client_created_from_its_cui_alone_gets_a_temporary_name(self):
        client = self.env["res.partner"].create({"is_company": True, "amc_cui": "RO18547290"})
        self.assertRecordValues(client, [{"name": "CUI 18547290", "amc_cui": "18547290"}])

    def test_cui_with_wrong_check_digit_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, r"CUI/CIF 18547291 is not valid: its check digit does not match"
        ):
            self.new_client(cui="18547291")

    def test_cui_with_letters_is_refused(self):
        with self.assertRaisesRegex(ValidationError, r"CUI/CIF 12AB is not valid: it holds"):
            self.new_client(cui="12AB")

    def test_foreign_vat_number_is_not_taken_for_a_cui(self):
        client = self.new_client(vat="DE123456789", country_id=self.env.ref("base.de").id)
        self.assertRecordValues(client, [{"amc_cui": False, "vat": "DE123456789"}])

    def test_person_gets_no_cui_check(self):
        person = self.env["res.partner"].create(
            {"name": "Ion Popescu", "country_id": self.romania.id, "vat": "123"}
        )
        self.assertEqual(person.amc_client_type, "person")

    def test_duplicate_cui_warns_and_points_to_the_other_client(self):
        first = self.new_client(cui="18547290", name="First SRL")
        form = Form(self.env["res.partner"].with_context(default_is_company=True))
        form.name = "Second SRL"
        form.amc_cui = "18547290"
        self.assertEqual(form.amc_duplicate_partner_id, first)
        second = form.save()  # a warning, not a blocking error
        self.assertEqual(second.amc_cui, "18547290")

    def test_duplicate_onchange_returns_a_warning(self):
        self.new_client(cui="18547290", name="First SRL")
        draft = self.env["res.partner"].new({"is_company": True, "amc_cui": "18547290"})
        result = draft._onchange_amc_cui()
        self.assertIn("First SRL already has CUI 18547290", result["warning"]["message"])

    def test_contact_of_the_same_company_is_not_a_duplicate(self):
        parent = self.new_client(cui="18547290")
        contact = self.env["res.partner"].create({"name": "Ana", "parent_id": parent.id})
        self.assertEqual(contact.amc_cui, "18547290")
        self.assertFalse(contact.amc_duplicate_partner_id)
        self.assertFalse(parent.amc_duplicate_partner_id)

    def test_client_of_another_company_is_not_a_duplicate(self):
        self.new_client(cui="18547290", company_id=self.company_b.id)
        client = self.new_client(cui="18547290")
        self.assertFalse(client.amc_duplicate_partner_id)

    # --- client type, CNP, Reg. Com. ---------------------------------------------------------

    def test_client_type_follows_is_company_and_keeps_public_institution(self):
        company = self.new_client()
        person = self.env["res.partner"].create({"name": "Ion Popescu"})
        institution = self.new_client(name="Primăria Cluj", amc_client_type="public_institution")
        self.assertEqual(
            (company | person | institution).mapped("amc_client_type"),
            ["company", "person", "public_institution"],
        )
        person.is_company = True
        self.assertEqual(person.amc_client_type, "company")

    def test_cnp_valid_or_consumer_placeholder_is_accepted(self):
        partners = self.env["res.partner"].create(
            [
                {"name": "Ion Popescu", "amc_cnp": VALID_CNP},
                {"name": "Consumer", "amc_cnp": "0000000000000"},
            ]
        )
        self.assertEqual(partners.mapped("amc_cnp"), [VALID_CNP, "0000000000000"])

    def test_cnp_with_wrong_check_digit_is_refused(self):
        with self.assertRaisesRegex(ValidationError, r"CNP 1960529460013 is not valid"):
            self.env["res.partner"].create({"name": "Ion Popescu", "amc_cnp": "1960529460013"})

    def test_trade_register_number_is_normalised(self):
        client = self.new_client(company_registry="j40 / 1234 / 2005")
        self.assertEqual(client.company_registry, "J40/1234/2005")

    def test_wrong_trade_register_number_is_refused(self):
        with self.assertRaisesRegex(
            ValidationError, r"Trade register number \(Reg\. Com\.\) J99/1/2005 is not valid"
        ):
            self.new_client(company_registry="J99/1/2005")

    # --- county and sector -------------------------------------------------------------------

    def test_bucharest_sector_and_county_code(self):
        client = self.new_client(state_id=self.state_bucharest.id, amc_sector="SECTOR3")
        self.assertRecordValues(client, [{"amc_county_code": "RO-B", "amc_sector": "SECTOR3"}])
        cluj = self.new_client(state_id=self.state_cluj.id)
        self.assertEqual(cluj.amc_county_code, "RO-CJ")

    def test_sector_outside_bucharest_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "a sector only exists in Bucharest"):
            self.new_client(state_id=self.state_cluj.id, amc_sector="SECTOR1")

    def test_leaving_bucharest_clears_the_sector_in_the_form(self):
        client = self.new_client(state_id=self.state_bucharest.id, amc_sector="SECTOR2")
        with Form(client) as form:
            form.state_id = self.state_cluj
            self.assertFalse(form.amc_sector)
        self.assertFalse(client.amc_sector)

    # --- phones ------------------------------------------------------------------------------

    def test_phones_are_stored_in_e164(self):
        client = self.new_client(phone="0722 123 456", mobile="021 123 4567")
        self.assertRecordValues(client, [{"phone": "+40722123456", "mobile": "+40211234567"}])
        german = self.new_client(phone="030 1234567", country_id=self.env.ref("base.de").id)
        self.assertEqual(german.phone, "+49301234567")

    def test_phone_written_later_is_normalised(self):
        client = self.new_client()
        client.write({"phone": "0040 722 123 456"})
        self.assertEqual(client.phone, "+40722123456")

    def test_invalid_phone_is_refused_with_an_example(self):
        client = self.new_client()
        with self.assertRaisesRegex(
            ValidationError, r"Phone number 0722 12 is not valid: .*such as 0722 123 456"
        ):
            client.phone = "0722 12"

    # --- search ------------------------------------------------------------------------------

    def test_search_by_cui_with_or_without_prefix_and_by_phone(self):
        client = self.new_client(vat="RO18547290", phone="0722 123 456")
        self.new_client(cui="12345674", name="Other SRL", phone="0733 000 111")
        Partner = self.env["res.partner"]
        self.assertEqual(Partner.search([("amc_cui_search", "ilike", "RO 18547290")]), client)
        self.assertEqual(Partner.search([("amc_cui_search", "ilike", "1854")]), client)
        self.assertEqual(Partner.search([("amc_phone_search", "ilike", "0722123456")]), client)
        self.assertEqual(Partner.search([("amc_phone_search", "ilike", "722 123")]), client)
