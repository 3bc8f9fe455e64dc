"""Word 97-2003 .doc (and WPS .wps / .et) on real documents: each .doc under tests/fixtures/doc/
is a real .docx saved by LibreOffice (tests/fixtures/make_doc_fixtures.py, PROVENANCE.md) and
must read exactly like its source: same rows, every field, same locators, same skipped rows."""
from __future__ import annotations

import csv
import dataclasses
import json
import shutil
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nlp.extract import SUPPORTED_SUFFIXES, extract_file, extract_paths
from nlp.schema import ExtractError
from pipelines.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
DOC = FIXTURES / "doc"
BAD = FIXTURES / "bad"
PINGXIANG_DOCX = FIXTURES / "score" / "pingxiang_2021_two_projects.docx"
WUHAN = "wuhan_donghu_hrss_2020_project_application"


def _fields(result) -> tuple:
    """Everything a reader decides, except the file name."""
    def strip(row) -> dict:
        fields = dataclasses.asdict(row)
        fields.pop("source_file")
        return fields

    return (
        [strip(r) for r in result.rows], [strip(s) for s in result.skipped], result.tables, result.empty_templates,
    )


def _reason(path: Path) -> str:
    with pytest.raises(ExtractError) as error:
        extract_file(path)
    return str(error.value)


@pytest.mark.parametrize(
    ("converted", "original", "rows", "tables"),
    [
        ("pingxiang_2021_two_projects.doc", PINGXIANG_DOCX, 18, 2),
        ("pingxiang_2021_two_projects.wps", PINGXIANG_DOCX, 18, 2),
        ("pingxiang_2021_word_features.doc", DOC / "pingxiang_2021_word_features.docx", 18, 2),
        ("pingxiang_2021_nested_table.doc", DOC / "pingxiang_2021_nested_table.docx", 20, 3),
        (f"{WUHAN}.doc", DOC / f"{WUHAN}.docx", 13, 1),
        ("variant_form_101.doc", FIXTURES / "variants" / "form_101.docx", 11, 1),
        ("variant_extra_columns.doc", FIXTURES / "variants" / "extra_columns.docx", 9, 1),
        ("variant_multi_project_merged.doc", FIXTURES / "variants" / "multi_project_merged.docx", 15, 1),
        ("variant_title_row_inside_grid.doc", FIXTURES / "variants" / "title_row_inside_grid.docx", 15, 2),
        ("variant_left_band_selfeval.doc", FIXTURES / "variants" / "left_band_selfeval.docx", 8, 1),
        ("variant_two_row_header_selfeval.doc", FIXTURES / "variants" / "two_row_header_selfeval.docx", 8, 1),
    ],
)
def test_doc_reads_exactly_like_its_docx(converted: str, original: Path, rows: int, tables: int):
    """Rows, locators (tableN!RM), skipped rows and table count equal the source .docx's."""
    expected = extract_file(original)
    result = extract_file(DOC / converted)
    assert (len(result.rows), result.tables) == (len(expected.rows), expected.tables) == (rows, tables)
    assert _fields(result) == _fields(expected)
    assert {r.source_file for r in result.rows} == {converted}


def test_pingxiang_doc_rows_and_skipped_rows():
    result = extract_file(DOC / "pingxiang_2021_two_projects.doc")
    first = result.rows[0]
    assert (first.table_index, first.row_locator, first.department, first.project, first.l1_filed, first.l2_filed,
            first.name, first.description, first.value_raw, first.basis) == (
        1, "table2!R2", "平乡县医疗保障局本级", "综合事务管理", "产出指标", "数量指标", "组织工作会议次数",
        "迎接上级督查考核以及组织会议次数", ">55次", "平乡县医疗保障局职能配置内设机构和人员编制规定的通知",
    )
    # 一级 merged down in Word: the continuation cells repeat it, as in the .docx.
    assert [r.l1_filed for r in result.rows[:9]] == ["产出指标"] * 4 + ["效益指标"] * 3 + ["满意度指标"] * 2
    assert [(s.table_index, s.row_locator, s.reason) for s in result.skipped] == [
        (1, "table2!R1", "header"), (2, "table4!R1", "header"),
    ]


def test_nested_table_follows_its_outer_table():
    """A table nested in a cell (its cells end with flagged paragraph marks) is read after the
    table holding it, numbered as the .docx reader numbers it."""
    result = extract_file(DOC / "pingxiang_2021_nested_table.doc")
    assert [(r.table_index, r.row_locator, r.project, r.name, r.value_raw) for r in result.rows[:3]] == [
        (1, "table2!R2", "综合事务管理", "参保人数", "≥30万人"),
        (1, "table2!R3", "综合事务管理", "医疗保险覆盖率", "≥90%"),
        (2, "table3!R2", "综合事务管理", "组织工作会议次数", ">55次"),
    ]
    assert [(s.table_index, s.row_locator, s.reason) for s in result.skipped] == [
        (1, "table2!R1", "header"), (2, "table3!R1", "header"), (3, "table5!R1", "header"),
    ]


def test_word_features_fields_symbols_breaks_and_tabs():
    """A HYPERLINK field in the title shows its result (the project), a PAGE field its number,
    a Symbol-font ≥ reads as ≥, a line break as a new line, a tab as a tab."""
    result = extract_file(DOC / "pingxiang_2021_word_features.doc")
    assert [r.project for r in result.rows] == ["综合事务管理"] * 9 + ["城乡居民医疗保险县级配套资金b"] * 9
    second = result.rows[9:12]
    assert [(r.name, r.value_raw, r.comparator, r.number, r.unit) for r in second] == [
        ("参保人数", "≥30万人", "≥", "30", "万人"),
        ("医疗保险覆盖率", "≥90%", "≥", "90", "%"),
        ("资金待遇发放及时率", "≥95%", "≥", "95", "%"),
    ]
    assert second[1].description == "以常住人口数为基数计算的\n基本参保综合参保率"
    assert second[2].basis == "资金发放明细\t附件1"
    assert not any("HYPERLINK" in r.project or "PAGE" in r.project for r in result.rows)


def test_word_table_from_a_real_workbook_matches_the_workbook():
    """The real 武汉东湖 workbook, as a Word table made by LibreOffice: the .doc gives the
    workbook's rows (locators differ: sheet rows vs table rows)."""
    def content(result):
        return [(r.department, r.project, r.table_kind, r.l1_filed, r.l2_filed, r.name, r.value_raw, r.comparator,
                 r.number, r.unit, r.description, r.basis) for r in result.rows]

    workbook = extract_file(FIXTURES / "xlsx" / f"{WUHAN}.xlsx")
    document = extract_file(DOC / f"{WUHAN}.doc")
    assert content(document) == content(workbook) and len(document.rows) == 13
    assert [r.row_locator for r in document.rows][:2] == ["table1!R36", "table1!R37"]


def test_et_is_read_as_the_xls_it_is():
    xls = extract_file(FIXTURES / "libreoffice" / f"{WUHAN}.xls")
    et = extract_file(DOC / f"{WUHAN}.et")
    assert _fields(et) == _fields(xls) and len(et.rows) == 13
    assert et.rows[0].source_file == f"{WUHAN}.et"


def test_broken_and_foreign_files_fail_with_reasons(tmp_path: Path):
    assert _reason(BAD / "encrypted.doc") == (
        "encrypted.doc: password-protected (encrypted) .doc file: open it in Word or WPS, "
        "remove the password and save it as .docx"
    )
    assert _reason(BAD / "truncated.doc") == (
        "truncated.doc: corrupt or truncated Word 97-2003 .doc file (the Office 97-2003 container is damaged "
        "or cut short (20000 bytes)); open it in Word or WPS and save it again as .docx"
    )
    shutil.copy(FIXTURES / "formats" / "xinglong_2022_targets.xls", tmp_path / "sheet.doc")
    assert _reason(tmp_path / "sheet.doc") == (
        "sheet.doc: not a Word 97-2003 document: the Office 97-2003 file holds an Excel .xls workbook; "
        "give it its real extension"
    )
    (tmp_path / "export.doc").write_bytes(b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}\\par}")
    assert _reason(tmp_path / "export.doc") == (
        "export.doc: not a Word 97-2003 document: it is an RTF document saved under a .doc name; "
        "open it in Word or WPS and save it as .docx"
    )
    (tmp_path / "old.wps").write_bytes(b"WPS 2000 document" + bytes(range(1, 32)))
    assert _reason(tmp_path / "old.wps") == (
        "old.wps: not a Word 97-2003 document: there is no Office 97-2003 file header (an older WPS format?); "
        "open it in Word or WPS and save it as .docx"
    )
    shutil.copy(DOC / "pingxiang_2021_two_projects.doc", tmp_path / "words.et")
    assert _reason(tmp_path / "words.et") == (
        "words.et: unsupported file type .et: this WPS spreadsheet is not in the Excel 97-2003 (.xls) format "
        "WPS normally saves; open it in WPS and save it as .xlsx"
    )
    (tmp_path / "empty.doc").write_bytes(b"")
    assert _reason(tmp_path / "empty.doc") == "empty.doc: empty file (0 bytes); nothing to read"


def test_word_6_and_damaged_piece_table(tmp_path: Path):
    """The real .doc with its FIB changed: an older file format version, and a piece table
    pointing past the end of its stream."""
    import olefile

    def patched(name: str, offset: int, value: bytes) -> Path:
        path = tmp_path / name
        shutil.copy(DOC / "pingxiang_2021_two_projects.doc", path)
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            word = bytearray(ole.openstream("WordDocument").read())
            word[offset:offset + len(value)] = value
            ole.write_stream("WordDocument", bytes(word))
        return path

    assert _reason(patched("word95.doc", 2, struct.pack("<H", 104))) == (
        "word95.doc: Word 6.0/95 document (file format version 104) is not supported; "
        "open it in Word or WPS and save it as .docx"
    )
    assert _reason(patched("cut.doc", 0x1A2, struct.pack("<I", 0x7FFFFFF0))) == (
        "cut.doc: corrupt or truncated Word 97-2003 .doc file (the piece table lies outside the table stream); "
        "open it in Word or WPS and save it again as .docx"
    )


def test_suffixes_and_unsupported_message(tmp_path: Path):
    assert {".doc", ".wps", ".et"} <= set(SUPPORTED_SUFFIXES)
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert [(f.source_file, f.reason) for f in extract_paths([tmp_path]).failures] == [
        ("notes.json", "unsupported file type .json: give .txt, .md, .xlsx, .xlsm, .xls, .et, .docx, .doc, .wps, "
                       ".csv, .tsv, .pdf, .html or .htm"),
    ]


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def doc_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    shutil.copy(DOC / "pingxiang_2021_two_projects.doc", folder)
    shutil.copy(DOC / "variant_form_101.doc", folder)
    shutil.copy(DOC / f"{WUHAN}.et", folder)
    shutil.copy(BAD / "encrypted.doc", folder)
    return folder


def test_extract_a_folder_with_doc_wps_and_et(doc_folder: Path, tmp_path: Path):
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["extract", str(doc_folder), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "extract: 3 files read, 1 failed (encrypted.doc: password-protected (encrypted) .doc file: open it in Word "
        "or WPS, remove the password and save it as .docx), 4 tables, 42 indicator rows, "
        f"43 skipped rows -> {out}"
    )
    rows = _read_csv(out)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["source_file"]] = counts.get(row["source_file"], 0) + 1
    assert counts == {"pingxiang_2021_two_projects.doc": 18, "variant_form_101.doc": 11, f"{WUHAN}.et": 13}


def test_score_a_folder_with_doc(doc_folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["score", str(doc_folder), "--out", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_failed"] == [{
        "file": "encrypted.doc",
        "reason": "password-protected (encrypted) .doc file: open it in Word or WPS, remove the password and save it as .docx",
    }]
    assert (summary["files"], summary["files_read"], summary["tables"]) == (4, 3, 4)
    assert summary["rows_read"] == summary["rows_scored"] + summary["rows_skipped"]
    assert (summary["rows_scored"], summary["rows_skipped"]) == (42, 43)
    assert sum(summary["skipped_by_reason"].values()) == summary["rows_skipped"]
    indicators = _read_csv(out / "indicators.csv")
    assert len(indicators) == 42
    projects = {(p["source_file"], p["project"]): int(p["n_indicators"]) for p in _read_csv(out / "projects.csv")}
    assert projects[("pingxiang_2021_two_projects.doc", "综合事务管理")] == 9
    assert projects[("pingxiang_2021_two_projects.doc", "城乡居民医疗保险县级配套资金b")] == 9
    assert projects[("variant_form_101.doc", "2020年非营利性民办园房租补贴")] == 11
