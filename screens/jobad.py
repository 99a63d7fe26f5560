"""The job-ad dialog: paste an ad or name a file, see which keywords the CV covers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from freecv_tui import jobad
from freecv_tui.errors import FreeCVError

if TYPE_CHECKING:
    from freecv_tui.app import FreeCVApp

MAX_AD_CHARS = 60_000
"""Longer pastes are cut (with a notice); no real ad is this long."""


class JobAdModal(ModalScreen[None]):
    """Match the CV against a job ad's keywords."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog--wide"):
            yield Label("Paste the job ad below, or give the path of a text file:")
            yield Input(placeholder="~/ads/backend.txt (optional)", id="ad-path")
            yield TextArea(id="ad-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Match", id="match", variant="primary", compact=True)
                yield Button("Close", id="close", compact=True)
            with VerticalScroll(id="ad-result-box"):
                yield Static("", id="ad-result")

    def on_mount(self) -> None:
        self.query_one("#ad-text", TextArea).focus()

    @on(Input.Submitted, "#ad-path")
    @on(Button.Pressed, "#match")
    def action_match(self) -> None:
        """Read the ad from the file or the box and show the coverage."""
        raw_path = self.query_one("#ad-path", Input).value.strip()
        text = self.query_one("#ad-text", TextArea).text
        if raw_path:
            path = Path(raw_path).expanduser()
            try:
                text = jobad.read_ad(path)
            except FreeCVError as exc:
                self._show(Text(f"✗ {exc.message}"))
                return
        if not text.strip():
            self._show(Text("Paste an ad first, or give a file path."))
            return
        notice = ""
        if len(text) > MAX_AD_CHARS:
            text = text[:MAX_AD_CHARS]
            notice = f"(Only the first {MAX_AD_CHARS:,} characters were read.)\n"
        app = cast("FreeCVApp", self.app)
        vocabulary = [s for role in app.catalog for s in role.skills]
        keywords = jobad.match(app.cv, text, vocabulary)
        self._show(self._coverage_text(keywords, notice))

    @staticmethod
    def _coverage_text(keywords: list[jobad.Keyword], notice: str) -> Text:
        out = Text(notice)
        if not keywords:
            out.append("No keywords found; is this the whole ad?")
            return out
        covered = [k.term for k in keywords if k.covered]
        out.append(f"{len(covered)} of {len(keywords)} keywords covered\n", "bold")
        for keyword in keywords:
            if not keyword.covered:
                out.append(f"✗ {keyword.term}", "bold")
                out.append(f": add to {keyword.where}\n")
        if covered:
            out.append("✓ Covered: " + ", ".join(covered) + "\n")
        return out

    def _show(self, text: Text) -> None:
        self.query_one("#ad-result", Static).update(text)

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Back to the wizard."""
        self.dismiss(None)
