"""Job-ad keywords: tools and multi-word terms out, noise left, coverage right."""

from __future__ import annotations

from freecv_tui import cv as cvmod
from freecv_tui import jobad

AD = """Senior Backend Engineer (Payments)

We're looking for an engineer to build event-driven systems for our payments platform.

- Run Go services on Kubernetes in AWS
- Own event-driven systems built on Kafka
- Improve observability with OpenTelemetry and Grafana
- 5+ years in Go or Java; Terraform; PostgreSQL tuning
- A degree in Computer Science or equivalent
- PCI DSS awareness is a plus
"""
VOCAB = ["Go", "Kubernetes", "Kafka", "PostgreSQL", "Terraform", "Java", "Grafana"]


def test_extracts_tools_and_multi_word_terms() -> None:
    terms = [t for t, _ in jobad.extract(AD, VOCAB)]
    for wanted in ("event-driven systems", "Kafka", "OpenTelemetry", "AWS", "PCI DSS"):
        assert wanted in terms
    for noise in ("5+", "years", "plus", "We're", "looking"):
        assert noise not in terms


def test_go_the_verb_is_not_go_the_language() -> None:
    terms = [t for t, _ in jobad.extract("You will go far. Ready to go?", ["Go"])]
    assert "Go" not in terms


def test_coverage_and_where_to_add() -> None:
    cv = cvmod.CV(
        basics=cvmod.Basics(name="A", summary="Go developer, 6 years on Kubernetes."),
        skills=["Go", "Kubernetes", "Postgres"],
    )
    result = {k.term: k for k in jobad.match(cv, AD, VOCAB)}
    assert result["Go"].covered and result["Kubernetes"].covered
    assert result["PostgreSQL"].covered  # Postgres is the same skill
    assert not result["Kafka"].covered
    assert result["Kafka"].where.startswith("Skills")
    assert result["event-driven systems"].where.startswith("a work bullet")
