"""Chinese word tokenisation with jieba, safe to pickle inside a model artifact.

jieba keeps global state (a default dictionary, a cache file in /tmp, a chatty
logger). :class:`JiebaTokenizer` owns a private ``jieba.Tokenizer`` built on first
use, with its cache in a directory of its own and the user dictionary (taxonomy
names and aliases) stored as plain data, so the artifact carries the dictionary
and unpickling never captures a live jieba object.
"""
from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import tempfile
import threading
from array import array
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


# jieba's own cache of its prefix dictionary is one marshalled dict of ~500,000 words; loading
# it takes ~0.6 s of every cold start. The same words and counts stored as one text block and
# one int64 array load in ~0.15 s (most of it building the dict, which jieba needs as it is).
_PREFIX_DICT_MAGIC = b"zhibiao jieba prefix dictionary 1\n"
_HEADER_INTS = 3  # total, number of words, bytes of the word block


def _prefix_dict_path() -> Path:
    """Our copy of jieba's default prefix dictionary, named after jieba's version and its dictionary file."""
    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = dictionary.stat()
    key = f"{jieba.__version__}|{dictionary}|{stat.st_size}|{stat.st_mtime_ns}"
    return jieba_cache_dir() / f"prefix-dict-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.bin"


def _read_prefix_dict(path: Path) -> tuple[dict[str, int], int] | None:
    """(FREQ, total) as jieba builds them, or None when the file is missing or damaged."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(_PREFIX_DICT_MAGIC)
    if not data.startswith(_PREFIX_DICT_MAGIC) or len(data) < start + 8 * _HEADER_INTS:
        return None
    header = array("q")
    header.frombytes(data[start:start + 8 * _HEADER_INTS])
    total, n_words, n_bytes = header
    words_at = start + 8 * _HEADER_INTS
    counts_at = words_at + n_bytes
    if len(data) != counts_at + 8 * n_words:
        return None
    try:
        words = data[words_at:counts_at].decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return None
    if len(words) != n_words:
        return None
    counts = array("q")
    counts.frombytes(data[counts_at:])
    return dict(zip(words, counts.tolist())), total


def _write_prefix_dict(path: Path, freq: dict[str, int], total: int) -> None:
    """Store jieba's (FREQ, total); skipped when a word could not be stored (never in jieba's
    dictionary) or the cache folder is not writable: the cache only saves time."""
    words = list(freq)
    if any("\n" in word for word in words):
        return
    block = "\n".join(words).encode("utf-8")
    try:
        counts = array("q", [freq[word] for word in words])
    except OverflowError:
        return
    header = array("q", [total, len(words), len(block)])
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(_PREFIX_DICT_MAGIC + header.tobytes() + block + counts.tobytes())
        os.replace(temporary, path)  # atomic: a process reading it never sees half a file
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def initialize_tokenizer(tokenizer: "jieba.Tokenizer") -> None:
    """``tokenizer.initialize()`` for jieba's default dictionary, from our faster cache when
    it is there (the same words and counts; written from jieba's own result otherwise)."""
    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        tokenizer.initialize()
        return
    path = _prefix_dict_path()
    cached = _read_prefix_dict(path)
    if cached is not None:
        tokenizer.FREQ, tokenizer.total = cached
        tokenizer.initialized = True
        return
    tokenizer.initialize()
    _write_prefix_dict(path, tokenizer.FREQ, tokenizer.total)


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
        initialize_tokenizer(tokenizer)
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
