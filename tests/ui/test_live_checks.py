"""Live notes beside the field, the review score and jumping to a finding."""

from __future__ import annotations

from pathlib import Path

import pytest

from freecv_tui import cv as cvmod
from freecv_tui.app import FreeCVApp
from freecv_tui.screens.entries import EntryEditor
from freecv_tui.screens.summary import SummaryScreen
from tests.ui.pilot_helpers import type_text

SIZE = (80, 24)


def note(app: FreeCVApp) -> str:
    """The text of the live note in the tips panel."""
    return str(app.screen.query_one("#field-note").render())


async def test_a_finding_appears_and_goes_while_typing_a_bullet() -> None:
    app = FreeCVApp()
    app.session.role = "backend-developer"
    app.cv.work.append(cvmod.Work(company="Ferrow", position="Dev", current=True))
    app.session.step = "work"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # open the job
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        app.screen.query_one("#highlights").focus()
        await pilot.pause()
        await type_text(pilot, "Responsible for backend")
        assert "responsible for" in note(app)
        assert "no number" in note(app)
        await pilot.press("ctrl+a", "ctrl+k")  # to the line start, cut to its end
        await type_text(
            pilot, "Cut p99 latency from 340 ms to 95 ms for 2 million daily users"
        )
        assert "responsible for" not in note(app)
        assert "holds a number" in note(app)
        assert app.cv.work[0].highlights == [
            "Cut p99 latency from 340 ms to 95 ms for 2 million daily users"
        ]


async def test_summary_note_follows_the_text() -> None:
    app = FreeCVApp()
    app.session.role = "accountant"
    app.session.step = "summary"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        await type_text(pilot, "Accountant.")
        assert "1 sentence" in note(app)
        await type_text(
            pilot, " 6 years in audit. Closed books in 5 days, down from 9."
        )
        assert "3 sentences" in note(app)
        assert "add one result" not in note(app)


async def test_review_lists_findings_and_enter_jumps_to_the_field() -> None:
    weak = cvmod.CV(
        basics=cvmod.Basics(name="Ines Quarrie", email="ines@example.org"),
        work=[
            cvmod.Work(
                company="Ferrow",
                position="Analyst",
                start_date="2021-01",
                current=True,
                highlights=["Responsible for reports"],
            )
        ],
    )
    app = FreeCVApp(start_cv=weak)
    app.session.step = "review"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        score = str(app.screen.query_one("#review-score").render())
        assert "Score" in score and "/100" in score
        findings = app.screen.query_one("#findings")
        labels = [
            str(findings.get_option_at_index(i).prompt)
            for i in range(findings.option_count)
        ]
        target = next(i for i, t in enumerate(labels) if "Ferrow, bullet 1" in t)
        findings.focus()
        findings.highlighted = target
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert app.focused is not None and app.focused.id == "highlights"


async def test_review_offers_a_page_less_and_exports_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypdf import PdfReader

    from freecv_tui.export.pdf import measure_fit
    from freecv_tui.roles import load_catalog

    monkeypatch.chdir(tmp_path)
    role = load_catalog().get("backend-developer")
    assert role is not None
    base = cvmod.from_data(role.example)
    # Older jobs are added until the classic template just runs onto page 3.
    jobs = list(base.work)
    long_cv = base
    while measure_fit(long_cv).pages < 3:
        jobs.append(base.work[len(jobs) % len(base.work)].model_copy(deep=True))
        long_cv = base.model_copy(update={"work": jobs})
    assert measure_fit(long_cv, template="compact").pages == 2
    app = FreeCVApp(start_cv=long_cv)
    app.session.role = "backend-developer"
    app.session.step = "review"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        fit = str(app.screen.query_one("#fit").render())
        assert fit.startswith("PDF: 3 pages")
        await pilot.press("f6")  # the compact template
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(app.screen.query_one("#fit").render()).startswith("PDF: 2 pages")
        app.screen.query_one("#export").press()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
    pdfs = list(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 1
    assert len(PdfReader(pdfs[0]).pages) == 2


async def test_the_look_chosen_at_review_is_kept_for_the_next_start() -> None:
    from textual.widgets import Select

    from freecv_tui import store
    from freecv_tui.roles import load_catalog

    role = load_catalog().get("accountant")
    assert role is not None
    app = FreeCVApp(start_cv=cvmod.from_data(role.example))
    app.session.step = "review"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#template", Select).value = "modern"
        app.screen.query_one("#paper", Select).value = "Letter"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+q")
    look = store.load_session()
    assert (look.template, look.paper) == ("modern", "Letter")
    again = FreeCVApp()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.screen.query_one("#template", Select).value == "modern"
        assert again.screen.query_one("#paper", Select).value == "Letter"


def test_skills_typed_with_commas_inside_brackets_stay_whole() -> None:
    from freecv_tui.screens.skills import split_skills

    typed = "SQL (joins, CTEs, window functions), Python, Excel [pivot, VBA]"
    assert [" ".join(s.split()) for s in split_skills(typed)] == [
        "SQL (joins, CTEs, window functions)",
        "Python",
        "Excel [pivot, VBA]",
    ]
    assert split_skills("a, b") == ["a", " b"]
