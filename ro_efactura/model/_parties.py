"""Parties, addresses and the small value objects they share (BG-4 .. BG-12, BG-15).

One :class:`Party` class serves the seller (BG-4), the buyer (BG-7), the payee (BG-10) and the
seller's tax representative (BG-11); the writer emits, for each role, only what EN 16931 lets
that role carry. Romanian addresses put the ISO 3166-2 county (``RO-CJ``) in
``subdivision`` (BT-39) and, in Bucharest (``RO-B``), ``SECTOR1`` .. ``SECTOR6`` as ``city``.

>>> seller = Party(name="Alfa SRL", vat_id="RO12345674",
...                address=Address(city="SECTOR1", subdivision="RO-B"))
>>> seller.address.country
'RO'
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Address", "Contact", "Identifier", "Party"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Identifier:
    """An identifier with its optional scheme (ISO 6523 ICD or CEF EAS code)."""

    value: str
    scheme: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """A postal address: BG-5 (seller), BG-8 (buyer), BG-12 (tax rep.), BG-15 (delivery)."""

    street: str | None = None  # BT-35 / BT-50 / BT-64 / BT-75
    additional_street: str | None = None  # BT-36 / BT-51 / BT-65 / BT-76
    line3: str | None = None  # BT-162 / BT-163 / BT-164 / BT-165
    city: str | None = None  # BT-37 / BT-52 / BT-66 / BT-77; SECTOR1..6 in Bucharest
    postal_zone: str | None = None  # BT-38 / BT-53 / BT-67 / BT-78
    subdivision: str | None = None  # BT-39 / BT-54 / BT-68 / BT-79; RO-XX for Romania
    country: str = "RO"  # BT-40 / BT-55 / BT-69 / BT-80, ISO 3166-1 alpha-2


@dataclass(frozen=True, slots=True, kw_only=True)
class Contact:
    """BG-6 (seller) and BG-9 (buyer)."""

    name: str | None = None  # BT-41 / BT-56
    telephone: str | None = None  # BT-42 / BT-57
    email: str | None = None  # BT-43 / BT-58


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """A seller (BG-4), buyer (BG-7), payee (BG-10) or tax representative (BG-11)."""

    name: str  # BT-27 / BT-44 / BT-59 / BT-62 (registration name)
    trading_name: str | None = None  # BT-28 / BT-45
    identifiers: tuple[Identifier, ...] = ()  # BT-29 / BT-46 / BT-60 (+ BT-90 scheme SEPA)
    legal_id: Identifier | None = None  # BT-30 / BT-47 / BT-61 (CUI of a non-VAT payer, ONRC)
    legal_form: str | None = None  # BT-33, seller only
    vat_id: str | None = None  # BT-31 / BT-48 / BT-63, with country prefix (RO12345674)
    tax_registration_id: str | None = None  # BT-32, seller only (CUI without RO)
    electronic_address: Identifier | None = None  # BT-34 / BT-49
    address: Address | None = field(default=None)  # BG-5 / BG-8 / BG-12
    contact: Contact | None = None  # BG-6 / BG-9
