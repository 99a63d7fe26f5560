"""The Textual app: holds the CV and role, orders the steps, autosaves the draft."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.timer import Timer

from freecv_tui import store
from freecv_tui.cv import CV, empty_cv
from freecv_tui.errors import FreeCVError
from freecv_tui.roles import Catalog, Role, load_catalog

AUTOSAVE_DELAY = 0.4
"""Seconds of quiet typing before the draft is written."""


class FreeCVApp(App[int]):
    """The CV wizard."""

    TITLE = "freecv-tui"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", tooltip="Save the draft and quit", id="quit"),
        # F2 and F3 stay out of the footer (it is full at 80 columns); the
        # palette (ctrl+p) and the help keys list them.
        Binding(
            "f2",
            "toggle_tips",
            "Tips",
            tooltip="Show or hide the tips panel",
            show=False,
        ),
        Binding(
            "f4",
            "prep",
            "Practise",
            tooltip="Practise interview questions for the role",
            id="prep",
        ),
        Binding(
            "f3",
            "job_ad",
            "Job ad",
            tooltip="Match the CV against a job ad's keywords",
            id="job-ad",
            show=False,
        ),
    ]

    def __init__(
        self,
        *,
        cv_path: Path | None = None,
        start_cv: CV | None = None,
        roles_dirs: list[Path] | None = None,
    ) -> None:
        super().__init__()
        self.catalog: Catalog = load_catalog(roles_dirs or [])
        self.session = store.Session()
        self.cv: CV = empty_cv()
        self.draft_error: str | None = None
        self.broken_draft: Path | None = None
        self.draft_blocked = False
        self.save_error: str | None = None
        self._quit_anyway = False
        self._save_timer: Timer | None = None
        self.replaced_draft: Path | None = None
        if start_cv is not None:
            self.replaced_draft = store.discard_draft()
            self.cv = start_cv
            self.session = store.Session(step="contact", source=str(cv_path))
        else:
            self._restore_draft()

    # ------------------------------------------------------------ state

    def _restore_draft(self) -> None:
        try:
            draft = store.load_draft()
        except FreeCVError as exc:
            # Keep the unreadable file whole among the backups; start a new draft.
            problems = getattr(exc, "problems", None)
            self.draft_error = (
                "\n".join(str(p) for p in problems) if problems else exc.message
            )
            try:
                self.broken_draft = store.set_aside_draft()
            except FreeCVError as move:
                self.draft_blocked = True
                self.save_error = move.message
            return
        if draft is not None:
            self.cv = draft
            self.session = store.load_session()

    @property
    def role(self) -> Role | None:
        """The chosen target role."""
        return self.catalog.get(self.session.role)

    def choose_role(self, role: Role | None) -> None:
        """Make a role the target for every step."""
        self.session.role = role.id if role else None
        self.cv_changed()

    def replace_cv(self, cv: CV, source: str | None = None) -> Path | None:
        """Start over from another CV, the old draft kept as a dated backup."""
        self.save_draft()
        backup = store.discard_draft() if self.cv.basics.name or self.cv.work else None
        self.cv = cv
        self.session.source = source
        self.save_draft()
        if backup is not None:
            self.notify(f"Your previous draft is kept in {backup}", markup=False)
        return backup

    def cv_changed(self) -> None:
        """Note an edit; the draft is written once typing pauses."""
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_DELAY, self.save_draft)

    def save_draft(self, *, warn: bool = True) -> bool:
        """Write the draft now; a failure is warned about once, never raised."""
        if self._save_timer is not None:
            self._save_timer.stop()
            self._save_timer = None
        try:
            if self.draft_blocked and store.draft_path().exists():
                # Never overwrite a draft we could neither read nor move aside.
                raise FreeCVError(self.save_error or "the old draft is in the way")
            store.save_draft(self.cv, self.session)
        except FreeCVError as exc:
            if warn and self.save_error is None:
                self.notify(
                    f"{exc.message}\nYour changes are kept while the wizard is "
                    "open, and saving is tried again as you type.",
                    title="Draft not saved",
                    severity="error",
                    timeout=20,
                    markup=False,
                )
            self.save_error = exc.message
            return False
        if self.save_error is not None:
            self.notify("Your changes are in the draft again.", title="Draft saved")
        self.save_error = None
        self._quit_anyway = False
        return True

    # ------------------------------------------------------------ lifecycle

    def on_mount(self) -> None:
        from freecv_tui.screens import steps

        if self.draft_error:
            self.notify(
                f"{self.draft_error}\n{self._broken_draft_advice()}",
                title="Could not read the saved draft",
                severity="error",
                timeout=30,
                markup=False,
            )
        other = store.claim_draft()
        if other is not None:
            self.notify(
                f"freecv-tui is already open on this draft (process {other}). "
                "Edits in two windows overwrite each other: close one.",
                title="Draft open twice",
                severity="warning",
                timeout=15,
            )
        if self.replaced_draft is not None:
            self.notify(
                f"Editing this file replaced your draft; the old one is kept in "
                f"{self.replaced_draft}",
                title="Draft kept",
                timeout=10,
                markup=False,
            )
        if self.catalog.problems:
            lines = self.catalog.problems[0].message.splitlines()
            # Unknown keys (typos) first: they are what a user most often fixes.
            lines.sort(key=lambda line: "not a known key" not in line)
            first = "\n".join(lines[:3])
            more = len(self.catalog.problems) - 1
            self.notify(
                first
                + (f"\n…and {more} more." if more else "")
                + "\nThe other roles are loaded; `freecv-tui roles check` lists all.",
                title="A role file was skipped",
                severity="warning",
                timeout=8,
                markup=False,
            )
        self.push_screen(steps.make(self.session.step))
        from freecv_tui.screens.prep import notify_due

        self.call_after_refresh(notify_due, self)

    def _broken_draft_advice(self) -> str:
        """Where the unreadable draft went and how to get back to it."""
        if self.draft_blocked:
            return self.save_error or ""
        if self.broken_draft is None:
            return "It is gone now; a new draft was started."
        import shlex

        return (
            f"It was moved to {self.broken_draft} and a new draft was started, "
            "which saves as you type. To go on with the old one, fix that file "
            f"and open it with: freecv-tui edit {shlex.quote(str(self.broken_draft))}"
        )

    def go_to(self, step: str, focus: str | None = None) -> None:
        """Switch to a step by id (focusing a field path in it) and remember it."""
        from freecv_tui.screens import steps

        self.session.step = step
        self.cv_changed()
        self.switch_screen(steps.make(step, focus))

    def jump_to(self, path: str) -> None:
        """Show the field a JSON path names, e.g. work[1].highlights[0]."""
        from freecv_tui.screens import steps

        self.go_to(*steps.step_for(path))

    NARROW = 72
    """Below this many columns the tips panel hides itself (F2 shows it)."""
    _tips_choice: bool | None = None

    def action_toggle_tips(self) -> None:
        """Show or hide the tips panel; the choice sticks until the app closes."""
        self._tips_choice = self.has_class("-hide-tips")
        self.set_class(not self._tips_choice, "-hide-tips")

    def on_resize(self, event: events.Resize) -> None:
        from freecv_tui.screens.widgets import MIN_SIZE

        size = event.size
        if self._tips_choice is None:
            self.set_class(size.width < self.NARROW, "-hide-tips")
        width, height = MIN_SIZE
        small = size.width < width or size.height < height
        self.set_class(small, "-too-small")

    def action_prep(self) -> None:
        """Open interview practice over whatever step is showing."""
        from freecv_tui.screens.prep import open_prep

        open_prep(self)

    def action_job_ad(self) -> None:
        """Open the job-ad matcher over whatever step is showing."""
        from freecv_tui.screens.jobad import JobAdModal

        self.push_screen(JobAdModal())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The palette: the app's own actions next to Textual's."""
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                yield SystemCommand("Quit", "Save the draft and quit", self.action_quit)
            else:
                yield command
        for title, help_text, action in (
            ("Next step", "Check this step and go on (ctrl+n)", "next_step"),
            ("Previous step", "Go back a step (ctrl+b)", "previous_step"),
        ):
            if hasattr(screen, f"action_{action}"):
                yield SystemCommand(
                    title, help_text, getattr(screen, f"action_{action}")
                )
        for step in ("role", "contact", "summary", "work", "education", "skills"):
            yield SystemCommand(
                f"Go to {step}", f"Open the {step} step", partial(self.go_to, step)
            )
        yield SystemCommand(
            "Review and export",
            "Score, page fit and export",
            partial(self.go_to, "review"),
        )
        yield SystemCommand(
            "Show or hide tips",
            "The tips panel beside the form (F2)",
            self.action_toggle_tips,
        )
        yield SystemCommand(
            "Match a job ad",
            "Which of an ad's keywords the CV covers",
            self.action_job_ad,
        )
        yield SystemCommand(
            "Practise interview questions",
            "The role's questions, general ones and your CV's stories",
            self.action_prep,
        )
        yield SystemCommand(
            "Save the draft now", "Write the draft to disk", self.save_draft
        )

    def on_unmount(self) -> None:
        store.release_draft()

    async def action_quit(self) -> None:
        """Write the draft before leaving; if it cannot be written, ask again."""
        if self.save_draft(warn=False) or self._quit_anyway:
            self.exit(0)
            return
        self._quit_anyway = True
        self.notify(
            f"{self.save_error}\nThe changes since the last save would be lost. "
            "Fix the problem (disk space, permissions) and they are saved as you "
            "type, or press ctrl+q again to quit without them.",
            title="Quit without saving?",
            severity="warning",
            timeout=20,
            markup=False,
        )
