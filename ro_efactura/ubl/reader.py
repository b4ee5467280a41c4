"""Read a UBL 2.1 ``Invoice`` or ``CreditNote`` (CIUS-RO, EN 16931, Peppol BIS 3) into the model.

The reader keeps the amounts it finds (it computes nothing), ignores elements the model does
not hold, and parses with :func:`ro_efactura._xml.parse` (no DTD, no entities, no network,
size cap ``max_size``). Anything it cannot read raises one
:class:`~ro_efactura.errors.DocumentError` subclass with the location: malformed or unsafe XML,
a wrong root, a missing required part (:class:`~ro_efactura.errors.MissingPartError`), a bad
number, date or code. No other exception escapes.

Reading is built for speed (``bench/bench_ubl.py``: within about 3x of lxml's own parse): the
document is read by tag tables (:mod:`._read_walk`) that visit each element it needs once,
and model objects are made by :func:`~ro_efactura.ubl._read_build.builder` twins.

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
from ..errors import DocumentError, MissingPartError
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
from ._read_lines import lines
from ._read_parts import (
    ADDRESS,
    PARTY,
    PAYEE,
    PERIOD,
    TAX_REPRESENTATIVE,
    address,
    allowance_charge,
    party,
    payee,
    period,
    tax_representative,
)
from ._read_values import (
    amount,
    code,
    code_of,
    date_of,
    forget_known_values,
    identifier_of,
    missing,
    number,
    number_of,
    optional,
    required,
    text_of,
)
from ._read_walk import AT, Each, First, Many, Sub, clark, collect, table

__all__ = ["read"]

_new_invoice = builder(Invoice)
_new_payment_means = builder(PaymentMeans)
_new_totals = builder(Totals)
_new_vat_breakdown = builder(VatBreakdown)

_TOTALS = table(
    {
        f"cbc:{name}": amount(field)
        for name, field in {
            "LineExtensionAmount": "line_extension",
            "TaxExclusiveAmount": "tax_exclusive",
            "TaxInclusiveAmount": "tax_inclusive",
            "AllowanceTotalAmount": "allowance_total",
            "ChargeTotalAmount": "charge_total",
            "PrepaidAmount": "prepaid",
            "PayableRoundingAmount": "rounding",
            "PayableAmount": "payable",
        }.items()
    }
)
_DELIVERY = table(
    {
        "cbc:ActualDeliveryDate": First("actual_date"),
        "cac:DeliveryLocation": {
            "cbc:ID": First("location_id"),
            "cac:Address": Sub("address", ADDRESS),
        },
        "cac:DeliveryParty": {"cac:PartyName": {"cbc:Name": "party_name"}},
    }
)
_PRECEDING = table({"cbc:ID": "number", "cbc:IssueDate": First("issue_date")})
_DOCUMENT = table(
    {
        "cbc:ID": "id",
        "cbc:DocumentTypeCode": "type_code",
        "cbc:DocumentDescription": "description",
        "cac:Attachment": {
            "cbc:EmbeddedDocumentBinaryObject": First("binary"),
            "cac:ExternalReference": {"cbc:URI": "uri"},
        },
    }
)
_ACCOUNT = {"cbc:ID": "account_id", "cbc:Name": "account_name"}
_PAYMENT_MEANS = table(
    {
        "cbc:PaymentMeansCode": First("code"),
        "cbc:PaymentDueDate": First("due_date"),
        "cbc:PaymentID": "reference",
        "cac:CardAccount": Sub(
            "card",
            table(
                {
                    "cbc:PrimaryAccountNumberID": "account_number",
                    "cbc:NetworkID": "network",
                    "cbc:HolderName": "holder",
                }
            ),
        ),
        "cac:PayeeFinancialAccount": {
            **_ACCOUNT,
            "cac:FinancialInstitutionBranch": {"cbc:ID": "bic"},
        },
        "cac:PaymentMandate": {
            "cbc:ID": "mandate_reference",
            "cac:PayerFinancialAccount": {"cbc:ID": "debited_account"},
        },
    }
)
#: Fields named as :class:`VatBreakdown`'s.
_SUBTOTAL = table(
    {
        "cbc:TaxableAmount": amount("taxable_amount"),
        "cbc:TaxAmount": amount("tax_amount"),
        "cac:TaxCategory": {
            "cbc:ID": code("category", VatCategory),
            "cbc:Percent": number("rate"),
            "cbc:TaxExemptionReason": "exemption_reason",
            "cbc:TaxExemptionReasonCode": "exemption_code",
        },
    }
)
#: The subtotals are walked only for the TaxTotal that gives the breakdown.
_TAX_TOTAL = table({"cbc:TaxAmount": First("amount"), "cac:TaxSubtotal": Many("subtotals")})
#: The walker tries the tags in the table's order: the parts most documents have come first.
_HEADER = {
    "cbc:CustomizationID": "customization_id",
    "cbc:ID": "number",
    "cbc:IssueDate": First("issue_date"),
    "cbc:DueDate": First("due_date"),
    "cbc:DocumentCurrencyCode": "currency",
    "cac:AccountingSupplierParty": {"cac:Party": Sub("seller", PARTY)},
    "cac:AccountingCustomerParty": {"cac:Party": Sub("buyer", PARTY)},
    "cac:PaymentMeans": Each("payment_means", _PAYMENT_MEANS),
    "cac:TaxTotal": Each("tax_totals", _TAX_TOTAL),
    "cac:LegalMonetaryTotal": Sub("totals", _TOTALS),
    "cbc:ProfileID": "profile_id",
    "cbc:Note": Many("notes"),
    "cbc:TaxPointDate": First("tax_point_date"),
    "cbc:TaxCurrencyCode": "tax_currency",
    "cbc:AccountingCost": "accounting_ref",
    "cbc:BuyerReference": "buyer_reference",
    "cac:InvoicePeriod": Sub("period", PERIOD),
    "cac:OrderReference": {"cbc:ID": "order_id", "cbc:SalesOrderID": "sales_order_ref"},
    "cac:BillingReference": {"cac:InvoiceDocumentReference": Each("preceding", _PRECEDING)},
    "cac:DespatchDocumentReference": {"cbc:ID": "despatch_ref"},
    "cac:ReceiptDocumentReference": {"cbc:ID": "receipt_ref"},
    "cac:OriginatorDocumentReference": {"cbc:ID": "tender_ref"},
    "cac:ContractDocumentReference": {"cbc:ID": "contract_ref"},
    "cac:AdditionalDocumentReference": Each("documents", _DOCUMENT),
    "cac:ProjectReference": {"cbc:ID": "project_ref"},
    "cac:PayeeParty": Sub("payee", PAYEE),
    "cac:TaxRepresentativeParty": Sub("tax_representative", TAX_REPRESENTATIVE),
    "cac:Delivery": Sub("delivery", _DELIVERY),
    "cac:PaymentTerms": {"cbc:Note": "payment_terms"},
    "cac:AllowanceCharge": Many("allowances_charges"),
}
#: Per kind of document (credit note or not): its header table (the lines first) and the tag
#: of its lines.
_KINDS = {
    credit: (table({lines: Many("lines"), type_code: First("type_code"), **_HEADER}), lines)
    for credit, type_code, lines in (
        (False, "cbc:InvoiceTypeCode", "cac:InvoiceLine"),
        (True, "cbc:CreditNoteTypeCode", "cac:CreditNoteLine"),
    )
}


def read(data: bytes, *, max_size: int = DEFAULT_MAX_SIZE) -> Invoice:
    """The model document in ``data`` (UBL 2.1 XML bytes).

    :raises DocumentError: a subclass saying what is wrong and where.
    """
    root = parse(data, max_size=max_size, blank_text=False)
    credit = root_kind(root) == "CreditNote"
    forget_known_values()
    return _document(root, credit)


def _document(root, credit: bool) -> Invoice:
    header, lines_tag = _KINDS[credit]
    found = collect(root, header)
    get = found.get
    currency = required(get("currency"), root, "cbc:DocumentCurrencyCode")
    line_elements = get("lines")
    if not line_elements:
        raise missing(root, lines_tag)
    refs = _references(found, credit)
    breakdown, vat_total, vat_accounting = _tax_totals(get("tax_totals", ()), currency)
    means = get("payment_means", ())
    payment_means = tuple(map(_payment_means, means))
    due = optional(found, "due_date", date_of)
    if due is None and credit:
        due = next((d for m in means if (d := optional(m, "due_date", date_of))), None)
    return _new_invoice(
        number=required(get("number"), root, "cbc:ID"),
        issue_date=required(optional(found, "issue_date", date_of), root, "cbc:IssueDate"),
        seller=party(get("seller"), root, "AccountingSupplierParty"),
        buyer=party(get("buyer"), root, "AccountingCustomerParty"),
        lines=lines(line_elements, credit),
        type_code=_type_code(get("type_code"), credit),
        currency=currency,
        tax_currency=get("tax_currency"),
        tax_point_date=optional(found, "tax_point_date", date_of),
        due_date=due,
        notes=_notes(get("notes")),
        customization_id=required(get("customization_id"), root, "cbc:CustomizationID"),
        profile_id=get("profile_id"),
        buyer_reference=get("buyer_reference"),
        accounting_ref=get("accounting_ref"),
        period=period(get("period")),
        payee=payee(get("payee")),
        tax_representative=tax_representative(get("tax_representative")),
        delivery=_delivery(get("delivery")),
        payment_means=payment_means,
        payment_terms=get("payment_terms"),
        allowances_charges=_allowances_charges(get("allowances_charges")),
        vat_breakdown=breakdown,
        totals=_totals(get("totals"), root, vat_total, vat_accounting),
        **refs,
    )


def _notes(elements: list | None) -> tuple[str, ...]:
    return () if elements is None else tuple(n for n in map(text_of, elements) if n)


def _allowances_charges(elements: list | None) -> tuple:
    return () if elements is None else tuple(map(allowance_charge, elements))


def _type_code(element, credit: bool) -> InvoiceTypeCode:
    value = None if element is None else code_of(element, InvoiceTypeCode)
    if value is None:
        return InvoiceTypeCode.CREDIT_NOTE if credit else InvoiceTypeCode.COMMERCIAL
    return value


def _references(found: dict, credit: bool) -> dict:
    sales = found.get("sales_order_ref")
    order_id = found.get("order_id")
    project = found.get("project_ref")
    attachments = []
    for document in found.get("documents", ()):
        if credit and document.get("type_code") == "50" and project is None:
            project = required(document.get("id"), document[AT], "cbc:ID")
        else:
            attachments.append(_attachment(document))
    return {
        "order_ref": None if order_id == "NA" and sales else order_id,
        "sales_order_ref": sales,
        "project_ref": project,
        "contract_ref": found.get("contract_ref"),
        "receipt_ref": found.get("receipt_ref"),
        "despatch_ref": found.get("despatch_ref"),
        "tender_ref": found.get("tender_ref"),
        "preceding_invoices": tuple(map(_preceding, found.get("preceding", ()))),
        "attachments": tuple(attachments),
    }


def _preceding(found: dict) -> PrecedingInvoice:
    return PrecedingInvoice(
        number=required(found.get("number"), found[AT], "cbc:ID"),
        issue_date=optional(found, "issue_date", date_of),
    )


def _attachment(found: dict) -> Attachment:
    binary = found.get("binary")
    content = None
    if binary is not None:
        try:
            content = base64.b64decode("".join((binary.text or "").split()), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise DocumentError(
                "The embedded attachment is not valid base64.", location=element_path(binary)
            ) from exc
    return Attachment(
        id=required(found.get("id"), found[AT], "cbc:ID"),
        description=found.get("description"),
        uri=found.get("uri"),
        content=content,
        mime_code=None if binary is None else binary.get("mimeCode"),
        filename=None if binary is None else binary.get("filename"),
        type_code=found.get("type_code"),
    )


def _delivery(found: dict | None) -> Delivery | None:
    if found is None:
        return None
    return Delivery(
        party_name=found.get("party_name"),
        location_id=optional(found, "location_id", identifier_of),
        actual_date=optional(found, "actual_date", date_of),
        address=address(found.get("address")),
    )


def _payment_means(found: dict) -> PaymentMeans:
    code = found.get("code")
    card = found.get("card")
    return _new_payment_means(
        code=required(optional(found, "code", text_of), found[AT], "cbc:PaymentMeansCode"),
        text=None if code is None else code.get("name"),
        reference=found.get("reference"),
        account_id=found.get("account_id"),
        account_name=found.get("account_name"),
        bic=found.get("bic"),
        card=None if card is None else _card(card),
        mandate_reference=found.get("mandate_reference"),
        debited_account=found.get("debited_account"),
    )


def _card(found: dict) -> PaymentCard:
    return PaymentCard(
        account_number=required(
            found.get("account_number"), found[AT], "cbc:PrimaryAccountNumberID"
        ),
        holder=found.get("holder"),
        network=found.get("network") or "NA",
    )


def _tax_totals(totals: list, currency: str):
    breakdown: tuple[VatBreakdown, ...] = ()
    vat_total = vat_accounting = None
    for total in totals:
        amount = total.get("amount")
        if amount is None:
            raise missing(total[AT], "cbc:TaxAmount")
        value = required(number_of(amount), total[AT], "cbc:TaxAmount")
        in_currency = (amount.get("currencyID") or currency) == currency
        subtotals = total.get("subtotals")
        if vat_total is None and (in_currency or subtotals):
            vat_total = value
            breakdown = tuple(map(_subtotal, subtotals or ()))
        else:
            vat_accounting = value
    return breakdown, vat_total, vat_accounting


def _amount(found: dict, field: str, path: str):
    """The required number under ``field``, or MissingPartError for ``path``."""
    return required(found.get(field), found[AT], path)


def _subtotal(element) -> VatBreakdown:
    found: dict = {}
    _SUBTOTAL(element, found)
    get = found.get
    if get("category") is None or get("taxable_amount") is None or get("tax_amount") is None:
        raise _subtotal_gap(element, found)
    return _new_vat_breakdown(**found)


def _subtotal_gap(element, found: dict) -> MissingPartError:
    """The error for the first required part missing from a TaxSubtotal."""
    category = element.find(clark("cac:TaxCategory"))
    if category is None:
        return missing(element, "cac:TaxCategory")
    if found.get("category") is None:
        return missing(category, "cbc:ID")
    path = "cbc:TaxableAmount" if found.get("taxable_amount") is None else "cbc:TaxAmount"
    return missing(element, path)


def _totals(found: dict | None, root, vat_total, vat_accounting) -> Totals:
    if found is None:
        raise missing(root, "cac:LegalMonetaryTotal")
    return _new_totals(
        line_extension=_amount(found, "line_extension", "cbc:LineExtensionAmount"),
        allowance_total=found.get("allowance_total"),
        charge_total=found.get("charge_total"),
        tax_exclusive=_amount(found, "tax_exclusive", "cbc:TaxExclusiveAmount"),
        vat_total=vat_total if vat_total is not None else Decimal(0),
        vat_total_accounting=vat_accounting,
        tax_inclusive=_amount(found, "tax_inclusive", "cbc:TaxInclusiveAmount"),
        prepaid=found.get("prepaid"),
        rounding=found.get("rounding"),
        payable=_amount(found, "payable", "cbc:PayableAmount"),
    )
