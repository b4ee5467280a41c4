"""Checks every AMC addon's Romanian translation must pass.

Each addon's ``tests/test_i18n.py`` mixes :class:`RomanianPoChecks` into a TransactionCase and
names its module; this file holds no test case of its own, so Odoo collects nothing here.
"""

import re
from pathlib import Path

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import PoFileReader, TranslationModuleReader

# %(name)s and %s of Python and JS, {{ }} of mail templates, and the tags of HTML terms
PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\{.*?\}\}|<[^>]*>")
ROMANIAN_PLURALS = "nplurals=3; plural=(n==1?0:(((n%100>19)||((n%100==0)&&(n!=0)))?2:1));"


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text))


class RomanianPoChecks:
    """The ro.po of ``module`` is complete, keeps placeholders and declares Romanian plurals."""

    module = None
    allow_inherited_tests_method = True  # Odoo 18 runs only a class's own test methods otherwise

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po_path = Path(get_module_path(cls.module)) / "i18n" / "ro.po"
        # Odoo's reader merges the .pot in: a term missing from ro.po comes back empty.
        cls.entries = list(PoFileReader(str(cls.po_path)))

    def load_romanian(self):
        """Activate Romanian and load this module's ro.po into the test database."""
        self.env["res.lang"]._activate_lang("ro_RO")
        self.env["ir.module.module"]._load_module_terms([self.module], ["ro_RO"], overwrite=True)

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
        exported = {row[4] for row in TranslationModuleReader(self.env.cr, [self.module])}
        self.assertTrue(exported)
        self.assertEqual(
            sorted(exported - translated),
            [],
            f"new terms: re-export i18n/{self.module}.pot and translate them in ro.po",
        )

    def test_header_declares_romanian_plural_forms(self):
        metadata = polib.pofile(str(self.po_path)).metadata
        self.assertEqual(metadata.get("Language"), "ro")
        self.assertEqual(metadata.get("Plural-Forms"), ROMANIAN_PLURALS)
