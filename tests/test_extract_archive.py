"""Zip archives of documents, read member by member (nlp.extract.archive).

Archives are built at test time from real documents of tests/fixtures (PROVENANCE.md): two
seed disclosures, the Pingxiang .docx and the Zhanjiang workbook. Member names are written as
Chinese Windows tools write them (GBK bytes, no UTF-8 flag), and one archive is nested.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from nlp.extract import extract_file, extract_paths
from nlp.schema import ExtractError
from pipelines.cli import app

FIXTURES = Path(__file__).parent / "fixtures"
MEMBERS = {
    "兴隆县医保局/000_预算公开.txt": FIXTURES / "seeds" / "000_f66b596638052c77.txt",
    "平乡县/两个项目.docx": FIXTURES / "score" / "pingxiang_2021_two_projects.docx",
    "湛江人社局2024.xlsx": FIXTURES / "xlsx" / "zhanjiang_hrss_2024_dept_targets.xlsx",
}


def _gbk_zip(path: Path, members: dict[str, bytes]) -> Path:
    """A zip whose member names are GBK bytes without the UTF-8 flag: written with ASCII
    placeholders of the same byte length, then the placeholders replaced in the bytes."""
    placeholders = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for k, (name, data) in enumerate(members.items()):
            raw = name.encode("gbk")
            placeholder = (f"m{k}_" + "x" * len(raw))[: len(raw)]
            placeholders[placeholder.encode("ascii")] = raw
            archive.writestr(placeholder, data)
    content = path.read_bytes()
    for placeholder, raw in placeholders.items():
        assert content.count(placeholder) == 2  # local header and central directory
        content = content.replace(placeholder, raw)
    path.write_bytes(content)
    return path


def _rows(result) -> list[dict]:
    return [{k: v for k, v in r.to_dict().items() if k != "source_file"} for r in result.rows]


def test_every_member_is_read_under_its_chinese_name(tmp_path):
    archive = _gbk_zip(tmp_path / "2022年绩效目标.zip", {name: p.read_bytes() for name, p in MEMBERS.items()})
    with zipfile.ZipFile(archive) as check:
        assert not any(i.flag_bits & 0x800 for i in check.infolist())  # really the Windows way
    batch = extract_paths([archive])
    assert batch.failures == []
    by_source = {r.source_file: r for r in batch.results}
    assert sorted(by_source) == sorted(f"2022年绩效目标.zip/{name}" for name in MEMBERS)
    for name, original in MEMBERS.items():
        direct = extract_file(original)
        member = by_source[f"2022年绩效目标.zip/{name}"]
        assert _rows(member) == _rows(direct), name
        assert {r.source_file for r in member.rows} == {f"2022年绩效目标.zip/{name}"}
        assert len(member.rows) == len(direct.rows) > 0


def test_nested_and_damaged_archives_and_unsupported_members(tmp_path):
    inner = _gbk_zip(tmp_path / "inner.zip", {"平乡县/两个项目.docx": MEMBERS["平乡县/两个项目.docx"].read_bytes()})
    outer = _gbk_zip(tmp_path / "outer.zip", {"附件/inner.zip": inner.read_bytes(), "说明.jpg": b"\xff\xd8\xff\xe0 not tables"})
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(outer.read_bytes()[:300])
    batch = extract_paths([outer, damaged])
    assert [r.source_file for r in batch.results] == ["outer.zip/附件/inner.zip/平乡县/两个项目.docx"]
    assert len(batch.results[0].rows) == len(extract_file(MEMBERS["平乡县/两个项目.docx"]).rows)
    reasons = {f.source_file: f.reason for f in batch.failures}
    assert reasons["damaged.zip"] == "corrupt or truncated zip archive: download it again"
    assert reasons["outer.zip/说明.jpg"].startswith("unsupported file type .jpg")
    try:
        extract_file(outer)
    except ExtractError as error:
        assert error.reason.startswith("a zip archive holds several files")
    else:
        raise AssertionError("extract_file must refuse an archive")


def test_score_reads_archives_and_accounts_for_every_row(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _gbk_zip(folder / "医保局.zip", {name: p.read_bytes() for name, p in MEMBERS.items()})
    (folder / "坏的.zip").write_bytes(b"PK\x03\x04 truncated")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["score", str(folder), "--out", str(out), "--no-progress"])
    assert result.exit_code == 1, result.output  # one file failed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["files_failed"] == [{"file": "坏的.zip", "reason": "corrupt or truncated zip archive: download it again"}]
    assert summary["files_read"] == 3
    assert summary["rows_read"] == summary["rows_scored"] + summary["rows_skipped"]
    direct = sum(len(extract_file(p).rows) for p in MEMBERS.values())
    assert summary["rows_scored"] == direct
    indicators = (out / "indicators.csv").read_text(encoding="utf-8-sig")
    assert "医保局.zip/兴隆县医保局/000_预算公开.txt" in indicators
