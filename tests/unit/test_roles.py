"""Role files: the shipped library, broken files, BOMs and user overrides."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from freecv_tui import cv as cvmod
from freecv_tui.errors import RoleFileError
from freecv_tui.roles import STEPS, load_catalog, load_file, parse_role

REQUIRED = {
    "backend-developer",
    "software-engineer",
    "full-stack-developer",
    "devops-engineer",
    "registered-nurse",
    "accountant",
}


def _role_text(role_id: str = "tiny-role", extra: str = "") -> str:
    """A valid role file made from the shipped accountant file; extra goes on top."""
    from freecv_tui.roles import builtin_files

    text = dict(builtin_files())["accountant.toml"]
    return text.replace('id = "accountant"', f'id = "{role_id}"\n{extra}', 1)


def test_builtin_library_loads_without_problems() -> None:
    catalog = load_catalog()
    assert catalog.problems == []
    assert set(catalog.roles) >= REQUIRED


@pytest.mark.parametrize("role_id", sorted(REQUIRED))
def test_every_required_role_is_complete(role_id: str) -> None:
    role = load_catalog().get(role_id)
    assert role is not None
    for step in STEPS:
        assert role.tips.for_step(step).strip()
    assert len(role.key_skills) >= 12
    assert len(role.questions) >= 5
    assert len(role.common_mistakes) >= 4
    example = cvmod.from_data(role.example, f"{role_id} example")
    assert len(example.work) >= 2
    assert example.education and example.skills
    for related in role.related:
        assert load_catalog().get(related) is not None, related
    for salary in role.salary:
        assert salary.source.strip() and salary.year


def test_unknown_key_is_named_with_the_file(tmp_path: Path) -> None:
    bad = _role_text(extra='recruiter_tipz = "typo"')
    with pytest.raises(RoleFileError) as info:
        parse_role(bad, "roles/tiny-role.toml")
    assert info.value.problems[0].path == "recruiter_tipz"
    assert "roles/tiny-role.toml" in str(info.value)
    assert "spelling" in str(info.value)


def test_bom_role_file_loads(tmp_path: Path, case: Any) -> None:
    path = tmp_path / "tiny-role.toml"
    path.write_bytes(b"\xef\xbb\xbf" + _role_text().encode())
    assert load_file(path).id == "tiny-role"


def test_shared_bom_case_reports_keys_not_a_bare_line_one_error(case: Any) -> None:
    with pytest.raises(RoleFileError) as info:
        load_file(case("27"))
    text = str(info.value)
    assert "line 1" not in text.lower()
    assert "role" in [p.path for p in info.value.problems]


def test_broken_user_file_is_reported_and_the_rest_still_load(
    private_home: Path,
) -> None:
    folder = private_home / "roles"
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('id = "broken"\ntitle = \n')
    (folder / "tiny-role.toml").write_text(_role_text())
    catalog = load_catalog()
    assert "tiny-role" in catalog.roles
    assert set(catalog.roles) >= REQUIRED
    assert len(catalog.problems) == 1
    assert "broken.toml" in catalog.problems[0].message


def test_user_role_with_a_builtin_id_replaces_it(private_home: Path) -> None:
    folder = private_home / "roles"
    folder.mkdir(parents=True)
    text = _role_text("accountant").replace(
        'title = "Accountant"', 'title = "Staff Accountant (ours)"', 1
    )
    (folder / "accountant.toml").write_text(text)
    catalog = load_catalog()
    role = catalog.get("accountant")
    assert role is not None and role.title == "Staff Accountant (ours)"
    assert catalog.sources["accountant"].endswith("accountant.toml")


def test_id_must_match_file_name(tmp_path: Path) -> None:
    path = tmp_path / "other-name.toml"
    path.write_text(_role_text())
    with pytest.raises(RoleFileError) as info:
        load_file(path)
    assert info.value.problems[0].path == "id"


def test_filter_matches_aliases() -> None:
    role = load_catalog().summaries["registered-nurse"]
    assert role.matches("nurse")
    assert not role.matches("accountant")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("backend", "backend-developer"),
        ("backnd", "backend-developer"),
        ("acountant", "accountant"),
        ("RN", "registered-nurse"),
        ("kubernetes", "devops-engineer"),
        ("full stack", "full-stack-developer"),
    ],
)
def test_search_finds_by_title_alias_typo_and_skill(query: str, first: str) -> None:
    from freecv_tui.roles import search

    assert search(load_catalog(), query)[0].id == first


def test_search_does_not_return_noise() -> None:
    from freecv_tui.roles import search

    catalog = load_catalog()
    assert search(catalog, "xylophone") == []
    assert "registered-nurse" not in [r.id for r in search(catalog, "backnd")]
    assert len(search(catalog, "")) == len(catalog)


def test_every_word_of_a_query_must_match() -> None:
    from freecv_tui.roles import search

    found = [r.id for r in search(load_catalog(), "nurse kubernetes")]
    assert found == []


def test_index_is_cached_and_notices_a_changed_file(private_home: Path) -> None:
    folder = private_home / "roles"
    folder.mkdir(parents=True)
    path = folder / "tiny-role.toml"
    path.write_text(_role_text())
    assert load_catalog().summaries["tiny-role"].title == "Accountant"
    assert (private_home / "cache" / "role-index.json").exists()
    path.write_text(_role_text().replace('title = "Accountant"', 'title = "Tiny"', 1))
    import os

    os.utime(path, ns=(1, 1))  # make sure the stamp differs even within a tick
    catalog = load_catalog()
    assert catalog.summaries["tiny-role"].title == "Tiny"
    role = catalog.get("tiny-role")
    assert role is not None and role.title == "Tiny"


def test_full_text_loads_only_when_asked(private_home: Path) -> None:
    load_catalog()  # builds the index
    catalog = load_catalog()
    assert catalog._full == {}
    role = catalog.get("accountant")
    assert role is not None and role.questions
    assert set(catalog._full) == {"accountant"}


def test_an_example_spilling_onto_a_nearly_empty_page_is_flagged() -> None:
    from freecv_tui.export.pdf import measure_fit
    from freecv_tui.rolecheck import check_role

    catalog = load_catalog()
    role = catalog.get("accountant")
    assert role is not None

    def length_issues(example: dict[str, Any]) -> list[str]:
        changed = role.model_copy(update={"example": example})
        issues = check_role(changed, "accountant.toml", catalog.roles)
        return [issue.message for issue in issues if issue.key == "example"]

    assert length_issues(role.example) == []
    longer = copy.deepcopy(role.example)
    bullets = longer["work"][0]["highlights"]
    extra = iter(
        f"Reconciled {n} intercompany accounts each month, clearing "
        f"{n + 4} aged items before the quarterly close"
        for n in range(10, 60)
    )
    while measure_fit(cvmod.from_data(longer)).pages < 2:
        bullets.append(next(extra))
    [message] = length_issues(longer)
    assert "page 2 holds only" in message
    assert "(classic, A4)" in message
