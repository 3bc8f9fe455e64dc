"""Labelled rows for the three 人社 workbooks in /work/shared/corpus/xlsx.

Reads each sheet with merged cells filled (a merged 一级/二级 cell covers the rows below it),
takes the rows under the 一级指标/二级指标/三级指标(指标内容)/指标值 header, then applies the
decisions recorded below (every row read by eye against the workbook).
"""
from __future__ import annotations

import sys
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from label_seeds import CORPUS, OUT_DIR, D, finalize, make_row, write_rows  # noqa: E402

GROUPS = {
    "wuhan_donghu_hrss_2020_project_application.xlsx": "xlsx:wuhan_donghu_hrss",
    # the two zhanjiang workbooks are the same department (湛江市人力资源和社会保障局)
    "zhanjiang_hrss_2023_dept_targets.xlsx": "xlsx:zhanjiang_hrss",
    "zhanjiang_hrss_2024_dept_targets.xlsx": "xlsx:zhanjiang_hrss",
}


def displayed(cell) -> str:
    """The text Excel shows: percent-formatted numbers as 95%, others as written."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float)) and "%" in (cell.number_format or ""):
        pct = v * 100
        return f"{pct:g}%"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def read_workbook(workbook: str) -> list[dict]:
    wb = openpyxl.load_workbook(CORPUS / "xlsx" / workbook)
    out = []
    for ws in wb.worksheets:
        grid = {(c.row, c.column): displayed(c) for row in ws.iter_rows() for c in row}
        for rng in ws.merged_cells.ranges:
            top = grid.get((rng.min_row, rng.min_col), "")
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    grid[(r, c)] = top
        header_row = cols = None
        for r in range(1, ws.max_row + 1):
            texts = {grid.get((r, c), ""): c for c in range(1, ws.max_column + 1)}
            if "一级指标" in texts and ("三级指标" in texts or "指标内容" in texts):
                header_row = r
                cols = dict(l1=texts["一级指标"], l2=texts["二级指标"],
                            name=texts.get("三级指标", texts.get("指标内容")), value=texts["指标值"])
                break
        if header_row is None:
            continue
        for r in range(header_row + 1, ws.max_row + 1):
            name = grid.get((r, cols["name"]), "")
            value = grid.get((r, cols["value"]), "")
            if not name and not value:
                continue  # empty template row (成本指标 / 生态效益指标 left blank)
            out.append(dict(l1_filed=grid.get((r, cols["l1"]), ""), l2_filed=grid.get((r, cols["l2"]), ""),
                            name=name, description="", value_raw=value, row_locator=f"{ws.title}!R{r}",
                            source_file=f"xlsx/{workbook}"))
    return out


W = "xlsx/wuhan_donghu_hrss_2020_project_application.xlsx"
Z23 = "xlsx/zhanjiang_hrss_2023_dept_targets.xlsx"
Z24 = "xlsx/zhanjiang_hrss_2024_dept_targets.xlsx"
JOBS = "jobs created (guide: 就业人数 → 社会效益)"

BY_NAME = {
    "城镇新增就业人数": D("社会效益", n=JOBS),
    "城镇新增就业人数（万人）": D("社会效益", n=JOBS + "; target deferred to the assigned task"),
    "城镇新增就业人数（人）": D("社会效益", n=JOBS),
    "失业人员及就业困难人员再就业人数": D("社会效益", n=JOBS + "; two targets in one cell"),
    "扶持创业人数及带动就业人数": D("数量", n="two targets in one cell: people supported + jobs driven; first is the output"),
    "返乡创业人数及带动就业人数": D("数量", n="two targets in one cell: people supported + jobs driven; first is the output"),
    "就业技能及创业培训人数据": D("数量", n="two targets in one cell (就业技能/创业培训)"),
    "五险净增人数": D("数量", n="约 = approximate target"),
    "社会保障卡发卡量": D("数量"),
    "劳动监察网格日常巡查": D("数量"),
    "培训人员合格率": D("质量", n="cell value 1 formatted 0% (shown 100%)"),
    "仲裁案件法定期限结案率": D("时效", n="cell value 0.95 formatted 0%"),
    "劳动监察配合处理举报投诉案件": D("时效", k="quant", v=0, n="value states the measure: 在规定时间结案率为95%"),
    "提高全民参保覆盖面": D("质量", k="copy", v=1, n="value 按时办结 is pasted from a 时效 row, not a coverage target"),
    "做好服务工作，让服务对象满意": D("满意度", n="cell value 0.95 formatted 0%; 一级 merged cell 效益指标 spans this row"),
    "城乡居民基础养老金标准": D("经济成本", n="per-person benefit standard in 元 (guide: 经济成本); filed 数量"),
    "发放创业担保贷款金额": D("数量", n="volume of loans issued (output), not a cost"),
    "促进创业人数（人）": D("数量"),
    "创业担保贷款还款率": D("质量"),
    "补贴发放准确率": D("质量"),
    "资金在规定时间内下达率": D("时效"),
    "资金支付规范性": D("质量", k="graded", v=0, n="合规 = compliance yes/no; filed 时效"),
    "实际资金支出率": D("质量", n="= 预算执行率 (guide: 质量); filed 时效"),
    "就业困难人员就业人数": D("社会效益", n=JOBS),
    "失业人员再就业人数": D("社会效益", n=JOBS),
    "解决就业困难人员就业人数（人）": D("社会效益", n=JOBS),
    "失业人员再就业人数（人）": D("社会效益", n=JOBS),
    "全市城乡居民养老保险覆盖面": D("质量", k="graded", v=0, n="'不低于上年度水平': checkable against last year's figure"),
    "扶持创业企业（项目）数": D("数量"),
    "扶持创业企业（项目）个数": D("数量"),
    "支教人员每人每年完成课时": D("数量"),
    "“三支一扶”人员服务期满考核合格率（%）": D("质量"),
    "“三支一扶”人员到岗及时率": D("时效"),
    "服务期满继续在基层就业人数比例": D("社会效益", n="retention effect of the programme"),
    "基层服务覆盖范围": D("质量", k="vague", v=1, n="value names an area (湛江市基层), not a checkable target"),
    "对保持就业局势总体稳定发挥的影响": D("社会效益", k="vague", v=1, n="就业局势稳定 is a social effect (taxonomy soc.employment_stability)"),
}

BY_LOC = {
    (Z23, "Sheet1!R20"): D(k="vague", v=1, n=JOBS + "; '根据下达任务目标要求确定': no target set"),
    (Z23, "Sheet1!R21"): D(k="vague", v=1, n="'根据下达任务目标要求确定': no target set"),
    (Z23, "Sheet1!R29"): D(k="vague", v=1, n=JOBS + "; no target set; filed 经济效益"),
    (Z23, "Sheet1!R30"): D(k="vague", v=1, n=JOBS + "; no target set; filed 经济效益"),
    (Z24, "Sheet1!R22"): D(n="cell value 1 formatted 0% (shown 100%)"),
}


# Concepts: Taxonomy.lookup()/rapidfuzz proposals, each decided by reading the row.
XLSX_CONCEPTS = {
    '城镇新增就业人数': 'soc.jobs_created',
    '失业人员及就业困难人员再就业人数': 'soc.reemployment',
    '扶持创业人数及带动就业人数': 'qty.entrepreneurs_supported',
    '返乡创业人数及带动就业人数': 'qty.entrepreneurs_supported',
    '就业技能及创业培训人数据': 'qty.vocational_training',
    '五险净增人数': 'qty.insurance_net_increase',
    '社会保障卡发卡量': 'qty.social_security_cards',
    '劳动监察网格日常巡查': 'qty.inspections',
    '培训人员合格率': 'qual.training_pass_rate',
    '仲裁案件法定期限结案率': 'time.case_timeliness',
    '劳动监察配合处理举报投诉案件': 'time.case_timeliness',
    '提高全民参保覆盖面': 'qual.insurance_enrollment_rate',
    '做好服务工作，让服务对象满意': 'sat.service_object',
    '城乡居民基础养老金标准': 'cost.basic_pension_standard',
    '发放创业担保贷款金额': 'qty.entrepreneurship_loans',
    '城镇新增就业人数（万人）': 'soc.jobs_created',
    '促进创业人数（人）': 'qty.entrepreneurs_supported',
    '创业担保贷款还款率': 'qual.loan_repayment_rate',
    '补贴发放准确率': 'qual.disbursement_accuracy',
    '资金在规定时间内下达率': 'time.funds_arrival_timeliness',
    '资金支付规范性': 'qual.fund_compliance',
    '实际资金支出率': 'time.budget_execution_rate',
    '就业困难人员就业人数': 'soc.reemployment',
    '失业人员再就业人数': 'soc.reemployment',
    '全市城乡居民养老保险覆盖面': 'qual.pension_coverage',
    '扶持创业企业（项目）数': 'qty.startups_supported',
    '群众满意度': 'sat.public',
    '享受创业担保贷款对象满意度': 'sat.employment_service',
    '公共服务满意度': 'sat.public',
    '城镇新增就业人数（人）': 'soc.jobs_created',
    '支教人员每人每年完成课时': 'qty.teaching_hours',
    '“三支一扶”人员服务期满考核合格率（%）': 'qual.grassroots_staff_appraisal',
    '“三支一扶”人员到岗及时率': 'time.staff_arrival',
    '解决就业困难人员就业人数（人）': 'soc.reemployment',
    '失业人员再就业人数（人）': 'soc.reemployment',
    '扶持创业企业（项目）个数': 'qty.startups_supported',
    '服务期满继续在基层就业人数比例': 'soc.grassroots_retention',
    '基层服务覆盖范围': 'qual.coverage_generic',
    '对保持就业局势总体稳定发挥的影响': 'soc.employment_stability',
    '就业服务满意度': 'sat.employment_service',
    '服务单位对“三支一扶”人员满意度': 'sat.host_unit',
}


def xlsx_rows() -> list[dict]:
    rows = []
    for workbook, group in GROUPS.items():
        for r in read_workbook(workbook):
            rows.append(make_row(source_kind="xlsx", group=group, sector="人社", unit="", **r))
    for r in rows:
        if r["name"] in BY_NAME:
            r.update(BY_NAME[r["name"]])
        if (r["source_file"], r["row_locator"]) in BY_LOC:
            r.update(BY_LOC[(r["source_file"], r["row_locator"])])
    return rows


def main() -> None:
    from label_seeds import apply_concepts, sync_filler_boilerplate, validate_concepts

    rows = xlsx_rows()
    finalize(rows)
    apply_concepts(rows, XLSX_CONCEPTS, {})
    sync_filler_boilerplate(rows)
    problems = validate_concepts(rows)
    if problems:
        raise SystemExit("dimension/concept disagree:\n" + "\n".join(problems))
    write_rows(OUT_DIR / "xlsx.csv", rows)
    print(f"xlsx.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
