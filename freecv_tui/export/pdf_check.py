"""Reading a PDF back: the embedded cv.json, and the self-check of its text."""

# pypdf is a runtime dependency for these two jobs: it parses any PDF (also one
# re-saved by another tool) and extracts text the way ATS parsers commonly do.

from __future__ import annotations

import io
import unicodedata

from freecv_tui import cv as cvmod
from freecv_tui.cv import CV
from freecv_tui.errors import CVFileError, Problem
from freecv_tui.export import pdf_fonts
from freecv_tui.export.pdf_content import Builder, Content, rendered_text
from freecv_tui.export.pdf_render import ATTACHMENT, footer_text
from freecv_tui.export.pdf_templates import FitOptions


def _reader(data: bytes, source: str) -> object:
    """A pypdf reader, or CVFileError when the bytes are not a readable PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return PdfReader(io.BytesIO(data))
    except (PyPdfError, ValueError, OSError) as exc:
        raise CVFileError(
            source, [Problem("(file)", f"is not a readable PDF ({exc})")]
        ) from None


def read_embedded_cv(
    data: bytes, source: str = "the PDF", *, draft: bool = True
) -> CV | None:
    """The CV embedded as cv.json in a PDF this app wrote; None if there is none.

    It loads as a draft by default, keeping every field as it was typed (a
    PDF of a draft holds a draft); pass draft=False to validate strictly.
    Raises CVFileError when the bytes are not a PDF or the attachment is not
    cv.json of the right shape, naming the problem.
    """
    from pypdf.errors import PyPdfError

    reader = _reader(data, source)
    try:
        attachments = reader.attachments  # type: ignore[attr-defined]
        found = attachments.get(ATTACHMENT) or []
    except (PyPdfError, KeyError, ValueError, TypeError):
        return None
    if not found:
        return None
    try:
        text = bytes(found[0]).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CVFileError(
            source, [Problem(ATTACHMENT, "the embedded cv.json is not UTF-8 text")]
        ) from None
    return cvmod.loads(text, f"{ATTACHMENT} in {source}", draft=draft)


def extract_text(data: bytes) -> str:
    """All page text of a PDF, pages joined by newlines."""
    reader = _reader(data, "the PDF")
    return "\n".join(page.extract_text() for page in reader.pages)  # type: ignore[attr-defined]


def _flat(text: str) -> str:
    """Text to compare: NFC, no whitespace, no invisible format characters."""
    text = unicodedata.normalize("NFC", text)
    return "".join(
        ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cf"
    )


def _without_footer(page: str, name: str, number: int, total: int) -> str:
    """A flattened page without its "name · n / N" footer, which is drawn last.

    A paragraph that runs onto the next page would otherwise read with the
    footer in its middle.
    """
    if total < 2:
        return page
    # The name is left out of the footer when it is too wide.
    for footer in (footer_text(name, number, total), footer_text("", number, total)):
        flat = _flat(footer)
        if page.endswith(flat):
            return page[: -len(flat)]
    return page


def _expected(cv: CV, options: FitOptions) -> Content:
    """What the renderer prints for this CV, with the same fonts and options."""
    fonts = pdf_fonts.plan(rendered_text(cv))
    return Builder(cv, fonts.covers, options).build()


def _snippet(text: str) -> str:
    """A short quote of a field for a message."""
    return text if len(text) <= 40 else text[:39] + "…"


def verify(data: bytes, cv: CV, *, options: FitOptions | None = None) -> list[str]:
    """Check that every printed field is in the PDF's text, in order.

    Returns one message per field that is missing or out of place; an empty
    list means the PDF reads back completely. Characters the export already
    reported as dropped are not looked for. Pass the same options as to the
    export (hidden bullets are not expected).
    """
    content = _expected(cv, options or FitOptions())
    try:
        reader = _reader(data, "the PDF")
    except CVFileError as exc:
        return [str(exc)]
    pages = [page.extract_text() for page in reader.pages]  # type: ignore[attr-defined]
    name = content.name.text if content.name else ""
    text = "".join(
        _without_footer(_flat(page), name, number, len(pages))
        for number, page in enumerate(pages, 1)
    )
    problems: list[str] = []
    cursor = 0
    title_at = 0
    for item in content.items():
        wanted = _flat(item.text)
        if not wanted:
            continue
        is_date = item.path.endswith((".startDate", ".date", ".releaseDate"))
        # A date sits beside its title, before or after the subtitle: look for it
        # from the title on without moving on.
        start = title_at if is_date else cursor
        found = text.find(wanted, start)
        if found >= 0:
            if not is_date:
                cursor = found + len(wanted)
                if item.style == "B":
                    title_at = found
            continue
        quote = _snippet(item.text)
        if text.find(wanted) >= 0:
            problems.append(f"{item.path}: “{quote}” is in the PDF but out of order")
        else:
            problems.append(f"{item.path}: “{quote}” is missing from the PDF text")
    return problems
