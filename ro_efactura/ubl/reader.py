"""Read a UBL 2.1 ``Invoice`` or ``CreditNote`` (CIUS-RO, EN 16931, Peppol BIS 3) into the model.

The reader keeps the amounts it finds (it computes nothing), ignores elements the model does
not hold, and parses with :func:`ro_efactura._xml.parse` (no DTD, no entities, no network,
size cap ``max_size``). Anything it cannot read raises one
:class:`~ro_efactura.errors.DocumentError` subclass with the location: malformed or unsafe XML,
a wrong root, a missing required part (:class:`~ro_efactura.errors.MissingPartError`), a bad
number, date or code. No other exception escapes.

Reading is built for speed (``bench/bench_ubl.py``: within about 3x of lxml's own parse): the
header is indexed in one walk, lines are read by tag tables, and model objects are made by
:func:`~ro_efactura.ubl._read_build.builder` twins.

>>> from ro_efactura.errors import WrongRootError
>>> try:
...     read(b"<Order/>")
... except WrongRootError as exc:
...     print(exc.location)
/
"""

from __future__ import annotations

import base64
import binascii
from decimal import Decimal

from .._xml import DEFAULT_MAX_SIZE, element_path, parse, root_kind
from ..errors import DocumentError
from ..model import (
    Attachment,
    Delivery,
    Invoice,
    InvoiceTypeCode,
    PaymentCard,
    PaymentMeans,
    PrecedingInvoice,
    Totals,
    VatBreakdown,
    VatCategory,
)
from ._read_build import builder
from ._read_lines import line
from ._read_parts import address, allowance_charge, party, payee, period, tax_representative
from ._read_values import (
    Node,
    all_,
    clark,
    code,
    date_,
    decimal,
    find,
    identifier,
    missing,
    req_decimal,
    req_text,
    text,
)

__all__ = ["read"]

_new_invoice = builder(Invoice)
_new_payment_means = builder(PaymentMeans)
_new_totals = builder(Totals)
_new_vat_breakdown = builder(VatBreakdown)


def read(data: bytes, *, max_size: int = DEFAULT_MAX_SIZE) -> Invoice:
    """The model document in ``data`` (UBL 2.1 XML bytes).

    :raises DocumentError: a subclass saying what is wrong and where.
    """
    root = parse(data, max_size=max_size, blank_text=False)
    credit = root_kind(root) == "CreditNote"
    return _document(Node(root), credit)


def _type_code(root, credit: bool) -> InvoiceTypeCode:
    name = "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode"
    default = InvoiceTypeCode.CREDIT_NOTE if credit else InvoiceTypeCode.COMMERCIAL
    return code(root, name, InvoiceTypeCode, default)


def _document(root, credit: bool) -> Invoice:
    currency = req_text(root, "cbc:DocumentCurrencyCode")
    lines_path = "cac:CreditNoteLine" if credit else "cac:InvoiceLine"
    line_nodes = root.kids(clark(lines_path))
    if not line_nodes:
        raise missing(root, lines_path)
    refs = _references(root, credit)
    breakdown, vat_total, vat_accounting = _tax_totals(root, currency)
    means = tuple(_payment_means(m) for m in all_(root, "cac:PaymentMeans"))
    due = date_(root, "cbc:DueDate")
    if due is None and credit:
        due = next(
            (d for m in all_(root, "cac:PaymentMeans") if (d := date_(m, "cbc:PaymentDueDate"))),
            None,
        )
    return _new_invoice(
        number=req_text(root, "cbc:ID"),
        issue_date=_required_date(root, "cbc:IssueDate"),
        seller=party(root, "AccountingSupplierParty"),
        buyer=party(root, "AccountingCustomerParty"),
        lines=tuple(line(n, credit) for n in line_nodes),
        type_code=_type_code(root, credit),
        currency=currency,
        tax_currency=text(root, "cbc:TaxCurrencyCode"),
        tax_point_date=date_(root, "cbc:TaxPointDate"),
        due_date=due,
        notes=tuple(n.value for n in all_(root, "cbc:Note") if n.value),
        customization_id=req_text(root, "cbc:CustomizationID"),
        profile_id=text(root, "cbc:ProfileID"),
        buyer_reference=text(root, "cbc:BuyerReference"),
        accounting_ref=text(root, "cbc:AccountingCost"),
        period=period(find(root, "cac:InvoicePeriod")),
        payee=payee(root),
        tax_representative=tax_representative(root),
        delivery=_delivery(find(root, "cac:Delivery")),
        payment_means=means,
        payment_terms=text(root, "cac:PaymentTerms/cbc:Note"),
        allowances_charges=tuple(allowance_charge(a) for a in all_(root, "cac:AllowanceCharge")),
        vat_breakdown=breakdown,
        totals=_totals(root, vat_total, vat_accounting),
        **refs,
    )


def _required_date(node, path: str):
    value = date_(node, path)
    if value is None:
        raise missing(node, path)
    return value


def _references(root, credit: bool) -> dict:
    order = find(root, "cac:OrderReference")
    sales = None if order is None else text(order, "cbc:SalesOrderID")
    order_id = None if order is None else text(order, "cbc:ID")
    project = text(root, "cac:ProjectReference/cbc:ID")
    attachments = []
    for ref in all_(root, "cac:AdditionalDocumentReference"):
        if credit and text(ref, "cbc:DocumentTypeCode") == "50" and project is None:
            project = req_text(ref, "cbc:ID")
        else:
            attachments.append(_attachment(ref))
    return {
        "order_ref": None if order_id == "NA" and sales else order_id,
        "sales_order_ref": sales,
        "project_ref": project,
        "contract_ref": text(root, "cac:ContractDocumentReference/cbc:ID"),
        "receipt_ref": text(root, "cac:ReceiptDocumentReference/cbc:ID"),
        "despatch_ref": text(root, "cac:DespatchDocumentReference/cbc:ID"),
        "tender_ref": text(root, "cac:OriginatorDocumentReference/cbc:ID"),
        "preceding_invoices": tuple(
            PrecedingInvoice(number=req_text(r, "cbc:ID"), issue_date=date_(r, "cbc:IssueDate"))
            for r in all_(root, "cac:BillingReference/cac:InvoiceDocumentReference")
        ),
        "attachments": tuple(attachments),
    }


def _attachment(ref) -> Attachment:
    binary = find(ref, "cac:Attachment/cbc:EmbeddedDocumentBinaryObject")
    content = None
    if binary is not None:
        try:
            content = base64.b64decode("".join((binary.el.text or "").split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DocumentError(
                "The embedded attachment is not valid base64.", location=element_path(binary.el)
            ) from exc
    return Attachment(
        id=req_text(ref, "cbc:ID"),
        description=text(ref, "cbc:DocumentDescription"),
        uri=text(ref, "cac:Attachment/cac:ExternalReference/cbc:URI"),
        content=content,
        mime_code=None if binary is None else binary.get("mimeCode"),
        filename=None if binary is None else binary.get("filename"),
        type_code=text(ref, "cbc:DocumentTypeCode"),
    )


def _delivery(node) -> Delivery | None:
    if node is None:
        return None
    location = find(node, "cac:DeliveryLocation")
    return Delivery(
        party_name=text(node, "cac:DeliveryParty/cac:PartyName/cbc:Name"),
        location_id=None if location is None else identifier(location, "cbc:ID"),
        actual_date=date_(node, "cbc:ActualDeliveryDate"),
        address=None if location is None else address(find(location, "cac:Address")),
    )


def _payment_means(node) -> PaymentMeans:
    code_node = find(node, "cbc:PaymentMeansCode")
    card = find(node, "cac:CardAccount")
    account = find(node, "cac:PayeeFinancialAccount")
    mandate = find(node, "cac:PaymentMandate")
    return _new_payment_means(
        code=req_text(node, "cbc:PaymentMeansCode"),
        text=None if code_node is None else code_node.get("name"),
        reference=text(node, "cbc:PaymentID"),
        account_id=None if account is None else text(account, "cbc:ID"),
        account_name=None if account is None else text(account, "cbc:Name"),
        bic=None if account is None else text(account, "cac:FinancialInstitutionBranch/cbc:ID"),
        card=None if card is None else _card(card),
        mandate_reference=None if mandate is None else text(mandate, "cbc:ID"),
        debited_account=None
        if mandate is None
        else text(mandate, "cac:PayerFinancialAccount/cbc:ID"),
    )


def _card(node) -> PaymentCard:
    return PaymentCard(
        account_number=req_text(node, "cbc:PrimaryAccountNumberID"),
        holder=text(node, "cbc:HolderName"),
        network=text(node, "cbc:NetworkID") or "NA",
    )


def _tax_totals(root, currency: str):
    breakdown: tuple[VatBreakdown, ...] = ()
    vat_total = vat_accounting = None
    for total in all_(root, "cac:TaxTotal"):
        amount_node = find(total, "cbc:TaxAmount")
        if amount_node is None:
            raise missing(total, "cbc:TaxAmount")
        value = req_decimal(total, "cbc:TaxAmount")
        in_currency = (amount_node.get("currencyID") or currency) == currency
        if vat_total is None and (in_currency or find(total, "cac:TaxSubtotal") is not None):
            vat_total = value
            breakdown = tuple(_subtotal(s) for s in all_(total, "cac:TaxSubtotal"))
        else:
            vat_accounting = value
    return breakdown, vat_total, vat_accounting


def _subtotal(node) -> VatBreakdown:
    category = find(node, "cac:TaxCategory")
    if category is None:
        raise missing(node, "cac:TaxCategory")
    return _new_vat_breakdown(
        category=code(category, "cbc:ID", VatCategory),
        rate=decimal(category, "cbc:Percent"),
        taxable_amount=req_decimal(node, "cbc:TaxableAmount"),
        tax_amount=req_decimal(node, "cbc:TaxAmount"),
        exemption_reason=text(category, "cbc:TaxExemptionReason"),
        exemption_code=text(category, "cbc:TaxExemptionReasonCode"),
    )


def _totals(root, vat_total, vat_accounting) -> Totals:
    node = find(root, "cac:LegalMonetaryTotal")
    if node is None:
        raise missing(root, "cac:LegalMonetaryTotal")
    return _new_totals(
        line_extension=req_decimal(node, "cbc:LineExtensionAmount"),
        allowance_total=decimal(node, "cbc:AllowanceTotalAmount"),
        charge_total=decimal(node, "cbc:ChargeTotalAmount"),
        tax_exclusive=req_decimal(node, "cbc:TaxExclusiveAmount"),
        vat_total=vat_total if vat_total is not None else Decimal(0),
        vat_total_accounting=vat_accounting,
        tax_inclusive=req_decimal(node, "cbc:TaxInclusiveAmount"),
        prepaid=decimal(node, "cbc:PrepaidAmount"),
        rounding=decimal(node, "cbc:PayableRoundingAmount"),
        payable=req_decimal(node, "cbc:PayableAmount"),
    )
