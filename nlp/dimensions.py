"""Normalise filed 一级 / 二级 labels to the canonical framework.

Both frameworks are accepted: the classic one (产出/效益/满意度, with 成本指标
under 产出 meaning 经济成本) and 财预〔2021〕101号 (成本指标 as 一级 with
经济/社会/生态环境成本指标).
"""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.text import normalize_for_matching

#: The eleven canonical 二级 dimensions, in framework order.
DIMENSIONS: tuple[str, ...] = (
    "数量",
    "质量",
    "时效",
    "经济成本",
    "社会成本",
    "生态环境成本",
    "经济效益",
    "社会效益",
    "生态效益",
    "可持续影响",
    "满意度",
)

#: Canonical 一级 values.
L1_VALUES: tuple[str, ...] = ("产出", "成本", "效益", "满意度")

#: Which 一级 each dimension sits under in the 101号 framework and the classic one.
L1_OF_DIMENSION_101: dict[str, str] = {
    "数量": "产出", "质量": "产出", "时效": "产出",
    "经济成本": "成本", "社会成本": "成本", "生态环境成本": "成本",
    "经济效益": "效益", "社会效益": "效益", "生态效益": "效益", "可持续影响": "效益",
    "满意度": "满意度",
}
L1_OF_DIMENSION_CLASSIC: dict[str, str] = {
    **L1_OF_DIMENSION_101,
    "经济成本": "产出", "社会成本": "产出", "生态环境成本": "产出",
}

# Decoration around labels: "(必填)", "(30分)", "(0-20)分", "指标1:", ★ marks, numbering.
_DECORATION_RES = [
    re.compile(r"[★☆*]+"),
    re.compile(r"[(\[【]?必填[)\]】]?"),
    re.compile(r"[(\[]?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?[)\]]?分[)\]]?"),
    re.compile(r"^(?:指标|一级|二级|三级)?\d+[:.、)]"),
    re.compile(r"^[一二三四五六七八九十]+[、.]"),
    re.compile(r"[(（][^()（）]*[)）]$"),
]


def _clean(label: str) -> str:
    text = normalize_for_matching(label)
    for pattern in _DECORATION_RES:
        text = pattern.sub("", text)
    return text.strip(":：-|")


@lru_cache(maxsize=4096)
def normalize_l2(l2_filed: str, l1_filed: str = "") -> str:
    """Map a filed 二级 label to one of :data:`DIMENSIONS`, or "" when it is not one.

    >>> normalize_l2("经济效益指标")
    '经济效益'
    >>> normalize_l2("成本指标", "产出指标")
    '经济成本'
    >>> normalize_l2("社会公众或服务对象满意度指标")
    '满意度'
    """
    text = _clean(l2_filed)
    if not text:
        return ""
    if "满意" in text or text.startswith("服务对象"):
        return "满意度"
    if "成本" in text:
        if "社会" in text:
            return "社会成本"
        if "生态" in text or "环境" in text:
            return "生态环境成本"
        return "经济成本"
    if "数量" in text:
        return "数量"
    if "质量" in text:
        return "质量"
    if "时效" in text or "进度" in text or "时间" in text or "及时" in text:
        return "时效"
    if "经济效益" in text or text in {"经济", "经济效果"}:
        return "经济效益"
    if "生态" in text or "环境效益" in text:
        return "生态效益"
    if "可持续" in text or "持续影响" in text or "长效" in text:
        return "可持续影响"
    if "社会效益" in text or text in {"社会", "效果指标", "效果", "社会效果"}:
        return "社会效益"
    return ""


@lru_cache(maxsize=4096)
def normalize_l1(l1_filed: str, l2: str = "") -> str:
    """Map a filed 一级 label to one of :data:`L1_VALUES`; infer it from the
    normalised 二级 when the 一级 is missing or unrecognised.

    >>> normalize_l1("产出指标(40-50)分")
    '产出'
    >>> normalize_l1("", "满意度")
    '满意度'
    """
    text = _clean(l1_filed)
    if "满意" in text:
        return "满意度"
    if "成本" in text:
        return "成本"
    if "产出" in text or text in {"项目完成指标", "完成指标"}:
        return "产出"
    if "效益" in text or "效果" in text:
        return "效益"
    if l2:
        return L1_OF_DIMENSION_101[l2] if l2 not in ("经济成本", "社会成本", "生态环境成本") else "成本"
    return ""


def normalize_levels(l1_filed: str, l2_filed: str) -> tuple[str, str]:
    """Normalise a (一级, 二级) pair together. A 二级 that names a level one
    label ("满意度指标" under "满意度指标") still maps; a classic 成本指标 under
    产出 keeps 一级 产出."""
    l2 = normalize_l2(l2_filed, l1_filed)
    if not l2:
        # Some tables put the dimension in the 一级 column only (e.g. 满意度).
        l2 = normalize_l2(l1_filed) if normalize_l1(l1_filed) == "满意度" else ""
    l1 = "满意度" if l2 == "满意度" else normalize_l1(l1_filed, l2)
    if not l1 and l2:
        l1 = L1_OF_DIMENSION_CLASSIC[l2]
    return l1, l2
