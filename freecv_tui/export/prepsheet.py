"""The interview prep sheet: questions, your notes and model answers, as MD or PDF."""

# fpdf2 and markdown-it are imported inside render_pdf, as in pdf.py, so the
# CLI pays for them only when a PDF sheet is asked for.

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from freecv_tui.export import pdf_fonts
from freecv_tui.prep import KIND_TITLES, Card, local_day
from freecv_tui.prep_progress import Progress

_MARGIN = 18.0
_BODY_PT = 10.5
_ACCENT = "#1b375f"
_MUTED = "#555555"
_CREATOR = "freecv-tui"


def _quoted(text: str) -> str:
    """User text as a Markdown quote that keeps its line breaks."""
    return "\n".join(
        f"> {line}  " if line.strip() else ">" for line in text.splitlines()
    )


def _grouped(deck: Iterable[Card]) -> Iterator[tuple[str, list[Card]]]:
    groups: dict[str, list[Card]] = {}
    for card in deck:
        groups.setdefault(card.kind, []).append(card)
    for kind in KIND_TITLES:
        if kind in groups:
            yield KIND_TITLES[kind], groups.pop(kind)
    for kind, cards in groups.items():
        yield kind.title(), cards


def sheet_markdown(
    title: str, deck: list[Card], progress: Progress, when: dt.datetime
) -> str:
    """The prep sheet: each question, the user's notes, hints and model answer."""
    day = local_day(when)
    noted = sum(1 for c in deck if progress.note(c.id))
    parts = [
        f"# Interview prep: {title}",
        f"_{len(deck)} questions, {noted} with your notes. Made by freecv-tui "
        f"on {day.day} {day:%B %Y}._",
    ]
    number = 0
    for heading, cards in _grouped(deck):
        parts.append(f"## {heading}")
        for card in cards:
            number += 1
            parts.append(f"### {number}. {card.question}")
            if card.prompt:
                parts.append(f"From your CV: _{card.prompt}_")
            note = progress.note(card.id)
            if note:
                parts += ["**Your notes**", _quoted(note)]
            parts.append("**Hints:** " + " · ".join(card.hints))
            label = "How to tell it" if card.source == "cv" else "Model answer"
            parts += [f"**{label}**", card.answer]
    return "\n\n".join(parts) + "\n"


@dataclass(frozen=True)
class Sheet:
    """A rendered PDF and what the reader should know about it."""

    data: bytes
    notes: list[str]


def _drawable(text: str, fonts: pdf_fonts.FontPlan) -> tuple[str, int]:
    """The text without characters no font has, and how many went: never a crash."""
    keep = []
    dropped = 0
    for ch in unicodedata.normalize("NFC", text):
        if ch in "\n\t" or fonts.covers(ord(ch)):
            keep.append(ch)
        elif unicodedata.category(ch) == "Zs":
            keep.append(" ")
        elif unicodedata.category(ch)[0] != "C":
            dropped += 1
    return "".join(keep), dropped


def render_pdf(markdown: str, title: str) -> Sheet:
    """Draw the Markdown prep sheet (sheet_markdown) as an A4 PDF."""
    from fpdf import FPDF
    from fpdf.fonts import FontFace, TextStyle
    from markdown_it import MarkdownIt

    pdf = FPDF(format="A4")
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(True, margin=_MARGIN)
    pdf.set_title(title)
    pdf.set_creator(_CREATOR)
    fonts = pdf_fonts.plan(markdown)
    bold = re.findall(r"\*\*(.+?)\*\*|^#+ (.*)$", markdown, re.MULTILINE)
    pdf_fonts.register(pdf, fonts, " ".join(a + b for a, b in bold))
    text, dropped = _drawable(markdown, fonts)
    notes = list(fonts.notes)
    if dropped:
        notes.append(f"{dropped} characters no font can draw (emoji?) were left out")
    # Raw HTML in a user's notes is shown as typed, never interpreted.
    html = MarkdownIt("commonmark", {"html": False}).render(text)
    pdf.add_page()
    pdf.set_font(pdf_fonts.MAIN, size=_BODY_PT)
    pdf.write_html(
        html,
        font_family=pdf_fonts.MAIN,
        warn_on_tags_not_matching=False,
        tag_styles={
            "h1": TextStyle(color=_ACCENT, font_size_pt=18, t_margin=0, b_margin=1),
            "h2": TextStyle(color=_ACCENT, font_size_pt=14, t_margin=6, b_margin=1),
            "h3": TextStyle(color=_ACCENT, font_size_pt=11.5, t_margin=4, b_margin=1),
            "blockquote": TextStyle(color=_MUTED, l_margin=6, t_margin=1, b_margin=1),
            "code": FontFace(family=pdf_fonts.MAIN),
            "pre": TextStyle(font_family=pdf_fonts.MAIN),
        },
    )
    pdf_fonts.drop_layout_tables(pdf)
    return Sheet(bytes(pdf.output()), notes)
