"""Small ``str -> str`` normalisers (in the spirit of textacy's preprocessing).

Readers keep text verbatim; these are applied only when text is compared,
classified or parsed.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import zhconv

_SPACE_RE = re.compile(r"\s+")
_CJK = r"\u3400-\u9fff"
_SPACE_BETWEEN_CJK_RE = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
# Pinyin injected after characters by some mirror sites: 項(xiàng)目 -> 項目
_PINYIN_RE = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")

# Glyph variants NFKC leaves alone but which mean the same comparator.
_GLYPHS = str.maketrans(
    {
        "≧": "≥",
        "≦": "≤",
        "═": "=",
        "﹦": "=",
        "＝": "=",
        "〉": ">",
        "〈": "<",
        "—": "-",
        "–": "-",
        "～": "~",
        "〜": "~",
        "﹪": "%",
        "‰": "‰",
    }
)


def nfkc(text: str) -> str:
    """Unicode NFKC: full-width letters, digits and ％＞ become ASCII forms."""
    return unicodedata.normalize("NFKC", text)


def unify_glyphs(text: str) -> str:
    """Map look-alike comparator and dash glyphs to one form (≧→≥, ═→=, ＞→>)."""
    text = nfkc(text).translate(_GLYPHS)
    return text.replace(">=", "≥").replace("<=", "≤").replace("=>", "≥").replace("=<", "≤")


def collapse_whitespace(text: str) -> str:
    """Join lines and runs of spaces into single spaces, and trim."""
    return _SPACE_RE.sub(" ", text).strip()


def remove_space_between_cjk(text: str) -> str:
    """'产 出 指 标' -> '产出指标' (flattened DOCX text puts spaces inside words)."""
    return _SPACE_BETWEEN_CJK_RE.sub("", text)


def strip_pinyin(text: str) -> str:
    """Remove pinyin glosses injected after characters: '項(xiàng)目' -> '項目'."""
    return _PINYIN_RE.sub("", text)


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional -> Simplified Chinese (zhconv, zh-cn)."""
    return zhconv.convert(text, "zh-cn")


@lru_cache(maxsize=262144)
def normalize_for_matching(text: str) -> str:
    """The canonical comparison form: NFKC, glyphs unified, Simplified,
    no pinyin, no whitespace, lower case. Used for dedup, lookups and features."""
    if not text:
        return ""
    text = unify_glyphs(str(text))
    text = strip_pinyin(text)
    text = to_simplified(text)
    return _SPACE_RE.sub("", text).lower()
