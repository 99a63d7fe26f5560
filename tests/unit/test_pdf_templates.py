"""Templates, page fit, paper default, the embedded cv.json and the self-check."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from freecv_tui import cv as cvmod
from freecv_tui.cv import CV
from freecv_tui.errors import CVFileError
from freecv_tui.export.pdf import (
    TEMPLATES,
    FitOptions,
    default_paper,
    fit_suggestions,
    measure,
    measure_fit,
    read_embedded_cv,
    render_pdf,
    render_pdf_with_notes,
    verify,
)
from freecv_tui.export.pdf_check import extract_text

BULLETS = (
    "Moved {n} payment services to a new deployment pipeline, cutting release time",
    "Led {n} engineers to rebuild the search index, raising relevance by 18%",
    "Wrote the on-call handbook and cut pages per week from {n}0 to 12",
)


def long_cv(jobs: int = 9, bullets: int = 3) -> CV:
    """A stamped CV with many dated jobs, newest first (two to three pages)."""
    work = []
    for i in range(jobs):
        year = 2026 - 2 * i
        job: dict[str, Any] = {
            "company": f"Company {chr(65 + i)}",
            "position": "Senior Engineer" if i < 3 else "Engineer",
            "location": "Berlin",
            "startDate": f"{year - 2}-03",
            "highlights": [BULLETS[k % 3].format(n=k + i) for k in range(bullets)],
        }
        if i == 0:
            job["current"] = True
        else:
            job["endDate"] = f"{year}-02"
        work.append(job)
    data = {
        "basics": {
            "name": "Ada Example",
            "label": "Platform Engineer",
            "email": "ada@example.org",
            "url": "https://example.org/ada",
            "summary": "Engineer who ships reliable platforms. " * 3,
        },
        "work": work,
        "education": [
            {
                "institution": "TU Munich",
                "degree": "BSc",
                "field": "Computer Science",
                "startDate": "2005",
                "endDate": "2008",
            }
        ],
        "skills": ["Go", "Rust", "SQL", "Kubernetes"],
    }
    return cvmod.stamp(cvmod.from_data(data))


@pytest.mark.parametrize("template", TEMPLATES)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_every_template_renders_and_reads_back_completely(
    template: str, paper: str
) -> None:
    cv = long_cv()
    data, notes = render_pdf_with_notes(cv, paper=paper, template=template)
    assert notes == []
    assert verify(data, cv) == []
    text = extract_text(data)
    assert "Ada Example" in text
    assert "Company I" in text


def test_templates_are_the_three_named_ones_and_unknown_is_refused() -> None:
    assert TEMPLATES == ("classic", "modern", "compact")
    with pytest.raises(ValueError, match="classic, modern, compact"):
        render_pdf(long_cv(1), template="fancy")


def test_compact_and_tight_spacing_use_less_room() -> None:
    cv = long_cv(12, 4)
    classic = measure_fit(cv, template="classic")
    tight = measure_fit(cv, template="classic", options=FitOptions(spacing="tight"))
    compact = measure_fit(cv, template="compact")
    assert classic.pages >= 2
    assert (tight.pages, tight.last_page_fill) < (classic.pages, classic.last_page_fill)
    assert (compact.pages, compact.last_page_fill) < (
        classic.pages,
        classic.last_page_fill,
    )
    assert 0.0 < compact.last_page_fill <= 1.0


def test_measure_keeps_its_old_shape() -> None:
    pages, lines = measure(long_cv(), paper="A4")
    assert isinstance(pages, int)
    assert isinstance(lines, int)
    assert pages >= 1
    assert lines > 0


def test_hiding_old_bullets_keeps_the_two_most_recent_jobs() -> None:
    cv = long_cv(6, 3)
    options = FitOptions(hide_bullets_after_years=3)
    data, _ = render_pdf_with_notes(cv, options=options)
    text = extract_text(data).replace("\n", " ")
    # Today is 2026-12-03: the current job and the one that ended in 2024 are
    # the two most recent and keep their bullets; older jobs lose them.
    assert BULLETS[0].format(n=0) in text
    assert BULLETS[0].format(n=1) in text
    for i in range(2, 6):
        assert BULLETS[0].format(n=i) not in text
        assert f"Company {chr(65 + i)}" in text
    assert verify(data, cv, options=options) == []
    hidden = measure_fit(cv, options=options)
    shown = measure_fit(cv)
    assert (hidden.pages, hidden.last_page_fill) < (shown.pages, shown.last_page_fill)


def test_fit_suggestions_each_save_room() -> None:
    cv = long_cv(12, 4)
    now = measure_fit(cv)
    found = fit_suggestions(cv)
    keys = [s.key for s in found]
    assert "compact" in keys
    assert "tight" in keys
    for suggestion in found:
        assert (suggestion.fit.pages, suggestion.fit.last_page_fill) < (
            now.pages,
            now.last_page_fill,
        )


@pytest.mark.parametrize(
    ("environ", "paper"),
    [
        ({"LANG": "en_US.UTF-8"}, "Letter"),
        ({"LANG": "fr_CA.UTF-8"}, "Letter"),
        ({"LANG": "en_GB.UTF-8"}, "A4"),
        ({"LANG": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "Letter"),
        ({"LC_ALL": "de_DE.UTF-8", "LC_PAPER": "en_US.UTF-8"}, "A4"),
        ({"LANG": "C.UTF-8"}, "A4"),
        ({"LANG": "en_US@euro"}, "Letter"),
        ({}, "A4"),
    ],
)
def test_default_paper_follows_the_locale(environ: dict[str, str], paper: str) -> None:
    assert default_paper(environ) == paper


def test_default_paper_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("LC_ALL", "LC_PAPER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_CA.UTF-8")
    assert default_paper() == "Letter"


def test_cv_round_trips_through_the_embedded_attachment() -> None:
    cv = long_cv(3)
    data = render_pdf(cv)
    names = list(PdfReader(io.BytesIO(data)).attachments)
    assert names == ["cv.json"]
    restored = read_embedded_cv(data)
    assert restored is not None
    assert cvmod.dumps(restored) == cvmod.dumps(cv)


def test_the_attachment_can_differ_from_the_printed_order() -> None:
    cv = long_cv(3)
    printed = cv.model_copy(update={"work": list(reversed(cv.work))})
    data, _ = render_pdf_with_notes(printed, attach=cv)
    restored = read_embedded_cv(data)
    assert restored is not None
    assert cvmod.dumps(restored) == cvmod.dumps(cv)


def test_a_pdf_without_attachment_gives_none_and_junk_is_refused() -> None:
    from fpdf import FPDF

    plain = FPDF()
    plain.add_page()
    assert read_embedded_cv(bytes(plain.output())) is None
    with pytest.raises(CVFileError, match="not a readable PDF"):
        read_embedded_cv(b"not a pdf at all")


def test_verify_names_the_field_that_is_missing() -> None:
    cv = long_cv(2)
    data = render_pdf(cv)
    changed = cv.model_copy(deep=True)
    changed.work[1].highlights.append("Invented a bullet that was never printed")
    changed.work[0].company = "Renamed Corp"
    problems = verify(data, changed)
    assert any(p.startswith("work[1].highlights[3]: ") for p in problems), problems
    assert any(p.startswith("work[0].company: ") for p in problems), problems
    assert all("missing" in p or "order" in p for p in problems)


def test_verify_reports_an_unreadable_file() -> None:
    assert verify(b"garbage", long_cv(1))


def test_a_wrapped_link_is_clickable_on_every_line() -> None:
    url = "https://example.org/p/" + "QmFzZTY0TG9va2luZ1Rva2Vu" * 12
    cv = cvmod.from_data({"basics": {"name": "Link Person", "url": url}})
    data = render_pdf(cv)
    page = PdfReader(io.BytesIO(data)).pages[0]
    rects = [
        annot.get_object()["/Rect"]
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/A", {}).get("/URI") == url
    ]
    # The address needs three lines; each line carries the whole target.
    assert len(rects) >= 3
    assert len({round(float(rect[1])) for rect in rects}) == len(rects)
    width = float(page.mediabox.width)
    assert all(float(rect[2]) <= width for rect in rects)
