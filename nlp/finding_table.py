"""Findings as columns: a big batch has millions of findings, kept as a few integer arrays.

A finding's text (code, severity, message, evidence, rule, scope) is stored once per distinct
text and referred to by number; its rows are a slice of one shared array of row positions
(the rows that share a text in a project share one slice); its project is the batch's
project code. :class:`FindingTable` turns back into :class:`nlp.checks.Finding` objects
for callers that want them (:meth:`FindingTable.to_findings`).
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from nlp.arrays import first_positions, row_ranges

#: The fields of a finding's text, in the order :attr:`FindingTable.kinds` holds them.
KIND_FIELDS = ("code", "severity", "message", "evidence", "rule", "scope")
#: The fields :meth:`FindingTable.coded` gives: repeated texts, each distinct one stored once.
CODED_FIELDS = (*KIND_FIELDS, "project", "department", "related")


@dataclass
class FindingTable:
    """Findings of one batch as columns (see the module docstring); ``i`` is a finding's position."""

    kinds: list[tuple[str, str, str, str, str, str]]  # distinct texts, fields as KIND_FIELDS
    kind: np.ndarray  # per finding: its text (index into kinds)
    pid: np.ndarray  # per finding: its project code (index into project_labels)
    start: np.ndarray  # per finding: its rows are members[start:stop]
    stop: np.ndarray
    members: np.ndarray  # row positions within the batch
    related: np.ndarray  # per finding: index into related_sets (0: none)
    related_sets: list[tuple[str, ...]]
    project_labels: Sequence[str]  # per project code
    department_labels: Sequence[str]
    _cache: dict = field(default_factory=dict, repr=False, compare=False)  # see kind_values and coded

    def __len__(self) -> int:
        return len(self.kind)

    def take(self, positions: np.ndarray) -> "FindingTable":
        """The findings at ``positions``, in that order (texts and rows are shared, not copied)."""
        return FindingTable(self.kinds, self.kind[positions], self.pid[positions], self.start[positions],
                            self.stop[positions], self.members, self.related[positions], self.related_sets,
                            self.project_labels, self.department_labels, self._cache)

    def kind_column(self, field: str) -> np.ndarray:
        """One text field (see KIND_FIELDS) of every finding, as an object array."""
        return self.kind_values(field)[self.kind]

    def kind_values(self, field: str) -> np.ndarray:
        """One text field of every distinct text (index = kind), as an object array (made once
        per table and shared by the tables taken from it)."""
        key = ("kind", field)
        if key not in self._cache:
            at = KIND_FIELDS.index(field)
            values = np.empty(len(self.kinds), dtype=object)
            values[:] = [kind[at] for kind in self.kinds]
            self._cache[key] = values
        return self._cache[key]

    def coded(self, field: str) -> tuple[np.ndarray, np.ndarray]:
        """(per finding: a code, the distinct values) of one field: a text field (KIND_FIELDS),
        ``project``, ``department`` or ``related`` (its projects joined by ";"). The distinct
        values are found once per table and shared by the tables taken from it."""
        if field not in self._cache:
            if field in KIND_FIELDS:
                values = self.kind_values(field)
            elif field == "related":
                values = [";".join(projects) for projects in self.related_sets]
            else:
                values = {"project": self.project_labels, "department": self.department_labels}[field]
            codes, distinct = pd.factorize(np.asarray(values, dtype=object))
            self._cache[field] = (codes.astype(np.int64), np.asarray(distinct, dtype=object))
        codes, distinct = self._cache[field]
        index = {"project": self.pid, "department": self.pid, "related": self.related}.get(field, self.kind)
        return codes[index], distinct

    def categorical(self, field: str) -> pd.Categorical:
        """:meth:`coded` as a categorical."""
        return pd.Categorical.from_codes(*self.coded(field))

    def row_scope(self) -> np.ndarray:
        """Per finding: it is about its rows (scope "row"), not about its project."""
        return self.kind_values("scope")[self.kind] == "row"

    def row_counts(self) -> np.ndarray:
        return self.stop - self.start

    def first_rows(self) -> np.ndarray:
        """Each finding's first row, -1 for a finding without rows."""
        counts = self.row_counts()
        first = np.full(len(self), -1, dtype=np.int64)
        has = counts > 0
        first[has] = self.members[self.start[has]]
        return first

    def expand(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(finding position, row) for every row of the findings at ``positions``."""
        positions = np.asarray(positions, dtype=np.int64)
        counts = self.row_counts()[positions]
        return np.repeat(positions, counts), self.members[row_ranges(self.start[positions], self.stop[positions])]

    def joined(self, texts: np.ndarray, offset: int = 0, limit: int | None = None) -> np.ndarray:
        """Per finding, ``texts[row - offset]`` of its rows (the first ``limit``) joined by ";"
        ("" without rows). Findings of one group share their rows: each slice is joined once."""
        counts = self.row_counts()
        out = np.full(len(self), "", dtype=object)
        single = np.flatnonzero(counts == 1)
        out[single] = texts[self.members[self.start[single]] - offset]
        multi = np.flatnonzero(counts > 1)
        slices = pd.factorize(self.start[multi] * (len(self.members) + 1) + self.stop[multi])[0]
        first = first_positions(slices)
        joined = np.empty(len(first), dtype=object)
        for k, i in enumerate(multi[first].tolist()):
            joined[k] = ";".join(texts[self.members[self.start[i]:self.stop[i]][:limit] - offset].tolist())
        out[multi] = joined[slices]
        return out

    def to_findings(self) -> list:
        """The findings as :class:`nlp.checks.Finding` objects, in table order."""
        from nlp.checks import Finding

        members = self.members.tolist()
        projects, departments = self.project_labels, self.department_labels
        out = []
        for kind, pid, start, stop, related in zip(self.kind.tolist(), self.pid.tolist(), self.start.tolist(),
                                                   self.stop.tolist(), self.related.tolist()):
            code, severity, message, evidence, rule, scope = self.kinds[kind]
            out.append(Finding(code, severity, message, evidence, rule, tuple(members[start:stop]),
                               projects[pid], departments[pid], scope, self.related_sets[related]))
        return out


class FindingCollector:
    """Collects findings in the order they are added, one at a time (:meth:`add`) or a block
    of many at once (:meth:`add_block`); :meth:`table` gives the :class:`FindingTable`.

    ``specs``: code -> (severity, rule, scope).
    """

    def __init__(self, specs: Mapping[str, tuple[str, str, str]], project_labels: Sequence[str],
                 department_labels: Sequence[str]):
        self.specs = specs
        self.project_labels, self.department_labels = project_labels, department_labels
        self.kinds: list[tuple[str, str, str, str, str, str]] = []
        self._kind_ids: dict[tuple[str, str, str], int] = {}
        self.related_sets: list[tuple[str, ...]] = [()]
        self._related_ids: dict[tuple[str, ...], int] = {(): 0}
        self._blocks: list[tuple[np.ndarray, ...]] = []
        self._n_members = 0
        self._pending: tuple[list[int], list[int], list[int], list[int], list[int]] = ([], [], [], [], [])
        self._pending_rows: list[int] = []

    def kind_id(self, code: str, message: str, evidence: str) -> int:
        key = (code, message, evidence)
        kind = self._kind_ids.get(key)
        if kind is None:
            severity, rule, scope = self.specs[code]
            kind = self._kind_ids[key] = len(self.kinds)
            self.kinds.append((code, severity, message, evidence, rule, scope))
        return kind

    def related_id(self, related: tuple[str, ...]) -> int:
        if not related:
            return 0
        at = self._related_ids.get(related)
        if at is None:
            at = self._related_ids[related] = len(self.related_sets)
            self.related_sets.append(related)
        return at

    def add(self, code: str, message: str, evidence: str, rows: Iterable[int], pid: int,
            related: tuple[str, ...] = ()) -> None:
        kinds, pids, starts, stops, relateds = self._pending
        start = self._n_members + len(self._pending_rows)
        self._pending_rows.extend(rows)
        kinds.append(self.kind_id(code, message, evidence))
        pids.append(pid)
        starts.append(start)
        stops.append(self._n_members + len(self._pending_rows))
        relateds.append(self.related_id(tuple(related)))

    def add_block(self, kind: np.ndarray, pid: np.ndarray, start: np.ndarray, stop: np.ndarray,
                  members: np.ndarray, related: np.ndarray | None = None) -> None:
        """Many findings at once: ``start``/``stop`` index into ``members`` (the block's own rows);
        ``related``: ids from :meth:`related_id` (default: none)."""
        self._flush()
        offset = self._n_members
        self._blocks.append((np.asarray(kind, dtype=np.int64), np.asarray(pid, dtype=np.int64),
                             np.asarray(start, dtype=np.int64) + offset, np.asarray(stop, dtype=np.int64) + offset,
                             np.asarray(members, dtype=np.int64),
                             np.zeros(len(kind), dtype=np.int64) if related is None else np.asarray(related, dtype=np.int64)))
        self._n_members += len(members)

    def extend(self, table: FindingTable) -> None:
        """Add the findings of ``table`` (collected apart, maybe in another process), in its order."""
        kinds = np.array([self.kind_id(code, message, evidence) for code, _, message, evidence, _, _ in table.kinds],
                         dtype=np.int64)
        related = np.array([self.related_id(projects) for projects in table.related_sets], dtype=np.int64)
        self.add_block(kinds[table.kind], table.pid, table.start, table.stop, table.members, related[table.related])

    def _flush(self) -> None:
        kinds, pids, starts, stops, relateds = self._pending
        if not kinds and not self._pending_rows:
            return
        self._blocks.append(tuple(np.asarray(values, dtype=np.int64) for values in
                                  (kinds, pids, starts, stops, self._pending_rows, relateds)))
        self._n_members += len(self._pending_rows)
        self._pending = ([], [], [], [], [])
        self._pending_rows = []

    def table(self) -> FindingTable:
        self._flush()
        columns = [np.concatenate([block[k] for block in self._blocks]) if self._blocks else np.zeros(0, dtype=np.int64)
                   for k in range(6)]
        kind, pid, start, stop, members, related = columns
        return FindingTable(self.kinds, kind, pid, start, stop, members, related, self.related_sets,
                            self.project_labels, self.department_labels)
