import csv
import json
from pathlib import Path

import pytest

from nlp.dimensions import DIMENSIONS, L1_OF_DIMENSION_101, L1_OF_DIMENSION_CLASSIC
from nlp.taxonomy import (
    MEASURE_TYPES,
    TaxonomyError,
    default_taxonomy_path,
    load_taxonomy,
)

FIXTURES = Path(__file__).parent / "fixtures" / "taxonomy"
DIMENSION_LIST = "数量, 质量, 时效, 经济成本, 社会成本, 生态环境成本, 经济效益, 社会效益, 生态效益, 可持续影响, 满意度"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


# ---------------------------------------------------------------- the real file


def test_packaged_file_loads_with_version_and_enough_concepts(taxonomy):
    assert taxonomy.version == "1.1"
    assert taxonomy.source == "taxonomy-1.1.json"
    assert len(taxonomy.concepts) >= 570
    assert tuple(taxonomy.dimensions) == DIMENSIONS


def test_explicit_path_gives_the_same_taxonomy(taxonomy):
    again = load_taxonomy(default_taxonomy_path())
    assert again.concepts == taxonomy.concepts
    assert again.version == taxonomy.version


def test_every_dimension_and_measure_type_is_used(taxonomy):
    used_dimensions = {c.dimension for c in taxonomy.concepts.values()}
    assert used_dimensions == set(DIMENSIONS)
    for dimension in DIMENSIONS:
        legit = [c for c in taxonomy.concepts_in(dimension) if not c.filler]
        assert len(legit) >= 5, dimension
    assert {c.measure_type for c in taxonomy.concepts.values()} == set(MEASURE_TYPES)


def test_dimensions_sit_under_both_frameworks(taxonomy):
    for name, dimension in taxonomy.dimensions.items():
        assert dimension.l1_2021 == L1_OF_DIMENSION_101[name]
        assert dimension.l1_classic == L1_OF_DIMENSION_CLASSIC[name]
        assert dimension.definition and len(dimension.decision_rules) >= 2
    assert taxonomy.dimensions["经济成本"].l1_classic == "产出"
    assert taxonomy.dimensions["经济成本"].l1_2021 == "成本"
    concept = taxonomy.concept("cost.per_capita_subsidy_standard")
    assert (concept.l1_classic, concept.l1_2021) == ("产出", "成本")


def test_fillers_are_marked_with_reasons(taxonomy):
    fillers = taxonomy.filler_ids
    assert len(fillers) >= 25
    assert all(taxonomy.concept(cid).filler_reason for cid in fillers)
    for boilerplate in ("社会稳定水平", "社会影响力", "业务保障能力提升", "满足生态环保要求",
                        "经济效益增加值", "可持续性服务", "财政配套及时到位", "保障单位正常运转"):
        assert taxonomy.lookup(boilerplate).filler, boilerplate
    assert {"time.funds_in_place_rate", "time.budget_execution_rate", "qual.fund_compliance"} <= taxonomy.process_ids
    assert not taxonomy.lookup("补助资金发放及时率").process  # paying the beneficiaries on time is an output
    # Satisfaction of the public is a legitimate indicator, not boilerplate.
    assert not taxonomy.lookup("群众满意度").filler
    assert not taxonomy.lookup("服务对象满意度").filler


@pytest.mark.parametrize(
    "name, concept_id, dimension",
    [
        ("医疗救助政策知晓率", "soc.policy_awareness", "社会效益"),
        ("受益群众满意度", "sat.beneficiary", "满意度"),
        ("资金到位率", "time.funds_in_place_rate", "时效"),
        ("培训人次", "qty.training_participants", "数量"),
        ("城镇新增就业人数（人）", "soc.jobs_created", "社会效益"),
        ("带动农民增收", "econ.income_raised", "经济效益"),
        ("人均补助标准", "cost.per_capita_subsidy_standard", "经济成本"),
        ("补助资金发放及时率", "time.disbursement_timeliness", "时效"),
        ("任务完成率", "qual.task_completion", "质量"),
        ("资助政策覆盖率", "qual.student_aid_coverage", "质量"),
        ("  指标2:户用卫生厕所改造验收通过率", "qual.acceptance_pass_rate", "质量"),
        ("群众满意度(%)", "sat.public", "满意度"),
        ("公眾安全感指數", "soc.public_safety_sense", "社会效益"),  # Traditional glyphs
        ("★★★受益脱贫户、监测户人口数(≥**户)", "qty.poverty_households_supported", "数量"),  # template left in
        ("受益脱贫户满意度(≥**%)", "sat.beneficiary", "满意度"),
    ],
)
def test_lookup_of_real_names(taxonomy, name, concept_id, dimension):
    concept = taxonomy.lookup(name)
    assert concept is not None, name
    assert (concept.id, concept.dimension) == (concept_id, dimension)


def test_lookup_misses_unknown_names(taxonomy):
    assert taxonomy.lookup("与徐工集团共建工程机械党组织数量") is None
    assert taxonomy.lookup("") is None


def test_frequent_real_names_from_the_corpus_all_map(taxonomy):
    with open(FIXTURES / "real_names.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    assert len(rows) >= 50
    wrong = [(r["name"], getattr(taxonomy.lookup(r["name"]), "id", None), r["expected_concept"])
             for r in rows if getattr(taxonomy.lookup(r["name"]), "id", None) != r["expected_concept"]]
    assert wrong == []


def test_ids_are_append_only(taxonomy):
    """Every id of the frozen 1.0 list still exists with the same dimension."""
    with open(FIXTURES / "frozen_ids.tsv", encoding="utf-8") as fh:
        frozen = {r["id"]: r["dimension"] for r in csv.DictReader(fh, delimiter="\t")}
    assert len(frozen) >= 220
    changed = {cid: (dim, getattr(taxonomy.concepts.get(cid), "dimension", None))
               for cid, dim in frozen.items()
               if getattr(taxonomy.concepts.get(cid), "dimension", None) != dim}
    assert changed == {}


TAXONOMY_DIR = default_taxonomy_path().parent


def test_every_1_0_id_is_in_1_1_with_the_same_dimension(taxonomy):
    """1.1 only appends: each 1.0 concept keeps its id, dimension, name and aliases."""
    old = load_taxonomy(TAXONOMY_DIR / "taxonomy-1.0.json")
    assert old.version == "1.0" and len(old.concepts) == 503  # the published file stays as it was
    moved = {cid: (c.dimension, getattr(taxonomy.concepts.get(cid), "dimension", None))
             for cid, c in old.concepts.items()
             if getattr(taxonomy.concepts.get(cid), "dimension", None) != c.dimension}
    assert moved == {}
    renamed = [cid for cid, c in old.concepts.items()
               if (taxonomy.concept(cid).name, taxonomy.concept(cid).aliases) != (c.name, c.aliases)]
    assert renamed == []
    # New concepts come after the 1.0 ones, in file order.
    assert list(taxonomy.concepts)[: len(old.concepts)] == list(old.concepts)
    assert len(taxonomy.concepts) - len(old.concepts) == 80


@pytest.mark.parametrize(
    "name, concept_id, dimension",
    [
        # real 三级 names that were UNKNOWN under 1.0 (training_data/1.1/labelled.csv)
        ("绩效目标分解细化", "qual.performance_target_breakdown", "质量"),
        ("资金监管有效性", "qual.fund_supervision", "质量"),
        ("用款计划差错率", "qual.payment_plan_error_rate", "质量"),
        ("推行医保支付方式改革和DRG、DIP试点", "sust.payment_method_reform", "可持续影响"),
        ("资金社会化发放率", "qual.socialized_disbursement_rate", "质量"),
        ("县级储备粮管理制 度严格执行率", "qual.grain_rules_execution", "质量"),
        ("政策性挂账利息补 贴保障率", "qual.grain_interest_coverage", "质量"),
        ("国家级名师数量", "qual.recognized_teachers", "质量"),
        ("进出口商品检验批次增长率", "qty.inspection_volume_growth", "数量"),
        ("检疫犬生活费支出是否超出定额标准", "cost.within_spending_standard", "经济成本"),
        ("指标1:机柜数量", "qty.server_cabinets", "数量"),
        ("核心业务系统的瘫痪次数", "qual.core_system_outages", "质量"),
        ("當年獲得寧德市級以上確認的人才驛站數量", "qty.talent_stations", "数量"),  # Traditional glyphs
    ],
)
def test_lookup_of_names_added_in_1_1(taxonomy, name, concept_id, dimension):
    concept = taxonomy.lookup(name)
    assert concept is not None, name
    assert (concept.id, concept.dimension) == (concept_id, dimension)
    assert load_taxonomy(TAXONOMY_DIR / "taxonomy-1.0.json").lookup(name) is None


def test_1_1_process_and_filler_additions(taxonomy):
    assert {"qual.performance_target_setting", "qual.fund_allocation_compliance", "qual.decision_procedure",
            "qual.performance_monitoring", "qual.budget_cut"} <= taxonomy.process_ids
    assert taxonomy.lookup("专业群建设的示范作用").filler
    # Spending within a named standard is auditable, unlike the filler "不超过预算".
    assert not taxonomy.lookup("外事接待是否超出标准").filler and taxonomy.lookup("不超过预算").filler
    # 资金分配规范性 answered with a deadline is often filed 时效: tolerated, not misfiled.
    assert taxonomy.validate_label(dimension="时效", concept_id="qual.fund_allocation_compliance").process


def test_validate_label(taxonomy):
    assert taxonomy.validate_label(dimension="质量") is None
    assert taxonomy.validate_label(dimension="社会效益", concept_id="soc.policy_awareness").name == "政策知晓率"
    # A tolerated filing is accepted.
    assert taxonomy.validate_label(dimension="可持续影响", concept_id="soc.policy_awareness").id == "soc.policy_awareness"
    with pytest.raises(TaxonomyError) as info:
        taxonomy.validate_label(dimension="数量", concept_id="sat.public")
    assert str(info.value) == (
        "taxonomy-1.1.json: concept 'sat.public' (群众满意度) belongs to dimension '满意度', "
        "not '数量' (accepted: 满意度); fix the dimension or choose a concept of '数量'"
    )
    with pytest.raises(TaxonomyError) as info:
        taxonomy.validate_label(dimension="效率", concept_id="sat.public")
    assert str(info.value) == (
        f"taxonomy-1.1.json: unknown dimension '效率' (expected one of {DIMENSION_LIST})"
    )
    with pytest.raises(TaxonomyError) as info:
        taxonomy.validate_label(dimension="质量", concept_id="qual.nope")
    assert str(info.value) == (
        "taxonomy-1.1.json: unknown concept id 'qual.nope'; ids are listed in "
        "Taxonomy.concepts (e.g. 'qty.training_sessions')"
    )


# ------------------------------------------------------------ broken copies


def _small_copy(tmp_path, mutate):
    """A valid three-concept copy of the real file, changed by ``mutate``."""
    data = json.loads(default_taxonomy_path().read_text(encoding="utf-8"))
    data["concepts"] = [json.loads(json.dumps(c)) for c in data["concepts"][:3]]
    mutate(data)
    path = tmp_path / "taxonomy-1.0.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _error(tmp_path, mutate):
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(_small_copy(tmp_path, mutate))
    return str(info.value)


def test_small_copy_is_valid(tmp_path):
    small = load_taxonomy(_small_copy(tmp_path, lambda data: None))
    assert list(small.concepts) == ["qty.training_sessions", "qty.training_participants", "qty.training_duration"]


def test_unknown_dimension_is_reported(tmp_path):
    def mutate(data):
        data["concepts"][1]["dimension"] = "效率"
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #1 (id 'qty.training_participants'): unknown dimension '效率' "
        f"(expected one of {DIMENSION_LIST})"
    )


def test_duplicate_id_is_reported(tmp_path):
    def mutate(data):
        data["concepts"][2]["id"] = "qty.training_sessions"
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #2 (id 'qty.training_sessions'): duplicate concept id, "
        "already used by concept #0; give the new concept a new id (ids are never reused)"
    )


def test_alias_shared_by_two_dimensions_is_reported(tmp_path):
    def mutate(data):
        data["concepts"][2]["dimension"] = "时效"
        data["concepts"][2]["aliases"].append("培训人数")
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #2 (id 'qty.training_duration'): alias '培训人数' already maps to "
        "concept #1 (id 'qty.training_participants') with dimension '数量', not '时效'; "
        "a name must mean one dimension: keep it on one concept"
    )


def test_alias_equal_after_normalisation_is_a_collision(tmp_path):
    def mutate(data):
        data["concepts"][2]["aliases"].append("培 訓 人 數")  # spaces and Traditional glyphs
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #2 (id 'qty.training_duration'): alias '培 訓 人 數' already maps to "
        "concept #1 (id 'qty.training_participants'); a name must map to one concept: "
        "merge them or drop the alias"
    )


def test_unknown_measure_type_is_reported(tmp_path):
    def mutate(data):
        data["concepts"][0]["measure_type"] = "ratio"
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #0 (id 'qty.training_sessions'): unknown measure type 'ratio' "
        "(expected one of count, rate, money, date_or_duration, satisfaction, qualitative)"
    )


def test_missing_field_is_reported(tmp_path):
    def mutate(data):
        del data["concepts"][1]["unit_family"]
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #1 (id 'qty.training_participants'): missing field 'unit_family'"
    )


def test_filler_without_reason_is_reported(tmp_path):
    def mutate(data):
        data["concepts"][0]["filler"] = True
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #0 (id 'qty.training_sessions'): filler concept needs a 'filler_reason'"
    )


def test_unknown_sector_is_reported(tmp_path):
    def mutate(data):
        data["concepts"][0]["sectors"] = ["航天"]
    assert _error(tmp_path, mutate) == (
        "taxonomy-1.0.json: concept #0 (id 'qty.training_sessions'): unknown sector '航天'; "
        "add it to the top-level 'sectors' list first"
    )


def test_missing_dimension_and_bad_json_are_reported(tmp_path):
    def mutate(data):
        data["dimensions"] = [d for d in data["dimensions"] if d["name"] != "社会成本"]
    assert _error(tmp_path, mutate) == "taxonomy-1.0.json: dimensions missing: 社会成本"

    broken = tmp_path / "taxonomy-9.9.json"
    broken.write_text('{"version": "9.9",', encoding="utf-8")
    with pytest.raises(TaxonomyError) as info:
        load_taxonomy(broken)
    assert str(info.value).startswith("taxonomy-9.9.json: not valid JSON at line 1 column ")
