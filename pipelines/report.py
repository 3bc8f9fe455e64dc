"""Report writers of ``zhibiao score``.

:func:`write_reports` turns the scored tables into the files reviewers and
auditors open:

* ``indicators.csv``, ``projects.csv``, ``findings.csv`` -- UTF-8 with BOM, every
  text cell formula-neutralised (:func:`pipelines.safe_io.write_csv`);
* ``summary.json`` -- the run summary (``ensure_ascii=False``, indented);
* ``report.xlsx`` -- sheets 概览, 项目评分, 指标明细, 问题清单. The 指标明细 header
  row is exactly the ``indicators.csv`` columns followed by :data:`REVIEW_COLUMNS`,
  so ``pandas.read_excel(path, sheet_name="指标明细")`` reads reviewers'
  corrections back row by row;
* ``report.html`` -- one self-contained Chinese page (inline CSS, SVG and JS).

Every file is first written to a temp file beside its target; all are renamed
into place only after the last one was written, so a failed run leaves neither
half-written files nor temp files behind.

Row ids: ``findings.rows`` ("12;13;14") refers to the ``row_id`` column of
``indicators`` when present, otherwise to the DataFrame index.
"""
from __future__ import annotations

import codecs
import errno
import json
import math
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from nlp.arrays import first_positions
from nlp.assess import FINDING_OUTPUT_COLUMNS, finding_row_texts
from nlp.dimensions import DIMENSIONS, normalize_levels
from nlp.finding_table import CODED_FIELDS, FindingTable
from nlp.forking import start_forked
from pipelines.safe_io import _FORMULA_PREFIXES, atomic_path, neutralize_formula, write_csv

#: Output file names, in the order they are written.
OUTPUT_FILES: tuple[str, ...] = (
    "indicators.csv",
    "projects.csv",
    "findings.csv",
    "summary.json",
    "report.xlsx",
    "report.html",
)

#: Permissions of the written files (temp files start as 0600).
OUTPUT_MODE = 0o644

#: Columns ``indicators`` must have; written in this order after ``row_id``.
#: Further columns the caller supplies (description, basis, ...) follow them.
INDICATOR_REPORT_COLUMNS: tuple[str, ...] = (
    "source_file",
    "row_locator",
    "department",
    "project",
    "table_kind",
    "l1_filed",
    "l2_filed",
    "name",
    "value_raw",
    "comparator",
    "number",
    "unit",
    "dimension",
    "dimension_confidence",
    "concept_id",
    "concept",
    "concept_confidence",
    "value_kind",
    "vague",
    "misfiled",
    "flags",
    "row_score",
    "review",
)
PROJECT_REPORT_COLUMNS: tuple[str, ...] = (
    "source_file",
    "department",
    "project",
    "n_indicators",
    "specificity",
    "n_findings",
    "top_findings",
)
FINDING_REPORT_COLUMNS: tuple[str, ...] = (
    "code",
    "severity",
    "message",
    "evidence",
    "rule",
    "rows",
    "project",
    "department",
)
#: Empty columns at the end of 指标明细 that reviewers fill in for ``zhibiao train``.
REVIEW_COLUMNS: tuple[str, ...] = ("复核维度", "复核概念", "复核含糊")
#: Value of the ``review`` column for rows a person should look at.
REVIEW_MARK = "待复核"

#: Chinese meaning of each column, shown as header notes in the workbook.
COLUMN_LABELS: dict[str, str] = {
    "row_id": "行号（问题清单 rows 引用此号）",
    "source_file": "来源文件",
    "row_locator": "原文位置",
    "department": "部门/单位",
    "project": "项目",
    "table_kind": "表格类型",
    "l1_filed": "填报一级指标",
    "l2_filed": "填报二级指标",
    "name": "三级指标",
    "description": "绩效指标描述",
    "value_raw": "指标值（原文）",
    "basis": "指标值确定依据",
    "comparator": "比较符",
    "number": "目标数值",
    "unit": "单位",
    "dimension": "判定二级维度",
    "dimension_confidence": "维度置信度",
    "concept_id": "概念编号",
    "concept": "概念",
    "concept_confidence": "概念置信度",
    "value_kind": "指标值类型",
    "vague": "含糊（1=是）",
    "misfiled": "错填二级（1=是）",
    "flags": "问题代码",
    "row_score": "具体性得分（0-100）",
    "review": "是否待复核",
    "n_indicators": "三级指标数",
    "specificity": "项目具体性（0-100）",
    "n_findings": "问题数",
    "top_findings": "主要问题",
    "code": "问题代码",
    "severity": "严重程度",
    "message": "问题说明",
    "evidence": "依据（原文）",
    "rule": "规则",
    "rows": "涉及行号",
    "复核维度": "复核后的二级维度（下拉选择）",
    "复核概念": "复核后的概念编号",
    "复核含糊": "复核后是否含糊（0/1）",
}

SEVERITY_LABELS: dict[str, str] = {
    "error": "严重",
    "critical": "严重",
    "high": "高",
    "warning": "警告",
    "medium": "中",
    "info": "提示",
    "low": "低",
}
# 0 = most severe. Chinese severities are accepted as written.
_SEVERITY_RANK: dict[str, int] = {
    "critical": 0, "error": 0, "high": 0, "严重": 0, "高": 0,
    "warning": 1, "medium": 1, "警告": 1, "中": 1,
    "info": 2, "low": 2, "提示": 2, "低": 2,
}

#: Chinese names of the reasons nlp.schema gives for skipped rows.
SKIP_REASON_LABELS: dict[str, str] = {
    "header": "表头行",
    "empty template row": "空白模板行",
    "unreadable": "无法识别",
    "not an indicator row": "非指标行",
    "subtotal or score row": "小计或分值行",
}

# Summary keys shown as headline counts (first key present wins), with their Chinese labels.
_SUMMARY_COUNTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("files",), "文件数"),
    (("tables",), "表格数"),
    (("rows_read",), "读取行数"),
    (("rows_scored",), "评分行数"),
    (("rows_skipped",), "跳过行数"),
    (("files_failed", "failed_files"), "失败文件数"),
)
# Where the skipped-row reasons may be: a {reason: count} mapping or a list of skipped rows.
_SKIP_REASON_KEYS = ("skipped_by_reason", "skip_reasons", "skipped_reasons", "rows_skipped", "skipped_rows")
_FAILED_KEYS = ("files_failed", "failed_files")
# Keys the page shows from the rows themselves (or not at all): not repeated under 其他运行信息.
_SUMMARY_SHOWN_ELSEWHERE = {"versions", "score_distribution", "generated_at", "projects", "findings",
                            "findings_by_code", "rows_for_review", "mean_row_score"}
#: Chinese labels of further summary keys ``zhibiao score`` writes.
SUMMARY_LABELS: dict[str, str] = {
    "files_read": "成功读取的文件数",
    "departments": "部门数",
    "empty_templates": "空白模板表",
    "mean_project_specificity": "平均项目具体性",
    "model_trained_on": "模型训练数据版本",
    "report_rows_shown": "报告明细范围",
    "thresholds_used": "检查所用阈值",
}

#: Above this many indicator rows, report.xlsx (指标明细, 项目评分, 问题清单) and the
#: report.html drill-down show a bounded selection (待复核 and flagged rows first) and
#: say so; indicators.csv, projects.csv and findings.csv always hold every row. Excel
#: stops at 1,048,576 rows, and a workbook or page of a million rows helps nobody.
DETAIL_ROW_LIMIT = 5_000

# Columns holding numbers: numeric text from the pipeline ("30", "-5") is written as a number,
# so spreadsheets can sort and colour it and "-5" is not taken for a formula.
_NUMERIC_COLUMNS = {"row_id", "table_index", "number", "dimension_confidence", "concept_confidence", "row_score",
                    "n_indicators", "specificity", "n_findings", "finding_id"}

SCORE_BINS: tuple[tuple[int, int], ...] = tuple((low, low + 10) for low in range(0, 100, 10))
UNRECOGNISED = "（未识别）"
NOT_PREDICTED = "（无）"

# Control characters that XML 1.0 (and therefore .xlsx) cannot store; Word text has them.
_XML_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


# ---------------------------------------------------------------------------
# Cell values


def _plain(value: Any) -> Any:
    """A CSV/JSON/Excel-friendly scalar: "" for missing, Python numbers, str otherwise."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ";".join(str(_plain(v)) for v in value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return ""
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value)


def _text(value: Any) -> str:
    plain = _plain(value)
    return plain if isinstance(plain, str) else str(plain)


def _number(value: Any) -> float | None:
    plain = _plain(value)
    if plain == "":
        return None
    try:
        number = float(plain)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _cell(value: Any, column: str) -> Any:
    """A plain value; numeric text in a numeric column becomes a number."""
    plain = _plain(value)
    if column in _NUMERIC_COLUMNS and isinstance(plain, str) and plain.strip():
        number = _number(plain.strip())
        if number is not None and not math.isinf(number):
            return _plain(number)
    return plain


def _flag01(value: Any, column: str, row_id: str) -> int:
    plain = _plain(value)
    if plain in ("", 0, "0", "false", "False", "否"):
        return 0
    if plain in (1, "1", "true", "True", "是"):
        return 1
    raise ValueError(f"indicators row {row_id}: column {column} must be 0 or 1, got {plain!r}; "
                     "the scoring pipeline should write 0/1 there")


def _split_ids(value: Any) -> list[str]:
    """Row ids or finding codes from "12;13" (or a list, as nlp.checks gives them)."""
    if isinstance(value, (list, tuple, set, np.ndarray)):
        tokens = [_text(v) for v in value]
    else:
        tokens = re.split(r"[;,，；\s]+", _text(value))
    return [t for t in (tok.strip() for tok in tokens) if t]


def _severity_rank(severity: str) -> int:
    return _SEVERITY_RANK.get(severity.strip().lower(), _SEVERITY_RANK.get(severity.strip(), 3))


def _severity_label(severity: str) -> str:
    return SEVERITY_LABELS.get(severity.strip().lower(), severity.strip() or "未定级")


@lru_cache(maxsize=4096)  # called for every shown row and project, with few distinct scores
def _score_colour(score: float | None) -> str:
    """Red (0) -> amber (50) -> green (100), the same scale as the workbook."""
    if score is None:
        return "#e5e7eb"
    stops = ((0.0, (0xF8, 0x69, 0x6B)), (50.0, (0xFF, 0xD9, 0x66)), (100.0, (0x63, 0xBE, 0x7B)))
    score = min(100.0, max(0.0, score))
    for (x0, c0), (x1, c1) in zip(stops, stops[1:]):
        if score <= x1:
            t = (score - x0) / (x1 - x0)
            rgb = tuple(round(a + (b - a) * t) for a, b in zip(c0, c1))
            return "#%02x%02x%02x" % rgb
    return "#63be7b"


def _fmt(number: float | None, digits: int = 1) -> str:
    return "—" if number is None else f"{number:.{digits}f}"


def _code_titles() -> dict[str, str]:
    """Short Chinese titles of the finding codes, when the checks module is available."""
    try:
        from nlp.checks import CODES
    except ImportError:  # the writers do not depend on the checks; codes then show as they are
        return {}
    return {code: spec.title for code, spec in CODES.items()}


# ---------------------------------------------------------------------------
# Input checks and normalisation


def _require(frame: pd.DataFrame, columns: Iterable[str], what: str, constant: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} is missing columns {', '.join(missing)}; the scoring pipeline must supply them "
            f"before calling write_reports (see pipelines.report.{constant})"
        )


def _prepare_indicators(indicators: pd.DataFrame) -> tuple[list[str], list[dict[str, Any]]]:
    _require(indicators, INDICATOR_REPORT_COLUMNS, "indicators", "INDICATOR_REPORT_COLUMNS")
    ids = indicators["row_id"].tolist() if "row_id" in indicators.columns else indicators.index.tolist()
    row_ids = [_text(i) for i in ids]
    duplicates = sorted({i for i, n in Counter(row_ids).items() if n > 1})
    if duplicates:
        raise ValueError(
            f"indicators has duplicate row ids {', '.join(duplicates[:10])}; findings.rows refers to them, "
            "so they must be unique (use indicators.reset_index(drop=True))"
        )
    extras = [c for c in indicators.columns if c not in INDICATOR_REPORT_COLUMNS and c != "row_id"]
    columns = ["row_id", *INDICATOR_REPORT_COLUMNS, *extras]
    records = []
    for row_id, raw in zip(row_ids, indicators.to_dict("records")):
        record = {c: _cell(raw.get(c), c) for c in columns if c != "row_id"}
        record["row_id"] = _cell(ids[len(records)], "row_id")
        record["vague"] = _flag01(raw.get("vague"), "vague", row_id)
        record["misfiled"] = _flag01(raw.get("misfiled"), "misfiled", row_id)
        score = _number(raw.get("row_score"))
        if record["row_score"] != "" and score is None:
            raise ValueError(f"indicators row {row_id}: row_score {record['row_score']!r} is not a number; "
                             "it must be a score from 0 to 100")
        record["row_score"] = "" if score is None else _plain(round(score, 1))
        record["flags"] = ";".join(_split_ids(raw.get("flags")))
        records.append(record)
    return columns, records


def _prepare_projects(projects: pd.DataFrame) -> tuple[list[str], list[dict[str, Any]]]:
    _require(projects, PROJECT_REPORT_COLUMNS, "projects", "PROJECT_REPORT_COLUMNS")
    extras = [c for c in projects.columns if c not in PROJECT_REPORT_COLUMNS]
    columns = [*PROJECT_REPORT_COLUMNS, *extras]
    records = []
    for raw in projects.to_dict("records"):
        record = {c: _cell(raw.get(c), c) for c in columns}
        specificity = _number(raw.get("specificity"))
        record["specificity"] = "" if specificity is None else _plain(round(specificity, 1))
        records.append(record)
    return columns, records


def _prepare_findings(findings: pd.DataFrame, known_rows: set[str]) -> tuple[list[str], list[dict[str, Any]]]:
    _require(findings, FINDING_REPORT_COLUMNS, "findings", "FINDING_REPORT_COLUMNS")
    extras = [c for c in findings.columns if c not in FINDING_REPORT_COLUMNS]
    columns = [*FINDING_REPORT_COLUMNS, *extras]
    records = []
    for position, raw in enumerate(findings.to_dict("records")):
        record = {c: _cell(raw.get(c), c) for c in columns}
        rows = _split_ids(raw.get("rows"))
        unknown = [r for r in rows if r not in known_rows]
        if unknown:
            raise ValueError(
                f"findings row {position} ({record['code']}): rows {';'.join(unknown)} are not row ids of "
                "indicators; findings.rows must list indicators row ids separated by ';'"
            )
        record["rows"] = ";".join(rows)
        records.append(record)
    return columns, records


# ---------------------------------------------------------------------------
# What the workbook and the page show


def score_histogram(scores: Iterable[float | None]) -> list[dict[str, Any]]:
    """Counts of row scores in ten bins 0-9, 10-19, ..., 90-100 (100 falls in the last)."""
    if not isinstance(scores, np.ndarray):
        scores = np.array([score for score in scores if score is not None], dtype=float)
    bins = np.minimum(np.fmax(scores, 0.0) // 10, len(SCORE_BINS) - 1).astype(np.int64)  # fmax: NaN counts as 0, as max(0.0, nan) did
    counts = np.bincount(bins, minlength=len(SCORE_BINS)).tolist()
    return [
        {"label": f"{low}–{high - 1}" if high < 100 else f"{low}–100", "low": low, "high": high, "count": n}
        for (low, high), n in zip(SCORE_BINS, counts)
    ]


def dimension_matrix(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts of (filed 二级 normalised, predicted dimension) pairs.

    Filed labels are normalised with :func:`nlp.dimensions.normalize_levels`;
    labels it cannot map count under 「（未识别）」, rows without a prediction
    under 「（无）」.
    """
    counts: Counter[tuple[str, str]] = Counter()
    for record in records:
        _, filed = normalize_levels(_text(record["l1_filed"]), _text(record["l2_filed"]))
        predicted = _text(record["dimension"]).strip()
        counts[(filed or UNRECOGNISED, predicted or NOT_PREDICTED)] += 1
    return _matrix_from_counts(counts)


def _matrix_from_counts(counts: Counter) -> dict[str, Any]:
    filed_labels = list(DIMENSIONS) + ([UNRECOGNISED] if any(f == UNRECOGNISED for f, _ in counts) else [])
    known = set(DIMENSIONS)
    odd_predictions = sorted({p for _, p in counts if p not in known and p != NOT_PREDICTED})
    predicted_labels = list(DIMENSIONS) + odd_predictions + (
        [NOT_PREDICTED] if any(p == NOT_PREDICTED for _, p in counts) else [])
    cells = [[counts.get((f, p), 0) for p in predicted_labels] for f in filed_labels]
    agree = sum(counts.get((d, d), 0) for d in DIMENSIONS)
    total = sum(counts.values())
    return {
        "filed": filed_labels,
        "predicted": predicted_labels,
        "cells": cells,
        "max": max([max(row) for row in cells] + [1]),
        "total": total,
        "agree": agree,
        "disagree": total - agree,
    }


def _summary_count(value: Any) -> Any:
    if isinstance(value, Mapping):
        numbers = [v for v in value.values() if isinstance(_plain(v), (int, float))]
        return sum(_plain(v) for v in numbers) if len(numbers) == len(value) else len(value)
    if isinstance(value, (list, tuple, set)):
        return len(value)
    return _plain(value)


def _skip_reasons(summary: Mapping[str, Any]) -> list[tuple[str, Any]]:
    for key in _SKIP_REASON_KEYS:
        value = summary.get(key)
        if isinstance(value, Mapping):
            items = sorted(value.items(), key=lambda kv: -(_number(kv[1]) or 0))
            return [(_reason_label(k), _plain(v)) for k, v in items]
        if isinstance(value, (list, tuple)) and value and all(isinstance(v, Mapping) for v in value):
            reasons = Counter(_text(v.get("reason", "")) for v in value)
            return [(_reason_label(k), n) for k, n in reasons.most_common()]
    return []


def _reason_label(reason: Any) -> str:
    text = _text(reason)
    label = SKIP_REASON_LABELS.get(text)
    return f"{label}（{text}）" if label else text


def _failed_files(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    for key in _FAILED_KEYS:
        value = summary.get(key)
        if isinstance(value, Mapping):
            return [(_text(k), _text(v)) for k, v in value.items()]
        if isinstance(value, (list, tuple)):
            failed = []
            for item in value:
                if isinstance(item, Mapping):
                    name = item.get("file", item.get("source_file", item.get("path", "")))
                    reason = item.get("reason", item.get("error", ""))
                    failed.append((_text(name), _text(reason)))
                else:
                    failed.append((_text(item), ""))
            return failed
    return []


def _versions(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    labels = {"model_version": "模型版本", "taxonomy_version": "概念体系版本", "zhibiao_version": "zhibiao 版本"}
    found = [(labels.get(k, k), _text(v)) for k, v in summary.items()
             if k.endswith("version") and not isinstance(v, (Mapping, list, tuple))]
    nested = summary.get("versions")
    if isinstance(nested, Mapping):
        found += [(labels.get(k, k), _text(v)) for k, v in nested.items()]
    return found


def _other_summary(summary: Mapping[str, Any]) -> list[tuple[str, str]]:
    used = {k for keys, _ in _SUMMARY_COUNTS for k in keys} | set(_SKIP_REASON_KEYS) | set(_FAILED_KEYS)
    other = []
    for key, value in summary.items():
        if key in used or key in _SUMMARY_SHOWN_ELSEWHERE or key.endswith("version"):
            continue
        if isinstance(value, (Mapping, list, tuple)):
            text = json.dumps(_jsonable(value), ensure_ascii=False)
            if len(text) > 300:  # long lists stay in summary.json
                text = f"{len(value)} 项（详见 summary.json）"
        else:
            text = _text(value)
        other.append((SUMMARY_LABELS.get(key, key), text))
    return other


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.isoformat()
    if value is None or isinstance(value, (str, bool)):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    plain = _plain(value)
    return None if plain == "" else plain


class _ReportView:
    """Everything the workbook and the page show, computed once from the inputs."""

    def __init__(self, indicator_columns, indicators, project_columns, projects,
                 finding_columns, findings, summary):
        self.indicator_columns = indicator_columns
        self.indicators = indicators
        self.project_columns = project_columns
        self.projects = projects
        self.finding_columns = finding_columns
        self.findings = findings
        self.summary = summary
        self.n_indicators = len(indicators)
        self.n_findings = len(findings)
        self.scores = [_number(r["row_score"]) for r in indicators]
        self.mean_score = _mean(self.scores)
        self.histogram = score_histogram(self.scores)
        self.facts = self._facts()
        self.skip_reasons = _skip_reasons(summary)
        self.failed_files = _failed_files(summary)
        self.versions = _versions(summary)
        self.other_summary = _other_summary(summary)
        self.bounded = False

    # The aggregates below are made when first asked for: a bounded view (LargeReport) sets its
    # own, made over every row, and never needs these over the rows it shows.
    @cached_property
    def matrix(self):
        return dimension_matrix(self.indicators)

    @cached_property
    def finding_types(self) -> list[dict[str, Any]]:
        return self._finding_types()

    @cached_property
    def departments(self) -> list[dict[str, Any]]:
        return self._departments()

    # -- overview ---------------------------------------------------------
    def _facts(self) -> list[tuple[str, Any]]:
        facts = []
        for keys, label in _SUMMARY_COUNTS:
            present = [k for k in keys if k in self.summary]
            if present:
                facts.append((label, _summary_count(self.summary[present[0]])))
        flagged = sum(1 for r in self.indicators if r["flags"] or r["review"] == REVIEW_MARK)
        facts += [
            ("项目数", len(self.projects)),
            ("三级指标数", len(self.indicators)),
            ("有问题的指标", flagged),
            ("待复核", sum(1 for r in self.indicators if r["review"] == REVIEW_MARK)),
            ("问题数", len(self.findings)),
            ("平均指标得分", "—" if self.mean_score is None else round(self.mean_score, 1)),
        ]
        return facts

    def _finding_types(self) -> list[dict[str, Any]]:
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for f in self.findings:
            key = (_text(f["code"]), _text(f["severity"]))
            group = groups.setdefault(key, {"code": key[0], "severity": key[1], "count": 0, "rows": set(),
                                            "rule": _text(f["rule"]), "example": _text(f["message"])})
            group["count"] += 1
            group["rows"].update(_split_ids(f["rows"]))
        types = sorted(groups.values(), key=lambda g: (-g["count"], _severity_rank(g["severity"]), g["code"]))
        titles = _code_titles()
        for group in types:
            group["title"] = titles.get(group["code"], "")
            group["n_rows"] = len(group.pop("rows"))
            group["severity_label"] = _severity_label(group["severity"])
            group["severity_rank"] = _severity_rank(group["severity"])
        return types

    def _departments(self) -> list[dict[str, Any]]:
        by_dept: dict[str, dict[str, Any]] = defaultdict(lambda: {
            "projects": 0, "specificities": [], "rows": 0, "scores": [], "findings": 0, "review": 0})
        for p in self.projects:
            d = by_dept[_text(p["department"])]
            d["projects"] += 1
            if _number(p["specificity"]) is not None:
                d["specificities"].append(_number(p["specificity"]))
        for r in self.indicators:
            d = by_dept[_text(r["department"])]
            d["rows"] += 1
            if _number(r["row_score"]) is not None:
                d["scores"].append(_number(r["row_score"]))
            d["review"] += r["review"] == REVIEW_MARK
        for f in self.findings:
            by_dept[_text(f["department"])]["findings"] += 1
        departments = []
        for name, d in by_dept.items():
            specificity = _mean(d["specificities"])
            departments.append({
                "department": name or "（未注明部门）",
                "projects": d["projects"],
                "rows": d["rows"],
                "mean_specificity": None if specificity is None else round(specificity, 1),
                "mean_row_score": None if _mean(d["scores"]) is None else round(_mean(d["scores"]), 1),
                "findings": d["findings"],
                "review": d["review"],
            })
        departments.sort(key=lambda d: (d["mean_specificity"] is None, d["mean_specificity"] or 0, d["department"]))
        return departments

    # -- drill-down -------------------------------------------------------
    @cached_property
    def drilldown(self) -> list[dict[str, Any]]:
        """Per project, its flagged rows with their reasons (the page's drill-down; made when
        first asked for, so the workbook, written apart, never waits for it)."""
        findings_by_row: dict[str, list[dict[str, Any]]] = defaultdict(list)
        project_level: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for f in self.findings:
            ids = _split_ids(f["rows"])
            # Project-scope findings may list rows as evidence; they belong to the project.
            if not ids or _text(f.get("scope", "")) == "project":
                project_level[(_text(f["department"]), _text(f["project"]))].append(f)
            else:
                for row_id in ids:
                    findings_by_row[row_id].append(f)

        # Projects are (department, project) pairs; the file tells them apart only when the
        # projects table lists the same pair more than once (one entry per file).
        listed = Counter((_text(p["department"]), _text(p["project"])) for p in self.projects)

        def project_key(record: Mapping[str, Any]) -> tuple[str, str, str]:
            department, project = _text(record["department"]), _text(record["project"])
            if not project and "table_index" in record:
                # nlp.checks groups rows without a project by table, labelled "<file>#<table>".
                label = f"{_text(record['source_file'])}#{_text(record['table_index'])}"
                project = label if listed[(department, label)] else ""
            pair = (department, project)
            return (_text(record["source_file"]) if listed[pair] > 1 else "", *pair)

        rows_by_project: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for r in self.indicators:
            rows_by_project[project_key(r)].append(r)

        entries: list[dict[str, Any]] = []
        seen: set[tuple[str, str, str]] = set()
        for p in self.projects:
            key = project_key(p)
            seen.add(key)
            entries.append(self._project_entry(key, p, rows_by_project.get(key, []),
                                               project_level.get(key[1:], []), findings_by_row))
        for key, rows in rows_by_project.items():
            if key not in seen:  # rows whose project the pipeline did not list
                entries.append(self._project_entry(key, None, rows, project_level.get(key[1:], []),
                                                   findings_by_row))
        entries.sort(key=lambda e: (e["specificity"] is None, e["specificity"] or 0, e["department"], e["project"]))
        for index, entry in enumerate(entries):
            entry["index"] = index
        return entries

    def _project_entry(self, key, project, rows, project_findings, findings_by_row) -> dict[str, Any]:
        _, department, name = key
        files = list(dict.fromkeys([_text(project["source_file"])] if project is not None else []))
        files = list(dict.fromkeys(files + [_text(r["source_file"]) for r in rows]))
        source_file = " · ".join(files[:3]) + (f" 等 {len(files)} 个文件" if len(files) > 3 else "")
        flagged = []
        codes: set[str] = set()
        for r in rows:
            linked = findings_by_row.get(_text(r["row_id"]), [])
            flags = _split_ids(r["flags"])
            if not (flags or linked or r["review"] == REVIEW_MARK):
                continue
            reasons = [self._reason(f) for f in sorted(linked, key=lambda f: _severity_rank(_text(f["severity"])))]
            for reason in reasons:  # evidence that only repeats the row's own cells adds nothing on the page
                if reason["evidence"] in (_text(r["name"]), _text(r["value_raw"])):
                    reason["evidence"] = ""
            explained = {reason["code"] for reason in reasons}
            reasons += [{"code": c, "severity": "", "severity_label": "", "severity_rank": 3,
                         "message": "", "evidence": "", "rule": "", "rows": []} for c in flags if c not in explained]
            codes.update(flags)
            codes.update(reason["code"] for reason in reasons)
            _, filed = normalize_levels(_text(r["l1_filed"]), _text(r["l2_filed"]))
            score = _number(r["row_score"])
            flagged.append({
                "row_id": _text(r["row_id"]),
                "locator": _text(r["row_locator"]),
                "l2_filed": _text(r["l2_filed"]),
                "filed": filed,
                "dimension": _text(r["dimension"]),
                "misfiled": bool(r["misfiled"]) or (filed and _text(r["dimension"]) and filed != _text(r["dimension"])),
                "name": _text(r["name"]),
                "value_raw": _text(r["value_raw"]),
                "score": score,
                "score_text": _fmt(score, 0),
                "score_colour": _score_colour(score),
                "review": r["review"] == REVIEW_MARK,
                "reasons": reasons,
            })
        codes.update(_text(f["code"]) for f in project_findings)
        specificity = _number(project["specificity"]) if project is not None else _mean(
            [_number(r["row_score"]) for r in rows])
        n_findings = (_number(project["n_findings"]) if project is not None else None)
        if n_findings is None:
            n_findings = len(project_findings) + sum(len(findings_by_row.get(_text(r["row_id"]), [])) for r in rows)
        return {
            "source_file": source_file,
            "department": department,
            "project": name or "（未注明项目）",
            "n_indicators": int(_number(project["n_indicators"]) or 0) if project is not None else len(rows),
            "specificity": None if specificity is None else round(specificity, 1),
            "specificity_text": _fmt(specificity, 1),
            "specificity_colour": _score_colour(specificity),
            "n_findings": int(n_findings),
            "top_findings": _text(project["top_findings"]) if project is not None else "",
            "goal": _text(project.get("goal", "")) if project is not None else "",
            "project_findings": [self._reason(f) for f in project_findings],
            "flagged": flagged,
            "n_review": sum(1 for r in flagged if r["review"]),
            "n_clean": len(rows) - len(flagged),
            "codes": sorted(codes),
            "search": " ".join([department, name, source_file] + [_text(r["name"]) for r in rows]),
        }

    @staticmethod
    def _reason(finding: Mapping[str, Any]) -> dict[str, Any]:
        severity = _text(finding["severity"])
        return {
            "code": _text(finding["code"]),
            "severity": severity,
            "severity_label": _severity_label(severity),
            "severity_rank": _severity_rank(severity),
            "message": _text(finding["message"]),
            "evidence": _text(finding["evidence"]),
            "rule": _text(finding["rule"]),
            "rows": _split_ids(finding["rows"]),
        }


def _mean(values: Iterable[float | None]) -> float | None:
    numbers = [v for v in values if v is not None]
    return sum(numbers) / len(numbers) if numbers else None


# ---------------------------------------------------------------------------
# Excel workbook


def _xlsx_text(value: Any) -> Any:
    """Document text for a worksheet cell: no XML-illegal characters, formulas neutralised."""
    plain = _plain(value)
    if isinstance(plain, str):
        return neutralize_formula(_XML_ILLEGAL_RE.sub(" ", plain))
    return plain


_WRAP_COLUMNS = {"name", "description", "value_raw", "basis", "flags", "message", "evidence", "rule",
                 "top_findings", "project", "concept", "goal"}
_WIDTH_CAPS = {"name": 30, "description": 36, "value_raw": 24, "basis": 24, "message": 40, "evidence": 44,
               "rule": 36, "project": 36, "top_findings": 40, "flags": 30, "goal": 48}
_SCORE_COLUMNS = {"row_score", "specificity"}
_CONFIDENCE_COLUMNS = {"dimension_confidence", "concept_confidence"}


def _display_width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _excel_width(width: float) -> float:
    """The ``set_column`` width that XlsxWriter stores as ``width``: it adds Excel's
    5-pixel cell padding (of a 7-pixel digit), so the columns keep the widths they had."""
    return width - 5 / 7


def _format_cache(workbook):
    """``fmt(**properties)``: one XlsxWriter Format per distinct set of properties."""
    formats: dict[tuple, Any] = {}

    def fmt(**properties):
        key = tuple(sorted(properties.items()))
        if key not in formats:
            formats[key] = workbook.add_format(properties)
        return formats[key]

    return fmt


def _write_value(sheet, row: int, col: int, value: Any, cell_format) -> None:
    """One cell (0-based row and column): text always as text, numbers as numbers.

    ``worksheet.write()`` would read "=..." or "{=...}" as a formula; the cell rules
    (:func:`_xlsx_text`) already decided what is text."""
    cell = _xlsx_text(value)
    if isinstance(cell, str):
        if cell:
            sheet.write_string(row, col, cell, cell_format)
        else:
            sheet.write_blank(row, col, None, cell_format)
    else:
        sheet.write_number(row, col, cell, cell_format)


def _write_column(sheet, col: int, records: list[dict[str, Any]], name: str, cell_format) -> None:
    """The column ``name`` of ``records`` from the second row down, as :func:`_write_value`
    would write it. Empty cells are left out: the column format covers them."""
    write_string, write_number = sheet.write_string, sheet.write_number
    converted: dict[str, str] = {}  # texts repeat heavily (files, departments, codes, labels)
    for row, record in enumerate(records, start=1):
        value = record.get(name, "")
        kind = value.__class__
        if kind is str:
            cell = converted.get(value)
            if cell is None:
                cell = converted[value] = _xlsx_text(value)
            if cell:
                write_string(row, col, cell, cell_format)
        elif kind is int or (kind is float and math.isfinite(value)):
            write_number(row, col, value, cell_format)  # what _xlsx_text gives, stored alike
        else:
            cell = _xlsx_text(value)
            if isinstance(cell, str):
                if cell:
                    write_string(row, col, cell, cell_format)
            else:
                write_number(row, col, cell, cell_format)


def _write_table_sheet(workbook, sheet, columns: list[str], records: list[dict[str, Any]], *, freeze: str = "A2",
                       extra_columns: tuple[str, ...] = ()) -> None:
    from xlsxwriter.utility import xl_col_to_name

    fmt = _format_cache(workbook)
    header = [*columns, *extra_columns]
    header_style = {"bold": True, "font_color": "#FFFFFF", "valign": "vcenter", "text_wrap": True}
    for index, name in enumerate(header):
        fill = "#B45309" if name in extra_columns else "#1F3A5F"
        sheet.write_string(0, index, name, fmt(**header_style, bg_color=fill, pattern=1))
        if name in COLUMN_LABELS:
            sheet.write_comment(0, index, COLUMN_LABELS[name], {"author": "zhibiao"})
    sheet.set_row(0, 30)
    sheet.freeze_panes(freeze)
    last_row = max(len(records) + 1, 2)  # 1-based, as the ranges below are written
    sheet.autofilter(f"A1:{xl_col_to_name(len(header) - 1)}{last_row}")

    for index, name in enumerate(header):
        letter = xl_col_to_name(index)
        sample = [_display_width(_text(r.get(name, ""))) for r in records[:500]]
        width = max([_display_width(name) + 2, *(s + 2 for s in sample)] + [6])
        cap = _WIDTH_CAPS.get(name, 22 if name not in extra_columns else 14)
        # The column format also styles the cells left empty, the review columns included.
        style = {"valign": "top"}
        if name in _WRAP_COLUMNS:
            style["text_wrap"] = True
        if name in _CONFIDENCE_COLUMNS:
            style["num_format"] = "0.00"
        data_format = fmt(**style)
        sheet.set_column(index, index, _excel_width(min(width, cap)), data_format)
        if not records:
            continue
        if name not in extra_columns:
            _write_column(sheet, index, records, name, data_format)
        if name in _SCORE_COLUMNS:
            sheet.conditional_format(f"{letter}2:{letter}{last_row}", {
                "type": "3_color_scale",
                "min_type": "num", "min_value": 0, "min_color": "#F8696B",
                "mid_type": "num", "mid_value": 50, "mid_color": "#FFEB84",
                "max_type": "num", "max_value": 100, "max_color": "#63BE7B"})
        if name in _CONFIDENCE_COLUMNS:
            sheet.conditional_format(f"{letter}2:{letter}{last_row}", {
                "type": "2_color_scale",
                "min_type": "num", "min_value": 0, "min_color": "#FFFFFF",
                "max_type": "num", "max_value": 1, "max_color": "#9BC2E6"})


def _add_review_validation(sheet, columns: list[str], n_rows: int) -> None:
    from xlsxwriter.utility import xl_col_to_name

    last_row = max(n_rows + 1, 2)
    dimension_col = xl_col_to_name(len(columns))
    vague_col = xl_col_to_name(len(columns) + 2)
    sheet.data_validation(f"{dimension_col}2:{dimension_col}{last_row}", {
        "validate": "list", "source": list(DIMENSIONS), "ignore_blank": True,
        "show_error": True, "error_title": "复核维度", "error_message": "请从11个二级维度中选择，或留空。",
        "show_input": True, "input_title": "复核维度", "input_message": "判定有误时选择正确的二级维度"})
    sheet.data_validation(f"{vague_col}2:{vague_col}{last_row}", {
        "validate": "list", "source": ["0", "1"], "ignore_blank": True,
        "show_error": True, "error_title": "复核含糊", "error_message": "填 1（含糊）或 0（具体），或留空。",
        "show_input": False})


def _highlight_review_rows(workbook, sheet, columns: list[str], n_rows: int) -> None:
    """Shade the rows the model marked 待复核, so reviewers see where to start."""
    from xlsxwriter.utility import xl_col_to_name

    if not n_rows:
        return
    review = xl_col_to_name(columns.index("review"))
    last = xl_col_to_name(len(columns) + len(REVIEW_COLUMNS) - 1)
    sheet.conditional_format(f"A2:{last}{n_rows + 1}", {
        "type": "formula", "criteria": f'=${review}2="{REVIEW_MARK}"',
        "format": workbook.add_format({"bg_color": "#FFF4D6"})})


def _write_overview_sheet(workbook, sheet, view: _ReportView, generated_at: str) -> None:
    fmt = _format_cache(workbook)
    navy = "#1F3A5F"
    head_format = fmt(bold=True, font_color="#FFFFFF", bg_color=navy, pattern=1, align="center")
    top, top_wrap = fmt(valign="top"), fmt(valign="top", text_wrap=True)

    sheet.write_string(0, 0, "预算绩效目标指标评审报告 · 概览", fmt(bold=True, font_size=16, font_color=navy))
    sheet.write_string(1, 0, _xlsx_text(f"生成时间 {generated_at}"), fmt(font_color="#6B7280"))
    row = 4  # 1-based, as in Excel; the worksheet calls take row - 1

    def section(title: str, headers: list[str], rows: list[list[Any]]) -> tuple[int, int]:
        nonlocal row
        sheet.write_string(row - 1, 0, title, fmt(bold=True, font_size=12, font_color=navy))
        row += 1
        for col, text in enumerate(headers):
            _write_value(sheet, row - 1, col, text, head_format)
        first = row + 1
        for values in rows:
            row += 1
            for col, value in enumerate(values):
                wrap = isinstance(value, str) and len(value) > 13 and _display_width(value) > 26
                _write_value(sheet, row - 1, col, value, top_wrap if wrap else top)
        last = row
        row += 2
        return first, last

    section("运行概况", ["项目", "数值"], [[label, value] for label, value in view.facts])
    if view.versions:
        section("版本", ["组件", "版本"], [[label, value] for label, value in view.versions])
    if view.skip_reasons:
        section("跳过行及原因", ["原因", "行数"], [[r, n] for r, n in view.skip_reasons])
    if view.failed_files:
        section("读取失败的文件", ["文件", "原因"], [[f, r] for f, r in view.failed_files])
    if view.other_summary:
        section("其他运行信息", ["键", "值"], [[k, v] for k, v in view.other_summary])

    hist_first, hist_last = section("三级指标具体性得分分布", ["分数段", "指标数"],
                                    [[b["label"], b["count"]] for b in view.histogram])
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({
        "name": [sheet.name, hist_first - 2, 1],  # the 指标数 header
        "categories": [sheet.name, hist_first - 1, 0, hist_last - 1, 0],
        "values": [sheet.name, hist_first - 1, 1, hist_last - 1, 1],
    })
    chart.set_title({"name": "得分分布"})
    chart.set_y_axis({"name": "指标数"})
    chart.set_x_axis({"name": "具体性得分"})
    chart.set_legend({"none": True})
    chart.set_size({"width": 529, "height": 265})  # 14 cm x 7 cm at 96 dpi
    sheet.insert_chart(hist_first - 2, 3, chart)  # D, beside the table's header row
    row += 3  # the chart is about 14 rows tall; keep the next table clear of it

    section("问题类型", ["问题代码", "问题", "严重程度", "问题数", "涉及指标数", "规则", "示例说明"],
            [[t["code"], t["title"], t["severity_label"], t["count"], t["n_rows"], t["rule"], t["example"]]
             for t in view.finding_types])
    dept_first, dept_last = section(
        "各部门平均", ["部门", "项目数", "三级指标数", "平均项目具体性", "平均指标得分", "问题数", "待复核"],
        [[d["department"], d["projects"], d["rows"], d["mean_specificity"], d["mean_row_score"],
          d["findings"], d["review"]] for d in view.departments])
    if view.departments:
        for letter in ("D", "E"):
            sheet.conditional_format(f"{letter}{dept_first}:{letter}{dept_last}", {
                "type": "3_color_scale",
                "min_type": "num", "min_value": 0, "min_color": "#F8696B",
                "mid_type": "num", "mid_value": 50, "mid_color": "#FFEB84",
                "max_type": "num", "max_value": 100, "max_color": "#63BE7B"})
    matrix = view.matrix
    m_first, _ = section("二级指标：填报（行） × 判定（列）", ["填报 \\ 判定", *matrix["predicted"]],
                         [[f, *counts] for f, counts in zip(matrix["filed"], matrix["cells"])])
    for i, filed in enumerate(matrix["filed"]):
        for j, predicted in enumerate(matrix["predicted"]):
            if matrix["cells"][i][j]:  # written again, now shaded: green on the diagonal, red off it
                shade = fmt(valign="top", bg_color="#E3F1E7" if filed == predicted else "#FCE4E4", pattern=1,
                            bold=filed != predicted)
                _write_value(sheet, m_first + i - 1, j + 1, matrix["cells"][i][j], shade)

    widths = {"A": 30, "B": 26, "C": 12, "D": 14, "E": 14, "F": 32, "G": 32}
    for letter, width in widths.items():
        sheet.set_column(f"{letter}:{letter}", _excel_width(width))
    sheet.hide_gridlines(2)  # on screen too, not only when printed


def _write_workbook(path: Path, view: _ReportView, generated_at: str) -> None:
    import xlsxwriter

    # Cells go through write_string/write_number only; these options keep any generic
    # write() from reading text as a formula, a number or a link all the same.
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False,
                                               "strings_to_urls": False, "in_memory": True})
    _write_overview_sheet(workbook, workbook.add_worksheet("概览"), view, generated_at)
    _write_table_sheet(workbook, workbook.add_worksheet("项目评分"), view.project_columns,
                       sorted(view.projects, key=lambda p: (_number(p["specificity"]) is None,
                                                            _number(p["specificity"]) or 0)))
    details = workbook.add_worksheet("指标明细")
    _write_table_sheet(workbook, details, view.indicator_columns, view.indicators, freeze="B2",
                       extra_columns=REVIEW_COLUMNS)
    _add_review_validation(details, view.indicator_columns, len(view.indicators))
    _highlight_review_rows(workbook, details, view.indicator_columns, len(view.indicators))
    findings = sorted(view.findings, key=lambda f: (_severity_rank(_text(f["severity"])), _text(f["code"])))
    if view.bounded:
        findings = findings[:DETAIL_ROW_LIMIT]
    _write_table_sheet(workbook, workbook.add_worksheet("问题清单"), view.finding_columns, findings)
    workbook.close()


# ---------------------------------------------------------------------------
# HTML page


def _render_html(view: _ReportView, generated_at: str) -> str:
    from jinja2 import Environment, select_autoescape

    template_text = resources.files("pipelines").joinpath("templates", "report.html.j2").read_text(encoding="utf-8")
    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True),
                              trim_blocks=True, lstrip_blocks=True)
    template = environment.from_string(template_text)
    page_data = {
        "projects": [{"index": e["index"], "search": e["search"].lower(), "codes": e["codes"],
                      "specificity": e["specificity"], "n_findings": e["n_findings"],
                      "flagged": len(e["flagged"]) + len(e["project_findings"]), "project": e["project"]}
                     for e in view.drilldown],
    }
    return template.render(
        view=view,
        generated_at=generated_at,
        histogram_svg=_histogram_geometry(view.histogram),
        findings_svg=_findings_geometry(view.finding_types),
        matrix_colours=_matrix_colours(view.matrix),
        page_data=page_data,
        fmt=_fmt,
        score_colour=_score_colour,
    )


def _histogram_geometry(histogram: list[dict[str, Any]]) -> dict[str, Any]:
    width, height, left, bottom, top = 620, 260, 44, 36, 18
    plot_w, plot_h = width - left - 12, height - bottom - top
    peak = max([b["count"] for b in histogram] + [1])
    step = _nice_step(peak)
    y_max = step * math.ceil(peak / step)
    slot = plot_w / len(histogram)
    bars = []
    for i, b in enumerate(histogram):
        h = plot_h * b["count"] / y_max
        bars.append({
            "x": round(left + i * slot + slot * 0.12, 1), "w": round(slot * 0.76, 1),
            "y": round(top + plot_h - h, 1), "h": round(h, 1), "count": b["count"], "label": b["label"],
            "cx": round(left + i * slot + slot / 2, 1), "colour": _score_colour(b["low"] + 5),
        })
    ticks = [{"y": round(top + plot_h - plot_h * v / y_max, 1), "value": v}
             for v in range(0, y_max + 1, step)]
    return {"width": width, "height": height, "left": left, "top": top, "plot_w": plot_w,
            "base": top + plot_h, "bars": bars, "ticks": ticks}


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if peak / step <= 5:
            return step
    return 10 ** len(str(peak))


_SEVERITY_COLOURS = {0: "#c2410c", 1: "#d97706", 2: "#2563eb", 3: "#6b7280"}


#: Finding types drawn in the bar chart; the table under it lists them all.
CHART_FINDING_TYPES = 12


def _findings_geometry(types: list[dict[str, Any]]) -> dict[str, Any]:
    label_w, bar_w, row_h, top = 210, 330, 26, 8
    hidden = max(0, len(types) - CHART_FINDING_TYPES)
    types = types[:CHART_FINDING_TYPES]
    peak = max([t["count"] for t in types] + [1])
    bars = []
    for i, t in enumerate(types):
        w = bar_w * t["count"] / peak
        bars.append({"y": top + i * row_h, "w": round(max(w, 2), 1), "count": t["count"], "code": t["code"],
                     "label": t["title"] or t["code"],
                     "rule": t["rule"], "severity": t["severity_label"],
                     "colour": _SEVERITY_COLOURS[t["severity_rank"]]})
    return {"width": label_w + bar_w + 56, "height": top * 2 + max(len(types), 1) * row_h,
            "label_w": label_w, "row_h": row_h, "bars": bars, "hidden": hidden}


def _matrix_colours(matrix: dict[str, Any]) -> list[list[str]]:
    colours = []
    for filed, counts in zip(matrix["filed"], matrix["cells"]):
        row = []
        for predicted, count in zip(matrix["predicted"], counts):
            if not count:
                row.append("")
                continue
            strength = 0.15 + 0.65 * count / matrix["max"]
            rgb = "22,163,74" if filed == predicted else "220,38,38"
            row.append(f"rgba({rgb},{strength:.2f})")
        colours.append(row)
    return colours


# ---------------------------------------------------------------------------
# Entry point


def write_reports(out_dir: Path, indicators: pd.DataFrame, projects: pd.DataFrame,
                  findings: pd.DataFrame, summary: dict) -> dict[str, Path]:
    """Write the six report files into ``out_dir`` and return ``{file name: path}``.

    Nothing is replaced unless every file was written: on any error the
    previous outputs in ``out_dir`` (if any) stay as they were and no temp
    file is left behind. ``summary`` is written as given, plus
    ``score_distribution`` (row-score histogram) when it has none.
    """
    out_dir = Path(out_dir)
    if len(indicators) > DETAIL_ROW_LIMIT:
        return _write_large_reports(out_dir, indicators, projects, findings, summary)
    indicator_columns, indicator_records = _prepare_indicators(indicators)
    project_columns, project_records = _prepare_projects(projects)
    known_rows = {_text(r["row_id"]) for r in indicator_records}
    finding_columns, finding_records = _prepare_findings(findings, known_rows)

    summary_out = dict(summary)
    view = _ReportView(indicator_columns, indicator_records, project_columns, project_records,
                       finding_columns, finding_records, summary_out)
    summary_out.setdefault("score_distribution", {b["label"]: b["count"] for b in view.histogram})
    generated_at = _text(summary_out.get("generated_at")) or datetime.now(timezone.utc).strftime(
        "%Y-%m-%d %H:%M UTC")
    summary_text = json.dumps(_jsonable(summary_out), ensure_ascii=False, indent=2, allow_nan=False) + "\n"

    paths = {name: out_dir / name for name in OUTPUT_FILES}
    # Renaming into place cannot be undone half-way, so a target that cannot be replaced is refused first.
    blocked = [name for name, path in paths.items() if path.is_dir()]
    if blocked:
        raise IsADirectoryError(errno.EISDIR, f"{', '.join(blocked)} there is a folder, not a file; move it away and run again",
                                str(paths[blocked[0]]))
    with ExitStack() as stack:
        # Each temp file is renamed into place when the stack closes without an error.
        staged = {name: stack.enter_context(atomic_path(path)) for name, path in paths.items()}
        write_csv(staged["indicators.csv"], indicator_columns,
                  ([r[c] for c in indicator_columns] for r in indicator_records))
        write_csv(staged["projects.csv"], project_columns, ([r[c] for c in project_columns] for r in project_records))
        write_csv(staged["findings.csv"], finding_columns, ([r[c] for c in finding_columns] for r in finding_records))
        staged["summary.json"].write_text(summary_text, encoding="utf-8")
        _write_workbook(staged["report.xlsx"], view, generated_at)
        staged["report.html"].write_text(_render_html(view, generated_at), encoding="utf-8")
        for tmp in staged.values():
            os.chmod(tmp, OUTPUT_MODE)  # temp files are created private; reports are for sharing
    return paths


# ---------------------------------------------------------------------------
# Large batches (more than DETAIL_ROW_LIMIT indicator rows)
#
# The same cell rules as above, applied once per distinct value of a column (a
# million-row batch repeats its texts heavily) and written column-wise; the
# workbook and the page get every aggregate over all rows, and their row-level
# parts a bounded selection.


def _all_text(values: pd.Series) -> bool:
    """True when every value is a str: the cell rules then leave text columns as they are."""
    return values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) == "string"


def _column_cells(values: pd.Series, column: str) -> np.ndarray:
    """:func:`_cell` of every value of one column."""
    if column not in _NUMERIC_COLUMNS and _all_text(values):
        # _cell of a str in a text column is the str itself. A column of few distinct texts
        # stays coded, so the CSV writer joins it with its neighbours once per combination.
        cells = values.to_numpy(dtype=object)
        codes, distinct = pd.factorize(cells)
        return _coded_cells(codes, np.asarray(distinct, dtype=object)) if len(distinct) <= len(cells) // 8 else cells
    if pd.api.types.is_integer_dtype(values.dtype):
        return values.to_numpy().astype(object)  # Python ints, as _cell gives
    return _per_value(values, lambda v: _cell(v, column))


def _texts(values) -> np.ndarray:
    """:func:`_text` of every value (str values as they are)."""
    series = pd.Series(values, copy=False, dtype=object)
    return series.to_numpy(dtype=object) if _all_text(series) else _per_value(series, _text)


class _CodedCells(np.ndarray):
    """An object array made from a few distinct cells, remembering them: ``codes`` (per row)
    and ``cell_values`` (per distinct value), so the CSV writer joins each distinct cell once.
    Views and results of operations on it are plain arrays again (no codes)."""

    def __array_finalize__(self, obj) -> None:
        self.codes = self.cell_values = None


def _per_value(values: pd.Series, convert) -> np.ndarray:
    """``convert`` applied to each distinct value once, spread back to every row (object array)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    converted = np.empty(len(uniques), dtype=object)
    for position, value in enumerate(uniques):
        converted[position] = convert(value)
    if not len(codes):
        return np.empty(0, dtype=object)
    return _coded_cells(codes, converted)


def _coded_cells(codes: np.ndarray, cell_values: np.ndarray) -> "_CodedCells":
    cells = cell_values[codes].view(_CodedCells)
    cells.codes, cells.cell_values = codes.astype(np.int64, copy=False), cell_values
    return cells


def _split_ids_quick(value: Any) -> list[str]:
    """_split_ids for the usual "12" / "12;13" text without a regex; anything else goes to it."""
    if isinstance(value, str) and value:
        parts = value.split(";")
        if all(part.isdigit() and part.isascii() for part in parts):
            return parts
    return _split_ids(value)


def _first_failing(values: pd.Series, check) -> int | None:
    """Position of the first row whose value ``check`` rejects (returns False), or None."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    bad = np.fromiter((not check(v) for v in uniques), dtype=bool, count=len(uniques))
    if not bad.any():
        return None
    return int(np.flatnonzero(bad[codes])[0])


def _csv_field(value: Any) -> str:
    """One cell exactly as :func:`pipelines.safe_io.write_csv` writes it (csv QUOTE_MINIMAL)."""
    value = "" if value is None else neutralize_formula(value)
    text = value if isinstance(value, str) else (repr(value) if isinstance(value, float) else str(value))
    if any(ch in text for ch in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


# What makes a cell differ from its plain text in the CSV, searched for in a block of cells joined
# by NUL: a character that needs quoting anywhere, or a formula prefix right after a cell boundary
# ("\r" is both). Plain substring tests (C speed) rather than one regex: several times faster on
# the hundreds of megabytes of a million-row batch. A cell that holds NUL itself can only cause
# extra matches (then the cells of that block are converted one by one).
_NEEDS_QUOTING = (",", '"', "\r", "\n")
_FORMULA_AFTER_BOUNDARY = tuple("\0" + prefix for prefix in _FORMULA_PREFIXES if prefix not in _NEEDS_QUOTING)
_CSV_BLOCK = 50_000  # cells joined (and rows written) a block at a time: memory stays flat


def _block_is_plain(cells: list[str]) -> bool:
    """True when no cell of ``cells`` (str) needs quoting or neutralising."""
    joined = "\0" + "\0".join(cells)
    return not any(mark in joined for mark in _NEEDS_QUOTING) and not any(
        mark in joined for mark in _FORMULA_AFTER_BOUNDARY)


def _csv_fields(values: np.ndarray) -> np.ndarray:
    """:func:`_csv_field` of every value; text that needs neither quoting nor neutralising
    (nearly all of it) is passed through without a Python call per value."""
    series = pd.Series(values, copy=False, dtype=object)
    if pd.api.types.infer_dtype(series, skipna=False) == "integer":
        return series.astype(str).to_numpy(dtype=object)  # str(int): nothing to quote or neutralise
    if not _all_text(series):
        return _per_value(series, _csv_field)
    values = series.to_numpy(dtype=object)
    out = values
    for start in range(0, len(values), _CSV_BLOCK):
        block = values[start:start + _CSV_BLOCK]
        if _block_is_plain(block.tolist()):
            continue
        if out is values:
            out = values.copy()
        out[start:start + _CSV_BLOCK] = _per_value(pd.Series(block, copy=False, dtype=object), _csv_field)
    return out


def _write_csv_columns(path: Path, columns: list[str], values: Mapping[str, pd.Series]) -> None:
    """UTF-8-with-BOM CSV like write_csv, built column-wise from prepared cell values."""
    with open(path, "wb") as handle:
        _write_csv_header(handle, columns)
        _write_csv_body(handle, columns, values)


def _write_csv_header(handle, columns: list[str]) -> None:
    """The byte-order mark and the header line (``handle`` is binary: lines are encoded in blocks)."""
    handle.write(codecs.BOM_UTF8 + (",".join(_csv_field(c) for c in columns) + "\r\n").encode("utf-8"))


def _write_csv_body(handle, columns: list[str], values: Mapping[str, pd.Series]) -> None:
    """The rows of ``values`` as CSV lines, encoded to UTF-8 and written to the binary ``handle``."""
    n = len(values[columns[0]]) if columns else 0
    pieces = _csv_pieces([values[c] for c in columns], n)
    for start in range(0, n, _CSV_BLOCK):
        stop = min(start + _CSV_BLOCK, n)
        parts = [(texts[codes[start:stop]] if codes is not None else texts[start:stop]).tolist() for codes, texts in pieces]
        handle.write(("\r\n".join(map(",".join, zip(*parts))) + "\r\n").encode("utf-8"))


def _csv_pieces(columns: list, n: int) -> list[tuple[np.ndarray | None, np.ndarray]]:
    """The CSV fields of ``columns`` as a few pieces, each (codes, texts) with row i's text
    ``texts[codes[i]]``, or (None, texts) with one text per row. Adjacent columns made from
    a few distinct cells (:class:`_CodedCells`) are merged into one piece, every distinct
    combination joined once, as long as the combinations stay few: a line is then a handful
    of strings, not one per column."""
    limit = max(n // 8, 1)
    pieces: list[tuple[np.ndarray | None, np.ndarray]] = []
    merged: list[tuple[np.ndarray, np.ndarray]] = []  # (codes, fields of the distinct cells) per column
    combined = np.zeros(0, dtype=np.int64)

    def close() -> None:
        if merged:
            first = first_positions(combined)
            texts = np.empty(len(first), dtype=object)
            texts[:] = list(map(",".join, zip(*(fields[codes[first]].tolist() for codes, fields in merged))))
            pieces.append((combined, texts))
            merged.clear()

    for values in columns:
        codes = getattr(values, "codes", None)
        if codes is None or len(values.cell_values) > limit:
            close()
            pieces.append((None, _csv_fields(np.asarray(values, dtype=object))))
            continue
        codes = codes.astype(np.int64, copy=False)
        fields = _csv_fields(values.cell_values)
        if merged and not np.array_equal(codes, merged[-1][0]):
            trial = pd.factorize(combined * (len(fields) + 1) + codes, sort=False)[0].astype(np.int64)
            if int(trial.max(initial=-1)) + 1 > limit:
                close()
                combined = codes
            else:
                combined = trial
        elif not merged:
            combined = codes
        merged.append((codes, fields))
    close()
    return pieces


def _large_indicator_cells(indicators: pd.DataFrame) -> tuple[list[str], dict[str, np.ndarray], np.ndarray]:
    """Columns, prepared cells and row id texts of every indicator row (see _prepare_indicators)."""
    _require(indicators, INDICATOR_REPORT_COLUMNS, "indicators", "INDICATOR_REPORT_COLUMNS")
    ids = indicators["row_id"] if "row_id" in indicators.columns else pd.Series(indicators.index)
    ids = ids.reset_index(drop=True)
    # Integer ids (what nlp.assess gives): _text is str(int) and _cell the int itself.
    integer_ids = isinstance(ids.dtype, np.dtype) and ids.dtype.kind in "iu"  # no NA possible
    row_ids = ids.astype(str).to_numpy(dtype=object) if integer_ids else _per_value(ids, _text)
    repeated = pd.Series(row_ids).duplicated(keep=False).to_numpy()
    if repeated.any():
        duplicates = sorted(set(row_ids[repeated].tolist()))
        raise ValueError(
            f"indicators has duplicate row ids {', '.join(duplicates[:10])}; findings.rows refers to them, "
            "so they must be unique (use indicators.reset_index(drop=True))"
        )
    extras = [c for c in indicators.columns if c not in INDICATOR_REPORT_COLUMNS and c != "row_id"]
    columns = ["row_id", *INDICATOR_REPORT_COLUMNS, *extras]
    frame = indicators.reset_index(drop=True)
    cells: dict[str, np.ndarray] = {"row_id": ids.to_numpy().astype(object) if integer_ids
                                    else _per_value(ids, lambda v: _cell(v, "row_id"))}
    for column in columns[1:]:
        if column in ("vague", "misfiled"):
            def check(v, column=column):
                try:
                    _flag01(v, column, "")
                    return True
                except ValueError:
                    return False
            bad = _first_failing(frame[column], check)
            if bad is not None:
                _flag01(frame[column].iloc[bad], column, row_ids[bad])
            cells[column] = _per_value(frame[column], lambda v, column=column: _flag01(v, column, ""))
        elif column == "row_score":
            bad = _first_failing(frame[column], lambda v: _cell(v, "row_score") == "" or _number(v) is not None)
            if bad is not None:
                raise ValueError(f"indicators row {row_ids[bad]}: row_score {_cell(frame[column].iloc[bad], 'row_score')!r} "
                                 "is not a number; it must be a score from 0 to 100")
            cells[column] = _per_value(frame[column], lambda v: "" if _number(v) is None else _plain(round(_number(v), 1)))
        elif column == "flags":
            cells[column] = _per_value(frame[column], lambda v: ";".join(_split_ids(v)))
        else:
            cells[column] = _column_cells(frame[column], column)
    return columns, cells, row_ids


def _large_table_cells(frame: pd.DataFrame, required: tuple[str, ...], constant: str, what: str,
                       rounded: str = "") -> tuple[list[str], dict[str, np.ndarray]]:
    _require(frame, required, what, constant)
    extras = [c for c in frame.columns if c not in required]
    columns = [*required, *extras]
    frame = frame.reset_index(drop=True)
    cells = {c: _column_cells(frame[c], c) for c in columns}
    if rounded:
        cells[rounded] = _per_value(frame[rounded], lambda v: "" if _number(v) is None else _plain(round(_number(v), 1)))
    return columns, cells


def _large_finding_cells(findings: pd.DataFrame, known_rows: set[str]) -> tuple[list[str], dict[str, np.ndarray]]:
    columns, cells = _large_table_cells(findings, FINDING_REPORT_COLUMNS, "FINDING_REPORT_COLUMNS", "findings")
    raw_rows = findings["rows"].reset_index(drop=True)
    codes, uniques = pd.factorize(raw_rows, use_na_sentinel=False)
    normalised = np.empty(len(uniques), dtype=object)
    # A known row id written as plain digits (most findings list one row) is its own normal form.
    known = pd.Series(uniques, dtype=object).isin(known_rows).to_numpy()
    values = uniques.tolist()
    plain = known.copy()
    for position in np.flatnonzero(known).tolist():
        plain[position] = values[position].isdigit() and values[position].isascii()
    normalised[plain] = np.asarray(uniques, dtype=object)[plain]
    for position in np.flatnonzero(~plain).tolist():
        value = values[position]
        ids = _split_ids_quick(value)
        if not all(r in known_rows for r in ids):
            bad = int(np.flatnonzero(codes == position)[0])
            unknown = [r for r in ids if r not in known_rows]
            raise ValueError(
                f"findings row {bad} ({cells['code'][bad]}): rows {';'.join(unknown)} are not row ids of "
                "indicators; findings.rows must list indicators row ids separated by ';'"
            )
        normalised[position] = ";".join(ids)
    cells["rows"] = normalised[codes] if len(codes) else np.empty(0, dtype=object)
    return columns, cells


#: findings.csv columns of the findings nlp.assess makes: the required ones, then the others in table order.
TABLE_FINDING_COLUMNS = [*FINDING_REPORT_COLUMNS, *(c for c in FINDING_OUTPUT_COLUMNS if c not in FINDING_REPORT_COLUMNS)]


def _table_finding_cells(findings: FindingTable, first_row: int, row_ids: np.ndarray, ind: Mapping[str, np.ndarray],
                         first_id: int) -> tuple[list[str], dict[str, np.ndarray]]:
    """The cells :func:`_large_finding_cells` gives for ``nlp.assess``'s findings table of a
    chunk, made from the :class:`FindingTable` directly: repeated texts stay coded."""
    cells: dict[str, np.ndarray] = {}
    for field in CODED_FIELDS:
        all_codes, distinct = findings.coded(field)
        codes, used = pd.factorize(all_codes)  # the texts this chunk uses
        cells[field] = _coded_cells(codes, distinct[used])
    cells["rows"], cells["row_locators"] = finding_row_texts(findings, row_ids, _texts(ind["source_file"]),
                                                             _texts(ind["row_locator"]), first_row)
    cells["finding_id"] = np.arange(first_id, first_id + len(findings)).astype(object)
    return TABLE_FINDING_COLUMNS, cells


def _records(columns: list[str], cells: Mapping[str, np.ndarray], positions) -> list[dict[str, Any]]:
    return [{c: cells[c][i] for c in columns} for i in positions]


def _project_pair(department: Any, project: Any, source_file: Any, table_index: Any) -> tuple[str, str]:
    """(department, project) of a row as the checks name it (no project: "file#table")."""
    project = _text(project) or f"{_text(source_file)}#{_text(table_index)}"
    return _text(department), project


@dataclass
class PreparedChunk:
    """One chunk's cells (None once written elsewhere) and what the workbook and the page need from it."""

    indicator_columns: list[str]
    finding_columns: list[str]
    indicator_cells: dict[str, np.ndarray] | None
    finding_cells: dict[str, np.ndarray] | None
    summary: "_ChunkSummary"


def prepare_chunk(indicators: pd.DataFrame, findings: pd.DataFrame | FindingTable, first_row: int, first_id: int,
                  offset: int, worst: int | None = None) -> PreparedChunk:
    """Cells and summary of one chunk (see :meth:`LargeReport.add`): ``first_id`` is the id of
    its first finding, ``offset`` the number of rows before it; rows of priority ``worst`` or
    lower cannot be shown any more (None: any row can)."""
    columns, ind, row_ids = _large_indicator_cells(indicators)
    if isinstance(findings, FindingTable):
        finding_columns, fnd = _table_finding_cells(findings, first_row, row_ids, ind, first_id)
    else:
        finding_columns, fnd = _large_finding_cells(findings, set(row_ids.tolist()))
    summary = _ChunkSummary(columns, finding_columns)
    if isinstance(findings, FindingTable):
        finding_of, rows = findings.expand(np.arange(len(findings)))
        summary.collect(ind, row_ids, fnd, offset, worst, (finding_of, rows - first_row))
    else:
        summary.collect(ind, row_ids, fnd, offset, worst)
    return PreparedChunk(columns, finding_columns, ind, fnd, summary)


def write_chunk(indicators: pd.DataFrame, findings: FindingTable, first_row: int, first_id: int, offset: int,
                indicator_lines, finding_lines, header: bool = False, worst: int | None = None) -> PreparedChunk:
    """:func:`prepare_chunk` for a worker process: the chunk's CSV lines (after the header
    lines when ``header``) go to the binary handles ``indicator_lines`` and ``finding_lines``,
    and only the summary comes back (for :meth:`LargeReport.add_written`); ``worst``: see
    :func:`priority_limits`."""
    chunk = prepare_chunk(indicators, findings, first_row, first_id, offset, worst)
    for handle, columns, cells in ((indicator_lines, chunk.indicator_columns, chunk.indicator_cells),
                                   (finding_lines, chunk.finding_columns, chunk.finding_cells)):
        if header:
            _write_csv_header(handle, columns)
        _write_csv_body(handle, columns, cells)
    chunk.indicator_cells = chunk.finding_cells = None
    return chunk


def _priorities(review: np.ndarray, flagged: np.ndarray) -> np.ndarray:
    """Which rows the report shows first: 0 marked for review, 1 flagged, 2 the rest."""
    return np.where(review, 0, np.where(flagged, 1, 2))


def priority_limits(review: np.ndarray, flagged: np.ndarray, bounds: list[tuple[int, int]]) -> list[int | None]:
    """Per chunk ``(start, stop)`` of a batch whose rows are marked for review / flagged: the
    priority from which its rows can no longer be among the rows shown (what :meth:`LargeReport.add`
    works out from the chunks before it; None: any row can), so chunks prepared apart skip them."""
    priority = _priorities(review, flagged)
    limits, seen = [], np.zeros(3, dtype=np.int64)
    for start, stop in bounds:
        full = np.flatnonzero(np.cumsum(seen) >= DETAIL_ROW_LIMIT)
        limits.append(int(full[0]) if len(full) else None)
        seen += np.bincount(priority[start:stop], minlength=3)
    return limits


def _finding_row_pairs(rows_texts: np.ndarray, row_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(finding, row position) of every row id in the findings' ``rows`` texts (ids joined by
    ";", each one of ``row_ids``)."""
    rows_text = pd.Series(_texts(rows_texts), copy=False)
    with_rows = (rows_text != "").to_numpy()
    multi = with_rows & rows_text.str.contains(";", regex=False).to_numpy()
    single = np.flatnonzero(with_rows & ~multi)
    split = rows_text[multi].str.split(";")
    finding_of = np.concatenate([single, np.repeat(np.flatnonzero(multi), split.str.len().to_numpy().astype(np.int64))])
    ids = np.concatenate([rows_text.to_numpy(dtype=object)[single], np.asarray(split.explode().to_numpy(), dtype=object)])
    return finding_of.astype(np.int64), pd.Index(row_ids).get_indexer(ids).astype(np.int64)


class _ChunkSummary:
    """What the workbook and the page need from one chunk: counts, the rows that may be shown
    (with their findings), row scores, the filed × predicted matrix, finding types and the
    departments' figures. Made where the chunk is prepared (maybe a worker process), merged by
    :class:`LargeReport` in row order."""

    def __init__(self, indicator_columns: list[str], finding_columns: list[str]):
        self.indicator_columns, self.finding_columns = indicator_columns, finding_columns
        self.n_rows = self.n_findings = self.n_flagged = self.n_review = 0
        self.scores = np.zeros(0)
        self.matrix: Counter = Counter()
        self.types: dict[tuple[str, str], dict[str, Any]] = {}
        # Per department: rows, its row scores in row order ("kept"), findings, rows for review.
        self.departments: dict[str, dict[str, Any]] = {}
        # Rows that may be shown: (priority, row position in the batch, record).
        self.candidates: list[tuple[int, int, dict[str, Any]]] = []
        # Findings of candidate rows/projects: (record, row ids, (department, project) or None).
        self.candidate_findings: list[tuple[dict[str, Any], list[str], tuple[str, str] | None]] = []

    def collect(self, ind: Mapping[str, np.ndarray], row_ids: np.ndarray, fnd: Mapping[str, np.ndarray],
                offset: int, worst: int | None, finding_rows: tuple[np.ndarray, np.ndarray] | None = None) -> None:
        """``finding_rows``: (finding, row position in the chunk) of every row of every finding,
        when the findings table has them (else they are read from the findings' ``rows`` texts)."""
        n_rows = len(row_ids)
        n_findings = len(fnd["code"]) if "code" in fnd else 0
        review = ind["review"] == REVIEW_MARK
        flagged = (ind["flags"] != "") | review
        self.n_rows, self.n_findings = n_rows, n_findings
        self.n_flagged, self.n_review = int(flagged.sum()), int(review.sum())

        # The chunk's best rows to show (the report keeps the best DETAIL_ROW_LIMIT of all chunks).
        priority = _priorities(review, flagged)
        chosen = np.sort(np.argsort(priority, kind="stable")[:DETAIL_ROW_LIMIT])
        if worst is not None:
            chosen = chosen[priority[chosen] < worst]
        records = _records(self.indicator_columns, ind, chosen)
        self.candidates = [(int(priority[i]), offset + int(i), r) for i, r in zip(chosen.tolist(), records)]
        table_index = ind.get("table_index", np.full(n_rows, "", dtype=object))
        shown_pairs = {_project_pair(ind["department"][i], ind["project"][i], ind["source_file"][i], table_index[i])
                       for i in chosen}
        shown_pairs |= {(_text(ind["department"][i]), _text(ind["project"][i])) for i in chosen}
        if finding_rows is None:
            finding_rows = _finding_row_pairs(fnd["rows"], row_ids) if n_findings else (np.zeros(0, np.int64),) * 2
        self._collect_findings(fnd, n_findings, finding_rows, chosen, n_rows, shown_pairs)

        # Aggregates over every row.
        scores = _per_value(pd.Series(ind["row_score"], copy=False), _number)
        numbers = pd.to_numeric(pd.Series(scores, copy=False), errors="coerce")
        self.scores = numbers.to_numpy(dtype=float)
        levels = pd.DataFrame({"l1": ind["l1_filed"], "l2": ind["l2_filed"], "dimension": ind["dimension"]})
        for (l1, l2, dimension), n in levels.value_counts(sort=False, dropna=False).items():
            _, filed = normalize_levels(_text(l1), _text(l2))
            self.matrix[(filed or UNRECOGNISED, _text(dimension).strip() or NOT_PREDICTED)] += int(n)
        self._collect_types(fnd, n_findings, finding_rows, n_rows)
        self._collect_departments(ind, numbers, review, fnd)

    def _collect_findings(self, fnd, n_findings: int, finding_rows: tuple[np.ndarray, np.ndarray], chosen: np.ndarray,
                          n_rows: int, shown_pairs: set[tuple[str, str]]) -> None:
        if not n_findings or not shown_pairs:
            return
        scopes = _per_value(pd.Series(fnd["scope"], copy=False), _text) if "scope" in fnd else np.full(n_findings, "", dtype=object)
        finding_of, row_of = finding_rows
        row_count = np.bincount(finding_of, minlength=n_findings)
        by_row = (row_count > 0) & (scopes != "project")
        single = row_count == 1
        shown_row = np.zeros(n_rows, dtype=bool)
        shown_row[chosen] = True
        touches_shown = np.zeros(n_findings, dtype=bool)
        touches_shown[finding_of[shown_row[row_of]]] = True
        # A finding of a shown row or project is about a project that has a shown row.
        maybe = pd.Series(_texts(fnd["project"]), copy=False).isin({p for _, p in shown_pairs}).to_numpy()
        keep = by_row & touches_shown & (single | maybe)
        for i in np.flatnonzero(maybe & ~by_row).tolist():
            keep[i] = (_text(fnd["department"][i]), _text(fnd["project"][i])) in shown_pairs
        for i in np.flatnonzero(keep).tolist():
            record = {c: fnd[c][i] for c in self.finding_columns}
            if by_row[i]:
                self.candidate_findings.append((record, fnd["rows"][i].split(";"), None))
            else:
                self.candidate_findings.append((record, [], (_text(fnd["department"][i]), _text(fnd["project"][i]))))

    def _collect_types(self, fnd, n_findings: int, finding_rows: tuple[np.ndarray, np.ndarray], n_rows: int) -> None:
        if not n_findings:
            return
        codes, severities = _texts(fnd["code"]), _texts(fnd["severity"])
        code_ids, code_names = pd.factorize(codes)
        severity_ids, severity_names = pd.factorize(severities)
        kind_of = pd.factorize(code_ids * len(severity_names) + severity_ids)[0]  # types in order of appearance
        sizes = np.bincount(kind_of)
        first = first_positions(kind_of, len(sizes))
        # Distinct rows per type. A finding's rows are all in its chunk, so the counts of the chunks add up.
        finding_of, row_of = finding_rows
        width = max(n_rows, 1)
        n_rows_of_type = np.bincount(pd.unique(kind_of[finding_of] * width + row_of) // width, minlength=len(sizes))
        rules, messages = _texts(fnd["rule"]), _texts(fnd["message"])
        for k, at in enumerate(first.tolist()):
            key = (codes[at], severities[at])
            entry = self.types.setdefault(key, {"count": 0, "n_rows": 0, "rule": rules[at], "example": messages[at]})
            entry["count"] += int(sizes[k])
            entry["n_rows"] += int(n_rows_of_type[k])

    def _department(self, name: str) -> dict[str, Any]:
        if name not in self.departments:
            self.departments[name] = {"rows": 0, "kept": [], "findings": 0, "review": 0}
        return self.departments[name]

    def _collect_departments(self, ind, numbers: pd.Series, review: np.ndarray, fnd) -> None:
        departments_of_rows = _texts(ind["department"])
        values = numbers.to_numpy(dtype=float)
        for name, positions in pd.Series(departments_of_rows).groupby(departments_of_rows, sort=False).indices.items():
            d = self._department(name)
            d["rows"] += len(positions)
            d["kept"] = [v for v in values[positions].tolist() if not math.isnan(v)]
            d["review"] += int(review[positions].sum())
        for name, count in pd.Series(_per_value(pd.Series(fnd.get("department", []), dtype=object), _text)).value_counts(sort=False).items():
            self._department(name)["findings"] += int(count)



class LargeReport:
    """The six outputs of a batch too large for the record path, given in chunks of whole
    projects (:meth:`add`, in row order) and completed by :meth:`finish`.

    indicators.csv and findings.csv are appended chunk by chunk, so memory holds one chunk's
    cells at a time. report.xlsx and report.html show the first :data:`DETAIL_ROW_LIMIT` rows
    by priority (待复核 first, then flagged rows, then the rest, each in row order) with their
    projects and findings; every aggregate (histogram, finding types, departments, filed ×
    predicted matrix) is over all rows. Use it as a context manager: the files are renamed
    into place when the block ends without an error, and no temp file is left otherwise.
    """

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.paths = {name: self.out_dir / name for name in OUTPUT_FILES}
        self._stack = ExitStack()
        self._staged: dict[str, Path] = {}
        self._handles: dict[str, Any] = {}
        self.indicator_columns: list[str] | None = None
        self.finding_columns: list[str] | None = None
        self.n_rows = 0
        self.n_findings = 0
        self.n_flagged = 0
        self.n_review = 0
        self._scores: list[np.ndarray] = []
        self._matrix: Counter = Counter()
        self._types: dict[tuple[str, str], dict[str, Any]] = {}
        self._departments: dict[str, dict[str, Any]] = {}
        # Rows that may be shown: (priority, row position, record), at most DETAIL_ROW_LIMIT.
        self._candidates: list[tuple[int, int, dict[str, Any]]] = []
        # Findings of candidate rows/projects: (record, row ids, (department, project) or None).
        self._candidate_findings: list[tuple[dict[str, Any], list[str], tuple[str, str] | None]] = []

    def __enter__(self) -> "LargeReport":
        stack = self._stack.__enter__()
        try:
            self._staged = {name: stack.enter_context(atomic_path(path)) for name, path in self.paths.items()}
            for name in ("indicators.csv", "findings.csv"):
                self._handles[name] = stack.enter_context(open(self._staged[name], "wb"))
        except BaseException:
            self._stack.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, *exc) -> bool:
        return self._stack.__exit__(*exc)

    # -- one chunk ----------------------------------------------------------
    def add(self, indicators: pd.DataFrame, findings: pd.DataFrame | FindingTable, first_row: int = 0) -> None:
        """Write one chunk: the rows of whole projects and the findings about them, either a
        findings table (FINDING_REPORT_COLUMNS, rows as row ids) or, from ``nlp.assess``, a
        :class:`FindingTable` whose row positions count from ``first_row`` (the position of
        the chunk's first row in its batch; row ids are positions + 1)."""
        # Once the rows to show are all of one priority, only better rows of later chunks can join.
        worst = max(c[0] for c in self._candidates) if len(self._candidates) >= DETAIL_ROW_LIMIT else None
        chunk = prepare_chunk(indicators, findings, first_row, self.n_findings + 1, self.n_rows, worst)
        self._write_header(chunk)
        _write_csv_body(self._handles["indicators.csv"], chunk.indicator_columns, chunk.indicator_cells)
        _write_csv_body(self._handles["findings.csv"], chunk.finding_columns, chunk.finding_cells)

    def add_written(self, chunk: "PreparedChunk") -> None:
        """Add a chunk whose lines (and, for the first chunk, the header lines) a worker process
        appended to the staged CSV files itself (:func:`write_chunk`); chunks come in row order."""
        self._write_header(chunk, written=True)

    def staged_csv(self, name: str) -> Path:
        """Where indicators.csv or findings.csv is being written until the reports are complete."""
        return self._staged[name]

    def _write_header(self, chunk: "PreparedChunk", written: bool = False) -> None:
        if self.indicator_columns is None:
            self.indicator_columns, self.finding_columns = chunk.indicator_columns, chunk.finding_columns
            if not written:
                _write_csv_header(self._handles["indicators.csv"], chunk.indicator_columns)
                _write_csv_header(self._handles["findings.csv"], chunk.finding_columns)
        elif chunk.indicator_columns != self.indicator_columns or chunk.finding_columns != self.finding_columns:
            raise ValueError("every chunk must have the same indicators and findings columns as the first one")
        self._merge(chunk.summary)

    def _merge(self, summary: "_ChunkSummary") -> None:
        """Add one chunk's summary. Chunks come in row order, so every total is the one a single
        pass over the rows gives (department score sums are summed on in row order)."""
        self.n_rows += summary.n_rows
        self.n_findings += summary.n_findings
        self.n_flagged += summary.n_flagged
        self.n_review += summary.n_review
        merged = self._candidates + summary.candidates
        merged.sort(key=lambda c: (c[0], c[1]))
        self._candidates = merged[:DETAIL_ROW_LIMIT]
        self._candidate_findings += summary.candidate_findings
        self._scores.append(summary.scores)
        self._matrix.update(summary.matrix)
        for key, entry in summary.types.items():
            total = self._types.setdefault(key, {"count": 0, "n_rows": 0, "rule": entry["rule"], "example": entry["example"]})
            total["count"] += entry["count"]
            total["n_rows"] += entry["n_rows"]
        for name, entry in summary.departments.items():
            d = self._departments.setdefault(name, {"rows": 0, "score_sum": 0, "scores": 0, "findings": 0, "review": 0})
            d["rows"] += entry["rows"]
            d["score_sum"] = sum(entry["kept"], d["score_sum"])
            d["scores"] += len(entry["kept"])
            d["review"] += entry["review"]
            d["findings"] += entry["findings"]

    # -- the end --------------------------------------------------------------
    def finish(self, projects: pd.DataFrame, summary: dict, workers: int = 1) -> dict[str, Path]:
        """Write projects.csv, summary.json, report.xlsx and report.html; return the paths
        (they are in place once the ``with`` block ends). With ``workers`` > 1 (on Linux),
        report.xlsx is written by a forked process while this one writes the others."""
        if self.indicator_columns is None:
            raise ValueError("no chunk was added; write an empty batch with write_reports")
        project_columns, proj = _large_table_cells(projects, PROJECT_REPORT_COLUMNS, "PROJECT_REPORT_COLUMNS",
                                                   "projects", rounded="specificity")
        summary_out = dict(summary)
        view = self._view(project_columns, proj, summary_out)
        summary_out.setdefault("score_distribution", {b["label"]: b["count"] for b in view.histogram})
        generated_at = _text(summary_out.get("generated_at")) or datetime.now(timezone.utc).strftime(
            "%Y-%m-%d %H:%M UTC")
        summary_text = json.dumps(_jsonable(summary_out), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
        for handle in self._handles.values():
            handle.flush()
        workbook = start_forked(_write_workbook, self._staged["report.xlsx"], view, generated_at) if workers > 1 else None
        if workbook is None:
            _write_workbook(self._staged["report.xlsx"], view, generated_at)
        try:
            _write_csv_columns(self._staged["projects.csv"], project_columns, proj)
            self._staged["summary.json"].write_text(summary_text, encoding="utf-8")
            self._staged["report.html"].write_text(_render_html(view, generated_at), encoding="utf-8")
        except BaseException:
            if workbook is not None:
                workbook(cancel=True)
            raise
        if workbook is not None:
            workbook()
        for tmp in self._staged.values():
            os.chmod(tmp, OUTPUT_MODE)
        return dict(self.paths)

    def _view(self, project_columns: list[str], proj: Mapping[str, np.ndarray], summary: dict) -> _ReportView:
        shown = [record for _, _, record in sorted(self._candidates, key=lambda c: c[1])]
        shown_ids = {_text(r["row_id"]) for r in shown}
        shown_pairs = {_project_pair(r["department"], r["project"], r["source_file"], r.get("table_index", "")) for r in shown}
        shown_pairs |= {(_text(r["department"]), _text(r["project"])) for r in shown}
        n_projects = len(proj["project"]) if "project" in proj else 0
        project_positions = [i for i, pair in enumerate(zip(_texts(proj["department"]).tolist(), _texts(proj["project"]).tolist()))
                             if pair in shown_pairs] if n_projects else []
        findings = [record for record, ids, pair in self._candidate_findings
                    if (pair is None and any(r in shown_ids for r in ids)) or (pair is not None and pair in shown_pairs)]
        summary["report_rows_shown"] = (
            f"report.xlsx 指标明细与 report.html 项目明细仅列出 {len(shown)} / {self.n_rows} 条三级指标"
            f"（待复核、有问题的行优先）及其所在项目与问题；全部行见 indicators.csv、projects.csv、findings.csv"
        )
        view = _ReportView(self.indicator_columns, shown, project_columns, _records(project_columns, proj, project_positions),
                           self.finding_columns, findings, summary)
        numbers = pd.Series(np.concatenate(self._scores) if self._scores else np.zeros(0))
        view.n_indicators, view.n_findings = self.n_rows, self.n_findings
        view.scores = []
        view.mean_score = _mean(numbers.dropna().tolist())
        view.histogram = score_histogram(numbers.dropna().to_numpy(dtype=float))
        view.matrix = _matrix_from_counts(self._matrix)
        view.finding_types = self._finding_types()
        view.departments = self._department_rows(proj)
        facts = [fact for fact in view.facts if fact[0] not in {"项目数", "三级指标数", "有问题的指标", "待复核", "问题数", "平均指标得分"}]
        view.facts = facts + [
            ("项目数", n_projects),
            ("三级指标数", self.n_rows),
            ("有问题的指标", self.n_flagged),
            ("待复核", self.n_review),
            ("问题数", self.n_findings),
            ("平均指标得分", "—" if view.mean_score is None else round(view.mean_score, 1)),
        ]
        view.other_summary = _other_summary(summary)
        view.bounded = True
        return view

    def _finding_types(self) -> list[dict[str, Any]]:
        titles = _code_titles()
        types = []
        for (code, severity), entry in self._types.items():
            types.append({"code": code, "severity": severity, "count": entry["count"], "rule": entry["rule"],
                          "example": entry["example"], "title": titles.get(code, ""), "n_rows": entry["n_rows"],
                          "severity_label": _severity_label(severity), "severity_rank": _severity_rank(severity)})
        types.sort(key=lambda g: (-g["count"], g["severity_rank"], g["code"]))
        return types

    def _department_rows(self, proj: Mapping[str, np.ndarray]) -> list[dict[str, Any]]:
        by_project: dict[str, dict[str, Any]] = {}
        codes, names = pd.factorize(_texts(proj.get("department", [])))  # departments in order of first project
        specificities = np.asarray(_per_value(pd.Series(proj.get("specificity", []), dtype=object), _number), dtype=object)
        order = np.argsort(codes, kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(len(names) + 1))
        for k, name in enumerate(names.tolist()):
            positions = order[bounds[k]:bounds[k + 1]]  # in project order
            by_project[name] = {"projects": len(positions), "specificity": _mean(specificities[positions].tolist())}
        names = list(dict.fromkeys([*by_project, *self._departments]))
        empty = {"rows": 0, "score_sum": 0, "scores": 0, "findings": 0, "review": 0}
        departments = []
        for name in names:
            d = self._departments.get(name, empty)
            p = by_project.get(name, {"projects": 0, "specificity": None})
            score = d["score_sum"] / d["scores"] if d["scores"] else None
            departments.append({
                "department": name or "（未注明部门）",
                "projects": p["projects"],
                "rows": d["rows"],
                "mean_specificity": None if p["specificity"] is None else round(p["specificity"], 1),
                "mean_row_score": None if score is None else round(score, 1),
                "findings": d["findings"],
                "review": d["review"],
            })
        departments.sort(key=lambda d: (d["mean_specificity"] is None, d["mean_specificity"] or 0, d["department"]))
        return departments


def _write_large_reports(out_dir: Path, indicators: pd.DataFrame, projects: pd.DataFrame,
                         findings: pd.DataFrame, summary: dict) -> dict[str, Path]:
    with LargeReport(out_dir) as report:
        report.add(indicators, findings)
        paths = report.finish(projects, summary)
    return paths
