"""The EN 16931 pattern's fast paths agree with the generic reading they bypass.

Each shortcut (a plain decimal cast directly, plain dates compared without the ``xs:date``
cast, paths found by climbing from the tag index, contexts read down from the root or a
party, charge indicators read in one pass) must
give the verdict of the slower, general code on the awkward inputs too.
"""

from __future__ import annotations

import pytest

from ro_efactura._xml import parse
from ro_efactura.rules import Context, Document
from ro_efactura.rules._xpath import xs_date, xs_decimal
from ro_efactura.rules.en16931 import _contexts as contexts
from ro_efactura.rules.en16931._indexed import charge_flags
from ro_efactura.rules.en16931._xpath import decimal, path_under, steps, under
from ro_efactura.rules.en16931.lines import _period_in_order

_OPEN = (
    '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"'
    ' xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"'
    ' xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
)


def _doc(body: str) -> Document:
    return Document(parse(f"{_OPEN}{body}</Invoice>".encode()))


@pytest.mark.parametrize(
    "text",
    ["12.50", "0", "1.", ".5", ".", "", "1.2.3", "-3.10", "+4", " 7", "1e3", "NaN", "1_000",
     "\u0663", "12.5\u00a0", None],
)  # fmt: skip
def test_decimal_shortcut_casts_like_xs_decimal(text):
    expected = xs_decimal(text)
    assert decimal(text) == expected
    assert str(decimal(text)) == str(expected)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2024-01-01", "2024-01-31"),
        ("2024-02-01", "2024-01-31"),
        ("2024-01-31", "2024-01-31"),
        ("2023-02-29", "2023-03-01"),
        ("2024-02-29", "2024-03-01"),
        ("0000-01-01", "2024-01-01"),
        ("2024-01-31+02:00", "2024-01-30Z"),
        ("2024-01-01", " 2024-01-02"),
        ("2024-13-01", "2024-12-31"),
    ],
)
def test_plain_dates_are_ordered_like_the_xs_date_cast(start, end):
    doc = _doc(f"<cbc:StartDate>{start}</cbc:StartDate><cbc:EndDate>{end}</cbc:EndDate>")
    first, last = xs_date(start), xs_date(end)
    expected = first is not None and last is not None and last >= first
    assert _period_in_order(doc.root, doc) is expected


def test_climbing_finds_the_nodes_walking_down_finds():
    lines = "".join(
        f"<cac:InvoiceLine><cbc:ID>{n}</cbc:ID><cac:Item><cbc:Name>A{n}</cbc:Name>"
        "</cac:Item></cac:InvoiceLine>"
        for n in range(10)  # few enough candidates to climb from each
    )
    doc = _doc(f"<cbc:ID>F1</cbc:ID><cac:Item><cbc:Name>top</cbc:Name></cac:Item>{lines}")
    for path in ("cbc:ID", "cac:Item/cbc:Name", "cac:InvoiceLine/cac:Item/cbc:Name"):
        tags = steps(path)
        assert path_under(doc, doc.root, tags) == under(doc, doc.root, tags)
    line = doc.root[2]
    assert [e.text for e in path_under(doc, line, steps("cac:Item/cbc:Name"))] == ["A0"]


def test_charge_indicators_flag_their_own_allowance_or_charge():
    doc = _doc(
        "<cac:AllowanceCharge><cbc:ChargeIndicator>false</cbc:ChargeIndicator>"
        "</cac:AllowanceCharge>"
        "<cac:AllowanceCharge><cbc:ChargeIndicator> 1 </cbc:ChargeIndicator>"
        "<cbc:ChargeIndicator>0</cbc:ChargeIndicator></cac:AllowanceCharge>"
        "<cac:AllowanceCharge><cbc:ChargeIndicator>yes</cbc:ChargeIndicator>"
        "</cac:AllowanceCharge><cac:AllowanceCharge/>"
    )
    assert [charge_flags(doc, ac) for ac in doc.root] == [
        (True, False),
        (True, True),
        (False, False),
        (False, False),
    ]


def test_contexts_read_down_from_the_top_find_what_the_generic_match_finds():
    party = (
        "<cac:Party><cbc:EndpointID>{n}</cbc:EndpointID>"
        "<cac:PostalAddress><cbc:CityName>C{n}</cbc:CityName></cac:PostalAddress></cac:Party>"
    )
    seller = f"<cac:AccountingSupplierParty>{party}</cac:AccountingSupplierParty>"
    buyer = f"<cac:AccountingCustomerParty>{party}</cac:AccountingCustomerParty>"
    bodies = (
        seller.format(n=1) + buyer.format(n=2) + "<cbc:Note>a</cbc:Note>",
        seller.format(n=1) + seller.format(n=2) + buyer.format(n=3),  # two sellers: no walk
        f"<cac:InvoiceLine>{seller.format(n=1)}</cac:InvoiceLine>" + buyer.format(n=2),
        "<cac:TaxTotal/><cac:InvoiceLine><cac:TaxTotal/></cac:InvoiceLine>",
    )
    kinds = (contexts._Path, contexts._FromRoot)
    shortcuts = [c for c in vars(contexts).values() if isinstance(c, kinds)]
    assert len(shortcuts) == 11
    for body in bodies:
        doc = _doc(body)
        for context in shortcuts:
            generic = Context(context.match, context.where, where_doc=context.where_doc)
            assert context.nodes(doc) == generic.nodes(doc), context
