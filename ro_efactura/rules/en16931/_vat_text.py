"""Romanian and English messages for the VAT category rules, built from one template per rule.

>>> from ro_efactura.rules.en16931.vat import FAMILIES
>>> family_texts(FAMILIES[7])["05"].en.split(" needs ")[1]
'a VAT rate above zero (BT-152). Fill in the right rate.'
"""

from __future__ import annotations

from .._core import Text

__all__ = ["family_texts", "other_texts"]

#: category code -> (Romanian name, English name)
_NAMES = {
    "AE": ("taxare inversă", "reverse charge"),
    "E": ("scutit de TVA", "exempt from VAT"),
    "G": ("export în afara UE", "export outside the EU"),
    "K": ("livrare intracomunitară", "intra-community supply"),
    "L": ("IGIC, Insulele Canare", "IGIC, Canary Islands"),
    "M": ("IPSI, Ceuta și Melilla", "IPSI, Ceuta and Melilla"),
    "O": ("în afara sferei TVA", "outside the scope of VAT"),
    "S": ("cota standard", "standard rate"),
    "Z": ("cota zero", "zero rate"),
}

#: -02/-03/-04: (Romanian subject, English subject, business term of the category)
_USES = {
    "02": ("Liniile facturii", "Invoice lines", "BT-151"),
    "03": ("Reducerile la nivel de document", "Document level allowances", "BT-95"),
    "04": ("Taxele suplimentare la nivel de document", "Document level charges", "BT-102"),
}

#: -05/-06/-07: (Romanian subject, English subject, business term of the rate)
_RATED = {
    "05": ("O linie a facturii", "An invoice line", "BT-152"),
    "06": ("O reducere la nivel de document", "A document level allowance", "BT-96"),
    "07": ("O taxă suplimentară la nivel de document", "A document level charge", "BT-103"),
}

_RATE_RULE = {
    "zero": (
        "trebuie să aibă cota de TVA 0 ({bt}). Setați cota la 0.",
        "needs a VAT rate of 0 ({bt}). Set the rate to 0.",
    ),
    "positive": (
        "trebuie să aibă o cotă de TVA mai mare decât zero ({bt}). Completați cota corectă.",
        "needs a VAT rate above zero ({bt}). Fill in the right rate.",
    ),
    "nonneg": (
        "trebuie să aibă o cotă de TVA de cel puțin zero ({bt}). Completați cota corectă.",
        "needs a VAT rate of zero or more ({bt}). Fill in the right rate.",
    ),
    "absent": (
        "nu poate avea cotă de TVA ({bt}). Eliminați cota.",
        "must not have a VAT rate ({bt}). Remove the rate.",
    ),
}

_PARTIES = {
    ("any", ""): (
        "codul de TVA al vânzătorului (BT-31) sau al reprezentantului fiscal (BT-63)",
        "the seller's VAT identifier (BT-31) or the tax representative's (BT-63)",
    ),
    ("vat", ""): (
        "codul de TVA al vânzătorului (BT-31) sau al reprezentantului fiscal (BT-63)",
        "the seller's VAT identifier (BT-31) or the tax representative's (BT-63)",
    ),
    ("any", "vat_or_legal"): (
        (
            "codul de TVA al vânzătorului (BT-31) sau al reprezentantului fiscal (BT-63), precum "
            "și codul de TVA (BT-48) sau de înregistrare (BT-47) al cumpărătorului"
        ),
        (
            "the seller's VAT identifier (BT-31) or the tax representative's (BT-63), and the "
            "buyer's VAT identifier (BT-48) or legal registration (BT-47)"
        ),
    ),
    ("vat", "vat"): (
        (
            "codul de TVA al vânzătorului (BT-31) sau al reprezentantului fiscal (BT-63), precum "
            "și codul de TVA al cumpărătorului (BT-48)"
        ),
        (
            "the seller's VAT identifier (BT-31) or the tax representative's (BT-63), and the "
            "buyer's VAT identifier (BT-48)"
        ),
    ),
}


def family_texts(family) -> dict[str, Text]:
    """The messages of one VAT category's ten rules, keyed by rule number ``"01"``..``"10"``."""
    code = family.code
    ro_name, en_name = _NAMES[code]
    cat_ro, cat_en = f"categoria {code} ({ro_name})", f"VAT category {code} ({en_name})"
    texts = {"01": _presence(family, cat_ro, cat_en)}
    for number, (ro_subject, en_subject, bt) in _USES.items():
        texts[number] = _identifiers(
            family, f"{ro_subject} cu {cat_ro} ({bt})", f"{en_subject} with {cat_en} ({bt})"
        )
    ro_rule, en_rule = _RATE_RULE[family.rate]
    for number, (ro_subject, en_subject, bt) in _RATED.items():
        texts[number] = Text(
            ro=f"{ro_subject} cu {cat_ro} {ro_rule.format(bt=bt)}",
            en=f"{en_subject} with {cat_en} {en_rule.format(bt=bt)}",
        )
    texts["08"] = _base(family, code, cat_ro, cat_en)
    texts["09"] = _vat(family, code)
    texts["10"] = _exemption(family, cat_ro, cat_en)
    return texts


def _presence(family, cat_ro: str, cat_en: str) -> Text:
    if not family.presence:
        return Text(
            ro=(
                f"Se folosește {cat_ro}, dar defalcarea TVA (BG-23) nu are exact o grupă pentru "
                f"ea. Păstrați o singură grupă {family.code} în defalcare."
            ),
            en=(
                f"{cat_en} is used but the VAT breakdown (BG-23) does not hold exactly one group "
                f"for it. Keep a single {family.code} group in the breakdown."
            ),
        )
    return Text(
        ro=(
            f"Liniile sau ajustările cu {cat_ro} și defalcarea TVA (BG-23) nu se potrivesc: "
            f"categoria apare doar într-o parte. Adăugați grupa {family.code} în defalcare sau "
            f"eliminați-o."
        ),
        en=(
            f"Lines or allowances and charges with {cat_en} and the VAT breakdown (BG-23) "
            f"disagree: the category appears on one side only. Add the {family.code} group to the "
            f"breakdown or remove it."
        ),
    )


def _identifiers(family, subject_ro: str, subject_en: str) -> Text:
    if family.seller == "none":
        return Text(
            ro=(
                f"{subject_ro} nu pot avea codul de TVA al vânzătorului (BT-31), al "
                f"reprezentantului fiscal (BT-63) sau al cumpărătorului (BT-48). Eliminați aceste "
                f"coduri sau alegeți altă categorie."
            ),
            en=(
                f"{subject_en} cannot carry the seller's (BT-31), tax representative's (BT-63) or "
                f"buyer's (BT-48) VAT identifier. Remove those identifiers or choose another "
                f"category."
            ),
        )
    needed_ro, needed_en = _PARTIES[family.seller, family.buyer]
    return Text(
        ro=f"{subject_ro} cer {needed_ro}. Completați codurile lipsă.",
        en=f"{subject_en} require {needed_en}. Fill in the missing identifiers.",
    )


def _base(family, code: str, cat_ro: str, cat_en: str) -> Text:
    if family.base == "exact":
        return Text(
            ro=(
                f"Baza grupei de TVA pentru {cat_ro} (BT-116) nu este egală cu suma liniilor din "
                f"această categorie plus taxele minus reducerile la nivel de document. Recalculați"
                f" baza."
            ),
            en=(
                f"The taxable amount of the {cat_en} group (BT-116) does not equal the sum of its "
                f"lines plus charges minus allowances at document level. Recalculate it."
            ),
        )
    return Text(
        ro=(
            f"Baza grupei de TVA pentru {cat_ro} (BT-116) diferă cu cel puțin o unitate de suma "
            f"liniilor, taxelor și reducerilor cu aceeași categorie și cotă (BT-119). Recalculați "
            f"baza pe fiecare cotă."
        ),
        en=(
            f"The taxable amount of the {cat_en} group (BT-116) is off by one unit or more from "
            f"the lines, charges and allowances with that category and rate (BT-119). Recalculate "
            f"the base per rate."
        ),
    )


def _vat(family, code: str) -> Text:
    if family.vat == "zero":
        return Text(
            ro=(
                f"Valoarea TVA a grupei {code} (BT-117) trebuie să fie 0. Setați TVA-ul grupei la "
                f"0."
            ),
            en=f"The VAT amount of the {code} group (BT-117) must be 0. Set the group's VAT to 0.",
        )
    return Text(
        ro=(
            f"Valoarea TVA a grupei {code} (BT-117) nu este egală cu baza (BT-116) înmulțită cu "
            f"cota (BT-119), nici cu toleranța de o unitate. Recalculați TVA-ul grupei."
        ),
        en=(
            f"The VAT amount of the {code} group (BT-117) does not match its taxable amount "
            f"(BT-116) times its rate (BT-119), even within one unit. Recalculate the group's VAT."
        ),
    )


def _exemption(family, cat_ro: str, cat_en: str) -> Text:
    if family.exemption:
        return Text(
            ro=(
                f"Grupa de TVA pentru {cat_ro} nu are motivul scutirii (BT-120) sau codul acestuia"
                f" (BT-121). Completați motivul, de exemplu un cod VATEX."
            ),
            en=(
                f"The {cat_en} VAT group has no exemption reason (BT-120) or reason code (BT-121)."
                f" Fill in the reason, for example a VATEX code."
            ),
        )
    return Text(
        ro=(
            f"Grupa de TVA pentru {cat_ro} nu poate avea motiv de scutire (BT-120, BT-121). "
            f"Eliminați motivul scutirii."
        ),
        en=(
            f"The {cat_en} VAT group cannot carry an exemption reason (BT-120, BT-121). Remove the"
            f" exemption reason."
        ),
    )


def other_texts() -> dict[str, Text]:
    """Messages of BR-IC-11, BR-IC-12, BR-O-11 to BR-O-14, BR-B-01 and BR-B-02."""
    o_ro = "Factura are o grupă de TVA în afara sferei TVA (O), deci"
    o_en = "The invoice has a VAT group outside the scope of VAT (O), so"
    return {
        "BR-IC-11": Text(
            ro=(
                "Livrarea intracomunitară (categoria K) cere data livrării (BT-72) sau perioada de"
                " facturare (BG-14). Completați una dintre ele."
            ),
            en=(
                "An intra-community supply (category K) needs the delivery date (BT-72) or the "
                "invoicing period (BG-14). Fill in one of them."
            ),
        ),
        "BR-IC-12": Text(
            ro=(
                "Livrarea intracomunitară (categoria K) cere țara de livrare (BT-80). Completați "
                "codul țării în adresa de livrare."
            ),
            en=(
                "An intra-community supply (category K) needs the deliver-to country (BT-80). Fill"
                " in the country code of the delivery address."
            ),
        ),
        "BR-O-11": Text(
            ro=(
                f"{o_ro} defalcarea TVA nu poate conține alte categorii. Mutați celelalte "
                f"operațiuni pe o factură separată."
            ),
            en=(
                f"{o_en} the VAT breakdown cannot hold other categories. Move the other supplies "
                f"to a separate invoice."
            ),
        ),
        "BR-O-12": Text(
            ro=(
                f"{o_ro} toate liniile trebuie să aibă categoria O (BT-151). Corectați categoria "
                f"liniilor sau emiteți factură separată."
            ),
            en=(
                f"{o_en} every line must have category O (BT-151). Correct the lines' category or "
                f"issue a separate invoice."
            ),
        ),
        "BR-O-13": Text(
            ro=(
                f"{o_ro} toate reducerile la nivel de document trebuie să aibă categoria O "
                f"(BT-95). Corectați categoria reducerilor."
            ),
            en=(
                f"{o_en} every document level allowance must have category O (BT-95). Correct the "
                f"allowances' category."
            ),
        ),
        "BR-O-14": Text(
            ro=(
                f"{o_ro} toate taxele suplimentare la nivel de document trebuie să aibă categoria "
                f"O (BT-102). Corectați categoria taxelor."
            ),
            en=(
                f"{o_en} every document level charge must have category O (BT-102). Correct the "
                f"charges' category."
            ),
        ),
        "BR-B-01": Text(
            ro=(
                "Categoria B (plată defalcată, split payment) se folosește doar în Italia: toate "
                "codurile de țară din factură trebuie să fie IT. Alegeți altă categorie de TVA."
            ),
            en=(
                "Category B (split payment) is for Italy only: every country code on the invoice "
                "must be IT. Choose another VAT category."
            ),
        ),
        "BR-B-02": Text(
            ro=(
                "Categoria B (plată defalcată) nu poate apărea pe aceeași factură cu categoria S "
                "(cota standard). Emiteți facturi separate."
            ),
            en=(
                "Category B (split payment) cannot share an invoice with category S (standard "
                "rate). Issue separate invoices."
            ),
        ),
    }
