"""Our rules against the official CIUS-RO 1.0.9 artefact, on a generated corpus.

Hypothesis builds valid invoices (varied lines, rates, currencies, VAT categories, credit
notes, B2C buyers, document allowances) written by our writer, then applies one mutation
(drop an element, change an amount, change a code). For the valid document and for the
mutant, the set of fatal rule ids from :func:`ro_efactura.validate` must equal the set from
the official XSLT. Bounded (60 examples, no shrinking, derandomized) to stay fast and stable.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from ro_efactura import validate
from ro_efactura.ubl import write
from tests.factories import valid_invoices
from tests.official import official_fatal_ids, official_validator

_CODE_TAGS = {
    "DocumentCurrencyCode",
    "TaxCurrencyCode",
    "InvoiceTypeCode",
    "CreditNoteTypeCode",
    "IdentificationCode",
    "CountrySubentity",
    "CityName",
    "PaymentMeansCode",
    "ID",
}
_CODE_VALUES = ["XXX", "EUR", "RON", "999", "381", "Z", "AE", "RO-XX", "RO-B", "US", "SECTOR9"]


@st.composite
def mutations(draw):
    """(kind, index, value): what to change in the written XML."""
    kind = draw(st.sampled_from(["drop", "amount", "code"]))
    return kind, draw(st.integers(0, 10**6)), draw(st.sampled_from(_CODE_VALUES))


def mutate(xml: bytes, mutation) -> bytes:
    """Apply one mutation to ``xml``; the result is still well-formed."""
    kind, index, value = mutation
    root = etree.fromstring(xml)
    elements = [e for e in root.iter() if e is not root]
    if kind == "drop":
        victim = elements[index % len(elements)]
        victim.getparent().remove(victim)
    elif kind == "amount":
        amounts = [e for e in elements if e.get("currencyID")]
        target = amounts[index % len(amounts)]
        target.text = str(Decimal(target.text) + Decimal("1.00")) if index % 2 else "1.001"
    else:
        codes = [e for e in elements if etree.QName(e).localname in _CODE_TAGS]
        codes[index % len(codes)].text = value
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _fatal_ids(xml: bytes) -> set[str]:
    return {f.rule for f in validate(xml) if f.fatal}


_SETTINGS = settings(
    max_examples=60, deadline=None, derandomize=True,
    phases=[Phase.explicit, Phase.generate],
)  # fmt: skip


def test_generated_valid_invoices_have_no_fatal_finding_anywhere():
    official_validator()  # skips without ../shared or saxonche

    @_SETTINGS
    @given(valid_invoices())
    def check(invoice):
        xml = write(invoice)
        assert official_fatal_ids(xml) == set()
        assert _fatal_ids(xml) == set()

    check()


def test_mutants_get_the_same_fatal_rule_ids_as_the_official_artefact():
    official_validator()

    @_SETTINGS
    @given(valid_invoices(), mutations())
    def check(invoice, mutation):
        xml = mutate(write(invoice), mutation)
        official = official_fatal_ids(xml)
        ours = _fatal_ids(xml)
        assert ours == official, (
            f"only ours: {sorted(ours - official)}; only official: {sorted(official - ours)}"
        )

    check()
