"""The professional summary: two to four sentences at the top of the CV."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static, TextArea

from freecv_tui import checks
from freecv_tui.checks import Finding
from freecv_tui.screens.base import StepScreen


class SummaryScreen(StepScreen):
    """Write the summary with a live sentence count beside it."""

    STEP = "summary"
    TITLE_TEXT = "Professional summary"

    def compose_form(self) -> ComposeResult:
        yield Static(
            "Who you are, your years and specialty, and your best result.",
            classes="hint",
        )
        yield TextArea(
            self.cv.basics.summary or "",
            id="summary",
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
        )

    def on_mount(self) -> None:
        self.query_one("#summary", TextArea).focus()

    @on(TextArea.Changed, "#summary")
    def _changed(self, event: TextArea.Changed) -> None:
        text = event.text_area.text.replace("\r", "")
        self.cv.basics.summary = text.strip() or None
        self.wizard.cv_changed()
        self.refresh_note(event.text_area)

    def findings_for(self, widget: Widget) -> tuple[str, list[Finding]]:
        if widget.id != "summary":
            return "", []
        text = self.cv.basics.summary or ""
        found = checks.summary(text, self.wizard.role)
        if text:
            found.append(
                Finding("summary.words", "tip", f"{len(checks.words(text))} words")
            )
        return "Summary", found
