import pytest

from nlp.targets import parse_target, unit_measure
from nlp.values import ParsedValue, chinese_number, parse_value, spell_out_chinese_percent


@pytest.mark.parametrize(
    "raw, unit_hint, comparator_hint, expected",
    [
        # The original contract, used by the extraction readers.
        ("≧95％", "", "", ParsedValue("≥", "95", "%")),
        ("不低于30万人", "", "", ParsedValue("≥", "30", "万人")),
        ("90", "%", "≥", ParsedValue("≥", "90", "%")),
        # Values from seed 000 / 004.
        ("≥476万元", "", "", ParsedValue("≥", "476", "万元")),
        ("≥100百分比", "", "", ParsedValue("≥", "100", "百分比")),
        ("≥23.5万元/每年", "", "", ParsedValue("≥", "23.5", "万元/每年")),
        ("365天 ", "", "", ParsedValue("", "365", "天")),
        (">=95%", "", "", ParsedValue("≥", "95", "%")),
        ("95%以上", "", "", ParsedValue("≥", "95", "%")),
        ("100人以内", "", "", ParsedValue("≤", "100", "人")),
        ("约30人", "", "", ParsedValue("≈", "30", "人")),
        # Ranges: first bound, unit after the second bound.
        ("6-9个月", "", "", ParsedValue("", "6", "个月")),
        ("90%-95%", "", "", ParsedValue("", "90", "%")),
        ("3至5次", "", "", ParsedValue("", "3", "次")),
        # Dates carry no amount.
        ("2022-12-31", "", "", ParsedValue("", "", "")),
        ("2022年12月底前", "", "", ParsedValue("", "", "")),
        ("12月底前", "", "", ParsedValue("", "", "")),
        ("2022年", "", "", ParsedValue("", "", "")),
        # A duration is an amount.
        ("2年", "", "", ParsedValue("", "2", "年")),
        # Spelled-out percentages; 0.95 is never turned into 95%.
        ("百分之九十五", "", "", ParsedValue("", "95", "%")),
        ("不低于百分之九十九点五", "", "", ParsedValue("≥", "99.5", "%")),
        ("0.95", "", "", ParsedValue("", "0.95", "")),
        ("有效缓解", "", "", ParsedValue("", "", "")),
    ],
)
def test_parse_value(raw, unit_hint, comparator_hint, expected):
    assert parse_value(raw, unit_hint, comparator_hint) == expected


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("九十五", "一百", "十", "十二", "二十", "九五")] == [95, 100, 10, 12, 20, 95]
    assert chinese_number("九十x") is None
    assert spell_out_chinese_percent("满意度达到百分之九十") == "满意度达到90%"


@pytest.mark.parametrize(
    "raw, kind, fields",
    [
        ("≥95%", "quant", {"comparator": "≥", "number": 95.0, "unit": "%", "measure": "percent"}),
        ("90%-95%", "quant", {"comparator": "~", "number": 90.0, "upper": 95.0, "measure": "percent"}),
        ("6-9个月", "quant", {"number": 6.0, "upper": 9.0, "unit": "个月", "measure": "time"}),
        ("约30人", "quant", {"comparator": "≈", "approximate": True, "measure": "people"}),
        ("不低于30万人", "quant", {"comparator": "≥", "number": 30.0, "measure": "people"}),
        ("100人以内", "quant", {"comparator": "≤", "number": 100.0}),
        ("≥476万元", "quant", {"measure": "money", "span": "≥476万元"}),
        (">5万份", "quant", {"measure": "count"}),
        ("≥0.97比例", "quant", {"number": 0.97, "measure": "ratio"}),
        ("0.95", "quant", {"number": 0.95, "unit": "", "measure": ""}),
        ("≥100提供法律服务数量", "quant", {"number": 100.0, "measure": ""}),
        ("百分之九十五", "quant", {"number": 95.0, "measure": "percent"}),
        # Numbers inside text.
        ("案件调查率达到100%", "quant", {"comparator": "≥", "number": 100.0, "span": "达到100%"}),
        ("每个调查服务费300元", "quant", {"number": 300.0, "measure": "money", "span": "300元"}),
        ("逐步提高至95%", "quant", {"number": 95.0, "measure": "percent"}),
        # Dates and deadlines.
        ("2022-12-31", "date", {"deadline": "2022-12-31"}),
        ("2022年12月底前", "date", {"deadline": "2022-12"}),
        ("12月底前", "date", {"deadline": "--12"}),
        ("12月31日前", "date", {"deadline": "--12-31"}),
        ("年底前", "date", {"deadline": "year-end"}),
        ("第三季度", "date", {"deadline": "Q3"}),
        ("上半年", "date", {"deadline": "H1"}),
        ("次年3月底前", "date", {"deadline": "+1-03"}),
        # Grades, yes/no, qualitative, empty.
        ("优秀", "graded", {"grade": "优秀"}),
        ("良好", "graded", {"grade": "良好"}),
        ("年终考核成绩合格", "graded", {"grade": "合格"}),
        ("是", "boolean", {"yes": True}),
        ("否", "boolean", {"yes": False}),
        ("有效缓解", "qualitative", {"span": "有效缓解"}),
        ("不超预算", "qualitative", {}),
        ("全年", "qualitative", {}),
        ("", "empty", {}),
        ("/", "empty", {}),
        ("—", "empty", {}),
    ],
)
def test_parse_target(raw, kind, fields):
    target = parse_target(raw)
    assert target.kind == kind
    for name, value in fields.items():
        assert getattr(target, name) == value, name


def test_unit_hint_fills_a_bare_number():
    target = parse_target("90", unit_hint="%", comparator_hint="≥")
    assert (target.kind, target.comparator, target.number, target.measure) == ("quant", "≥", 90.0, "percent")


def test_unit_measures_from_the_lexicon():
    assert [unit_measure(u) for u in ("%", "百分比", "万元", "元/人", "人次", "万份", "个月", "km", "㎡", "提供法律服务")] == [
        "percent", "percent", "money", "money", "people", "count", "time", "length", "area", ""
    ]
