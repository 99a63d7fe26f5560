"""The first step: pick a target role, read about it, choose how to start."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Button, Footer, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from freecv_tui import cv as cvmod
from freecv_tui.errors import FreeCVError
from freecv_tui.opening import open_cv
from freecv_tui.roles import Catalog, Role, RoleSummary, search
from freecv_tui.screens.base import StepScreen
from freecv_tui.screens.modals import ConfirmModal, OpenFileModal
from freecv_tui.screens.widgets import StepIndicator, TooSmall


def role_overview(role: Role, catalog: Catalog) -> str:
    """The Markdown shown beside the list for the highlighted role."""
    parts = [f"# {role.title}", role.summary.strip()]
    if role.aliases:
        parts.append(f"_Also called: {', '.join(role.aliases)}_")
    parts += ["## What recruiters look for", role.recruiters_look_for.strip()]
    parts += ["## Key skills", ", ".join(role.key_skills[:14])]
    if role.salary:
        parts.append("## Pay")
        parts.append("\n".join(f"- {pay.text()}" for pay in role.salary))
    titles = catalog.summaries
    related = [f"[{titles[r].title}](role:{r})" for r in role.related if r in catalog]
    if related:
        parts += ["## Related roles", ", ".join(related)]
    return "\n\n".join(parts)


class RoleScreen(StepScreen):
    """Choose the role the CV targets; filter the list by typing."""

    STEP = "role"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_step", "Next", tooltip="Continue with this role"),
        Binding(
            "ctrl+t",
            "start_example",
            "Use example",
            tooltip="Start from the role's example CV",
            id="start-example",
        ),
        Binding(
            "ctrl+o",
            "open_file",
            "Open cv.json",
            tooltip="Edit an existing cv.json",
            id="open-file",
        ),
        Binding("escape", "focus_filter", "Filter", show=False),
        Binding("ctrl+b", "previous_step", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield StepIndicator(self.STEP)
        with Horizontal(id="step-body"):
            with Vertical(id="role-picker"):
                yield Static("What role are you applying for?", classes="step-title")
                yield Input(placeholder="Type to filter roles", id="role-filter")
                yield OptionList(id="role-list")
                with Horizontal(id="nav"):
                    yield Button(
                        "Start blank", id="start-blank", variant="primary", compact=True
                    )
                    yield Button("Use example", id="start-example", compact=True)
                    yield Button("Open file", id="open-file", compact=True)
            with VerticalScroll(id="role-preview", can_focus=False):
                yield Markdown("", id="role-overview", open_links=False)
        yield Footer()
        yield TooSmall()

    _preview_timer: Timer | None = None

    def on_mount(self) -> None:
        self._fill("")
        current = self.wizard.role
        options = self.query_one("#role-list", OptionList)
        if current is not None:
            index = self._index_of(current.id)
            if index is not None:
                options.highlighted = index
        self.query_one("#role-filter", Input).focus()

    def _index_of(self, role_id: str) -> int | None:
        options = self.query_one("#role-list", OptionList)
        for index in range(options.option_count):
            if options.get_option_at_index(index).id == role_id:
                return index
        return None

    def _fill(self, query: str) -> None:
        """List matching roles under family headings, best family first."""
        options = self.query_one("#role-list", OptionList)
        options.clear_options()
        groups: dict[str, list[RoleSummary]] = {}
        for summary in search(self.wizard.catalog, query):
            groups.setdefault(summary.family, []).append(summary)
        items: list[Option] = []
        for family, members in groups.items():
            items.append(Option(Text(family.upper(), style="bold"), disabled=True))
            items += [Option(f"  {s.title}", id=s.id) for s in members]
        options.add_options(items)
        if groups:
            options.highlighted = 1
        else:
            self.query_one("#role-overview", Markdown).update(
                "_No role matches that filter. Clear it to see every role, or "
                "start blank and the tips will stay general._"
            )

    @on(Input.Changed, "#role-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#role-filter")
    def _filter_submitted(self) -> None:
        self.action_next_step()

    def on_key(self, event: object) -> None:
        from textual.events import Key

        if not isinstance(event, Key) or self.focused is not self.query_one(
            "#role-filter"
        ):
            return
        options = self.query_one("#role-list", OptionList)
        if event.key in ("down", "up"):
            options.action_cursor_down() if event.key == "down" else (
                options.action_cursor_up()
            )
            event.stop()

    @on(OptionList.OptionHighlighted, "#role-list")
    def _preview(self, event: OptionList.OptionHighlighted) -> None:
        # Rendered once the cursor rests, so fast typing is not slowed by it.
        if self._preview_timer is not None:
            self._preview_timer.stop()
        role_id = event.option.id
        self._preview_timer = self.set_timer(0.08, lambda: self._show(role_id))

    def _show(self, role_id: str | None) -> None:
        role = self.wizard.catalog.get(role_id)
        if role is not None:
            overview = role_overview(role, self.wizard.catalog)
            self.query_one("#role-overview", Markdown).update(overview)

    @on(Markdown.LinkClicked, "#role-overview")
    def _follow_link(self, event: Markdown.LinkClicked) -> None:
        """A related role is shown in the list; any other link opens as usual."""
        role_id = event.href.removeprefix("role:")
        if role_id == event.href:
            self.app.open_url(event.href)
            return
        search_box = self.query_one("#role-filter", Input)
        with search_box.prevent(Input.Changed):
            search_box.value = ""
        self._fill("")
        index = self._index_of(role_id)
        if index is not None:
            self.query_one("#role-list", OptionList).highlighted = index

    @on(OptionList.OptionSelected, "#role-list")
    def _selected(self) -> None:
        self.action_next_step()

    def highlighted_role(self) -> Role | None:
        """The role under the cursor, if any."""
        options = self.query_one("#role-list", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return self.wizard.catalog.get(
            options.get_option_at_index(options.highlighted).id
        )

    def blocking_problems(self) -> list[str]:
        if self.highlighted_role() is None:
            return ["Pick a role from the list (clear the filter to see them all)."]
        return []

    def forward(self) -> None:
        """Keep the CV as it is, target the chosen role, go to contact details."""
        self.wizard.choose_role(self.highlighted_role())
        self.wizard.go_to("contact")

    def action_focus_filter(self) -> None:
        self.query_one("#role-filter", Input).focus()

    @on(Button.Pressed, "#start-blank")
    def _start_blank(self) -> None:
        self.action_next_step()

    @on(Button.Pressed, "#start-example")
    def action_start_example(self) -> None:
        """Replace the draft with the role's example CV, asking first if needed."""
        role = self.highlighted_role()
        if role is None:
            self.action_next_step()
            return

        def use(confirmed: bool | None) -> None:
            if not confirmed:
                return
            example = cvmod.from_data(
                role.example, f"role {role.id} example", draft=True
            )
            self.wizard.choose_role(role)
            self.wizard.replace_cv(example)
            self.notify(
                f"Started from {example.basics.name}'s example CV: "
                "replace their details with yours.",
                title="Example loaded",
            )
            self.wizard.go_to("contact")

        if self.cv.basics.name or self.cv.work:
            self.app.push_screen(
                ConfirmModal(
                    "Replace your draft with the example CV? Your current draft "
                    "is kept as a backup file.",
                    yes="Replace",
                ),
                use,
            )
        else:
            use(True)

    @on(Button.Pressed, "#open-file")
    def action_open_file(self) -> None:
        """Ask for a CV file (cv.json, JSON Resume or our PDF) and edit it."""

        def opened(path: Path | None) -> None:
            if path is None:
                return
            try:
                loaded, notes, _ = open_cv(path, draft=True)
            except FreeCVError as exc:
                self.notify(
                    exc.message, title="Cannot open", severity="error", markup=False
                )
                return
            self.wizard.replace_cv(loaded, str(path))
            role = self.highlighted_role()
            if role is not None and self.wizard.role is None:
                self.wizard.choose_role(role)
            self.notify("\n".join([f"Opened {path}", *notes]), markup=False)
            self.wizard.go_to("contact")

        self.app.push_screen(OpenFileModal(), opened)
