"""Small numpy helpers over integer codes (dense numbers 0, 1, ... for the distinct values of a
column) and slices of positions, shared by the readers, the checks, the findings table and the
report writer."""
from __future__ import annotations

import numpy as np


def first_positions(codes: np.ndarray, n_codes: int | None = None) -> np.ndarray:
    """For each code 0 .. ``n_codes`` - 1 (default: the largest code + 1), the position of its first
    occurrence in ``codes``; -1 for a code that does not occur."""
    n_codes = int(codes.max(initial=-1)) + 1 if n_codes is None else n_codes
    first = np.full(n_codes, -1, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return first


def row_ranges(start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """The positions ``start[i]:stop[i]`` of every i, concatenated (numpy, no Python loop)."""
    lengths = (stop - start).astype(np.int64)
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    keep = lengths > 0
    starts, lengths = start[keep].astype(np.int64), lengths[keep]
    ends = np.cumsum(lengths)
    steps = np.ones(total, dtype=np.int64)
    steps[0] = starts[0]
    steps[ends[:-1]] = starts[1:] - (starts[:-1] + lengths[:-1]) + 1
    return np.cumsum(steps)
