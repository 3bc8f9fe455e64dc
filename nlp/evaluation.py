"""Honest evaluation: metrics, baselines and threshold choices on a fixed group split."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from sklearn.metrics import accuracy_score, classification_report, confusion_matrix, f1_score, precision_recall_fscore_support

from nlp.dimensions import DIMENSIONS
from nlp.text import normalize_for_matching

# Keyword baseline: the rules a reviewer would apply first, checked in order.
_KEYWORD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"满意"), "满意度"),
    (re.compile(r"及时|时间|时限|进度|按时|周期|期限"), "时效"),
    (re.compile(r"成本|费用|资金|预算|元$|标准"), "经济成本"),
    (re.compile(r"收入|增收|经济|产值|节约"), "经济效益"),
    (re.compile(r"生态|环境|绿化|污染|森林|水质|空气"), "生态效益"),
    (re.compile(r"长效|可持续|持续|机制|长期"), "可持续影响"),
    (re.compile(r"率|合格|达标|质量|准确|规范"), "质量"),
    (re.compile(r"知晓|社会|群众|就业|水平|改善|提升|效益"), "社会效益"),
    (re.compile(r"数|量|个|次|人|场|期|台|套"), "数量"),
]


def keyword_dimension(name: str) -> str:
    """The keyword-rule baseline: first matching rule wins, else 数量."""
    text = normalize_for_matching(name)
    for pattern, dimension in _KEYWORD_RULES:
        if pattern.search(text):
            return dimension
    return "数量"


def classification_metrics(y_true: Sequence[str], y_pred: Sequence[str], labels: Sequence[str] | None = None) -> dict:
    """Accuracy, macro-F1 (over labels present in y_true), per-class report, confusion matrix."""
    y_true = [str(v) for v in y_true]
    y_pred = [str(v) for v in y_pred]
    present = [l for l in (labels or sorted(set(y_true))) if l in set(y_true)]
    matrix_labels = list(labels or sorted(set(y_true) | set(y_pred)))
    report = classification_report(y_true, y_pred, labels=present, output_dict=True, zero_division=0)
    return {
        "n": len(y_true),
        "accuracy": round(float(accuracy_score(y_true, y_pred)), 4) if y_true else 0.0,
        "macro_f1": round(float(f1_score(y_true, y_pred, labels=present, average="macro", zero_division=0)), 4) if y_true else 0.0,
        "per_class": {
            k: {m: round(float(v), 4) for m, v in d.items()}
            for k, d in report.items()
            if k in present
        },
        "confusion": {
            "labels": matrix_labels,
            "matrix": confusion_matrix(y_true, y_pred, labels=matrix_labels).tolist() if y_true else [],
        },
    }


def majority_baseline(y_train: Sequence[str], n: int) -> list[str]:
    label = Counter(y_train).most_common(1)[0][0]
    return [label] * n


def binary_metrics(y_true: Sequence[int], y_pred: Sequence[int]) -> dict:
    precision, recall, f1, _ = precision_recall_fscore_support(
        [int(v) for v in y_true], [int(v) for v in y_pred], average="binary", pos_label=1, zero_division=0
    )
    return {
        "n": len(y_true),
        "positives": int(sum(int(v) for v in y_true)),
        "precision": round(float(precision), 4),
        "recall": round(float(recall), 4),
        "f1": round(float(f1), 4),
    }


def choose_misfiled_threshold(
    filed: Sequence[str],
    predicted: Sequence[str],
    confidence: Sequence[float],
    truth: Sequence[str],
    target_precision: float = 0.90,
) -> dict:
    """Pick the lowest confidence threshold at which 'misfiled' calls reach the target precision.

    A row is truly misfiled when its filed (normalised) 二级 differs from the curated
    dimension; the model calls it misfiled when its prediction differs from the
    filed 二级 with confidence >= threshold. Rows with no filed 二级 are ignored.
    """
    rows = [(f, p, float(c), t) for f, p, c, t in zip(filed, predicted, confidence, truth) if f]
    actual = [f != t for f, _, _, t in rows]
    best = {"threshold": 1.01, "precision": 0.0, "recall": 0.0, "flagged": 0, "true_misfiled": int(sum(actual))}
    candidates = sorted({round(c, 3) for _, _, c, _ in rows} | {0.5, 0.6, 0.7, 0.8, 0.9, 0.95})
    for threshold in candidates:
        calls = [p != f and c >= threshold for f, p, c, _ in rows]
        flagged = sum(calls)
        if not flagged:
            continue
        correct = sum(call and act for call, act in zip(calls, actual))
        precision = correct / flagged
        recall = correct / max(sum(actual), 1)
        if precision >= target_precision and (best["precision"] < target_precision or recall > best["recall"]):
            best = {"threshold": threshold, "precision": round(precision, 4), "recall": round(recall, 4), "flagged": flagged, "true_misfiled": int(sum(actual))}
    return best


def precision_coverage_curve(y_true: Sequence[str], y_pred: Sequence[str], confidence: Sequence[float], unknown: str = "UNKNOWN") -> list[dict]:
    """Precision of non-abstained predictions against coverage, as confidence thresholds vary."""
    points = []
    n = max(len(y_true), 1)
    for threshold in np.round(np.arange(0.0, 1.0001, 0.05), 2):
        kept = [(t, p) for t, p, c in zip(y_true, y_pred, confidence) if p != unknown and c >= threshold]
        precision = sum(t == p for t, p in kept) / len(kept) if kept else 0.0
        points.append({"threshold": float(threshold), "coverage": round(len(kept) / n, 4), "precision": round(precision, 4)})
    return points


def dimension_labels() -> list[str]:
    return list(DIMENSIONS)


def expected_calibration_error(correct: Sequence[bool], confidence: Sequence[float], bins: int = 10) -> dict:
    """How far stated confidence is from observed accuracy (0 = perfectly calibrated),
    with the reliability table behind it."""
    correct = np.asarray(correct, dtype=float)
    confidence = np.asarray(confidence, dtype=float)
    edges = np.linspace(0.0, 1.0, bins + 1)
    table, ece = [], 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        mask = (confidence >= low) & ((confidence < high) if high < 1.0 else (confidence <= high))
        if not mask.any():
            continue
        accuracy, mean_conf = float(correct[mask].mean()), float(confidence[mask].mean())
        ece += mask.mean() * abs(accuracy - mean_conf)
        table.append({"bin": f"{low:.1f}-{high:.1f}", "rows": int(mask.sum()), "accuracy": round(accuracy, 4), "confidence": round(mean_conf, 4)})
    return {"ece": round(float(ece), 4), "bins": table}
