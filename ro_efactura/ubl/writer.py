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

from .._xml import CAC, CBC, CN, INV
from ..model import Invoice
from ._build import XmlOut, attr
from ._write_lines import allowance_charge, line, tax_category
from ._write_parties import address, party, payee, tax_representative

__all__ = ["write"]

_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"
_NAMESPACES = f' xmlns:cac="{CAC}" xmlns:cbc="{CBC}"'


def write(invoice: Invoice) -> bytes:
    """The UBL 2.1 XML of ``invoice``, as bytes.

    :raises ValueError: a text holds a character XML cannot carry (a control character), or
        a credit note has a due date (BT-9) but no payment means to carry it.
    """
    credit = invoice.is_credit_note
    if credit and invoice.due_date is not None and not invoice.payment_means:
        raise ValueError(
            "A credit note's due date (BT-9) is written inside its payment means: "
            "add a payment means (BG-16) or remove the due date."
        )
    root = "CreditNote" if credit else "Invoice"
    cur = attr("currencyID", invoice.currency)
    out = XmlOut("  ")
    out.parts.append(f'{_DECLARATION}<{root} xmlns="{CN if credit else INV}"{_NAMESPACES}>\n')
    _header(out, invoice, credit)
    _references(out, invoice, credit)
    party(out, "AccountingSupplierParty", invoice.seller)
    party(out, "AccountingCustomerParty", invoice.buyer)
    payee(out, invoice.payee)
    tax_representative(out, invoice.tax_representative)
    _delivery(out, invoice)
    _payment(out, invoice, credit)
    for ac in invoice.allowances_charges:
        allowance_charge(out, ac, cur)
    _tax_totals(out, invoice, cur)
    _monetary_total(out, invoice, cur)
    for ln in invoice.lines:
        line(out, ln, cur, credit)
    out.parts.append(f"</{root}>\n")
    return "".join(out.parts).encode("utf-8")


def _header(out: XmlOut, inv: Invoice, credit: bool) -> None:
    out.text("CustomizationID", inv.customization_id)
    out.text("ProfileID", inv.profile_id)
    out.text("ID", inv.number)
    out.text("IssueDate", inv.issue_date)
    if credit:
        out.text("TaxPointDate", inv.tax_point_date)
        out.text("CreditNoteTypeCode", inv.type_code.value)
    else:
        out.text("DueDate", inv.due_date)
        out.text("InvoiceTypeCode", inv.type_code.value)
    for note in inv.notes:
        out.text("Note", note)
    if not credit:
        out.text("TaxPointDate", inv.tax_point_date)
    out.text("DocumentCurrencyCode", inv.currency)
    out.text("TaxCurrencyCode", inv.tax_currency)
    out.text("AccountingCost", inv.accounting_ref)
    out.text("BuyerReference", inv.buyer_reference)
    if inv.period is not None:
        out.open("InvoicePeriod")
        out.text("StartDate", inv.period.start)
        out.text("EndDate", inv.period.end)
        out.text("DescriptionCode", inv.period.description_code)
        out.close("InvoicePeriod")


def _references(out: XmlOut, inv: Invoice, credit: bool) -> None:
    if inv.order_ref is not None or inv.sales_order_ref is not None:
        out.open("OrderReference")
        out.text("ID", inv.order_ref if inv.order_ref is not None else "NA")
        out.text("SalesOrderID", inv.sales_order_ref)
        out.close("OrderReference")
    for preceding in inv.preceding_invoices:
        out.open("BillingReference")
        out.open("InvoiceDocumentReference")
        out.text("ID", preceding.number)
        out.text("IssueDate", preceding.issue_date)
        out.close("InvoiceDocumentReference")
        out.close("BillingReference")
    out.leaf(("DespatchDocumentReference", "ID"), inv.despatch_ref)
    out.leaf(("ReceiptDocumentReference", "ID"), inv.receipt_ref)
    if not credit:
        out.leaf(("OriginatorDocumentReference", "ID"), inv.tender_ref)
    out.leaf(("ContractDocumentReference", "ID"), inv.contract_ref)
    if credit and inv.project_ref is not None:
        out.open("AdditionalDocumentReference")
        out.text("ID", inv.project_ref)
        out.text("DocumentTypeCode", "50")
        out.close("AdditionalDocumentReference")
    _attachments(out, inv)
    if credit:
        out.leaf(("OriginatorDocumentReference", "ID"), inv.tender_ref)
    else:
        out.leaf(("ProjectReference", "ID"), inv.project_ref)


def _attachments(out: XmlOut, inv: Invoice) -> None:
    for att in inv.attachments:
        out.open("AdditionalDocumentReference")
        out.text("ID", att.id)
        out.text("DocumentTypeCode", att.type_code)
        out.text("DocumentDescription", att.description)
        if att.content is not None or att.uri is not None:
            out.open("Attachment")
            if att.content is not None:
                binary = base64.b64encode(att.content).decode("ascii")
                attrs = attr("mimeCode", att.mime_code) + attr("filename", att.filename)
                out.text("EmbeddedDocumentBinaryObject", binary, attrs)
            out.leaf(("ExternalReference", "URI"), att.uri)
            out.close("Attachment")
        out.close("AdditionalDocumentReference")


def _delivery(out: XmlOut, inv: Invoice) -> None:
    delivery = inv.delivery
    if delivery is None:
        return
    out.open("Delivery")
    out.text("ActualDeliveryDate", delivery.actual_date)
    if delivery.location_id is not None or delivery.address is not None:
        out.open("DeliveryLocation")
        if delivery.location_id is not None:
            ident = delivery.location_id
            out.text("ID", ident.value, attr("schemeID", ident.scheme))
        address(out, "Address", delivery.address)
        out.close("DeliveryLocation")
    out.leaf(("DeliveryParty", "PartyName", "Name"), delivery.party_name)
    out.close("Delivery")


def _payment(out: XmlOut, inv: Invoice, credit: bool) -> None:
    for index, means in enumerate(inv.payment_means):
        out.open("PaymentMeans")
        out.text("PaymentMeansCode", means.code, attr("name", means.text))
        if credit and index == 0:
            out.text("PaymentDueDate", inv.due_date)
        out.text("PaymentID", means.reference)
        if means.card is not None:
            out.open("CardAccount")
            out.text("PrimaryAccountNumberID", means.card.account_number)
            out.text("NetworkID", means.card.network)
            out.text("HolderName", means.card.holder)
            out.close("CardAccount")
        if means.account_id is not None:
            out.open("PayeeFinancialAccount")
            out.text("ID", means.account_id)
            out.text("Name", means.account_name)
            out.leaf(("FinancialInstitutionBranch", "ID"), means.bic)
            out.close("PayeeFinancialAccount")
        if means.mandate_reference is not None or means.debited_account is not None:
            out.open("PaymentMandate")
            out.text("ID", means.mandate_reference)
            out.leaf(("PayerFinancialAccount", "ID"), means.debited_account)
            out.close("PaymentMandate")
        out.close("PaymentMeans")
    out.leaf(("PaymentTerms", "Note"), inv.payment_terms)


def _tax_totals(out: XmlOut, inv: Invoice, cur: str) -> None:
    out.open("TaxTotal")
    out.amount("TaxAmount", inv.totals.vat_total, cur)
    for vat in inv.vat_breakdown:
        out.open("TaxSubtotal")
        out.amount("TaxableAmount", vat.taxable_amount, cur)
        out.amount("TaxAmount", vat.tax_amount, cur)
        tax_category(out, "TaxCategory", vat.category, vat.rate,
                     vat.exemption_reason, vat.exemption_code)  # fmt: skip
        out.close("TaxSubtotal")
    out.close("TaxTotal")
    if inv.totals.vat_total_accounting is not None:
        accounting = attr("currencyID", inv.tax_currency or inv.currency)
        out.open("TaxTotal")
        out.amount("TaxAmount", inv.totals.vat_total_accounting, accounting)
        out.close("TaxTotal")


def _monetary_total(out: XmlOut, inv: Invoice, cur: str) -> None:
    t = inv.totals
    out.open("LegalMonetaryTotal")
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
        out.amount(name, value, cur)
    out.close("LegalMonetaryTotal")
