"""The closed code lists the model uses: invoice type codes (BT-3) and VAT categories (BT-151).

Open lists (currencies, UN/ECE Rec. 20 units, payment means, reason codes, countries) stay
plain strings: they are long, change often and are checked by the rules, not by the model.

>>> InvoiceTypeCode("381").is_credit_note
True
>>> VatCategory.REVERSE_CHARGE.default_exemption
('Taxare inversă', 'VATEX-EU-AE')
"""

from __future__ import annotations

from enum import Enum

__all__ = ["CIUS_RO_CUSTOMIZATION", "InvoiceTypeCode", "VatCategory"]

#: BT-24 for CIUS-RO documents.
CIUS_RO_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1"


class InvoiceTypeCode(str, Enum):
    """BT-3, the UNTDID 1001 codes CIUS-RO accepts."""

    COMMERCIAL = "380"
    CREDIT_NOTE = "381"
    CORRECTED = "384"
    SELF_BILLED = "389"
    ACCOUNTING_INFORMATION = "751"

    @property
    def is_credit_note(self) -> bool:
        return self is InvoiceTypeCode.CREDIT_NOTE

    def __str__(self) -> str:
        return self.value


class VatCategory(str, Enum):
    """BT-151 / BT-118 / BT-95 / BT-102, UNTDID 5305 as EN 16931 restricts it."""

    STANDARD = "S"
    ZERO = "Z"
    EXEMPT = "E"
    REVERSE_CHARGE = "AE"
    INTRA_COMMUNITY = "K"
    EXPORT = "G"
    OUTSIDE_SCOPE = "O"
    CANARY_ISLANDS = "L"
    CEUTA_MELILLA = "M"
    SPLIT_PAYMENT = "B"  # Italy's split payment; found in the ANAF examples

    @property
    def has_rate(self) -> bool:
        """Whether the category carries a rate; ``O`` (outside the scope of VAT) does not."""
        return self is not VatCategory.OUTSIDE_SCOPE

    @property
    def needs_exemption(self) -> bool:
        """Whether the VAT breakdown must state an exemption reason (BR-E-10, BR-AE-10, ...)."""
        return self in _EXEMPTION_CATEGORIES

    @property
    def default_exemption(self) -> tuple[str, str] | None:
        """A (text, VATEX code) pair when the category has one obvious reason, else None."""
        return _DEFAULT_EXEMPTIONS.get(self)

    def __str__(self) -> str:
        return self.value


_EXEMPTION_CATEGORIES = frozenset(
    {
        VatCategory.EXEMPT,
        VatCategory.REVERSE_CHARGE,
        VatCategory.INTRA_COMMUNITY,
        VatCategory.EXPORT,
        VatCategory.OUTSIDE_SCOPE,
    }
)

_DEFAULT_EXEMPTIONS = {
    VatCategory.REVERSE_CHARGE: ("Taxare inversă", "VATEX-EU-AE"),
    VatCategory.INTRA_COMMUNITY: ("Livrare intracomunitară scutită", "VATEX-EU-IC"),
    VatCategory.EXPORT: ("Export în afara UE, scutit", "VATEX-EU-G"),
    VatCategory.OUTSIDE_SCOPE: ("În afara sferei de aplicare a TVA", "VATEX-EU-O"),
}
