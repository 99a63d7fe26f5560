"""Small and colourless terminals, pastes, and the fetch hints after an export."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from freecv_tui import cv as cvmod
from freecv_tui.app import FreeCVApp
from freecv_tui.screens.contact import ContactScreen
from freecv_tui.screens.entries import EntryEditor
from tests.conftest import EXAMPLES, shared_file
from tests.ui.pilot_helpers import fill, next_step, type_text


def _visible(app: FreeCVApp, selector: str) -> bool:
    """Whether a widget is on screen, inside the region above the footer."""
    widget = app.screen.query_one(selector)
    footer = app.screen.query_one("Footer")
    region = widget.region
    return bool(region.height) and region.bottom <= footer.region.y


async def test_at_60x20_every_contact_field_can_be_reached_and_seen() -> None:
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert app.has_class("-hide-tips")
        for field in (
            "name",
            "label",
            "email",
            "phone",
            "location",
            "url",
            "linkedin",
            "github",
        ):
            assert app.focused is not None and app.focused.id == field
            assert _visible(app, f"#{field}"), field
            await pilot.press("tab")
            await pilot.pause()
        assert app.focused is not None and app.focused.id == "back"
        assert _visible(app, "#nav #next")
        await pilot.press("f2")
        await pilot.pause()
        assert not app.has_class("-hide-tips")


async def test_too_small_notice_and_recovery() -> None:
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await fill(pilot, "Ines Quarrie")
        await pilot.resize_terminal(36, 10)
        await pilot.pause()
        notice = app.screen.query_one("#too-small")
        assert notice.display and "too small" in str(notice.render())
        assert not app.screen.query_one("#step-body").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not app.screen.query_one("#too-small").display
        assert app.screen.query_one("#step-body").display
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.value("name") == "Ines Quarrie"


async def test_no_color_keeps_focus_and_choices_visible(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = FreeCVApp(start_cv=cvmod.load(shared_file(EXAMPLES / "typical.json")))
    app.session.role = "backend-developer"
    app.session.step = "skills"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.no_color
        skills = app.screen.query_one("#key-skills")
        prompts = [
            str(skills.get_option_at_index(i).prompt)
            for i in range(skills.option_count)
        ]
        chosen = [p for p in prompts if p.startswith("✓ ")]
        assert "✓ Go" in chosen and "✓ PostgreSQL" in chosen
        assert all(p.startswith("  ") for p in prompts if p not in chosen)
        await pilot.press("space")  # toggle the first key skill off
        await pilot.pause()
        assert not str(skills.get_option_at_index(0).prompt).startswith("✓")


async def test_multi_line_paste_into_a_job_title_is_joined_with_a_notice() -> None:
    app = FreeCVApp()
    app.cv.work.append(cvmod.Work.model_construct(company="Ferrow", position=""))
    app.session.step = "work"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        assert app.focused is not None and app.focused.id == "position"
        # As the terminal sends it: one bracketed paste, through the app.
        app.post_message(events.Paste("Senior\r\nData\nAnalyst\n"))
        await pilot.pause()
        assert app.cv.work[0].position == "Senior Data Analyst"
        assert isinstance(app.screen, EntryEditor)  # nothing was submitted
        assert any("joined" in n.message for n in app._notifications)


async def test_multi_line_paste_into_highlights_keeps_each_line_as_a_bullet() -> None:
    app = FreeCVApp()
    app.cv.work.append(cvmod.Work(company="Ferrow", position="Analyst"))
    app.session.step = "work"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#highlights").focus()
        await pilot.pause()
        app.post_message(
            events.Paste(
                "Shipped the billing API v2\r\nMentored 3 junior engineers\n"
                "Cut p95 latency by 38%\n"
            )
        )
        await pilot.pause()
        assert app.cv.work[0].highlights == [
            "Shipped the billing API v2",
            "Mentored 3 junior engineers",
            "Cut p95 latency by 38%",
        ]


async def test_export_over_ssh_shows_the_fetch_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.2 50000 10.0.0.1 22")
    app = FreeCVApp(start_cv=cvmod.load(shared_file(EXAMPLES / "typical.json")))
    app.session.step = "review"
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        result = str(app.screen.query_one("#export-result").render())
        assert "scp " in result and str(tmp_path / "cv.json") in result
        assert "freecv-tui export -o - > cv.pdf" in result
        await next_step(pilot)


async def test_copy_cv_json_to_the_clipboard() -> None:
    app = FreeCVApp(start_cv=cvmod.load(shared_file(EXAMPLES / "typical.json")))
    app.session.step = "review"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#copy-json").press()
        await pilot.pause()
        copied = cvmod.loads(app.clipboard)
        assert copied.basics.name == "Yara Haddad"


async def test_wide_characters_and_emoji_move_the_cursor_one_character() -> None:
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "山田🙂")
        name = app.screen.query_one("#name")
        assert name.value == "山田🙂"
        assert name.cursor_position == 3
        await pilot.press("left", "backspace")
        await pilot.pause()
        assert name.value == "山🙂"


async def test_a_dialog_is_laid_out_again_after_a_resize() -> None:
    app = FreeCVApp()
    app.cv.work.append(cvmod.Work(company="Ashgrove", position="Clerk"))
    app.session.step = "work"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        dialog = app.screen.query_one(".dialog")
        await pilot.resize_terminal(50, 16)
        await pilot.pause()
        region = dialog.region
        assert region.x >= 0 and region.right <= 50
        assert region.y >= 0 and region.bottom <= 16
        assert app.screen.query_one("#no").region.bottom <= 16
