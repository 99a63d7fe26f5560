"""Markdown export: the CV in the PDF's reading order, user text never markup."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from freecv_tui import dates
from freecv_tui.cv import CV

SEP = " · "

# Characters that start markup anywhere in a line, in CommonMark or GitHub's
# flavour (tables, strikethrough, math) or common extensions (attributes).
_ALWAYS = frozenset("\\`*_[]<{}|~$^")
# Characters that only mean something at the start of a line.
_LINE_START = frozenset("#+-=>:")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
_SIGN = re.compile(r"\((c|r|tm|p)\)", re.IGNORECASE)
_ENTITY = re.compile(r"&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")
_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_LINE_SEPARATORS = str.maketrans({"\u2028": "\n", "\u2029": "\n", "\x85": "\n"})
# Embedding and isolate controls typed by the user would unbalance ours.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# First strong isolate and pop directional isolate (Unicode bidi algorithm).
FSI = "\u2068"
PDI = "\u2069"


# ---------------------------------------------------------------- text


def clean(value: Any, *, oneline: bool = True) -> str:
    """User text as printed: NFC, no CR or controls, single spaces, trimmed."""
    if not isinstance(value, str) or not value:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_SEPARATORS)
    text = unicodedata.normalize("NFC", text).replace("\t", " ")
    text = "".join(
        ch
        for ch in text
        if ch == "\n"
        or (
            unicodedata.category(ch) not in ("Cc", "Cs")
            and ch != "\ufeff"
            and ch not in _BIDI_CONTROLS
        )
    )
    if oneline:
        text = text.replace("\n", " ")
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n ")


def is_rtl(text: str) -> bool:
    """True when the first strong character is right-to-left, as dir=auto decides."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def has_rtl(text: str) -> bool:
    """True when any character is strongly right-to-left."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


def isolate(markdown: str, plain: str) -> str:
    """Wrap an item in bidi isolates when it holds RTL text, so lists stay in order."""
    return f"{FSI}{markdown}{PDI}" if has_rtl(plain) else markdown


def _smart(text: str, i: int) -> bool:
    """True where a smart-punctuation renderer would rewrite the character at i."""
    # Typographer options turn -- into a dash, ... into an ellipsis, (c) into a
    # sign and +- into a plus-minus, and squeeze runs of ! ? and commas.
    ch = text[i]
    before = text[i - 1] if i else ""
    after = text[i + 1 : i + 2]
    if ch in "-.!?,":
        return ch in (before, after)
    if ch == "+":
        return after == "-"
    if ch == "(":
        return bool(_SIGN.match(text, i))
    # Linkifiers that scan the source would show the escapes inside a URL.
    return ch == ":" and text.startswith("//", i + 1)


def escape_inline(text: str, *, heading: bool = False) -> str:
    """Escape characters that would start inline markup; text stays readable."""
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch in _ALWAYS or (heading and ch == "#") or _smart(text, i):
            out.append("\\" + ch)
        elif ch == "&" and _ENTITY.match(text, i):
            out.append("\\&")
        else:
            out.append(ch)
    return "".join(out)


def protect_lines(markdown: str) -> str:
    """Escape what would open a block (heading, list, quote) at each line start."""
    lines = [
        "\\" + line if line[:1] in _LINE_START else _ORDERED.sub(r"\1\\\2", line)
        for line in markdown.split("\n")
    ]
    return "\n".join(lines)


def escape(text: str, *, heading: bool = False) -> str:
    """Markdown that renders exactly this text, whatever characters it holds."""
    return protect_lines(escape_inline(text, heading=heading))


def hard_breaks(markdown: str) -> str:
    """Keep the user's line breaks inside a paragraph (a backslash line end)."""
    return "\\\n".join(markdown.split("\n"))


def href(url: Any) -> str:
    """A link target safe to emit, or '' for schemes a reader should not follow."""
    target = clean(url)
    if not target:
        return ""
    if not _SCHEME.match(target) and ":" not in target.split("/")[0]:
        target = "https://" + target
    scheme = urlsplit(target).scheme.lower() if ":" in target else ""
    if scheme not in _SAFE_SCHEMES:
        return ""
    return "".join(
        f"%{ord(ch):02X}" if ch in '<>\\ "' or ord(ch) < 0x20 else ch for ch in target
    )


def short_url(url: Any) -> str:
    """The address as printed: no scheme, no 'www.', no trailing slash."""
    text = _SCHEME.sub("", clean(url))
    return text.removeprefix("www.").rstrip("/")


def destination(target: str) -> str:
    """A link destination; angle brackets only when parentheses would confuse it."""
    return f"<{target}>" if "(" in target or ")" in target else target


def link(text: str, url: Any, *, heading: bool = False) -> str:
    """A Markdown link with escaped text, or just the text when the URL is unsafe."""
    target = href(url)
    shown = escape_inline(text, heading=heading)
    return f"[{shown}]({destination(target)})" if target else shown


# ---------------------------------------------------------------- document


@dataclass
class Block:
    """One heading, paragraph or list of the document, already in Markdown."""

    kind: str
    markdown: str
    rtl: bool = False


@dataclass
class Section:
    """A titled part of the CV; each entry is a run of blocks."""

    heading: Block
    entries: list[list[Block]] = field(default_factory=list)


@dataclass
class Document:
    """The CV as blocks in reading order, shared by the Markdown and HTML writers."""

    header: list[Block]
    sections: list[Section]
    name: str
    lang: str | None = None

    def blocks(self) -> Iterable[Block]:
        """Every block from the name to the last entry."""
        yield from self.header
        for section in self.sections:
            yield section.heading
            for entry in section.entries:
                yield from entry


@dataclass
class _Item:
    """A piece of a one-line list: plain text, and a link target if any."""

    text: str
    url: Any = None

    def markdown(self) -> str:
        """The piece as Markdown, isolated when it holds RTL text."""
        shown = link(self.text, self.url) if self.url else escape_inline(self.text)
        return isolate(shown, self.text)


def _line(items: Iterable[_Item], sep: str = SEP) -> tuple[str, str]:
    """Join non-empty items into one line: (markdown, plain text)."""
    kept = [item for item in items if item.text]
    markdown = protect_lines(sep.join(item.markdown() for item in kept))
    return markdown, sep.join(item.text for item in kept)


def _paragraphs(value: Any, kind: str = "text") -> list[Block]:
    """A free-text field as paragraph blocks, its line breaks kept."""
    text = clean(value, oneline=False)
    return [
        Block(kind, hard_breaks(escape(part)), is_rtl(part))
        for part in text.split("\n\n")
        if part
    ]


def _bullets(values: Any) -> list[Block]:
    """A list of strings as bullet lists, split where the direction changes."""
    items = [clean(v) for v in values or []] if isinstance(values, list) else []
    out = []
    for rtl, run in itertools.groupby((i for i in items if i), key=is_rtl):
        lines = "\n".join(f"- {escape(item)}" for item in run)
        out.append(Block("list", lines, rtl))
    return out


def _one_line(kind: str, items: Iterable[_Item], *, emphasis: bool = False) -> Block:
    """A one-line block (contact line, entry details), empty when nothing is set."""
    markdown, plain = _line(items)
    if markdown and emphasis:
        markdown = f"*{markdown}*"
    return Block(kind, markdown, is_rtl(plain))


def _entry(
    title: str,
    *,
    url: Any = None,
    meta: Iterable[_Item] = (),
    date: str = "",
    texts: Iterable[Block] = (),
    bullets: Iterable[Block] = (),
) -> list[Block]:
    """An entry: a level-3 title, an italic detail line, paragraphs, bullets."""
    blocks = []
    if title:
        shown = link(title, url, heading=True)
        blocks.append(Block("title", f"### {shown}", is_rtl(title)))
    details = _one_line("meta", [*meta, _Item(date)], emphasis=True)
    if details.markdown:
        blocks.append(details)
    blocks.extend(texts)
    blocks.extend(bullets)
    return blocks


def _range(item: Any) -> str:
    """The entry's dates in the CV's one style."""
    start, end = clean(item.start_date), clean(item.end_date)
    return dates.display_range(start or None, end or None, item.current)


def _date(raw: Any) -> str:
    """One date in the same style as the ranges."""
    return dates.display_range(clean(raw) or None, None, None)


class _Builder:
    """Turns one CV into a Document, section by section."""

    def __init__(self, cv: CV) -> None:
        self.cv = cv

    def build(self) -> Document:
        """The whole document: header, then every section that has content."""
        cv = self.cv
        sections = [
            self._text("Summary", _paragraphs(cv.basics.summary)),
            self._section("Experience", self._work()),
            self._section("Education", self._education()),
            self._joined("Skills", cv.skills),
            self._joined("Languages", self._languages()),
            self._section("Projects", self._projects()),
            self._section("Certificates", self._certificates()),
            self._section("Awards", self._awards()),
            self._section("Volunteering", self._volunteer()),
            self._section("Publications", self._publications()),
            self._joined("Interests", cv.interests),
            *self._custom(),
            self._references(),
        ]
        lang = cv.i18n.primary if cv.i18n and cv.i18n.primary else None
        return Document(
            header=self._header(),
            sections=[s for s in sections if s is not None],
            name=clean(cv.basics.name),
            lang=lang,
        )

    # ------------------------------------------------------------ helpers

    @staticmethod
    def _heading(title: str) -> Block:
        """A level-2 section heading."""
        return Block(
            "section", f"## {escape_inline(title, heading=True)}", is_rtl(title)
        )

    def _section(self, title: str, entries: list[list[Block]]) -> Section | None:
        """A section of entries, or None when no entry prints anything."""
        kept = [entry for entry in entries if entry]
        return Section(self._heading(title), kept) if kept else None

    def _text(self, title: str, blocks: list[Block]) -> Section | None:
        """A section holding paragraphs only."""
        return Section(self._heading(title), [blocks]) if blocks else None

    def _joined(self, title: str, values: Iterable[Any]) -> Section | None:
        """A comma-separated one-line section (skills, languages, interests)."""
        items = [_Item(clean(v)) for v in values]
        markdown, plain = _line(items, ", ")
        if not markdown:
            return None
        return self._text(title, [Block("text", markdown, is_rtl(plain))])

    # ------------------------------------------------------------ header

    def _header(self) -> list[Block]:
        """Name, headline and the contact line."""
        basics = self.cv.basics
        blocks = []
        name = clean(basics.name)
        if name:
            heading = f"# {escape_inline(name, heading=True)}"
            blocks.append(Block("name", heading, is_rtl(name)))
        label = clean(basics.label)
        if label:
            blocks.append(Block("headline", escape(label), is_rtl(label)))
        contact = _one_line("contact", self._contact())
        if contact.markdown:
            blocks.append(contact)
        return blocks

    def _contact(self) -> list[_Item]:
        """Email, phone, location, website and profiles; each link once."""
        basics = self.cv.basics
        items: list[_Item] = []
        seen: set[str] = set()

        def add(text: str, url: str | None = None) -> None:
            target = href(url) if url else ""
            if text and (not target or target not in seen):
                items.append(_Item(text, url if target else None))
                seen.add(target)

        email = clean(basics.email)
        add(email, f"mailto:{email}" if email else None)
        add(clean(basics.phone))
        add(clean(basics.location))
        add(short_url(basics.url), basics.url)
        for profile in basics.profiles:
            if clean(profile.url):
                add(short_url(profile.url), profile.url)
            else:
                parts = (clean(profile.network), clean(profile.username))
                add(": ".join(p for p in parts if p))
        return items

    # ------------------------------------------------------------ sections

    def _work(self) -> list[list[Block]]:
        """Jobs: position, then company and place, dates, summary, bullets."""
        out = []
        for job in self.cv.work:
            position, company = clean(job.position), clean(job.company)
            title, company = (position, company) if position else (company, "")
            out.append(
                _entry(
                    title,
                    meta=[_Item(company), _Item(clean(job.location))],
                    date=_range(job),
                    texts=_paragraphs(job.summary),
                    bullets=_bullets(job.highlights),
                )
            )
        return out

    def _education(self) -> list[list[Block]]:
        """Degree and field, institution, dates, score, summary, highlights."""
        out = []
        for course in self.cv.education:
            title = ", ".join(
                p for p in (clean(course.degree), clean(course.field)) if p
            )
            score = clean(course.score)
            texts = _paragraphs(f"Grade: {score}") if score else []
            out.append(
                _entry(
                    title,
                    meta=[_Item(clean(course.institution))],
                    date=_range(course),
                    texts=[*texts, *_paragraphs(course.summary)],
                    bullets=_bullets(course.highlights),
                )
            )
        return out

    def _languages(self) -> list[str]:
        """Languages with their fluency in brackets."""
        out = []
        for item in self.cv.languages:
            language, fluency = clean(item.language), clean(item.fluency)
            if language and fluency:
                out.append(f"{language} ({fluency})")
            elif language or fluency:
                out.append(language or fluency)
        return out

    def _projects(self) -> list[list[Block]]:
        """Projects: name, role and link, dates, description, keywords, bullets."""
        out = []
        for project in self.cv.projects:
            keywords = ", ".join(k for k in map(clean, project.keywords) if k)
            texts = _paragraphs(project.description)
            if keywords:
                texts += _paragraphs(f"Keywords: {keywords}")
            out.append(
                _entry(
                    clean(project.name),
                    meta=[
                        _Item(clean(project.role)),
                        _Item(short_url(project.url), project.url),
                    ],
                    date=_range(project),
                    texts=texts,
                    bullets=_bullets(project.highlights),
                )
            )
        return out

    def _certificates(self) -> list[list[Block]]:
        """Certificates: name (linked), issuer, date."""
        return [
            _entry(
                clean(cert.name),
                url=cert.url,
                meta=[_Item(clean(cert.issuer))],
                date=_date(cert.date),
            )
            for cert in self.cv.certificates
        ]

    def _awards(self) -> list[list[Block]]:
        """Awards: title, awarder, date, summary."""
        return [
            _entry(
                clean(award.title),
                meta=[_Item(clean(award.awarder))],
                date=_date(award.date),
                texts=_paragraphs(award.summary),
            )
            for award in self.cv.awards
        ]

    def _volunteer(self) -> list[list[Block]]:
        """Volunteer roles laid out like jobs, with the organisation's link."""
        out = []
        for role in self.cv.volunteer:
            position, org = clean(role.position), clean(role.organization)
            title, org = (position, org) if position else (org, "")
            out.append(
                _entry(
                    title,
                    meta=[_Item(org), _Item(short_url(role.url), role.url)],
                    date=_range(role),
                    texts=_paragraphs(role.summary),
                    bullets=_bullets(role.highlights),
                )
            )
        return out

    def _publications(self) -> list[list[Block]]:
        """Publications: title (linked), publisher, date, summary."""
        return [
            _entry(
                clean(work.name),
                url=work.url,
                meta=[_Item(clean(work.publisher))],
                date=_date(work.release_date),
                texts=_paragraphs(work.summary),
            )
            for work in self.cv.publications
        ]

    def _custom(self) -> list[Section | None]:
        """The x-customSections extension: user-named sections of simple entries."""
        raw = (self.cv.model_extra or {}).get("x-customSections")
        if not isinstance(raw, list):
            return []
        out = []
        for section in raw:
            if not isinstance(section, dict):
                continue
            items = section.get("items")
            entries = []
            for item in items if isinstance(items, list) else []:
                if not isinstance(item, dict):
                    continue
                when = " \u2013 ".join(
                    p
                    for p in (clean(item.get("date")), clean(item.get("endDate")))
                    if p
                )
                url = item.get("url") if isinstance(item.get("url"), str) else None
                entries.append(
                    _entry(
                        clean(item.get("name")),
                        meta=[_Item(short_url(url), url)] if url else [],
                        date=when,
                        texts=_paragraphs(item.get("summary")),
                        bullets=_bullets(item.get("highlights")),
                    )
                )
            title = clean(section.get("name")) or "Other"
            out.append(self._section(title, entries))
        return out

    def _references(self) -> Section | None:
        """Referees when the CV says to show them, or the 'on request' line."""
        mode = self.cv.references_mode
        if mode == "on-request":
            return self._text("References", _paragraphs("Available on request."))
        if mode != "show":
            return None
        entries = []
        for ref in self.cv.references:
            email = clean(ref.email)
            contact = _one_line(
                "text",
                [
                    _Item(email, f"mailto:{email}" if email else None),
                    _Item(clean(ref.phone)),
                ],
            )
            entries.append(
                _entry(
                    clean(ref.name),
                    meta=[
                        _Item(clean(ref.title)),
                        _Item(clean(ref.company)),
                        _Item(clean(ref.relationship)),
                    ],
                    texts=[contact] if contact.markdown else [],
                )
            )
        return self._section("References", entries)


def document(cv: CV) -> Document:
    """The CV as a Document, work and education newest first."""
    from freecv_tui.export.service import newest_first

    return _Builder(newest_first(cv)).build()


def write_markdown(doc: Document) -> str:
    """Markdown text of a Document; runs of RTL blocks go in a dir=rtl div."""
    parts = []
    for rtl, run in itertools.groupby(doc.blocks(), key=lambda block: block.rtl):
        texts = [block.markdown for block in run]
        if rtl:
            parts.append('<div dir="rtl">\n\n' + "\n\n".join(texts) + "\n\n</div>")
        else:
            parts.extend(texts)
    return "\n\n".join(parts) + "\n"


def render_markdown(cv: CV) -> str:
    """The CV as Markdown that prints every character the user typed literally."""
    return write_markdown(document(cv))
