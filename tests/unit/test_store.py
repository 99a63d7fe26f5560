"""Drafts on disk: unreadable ones are kept whole, odd session values are dropped."""

from __future__ import annotations

import json

import pytest

from freecv_tui import store
from freecv_tui.cv import empty_cv
from freecv_tui.errors import FreeCVError


def _draft(data: bytes) -> None:
    store.draft_path().parent.mkdir(parents=True, exist_ok=True)
    store.draft_path().write_bytes(data)


def test_an_unreadable_draft_is_moved_whole_into_the_backups() -> None:
    _draft(b'{"basics": {"name": "Zo')
    target = store.set_aside_draft()
    assert target is not None
    assert target.parent == store.backups_dir()
    assert target.read_bytes() == b'{"basics": {"name": "Zo'
    assert not store.draft_path().exists()
    assert store.set_aside_draft() is None  # nothing left to move


def test_pruning_replaced_drafts_never_deletes_a_broken_one() -> None:
    _draft(b"not json")
    broken = store.set_aside_draft()
    assert broken is not None
    for number in range(store.BACKUPS_KEPT + 2):
        store.save_draft(empty_cv(), store.Session(step=f"s{number}"))
        store.discard_draft()
    assert len(list(store.backups_dir().glob("cv-*.json"))) == store.BACKUPS_KEPT
    assert broken.read_bytes() == b"not json"


def test_a_draft_that_cannot_be_moved_is_left_and_the_error_names_it() -> None:
    _draft(b"not json")
    store.backups_dir().write_text("in the way")
    with pytest.raises(FreeCVError) as caught:
        store.set_aside_draft()
    assert str(store.draft_path()) in caught.value.message
    assert store.draft_path().read_bytes() == b"not json"


@pytest.mark.parametrize(
    ("saved", "expected"),
    [
        ({"role": "nurse", "step": "work", "source": None}, ("nurse", "work", None)),
        ({"role": ["nurse"], "step": 3, "source": {"a": 1}}, (None, "role", None)),
        ({"role": None, "step": None, "extra": "x"}, (None, "role", None)),
    ],
)
def test_session_values_of_the_wrong_type_are_dropped(
    saved: dict[str, object], expected: tuple[object, ...]
) -> None:
    store.session_path().parent.mkdir(parents=True, exist_ok=True)
    store.session_path().write_text(json.dumps(saved))
    session = store.load_session()
    assert (session.role, session.step, session.source) == expected
