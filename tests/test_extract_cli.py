"""``zhibiao extract`` end to end on the seed fixtures, with bad files in the batch."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from nlp.extract import extract_file, extract_paths
from nlp.schema import INDICATOR_COLUMNS, SKIPPED_COLUMNS, ExtractError
from pipelines.cli import app

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED001 = SEEDS / "001_ccee6d171f262ac8.txt"
SEED003 = SEEDS / "003_4e8feeed9e58872d.txt"

EMPTY_REASON = "empty file: there is nothing to read (0 bytes or only whitespace)"
PNG_REASON = "binary file: the content is a PNG image, not text; give it its real extension or save the table as .txt/.xlsx"


def _run(*args: str):
    return CliRunner().invoke(app, ["extract", *args])


def _read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture()
def batch_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED001, folder)
    shutil.copy(SEED003, folder)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (folder / ".hidden.txt").write_text("not read", encoding="utf-8")
    return folder


def test_batch_with_empty_and_binary_files(batch_dir: Path, tmp_path: Path):
    out = tmp_path / "out" / "rows.csv"
    result = _run(str(batch_dir), "--out", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == (
        f"extract: 2 files read, 2 failed (empty.txt: {EMPTY_REASON}; scan.txt: {PNG_REASON}), "
        f"5 tables, 55 indicator rows, 134 skipped rows -> {out}"
    )
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    table = _read_csv(out)
    assert tuple(table[0]) == INDICATOR_COLUMNS
    rows = [dict(zip(table[0], r)) for r in table[1:]]
    assert len(rows) == 55
    assert {r["source_file"] for r in rows} == {SEED001.name, SEED003.name}
    first = rows[0]
    assert (first["source_file"], first["table_index"], first["row_locator"], first["name"], first["value_raw"]) == (
        SEED001.name, "10", "L507", "举办各类业务学习技能培训", "≥10次",
    )

    skipped = _read_csv(tmp_path / "out" / "rows.skipped.csv")
    assert tuple(skipped[0]) == SKIPPED_COLUMNS
    assert len(skipped) == 1 + 134 + 2
    assert skipped[-2:] == [
        ["empty.txt", "", "", f"file could not be read: {EMPTY_REASON}", ""],
        ["scan.txt", "", "", f"file could not be read: {PNG_REASON}", ""],
    ]
    assert ["001_ccee6d171f262ac8.txt", "10", "L519", "not an indicator row", "生态效益指标 | 不适用 | 不适用"] in skipped


def test_all_files_read_exits_zero_and_xlsx_output(tmp_path: Path):
    out = tmp_path / "rows.xlsx"
    result = _run(str(SEED001), "--out", str(out))
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines()[-1] == (
        f"extract: 1 files read, 0 failed, 3 tables, 15 indicator rows, 103 skipped rows -> {out}"
    )
    sheet = openpyxl.load_workbook(out).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == INDICATOR_COLUMNS
    assert len(values) == 16
    assert sheet.freeze_panes == "A2"
    assert (tmp_path / "rows.skipped.csv").exists()


def test_formula_like_cells_are_neutralised(tmp_path: Path):
    source = tmp_path / "formula.txt"
    source.write_text(
        "1.公式测试绩效目标表\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\n"
        "\t产出指标\n\t数量指标\n\t=HYPERLINK(\"http://x\")\n\t=1+1\n\n"
        "\t\n\t质量指标\n\t合格率\n\t-5%\n",
        encoding="utf-8",
    )
    csv_out = tmp_path / "f.csv"
    assert _run(str(source), "--out", str(csv_out)).exit_code == 0
    rows = _read_csv(csv_out)
    header = rows[0]
    assert [r[header.index("name")] for r in rows[1:]] == ["'=HYPERLINK(\"http://x\")", "合格率"]
    assert [r[header.index("value_raw")] for r in rows[1:]] == ["'=1+1", "'-5%"]
    xlsx_out = tmp_path / "f.xlsx"
    assert _run(str(source), "--out", str(xlsx_out)).exit_code == 0
    sheet = openpyxl.load_workbook(xlsx_out).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert all(c.data_type == "s" for c in cells)
    assert not any(c.value.startswith("=") for c in cells)


def test_usage_errors_exit_two(tmp_path: Path):
    result = _run(str(SEED001), "--out", str(tmp_path / "rows.json"))
    assert result.exit_code == 2
    assert result.stderr.strip() == "zhibiao extract: --out must end in .csv or .xlsx (got 'rows.json')"
    assert _run(str(SEED001)).exit_code == 2
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    result = _run(str(empty_folder), "--out", str(tmp_path / "x.csv"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"zhibiao extract: no input files found in {empty_folder}"


def test_outputs_inside_an_input_folder_are_not_read_back(tmp_path: Path):
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(SEED001, folder)
    out = folder / "rows.csv"
    for _ in range(2):
        result = _run(str(folder), "--out", str(out))
        assert result.exit_code == 0
        assert "1 files read, 0 failed" in result.stderr


def test_gbk_text_reads_like_utf8(tmp_path: Path):
    gbk = tmp_path / "seed001_gbk.txt"
    gbk.write_bytes(SEED001.read_text(encoding="utf-8").encode("gb18030"))
    utf8 = extract_file(SEED001)
    decoded = extract_file(gbk)
    assert [r.name for r in decoded.rows] == [r.name for r in utf8.rows]
    assert decoded.rows[0].source_file == "seed001_gbk.txt"


def test_unsupported_and_missing_files_fail_with_reasons(tmp_path: Path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0rest")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    batch = extract_paths([tmp_path, tmp_path / "missing.txt"])
    assert [(f.source_file, f.reason) for f in batch.failures] == [
        ("notes.json", "unsupported file type .json: give .txt, .md, .xlsx, .xlsm, .xls, .et, .docx, .doc, .wps, .csv, "
                       ".tsv, .pdf, .html or .htm"),
        ("old.doc", "not a Word 97-2003 document: the Office 97-2003 file header is damaged; "
                    "open it in Word or WPS and save it as .docx"),
        ("missing.txt", "file not found: check the path"),
    ]
    with pytest.raises(ExtractError, match=r"^empty.txt: empty file"):
        (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
        extract_file(tmp_path / "empty.txt")


def test_text_decoding_bom_damaged_utf8_and_undecodable():
    from nlp.extract import decode_text

    text = SEED001.read_text(encoding="utf-8")
    assert decode_text(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.txt") == text
    # one broken byte in a long UTF-8 file is kept as U+FFFD, not read as GB18030 mojibake
    damaged = decode_text(text.encode("utf-8") + b"\xff", "a.txt")
    assert damaged.startswith(text[:200]) and damaged.endswith("\ufffd")
    with pytest.raises(ExtractError) as error:
        decode_text(b"\x80\x81\xfe\xff" * 50, "weird.txt")
    assert str(error.value) == "weird.txt: cannot decode the text as UTF-8 or GB18030/GBK: save it as UTF-8 and try again"
