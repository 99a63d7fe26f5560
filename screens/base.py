"""The frame every wizard step shares: indicator, form, tips, Back and Next."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Static

from freecv_tui.checks import Finding
from freecv_tui.screens.widgets import (
    Field,
    LineInput,
    StepIndicator,
    TipsPanel,
    TooSmall,
)

if TYPE_CHECKING:
    from freecv_tui.app import FreeCVApp
    from freecv_tui.cv import CV

ORDER = ("role", "contact", "summary", "work", "education", "skills", "review")


class StepScreen(Screen[None]):
    """A wizard step: subclasses compose the form and say what blocks Next."""

    STEP: ClassVar[str] = ""
    TITLE_TEXT: ClassVar[str] = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_step", "Next", tooltip="Check and go on", id="next"),
        Binding("ctrl+b", "previous_step", "Back", tooltip="Previous step", id="back"),
    ]

    def __init__(self, focus: str | None = None) -> None:
        super().__init__()
        self.focus_request = focus
        """A path within the step to show once mounted (from a finding)."""

    def on_mount(self) -> None:
        if self.focus_request:
            self.call_after_refresh(self.focus_path, self.focus_request)

    def focus_path(self, path: str) -> None:
        """Focus the widget for a path within this step; default: by input id."""
        name = path.split(".")[0].split("[")[0]
        target = {"profiles": "linkedin"}.get(name, name)
        matches = self.query(f"#{target}") if target else None
        if matches:
            matches.first().focus()

    @property
    def wizard(self) -> FreeCVApp:
        """The app, typed."""
        from freecv_tui.app import FreeCVApp

        return cast(FreeCVApp, self.app)

    @property
    def cv(self) -> CV:
        """The CV being edited."""
        return self.wizard.cv

    def compose(self) -> ComposeResult:
        yield StepIndicator(self.STEP)
        with Horizontal(id="step-body"):
            # The form scrolls to follow focus; it need not take focus itself.
            with VerticalScroll(id="form", can_focus=False):
                yield Static(self.TITLE_TEXT, classes="step-title")
                yield from self.compose_form()
                with Horizontal(id="nav"):
                    yield Button("< Back", id="back", compact=True)
                    yield Button("Next >", id="next", variant="primary", compact=True)
            yield TipsPanel(self.advice())
        yield Footer()
        yield TooSmall()

    def compose_form(self) -> ComposeResult:
        """The step's own widgets."""
        yield from ()

    def advice(self) -> str:
        """The role's Markdown tips for this step."""
        role = self.wizard.role
        if role is None:
            return ""
        return role.tips.for_step(self.STEP)

    # ------------------------------------------------------------ navigation

    def blocking_problems(self) -> list[str]:
        """What must be fixed before leaving forward; empty when all is well."""
        return []

    BLOCKED_TITLE: ClassVar[str] = "Fix this before going on"

    def action_next_step(self) -> None:
        """Go on when the step is valid; otherwise say why, in place."""
        problems = self.blocking_problems()
        if problems:
            self.notify(
                "\n".join(problems),
                title=self.BLOCKED_TITLE,
                severity="error",
                markup=False,
            )
            return
        self.forward()

    def forward(self) -> None:
        """Leave the step forwards: the next step, by default."""
        index = ORDER.index(self.STEP)
        if index + 1 < len(ORDER):
            self.wizard.go_to(ORDER[index + 1])

    def action_previous_step(self) -> None:
        """Going back never loses or blocks anything."""
        index = ORDER.index(self.STEP)
        if index > 0:
            self.wizard.go_to(ORDER[index - 1])

    @on(Button.Pressed, "#nav #next")
    def _next_pressed(self) -> None:
        self.action_next_step()

    @on(Button.Pressed, "#nav #back")
    def _back_pressed(self) -> None:
        self.action_previous_step()

    # ------------------------------------------------------------ live notes

    def findings_for(self, widget: Widget) -> tuple[str, list[Finding]]:
        """Notes for the focused widget: a title and findings; none by default."""
        return "", []

    def refresh_note(self, widget: Widget | None = None) -> None:
        """Recompute the note for the focused (or given) widget."""
        target = widget or self.focused
        if target is None:
            return
        title, findings = self.findings_for(target)
        for panel in self.query(TipsPanel):
            panel.show_findings(title, findings)

    def on_descendant_focus(self) -> None:
        self.refresh_note()

    @on(LineInput.LinesJoined)
    def _lines_joined(self, event: LineInput.LinesJoined) -> None:
        self.notify(
            f"The paste had {event.count} lines; they were joined with spaces.",
            title="Pasted text joined",
        )

    # ------------------------------------------------------------ helpers

    def field_error(self, name: str, message: str | None) -> None:
        """Show or clear the inline error of a Field by its input id."""
        self.query_one(f"#field-{name}", Field).show_error(message)

    def value(self, input_id: str) -> str:
        """The current text of an input by id."""
        return self.query_one(f"#{input_id}", Input).value
