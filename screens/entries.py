"""Work and education: a list of entries to add, edit, delete and reorder."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, cast

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from freecv_tui import checks, dates
from freecv_tui.checks import Finding
from freecv_tui.cv import Dated, Education, Work, json_path
from freecv_tui.screens.base import StepScreen
from freecv_tui.screens.modals import ConfirmModal
from freecv_tui.screens.widgets import Field


@dataclass(frozen=True)
class Section:
    """How one list section of the CV is shown and edited."""

    key: str
    noun: str
    model: type[Dated]
    fields: tuple[tuple[str, str, str], ...]
    """(attribute, label, placeholder) of each one-line field, in order."""
    required: tuple[str, ...]

    def blank(self) -> Dated:
        """A new entry with its required text fields empty, ready to fill in."""
        return self.model.model_construct(**{name: "" for name in self.required})

    def entries(self, cv: object) -> list[Dated]:
        """The CV's list for this section."""
        return cast(list[Dated], getattr(cv, self.key))

    def headline(self, entry: Dated) -> str:
        """One line naming an entry in the list."""
        if isinstance(entry, Work):
            what = " at ".join(x for x in (entry.position, entry.company) if x)
        else:
            e = cast(Education, entry)
            what = ", ".join(x for x in (e.degree, e.field, e.institution) if x)
        when = entry.date_range()
        return f"{what or '(empty)'}  {when}".strip()


WORK = Section(
    key="work",
    noun="job",
    model=Work,
    fields=(
        ("position", "Job title *", "e.g. Backend Developer"),
        ("company", "Company *", "e.g. Harbour Logistics"),
        ("location", "Location", "City, Country or Remote"),
        ("start_date", "Start", "YYYY-MM, e.g. 2021-04"),
        ("end_date", "End", "YYYY-MM, or Present"),
        ("summary", "Team or scope", "one line, e.g. Payments API team of 6"),
    ),
    required=("position", "company"),
)
EDUCATION = Section(
    key="education",
    noun="course",
    model=Education,
    fields=(
        ("degree", "Degree *", "e.g. BSc, Diploma, ACCA"),
        ("field", "Field of study", "e.g. Computer Science"),
        ("institution", "Institution *", "school, college or university"),
        ("start_date", "Start", "YYYY or YYYY-MM"),
        ("end_date", "End", "YYYY or YYYY-MM, or Present"),
        ("score", "Grade", "optional, e.g. First, 3.8/4.0"),
    ),
    required=("institution", "degree"),
)
ALIASES = {"start_date": "startDate", "end_date": "endDate"}


def entry_problems(section: Section, entry: Dated) -> dict[str, str]:
    """Field name -> message for everything wrong with one entry."""
    data = entry.model_dump(by_alias=True, exclude_none=True)
    out: dict[str, str] = {}
    for name in section.required:
        if not (getattr(entry, name) or "").strip():
            out[name] = "required"
    try:
        section.model.model_validate(data)
    except ValidationError as exc:
        from freecv_tui.cv import problems_from

        for problem in problems_from(exc):
            attr = next(
                (a for a, alias in ALIASES.items() if problem.path == alias),
                problem.path,
            )
            out.setdefault(attr, problem.message)
    return out


class EntryListScreen(StepScreen):
    """A list of entries with keys to add, edit, delete and move them."""

    SECTION: ClassVar[Section]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", tooltip="Add an entry", id="add-entry"),
        Binding("e", "edit", "Edit", show=False, id="edit-entry"),
        Binding("d", "delete", "Delete", tooltip="Delete the entry", id="delete-entry"),
        Binding(
            "k,shift+up", "move(-1)", "Up", tooltip="Move the entry up", id="move-up"
        ),
        Binding(
            "j,shift+down",
            "move(1)",
            "Down",
            tooltip="Move the entry down",
            id="move-down",
        ),
    ]

    def compose_form(self) -> ComposeResult:
        yield OptionList(id="entries")
        with Horizontal(classes="entry-buttons"):
            yield Button("Add", id="add", compact=True)
            yield Button("Edit", id="edit", compact=True)
            yield Button("Delete", id="delete", compact=True)
            yield Button("Up", id="up", compact=True)
            yield Button("Down", id="down", compact=True)

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#entries", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refill(self.query_one("#entries", OptionList).highlighted)

    def focus_path(self, path: str) -> None:
        """Open the entry a path names ("[1].highlights[0]") at that field."""
        match = re.match(r"\[(\d+)\]\.?(.*)", path)
        if not match or int(match.group(1)) >= len(self.entries):
            return
        index = int(match.group(1))
        self.query_one("#entries", OptionList).highlighted = index
        self.app.push_screen(EntryEditor(self.SECTION, index, focus=match.group(2)))

    @property
    def entries(self) -> list[Dated]:
        """The section's entries in the CV."""
        return self.SECTION.entries(self.cv)

    def refill(self, highlight: int | None = 0) -> None:
        """Redraw the list from the CV."""
        options = self.query_one("#entries", OptionList)
        options.clear_options()
        for index, entry in enumerate(self.entries):
            mark = "✗ " if entry_problems(self.SECTION, entry) else ""
            options.add_option(
                Option(mark + self.SECTION.headline(entry), id=str(index))
            )
        if not self.entries:
            options.add_option(
                Option(
                    f"No {self.SECTION.noun}s yet: press a to add one", disabled=True
                )
            )
        elif highlight is not None:
            options.highlighted = min(highlight, len(self.entries) - 1)

    def _current(self) -> int | None:
        index = self.query_one("#entries", OptionList).highlighted
        if index is None or index >= len(self.entries):
            return None
        return index

    @on(Button.Pressed, "#add")
    def action_add(self) -> None:
        """Append a blank entry and open it."""
        self.entries.append(self.SECTION.blank())
        self.wizard.cv_changed()
        self.refill(len(self.entries) - 1)
        self.app.push_screen(EntryEditor(self.SECTION, len(self.entries) - 1, new=True))

    @on(Button.Pressed, "#edit")
    @on(OptionList.OptionSelected, "#entries")
    def action_edit(self) -> None:
        """Open the highlighted entry."""
        index = self._current()
        if index is not None:
            self.app.push_screen(EntryEditor(self.SECTION, index))

    @on(Button.Pressed, "#delete")
    def action_delete(self) -> None:
        """Delete the highlighted entry after asking."""
        index = self._current()
        if index is None:
            return
        name = self.SECTION.headline(self.entries[index])

        def delete(confirmed: bool | None) -> None:
            if confirmed:
                del self.entries[index]
                self.wizard.cv_changed()
                self.refill(max(0, index - 1))

        self.app.push_screen(ConfirmModal(f"Delete {name}?", yes="Delete"), delete)

    @on(Button.Pressed, "#up")
    def _up(self) -> None:
        self.action_move(-1)

    @on(Button.Pressed, "#down")
    def _down(self) -> None:
        self.action_move(1)

    def action_move(self, step: int) -> None:
        """Move the highlighted entry up or down the list."""
        index = self._current()
        if index is None:
            return
        target = index + step
        if not 0 <= target < len(self.entries):
            return
        entries = self.entries
        entries[index], entries[target] = entries[target], entries[index]
        self.wizard.cv_changed()
        self.refill(target)
        self.query_one("#entries", OptionList).focus()

    def blocking_problems(self) -> list[str]:
        out = []
        for index, entry in enumerate(self.entries):
            for field, message in entry_problems(self.SECTION, entry).items():
                path = json_path((self.SECTION.key, index, ALIASES.get(field, field)))
                out.append(f"{path}: {message} ({self.SECTION.headline(entry)})")
        return out


class WorkScreen(EntryListScreen):
    """Jobs, newest first."""

    STEP = "work"
    TITLE_TEXT = "Work experience (newest first)"
    SECTION = WORK


class EducationScreen(EntryListScreen):
    """Degrees, diplomas and qualifications."""

    STEP = "education"
    TITLE_TEXT = "Education"
    SECTION = EDUCATION


class EntryEditor(StepScreen):
    """One entry's fields, saved into the CV as they are typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "done", "Done", tooltip="Back to the list", id="done"),
    ]

    def __init__(
        self, section: Section, index: int, *, new: bool = False, focus: str = ""
    ) -> None:
        self.SECTION = section
        self.STEP = section.key
        self.index = index
        self.new = new
        super().__init__(focus=focus or None)

    @property
    def entry(self) -> Dated:
        """The entry being edited."""
        return self.SECTION.entries(self.cv)[self.index]

    def compose_form(self) -> ComposeResult:
        entry = self.entry
        sample = self._example_entry()
        for attr, label, placeholder in self.SECTION.fields:
            alias = ALIASES.get(attr, attr)
            if attr not in ALIASES and isinstance(sample.get(alias), str):
                placeholder = f"e.g. {sample[alias]}"
            yield Field(
                label,
                name=attr,
                value=getattr(entry, attr) or "",
                placeholder=placeholder,
            )
        yield Checkbox(
            self._current_label(bool(entry.current)), bool(entry.current), id="current"
        )
        if self.SECTION is WORK:
            work = cast(Work, entry)
            yield Static(
                "Highlights: one result per line, 12-20 words, with a number",
                classes="hint",
            )
            yield TextArea(
                "\n".join(work.highlights),
                id="highlights",
                soft_wrap=True,
                tab_behavior="focus",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        nav_next = self.query_one("#nav #next", Button)
        nav_next.label = "Done"
        self.query_one("#nav #back", Button).label = "Delete" if self.new else "Cancel"
        self.query_one("#nav #back", Button).display = self.new

    def _example_entry(self) -> dict[str, object]:
        """The role example's first entry of this section, for placeholders."""
        role = self.wizard.role
        entries = role.example.get(self.SECTION.key, []) if role else []
        first = entries[0] if entries else {}
        return first if isinstance(first, dict) else {}

    def focus_path(self, path: str) -> None:
        """Focus a field of this entry, or a highlight's line."""
        line = re.match(r"highlights\[(\d+)\]", path)
        if path.startswith("highlights") and self.query("#highlights"):
            area = self.query_one("#highlights", TextArea)
            area.focus()
            if line:
                area.move_cursor((int(line.group(1)), 0))
            return
        name = {v: k for k, v in ALIASES.items()}.get(path, path)
        if name and self.query(f"#{name}"):
            self.query_one(f"#{name}").focus()

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        attr = event.input.id or ""
        if attr not in {a for a, _, _ in self.SECTION.fields}:
            return
        value = event.value
        current = self.query_one("#current", Checkbox)
        if attr == "end_date" and dates.is_now_word(value):
            # "Present" (or "now", "currently") means current with no endDate,
            # as the standard says; the word stays visible while typed.
            self.entry.end_date = None
            current.value = True
            self.wizard.cv_changed()
            return
        setattr(self.entry, attr, value.strip() or None)
        if attr == "end_date" and value.strip() and current.value:
            current.value = False
        self.field_error(attr, None)
        self.wizard.cv_changed()

    @on(Input.Blurred)
    def _check_on_leave(self, event: Input.Blurred) -> None:
        """Say what is wrong with a field as soon as the user leaves it."""
        attr = event.input.id or ""
        if attr not in {a for a, _, _ in self.SECTION.fields} or not event.value:
            return
        self.field_error(attr, entry_problems(self.SECTION, self.entry).get(attr))

    def _current_label(self, on: bool) -> str:
        """The checkbox's text says its state too, for screens without colour."""
        noun = "job" if self.SECTION is WORK else "course"
        return f"I am still in this {noun}: {'yes' if on else 'no'}"

    @on(Checkbox.Changed, "#current")
    def _current_changed(self, event: Checkbox.Changed) -> None:
        event.checkbox.label = self._current_label(event.value)
        self.entry.current = event.value or None
        end = self.query_one("#end_date", Input)
        now_word = dates.is_now_word(end.value)
        if event.value and end.value and not now_word:
            end.value = ""  # a real end date and "still here" cannot both hold
            self.entry.end_date = None
        elif not event.value and now_word:
            end.value = ""
        self.wizard.cv_changed()

    @on(TextArea.Changed, "#highlights")
    def _highlights_changed(self, event: TextArea.Changed) -> None:
        lines = event.text_area.text.replace("\r", "").split("\n")
        cast(Work, self.entry).highlights = [ln.strip() for ln in lines if ln.strip()]
        self.wizard.cv_changed()
        self.refresh_note(event.text_area)

    @on(TextArea.SelectionChanged, "#highlights")
    def _cursor_moved(self, event: TextArea.SelectionChanged) -> None:
        self.refresh_note(event.text_area)

    def findings_for(self, widget: Widget) -> tuple[str, list[Finding]]:
        if widget.id == "highlights":
            area = cast(TextArea, widget)
            row = area.cursor_location[0]
            lines = area.text.split("\n")
            line = lines[row] if row < len(lines) else ""
            verbs = self.wizard.role.action_verbs if self.wizard.role else ()
            if not line.strip():
                return "Highlight", [
                    Finding(
                        "bullet.empty",
                        "tip",
                        "one result per line: verb, what you did, the number it moved",
                    )
                ]
            current = bool(self.entry.current)
            return f"Highlight {row + 1}", checks.bullet(line, verbs, current=current)
        return "", []

    def blocking_problems(self) -> list[str]:
        problems = entry_problems(self.SECTION, self.entry)
        for attr, _, _ in self.SECTION.fields:
            self.field_error(attr, problems.get(attr))
        labels = {a: lbl.rstrip(" *") for a, lbl, _ in self.SECTION.fields}
        return [f"{labels.get(a, a)}: {m}" for a, m in problems.items()]

    BLOCKED_TITLE = "Fix this entry"

    def forward(self) -> None:
        """Done: back to the list (reached only when the entry is valid)."""
        self.dismiss()

    def action_done(self) -> None:
        """Leave with what was typed kept; the list marks an invalid entry."""
        blank = not any(
            getattr(self.entry, a) for a, _, _ in self.SECTION.fields
        ) and not getattr(self.entry, "highlights", None)
        if self.new and blank:
            del self.SECTION.entries(self.cv)[self.index]
            self.wizard.cv_changed()
        self.dismiss()

    def action_previous_step(self) -> None:
        """For a new entry, Back throws it away; otherwise it just closes."""
        if self.new:
            del self.SECTION.entries(self.cv)[self.index]
            self.wizard.cv_changed()
        self.dismiss()
