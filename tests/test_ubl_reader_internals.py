"""The reader's fast paths agree with the plain ones: slot builders, number syntax, lines,
compiled walkers."""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from ro_efactura._xml import CAC, CBC
from ro_efactura.errors import DocumentError
from ro_efactura.model import Address, Invoice, Line, Party, Totals, VatCategory
from ro_efactura.ubl import _read_values, read, write
from ro_efactura.ubl._read_build import builder
from ro_efactura.ubl._read_values import number, number_of
from ro_efactura.ubl._read_walk import AT, Each, First, Many, Sub, clark, collect, table
from tests.factories import make_full_invoice, make_invoice, make_line, make_n_lines

NS = {"cac": CAC, "cbc": CBC}


def _fields(obj) -> dict:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}


@pytest.mark.parametrize("line", make_full_invoice().lines + make_n_lines(3).lines)
def test_builder_makes_the_same_line_as_the_constructor(line):
    assert builder(Line)(**_fields(line)) == line


def test_builder_makes_a_frozen_instance_of_the_class_itself():
    line = make_n_lines(1).lines[0]
    built = builder(Line)(**_fields(line))
    assert type(built) is Line
    assert hash(built) == hash(line)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.note = "changed"


def test_builder_fills_defaults_like_the_constructor():
    required = {"id": "1", "quantity": Decimal(2), "unit": "H87", "net_price": Decimal(3),
                "item_name": "x", "vat_category": VatCategory.STANDARD}  # fmt: skip
    built = builder(Line)(**required)
    assert built == Line(**required)
    assert (built.note, built.allowances_charges) == (None, ())


@pytest.mark.parametrize("cls", [Address, Party, Totals, Invoice])
def test_builder_accepts_the_model_classes(cls):
    assert callable(builder(cls))


def test_builder_names_a_missing_required_field():
    with pytest.raises(TypeError, match="item_name"):
        builder(Line)(**{"id": "1", "quantity": Decimal(1), "unit": "H87",
                       "net_price": Decimal(1), "vat_category": VatCategory.STANDARD})  # fmt: skip


def test_builder_refuses_a_class_that_validates_itself():
    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    with pytest.raises(TypeError, match="__post_init__"):
        builder(Checked)


def test_builder_refuses_default_factories():
    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class Listed:
        items: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="items"):
        builder(Listed)


# --- numbers ----------------------------------------------------------------------------------

_UBL_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")  # the syntax the reader accepts


def _cbc(text: str):
    element = etree.Element(f"{{{CBC}}}Amount")
    element.text = text
    return element


@given(st.text(alphabet="0123456789+-.eE_ naNIify,", max_size=8))
def test_number_of_accepts_exactly_plain_decimals(raw):
    stripped = raw.strip()
    if not stripped:
        assert number_of(_cbc(raw)) is None
    elif _UBL_NUMBER.fullmatch(stripped):
        assert number_of(_cbc(raw)) == Decimal(stripped)
    else:
        with pytest.raises(DocumentError):
            number_of(_cbc(raw))


def test_cached_numbers_keep_their_exponent():
    assert str(number_of(_cbc("2.50"))) == "2.50"
    assert str(number_of(_cbc("2.5"))) == "2.5"


# --- lines ------------------------------------------------------------------------------------


def test_first_of_duplicated_line_fields_wins():
    root = etree.fromstring(write(make_n_lines(1)))
    item = root.find("cac:InvoiceLine/cac:Item", NS)
    extra = etree.SubElement(item, f"{{{CBC}}}Name")
    extra.text = "Second name"
    assert read(etree.tostring(root)).lines[0].item_name == "Articol 1"


def test_empty_first_field_is_not_replaced_by_a_later_one():
    root = etree.fromstring(write(make_n_lines(1)))
    line = root.find("cac:InvoiceLine", NS)
    first = etree.SubElement(line, f"{{{CBC}}}Note")
    first.text = "  "
    line.insert(1, first)
    later = etree.SubElement(line, f"{{{CBC}}}Note")
    later.text = "later"
    assert read(etree.tostring(root)).lines[0].note is None


def test_a_zero_price_line_is_read():
    invoice = make_n_lines(1)
    free = dataclasses.replace(invoice.lines[0], net_price=Decimal("0.00"))
    xml = write(dataclasses.replace(invoice, lines=(free,)))
    assert read(xml).lines[0].net_price == Decimal("0.00")


# --- walkers ----------------------------------------------------------------------------------

_SPEC = {
    "cbc:Name": "name",
    "cac:Item": {"cbc:Name": "item_name", "cbc:ID": First("item_id")},
    "cbc:Amount": number("amount"),
    "cbc:Note": Many("notes"),
    "cac:Party": Each("parties", table({"cbc:Name": "party_name"})),
    "cac:Other": Sub("other", table({"cbc:Name": "other_name"})),
}
_WALKER = table(_SPEC)
_TEXTS = st.sampled_from([None, "", "  ", " a ", "b"])
_NUMBERS = st.sampled_from([None, "", " ", "1.50", " 2 "])
_LEAF = st.one_of(
    st.tuples(st.sampled_from(["cbc:Name", "cbc:ID", "cbc:Note"]), _TEXTS),
    st.tuples(st.just("cbc:Amount"), _NUMBERS),
)
_PARTS = st.sampled_from(["cac:Item", "cac:Party", "cac:Other"])
_PART = st.tuples(_PARTS, st.lists(_LEAF, max_size=3))


def _tree(children: list):
    root = etree.Element("root")
    for tag, content in children:
        child = etree.SubElement(root, clark(tag))
        if isinstance(content, list):
            for leaf, text in content:
                etree.SubElement(child, clark(leaf)).text = text
        else:
            child.text = content
    return root


def _first_text(root, path: str):
    found = root.xpath(f"({path})[1]", namespaces=NS)
    return (found[0].text or "").strip() or None if found else None


@given(st.lists(st.one_of(_LEAF, _PART), max_size=8))
def test_walker_reads_the_first_node_of_each_path_as_xpath_does(children):
    root = _tree(children)
    found = collect(root, _WALKER)
    assert found.get("name") == _first_text(root, "cbc:Name")
    assert found.get("item_name") == _first_text(root, "cac:Item/cbc:Name")
    item_ids = root.xpath("cac:Item/cbc:ID", namespaces=NS)
    assert found.get("item_id") is (item_ids[0] if item_ids else None)
    amount = _first_text(root, "cbc:Amount")
    assert found.get("amount") == (None if amount is None else Decimal(amount))
    assert found.get("notes", []) == root.xpath("cbc:Note", namespaces=NS)
    parties = [(p[AT], p.get("party_name")) for p in found.get("parties", [])]
    expected = [(p, _first_text(p, "cbc:Name")) for p in root.xpath("cac:Party", namespaces=NS)]
    assert parties == expected
    others = root.xpath("cac:Other", namespaces=NS)
    other = found.get("other")
    assert (other is None) == (not others)
    if others:  # fields merged over every cac:Other, the first one kept for locations
        assert other[AT] is others[0]
        assert other.get("other_name") == _first_text(root, "cac:Other/cbc:Name")


def test_table_refuses_an_unknown_kind_of_entry():
    with pytest.raises(TypeError, match="not a table entry"):
        table({"cbc:Name": 3})


def test_values_converted_for_one_document_do_not_outlive_it():
    first = make_invoice(lines=(make_line(quantity=Decimal("1234.5")),))
    assert read(write(first)).lines[0].quantity == Decimal("1234.5")
    assert "1234.5" in _read_values._NUMBERS  # converted once while reading that document
    second = read(write(make_invoice(lines=(make_line(quantity=Decimal("7.25")),))))
    assert second.lines[0].quantity == Decimal("7.25")
    assert "1234.5" not in _read_values._NUMBERS
