"""Interview practice on disk: prep.toml, counts by state, streaks, sessions."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from freecv_tui import store
from freecv_tui.errors import FreeCVError
from freecv_tui.prep import Card, Rating, Record, local_day, now, review
from freecv_tui.roles import _toml_key

PROGRESS_FILE = "prep.toml"
AGAIN_REPEATS = 1
"""How many times a question rated Again comes back in the same session."""
_KEEP_DAYS = 400
_FILE_HEADER = (
    "# freecv-tui interview practice: your schedule and your notes.\n"
    "# Edit with care: a file that cannot be read is set aside and a new one begun.\n"
    "\n"
)


@dataclass(frozen=True)
class Counts:
    """Where a set of questions stands today."""

    total: int = 0
    new: int = 0
    learning: int = 0
    known: int = 0
    due_today: int = 0
    due_now: int = 0


class ProgressFile(BaseModel):
    """The shape of prep.toml."""

    model_config = ConfigDict(extra="forbid")

    version: int = 1
    days: list[dt.date] = Field(default_factory=list)
    cards: dict[str, Record] = Field(default_factory=dict)


class ProgressError(FreeCVError):
    """The progress file cannot be written without losing what is in it."""

    title = "Progress not saved"


@dataclass
class Progress:
    """Every question's record, the days practised, and where they are kept."""

    path: Path
    cards: dict[str, Record] = field(default_factory=dict)
    days: set[dt.date] = field(default_factory=set)
    notice: str | None = None
    """Set when the file could not be read; says what happened to it."""
    blocked: str | None = None
    """Set when saving would overwrite a file that could not be moved aside."""

    def record(self, card_id: str) -> Record:
        """The record of a question; a blank one when it was never seen."""
        return self.cards.get(card_id) or Record()

    def rate(
        self,
        card: Card,
        rating: Rating,
        when: dt.datetime,
        *,
        seconds: int | None = None,
        note: str | None = None,
        fuzz: bool = True,
    ) -> Record:
        """Schedule a question after an answer, keep its notes, mark the day."""
        record = review(self.record(card.id), rating, when, fuzz=fuzz)
        update: dict[str, Any] = {"question": card.question, "prompt": card.prompt}
        if seconds is not None:
            update["seconds"] = max(0, int(seconds))
        if note is not None:
            update["note"] = note.strip()
        record = record.model_copy(update=update)
        self.cards[card.id] = record
        self.days.add(local_day(when))
        return record

    def set_note(self, card: Card, note: str) -> None:
        """Keep notes for a question without rating it (a STAR story, say)."""
        record = self.record(card.id)
        self.cards[card.id] = record.model_copy(
            update={
                "note": note.strip(),
                "question": card.question,
                "prompt": card.prompt,
            }
        )

    def note(self, card_id: str) -> str:
        """The user's notes for a question, or ''."""
        return self.record(card_id).note

    def counts(self, deck: Iterable[Card], when: dt.datetime) -> Counts:
        """New, learning, known (disjoint), and how many are due today and now."""
        end_of_day = dt.datetime.combine(
            local_day(when) + dt.timedelta(days=1), dt.time(), when.astimezone().tzinfo
        )
        tally: Counter[str] = Counter()
        for card in deck:
            record = self.record(card.id)
            tally["total"] += 1
            if record.state is None:
                tally["new"] += 1
                continue
            tally["known" if record.state == "review" else "learning"] += 1
            if record.is_due(end_of_day):
                tally["due_today"] += 1
            if record.is_due(when):
                tally["due_now"] += 1
        return Counts(**tally)

    def streak(self, today: dt.date) -> int:
        """Days in a row practised, up to today (or yesterday, if not yet today)."""
        day = today if today in self.days else today - dt.timedelta(days=1)
        count = 0
        while day in self.days:
            count += 1
            day -= dt.timedelta(days=1)
        return count

    def role_ids(self) -> list[str]:
        """The roles whose own questions were practised, by id."""
        found = {key.split(":")[1] for key in self.cards if key.startswith("role:")}
        return sorted(found)

    def due_outlook(
        self, deck: Iterable[Card], when: dt.datetime, limit: int = 4
    ) -> list[tuple[str, int]]:
        """When the rated questions come back: ('today', 3), ('tomorrow', 2), ..."""
        today = local_day(when)
        days: Counter[dt.date] = Counter()
        for card in deck:
            record = self.record(card.id)
            if record.due is not None:
                days[max(today, local_day(record.due))] += 1
        out = []
        for day in sorted(days)[:limit]:
            gap = (day - today).days
            label = {0: "today", 1: "tomorrow"}.get(
                gap
            ) or f"on {day:%a} {day.day} {day:%b}"
            out.append((label, days[day]))
        return out


def progress_path() -> Path:
    """Where progress and notes are kept."""
    return store.data_dir() / PROGRESS_FILE


def _set_aside(path: Path, why: str) -> Progress:
    """Move a broken file to a backup beside it and start a fresh record."""
    stamp = now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.broken-{stamp}{path.suffix}")
    number = 1
    while backup.exists():
        number += 1
        backup = path.with_name(f"{path.stem}.broken-{stamp}-{number}{path.suffix}")
    fresh = Progress(path)
    try:
        path.replace(backup)
    except OSError as exc:
        fresh.blocked = (
            f"{path} could not be read ({why}) nor moved aside ({exc.strerror}); "
            "practice is not being saved. Fix or move the file, then reopen."
        )
        fresh.notice = fresh.blocked
        return fresh
    fresh.notice = (
        f"{path} could not be read ({why}). It was kept as {backup.name}; "
        "practice starts afresh. Fix that file and rename it back to restore it."
    )
    return fresh


def load_progress(path: Path | None = None) -> Progress:
    """Read prep.toml; a broken file is kept as a backup, never lost or fatal."""
    path = path or progress_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Progress(path)
    except OSError as exc:
        return _set_aside(path, exc.strerror or "unreadable")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        return _set_aside(path, f"not UTF-8 text at byte {exc.start}")
    except tomllib.TOMLDecodeError as exc:
        return _set_aside(path, str(exc))
    try:
        parsed = ProgressFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        return _set_aside(path, f"{_toml_key(first['loc'])}: {first['msg']}")
    return Progress(path, dict(parsed.cards), set(parsed.days))


def dumps(progress: Progress) -> str:
    """The progress file's text."""
    import tomli_w

    days = sorted(progress.days)[-_KEEP_DAYS:]
    cards = {
        key: record.model_dump(exclude_defaults=True, exclude_none=True)
        for key, record in sorted(progress.cards.items())
    }
    body = tomli_w.dumps(
        {"version": 1, "days": days, "cards": cards}, multiline_strings=True
    )
    return _FILE_HEADER + body


def _merge(progress: Progress) -> None:
    """Take in what another session wrote since this one read the file."""
    if not progress.path.exists():
        return
    disk = load_progress(progress.path)
    progress.days |= disk.days
    for key, theirs in disk.cards.items():
        ours = progress.cards.get(key)
        if ours is None or (
            theirs.last_review is not None
            and (ours.last_review is None or theirs.last_review > ours.last_review)
        ):
            progress.cards[key] = theirs


def save_progress(progress: Progress) -> Path:
    """Write the progress file atomically, readable by the owner only.

    Questions rated in another window since this one read the file are kept:
    for each question the later review wins.
    """
    if progress.blocked:
        raise ProgressError(progress.blocked)
    _merge(progress)
    return store.atomic_write(progress.path, dumps(progress).encode("utf-8"))


# ---------------------------------------------------------------- a session


def _round_robin(cards: list[Card]) -> list[Card]:
    """Interleave kinds so a short session is not all one kind."""
    groups: dict[str, list[Card]] = {}
    for card in cards:
        groups.setdefault(card.kind, []).append(card)
    out: list[Card] = []
    queues = [iter(g) for g in groups.values()]
    while queues:
        for queue in list(queues):
            item = next(queue, None)
            if item is None:
                queues.remove(queue)
            else:
                out.append(item)
    return out


def pick(
    deck: Iterable[Card],
    progress: Progress,
    when: dt.datetime,
    *,
    kinds: Iterable[str] | None = None,
    count: int | None = None,
    due_only: bool = False,
) -> list[Card]:
    """Questions for a session: due ones first, then new ones, then the rest."""
    wanted = set(kinds) if kinds is not None else None
    chosen = [c for c in deck if wanted is None or c.kind in wanted]

    def due_time(card: Card) -> dt.datetime:
        due = progress.record(card.id).due
        assert due is not None
        return due

    due = sorted(
        (c for c in chosen if progress.record(c.id).is_due(when)), key=due_time
    )
    if due_only:
        return due[:count]
    new = _round_robin([c for c in chosen if progress.record(c.id).is_new])
    rest = sorted(
        (c for c in chosen if not progress.record(c.id).is_new and c not in due),
        key=due_time,
    )
    return (due + new + rest)[:count]


@dataclass(frozen=True)
class Answer:
    """One answered question of a session."""

    card: Card
    rating: Rating
    seconds: int
    hints: int
    due: dt.datetime


@dataclass
class PracticeSession:
    """The questions of one sitting, in order, and how each was answered."""

    queue: list[Card]
    answers: list[Answer] = field(default_factory=list)
    position: int = 0
    _repeats: Counter[str] = field(default_factory=Counter)

    @property
    def current(self) -> Card | None:
        """The question being asked, None when the session is over."""
        return self.queue[self.position] if self.position < len(self.queue) else None

    @property
    def total(self) -> int:
        """Questions in the session, repeats included."""
        return len(self.queue)

    def answer(
        self,
        progress: Progress,
        rating: Rating,
        when: dt.datetime,
        *,
        seconds: int,
        hints: int = 0,
        note: str | None = None,
    ) -> Answer:
        """Rate the current question, keep its notes, and move on."""
        card = self.current
        assert card is not None, "the session is over"
        record = progress.rate(card, rating, when, seconds=seconds, note=note)
        assert record.due is not None
        done = Answer(card, rating, seconds, hints, record.due)
        self.answers.append(done)
        if rating == "again" and self._repeats[card.id] < AGAIN_REPEATS:
            self._repeats[card.id] += 1
            self.queue.append(card)
        self.position += 1
        return done

    def ratings(self) -> Counter[Rating]:
        """How many answers got each rating."""
        return Counter(a.rating for a in self.answers)

    def seconds(self) -> int:
        """Time spent answering, in all."""
        return sum(a.seconds for a in self.answers)
