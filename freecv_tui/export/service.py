"""One export path for the app and the CLI: validate, render, write atomically."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from freecv_tui import cv as cvmod
from freecv_tui import dates
from freecv_tui.errors import CVFileError, ExportError
from freecv_tui.store import atomic_write

if TYPE_CHECKING:
    from freecv_tui.export.pdf_templates import FitOptions

FORMATS = ("pdf", "json", "md", "html", "jsonresume")
# The extension each format's file carries.
EXTENSIONS = dict(pdf=".pdf", json=".json", md=".md", html=".html", jsonresume=".json")
# What an export writes unless told otherwise, as before the other formats.
DEFAULT_FORMATS = ("pdf", "json")


@dataclass
class Rendered:
    """The bytes of one export format, with notices for the user."""

    format: str
    data: bytes
    notes: list[str] = field(default_factory=list)


def _sort_key(entry: cvmod.Dated) -> tuple[int, dt.date, dt.date]:
    def day(raw: str | None, *, last: bool) -> dt.date:
        if not raw:
            return dt.date.min
        try:
            parsed = dates.parse(raw)
        except dates.DateError:
            return dt.date.min
        return parsed.last_day if last else parsed.first_day

    end = dt.date.max if entry.current else day(entry.end_date, last=True)
    start = day(entry.start_date, last=False)
    if end == dt.date.min:
        end = start
    return (1 if entry.current else 0, end, start)


def newest_first(cv: cvmod.CV) -> cvmod.CV:
    """A copy with work and education newest first; ties keep the user's order."""
    return cv.model_copy(
        update={
            "work": sorted(cv.work, key=_sort_key, reverse=True),
            "education": sorted(cv.education, key=_sort_key, reverse=True),
        }
    )


def ready(cv: cvmod.CV) -> cvmod.CV:
    """Validate strictly and stamp meta; raise CVFileError naming each problem."""
    problems = cvmod.problems(cv)
    if problems:
        raise CVFileError("the CV", problems)
    return cvmod.stamp(cv)


def render(
    cv: cvmod.CV,
    fmt: str,
    *,
    paper: str = "A4",
    template: str = "classic",
    options: FitOptions | None = None,
) -> Rendered:
    """Render a validated, stamped CV in one format."""
    if fmt == "json":
        return Rendered("json", cvmod.dumps(cv).encode("utf-8"))
    if fmt == "pdf":
        from freecv_tui.export.pdf import FitOptions, render_pdf_with_notes, verify

        fit = options or FitOptions()
        shown = newest_first(cv)
        # The attachment keeps the user's own order, so import gives it back.
        data, notes = render_pdf_with_notes(
            shown, paper=paper, template=template, options=fit, attach=cv
        )
        # Every export reads itself back: anything missing is said, not hidden.
        notes += [f"check: {loss}" for loss in verify(data, shown, options=fit)]
        return Rendered("pdf", data, notes)
    if fmt == "md":
        from freecv_tui.export.markdown import render_markdown

        return Rendered("md", render_markdown(cv).encode("utf-8"))
    if fmt == "html":
        from freecv_tui.export.html import render_html

        return Rendered("html", render_html(cv).encode("utf-8"))
    if fmt == "jsonresume":
        from freecv_tui.export.jsonresume import to_jsonresume

        resume, notes = to_jsonresume(cv)
        text = json.dumps(resume, ensure_ascii=False, indent=2) + "\n"
        return Rendered("jsonresume", text.encode("utf-8"), notes)
    raise ExportError(f'unknown format "{fmt}"; use one of {", ".join(FORMATS)}')


def default_stem(cv: cvmod.CV) -> str:
    """The file name stem the PDF helper derives from the person's name."""
    from freecv_tui.export.pdf import pdf_filename

    return Path(pdf_filename(cv)).stem


def targets(cv: cvmod.CV, folder: Path, formats: Iterable[str]) -> dict[str, Path]:
    """Where each format goes: cv.json, resume.json, <Name>-CV.pdf/.md/.html."""
    fixed = {"json": "cv.json", "jsonresume": "resume.json"}
    out = {}
    for fmt in formats:
        out[fmt] = folder / (fixed.get(fmt) or default_stem(cv) + EXTENSIONS[fmt])
    return out


def write(path: Path, rendered: Rendered) -> Path:
    """Write one export atomically, readable by its owner only."""
    return atomic_write(path, rendered.data, private=True)


def export_to_folder(
    cv: cvmod.CV,
    folder: Path,
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    paper: str = "A4",
    template: str = "classic",
    options: FitOptions | None = None,
    overwrite: bool = False,
) -> tuple[list[Path], list[str]]:
    """Export every format into folder; refuse to overwrite unless told to.

    Everything is rendered before anything is written, so a failure leaves
    no partial set of files.
    """
    final = ready(cv)
    paths = targets(final, folder, formats)
    existing = [p for p in paths.values() if p.exists()]
    if existing and not overwrite:
        names = ", ".join(str(p) for p in existing)
        raise ExportError(f"{names} already exists; choose another folder or overwrite")
    rendered = {
        fmt: render(final, fmt, paper=paper, template=template, options=options)
        for fmt in paths
    }
    notes = [n for r in rendered.values() for n in r.notes]
    written = [write(paths[fmt], rendered[fmt]) for fmt in paths]
    return written, notes
