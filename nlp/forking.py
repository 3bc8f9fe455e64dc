"""Where work may be handed to forked processes.

A forked process inherits the batch (millions of rows) without pickling it, which is what makes
parallel work pay here. Fork is only used on Linux: macOS can fork, but system libraries there
are not fork-safe (Python itself starts processes with spawn on macOS), and Windows cannot fork;
there the work simply stays in one process.
"""
from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from multiprocessing.context import BaseContext
from typing import Any


def fork_context() -> BaseContext | None:
    """The fork start method's context, or None where work should stay in this process."""
    if not sys.platform.startswith("linux") or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def start_forked(function: Callable[..., Any], *args) -> Callable[..., Any] | None:
    """Start ``function(*args)`` in a forked process, which inherits ``args`` (nothing is pickled
    but the result). Returns ``wait``: ``wait()`` gives the result, or raises the process's error
    here; ``wait(cancel=True)`` stops the process instead. None where work stays in this process
    (see :func:`fork_context`): the caller then runs ``function`` itself."""
    context = fork_context()
    if context is None:
        return None
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_run_and_send, args=(send, function, args), daemon=True)
    child.start()
    send.close()

    def wait(cancel: bool = False) -> Any:
        if cancel:
            child.kill()
            child.join()
            return None
        try:
            failed, outcome = receive.recv()
        except EOFError:  # the process ended without a word
            failed, outcome = True, None
        child.join()
        if failed or child.exitcode:
            raise RuntimeError(f"{function.__name__} failed in a worker process: {outcome or f'exit code {child.exitcode}'}")
        return outcome

    return wait


def _run_and_send(send, function, args) -> None:
    try:
        outcome = function(*args)
    except BaseException as error:  # reported to the parent, which raises it
        send.send((True, f"{type(error).__name__}: {error}"))
        return
    send.send((False, outcome))
