"""Partial calendar dates (YYYY, YYYY-MM, YYYY-MM-DD) as cv.json writes them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_NOW_WORDS = {"present", "current", "now", "today", "ongoing", "currently"}
MONTHS = tuple(calendar.month_abbr)[1:]


class DateError(ValueError):
    """A date string that is not a real YYYY[-MM[-DD]] date; the text says why."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day; compares by its earliest day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def first_day(self) -> dt.date:
        """The earliest real day the value can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest real day the value can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return dt.date(self.year, month, day)

    def display(self) -> str:
        """Render as 'Mar 2022' or '2022', the one style the CV uses."""
        if self.month is None:
            return str(self.year)
        return f"{MONTHS[self.month - 1]} {self.year}"

    def iso(self) -> str:
        """Render back in the cv.json form."""
        out = f"{self.year:04d}"
        if self.month is not None:
            out += f"-{self.month:02d}"
        if self.day is not None:
            out += f"-{self.day:02d}"
        return out


def is_now_word(text: str) -> bool:
    """True for words people type to mean an ongoing entry ('Present', 'now')."""
    return text.strip().lower() in _NOW_WORDS


def parse(text: str) -> PartialDate:
    """Parse a cv.json date; raise DateError saying what is wrong and the fix."""
    value = text.strip()
    if is_now_word(value):
        raise DateError(
            f'"{text}" is not a date; leave the end date out and set "current": true'
        )
    match = _PATTERN.match(value)
    if not match:
        raise DateError(
            f'"{text}" is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-03'
        )
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    if year < 1900:
        raise DateError(f'"{text}": the year {year} is too early; check the year')
    if month is not None and not 1 <= month <= 12:
        raise DateError(f'"{text}": there is no month {month}; use 01 to 12')
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(
                f'"{text}": {MONTHS[month - 1]} {year} has {last} days, not {day}'
            )
    return PartialDate(year, month, day)


def display_range(start: str | None, end: str | None, current: bool | None) -> str:
    """Render 'Mar 2022 to Present' with an en dash, tolerating bad input."""

    def one(raw: str | None) -> str:
        if not raw:
            return ""
        try:
            return parse(raw).display()
        except DateError:
            return raw

    left = one(start)
    right = "Present" if current else one(end)
    if left and right:
        return f"{left} \u2013 {right}"
    return left or right


def today() -> dt.date:
    """Today's date; one seam for tests to pin."""
    return dt.date.today()
