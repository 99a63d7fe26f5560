"""The whole wizard at 80x24, driven by key presses, from nothing to two files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from rich.console import Console

from freecv_tui import cv as cvmod
from freecv_tui import store
from freecv_tui.app import FreeCVApp
from freecv_tui.screens.contact import ContactScreen
from freecv_tui.screens.entries import EntryEditor, WorkScreen
from freecv_tui.screens.review import ReviewScreen, preview
from freecv_tui.screens.role import RoleScreen
from tests.conftest import EXAMPLES, shared_file
from tests.ui.pilot_helpers import fill, next_step, type_text

SIZE = (80, 24)


def pdf_text(path: Path) -> str:
    """All text of a PDF in page order."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def assert_in_order(text: str, *parts: str) -> None:
    """Each part appears, and after the one before it."""
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} missing or out of order"
        position = found


async def test_empty_start_to_cv_json_and_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, schema_validator: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, RoleScreen)
        await type_text(pilot, "backend")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.role == "backend-developer"
        assert isinstance(app.screen, ContactScreen)

        await fill(
            pilot,
            "Zoë Łukasiewicz-Øster",
            "Backend Developer",
            "zoe@example.org",
            "+44 20 7946 0101",
            "Leeds, UK",
            "zoe.example.org",
            "https://www.linkedin.com/in/zoe-example",
        )
        await next_step(pilot)
        await type_text(
            pilot,
            "Backend developer with 7 years in Python and Go. "
            "Cut API latency by 45% for 2 million users.",
        )
        await next_step(pilot)
        assert isinstance(app.screen, WorkScreen)

        # The older job first, to check the PDF puts the newest first.
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditor)
        await fill(
            pilot,
            "Junior Developer",
            "Tarn Freight",
            "York, UK",
            "2017-09",
            "2020-02",
            "Shipment tracking team",
        )
        await pilot.press("tab")  # the "still here" checkbox
        await pilot.press("tab")
        await type_text(
            pilot,
            "Rebuilt the tracking API in Go, cutting p95 latency from 900 ms "
            "to 140 ms\nAutomated 12 nightly reports, saving the operations team "
            "6 hours every week",
        )
        await next_step(pilot)
        assert isinstance(app.screen, WorkScreen)

        await pilot.press("a")
        await pilot.pause()
        await fill(
            pilot,
            "Backend Developer",
            "Quillon Payments",
            "Leeds, UK",
            "2020-03",
            "Present",
        )
        assert app.cv.work[1].current is True
        await pilot.press("tab")
        await type_text(pilot, "Payments platform, 4 squads")
        await pilot.press("tab", "tab")
        await type_text(
            pilot,
            "Migrated 40 payment services to Kubernetes with zero downtime "
            "across 3 regions in 2023",
        )
        await next_step(pilot)
        # The new job is highlighted; move it above the old one.
        await pilot.press("shift+up")
        await pilot.pause()
        assert app.cv.work[0].company == "Quillon Payments"
        await next_step(pilot)

        await pilot.press("a")
        await pilot.pause()
        await fill(
            pilot, "BSc", "Computer Science", "Pennine University", "2014", "2017"
        )
        await next_step(pilot)
        await next_step(pilot)

        # Skills: toggle the first two key skills, then add two of our own.
        await pilot.press("space", "down", "space")
        await pilot.press("tab")
        await pilot.pause()
        await type_text(pilot, "Kafka, Terraform")
        await pilot.press("enter")
        await pilot.pause()
        assert app.cv.skills[-2:] == ["Kafka", "Terraform"]
        assert len(app.cv.skills) == 4
        await next_step(pilot)
        assert isinstance(app.screen, ReviewScreen)

        await pilot.press("ctrl+s")  # Export
        await app.workers.wait_for_complete()
        await pilot.pause()

    json_path = tmp_path / "cv.json"
    pdfs = list(tmp_path.glob("*.pdf"))
    assert json_path.exists() and len(pdfs) == 1

    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert list(schema_validator.iter_errors(data)) == []
    assert data["basics"]["url"] == "https://zoe.example.org"
    assert data["basics"]["profiles"][0]["network"] == "LinkedIn"
    assert [w["company"] for w in data["work"]] == ["Quillon Payments", "Tarn Freight"]
    assert "endDate" not in data["work"][0] and data["work"][0]["current"] is True
    assert len(data["work"][1]["highlights"]) == 2

    text = pdf_text(pdfs[0])
    assert_in_order(
        text,
        "Zoë Łukasiewicz-Øster",
        "Backend Developer",
        "zoe@example.org",
        "Cut API latency by 45%",
        "Mar 2020 – Present",
        "Quillon Payments",
        "Migrated 40 payment services",
        "Sep 2017 – Feb 2020",
        "Tarn Freight",
        "Rebuilt the tracking API",
        "Automated 12 nightly reports",
        "Pennine University",
        "Kafka",
    )


async def test_next_refuses_invalid_contact_and_says_why() -> None:
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "", "", "not-an-email")
        await next_step(pilot)
        assert isinstance(app.screen, ContactScreen)
        errors = [str(w.render()) for w in app.screen.query(".field--error")]
        assert any("required" in e for e in errors)
        assert any("@" in e for e in errors)


async def test_invalid_job_dates_block_done(tmp_path: Path) -> None:
    app = FreeCVApp()
    app.session.step = "work"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "Analyst", "Ferrow", "", "2023-02-30")
        await next_step(pilot)
        assert isinstance(app.screen, EntryEditor)
        error = app.screen.query_one("#field-start_date .field--error")
        assert "28 days" in str(error.render())


async def test_quit_and_restart_restores_the_draft_exactly() -> None:
    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await fill(pilot, "Mirela Dunst", "Staff Nurse")
        await pilot.press("ctrl+q")
    assert store.draft_path().exists()
    assert oct(store.draft_path().stat().st_mode & 0o777) == "0o600"

    again = FreeCVApp()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ContactScreen)
        assert again.screen.value("name") == "Mirela Dunst"
        assert again.screen.value("label") == "Staff Nurse"


async def test_edit_keeps_fields_the_wizard_does_not_touch(tmp_path: Path) -> None:
    original = json.loads(shared_file(EXAMPLES / "typical.json").read_text())
    original["x-customSections"] = [{"name": "Talks", "items": [{"name": "On queues"}]}]
    original["work"][0]["x-internal"] = "keep me"
    path = tmp_path / "cv.json"
    path.write_text(json.dumps(original))

    app = FreeCVApp(cv_path=path, start_cv=cvmod.load(path, draft=True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        await pilot.press("tab", "end")
        await type_text(pilot, " (Go)")
        await pilot.pause()
    written = cvmod.to_dict(app.cv)
    assert written["basics"]["label"] == "Senior Backend Engineer (Go)"
    for key in ("languages", "x-customSections", "education", "skills"):
        assert written[key] == original[key]
    assert written["work"][0]["x-internal"] == "keep me"
    assert written["basics"]["profiles"] == original["basics"]["profiles"]


async def test_start_from_the_roles_example_cv() -> None:
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "nurse")
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        role = app.catalog.get("registered-nurse")
        assert role is not None
        assert app.cv.basics.name == role.example["basics"]["name"]
        assert cvmod.problems(app.cv) == []


async def test_multi_line_paste_into_a_field_keeps_every_line() -> None:
    from textual import events

    app = FreeCVApp()
    app.session.step = "contact"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#label")
        field.focus()
        field.post_message(events.Paste("Backend Developer\r\nPython\nGo\n"))
        await pilot.pause()
        assert app.cv.basics.label == "Backend Developer Python Go"
        assert "\r" not in (app.cv.basics.label or "")


async def test_delete_a_job_asks_first() -> None:
    app = FreeCVApp()
    app.cv.work.append(cvmod.Work(company="Ashgrove", position="Clerk"))
    app.session.step = "work"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("enter")  # focus starts on Cancel
        await pilot.pause()
        assert len(app.cv.work) == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("shift+tab", "enter")
        await pilot.pause()
        assert app.cv.work == []


async def test_export_never_overwrites_without_asking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cv.json").write_text("precious")
    app = FreeCVApp(start_cv=cvmod.load(shared_file(EXAMPLES / "typical.json")))
    app.session.step = "review"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # Cancel has focus in the question
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert (tmp_path / "cv.json").read_text() == "precious"
    assert not list(tmp_path.glob("*.pdf"))


async def test_a_broken_user_role_is_reported_and_the_rest_load(
    private_home: Path,
) -> None:
    folder = private_home / "roles"
    folder.mkdir(parents=True)
    (folder / "my-role.toml").write_text('id = "my-role"\ntitel = "Typo"\n')
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("my-role.toml" in m and "titel" in m for m in messages)
        assert len(app.catalog) >= 60


async def test_an_impossible_date_is_flagged_on_leaving_the_field() -> None:
    app = FreeCVApp()
    app.session.step = "work"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await fill(pilot, "Analyst", "Ferrow", "", "2023-02-30")
        error = app.screen.query_one("#field-start_date .field--error")
        assert not error.display or "28 days" not in str(error.render())
        await pilot.press("tab")
        await pilot.pause()
        assert "28 days" in str(error.render())


async def test_a_second_window_on_the_same_draft_is_warned(private_home: Path) -> None:
    import os
    import subprocess
    import sys

    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        lock = private_home / "drafts" / "open.pid"
        lock.parent.mkdir(parents=True)
        lock.write_text(str(sleeper.pid))
        app = FreeCVApp()
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert any("open twice" in n.title for n in app._notifications)
        assert lock.read_text() == str(sleeper.pid) or not lock.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    lock.write_text(str(sleeper.pid))  # now dead: the lock is stale
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not any("open twice" in n.title for n in app._notifications)
        assert lock.read_text() == str(os.getpid())
    assert not lock.exists()


async def test_open_file_in_the_wizard_reads_a_json_resume(tmp_path: Path) -> None:
    resume = tmp_path / "resume.json"
    resume.write_text(
        json.dumps(
            {
                "basics": {"name": "Teodor Vask", "location": {"city": "Tartu"}},
                "work": [{"name": "Emajõe Data", "position": "Analyst"}],
            }
        )
    )
    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        await type_text(pilot, str(resume))
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ContactScreen)
        assert app.cv.basics.name == "Teodor Vask"
        assert app.cv.work[0].company == "Emajõe Data"


def test_review_preview_hangs_wrapped_bullets_and_dashes_ranges() -> None:
    long = (
        "Rebuilt the settlement batch on Kafka consumers, cutting merchant "
        "payout delay from a day to fifteen minutes for every region"
    )
    cv = cvmod.from_data(
        {
            "basics": {"name": "Ana Ruiz"},
            "work": [
                {
                    "company": "Northwind",
                    "position": "Engineer",
                    "startDate": "2020-01",
                    "endDate": "2022-03",
                    "highlights": [long],
                }
            ],
        }
    )
    console = Console(width=50, record=True, color_system=None)
    console.print(preview(cv))
    lines = console.export_text().splitlines()
    assert any("Jan 2020 \u2013 Mar 2022" in line for line in lines)
    first = next(i for i, line in enumerate(lines) if "\u2022" in line)
    text_column = lines[first].index("Rebuilt")
    wrapped = [line for line in lines[first + 1 :] if line.strip()]
    assert len(wrapped) >= 2
    for line in wrapped:
        assert line[:text_column].strip() == ""
        assert line[text_column] != " "
    assert " ".join(w.strip() for w in [lines[first][text_column:], *wrapped]) == long


async def test_a_related_role_link_moves_the_list_to_that_role() -> None:
    from textual.widgets import Input, Markdown

    app = FreeCVApp()
    async with app.run_test(size=SIZE) as pilot:
        await type_text(pilot, "accountant")
        await pilot.pause(0.3)
        screen = app.screen
        assert isinstance(screen, RoleScreen)
        overview = screen.query_one("#role-overview", Markdown)
        assert "](role:auditor)" in overview.source
        overview.post_message(Markdown.LinkClicked(overview, "role:auditor"))
        await pilot.pause(0.3)
        role = screen.highlighted_role()
        assert role is not None and role.id == "auditor"
        assert screen.query_one("#role-filter", Input).value == ""
        assert overview.source.startswith("# Auditor")
