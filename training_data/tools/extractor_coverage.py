"""How many labelled source rows `zhibiao extract` reproduces from the original documents.

The labelled sheets were typed or pre-filled by the labellers' own scripts while the
extractor was being written; this measures, per source, how many of those rows the
repository's extractor now yields with the same normalised name and value.

Usage: python training_data/tools/extractor_coverage.py [CORPUS_DIR]   (default ../shared/corpus)
"""
from __future__ import annotations

import glob
import json
import sys
from pathlib import Path

import pandas as pd

from nlp.dataset import row_key
from nlp.extract import extract_file
from nlp.schema import ExtractError

ROOT = Path(__file__).resolve().parents[1]


def main(corpus: Path) -> None:
    result = {}
    for sheet_path in sorted(glob.glob(str(ROOT / "sources" / "*.csv"))):
        sheet = pd.read_csv(sheet_path, dtype=str, keep_default_na=False)
        if sheet["source_kind"].iloc[0] == "library":
            continue  # TSV lists from repositories, not documents
        extracted: dict[str, set[str]] = {}
        for source_file in sheet["source_file"].unique():
            try:
                rows = extract_file(corpus / source_file).rows
            except (ExtractError, FileNotFoundError):
                rows = []
            extracted[source_file] = {row_key(r.name, r.value_raw) for r in rows}
        hits = [row_key(n, v) in extracted[f] for f, n, v in zip(sheet["source_file"], sheet["name"], sheet["value_raw"])]
        result[Path(sheet_path).stem] = {"rows": len(sheet), "reproduced_by_extract": int(sum(hits))}
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parents[1] / "shared" / "corpus")
