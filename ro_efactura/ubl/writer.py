"""Write a model :class:`~ro_efactura.model.Invoice` as UBL 2.1 ``Invoice`` or ``CreditNote``.

The root is ``CreditNote`` for type code 381, ``Invoice`` otherwise. Elements follow the
sequence of the UBL 2.1 XSD (which differs between the two roots: the tax point date, the
project reference BT-11 and the credit note's due date BT-9, written as
``PaymentMeans/PaymentDueDate`` of the first payment means). The output is deterministic:
the same model always gives the same bytes, UTF-8 with an XML declaration, indented.

Amounts are written as given (the writer computes nothing but a missing line net amount);
call :func:`ro_efactura.model.calculate` first for a document built from its lines.

>>> from ro_efactura.model import InvoiceTypeCode
>>> from tests.factories import make_invoice
>>> xml = write(make_invoice())
>>> xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\\n<Invoice")
True
"""

from __future__ import annotations

import base64

from lxml import etree

from .._xml import CAC, CBC, CN, INV
from ..model import Invoice
from ._build import amount, child, text
from ._write_lines import allowance_charge, line, tax_category
from ._write_parties import address, party, payee, tax_representative

__all__ = ["write"]

_NSMAP = {"cac": CAC, "cbc": CBC}


def write(invoice: Invoice) -> bytes:
    """The UBL 2.1 XML of ``invoice``, as bytes."""
    credit = invoice.is_credit_note
    ns = CN if credit else INV
    root = etree.Element(
        f"{{{ns}}}{'CreditNote' if credit else 'Invoice'}", nsmap={None: ns, **_NSMAP}
    )
    _header(root, invoice, credit)
    _references(root, invoice, credit)
    party(root, "AccountingSupplierParty", invoice.seller)
    party(root, "AccountingCustomerParty", invoice.buyer)
    payee(root, invoice.payee)
    tax_representative(root, invoice.tax_representative)
    _delivery(root, invoice)
    _payment(root, invoice, credit)
    for ac in invoice.allowances_charges:
        allowance_charge(root, ac, invoice.currency)
    _tax_totals(root, invoice)
    _monetary_total(root, invoice)
    for ln in invoice.lines:
        line(root, ln, invoice.currency, credit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _header(root, inv: Invoice, credit: bool) -> None:
    text(root, "CustomizationID", inv.customization_id)
    text(root, "ProfileID", inv.profile_id)
    text(root, "ID", inv.number)
    text(root, "IssueDate", inv.issue_date)
    if credit:
        text(root, "TaxPointDate", inv.tax_point_date)
        text(root, "CreditNoteTypeCode", inv.type_code.value)
    else:
        text(root, "DueDate", inv.due_date)
        text(root, "InvoiceTypeCode", inv.type_code.value)
    for note in inv.notes:
        text(root, "Note", note)
    if not credit:
        text(root, "TaxPointDate", inv.tax_point_date)
    text(root, "DocumentCurrencyCode", inv.currency)
    text(root, "TaxCurrencyCode", inv.tax_currency)
    text(root, "AccountingCost", inv.accounting_ref)
    text(root, "BuyerReference", inv.buyer_reference)
    if inv.period is not None:
        period = child(root, "InvoicePeriod")
        text(period, "StartDate", inv.period.start)
        text(period, "EndDate", inv.period.end)
        text(period, "DescriptionCode", inv.period.description_code)


def _doc_ref(root, name: str, value: str | None) -> None:
    if value is not None:
        text(child(root, name), "ID", value)


def _references(root, inv: Invoice, credit: bool) -> None:
    if inv.order_ref is not None or inv.sales_order_ref is not None:
        order = child(root, "OrderReference")
        text(order, "ID", inv.order_ref if inv.order_ref is not None else "NA")
        text(order, "SalesOrderID", inv.sales_order_ref)
    for preceding in inv.preceding_invoices:
        ref = child(child(root, "BillingReference"), "InvoiceDocumentReference")
        text(ref, "ID", preceding.number)
        text(ref, "IssueDate", preceding.issue_date)
    _doc_ref(root, "DespatchDocumentReference", inv.despatch_ref)
    _doc_ref(root, "ReceiptDocumentReference", inv.receipt_ref)
    if not credit:
        _doc_ref(root, "OriginatorDocumentReference", inv.tender_ref)
    _doc_ref(root, "ContractDocumentReference", inv.contract_ref)
    if credit and inv.project_ref is not None:
        ref = child(root, "AdditionalDocumentReference")
        text(ref, "ID", inv.project_ref)
        text(ref, "DocumentTypeCode", "50")
    _attachments(root, inv)
    if credit:
        _doc_ref(root, "OriginatorDocumentReference", inv.tender_ref)
    else:
        _doc_ref(root, "ProjectReference", inv.project_ref)


def _attachments(root, inv: Invoice) -> None:
    for att in inv.attachments:
        ref = child(root, "AdditionalDocumentReference")
        text(ref, "ID", att.id)
        text(ref, "DocumentTypeCode", att.type_code)
        text(ref, "DocumentDescription", att.description)
        if att.content is None and att.uri is None:
            continue
        node = child(ref, "Attachment")
        if att.content is not None:
            text(
                node,
                "EmbeddedDocumentBinaryObject",
                _base64(att.content),
                mimeCode=att.mime_code,
                filename=att.filename,
            )
        if att.uri is not None:
            text(child(node, "ExternalReference"), "URI", att.uri)


def _base64(content: bytes) -> str:
    return base64.b64encode(content).decode("ascii")


def _delivery(root, inv: Invoice) -> None:
    delivery = inv.delivery
    if delivery is None:
        return
    element = child(root, "Delivery")
    text(element, "ActualDeliveryDate", delivery.actual_date)
    if delivery.location_id is not None or delivery.address is not None:
        location = child(element, "DeliveryLocation")
        if delivery.location_id is not None:
            ident = delivery.location_id
            text(location, "ID", ident.value, schemeID=ident.scheme)
        address(location, "Address", delivery.address)
    if delivery.party_name is not None:
        text(child(child(element, "DeliveryParty"), "PartyName"), "Name", delivery.party_name)


def _payment(root, inv: Invoice, credit: bool) -> None:
    for index, means in enumerate(inv.payment_means):
        element = child(root, "PaymentMeans")
        text(element, "PaymentMeansCode", means.code, name=means.text)
        if credit and index == 0:
            text(element, "PaymentDueDate", inv.due_date)
        text(element, "PaymentID", means.reference)
        if means.card is not None:
            card = child(element, "CardAccount")
            text(card, "PrimaryAccountNumberID", means.card.account_number)
            text(card, "NetworkID", means.card.network)
            text(card, "HolderName", means.card.holder)
        if means.account_id is not None:
            account = child(element, "PayeeFinancialAccount")
            text(account, "ID", means.account_id)
            text(account, "Name", means.account_name)
            if means.bic is not None:
                text(child(account, "FinancialInstitutionBranch"), "ID", means.bic)
        if means.mandate_reference is not None or means.debited_account is not None:
            mandate = child(element, "PaymentMandate")
            text(mandate, "ID", means.mandate_reference)
            if means.debited_account is not None:
                text(child(mandate, "PayerFinancialAccount"), "ID", means.debited_account)
    if inv.payment_terms is not None:
        text(child(root, "PaymentTerms"), "Note", inv.payment_terms)


def _tax_totals(root, inv: Invoice) -> None:
    total = child(root, "TaxTotal")
    amount(total, "TaxAmount", inv.totals.vat_total, inv.currency)
    for vat in inv.vat_breakdown:
        sub = child(total, "TaxSubtotal")
        amount(sub, "TaxableAmount", vat.taxable_amount, inv.currency)
        amount(sub, "TaxAmount", vat.tax_amount, inv.currency)
        tax_category(
            sub, "TaxCategory", vat.category, vat.rate, vat.exemption_reason, vat.exemption_code
        )
    if inv.totals.vat_total_accounting is not None:
        currency = inv.tax_currency or inv.currency
        amount(child(root, "TaxTotal"), "TaxAmount", inv.totals.vat_total_accounting, currency)


def _monetary_total(root, inv: Invoice) -> None:
    t = inv.totals
    total = child(root, "LegalMonetaryTotal")
    for name, value in (
        ("LineExtensionAmount", t.line_extension),
        ("TaxExclusiveAmount", t.tax_exclusive),
        ("TaxInclusiveAmount", t.tax_inclusive),
        ("AllowanceTotalAmount", t.allowance_total),
        ("ChargeTotalAmount", t.charge_total),
        ("PrepaidAmount", t.prepaid),
        ("PayableRoundingAmount", t.rounding),
        ("PayableAmount", t.payable),
    ):
        amount(total, name, value, inv.currency)
