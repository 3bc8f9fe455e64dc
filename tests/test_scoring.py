"""Specificity scores on the seeds: the pasted project ranks last, well-quantified projects rank high,
and every point lost is traced to a finding."""
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from nlp.checks import CODES, Finding, check_batch, load_weights
from nlp.scoring import row_deductions, score_batch

FIXTURES = Path(__file__).parent / "fixtures" / "checks"
VACCINE = "财政对基本医疗保险基金疫苗款的补助"
QUANTIFIED_000 = "城乡居民医疗保险县级配套资金b"


def scored(*seeds: str):
    rows = pd.concat([pd.read_csv(FIXTURES / f"seed_{s}_rows.csv", dtype=str, keep_default_na=False) for s in seeds],
                     ignore_index=True)
    projects = pd.concat([pd.read_csv(FIXTURES / f"seed_{s}_projects.csv", dtype=str, keep_default_na=False)
                          for s in seeds], ignore_index=True)
    findings = check_batch(rows, projects=projects)
    return (rows, findings, *score_batch(rows, findings))


@pytest.fixture(scope="module")
def both_seeds():
    return scored("000", "004")


def test_vaccine_project_scores_lowest_in_its_department(both_seeds):
    rows, findings, row_scores, projects, departments = both_seeds
    xinglong = projects[projects.department == "362001兴隆县医疗保障局本级"]
    assert len(xinglong) == 24
    lowest = xinglong.sort_values("score").iloc[0]
    assert lowest.project == VACCINE
    assert lowest.score < xinglong.score.drop(lowest.name).min() - 20
    # Its deductions are the copy-paste findings a reviewer would name.
    codes = {f.code for f in findings if f.project == VACCINE}
    assert {"PASTED_IN_PROJECT", "PROJECT_MOSTLY_PASTED", "VALUE_REPEATS_NAME", "MULTI_FILED"} <= codes


def test_well_quantified_project_scores_clearly_above_the_pasted_ones(both_seeds):
    rows, findings, row_scores, projects, departments = both_seeds
    quantified = projects.set_index("project").score[QUANTIFIED_000]
    assert quantified >= 85
    # Projects with one text pasted into three or more rows: at least 20 points below.
    heavily = {f.project for f in findings if f.code == "PASTED_IN_PROJECT" and len(f.rows) >= 3}
    assert heavily == {VACCINE, "二残门诊药费"}
    assert quantified - projects[projects.project.isin(heavily)].score.max() >= 20
    # Any pasting at all (长期护理保险费 pastes one text twice): still below.
    pasted = {f.project for f in findings if f.code == "PASTED_IN_PROJECT"}
    assert pasted == heavily | {"长期护理保险费"}
    assert quantified > projects[projects.project.isin(pasted)].score.max()


def test_department_scores_are_the_mean_of_project_scores(both_seeds):
    rows, findings, row_scores, projects, departments = both_seeds
    expected = projects.groupby("department").score.mean()
    for _, department in departments.iterrows():
        assert department.score == pytest.approx(expected[department.department])
    assert departments.set_index("department").projects.to_dict() == {
        "450001平乡县医疗保障局本级": 17, "362001兴隆县医疗保障局本级": 24
    }
    xinglong, pingxiang = departments.set_index("department").score[["362001兴隆县医疗保障局本级", "450001平乡县医疗保障局本级"]]
    assert xinglong < pingxiang


def test_every_deduction_is_a_finding(both_seeds):
    """The traceability property: for every row, 100 - the deductions of its findings == its score
    (clamped), and for every project, mean(row scores) - its project findings == its score."""
    rows, findings, row_scores, projects, departments = both_seeds
    deductions = load_weights()["deductions"]
    lost = [0.0] * len(rows)
    for finding in findings:
        if finding.scope == "row":
            for i in finding.rows:
                lost[i] += deductions[finding.code]
    assert len(row_scores) == len(rows)
    for i, score in enumerate(row_scores):
        assert score == min(100.0, max(0.0, 100.0 - lost[i])), rows.row_locator[i]
    project_lost: dict[tuple[str, str], float] = {}
    for finding in findings:
        if finding.scope == "project":
            key = (finding.department, finding.project)
            project_lost[key] = project_lost.get(key, 0.0) + deductions[finding.code]
    for _, project in projects.iterrows():
        members = (rows.department == project.department) & (rows.project == project.project)
        mean = row_scores[members.to_numpy()].mean()
        expected = min(100.0, max(0.0, mean - project_lost.get((project.department, project.project), 0.0)))
        assert project.score == pytest.approx(expected), project.project
        assert project.rows == members.sum()


def test_a_row_without_findings_scores_100(both_seeds):
    rows, findings, row_scores, projects, departments = both_seeds
    touched = {i for f in findings if f.scope == "row" for i in f.rows}
    clean = [i for i in range(len(rows)) if i not in touched]
    assert clean
    assert set(row_scores[clean]) == {100.0}
    # e.g. 000's 资助人口参加基本医疗保险人数 ≥30万人
    first = rows.index[(rows.name == "资助人口参加基本医疗保险人数") & (rows.value_raw == "≥30万人")][0]
    assert row_scores[first] == 100.0


def test_scores_are_clamped():
    findings = [Finding(code, CODES[code].severity, "m", "e", CODES[code].rule, (0,), "p", "d", "row")
                for code in ("EMPTY_VALUE", "PLACEHOLDER", "VAGUE_NAME", "MISFILED")]
    assert row_deductions(2, findings).tolist() == [95.0, 0.0]
    rows = pd.DataFrame({"department": ["d", "d"], "project": ["p", "p"], "name": ["a", "b"], "value_raw": ["", "1"]})
    findings.append(Finding("MISSING_DIMENSION", "warning", "m", "e", "r", (), "p", "d", "project"))
    row_scores, projects, departments = score_batch(rows, findings)
    assert row_scores.tolist() == [5.0, 100.0]
    assert projects.score.tolist() == [42.5]  # (5 + 100) / 2 - 10
    assert departments.score.tolist() == [42.5]


def test_other_weights_change_the_scores(both_seeds):
    rows, findings, row_scores, projects, departments = both_seeds
    weights = dict(load_weights())
    weights["deductions"] = {code: 0 for code in weights["deductions"]}
    flat, flat_projects, _ = score_batch(rows, findings, weights)
    assert set(flat) == {100.0}
    assert set(flat_projects.score) == {100.0}


def test_weights_file_is_complete_and_positive():
    weights = load_weights()
    assert weights["version"] == "1.1"
    assert weights["deductions"]["TEMPLATE_HINT"] == 3
    assert set(weights["deductions"]) == set(CODES)
    assert all(isinstance(v, (int, float)) and 0 < v <= 50 for v in weights["deductions"].values())


def test_unknown_weights_file_is_explained():
    with pytest.raises(FileNotFoundError, match=r"nlp/resources/scoring/weights-9\.9\.json: weights file not found"):
        load_weights("weights-9.9.json")


def test_scoring_a_million_rows():
    import time

    rows = pd.read_csv(FIXTURES / "seed_004_rows.csv", dtype=str, keep_default_na=False)
    reps = 1_000_000 // len(rows)
    big = pd.concat([rows] * reps, ignore_index=True)
    big["project"] = big["project"].to_numpy(dtype=object) + "#" + np.repeat(np.arange(reps), len(rows)).astype(str).astype(object)
    findings = check_batch(big)
    start = time.process_time()
    row_scores, projects, departments = score_batch(big, findings)
    elapsed = time.process_time() - start
    assert elapsed < 10, f"scoring took {elapsed:.1f} s of CPU"
    assert len(projects) == 24 * reps
    vaccine = projects[projects.project.str.startswith(VACCINE + "#")].score
    assert vaccine.max() == projects.score.min()


def test_findings_from_another_batch_are_refused():
    rows = pd.DataFrame({"department": ["d"], "project": ["p"], "name": ["a"], "value_raw": ["1"]})
    stray = Finding("VAGUE_NAME", "warning", "m", "e", "r", (3,), "p", "d", "row")
    with pytest.raises(ValueError, match=r"^finding VAGUE_NAME for project 'p' lists rows \[3\], outside the 1 rows "
                                         r"being scored; score the same rows that were given to check_batch$"):
        score_batch(rows, [stray])
    other = Finding("MISSING_COST", "info", "m", "e", "r", (), "q", "d", "project")
    with pytest.raises(ValueError, match=r"^finding MISSING_COST is for project 'q' of department 'd', which has no rows"):
        score_batch(rows, [other])


def test_score_reasons_account_for_every_point(both_seeds):
    from nlp.scoring import score_reasons

    rows, findings, row_scores, projects, departments = both_seeds
    reasons = score_reasons(findings)
    per_row = reasons[reasons.scope == "row"].groupby("row").points.sum()
    for i, score in enumerate(row_scores):
        assert score == max(0.0, 100.0 - per_row.get(i, 0.0))
    vaccine_rows = rows.index[rows.project == VACCINE]
    first = reasons[(reasons.scope == "row") & (reasons.row == vaccine_rows[1])]
    assert sorted(first.code) == sorted(
        ["BOILERPLATE", "VALUE_REPEATS_NAME", "VAGUE_VALUE", "NOT_QUANTIFIED", "NO_DEADLINE", "PASTED_IN_PROJECT",
         "MULTI_FILED"]
    )
    assert row_scores[vaccine_rows[1]] == 0.0  # 10+15+20+15+10+20+10 = 100 points
    project_lines = reasons[(reasons.scope == "project") & (reasons.project == VACCINE)]
    assert project_lines.code.tolist() == ["PROJECT_MOSTLY_PASTED"] and project_lines.row.tolist() == [-1]


def test_scores_from_the_finding_table_equal_scores_from_finding_objects(both_seeds):
    """score_rows scores the columnar findings (check_batch_table); check_batch gives the same
    findings as objects, and both score to the same floats."""
    from nlp.checks import check_batch_table

    rows, findings, row_scores, projects, departments = both_seeds
    projects_goals = pd.concat([pd.read_csv(FIXTURES / f"seed_{s}_projects.csv", dtype=str, keep_default_na=False)
                                for s in ("000", "004")], ignore_index=True)
    table = check_batch_table(rows, projects=projects_goals)
    assert table.to_findings() == findings
    table_scores, table_projects, table_departments = score_batch(rows, table)
    pd.testing.assert_series_equal(table_scores, row_scores)
    pd.testing.assert_frame_equal(table_projects, projects)
    pd.testing.assert_frame_equal(table_departments, departments)
