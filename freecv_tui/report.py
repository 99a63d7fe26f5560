"""The whole-CV report: every check, dates across entries, length, and a score."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from freecv_tui import checks, dates
from freecv_tui import cv as cvmod
from freecv_tui.checks import Finding

if TYPE_CHECKING:
    from freecv_tui.roles import Role

AREAS = {
    "contact": 10,
    "summary": 15,
    "experience": 35,
    "education": 10,
    "skills": 15,
    "dates": 10,
    "length": 5,
}
"""The score's areas and their weight out of 100."""
AREA_TITLES = {
    "contact": "Contact",
    "summary": "Summary",
    "experience": "Experience",
    "education": "Education",
    "skills": "Skills",
    "dates": "Dates",
    "length": "Length",
}
"""How each area is named to people."""
PENALTY = {"error": 0.5, "warning": 0.2, "tip": 0.06, "ok": 0.0}
"""Share of an area's weight one finding of each severity costs."""
EMPTY_RULES = frozenset(
    {"summary.empty", "experience.empty", "education.empty", "skills.empty"}
)
"""A section that is missing scores nothing in its area."""
PAGE_LINES = 58
"""Body lines on one A4 page of the template; used to say how far over a CV runs."""


@dataclass(frozen=True)
class Layout:
    """How the CV lays out in the PDF template."""

    pages: int
    last_page_lines: int


@dataclass
class Report:
    """All findings about one CV, with the score and its breakdown by area."""

    findings: list[Finding]
    score: int
    breakdown: dict[str, tuple[int, int]]
    years: float
    layout: Layout | None = None
    recommendation: str = ""
    areas: dict[str, list[Finding]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The stable JSON shape of `freecv-tui check --format json`."""
        return {
            "score": self.score,
            "breakdown": {
                area: {"score": got, "max": top}
                for area, (got, top) in self.breakdown.items()
            },
            "yearsOfExperience": round(self.years, 1),
            "pages": self.layout.pages if self.layout else None,
            "recommendation": self.recommendation,
            "findings": [
                {
                    "area": area,
                    "rule": f.rule,
                    "severity": f.severity,
                    "path": f.path,
                    "message": f.message,
                }
                for area, found in self.areas.items()
                for f in found
            ],
        }


# ---------------------------------------------------------------- dates


def _parsed(raw: str | None) -> dates.PartialDate | None:
    if not raw:
        return None
    try:
        return dates.parse(raw)
    except dates.DateError:
        return None


def _span(entry: cvmod.Dated) -> tuple[dt.date, dt.date] | None:
    start = _parsed(entry.start_date)
    if start is None:
        return None
    end = _parsed(entry.end_date)
    last = dates.today() if entry.current or end is None else end.last_day
    return start.first_day, max(last, start.first_day)


def years_of_experience(cv: cvmod.CV) -> float:
    """Years covered by work entries, overlaps counted once."""
    spans = sorted(s for s in (_span(job) for job in cv.work) if s)
    total = 0
    current_start: dt.date | None = None
    current_end: dt.date | None = None
    for start, end in spans:
        if current_end is None or start > current_end:
            if current_start is not None and current_end is not None:
                total += (current_end - current_start).days
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_start is not None and current_end is not None:
        total += (current_end - current_start).days
    return total / 365.25


def date_findings(cv: cvmod.CV) -> list[Finding]:
    """Dates across entries: real, in order, newest first, gaps, one style."""
    out = [
        Finding("dates.invalid", "error", p.message, p.path)
        for p in cvmod.problems(cv)
        if p.path.endswith(("Date", "current"))
    ]
    today = dates.today()
    for section in ("work", "education"):
        for index, entry in enumerate(getattr(cv, section)):
            start = _parsed(entry.start_date)
            if start and start.first_day > today:
                out.append(
                    Finding(
                        "dates.future",
                        "warning",
                        f"starts in the future ({entry.start_date}); check the year",
                        f"{section}[{index}].startDate",
                    )
                )
    spans = [(i, _span(job)) for i, job in enumerate(cv.work)]
    dated = [(i, s) for i, s in spans if s]
    for (_, a), (j, b) in pairwise(dated):
        if (b[1], b[0]) > (a[1], a[0]):
            out.append(
                Finding(
                    "dates.order",
                    "warning",
                    f"{cv.work[j].position} is newer than the job above it; "
                    "list jobs newest first",
                    f"work[{j}]",
                )
            )
    chronological = sorted(s for _, s in dated)
    for (_, ended), (began, _) in pairwise(chronological):
        months = (began.year - ended.year) * 12 + began.month - ended.month - 1
        if months > checks.GAP_MONTHS:
            out.append(
                Finding(
                    "dates.gap",
                    "tip",
                    f"a gap of {months} months from {ended:%b %Y} to {began:%b %Y}; "
                    "a line on what you did then (study, care, travel) answers it",
                    "work",
                )
            )
    styles = {
        "year" if len(raw) == 4 else "month"
        for job in cv.work
        for raw in (job.start_date, job.end_date)
        if raw and _parsed(raw)
    }
    if len(styles) > 1:
        out.append(
            Finding(
                "dates.style",
                "tip",
                "some dates have a month and some only a year; give month and "
                "year for every job",
                "work",
            )
        )
    return out


# ---------------------------------------------------------------- length


def guideline_pages(years: float, role: Role | None) -> int:
    """One page early in a career, two at most for experienced people."""
    senior = role is not None and set(role.seniority) <= {"senior", "lead", "executive"}
    return 1 if years < 5 and not senior else 2


def length_findings(layout: Layout, years: float, role: Role | None) -> list[Finding]:
    """Pages of the real PDF against the guideline, with the lines to cut."""
    allowed = guideline_pages(years, role)
    if layout.pages <= allowed:
        return [Finding("length.pages", "ok", f"{layout.pages} page(s): fits")]
    over = (layout.pages - allowed - 1) * PAGE_LINES + layout.last_page_lines
    return [
        Finding(
            "length.pages",
            "warning",
            f"{layout.pages} pages; {allowed} is the norm at {years:.0f} years: "
            f"cut about {over} lines",
        )
    ]


def recommend_format(cv: cvmod.CV, years: float) -> str:
    """Which layout and length suits this person, and why."""
    gaps = [f for f in date_findings(cv) if f.rule == "dates.gap"]
    if not cv.work or years < 2:
        advice = (
            "One page. Put Education (with projects, placements or part-time "
            "work) before Experience: it is your strongest evidence so far."
        )
    elif years < 10:
        advice = (
            f"One page, reverse-chronological. At {years:.0f} years, a second "
            "page only earns its place with results from the last five years."
        )
    else:
        advice = (
            f"Two pages, reverse-chronological. With {years:.0f} years, keep full "
            "detail for the last 10-15 years and one line each for older jobs."
        )
    if gaps:
        advice += (
            " Keep the reverse-chronological order even with a gap, and name it in "
            "one line: recruiters distrust skills-first layouts that hide dates."
        )
    return advice


# ---------------------------------------------------------------- whole CV


def _entries(cv: cvmod.CV, role: Role | None) -> dict[str, list[Finding]]:
    verbs = role.action_verbs if role else ()
    areas: dict[str, list[Finding]] = {area: [] for area in AREAS}
    areas["contact"] = checks.contact(cv, role)
    summary = [
        f.at("basics.summary") for f in checks.summary(cv.basics.summary or "", role)
    ]
    areas["summary"] = summary
    experience: list[Finding] = []
    if not cv.work:
        experience.append(
            Finding(
                "experience.empty",
                "warning",
                "no jobs yet: add placements, volunteering or part-time work",
                "work",
            )
        )
    for index, job in enumerate(cv.work):
        path = f"work[{index}]"
        if not job.highlights:
            experience.append(
                Finding(
                    "experience.no-bullets",
                    "warning",
                    f"{job.position or 'this job'} has no highlights; add 2-4 results",
                    f"{path}.highlights",
                )
            )
        experience += checks.job_bullets(job, verbs, path)
    areas["experience"] = experience
    if not cv.education:
        areas["education"].append(
            Finding(
                "education.empty",
                "tip",
                "add your highest qualification, or a licence or certificate",
                "education",
            )
        )
    areas["skills"] = checks.skills(cv, role)
    areas["dates"] = date_findings(cv)
    return areas


def build(
    cv: cvmod.CV,
    role: Role | None = None,
    *,
    layout: Layout | Callable[[], Layout | None] | None = None,
) -> Report:
    """Run every check on a CV; layout (or a function that measures it) adds length."""
    areas = _entries(cv, role)
    years = years_of_experience(cv)
    measured = layout() if callable(layout) else layout
    if measured is not None:
        areas["length"] = length_findings(measured, years, role)
    breakdown = {}
    bullets = sum(len(job.highlights) for job in cv.work)
    for area, weight in AREAS.items():
        lost = sum(PENALTY[f.severity] for f in areas[area]) * weight
        if area == "experience":
            # Many bullets mean more findings; judge the average, not the sum.
            lost /= max(1.0, bullets / 3)
        if any(f.rule in EMPTY_RULES for f in areas[area]):
            lost = weight
        breakdown[area] = (max(0, round(weight - lost)), weight)
    if measured is None:
        breakdown.pop("length")
    total = sum(top for _, top in breakdown.values())
    got = sum(score for score, _ in breakdown.values())
    findings = [f for found in areas.values() for f in found]
    return Report(
        findings=findings,
        score=round(100 * got / total),
        breakdown=breakdown,
        years=years,
        layout=measured,
        recommendation=recommend_format(cv, years),
        areas=areas,
    )
