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
#: jieba frequency of a user word (taxonomy names and aliases): high enough to stay whole.
USER_WORD_FREQ = 2000


def jieba_cache_dir() -> Path:
    """Where jieba's dictionary cache lives: $ZHIBIAO_CACHE_DIR, else a zhibiao folder in the temp dir."""
    base = os.environ.get("ZHIBIAO_CACHE_DIR") or os.path.join(tempfile.gettempdir(), "zhibiao-cache")
    path = Path(base) / "jieba"
    path.mkdir(parents=True, exist_ok=True)
    return path


# jieba's own cache of its prefix dictionary is one marshalled dict of ~500,000 words: loading
# it takes ~0.6 s of every cold start, and freeing it at exit ~0.05 s more. Ours stores the same
# words and counts grouped by first character; a tokenizer reads only the groups of the first
# characters it meets (a few hundred for a small file) and, after many look-ups, all of them
# into a plain dict, so a long run looks words up at dict speed.
_PREFIX_DICT_FORMAT = 2
_PREFIX_DICT_MAGIC = b"zhibiao jieba prefix dictionary %d\n" % _PREFIX_DICT_FORMAT
_HEADER_INTS = 4  # total, words, bytes of the word block, groups
#: Look-ups or groups read after which the whole dictionary is read into a plain dict: scoring
#: a 12-row file makes ~270 and reads ~70, a 166-row one ~1,900 and ~200; past these, one
#: whole read (~0.2 s) costs less than reading group by group and looking up through Python.
_READ_ALL_AFTER_LOOKUPS = 10_000
_READ_ALL_AFTER_GROUPS = 600


def _prefix_dict_path() -> Path:
    """Our copy of jieba's default prefix dictionary, named after jieba's version and its dictionary file."""
    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = dictionary.stat()
    key = f"{_PREFIX_DICT_FORMAT}|{jieba.__version__}|{dictionary}|{stat.st_size}|{stat.st_mtime_ns}"
    return jieba_cache_dir() / f"prefix-dict-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:16]}.bin"


class _PrefixDictFile:
    """The words and counts of the file, one first-character group at a time."""

    def __init__(self, data: bytes):
        start = len(_PREFIX_DICT_MAGIC)
        if not data.startswith(_PREFIX_DICT_MAGIC) or len(data) < start + 8 * _HEADER_INTS:
            raise ValueError("not a prefix dictionary file")
        header = array("q")
        header.frombytes(data[start:start + 8 * _HEADER_INTS])
        self.total, n_words, n_bytes, n_groups = header
        at = start + 8 * _HEADER_INTS
        firsts_end = data.index(b"\n", at)
        firsts = data[at:firsts_end].decode("utf-8")
        at = firsts_end + 1
        byte_starts, word_starts = array("q"), array("q")
        byte_starts.frombytes(data[at:at + 8 * (n_groups + 1)])
        at += 8 * (n_groups + 1)
        word_starts.frombytes(data[at:at + 8 * (n_groups + 1)])
        at += 8 * (n_groups + 1)
        self.words_at, self.counts_at = at, at + n_bytes
        if (len(firsts) != n_groups or len(data) != self.counts_at + 8 * n_words
                or byte_starts[-1] != n_bytes or word_starts[-1] != n_words):
            raise ValueError("truncated or inconsistent prefix dictionary file")
        self.data = data
        self.groups = {first: i for i, first in enumerate(firsts)}
        self.byte_starts, self.word_starts = byte_starts, word_starts

    def group(self, index: int) -> tuple[list[str], list[int]]:
        block = self.data[self.words_at + self.byte_starts[index]:self.words_at + self.byte_starts[index + 1]]
        words = block.decode("utf-8").split("\n")[:-1]  # each word ends with a newline
        counts = array("q")
        first, last = self.word_starts[index], self.word_starts[index + 1]
        counts.frombytes(self.data[self.counts_at + 8 * first:self.counts_at + 8 * last])
        if len(words) != len(counts):
            raise ValueError("inconsistent prefix dictionary group")
        return words, counts.tolist()

    def whole(self) -> dict[str, int]:
        """Every word and count as one plain dict (~0.15 s)."""
        words = self.data[self.words_at:self.counts_at].decode("utf-8").split("\n")[:-1]
        counts = array("q")
        counts.frombytes(self.data[self.counts_at:])
        if len(words) != len(counts):
            raise ValueError("inconsistent prefix dictionary file")
        return dict(zip(words, counts.tolist()))


class _LazyPrefixDict(dict):
    """jieba's ``FREQ``, read from the file one first-character group at a time.

    Every read — ``in``, ``get``, ``[]`` and whole-dict reads — first reads the group of the
    word's first character, so it answers as the full dictionary would. User words
    (:meth:`add_words`, the taxonomy terms) enter a group when it is read, with the entries
    jieba's ``add_word`` makes after a full load: the word at its count, its prefixes at 0
    unless known; other writes are kept as written. After many look-ups or groups, the
    tokenizer gets the same entries as a plain dict (jieba looks ``FREQ`` up on every use)."""

    def __init__(self, source: _PrefixDictFile, tokenizer: "jieba.Tokenizer"):
        super().__init__()
        self._source = source
        self._pending = dict(source.groups)  # first character -> group not read yet
        self._tokenizer = tokenizer
        self._lookups = 0
        self._user_words: list[tuple[str, int]] = []
        self._waiting: dict[str, list[tuple[str, int]]] = {}  # user words of groups not read yet
        self._writes: dict[str, int] = {}
        self._lock = threading.RLock()

    def _read_group(self, first: str) -> None:
        # One reader at a time, and a group leaves _pending only once all its words are in,
        # so a thread that finds it gone can look up at once.
        with self._lock:
            if first not in self._pending:
                return
            words, counts = self._source.group(self._pending[first])
            setdefault = super().setdefault
            for word, count in zip(words, counts):
                setdefault(word, count)  # a word written before its group was read keeps its count
            for word, count in self._waiting.pop(first, ()):
                _add_user_word(self, word, count, super().__setitem__, setdefault)
            del self._pending[first]

    def add_words(self, words: Iterable[str], count: int) -> None:
        """``tokenizer.add_word(word, freq=count)`` for each word, without reading groups
        (the caller adds ``count`` per word to ``tokenizer.total``, as add_word does)."""
        with self._lock:
            for word in words:
                self._user_words.append((word, count))
                if word and word[0] in self._pending:
                    self._waiting.setdefault(word[0], []).append((word, count))
                else:
                    _add_user_word(self, word, count, super().__setitem__, super().setdefault)

    def whole(self) -> dict[str, int]:
        """All entries as a plain dict: the file's, then the user words', then other writes."""
        plain = self._source.whole()
        for word, count in self._user_words:
            _add_user_word(plain, word, count, plain.__setitem__, plain.setdefault)
        plain.update(self._writes)
        return plain

    def _become_plain(self) -> None:
        with self._lock:
            if self._tokenizer.FREQ is self:
                self._tokenizer.FREQ = self.whole()

    def __contains__(self, key) -> bool:
        if key and key[0] in self._pending:
            self._read_group(key[0])
        self._lookups += 1
        if self._lookups > _READ_ALL_AFTER_LOOKUPS or len(self._source.groups) - len(self._pending) > _READ_ALL_AFTER_GROUPS:
            self._become_plain()
        return super().__contains__(key)

    def get(self, key, default=None):
        if key and key[0] in self._pending:
            self._read_group(key[0])
        return super().get(key, default)

    def __missing__(self, key):
        if key and key[0] in self._pending:
            self._read_group(key[0])
            return super().__getitem__(key)
        raise KeyError(key)

    def __setitem__(self, key, value) -> None:
        with self._lock:
            self._writes[key] = value
            super().__setitem__(key, value)

    # Whole-dict reads (jieba's cutting uses none of them) see the whole dictionary.
    def _full(self) -> dict:
        with self._lock:
            if self._pending:
                super().update(self.whole())
                self._pending.clear()
                self._waiting.clear()
        return self

    def __iter__(self):
        return super(_LazyPrefixDict, self._full()).__iter__()

    def __len__(self) -> int:
        return super(_LazyPrefixDict, self._full()).__len__()

    def __eq__(self, other) -> bool:
        return super(_LazyPrefixDict, self._full()).__eq__(other)

    def keys(self):
        return super(_LazyPrefixDict, self._full()).keys()

    def values(self):
        return super(_LazyPrefixDict, self._full()).values()

    def items(self):
        return super(_LazyPrefixDict, self._full()).items()

    def copy(self) -> dict:
        return self.whole()


def _add_user_word(freq, word: str, count: int, setitem, setdefault) -> None:
    """What jieba's ``add_word(word, freq=count)`` does to FREQ: the word at its count, each
    shorter prefix at 0 unless known."""
    setitem(word, count)
    for end in range(1, len(word)):
        setdefault(word[:end], 0)


def _read_prefix_dict(path: Path) -> _PrefixDictFile | None:
    """The file, or None when it is missing or damaged."""
    try:
        return _PrefixDictFile(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def _write_prefix_dict(path: Path, freq: dict[str, int], total: int) -> None:
    """Store jieba's (FREQ, total) grouped by first character; skipped when a word could not
    be stored (never in jieba's dictionary) or the cache folder is not writable: the cache
    only saves time."""
    groups: dict[str, list[str]] = {}
    for word in freq:
        if not word or "\n" in word:
            return
        groups.setdefault(word[0], []).append(word)
    firsts = list(groups)
    blocks, byte_starts, word_starts, counts = [], array("q", [0]), array("q", [0]), array("q")
    try:
        for first in firsts:
            block = "".join(word + "\n" for word in groups[first]).encode("utf-8")
            blocks.append(block)
            byte_starts.append(byte_starts[-1] + len(block))
            word_starts.append(word_starts[-1] + len(groups[first]))
            counts.extend(freq[word] for word in groups[first])
    except OverflowError:
        return
    header = array("q", [total, len(counts), byte_starts[-1], len(firsts)])
    content = b"".join([_PREFIX_DICT_MAGIC, header.tobytes(), "".join(firsts).encode("utf-8"), b"\n",
                        byte_starts.tobytes(), word_starts.tobytes(), *blocks, counts.tobytes()])
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".")
    except OSError:
        return
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.replace(temporary, path)  # atomic: a process reading it never sees half a file
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def initialize_tokenizer(tokenizer: "jieba.Tokenizer") -> None:
    """``tokenizer.initialize()`` for jieba's default dictionary, from our cache when it is
    there (the same words and counts, read as needed; written from jieba's own result otherwise)."""
    if tokenizer.dictionary != jieba.DEFAULT_DICT:
        tokenizer.initialize()
        return
    path = _prefix_dict_path()
    source = _read_prefix_dict(path)
    if source is not None:
        tokenizer.FREQ, tokenizer.total = _LazyPrefixDict(source, tokenizer), source.total
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
        if isinstance(tokenizer.FREQ, _LazyPrefixDict):
            tokenizer.FREQ.add_words(self.user_words, USER_WORD_FREQ)
            tokenizer.total += USER_WORD_FREQ * len(self.user_words)
        else:
            for word in self.user_words:
                tokenizer.add_word(word, freq=USER_WORD_FREQ)
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
