"""The rule engine: context matching, first-match-per-pattern, locations, robustness."""

from ro_efactura._xml import parse
from ro_efactura.rules import Context, Document, Pattern, Severity, Text, q

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


def test_a_raising_rule_does_not_hide_the_verdicts_of_its_neighbours(caplog):
    pattern = Pattern("t")
    line = Context("cac:InvoiceLine")
    pattern.rule("R-OK", line, MSG)(lambda n, d: True)
    pattern.rule("R-BAD", line, MSG)(lambda n, d: n.findtext("{*}ID") == "1")
    pattern.rule("R-X", line, MSG)(lambda n, d: 1 / (n.findtext("{*}ID") == "1"))
    found = [(f.rule, f.location) for f in pattern.run(_doc())]
    assert found == [
        ("R-BAD", "/Invoice/cac:InvoiceLine[2]"),
        ("R-X", "/Invoice/cac:InvoiceLine[2]"),
    ]
    assert caplog.text.count("Rule R-X raised") == 1


def test_declared_order_decides_which_context_takes_a_node():
    pattern = Pattern("t")
    general, anchored = Context("cac:TaxTotal"), Context("/ubl:Invoice/cac:TaxTotal")
    pattern.order([anchored, general])
    pattern.rule("GENERAL", general, MSG)(lambda n, d: False)
    pattern.rule("ANCHORED", anchored, MSG)(lambda n, d: False)
    assert [(f.rule, f.location) for f in pattern.run(_doc())] == [
        ("ANCHORED", "/Invoice/cac:TaxTotal"),
        ("GENERAL", "/Invoice/cac:InvoiceLine[1]/cac:TaxTotal"),
    ]


def test_wildcard_and_repeated_alternatives_check_a_node_once():
    pattern = Pattern("t")
    calls = []
    pattern.rule("R-ID", Context("cbc:ID | cac:InvoiceLine/cbc:ID"), MSG)(
        lambda n, d: calls.append(n.text) or True
    )
    pattern.rule("R-ANY", Context("*"), MSG)(lambda n, d: n.tag.endswith("ID"))
    found = list(pattern.run(_doc()))
    assert calls == ["F1", "1", "2"]
    assert {f.location for f in found} >= {"/Invoice", "/Invoice/cac:TaxTotal"}
    assert not any(f.location.endswith("cbc:ID") for f in found)


def test_where_doc_receives_the_document():
    seen = []
    context = Context("cac:InvoiceLine", where_doc=lambda n, d: seen.append(d) or True)
    doc = _doc()
    assert len(context.nodes(doc)) == 2
    assert seen == [doc, doc]


def test_all_rules_loses_no_rule_because_ids_are_unique_across_patterns():
    from ro_efactura.rules import PATTERNS, all_rules

    registered = [rule for pattern in PATTERNS for rule in pattern.rules]
    assert len(all_rules()) == len(registered)
    # CIUS-RO 1.0.9 comments BR-27 out of the EN 16931 model and states it in ROmodel only
    owners = [p.name for p in PATTERNS for rule in p.rules if rule.id == "BR-27"]
    assert owners == ["ROmodel"]
    assert all_rules()["BR-27"].message.en.startswith("The item net price (BT-146)")


def test_a_bulk_check_that_vouches_for_every_node_spares_the_per_node_calls(caplog):
    calls = []

    def check(node, doc):
        calls.append(node.value)
        return node.value == "RON"

    def run(bulk):
        pattern, context = Pattern("t"), Context("@currencyID")
        pattern.rule("R-B", context, MSG, bulk=bulk)(check)
        pattern.rule("R-N", context, MSG)(lambda n, d: False)
        calls.clear()
        return [f.rule for f in pattern.run(_doc())]

    assert run(lambda nodes, doc: True) == ["R-N", "R-N"]
    assert calls == []
    assert run(lambda nodes, doc: False) == ["R-N", "R-B", "R-N"]
    assert calls == ["RON", "EUR"]
    assert run(lambda nodes, doc: 1 / 0) == ["R-N", "R-B", "R-N"]
    assert "Bulk check of R-B raised" in caplog.text


def test_a_bulk_settled_context_still_takes_its_nodes_from_later_contexts():
    pattern = Pattern("t")
    pattern.rule("FIRST", Context("cac:InvoiceLine"), MSG, bulk=lambda nodes, doc: True)(
        lambda n, d: False
    )
    pattern.rule("LATER", Context("cac:InvoiceLine | cac:CreditNoteLine"), MSG)(lambda n, d: False)
    assert list(pattern.run(_doc())) == []


def test_rules_sharing_a_bulk_guard_have_it_evaluated_once():
    pattern, line, asked = Pattern("t"), Context("cac:InvoiceLine"), []

    def guard(nodes, doc):
        asked.append(len(nodes))
        return True

    for rule_id in ("G-1", "G-2", "G-3"):
        pattern.rule(rule_id, line, MSG, bulk=guard)(lambda n, d: False)
    assert list(pattern.run(_doc())) == []
    assert asked == [2]


class _Counting(Context):
    """A context that counts how often the engine asks for its nodes."""

    def __init__(self, match: str) -> None:
        super().__init__(match)
        self.asked = 0

    def nodes(self, doc):
        self.asked += 1
        return super().nodes(doc)


def test_a_context_naming_an_absent_tag_is_never_searched():
    pattern = Pattern("t")
    absent_parent = _Counting("cac:PaymentMeans/cbc:ID | /cn:CreditNote/cbc:ID")
    present = _Counting("cac:InvoiceLine/cbc:ID | cac:Absent/cbc:ID")
    pattern.rule("R-ABSENT", absent_parent, MSG)(lambda n, d: False)
    pattern.rule("R-PRESENT", present, MSG)(lambda n, d: n.text == "1")
    assert [f.location for f in pattern.run(_doc())] == ["/Invoice/cac:InvoiceLine[2]/cbc:ID"]
    assert (absent_parent.asked, present.asked) == (0, 1)
    assert absent_parent.required_tags() == [
        frozenset({q("cac:PaymentMeans"), q("cbc:ID")}),
        frozenset({q("cn:CreditNote"), q("cbc:ID")}),
    ]
    assert Context("/*/cbc:ID | @currencyID").required_tags() is None
    assert Context("*").required_tags() == [frozenset()]


def test_a_parent_step_context_finds_only_children_of_that_parent():
    assert [n.text for n in Context("cac:InvoiceLine/cbc:ID").nodes(_doc())] == ["1", "2"]
    assert [n.text for n in Context("cbc:ID").nodes(_doc())] == ["F1", "1", "2"]
    assert Context("cac:TaxTotal/cbc:ID").nodes(_doc()) == []


def test_under_parent_answers_absent_parents_before_and_after_grouping():
    doc = _doc()
    assert doc.under_parent(q("cbc:ID"), q("cac:PaymentMeans")) == []
    assert [n.text for n in doc.under_parent(q("cbc:ID"), q("cac:InvoiceLine"))] == ["1", "2"]
    assert [n.text for n in doc.under_parent(q("cbc:ID"), q("ubl:Invoice"))] == ["F1"]
    assert doc.under_parent(q("cbc:ID"), q("cac:PaymentMeans")) == []


def test_a_memo_is_computed_once_per_document():
    doc, calls = _doc(), []

    def line_count():
        calls.append(doc)
        return len(doc.elements(q("cac:InvoiceLine")))

    assert (doc.memo("lines", line_count), doc.memo("lines", line_count)) == (2, 2)
    assert calls == [doc]
    assert doc.memo("k", lambda: 1) == 1
    assert doc.memo("k", lambda: 2) == 1
    assert Document(doc.root).memo("k", lambda: 2) == 2
