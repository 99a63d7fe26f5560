"""Role search and the headline guess: an exact name wins over shared words."""

from __future__ import annotations

from collections import Counter

import pytest

from freecv_tui.cli_check import guess_role
from freecv_tui.roles import load_catalog, search


def _top(query: str) -> str:
    """The id the role picker would highlight (and Enter pick) for a filter."""
    return search(load_catalog(), query)[0].id


def test_every_builtin_title_finds_its_own_role_first() -> None:
    catalog = load_catalog()
    wrong = {
        role.title: search(catalog, role.title)[0].id
        for role in catalog
        if search(catalog, role.title)[0].id != role.id
    }
    assert wrong == {}


def test_every_alias_only_one_role_has_finds_that_role_first() -> None:
    catalog = load_catalog()
    owners = Counter(alias.lower() for role in catalog for alias in role.aliases)
    wrong = {
        alias: search(catalog, alias)[0].id
        for role in catalog
        for alias in role.aliases
        if owners[alias.lower()] == 1 and search(catalog, alias)[0].id != role.id
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("data analyst", "data-analyst"),
        ("  Data   ANALYST ", "data-analyst"),
        ("software engineer", "software-engineer"),
        ("product-manager", "product-manager"),
        ("staff nurse", "registered-nurse"),
        ("TA", "teaching-assistant"),
    ],
)
def test_an_exact_title_alias_or_id_ranks_first_whatever_the_case(
    query: str, first: str
) -> None:
    assert _top(query) == first


@pytest.mark.parametrize("query", ["data", "designer", "engineer", "product"])
def test_titles_holding_every_word_come_before_other_matches(query: str) -> None:
    found = search(load_catalog(), query)
    in_title = [query in role.title.lower().split() for role in found]
    assert any(in_title) and not all(in_title)
    assert in_title == sorted(in_title, reverse=True)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("sofware engineer", "software-engineer"),
        ("data analist", "data-analyst"),
        ("acountant", "accountant"),
        ("markting manager", "marketing-manager"),
    ],
)
def test_a_typo_still_finds_the_role(query: str, first: str) -> None:
    assert _top(query) == first


def test_guess_role_names_every_builtin_role_from_its_title() -> None:
    catalog = load_catalog()
    wrong = {
        role.title: guess_role(catalog, role.title)
        for role in catalog
        if guess_role(catalog, role.title) != role.id
    }
    assert wrong == {}


@pytest.mark.parametrize(
    ("headline", "role_id"),
    [
        ("Data Analyst | SQL, Python, Tableau", "data-analyst"),
        ("Senior Software Engineer · Python, Go", "software-engineer"),
        ("Registered Nurse - ICU and theatres", "registered-nurse"),
        ("Product Manager: B2B SaaS, payments", "product-manager"),
        ("QA Engineer, test automation", "qa-engineer"),
        ("Operations Manager – warehouses", "operations-manager"),
        ("Full-Stack Developer | React", "full-stack-developer"),
        ("Lead Data Scientist", "data-scientist"),
        ("Staff Nurse", "registered-nurse"),
        ("Senior Sofware Engineer | Go", "software-engineer"),
    ],
)
def test_guess_role_reads_the_title_before_separators_and_specialities(
    headline: str, role_id: str
) -> None:
    assert guess_role(load_catalog(), headline) == role_id


@pytest.mark.parametrize("headline", ["", "  ", "—", " | ", "软件工程师"])
def test_guess_role_guesses_nothing_from_a_headline_without_role_words(
    headline: str,
) -> None:
    assert guess_role(load_catalog(), headline) is None
