"""Chinese word tokenisation with jieba, safe to pickle inside a model artifact.

jieba keeps global state (a default dictionary, a cache file in /tmp, a chatty
logger). :class:`JiebaTokenizer` owns a private ``jieba.Tokenizer`` built on first
use, with its cache in a directory of its own and the user dictionary (taxonomy
names and aliases) stored as plain data, so the artifact carries the dictionary
and unpickling never captures a live jieba object.
"""
from __future__ import annotations

import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

import jieba

from nlp.text import normalize_for_matching

jieba.setLogLevel(logging.WARNING)
logging.getLogger("jieba").setLevel(logging.WARNING)

_PUNCT_RE = re.compile(r"^[\W_]+$")
# One built jieba.Tokenizer per distinct user dictionary per process: several models
# in one artifact share it, and it is initialised once (cold start matters).
_BUILT: dict[tuple[str, ...], "jieba.Tokenizer"] = {}
_BUILD_LOCK = threading.Lock()
_TOKENS: dict[tuple[str, ...], dict[str, list[str]]] = {}
_TOKEN_CACHE_SIZE = 200_000


def jieba_cache_dir() -> Path:
    """Where jieba's dictionary cache lives: $ZHIBIAO_CACHE_DIR, else a zhibiao folder in the temp dir."""
    base = os.environ.get("ZHIBIAO_CACHE_DIR") or os.path.join(tempfile.gettempdir(), "zhibiao-cache")
    path = Path(base) / "jieba"
    path.mkdir(parents=True, exist_ok=True)
    return path


class JiebaTokenizer:
    """Callable ``str -> list[str]``: NFKC-normalised, Simplified, jieba-cut words.

    Parameters
    ----------
    user_words : iterable of str
        Extra dictionary entries (e.g. taxonomy names and aliases) so that
        domain terms such as 知晓率 or 一站式结算率 stay whole.
    """

    def __init__(self, user_words: Iterable[str] = ()):
        self.user_words = tuple(sorted({normalize_for_matching(w) for w in user_words if w and len(w) <= 12}))
        self._tokenizer = None
        self._cache = None

    def _build(self):
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(jieba_cache_dir())
        tokenizer.initialize()
        for word in self.user_words:
            tokenizer.add_word(word, freq=2000)
        return tokenizer

    def _get(self):
        if self._tokenizer is None:
            with _BUILD_LOCK:
                built = _BUILT.get(self.user_words)
                if built is None:
                    built = _BUILT[self.user_words] = self._build()
                self._tokenizer = built
        return self._tokenizer

    def __call__(self, text: str) -> list[str]:
        text = normalize_for_matching(text)
        if not text:
            return []
        # Several models of one artifact tokenise the same names: cut each text once.
        cache = self._cache
        if cache is None:  # hashing the word tuple is costly: look the shared cache up once
            cache = self._cache = _TOKENS.setdefault(self.user_words, {})
        words = cache.get(text)
        if words is None:
            if len(cache) >= _TOKEN_CACHE_SIZE:
                cache.clear()
            words = cache[text] = [w for w in self._get().lcut(text, HMM=False) if not _PUNCT_RE.match(w)]
        return list(words)

    # The live jieba object is rebuilt after unpickling; only the word list travels.
    def __getstate__(self):
        return {"user_words": self.user_words}

    def __setstate__(self, state):
        self.user_words = tuple(state["user_words"])
        self._tokenizer = None
        self._cache = None

    def __repr__(self) -> str:
        return f"JiebaTokenizer(user_words=<{len(self.user_words)} words>)"


def char_analyzer(text: str) -> str:
    """Preprocessor for character n-gram vectorisers: the normalised matching form."""
    return normalize_for_matching(text)
