"""Parse a target value (指标值) into comparator, number and unit.

``value_raw`` is never altered; the parsed fields come from it, with glyph
variants (≧ ≦ ═ ＞ ％ ">=") normalised in the parsed fields only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.text import unify_glyphs

COMPARATORS = ("≥", "≤", ">", "<", "=", "≈", "~")

# Word comparators, checked on the glyph-unified text.
_WORD_COMPARATORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:不低于|不少于|不小于|至少|达到|高于等于|大于等于)"), "≥"),
    (re.compile(r"^(?:不高于|不多于|不大于|不超过|最多|低于等于|小于等于|控制在)"), "≤"),
    (re.compile(r"^(?:大于|高于|超过|多于)"), ">"),
    (re.compile(r"^(?:小于|低于|少于)"), "<"),
    (re.compile(r"^(?:约|大约|约为)"), "≈"),
    (re.compile(r"^(?:等于)"), "="),
]
_SUFFIX_COMPARATORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:以上|及以上|或以上)$"), "≥"),
    (re.compile(r"(?:以下|及以下|以内|之内)$"), "≤"),
]
_NUMBER_RE = re.compile(r"[-+]?\d+(?:,\d{3})*(?:\.\d+)?")
_LEADING_COMPARATOR_RE = re.compile(r"^\s*(≥|≤|>|<|=|≈|~)")


@dataclass(frozen=True)
class ParsedValue:
    comparator: str = ""
    number: str = ""
    unit: str = ""


@lru_cache(maxsize=131072)
def parse_value(value_raw: str, unit_hint: str = "", comparator_hint: str = "") -> ParsedValue:
    """Comparator, first number and unit of a target value.

    ``unit_hint`` and ``comparator_hint`` come from separate 计量单位 / 指标性质
    columns when a table has them; they fill what the value itself lacks.

    >>> parse_value("≧95％")
    ParsedValue(comparator='≥', number='95', unit='%')
    >>> parse_value("不低于30万人")
    ParsedValue(comparator='≥', number='30', unit='万人')
    >>> parse_value("90", unit_hint="%", comparator_hint="≥")
    ParsedValue(comparator='≥', number='90', unit='%')
    """
    text = unify_glyphs(value_raw or "").strip()
    comparator = ""
    match = _LEADING_COMPARATOR_RE.match(text)
    if match:
        comparator = match.group(1)
        text = text[match.end():].strip()
    else:
        for pattern, symbol in _WORD_COMPARATORS:
            found = pattern.match(text)
            if found:
                comparator = symbol
                text = text[found.end():].strip()
                break
    number = ""
    unit = ""
    num_match = _NUMBER_RE.search(text)
    if num_match and num_match.start() <= 2:
        number = num_match.group(0).replace(",", "").lstrip("+")
        rest = text[num_match.end():].strip()
        for pattern, symbol in _SUFFIX_COMPARATORS:
            found = pattern.search(rest)
            if found:
                comparator = comparator or symbol
                rest = rest[: found.start()].strip()
                break
        unit_match = re.match(r"^[^\d\s,;，；。、(（)）]{1,6}", rest)
        unit = unit_match.group(0) if unit_match else ""
    hint_comparator = unify_glyphs(comparator_hint or "").strip()
    if not comparator and hint_comparator in COMPARATORS:
        comparator = hint_comparator
    if not unit and unit_hint:
        unit = unify_glyphs(unit_hint).strip()
    return ParsedValue(comparator, number, unit)
