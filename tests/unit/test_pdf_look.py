"""The PDF's look chosen at review is kept with the draft and used by export."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from freecv_tui import cv as cvmod
from freecv_tui import store
from freecv_tui.export.pdf import measure_fit
from freecv_tui.roles import load_catalog
from tests.conftest import run_cli


def _export(*args: str) -> subprocess.CompletedProcess[str]:
    """`freecv-tui export ARGS`, its output as text."""
    return run_cli("export", *args, text=True)


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _example() -> dict[str, Any]:
    role = load_catalog().get("accountant")
    assert role is not None
    return copy.deepcopy(role.example)


def test_exporting_the_draft_uses_the_look_chosen_at_review(tmp_path: Path) -> None:
    cv = cvmod.from_data(_example())
    store.save_draft(cv, store.Session(template="modern", paper="Letter"))
    out = tmp_path / "draft.pdf"
    done = _export("-o", str(out))
    assert done.returncode == 0, done.stderr
    # Modern writes headings in title case; classic in capitals.
    assert "Experience" in _text(out)
    assert "EXPERIENCE" not in _text(out)
    width = float(PdfReader(out).pages[0].mediabox.width)
    assert round(width) == 612  # US Letter, 8.5 in


def test_an_option_beats_the_drafts_look_and_a_file_ignores_it(
    tmp_path: Path,
) -> None:
    cv = cvmod.from_data(_example())
    store.save_draft(cv, store.Session(template="modern"))
    out = tmp_path / "classic.pdf"
    assert _export("-o", str(out), "--template", "Classic").returncode == 0
    assert "EXPERIENCE" in _text(out)
    source = tmp_path / "cv.json"
    source.write_text(cvmod.dumps(cv))
    from_file = tmp_path / "file.pdf"
    assert _export(str(source), "-o", str(from_file)).returncode == 0
    assert "EXPERIENCE" in _text(from_file)


def test_a_spill_onto_a_nearly_empty_page_is_noted_and_fit_options_fix_it(
    tmp_path: Path,
) -> None:
    data = _example()
    bullets = data["work"][0]["highlights"]
    extra = (
        f"Closed {n} month-end ledgers a day early by automating "
        f"{n + 2} bank reconciliations in Excel"
        for n in range(10, 80)
    )
    while measure_fit(cvmod.from_data(data)).pages < 2:
        bullets.append(next(extra))
    source = tmp_path / "cv.json"
    source.write_text(json.dumps(data))
    out = tmp_path / "cv.pdf"
    done = _export(str(source), "-o", str(out), "--paper", "A4")
    assert done.returncode == 0, done.stderr
    assert "page 2 holds only" in done.stderr
    assert len(PdfReader(out).pages) == 2
    tight = tmp_path / "tight.pdf"
    done = _export(str(source), "-o", str(tight), "--paper", "A4", "--spacing", "tight")
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(tight).pages) == 1
    assert "holds only" not in done.stderr


def test_a_hand_edited_session_with_wrong_types_loads_safely() -> None:
    store.session_path().parent.mkdir(parents=True, exist_ok=True)
    store.session_path().write_text(
        json.dumps({"template": 3, "hide_after": "ten", "paper": "Letter"})
    )
    look = store.load_session()
    assert (look.template, look.hide_after, look.paper) == ("classic", None, "Letter")


def test_a_session_naming_an_unknown_look_falls_back_to_the_defaults() -> None:
    store.session_path().parent.mkdir(parents=True, exist_ok=True)
    store.session_path().write_text(
        json.dumps({"template": "fancy", "spacing": "loose", "paper": "Legal"})
    )
    look = store.load_session()
    assert (look.template, look.spacing, look.paper) == ("classic", "normal", "")
    assert look.fit_options() == store.Session().fit_options()
