"""Markdown, HTML and JSON Resume exports, checked as a reader or importer sees them."""

# The expected strings hold Arabic, Japanese and typographic characters on purpose.

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from freecv_tui import cv as cvmod
from freecv_tui.cv import CV
from freecv_tui.errors import CVFileError
from freecv_tui.export import service
from freecv_tui.export.html import render_html
from freecv_tui.export.jsonresume import (
    EXT,
    SCHEMA_URL,
    from_jsonresume,
    looks_like_jsonresume,
    to_jsonresume,
)
from freecv_tui.export.markdown import render_markdown
from freecv_tui.opening import open_cv
from tests.conftest import EXAMPLES, shared_file

CASES = ("04", "06", "07", "11", "17")
ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"))
BLOCKS = {"h1", "h2", "h3", "p", "li", "title"}
VOID = {"meta", "link", "br", "hr", "img", "input"}


class _Reader(HTMLParser):
    """Collects the visible text of each block element and checks tag nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, dict[str, str | None]]] = []
        self.stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.tags: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in VOID:
            return
        self.in_style = tag == "style"
        self.stack.append((tag, dict(attrs), []))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "br" and self.stack:
            self.stack[-1][2].append(" ")

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False
        open_tag, attrs, parts = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"
        if tag in BLOCKS:
            text = " ".join("".join(parts).split()).translate(ISOLATES)
            self.blocks.append((tag, text, attrs))
        if self.stack and tag not in BLOCKS:
            self.stack[-1][2].extend(parts)

    def handle_data(self, data: str) -> None:
        if self.stack and not self.in_style:
            self.stack[-1][2].append(data)


def read_html(page: str) -> _Reader:
    """Parse HTML, asserting every element is closed where it was opened."""
    reader = _Reader()
    reader.feed(page)
    reader.close()
    assert not reader.stack, f"unclosed: {[t for t, _, _ in reader.stack]}"
    return reader


def visible(markdown: str, preset: str = "commonmark") -> _Reader:
    """What a Markdown viewer shows for the text, one entry per block."""
    md = MarkdownIt(preset) if preset != "typographer" else _typographer()
    return read_html(md.render(markdown))


def _typographer() -> MarkdownIt:
    """A renderer with smart dashes on, as some viewers have."""
    return MarkdownIt("commonmark", {"typographer": True}).enable("replacements")


def texts(reader: _Reader, *tags: str) -> list[str]:
    """Block texts, optionally only of the given tags."""
    return [text for tag, text, _ in reader.blocks if not tags or tag in tags]


def assert_in_order(haystack: str, *needles: str) -> None:
    """Every needle appears, each after the previous one."""
    at = 0
    for needle in needles:
        found = haystack.find(needle, at)
        assert found >= 0, f"{needle!r} missing after position {at}"
        at = found + len(needle)


def load_case(case: Any, number: str) -> CV:
    """A shared case file as a CV."""
    return cvmod.load(case(number))


def typical() -> CV:
    """The shared typical example."""
    return cvmod.load(shared_file(EXAMPLES / "typical.json"))


def with_basics(cv: CV, **changes: Any) -> CV:
    """A copy with some basics replaced."""
    return cv.model_copy(update={"basics": cv.basics.model_copy(update=changes)})


def text_of(reader: _Reader) -> str:
    """All block texts joined, for reading-order checks."""
    return "\n".join(texts(reader))


# ---------------------------------------------------------------- Markdown


def test_markdown_reads_like_the_pdf() -> None:
    cv = typical()
    shuffled = cv.model_copy(update={"work": list(reversed(cv.work))})
    shown = text_of(visible(render_markdown(shuffled)))
    assert_in_order(
        shown,
        "Yara Haddad",
        "Senior Backend Engineer",
        "yara@example.com · Berlin, Germany · yarahaddad.dev · github.com/yarahaddad",
        "Summary",
        "Backend engineer with 6 years",
        "Experience",
        "Senior Backend Engineer",
        "Streamline · Berlin · Aug 2023 – Present",
        "Lead backend on the platform reliability team.",
        "Migrated the request-routing layer",
        "Backend Engineer",
        "Datacore · Munich · Sep 2020 – Jul 2023",
        "Built the multi-tenant query engine",
        "Junior Software Engineer",
        "Kifa Labs · Jun 2019 – Aug 2020",
        "Education",
        "BSc Computer Science, Software Systems",
        "TU Munich · 2016 – 2019",
        "Skills",
        "Go, Rust, TypeScript",
        "Languages",
        "German (Professional working)",
    )


def test_markdown_headings_and_links() -> None:
    page = MarkdownIt("commonmark").render(render_markdown(typical()))
    assert "<h1>Yara Haddad</h1>" in page
    assert page.count("<h2>") == 5 and page.count("<h3>") == 4
    assert '<a href="mailto:yara@example.com">yara@example.com</a>' in page
    assert '<a href="https://www.linkedin.com/in/yarahaddad">' in page


@pytest.mark.parametrize("preset", ["commonmark", "gfm-like", "typographer"])
def test_markdown_prints_special_characters_literally(case: Any, preset: str) -> None:
    """Case 11: $, #, *, _, <>, -- and friends are text, never markup."""
    cv = load_case(case, "11")
    reader = visible(render_markdown(cv), preset)
    job = cv.work[0]
    assert set(job.highlights) <= set(texts(reader, "li"))
    blocks = texts(reader)
    assert cv.basics.name in texts(reader, "h1")
    assert cv.basics.label in blocks
    assert cv.basics.summary in blocks
    assert job.summary in blocks
    assert ", ".join(cv.skills) in blocks
    assert {"strong", "code", "del", "s", "img", "h4", "blockquote"}.isdisjoint(
        reader.tags
    )
    # The only emphasis is the entry's detail line.
    assert reader.tags.count("em") == 1


HOSTILE = [
    "# not a heading",
    "## nor this ##",
    "- not a list",
    "+ nor this",
    "* nor this",
    "1. not ordered",
    "2) nor this",
    "> not a quote",
    "===",
    "---",
    "***",
    "[link](https://example.org) and ![img](x.png)",
    "[ref]: https://example.org",
    "&copy; &#169; &#xA9; stay as typed",
    "`code` and ``more``",
    "<b>bold</b> <script>alert(1)</script>",
    "a | b | c",
    "~~strike~~ and ~sub~ and ^sup^",
    "$x^2$ and $$y$$",
    "trailing backslash \\",
    "\\*already escaped\\*",
    "-- dashes --- and ... (c) +-",
    ": definition",
    "[^1] footnote",
    "{.class #id}",
    "http://example.org/_under_/*star*",
    "__init__ and **kwargs and 2*3*4",
    "C# ends with #",
]


def hostile_cv() -> CV:
    """A CV whose every field is made of Markdown syntax."""
    data = {
        "basics": {
            "name": "**Bold** _Name_ #1",
            "label": "<https://example.org/label>",
            "summary": "First line *a*\n# second line\n- third line\n\nNew `para`",
        },
        "work": [
            {
                "company": "[Acme](https://evil.example)",
                "position": "C# Dev ##",
                "startDate": "2020",
                "current": True,
                "highlights": HOSTILE,
            }
        ],
        "skills": ["C#", "F#", "__slots__", "a|b"],
        "meta": {"canonical": "urn:x", "lastModified": "2026-01-01"},
    }
    return cvmod.from_data(data)


@pytest.mark.parametrize("preset", ["commonmark", "gfm-like", "typographer"])
def test_markdown_never_turns_text_into_markup(preset: str) -> None:
    reader = visible(render_markdown(hostile_cv()), preset)
    assert texts(reader, "li") == HOSTILE
    assert texts(reader, "h1") == ["**Bold** _Name_ #1"]
    assert texts(reader, "h3") == ["C# Dev ##"]
    blocks = texts(reader)
    assert "<https://example.org/label>" in blocks
    assert "First line *a* # second line - third line" in blocks
    assert "New `para`" in blocks
    assert "[Acme](https://evil.example) · 2020 – Present" in blocks
    assert "C#, F#, __slots__, a|b" in blocks
    assert {"a", "script", "b", "code", "strong", "table", "h4"}.isdisjoint(reader.tags)


def test_markdown_keeps_line_breaks_of_a_paragraph() -> None:
    page = MarkdownIt("commonmark").render(render_markdown(hostile_cv()))
    assert "First line *a*<br />\n# second line<br />\n- third line</p>" in page


def test_markdown_rtl_keeps_logical_order(case: Any) -> None:
    """Case 04: Arabic blocks sit in dir=rtl divs, their text as typed."""
    cv = load_case(case, "04")
    markdown = render_markdown(cv)
    assert markdown.startswith(f'<div dir="rtl">\n\n# {cv.basics.name}\n')
    summary = cv.basics.summary or ""
    assert summary and summary in markdown
    page = MarkdownIt("commonmark").render(markdown)
    assert f'<div dir="rtl">\n<h1>{cv.basics.name}</h1>' in page
    reader = visible(markdown)
    assert cv.basics.summary in texts(reader, "p")
    assert texts(reader, "li") == cv.work[0].highlights
    assert "Northwind Labs · عمّان · May 2016 – Present" in texts(reader, "p")
    # The Arabic place in a Latin contact line is isolated, not reordered.
    assert "\u2068عمّان، الأردن\u2069" in markdown


def test_markdown_long_tokens_and_cjk(case: Any) -> None:
    """Cases 06 and 07: long tokens and CJK paragraphs print whole."""
    long_cv = load_case(case, "06")
    markdown = render_markdown(long_cv)
    page = MarkdownIt("commonmark").render(markdown)
    assert f'href="{long_cv.basics.url}"' in page
    reader = visible(markdown)
    assert long_cv.work[0].highlights == texts(reader, "li")
    assert ", ".join(long_cv.skills) in texts(reader)
    cjk = load_case(case, "07")
    reader = visible(render_markdown(cjk))
    assert cjk.basics.summary in texts(reader)
    assert texts(reader, "h1") == ["山田 花子"]


def test_markdown_empty_sections_print_nothing(case: Any) -> None:
    """Case 17: name and contact only; no empty heading, no None."""
    cv = load_case(case, "17")
    markdown = render_markdown(cv)
    assert "None" not in markdown and "undefined" not in markdown
    assert "##" not in markdown
    assert markdown.count("\n\n\n") == 0
    reader = visible(markdown)
    assert texts(reader) == [
        "Lior Ben-Ami",
        "Junior Developer",
        "lior.ba@example.org · +1 555 0117 · Haifa · example.org/lba",
    ]
    blank = cvmod.from_data({"basics": {"name": ""}}, draft=True)
    assert render_markdown(blank) == "\n"


def test_markdown_other_sections(tmp_path: Path) -> None:
    data = json.loads(json.dumps(FULL_CV))
    data["x-customSections"] = [
        {"name": "Talks", "items": [{"name": "Quiet pagers", "date": "2024"}]},
        {"name": "Broken", "items": "not a list"},
    ]
    shown = text_of(visible(render_markdown(cvmod.from_data(data))))
    assert_in_order(
        shown,
        "Projects",
        "pagerquiet",
        "Author, Maintainer · github.com/tw/pagerquiet · Jan 2022 – Jun 2023",
        "Keywords: Go, Prometheus",
        "Certificates",
        "CKA",
        "Awards",
        "On-call Hero",
        "Volunteering",
        "Mentor",
        "Publications",
        "Quiet Pagers",
        "Interests",
        "Cycling, Chess",
        "Talks",
        "Quiet pagers",
        "References",
        "Ewa Nowak",
        "Team lead · Lumen Rail · Former manager",
    )
    assert "Broken" not in shown and "None" not in shown


# ---------------------------------------------------------------- HTML


def test_html_page_head() -> None:
    cv = typical()
    cv = cv.model_copy(update={"i18n": cvmod.I18n(primary="en-GB")})
    page = render_html(cv)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n')
    assert '<meta charset="utf-8">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in (
        page
    )
    assert '<meta name="generator" content="freecv-tui">' in page
    assert "<title>Yara Haddad - CV</title>" in page
    assert '<link rel="alternate" type="application/json" href="cv.json">' in page
    assert "@media print" in page and "@page" in page
    assert "max-width" in page and "system-ui" in page
    # Self-contained: nothing to fetch.
    assert not re.search(r"<script|src=|@import|url\(|stylesheet", page)
    reader = read_html(page)
    assert texts(reader, "title") == ["Yara Haddad - CV"]


def test_html_content_in_reading_order() -> None:
    reader = read_html(render_html(typical()))
    assert_in_order(
        text_of(reader),
        "Yara Haddad",
        "Senior Backend Engineer",
        "yara@example.com · Berlin, Germany",
        "Summary",
        "Experience",
        "Streamline · Berlin · Aug 2023 – Present",
        "Education",
        "Skills",
        "Languages",
    )
    classes = {attrs.get("class") for _, _, attrs in reader.blocks}
    assert {"headline", "contact", "meta"} <= classes
    page = render_html(typical())
    assert "<html>" in page  # no i18n.primary, so no lang is claimed


def test_html_escapes_a_hostile_name() -> None:
    cv = with_basics(typical(), name="<script>alert('x')</script> & Co")
    page = render_html(cv)
    assert "<script" not in page
    assert "<title>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; & Co - CV" in (
        page.replace("&amp;", "&")
    )
    reader = read_html(page)
    assert texts(reader, "h1") == ["<script>alert('x')</script> & Co"]
    assert texts(reader, "title") == ["<script>alert('x')</script> & Co - CV"]


def test_html_never_turns_text_into_markup() -> None:
    page = render_html(hostile_cv())
    reader = read_html(page)
    assert texts(reader, "li") == HOSTILE
    assert {"script", "b", "code", "strong", "table", "img"}.isdisjoint(reader.tags)
    hrefs = re.findall(r'href="([^"]*)"', page)
    assert hrefs == ["cv.json"]


def test_html_rtl_blocks(case: Any) -> None:
    """Case 04: RTL blocks carry dir=rtl; LTR runs inside stay intact."""
    cv = load_case(case, "04")
    cv = cv.model_copy(update={"i18n": cvmod.I18n(primary="ar")})
    page = render_html(cv)
    assert '<html lang="ar">' in page
    assert f'<h1 dir="rtl">{cv.basics.name}</h1>' in page
    assert f'<p dir="rtl">{cv.basics.summary}</p>' in page
    assert '<ul dir="rtl">' in page
    assert "Northwind Labs" in page


@pytest.mark.parametrize("number", CASES)
def test_html_cases_are_complete_and_well_formed(case: Any, number: str) -> None:
    cv = load_case(case, number)
    page = render_html(cv)
    reader = read_html(page)
    assert "None" not in page and "undefined" not in page
    assert texts(reader, "h1") == [cv.basics.name]
    assert f"<title>{cv.basics.name.replace(chr(39), '&#x27;')} - CV</title>" in page
    for job in cv.work:
        assert set(job.highlights) <= set(texts(reader, "li"))
    if number == "17":
        assert "<section>" not in page
    if number == "06":
        assert "overflow-wrap: anywhere" in page
        # The profile repeats the website, so the link is shown once, whole.
        assert page.count(f'href="{cv.basics.url}"') == 1


def test_new_exports_do_not_import_textual() -> None:
    """The export modules belong to the headless core."""
    modules = "freecv_tui.export.markdown, freecv_tui.export.html"
    code = (
        f"import sys, {modules}, freecv_tui.export.jsonresume; "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# ---------------------------------------------------------------- service


def test_service_formats_and_targets(tmp_path: Path) -> None:
    cv = service.ready(typical())
    assert service.FORMATS == ("pdf", "json", "md", "html", "jsonresume")
    assert service.DEFAULT_FORMATS == ("pdf", "json")
    paths = service.targets(cv, tmp_path, ["md", "html", "jsonresume", "json"])
    assert {k: p.name for k, p in paths.items()} == {
        "md": "Yara-Haddad-CV.md",
        "html": "Yara-Haddad-CV.html",
        "jsonresume": "resume.json",
        "json": "cv.json",
    }
    md = service.render(cv, "md")
    assert md.format == "md" and md.data.decode("utf-8").startswith("# Yara Haddad")
    page = service.render(cv, "html").data.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    resume = service.render(cv, "jsonresume")
    assert json.loads(resume.data)["basics"]["name"] == "Yara Haddad"
    with pytest.raises(Exception, match="unknown format"):
        service.render(cv, "docx")


def test_service_writes_the_chosen_formats(tmp_path: Path) -> None:
    written, _ = service.export_to_folder(
        typical(), tmp_path, ["json", "md", "html", "jsonresume"]
    )
    assert sorted(p.name for p in written) == [
        "Yara-Haddad-CV.html",
        "Yara-Haddad-CV.md",
        "cv.json",
        "resume.json",
    ]
    data = json.loads((tmp_path / "resume.json").read_text(encoding="utf-8"))
    assert data["work"][0]["name"] == "Streamline"


# ---------------------------------------------------------------- JSON Resume


# An invented person; every field JSON Resume v1.0.0 defines is used.
RESUME: dict[str, Any] = {
    "$schema": SCHEMA_URL,
    "basics": {
        "name": "Tomasz Wielgus",
        "label": "Site Reliability Engineer",
        "image": "https://example.net/tw.jpg",
        "email": "tomasz@example.net",
        "phone": "+48 555 010 203",
        "url": "https://tomasz.example.net",
        "summary": "SRE who makes pagers quiet.",
        "location": {
            "address": "ul. Przykładowa 7",
            "postalCode": "30-001",
            "city": "Kraków",
            "countryCode": "PL",
            "region": "Małopolska",
        },
        "profiles": [
            {
                "network": "GitHub",
                "username": "twielgus",
                "url": "https://github.com/twielgus",
            },
            {
                "network": "Mastodon",
                "username": "tw@example.social",
                "url": "https://example.social/@tw",
            },
        ],
    },
    "work": [
        {
            "name": "Lumen Rail",
            "location": "Kraków",
            "description": "Rail ticketing platform",
            "position": "Senior SRE",
            "url": "https://lumenrail.example",
            "startDate": "2021-03",
            "summary": "Runs the booking platform.",
            "highlights": ["Cut paging by 60% in a year", "Moved 40 services"],
        },
        {
            "name": "Wisła Data",
            "position": "Ops Engineer",
            "startDate": "2017-09-01",
            "endDate": "2021-02-28",
            "highlights": ["Built the backup system"],
        },
    ],
    "volunteer": [
        {
            "organization": "Code Club Kraków",
            "position": "Mentor",
            "url": "https://codeclub.example",
            "startDate": "2019",
            "endDate": "2022",
            "summary": "Taught Python to teenagers.",
            "highlights": ["Ran 30 sessions"],
        }
    ],
    "education": [
        {
            "institution": "AGH University",
            "url": "https://agh.example",
            "area": "Computer Science",
            "studyType": "MSc",
            "startDate": "2012",
            "endDate": "2017",
            "score": "4.5/5",
            "courses": ["Distributed Systems", "Operating Systems"],
        }
    ],
    "awards": [
        {
            "title": "On-call Hero",
            "date": "2023-11",
            "awarder": "Lumen Rail",
            "summary": "Quietest pager.",
        }
    ],
    "certificates": [
        {
            "name": "CKA",
            "date": "2022-05",
            "issuer": "CNCF",
            "url": "https://certs.example/cka",
        }
    ],
    "publications": [
        {
            "name": "Quiet Pagers",
            "publisher": "Ops Weekly",
            "releaseDate": "2024-02-10",
            "url": "https://opsweekly.example/quiet",
            "summary": "Alert hygiene in practice.",
        }
    ],
    "skills": [
        {"name": "Kubernetes", "level": "Master", "keywords": ["Helm", "Operators"]},
        {"name": "Go", "level": "Advanced"},
        {"name": "Observability", "keywords": ["Prometheus", "Grafana", "Helm"]},
    ],
    "languages": [
        {"language": "Polish", "fluency": "Native speaker"},
        {"language": "English", "fluency": "Fluent"},
    ],
    "interests": [
        {"name": "Cycling", "keywords": ["gravel", "bikepacking"]},
        {"name": "Chess"},
    ],
    "references": [
        {"name": "Ewa Nowak", "reference": "Tomasz fixed what others paged about."}
    ],
    "projects": [
        {
            "name": "pagerquiet",
            "description": "Alert deduplication tool",
            "highlights": ["Used by 12 teams"],
            "keywords": ["Go", "Prometheus"],
            "startDate": "2022-01",
            "endDate": "2023-06",
            "url": "https://github.com/twielgus/pagerquiet",
            "roles": ["Author", "Maintainer"],
            "entity": "Lumen Rail",
            "type": "application",
        }
    ],
    "meta": {
        "canonical": "https://tomasz.example.net/resume.json",
        "version": "v1.0.0",
        "lastModified": "2025-05-01T10:00:00",
    },
}

# An invented cv.json using every section that has a JSON Resume counterpart.
FULL_CV: dict[str, Any] = {
    "$schema": cvmod.SCHEMA_URL,
    "basics": {
        "name": "Tomasz Wielgus",
        "label": "SRE",
        "email": "tomasz@example.net",
        "phone": "+48 555 010 203",
        "image": "https://example.net/tw.jpg",
        "summary": "SRE who makes pagers quiet.",
        "location": "Kraków, Poland",
        "url": "https://tomasz.example.net",
        "profiles": [
            {"network": "GitHub", "username": "tw", "url": "https://github.com/tw"}
        ],
    },
    "work": [
        {
            "company": "Lumen Rail",
            "position": "Senior SRE",
            "location": "Kraków",
            "startDate": "2021-03",
            "current": True,
            "summary": "Runs the booking platform.",
            "highlights": ["Cut paging by 60%"],
        },
        {
            "company": "Wisła Data",
            "position": "Ops Engineer",
            "startDate": "2017-09",
            "endDate": "2021-02",
            "current": False,
        },
    ],
    "education": [
        {
            "institution": "AGH University",
            "degree": "MSc",
            "field": "Computer Science",
            "startDate": "2012",
            "endDate": "2017",
            "score": "4.5/5",
            "highlights": ["Distributed Systems"],
        }
    ],
    "skills": ["Kubernetes", "Go", "Prometheus"],
    "languages": [{"language": "Polish", "fluency": "Native"}],
    "projects": [
        {
            "name": "pagerquiet",
            "description": "Alert deduplication tool",
            "role": "Author, Maintainer",
            "url": "https://github.com/tw/pagerquiet",
            "startDate": "2022-01",
            "endDate": "2023-06",
            "keywords": ["Go", "Prometheus"],
            "highlights": ["Used by 12 teams"],
        }
    ],
    "certificates": [
        {"name": "CKA", "issuer": "CNCF", "date": "2022-05", "url": "https://c.example"}
    ],
    "publications": [
        {
            "name": "Quiet Pagers",
            "publisher": "Ops Weekly",
            "releaseDate": "2024-02",
            "url": "https://opsweekly.example/quiet",
            "summary": "Alert hygiene.",
        }
    ],
    "awards": [
        {"title": "On-call Hero", "date": "2023", "awarder": "Lumen", "summary": "Q."}
    ],
    "interests": ["Cycling", "Chess"],
    "volunteer": [
        {
            "organization": "Code Club",
            "position": "Mentor",
            "url": "https://codeclub.example",
            "startDate": "2019",
            "endDate": "2022",
            "summary": "Taught Python.",
            "highlights": ["Ran 30 sessions"],
        }
    ],
    "references": [
        {
            "name": "Ewa Nowak",
            "title": "Team lead",
            "company": "Lumen Rail",
            "relationship": "Former manager",
            "email": "ewa@example.net",
        }
    ],
    "referencesMode": "show",
    "meta": {
        "version": "1.2.1",
        "canonical": "https://tomasz.example.net",
        "lastModified": "2026-01-01",
    },
}


def comparable(data: dict[str, Any]) -> dict[str, Any]:
    """cv.json data without meta and x-jsonresume; current false means absent."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if k != EXT and not (k == "current" and v is False)
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    out: dict[str, Any] = strip(data)
    out.pop("meta", None)
    return out


def test_jsonresume_round_trip_keeps_every_field() -> None:
    cv, _ = from_jsonresume(RESUME)
    back, _ = to_jsonresume(cv)
    assert back == RESUME
    # The same holds once the CV is validated, stamped and saved to disk.
    saved = cvmod.loads(cvmod.dumps(cv))
    again, _ = to_jsonresume(saved)
    assert {k: v for k, v in again.items() if k != "meta"} == {
        k: v for k, v in RESUME.items() if k != "meta"
    }


def test_jsonresume_import_maps_fields(schema_validator: Any) -> None:
    cv, notes = from_jsonresume(RESUME)
    assert cvmod.problems(cv) == []
    data = cvmod.to_dict(cvmod.stamp(cv))
    assert list(schema_validator.iter_errors(data)) == []
    assert data["basics"]["location"] == "Kraków, Małopolska, PL"
    assert data["basics"][EXT]["location"]["postalCode"] == "30-001"
    lumen, wisla = data["work"]
    assert (lumen["company"], lumen["position"], lumen["current"]) == (
        "Lumen Rail",
        "Senior SRE",
        True,
    )
    assert "endDate" not in lumen and "current" not in wisla
    assert lumen[EXT] == {
        "description": "Rail ticketing platform",
        "url": "https://lumenrail.example",
    }
    school = data["education"][0]
    assert (school["degree"], school["field"]) == ("MSc", "Computer Science")
    assert school["highlights"] == ["Distributed Systems", "Operating Systems"]
    assert data["skills"] == [
        "Kubernetes",
        "Helm",
        "Operators",
        "Go",
        "Observability",
        "Prometheus",
        "Grafana",
    ]
    assert data["interests"] == ["Cycling", "Chess"]
    assert data["projects"][0]["role"] == "Author, Maintainer"
    assert data["referencesMode"] == "show"
    assert data["references"][0]["name"] == "Ewa Nowak"
    assert data["volunteer"][0]["url"] == "https://codeclub.example"
    assert data["publications"][0]["releaseDate"] == "2024-02-10"
    joined = "\n".join(notes)
    for expected in (
        "basics.location: address, postalCode",
        "work[0]: description, url have no cv.json field",
        'skills[0] (Kubernetes): level "Master"',
        'skills[1] (Go): level "Advanced"',
        "interests[0] (Cycling): keywords",
        "references[0]: reference has no cv.json field",
        'projects[0]: roles joined into role "Author, Maintainer"',
        "projects[0]: entity, type have no cv.json field",
    ):
        assert expected in joined
    assert "work[1]" not in joined


def test_jsonresume_export_reuses_kept_data_after_edits() -> None:
    cv, _ = from_jsonresume(RESUME)
    cv.skills = [s for s in cv.skills if s != "Helm"] + ["Rust"]
    cv.interests = ["Chess", "Baking"]
    cv.projects[0].role = "Author"
    out, _ = to_jsonresume(cv)
    assert out["skills"] == [
        {"name": "Kubernetes", "level": "Master", "keywords": ["Operators"]},
        {"name": "Go", "level": "Advanced"},
        {"name": "Observability", "keywords": ["Prometheus", "Grafana"]},
        {"name": "Rust"},
    ]
    assert out["interests"] == [{"name": "Chess"}, {"name": "Baking"}]
    assert out["projects"][0]["roles"] == ["Author"]
    assert out["projects"][0]["entity"] == "Lumen Rail"
    cv.basics.location = "Gdańsk, Poland"
    stamped = cvmod.stamp(cv)
    out, _ = to_jsonresume(stamped)
    assert out["basics"]["location"] == {"city": "Gdańsk", "region": "Poland"}
    # An edited CV says when it changed; the rest of JSON Resume's meta stays.
    assert out["meta"] == {**RESUME["meta"], "lastModified": stamped.meta.last_modified}


@pytest.mark.parametrize("source", ["full", "typical", *(f"case-{n}" for n in CASES)])
def test_cvjson_round_trip_keeps_every_mappable_field(
    case: Any, source: str, schema_validator: Any
) -> None:
    if source == "full":
        cv = cvmod.from_data(FULL_CV)
    elif source == "typical":
        cv = typical()
    else:
        cv = load_case(case, source.removeprefix("case-"))
    resume, notes = to_jsonresume(cv)
    assert json.loads(json.dumps(resume, ensure_ascii=False)) == resume
    assert looks_like_jsonresume(resume)
    back, _ = from_jsonresume(resume)
    expected = comparable(cvmod.to_dict(cv))
    got = comparable(cvmod.to_dict(back))
    if source == "full":
        # JSON Resume has one free-text reference; the details come back in it.
        ref = expected["references"][0]
        expected["references"][0] = {"name": ref["name"]}
        assert notes == [
            "references[0]: title, company and contact details have no JSON "
            "Resume field; written into reference"
        ]
    assert got == expected
    stamped = cvmod.to_dict(cvmod.stamp(back))
    assert list(schema_validator.iter_errors(stamped)) == []


def test_jsonresume_export_shape() -> None:
    out, _ = to_jsonresume(cvmod.from_data(FULL_CV))
    assert out["$schema"] == SCHEMA_URL
    assert out["basics"]["location"] == {"city": "Kraków", "region": "Poland"}
    lumen, wisla = out["work"]
    assert lumen["name"] == "Lumen Rail" and "endDate" not in lumen
    assert "current" not in lumen and wisla["endDate"] == "2021-02"
    assert out["education"][0] == {
        "institution": "AGH University",
        "area": "Computer Science",
        "studyType": "MSc",
        "startDate": "2012",
        "endDate": "2017",
        "score": "4.5/5",
        "courses": ["Distributed Systems"],
    }
    assert out["skills"] == [
        {"name": "Kubernetes"},
        {"name": "Go"},
        {"name": "Prometheus"},
    ]
    assert out["interests"] == [{"name": "Cycling"}, {"name": "Chess"}]
    assert out["projects"][0]["roles"] == ["Author, Maintainer"]
    assert out["references"] == [
        {
            "name": "Ewa Nowak",
            "reference": "Former manager · Team lead, Lumen Rail · ewa@example.net",
        }
    ]
    assert out["meta"] == {"lastModified": "2026-01-01"}


def test_jsonresume_export_notes_what_cannot_map() -> None:
    data = copy.deepcopy(FULL_CV)
    data["availability"] = {"status": "open", "workType": ["remote"]}
    data["ats"] = {"keywords": ["SRE"]}
    data["i18n"] = {"primary": "pl"}
    data["verification"] = {"email": True}
    data["x-customSections"] = [{"name": "Talks", "items": [{"name": "A talk"}]}]
    data["education"][0]["summary"] = "Thesis on consensus."
    data["work"][1].pop("current")
    data["work"][1].pop("endDate")
    data["referencesMode"] = "hide"
    out, notes = to_jsonresume(cvmod.from_data(data, draft=True))
    joined = "\n".join(notes)
    for expected in (
        "availability: JSON Resume has no field for it; left out",
        "ats: JSON Resume has no field for it; left out",
        "i18n: JSON Resume has no field for it; left out",
        "verification: JSON Resume has no field for it; left out",
        "x-customSections: not part of JSON Resume; left out",
        "education[0]: summary has no JSON Resume field; left out",
        "work[1]: no end date and not marked current",
        'references: referencesMode is "hide"',
    ):
        assert expected in joined
    assert "references" not in out


def test_jsonresume_import_of_a_sparse_file() -> None:
    resume = {
        "basics": {"name": "Ola", "location": {"city": "Oslo"}, "profiles": [{}]},
        "work": [{"name": "Fjord", "endDate": "Present", "startDate": "2020"}],
        "education": [{"institution": "UiO", "url": ""}],
        "skills": [{"name": "Go"}],
        "hobbies": ["sailing"],
    }
    cv, notes = from_jsonresume(resume)
    assert cv.basics.location == "Oslo"
    assert cv.work[0].current is True and cv.work[0].end_date is None
    assert cv.skills == ["Go"]
    joined = "\n".join(notes)
    assert "work[0]: no position; fill in position before exporting" in joined
    assert "education[0]: no studyType; fill in degree before exporting" in joined
    assert "basics.profiles[0]: no url" in joined
    assert "hobbies: not a cv.json section; kept in x-jsonresume.hobbies" in joined
    paths = {p.path for p in cvmod.problems(cv)}
    assert {"work[0].position", "education[0].degree"} <= paths
    back, _ = to_jsonresume(cv)
    assert back["work"] == resume["work"]
    assert back["education"] == resume["education"]
    assert back["hobbies"] == ["sailing"]
    assert back["basics"]["location"] == {"city": "Oslo"}
    assert back["basics"]["profiles"] == [{}]


def test_jsonresume_import_rejects_what_is_not_an_object() -> None:
    with pytest.raises(CVFileError, match="one JSON object"):
        from_jsonresume(["not", "a", "resume"])
    with pytest.raises(CVFileError) as caught:
        from_jsonresume({"basics": {"name": "X"}, "work": [{"name": 5}]})
    assert caught.value.problems[0].path.startswith("work[0]")


@pytest.mark.parametrize("number", CASES)
def test_detection_sees_cvjson_cases(case: Any, number: str) -> None:
    data = json.loads(case(number).read_text(encoding="utf-8"))
    assert not looks_like_jsonresume(data)


def test_detection() -> None:
    typical_data = json.loads(shared_file(EXAMPLES / "typical.json").read_bytes())
    assert not looks_like_jsonresume(typical_data)
    assert not looks_like_jsonresume(FULL_CV)
    assert looks_like_jsonresume(RESUME)
    no_schema = {k: v for k, v in RESUME.items() if k != "$schema"}
    assert looks_like_jsonresume(no_schema)
    assert looks_like_jsonresume({"basics": {"name": "A", "location": {"city": "B"}}})
    assert looks_like_jsonresume({"basics": {"name": "A"}, "work": [{"name": "C"}]})
    assert looks_like_jsonresume({"basics": {"name": "A"}, "skills": [{"name": "Go"}]})
    assert not looks_like_jsonresume(cvmod.to_dict(cvmod.from_data(FULL_CV)))
    assert not looks_like_jsonresume({"$schema": cvmod.SCHEMA_URL, "basics": {}})
    assert not looks_like_jsonresume([])
    assert not looks_like_jsonresume({})
    # The start of either format is read as our own, not announced as converted.
    assert not looks_like_jsonresume({"basics": {"name": "Only Name"}})


def test_open_cv_detects_the_format(tmp_path: Path, case: Any) -> None:
    resume = tmp_path / "resume.json"
    text = json.dumps(RESUME, ensure_ascii=False)
    resume.write_bytes(("\ufeff" + text).encode("utf-8"))
    cv, notes, kind = open_cv(resume)
    assert kind == "jsonresume" and cv.basics.name == "Tomasz Wielgus" and notes
    cv, notes, kind = open_cv(case("11"))
    assert kind == "cv.json" and notes == [] and cv.skills[0] == "C#"
    broken = tmp_path / "broken.json"
    broken.write_text('{"basics": {', encoding="utf-8")
    with pytest.raises(CVFileError, match="line 1, column"):
        open_cv(broken)
    with pytest.raises(CVFileError, match="cannot be read"):
        open_cv(tmp_path / "missing.json")


def test_unsafe_link_schemes_are_not_linked() -> None:
    cv = cvmod.from_data(
        {
            "basics": {
                "name": "Eve",
                "url": "javascript://x/%0Aalert(1)",
                "profiles": [{"network": "X", "url": "data:text/html,<b>x</b>"}],
            },
            "certificates": [{"name": "Cert", "url": "vbscript://x"}],
        },
        draft=True,
    )
    page = render_html(cv)
    assert re.findall(r'href="([^"]*)"', page) == ["cv.json"]
    markdown = render_markdown(cv)
    assert "](" not in markdown
    assert "Cert" in texts(visible(markdown), "h3")
