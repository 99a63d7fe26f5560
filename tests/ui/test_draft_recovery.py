"""A broken draft or a failing disk never costs the user the file or new typing."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest

from freecv_tui import store
from freecv_tui.app import AUTOSAVE_DELAY, FreeCVApp
from freecv_tui.screens.contact import ContactScreen
from tests.ui.pilot_helpers import type_text

SIZE = (80, 24)

A_DRAFT = {
    "basics": {
        "name": "Zoë Łukasiewicz-Øster",
        "label": "Backend Developer",
        "email": "zoe@example.org",
        "summary": "Backend developer with 7 years in Python and Go. " * 4,
    },
    "work": [
        {
            "position": "Backend Developer",
            "company": "Quillon Payments",
            "startDate": "2020-03",
            "highlights": ["Migrated 40 payment services to Kubernetes"] * 3,
        }
    ],
}

BROKEN_DRAFTS = {
    "truncated": json.dumps(A_DRAFT, ensure_ascii=False, indent=2).encode()[:500],
    "not UTF-8": b'{"basics": {"name": "Zo\xeb"}}',
    "not an object": b'["Zo\xc3\xab"]\n',
    "wrong shape": b'{"basics": "Zo\xc3\xab", "work": {"company": 3}}\n',
}


def _write_draft(data: bytes) -> Path:
    path = store.draft_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


async def _wait_for_autosave(pilot: object) -> None:
    """Let the typing debounce run out and the write happen."""
    await pilot.pause(AUTOSAVE_DELAY + 0.3)  # type: ignore[attr-defined]


def _on_disk() -> dict[str, object]:
    return json.loads(store.draft_path().read_text(encoding="utf-8"))


def _titled(app: FreeCVApp, word: str) -> list[str]:
    return [n.message for n in app._notifications if word in n.title]


@pytest.mark.parametrize("kind", list(BROKEN_DRAFTS))
async def test_a_broken_draft_is_moved_aside_and_new_typing_is_saved(
    kind: str,
) -> None:
    broken = BROKEN_DRAFTS[kind]
    _write_draft(broken)
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        backups = list(store.backups_dir().iterdir())
        assert len(backups) == 1
        backup = backups[0]
        assert backup.read_bytes() == broken
        notices = _titled(app, "Could not read the saved draft")
        assert len(notices) == 1
        assert str(backup) in notices[0]
        assert f"freecv-tui edit {backup}" in notices[0]

        assert isinstance(app.screen, ContactScreen)
        await type_text(pilot, "Ada Byron")
        await _wait_for_autosave(pilot)
        assert _on_disk()["basics"] == {"name": "Ada Byron"}  # type: ignore[comparison-overlap]
        await type_text(pilot, " King")
        await pilot.press("ctrl+q")
        assert app.return_code == 0
    assert _on_disk()["basics"] == {"name": "Ada Byron King"}  # type: ignore[comparison-overlap]
    assert backup.read_bytes() == broken
    assert list(store.backups_dir().iterdir()) == [backup]


async def test_a_half_typed_draft_still_opens_as_it_is() -> None:
    half = {"basics": {"name": "Zoë", "email": "zoe@", "url": "zoe.example"}}
    _write_draft(json.dumps(half).encode())
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.cv.basics.name == "Zoë"
        assert app.cv.basics.email == "zoe@"
        assert not _titled(app, "Could not read")
    assert not store.backups_dir().exists()


@pytest.mark.parametrize(
    "session",
    [
        '{"step": "contact", "role": "backend-develo',
        '{"step": ["contact"], "role": {"id": 1}, "source": 7}',
        '["contact"]',
        "\xff not text",
    ],
)
async def test_a_broken_session_file_restores_the_draft_and_is_rewritten(
    session: str,
) -> None:
    _write_draft(json.dumps({"basics": {"name": "Zoë"}}).encode())
    store.session_path().write_text(session, encoding="latin-1")
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.cv.basics.name == "Zoë"
        await pilot.press("ctrl+q")
        assert app.return_code == 0
    written = json.loads(store.session_path().read_text(encoding="utf-8"))
    assert written == asdict(store.Session())


def _block_the_draft() -> None:
    """Make the next draft write fail for real: a folder stands in the way."""
    path = store.draft_path()
    path.unlink(missing_ok=True)
    (path / "in-the-way").mkdir(parents=True)


async def test_a_failing_autosave_warns_once_and_quit_asks_first() -> None:
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        _block_the_draft()
        for word in ("Ada", " Byron", " King"):
            await type_text(pilot, word)
            await _wait_for_autosave(pilot)
        failures = _titled(app, "Draft not saved")
        assert len(failures) == 1
        assert str(store.draft_path()) in failures[0]

        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None
        warnings = _titled(app, "Quit without saving?")
        assert len(warnings) == 1
        assert "ctrl+q again" in warnings[0]

        await pilot.press("ctrl+q")
        assert app.return_code == 0


async def test_autosave_recovers_once_the_disk_does() -> None:
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        _block_the_draft()
        await type_text(pilot, "Ada")
        await _wait_for_autosave(pilot)
        assert len(_titled(app, "Draft not saved")) == 1
        shutil.rmtree(store.draft_path())
        await type_text(pilot, " Byron")
        await _wait_for_autosave(pilot)
        assert _on_disk()["basics"] == {"name": "Ada Byron"}  # type: ignore[comparison-overlap]
        assert _titled(app, "Draft saved")
        await pilot.press("ctrl+q")
        assert app.return_code == 0


async def test_a_broken_draft_that_cannot_be_moved_is_never_overwritten() -> None:
    broken = BROKEN_DRAFTS["truncated"]
    draft = _write_draft(broken)
    store.backups_dir().write_text("a file where the backups folder goes")
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notices = _titled(app, "Could not read the saved draft")
        assert len(notices) == 1
        assert "nothing you type is saved" in notices[0]
        await type_text(pilot, "Ada")
        await _wait_for_autosave(pilot)
        assert draft.read_bytes() == broken
        assert not _titled(app, "Draft not saved")  # the notice said it already
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None
        assert _titled(app, "Quit without saving?")
        await pilot.press("ctrl+q")
        assert app.return_code == 0
    assert draft.read_bytes() == broken
