"""EN 16931 rules on payment instructions (BG-16 to BG-19).

Covers BR-49, BR-50, BR-51 (the only warning of the pattern), BR-61, BR-66 and BR-67 as the
CIUS-RO 1.0.9 artefact tests them. BR-51 counts every character of the card number, so a
masked ``123456****1234`` still warns: at most 10 characters pass.

>>> from ro_efactura._xml import parse
>>> from ro_efactura.rules import Document
>>> xml = b'''<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
...   xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
...   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
...   <cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode></cac:PaymentMeans>
...   </Invoice>'''
>>> "BR-61" in {f.rule for f in M12.run(Document(parse(xml)))}
True
"""

from __future__ import annotations

from .._core import Severity, Text, q
from ._contexts import (
    CARD_ACCOUNT,
    CREDIT_TRANSFER_ACCOUNT,
    M12,
    PAYMENT_MEANS,
    ROOT,
)
from ._xpath import (
    ID,
    exists,
    first_text,
    nonempty,
    normalize_space,
    path_under,
    steps,
)

__all__: list[str] = []

_PRIMARY_ACCOUNT_NUMBER_ID = q("cbc:PrimaryAccountNumberID")
_PAYMENT_MEANS_CARD_ACCOUNT = steps("cac:PaymentMeans/cac:CardAccount")
_PAYMENT_MEANS_PAYMENT_MANDATE = steps("cac:PaymentMeans/cac:PaymentMandate")
_PAYEE_FINANCIAL_ACCOUNT_ID = q("cac:PayeeFinancialAccount/cbc:ID")
_PAYMENT_MEANS_CODE = q("cbc:PaymentMeansCode")


@M12.rule(
    "BR-51",
    CARD_ACCOUNT,
    Text(
        ro=(
            "Numărul cardului (BT-87) pare complet. Din motive de securitate, afișați cel mult "
            "primele 6 și ultimele 4 cifre."
        ),
        en=(
            "The card number (BT-87) looks complete. For card security, show at most the first 6 "
            "and the last 4 digits."
        ),
    ),
    Severity.WARNING,
)
def card_number_is_masked(node, doc) -> bool:
    return len(first_text(node, _PRIMARY_ACCOUNT_NUMBER_ID) or "") <= 10


@M12.rule(
    "BR-66",
    ROOT,
    Text(
        ro="Factura conține mai multe carduri de plată (BG-18). Păstrați cel mult un card.",
        en="The invoice holds more than one payment card (BG-18). Keep at most one card.",
    ),
)
def at_most_one_card(node, doc) -> bool:
    return len(path_under(doc, node, _PAYMENT_MEANS_CARD_ACCOUNT)) <= 1


@M12.rule(
    "BR-67",
    ROOT,
    Text(
        ro=(
            "Factura conține mai multe mandate de debitare directă (BG-19). Păstrați cel mult un "
            "mandat."
        ),
        en=(
            "The invoice holds more than one direct debit mandate (BG-19). Keep at most one "
            "mandate."
        ),
    ),
)
def at_most_one_mandate(node, doc) -> bool:
    return len(path_under(doc, node, _PAYMENT_MEANS_PAYMENT_MANDATE)) <= 1


@M12.rule(
    "BR-50",
    CREDIT_TRANSFER_ACCOUNT,
    Text(
        ro=(
            "Contul pentru transferul bancar nu are identificator (BT-84). Completați IBAN-ul sau "
            "numărul contului."
        ),
        en=(
            "The credit transfer account has no identifier (BT-84). Fill in the IBAN or account "
            "number."
        ),
    ),
)
def account_has_id(node, doc) -> bool:
    return nonempty(node, ID)


@M12.rule(
    "BR-49",
    PAYMENT_MEANS,
    Text(
        ro=(
            "Instrucțiunile de plată (BG-16) nu au codul modalității de plată (BT-81). Indicați "
            "codul, de exemplu 30 sau 42."
        ),
        en=(
            "The payment instructions (BG-16) have no payment means code (BT-81). State the code, "
            "for example 30 or 42."
        ),
    ),
)
def payment_means_has_code(node, doc) -> bool:
    return exists(node, _PAYMENT_MEANS_CODE)


@M12.rule(
    "BR-61",
    PAYMENT_MEANS,
    Text(
        ro=(
            "Plata prin transfer (cod 30 sau 58) nu indică contul beneficiarului (BT-84). "
            "Completați IBAN-ul sau numărul contului."
        ),
        en=(
            "A credit transfer payment (code 30 or 58) does not give the payee account (BT-84). "
            "Fill in the IBAN or account number."
        ),
    ),
)
def credit_transfer_has_account(node, doc) -> bool:
    code = normalize_space(first_text(node, _PAYMENT_MEANS_CODE) or "")
    return code not in ("30", "58") or exists(node, _PAYEE_FINANCIAL_ACCOUNT_ID)
