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


# A second bound after the first number ("6-9个月", "90%-95%", "3至5次"): skipped when
# reading the unit, which follows the second bound.
_RANGE_TAIL_RE = re.compile(r"^%?\s*(?:-|~|至|到)\s*\d+(?:\.\d+)?")
# Dates and deadlines carry numbers that are not target amounts: 2022-12-31, 2022年12月底前,
# 12月31日前, 年底前, 第三季度. They parse to no number (nlp.targets reads them as dates).
DATE_RE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*年(?=\s*(?:底|末|内|前|度|$))|(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}(?:\s*[-./月]\s*\d{1,2}\s*日?)?\s*月?"
    r"|(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日|份|底|末|初|中旬|上旬|下旬)?)"
    r"\s*(?:底|末|前|之前|以前|内|完成|止)*"
)
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_PERCENT_RE = re.compile(r"百分之([零〇一二两三四五六七八九十百]+)(?:点([零〇一二三四五六七八九]+))?")


def chinese_number(text: str) -> int | None:
    """Value of a Chinese numeral below 1000: '九十五' -> 95, '一百' -> 100, '十' -> 10.

    >>> chinese_number("九十五"), chinese_number("一百"), chinese_number("十二")
    (95, 100, 12)
    """
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    total = 0
    digit = None
    for ch in text:
        if ch == "百":
            total += (digit if digit is not None else 1) * 100
            digit = None
        elif ch == "十":
            total += (digit if digit is not None else 1) * 10
            digit = None
        else:
            if digit is not None:  # digit sequence like 九五: read positionally
                digit = digit * 10 + _CN_DIGITS[ch]
            else:
                digit = _CN_DIGITS[ch]
    return total + (digit or 0)


def spell_out_chinese_percent(text: str) -> str:
    """'百分之九十五' -> '95%', '百分之九十九点五' -> '99.5%'; other text unchanged."""

    def replace(match: re.Match[str]) -> str:
        whole = chinese_number(match.group(1))
        if whole is None:
            return match.group(0)
        decimals = "".join(str(_CN_DIGITS[ch]) for ch in match.group(2)) if match.group(2) else ""
        return f"{whole}.{decimals}%" if decimals else f"{whole}%"

    return _CN_PERCENT_RE.sub(replace, text) if "百分之" in text else text


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

    Ranges keep the first bound and the unit after the second; dates carry no
    amount; spelled-out percentages are read:

    >>> parse_value("6-9个月")
    ParsedValue(comparator='', number='6', unit='个月')
    >>> parse_value("2022年12月底前")
    ParsedValue(comparator='', number='', unit='')
    >>> parse_value("不低于百分之九十五")
    ParsedValue(comparator='≥', number='95', unit='%')
    """
    text = spell_out_chinese_percent(unify_glyphs(value_raw or "").strip())
    date = DATE_RE.match(text)
    if date and date.end() >= len(text.rstrip("。；;,， ")):
        return ParsedValue("", "", "")
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
        range_tail = _RANGE_TAIL_RE.match(rest)
        if range_tail:
            rest = rest[range_tail.end():].lstrip()
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
