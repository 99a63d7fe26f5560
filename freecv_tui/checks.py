"""Recruiter checks: pure functions from text to findings shown beside a field."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from freecv_tui.cv import CV

Severity = Literal["error", "warning", "tip", "ok"]

BULLET_MIN_WORDS = 12
BULLET_MAX_WORDS = 20

# Openers that describe duties instead of results.
WEAK_OPENERS = (
    "responsible for",
    "worked on",
    "helped with",
    "helped to",
    "assisted with",
    "in charge of",
    "duties included",
    "tasked with",
    "involved in",
)
_WORD = re.compile(r"[\w'’+#.-]+", re.UNICODE)
_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)


@dataclass(frozen=True)
class Finding:
    """One observation about a piece of text, with the fix."""

    rule: str
    severity: Severity
    message: str


def words(text: str) -> list[str]:
    """The words of a text, counting numbers and tokens like C# or 40%."""
    return _WORD.findall(text)


def bullet(text: str, verbs: Iterable[str] = ()) -> list[Finding]:
    """Check one work highlight: length, a measurable result, an action opener."""
    text = text.strip()
    if not text:
        return []
    out = []
    count = len(words(text))
    if count < BULLET_MIN_WORDS:
        out.append(
            Finding(
                "bullet.short",
                "tip",
                f"{count} words; aim for {BULLET_MIN_WORDS}-{BULLET_MAX_WORDS}: "
                "add the result or its scale",
            )
        )
    elif count > BULLET_MAX_WORDS:
        out.append(
            Finding(
                "bullet.long",
                "warning",
                f"{count} words; aim for {BULLET_MIN_WORDS}-{BULLET_MAX_WORDS}: "
                "cut the context, keep the result",
            )
        )
    else:
        out.append(Finding("bullet.length", "ok", f"{count} words: a good length"))
    if _NUMBER.search(text):
        out.append(Finding("bullet.number", "ok", "holds a number"))
    else:
        out.append(
            Finding(
                "bullet.number",
                "warning",
                "no number: add a count, percentage, amount or time saved",
            )
        )
    lower = text.lower()
    weak = next((w for w in WEAK_OPENERS if lower.startswith(w)), None)
    if weak:
        out.append(
            Finding(
                "bullet.weak-opener",
                "warning",
                f'starts with "{weak}": open with what you did, e.g. a strong verb',
            )
        )
    else:
        verb_set = {v.lower() for v in verbs}
        first = words(text)[0].lower() if words(text) else ""
        if verb_set and first in verb_set:
            out.append(Finding("bullet.verb", "ok", f'opens with "{words(text)[0]}"'))
    return out


def summary(text: str) -> list[Finding]:
    """Check a summary's length in sentences."""
    text = text.strip()
    if not text:
        return [
            Finding("summary.empty", "tip", "2-4 sentences: who, how long, best result")
        ]
    sentences = [s for s in re.split(r"(?<=[.!?。])\s*", text) if s.strip()]
    n = len(sentences)
    if n < 2:
        return [Finding("summary.short", "tip", f"{n} sentence; aim for 2-4")]
    if n > 4:
        return [Finding("summary.long", "warning", f"{n} sentences; aim for 2-4")]
    return [Finding("summary.length", "ok", f"{n} sentences: a good length")]


def date_warnings(cv: CV) -> list[str]:
    """Dates that are valid but suspicious: a start in the future."""
    from freecv_tui import dates

    today = dates.today()
    out = []
    for section in ("work", "education"):
        for i, entry in enumerate(getattr(cv, section)):
            if not entry.start_date:
                continue
            try:
                start = dates.parse(entry.start_date)
            except dates.DateError:
                continue
            if start.first_day > today:
                out.append(
                    f"{section}[{i}].startDate: {entry.start_date} is in the future; "
                    "check the year"
                )
    return out
