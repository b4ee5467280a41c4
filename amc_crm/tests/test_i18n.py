from odoo.tests import TransactionCase, tagged

from odoo.addons.amc_subscription.tests.romanian_po import RomanianPoChecks


@tagged("post_install", "-at_install")
class TestRomanianTranslation(RomanianPoChecks, TransactionCase):
    module = "amc_crm"

    def test_reminder_levels_and_mail_read_in_romanian(self):
        self.load_romanian()
        level = self.env.ref("amc_crm.amc_reminder_level_final").with_context(lang="ro_RO")
        self.assertEqual(level.name, "Ultimul memento")
        template = level.mail_template_id
        self.assertIn("ultim memento", template.subject)
        self.assertIn("Cu stimă", template.body_html)
        self.assertIn('t-out="object.amc_days_overdue"', template.body_html)
