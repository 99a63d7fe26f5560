"""What the PDF prints, in reading order: built once, drawn and then checked."""

# The renderer draws a Content and the self-check looks for the same Items in
# the extracted text, so both always agree on what should be on the page.

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from freecv_tui import dates
from freecv_tui.cv import CV, Work
from freecv_tui.export import pdf_text
from freecv_tui.export.pdf_templates import FitOptions

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass
class Item:
    """One printed run of user text and the cv.json field it came from."""

    path: str
    text: str
    link: str = ""
    style: str = ""


@dataclass
class Entry:
    """One entry of a section: title, dates, subtitle, paragraphs and bullets."""

    title: Item | None
    date: Item | None = None
    subtitle: list[Item] = field(default_factory=list)
    lines: list[Item] = field(default_factory=list)
    bullets: list[Item] = field(default_factory=list)

    def empty(self) -> bool:
        """True when nothing of the entry would print."""
        return not (
            self.title or self.date or self.subtitle or self.lines or self.bullets
        )


@dataclass
class Section:
    """A headed section: either entries or one paragraph."""

    heading: str
    entries: list[Entry] = field(default_factory=list)
    text: Item | None = None


@dataclass
class Content:
    """The whole printable CV, with the notes about what could not print."""

    name: Item | None
    label: Item | None
    contact: list[Item]
    sections: list[Section]
    notes: list[str]
    hidden_bullets: int = 0

    def items(self) -> Iterator[Item]:
        """Every item in the order a reader meets it (dates right after titles)."""
        for head in (self.name, self.label):
            if head:
                yield head
        yield from self.contact
        for section in self.sections:
            if section.text:
                yield section.text
            for entry in section.entries:
                if entry.title:
                    yield entry.title
                yield from entry.subtitle
                if entry.date:
                    yield entry.date
                yield from entry.lines
                yield from entry.bullets


def rendered_text(cv: CV) -> str:
    """All text in the sections the templates print, to choose fonts from."""
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


def href(url: str) -> str:
    """A link target; a draft may hold an address without its scheme."""
    target = pdf_text.plain(url).strip()
    if target and not _SCHEME.match(target) and ":" not in target.split("/")[0]:
        target = "https://" + target
    return target


def short_url(url: str) -> str:
    """The address as printed: no scheme, no 'www.', no trailing slash."""
    text = _SCHEME.sub("", url.strip())
    return text.removeprefix("www.").rstrip("/")


def _end_day(job: Work, today: dt.date) -> dt.date:
    """When a job ended: today if current, else its end (or start) date."""
    if job.current:
        return today
    for raw in (job.end_date, job.start_date):
        try:
            return dates.parse(raw or "").last_day
        except ValueError:
            continue
    return today


def hidden_jobs(cv: CV, options: FitOptions, today: dt.date) -> set[int]:
    """Indexes of the jobs whose bullets the fit option leaves out."""
    years = options.hide_bullets_after_years
    if years is None:
        return set()
    ends = {i: _end_day(job, today) for i, job in enumerate(cv.work)}
    recent = sorted(ends, key=lambda i: ends[i], reverse=True)
    keep = set(recent[: max(0, options.keep_recent_jobs)])
    try:
        cutoff = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - years, day=28)
    return {i for i, end in ends.items() if i not in keep and end < cutoff}


class Builder:
    """Turns a CV into Content, cleaning every field against the fonts at hand."""

    def __init__(
        self, cv: CV, covered: Callable[[int], bool], options: FitOptions
    ) -> None:
        self.cv = cv
        self.covered = covered
        self.options = options
        self.notes: dict[str, None] = {}

    def text(self, value: str | None, path: str, *, oneline: bool = True) -> str:
        """User text ready to print: normalised, undrawable glyphs noted and removed."""
        if not value:
            return ""
        text, dropped = pdf_text.clean(
            pdf_text.normalise(value, oneline=oneline), self.covered
        )
        if dropped:
            self.notes.setdefault(pdf_text.dropped_note(path, dropped, whole=not text))
        return text

    def item(self, value: str | None, path: str, **kw: Any) -> Item | None:
        """A one-line item, or None when nothing of it prints."""
        text = self.text(value, path)
        return Item(path, text, **kw) if text else None

    def _items(self, *pairs: tuple[str | None, str]) -> list[Item]:
        """Non-empty items from (value, path) pairs."""
        found = (self.item(value, path) for value, path in pairs)
        return [item for item in found if item]

    def build(self) -> Content:
        """The printable CV in the order of the template."""
        basics = self.cv.basics
        summary = self.text(basics.summary, "basics.summary", oneline=False)
        sections = [
            Section(
                "Summary", text=Item("basics.summary", summary) if summary else None
            ),
            Section("Experience", self._work()),
            Section("Education", self._education()),
            Section("Skills", text=self._joined(self.cv.skills, "skills")),
            Section("Languages", text=self._languages()),
            Section("Projects", self._projects()),
            Section("Certificates", self._certificates()),
            Section("Awards", self._awards()),
            Section("Volunteering", self._volunteer()),
            Section("Publications", self._publications()),
            Section("Interests", text=self._joined(self.cv.interests, "interests")),
            self._references(),
        ]
        for section in sections:
            section.entries = [e for e in section.entries if not e.empty()]
        hidden = sum(
            len(self.cv.work[i].highlights)
            for i in hidden_jobs(self.cv, self.options, dates.today())
        )
        return Content(
            name=self.item(basics.name, "basics.name", style="B"),
            label=self.item(basics.label, "basics.label"),
            contact=self._contact(),
            sections=[s for s in sections if s.entries or s.text],
            notes=list(self.notes),
            hidden_bullets=hidden,
        )

    def _contact(self) -> list[Item]:
        """Email, phone, location, website and profiles, each once."""
        basics = self.cv.basics
        out: list[Item] = []
        targets: set[str] = set()

        def add(item: Item | None) -> None:
            if item and (not item.link or item.link not in targets):
                out.append(item)
                targets.add(item.link)

        email = pdf_text.plain(basics.email).strip()
        add(self.item(basics.email, "basics.email", link=f"mailto:{email}"))
        add(self.item(basics.phone, "basics.phone"))
        add(self.item(basics.location, "basics.location"))
        if basics.url:
            add(self.item(short_url(basics.url), "basics.url", link=href(basics.url)))
        for i, profile in enumerate(basics.profiles):
            path = f"basics.profiles[{i}]"
            if profile.url:
                shown = short_url(profile.url)
                add(self.item(shown, f"{path}.url", link=href(profile.url)))
                continue
            network = self.text(profile.network, f"{path}.network")
            user = self.text(profile.username, f"{path}.username")
            joined = ": ".join(part for part in (network, user) if part)
            if joined:
                add(Item(f"{path}.username", joined))
        return out

    def _dates(self, entry: Any, path: str) -> Item | None:
        """The entry's date range in the one style the CV uses."""
        start = self.text(entry.start_date, f"{path}.startDate")
        end = self.text(entry.end_date, f"{path}.endDate")
        shown = dates.display_range(start or None, end or None, entry.current)
        return Item(f"{path}.startDate", shown) if shown else None

    def _date(self, raw: str | None, path: str) -> Item | None:
        """A single date in the same style as the ranges."""
        shown = dates.display_range(self.text(raw, path) or None, None, None)
        return Item(path, shown) if shown else None

    def _list(self, items: list[str], path: str) -> list[Item]:
        """Cleaned non-empty items of a list of strings."""
        return self._items(*((item, f"{path}[{i}]") for i, item in enumerate(items)))

    def _joined(self, items: list[str], path: str) -> Item | None:
        """A list of strings as one comma-separated line."""
        text = ", ".join(item.text for item in self._list(items, path))
        return Item(path, text) if text else None

    def _para(self, text: str | None, path: str) -> list[Item]:
        """A free-text field as a one-paragraph list, empty when blank."""
        cleaned = self.text(text, path, oneline=False)
        return [Item(path, cleaned)] if cleaned else []

    def _work(self) -> list[Entry]:
        """Jobs in the order given: position, company and place, dates, bullets."""
        hidden = hidden_jobs(self.cv, self.options, dates.today())
        out = []
        for i, job in enumerate(self.cv.work):
            path = f"work[{i}]"
            position = self.item(job.position, f"{path}.position", style="B")
            company = self.item(job.company, f"{path}.company")
            if not position and company:
                position, company = Item(company.path, company.text, style="B"), None
            bullets = (
                [] if i in hidden else self._list(job.highlights, f"{path}.highlights")
            )
            out.append(
                Entry(
                    title=position,
                    date=self._dates(job, path),
                    subtitle=[c for c in (company,) if c]
                    + self._items((job.location, f"{path}.location")),
                    lines=self._para(job.summary, f"{path}.summary"),
                    bullets=bullets,
                )
            )
        return out

    def _education(self) -> list[Entry]:
        """Degree and field, institution, dates, score, summary and highlights."""
        out = []
        for i, course in enumerate(self.cv.education):
            path = f"education[{i}]"
            degree = self.text(course.degree, f"{path}.degree")
            subject = self.text(course.field, f"{path}.field")
            title = ", ".join(part for part in (degree, subject) if part)
            lines = self._para(course.summary, f"{path}.summary")
            score = self.text(course.score, f"{path}.score")
            if score:
                lines.insert(0, Item(f"{path}.score", f"Grade: {score}"))
            out.append(
                Entry(
                    title=Item(f"{path}.degree", title, style="B") if title else None,
                    date=self._dates(course, path),
                    subtitle=self._items((course.institution, f"{path}.institution")),
                    lines=lines,
                    bullets=self._list(course.highlights, f"{path}.highlights"),
                )
            )
        return out

    def _languages(self) -> Item | None:
        """Languages with their fluency, comma-separated."""
        parts = []
        for i, item in enumerate(self.cv.languages):
            language = self.text(item.language, f"languages[{i}].language")
            fluency = self.text(item.fluency, f"languages[{i}].fluency")
            if language and fluency:
                parts.append(f"{language} ({fluency})")
            elif language or fluency:
                parts.append(language or fluency)
        return Item("languages", ", ".join(parts)) if parts else None

    def _link(self, url: str | None, path: str) -> list[Item]:
        """A web address as a clickable subtitle item, or nothing."""
        if not url:
            return []
        item = self.item(short_url(url), path, link=href(url))
        return [item] if item else []

    def _projects(self) -> list[Entry]:
        """Projects: name, role and link, description, highlights, keywords."""
        out = []
        for i, project in enumerate(self.cv.projects):
            path = f"projects[{i}]"
            lines = self._para(project.description, f"{path}.description")
            keywords = self._joined(project.keywords, f"{path}.keywords")
            if keywords:
                lines.append(Item(keywords.path, f"Keywords: {keywords.text}"))
            out.append(
                Entry(
                    title=self.item(project.name, f"{path}.name", style="B"),
                    date=self._dates(project, path),
                    subtitle=self._items((project.role, f"{path}.role"))
                    + self._link(project.url, f"{path}.url"),
                    lines=lines,
                    bullets=self._list(project.highlights, f"{path}.highlights"),
                )
            )
        return out

    def _certificates(self) -> list[Entry]:
        """Certificates: name (linked when it has a URL), issuer, date."""
        out = []
        for i, cert in enumerate(self.cv.certificates):
            path = f"certificates[{i}]"
            link = href(cert.url) if cert.url else ""
            out.append(
                Entry(
                    title=self.item(cert.name, f"{path}.name", style="B", link=link),
                    date=self._date(cert.date, f"{path}.date"),
                    subtitle=self._items((cert.issuer, f"{path}.issuer")),
                )
            )
        return out

    def _awards(self) -> list[Entry]:
        """Awards: title, awarder, date and a short summary."""
        out = []
        for i, award in enumerate(self.cv.awards):
            path = f"awards[{i}]"
            out.append(
                Entry(
                    title=self.item(award.title, f"{path}.title", style="B"),
                    date=self._date(award.date, f"{path}.date"),
                    subtitle=self._items((award.awarder, f"{path}.awarder")),
                    lines=self._para(award.summary, f"{path}.summary"),
                )
            )
        return out

    def _volunteer(self) -> list[Entry]:
        """Volunteer roles laid out like jobs."""
        out = []
        for i, role in enumerate(self.cv.volunteer):
            path = f"volunteer[{i}]"
            position = self.item(role.position, f"{path}.position", style="B")
            org = self.item(role.organization, f"{path}.organization")
            if not position and org:
                position, org = Item(org.path, org.text, style="B"), None
            out.append(
                Entry(
                    title=position,
                    date=self._dates(role, path),
                    subtitle=[o for o in (org,) if o]
                    + self._link(role.url, f"{path}.url"),
                    lines=self._para(role.summary, f"{path}.summary"),
                    bullets=self._list(role.highlights, f"{path}.highlights"),
                )
            )
        return out

    def _references(self) -> Section:
        """Referees only when the CV says "show"; "on-request" prints one line."""
        mode = self.cv.references_mode
        if mode == "on-request":
            text = Item("referencesMode", "Available on request.")
            return Section("References", text=text)
        if mode != "show":
            return Section("References")
        out = []
        for i, ref in enumerate(self.cv.references):
            path = f"references[{i}]"
            email = self.item(ref.email, f"{path}.email")
            if email:
                email.link = f"mailto:{email.text}"
            phone = self.item(ref.phone, f"{path}.phone")
            out.append(
                Entry(
                    title=self.item(ref.name, f"{path}.name", style="B"),
                    subtitle=self._items(
                        (ref.title, f"{path}.title"),
                        (ref.company, f"{path}.company"),
                        (ref.relationship, f"{path}.relationship"),
                    ),
                    lines=[x for x in (email, phone) if x],
                )
            )
        return Section("References", out)

    def _publications(self) -> list[Entry]:
        """Publications: title (linked), publisher, date and a summary."""
        out = []
        for i, work in enumerate(self.cv.publications):
            path = f"publications[{i}]"
            link = href(work.url) if work.url else ""
            out.append(
                Entry(
                    title=self.item(work.name, f"{path}.name", style="B", link=link),
                    date=self._date(work.release_date, f"{path}.releaseDate"),
                    subtitle=self._items((work.publisher, f"{path}.publisher")),
                    lines=self._para(work.summary, f"{path}.summary"),
                )
            )
        return out
