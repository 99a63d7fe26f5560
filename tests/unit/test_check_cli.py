"""`freecv-tui check` as a real process: the score, the role it judged by, the exit."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from freecv_tui import cv as cvmod
from freecv_tui import store
from freecv_tui.roles import load_catalog
from tests.conftest import run_cli


def _check(*args: str) -> subprocess.CompletedProcess[str]:
    """`freecv-tui check ARGS`, its output as text."""
    return run_cli("check", *args, text=True)


def _nurse_cv(tmp_path: Path) -> Path:
    role = load_catalog().get("registered-nurse")
    assert role is not None
    path = tmp_path / "nurse.json"
    path.write_text(cvmod.dumps(cvmod.from_data(role.example)))
    return path


def test_a_file_is_judged_by_its_own_headline_not_the_drafts_role(
    tmp_path: Path,
) -> None:
    store.save_draft(cvmod.from_data({"basics": {}}), store.Session(role="accountant"))
    done = _check(str(_nurse_cv(tmp_path)), "--format", "json")
    assert done.returncode in (0, 1), done.stderr
    data = json.loads(done.stdout)
    assert data["role"] == "registered-nurse"
    assert 0 <= data["score"] <= 100


def test_the_draft_is_judged_by_the_role_chosen_in_the_wizard() -> None:
    role = load_catalog().get("registered-nurse")
    assert role is not None
    store.save_draft(cvmod.from_data(role.example), store.Session(role="accountant"))
    done = _check()
    assert "role: Accountant (from the draft)" in done.stdout


def test_min_score_sets_the_exit_code(tmp_path: Path) -> None:
    path = _nurse_cv(tmp_path)
    assert _check(str(path), "--min-score", "101").returncode == 1
    score = json.loads(_check(str(path), "--format", "json").stdout)["score"]
    assert _check(str(path), "--min-score", str(score)).returncode == 0
