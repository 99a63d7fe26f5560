"""Open any CV a user hands us: cv.json, JSON Resume, or a PDF we exported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from freecv_tui import cv as cvmod
from freecv_tui.cv import CV
from freecv_tui.errors import CVFileError, Problem

Kind = Literal["cv.json", "jsonresume", "pdf"]


def _strict(cv: CV, source: str) -> CV:
    """Converted CVs are checked here, since their converters only shape-check."""
    problems = cvmod.problems(cv)
    if problems:
        raise CVFileError(source, problems)
    return cv


def from_text(
    text: str, source: str, *, draft: bool = False
) -> tuple[CV, list[str], Kind]:
    """A cv.json or JSON Resume text, told apart by content, with notes."""
    from freecv_tui.export.jsonresume import from_jsonresume, looks_like_jsonresume

    try:
        data = json.loads(text.removeprefix("\ufeff"))
    except json.JSONDecodeError:
        # cv.loads words the syntax error with its line and column.
        return cvmod.loads(text, source, draft=draft), [], "cv.json"
    if isinstance(data, dict) and looks_like_jsonresume(data):
        cv, notes = from_jsonresume(data, source)
        notes = [f"{source} is a JSON Resume; converted", *notes]
        return (cv if draft else _strict(cv, source)), notes, "jsonresume"
    return cvmod.from_data(data, source, draft=draft), [], "cv.json"


def open_cv(path: Path, *, draft: bool = False) -> tuple[CV, list[str], Kind]:
    """The CV in a file of any kind we read; errors name the file and the fix."""
    raw = cvmod.read_bytes(path)
    if not raw.startswith(b"%PDF"):
        return from_text(cvmod.read_text(path), str(path), draft=draft)
    from freecv_tui.export.pdf import read_embedded_cv

    cv = read_embedded_cv(raw, str(path), draft=True)
    if cv is None:
        raise CVFileError(
            str(path),
            [
                Problem(
                    "(file)",
                    "holds no cv.json (only PDFs exported by freecv-tui do); "
                    "open the cv.json instead",
                )
            ],
        )
    return (cv if draft else _strict(cv, str(path))), [], "pdf"
