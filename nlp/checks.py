"""Flag vague, copy-pasted, misfiled, impossible and missing targets.

:func:`check_batch` takes indicator rows (a DataFrame with the columns of
:data:`nlp.schema.INDICATOR_COLUMNS`, plus optional model columns) and returns
:class:`Finding` records. Every finding says what is wrong (``code``,
``message``), shows it (``evidence``: the text span), names the rows involved
(positions within the batch), and the rule it rests on (``rule``). Every code,
its message, severity, rule and score deduction is documented in
docs/findings.md; the deductions are data in nlp/resources/scoring.

Work is done once per distinct text, not per row: rows are grouped by their
(name, description, value, unit, comparator, 一级, 二级) text, every distinct
combination is checked once, and the results are spread back to the rows with
numpy, so a batch with heavy duplication checks in seconds.
:func:`check_batch_table` gives the same findings as columns
(:class:`nlp.finding_table.FindingTable`): what a batch of millions of rows,
with millions of findings, is checked and scored with.
"""
from __future__ import annotations

import gc
import json
import re
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from nlp.dimensions import DIMENSIONS
from nlp.arrays import first_positions, row_ranges
from nlp.finding_table import FindingCollector, FindingTable
from nlp.targets import Target, load_lexicon, parse_target
from nlp.text import normalize_for_matching, unify_glyphs

SEVERITIES = ("error", "warning", "info")
DEFAULT_WEIGHTS_FILE = "weights-1.1.json"

# ---------------------------------------------------------------------------
# Rules a finding can rest on (short citations; docs/findings.md has the text).
RULE_QUANT = "财预〔2020〕10号、财预〔2021〕101号：绩效指标应细化、量化，可衡量、可考核"
RULE_GRADED = "财预〔2021〕101号（量化易评）：难以量化的定性指标须有明确、可判定的分级标准"
RULE_SATISFACTION = "zhibiao 规则 S2：满意度调查无法保证人人满意，≥100%的目标不可实现、不可检验（审核·可行性）"
RULE_COMPLETE = "绩效目标审核·完整性：指标要素齐全，指标值明确"
RULE_RELEVANT = "绩效目标审核·相关性：指标应与项目内容和绩效目标直接相关"
RULE_APPROPRIATE = "绩效目标审核·适当性：指标值与计量单位相符、合理可实现"
RULE_FEASIBLE = "绩效目标审核·可行性：指标值经努力可实现且可被检验"
RULE_FRAMEWORK = "财预〔2021〕101号：绩效指标按产出、成本、效益、满意度一级及对应二级分类填报"
RULE_COST_CAP = "zhibiao 规则 C1：成本指标是成本控制目标，应写作上限（≤）（审核·适当性）"
RULE_COST = "财预〔2021〕101号：成本指标列为一级指标（经济成本/社会成本/生态环境成本）"
RULE_OWN_PASTE = "zhibiao 规则 P1：同一文字不应在多行或多个项目间照搬（docs/findings.md）"
RULE_OWN_BOILERPLATE = "zhibiao 规则 B1：通用套话不体现项目特点（docs/findings.md）"
RULE_OWN_MODEL = "zhibiao 规则 M1：分类模型以高置信度判断的维度与填报不符（docs/findings.md）"
RULE_OWN_SATISFACTION = "zhibiao 规则 S1：有服务对象的项目应设满意度指标（docs/findings.md）"


@dataclass(frozen=True)
class CodeSpec:
    code: str
    severity: str
    scope: str  # "row": the deduction applies to each row; "project": to the project score
    title: str  # short Chinese message stem
    rule: str


#: Every finding code. Order = order of docs/findings.md.
CODES: dict[str, CodeSpec] = {
    spec.code: spec
    for spec in (
        CodeSpec("EMPTY_VALUE", "error", "row", "指标值为空", RULE_COMPLETE),
        CodeSpec("PLACEHOLDER", "error", "row", "模板占位符未替换", RULE_COMPLETE),
        CodeSpec("TEMPLATE_HINT", "info", "row", "名称中留有模板填写提示", RULE_COMPLETE),
        CodeSpec("VAGUE_VALUE", "warning", "row", "指标值含糊，年终无法考核", RULE_QUANT),
        CodeSpec("VAGUE_NAME", "warning", "row", "指标名称含糊，未指明考核对象", RULE_QUANT),
        CodeSpec("NOT_QUANTIFIED", "warning", "row", "指标值未量化", RULE_QUANT),
        CodeSpec("GRADED_TARGET", "info", "row", "定性分级指标值", RULE_GRADED),
        CodeSpec("BOOLEAN_TARGET", "info", "row", "是/否型指标值", RULE_GRADED),
        CodeSpec("NO_DEADLINE", "warning", "row", "时效指标无可检验的时限", RULE_QUANT),
        CodeSpec("UNIT_CONTRADICTION", "error", "row", "计量单位与指标名称矛盾", RULE_APPROPRIATE),
        CodeSpec("UNIT_MISSING", "warning", "row", "数值缺少可识别的计量单位", RULE_APPROPRIATE),
        CodeSpec("RATE_OVER_100", "error", "row", "比率指标值超过100%，不可能实现", RULE_FEASIBLE),
        CodeSpec("SATISFACTION_100", "error", "row", "满意度目标设为100%及以上", RULE_SATISFACTION),
        CodeSpec("COST_FLOOR", "warning", "row", "成本指标设为下限，应为上限", RULE_COST_CAP),
        CodeSpec("RATE_GE_100", "info", "row", "比率目标为≥100%，只能恰好达到", RULE_FEASIBLE),
        CodeSpec("VALUE_REPEATS_NAME", "warning", "row", "指标值照抄指标名称", RULE_COMPLETE),
        CodeSpec("VALUE_REPEATS_DESCRIPTION", "warning", "row", "指标值照抄指标描述", RULE_COMPLETE),
        CodeSpec("PASTED_IN_PROJECT", "warning", "row", "同一文字在本项目多行重复", RULE_OWN_PASTE),
        CodeSpec("DUPLICATE_INDICATOR", "warning", "row", "同一指标及指标值在本项目重复填报", RULE_OWN_PASTE),
        CodeSpec("MULTI_FILED", "warning", "row", "同一指标填报在多个二级指标下", RULE_FRAMEWORK),
        CodeSpec("SHARED_ACROSS_PROJECTS", "warning", "row", "同一指标值文字出现在多个项目", RULE_OWN_PASTE),
        CodeSpec("NEAR_DUPLICATE_TEXT", "info", "row", "指标值与其他项目的文字近似重复", RULE_OWN_PASTE),
        CodeSpec("BOILERPLATE", "warning", "row", "通用套话，适用于任何项目", RULE_OWN_BOILERPLATE),
        CodeSpec("MISFILED", "warning", "row", "指标内容与所填二级指标不符", RULE_FRAMEWORK),
        CodeSpec("MISFILED_MODEL", "warning", "row", "模型判断的维度与所填二级指标不符", RULE_OWN_MODEL),
        CodeSpec("IRRELEVANT", "info", "row", "指标内容与项目无关", RULE_RELEVANT),
        CodeSpec("MISSING_DIMENSION", "warning", "project", "缺少框架要求的二级指标", RULE_FRAMEWORK),
        CodeSpec("MISSING_SATISFACTION", "warning", "project", "有服务对象但未设满意度指标", RULE_OWN_SATISFACTION),
        CodeSpec("MISSING_COST", "info", "project", "未设成本指标", RULE_COST),
        CodeSpec("PROJECT_MOSTLY_PASTED", "warning", "project", "项目过半指标为重复粘贴文字", RULE_OWN_PASTE),
        CodeSpec("TABLE_COPIED", "info", "project", "整张指标表与其他项目相同", RULE_OWN_PASTE),
    )
}


@dataclass(slots=True)
class Finding:
    """One problem, with everything a reviewer needs to check it.

    ``rows`` are positions (0-based) within the batch given to
    :func:`check_batch`; project-scope findings may list rows as evidence, but
    their deduction applies to the project score, not to those rows.
    ``related`` lists the projects of a copy-paste cluster (the first
    ``related_max`` of them; the message gives the full count).
    """

    code: str
    severity: str
    message: str
    evidence: str
    rule: str
    rows: tuple[int, ...]
    project: str = ""
    department: str = ""
    scope: str = "row"
    related: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["rows"] = list(self.rows)
        out["related"] = list(self.related)
        return out


# ---------------------------------------------------------------------------
# Configuration (thresholds live in the weights file next to the deductions).


@lru_cache(maxsize=4)
def load_weights(filename: str = DEFAULT_WEIGHTS_FILE) -> Mapping[str, Any]:
    """The scoring and threshold configuration in ``nlp/resources/scoring``."""
    path = resources.files("nlp").joinpath("resources", "scoring", filename)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FileNotFoundError(
            f"nlp/resources/scoring/{filename}: weights file not found; the packaged one is {DEFAULT_WEIGHTS_FILE}"
        ) from None
    missing = [code for code in CODES if code not in data.get("deductions", {})]
    if missing:
        raise ValueError(
            f"nlp/resources/scoring/{filename}: no deduction for finding codes {missing}; "
            "add them under \"deductions\" (docs/findings.md lists every code)"
        )
    return data


# ---------------------------------------------------------------------------
# Lexicons.


@lru_cache(maxsize=None)
def _vague_terms() -> tuple[tuple[str, str], ...]:
    # Longest first, so the evidence quotes "保障正常运行" rather than "正常运行".
    terms = [(normalize_for_matching(row[0]), row[1]) for row in load_lexicon("vague_values.tsv")]
    return tuple(sorted(terms, key=lambda item: -len(item[0])))


@lru_cache(maxsize=None)
def _vague_questions() -> tuple[str, ...]:
    return tuple(normalize_for_matching(row[0]) for row in load_lexicon("vague_questions.txt"))


@lru_cache(maxsize=None)
def _absolutes() -> tuple[str, ...]:
    return tuple(normalize_for_matching(row[0]) for row in load_lexicon("absolutes.txt"))


@lru_cache(maxsize=None)
def _vague_names() -> tuple[frozenset[str], tuple[str, ...]]:
    exact = frozenset(normalize_for_matching(r[0]) for r in load_lexicon("vague_names.tsv") if r[1] == "exact")
    contains = tuple(normalize_for_matching(r[0]) for r in load_lexicon("vague_names.tsv") if r[1] == "contains")
    return exact, contains


@lru_cache(maxsize=None)
def _placeholders() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(row[0]), row[1]) for row in load_lexicon("placeholders.tsv"))


@lru_cache(maxsize=None)
def _name_measures() -> tuple[tuple[str, str, frozenset[str]], ...]:
    return tuple((normalize_for_matching(r[0]), r[1], frozenset(r[2].split(","))) for r in load_lexicon("name_measures.tsv"))


@lru_cache(maxsize=None)
def _boilerplate() -> frozenset[str]:
    return frozenset(normalize_for_matching(row[0]) for row in load_lexicon("boilerplate.txt"))


@lru_cache(maxsize=None)
def _recipient_words() -> tuple[str, ...]:
    return tuple(row[0] for row in load_lexicon("recipients.txt"))


@lru_cache(maxsize=None)
def _domains() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((row[0], tuple(row[1].split(","))) for row in load_lexicon("domains.tsv"))


_PUNCT_RE = re.compile(r"[\s,.;:!?，。；：！？、\"'“”‘’()（）\[\]【】<>《》%％]+")
# "2020.1.1-2020.12.31", "2024.12.31前": dates written with dots (target parsing reads them as decimals).
_DOTTED_DATE_RE = re.compile(r"(?:19|20)\d{2}\.(?:1[0-2]|0?[1-9])\.(?:3[01]|[12]\d|0?[1-9])(?!\d)")
_GROWTH_RE = re.compile(r"增长|增幅|增速|提高率|提升率|同比|比上年|较上年|倍")
# Unit families of the taxonomy (nlp.taxonomy.UNIT_FAMILIES) -> unit measures of lexicon/units.tsv.
# The taxonomy has no length/area family: "count" holds every amount, 道路建设里程 in 公里 and
# 造林面积 in 亩 included, so physical units are no contradiction there.
_FAMILY_MEASURES = {
    "count": frozenset({"count", "people", "length", "area", "volume", "weight"}),
    "percent": frozenset({"percent", "ratio"}),
    "money": frozenset({"money"}),
    "time": frozenset({"time"}),
    "score": frozenset({"score"}),
}
_BENEFIT_DIMENSIONS = ("经济效益", "社会效益", "生态效益", "可持续影响")
_COST_DIMENSIONS = ("经济成本", "社会成本", "生态环境成本")


@lru_cache(maxsize=262144)
def _bare(text: str) -> str:
    """Comparison form for "is this the same text": normalised, punctuation dropped."""
    return _PUNCT_RE.sub("", normalize_for_matching(text))


@lru_cache(maxsize=None)
def _vague_exceptions() -> tuple[str, ...]:
    return tuple(normalize_for_matching(row[0]) for row in load_lexicon("vague_exceptions.txt"))


@lru_cache(maxsize=262144)
def vague_hits(value: str) -> tuple[str, ...]:
    """Vague-lexicon terms found in a value (normalised), without overlapping repeats;
    phrases of ``lexicon/vague_exceptions.txt`` (长期护理 ...) are not counted.

    >>> vague_hits("困难群众医疗费用负担减轻程度，有效缓解")
    ('有效缓解', '减轻')
    >>> vague_hits("保障长期护理保险待遇发放")
    ()
    """
    text = normalize_for_matching(value)
    for phrase in _vague_exceptions():
        text = text.replace(phrase, "|")
    hits: list[str] = []
    for term, _category in _vague_terms():
        if term in text and not any(term in longer for longer in hits):
            hits.append(term)
    return tuple(hits)


#: Table kind of an evaluation rubric (绩效评价指标体系): its value column holds the 标准值 of a
#: criterion, scored by the rubric's 评分标准, not a target (docs/findings.md, VAGUE_VALUE).
RUBRIC_TABLE_KIND = "评价指标体系"
# Answers to a yes/no question besides the boolean targets of nlp.targets (是/否/有/无/已完成).
_STATE_ANSWERS = frozenset({"完成", "未完成", "已完成"})


def _yes_no_answer(name_n: str, target: Target) -> bool:
    """Whether the value only answers the question the name asks (是/否, 有/无, 完成/未完成).
    A bare 无 under a name that asks nothing is a missing value (LABELLING.md), not an answer."""
    if target.kind == "boolean":
        return target.span not in ("无", "没有") or "是否" in name_n or "有无" in name_n
    return target.kind == "qualitative" and target.text.rstrip("。；;,，.") in _STATE_ANSWERS


@lru_cache(maxsize=262144)
def vague_question(name_n: str) -> str:
    """The word that makes a yes/no question uncheckable ("" when the question is concrete):
    a satisfaction asked as yes/no (no survey, no rate), or a word of
    ``lexicon/vague_questions.txt`` unless the question is about a named rate.

    >>> vague_question("是否提高了检验检疫影响力"), vague_question("专项资金的投入是否提高了截获率")
    ('提高', '')
    >>> vague_question("来访外宾是否满意"), vague_question("是否发生重大检测质量事故")
    ('满意', '')
    """
    if _is_satisfaction(name_n):
        return "满意"
    hit = next((word for word in _vague_questions() if word in name_n), "")
    if hit and name_measure(name_n)[0] == "percent":
        return ""  # "是否提高了截获率": a rate has a value every year, so its change is checkable
    return hit


@lru_cache(maxsize=262144)
def model_may_judge_value(name: str, value: str, table_kind: str = "") -> bool:
    """Whether a model's "vague value" may be reported for this row. Not when the value has a
    number, a date or nothing; not on a rubric row (its 标准值 is a criterion the 评分标准 scores,
    and the model learned vagueness from target tables); not on a yes/no answer (judged by its
    question instead)."""
    target = parse_target(value or "")
    if target.kind in ("quant", "date", "empty") or table_kind == RUBRIC_TABLE_KIND:
        return False
    return not _yes_no_answer(normalize_for_matching(name), target)


@lru_cache(maxsize=262144)
def name_measure(name: str) -> tuple[str, frozenset[str], str]:
    """(measure, contradicting unit measures, marker) of a 三级 name, from
    ``lexicon/name_measures.tsv``; ("", frozenset(), "") when the name says nothing.

    >>> name_measure("医疗救助政策知晓率")[0], name_measure("受资助人数")[0], name_measure("保障发放")[0]
    ('percent', 'people', '')
    """
    text = normalize_for_matching(name)
    for marker, measure, contradicting in _name_measures():
        if marker in text:
            return measure, contradicting, marker
    return "", frozenset(), ""


def _is_satisfaction(name: str) -> bool:
    return "满意" in name


# ---------------------------------------------------------------------------
# Checks of one distinct row text.

_RowFinding = tuple[str, str, str]  # (code, evidence, message)


def _concept_of(lookup: Callable[[str], Any] | None, name: str) -> Any:
    if lookup is None or not name:
        return None
    try:
        return lookup(name)
    except Exception as error:  # a lookup that fails must not hide which name broke it
        raise ValueError(f"concept lookup failed for 三级 name {name!r}: {error}") from error


def check_row_text(
    name: str,
    description: str,
    value_raw: str,
    unit: str = "",
    comparator: str = "",
    l2: str = "",
    concept: Any = None,
    filler: bool = False,
    table_kind: str = "",
) -> list[_RowFinding]:
    """Findings that depend only on one row's own text: (code, evidence, message).

    >>> [code for code, _, _ in check_row_text("医疗救助政策知晓率", "群众对医疗救助政策知晓程度", "≥476万元", l2="可持续影响")]
    ['UNIT_CONTRADICTION']
    """
    out: list[_RowFinding] = []
    name_n = normalize_for_matching(name)
    target = parse_target(value_raw or "", unit or "", comparator or "")

    for field_text in (name, description, value_raw):
        placeholder = _placeholder_in(field_text)
        if placeholder:
            if field_text is not value_raw and target.kind in ("quant", "date"):
                # "公猪舍(≥**平方米)" | "22.8": the template's hint is left in the name, but the target is
                # filled in: untidy, not a missing value.
                out.append(("TEMPLATE_HINT", placeholder[0],
                            f"名称或说明中留有模板填写提示“{placeholder[0]}”，指标值“{value_raw}”已填写"))
            else:
                out.append(("PLACEHOLDER", placeholder[0], f"模板占位符未替换：{placeholder[0]}（{placeholder[1]}）"))
            break

    if _states_not_applicable(name_n, normalize_for_matching(value_raw), l2):
        return out

    name_hit = _vague_name_hit(name_n)
    if name_hit:
        out.append(("VAGUE_NAME", name_hit, f"指标名称“{name}”未指明可计量的考核对象"))

    if target.kind == "empty":
        out.append(("EMPTY_VALUE", value_raw or "", "指标值为空，无法考核"))
        return out

    if filler:
        out.append(("BOILERPLATE", name, f"“{name}”属通用套话概念，适用于任何项目"))
    elif name_n in _boilerplate() or target.text in _boilerplate():
        phrase = name if name_n in _boilerplate() else value_raw
        out.append(("BOILERPLATE", phrase, f"“{phrase}”是通用套话，适用于任何项目"))

    value_bare = _bare(value_raw)
    if value_bare and value_bare == _bare(name):
        out.append(("VALUE_REPEATS_NAME", value_raw, f"指标值“{value_raw}”照抄指标名称，不是目标值"))
    elif value_bare and description and value_bare == _bare(description) and target.kind == "qualitative":
        out.append(("VALUE_REPEATS_DESCRIPTION", value_raw, f"指标值“{value_raw}”照抄指标描述，不是目标值"))

    answer = _yes_no_answer(name_n, target)
    if answer and not name_hit:
        # A yes/no answer is as checkable as the question it answers.
        question = vague_question(name_n)
        if not name_n:
            out.append(("VAGUE_VALUE", value_raw, f"指标值“{value_raw}”没有所回答的问题（三级指标名称为空），年终无法判断"))
        elif question:
            out.append(("VAGUE_VALUE", question,
                        f"指标值“{value_raw}”回答的问题“{name}”含“{question}”，没有衡量标准，年终无法客观判断"))
    if target.kind == "qualitative":
        hits = () if answer else vague_hits(value_raw)
        if table_kind == RUBRIC_TABLE_KIND:
            # A rubric's 评分标准 names the rules a criterion refers to (按规定时限: 30日内).
            hits = tuple(h for h in hits if _vague_category(h) != "compliance")
        if hits and not any(word in target.text for word in _absolutes()):
            out.append(("VAGUE_VALUE", "、".join(hits), f"指标值“{value_raw}”含“{'、'.join(hits)}”，年终无法判断是否达成"))
        out.append(("NOT_QUANTIFIED", value_raw, f"指标值“{value_raw}”没有数值、时限或分级标准"))
    elif target.kind == "graded":
        out.append(("GRADED_TARGET", target.span, f"指标值“{value_raw}”为定性分级（{target.grade}），需有评级标准"))
    elif target.kind == "boolean":
        out.append(("BOOLEAN_TARGET", target.span, f"指标值“{value_raw}”为是/否判断，信息量低"))

    if l2 == "时效" and not (
        target.kind == "date" or (target.kind == "quant" and target.measure in ("time", "percent", "ratio"))
        or _DOTTED_DATE_RE.search(value_raw or "")
    ):
        out.append(("NO_DEADLINE", value_raw, f"时效指标“{name}”的指标值“{value_raw}”没有日期、期限或及时率"))

    if target.kind == "quant":
        measure, contradicting, marker = name_measure(name)
        name_accepts = bool(measure) and target.measure and target.measure not in contradicting
        # The name's own marker ("下降率" -> percent) wins over a loosely matched concept. A name of a
        # property ("维护及时性", "数据准确性") says nothing of its unit: hours, days or a rate all fit it.
        if (not name_accepts and concept is not None and getattr(concept, "unit_family", "") in _FAMILY_MEASURES
                and not normalize_for_matching(name).endswith("性")):
            allowed = _FAMILY_MEASURES[concept.unit_family]
            if target.measure and target.measure not in allowed and target.measure not in ("ratio",):
                contradicting = frozenset({target.measure})
                marker = f"概念“{concept.name}”"
                measure = concept.unit_family
        if target.measure and target.measure in contradicting:
            out.append((
                "UNIT_CONTRADICTION", target.span or value_raw,
                f"“{name}”（{marker}）按{_MEASURE_ZH.get(measure, measure)}计量，指标值“{value_raw}”却以“{target.unit}”为单位",
            ))
        elif not target.measure and measure:
            shown = f"“{target.unit}”不是可识别的单位" if target.unit else "没有单位"
            out.append(("UNIT_MISSING", value_raw, f"“{name}”的指标值“{value_raw}”{shown}"))

        if l2 in _COST_DIMENSIONS and target.measure == "money" and target.comparator in ("≥", ">"):
            out.append(("COST_FLOOR", target.span or value_raw,
                        f"成本指标“{name}”的指标值“{value_raw}”是下限，成本控制目标应写作“≤”上限"))

        if target.measure == "percent" and target.number is not None:
            number = target.number
            cmp = target.comparator
            is_rate = measure == "percent" or _is_satisfaction(name_n)
            growth = bool(_GROWTH_RE.search(name_n))
            if _is_satisfaction(name_n) and number >= 100 and cmp in ("", "=", "≥", ">", "≈"):
                out.append(("SATISFACTION_100", target.span or value_raw,
                            f"满意度“{name}”目标为“{value_raw}”，100%及以上无法作为可考核的目标"))
            if is_rate and not growth and (number > 100 or (number == 100 and cmp == ">")):
                out.append(("RATE_OVER_100", target.span or value_raw,
                            f"比率“{name}”的目标“{value_raw}”超过100%，不可能实现"))
            elif is_rate and not growth and not _is_satisfaction(name_n) and number == 100 and cmp == "≥":
                out.append(("RATE_GE_100", target.span or value_raw,
                            f"比率“{name}”的目标“{value_raw}”只能恰好达到100%，应写作=100%或设合理区间"))

    if l2:
        text_n = name_n + normalize_for_matching(description)
        if _is_satisfaction(name_n) and l2 != "满意度":
            out.append(("MISFILED", name, f"满意度指标“{name}”填报在“{l2}”下"))
        elif l2 == "满意度" and "满意" not in text_n:
            out.append(("MISFILED", name, f"“{name}”填报在满意度指标下，但不衡量满意度"))
        elif "成本" in name_n and l2 in ("数量", "质量", "时效") + _BENEFIT_DIMENSIONS:
            out.append(("MISFILED", name, f"成本类指标“{name}”填报在“{l2}”下"))
        elif concept is not None and hasattr(concept, "accepts_dimension") and l2 in DIMENSIONS:
            if not concept.accepts_dimension(l2) and not filed_by_convention(name_n, l2, concept.dimension):
                out.append(("MISFILED", name, f"“{name}”对应概念“{concept.name}”（{concept.dimension}），却填报在“{l2}”下"))
    return out


# Placements the national templates themselves use, which a reviewer does not call misfiled:
# coverage and completion rates under 数量 (基本公卫、转移支付 templates: 接种率, 覆盖率, 参保率 as 数量指标),
# and counts of people or households benefited under 社会效益/经济效益 (衔接资金 templates: 受益脱贫人口数).
_COVERAGE_RATE_RE = re.compile(r"(覆盖|参保|接种|管理|普及|受益|发放|到位|完成|入学|入园|保障)率")
_BENEFICIARY_COUNT_RE = re.compile(r"(受益|带动|惠及|增收|就业|脱贫|帮扶|救助|资助).*(人数|户数|人次|人口数|人口|户|人)$")


def filed_by_convention(name_n: str, filed: str, judged: str) -> bool:
    """Whether filing ``name_n`` under ``filed`` when it reads as ``judged`` follows a common
    national template (then neither MISFILED nor MISFILED_MODEL is raised)."""
    if {filed, judged} == {"数量", "质量"}:
        return bool(_COVERAGE_RATE_RE.search(name_n))
    if filed in ("社会效益", "经济效益") and judged == "数量":
        return bool(_BENEFICIARY_COUNT_RE.search(name_n))
    return False


@lru_cache(maxsize=262144)
def _placeholder_in(text: str) -> tuple[str, str] | None:
    """(matched template text, what it is) of the first placeholder pattern found in ``text``."""
    if not text:
        return None
    nfkc_text = unify_glyphs(text)
    for pattern, what in _placeholders():
        found = pattern.search(nfkc_text)
        if found:
            return found.group(0), what
    return None


def _vague_category(term: str) -> str:
    return dict(_vague_terms()).get(term, "")


# A name that states an aim (提高/促进/保障 ...) and names nothing to count or measure ("促进专利转化",
# "帮助困难教师和学生提高生活水平" is measured: 水平) is a goal, not an indicator. In the labelled data 69 of
# the 71 names of this shape are labelled vague.
_GOAL_VERB_RE = re.compile(r"提高|提升|改善|满足|帮助|保障|维护|促进|加强|推动|增强|推进|确保|优化|完善")
_MEASURE_WORD_RE = re.compile(
    r"率|数|量|次|人|户|个|面积|时间|天|日|金额|元|比例|比重|覆盖|达标|合格|完成|时长|公里|km|亩|件|项|所|座|台|套|册|"
    r"场|期|批|家|处|条|吨|万|度|分|级|年|月|成本|费|额|值|指数|水平|情况|时限|时效|及时|质量|标准|感|满意|认可"
)


@lru_cache(maxsize=262144)
def _vague_name_hit(name_n: str) -> str:
    exact, contains = _vague_names()
    if name_n in exact or _is_dimension_label(name_n):
        return name_n
    term = next((term for term in contains if term in name_n), "")
    # A 是否… question is judged with its answer (VAGUE_VALUE), not twice.
    if not term and "是否" not in name_n and _GOAL_VERB_RE.search(name_n) and not _MEASURE_WORD_RE.search(name_n):
        term = name_n
    return term


_NOT_APPLICABLE_VALUES = frozenset({"无", "不适用", "不涉及", "无此项", "0", "/", "-", "—", "--"})
_NOT_APPLICABLE_DIMENSIONS = ("社会成本", "生态环境成本")


def _states_not_applicable(name_n: str, value_n: str, l2: str) -> bool:
    """A 社会成本 / 生态环境成本 row that says the cost does not arise: answered 无 / 0 / 不涉及, or named
    "本项目不适用此指标" (财预〔2021〕101号 lists these costs for every project; most have none). Such a
    row states a fact; it is not a vague, unquantified or empty target. A benefit declared 不适用 stays
    flagged: the labelling guide counts it as a target nobody can check."""
    if l2 not in _NOT_APPLICABLE_DIMENSIONS:
        return False
    return value_n in _NOT_APPLICABLE_VALUES or "不适用" in name_n or "不涉及" in name_n


@lru_cache(maxsize=None)
def _dimension_labels() -> frozenset[str]:
    # A 二级 label written as the 三级 name ("社会成本指标", "數量指標") names no object. 满意度 is left
    # out: a bare 满意度 name is a (loose) satisfaction measure.
    return frozenset(normalize_for_matching(d) for d in DIMENSIONS if d != "满意度")


def _is_dimension_label(name_n: str) -> bool:
    return name_n.removesuffix("指标") in _dimension_labels()


@lru_cache(maxsize=262144)
def _domain_hit(text: str) -> tuple[str, str]:
    """(domain, word) of the first sector of lexicon/domains.tsv that ``text`` speaks of, else ("", "")."""
    normalized = normalize_for_matching(text)
    for domain, words in _domains():
        word = next((w for w in words if w in normalized), "")
        if word:
            return domain, word
    return "", ""


_MEASURE_ZH = {
    "percent": "百分比", "people": "人数", "count": "个数/次数", "money": "金额", "time": "时间",
    "score": "分值", "ratio": "比例",
}


# ---------------------------------------------------------------------------
# Batch checking.


def _column(rows: pd.DataFrame, name: str) -> np.ndarray:
    if name not in rows.columns:
        return np.full(len(rows), "", dtype=object)
    column = rows[name]
    if column.dtype == object and pd.api.types.infer_dtype(column, skipna=False) == "string":
        return column.to_numpy(dtype=object)  # only str values: nothing missing (the usual case, checked fast)
    if column.dtype != object or pd.api.types.infer_dtype(column, skipna=True) not in ("string", "empty"):
        column = column.astype(object).where(column.notna(), "").astype(str)
    values = column.to_numpy(dtype=object)
    missing = pd.isna(values)
    if missing.any():
        values = values.copy()
        values[missing] = ""
    return values


def _factorize(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    codes, uniques = pd.factorize(values, sort=False)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _combine(*code_arrays: np.ndarray) -> np.ndarray:
    """One dense int code per distinct tuple of codes (re-densified after each step, so no overflow)."""
    combined = code_arrays[0].astype(np.int64)
    for codes in code_arrays[1:]:
        combined = combined * (int(codes.max(initial=0)) + 2) + (codes + 1)
        combined, _ = pd.factorize(combined, sort=False)
        combined = combined.astype(np.int64)
    return combined


def _group_slices(group_codes: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(members, starts, stops): ``positions`` grouped by code, group k being
    ``members[starts[k]:stops[k]]`` in batch order; groups in order of their codes (dense codes
    from :func:`_combine` number the groups by first appearance)."""
    order = np.argsort(group_codes, kind="stable")
    members, sorted_codes = positions[order], group_codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]]) if len(order) else np.zeros(0, dtype=np.int64)
    return members, starts, np.r_[starts[1:], len(members)].astype(np.int64)


def _groups(group_codes: np.ndarray, positions: np.ndarray) -> Iterable[list[int]]:
    """Positions grouped by code (each group in batch order)."""
    members, starts, stops = _group_slices(group_codes, positions)
    members = members.tolist()
    return (members[s:e] for s, e in zip(starts.tolist(), stops.tolist()))


@dataclass
class _Batch:
    n: int
    name: np.ndarray
    description: np.ndarray
    value: np.ndarray
    l2: np.ndarray
    pid: np.ndarray  # project code per row
    project_labels: list[str]
    department_labels: list[str]  # per project code
    named: np.ndarray  # per project code: the rows name their project (else its label is "file#table")
    goal: np.ndarray  # per project code: the 绩效目标 text its rows carry ("" when none)


def _batch(rows: pd.DataFrame) -> _Batch:
    n = len(rows)
    department = _column(rows, "department")
    project = _column(rows, "project")
    source = _column(rows, "source_file")
    table = _column(rows, "table_index")
    no_project = project == ""
    if no_project.any():
        project = project.copy()
        project[no_project] = source[no_project] + "#" + table[no_project]
    dep_codes, dep_uniques = _factorize(department)
    proj_codes, proj_uniques = _factorize(project)
    pid = _combine(dep_codes, proj_codes)
    first = first_positions(pid)
    nproj = len(first)
    return _Batch(
        n=n,
        name=_column(rows, "name"),
        description=_column(rows, "description"),
        value=_column(rows, "value_raw"),
        l2=_column(rows, "l2"),
        pid=pid,
        project_labels=[str(proj_uniques[proj_codes[i]]) for i in first.tolist()],
        department_labels=[str(dep_uniques[dep_codes[i]]) for i in first.tolist()],
        named=~no_project[first],
        goal=_project_goals(_column(rows, "goal"), pid, nproj),
    )


def _project_goals(goal: np.ndarray, pid: np.ndarray, nproj: int) -> np.ndarray:
    """Each project's goal text: the first non-empty ``goal`` of its rows (readers give every
    row of a table its table's 绩效目标)."""
    goals = np.full(nproj, "", dtype=object)
    has = np.flatnonzero(goal != "")
    if len(has):
        first = has[np.unique(pid[has], return_index=True)[1]]
        goals[pid[first]] = goal[first]
    return goals


@contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector: building millions of findings (which hold no
    reference cycles) otherwise triggers it again and again, tripling the run time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_batch(
    rows: pd.DataFrame,
    *,
    projects: pd.DataFrame | None = None,
    filler_ids: Iterable[str] | None = None,
    lookup: Callable[[str], Any] | None = None,
    weights: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """All findings for a batch of indicator rows.

    ``rows``: columns of :data:`nlp.schema.INDICATOR_COLUMNS` (missing ones count
    as empty) plus optional model columns ``dimension``,
    ``dimension_confidence``, ``concept_id``, ``value_kind``,
    ``value_kind_confidence`` (predictions made elsewhere).
    ``projects``: optional table with ``department``, ``project`` and ``goal``
    (the 绩效目标 text), used by the relevance and coverage checks; without it, the
    ``goal`` column of the rows (each row carries its table's goal) is used.
    ``filler_ids``: taxonomy concept ids marked ``filler`` (rows whose
    ``concept_id`` is one are boilerplate). ``lookup``: a name -> concept
    callable such as ``Taxonomy.lookup``; concepts give filler, unit family and
    accepted dimensions. ``weights``: the configuration (default: the packaged
    weights-1.1.json), whose ``thresholds`` tune the checks.
    """
    with _gc_paused():
        return check_batch_table(rows, projects=projects, filler_ids=filler_ids, lookup=lookup,
                                 weights=weights).to_findings()


def check_batch_table(
    rows: pd.DataFrame,
    *,
    projects: pd.DataFrame | None = None,
    filler_ids: Iterable[str] | None = None,
    lookup: Callable[[str], Any] | None = None,
    weights: Mapping[str, Any] | None = None,
) -> FindingTable:
    """:func:`check_batch` as a :class:`FindingTable` (columns, no object per finding): what
    a batch of millions of rows is checked with. Same findings, same order."""
    return _check_batch(rows, projects, filler_ids, lookup, weights, _batch(rows))


_SPECS = {code: (spec.severity, spec.rule, spec.scope) for code, spec in CODES.items()}


def _check_batch(rows: pd.DataFrame, projects: pd.DataFrame | None, filler_ids: Iterable[str] | None,
                 lookup: Callable[[str], Any] | None, weights: Mapping[str, Any] | None, batch: "_Batch",
                 prediction_free: "Callable[[], PredictionFreeChecks] | None" = None) -> FindingTable:
    """All findings (see :func:`check_batch`); ``prediction_free``: gives the
    :class:`PredictionFreeChecks` made elsewhere (default: made here)."""
    config = weights if weights is not None else load_weights()
    limits = config["thresholds"]
    n = batch.n
    out = FindingCollector(_SPECS, batch.project_labels, batch.department_labels)
    if n == 0:
        return out.table()
    filler_set = frozenset(filler_ids or ())
    concept_ids = _column(rows, "concept_id")

    # --- checks of each distinct row text -------------------------------------------------
    table_kinds = _column(rows, "table_kind")
    key_columns = [batch.name, batch.description, batch.value, _column(rows, "unit"), _column(rows, "comparator"),
                   batch.l2, concept_ids, table_kinds]
    factorized = [_factorize(column) for column in key_columns]
    key = _combine(*(codes for codes, _ in factorized))
    first_of_key = first_positions(key)
    nkeys = len(first_of_key)
    key_findings: list[list[_RowFinding]] = []
    key_codes: list[frozenset[str]] = []
    key_not_applicable: list[bool] = []
    concept_cache: dict[str, Any] = {}
    for i in first_of_key.tolist():
        name = batch.name[i]
        if lookup is not None and name not in concept_cache:
            concept_cache[name] = _concept_of(lookup, name)
        concept = concept_cache.get(name)
        filler = concept_ids[i] in filler_set or bool(getattr(concept, "filler", False))
        found = check_row_text(name, batch.description[i], batch.value[i], key_columns[3][i], key_columns[4][i],
                               batch.l2[i], concept, filler, table_kinds[i])
        key_findings.append(found)
        key_codes.append(frozenset(code for code, _, _ in found))
        key_not_applicable.append(_states_not_applicable(normalize_for_matching(name), normalize_for_matching(batch.value[i]),
                                                         batch.l2[i]))
    _add_text_findings(out, batch, key, key_findings)

    def key_has(code: str) -> np.ndarray:
        return np.fromiter((code in codes for codes in key_codes), dtype=bool, count=nkeys)[key]

    # --- model predictions (inputs made elsewhere) ----------------------------------------
    already_vague = key_has("VAGUE_VALUE") | key_has("VAGUE_NAME") | key_has("EMPTY_VALUE") | key_has("PLACEHOLDER")
    already_vague |= np.array(key_not_applicable, dtype=bool)[key]  # "不适用" is a fact, not a vague target
    _model_findings(out, rows, batch, limits, already_vague, table_kinds, key_has("MISFILED"))

    # --- copy-paste within a project, across projects, near duplicates; relevance; coverage ----
    # Shared texts and relevance are found first (they need the text keys), the prediction-free
    # findings then arrive (maybe from another process) and all go in the order of the checks.
    normalised = _normalised_values(*factorized[2])
    later = FindingCollector(_SPECS, batch.project_labels, batch.department_labels)
    _shared_across_projects(later, batch, *normalised, limits, key_has("BOILERPLATE"))
    _irrelevant(later, batch, key, first_of_key, _project_texts(batch, projects))
    copies = prediction_free() if prediction_free is not None else prediction_free_checks(rows, batch, limits, projects,
                                                                                            normalised)
    out.extend(copies.within_projects)
    out.extend(later.table())
    out.extend(copies.of_projects)
    return out.table()


@dataclass
class PredictionFreeChecks:
    """The checks that need no model prediction, made apart from the others (:func:`_check_batch`
    can take them made in another process while the models run): the findings within projects
    (PASTED_IN_PROJECT, DUPLICATE_INDICATOR, MULTI_FILED) and those of whole projects (MISSING_*,
    PROJECT_MOSTLY_PASTED, TABLE_COPIED)."""

    within_projects: FindingTable
    of_projects: FindingTable


def _normalised_values(value_codes: np.ndarray, value_uniques: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """From the factorised values: (per row: its normalised value's code, the normalised values,
    per row: the value is free text)."""
    value_norm = np.array([normalize_for_matching(v) for v in value_uniques], dtype=object)
    norm_codes_of_unique, norm_uniques = _factorize(value_norm)
    value_norm_code = norm_codes_of_unique[value_codes]
    qualitative_unique = np.fromiter(
        (parse_target(v).kind == "qualitative" for v in norm_uniques.tolist()), dtype=bool, count=len(norm_uniques)
    )
    return value_norm_code, norm_uniques, qualitative_unique[value_norm_code]


def prediction_free_checks(rows: pd.DataFrame, batch: "_Batch", limits: Mapping[str, Any],
                           projects: pd.DataFrame | None = None, normalised: tuple | None = None) -> PredictionFreeChecks:
    """See :class:`PredictionFreeChecks`; ``normalised``: :func:`_normalised_values` when already made."""
    value_norm_code, _, qualitative = normalised if normalised is not None else _normalised_values(*_factorize(batch.value))
    name_factorized, l2_factorized = _factorize(batch.name), _factorize(batch.l2)
    pasted_rows = np.zeros(batch.n, dtype=bool)
    within = FindingCollector(_SPECS, batch.project_labels, batch.department_labels)
    _pasted_in_project(within, batch, value_norm_code, qualitative, pasted_rows)
    _duplicate_indicators(within, batch, name_factorized[0], value_norm_code, qualitative)
    _multi_filed(within, batch, name_factorized, l2_factorized)
    whole = FindingCollector(_SPECS, batch.project_labels, batch.department_labels)
    _coverage(whole, batch, _project_texts(batch, projects), limits, _column(rows, "table_kind"), name_factorized[0])
    _project_paste(whole, batch, pasted_rows, name_factorized, value_norm_code, limits)
    return PredictionFreeChecks(within.table(), whole.table())


def _add_text_findings(out: FindingCollector, batch: "_Batch", key: np.ndarray, key_findings: list) -> None:
    """The findings of each distinct row text, one per (text, project) group and code, in order
    of the groups' first rows: built with numpy (these are most of a big batch's findings)."""
    flagged = np.flatnonzero(np.fromiter((bool(f) for f in key_findings), dtype=bool, count=len(key_findings))[key])
    if not len(flagged):
        return
    kinds_of_key = [[out.kind_id(code, message, evidence) for code, evidence, message in found] for found in key_findings]
    per_key = np.fromiter(map(len, kinds_of_key), dtype=np.int64, count=len(kinds_of_key))
    key_offset = np.cumsum(per_key) - per_key
    flat_kinds = np.fromiter((k for kinds in kinds_of_key for k in kinds), dtype=np.int64, count=int(per_key.sum()))
    members, starts, stops = _group_slices(_combine(key[flagged], batch.pid[flagged]), flagged)
    group_key = key[members[starts]]
    per_group = per_key[group_key]
    g = np.repeat(np.arange(len(starts)), per_group)
    within = np.arange(len(g)) - np.repeat(np.cumsum(per_group) - per_group, per_group)
    out.add_block(flat_kinds[key_offset[group_key][g] + within], batch.pid[members[starts]][g], starts[g], stops[g], members)


def _model_findings(out: FindingCollector, rows: pd.DataFrame, batch: _Batch, limits: Mapping[str, Any], lexicon_vague: np.ndarray,
                    table_kinds: np.ndarray, rule_misfiled: np.ndarray) -> None:
    if "dimension" in rows.columns and "dimension_confidence" in rows.columns:
        predicted = _column(rows, "dimension")
        confidence = pd.to_numeric(rows["dimension_confidence"], errors="coerce").fillna(0.0).to_numpy()
        # A row the rules already found misfiled is one defect, not two: the model's finding would repeat it.
        mask = ((predicted != "") & (batch.l2 != "") & (predicted != batch.l2) & (confidence >= limits["misfiled_confidence"])
                & ~rule_misfiled)

        def misfiled(name: str, l2: str, judged: str, score: float):
            if filed_by_convention(normalize_for_matching(name), l2, judged):
                return None
            return "MISFILED_MODEL", f"“{name}”填报在“{l2}”下，模型判断为“{judged}”（置信度{score:.2f}）", name

        _add_row_findings(out, batch, np.flatnonzero(mask), (batch.name, batch.l2, predicted, confidence), misfiled)
    if "vague_probability" in rows.columns and "vague_probability" in limits:
        # The vague model reads name and value together (社会稳定水平 / 提升服务能力 with a
        # qualitative target); a number or a date stays checkable whatever it says.
        probability = pd.to_numeric(rows["vague_probability"], errors="coerce").fillna(0.0).to_numpy()
        candidates = np.flatnonzero((probability >= limits["vague_probability"]) & ~lexicon_vague)

        def vague(name: str, value: str, table_kind: str, score: float):
            if not model_may_judge_value(name, value, table_kind):
                return None
            return ("VAGUE_VALUE", f"“{name}”的目标“{value}”被模型判为含糊（概率{score:.2f}），年终无法客观判断是否达成",
                    value or name)

        found = _add_row_findings(out, batch, candidates, (batch.name, batch.value, table_kinds, probability), vague)
        lexicon_vague[candidates[found]] = True
    if "value_kind" in rows.columns and "value_kind_confidence" in rows.columns:
        kind = _column(rows, "value_kind")
        confidence = pd.to_numeric(rows["value_kind_confidence"], errors="coerce").fillna(0.0).to_numpy()
        mask = (kind == "vague") & (confidence >= limits["vague_model_confidence"]) & ~lexicon_vague

        def vague_kind(name: str, value: str, table_kind: str, score: float):
            if not model_may_judge_value(name, value, table_kind):
                return None  # a number or a date is checkable whatever the model says; see model_may_judge_value
            return "VAGUE_VALUE", f"指标值“{value}”被模型判为含糊（置信度{score:.2f}），年终无法判断是否达成", value

        _add_row_findings(out, batch, np.flatnonzero(mask), (batch.name, batch.value, table_kinds, confidence), vague_kind)


def _add_row_findings(out: FindingCollector, batch: _Batch, positions: np.ndarray, texts: tuple[np.ndarray, ...],
                      make: Callable[..., tuple[str, str, str] | None]) -> np.ndarray:
    """At most one finding per row of ``positions``, in row order: ``make`` (called with the row's
    values of ``texts``, once per distinct combination) gives (code, message, evidence) or None.
    Returns which of ``positions`` got one."""
    if not len(positions):
        return np.zeros(0, dtype=bool)
    key = _combine(*(_factorize(values[positions])[0] for values in texts))
    first = first_positions(key)
    made = [make(*(values[positions[i]] for values in texts)) for i in first.tolist()]
    kind_of_key = np.array([out.kind_id(*m) if m else -1 for m in made], dtype=np.int64)
    kinds = kind_of_key[key]
    found = kinds >= 0
    chosen = positions[found]
    steps = np.arange(len(chosen) + 1)
    out.add_block(kinds[found], batch.pid[chosen], steps[:-1], steps[1:], chosen)
    return found


def _pasted_in_project(out: FindingCollector, batch: _Batch, value_norm_code: np.ndarray, qualitative: np.ndarray,
                       pasted_rows: np.ndarray) -> None:
    candidates = np.flatnonzero(qualitative)
    if not len(candidates):
        return
    group = _combine(batch.pid[candidates], value_norm_code[candidates])
    counts = np.bincount(group)
    repeated = counts[group] >= 2
    candidates, group = candidates[repeated], group[repeated]
    for members in _groups(group, candidates):
        first = members[0]
        pasted_rows[members] = True
        value = batch.value[first]
        out.add(
            "PASTED_IN_PROJECT",
            f"“{value}”在本项目{len(members)}行中重复出现，不是各指标自己的目标值",
            value, members, int(batch.pid[first]),
        )


def _duplicate_indicators(out: FindingCollector, batch: _Batch, name_codes: np.ndarray, value_norm_code: np.ndarray,
                          qualitative: np.ndarray) -> None:
    """The same (name, value) twice in a project, for values that are not free text (free text
    repeated is already PASTED_IN_PROJECT): "群众满意度 >95%" filed twice."""
    candidates = np.flatnonzero(~qualitative & (batch.name != "") & (batch.value != ""))
    if not len(candidates):
        return
    group = _combine(batch.pid[candidates], name_codes[candidates], value_norm_code[candidates])
    repeated = np.bincount(group)[group] >= 2
    for members in _groups(group[repeated], candidates[repeated]):
        first = members[0]
        out.add(
            "DUPLICATE_INDICATOR",
            f"“{batch.name[first]}”“{batch.value[first]}”在本项目填报了{len(members)}次",
            f"{batch.name[first]} {batch.value[first]}", members, int(batch.pid[first]),
        )


def _multi_filed(out: FindingCollector, batch: _Batch, name_factorized: tuple[np.ndarray, np.ndarray],
                 l2_factorized: tuple[np.ndarray, np.ndarray]) -> None:
    name_codes, name_uniques = name_factorized
    l2_codes, l2_uniques = l2_factorized
    usable = np.flatnonzero((name_uniques != "")[name_codes] & (l2_uniques != "")[l2_codes])
    if not len(usable):
        return
    group = _combine(batch.pid[usable], name_codes[usable])
    triple = _combine(group, l2_codes[usable])
    distinct = np.bincount(group[first_positions(triple)])  # 二级 per (project, name)
    several = distinct[group] >= 2
    for members in _groups(group[several], usable[several]):
        first = members[0]
        filed = "、".join(dict.fromkeys(batch.l2[i] for i in members))
        out.add(
            "MULTI_FILED",
            f"“{batch.name[first]}”同时填报在{filed}下，一个指标只能属于一个二级指标",
            batch.name[first], members, int(batch.pid[first]),
        )


def _shared_across_projects(out: FindingCollector, batch: _Batch, value_norm_code: np.ndarray, norm_uniques: np.ndarray,
                            qualitative: np.ndarray, limits: Mapping[str, Any], boiler_rows: np.ndarray) -> None:
    min_length = limits["shared_min_length"]
    long_enough = np.fromiter((len(t) >= min_length for t in norm_uniques.tolist()), dtype=bool, count=len(norm_uniques))
    candidates = np.flatnonzero(qualitative & long_enough[value_norm_code])
    if not len(candidates):
        return
    codes = value_norm_code[candidates]
    pids = batch.pid[candidates]
    pairs = pd.DataFrame({"text": codes, "pid": pids}).drop_duplicates()
    project_count = pairs.groupby("text")["pid"].nunique()
    department_of = np.array(batch.department_labels, dtype=object)
    pairs["department"] = department_of[pairs["pid"].to_numpy()]
    department_count = pairs.groupby("text")["department"].nunique()
    shared = project_count[project_count >= limits["shared_min_projects"]]
    shared_texts: set[int] = set(shared.index.tolist())
    projects_of: dict[int, tuple[str, ...]] = {}
    related_max = limits["related_max"]
    cluster_size: dict[int, int] = {}
    for text_code, group in pairs[pairs["text"].isin(shared_texts)].groupby("text", sort=False):
        pids = group["pid"].tolist()
        cluster_size[int(text_code)] = len(pids)
        projects_of[int(text_code)] = tuple(batch.project_labels[p] for p in pids[:related_max])
    boilerplate_texts = {
        int(t) for t, count in shared.items()
        if count >= limits["boilerplate_min_projects"] and department_count[t] >= limits["boilerplate_min_departments"]
    }
    in_shared = np.isin(codes, np.fromiter(shared_texts, dtype=np.int64, count=len(shared_texts)))
    chosen = candidates[in_shared]
    departments_of = {int(t): int(c) for t, c in department_count.items()}
    if len(chosen):
        # One SHARED_ACROSS_PROJECTS finding per (text, project) group, then BOILERPLATE for the group's rows
        # not already boilerplate; the message depends on the text only: built once per text.
        members, starts, stops = _group_slices(_combine(value_norm_code[chosen], batch.pid[chosen]), chosen)
        firsts = members[starts]
        messages: dict[int, tuple[str, str]] = {}
        shared_kind = np.empty(len(starts), dtype=np.int64)
        boiler_kind = np.full(len(starts), -1, dtype=np.int64)
        related = np.empty(len(starts), dtype=np.int64)
        for g, (first, text_code) in enumerate(zip(firsts.tolist(), value_norm_code[firsts].tolist())):
            value = batch.value[first]
            if text_code not in messages:
                cluster = projects_of[text_code]
                departments = departments_of[text_code]
                size = cluster_size[text_code]
                messages[text_code] = (
                    f"“{value}”出现在{size}个项目（{departments}个部门）中：{'、'.join(cluster[:5])}{'等' if size > 5 else ''}",
                    f"“{value}”被{size}个项目、{departments}个部门使用，是不体现项目特点的通用套话",
                )
            shared_message, boiler_message = messages[text_code]
            shared_kind[g] = out.kind_id("SHARED_ACROSS_PROJECTS", shared_message, value)
            related[g] = out.related_id(projects_of[text_code])
            if text_code in boilerplate_texts:
                boiler_kind[g] = out.kind_id("BOILERPLATE", boiler_message, value)
        fresh = ~boiler_rows[members]  # rows not already boilerplate by their own text
        rest = members[fresh]
        rest_counts = np.add.reduceat(fresh.astype(np.int64), starts) if len(starts) else np.zeros(0, dtype=np.int64)
        rest_stops = np.cumsum(rest_counts)
        boiler = (boiler_kind >= 0) & (rest_counts > 0)
        # Interleaved as found: each group's SHARED finding, then its BOILERPLATE finding.
        slot = np.arange(len(starts)) + np.r_[0, np.cumsum(boiler)[:-1]] if len(starts) else np.zeros(0, dtype=np.int64)
        total = len(starts) + int(boiler.sum())
        kind, pid = np.empty(total, dtype=np.int64), np.empty(total, dtype=np.int64)
        start, stop, rel = np.empty(total, dtype=np.int64), np.empty(total, dtype=np.int64), np.empty(total, dtype=np.int64)
        kind[slot], pid[slot], start[slot], stop[slot], rel[slot] = shared_kind, batch.pid[firsts], starts, stops, related
        after = slot[boiler] + 1
        kind[after], pid[after], rel[after] = boiler_kind[boiler], batch.pid[firsts[boiler]], related[boiler]
        start[after] = len(members) + (rest_stops - rest_counts)[boiler]
        stop[after] = len(members) + rest_stops[boiler]
        out.add_block(kind, pid, start, stop, np.concatenate([members, rest]), rel)
    _near_duplicates(out, batch, value_norm_code, norm_uniques, candidates, pairs, project_count, shared_texts, limits)


def _near_duplicates(out: FindingCollector, batch: _Batch, value_norm_code: np.ndarray, norm_uniques: np.ndarray, candidates: np.ndarray,
                     pairs: pd.DataFrame, project_count: pd.Series, shared_texts: set[int],
                     limits: Mapping[str, Any]) -> None:
    """Texts that differ by a few characters, clustered with rapidfuzz over distinct texts only
    (the most widespread ``near_duplicate_max_texts`` of them, so the work is bounded)."""
    min_length = limits["near_duplicate_min_length"]
    ranked = [int(t) for t in project_count.sort_values(ascending=False, kind="stable").index.tolist()
              if len(norm_uniques[t]) >= min_length][: limits["near_duplicate_max_texts"]]
    if len(ranked) < 2:
        return
    texts = [norm_uniques[t] for t in ranked]
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=limits["near_duplicate_score"],
                           dtype=np.uint8, workers=limits.get("workers", 2))
    np.fill_diagonal(scores, 0)
    parent = list(range(len(ranked)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(*np.nonzero(np.triu(scores))):
        ra, rb = root(int(a)), root(int(b))
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    clusters: dict[int, list[int]] = {}
    for i in range(len(ranked)):
        clusters.setdefault(root(i), []).append(i)
    clustered = [ranked[i] for members in clusters.values() if len(members) > 1 for i in members]
    if not clustered:
        return
    in_cluster = pairs[pairs["text"].isin(clustered)]
    pids_of_text = in_cluster.groupby("text")["pid"].apply(list).to_dict()
    # (message, related) per text to report; rows are then grouped once, not scanned per text.
    report: dict[int, tuple[str, tuple[str, ...]]] = {}
    for members in clusters.values():
        if len(members) < 2:
            continue
        text_codes = [ranked[i] for i in members]
        cluster_pids = list(dict.fromkeys(p for t in text_codes for p in pids_of_text.get(t, [])))
        if len(cluster_pids) < limits["shared_min_projects"]:
            continue
        variants = tuple(norm_uniques[t] for t in text_codes)
        cluster_projects = tuple(batch.project_labels[p] for p in cluster_pids[: limits["related_max"]])
        for t in text_codes:
            if t in shared_texts:
                continue  # already reported as an exact copy
            others = "、".join(v for v in variants if v != norm_uniques[t])[:60]
            report[t] = (f"与“{others}”几乎相同，共{len(cluster_pids)}个项目使用", cluster_projects)
    if not report:
        return
    wanted = np.fromiter(report, dtype=np.int64, count=len(report))
    chosen = candidates[np.isin(value_norm_code[candidates], wanted)]
    for group in _groups(_combine(value_norm_code[chosen], batch.pid[chosen]), chosen):
        first = group[0]
        tail, related = report[int(value_norm_code[first])]
        out.add(
            "NEAR_DUPLICATE_TEXT", f"“{batch.value[first]}”{tail}",
            batch.value[first], group, int(batch.pid[first]), related=related,
        )


class _ProjectTexts:
    """Per project code: project name + department + goal text, normalised on first use
    (normalising is slow, and most checks never need the project text)."""

    def __init__(self, batch: _Batch, projects: pd.DataFrame | None):
        self.batch = batch
        self.goals: dict[tuple[str, str], str] = {}
        if projects is not None and len(projects):
            for department, project, goal in zip(_column(projects, "department"), _column(projects, "project"),
                                                 _column(projects, "goal")):
                self.goals[(department, project)] = self.goals.get((department, project), "") + goal
        self.cache: dict[int, str] = {}

    def goal(self, pid: int) -> str:
        project, department = self.batch.project_labels[pid], self.batch.department_labels[pid]
        return self.goals.get((department, project), "") or self.batch.goal[pid]

    def __getitem__(self, pid: int) -> str:
        text = self.cache.get(pid)
        if text is None:
            project, department = self.batch.project_labels[pid], self.batch.department_labels[pid]
            text = normalize_for_matching(f"{project}{department}{self.goal(pid)}")
            self.cache[pid] = text
        return text


def _project_texts(batch: _Batch, projects: pd.DataFrame | None) -> _ProjectTexts:
    return _ProjectTexts(batch, projects)


def _irrelevant(out: FindingCollector, batch: _Batch, key: np.ndarray, first_of_key: np.ndarray, project_text: _ProjectTexts) -> None:
    domains = _domains()
    domain_number = {domain: k for k, (domain, _) in enumerate(domains)}
    key_domains: list[tuple[str, str]] = []  # (domain, word) per key; ("", "") when none
    for i in first_of_key.tolist():
        hit = ("", "")
        # 满意度 rows speak of the people served; 生态环境成本 is a cost every project must state under
        # 财预〔2021〕101号, so ecology there is no sign of a pasted row.
        if batch.l2[i] not in ("满意度", "生态环境成本"):
            hit = _domain_hit(batch.name[i])
            if not hit[0]:
                hit = _domain_hit(batch.value[i])
        key_domains.append(hit)
    domain_of_key = np.array([domain_number.get(domain, -1) for domain, _ in key_domains], dtype=np.int64)
    candidates = np.flatnonzero(domain_of_key[key] >= 0)
    members, starts, stops = _group_slices(_combine(key[candidates], batch.pid[candidates]), candidates)
    firsts = members[starts]
    group_pid = batch.pid[firsts]
    # Relevance is judged once per (domain, project), then applies to each group of rows.
    pair_codes, pairs = pd.factorize(domain_of_key[key[firsts]] * len(batch.project_labels) + group_pid)
    irrelevant = np.zeros(len(pairs), dtype=bool)
    for k, (number, pid) in enumerate(zip(*np.divmod(pairs, len(batch.project_labels)))):
        if not batch.named[pid] and not project_text.goal(pid):
            continue  # neither a project name nor a goal to judge relevance against
        text = project_text[pid]
        irrelevant[k] = not any(w in text for w in domains[number][1])
    found = np.flatnonzero(irrelevant[pair_codes])
    kinds = []
    for first, pid in zip(firsts[found].tolist(), group_pid[found].tolist()):
        domain, word = key_domains[key[first]]
        shown = batch.value[first] if word in normalize_for_matching(batch.value[first]) else batch.name[first]
        kinds.append(out.kind_id("IRRELEVANT", f"“{shown}”涉及{domain}，与项目“{batch.project_labels[pid]}”的内容和目标无关", shown))
    lengths = stops[found] - starts[found]
    block_stops = np.cumsum(lengths)
    out.add_block(np.array(kinds, dtype=np.int64), group_pid[found], block_stops - lengths, block_stops,
                  members[row_ranges(starts[found], stops[found])])


# Coverage rules hold for project target / self-evaluation tables; 部门整体 tables and 评价指标体系
# (决策/过程/产出/效益) follow other frameworks.
_COVERAGE_TABLE_KINDS = frozenset({"", "目标表", "自评表"})


def _coverage(out: FindingCollector, batch: _Batch, project_text: _ProjectTexts, limits: Mapping[str, Any],
              table_kind: np.ndarray, name_codes: np.ndarray) -> None:
    nproj = len(batch.project_labels)
    kind_codes, kind_uniques = _factorize(table_kind)
    eligible_kind = np.array([k in _COVERAGE_TABLE_KINDS for k in kind_uniques.tolist()], dtype=bool)
    eligible = np.zeros(nproj, dtype=bool)
    eligible[batch.pid[eligible_kind[kind_codes]]] = True
    dimension_index = {d: i for i, d in enumerate(DIMENSIONS)}
    l2_codes, l2_uniques = _factorize(batch.l2)
    l2_index = np.array([dimension_index.get(d, -1) for d in l2_uniques.tolist()], dtype=np.int64)[l2_codes]
    present = np.zeros((nproj, len(DIMENSIONS) + 1), dtype=bool)
    present[batch.pid, l2_index] = True  # -1 lands in the spare last column
    has = {d: present[:, i] for d, i in dimension_index.items()}
    # Recipients: in the project text or in any row's name/description.
    recipient_words = _recipient_words()
    text_codes = _combine(name_codes, _factorize(batch.description)[0])  # one code per (name, description)
    first_of_text = first_positions(text_codes)
    mentions = np.fromiter((any(w in name + description for w in recipient_words) for name, description in
                            zip(batch.name[first_of_text].tolist(), batch.description[first_of_text].tolist())),
                           dtype=bool, count=len(first_of_text))
    recipients = np.zeros(nproj, dtype=bool)
    recipients[batch.pid[mentions[text_codes]]] = True
    has_satisfaction = has["满意度"]
    for pid in np.flatnonzero(~recipients & ~has_satisfaction).tolist():
        text = project_text[pid]
        recipients[pid] = any(w in text for w in recipient_words)
    benefit = np.logical_or.reduce([has[d] for d in _BENEFIT_DIMENSIONS])
    cost = np.logical_or.reduce([has[d] for d in _COST_DIMENSIONS])
    # Per eligible project, in this order: each finding it has (a table of projects x findings,
    # read row by row).
    benefit_item = "效益指标（经济/社会/生态效益或可持续影响，至少一项）"
    possible = [
        (~has["数量"], out.kind_id("MISSING_DIMENSION", "项目缺少数量", "数量")),
        (~has["质量"], out.kind_id("MISSING_DIMENSION", "项目缺少质量", "质量")),
        (~benefit, out.kind_id("MISSING_DIMENSION", f"项目缺少{benefit_item}", benefit_item)),
        (recipients & ~has["满意度"], out.kind_id("MISSING_SATISFACTION", "项目有服务对象，但没有满意度指标", "满意度")),
        (~cost, out.kind_id("MISSING_COST", "项目未设成本指标（经济/社会/生态环境成本）", "成本指标")),
    ]
    found = np.stack([missing for missing, _ in possible], axis=1) & eligible[:, None]
    pids, which = np.nonzero(found)  # row-major: by project, then in the order above
    kinds = np.array([kind for _, kind in possible], dtype=np.int64)[which]
    no_rows = np.zeros(len(pids), dtype=np.int64)
    out.add_block(kinds, pids, no_rows, no_rows, np.zeros(0, dtype=np.int64))


def _project_paste(out: FindingCollector, batch: _Batch, pasted_rows: np.ndarray, name_factorized: tuple[np.ndarray, np.ndarray],
                   value_norm_code: np.ndarray, limits: Mapping[str, Any]) -> None:
    nproj = len(batch.project_labels)
    rows_per_project = np.bincount(batch.pid, minlength=nproj)
    pasted_per_project = np.bincount(batch.pid, weights=pasted_rows.astype(np.int64), minlength=nproj)
    share = np.divide(pasted_per_project, rows_per_project, out=np.zeros(nproj), where=rows_per_project > 0)
    mostly = np.flatnonzero((share >= limits["mostly_pasted_share"]) & (rows_per_project >= limits["mostly_pasted_min_rows"]))
    pasted_positions = np.flatnonzero(pasted_rows)
    pasted_members, pasted_starts, pasted_stops = _group_slices(batch.pid[pasted_positions], pasted_positions)
    group_of_project = np.full(nproj, -1, dtype=np.int64)
    group_of_project[batch.pid[pasted_members[pasted_starts]]] = np.arange(len(pasted_starts))
    for pid in mostly.tolist():
        group = group_of_project[pid]  # -1: no pasted row (a share threshold of 0)
        members = pasted_members[pasted_starts[group]:pasted_stops[group]].tolist() if group >= 0 else []
        out.add(
            "PROJECT_MOSTLY_PASTED",
            f"项目{rows_per_project[pid]}行指标中有{int(pasted_per_project[pid])}行是重复粘贴的文字",
            f"{int(pasted_per_project[pid])}/{rows_per_project[pid]}", members, pid,
        )
    # Whole tables copied: the same set of (name, value) pairs in another project. A table's
    # signature is (number of distinct pairs, sum of a random 64-bit tag per pair), computed
    # with numpy; equal signatures are confirmed by comparing the pair sets themselves.
    pair = _combine(name_factorized[0], value_norm_code)
    order = np.lexsort((pair, batch.pid))
    sorted_pid = batch.pid[order]
    sorted_pair = pair[order]
    fresh = np.r_[True, (sorted_pid[1:] != sorted_pid[:-1]) | (sorted_pair[1:] != sorted_pair[:-1])]
    starts_all = np.flatnonzero(np.r_[True, sorted_pid[1:] != sorted_pid[:-1]])
    ends_all = np.r_[starts_all[1:], len(order)]
    tags = np.random.default_rng(20201010).integers(0, 2**63 - 1, size=int(pair.max(initial=0)) + 1, dtype=np.int64)
    tagged = np.where(fresh, tags[sorted_pair], 0).astype(np.uint64)
    sums = np.add.reduceat(tagged, starts_all) if len(order) else np.zeros(0, dtype=np.uint64)
    distinct_pairs = np.add.reduceat(fresh.astype(np.int64), starts_all) if len(order) else np.zeros(0, dtype=np.int64)
    big_enough = (ends_all - starts_all) >= limits["table_copied_min_rows"]
    signature_frame = pd.DataFrame({"sum": sums, "n": distinct_pairs})[big_enough]
    duplicated = signature_frame.duplicated(["sum", "n"], keep=False)
    # Confirmed by the distinct pairs themselves: each table's sorted distinct pairs as bytes.
    distinct_sorted_pairs = sorted_pair[fresh]
    distinct_starts = np.cumsum(np.r_[0, distinct_pairs[:-1]]) if len(distinct_pairs) else distinct_pairs
    tables: dict[bytes, list[int]] = {}
    for position in signature_frame.index[duplicated.to_numpy()].tolist():
        s = int(distinct_starts[position])
        signature = distinct_sorted_pairs[s:s + int(distinct_pairs[position])].tobytes()
        tables.setdefault(signature, []).append(int(sorted_pid[starts_all[position]]))
    clusters = [pids for pids in tables.values() if len(pids) >= 2]
    if not clusters:
        return
    kinds, copied, related = [], [], []
    for pids in clusters:
        labels = tuple(batch.project_labels[p] for p in pids[: limits["related_max"]])  # shared by the cluster
        labels_id = out.related_id(labels)
        more = "等" if len(pids) > 4 else ""
        for pid in pids:
            others = [batch.project_labels[p] for p in pids[:4] if p != pid][:3]
            kinds.append(out.kind_id("TABLE_COPIED", f"项目全部指标名称和指标值与“{'、'.join(others)}”{more}{len(pids) - 1}个项目完全相同",
                                     batch.project_labels[pid]))
            copied.append(pid)
            related.append(labels_id)
    # Each copied table's rows in row order: the rows of its project (group k of the project
    # codes is project k: every project has rows).
    members, starts, stops = _group_slices(batch.pid, np.arange(batch.n, dtype=np.int64))
    copied = np.array(copied, dtype=np.int64)
    lengths = stops[copied] - starts[copied]
    block_stops = np.cumsum(lengths)
    out.add_block(np.array(kinds, dtype=np.int64), copied, block_stops - lengths, block_stops,
                  members[row_ranges(starts[copied], stops[copied])], np.array(related, dtype=np.int64))
