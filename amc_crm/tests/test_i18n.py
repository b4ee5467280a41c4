import re
from pathlib import Path

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import PoFileReader, TranslationModuleReader

MODULE = Path(__file__).parents[1].name
PO_PATH = Path(__file__).parents[1] / "i18n" / "ro.po"
# %(name)s and %s of Python and JS, {{ }} of mail templates, and the tags of HTML terms
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\{.*?\}\}|<[^>]*>")
ROMANIAN_PLURALS = "nplurals=3; plural=(n==1?0:(((n%100>19)||((n%100==0)&&(n!=0)))?2:1));"


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


@tagged("post_install", "-at_install")
class TestRomanianTranslation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's reader merges the .pot in: a term missing from ro.po comes back empty.
        cls.entries = list(PoFileReader(str(PO_PATH)))

    def test_every_term_has_a_romanian_translation(self):
        self.assertGreater(len(self.entries), 50)
        empty = sorted({e["src"] for e in self.entries if not e["value"].strip()})
        self.assertEqual(empty, [], "terms without a Romanian translation in ro.po")

    def test_translations_keep_the_placeholders_and_markup(self):
        wrong = [
            (e["src"], e["value"])
            for e in self.entries
            if placeholders(e["src"]) != placeholders(e["value"])
        ]
        self.assertEqual(wrong, [], "placeholders or tags changed by the translation")

    def test_every_term_the_exporter_finds_is_in_ro_po(self):
        translated = {e["src"] for e in self.entries if e["value"].strip()}
        exported = {row[4] for row in TranslationModuleReader(self.env.cr, [MODULE])}
        self.assertTrue(exported)
        self.assertEqual(
            sorted(exported - translated),
            [],
            f"new terms: re-export i18n/{MODULE}.pot and translate them in ro.po",
        )

    def test_header_declares_romanian_plural_forms(self):
        metadata = polib.pofile(str(PO_PATH)).metadata
        self.assertEqual(metadata.get("Language"), "ro")
        self.assertEqual(metadata.get("Plural-Forms"), ROMANIAN_PLURALS)

    def test_reminder_levels_and_mail_read_in_romanian(self):
        self.env["res.lang"]._activate_lang("ro_RO")
        self.env["ir.module.module"]._load_module_terms([MODULE], ["ro_RO"], overwrite=True)
        level = self.env.ref("amc_crm.amc_reminder_level_final").with_context(lang="ro_RO")
        self.assertEqual(level.name, "Ultimul memento")
        template = level.mail_template_id
        self.assertIn("ultim memento", template.subject)
        self.assertIn("Cu stimă", template.body_html)
        self.assertIn('t-out="object.amc_days_overdue"', template.body_html)
