"""Labelled data (nlp/dataset.py) and the released training data (training_data/).

Fixture rows are real labelled rows of training_data/1.0/labelled.csv in the source-sheet
layout (tests/fixtures/train/, see PROVENANCE.md); error cases change one cell of a copy.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from nlp.dataset import (
    RELEASE_COLUMNS,
    SOURCE_COLUMNS,
    LabelError,
    assign_split,
    choose_eval_groups,
    deduplicate,
    frame_sha256,
    read_labelled_file,
    row_key,
)
from nlp.taxonomy import load_taxonomy_version, load_taxonomy
from nlp.text import normalize_for_matching

FIXTURES = Path(__file__).parent / "fixtures" / "train"
REPO = Path(__file__).resolve().parents[1]
RELEASED = REPO / "training_data" / "1.0"
DIMENSION_LIST = "数量 质量 时效 经济成本 社会成本 生态环境成本 经济效益 社会效益 生态效益 可持续影响 满意度"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def source_rows() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "sources_small.csv", dtype=str, keep_default_na=False)


def _write_copy(rows: pd.DataFrame, path: Path, row: int, column: str, value: str) -> Path:
    changed = rows.copy()
    changed.at[row, column] = value
    changed.to_csv(path, index=False, encoding="utf-8")
    return path


# -- validation ----------------------------------------------------------------------

def test_source_sheet_reads_and_cleans(source_rows, taxonomy):
    frame = read_labelled_file(FIXTURES / "sources_small.csv", taxonomy)
    assert len(frame) == 251
    # table_kind is optional in a labelled file; validation adds it empty (unknown) when absent.
    assert list(frame.columns) == list(SOURCE_COLUMNS) + ["table_kind"]
    assert set(frame["table_kind"]) == {""}
    assert frame.loc[0, ["name", "value_raw", "dimension", "concept", "value_kind"]].tolist() == [
        "网络覆盖率", "100%", "质量", "qual.coverage_generic", "quant",
    ]
    assert frame.loc[1, "concept"] == "UNKNOWN"
    # Flags become ints; every concept is an id of the taxonomy or UNKNOWN.
    assert set(frame["vague"]) == {0, 1}
    assert set(frame["boilerplate"]) <= {0, 1}
    assert set(frame["concept"]) - set(taxonomy.concepts) == {"UNKNOWN"}


def test_gbk_csv_reads_like_utf8(taxonomy):
    gbk = read_labelled_file(FIXTURES / "sources_gbk.csv", taxonomy)
    utf8 = read_labelled_file(FIXTURES / "sources_small.csv", taxonomy).head(8)
    # The GBK file really is not UTF-8 (otherwise this test proves nothing).
    with pytest.raises(UnicodeDecodeError):
        (FIXTURES / "sources_gbk.csv").read_bytes().decode("utf-8")
    pd.testing.assert_frame_equal(gbk, utf8)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "dimension", "效益指标",
            f"labels.csv: row 7: unknown dimension '效益指标' for '核心业务系统的瘫痪次数'; expected one of {DIMENSION_LIST}.",
        ),
        (
            "dimension", "",
            f"labels.csv: row 7: unknown dimension '' for '核心业务系统的瘫痪次数'; expected one of {DIMENSION_LIST}.",
        ),
        (
            "concept", "qual.system_outages",
            "labels.csv: row 7: concept 'qual.system_outages' is not in the taxonomy; use an existing id or UNKNOWN.",
        ),
        (
            "value_kind", "number",
            "labels.csv: row 7: unknown value_kind 'number'; expected one of quant date graded vague empty copy.",
        ),
        ("vague", "2", "labels.csv: row 7: vague must be 0 or 1, got '2'."),
        ("vague", "含糊", "labels.csv: row 7: vague must be 0 or 1, got '含糊'."),
        ("boilerplate", "yes", "labels.csv: row 7: boilerplate must be 0 or 1, got 'yes'."),
    ],
)
def test_bad_label_names_file_and_row(source_rows, taxonomy, tmp_path, column, value, message):
    path = _write_copy(source_rows, tmp_path / "labels.csv", 5, column, value)
    with pytest.raises(LabelError) as caught:
        read_labelled_file(path, taxonomy)
    assert str(caught.value) == message


def test_missing_column_names_file_and_columns(source_rows, taxonomy, tmp_path):
    source_rows.drop(columns=["dimension"]).to_csv(tmp_path / "labels.csv", index=False)
    with pytest.raises(LabelError) as caught:
        read_labelled_file(tmp_path / "labels.csv", taxonomy)
    found = ", ".join(c for c in SOURCE_COLUMNS if c != "dimension")
    assert str(caught.value) == f"labels.csv: missing column(s) dimension; found {found}."


def test_row_without_text_is_refused(source_rows, taxonomy, tmp_path):
    rows = source_rows.copy()
    rows.loc[3, ["name", "description", "value_raw"]] = ""
    rows.to_csv(tmp_path / "labels.csv", index=False)
    with pytest.raises(LabelError) as caught:
        read_labelled_file(tmp_path / "labels.csv", taxonomy)
    assert str(caught.value) == "labels.csv: row 5: no 三级 name, description or value; a labelled row needs some text."


def test_unreadable_files(taxonomy, tmp_path):
    with pytest.raises(LabelError) as caught:
        read_labelled_file(tmp_path / "nothing.csv", taxonomy)
    assert str(caught.value) == f"{tmp_path / 'nothing.csv'}: no such file."
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(LabelError) as caught:
        read_labelled_file(tmp_path / "empty.csv", taxonomy)
    assert str(caught.value) == f"{tmp_path / 'empty.csv'}: empty file, no header row."


# -- reviewed report workbooks --------------------------------------------------------

def test_reviewed_report_workbook_keeps_reviewed_rows(taxonomy):
    sheet = pd.read_excel(FIXTURES / "reviewed_report.xlsx", sheet_name="指标明细", dtype=str).fillna("")
    frame = read_labelled_file(FIXTURES / "reviewed_report.xlsx", taxonomy)
    # Only the 8 rows with 复核维度 filled are kept, in sheet order.
    assert frame["name"].tolist() == sheet["name"].head(8).tolist()
    assert frame["dimension"].tolist() == ["数量", "数量", "数量", "质量", "质量", "时效", "社会效益", "社会效益"]
    # Rows 0-3 carry the reviewer's concept; rows 4-7 left 复核概念 empty: the model's concept_id stays.
    assert frame["concept"].tolist() == [
        "qty.fund_inspections", "qty.inspections", "qty.insured_persons", "qual.insurance_enrollment_rate",
        "time.funds_in_place_rate", "time.disbursement_timeliness", "soc.protect_interests", "soc.medical_burden_reduced",
    ]
    assert frame["concept"].tolist()[4:] == sheet["concept_id"].tolist()[4:8]
    assert frame["vague"].tolist() == [0, 0, 0, 0, 0, 0, 1, 1]
    assert set(frame["source_kind"]) == {"review"}
    assert set(frame["source_file"]) == {"reviewed_report.xlsx"}
    assert set(frame["group"]) == {"review:剑阁县医疗保障局"}
    assert frame["row_locator"].tolist()[:2] == ["L826-834", "L836-844"]


def test_reviewed_concept_overrides_model_concept(taxonomy, tmp_path):
    path = tmp_path / "report.xlsx"
    shutil.copy(FIXTURES / "reviewed_report.xlsx", path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["指标明细"]
    header = [c.value for c in sheet[1]]
    # Sheet row 6 (县级财政参保配套资金到位率): the model said time.funds_in_place_rate.
    sheet.cell(6, header.index("复核概念") + 1, "qual.full_funding_rate")
    sheet.cell(6, header.index("复核含糊") + 1, 1)
    workbook.save(path)
    frame = read_labelled_file(path, taxonomy).reset_index(drop=True)
    assert frame.loc[4, ["concept", "vague"]].tolist() == ["qual.full_funding_rate", 1]


def test_bad_review_label_names_the_sheet_row(taxonomy, tmp_path):
    """Unreviewed rows are skipped, but an error still names the row of the sheet."""
    path = tmp_path / "report.xlsx"
    shutil.copy(FIXTURES / "reviewed_report.xlsx", path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["指标明细"]
    header = [c.value for c in sheet[1]]
    sheet.cell(12, header.index("复核维度") + 1, "过程指标")  # 执行预算绩效管理和资金管理办法
    workbook.save(path)
    with pytest.raises(LabelError) as caught:
        read_labelled_file(path, taxonomy)
    assert str(caught.value) == (
        f"report.xlsx[指标明细]: row 12: unknown dimension '过程指标' for '执行预算绩效管理和资金管理办法'; "
        f"expected one of {DIMENSION_LIST}."
    )


# -- deduplication and the split ------------------------------------------------------

def test_deduplicate_counts_occurrences_and_keeps_provenance(source_rows, taxonomy):
    rows = source_rows.head(3).copy()
    # The same row as pasted in another file, with full-width % and a stray space.
    pasted = rows.iloc[[0]].assign(source_file="another.tsv", row_locator="R7", name="网络 覆盖率", value_raw="100％")
    relabelled = rows.iloc[[0]].assign(source_file="third.tsv", row_locator="R9", dimension="数量")
    frame = validate_labelled_frame(pd.concat([rows, pasted, relabelled], ignore_index=True), taxonomy)
    out = deduplicate(frame)
    assert list(out.columns) == list(RELEASE_COLUMNS)
    assert out["key"].tolist() == ["网络覆盖率|100%", "电子通关率|100%", "电子申报率|100%"]
    first = out.iloc[0]
    assert first["occurrences"] == 3
    assert first["provenance"] == "hktianyi__Meeting__aqsiq-kpi.tsv:R28; another.tsv:R7; third.tsv:R9"
    assert first["dimension"] == "质量"  # two of three say 质量
    assert first["note"] == (
        "filed 产出数量; coverage rate of the service -> 质量 | dimension disagreement among duplicates: {'质量': 2, '数量': 1}"
    )
    assert out["occurrences"].tolist() == [3, 1, 1]


def test_deduplicate_adds_occurrences_of_released_rows():
    released = pd.read_csv(RELEASED / "labelled.csv", dtype=str, keep_default_na=False)
    row = released[released["key"] == "预算执行进度(7月)|40%"]
    assert row["occurrences"].tolist() == ["17"]
    again = row.assign(occurrences="1", source_file="new.csv", row_locator="R2")
    base = row.assign(source_file=row["provenance"], row_locator="")
    out = deduplicate(pd.concat([again, base], ignore_index=True))
    assert out["occurrences"].tolist() == [18]


def validate_labelled_frame(frame, taxonomy):
    from nlp.dataset import validate_labelled

    return validate_labelled(frame, taxonomy, "rows")


def test_choose_eval_groups_is_deterministic(source_rows, taxonomy):
    frame = deduplicate(read_labelled_file(FIXTURES / "sources_small.csv", taxonomy))
    expected = ["lib:aqsiq:fk", "lib:aqsiq:yqsb", "lib:aqsiq:zxjtf", "public:006", "public:010", "seed:001"]
    assert choose_eval_groups(frame) == expected
    assert choose_eval_groups(frame.sample(frac=1.0, random_state=3)) == expected  # row order does not matter
    assert choose_eval_groups(frame, seed=1) != expected
    # Authored rows are never evaluation rows.
    authored = frame.assign(source_kind="authored")
    assert choose_eval_groups(authored) == []


def test_assign_split_never_puts_a_name_on_both_sides(source_rows, taxonomy):
    frame = deduplicate(read_labelled_file(FIXTURES / "sources_small.csv", taxonomy))
    # A name of an evaluation group also occurs (with a trailing space) in a training group.
    extra = frame[frame["group"] == "public:006"].head(1).assign(group="public:003", name=lambda f: f["name"] + " ")
    frame = pd.concat([frame, extra], ignore_index=True)
    eval_groups = ["lib:aqsiq:fk", "lib:aqsiq:yqsb", "lib:aqsiq:zxjtf", "public:006", "public:010", "seed:001"]
    split = assign_split(frame, eval_groups)
    names = frame["name"].map(normalize_for_matching)
    assert set(names[split == "eval"]).isdisjoint(set(names[split == "train"]))
    moved = normalize_for_matching(extra["name"].iloc[0])
    assert split[(frame["group"] == "public:006") & (names == moved)].tolist() == ["train"]
    assert set(frame.loc[split == "eval", "group"]) <= set(eval_groups)
    assert (split == "eval").sum() > 40
    authored = frame.assign(source_kind="authored")
    assert set(assign_split(authored, eval_groups)) == {"train"}


def test_row_key_normalises_name_and_value():
    assert row_key("预算执行进度（7月）", "40%") == "预算执行进度(7月)|40%"
    assert row_key("网络 覆盖率", "100％") == row_key("网络覆盖率", "100%")


# -- the released data ----------------------------------------------------------------

@pytest.fixture(scope="module")
def released():
    return pd.read_csv(RELEASED / "labelled.csv", dtype=str, keep_default_na=False)


def test_released_data_validates_against_the_taxonomy(taxonomy):
    meta = json.loads((RELEASED / "meta.json").read_text(encoding="utf-8"))
    own = load_taxonomy_version(meta["taxonomy_version"])
    frame = read_labelled_file(RELEASED / "labelled.csv", own)
    assert len(frame) == meta["counts"]["rows"] == 1197
    assert own.version == meta["taxonomy_version"] == "1.0"
    # Taxonomy versions only add concepts: old data stays valid under the current one.
    assert len(read_labelled_file(RELEASED / "labelled.csv", taxonomy)) == 1197


def test_released_hash_is_reproducible(released):
    """release_data_version hashes the frame it writes; reading the file back as text
    (as load_data_version does) gives the same frame, hence the same hash."""
    meta = json.loads((RELEASED / "meta.json").read_text(encoding="utf-8"))
    assert frame_sha256(released) == meta["sha256"]
    # Releases before 1.3 have every column but table_kind (added in 1.3, appended last).
    assert list(released.columns) + ["table_kind"] == list(RELEASE_COLUMNS)
    changed = released.copy()
    changed.loc[0, "dimension"] = "质量"
    assert frame_sha256(changed) != meta["sha256"]


def test_released_split_is_the_fixed_split(released):
    split = json.loads((REPO / "training_data" / "split.json").read_text(encoding="utf-8"))
    evaluation = released[released["split"] == "eval"]
    assert set(released["split"]) == {"train", "eval"}
    assert set(evaluation["group"]) <= set(split["eval_groups"])
    names = released["name"].map(normalize_for_matching)
    assert set(names[released["split"] == "eval"]).isdisjoint(set(names[released["split"] == "train"]))
    # The stored split is exactly what assign_split gives for the fixed groups.
    assert assign_split(released, split["eval_groups"]).tolist() == released["split"].tolist()
    meta = json.loads((RELEASED / "meta.json").read_text(encoding="utf-8"))
    assert len(evaluation) == meta["counts"]["eval_rows"]
