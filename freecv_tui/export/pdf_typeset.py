"""Setting lines of text on fpdf2 pages: breaking, bidi runs, flowing items."""

# fpdf2's multi_cell cannot break Chinese between characters, give every line of
# a wrapped link its own target, or write right-to-left runs in the order text
# extraction reads them; so lines are broken in logical order here (pdf_text),
# and each line is drawn as bidi runs, in logical order, at their visual places.

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from fpdf import FPDF
from fpdf.bidi import BidiParagraph
from fpdf.enums import TextDirection
from fpdf.fonts import TTFFont

from freecv_tui.export import pdf_fonts, pdf_text
from freecv_tui.export.pdf_content import Item
from freecv_tui.export.pdf_templates import PT, Colour, Template

SEP = "  ·  "
"""Between the items of a flowing line (contact details, company and place)."""
# Characters without a direction of their own (spaces, punctuation).
_NEUTRAL = "".join(
    chr(cp)
    for cp in range(0x20, 0x3000)
    if unicodedata.bidirectional(chr(cp)) in ("WS", "ON", "CS", "ES", "ET", "S")
)

Piece = tuple[str, str, Colour, str, float, float]
"""One drawn run of a flowing line: text, style, colour, link, offset and width."""


class _Silent(int):
    """A ToUnicode target that prints as nothing; see silence_cluster_tails."""

    def __format__(self, spec: str) -> str:
        return ""


def silence_cluster_tails(pdf: FPDF) -> None:
    """Map the 2nd+ glyphs of a shaped cluster to no text instead of none at all.

    fpdf2 2.8 gives such glyphs (a Devanagari vowel sign moved before its
    consonant, the dots Noto Sans Arabic draws apart) no ToUnicode entry, and
    text extraction then prints their raw codes as stray ASCII.
    """
    for font in pdf.fonts.values():
        subset = getattr(font, "subset", None) if isinstance(font, TTFFont) else None
        for glyph in list(getattr(subset, "_char_id_per_glyph", {})):
            if glyph is not None and getattr(glyph, "unicode", None) == ():
                glyph.unicode = (_Silent(0),)


class Typesetter:
    """Draws lines, paragraphs and flowing items in one template's fonts."""

    def __init__(
        self, pdf: FPDF, fonts: pdf_fonts.FontPlan, template: Template
    ) -> None:
        self.pdf = pdf
        self.fonts = fonts
        self.t = template
        self.size = template.body_pt
        self.style = ""
        self._widths: dict[tuple[str, float, str], float] = {}

    def _use(self, size: float, style: str = "", colour: Colour | None = None) -> None:
        """Switch the main font to a size and style, and the text colour."""
        self.size, self.style = size, style
        pdf_fonts.use_main_style(self.pdf, style)
        self.pdf.set_font(pdf_fonts.MAIN, style, size)
        self.pdf.set_text_color(*(colour or self.t.ink))

    def _w(self, text: str) -> float:
        """Width of text in the current size and style, cached."""
        key = (self.style, self.size, text)
        width = self._widths.get(key)
        if width is None:
            width = self.pdf.get_string_width(text)
            self._widths[key] = width
        return width

    def _wrap(self, text: str, width: float) -> list[str]:
        """Lines of text that each fit the width in the current font."""
        return pdf_text.wrap(text, width, self._w, self._w(" "))

    def _room(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger + 0.01:
            self.pdf.add_page()

    def _at_top(self) -> bool:
        """True when nothing has been drawn yet on the current page."""
        return self.pdf.get_y() <= self.pdf.t_margin + 0.01

    def _down(self, gap: float) -> None:
        """Vertical space, dropped at the top of a page."""
        if not self._at_top():
            self.pdf.set_y(self.pdf.get_y() + gap)

    @contextmanager
    def _run_font(self, text: str, direction: str) -> Iterator[None]:
        """Shape a run in its direction; an RTL run uses its script's font."""
        pdf = self.pdf
        pdf.set_text_shaping(True, direction=direction)
        family = None
        if direction == "rtl":
            strong = next((ch for ch in text if pdf_text.has_rtl(ch)), "")
            family = self.fonts.family_for(strong) if strong else None
        if family:
            # Spaces from the same font keep the run whole for text extraction.
            style = next(
                s
                for s in (self.style, self.style.replace("I", ""), "")
                if f"{family}{s}" in pdf.fonts
            )
            pdf.set_font(family, style, self.size)
        try:
            yield
        finally:
            pdf.set_text_shaping(True)
            if family:
                pdf.set_font(pdf_fonts.MAIN, self.style, self.size)

    def _runs(self, text: str, base: str) -> list[tuple[str, str, float]]:
        """Bidi runs of one line in logical order, with their directions and widths."""
        paragraph = BidiParagraph(
            text=text,
            base_direction=TextDirection.RTL if base == "rtl" else TextDirection.LTR,
        )
        out = []
        for run, way in paragraph.get_bidi_fragments():
            direction = "rtl" if way == TextDirection.RTL else "ltr"
            parts = [run]
            if direction == "rtl":
                # Punctuation ending an RTL run is drawn after its letters: readers
                # that meet it first glue it to the preceding left-to-right text.
                # Leading punctuation is drawn first for the same reason.
                core = run.strip(_NEUTRAL)
                if core:
                    head = run[: len(run) - len(run.lstrip(_NEUTRAL))]
                    parts = [head, core, run[len(head) + len(core) :]]
            for part in parts:
                if part:
                    with self._run_font(part, direction):
                        width = self.pdf.get_string_width(part)
                    out.append((part, direction, width))
        return out

    def _draw(
        self,
        text: str,
        x: float,
        width: float,
        height: float,
        *,
        align: str = "L",
        link: str = "",
        base: str = "ltr",
    ) -> None:
        """One line at the current y, aligned in [x, x + width]; y is left as is."""
        pdf = self.pdf
        y = pdf.get_y()
        if not (self.fonts.shaping and pdf_text.has_rtl(text)):
            w = self._w(text)
            pdf.set_xy(x + width - w if align == "R" else x, y)
            pdf.cell(w=w, h=height, text=text, link=link or None)
            pdf.set_xy(x, y)
            return
        runs = self._runs(text, base)
        total = sum(w for _, _, w in runs)
        cursor = x + width - total if align == "R" else x
        # Visual order: runs of the base direction's opposite keep their inner
        # order; the pieces of one RTL run (letters, then punctuation) go right
        # to left; in an RTL line everything goes right to left.
        groups: list[list[int]] = []
        for index, (_, direction, _) in enumerate(runs):
            if groups and runs[groups[-1][-1]][1] == direction:
                groups[-1].append(index)
            else:
                groups.append([index])
        if base == "rtl":
            groups.reverse()
        left: dict[int, float] = {}
        for group in groups:
            members = group[::-1] if runs[group[0]][1] == "rtl" else group
            for index in members:
                left[index] = cursor
                cursor += runs[index][2]
        # Drawn in logical order, so extraction reads the line as it was typed.
        for index, (run, direction, w) in enumerate(runs):
            with self._run_font(run, direction):
                pdf.set_xy(left[index], y)
                pdf.cell(w=w, h=height, text=run, link=link or None)
        pdf.set_xy(x, y)

    def _lines(
        self,
        lines: list[str],
        x: float,
        width: float,
        height: float,
        *,
        base: str,
        link: str = "",
    ) -> None:
        """Draw wrapped lines downwards, breaking the page between lines."""
        align = "R" if base == "rtl" else "L"
        for line in lines:
            self._room(height)
            self._draw(line, x, width, height, align=align, link=link, base=base)
            self.pdf.set_y(self.pdf.get_y() + height)

    def _para(
        self,
        text: str,
        size: float | None = None,
        style: str = "",
        colour: Colour | None = None,
        *,
        indent: float = 0.0,
        width: float | None = None,
        link: str = "",
        leading: float | None = None,
    ) -> None:
        """A paragraph aligned to its own direction inside the text column."""
        size = size or self.t.body_pt
        self._use(size, style, self.t.accent if link else colour)
        width = self.pdf.epw - indent if width is None else width
        height = size * PT * (leading or self.t.leading)
        base = pdf_text.direction(text)
        x = self.pdf.l_margin + (0.0 if base == "rtl" else indent)
        self._lines(self._wrap(text, width), x, width, height, base=base, link=link)

    def _rows(
        self, items: list[tuple[Item, str, Colour]], size: float, width: float
    ) -> list[list[Piece]]:
        """Short items laid out on lines of `width`, split between items if possible."""
        t = self.t
        rows: list[list[Piece]] = [[]]
        used = 0.0
        for item, style, colour in items:
            self._use(size)
            sep = self._w(SEP)
            self._use(size, style)
            w = self._w(item.text)
            if rows[-1] and used + sep + w <= width:
                rows[-1].append((SEP, "", t.muted, "", used, sep))
                used += sep
            elif rows[-1]:
                rows.append([])
                used = 0.0
            colour = t.accent if item.link else colour
            if w <= width - used:
                rows[-1].append((item.text, style, colour, item.link, used, w))
                used += w
                continue
            for n, part in enumerate(self._wrap(item.text, width)):
                if n:
                    rows.append([])
                used = self._w(part)
                rows[-1].append((part, style, colour, item.link, 0.0, used))
        return rows

    def _flow(
        self,
        items: list[tuple[Item, str, Colour]],
        size: float,
        *,
        x: float | None = None,
        width: float | None = None,
        base: str = "ltr",
    ) -> int:
        """Short items on flowing lines; returns how many lines they took."""
        pdf, t = self.pdf, self.t
        x = pdf.l_margin if x is None else x
        width = pdf.epw if width is None else width
        height = size * PT * t.leading
        rows = self._rows(items, size, width)
        for row in rows:
            self._room(height)
            for text, style, colour, link, offset, w in row:
                self._use(size, style, colour)
                left = x + width - offset - w if base == "rtl" else x + offset
                way = pdf_text.direction(text)
                self._draw(text, left, w, height, link=link, base=way)
            pdf.set_y(pdf.get_y() + height)
        return len(rows)
