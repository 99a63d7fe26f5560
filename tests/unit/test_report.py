"""The whole-CV report: dates across entries, length, format advice and the score."""

from __future__ import annotations

from typing import Any

from freecv_tui import cv as cvmod
from freecv_tui import report
from freecv_tui.roles import load_catalog


def _job(company: str, start: str, end: str | None = None, **kw: Any) -> cvmod.Work:
    return cvmod.Work(
        company=company,
        position="Analyst",
        start_date=start,
        end_date=end,
        current=None if end else True,
        **kw,
    )


def _cv(*jobs: cvmod.Work) -> cvmod.CV:
    return cvmod.CV(basics=cvmod.Basics(name="Ines Quarrie"), work=list(jobs))


def test_order_gap_and_style_findings() -> None:
    cv = _cv(
        _job("Older", "2016-01", "2018-06"),
        _job("Newer", "2019-09"),
    )
    found = {f.rule: f for f in report.date_findings(cv)}
    assert found["dates.order"].path == "work[1]"
    assert "14 months" in found["dates.gap"].message
    assert "dates.style" not in found


def test_a_short_gap_and_consistent_dates_are_not_flagged() -> None:
    cv = _cv(_job("Newer", "2021-03"), _job("Older", "2018-01", "2020-12"))
    assert report.date_findings(cv) == []


def test_mixed_date_styles() -> None:
    cv = _cv(_job("Newer", "2021-03"), _job("Older", "2018", "2020"))
    assert [f.rule for f in report.date_findings(cv)] == ["dates.style"]


def test_future_start_is_a_warning(case: Any) -> None:
    cv = cvmod.load(case("14"), draft=True)
    future = [f for f in report.date_findings(cv) if f.rule == "dates.future"]
    assert [f.path for f in future] == ["work[1].startDate"]


def test_years_of_experience_counts_overlaps_once() -> None:
    cv = _cv(_job("A", "2020-01", "2021-12"), _job("B", "2021-01", "2022-12"))
    assert round(report.years_of_experience(cv), 1) == 3.0


def test_length_against_the_guideline() -> None:
    long = report.length_findings(report.Layout(2, 12), years=2, role=None)
    assert long[0].severity == "warning"
    assert "cut about 12 lines" in long[0].message
    fine = report.length_findings(report.Layout(2, 40), years=12, role=None)
    assert fine[0].severity == "ok"


def test_recommendation_depends_on_years_and_gaps() -> None:
    assert "Education" in report.recommend_format(_cv(), 0)
    senior = _cv(_job("A", "2008-01"))
    assert "Two pages" in report.recommend_format(senior, 18)
    gap = _cv(_job("B", "2022-01"), _job("A", "2015-01", "2020-01"))
    assert "gap" in report.recommend_format(gap, 8)


def test_a_strong_example_scores_higher_than_a_weak_cv() -> None:
    role = load_catalog().get("backend-developer")
    assert role is not None
    strong = report.build(cvmod.from_data(role.example), role)
    weak = cvmod.CV(
        basics=cvmod.Basics(name="A B", summary="Hard-working developer."),
        work=[
            cvmod.Work(
                company="Acme",
                position="Developer",
                start_date="2021-01",
                current=True,
                highlights=["Responsible for backend", "Worked on various things"],
            )
        ],
        skills=["Teamwork", "Communication"],
    )
    poor = report.build(weak, role)
    assert strong.score >= 85
    assert poor.score < 65
    assert set(strong.breakdown) == set(report.AREAS) - {"length"}
    data = poor.as_dict()
    assert data["score"] == poor.score
    assert {f["area"] for f in data["findings"]} >= {"summary", "experience", "skills"}


def test_an_almost_empty_cv_scores_low() -> None:
    role = load_catalog().get("chef")
    empty = report.build(cvmod.CV(basics=cvmod.Basics(name="A")), role)
    assert empty.score < 40
    for area in ("summary", "experience", "education", "skills"):
        assert empty.breakdown[area][0] == 0, area
