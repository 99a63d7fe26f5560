"""The PDF export: text, order, fonts, links and metadata as a reader sees them."""

# The expected strings hold Cyrillic letters, dashes and curly quotes on purpose.

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from freecv_tui import cv as cvmod
from freecv_tui.cv import CV
from freecv_tui.export.pdf import pdf_filename, render_pdf, render_pdf_with_notes

SHARED = Path(__file__).parents[3] / "shared"
CASES = SHARED / "cases"
TYPICAL = SHARED / "cv-json" / "examples" / "typical.json"


def _load(path: Path) -> CV:
    """Load a shared input, skipping the test when the shared folder is absent."""
    if not path.is_file():
        pytest.skip(f"shared input {path} is not present in this checkout")
    return cvmod.load(path)


def _case(stem: str) -> CV:
    """A CV from ../shared/cases by the start of its file name."""
    found = sorted(CASES.glob(f"{stem}*.json")) if CASES.is_dir() else []
    if not found:
        pytest.skip(f"case {stem} is not present in {CASES}")
    return _load(found[0])


class Rendered:
    """A rendered PDF opened with pypdf, with its text and the export notes."""

    def __init__(self, data: bytes, notes: list[str]) -> None:
        self.data = data
        self.notes = notes
        self.reader = PdfReader(io.BytesIO(data))
        self.text = "\n".join(page.extract_text() for page in self.reader.pages)

    @property
    def flat(self) -> str:
        """The text with all whitespace removed, for content that wraps anywhere."""
        return "".join(self.text.split())

    def uris(self) -> list[str]:
        """Every link target of every page, in page order."""
        out = []
        for page in self.reader.pages:
            for annot in page.get("/Annots", []):
                action = annot.get_object().get("/A", {})
                if "/URI" in action:
                    out.append(str(action["/URI"]))
        return out


def _render(cv: CV, **kwargs: Any) -> Rendered:
    """Render with notes and open the result."""
    data, notes = render_pdf_with_notes(cv, **kwargs)
    return Rendered(data, notes)


@cache
def _rendered_case(stem: str) -> Rendered:
    """Each shared case is rendered once per test run; rendering costs ~0.2 s."""
    return _render(_case(stem))


def _assert_in_order(text: str, parts: list[str]) -> None:
    """Each part occurs in the text, after the one before it."""
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found != -1, f"{part!r} missing after offset {position}:\n{text}"
        assert found > position
        position = found


def _cv(*, draft: bool = False, **data: Any) -> CV:
    """A CV from keyword sections; basics default to a plain name."""
    data.setdefault("basics", {"name": "Test Person"})
    return cvmod.from_data(data, draft=draft)


def test_cyrillic_name_and_bold_text_come_out_in_reading_order() -> None:
    out = _rendered_case("case-01")
    _assert_in_order(
        out.text,
        [
            "Мирослава Дорохина",
            "Ведущий инженер данных",
            "m.dorokhina@example.org",
            "Строю конвейеры данных",
            "EXPERIENCE",
            "Старший инженер данных",
            "Mar 2019 – Nov 2023",
            "ООО «Северный ветер»",
            "Хранилище данных",
            "• Сократила ночную загрузку на 40 %",
            "• Внедрила проверки качества данных",
            "EDUCATION",
            "Магистр, Прикладная математика",
            "Sep 2013 – Jun 2015",
            "Новосибирский государственный университет",
            "SKILLS",
            "SQL, Python, Apache Airflow",
        ],
    )
    assert out.notes == []


def test_bold_is_an_embedded_noto_sans_not_a_core_font() -> None:
    resources = _rendered_case("case-01").reader.pages[0]["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    fonts = resources["/Font"].get_object()
    assert isinstance(fonts, DictionaryObject)
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    assert any(name.endswith("NotoSansBold") for name in names), names
    assert not any("Helvetica" in name for name in names), names


def test_typographic_punctuation_prints_as_typed() -> None:
    out = _rendered_case("case-02")
    for piece in (
        "Site Reliability Engineer — Platform",
        "“boring”",
        "boring…",
        # The case types no-break spaces here; they print, and hold, as typed.
        "≥\u00a03× faster deploys → fewer 2\u00a0a.m.",
        "99.95\u00a0%",
        "Acme™ Cloud Ltd",
        "(2019–2024)",
        "Migrated 1,200 services – in two waves – to Kubernetes",
        "€180\u00a0k/yr",
        "team’s ‘golden path’ guide",
        "post\u2011mortems",
    ):
        assert piece in out.text.replace("\n", " "), piece
    assert out.notes == []


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_long_unbroken_tokens_wrap_and_links_stay_whole(paper: str) -> None:
    cv = _case("case-06")
    out = _render(cv, paper=paper)
    profile_url = cv.basics.profiles[0].url
    for token in (
        "org.example.platform.observability.tracing."
        "ExportPipelineConfigurationFactoryBeanPostProcessorImplementation",
        "AWS::CloudFormation::StackSetConstraintsAndOrganizationalUnitsConfiguration",
        str(cv.basics.email),
        profile_url.removeprefix("https://"),
    ):
        assert token in out.flat, token
    assert f"mailto:{cv.basics.email}" in out.uris()
    assert profile_url in out.uris()


def test_a_token_far_wider_than_the_page_still_renders() -> None:
    # One letter per field, none of them in a heading, so runs cannot merge.
    name, label, summary, company, position, bullet, skill = (
        letter * 2000 for letter in "qzjwvky"
    )
    cv = _cv(
        basics={"name": name, "label": label, "summary": summary},
        work=[{"company": company, "position": position, "highlights": [bullet]}],
        skills=[skill],
    )
    # The page footers ("3 / 5") fall between the lines of the long name.
    flat = re.sub(r"[\d/·]", "", _render(cv).flat)
    for token in (name, label, summary, company, position, bullet, skill):
        assert token in flat
        assert token + token[0] not in flat


def test_markup_characters_print_literally() -> None:
    out = _rendered_case("case-11")
    _assert_in_order(
        out.text,
        [
            "Ana María O'Connor-Ruiz",
            "R&D Engineer | C# / C++",
            "{braces}, \\backslashes\\, ~tildes~ and #hashtags",
            "Team’s *internal* tools (not emphasis: 2*3*4).",
            "Grew ARR from $1.2M to $4.5M (+275%)",
            "Cut p99 latency to <100ms & kept >99.9% uptime",
            "Reduced build time -- from 12 min to 3 min -- via caching",
            "Maintained __init__ hooks and **kwargs handling",
            "see <https://example.org/t/42>",
            "C#, C++, F#, .NET, Node.js, __slots__",
        ],
    )


def test_empty_sections_print_no_headings_and_no_none() -> None:
    out = _rendered_case("case-17")
    _assert_in_order(
        out.text, ["Lior Ben-Ami", "Junior Developer", "lior.ba@example.org", "Haifa"]
    )
    for word in ("Summary", "Experience", "Education", "Skills", "None", "null"):
        assert word.upper() not in out.text.upper()
    assert len(out.reader.pages) == 1


def test_filename_of_case_19_keeps_the_letters() -> None:
    cv = _case("case-19")
    assert pdf_filename(cv) == "Ørjan-Æbelø-Núñez-CV.pdf"
    assert "Tromsø" in _rendered_case("case-19").text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "etc-passwd-CV.pdf"),
        (".hidden: name", "hidden-name-CV.pdf"),
        ('C:\\Users\\"Bob"\x00\n', "C-Users-Bob-CV.pdf"),
        ("Ana María O'Connor", "Ana-María-OConnor-CV.pdf"),
        ("Jose\u0301", "José-CV.pdf"),
        ("", "cv.pdf"),
        ("😀 / ...", "cv.pdf"),
    ],
)
def test_filename_is_safe(name: str, expected: str) -> None:
    cv = cvmod.from_data({"basics": {"name": name}}, draft=True)
    assert pdf_filename(cv) == expected


def test_filename_of_a_very_long_name_stays_short() -> None:
    cv = _cv(basics={"name": " ".join(["Maximiliana"] * 20)})
    name = pdf_filename(cv)
    assert len(name) <= 80
    assert name.endswith("-CV.pdf")
    assert name.startswith("Maximiliana-Maximiliana")
    assert "--" not in name


def test_rtl_and_cjk_cases_render() -> None:
    cjk = _rendered_case("case-07")
    summary = str(_case("case-07").basics.summary)
    for piece in ("山田花子", "リードエンジニア", "株式会社サンプル決済", summary):
        assert piece in cjk.flat, piece
    assert "Apr 2018 – Present" in cjk.text
    rtl = _rendered_case("case-04")
    assert "Northwind Labs" in rtl.text
    assert "salma.najjar@example.org" in rtl.text
    # Arabic has its own font now: nothing is dropped.
    assert rtl.notes == []


def test_metadata_is_set() -> None:
    meta = _rendered_case("case-01").reader.metadata
    assert meta is not None
    assert meta.title == "Мирослава Дорохина - CV"
    assert meta.author == "Мирослава Дорохина"
    assert meta.subject == "Ведущий инженер данных"
    assert meta.get("/Keywords") == "SQL, Python, Apache Airflow"
    assert meta.creator == "freecv-tui"
    assert meta.creation_date == dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def test_metadata_fallbacks_and_title_override() -> None:
    out = _render(_cv(), title="Application - Acme")
    meta = out.reader.metadata
    assert meta is not None
    assert meta.title == "Application - Acme"
    assert meta.subject == "Curriculum vitae"
    assert meta.creation_date is not None


def test_contact_links_are_clickable() -> None:
    out = _rendered_case("case-02")
    assert "mailto:dana.whitlock@example.org" in out.uris()
    assert "https://example.org/dw" in out.uris()
    # The website is shown without its scheme.
    assert "example.org/dw" in out.text
    assert "https://example.org/dw" not in out.text


@pytest.mark.parametrize(
    ("paper", "size"),
    [("A4", (595.28, 841.89)), ("a4", (595.28, 841.89)), ("LETTER", (612, 792))],
)
def test_paper_size(paper: str, size: tuple[float, float]) -> None:
    box = PdfReader(io.BytesIO(render_pdf(_cv(), paper=paper))).pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_unknown_paper_size_is_refused() -> None:
    with pytest.raises(ValueError, match="A4"):
        render_pdf(_cv(), paper="A3")


def test_emoji_prints_from_the_emoji_font() -> None:
    cv = _cv(work=[{"company": "Acme", "position": "Dev", "highlights": ["Won 🏆"]}])
    out = _render(cv)
    assert "• Won 🏆" in out.text
    assert out.notes == []


def test_a_glyph_no_font_has_is_left_out_with_a_note_naming_the_field() -> None:
    cv = _cv(
        work=[
            {
                "company": "Acme",
                "position": "Engineer",
                "highlights": ["Shipped it", "Won the hackathon \U00013000 twice"],
            }
        ]
    )
    out = _render(cv)
    assert "• Won the hackathon twice" in out.text
    assert "\U00013000" not in out.text
    assert out.notes == [
        "work[0].highlights[1]: 1 character (\U00013000) has no font and was left out"
    ]


def test_text_is_nfc_and_line_ends_are_unified() -> None:
    basics = {"name": "Jose\u0301 Nu\u0301n\u0303ez", "summary": "One\r\nTwo\rThree"}
    cv = _cv(basics=basics)
    out = _render(cv)
    assert "José Núñez" in out.text
    _assert_in_order(out.text, ["One\n", "Two\n", "Three"])
    assert "\r" not in out.text


def test_typical_cv_keeps_section_and_work_order() -> None:
    out = _render(_load(TYPICAL))
    _assert_in_order(
        out.text,
        [
            "Yara Haddad",
            "Senior Backend Engineer",
            "yara@example.com",
            "github.com/yarahaddad",
            "SUMMARY",
            "EXPERIENCE",
            "Senior Backend Engineer",
            "Aug 2023 – Present",
            "Streamline",
            "• Migrated the request-routing layer",
            "Backend Engineer",
            "Sep 2020 – Jul 2023",
            "Datacore",
            "Junior Software Engineer",
            "Kifa Labs",
            "EDUCATION",
            "BSc Computer Science, Software Systems",
            "TU Munich",
            "SKILLS",
            "Go, Rust, TypeScript",
            "LANGUAGES",
            "German (Professional working)",
        ],
    )
    assert "https://www.linkedin.com/in/yarahaddad" in out.uris()


def test_optional_sections_print_in_order() -> None:
    cv = _cv(
        languages=[{"language": "French", "fluency": "Fluent"}],
        projects=[{"name": "Pathfinder", "url": "https://example.org/pf"}],
        certificates=[{"name": "CKA", "issuer": "CNCF", "date": "2021-05"}],
        awards=[{"title": "Best Paper", "awarder": "ACM", "date": "2019"}],
        volunteer=[
            {"organization": "Food Bank", "position": "Driver", "current": True},
            # A draft entry with only bullets still prints them.
            {"organization": "", "highlights": ["Taught children to code"]},
        ],
        draft=True,
        publications=[{"name": "On Queues", "publisher": "ACM Queue"}],
        interests=["Chess", "Climbing"],
    )
    out = _render(cv)
    _assert_in_order(
        out.text,
        [
            "LANGUAGES",
            "French (Fluent)",
            "PROJECTS",
            "Pathfinder",
            "example.org/pf",
            "CERTIFICATES",
            "CKA",
            "May 2021",
            "CNCF",
            "AWARDS",
            "Best Paper",
            "2019",
            "VOLUNTEERING",
            "Driver",
            "Present",
            "Food Bank",
            "• Taught children to code",
            "PUBLICATIONS",
            "On Queues",
            "INTERESTS",
            "Chess, Climbing",
        ],
    )
    assert "None" not in out.text
    assert "https://example.org/pf" in out.uris()


def test_two_page_cv_has_two_pages() -> None:
    bullet = (
        "Led the move of {n} payment services to a new deployment pipeline, "
        "cutting release time by a third"
    )
    cv = _cv(
        basics={"name": "Two Pager", "summary": "Engineer. " * 30},
        work=[
            {
                "company": f"Company {i}",
                "position": "Engineer",
                "startDate": f"20{10 + i}-01",
                "endDate": f"20{11 + i}-01",
                "highlights": [bullet.format(n=n) for n in range(6)],
            }
            for i in range(6)
        ],
        skills=["Go", "Rust", "SQL"],
    )
    assert len(_render(cv).reader.pages) == 2


@pytest.mark.parametrize("template", ["classic", "modern", "compact"])
def test_an_entry_head_that_wraps_is_never_split_across_pages(template: str) -> None:
    # Long publication titles wrap to two lines; wherever the page break falls,
    # a title and its publisher must land on the same page.
    publications = [
        {
            "name": f"Paper {n}: conformational coupling in a sodium-dependent "
            "amino acid transporter resolved by cryo-EM",
            "publisher": f"Journal {n} of Membrane Transport",
            "releaseDate": f"{1980 + n}-03",
        }
        for n in range(40)
    ]
    split = []
    for extra in range(0, 15, 3):
        cv = cvmod.from_data(
            {
                "basics": {"name": "Ana Ruiz", "summary": "Builds things. " * extra},
                "publications": publications,
            }
        )
        reader = PdfReader(io.BytesIO(render_pdf(cv, template=template)))
        pages = [" ".join(page.extract_text().split()) for page in reader.pages]
        assert len(pages) >= 2
        for n in range(40):
            title_page = next(i for i, p in enumerate(pages) if f"Paper {n}:" in p)
            if f"Journal {n} of" not in pages[title_page]:
                split.append((extra, n))
    assert split == []


@pytest.mark.parametrize("name", ["Ana Ruiz", "Maria " * 40])
def test_text_running_across_pages_is_not_reported_missing(name: str) -> None:
    # The page footer ("name · 1 / 3") sits between the two halves of a
    # paragraph that runs onto the next page; the self-check must see past it.
    from freecv_tui.export.pdf import verify

    sentence = "Ran the payroll for 240 staff across 3 sites without a late payment. "
    cv = cvmod.from_data(
        {
            "basics": {"name": name.strip(), "summary": sentence * 120},
            "skills": [f"Skill number {n}" for n in range(60)],
        }
    )
    data = render_pdf(cv)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 2
    assert verify(data, cv) == []


@pytest.mark.parametrize("mode", ["show", "on-request", "hide", None])
def test_references_print_as_references_mode_says(mode: str | None) -> None:
    from freecv_tui.export.pdf import verify

    data: dict[str, Any] = {
        "basics": {"name": "Ana Ruiz"},
        "references": [
            {
                "name": "Priya Raman",
                "title": "Head of Finance",
                "company": "Calder Brook Foods",
                "relationship": "Former manager",
                "email": "priya.raman@example.com",
            }
        ],
    }
    if mode:
        data["referencesMode"] = mode
    cv = cvmod.from_data(data)
    pdf = render_pdf(cv)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert ("Priya Raman" in text) == (mode == "show")
    assert ("priya.raman@example.com" in text) == (mode == "show")
    assert ("Available on request." in text) == (mode == "on-request")
    assert ("REFERENCES" in text) == (mode in ("show", "on-request"))
    assert verify(pdf, cv) == []
