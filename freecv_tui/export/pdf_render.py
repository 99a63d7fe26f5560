"""Drawing a CV on fpdf2 pages: header, sections and entries in one flow."""

from __future__ import annotations

import datetime as dt
import json

from fpdf import FPDF

from freecv_tui import cv as cvmod
from freecv_tui import dates
from freecv_tui.cv import CV
from freecv_tui.export import pdf_fonts, pdf_text
from freecv_tui.export.pdf_content import Builder, Entry, Item, rendered_text
from freecv_tui.export.pdf_templates import Colour, FitOptions, Template, fitted
from freecv_tui.export.pdf_typeset import Typesetter, silence_cluster_tails

ATTACHMENT = "cv.json"
_CREATOR = "freecv-tui"
# Narrower than this share of the line, a date shares the line with its title.
_DATE_SHARE = 0.4
_DATE_GAP = 4.0
_BULLET_X = 1.0


def footer_text(name: str, number: int, total: int) -> str:
    """The foot of each page of a multi-page CV; the self-check reads past it."""
    return f"{name}  \u00b7  {number} / {total}" if name else f"{number} / {total}"


def _created(cv: CV) -> dt.datetime:
    """Creation date from meta.lastModified when it parses, else now (UTC)."""
    raw = (cv.meta.last_modified or "").strip()
    try:
        when = dt.datetime.fromisoformat(raw)
    except ValueError:
        try:
            day = dates.parse(raw).first_day
        except ValueError:
            return dt.datetime.now(dt.UTC)
        when = dt.datetime(day.year, day.month, day.day)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


class Renderer(Typesetter):
    """Lays one CV out in one template and keeps the notes about lost glyphs."""

    def __init__(
        self,
        cv: CV,
        *,
        template: Template,
        options: FitOptions,
        paper: str,
        title: str = "",
        attach: CV | None = None,
        layout_only: bool = False,
    ) -> None:
        self.cv = cv
        self.t = fitted(template, options)
        self.title = title
        self.attach = attach
        self.fonts = pdf_fonts.plan(rendered_text(cv))
        self.content = Builder(cv, self.fonts.covers, options).build()
        self.notes = list(dict.fromkeys(self.fonts.notes + self.content.notes))
        t = self.t
        pdf = FPDF(orientation="portrait", unit="mm", format=paper)
        self.layout_only = layout_only
        if layout_only:
            pdf_fonts.layout_only(pdf)
        pdf.set_margins(t.margin_x, t.margin_top, t.margin_x)
        # Page breaks are taken by hand, line by line, so runs never split.
        pdf.set_auto_page_break(False, margin=t.margin_bottom)
        pdf.c_margin = 0
        super().__init__(pdf, self.fonts, t)
        bold = "".join(i.text for i in self.content.items() if i.style == "B")
        pdf_fonts.register(self.pdf, self.fonts, bold, main_styles=("",))

    # ------------------------------------------------------------ blocks

    def _header(self) -> None:
        """Name, headline and the contact line, in the document's direction."""
        t, content = self.t, self.content
        base = "ltr"
        if content.name:
            base = pdf_text.direction(content.name.text)
            self._para(content.name.text, t.name_pt, "B", t.name_colour, leading=1.18)
        if content.label:
            self.pdf.set_y(self.pdf.get_y() + 0.6)
            self._para(content.label.text, t.headline_pt, "", t.muted)
        if content.contact:
            self.pdf.set_y(self.pdf.get_y() + 1.6)
            items = [(item, "", t.ink) for item in content.contact]
            self._flow(items, t.contact_pt, base=base)
        if t.header_rule:
            y = self.pdf.get_y() + 2.4
            self.pdf.set_fill_color(*t.rule_colour)
            self.pdf.rect(self.pdf.l_margin, y, self.pdf.epw, t.header_rule * 0.5, "F")
            self.pdf.set_y(y + t.header_rule * 0.5)

    def _heading(self, title: str, following: float) -> None:
        """A section heading and its rule, kept with `following` mm of content."""
        pdf, t = self.pdf, self.t
        height = t.line(t.heading_pt)
        self._room(t.section_gap + height + t.heading_after + following)
        self._down(t.section_gap)
        label = title.upper() if t.heading_upper else title
        self._use(t.heading_pt, "B", t.heading_colour)
        pdf.set_char_spacing(t.heading_tracking)
        width = self._w(label)
        self._draw(label, pdf.l_margin, pdf.epw, height)
        pdf.set_char_spacing(0)
        pdf.set_draw_color(*t.rule_colour)
        pdf.set_line_width(t.rule_width)
        right = pdf.l_margin + pdf.epw
        if t.name == "modern":
            # The rule runs on from the heading, on its x-height.
            mid = pdf.get_y() + height * 0.52
            pdf.line(pdf.l_margin + width + 3.0, mid, right, mid)
            pdf.set_y(pdf.get_y() + height + t.heading_after)
            return
        rule_y = pdf.get_y() + height + 0.5
        pdf.line(pdf.l_margin, rule_y, right, rule_y)
        pdf.set_y(rule_y + t.heading_after)

    def _title_layout(
        self, entry: Entry
    ) -> tuple[list[tuple[Item, str, Colour]], float, bool, float]:
        """The title row's items, the date's width, whether the two share a
        line, and the width left for the title."""
        pdf, t = self.pdf, self.t
        parts: list[tuple[Item, str, Colour]] = []
        if entry.title:
            parts.append((entry.title, "B", t.ink))
        if t.company_on_title:
            parts += [(item, "", t.muted) for item in entry.subtitle]
        self._use(t.small_pt)
        date_w = self._w(entry.date.text) if entry.date else 0.0
        shares = bool(parts) and 0 < date_w <= pdf.epw * _DATE_SHARE
        width = pdf.epw - (date_w + _DATE_GAP if shares else 0.0)
        return parts, date_w, shares, width

    def _head_height(self, entry: Entry) -> float:
        """Height of an entry's title row, wrapped, and of the subtitle under it."""
        t = self.t
        parts, _, shares, width = self._title_layout(entry)
        height = 0.0
        if parts:
            height += len(self._rows(parts, t.title_pt, width)) * t.line(t.title_pt)
        if entry.date and not shares:
            height += t.line(t.small_pt)
        if entry.subtitle and not t.company_on_title:
            items = [(item, t.subtitle_style, t.muted) for item in entry.subtitle]
            height += len(self._rows(items, t.body_pt, self.pdf.epw)) * t.line()
        return height

    def _title_row(self, entry: Entry) -> None:
        """Title (and, in compact, the company) with the dates at the far side."""
        pdf, t = self.pdf, self.t
        parts, date_w, shares, width = self._title_layout(entry)
        base = pdf_text.direction(parts[0][0].text) if parts else "ltr"
        height = t.line(t.title_pt)
        top, page = pdf.get_y(), pdf.page
        if parts:
            x = pdf.l_margin + (date_w + _DATE_GAP if shares and base == "rtl" else 0)
            self._flow(parts, t.title_pt, x=x, width=width, base=base)
        if not entry.date:
            return
        if shares and pdf.page == page:
            bottom = pdf.get_y()
            pdf.set_y(top)
            self._use(t.small_pt, "", t.muted)
            x = pdf.l_margin if base == "rtl" else pdf.l_margin + pdf.epw - date_w
            self._draw(entry.date.text, x, date_w, height)
            pdf.set_y(bottom)
        else:
            self._para(entry.date.text, t.small_pt, "", t.muted)

    def _bullet(self, item: Item) -> None:
        """One bullet: the glyph in the gutter, the text hanging beside it."""
        pdf, t = self.pdf, self.t
        self._use(t.body_pt)
        width = pdf.epw - t.hang
        lines = self._wrap(item.text, width)
        height = t.line()
        room = int((pdf.page_break_trigger - pdf.get_y()) / height + 0.01)
        # Short bullets are not split; long ones leave two lines on each page.
        if len(lines) > room and (len(lines) <= 3 or room < 2):
            pdf.add_page()
        base = pdf_text.direction(item.text)
        self._use(t.body_pt, "", t.bullet_colour)
        glyph_w = self._w(t.bullet)
        if base == "rtl":
            x = pdf.l_margin + pdf.epw - _BULLET_X - glyph_w
        else:
            x = pdf.l_margin + _BULLET_X
        self._draw(t.bullet, x, glyph_w, height)
        self._use(t.body_pt)
        left = pdf.l_margin + (0.0 if base == "rtl" else t.hang)
        self._lines(lines, left, width, height, base=base)
        pdf.set_y(pdf.get_y() + t.bullet_gap)

    def _entry(self, entry: Entry, first: bool) -> None:
        """One entry, its title kept together with what follows it."""
        pdf, t = self.pdf, self.t
        body = t.line()
        below = bool(entry.subtitle) and not t.company_on_title
        # The whole head (a title may wrap) stays with two lines of what follows.
        need = self._head_height(entry)
        need += body * min(2, len(entry.lines) + len(entry.bullets))
        if not first:
            self._room(t.entry_gap + need)
            self._down(
                t.entry_gap if (entry.lines or entry.bullets) else t.entry_gap / 2
            )
        self._title_row(entry)
        if below:
            lead = entry.title or entry.subtitle[0]
            base = pdf_text.direction(lead.text)
            style = t.subtitle_style
            items = [(item, style, t.muted) for item in entry.subtitle]
            self._flow(items, t.body_pt, base=base)
        for item in entry.lines:
            pdf.set_y(pdf.get_y() + 0.5)
            self._para(item.text, link=item.link)
        if entry.bullets:
            pdf.set_y(pdf.get_y() + 0.25 * t.entry_gap)
        for item in entry.bullets:
            self._bullet(item)

    # ------------------------------------------------------------ document

    def render(self) -> bytes:
        """Draw every section in reading order and return the PDF bytes."""
        if self.layout_only:
            raise RuntimeError("a layout-only renderer shares its fonts: no output")
        self.layout()
        self.measured = self.fill()
        self._footer()
        self._metadata()
        if self.attach is not None:
            try:
                data = cvmod.dumps(self.attach).encode("utf-8")
            except UnicodeEncodeError:
                # A lone surrogate (from a "\ud800" escape) has no UTF-8 form;
                # escaped JSON keeps it, and loads back the same.
                data = json.dumps(cvmod.to_dict(self.attach), indent=2).encode()
            self.pdf.embed_file(
                bytes=data,
                basename=ATTACHMENT,
                mime_type="application/json",
                modification_date=_created(self.cv),
                desc="This CV as cv.json data; freecv-tui import reads it back",
                compress=True,
            )
        if self.fonts.shaping:
            silence_cluster_tails(self.pdf)
        pdf_fonts.drop_layout_tables(self.pdf)
        return bytes(self.pdf.output())

    def layout(self) -> None:
        """Place every block; the pages hold the drawing, nothing is output yet."""
        t = self.t
        self.pdf.add_page()
        self._header()
        for section in self.content.sections:
            if section.entries:
                lead = section.entries[0]
                following = min(2, len(lead.lines) + len(lead.bullets))
                first = self._head_height(lead) + following * t.line()
            else:
                first = t.line()
            self._heading(section.heading, first)
            if section.text:
                self._para(section.text.text)
            for index, entry in enumerate(section.entries):
                self._entry(entry, first=index == 0)

    def _footer(self) -> None:
        """On a CV of several pages: the name and 'page n of N' at each foot."""
        pdf, t = self.pdf, self.t
        total = pdf.page_no()
        if total < 2:
            return
        name = self.content.name.text if self.content.name else ""
        self._use(t.small_pt - 1.0)
        if self._w(name) > pdf.epw / 2:
            name = ""
        last = pdf.page
        for number in range(1, total + 1):
            pdf.page = number
            text = footer_text(name, number, total)
            # fpdf2 only writes a font change it has not made yet; on a page
            # revisited that change may be missing from its content.
            pdf.set_font(pdf_fonts.MAIN, "", 1.0)
            self._use(t.small_pt - 1.0, "", t.muted)
            height = t.line(t.small_pt - 1.0)
            pdf.set_y(pdf.h - t.margin_bottom + 4.0)
            self._draw(text, pdf.l_margin, pdf.epw, height, align="R")
        pdf.page = last

    def fill(self) -> tuple[int, float, int]:
        """Pages used, how full the last one is (0-1), and its body lines."""
        pdf, t = self.pdf, self.t
        used = max(0.0, pdf.get_y() - t.margin_top)
        usable = pdf.page_break_trigger - t.margin_top
        return pdf.page_no(), min(1.0, used / usable), round(used / t.line())

    def _metadata(self) -> None:
        """Title, author, subject, keywords, creator, language and creation date."""
        pdf, cv = self.pdf, self.cv
        name = pdf_text.normalise(pdf_text.plain(cv.basics.name), oneline=True)
        label = pdf_text.normalise(pdf_text.plain(cv.basics.label), oneline=True)
        pdf.set_title(self.title or (f"{name} - CV" if name else "CV"))
        if name:
            pdf.set_author(name)
        pdf.set_subject(label or "Curriculum vitae")
        skills = [
            pdf_text.normalise(pdf_text.plain(skill), oneline=True)
            for skill in cv.skills
        ]
        if any(skills):
            pdf.set_keywords(", ".join(skill for skill in skills if skill))
        pdf.set_creator(_CREATOR)
        pdf.set_creation_date(_created(cv))
        if cv.i18n and cv.i18n.primary:
            pdf.set_lang(cv.i18n.primary)
