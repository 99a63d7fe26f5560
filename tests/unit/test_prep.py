"""Interview practice core: the bank, the schedule, progress on disk, feedback."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import subprocess
import sys
import tomllib
from pathlib import Path

import fsrs
import pytest
from pypdf import PdfReader

from freecv_tui import cli_prep, prep, prep_feedback, prep_progress
from freecv_tui import cv as cvmod
from freecv_tui.cli import UsageError
from freecv_tui.errors import RoleFileError
from freecv_tui.export import prepsheet
from freecv_tui.export.prepsheet import render_pdf
from freecv_tui.rolecheck import check_role
from freecv_tui.roles import Question, load_catalog

NOW = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)


def _question(answer_words: int = 100, hints: int = 2, text: str = "Why?") -> Question:
    return Question(
        kind="behavioural",
        question=text,
        answer=" ".join(f"w{i}{answer_words}{hints}" for i in range(answer_words)),
        hints=[f"hint {i}" for i in range(hints)],
    )


def _card(number: int, kind: str = "behavioural") -> prep.Card:
    return prep.Card(
        id=f"general:{number}",
        kind=kind,
        question=f"Question {number}?",
        answer="An answer.",
        hints=("One", "Two"),
        source="general",
    )


def _cv() -> cvmod.CV:
    return cvmod.CV(
        basics=cvmod.Basics(name="Ada Example"),
        work=[
            cvmod.Work(
                company="Quillon",
                position="Analyst",
                highlights=[
                    "Cut month-end close from 9 days to 4 by automating 30 checks",
                    "Cut month-end close from 9 days to 4 by automating 30 checks",
                    "Ok",
                ],
            ),
            cvmod.Work(
                company="Tarn",
                position="Clerk",
                highlights=["Trained 6 new starters on the ledger system"],
            ),
        ],
    )


# ---------------------------------------------------------------- content


def test_bank_and_every_shipped_role_pass_the_content_checks() -> None:
    catalog = load_catalog()
    roles = [catalog.get(summary.id) for summary in catalog]
    bank = prep.load_bank()
    assert len(bank) >= prep.MIN_BANK
    assert {q.kind for q in bank} >= {"behavioural", "motivational"}
    assert prep.check_bank(roles=[r for r in roles if r is not None]) == []
    for role in roles:
        assert role is not None
        issues = [
            issue
            for issue in check_role(role, role.id, catalog.roles)
            if issue.key.startswith("questions")
        ]
        assert issues == [], role.id


def test_check_bank_reports_short_answers_few_hints_and_repeats() -> None:
    bank = [_question(), _question(answer_words=20), _question(hints=1)]
    bank.append(_question(answer_words=90, text="Why not?"))
    bank.append(_question(answer_words=90, text="And why?"))
    issues = prep.check_bank(bank, source="bank.toml")
    assert all(issue.source == "bank.toml" for issue in issues)
    assert [(issue.key, issue.message) for issue in issues] == [
        ("questions", "5 questions; give 25+"),
        ("questions[1].answer", "20 words; write 80-200"),
        ("questions[1].question", "repeats questions[0]; remove one"),
        ("questions[2].hints", "1 hints; give 2-3"),
        ("questions[2].question", "repeats questions[0]; remove one"),
        ("questions[3].answer", "100% the same as questions[4]; rewrite one"),
        ("questions[4].answer", "100% the same as questions[3]; rewrite one"),
    ]


def test_a_broken_bank_names_the_file_and_key() -> None:
    with pytest.raises(RoleFileError) as info:
        prep.parse_bank(
            '[[questions]]\nkind = "behavioural"\nquestion = "x"\n', "b.toml"
        )
    assert info.value.source == "b.toml"
    assert {p.path for p in info.value.problems} == {
        "questions[0].answer",
        "questions[0].hints",
    }
    with pytest.raises(RoleFileError) as info:
        prep.parse_bank("questions = [", "b.toml")
    assert "fix the TOML" in info.value.message


# ---------------------------------------------------------------- the deck


def test_cv_bullets_become_story_questions_with_the_bullet_as_prompt() -> None:
    cards = prep.cv_cards(_cv())
    assert [c.prompt for c in cards] == [
        "Cut month-end close from 9 days to 4 by automating 30 checks",
        "Trained 6 new starters on the ledger system",
    ]
    first = cards[0]
    assert first.kind == prep.STORY and first.source == "cv"
    assert first.question.startswith("Tell me about")
    assert "Analyst at Quillon" in first.question
    for part in ("Situation", "Task", "Action", "Result"):
        assert f"**{part}**" in first.answer
    assert "9, 4, 30" in first.hints[-1]


def test_deck_has_role_then_general_then_stories_and_no_repeats() -> None:
    role = load_catalog().get("accountant")
    assert role is not None
    deck = prep.build_deck(role, _cv())
    sources = [c.source for c in deck]
    assert sources == sorted(sources, key=["role", "general", "cv"].index)
    assert len({c.id for c in deck}) == len(deck)
    assert len({" ".join(c.question.lower().split()) for c in deck}) == len(deck)
    assert prep.build_deck(None, None) == prep.general_cards()


# ---------------------------------------------------------------- scheduling


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        ("again", fsrs.Rating.Again),
        ("hard", fsrs.Rating.Hard),
        ("good", fsrs.Rating.Good),
        ("easy", fsrs.Rating.Easy),
    ],
)
def test_ratings_map_to_the_library_and_it_sets_the_interval(
    ours: prep.Rating, theirs: fsrs.Rating
) -> None:
    assert prep.fsrs_rating(ours) is theirs
    scheduler = fsrs.Scheduler(
        learning_steps=(dt.timedelta(minutes=10),),
        relearning_steps=(dt.timedelta(minutes=10),),
        maximum_interval=prep.MAX_INTERVAL_DAYS,
        enable_fuzzing=False,
    )
    card = fsrs.Card(card_id=1, due=NOW)
    record = prep.Record()
    for day in (0, 3, 12):
        when = NOW + dt.timedelta(days=day)
        card, _ = scheduler.review_card(card, theirs, when)
        record = prep.review(record, ours, when, fuzz=False)
        assert record.due == card.due
        assert record.state == card.state.name.lower()
        assert record.stability == pytest.approx(card.stability)
        assert record.difficulty == pytest.approx(card.difficulty)
    assert record.reviews == 3


def test_intervals_grow_from_again_to_easy() -> None:
    gaps = prep.intervals(prep.Record(), NOW)
    assert gaps["again"] == dt.timedelta(minutes=10)
    assert gaps["again"] < gaps["hard"] < gaps["good"] < gaps["easy"]
    assert gaps["good"] >= dt.timedelta(days=1)
    known = prep.review(prep.Record(), "good", NOW, fuzz=False)
    later = prep.intervals(known, known.due or NOW)
    assert later["again"] == dt.timedelta(minutes=10)
    assert later["good"] > gaps["good"]


def test_forgetting_a_known_question_counts_a_lapse() -> None:
    known = prep.review(prep.Record(), "easy", NOW, fuzz=False)
    assert known.state == "review" and known.lapses == 0
    forgot = prep.review(known, "again", known.due or NOW, fuzz=False)
    assert forgot.state == "relearning"
    assert forgot.lapses == 1


def test_human_intervals() -> None:
    assert prep.human_interval(dt.timedelta(minutes=10)) == "10 min"
    assert prep.human_interval(dt.timedelta(hours=5)) == "5 h"
    assert prep.human_interval(dt.timedelta(days=1)) == "1 day"
    assert prep.human_interval(dt.timedelta(days=9)) == "9 days"
    assert prep.human_interval(dt.timedelta(days=90)) == "3 mo"


# ---------------------------------------------------------------- progress


def test_progress_round_trips_owner_only(private_home: Path) -> None:
    progress = prep_progress.load_progress()
    assert progress.path == private_home / "prep.toml"
    card = _card(1)
    progress.rate(card, "good", NOW, seconds=95, note="Situation: a\nResult: b")
    path = prep_progress.save_progress(progress)
    assert path.stat().st_mode & 0o777 == 0o600
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    saved = raw["cards"]["general:1"]
    assert saved["state"] == "review"
    assert saved["seconds"] == 95
    assert saved["note"] == "Situation: a\nResult: b"
    assert raw["days"] == [dt.date(2026, 12, 3)]
    again = prep_progress.load_progress()
    assert again.notice is None
    assert again.cards == progress.cards
    assert again.days == {dt.date(2026, 12, 3)}


def test_saving_keeps_what_another_window_rated() -> None:
    mine = prep_progress.load_progress()
    theirs = prep_progress.load_progress()
    theirs.rate(_card(1), "good", NOW)
    theirs.rate(_card(2), "good", NOW + dt.timedelta(minutes=5))
    prep_progress.save_progress(theirs)
    mine.rate(_card(2), "again", NOW)  # earlier than their rating of it
    mine.rate(_card(3), "easy", NOW)
    prep_progress.save_progress(mine)
    merged = prep_progress.load_progress()
    assert sorted(merged.cards) == ["general:1", "general:2", "general:3"]
    assert merged.record("general:2").rating == "good"


def test_progress_file_with_a_bom_loads(private_home: Path) -> None:
    progress = prep_progress.Progress(prep_progress.progress_path())
    progress.rate(_card(1), "hard", NOW)
    text = prep_progress.dumps(progress)
    private_home.mkdir(parents=True, exist_ok=True)
    prep_progress.progress_path().write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    loaded = prep_progress.load_progress()
    assert loaded.notice is None
    assert loaded.record("general:1").rating == "hard"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("version = 1\ncards = [", "(syntax)"),
        ('[cards."general:1"]\nstate = "memorised"\n', "cards.general:1.state"),
        ("days = [2026-12-03]\nmood = 1\n", "mood"),
    ],
)
def test_a_broken_progress_file_is_kept_and_practice_starts_afresh(
    private_home: Path, text: str, named: str
) -> None:
    private_home.mkdir(parents=True, exist_ok=True)
    path = prep_progress.progress_path()
    path.write_text(text, encoding="utf-8")
    progress = prep_progress.load_progress()
    assert progress.cards == {}
    assert progress.notice is not None
    assert str(path) in progress.notice
    if named != "(syntax)":
        assert named in progress.notice
    backups = list(private_home.glob("prep.broken-*.toml"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == text
    assert backups[0].name in progress.notice
    progress.rate(_card(2), "good", NOW)
    prep_progress.save_progress(progress)
    assert backups[0].read_text(encoding="utf-8") == text
    assert "general:2" in prep_progress.load_progress().cards


def test_streak_counts_days_in_a_row() -> None:
    progress = prep_progress.Progress(Path("unused.toml"))
    today = dt.date(2026, 12, 3)
    assert progress.streak(today) == 0
    progress.days = {today - dt.timedelta(days=n) for n in (1, 2, 3, 5)}
    assert progress.streak(today) == 3  # not yet today: yesterday still counts
    progress.days.add(today)
    assert progress.streak(today) == 4
    assert progress.streak(today + dt.timedelta(days=2)) == 0


def test_counts_by_state_and_due() -> None:
    deck = [_card(n) for n in range(5)]
    progress = prep_progress.Progress(Path("unused.toml"))
    progress.rate(deck[0], "again", NOW)  # learning, back in 10 minutes
    progress.rate(deck[1], "good", NOW)  # known, back in days
    progress.rate(deck[2], "easy", NOW - dt.timedelta(days=30), fuzz=False)
    counts = progress.counts(deck, NOW)
    assert (counts.total, counts.new, counts.learning, counts.known) == (5, 2, 1, 2)
    assert counts.due_now == 1  # the easy one, rated a month ago
    assert counts.due_today == 2  # and the again one, ten minutes from now
    later = progress.counts(deck, NOW + dt.timedelta(days=3))
    assert later.due_now == 3


def test_pick_puts_due_first_then_new_mixed_by_kind() -> None:
    deck = [_card(0), _card(1), _card(2, "technical"), _card(3), _card(4, "technical")]
    progress = prep_progress.Progress(Path("unused.toml"))
    progress.rate(deck[3], "good", NOW - dt.timedelta(days=9), fuzz=False)
    progress.rate(deck[1], "good", NOW, fuzz=False)
    picked = prep_progress.pick(deck, progress, NOW)
    assert [c.id for c in picked] == [
        "general:3",  # due
        "general:0",  # new, behavioural and technical in turn
        "general:2",
        "general:4",
        "general:1",  # practised, not due
    ]
    assert prep_progress.pick(deck, progress, NOW, due_only=True) == [deck[3]]
    assert prep_progress.pick(deck, progress, NOW, kinds=["technical"], count=1) == [
        deck[2]
    ]


def test_a_session_brings_again_back_once_and_keeps_notes() -> None:
    progress = prep_progress.Progress(Path("unused.toml"))
    session = prep_progress.PracticeSession([_card(0), _card(1)])
    session.answer(progress, "again", NOW, seconds=40, note="first try")
    assert session.total == 3
    session.answer(progress, "good", NOW, seconds=70)
    assert session.current == _card(0)
    session.answer(progress, "again", NOW, seconds=30)
    assert session.current is None
    assert session.total == 3
    assert session.seconds() == 140
    assert session.ratings() == {"again": 2, "good": 1}
    assert progress.note("general:0") == "first try"


# ---------------------------------------------------------------- feedback


def test_feedback_counts_words_time_fillers_repeats_and_star() -> None:
    text = (
        "Um, so basically at the time our invoices were late. My job was to fix "
        "the invoices. I rewrote the invoices process, you know, and the invoices "
        "went out on time. As a result late payments fell by 40%."
    )
    found = prep_feedback.feedback(text, "behavioural")
    assert found.words == 39
    assert found.seconds == round(39 / prep_feedback.WORDS_PER_MINUTE * 60)
    assert found.fillers == {"um": 1, "basically": 1, "you know": 1}
    assert found.repeated == [("invoices", 4)]
    assert found.star == dict.fromkeys(prep_feedback.STAR_PARTS, True)
    lines = found.lines()
    assert lines[0].startswith("39 words, about 17 s spoken")
    assert any("✓ Situation" in line for line in lines)


def test_feedback_sees_missing_star_parts_and_skips_star_for_technical() -> None:
    found = prep_feedback.feedback("I like working with people and solving problems.")
    assert found.star == {
        "situation": False,
        "task": False,
        "action": False,
        "result": False,
    }
    assert found.fillers == {}
    assert (
        prep_feedback.feedback("Use an index on the join column.", "technical").star
        is None
    )
    assert prep_feedback.feedback("").lines()[0].startswith("Nothing typed")


def test_notes_offered_for_a_story_and_empty_frames_not_kept() -> None:
    story = prep.cv_cards(_cv())[0]
    assert (
        prep_feedback.starting_notes(story, "The close story", "typed")
        == "The close story"
    )
    assert prep_feedback.starting_notes(story, "", "typed") == "typed"
    assert prep_feedback.starting_notes(story, "", "") == prep_feedback.STAR_TEMPLATE
    assert prep_feedback.starting_notes(_card(1, "technical"), "", "") == ""
    assert prep_feedback.notes_to_keep(prep_feedback.STAR_TEMPLATE) == ""
    assert prep_feedback.notes_to_keep(" Situation: x\n") == "Situation: x"


# ---------------------------------------------------------------- the sheet


def _sheet_args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli_prep.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["prep", *argv])
    args.roles_dir = []
    return args


def test_sheet_holds_questions_notes_and_model_answers(
    private_home: Path, tmp_path: Path
) -> None:
    role = load_catalog().get("accountant")
    assert role is not None
    story = prep.cv_cards(_cv())[0]
    progress = prep_progress.load_progress()
    progress.set_note(prep.role_cards(role)[0], "My own answer\nwith two lines")
    progress.set_note(story, "Situation: a slow close")
    prep_progress.save_progress(progress)
    cv_path = tmp_path / "cv.json"
    cv_path.write_text(cvmod.dumps(_cv()), encoding="utf-8")
    out = tmp_path / "sheet.md"
    assert (
        cli_prep.run(
            _sheet_args("accountant", "--sheet", "-o", str(out), "--cv", str(cv_path))
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert out.stat().st_mode & 0o777 == 0o600
    assert text.startswith(f"# Interview prep: {role.title}")
    assert "> My own answer  \n> with two lines" in text
    assert role.questions[0].answer.strip()[:60] in text
    assert "From your CV: _Cut month-end close" in text
    assert "> Situation: a slow close" in text
    assert text.index("## Technical") < text.index("## Stories from your CV")
    with pytest.raises(UsageError, match="--force"):
        cli_prep.run(_sheet_args("accountant", "--sheet", "-o", str(out)))


def test_pdf_sheet_has_the_notes_as_text() -> None:
    progress = prep_progress.Progress(Path("unused.toml"))
    deck = prep.general_cards()[:3]
    progress.set_note(deck[0], "Mention the Łódź office and the 12% saving")
    markdown = prepsheet.sheet_markdown("general questions", deck, progress, NOW)
    sheet = render_pdf(markdown, "Interview prep")
    reader = PdfReader(io.BytesIO(sheet.data))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    assert "Łódź office and the 12% saving" in text
    assert deck[2].question in " ".join(text.split())
    assert reader.metadata is not None and reader.metadata.title == "Interview prep"


def test_cli_rejects_sheet_options_without_sheet_and_unknown_roles() -> None:
    with pytest.raises(UsageError, match="add --sheet"):
        cli_prep.run(_sheet_args("accountant", "-o", "x.md"))
    with pytest.raises(UsageError, match="did you mean accountant"):
        cli_prep.run(_sheet_args("acountant", "--sheet"))


def test_core_modules_do_not_import_textual() -> None:
    """And the prep parser, built even for --version, imports nothing heavy."""
    code = (
        "import sys, freecv_tui.cli_prep\n"
        "light = not {'pydantic', 'fsrs'} & set(sys.modules)\n"
        "import freecv_tui.prep_progress, freecv_tui.prep_feedback\n"
        "import freecv_tui.export.prepsheet\n"
        "print(light, 'textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["True", "False"]
