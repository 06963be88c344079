"""What people type as a rule's number, and what callgate must make of it: one table for
screening itself, the command line (`block`, `import-rules`) and the console's rule dialog.

Every accepted spelling names a different number, so that one CSV file can import them all.
"""

from __future__ import annotations

#: (typed, canonical): digits, a leading +, and the separators people write between them.
ACCEPTED = [
    ("03-3000-1201", "+81330001201"),
    ("0330001202", "+81330001202"),
    ("03 3000 1203", "+81330001203"),
    ("03.3000.1204", "+81330001204"),
    ("03/3000/1205", "+81330001205"),
    ("(03) 3000-1206", "+81330001206"),
    ("03(3000)1207", "+81330001207"),
    ("０３－３０００－１２０８", "+81330001208"),  # full-width, as a Japanese input method types
    ("03ー3000ー1209", "+81330001209"),  # the long-vowel mark an input method gives for -
    ("03‐3000‐1210", "+81330001210"),  # U+2010 hyphen
    ("03−3000−1211", "+81330001211"),  # U+2212 minus sign
    ("03・3000・1212", "+81330001212"),  # katakana middle dot
    ("+81 3-3000-1213", "+81330001213"),
    ("+81 (0)3 3000 1214", "+81330001214"),
    ("＋８１　３　３０００　１２１５", "+81330001215"),  # full-width + and ideographic spaces
    ("\u200e03-3000-1216\u200f", "+81330001216"),  # bidi marks that come along when pasted
    ("+1 202-555-0100", "+12025550100"),
]

#: (typed, what the reason must say): anything else is refused, never read as another number.
REFUSED = [
    ("03-3000-12a4", "'a' is a letter"),
    ("03-3000-1234 (Tanaka)", "'T' is a letter"),
    ("０３－３０００－１２ａ４", "'a' is a letter"),
    ("tel:0330001234", "'t' is a letter"),
    ("03-3000-1234 内線5", "'内' is a letter"),
    ("0330001234#", "'#' has no place in a phone number"),
    ("03_3000_1234", "'_' has no place in a phone number"),
    ("03+3000+1234", "a + may only stand at the start"),
    ("abc", "no digits"),
    ("12", "not a possible phone number"),
]
