"""EN 16931 rules on each VAT breakdown group (BG-23): BR-45 to BR-48.

A group needs its taxable amount, VAT amount, VAT category code and rate (category O has no
rate); the category counts only when its tax scheme is VAT, as in the CIUS-RO 1.0.9 artefact.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
...   <cac:TaxTotal><cac:TaxSubtotal/></cac:TaxTotal></Invoice>'''
>>> sorted(f.rule for f in M12.run(Document(parse(xml))) if f.rule in ("BR-45", "BR-47"))
['BR-45', 'BR-47']
"""

from __future__ import annotations

from .._core import Text
from ._breakdown import category, group
from ._contexts import (
    M12,
    TAX_SUBTOTAL,
)

__all__: list[str] = []


@M12.rule(
    "BR-45",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are baza de impozitare (BT-116). Completați "
            "baza pentru această categorie."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no taxable amount (BT-116). Fill in the base for "
            "this category."
        ),
    ),
)
def subtotal_has_taxable_amount(node, doc) -> bool:
    return bool(group(doc, node).taxable)


@M12.rule(
    "BR-46",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are valoarea TVA (BT-117). Completați TVA-ul "
            "pentru această categorie."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no VAT amount (BT-117). Fill in the VAT for this "
            "category."
        ),
    ),
)
def subtotal_has_tax_amount(node, doc) -> bool:
    return bool(group(doc, node).tax)


@M12.rule(
    "BR-47",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are codul categoriei de TVA (BT-118). Indicați "
            "categoria, de exemplu S."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no VAT category code (BT-118). State the category, "
            "for example S."
        ),
    ),
)
def subtotal_has_category(node, doc) -> bool:
    return any(facts.ids and facts.vat for facts in _categories(doc, node))


@M12.rule(
    "BR-48",
    TAX_SUBTOTAL,
    Text(
        ro=(
            "O grupă din defalcarea TVA (BG-23) nu are cota de TVA (BT-119). Completați cota; doar"
            " categoria O nu are cotă."
        ),
        en=(
            "A VAT breakdown group (BG-23) has no VAT rate (BT-119). Fill in the rate; only "
            "category O has none."
        ),
    ),
)
def subtotal_has_rate(node, doc) -> bool:
    categories = [facts for facts in _categories(doc, node) if facts.vat]
    return any(facts.percents for facts in categories) or any(
        facts.code == "O" for facts in categories
    )


def _categories(doc, subtotal) -> list:
    return [category(doc, element) for element in group(doc, subtotal).categories]
