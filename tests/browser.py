"""Headless Chromium for tests that open a report page: DOM after scripts ran, console lines, screenshots.

The same flags as tests/test_report.py: no network, no first-run work, a throw-away profile.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
)


def chromium_binary() -> str:
    binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not binary:
        pytest.fail("Chromium is needed for the browser test: apt-get install -y chromium")
    return binary


def run_chromium(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    command = [chromium_binary(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=180)


def console_lines(stderr: str) -> list[str]:
    """Lines Chromium logs for page console messages and uncaught script errors."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def dump_dom(page: Path, profile: Path) -> tuple[str, str, list[str]]:
    """(opening <html> tag, DOM after scripts ran, console lines) of a page."""
    dump = run_chromium(page, profile, "--enable-logging=stderr", "--v=0", "--dump-dom", "--virtual-time-budget=3000")
    assert dump.returncode == 0, dump.stderr[-2000:]
    return re.search(r"<html[^>]*>", dump.stdout).group(0), dump.stdout, console_lines(dump.stderr)


def screenshot(page: Path, profile: Path, shot: Path, size: str = "1400,2000") -> list[str]:
    """Write a PNG of the page to ``shot``; return the console lines of that load."""
    result = run_chromium(page, profile, "--enable-logging=stderr", "--v=0", f"--screenshot={shot}", f"--window-size={size}")
    assert result.returncode == 0, result.stderr[-2000:]
    return console_lines(result.stderr)
