"""Customer names as name rules compare them: kanji or kana, full-width or half-width alike.

`エーアイ化粧品`, `ｴｰｱｲ化粧品` and `えーあい化粧品` fold to one text, and so do
`株式会社エーアイ化粧品` and `エーアイ化粧品株式会社` once the legal form is dropped.
A name rule matches when its folded pattern occurs anywhere in one of the customer's
folded names.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from screening.call import Customer
from screening.messages import Refusal, quoted

# Legal forms, written before or after the name and left out of its kana reading as often as
# not: they say nothing about who is calling. Compared after folding (so in hiragana).
_LEGAL_FORMS = (
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
    "(株)", "(有)", "(同)", "(資)", "(名)",
    "かぶしきがいしゃ", "かぶしきかいしゃ", "ゆうげんがいしゃ", "ゆうげんかいしゃ",
    "ごうどうがいしゃ", "ごうどうかいしゃ",
)
# Spaces and the middle dots that separate words in names (NFKC has made ･ into ・).
_DROPPED = "・ \u3000\t\n\r\f\v"
_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6  # ァ … ヶ; hiragana sits 0x60 below
_FOLD_TABLE: dict[int, int | None] = {
    **{code: code - 0x60 for code in range(_KATAKANA_FIRST, _KATAKANA_LAST + 1)},
    ord("ヽ"): ord("ゝ"),
    ord("ヾ"): ord("ゞ"),
    **{ord(ch): None for ch in _DROPPED},
}


class InvalidName(Refusal):
    """A name a person typed for a rule that cannot name a customer."""


def fold(text: str) -> str:
    """One spelling for comparison: NFKC (full-width Latin and digits and half-width kana become
    ordinary), katakana as hiragana, Latin case folded, spaces, middle dots and legal forms
    dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)
    if any(ch.isspace() for ch in folded):  # rarer white space than the table knows
        folded = "".join(folded.split())
    for form in _LEGAL_FORMS:
        folded = folded.replace(form, "")
    return folded


def reading(kana: str, name: str) -> str:
    """Where a customer sorts: by the kana reading (hiragana, katakana and half-width kana
    alike, spaces left out), in the order of the kana table (あ, か, が, き...); a customer
    without a reading sorts after every reading, by the name as written; '' for no customer."""
    return fold(kana) or fold(name)


def company_reading(kana: str, name: str) -> str:
    """What a kana search finds a company by: its reading and its name, each folded (so the
    list's half-width or hiragana reading, and a name written in kana, are found as typed in
    any kana), one after the other; '' for no company. Folded text has no spaces, so a word
    searched for never spans the two."""
    return " ".join(dict.fromkeys(part for part in (fold(kana), fold(name)) if part))


def parse_name(raw: str) -> str:
    """A company or person name typed for a name rule, NFKC-normalised (half-width kana made
    full-width) and trimmed; raises InvalidName with the reason when it cannot name anybody."""
    text = " ".join(unicodedata.normalize("NFKC", raw).split())
    folded = fold(text)
    if not folded:
        if text:
            raise InvalidName("refusal.name.nobody", quoted(raw))
        raise InvalidName("refusal.name.empty")
    if set(folded) <= set("0123456789+-()*"):
        raise InvalidName("refusal.name.number", quoted(raw))
    return text


@lru_cache(maxsize=4096)
def customer_names(customer: Customer) -> tuple[str, ...]:
    """Every name commubo gave for a customer, folded: company (full, short, their kana) and person
    (kanji and kana, with and without the middle name). Empty names are left out. Cached: the
    same customers call again and again."""
    candidates = (
        customer.org_name,
        customer.org_short_name,
        customer.org_name_kana,
        customer.org_short_name_kana,
        customer.name,
        customer.name_kana,
        customer.family_name + customer.personal_name,
        customer.family_name_kana + customer.personal_name_kana,
    )
    seen: dict[str, None] = {}
    for name in candidates:
        folded = fold(name)
        if folded:
            seen.setdefault(folded)
    return tuple(seen)
