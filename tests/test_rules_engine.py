"""The rule engine: context matching, first-match-per-pattern, locations, robustness."""

from ro_efactura._xml import parse
from ro_efactura.rules import Context, Document, Pattern, Severity, Text

XML = b"""<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:ID>F1</cbc:ID>
  <cac:TaxTotal><cbc:TaxAmount currencyID="RON">19</cbc:TaxAmount></cac:TaxTotal>
  <cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:TaxTotal/>
    <cbc:LineExtensionAmount currencyID="EUR">1</cbc:LineExtensionAmount></cac:InvoiceLine>
  <cac:InvoiceLine><cbc:ID>2</cbc:ID></cac:InvoiceLine>
</Invoice>"""
MSG = Text(ro="ro", en="en")


def _doc():
    return Document(parse(XML))


def _locations(context):
    return [getattr(n, "tag", None) or n.name for n in context.nodes(_doc())]


def test_anchored_context_matches_only_children_of_the_root():
    assert len(Context("/ubl:Invoice/cac:TaxTotal").nodes(_doc())) == 1
    assert len(Context("/*/cac:TaxTotal").nodes(_doc())) == 1
    assert len(Context("cac:TaxTotal").nodes(_doc())) == 2


def test_parent_step_and_alternatives_and_where():
    assert len(Context("cac:InvoiceLine/cbc:ID | cac:CreditNoteLine/cbc:ID").nodes(_doc())) == 2
    only_first = Context("cac:InvoiceLine", where=lambda n: n.findtext("{*}ID") == "1")
    assert len(only_first.nodes(_doc())) == 1


def test_attribute_context_yields_every_attribute_with_its_element():
    values = [attr.value for attr in Context("@currencyID").nodes(_doc())]
    assert values == ["RON", "EUR"]


def test_a_node_meets_only_the_first_context_of_a_pattern():
    pattern = Pattern("t")
    seen = []
    first, second = Context("cac:InvoiceLine", where=lambda n: True), Context("cac:InvoiceLine")
    pattern.rule("R-1", first, MSG)(lambda n, d: seen.append(("first", n)) or True)
    pattern.rule("R-2", second, MSG)(lambda n, d: seen.append(("second", n)) or False)
    assert list(pattern.run(_doc())) == []
    assert [name for name, _ in seen] == ["first", "first"]


def test_failures_report_rule_severity_and_a_readable_location():
    pattern = Pattern("t")
    pattern.rule("R-W", Context("cac:InvoiceLine/cbc:ID"), MSG, Severity.WARNING)(
        lambda n, d: n.text != "2"
    )
    pattern.rule("R-A", Context("@currencyID"), MSG)(lambda n, d: n.value == "RON")
    found = list(pattern.run(_doc()))
    assert [(f.rule, f.severity, f.location) for f in found] == [
        ("R-W", Severity.WARNING, "/Invoice/cac:InvoiceLine[2]/cbc:ID"),
        ("R-A", Severity.FATAL, "/Invoice/cac:InvoiceLine[1]/cbc:LineExtensionAmount/@currencyID"),
    ]
    assert found[0].as_dict()["message"] == {"ro": "ro", "en": "en"}


def test_a_rule_that_raises_is_reported_as_failed_not_propagated(caplog):
    pattern = Pattern("t")
    pattern.rule("R-X", Context("/"), MSG)(lambda n, d: 1 / 0)
    assert [f.rule for f in pattern.run(_doc())] == ["R-X"]
    assert "R-X" in caplog.text
