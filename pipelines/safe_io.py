"""Writing files people open in Excel and browsers: formula injection is
neutralised and every file is written atomically (temp file, then rename)."""
from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe.

    Numbers stay numbers; "-5" written as text stays readable as "'-5".
    """
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


@contextmanager
def atomic_path(path: Path):
    """Yield a temporary path beside ``path``; move it into place only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any] | dict]) -> int:
    """Write UTF-8-with-BOM CSV (Excel detects the encoding) atomically; return rows written."""
    count = 0
    with atomic_path(path) as tmp:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in rows:
                values = [row.get(c, "") for c in columns] if isinstance(row, dict) else list(row)
                writer.writerow(["" if v is None else neutralize_formula(v) for v in values])
                count += 1
    return count


def write_text(path: Path, text: str) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
