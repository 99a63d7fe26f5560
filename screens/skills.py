"""Skills: the role's key skills as toggles, plus any of your own."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input, SelectionList, Static

from freecv_tui import checks
from freecv_tui.checks import Finding
from freecv_tui.screens.base import StepScreen
from freecv_tui.screens.widgets import CheckList, LineInput


def split_skills(typed: str) -> list[str]:
    """Skills typed with commas between them; commas inside brackets stay.

    "SQL (joins, CTEs), Python" is two skills, not three.
    """
    parts, depth, current = [], 0, ""
    for ch in typed:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    return [*parts, current]


class SkillsScreen(StepScreen):
    """Toggle the role's key skills and add your own."""

    STEP = "skills"
    TITLE_TEXT = "Skills"

    def compose_form(self) -> ComposeResult:
        have = {s.casefold() for s in self.cv.skills}
        role = self.wizard.role
        key = role.key_skills if role else []
        yield Static("Key skills for this role (space toggles):", classes="hint")
        yield CheckList([(s, s.casefold() in have) for s in key], id="key-skills")
        yield Static(
            "Add your own (Enter adds; commas separate several):", classes="hint"
        )
        hint = ", ".join(key[-2:]) if len(key) >= 2 else "a tool, method or licence"
        yield LineInput(placeholder=f"e.g. {hint}", id="new-skill")
        yield Static("Your other skills (space removes):", classes="hint")
        keyset = {s.casefold() for s in key}
        yield CheckList(
            [(s, True) for s in self.cv.skills if s.casefold() not in keyset],
            id="own-skills",
        )

    def on_mount(self) -> None:
        self.query_one("#key-skills", SelectionList).focus()

    def _rebuild(self) -> None:
        """Skills in order: kept entries first, then newly selected ones."""
        chosen = set(self.query_one("#key-skills", SelectionList).selected)
        chosen |= set(self.query_one("#own-skills", SelectionList).selected)
        kept = [s for s in self.cv.skills if s in chosen]
        added = [s for s in self._all_in_view_order() if s in chosen and s not in kept]
        self.cv.skills[:] = kept + added
        self.wizard.cv_changed()
        self.refresh_note()

    def _all_in_view_order(self) -> list[str]:
        keys = self.query_one("#key-skills", CheckList).values()
        return keys + self.query_one("#own-skills", CheckList).values()

    @on(SelectionList.SelectedChanged)
    def _toggled(self) -> None:
        self._rebuild()

    @on(Input.Submitted, "#new-skill")
    def _add(self, event: Input.Submitted) -> None:
        own = self.query_one("#own-skills", CheckList)
        keys = self.query_one("#key-skills", CheckList)
        present = {s.casefold(): s for s in self._all_in_view_order()}
        for raw in split_skills(event.value):
            skill = " ".join(raw.split())
            if not skill:
                continue
            existing = present.get(skill.casefold())
            if (existing or skill) not in self.cv.skills:
                # Appended now so the CV keeps the order they were typed in.
                self.cv.skills.append(existing or skill)
            if existing is None:
                own.add_item(skill)
                present[skill.casefold()] = skill
            elif existing in keys.values():
                keys.select(existing)
            else:
                own.select(existing)
        event.input.value = ""
        self._rebuild()

    def findings_for(self, widget: Widget) -> tuple[str, list[Finding]]:
        found = checks.skills(self.cv, self.wizard.role)
        if not any(f.counts for f in found):
            found.append(Finding("skills.ok", "ok", f"{len(self.cv.skills)} skills"))
        return "Skills", found
