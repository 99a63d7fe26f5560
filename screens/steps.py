"""Step ids to screens, so the app can switch by name."""

from __future__ import annotations

import importlib

from textual.screen import Screen

from freecv_tui.screens.base import ORDER


def step_for(path: str) -> tuple[str, str]:
    """The step that edits a JSON path, and the path within it."""
    if path.startswith("basics.summary"):
        return "summary", "summary"
    if path.startswith("basics"):
        return "contact", path.removeprefix("basics").lstrip(".")
    for step in ("work", "education", "skills"):
        if path.startswith(step):
            return step, path.removeprefix(step)
    return "review", ""


_SCREENS = {
    "role": ("role", "RoleScreen"),
    "contact": ("contact", "ContactScreen"),
    "summary": ("summary", "SummaryScreen"),
    "work": ("entries", "WorkScreen"),
    "education": ("entries", "EducationScreen"),
    "skills": ("skills", "SkillsScreen"),
    "review": ("review", "ReviewScreen"),
}
"""Step id -> (module in freecv_tui.screens, class); imported only when shown."""


def make(step: str, focus: str | None = None) -> Screen[None]:
    """A new screen for a step id; an unknown id (an old draft) starts at the role."""
    assert set(_SCREENS) == set(ORDER)
    module_name, class_name = _SCREENS.get(step, _SCREENS["role"])
    module = importlib.import_module(f"freecv_tui.screens.{module_name}")
    screen: Screen[None] = getattr(module, class_name)(focus=focus)
    return screen
