"""PDF export: one single-column, ATS-safe CV template drawn with fpdf2."""

# fpdf2 is imported inside the functions that draw, never at module level, so
# code that only needs pdf_filename does not pay for importing it and fontTools.

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from freecv_tui import dates
from freecv_tui.cv import CV

if TYPE_CHECKING:
    from fpdf import FPDF
    from fpdf.enums import WrapMode

# Page geometry in mm, type sizes in pt.
_PAPERS = {"a4": "A4", "letter": "Letter"}
_MARGIN_X = 22.0
_MARGIN_TOP = 20.0
_MARGIN_BOTTOM = 18.0
_NAME_PT = 22.0
_HEADLINE_PT = 12.0
_CONTACT_PT = 9.5
_HEADING_PT = 11.5
_TITLE_PT = 10.5
_BODY_PT = 10.0
_SMALL_PT = 9.5
_LEADING = 1.32
_PT = 25.4 / 72
_BULLET_X = 1.2
_HANG = 5.0
# Narrower than this, a date shares no line with the entry title.
_DATE_SHARE = 0.4

_INK = (30, 30, 30)
_MUTED = (85, 85, 85)
_ACCENT = (27, 55, 95)
_RULE = (170, 170, 170)

_SEP = "  ·  "
_BULLET = "•"
_CREATOR = "freecv-tui"

# fpdf2 keys fonts by lower-cased family name plus style letters.
_MAIN = "notosans"
_SYMBOLS = "sourcesans"
_STYLES = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}

_Ranges = tuple[tuple[int, int], ...]
_KANA: _Ranges = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
_HANGUL: _Ranges = (
    (0x1100, 0x11FF),
    (0x3130, 0x318F),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
)
_HAN: _Ranges = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3100, 0x312F),
    (0x3190, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF65),
    (0xFFA0, 0xFFEF),
    (0x20000, 0x3FFFF),
)
_CJK = _KANA + _HANGUL + _HAN
# Chinese and Japanese put no spaces between words, so they wrap per character.
_NO_SPACES = _KANA + _HAN
# Hebrew, Arabic (and neighbours) and Devanagari only read right once shaped.
_SHAPED: _Ranges = (
    (0x0590, 0x08FF),
    (0x0900, 0x097F),
    (0xA8E0, 0xA8FF),
    (0xFB1D, 0xFDFF),
    (0xFE70, 0xFEFC),
)
# Invisible glue of emoji sequences; meaningless once the emoji is gone.
_JOINERS = frozenset("\u200d\ufe0e\ufe0f\u20e3")
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def _in(cp: int, ranges: _Ranges) -> bool:
    """True if the code point falls in one of the ranges."""
    return any(lo <= cp <= hi for lo, hi in ranges)


def _has(text: str, ranges: _Ranges) -> bool:
    """True if any character of the text falls in the ranges."""
    return any(_in(ord(ch), ranges) for ch in text)


def _font_file(folder: str, name: str) -> str:
    """Path of a font file shipped (as plain files) by rendercv_fonts."""
    return str(resources.files("rendercv_fonts") / folder / name)


@cache
def _symbol_cmap() -> frozenset[int]:
    """Code points of Source Sans 3, read once, to decide if it is worth loading."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    font = TTFont(_font_file("Source Sans 3", "SourceSans3-Regular.ttf"), lazy=True)
    return frozenset(font.getBestCmap())


def _normalise(value: str, *, oneline: bool) -> str:
    """NFC, '\\n' line ends, single spaces, at most one blank line in a row."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    for sep in ("\u2028", "\u2029", "\x85"):
        text = text.replace(sep, "\n")
    text = unicodedata.normalize("NFC", text).replace("\t", " ").replace("\ufeff", "")
    if oneline:
        text = text.replace("\n", " ")
    return _tidy(text)


def _tidy(text: str) -> str:
    """Collapse runs of spaces and blank lines, trim every line."""
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n ")


def _plain(value: str | None) -> str:
    """Text safe for PDF metadata and link targets: NFC, no controls or surrogates."""
    text = unicodedata.normalize("NFC", value or "")
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))


def _show(ch: str) -> str:
    """How a dropped character is named in a note; invisible ones by code point."""
    if unicodedata.category(ch)[0] in "CZM":
        return f"U+{ord(ch):04X}"
    return ch


def _wrapmode(text: str) -> WrapMode:
    """fpdf2 wrap mode: per character for Chinese and Japanese, else per word."""
    # In word mode fpdf2 2.8 already splits one word wider than the line at a
    # character, so long URLs and class names need no help of their own.
    from fpdf.enums import WrapMode

    return WrapMode.CHAR if _has(text, _NO_SPACES) else WrapMode.WORD


def _href(url: str) -> str:
    """A link target; a draft may hold an address without its scheme."""
    target = _plain(url).strip()
    if target and not _SCHEME.match(target) and ":" not in target.split("/")[0]:
        target = "https://" + target
    return target


def _short_url(url: str) -> str:
    """The address as printed: no scheme, no 'www.', no trailing slash."""
    text = _SCHEME.sub("", url.strip())
    return text.removeprefix("www.").rstrip("/")


def _rendered_text(cv: CV) -> str:
    """All text in the sections the template prints, to choose fonts from."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                walk(getattr(value, name))
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for section in (
        cv.basics,
        cv.work,
        cv.education,
        cv.skills,
        cv.languages,
        cv.projects,
        cv.certificates,
        cv.awards,
        cv.volunteer,
        cv.publications,
        cv.interests,
    ):
        walk(section)
    return unicodedata.normalize("NFC", "\n".join(parts))


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


def _plain_items(*texts: str) -> list[tuple[str, str]]:
    """Subtitle items without links, skipping empty ones."""
    return [(text, "") for text in texts if text]


@dataclass
class _Entry:
    """One printable entry of a section, its text already cleaned."""

    title: str
    date: str = ""
    link: str = ""
    subtitle: list[tuple[str, str]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)

    def empty(self) -> bool:
        """True when nothing of the entry would print."""
        return not (
            self.title or self.date or self.subtitle or self.lines or self.bullets
        )


class _Renderer:
    """Lays one CV out on an fpdf2 document and notes every glyph left out."""

    def __init__(self, cv: CV, paper: str, title: str) -> None:
        from fpdf import FPDF

        self.cv = cv
        self.title = title
        self.pdf: FPDF = FPDF(orientation="portrait", unit="mm", format=paper)
        self.pdf.set_margins(_MARGIN_X, _MARGIN_TOP, _MARGIN_X)
        self.pdf.set_auto_page_break(True, margin=_MARGIN_BOTTOM)
        # Cell padding would indent text away from the margin the rules start at.
        self.pdf.c_margin = 0
        self.notes: dict[str, None] = {}
        self.shaping = False
        self._cmaps: dict[str, list[dict[int, str]]] = {}
        self._load_fonts(_rendered_text(cv))

    # ------------------------------------------------------------ fonts

    def _load_fonts(self, text: str) -> None:
        """Register Noto Sans, plus fallbacks only for characters it lacks."""
        pdf = self.pdf
        for style, stem in _STYLES.items():
            pdf.add_font(_MAIN, style, _font_file("Noto Sans", f"NotoSans-{stem}.ttf"))
        missing = {ord(ch) for ch in set(text)} - set(self._cmap(_MAIN)) - {10}
        fallbacks: list[str] = []
        if any(_in(cp, _CJK) for cp in missing):
            for lang in self._cjk_languages(text):
                family = f"cjk{lang.lower()}"
                for style, weight in (("", "Regular"), ("B", "Bold")):
                    name = f"NotoSans{lang}-{weight}.ttf"
                    pdf.add_font(family, style, _font_file("Noto Sans", name))
                fallbacks.append(family)
                missing -= set(self._cmap(family))
        if missing & _symbol_cmap():
            for style, stem in _STYLES.items():
                name = f"SourceSans3-{stem}.ttf"
                pdf.add_font(_SYMBOLS, style, _font_file("Source Sans 3", name))
            # Arrows and maths signs look closer to Noto in Source Sans than in CJK.
            fallbacks.insert(0, _SYMBOLS)
        if fallbacks:
            # CJK fonts have no italic; any style may borrow the upright glyph.
            pdf.set_fallback_fonts(fallbacks, exact_match=False)
        extra = [self._cmap(key) for key in pdf.fonts if not key.startswith(_MAIN)]
        for style in _STYLES:
            self._cmaps[style] = [self._cmap(_MAIN + style), *extra]
        shaped = any(
            _in(ord(ch), _SHAPED) and self._covered(ord(ch), "") for ch in set(text)
        )
        # Shaping costs about 1.3x, so only scripts that need it switch it on.
        if shaped and importlib.util.find_spec("uharfbuzz") is not None:
            pdf.set_text_shaping(True)
            self.shaping = True

    def _cmap(self, key: str) -> dict[int, str]:
        """Code point to glyph map of a registered font; core fonts have none."""
        from fpdf.fonts import TTFFont

        font = self.pdf.fonts[key]
        return font.cmap if isinstance(font, TTFFont) else {}

    @staticmethod
    def _cjk_languages(text: str) -> list[str]:
        """Which Noto CJK fonts the text needs: JP for kana, KR for hangul, else SC."""
        langs = []
        if _has(text, _KANA):
            langs.append("JP")
        if _has(text, _HANGUL):
            langs.append("KR")
        return langs or ["SC"]

    def _covered(self, cp: int, style: str) -> bool:
        """True if a registered font draws this code point in this style."""
        return any(cp in cmap for cmap in self._cmaps[style])

    def clean(
        self, value: str | None, path: str, style: str = "", *, oneline: bool = True
    ) -> str:
        """User text ready to print: normalised, undrawable glyphs noted and removed."""
        if not value:
            return ""
        text = _normalise(value, oneline=oneline)
        kept: list[str] = []
        dropped: list[str] = []
        after_drop = False
        for ch in text:
            if ch == "\n" or self._covered(ord(ch), style):
                if after_drop and ch in _JOINERS:
                    continue
                after_drop = False
                kept.append(ch)
                continue
            category = unicodedata.category(ch)
            if category == "Zs":
                kept.append(" ")
            elif category[0] != "C" or category in ("Co", "Cn", "Cs"):
                # Visible characters are reported; invisible controls just go.
                dropped.append(ch)
                while kept and kept[-1] in _JOINERS:
                    kept.pop()
                after_drop = True
        result = "".join(kept)
        if dropped:
            result = _tidy(result)
            # What is left of a mostly dropped script (digits, stray Latin words,
            # punctuation) reads as noise, so such a field goes as a whole.
            left = sum(ch.isalnum() for ch in result)
            if not left or sum(ch.isalpha() for ch in dropped) > left:
                result = ""
            self._note_dropped(path, dropped, whole=not result)
        if not self.shaping and _has(result, _SHAPED):
            self._note(
                f"{path}: this script needs text shaping to join its letters; "
                "install the uharfbuzz package"
            )
        return result

    def _note_dropped(self, path: str, dropped: list[str], *, whole: bool) -> None:
        """Record which characters of a field no font could draw."""
        count = len(dropped)
        unique = list(dict.fromkeys(dropped))
        shown = " ".join(_show(ch) for ch in unique[:12])
        if len(unique) > 12:
            shown += " …"
        if count == 1:
            found = f"1 character ({shown}) has no font"
        else:
            found = f"{count} characters ({shown}) have no font"
        if whole:
            self._note(f"{path}: {found}; the field was left out")
        else:
            gone = "was" if count == 1 else "were"
            self._note(f"{path}: {found} and {gone} left out")

    def _note(self, text: str) -> None:
        """Keep a note once, in the order found."""
        self.notes.setdefault(text, None)

    # ------------------------------------------------------------ drawing

    def _font(
        self, size: float, style: str = "", color: tuple[int, ...] = _INK
    ) -> None:
        """Switch to Noto Sans at a size, style and colour."""
        self.pdf.set_font(_MAIN, style, size)
        self.pdf.set_text_color(*color)

    def _ensure(self, height: float) -> None:
        """Start a new page unless `height` mm still fit on this one."""
        if self.pdf.get_y() + height > self.pdf.page_break_trigger:
            self.pdf.add_page()

    def _at_top(self) -> bool:
        """True when nothing has been drawn yet on the current page."""
        return self.pdf.get_y() <= self.pdf.t_margin + 0.01

    def _para(
        self,
        text: str,
        size: float = _BODY_PT,
        style: str = "",
        color: tuple[int, ...] = _INK,
        *,
        indent: float = 0.0,
        width: float | None = None,
        link: str = "",
        leading: float = _LEADING,
    ) -> None:
        """A left-aligned paragraph that wraps inside the text column."""
        pdf = self.pdf
        self._font(size, style, _ACCENT if link else color)
        pdf.set_x(pdf.l_margin + indent)
        pdf.multi_cell(
            w=width if width is not None else pdf.epw - indent,
            h=size * _PT * leading,
            text=text,
            align="L",
            link=link or None,
            new_x="LMARGIN",
            new_y="NEXT",
            wrapmode=_wrapmode(text),
        )

    def _inline(
        self,
        segments: list[tuple[str, str]],
        size: float,
        color: tuple[int, ...],
    ) -> None:
        """Short items on one flowing line, split only between items if possible."""
        pdf = self.pdf
        height = size * _PT * _LEADING
        right = pdf.l_margin + pdf.epw
        pdf.set_x(pdf.l_margin)
        for index, (text, link) in enumerate(segments):
            self._font(size, "", color)
            width = pdf.get_string_width(text)
            if index:
                fits = pdf.get_x() + pdf.get_string_width(_SEP) + width <= right
                # Rather than split an item, start it on a fresh line.
                if not fits and width <= pdf.epw:
                    pdf.ln(height)
                else:
                    pdf.write(height, _SEP)
            if link:
                pdf.set_text_color(*_ACCENT)
            pdf.write(height, text, link=link, wrapmode=_wrapmode(text))
        pdf.ln(height)

    def _heading(self, title: str) -> None:
        """A section heading with a thin rule, kept with what follows it."""
        pdf = self.pdf
        height = _HEADING_PT * _PT * _LEADING
        body = _BODY_PT * _PT * _LEADING
        self._ensure(5.0 + height + 3.0 + 3 * body)
        if not self._at_top():
            pdf.ln(5.0)
        self._font(_HEADING_PT, "B", _ACCENT)
        pdf.set_x(pdf.l_margin)
        pdf.cell(w=pdf.epw, h=height, text=title, new_x="LMARGIN", new_y="NEXT")
        rule_y = pdf.get_y() + 0.4
        pdf.set_draw_color(*_RULE)
        pdf.set_line_width(0.25)
        pdf.line(pdf.l_margin, rule_y, pdf.l_margin + pdf.epw, rule_y)
        pdf.set_y(rule_y + 2.4)

    def _title_row(self, entry: _Entry) -> None:
        """Entry title in bold with its dates on the right, or below if too wide."""
        pdf = self.pdf
        height = _TITLE_PT * _PT * _LEADING
        self._font(_SMALL_PT)
        date_w = pdf.get_string_width(entry.date) if entry.date else 0.0
        shares = 0 < date_w <= pdf.epw * _DATE_SHARE
        top = pdf.get_y()
        if entry.title:
            width = pdf.epw - date_w - 5.0 if shares else pdf.epw
            self._para(entry.title, _TITLE_PT, "B", width=width, link=entry.link)
        bottom = pdf.get_y()
        if entry.date and (shares or not entry.title):
            pdf.set_xy(pdf.l_margin + pdf.epw - date_w, top)
            self._font(_SMALL_PT, "", _MUTED)
            pdf.cell(w=date_w, h=height, text=entry.date, align="R")
            pdf.set_xy(pdf.l_margin, max(bottom, top + height))
        elif entry.date:
            self._para(entry.date, _SMALL_PT, "", _MUTED)

    def _bullet(self, text: str) -> None:
        """One bullet: the glyph in the gutter, the text hanging beside it."""
        pdf = self.pdf
        height = _BODY_PT * _PT * _LEADING
        self._font(_BODY_PT)
        if pdf.get_y() + 4 * height > pdf.page_break_trigger:
            # Near the foot of a page, measure so a short bullet is not split.
            lines = pdf.multi_cell(
                w=pdf.epw - _HANG,
                h=height,
                text=text,
                dry_run=True,
                output="LINES",
                wrapmode=_wrapmode(text),
            )
            count = len(lines) if isinstance(lines, list) else 1
            self._ensure(height * (count if count <= 4 else 2))
        top = pdf.get_y()
        self._font(_BODY_PT, "", _MUTED)
        pdf.set_xy(pdf.l_margin + _BULLET_X, top)
        pdf.cell(w=_HANG - _BULLET_X, h=height, text=_BULLET)
        pdf.set_xy(pdf.l_margin + _HANG, top)
        self._para(text, indent=_HANG)
        pdf.ln(0.5)

    def _entries(self, heading: str, entries: list[_Entry]) -> None:
        """A section of entries; prints nothing at all when every entry is empty."""
        entries = [entry for entry in entries if not entry.empty()]
        if not entries:
            return
        self._heading(heading)
        line = _BODY_PT * _PT * _LEADING
        for index, entry in enumerate(entries):
            # Keep the title, subtitle and first line of an entry on one page.
            self._ensure(3 * line + (2.5 if index else 0))
            if index:
                self.pdf.ln(2.5 if (entry.bullets or entry.lines) else 1.0)
            self._title_row(entry)
            if entry.subtitle:
                self._inline(entry.subtitle, _BODY_PT, _MUTED)
            for text in entry.lines:
                self.pdf.ln(0.6)
                self._para(text)
            if entry.bullets:
                self.pdf.ln(0.8)
            for text in entry.bullets:
                self._bullet(text)

    def _text_section(self, heading: str, text: str) -> None:
        """A heading and one paragraph, or nothing when the text is empty."""
        if text:
            self._heading(heading)
            self._para(text)

    # ------------------------------------------------------------ content

    def render(self) -> bytes:
        """Draw every section in reading order and return the PDF bytes."""
        self.pdf.add_page()
        self._header()
        summary = self.clean(self.cv.basics.summary, "basics.summary", oneline=False)
        self._text_section("Summary", summary)
        self._entries("Experience", self._work())
        self._entries("Education", self._education())
        self._text_section("Skills", self._joined(self.cv.skills, "skills"))
        self._text_section("Languages", self._languages())
        self._entries("Projects", self._projects())
        self._entries("Certificates", self._certificates())
        self._entries("Awards", self._awards())
        self._entries("Volunteering", self._volunteer())
        self._entries("Publications", self._publications())
        self._text_section("Interests", self._joined(self.cv.interests, "interests"))
        self._metadata()
        return bytes(self.pdf.output())

    def _header(self) -> None:
        """Name, headline and the contact line."""
        basics = self.cv.basics
        name = self.clean(basics.name, "basics.name", "B")
        if name:
            self._para(name, _NAME_PT, "B", _INK, leading=1.2)
        label = self.clean(basics.label, "basics.label")
        if label:
            self.pdf.ln(0.8)
            self._para(label, _HEADLINE_PT, "", _MUTED)
        contact = self._contact()
        if contact:
            self.pdf.ln(1.8)
            self._inline(contact, _CONTACT_PT, _INK)

    def _contact(self) -> list[tuple[str, str]]:
        """Email, phone, location, website and profiles as (text, link) pairs."""
        basics = self.cv.basics
        out: list[tuple[str, str]] = []
        targets: set[str] = set()

        def add(text: str, link: str = "") -> None:
            if text and (not link or link not in targets):
                out.append((text, link))
                targets.add(link)

        email = self.clean(basics.email, "basics.email")
        add(email, f"mailto:{_plain(basics.email).strip()}" if email else "")
        add(self.clean(basics.phone, "basics.phone"))
        add(self.clean(basics.location, "basics.location"))
        if basics.url:
            add(self.clean(_short_url(basics.url), "basics.url"), _href(basics.url))
        for i, profile in enumerate(basics.profiles):
            path = f"basics.profiles[{i}]"
            if profile.url:
                shown = self.clean(_short_url(profile.url), f"{path}.url")
                add(shown, _href(profile.url))
            else:
                network = self.clean(profile.network, f"{path}.network")
                user = self.clean(profile.username, f"{path}.username")
                add(": ".join(part for part in (network, user) if part))
        return out

    def _dates(self, item: Any, path: str) -> str:
        """The entry's date range in the one style the CV uses."""
        start = self.clean(item.start_date, f"{path}.startDate")
        end = self.clean(item.end_date, f"{path}.endDate")
        return dates.display_range(start or None, end or None, item.current)

    def _date(self, raw: str | None, path: str) -> str:
        """A single date in the same style as the ranges."""
        return dates.display_range(self.clean(raw, path) or None, None, None)

    def _list(self, items: list[str], path: str) -> list[str]:
        """Cleaned non-empty items of a list of strings."""
        cleaned = (self.clean(item, f"{path}[{i}]") for i, item in enumerate(items))
        return [item for item in cleaned if item]

    def _joined(self, items: list[str], path: str) -> str:
        """A list of strings as one comma-separated line."""
        return ", ".join(self._list(items, path))

    def _work(self) -> list[_Entry]:
        """Jobs in the order given: position, company and place, dates, bullets."""
        out = []
        for i, job in enumerate(self.cv.work):
            path = f"work[{i}]"
            position = self.clean(job.position, f"{path}.position", "B")
            company = self.clean(job.company, f"{path}.company")
            place = self.clean(job.location, f"{path}.location")
            title, company = (position, company) if position else (company, "")
            out.append(
                _Entry(
                    title=title,
                    date=self._dates(job, path),
                    subtitle=_plain_items(company, place),
                    lines=self._lines(job.summary, f"{path}.summary"),
                    bullets=self._list(job.highlights, f"{path}.highlights"),
                )
            )
        return out

    def _lines(self, text: str | None, path: str) -> list[str]:
        """A free-text field as a one-paragraph list, empty when blank."""
        cleaned = self.clean(text, path, oneline=False)
        return [cleaned] if cleaned else []

    def _education(self) -> list[_Entry]:
        """Degree and field, institution, dates, score, summary and highlights."""
        out = []
        for i, course in enumerate(self.cv.education):
            path = f"education[{i}]"
            degree = self.clean(course.degree, f"{path}.degree", "B")
            subject = self.clean(course.field, f"{path}.field", "B")
            school = self.clean(course.institution, f"{path}.institution")
            score = self.clean(course.score, f"{path}.score")
            lines = self._lines(course.summary, f"{path}.summary")
            if score:
                lines.insert(0, f"Score: {score}")
            out.append(
                _Entry(
                    title=", ".join(part for part in (degree, subject) if part),
                    date=self._dates(course, path),
                    subtitle=_plain_items(school),
                    lines=lines,
                    bullets=self._list(course.highlights, f"{path}.highlights"),
                )
            )
        return out

    def _languages(self) -> str:
        """Languages with their fluency, comma-separated."""
        parts = []
        for i, item in enumerate(self.cv.languages):
            language = self.clean(item.language, f"languages[{i}].language")
            fluency = self.clean(item.fluency, f"languages[{i}].fluency")
            if language and fluency:
                parts.append(f"{language} ({fluency})")
            elif language or fluency:
                parts.append(language or fluency)
        return ", ".join(parts)

    def _link_segment(self, url: str | None, path: str) -> list[tuple[str, str]]:
        """A web address as a clickable subtitle item, or nothing."""
        if not url:
            return []
        shown = self.clean(_short_url(url), path)
        return [(shown, _href(url))] if shown else []

    def _projects(self) -> list[_Entry]:
        """Projects: name, role and link, description, highlights, keywords."""
        out = []
        for i, project in enumerate(self.cv.projects):
            path = f"projects[{i}]"
            role = self.clean(project.role, f"{path}.role")
            lines = self._lines(project.description, f"{path}.description")
            keywords = self._joined(project.keywords, f"{path}.keywords")
            if keywords:
                lines.append(f"Keywords: {keywords}")
            out.append(
                _Entry(
                    title=self.clean(project.name, f"{path}.name", "B"),
                    date=self._dates(project, path),
                    subtitle=_plain_items(role)
                    + self._link_segment(project.url, f"{path}.url"),
                    lines=lines,
                    bullets=self._list(project.highlights, f"{path}.highlights"),
                )
            )
        return out

    def _certificates(self) -> list[_Entry]:
        """Certificates: name (linked when it has a URL), issuer, date."""
        out = []
        for i, cert in enumerate(self.cv.certificates):
            path = f"certificates[{i}]"
            issuer = self.clean(cert.issuer, f"{path}.issuer")
            out.append(
                _Entry(
                    title=self.clean(cert.name, f"{path}.name", "B"),
                    date=self._date(cert.date, f"{path}.date"),
                    link=_href(cert.url) if cert.url else "",
                    subtitle=_plain_items(issuer),
                )
            )
        return out

    def _awards(self) -> list[_Entry]:
        """Awards: title, awarder, date and a short summary."""
        out = []
        for i, award in enumerate(self.cv.awards):
            path = f"awards[{i}]"
            awarder = self.clean(award.awarder, f"{path}.awarder")
            out.append(
                _Entry(
                    title=self.clean(award.title, f"{path}.title", "B"),
                    date=self._date(award.date, f"{path}.date"),
                    subtitle=_plain_items(awarder),
                    lines=self._lines(award.summary, f"{path}.summary"),
                )
            )
        return out

    def _volunteer(self) -> list[_Entry]:
        """Volunteer roles laid out like jobs."""
        out = []
        for i, role in enumerate(self.cv.volunteer):
            path = f"volunteer[{i}]"
            position = self.clean(role.position, f"{path}.position", "B")
            org = self.clean(role.organization, f"{path}.organization")
            title, org = (position, org) if position else (org, "")
            out.append(
                _Entry(
                    title=title,
                    date=self._dates(role, path),
                    subtitle=_plain_items(org)
                    + self._link_segment(role.url, f"{path}.url"),
                    lines=self._lines(role.summary, f"{path}.summary"),
                    bullets=self._list(role.highlights, f"{path}.highlights"),
                )
            )
        return out

    def _publications(self) -> list[_Entry]:
        """Publications: title (linked), publisher, date and a summary."""
        out = []
        for i, work in enumerate(self.cv.publications):
            path = f"publications[{i}]"
            publisher = self.clean(work.publisher, f"{path}.publisher")
            out.append(
                _Entry(
                    title=self.clean(work.name, f"{path}.name", "B"),
                    date=self._date(work.release_date, f"{path}.releaseDate"),
                    link=_href(work.url) if work.url else "",
                    subtitle=_plain_items(publisher),
                    lines=self._lines(work.summary, f"{path}.summary"),
                )
            )
        return out

    def _metadata(self) -> None:
        """Title, author, subject, keywords, creator, language and creation date."""
        pdf = self.pdf
        cv = self.cv
        name = _normalise(_plain(cv.basics.name), oneline=True)
        label = _normalise(_plain(cv.basics.label), oneline=True)
        pdf.set_title(self.title or (f"{name} - CV" if name else "CV"))
        if name:
            pdf.set_author(name)
        pdf.set_subject(label or "Curriculum vitae")
        skills = [_normalise(_plain(skill), oneline=True) for skill in cv.skills]
        if any(skills):
            pdf.set_keywords(", ".join(skill for skill in skills if skill))
        pdf.set_creator(_CREATOR)
        pdf.set_creation_date(_created(cv))
        if cv.i18n and cv.i18n.primary:
            pdf.set_lang(cv.i18n.primary)


def _paper(paper: str) -> str:
    """fpdf2's name for a paper size; A4 or Letter in any case, else ValueError."""
    try:
        return _PAPERS[paper.strip().lower()]
    except (KeyError, AttributeError):
        raise ValueError(
            f'unknown paper size "{paper}"; use "A4" or "Letter"'
        ) from None


def render_pdf_with_notes(
    cv: CV, *, paper: str = "A4", title: str | None = None
) -> tuple[bytes, list[str]]:
    """Render the CV; also return one note per field that lost characters."""
    wanted = _normalise(_plain(title), oneline=True) if title else ""
    renderer = _Renderer(cv, _paper(paper), wanted)
    data = renderer.render()
    return data, list(renderer.notes)


def render_pdf(cv: CV, *, paper: str = "A4", title: str | None = None) -> bytes:
    """Render the CV as PDF bytes (A4 or Letter); see render_pdf_with_notes."""
    return render_pdf_with_notes(cv, paper=paper, title=title)[0]


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


def measure(cv: CV, *, paper: str = "A4") -> tuple[int, int]:
    """Pages the CV fills, and lines of body text used on the last page."""
    renderer = _Renderer(cv, _paper(paper), "")
    renderer.render()
    line = _BODY_PT * _LEADING * _PT
    used = max(0.0, renderer.pdf.y - _MARGIN_TOP)
    return renderer.pdf.page_no(), round(used / line)
