"""The vague flag on rubric rows and yes/no answers, and the table_kind column of data 1.3.

Rows are real: seed 003's 绩效评价指标体系 and 自评表 read by the extractor, the AQSIQ 是/否
questions of the labelled data. The vague model's probability is an input of the checks, so it
is given here as the column the model would fill (the figures it had on these rows with model
d1.2-s0 are in the comments)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from nlp.assess import labelled_rows_as_batch
from nlp.checks import check_batch, check_row_text, load_weights
from nlp.dataset import LabelError, frame_sha256, read_labelled_file
from nlp.extract import extract_file
from nlp.schema import INDICATOR_COLUMNS
from nlp.taxonomy import load_taxonomy
from pipelines.train import merge_labelled

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "training_data"
SEED_003 = REPO / "tests" / "fixtures" / "seeds" / "003_4e8feeed9e58872d.txt"
WEIGHTS = {**load_weights(), "thresholds": {**load_weights()["thresholds"], "vague_probability": 0.75}}


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="module")
def seed_003_rows():
    return pd.DataFrame([r.to_dict() for r in extract_file(SEED_003).rows]).reindex(columns=list(INDICATOR_COLUMNS), fill_value="")


def _vague_findings(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Row name -> the evidence of its VAGUE_VALUE findings."""
    out: dict[str, list[str]] = {}
    for finding in check_batch(rows, weights=WEIGHTS):
        if finding.code == "VAGUE_VALUE":
            for i in finding.rows:
                out.setdefault(rows.loc[i, "name"], []).append(finding.evidence)
    return out


# -- rubric rows (评价指标体系) ----------------------------------------------------------------

# Seed 003's rubric rows that labellers judged checkable (vague 0) and model d1.2-s0 called vague
# (probability in brackets), or that a compliance word of the lexicon hit.
RUBRIC_CHECKABLE = {
    "贯彻中央医疗保障制度改革有关医疗保障能力建设决策部署": 1.00,
    "决策程序规范": 0.87,
    "绩效目标设置科学": 0.99,
    "绩效目标分解细化": 0.99,
    "资金分配规范性": 0.82,  # 按规定时限下达资金: lexicon 按规定
    "资金分配合理性": 0.97,  # …能力提升补助资金管理要求: lexicon 提升, inside the fund's name
    "医保规范性文件和政策措施的合法性审查、公平竞争审查": 0.96,  # 全覆盖
}


def test_seed_003_rubric_rows_are_read_as_a_rubric(seed_003_rows):
    kinds = seed_003_rows.groupby("table_kind").size().to_dict()
    assert kinds == {"自评表": 9, "评价指标体系": 31}
    rubric = seed_003_rows[seed_003_rows["table_kind"] == "评价指标体系"]
    assert set(RUBRIC_CHECKABLE) <= set(rubric["name"])


def test_rubric_criteria_get_no_model_or_compliance_vagueness(seed_003_rows):
    rows = seed_003_rows.copy()
    rows["vague_probability"] = [str(RUBRIC_CHECKABLE.get(n, 0.0)) for n in rows["name"]]
    found = _vague_findings(rows)
    assert sorted(set(found) & set(RUBRIC_CHECKABLE)) == []
    # The words that fix no level still count in a rubric: the labels call these rows vague.
    assert found["医保法治建设能力"] == ["有所提高"]
    assert found["医保标准化水平"] == ["显著提升"]
    assert found["推行医保支付方式改革和DRG、DIP试点"] == ["逐步"]


def test_the_same_rows_in_a_target_table_are_still_judged_by_the_model(seed_003_rows):
    rows = seed_003_rows[seed_003_rows["name"].isin(RUBRIC_CHECKABLE)].reset_index(drop=True)
    rows["vague_probability"] = [str(RUBRIC_CHECKABLE[n]) for n in rows["name"]]
    rows["table_kind"] = "目标表"
    found = _vague_findings(rows)
    assert sorted(found) == sorted(RUBRIC_CHECKABLE)
    assert found["资金分配规范性"] == ["按规定"]
    # A fund's name is not a target: 能力提升补助资金 no longer counts as the direction 提升.
    assert found["资金分配合理性"] == ["符合预算管理和医疗服务与保障能力提升补助资金管理要求"]  # the model's finding


# -- yes/no answers ----------------------------------------------------------------------------

def _row(name: str, value: str, probability: float) -> dict:
    return {"department": "检验检疫局", "project": "口岸动物疫情防控", "name": name, "value_raw": value,
            "vague_probability": str(probability)}


def test_a_yes_to_a_concrete_question_is_checkable_whatever_the_model_says():
    # AQSIQ rows labelled vague 0; model d1.2-s0 gave them 0.93-0.98.
    rows = pd.DataFrame([
        _row("实验室是否向社会提供技术服务", "是", 0.93),
        _row("组织口岸重大动物疫情应急处置演练或培训", "是", 0.97),
        _row("专项资金的投入是否提高了截获率", "是", 0.98),
        _row("是否发生重大检测质量事故", "否", 0.21),
    ]).reindex(columns=list(INDICATOR_COLUMNS) + ["vague_probability"], fill_value="")
    assert _vague_findings(rows) == {}
    codes = {f.code for f in check_batch(rows, weights=WEIGHTS) if f.scope == "row"}
    assert codes == {"BOOLEAN_TARGET"}


def test_a_yes_to_a_vague_question_is_vague_without_the_model():
    assert check_row_text("是否提高了检验检疫影响力", "", "是") == [
        ("VAGUE_VALUE", "提高", "指标值“是”回答的问题“是否提高了检验检疫影响力”含“提高”，没有衡量标准，年终无法客观判断"),
        ("BOOLEAN_TARGET", "是", "指标值“是”为是/否判断，信息量低"),
    ]
    assert [(c, e) for c, e, _ in check_row_text("当年新竣工项目是否达到预期目标", "", "是")][0] == ("VAGUE_VALUE", "预期")
    assert [(c, e) for c, e, _ in check_row_text("来访外宾是否满意", "", "是")][0] == ("VAGUE_VALUE", "满意")
    assert [(c, e) for c, e, _ in check_row_text("", "", "是")][0] == ("VAGUE_VALUE", "是")
    # 完成/未完成 answer the question the same way.
    assert [(c, e) for c, e, _ in check_row_text("是否促进外向型经济发展", "", "完成")][0] == ("VAGUE_VALUE", "促进")
    assert "VAGUE_VALUE" not in {c for c, _, _ in check_row_text("制装计划是否当年完成", "", "完成")}


def test_a_vague_name_answered_yes_is_flagged_once_as_a_vague_name():
    assert [c for c, _, _ in check_row_text("是否提高工作效率", "", "是")] == ["VAGUE_NAME", "BOOLEAN_TARGET"]


def test_a_bare_none_under_a_name_that_asks_nothing_is_not_an_answer():
    # LABELLING.md: a value 无 is no value; only under a question (是否/有无) does it answer.
    assert "VAGUE_VALUE" not in {c for c, _, _ in check_row_text("本项目不适用此指标", "", "无")}
    assert [(c, e) for c, e, _ in check_row_text("是否有效防止疫情疫病传入传出", "", "无")][0] == ("VAGUE_VALUE", "有效")


# -- data 1.3: table_kind ------------------------------------------------------------------------

def test_data_1_3_has_table_kind_and_validates(taxonomy):
    frame = read_labelled_file(DATA / "1.3" / "labelled.csv", taxonomy)
    assert len(frame) == 1197
    assert frame["table_kind"].value_counts().to_dict() == {"": 578, "目标表": 400, "自评表": 114, "部门整体": 74, "评价指标体系": 31}
    released = pd.read_csv(DATA / "1.3" / "labelled.csv", dtype=str, keep_default_na=False)
    meta = json.loads((DATA / "1.3" / "meta.json").read_text(encoding="utf-8"))
    assert frame_sha256(released) == meta["sha256"]
    assert (meta["base_version"], meta["counts"]["table_kind"]["评价指标体系"]) == ("1.2", 31)
    kind = dict(zip(released["key"], released["table_kind"]))
    assert kind["决策程序规范|程序合规完整"] == "评价指标体系"
    assert kind["配合上级专项稽核|≥10天"] == "自评表"
    assert kind["医保法治建设水平|逐步提高"] == ""  # typed from the report's prose, outside any table
    assert kind["预算执行进度(7月)|40%"] == ""  # a library list, not a document
    # Only the column was added: every label and text equals 1.2.
    old = pd.read_csv(DATA / "1.2" / "labelled.csv", dtype=str, keep_default_na=False)
    assert released.drop(columns=["table_kind"]).equals(old)


def test_a_version_without_the_column_still_reads_and_checks_as_target_tables(taxonomy):
    frame = read_labelled_file(DATA / "1.2" / "labelled.csv", taxonomy)
    assert len(frame) == 1197 and set(frame["table_kind"]) == {""}
    raw = pd.read_csv(DATA / "1.2" / "labelled.csv", dtype=str, keep_default_na=False)
    assert "table_kind" not in raw.columns
    assert set(labelled_rows_as_batch(raw)["table_kind"]) == {""}
    batch = labelled_rows_as_batch(pd.read_csv(DATA / "1.3" / "labelled.csv", dtype=str, keep_default_na=False))
    assert batch["table_kind"].value_counts()["评价指标体系"] == 31


def test_an_unknown_table_kind_is_refused(taxonomy, tmp_path):
    rows = pd.DataFrame([{"name": "决策程序规范", "value_raw": "程序合规完整", "dimension": "质量", "table_kind": "评价表"}])
    rows.to_csv(tmp_path / "kinds.csv", index=False)
    with pytest.raises(LabelError) as caught:
        read_labelled_file(tmp_path / "kinds.csv", taxonomy)
    assert str(caught.value) == (
        "kinds.csv: row 2: unknown table_kind '评价表'; expected one of 目标表 自评表 部门整体 评价指标体系, or empty when unknown."
    )


def test_merging_fills_table_kind_without_touching_labels():
    base = pd.read_csv(DATA / "1.2" / "labelled.csv", dtype=str, keep_default_na=False)
    new = base[base["key"] == "决策程序规范|程序合规完整"].assign(table_kind="评价指标体系", provenance="")
    merged = merge_labelled(base, new, "kinds.csv")
    row = merged[merged["key"] == "决策程序规范|程序合规完整"].iloc[0]
    assert (row["table_kind"], row["vague"], row["note"]) == ("评价指标体系", "0", base.set_index("key").loc["决策程序规范|程序合规完整", "note"])
    assert (merged["table_kind"] != "").sum() == 1


def test_table_kinds_tool_reads_the_kind_of_the_table_holding_each_row():
    sys.path.insert(0, str(DATA / "tools"))
    from table_kinds import sheet_kinds

    sheet = pd.read_csv(DATA / "sources" / "seeds.csv", dtype=str, keep_default_na=False)
    sheet = sheet[sheet["source_file"] == "seeds/003_4e8feeed9e58872d.txt"]
    kinds = dict(sheet_kinds(sheet, REPO / "tests" / "fixtures"))
    assert kinds["seeds/003_4e8feeed9e58872d.txt:L826-834"] == "自评表"
    assert kinds["seeds/003_4e8feeed9e58872d.txt:L1027-1037"] == "评价指标体系"
    assert kinds["seeds/003_4e8feeed9e58872d.txt:L932"] == ""
    assert pd.Series(dict(sheet_kinds(sheet, REPO / "tests" / "fixtures"))).value_counts().to_dict() == {"评价指标体系": 31, "": 4, "自评表": 9}
