import pytest

from nlp.dimensions import DIMENSIONS, normalize_levels


@pytest.mark.parametrize(
    "l1, l2, expected",
    [
        ("产出指标", "成本指标", ("产出", "经济成本")),
        ("成本指标(0-20)分", "社会成本指标", ("成本", "社会成本")),
        ("成本指标", "生态环境成本指标", ("成本", "生态环境成本")),
        ("效益指标", "环境效益指标", ("效益", "生态效益")),
        ("", "效果指标", ("效益", "社会效益")),
        ("满意度指标", "社会公众或服务对象满意度指标", ("满意度", "满意度")),
        ("效益指标", "服务对象", ("满意度", "满意度")),
        ("产出指标", "进度指标", ("产出", "时效")),
        ("产出目标", "数量目标", ("产出", "数量")),
        ("", "指标1:质量指标(必填)", ("产出", "质量")),
        ("★产出指标", "★★数量指标", ("产出", "数量")),
        ("效益指标", "可持续性发展影响指标", ("效益", "可持续影响")),
        ("產(chǎn)出指標", "時效指標", ("产出", "时效")),
        ("效益指标", "经济效益指标(10分)", ("效益", "经济效益")),
    ],
)
def test_filed_levels_normalise_to_canonical_names(l1, l2, expected):
    assert normalize_levels(l1, l2) == expected
    assert expected[1] in DIMENSIONS


def test_unknown_level_stays_empty():
    assert normalize_levels("项目预算管理", "资金投入") == ("", "")
