"""Where work may be handed to forked processes.

A forked process inherits the batch (millions of rows) without pickling it, which is what makes
parallel work pay here. Fork is only used on Linux: macOS can fork, but system libraries there
are not fork-safe (Python itself starts processes with spawn on macOS), and Windows cannot fork;
there the work simply stays in one process.
"""
from __future__ import annotations

import multiprocessing
import sys
from multiprocessing.context import BaseContext


def fork_context() -> BaseContext | None:
    """The fork start method's context, or None where work should stay in this process."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")
