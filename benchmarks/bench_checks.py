"""Time the recruiter checks: one field as typed, and a whole two-page CV."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from freecv_tui import checks, report
from freecv_tui import cv as cvmod
from freecv_tui.roles import load_catalog


def _median_ms(func: Callable[[], object], runs: int = 200) -> float:
    func()  # warm caches (word lists, compiled patterns)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def two_page_cv() -> tuple[cvmod.CV, object]:
    """The backend role's example, grown to about two pages of jobs."""
    role = load_catalog().get("backend-developer")
    assert role is not None
    base = cvmod.from_data(role.example)
    jobs = list(base.work)
    while len(jobs) < 7:
        jobs += [job.model_copy(deep=True) for job in base.work]
    return base.model_copy(update={"work": jobs[:7]}), role


def main() -> None:
    """Print medians in milliseconds."""
    cv, role = two_page_cv()
    bullet = cv.work[0].highlights[0]
    rows = [
        ("one bullet as typed", lambda: checks.bullet(bullet, role.action_verbs)),
        ("the summary", lambda: checks.summary(cv.basics.summary or "", role)),
        ("the skills list", lambda: checks.skills(cv, role)),
        ("whole CV, no layout", lambda: report.build(cv, role)),
    ]
    bullets = sum(len(j.highlights) for j in cv.work)
    print(f"CV: {len(cv.work)} jobs, {bullets} bullets, {len(cv.skills)} skills")
    for name, func in rows:
        print(f"{name:<24} {_median_ms(func):8.3f} ms")


if __name__ == "__main__":
    main()
