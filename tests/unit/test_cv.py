"""cv.json models: round trips, errors that name the path, and schema validity."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from freecv_tui import cv as cvmod
from freecv_tui.errors import CVFileError
from tests.conftest import EXAMPLES, shared_file


def _paths(exc: CVFileError) -> list[str]:
    return [p.path for p in exc.problems]


def test_typical_example_round_trip_keeps_every_field() -> None:
    source = shared_file(EXAMPLES / "typical.json")
    original = json.loads(source.read_text(encoding="utf-8"))
    written = cvmod.to_dict(cvmod.load(source))
    assert written == original


def test_unknown_keys_and_extensions_survive() -> None:
    data: dict[str, Any] = {
        "basics": {"name": "Tove Marsh", "x-pronouns": "she/her"},
        "work": [
            {
                "company": "Larchfield",
                "position": "Analyst",
                "x-team": {"size": 4},
                "highlights": ["Cut report time by 40% across 3 regions"],
            }
        ],
        "x-customSections": [{"name": "Patents", "items": [{"name": "A valve"}]}],
        "somethingNew": [1, 2, 3],
        "meta": {"version": "1.2", "canonical": "urn:x", "lastModified": "2026-01-01"},
    }
    out = cvmod.to_dict(cvmod.from_data(data))
    assert out["basics"]["x-pronouns"] == "she/her"
    assert out["work"][0]["x-team"] == {"size": 4}
    assert out["x-customSections"] == data["x-customSections"]
    assert out["somethingNew"] == [1, 2, 3]


def test_written_cv_validates_against_the_official_schema(
    schema_validator: Any,
) -> None:
    cv = cvmod.load(shared_file(EXAMPLES / "typical.json"))
    data = json.loads(cvmod.dumps(cvmod.stamp(cv)))
    errors = [e.message for e in schema_validator.iter_errors(data)]
    assert errors == []
    assert data["meta"]["version"] == "1.2.1"
    assert data["meta"]["generator"].startswith("freecv-tui")
    assert data["meta"]["canonical"] == "https://yarahaddad.dev"


def test_canonical_is_a_stable_urn_without_a_website() -> None:
    cv = cvmod.from_data({"basics": {"name": "Ines Quarrie"}})
    first = cvmod.stamp(cv)
    assert first.meta.canonical.startswith("urn:uuid:")
    again = cvmod.stamp(cvmod.from_data(cvmod.to_dict(first)))
    assert again.meta.canonical == first.meta.canonical


def test_present_as_end_date_is_an_error_with_the_fix(case: Any) -> None:
    with pytest.raises(CVFileError) as info:
        cvmod.load(case("12"))
    messages = {p.path: p.message for p in info.value.problems}
    assert set(messages) == {"work[0].endDate", "education[0].endDate"}
    assert '"current": true' in messages["education[0].endDate"]
    assert "Invalid Date" not in str(info.value)


def test_end_before_start_names_the_entry(case: Any) -> None:
    with pytest.raises(CVFileError) as info:
        cvmod.load(case("14"))
    assert _paths(info.value) == ["work[0].endDate", "education[0].endDate"]


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2023-02-30", "28 days"),
        ("2024-04-31", "30 days"),
        ("2100-02-29", "28 days"),
        ("2021-13", "no month 13"),
        ("2021-00", "no month 0"),
        ("21-03", "YYYY"),
        ("March 2021", "YYYY"),
    ],
)
def test_impossible_dates_are_rejected_not_rolled_over(
    value: str, fragment: str
) -> None:
    data = {
        "basics": {"name": "A B"},
        "work": [{"company": "C", "position": "P", "startDate": value}],
    }
    with pytest.raises(CVFileError) as info:
        cvmod.from_data(data)
    assert _paths(info.value) == ["work[0].startDate"]
    assert fragment in info.value.problems[0].message


def test_leap_day_in_a_leap_year_is_fine() -> None:
    cv = cvmod.from_data(
        {
            "basics": {"name": "A B"},
            "work": [{"company": "C", "position": "P", "startDate": "2024-02-29"}],
        }
    )
    assert cv.work[0].start_date == "2024-02-29"


def test_impossible_dates_case_reports_every_one(case: Any) -> None:
    with pytest.raises(CVFileError) as info:
        cvmod.load(case("30"))
    assert _paths(info.value) == [
        "work[0].startDate",
        "work[0].endDate",
        "work[1].startDate",
        "work[1].endDate",
    ]


def test_current_with_an_end_date_is_an_error() -> None:
    data = {
        "basics": {"name": "A B"},
        "work": [
            {
                "company": "C",
                "position": "P",
                "startDate": "2020",
                "endDate": "2021",
                "current": True,
            }
        ],
    }
    with pytest.raises(CVFileError) as info:
        cvmod.from_data(data)
    assert _paths(info.value) == ["work[0].endDate"]


def test_bom_is_accepted_and_not_written_back(case: Any, tmp_path: Path) -> None:
    cv = cvmod.load(case("28"))
    assert cv.basics.name == "Noor Haddad"
    assert not cvmod.dumps(cv).startswith("\ufeff")


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "basics": {"name": "A"},\n  "work": [,]\n}\n')
    with pytest.raises(CVFileError) as info:
        cvmod.load(path)
    assert info.value.problems[0].path == "line 3, column 12"
    assert str(path) in str(info.value)


def test_wrong_types_and_missing_keys_are_plain_sentences() -> None:
    with pytest.raises(CVFileError) as info:
        cvmod.from_data({"basics": {"name": "A"}, "work": [{"company": 5}]})
    messages = {p.path: p.message for p in info.value.problems}
    assert messages["work[0].company"] == "it must be text in quotes"
    assert messages["work[0].position"] == "it is required; add it"


def test_draft_mode_keeps_half_typed_values() -> None:
    data = {
        "basics": {"name": "", "email": "ana@"},
        "work": [{"company": "", "position": "", "startDate": "2021-1"}],
    }
    cv = cvmod.from_data(data, draft=True)
    assert cv.basics.email == "ana@"
    assert cv.work[0].start_date == "2021-1"
    paths = [p.path for p in cvmod.problems(cv)]
    assert "basics.email" in paths
    assert "work[0].startDate" in paths
    assert "basics.name" in paths


def test_duplicate_skills_are_reported() -> None:
    with pytest.raises(CVFileError) as info:
        cvmod.from_data({"basics": {"name": "A"}, "skills": ["Go", "Go"]})
    assert _paths(info.value) == ["skills"]
