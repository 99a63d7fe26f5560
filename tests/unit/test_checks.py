"""Field checks: each rule on real-looking text, including what it must not flag."""

from __future__ import annotations

import pytest

from freecv_tui import checks
from freecv_tui import cv as cvmod
from freecv_tui.roles import load_catalog


def rules(findings: list[checks.Finding]) -> dict[str, str]:
    """Rule id -> severity of every finding that asks for a change."""
    return {f.rule: f.severity for f in findings if f.counts}


STRONG = (
    "Cut p99 latency from 340 ms to 95 ms by moving the routing layer to gRPC "
    "and tuning pools"
)


def test_a_quantified_bullet_with_an_action_verb_passes() -> None:
    assert rules(checks.bullet(STRONG, current=False)) == {}


def test_responsible_for_fails_three_rules() -> None:
    found = rules(checks.bullet("Responsible for maintaining backend services"))
    assert found == {
        "bullet.short": "tip",
        "bullet.number": "warning",
        "bullet.weak-opener": "warning",
    }


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Worked on the billing service with the payments team during the 2023 "
            "migration",
            "bullet.weak-opener",
        ),
        (
            "I reduced the nightly batch from 6 hours to 40 minutes by splitting "
            "it into 12 jobs",
            "text.first-person",
        ),
        (
            "Leveraged cloud synergies to move 14 services to Kubernetes across "
            "three regions in 2024",
            "text.buzzword",
        ),
        (
            "Built " + "a very long sentence that keeps going " * 4 + "in 2022",
            "bullet.long",
        ),
    ],
)
def test_bullet_rules_fire_on_their_faults(text: str, rule: str) -> None:
    assert rule in rules(checks.bullet(text, current=False))


def test_present_tense_in_a_past_job_is_flagged_but_not_in_the_current_one() -> None:
    text = "Manage a team of 6 engineers who ship the payments API to 2 million users"
    assert rules(checks.bullet(text, current=False)) == {"bullet.tense": "warning"}
    assert rules(checks.bullet(text, current=True)) == {}


@pytest.mark.parametrize(
    "text",
    [
        "Set up on-call for 8 engineers, cutting pages per week from 30 to 6",
        "Led 4 nurses on a 28-bed ward through a 2023 Epic go-live with no "
        "missed doses",
        "Forecast quarterly cash for 3 entities within 2% of actuals for 8 "
        "quarters running",
    ],
)
def test_verbs_spelled_alike_in_both_tenses_are_not_nagged(text: str) -> None:
    assert "bullet.tense" not in rules(checks.bullet(text, current=False))


def test_role_verbs_count_as_action_verbs() -> None:
    text = "Precepted 9 new graduate nurses, all of whom passed orientation in 12 weeks"
    found = checks.bullet(text, ["Precepted"], current=False)
    assert rules(found) == {}
    assert any(f.rule == "bullet.verb" and f.severity == "ok" for f in found)


def test_numbers_written_as_words_count() -> None:
    text = "Trained three new starters on the till and stock system within two weeks"
    assert "bullet.number" not in rules(checks.bullet(text, current=False))


def test_duplicate_bullets_in_a_job() -> None:
    job = cvmod.Work(
        company="Ferrow",
        position="Analyst",
        highlights=[STRONG, STRONG.replace("95 ms", "96 ms")],
    )
    found = checks.job_bullets(job, [], "work[0]")
    dupes = [f for f in found if f.rule == "bullet.duplicate"]
    assert [f.path for f in dupes] == ["work[0].highlights[1]"]


def test_summary_good_and_weak() -> None:
    role = load_catalog().get("backend-developer")
    good = (
        "Backend developer with 7 years building payment APIs in Go and "
        "PostgreSQL. Cut checkout latency by 45% for 2 million users."
    )
    assert rules(checks.summary(good, role)) == {}
    weak = "Hard-working and passionate developer looking for a new challenge."
    found = rules(checks.summary(weak, role))
    assert found["summary.short"] == "tip"
    assert found["summary.years"] == "tip"
    assert found["summary.result"] == "warning"
    assert found["summary.keywords"] == "tip"
    assert found["text.buzzword"] == "warning"


def test_years_are_not_counted_as_a_result() -> None:
    text = "Accountant with 6 years in audit. Known for clean, timely month ends."
    assert "summary.result" in rules(checks.summary(text))


def test_skills_duplicates_by_spelling_and_generic_words() -> None:
    cv = cvmod.CV(
        basics=cvmod.Basics(name="A B"),
        skills=["PostgreSQL", "Postgres", "Go", "Teamwork", "Kubernetes", "K8s"],
    )
    found = [f for f in checks.skills(cv) if f.counts]
    assert [(f.rule, f.path) for f in found] == [
        ("skills.duplicate", "skills[1]"),
        ("skills.generic", "skills[3]"),
        ("skills.duplicate", "skills[5]"),
    ]


def test_skills_count_and_role_coverage() -> None:
    role = load_catalog().get("devops-engineer")
    assert role is not None
    many = cvmod.CV(basics=cvmod.Basics(name="A"), skills=[f"S{i}" for i in range(18)])
    assert rules(checks.skills(many))["skills.count"] == "warning"
    some = cvmod.CV(basics=cvmod.Basics(name="A"), skills=role.key_skills[:4])
    coverage = next(f for f in checks.skills(some, role) if f.rule == "skills.coverage")
    assert coverage.message.startswith(f"4 of {len(role.key_skills)}")
    full = cvmod.CV(basics=cvmod.Basics(name="A"), skills=role.key_skills)
    assert "skills.coverage" not in rules(checks.skills(full, role))


def test_contact_email_and_expected_profile() -> None:
    role = load_catalog().get("ux-designer")
    cv = cvmod.CV.model_construct(
        basics=cvmod.Basics.model_construct(name="A", email="ana@", profiles=[])
    )
    found = rules(checks.contact(cv, role))
    assert found["contact.email"] == "error"
    assert found["contact.profile"] == "tip"
    cv.basics.url = "https://ana.example.org"
    cv.basics.email = "ana@example.org"
    cv.basics.phone = "+44 20 7946 0000"
    cv.basics.location = "Leeds, UK"
    assert rules(checks.contact(cv, role)) == {}
