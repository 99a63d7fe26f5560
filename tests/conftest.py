"""Hermetic tests: a private data dir per test, a fixed today, shared inputs."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CASES = SHARED / "cases"
SCHEMA = SHARED / "cv-json" / "schema-v1.json"
EXAMPLES = SHARED / "cv-json" / "examples"
TODAY = dt.date(2026, 12, 3)


@pytest.fixture(autouse=True)
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir, so no test sees a real draft."""
    home = tmp_path / "home"
    monkeypatch.setenv("FREECV_TUI_HOME", str(home))
    monkeypatch.delenv("FREECV_TUI_ROLES", raising=False)
    monkeypatch.setattr("freecv_tui.dates.today", lambda: TODAY)
    return home


def shared_file(path: Path) -> Path:
    """A file from ../shared, or skip with the reason when it is absent."""
    if not path.exists():
        pytest.skip(f"{path} is not present beside the repository")
    return path


@pytest.fixture
def case() -> Any:
    """Load a shared case file by its number prefix, e.g. case('01')."""

    def load(number: str) -> Path:
        matches = sorted(CASES.glob(f"case-{number}-*"))
        if not matches:
            pytest.skip(f"case {number} is not in {CASES}")
        return matches[0]

    return load


@pytest.fixture(scope="session")
def schema_validator() -> Any:
    """A validator for the official cv.json schema, checking formats too."""
    import jsonschema

    schema = json.loads(shared_file(SCHEMA).read_text(encoding="utf-8"))
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    return jsonschema.Draft7Validator(schema, format_checker=checker)


def run_cli(
    *args: str,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    **kw: Any,
) -> subprocess.CompletedProcess[Any]:
    """Run `python -m freecv_tui ARGS` as a user would, with the test's private home.

    Output is bytes, or str with text=True.
    """
    empty: bytes | str = "" if kw.get("text") else b""
    return subprocess.run(
        [sys.executable, "-m", "freecv_tui", *args],
        input=stdin if stdin is not None else empty,
        capture_output=True,
        timeout=120,
        env=os.environ.copy() if env is None else env,
        **kw,
    )
