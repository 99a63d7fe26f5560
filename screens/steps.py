"""Step ids to screens, so the app can switch by name."""

from __future__ import annotations

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


def make(step: str, focus: str | None = None) -> Screen[None]:
    """A new screen for a step id; an unknown id (an old draft) starts at the role."""
    from freecv_tui.screens.contact import ContactScreen
    from freecv_tui.screens.entries import EducationScreen, WorkScreen
    from freecv_tui.screens.review import ReviewScreen
    from freecv_tui.screens.role import RoleScreen
    from freecv_tui.screens.skills import SkillsScreen
    from freecv_tui.screens.summary import SummaryScreen

    screens: dict[str, type[Screen[None]]] = {
        "role": RoleScreen,
        "contact": ContactScreen,
        "summary": SummaryScreen,
        "work": WorkScreen,
        "education": EducationScreen,
        "skills": SkillsScreen,
        "review": ReviewScreen,
    }
    assert set(screens) == set(ORDER)
    return screens.get(step, RoleScreen)(focus=focus)
