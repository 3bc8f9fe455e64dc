"""Record types shared by every reader, the checks and the pipelines.

A reader turns one document into :class:`Table` grids (cells with locators);
:func:`nlp.extract.grid.interpret_table` turns a grid into :class:`IndicatorRow`
records and :class:`SkippedRow` records, so that every line read is accounted for.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields

#: Output columns of ``zhibiao extract``, in order.
INDICATOR_COLUMNS: tuple[str, ...] = (
    "source_file",
    "table_index",
    "row_locator",
    "department",
    "project",
    "table_kind",
    "l1_filed",
    "l2_filed",
    "l1",
    "l2",
    "name",
    "description",
    "value_raw",
    "comparator",
    "number",
    "unit",
    "basis",
    "actual",
    "score",
    "goal",
)

SKIPPED_COLUMNS: tuple[str, ...] = ("source_file", "table_index", "row_locator", "reason", "text")

TABLE_KINDS = ("目标表", "自评表", "部门整体", "评价指标体系")

# Reasons a line or row was not turned into an indicator.
SKIP_HEADER = "header"
SKIP_EMPTY_TEMPLATE = "empty template row"
SKIP_UNREADABLE = "unreadable"
SKIP_NOT_INDICATOR = "not an indicator row"
SKIP_SUBTOTAL = "subtotal or score row"


@dataclass
class IndicatorRow:
    source_file: str
    table_index: int
    row_locator: str
    department: str = ""
    project: str = ""
    table_kind: str = "目标表"
    l1_filed: str = ""
    l2_filed: str = ""
    l1: str = ""
    l2: str = ""
    name: str = ""
    description: str = ""
    value_raw: str = ""
    comparator: str = ""
    number: str = ""
    unit: str = ""
    basis: str = ""
    actual: str = ""
    score: str = ""
    #: The table's 绩效目标 text (年度目标 first, then 总体/实施期目标), "" when the table has none.
    goal: str = ""

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


assert tuple(f.name for f in fields(IndicatorRow)) == INDICATOR_COLUMNS


@dataclass
class SkippedRow:
    source_file: str
    table_index: int
    row_locator: str
    reason: str
    text: str = ""

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Table:
    """One table as read from a document, before interpretation.

    ``rows`` holds ``(locator, cells)`` pairs: the locator says where the row is
    in the source ("L120-126", "Sheet1!R7"), cells are strings as written
    (merged cells repeated or empty, as the reader saw them).
    """

    source_file: str
    table_index: int
    title: str = ""
    department: str = ""
    project: str = ""
    table_kind: str = ""
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    #: True when merged cells were already filled in by the reader (xlsx/docx).
    merged_filled: bool = False
    #: Goal text the reader found around the grid (a separate 绩效目标 table above it);
    #: a goal cell inside the grid wins.
    goal: str = ""


@dataclass
class ExtractResult:
    """What one file gave: indicator rows, skipped rows and how many tables."""

    source_file: str
    rows: list[IndicatorRow] = field(default_factory=list)
    skipped: list[SkippedRow] = field(default_factory=list)
    tables: int = 0
    empty_templates: list[str] = field(default_factory=list)


class ExtractError(Exception):
    """A whole file could not be read. The message names the file and says why."""

    def __init__(self, source_file: str, reason: str):
        self.source_file = source_file
        self.reason = reason
        super().__init__(f"{source_file}: {reason}")
