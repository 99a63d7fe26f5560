"""Interview practice at 80x24: a whole session by keys, the file, coming back."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from textual.widgets import Markdown, Static, TextArea

from freecv_tui import cv as cvmod
from freecv_tui import prep, prep_progress
from freecv_tui.app import FreeCVApp
from freecv_tui.screens import prep as prepscreen
from freecv_tui.screens.prep import KindList, PrepScreen, notify_due
from tests.ui.pilot_helpers import type_text

SIZE = (80, 24)
NOW = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
ROLE = "backend-developer"


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[dt.datetime]:
    """Pin prep.now; tests move it by replacing the list's one item."""
    moment = [NOW]
    monkeypatch.setattr(prep, "now", lambda: moment[0])
    return moment


def shown(app: FreeCVApp, selector: str) -> str:
    """The plain text a Static shows, tables included."""
    content = app.screen.query_one(selector, Static).content
    if isinstance(content, str | Text):
        return str(content)
    console = Console(width=SIZE[0], record=True, file=io.StringIO())
    console.print(content)
    return console.export_text()


async def open_prep(app: FreeCVApp, pilot: object, role: str | None = ROLE) -> None:
    """Push the prep screen over the wizard and let it settle."""
    app.push_screen(PrepScreen(role))
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, PrepScreen)


async def test_session_end_to_end_then_reopen_shows_what_is_due(
    clock: list[dt.datetime], private_home: Path
) -> None:
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_prep(app, pilot)
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        assert "0 due now" in shown(app, "#setup-status")
        assert "36 new" in shown(app, "#setup-status")
        await pilot.press("s")
        await pilot.pause()
        assert screen.phase == "front"
        first = screen.card
        assert first is not None and first.source == "role"
        assert shown(app, "#card-question") == first.question
        assert app.focused is screen.query_one("#card-answer")
        assert not screen.query_one("#card-model").display

        await type_text(pilot, "Um, I would store an idempotency key per payment.")
        await pilot.press("ctrl+t")
        assert shown(app, "#card-hints") == f"Hint 1/3: {first.hints[0]}"
        await pilot.press("ctrl+t")
        assert first.hints[1] in shown(app, "#card-hints")
        assert first.hints[2] not in shown(app, "#card-hints")

        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.phase == "back"
        model = screen.query_one("#card-model", Markdown)
        assert model.display and model.source == first.answer
        feedback = shown(app, "#card-feedback")
        assert "9 words" in feedback and '"um" x1' in feedback
        notes = screen.query_one("#card-notes", TextArea)
        assert notes.text.startswith("Um, I would store")
        rate_bar = screen.query_one("#rate-bar")
        assert rate_bar.region.bottom <= SIZE[1] - 1  # above the footer
        assert "Good 2 days" in shown(app, "#rate-bar")

        await pilot.press("g")
        await pilot.pause()
        second = screen.card
        assert second is not None and second != first
        await pilot.press("ctrl+r")
        await pilot.press("a")
        await pilot.pause()
        assert screen.session is not None and screen.session.total == 11
        await pilot.press("escape")
        await pilot.pause()
        assert screen.phase == "summary"
        summary = shown(app, "#summary-text")
        assert "2 answers" in summary and "Good 1" in summary and "Again 1" in summary
        assert "streak 1 day" in summary

    path = private_home / "prep.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    good = saved["cards"][first.id]
    assert good["rating"] == "good" and good["state"] == "review"
    expected = prep.intervals(prep.Record(), NOW)
    assert good["due"] == NOW + expected["good"]
    assert good["note"] == "Um, I would store an idempotency key per payment."
    again = saved["cards"][second.id]
    assert again["state"] == "learning"
    assert again["due"] == NOW + dt.timedelta(minutes=10)
    assert "note" not in again
    assert saved["days"] == [dt.date(2026, 12, 3)]

    clock[0] = NOW + dt.timedelta(days=3)
    reopened = FreeCVApp()
    reopened.session.role = ROLE
    async with reopened.run_test(size=SIZE) as pilot:
        notify_due(reopened)
        await pilot.pause()
        messages = [n.message for n in reopened._notifications]
        assert any(m.startswith("2 interview questions are due") for m in messages)
        await open_prep(reopened, pilot, role=None)
        assert "2 due now" in shown(reopened, "#setup-status")
        assert "Streak: 0 days" in shown(reopened, "#setup-status")
        await pilot.press("d")
        await pilot.pause()
        screen = reopened.screen
        assert isinstance(screen, PrepScreen)
        assert screen.session is not None
        assert [c.id for c in screen.session.queue] == [second.id, first.id]


async def test_cv_story_offers_the_saved_star_note(clock: list[dt.datetime]) -> None:
    bullet = "Cut month-end close from 9 days to 4 by automating 30 checks"
    cv = cvmod.CV(
        basics=cvmod.Basics(name="Ada Example"),
        work=[cvmod.Work(company="Quillon", position="Analyst", highlights=[bullet])],
    )
    story = prep.cv_cards(cv)[0]
    progress = prep_progress.load_progress()
    progress.set_note(story, "Situation: the close took 9 days")
    prep_progress.save_progress(progress)
    app = FreeCVApp(start_cv=cv)
    async with app.run_test(size=SIZE) as pilot:
        await open_prep(app, pilot, role=None)
        kinds = app.screen.query_one("#setup-kinds", KindList)
        kinds.deselect_all()
        kinds.select(prep.STORY)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        assert screen.card == story
        assert bullet in shown(app, "#card-prompt")
        assert "ctrl+o" in shown(app, "#card-peek")
        await pilot.press("ctrl+o")
        assert "the close took 9 days" in shown(app, "#card-peek")
        await pilot.press("ctrl+r")
        await pilot.pause()
        notes = screen.query_one("#card-notes", TextArea)
        assert notes.text == "Situation: the close took 9 days"
        assert str(screen.query_one("#model-label", Static).render()) == (
            "How to tell it"
        )
        await pilot.press("w")
        assert app.focused is notes
        await type_text(pilot, "Result: 4 days. ")
        await pilot.press("escape")  # out of the notes box, not out of the session
        assert screen.phase == "back"
        await pilot.press("e")
        await pilot.pause()
        assert screen.phase == "summary"
    kept = prep_progress.load_progress().note(story.id)
    assert kept == "Result: 4 days. Situation: the close took 9 days"


async def test_timer_ticks_once_a_second_and_stops_when_idle(
    clock: list[dt.datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    ticks = [1000.0]
    monkeypatch.setattr(prepscreen, "monotonic", lambda: ticks[0])
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_prep(app, pilot)
        screen = app.screen
        assert isinstance(screen, PrepScreen)
        assert screen._ticker is None
        await pilot.press("s")
        await pilot.pause()
        assert screen._ticker is not None
        assert screen._ticker._interval == 1.0
        card = screen.card
        assert card is not None
        ticks[0] += 75
        screen._tick()
        assert shown(app, "#prep-timer") == f"1:15 / {prepscreen.clock(card.target)}"
        ticks[0] += prepscreen.IDLE_FACTOR * card.target
        screen._tick()
        assert screen._ticker is None
        assert shown(app, "#prep-timer").startswith("paused")
        await type_text(pilot, "x")
        assert screen._ticker is not None
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen._ticker is None
        await pilot.press("escape")  # nothing rated: back to the choices
        await pilot.pause()
        assert screen.phase == "setup"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PrepScreen)


async def test_a_broken_progress_file_is_reported_and_kept(private_home: Path) -> None:
    private_home.mkdir(parents=True, exist_ok=True)
    (private_home / "prep.toml").write_text("cards = [", encoding="utf-8")
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await open_prep(app, pilot)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(str(private_home / "prep.toml") in m for m in messages)
    assert len(list(private_home.glob("prep.broken-*.toml"))) == 1
