"""Offline feedback on a typed answer: length, pace, filler words, STAR parts."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from freecv_tui import checks
from freecv_tui.prep import STORY, TARGET_SECONDS, Card

WORDS_PER_MINUTE = 140
"""A calm interview speaking pace."""

_FILLERS = re.compile(
    r"\b(?:um+|uh+|er+m?|basically|actually|literally|honestly|obviously|"
    r"you know|i mean|sort of|kind of|kinda|sorta)\b|"
    r"(?:^|[,.;]\s*)like\b|\blike,",
    re.IGNORECASE | re.MULTILINE,
)
_STAR_CUES: dict[str, str] = {
    "situation": (
        r"\b(?:situation|context|background|at the time|back then|when I was|"
        r"we were|there was|there were|had been|was facing|the problem was|"
        r"last (?:year|month|spring|summer|autumn|winter)|in (?:19|20)\d\d|"
        r"in my (?:last|previous|current|first) (?:role|job|team))\b|"
        # "At Acme, ..." or "While at ...": the scene, named.
        r"(?-i:\b(?:At|In|While|When|During) [A-Z]\w*)"
    ),
    "task": (
        r"\b(?:task|goal|aim|objective|my job was|my role was|I was asked|"
        r"I was responsible|I needed to|I had to|we needed to|we had to|"
        r"the challenge was|I set out to|was to)\b"
    ),
    "action": (
        r"\b(?:action|so I|then I|first I|I decided|I started|I spoke|I talked|"
        r"I asked|I proposed)\b|\bI (?:then |also |first |quickly )?(?:\w+ed|{past})\b"
    ),
    "result": (
        r"\b(?:result|outcome|as a result|in the end|which meant|that meant|"
        r"afterwards|since then|I learned|I learnt|lesson|impact|reduced|"
        r"increased|improved|cut|grew|saved|won|halved|doubled)\b|\d"
    ),
}


@cache
def _star_patterns() -> dict[str, re.Pattern[str]]:
    """The cue patterns, with the irregular past tenses the checks know."""
    irregular = "|".join(sorted(checks.lists().past_to_present))
    return {
        part: re.compile(cue.replace("{past}", irregular), re.IGNORECASE)
        for part, cue in _STAR_CUES.items()
    }


STAR_PARTS = ("situation", "task", "action", "result")
_STORY_KINDS = frozenset({"behavioural", "situational", STORY})


@dataclass(frozen=True)
class Feedback:
    """What can be told about a typed answer without a network."""

    words: int
    seconds: int
    target: int
    fillers: dict[str, int]
    repeated: list[tuple[str, int]]
    star: dict[str, bool] | None
    """Which STAR parts seem present; None for kinds that need no story."""

    def lines(self) -> list[str]:
        """The findings, one short sentence each."""
        if not self.words:
            return ["Nothing typed: answer aloud, or type notes to get feedback."]
        minutes, secs = divmod(self.seconds, 60)
        spoken = f"{minutes}:{secs:02d}" if minutes else f"{secs} s"
        pace = f"{self.words} words, about {spoken} spoken"
        if self.seconds > self.target * 1.25:
            pace += f" (long: aim for {self.target // 60}:{self.target % 60:02d})"
        out = [pace]
        if self.fillers:
            listed = ", ".join(f'"{w}" x{n}' for w, n in self.fillers.items())
            out.append(f"Filler words: {listed}")
        if self.repeated:
            listed = ", ".join(f'"{w}" x{n}' for w, n in self.repeated)
            out.append(f"Repeated: {listed}")
        if self.star is not None:
            marks = "  ".join(
                f"{'✓' if self.star[p] else '✗'} {p.title()}" for p in STAR_PARTS
            )
            out.append(f"STAR: {marks}")
        return out


def feedback(text: str, kind: str = "behavioural") -> Feedback:
    """Word count, spoken time, filler and repeated words, and the STAR parts."""
    tokens = checks.words(text)
    count = len(tokens)
    fillers: Counter[str] = Counter(
        re.sub(r"[^a-z ]", "", m.group(0).lower()).strip()
        for m in _FILLERS.finditer(text)
    )
    stop = checks.lists().stopwords
    content = Counter(
        w.lower() for w in tokens if len(w) >= 4 and w.lower() not in stop
    )
    threshold = max(3, count // 40)
    repeated = [(w, n) for w, n in content.most_common(3) if n >= threshold]
    star = None
    if kind in _STORY_KINDS:
        patterns = _star_patterns()
        star = {part: bool(patterns[part].search(text)) for part in STAR_PARTS}
    return Feedback(
        words=count,
        seconds=round(count / WORDS_PER_MINUTE * 60),
        target=TARGET_SECONDS.get(kind, 120),
        fillers=dict(fillers.most_common()),
        repeated=repeated,
        star=star,
    )


STAR_TEMPLATE = "Situation: \nTask: \nAction: \nResult: \n"
"""The empty frame offered for notes on a story question."""


def starting_notes(card: Card, saved: str, attempt: str) -> str:
    """What the notes box holds when an answer is revealed."""
    if saved.strip():
        return saved
    if attempt.strip():
        return attempt
    return STAR_TEMPLATE if card.kind in _STORY_KINDS else ""


def notes_to_keep(text: str) -> str:
    """The notes worth saving: an untouched STAR frame counts as none."""
    if " ".join(text.split()) == " ".join(STAR_TEMPLATE.split()):
        return ""
    return text.strip()
