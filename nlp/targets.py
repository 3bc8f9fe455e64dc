"""Read a target value (指标值) into a :class:`Target`: what kind of target it is and
what a reviewer can check at year end.

:func:`nlp.values.parse_value` gives the comparator / number / unit columns of
the extraction output; :func:`parse_target` builds on it and also reads ranges,
numbers inside text ("案件调查率达到100%"), spelled-out percentages, dates and
deadlines, grades and yes/no. Numbers are never reinterpreted: "0.95" stays
0.95 with no unit, whatever the name says.

The word lists live in ``nlp/resources/lexicon`` (see docs/findings.md).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from nlp.text import normalize_for_matching, unify_glyphs
from nlp.values import DATE_RE, parse_value, spell_out_chinese_percent

TARGET_KINDS = ("quant", "date", "graded", "boolean", "qualitative", "empty")

_EMPTY_VALUES = {"", "/", "-", "--", "—", "——", "\\", "无数据", "空", "n/a", "na"}
_BOOLEAN_VALUES = {"是": True, "有": True, "已完成": True, "否": False, "无": False, "没有": False}
_GRADE_WORDS = ("不合格", "优秀", "良好", "合格", "达标", "优良", "较好", "一般", "优", "良", "中", "差", "好")
_GRADED_RE = re.compile(
    r"^(?:[A-Da-d][+]?级|[一二三四五]星级?|(?:\S{0,12}(?:考核|评价|评定|验收|评估|检查|等级|成绩|结果)\S{0,4}?)?"
    r"(?:为|达到|达)?(?:不合格|优秀|良好|合格|达标|优良|优|良|中|差)(?:等次|等级|以上|及以上)?)$"
)
# Deadlines without digits.
_WORD_DEADLINES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(?:本|当)?年(?:底|末|内|度内)(?:前|之前|以前|完成)?$|^(?:本|当)年度?(?:内)?完成$|^年度内$"), "year-end"),
    (re.compile(r"^(?:第)?([一二三四1-4])季度(?:末|底)?(?:前|内|完成)?$"), "quarter"),
    (re.compile(r"^上半年(?:前|内|完成)?$"), "H1"),
    (re.compile(r"^下半年(?:前|内|完成)?$"), "H2"),
    (re.compile(r"^(?:次年|下一?年度?)(\d{1,2})月(?:底|末)?(?:前|之前|内)?$"), "next-year-month"),
]
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_EMBEDDED_RE = re.compile(
    r"(?P<cmp>不低于|不少于|不小于|不高于|不超过|不多于|至少|达到|达|大于|高于|超过|小于|低于|少于|控制在|约|≥|≤|>|<|=|≈)?"
    r"\s*(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<unit>%|‰|[^\d\s,;，；。、()（）%]{1,4})?"
)
_WORD_CMP = {"不低于": "≥", "不少于": "≥", "不小于": "≥", "至少": "≥", "达到": "≥", "达": "≥",
             "不高于": "≤", "不超过": "≤", "不多于": "≤", "控制在": "≤",
             "大于": ">", "高于": ">", "超过": ">", "小于": "<", "低于": "<", "少于": "<", "约": "≈"}
_RANGE_RE = re.compile(r"(\d+(?:\.\d+)?)\s*%?\s*(?:-|~|至|到)\s*(\d+(?:\.\d+)?)")
_UNIT_DENOMINATOR_RE = re.compile(r"/(?:每)?(?:年|月|人|户|次|天|日|期|学期)$")


@dataclass(frozen=True)
class Target:
    """What a target value asks for.

    ``kind`` is one of :data:`TARGET_KINDS`. For ``quant`` targets ``number`` is
    the (first) bound and ``upper`` the second bound of a range ("6-9个月");
    ``measure`` is the unit's measure type from ``lexicon/units.tsv`` ("" when the
    unit is unknown or missing). ``span`` is the part of the value the reading
    rests on (the evidence a finding quotes).
    """

    kind: str
    text: str
    comparator: str = ""
    number: float | None = None
    upper: float | None = None
    unit: str = ""
    measure: str = ""
    approximate: bool = False
    deadline: str = ""
    grade: str = ""
    yes: bool | None = None
    span: str = ""

    @property
    def is_percent(self) -> bool:
        return self.measure == "percent"


def _lexicon_lines(filename: str) -> list[list[str]]:
    text = resources.files("nlp").joinpath("resources", "lexicon", filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=None)
def load_lexicon(filename: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a lexicon data file in ``nlp/resources/lexicon`` (comments and blanks dropped)."""
    return tuple(tuple(row) for row in _lexicon_lines(filename))


@lru_cache(maxsize=None)
def unit_measures() -> dict[str, str]:
    return {normalize_for_matching(row[0]): row[1] for row in load_lexicon("units.tsv")}


@lru_cache(maxsize=65536)
def unit_measure(unit: str) -> str:
    """Measure type of a unit ("万元" -> "money", "%" -> "percent"); "" when unknown.

    >>> unit_measure("万元/每年"), unit_measure("百分比"), unit_measure("提供法律服务")
    ('money', 'percent', '')
    """
    table = unit_measures()
    key = normalize_for_matching(unit)
    if key in table:
        return table[key]
    stripped = _UNIT_DENOMINATOR_RE.sub("", key)
    if stripped in table:
        return table[stripped]
    # "万份", "千台": a magnitude prefix on a known unit.
    if len(stripped) > 1 and stripped[0] in "万亿千百" and stripped[1:] in table:
        return table[stripped[1:]]
    # "人/年" style and "万人次以上" leftovers: longest known unit that starts the text.
    for length in range(min(len(key), 5), 0, -1):
        if key[:length] in table:
            return table[key[:length]]
    return ""


def _float(number: str) -> float | None:
    try:
        return float(number.replace(",", ""))
    except ValueError:
        return None


def _deadline_from_date(text: str) -> str:
    """'2022-12-31' / '2022年12月底前' / '12月31日前' -> '2022-12-31' / '2022-12' / '12-31'."""
    digits = re.findall(r"\d+", text)
    if not digits:
        return ""
    if len(digits[0]) == 4:
        year, rest = digits[0], digits[1:]
    else:
        year, rest = "", digits
    parts = [f"{int(part):02d}" for part in rest[:2]]
    # No year: "--12" (December of the budget year), as in ISO 8601's --MM-DD.
    return "-".join([year] + parts) if year else "--" + "-".join(parts)


@lru_cache(maxsize=262144)
def parse_target(value_raw: str, unit_hint: str = "", comparator_hint: str = "") -> Target:
    """Read one target value.

    >>> parse_target("≥95%").kind, parse_target("≥95%").number, parse_target("≥95%").measure
    ('quant', 95.0, 'percent')
    >>> t = parse_target("6-9个月"); (t.kind, t.number, t.upper, t.unit)
    ('quant', 6.0, 9.0, '个月')
    >>> parse_target("2022年12月底前").deadline, parse_target("年底前").deadline
    ('2022-12', 'year-end')
    >>> parse_target("百分之九十五").number, parse_target("0.95").unit
    (95.0, '')
    >>> parse_target("优秀").kind, parse_target("是").yes, parse_target("有效缓解").kind
    ('graded', True, 'qualitative')
    """
    raw = value_raw or ""
    text = spell_out_chinese_percent(unify_glyphs(raw)).strip()
    norm = normalize_for_matching(text)
    if norm in _EMPTY_VALUES:
        return Target("empty", norm)
    bare = norm.rstrip("。；;,，.")
    if bare in _BOOLEAN_VALUES:
        return Target("boolean", norm, yes=_BOOLEAN_VALUES[bare], span=bare)
    date = DATE_RE.match(bare)
    if date and date.end() >= len(bare):
        return Target("date", norm, deadline=_deadline_from_date(bare), span=bare)
    for pattern, label in _WORD_DEADLINES:
        found = pattern.match(bare)
        if found:
            deadline = label
            if label == "quarter":
                deadline = f"Q{_QUARTERS[found.group(1)]}"
            elif label == "next-year-month":
                deadline = f"+1-{int(found.group(1)):02d}"
            return Target("date", norm, deadline=deadline, span=bare)
    parsed = parse_value(raw, unit_hint, comparator_hint)
    if parsed.number:
        number = _float(parsed.number)
        upper = None
        comparator = parsed.comparator
        rng = _RANGE_RE.search(text)
        if rng and _float(rng.group(1)) == number:
            upper = _float(rng.group(2))
            comparator = comparator or "~"
        unit = parsed.unit
        return Target(
            "quant", norm, comparator=comparator, number=number, upper=upper, unit=unit,
            measure=unit_measure(unit) if unit else "", approximate=comparator == "≈",
            span=text,
        )
    if _GRADED_RE.match(bare):
        grade = next(word for word in _GRADE_WORDS if word in bare)
        return Target("graded", norm, grade=grade, span=bare)
    # A number inside text: "案件调查率达到100%", "每个调查服务费300元", "财政配套30%".
    for found in _EMBEDDED_RE.finditer(text):
        unit = (found.group("unit") or "").strip()
        measure = unit_measure(unit) if unit else ""
        if not measure:
            continue
        comparator = found.group("cmp") or ""
        comparator = _WORD_CMP.get(comparator, comparator)
        return Target(
            "quant", norm, comparator=comparator, number=_float(found.group("num")), unit=unit,
            measure=measure, approximate=comparator == "≈", span=found.group(0).strip(),
        )
    return Target("qualitative", norm, span=bare)
