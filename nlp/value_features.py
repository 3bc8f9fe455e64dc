"""The feature code scoring needs without scikit-learn: the symbolic value features of a
row, the version of the feature recipe, and how rows are read as records.

:mod:`nlp.features` (the fitted vectorisers) and :mod:`nlp.compiled` (the inference-only
export) both use these functions, so a model and its export see the same features.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from nlp.text import normalize_for_matching
from nlp.targets import parse_target, unit_measure
from nlp.values import parse_value

TEXT_FIELDS = ("name", "description", "value_raw", "unit")

#: Version of the feature code (this module and nlp.features). A pickled model keeps its
#: fitted vocabularies but calls these functions for the value features, so a model built
#: under another recipe would silently see different features: bump this whenever the
#: features change, and nlp.artifacts refuses models of another recipe.
FEATURE_RECIPE = 2

_DATE_RE = re.compile(
    r"(\d{4}[-./年]\d{1,2}|\d{1,2}月(底|末|前|份|\d{1,2}日)|年底|年末|年内|季度|上半年|下半年|月底|日前|前完成|之前|以前)"
)
_GRADE_RE = re.compile(r"^(优|良|中|差|优秀|良好|合格|达标|是|否|好|较好|一般|有|无|完成|已完成|未完成|[abcd]级?)$")


def value_features(value_raw: str, unit: str = "", name: str = "") -> dict[str, float]:
    """Symbolic features of a target value; the name only for copy detection."""
    value = normalize_for_matching(value_raw)
    parsed = parse_value(value_raw or "", unit_hint=unit or "")
    feats: dict[str, float] = {
        "unit_measure=" + ((unit_measure(parsed.unit) or "other") if parsed.unit else "none"): 1.0,
        "comparator=" + (parsed.comparator or "none"): 1.0,
        "has_number": 1.0 if parsed.number else 0.0,
        "is_empty": 1.0 if value in ("", "/", "-", "无", "—") else 0.0,
        "is_date": 1.0 if _DATE_RE.search(value) else 0.0,
        "target_kind=" + parse_target(value_raw or "", unit or "").kind: 1.0,
        "is_grade": 1.0 if _GRADE_RE.match(value) else 0.0,
        "len_bucket=" + str(min(len(value) // 4, 6)): 1.0,
    }
    if parsed.number:
        try:
            number = float(parsed.number)
        except ValueError:
            number = 0.0
        feats["number_ge_100"] = 1.0 if number >= 100 else 0.0
        feats["number_is_100"] = 1.0 if number == 100 else 0.0
    norm_name = normalize_for_matching(name)
    if value and norm_name:
        feats["value_in_name"] = 1.0 if value in norm_name or norm_name in value else 0.0
        shared = len(set(value) & set(norm_name)) / max(len(set(value)), 1)
        feats["value_name_char_overlap"] = shared
    return feats


def rows_as_records(rows) -> list[Mapping[str, str]]:
    """Accept a pandas DataFrame, a list of dicts or of IndicatorRow objects."""
    if hasattr(rows, "to_dict") and hasattr(rows, "columns"):
        cols = [c for c in TEXT_FIELDS if c in rows.columns]
        frame = rows[cols].fillna("").astype(str)
        return frame.to_dict("records")
    records = []
    for row in rows:
        if isinstance(row, Mapping):
            records.append(row)
        elif isinstance(row, str):
            records.append({"name": row})
        else:
            records.append({f: getattr(row, f, "") for f in TEXT_FIELDS})
    return records


def _field(records: Sequence[Mapping[str, str]], key: str) -> list[str]:
    return [str(r.get(key, "") or "") for r in records]
