"""Benchmark inputs built from the repository's real rows.

The row pool is every labelled row of training_data/1.0/labelled.csv (weighted by
how often it occurs in its source) plus every row the readers extract from the
documents in examples/ and tests/fixtures/ (seeds, public, csv, xlsx). Nothing is
invented except department and project names, which number the sampled projects.

* :func:`build_sampled_csv`: N rows as a flat 部门/项目名称 CSV export. Projects of
  6-20 consecutive rows are sampled from one real source group each, so texts repeat
  the way they do across a province's export (the same 满意度 row in thousands of
  projects).
* :func:`build_distinct_csv`: N rows, every 三级指标 name and every row text distinct:
  a real name with a numbered 片区 qualifier and a real value with its number varied.

Files are written under benchmarks/_work/ (git-ignored) and reused when present.
"""
from __future__ import annotations

import csv
import random
import re
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parents[1]
WORK = Path(__file__).resolve().parent / "_work"
HEADER = ["部门", "项目名称", "一级指标", "二级指标", "三级指标", "指标值", "计量单位"]
_POOL_COLUMNS = ["group", "l1_filed", "l2_filed", "name", "value_raw", "unit", "weight"]


def row_pool() -> pd.DataFrame:
    """Real rows: labelled training rows and rows read from the repo's documents."""
    labelled = pd.read_csv(REPO / "training_data/1.0/labelled.csv", dtype=str).fillna("")
    labelled["weight"] = labelled["occurrences"].astype(int)
    frames = [labelled[_POOL_COLUMNS]]
    from nlp.extract import extract_paths

    sources = [REPO / "examples"] + [REPO / "tests/fixtures" / d for d in ("seeds", "public", "csv", "xlsx")]
    batch = extract_paths([p for p in sources if p.exists()])
    read = [
        {"group": f"{r.source_file}#{r.table_index}", "l1_filed": r.l1_filed, "l2_filed": r.l2_filed,
         "name": r.name, "value_raw": r.value_raw, "unit": r.unit, "weight": 1}
        for result in batch.results for r in result.rows
    ]
    frames.append(pd.DataFrame(read, columns=_POOL_COLUMNS))
    pool = pd.concat(frames, ignore_index=True)
    return pool[pool["name"].str.strip() != ""].reset_index(drop=True)


def _groups(pool: pd.DataFrame) -> list[pd.DataFrame]:
    return [g.reset_index(drop=True) for _, g in pool.groupby("group", sort=True) if len(g) >= 3]


def _write(path: Path, rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    tmp.replace(path)
    return path


def _sampled_rows(pool: pd.DataFrame, n_rows: int, seed: int):
    rng = random.Random(seed)
    groups = _groups(pool)
    weights = [float(g["weight"].sum()) for g in groups]
    records = [g[["l1_filed", "l2_filed", "name", "value_raw", "unit"]].values.tolist() for g in groups]
    written, project = 0, 0
    while written < n_rows:
        project += 1
        rows = rng.choices(records, weights=weights)[0]
        size = min(rng.randint(6, 20), len(rows), n_rows - written)
        start = rng.randint(0, len(rows) - size)
        department = f"第{project // 12 + 1:05d}预算单位"
        name = f"项目{project:06d}"
        for l1, l2, indicator, value, unit in rows[start:start + size]:
            yield [department, name, l1, l2, indicator, value, unit]
        written += size


def build_sampled_csv(n_rows: int = 1_000_000, seed: int = 20261125, path: Path | None = None) -> Path:
    path = path or WORK / f"sampled_{n_rows}.csv"
    if path.exists():
        return path
    return _write(path, _sampled_rows(row_pool(), n_rows, seed))


_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")


def _distinct_rows(pool: pd.DataFrame, n_rows: int, seed: int):
    rng = random.Random(seed)
    records = pool[["l1_filed", "l2_filed", "name", "value_raw", "unit"]].values.tolist()
    for i in range(n_rows):
        l1, l2, name, value, unit = records[i % len(records)]
        # A numbered qualifier keeps every name distinct; the value's number is varied too.
        name = f"{name}（{i + 1}号片区）"
        number = f"{rng.uniform(1, 99):.1f}"
        value = _NUMBER_RE.sub(number, value, count=1) if _NUMBER_RE.search(value) else (value or "") + number
        yield [f"第{i // 200 + 1:04d}预算单位", f"项目{i // 12 + 1:06d}", l1, l2, name, value, unit]


def build_distinct_csv(n_rows: int = 100_000, seed: int = 7, path: Path | None = None) -> Path:
    path = path or WORK / f"distinct_{n_rows}.csv"
    if path.exists():
        return path
    return _write(path, _distinct_rows(row_pool(), n_rows, seed))


def build_sampled_xlsx(n_rows: int = 100_000, seed: int = 20261125, path: Path | None = None) -> Path:
    """The first ``n_rows`` rows of :func:`build_sampled_csv` as a flat .xlsx export (one sheet,
    every cell text, as systems export them; "=100%" stays text, not a formula)."""
    path = path or WORK / f"sampled_{n_rows}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    source = build_sampled_csv(n_rows, seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("绩效目标")
    with open(source, encoding="utf-8-sig", newline="") as handle:
        for record in csv.reader(handle):
            cells = []
            for value in record:
                cell = WriteOnlyCell(sheet, value=value or None)
                if value:
                    cell.data_type = "s"
                cells.append(cell)
            sheet.append(cells)
    tmp = path.with_suffix(".tmp.xlsx")
    book.save(tmp)
    tmp.replace(path)
    return path


if __name__ == "__main__":
    import sys

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    print(build_sampled_csv(n), build_distinct_csv(max(n // 10, 1000)))
