"""PDF export: three single-flow, ATS-safe templates drawn with fpdf2.

The public face of the PDF modules: render (with notes), measure the page fit,
read the embedded cv.json back, and check the text of a written PDF.
"""

# fpdf2 and pypdf are imported inside the functions that need them, never at
# module level, so code that only needs pdf_filename or the template names does
# not pay for importing them and fontTools.

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from freecv_tui.cv import CV
from freecv_tui.export import pdf_templates
from freecv_tui.export.pdf_templates import TEMPLATES, FitOptions, default_paper
from freecv_tui.export.pdf_text import normalise, plain

__all__ = [
    "TEMPLATES",
    "Fit",
    "FitOptions",
    "FitSuggestion",
    "default_paper",
    "fit_suggestions",
    "measure",
    "measure_fit",
    "pdf_filename",
    "read_embedded_cv",
    "render_pdf",
    "render_pdf_with_notes",
    "verify",
]

_DEFAULT = FitOptions()


SPILL = 0.25
"""A last page less full than this reads as a spill onto an almost empty page."""


def render_pdf_with_notes(
    cv: CV,
    *,
    paper: str = "A4",
    template: str = "classic",
    options: FitOptions = _DEFAULT,
    title: str | None = None,
    attach: CV | None = None,
) -> tuple[bytes, list[str]]:
    """Render the CV; also return one note per field that lost characters.

    The cv.json of `attach` (default: `cv` itself) is embedded as the file
    attachment "cv.json", so the PDF can be imported again.
    """
    from freecv_tui.export.pdf_render import Renderer

    wanted = normalise(plain(title), oneline=True) if title else ""
    renderer = Renderer(
        cv,
        template=pdf_templates.template(template),
        options=options,
        paper=pdf_templates.paper(paper),
        title=wanted,
        attach=cv if attach is None else attach,
    )
    data = renderer.render()
    pages, fill, lines = renderer.measured
    if pages > 1 and fill < SPILL:
        renderer.notes.append(
            f"page {pages} holds only {lines} line(s); tighter spacing, the compact "
            "template or hiding older bullets may save it (F5-F7 at review; "
            "export --spacing tight, --template compact or --hide-bullets-after N)"
        )
    return data, renderer.notes


def render_pdf(
    cv: CV,
    *,
    paper: str = "A4",
    template: str = "classic",
    options: FitOptions = _DEFAULT,
    title: str | None = None,
) -> bytes:
    """Render the CV as PDF bytes; see render_pdf_with_notes."""
    return render_pdf_with_notes(
        cv, paper=paper, template=template, options=options, title=title
    )[0]


def pdf_filename(cv: CV) -> str:
    """A safe file name for the CV's PDF, made from the person's name.

    Letters, digits and marks of every script are kept as typed (NFC), so
    "Ørjan Æbelø-Núñez" gives "Ørjan-Æbelø-Núñez-CV.pdf" and a Cyrillic or CJK
    name stays readable. Apostrophes vanish ("O'Connor" -> "OConnor"); every
    other run of characters (spaces, slashes, colons, quotes, dots, controls)
    becomes one hyphen, so there is no path separator and no leading dot. The
    whole name stays within 80 characters and 240 UTF-8 bytes. A name with no
    usable character gives "cv.pdf".
    """
    name = unicodedata.normalize("NFC", cv.basics.name or "")
    words: list[str] = []
    word = ""
    for ch in name:
        category = unicodedata.category(ch)
        if ch in "'\u2019\u02bc`\u00b4":
            continue
        if category[0] in "LN" or (category[0] == "M" and word):
            word += ch
        elif word:
            words.append(word)
            word = ""
    if word:
        words.append(word)
    suffix = "-CV.pdf"
    stem = ""
    for word in words:
        candidate = f"{stem}-{word}" if stem else word
        too_long = len(candidate) + len(suffix) > 80
        if too_long or len((candidate + suffix).encode()) > 240:
            if not stem:
                # One enormous word: cut it rather than give up on the name.
                while word and (
                    len(word) + len(suffix) > 80 or len((word + suffix).encode()) > 240
                ):
                    word = word[:-1]
                stem = word
            break
        stem = candidate
    return f"{stem}{suffix}" if stem else "cv.pdf"


@dataclass(frozen=True)
class Fit:
    """How a CV fills the pages of one template."""

    pages: int
    last_page_fill: float
    """Share of the last page's text area in use, 0.0 to 1.0."""
    last_page_lines: int
    """Body lines used on the last page."""


def measure_fit(
    cv: CV,
    *,
    paper: str = "A4",
    template: str = "classic",
    options: FitOptions = _DEFAULT,
) -> Fit:
    """Lay the CV out (without writing a file) and say how it fills the pages."""
    from freecv_tui.export.pdf_render import Renderer

    renderer = Renderer(
        cv,
        template=pdf_templates.template(template),
        options=options,
        paper=pdf_templates.paper(paper),
        layout_only=True,
    )
    renderer.layout()
    return Fit(*renderer.fill())


def measure(
    cv: CV,
    *,
    paper: str = "A4",
    template: str = "classic",
    options: FitOptions = _DEFAULT,
) -> tuple[int, int]:
    """Pages the CV fills, and lines of body text used on the last page."""
    fit = measure_fit(cv, paper=paper, template=template, options=options)
    return fit.pages, fit.last_page_lines


@dataclass(frozen=True)
class FitSuggestion:
    """One one-key way to save space, and the fit it gives."""

    key: str
    """Stable id: "tight", "compact" or "hide-old-bullets"."""
    label: str
    template: str
    options: FitOptions
    fit: Fit


def fit_suggestions(
    cv: CV,
    *,
    paper: str = "A4",
    template: str = "classic",
    options: FitOptions = _DEFAULT,
    years: int = 10,
) -> list[FitSuggestion]:
    """The ways to fit the CV on fewer pages, each measured; only those that help.

    Tries tighter spacing, the compact template and hiding the bullets of jobs
    that ended more than `years` ago (the two most recent jobs keep theirs).
    Costs one layout per way, so call it from a worker.
    """
    from dataclasses import replace

    now = measure_fit(cv, paper=paper, template=template, options=options)
    tries = []
    if options.spacing != "tight":
        tries.append(
            ("tight", "Tighter spacing", template, replace(options, spacing="tight"))
        )
    if template != "compact":
        tries.append(("compact", "Compact template", "compact", options))
    if options.hide_bullets_after_years is None:
        hidden = replace(options, hide_bullets_after_years=years)
        label = f"Hide bullets of jobs older than {years} years"
        tries.append(("hide-old-bullets", label, template, hidden))
    out = []
    for key, label, name, opts in tries:
        fit = measure_fit(cv, paper=paper, template=name, options=opts)
        if (fit.pages, fit.last_page_fill) < (now.pages, now.last_page_fill):
            out.append(FitSuggestion(key, label, name, opts, fit))
    return out


def read_embedded_cv(
    data: bytes, source: str = "the PDF", *, draft: bool = True
) -> CV | None:
    """The cv.json embedded in a PDF this app wrote, or None when it has none.

    Loads as a draft unless draft=False; raises CVFileError for a file that is
    not a PDF or an attachment that is not cv.json.
    """
    from freecv_tui.export.pdf_check import read_embedded_cv as read

    return read(data, source, draft=draft)


def verify(data: bytes, cv: CV, *, options: FitOptions | None = None) -> list[str]:
    """Messages for every field missing from (or misplaced in) the PDF's text."""
    from freecv_tui.export.pdf_check import verify as check

    return check(data, cv, options=options)
