"""Small widgets shared by the wizard steps: fields, step indicator, tips panel."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Markdown, SelectionList, Static
from textual.widgets.selection_list import Selection

from freecv_tui.checks import Finding

STEP_TITLES = {
    "role": "Role",
    "contact": "Contact",
    "summary": "Summary",
    "work": "Work",
    "education": "Education",
    "skills": "Skills",
    "review": "Review",
}
SEVERITY_MARK = {"error": "✗", "warning": "!", "tip": "·", "ok": "✓"}


class LineInput(Input):
    """A one-line input that keeps every line of a multi-line paste, joined."""

    class LinesJoined(Message):
        """A paste held several lines; they were joined with spaces."""

        def __init__(self, input: LineInput, count: int) -> None:
            super().__init__()
            self.input = input
            self.count = count

        @property
        def control(self) -> LineInput:
            """The input that received the paste."""
            return self.input

    def _on_paste(self, event: events.Paste) -> None:
        lines = [ln.strip() for ln in event.text.splitlines() if ln.strip()]
        if len(lines) > 1:
            event.stop()
            event.prevent_default()
            self.insert_text_at_cursor(" ".join(lines))
            self.post_message(self.LinesJoined(self, len(lines)))
        # One line: Input's own handler runs after this one and inserts it.


class Field(Vertical):
    """A labelled one-line input with room for an inline error, in one row."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > Horizontal { height: 1; }
    Field Label { width: 16; color: $text-muted; }
    Field Input { width: 1fr; background: $boost; }
    Field:focus-within Label { color: $text; text-style: bold reverse; }
    Field Input:focus { background: $primary 25%; }
    Field > .field--error { color: $error; text-style: bold; display: none; }
    Field.-invalid > .field--error { display: block; }
    Field.-invalid Label { color: $error; }
    """

    def __init__(
        self,
        label: str,
        *,
        name: str,
        value: str = "",
        placeholder: str = "",
        max_length: int = 0,
    ) -> None:
        super().__init__(id=f"field-{name}")
        self.field_name = name
        self._label = label
        self._value = value
        self._placeholder = placeholder
        self._max_length = max_length

    def compose(self) -> ComposeResult:
        with Horizontal():
            yield Label(self._label)
            yield LineInput(
                self._value,
                placeholder=self._placeholder,
                id=self.field_name,
                max_length=self._max_length,
                compact=True,
                # Selecting all on focus lets one stray key wipe a filled field.
                select_on_focus=False,
            )
        yield Static("", classes="field--error", markup=False)

    def show_error(self, message: str | None) -> None:
        """Show or clear the inline error under the input."""
        self.set_class(bool(message), "-invalid")
        self.query_one(".field--error", Static).update(
            f"✗ {message}" if message else ""
        )


class StepIndicator(Static):
    """The row of step names with the current one marked."""

    DEFAULT_CSS = """
    StepIndicator { height: 1; padding: 0 1; background: $panel; }
    """

    def __init__(self, current: str) -> None:
        super().__init__(id="step-indicator")
        self.current = current

    def render(self) -> Text:
        full = self._line(short=False)
        return full if full.cell_len <= self.size.width else self._line(short=True)

    def _line(self, *, short: bool) -> Text:
        """All steps named, or (when narrow) only the current one named."""
        text = Text()
        steps = list(STEP_TITLES)
        for index, step in enumerate(steps):
            title = STEP_TITLES[step]
            if step == self.current:
                text.append(f"[{index + 1} {title}]", style="bold reverse")
            elif short:
                text.append(f" {index + 1} ", style="dim")
            else:
                text.append(f" {index + 1} {title} ", style="dim")
            if index < len(steps) - 1:
                text.append("›", style="dim")
        return text


class TipsPanel(VerticalScroll):
    """The role's advice for this step, and live notes on the focused field."""

    DEFAULT_CSS = """
    TipsPanel { width: 36%; min-width: 28; border-left: solid $primary; padding: 0 1; }
    TipsPanel > #field-note { margin: 0 0 1 0; padding: 0 1; border: round $accent; }
    TipsPanel > #field-note.-empty { display: none; }
    TipsPanel Markdown { margin: 0; padding: 0; }
    """

    can_focus = False

    def __init__(self, advice: str) -> None:
        super().__init__(id="tips")
        self.advice = advice

    def compose(self) -> ComposeResult:
        yield Static("", id="field-note", classes="-empty")
        yield Markdown(self.advice or "_Choose a role to see its advice here._")

    def show_findings(self, title: str, findings: Iterable[Finding]) -> None:
        """Replace the note with findings about the focused field."""
        note = self.query_one("#field-note", Static)
        lines = [f"{SEVERITY_MARK[f.severity]} {f.message}" for f in findings]
        if not lines:
            note.update("")
            note.add_class("-empty")
            return
        note.remove_class("-empty")
        body = Text(title + "\n", style="bold")
        body.append("\n".join(lines))
        note.update(body)


class CheckList(SelectionList[str]):
    """A selection list that also marks chosen items with ✓, visible without colour."""

    def __init__(self, items: Iterable[tuple[str, bool]], *, id: str) -> None:
        super().__init__(
            *[Selection(self._prompt(text, on), text, on) for text, on in items],
            id=id,
        )

    @staticmethod
    def _prompt(text: str, chosen: bool) -> Text:
        return Text(("✓ " if chosen else "  ") + text)

    def add_item(self, text: str, chosen: bool = True) -> None:
        """Append an item (already chosen by default)."""
        self.add_option(Selection(self._prompt(text, chosen), text, chosen))

    def values(self) -> list[str]:
        """Every item's value, in list order."""
        return [self.get_option_at_index(i).value for i in range(self.option_count)]

    def _on_selection_list_selected_changed(
        self, event: SelectionList.SelectedChanged[str]
    ) -> None:
        chosen = set(self.selected)
        for index, value in enumerate(self.values()):
            self.replace_option_prompt_at_index(
                index, self._prompt(value, value in chosen)
            )


MIN_SIZE = (40, 12)
"""Below this the wizard cannot show a field and its label; a notice shows instead."""


class TooSmall(Static):
    """The notice shown instead of the step while the terminal is too small."""

    DEFAULT_CSS = """
    TooSmall { display: none; width: 100%; height: 100%; content-align: center middle;
               text-style: bold; }
    """

    def __init__(self) -> None:
        width, height = MIN_SIZE
        super().__init__(
            f"The terminal is too small.\nMake it at least {width}x{height}; "
            "nothing is lost meanwhile.",
            id="too-small",
        )
