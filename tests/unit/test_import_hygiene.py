"""The headless core never imports Textual, so the CLI stays fast and UI-free."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "freecv_tui.cli",
    "freecv_tui.cv",
    "freecv_tui.roles",
    "freecv_tui.checks",
    "freecv_tui.store",
    "freecv_tui.dates",
    "freecv_tui.export.service",
    "freecv_tui.export.pdf",
    "freecv_tui.prep",
    "freecv_tui.prep_progress",
    "freecv_tui.prep_feedback",
    "freecv_tui.cli_prep",
    "freecv_tui.report",
    "freecv_tui.jobad",
    "freecv_tui.cli_check",
    "freecv_tui.opening",
]


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
