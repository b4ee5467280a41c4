from odoo.tests import TransactionCase, tagged

from .romanian_po import RomanianPoChecks


@tagged("post_install", "-at_install")
class TestRomanianTranslation(RomanianPoChecks, TransactionCase):
    module = "amc_subscription"

    def test_notice_mail_renders_in_romanian(self):
        self.load_romanian()
        company = self.env.company
        company.partner_id.lang = "ro_RO"
        subscription = self.env["amc.subscription"].sudo()._get_for_company(company)
        template = self.env.ref("amc_subscription.mail_template_amc_subscription_ending_soon")
        subject = template._render_field("subject", subscription.ids, compute_lang=True)
        body = template._render_field("body_html", subscription.ids, compute_lang=True)
        self.assertIn(f"{company.name}: planul ", subject[subscription.id])
        self.assertIn("Bună ziua", body[subscription.id])
        self.assertIn(f"al companiei {company.name}", body[subscription.id])
