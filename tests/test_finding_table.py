"""The columnar store of findings: row slices, joined row texts, and the round trip to objects."""
import numpy as np

from nlp.arrays import first_positions, row_ranges
from nlp.finding_table import FindingCollector

SPECS = {"A": ("warning", "rule a", "row"), "B": ("info", "rule b", "project")}


def test_row_ranges_concatenate_the_slices():
    start, stop = np.array([3, 0, 7, 7, 2]), np.array([5, 0, 9, 7, 3])
    assert row_ranges(start, stop).tolist() == [3, 4, 7, 8, 2]
    assert row_ranges(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)).tolist() == []


def test_first_positions_give_each_codes_first_occurrence():
    codes = np.array([2, 0, 2, 1, 0, 4])
    assert first_positions(codes).tolist() == [1, 3, 0, -1, 5]
    assert first_positions(codes, 6).tolist() == [1, 3, 0, -1, 5, -1]
    assert first_positions(np.zeros(0, dtype=np.int64)).tolist() == []


def _collected():
    out = FindingCollector(SPECS, ["p0", "p1"], ["d0", "d0"])
    out.add("A", "m1", "e1", (0,), 0)
    # A block: two findings of one group of rows (4, 5, 6) and one of row 2.
    kind = out.kind_id("A", "m2", "e2")
    out.add_block(np.array([kind, kind, kind]), np.array([1, 1, 0]), np.array([0, 0, 3]), np.array([3, 3, 4]),
                  np.array([4, 5, 6, 2]))
    out.add("B", "m3", "e3", (), 1, related=("p0", "p1"))
    return out.table()


def test_findings_keep_their_order_rows_and_related_projects():
    table = _collected()
    found = [(f.code, f.message, f.rows, f.project, f.scope, f.related) for f in table.to_findings()]
    assert found == [
        ("A", "m1", (0,), "p0", "row", ()),
        ("A", "m2", (4, 5, 6), "p1", "row", ()),
        ("A", "m2", (4, 5, 6), "p1", "row", ()),
        ("A", "m2", (2,), "p0", "row", ()),
        ("B", "m3", (), "p1", "project", ("p0", "p1")),
    ]
    assert table.first_rows().tolist() == [0, 4, 4, 2, -1]
    assert table.categorical("related").tolist() == ["", "", "", "", "p0;p1"]


def test_joined_row_texts_with_an_offset_and_a_limit():
    table = _collected()
    ids = np.array([f"#{i}" for i in range(10, 20)], dtype=object)  # texts of rows 10..19
    shifted = table.take(np.arange(len(table)))
    shifted.members = table.members + 10
    assert shifted.joined(ids, offset=10).tolist() == ["#10", "#14;#15;#16", "#14;#15;#16", "#12", ""]
    assert shifted.joined(ids, offset=10, limit=2).tolist() == ["#10", "#14;#15", "#14;#15", "#12", ""]
