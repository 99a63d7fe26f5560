"""Interview practice: the question deck, the general bank, FSRS scheduling."""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from freecv_tui import checks
from freecv_tui.errors import Problem, RoleFileError
from freecv_tui.roles import Question, Role, Strict, _toml_key

if TYPE_CHECKING:
    import fsrs

    from freecv_tui.cv import CV
    from freecv_tui.rolecheck import RoleIssue

Rating = Literal["again", "hard", "good", "easy"]
RATINGS: tuple[Rating, ...] = ("again", "hard", "good", "easy")
RATING_TITLES: dict[Rating, str] = {
    "again": "Again",
    "hard": "Hard",
    "good": "Good",
    "easy": "Easy",
}
STORY = "story"
"""The kind of the questions made from the user's own CV bullets."""
KIND_TITLES = {
    "technical": "Technical",
    "system-design": "System design",
    "behavioural": "Behavioural",
    "situational": "Situational",
    "motivational": "Career and motivation",
    STORY: "Stories from your CV",
}
KIND_LABELS = {"motivational": "Career", STORY: "Your story"}
TARGET_SECONDS = {
    "behavioural": 120,
    "situational": 120,
    STORY: 120,
    "motivational": 90,
    "technical": 180,
    "system-design": 300,
}
"""How long a spoken answer of each kind should take, about."""
BANK_FILE = "questions.toml"
MIN_BANK = 25
MAX_INTERVAL_DAYS = 120
"""Interviews come within weeks; a longer gap would only hide a question."""


def now() -> dt.datetime:
    """The current time in UTC; one seam for tests to pin."""
    return dt.datetime.now(dt.UTC)


def local_day(when: dt.datetime) -> dt.date:
    """The calendar day a moment falls on where the user is."""
    return when.astimezone().date()


# ---------------------------------------------------------------- the deck


@dataclass(frozen=True)
class Card:
    """One question to practise, from the role, the general bank or the CV."""

    id: str
    kind: str
    question: str
    answer: str
    hints: tuple[str, ...]
    source: Literal["role", "general", "cv"]
    prompt: str = ""
    """For a CV story: the bullet the story stands behind."""

    @property
    def target(self) -> int:
        """Seconds a spoken answer of this kind should take."""
        return TARGET_SECONDS.get(self.kind, 120)

    @property
    def kind_title(self) -> str:
        """The kind as the setup and the sheet name it."""
        return KIND_TITLES.get(self.kind, self.kind.title())

    @property
    def kind_label(self) -> str:
        """The kind in a word or two, for a crowded line."""
        return KIND_LABELS.get(self.kind) or self.kind_title


def _digest(text: str) -> str:
    """A short key that survives reordering and changes in spacing or case."""
    plain = " ".join(text.casefold().split())
    return hashlib.sha256(plain.encode()).hexdigest()[:12]


def _card(question: Question, prefix: str, source: Literal["role", "general"]) -> Card:
    return Card(
        id=f"{prefix}:{_digest(question.question)}",
        kind=question.kind,
        question=question.question.strip(),
        answer=question.answer.strip(),
        hints=tuple(question.hints),
        source=source,
    )


class Bank(Strict):
    """The general question file: behavioural and career questions for every role."""

    questions: list[Question] = Field(min_length=1)


def parse_bank(text: str, source: str) -> list[Question]:
    """Validate the general bank's text; errors name the file and the key."""
    try:
        data = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        raise RoleFileError(
            source, [Problem("(syntax)", f"{exc}; fix the TOML there")]
        ) from None
    try:
        return Bank.model_validate(data).questions
    except ValidationError as exc:
        problems = [
            Problem(_toml_key(err["loc"]), err["msg"])
            for err in exc.errors(include_url=False)
        ]
        raise RoleFileError(source, problems) from None


@cache
def load_bank() -> tuple[Question, ...]:
    """The general questions shipped with the package."""
    text = resources.files("freecv_tui.data").joinpath(BANK_FILE).read_text("utf-8")
    return tuple(parse_bank(text, f"built-in {BANK_FILE}"))


def general_cards() -> list[Card]:
    """The general bank as cards."""
    return [_card(q, "general", "general") for q in load_bank()]


def role_cards(role: Role) -> list[Card]:
    """A role's own questions as cards."""
    return [_card(q, f"role:{role.id}", "role") for q in role.questions]


def _figures(text: str) -> list[str]:
    """The numbers a bullet claims, to end the story on."""
    return [w for w in checks.words(text) if any(ch.isdigit() for ch in w)][:4]


def story_card(bullet: str, position: str, company: str) -> Card:
    """A "tell me about" question for one CV bullet, with a STAR guide as answer."""
    place = company or "that job"
    where = f"as {position} at {company}" if position and company else f"at {place}"
    figures = _figures(bullet)
    result_tip = (
        f"End on the result and say the figures: {', '.join(figures)}."
        if figures
        else "End on the result: what changed, and how you know."
    )
    guide = (
        "This is your own story, so there is no model answer: shape it in four "
        "parts, about two minutes in all.\n\n"
        f"- **Situation** (20 seconds): what was going on {where}, and what "
        "was at stake.\n"
        "- **Task** (15 seconds): what you were asked, or chose, to achieve.\n"
        '- **Action** (a minute): what *you* did, step by step. Say "I", '
        'not "we", for the parts that were yours.\n'
        "- **Result** (25 seconds): the outcome"
        + (f", with the figures ({', '.join(figures)})" if figures else "")
        + ", and what you would do the same or differently next time.\n\n"
        "Write the story in your notes once: it is kept with your progress, "
        "never printed on the CV."
    )
    return Card(
        id=f"cv:{_digest(bullet)}",
        kind=STORY,
        question=f"Tell me about this, from your time {where}.",
        answer=guide,
        hints=(
            f"Set the scene first: what was going on at {place} before this?",
            "Which decision in this was yours, and why did you take it?",
            result_tip,
        ),
        source="cv",
        prompt=bullet.strip(),
    )


def cv_cards(cv: CV | None) -> list[Card]:
    """One story question per work bullet of the CV, without repeats."""
    if cv is None:
        return []
    out: dict[str, Card] = {}
    for job in cv.work:
        for bullet in job.highlights:
            if len(checks.words(bullet)) >= 3:
                card = story_card(bullet, job.position.strip(), job.company.strip())
                out.setdefault(card.id, card)
    return list(out.values())


def build_deck(role: Role | None, cv: CV | None) -> list[Card]:
    """Everything to practise for a role: its questions, the bank, the CV's stories."""
    deck = role_cards(role) if role is not None else []
    asked = {_digest(card.question) for card in deck}
    general = [c for c in general_cards() if _digest(c.question) not in asked]
    return deck + general + cv_cards(cv)


def check_bank(
    questions: Iterable[Question] | None = None,
    roles: Iterable[Role] = (),
    source: str = f"built-in {BANK_FILE}",
) -> list[RoleIssue]:
    """The role library's content checks, applied to the general bank.

    Each answer and its hints must fit the role rules; the bank must be big
    enough, hold no question twice, and read unlike every role's answers.
    """
    from freecv_tui.rolecheck import ANSWER_WORDS, HINTS, OVERLAP, RoleIssue, _shingles

    bank = list(load_bank() if questions is None else questions)
    out: list[RoleIssue] = []

    def add(key: str, message: str) -> None:
        out.append(RoleIssue(source, key, message))

    if len(bank) < MIN_BANK:
        add("questions", f"{len(bank)} questions; give {MIN_BANK}+")
    low, high = ANSWER_WORDS
    seen: dict[str, int] = {}
    for index, question in enumerate(bank):
        key = f"questions[{index}]"
        words = len(checks.words(question.answer))
        if not low <= words <= high:
            add(f"{key}.answer", f"{words} words; write {low}-{high}")
        if not HINTS[0] <= len(question.hints) <= HINTS[1]:
            add(f"{key}.hints", f"{len(question.hints)} hints; give 2-3")
        twin = seen.setdefault(_digest(question.question), index)
        if twin != index:
            add(f"{key}.question", f"repeats questions[{twin}]; remove one")
    others = [
        (f"{role.id} questions[{i}]", _shingles(q.answer))
        for role in roles
        for i, q in enumerate(role.questions)
    ]
    mine = [(f"questions[{i}]", _shingles(q.answer)) for i, q in enumerate(bank)]
    for key, shingles in mine:
        for other, theirs in others + mine:
            if other == key or not shingles or not theirs:
                continue
            similarity = len(shingles & theirs) / len(shingles | theirs)
            if similarity >= OVERLAP:
                add(
                    f"{key}.answer",
                    f"{similarity:.0%} the same as {other}; rewrite one",
                )
    return out


# ---------------------------------------------------------------- scheduling

CardState = Literal["learning", "review", "relearning"]


class Record(BaseModel):
    """What is known about one question: its schedule, last answer and the notes."""

    model_config = ConfigDict(extra="forbid")

    question: str = ""
    prompt: str = ""
    note: str = ""
    state: CardState | None = None
    step: int | None = None
    stability: float | None = None
    difficulty: float | None = None
    due: dt.datetime | None = None
    last_review: dt.datetime | None = None
    reviews: int = Field(default=0, ge=0)
    lapses: int = Field(default=0, ge=0)
    rating: Rating | None = None
    seconds: int | None = Field(default=None, ge=0)

    @property
    def is_new(self) -> bool:
        """Never rated yet."""
        return self.state is None

    def is_due(self, when: dt.datetime) -> bool:
        """Rated before and due back by then."""
        return self.due is not None and self.due <= when


@cache
def _scheduler(fuzz: bool) -> fsrs.Scheduler:
    import fsrs

    # A spoken answer takes minutes, so one short learning step is enough:
    # Good on a new question already sends it days ahead.
    step = (dt.timedelta(minutes=10),)
    return fsrs.Scheduler(
        learning_steps=step,
        relearning_steps=step,
        maximum_interval=MAX_INTERVAL_DAYS,
        enable_fuzzing=fuzz,
    )


def fsrs_rating(rating: Rating) -> fsrs.Rating:
    """The library's rating for ours."""
    import fsrs

    return {
        "again": fsrs.Rating.Again,
        "hard": fsrs.Rating.Hard,
        "good": fsrs.Rating.Good,
        "easy": fsrs.Rating.Easy,
    }[rating]


def _utc(when: dt.datetime) -> dt.datetime:
    # fsrs refuses any tzinfo other than the timezone.utc object itself.
    return when.astimezone(dt.UTC)


def _to_fsrs(record: Record, when: dt.datetime) -> fsrs.Card:
    import fsrs

    if record.state is None:
        return fsrs.Card(card_id=1, due=when)
    return fsrs.Card(
        card_id=1,
        state=fsrs.State[record.state.title()],
        step=record.step,
        stability=record.stability,
        difficulty=record.difficulty,
        due=_utc(record.due or when),
        last_review=_utc(record.last_review) if record.last_review else None,
    )


def review(
    record: Record, rating: Rating, when: dt.datetime, *, fuzz: bool = True
) -> Record:
    """The record after rating the question at `when`; the library sets the due date."""
    when = _utc(when).replace(microsecond=0)
    card, _ = _scheduler(fuzz).review_card(
        _to_fsrs(record, when), fsrs_rating(rating), when
    )
    lapsed = rating == "again" and record.state == "review"
    return record.model_copy(
        update={
            "state": card.state.name.lower(),
            "step": card.step,
            "stability": card.stability,
            "difficulty": card.difficulty,
            "due": card.due,
            "last_review": card.last_review,
            "reviews": record.reviews + 1,
            "lapses": record.lapses + lapsed,
            "rating": rating,
        }
    )


def intervals(record: Record, when: dt.datetime) -> dict[Rating, dt.timedelta]:
    """How long until the question comes back after each rating (without fuzz)."""
    out: dict[Rating, dt.timedelta] = {}
    for rating in RATINGS:
        after = review(record, rating, when, fuzz=False)
        assert after.due is not None and after.last_review is not None
        out[rating] = after.due - after.last_review
    return out


def human_interval(gap: dt.timedelta) -> str:
    """A gap as a person says it: '10 min', '3 h', '2 days', '3 mo'."""
    minutes = max(1, round(gap.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 60 * 24:
        return f"{round(minutes / 60)} h"
    days = round(minutes / 60 / 24)
    if days < 60:
        return "1 day" if days == 1 else f"{days} days"
    return f"{round(days / 30)} mo"
