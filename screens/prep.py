"""Interview practice: pick questions, answer against the clock, rate, see progress."""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from pathlib import Path
from time import monotonic
from typing import TYPE_CHECKING, ClassVar, cast

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Label,
    Markdown,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.selection_list import Selection

from freecv_tui import prep, prep_feedback, prep_progress
from freecv_tui.app import FreeCVApp
from freecv_tui.errors import FreeCVError

if TYPE_CHECKING:
    from freecv_tui.cv import CV
    from freecv_tui.roles import Catalog, Role

COUNTS = (5, 10, 15, 20, 30)
DEFAULT_COUNT = 10
IDLE_FACTOR = 3
"""With no key for this many target lengths, the answer timer pauses."""
NO_ROLE = "-"


def plural(count: int, word: str) -> str:
    """'1 day', '3 days'."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def clock(seconds: float) -> str:
    """Seconds as m:ss."""
    minutes, secs = divmod(max(0, round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


class KindList(SelectionList[str]):
    """Kinds of question to include, ticked with ✓ so it shows without colour."""

    def fill(self, kinds: Iterable[tuple[str, str, bool]]) -> None:
        """Replace the items with (kind, label, chosen) triples."""
        self.clear_options()
        self.add_options(
            [Selection(self._mark(label, on), kind, on) for kind, label, on in kinds]
        )

    @staticmethod
    def _mark(label: str, chosen: bool) -> Text:
        return Text(("✓ " if chosen else "  ") + label)

    def _on_selection_list_selected_changed(
        self, event: SelectionList.SelectedChanged[str]
    ) -> None:
        chosen = set(self.selected)
        for index in range(self.option_count):
            option = self.get_option_at_index(index)
            label = str(option.prompt)[2:]
            self.replace_option_prompt_at_index(
                index, self._mark(label, option.value in chosen)
            )


class PrepScreen(Screen[None]):
    """Practise a role's interview questions: setup, one question at a time, summary."""

    CSS_PATH = "prep.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_box", "Done", tooltip="Leave the notes box"),
        Binding("escape", "end_session", "End", tooltip="End the session"),
        Binding("escape", "close", "Close", tooltip="Back to the wizard"),
        Binding("d", "start_due", "Due", tooltip="Practise what is due", id="prep-due"),
        Binding("s", "start", "Start", tooltip="Start a session", id="prep-start"),
        Binding("n", "new_session", "New", tooltip="Set up another", id="prep-new"),
        Binding(
            "p", "progress", "Progress", tooltip="Progress by role", id="prep-stats"
        ),
        Binding("ctrl+t", "hint", "Hint", tooltip="Show the next hint", id="prep-hint"),
        Binding(
            "ctrl+r",
            "reveal",
            "Reveal",
            tooltip="Show the model answer",
            id="prep-reveal",
        ),
        Binding(
            "ctrl+o", "peek_notes", "My notes", tooltip="Your notes", id="prep-peek"
        ),
        Binding("a", "rate('again')", "Again", show=False, id="prep-again"),
        Binding("h", "rate('hard')", "Hard", show=False, id="prep-hard"),
        Binding("g", "rate('good')", "Good", show=False, id="prep-good"),
        Binding("e", "rate('easy')", "Easy", show=False, id="prep-easy"),
        Binding(
            "w", "edit_notes", "Edit notes", tooltip="Write notes", id="prep-write"
        ),
        Binding(
            "k", "keep_answer", "Answer→notes", tooltip="Keep as notes", id="prep-keep"
        ),
    ]
    PHASE_ACTIONS: ClassVar[dict[str, set[str]]] = {
        "setup": {"start_due", "start", "progress", "close"},
        "front": {"hint", "reveal", "peek_notes", "end_session"},
        "back": {"rate", "edit_notes", "keep_answer", "end_session", "leave_box"},
        "summary": {"progress", "new_session", "close"},
    }
    """Which actions each view offers."""

    def __init__(self, role_id: str | None = None) -> None:
        super().__init__()
        self.role_id = role_id
        self.phase = "setup"
        self.progress = prep_progress.Progress(prep_progress.progress_path())
        self.deck: list[prep.Card] = []
        self.session: prep_progress.PracticeSession | None = None
        self.hints_shown = 0
        self._ticker: Timer | None = None
        self._spent = 0.0
        self._since: float | None = None
        self._last_key = 0.0
        self._paused_idle = False
        self._save_failed = False
        self._unknown_role: str | None = None

    # ------------------------------------------------------------ state

    @property
    def wizard(self) -> FreeCVApp:
        """The app, typed."""
        return cast(FreeCVApp, self.app)

    @property
    def catalog(self) -> Catalog:
        """The role catalog of the app."""
        return self.wizard.catalog

    @property
    def role(self) -> Role | None:
        """The role being practised; None means general questions only."""
        return self.catalog.get(self.role_id)

    @property
    def cv(self) -> CV:
        """The CV whose bullets become story questions."""
        return self.wizard.cv

    @property
    def card(self) -> prep.Card | None:
        """The question on screen."""
        return self.session.current if self.session else None

    # ------------------------------------------------------------ layout

    def _role_options(self) -> list[tuple[str, str]]:
        """Every role by title, then the choice of none; settles the role id."""
        if self.role_id is None:
            self.role_id = self.wizard.session.role
        if self.role_id and self.role is None:
            self._unknown_role = self.role_id
            self.role_id = None
        roles = sorted(self.catalog, key=lambda s: s.title)
        return [(s.title, s.id) for s in roles] + [
            ("No role: general questions only", NO_ROLE)
        ]

    def compose(self) -> ComposeResult:
        roles = self._role_options()
        with Horizontal(id="prep-bar"):
            yield Static("", id="prep-where")
            yield Static("", id="prep-timer")
        with ContentSwitcher(initial="setup", id="prep-views"):
            with VerticalScroll(id="setup"):
                yield Static("", id="setup-status")
                with Horizontal(classes="prep-row"):
                    yield Label("Role")
                    yield Select[str](
                        roles,
                        value=self.role_id or NO_ROLE,
                        id="setup-role",
                        allow_blank=False,
                        compact=True,
                    )
                with Horizontal(classes="prep-row"):
                    yield Label("Questions")
                    yield Select[int](
                        [(str(n), n) for n in COUNTS] + [("All", 0)],
                        value=DEFAULT_COUNT,
                        id="setup-count",
                        allow_blank=False,
                        compact=True,
                    )
                yield Label("Kinds", classes="prep-label")
                yield KindList(id="setup-kinds", compact=True)
                with Horizontal(classes="prep-buttons"):
                    yield Button("Due", id="start-due", variant="primary", compact=True)
                    yield Button("Start", id="start", compact=True)
                    yield Button("Progress", id="show-progress", compact=True)
            with Vertical(id="card"):
                yield Static("", id="card-question")
                with VerticalScroll(id="card-body"):
                    yield Static("", id="card-prompt")
                    yield Static("", id="card-hints")
                    yield Static("", id="card-peek")
                    yield TextArea(
                        id="card-answer",
                        soft_wrap=True,
                        compact=True,
                        placeholder="Answer aloud, or type notes or a full answer here",
                    )
                    yield Static("", id="card-feedback")
                    yield Label(
                        "Model answer",
                        id="model-label",
                        classes="prep-label card--back",
                    )
                    yield Markdown("", id="card-model", classes="card--back")
                    yield Label(
                        "Your notes (kept with your progress)", id="notes-label"
                    )
                    yield TextArea(
                        id="card-notes",
                        soft_wrap=True,
                        compact=True,
                        placeholder="What you want to remember for this question",
                    )
                yield Static("", id="rate-bar")
            with VerticalScroll(id="summary"):
                yield Static("", id="summary-text")
                with Horizontal(classes="prep-buttons"):
                    yield Button(
                        "New session", id="again", variant="primary", compact=True
                    )
                    yield Button("Progress", id="summary-progress", compact=True)
                    yield Button("Close", id="close", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        if self._unknown_role:
            self.notify(
                f'No role "{self._unknown_role}"; practising general questions.',
                severity="warning",
                markup=False,
            )
        self.progress = prep_progress.load_progress()
        if self.progress.notice:
            self.notify(
                self.progress.notice,
                title="Practice progress",
                severity="error",
                timeout=20,
                markup=False,
            )
        self._rebuild()
        self._show_setup()

    def _rebuild(self) -> None:
        """Build the deck for the chosen role and refresh the setup view."""
        self.deck = prep.build_deck(self.role, self.cv)
        sizes: dict[str, int] = {}
        for card in self.deck:
            sizes[card.kind] = sizes.get(card.kind, 0) + 1
        kinds = self.query_one("#setup-kinds", KindList)
        kinds.fill(
            (kind, f"{title} ({sizes[kind]})", True)
            for kind, title in prep.KIND_TITLES.items()
            if kind in sizes
        )
        self._refresh_status()

    def _refresh_status(self) -> None:
        when = prep.now()
        counts = self.progress.counts(self.deck, when)
        streak = self.progress.streak(prep.local_day(when))
        text = Text()
        if self.role is None:
            text.append("General questions and your CV's stories\n", style="bold")
        text.append(f"{counts.due_now} due now", style="bold" if counts.due_now else "")
        text.append(
            f" · {counts.due_today} due today · {counts.new} new · "
            f"{counts.learning} learning · {counts.known} known\n"
        )
        text.append(f"Streak: {plural(streak, 'day')}")
        stories = sum(1 for c in self.deck if c.source == "cv")
        if stories:
            text.append(
                f" · {stories} {'story' if stories == 1 else 'stories'} from your CV"
            )
        else:
            text.append(" · add work bullets to your CV to practise their stories")
        self.query_one("#setup-status", Static).update(text)
        self.query_one("#start-due", Button).label = f"Due ({counts.due_now})"

    def _set_phase(self, phase: str) -> None:
        self.phase = phase
        view = {"front": "card", "back": "card"}.get(phase, phase)
        self.query_one("#prep-views", ContentSwitcher).current = view
        self.set_class(phase == "back", "-revealed")
        self._update_bar()
        self.refresh_bindings()

    def _update_bar(self) -> None:
        where = Text("Interview practice", style="bold")
        if self.role:
            where.append(f" · {self.role.title}")
        card = self.card
        if self.phase in ("front", "back") and self.session and card:
            where.append(f" · {self.session.position + 1} of {self.session.total}")
            where.append(f" · {card.kind_label}")
        self.query_one("#prep-where", Static).update(where)
        self._show_clock()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that mean something in the current view."""
        in_notes = self.focused is not None and self.focused.id == "card-notes"
        if action == "leave_box":
            return self.phase == "back" and in_notes
        if action == "end_session" and in_notes:
            return False
        if action == "peek_notes" and self.card is not None:
            return self.phase == "front" and bool(self.progress.note(self.card.id))
        if any(action in actions for actions in self.PHASE_ACTIONS.values()):
            return action in self.PHASE_ACTIONS[self.phase]
        return True

    # ------------------------------------------------------------ setup

    def _show_setup(self) -> None:
        self._stop_timer()
        self.session = None
        self._refresh_status()
        self._set_phase("setup")
        due = self.progress.counts(self.deck, prep.now()).due_now
        self.query_one("#start-due" if due else "#start", Button).focus()

    @on(Select.Changed, "#setup-role")
    def _role_changed(self, event: Select.Changed) -> None:
        value = event.value
        role_id = None if value in (NO_ROLE, Select.BLANK) else str(value)
        if role_id != self.role_id:
            self.role_id = role_id
            self._rebuild()
            self._update_bar()

    def _chosen_kinds(self) -> list[str]:
        return list(self.query_one("#setup-kinds", KindList).selected)

    def _count(self) -> int | None:
        value = self.query_one("#setup-count", Select).value
        return value if isinstance(value, int) and value > 0 else None

    @on(Button.Pressed, "#start-due")
    def action_start_due(self) -> None:
        """Practise what is due now, up to the chosen number."""
        cards = prep_progress.pick(
            self.deck, self.progress, prep.now(), count=self._count(), due_only=True
        )
        if not cards:
            self.notify("Nothing is due now. Start a session to learn new questions.")
            return
        self._begin(cards)

    @on(Button.Pressed, "#again")
    def action_new_session(self) -> None:
        """Back to the choices for another session."""
        self._show_setup()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        """Due questions first, then new ones, of the chosen kinds."""
        kinds = self._chosen_kinds()
        if not kinds:
            self.notify("Tick at least one kind of question.", severity="warning")
            return
        cards = prep_progress.pick(
            self.deck, self.progress, prep.now(), kinds=kinds, count=self._count()
        )
        if not cards:
            self.notify("No questions of those kinds.", severity="warning")
            return
        self._begin(cards)

    def _begin(self, cards: list[prep.Card]) -> None:
        self.session = prep_progress.PracticeSession(list(cards))
        self._show_front()

    # ------------------------------------------------------------ a question

    def _show_front(self) -> None:
        card = self.card
        assert card is not None
        self.hints_shown = 0
        self.query_one("#card-question", Static).update(
            Text(card.question, style="bold")
        )
        prompt = self.query_one("#card-prompt", Static)
        prompt.update(Text(f"From your CV: {card.prompt}") if card.prompt else "")
        prompt.display = bool(card.prompt)
        self._render_hints()
        peek = self.query_one("#card-peek", Static)
        peek.display = False
        note = self.progress.note(card.id)
        if note:
            peek.update(Text("You have notes for this question: ctrl+o shows them."))
            peek.display = True
        answer = self.query_one("#card-answer", TextArea)
        answer.load_text("")
        answer.read_only = False
        self.query_one("#card-feedback", Static).update("")
        self.query_one("#card-notes", TextArea).load_text("")
        self.query_one("#rate-bar", Static).update("")
        self._set_phase("front")
        self.query_one("#card-body", VerticalScroll).scroll_home(animate=False)
        answer.focus()
        self._start_timer()

    def _render_hints(self) -> None:
        card = self.card
        hints = self.query_one("#card-hints", Static)
        if card is None or not self.hints_shown:
            hints.update("")
            hints.display = False
            return
        text = Text()
        for index, hint in enumerate(card.hints[: self.hints_shown]):
            text.append(f"Hint {index + 1}/{len(card.hints)}: ", style="bold")
            text.append(hint + "\n")
        text.rstrip()
        hints.update(text)
        hints.display = True

    def action_hint(self) -> None:
        """Show one more hint."""
        card = self.card
        if card is None:
            return
        if self.hints_shown >= len(card.hints):
            self.notify("No more hints: ctrl+r reveals the model answer.")
            return
        self.hints_shown += 1
        self._render_hints()

    def action_peek_notes(self) -> None:
        """Show the notes kept for this question (for a CV bullet: its story)."""
        card = self.card
        if card is None:
            return
        note = self.progress.note(card.id)
        peek = self.query_one("#card-peek", Static)
        if not note:
            self.notify("No notes yet: they are kept when you rate the answer.")
            return
        peek.update(Text("Your notes\n", style="bold") + Text(note))
        peek.display = True

    async def action_reveal(self) -> None:
        """Stop the clock and show feedback, the model answer and the notes."""
        card = self.card
        if card is None or self.phase != "front":
            return
        self._stop_timer()
        attempt = self.query_one("#card-answer", TextArea).text
        found = prep_feedback.feedback(attempt, card.kind)
        text = Text()
        text.append(f"Your answer took {clock(self._elapsed())} ", style="bold")
        text.append(f"(aim for about {clock(card.target)})\n")
        text.append("\n".join(found.lines()))
        self.query_one("#card-feedback", Static).update(text)
        notes = prep_feedback.starting_notes(card, self.progress.note(card.id), attempt)
        self.query_one("#card-notes", TextArea).load_text(notes)
        self.query_one("#card-peek", Static).display = False
        self.query_one("#card-answer", TextArea).read_only = True
        self._show_rate_bar(card)
        self._set_phase("back")
        body = self.query_one("#card-body", VerticalScroll)
        body.focus()
        label = "How to tell it" if card.source == "cv" else "Model answer"
        self.query_one("#model-label", Label).update(label)
        await self.query_one("#card-model", Markdown).update(card.answer)
        self.call_after_refresh(
            body.scroll_to_widget,
            self.query_one("#card-feedback"),
            animate=False,
            top=True,
        )

    def _show_rate_bar(self, card: prep.Card) -> None:
        gaps = prep.intervals(self.progress.record(card.id), prep.now())
        text = Text()
        for rating in prep.RATINGS:
            text.append(f" {rating[0]} ", style="reverse bold")
            text.append(f" {prep.RATING_TITLES[rating]} ", style="bold")
            text.append(f"{prep.human_interval(gaps[rating])}  ")
        self.query_one("#rate-bar", Static).update(text)

    def action_edit_notes(self) -> None:
        """Move into the notes box; escape comes back out."""
        self.query_one("#card-notes", TextArea).focus()

    def action_keep_answer(self) -> None:
        """Use the typed answer as this question's notes."""
        attempt = self.query_one("#card-answer", TextArea).text
        if not attempt.strip():
            self.notify("Nothing typed to keep.")
            return
        self.query_one("#card-notes", TextArea).load_text(attempt)
        self.notify("Your answer will be kept as your notes.")

    def action_rate(self, rating: str) -> None:
        """Rate the answer; the scheduler decides when the question returns."""
        chosen = next((r for r in prep.RATINGS if r == rating), None)
        if self.phase != "back" or self.session is None or chosen is None:
            return
        notes = prep_feedback.notes_to_keep(
            self.query_one("#card-notes", TextArea).text
        )
        self.session.answer(
            self.progress,
            chosen,
            prep.now(),
            seconds=round(self._elapsed()),
            hints=self.hints_shown,
            note=notes,
        )
        self._save()
        if self.session.current is None:
            self._show_summary()
        else:
            self._show_front()

    def _save(self) -> None:
        try:
            prep_progress.save_progress(self.progress)
        except FreeCVError as exc:
            if not self._save_failed:
                self.notify(
                    exc.message, title=exc.title, severity="error", markup=False
                )
            self._save_failed = True
        else:
            self._save_failed = False

    # ------------------------------------------------------------ the timer

    def _elapsed(self) -> float:
        running = monotonic() - self._since if self._since is not None else 0.0
        return self._spent + running

    def _start_timer(self) -> None:
        self._stop_timer()
        self._spent = 0.0
        self._resume_timer()

    def _resume_timer(self) -> None:
        if self._since is None:
            self._since = monotonic()
            self._last_key = self._since
        self._paused_idle = False
        if self._ticker is None:
            # Once a second is all a seconds display needs; idle means no redraws.
            self._ticker = self.set_interval(1.0, self._tick)
        self._show_clock()

    def _stop_timer(self) -> None:
        if self._since is not None:
            self._spent += monotonic() - self._since
            self._since = None
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None
        self._show_clock()

    def _tick(self) -> None:
        card = self.card
        if (
            card is not None
            and monotonic() - self._last_key > IDLE_FACTOR * card.target
        ):
            self._stop_timer()
            self._paused_idle = True
        self._show_clock()

    def _show_clock(self) -> None:
        label = self.query_one("#prep-timer", Static)
        card = self.card
        if card is None or self.phase not in ("front", "back"):
            label.update("")
            return
        elapsed = self._elapsed()
        text = Text(f"{clock(elapsed)} / {clock(card.target)}")
        if self._paused_idle:
            text = Text(f"paused {clock(elapsed)}: type to go on")
        label.update(text)
        label.set_class(elapsed > card.target, "-over")

    def _activity(self) -> None:
        self._last_key = monotonic()
        if self._paused_idle and self.phase == "front":
            self._resume_timer()

    def on_key(self) -> None:
        self._activity()

    @on(TextArea.Changed, "#card-answer")
    def _typed(self) -> None:
        self._activity()

    def on_screen_suspend(self) -> None:
        if self.phase == "front":
            self._stop_timer()

    def on_screen_resume(self) -> None:
        if self.phase == "front" and not self._paused_idle:
            self._resume_timer()

    # ------------------------------------------------------------ the end

    def _show_summary(self) -> None:
        self._stop_timer()
        session = self.session
        assert session is not None
        when = prep.now()
        text = Text()
        ratings = session.ratings()
        text.append(
            f"Session done: {plural(len(session.answers), 'answer')} in "
            f"{clock(session.seconds())}\n",
            style="bold",
        )
        text.append(
            "  ".join(f"{prep.RATING_TITLES[r]} {ratings[r]}" for r in prep.RATINGS)
        )
        streak = self.progress.streak(prep.local_day(when))
        text.append(f" · streak {plural(streak, 'day')}\n")
        table = Table(box=None, expand=True, padding=(0, 1), pad_edge=False)
        table.add_column("#", justify="right", width=2)
        table.add_column("Question", ratio=1, no_wrap=True, overflow="ellipsis")
        table.add_column("Time", justify="right", width=5)
        table.add_column("Aim", justify="right", width=5)
        table.add_column("Rating", width=6)
        table.add_column("Back in", width=8)
        for number, answer in enumerate(session.answers, 1):
            table.add_row(
                str(number),
                answer.card.question,
                clock(answer.seconds),
                clock(answer.card.target),
                prep.RATING_TITLES[answer.rating],
                prep.human_interval(answer.due - when),
            )
        outlook = self.progress.due_outlook(self.deck, when)
        footer = Text("\nNext due: ", style="bold")
        footer.append(
            " · ".join(f"{n} {label}" for label, n in outlook) or "nothing scheduled"
        )
        body = Table.grid()
        body.add_row(text)
        body.add_row(table)
        body.add_row(footer)
        self.query_one("#summary-text", Static).update(body)
        self._set_phase("summary")
        self.query_one("#again", Button).focus()

    def action_leave_box(self) -> None:
        """Out of the notes box, so the rating keys work again."""
        self.query_one("#card-body").focus()

    def action_end_session(self) -> None:
        """Stop here: the summary if anything was rated, else the choices."""
        if self.session is not None and self.session.answers:
            self._show_summary()
        else:
            self._show_setup()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Back to the wizard."""
        self._stop_timer()
        self.dismiss(None)

    @on(Button.Pressed, "#show-progress")
    @on(Button.Pressed, "#summary-progress")
    def action_progress(self) -> None:
        """Counts by role, and the streak."""
        self.app.push_screen(ProgressModal(self.progress, self.role))


class ProgressModal(ModalScreen[None]):
    """How many questions are new, learning, due today and known, by role."""

    CSS_PATH = "prep.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,p", "close", "Close", id="close"),
    ]

    def __init__(self, progress: prep_progress.Progress, role: Role | None) -> None:
        super().__init__()
        self.progress = progress
        self.current = role

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog dialog--wide", id="progress-box"):
            yield Static("", id="progress-table")
            with Horizontal(classes="dialog--buttons"):
                yield Button("Close", id="close", variant="primary", compact=True)

    def on_mount(self) -> None:
        app = cast(FreeCVApp, self.app)
        when = prep.now()
        table = Table(box=None, expand=True, pad_edge=False)
        table.add_column("Questions", ratio=1, no_wrap=True, overflow="ellipsis")
        for name in ("New", "Learning", "Due today", "Known"):
            table.add_column(name, justify="right")
        roles: dict[str, Role] = {}
        if self.current is not None:
            roles[self.current.id] = self.current
        for role_id in self.progress.role_ids():
            role = app.catalog.get(role_id)
            if role is not None:
                roles.setdefault(role_id, role)
        groups = [(r.title, prep.role_cards(r)) for r in roles.values()]
        groups.append(("General questions", prep.general_cards()))
        stories = prep.cv_cards(app.cv)
        if stories:
            groups.append(("Stories from your CV", stories))
        for title, cards in groups:
            counts = self.progress.counts(cards, when)
            table.add_row(
                title,
                str(counts.new),
                str(counts.learning),
                str(counts.due_today),
                str(counts.known),
            )
        streak = self.progress.streak(prep.local_day(when))
        reviews = sum(r.reviews for r in self.progress.cards.values())
        head = Text("Progress\n", style="bold")
        head.append(
            f"Streak: {plural(streak, 'day')} · "
            f"{plural(len(self.progress.days), 'day')} practised · "
            f"{plural(reviews, 'answer')} rated\n"
        )
        tail = Text(f"\nKept in {self.progress.path}", style="dim")
        grid = Table.grid()
        grid.add_row(head)
        grid.add_row(table)
        grid.add_row(tail)
        self.query_one("#progress-table", Static).update(grid)
        self.query_one("#close", Button).focus()

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        """Back to practice."""
        self.dismiss(None)


# ---------------------------------------------------------------- wiring


def open_prep(app: App[int], role_id: str | None = None) -> None:
    """Show the prep screen over whatever is showing; on the role list, for its role."""
    if isinstance(app.screen, PrepScreen):
        return
    if role_id is None:
        highlighted = getattr(app.screen, "highlighted_role", None)
        role = highlighted() if callable(highlighted) else None
        role_id = getattr(role, "id", None)
    app.push_screen(PrepScreen(role_id))


def notify_due(app: FreeCVApp) -> None:
    """Say on start-up how many questions are due for the CV's role."""
    progress = prep_progress.load_progress()
    if progress.notice:
        app.notify(
            progress.notice,
            title="Practice progress",
            severity="error",
            timeout=20,
            markup=False,
        )
        return
    if not progress.cards:
        return
    role = app.role
    deck = prep.build_deck(role, app.cv)
    due = progress.counts(deck, prep.now()).due_now
    if due:
        name = role.title if role else "your interviews"
        app.notify(
            f"{due} interview question{'s are' if due != 1 else ' is'} due for "
            f"{name}. Open interview practice (F4) to go through them.",
            title="Practice due",
            markup=False,
        )


def run_app(role_id: str | None, roles_dirs: list[Path]) -> int:
    """Run the wizard opened on interview practice, for `freecv-tui prep`."""
    app = PrepFirstApp(role_id, roles_dirs=roles_dirs)
    app.run()
    return app.return_code or 0


class PrepFirstApp(FreeCVApp):
    """The wizard, with the prep screen over its first step."""

    # Textual resolves CSS_PATH beside the subclass's module; point at the app's.
    CSS_PATH = str(Path(inspect.getfile(FreeCVApp)).with_name("app.tcss"))

    def __init__(self, role_id: str | None, *, roles_dirs: list[Path]) -> None:
        super().__init__(roles_dirs=roles_dirs)
        self.prep_role = role_id

    def on_mount(self) -> None:
        # Textual calls FreeCVApp.on_mount after this one; it pushes the wizard
        # step, so the prep screen is pushed once the whole event is handled.
        self.call_next(open_prep, self, self.prep_role)
