"""Review: the CV as it will read, what still needs fixing, and the export."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from freecv_tui import cv as cvmod
from freecv_tui import remote, report
from freecv_tui.errors import FreeCVError
from freecv_tui.export import service
from freecv_tui.export.pdf_templates import TEMPLATES, FitOptions, default_paper
from freecv_tui.report import AREA_TITLES
from freecv_tui.screens.base import StepScreen
from freecv_tui.screens.modals import ConfirmModal
from freecv_tui.screens.widgets import SEVERITY_MARK, Field

if TYPE_CHECKING:
    from freecv_tui.export.pdf import Fit, FitSuggestion


def _bullets(lines: list[str]) -> Table:
    """Bullets whose wrapped lines hang under their text, as in the PDF."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(width=3, justify="right")
    grid.add_column(ratio=1)
    for line in lines:
        grid.add_row("\u2022", Text(line))
    return grid


def preview(cv: cvmod.CV) -> Group:
    """The CV's content in reading order, as styled text (never markup)."""
    cv = service.newest_first(cv)
    b = cv.basics
    parts: list[RenderableType] = []
    head = Text()
    head.append((b.name or "(your name)") + "\n", style="bold")
    if b.label:
        head.append(b.label + "\n", style="italic")
    contact = [b.email, b.phone, b.location, b.url, *(p.url for p in b.profiles)]
    if any(contact):
        head.append(" \u00b7 ".join(c for c in contact if c) + "\n")
    if b.summary:
        head.append("\n" + b.summary)
    head.rstrip()
    parts.append(head)

    def heading(title: str) -> None:
        parts.append(Text(f"\n{title.upper()}", style="bold underline"))

    if cv.work:
        heading("Experience")
        for job in cv.work:
            parts.append(Text(job.position, style="bold"))
            where = (job.company, job.location, job.date_range())
            parts.append(Text(" \u00b7 ".join(x for x in where if x), style="dim"))
            if job.summary:
                parts.append(Text(job.summary))
            if job.highlights:
                parts.append(_bullets(job.highlights))
    if cv.education:
        heading("Education")
        for course in cv.education:
            what = ", ".join(x for x in (course.degree, course.field) if x)
            parts.append(Text(what or course.institution, style="bold"))
            where = (course.institution if what else "", course.date_range())
            if any(where):
                parts.append(Text(" \u00b7 ".join(x for x in where if x), style="dim"))
            if course.score:
                parts.append(Text(f"  {course.score}"))
    if cv.skills:
        heading("Skills")
        parts.append(Text(", ".join(cv.skills)))
    return Group(*parts)


_FIELD_NAMES = {
    "basics.name": "Name",
    "basics.label": "Headline",
    "basics.email": "Email",
    "basics.phone": "Phone",
    "basics.location": "Location",
    "basics.url": "Website",
    "basics.profiles": "Profiles",
    "basics.summary": "Summary",
    "work": "Work",
    "education": "Education",
    "skills": "Skills",
}


def field_name(cv: cvmod.CV, path: str) -> str:
    """A path as people read it: work[1].highlights[0] -> "Tarn Freight, bullet 1"."""
    if path in _FIELD_NAMES:
        return _FIELD_NAMES[path]
    match = re.match(r"(work|education|skills)\[(\d+)\]\.?(\w*)(?:\[(\d+)\])?", path)
    if not match:
        return path or "CV"
    section, index, field, item = match.groups()
    position = int(index)
    if section == "skills":
        return f"Skill {position + 1}"
    entries = getattr(cv, section)
    if position < len(entries):
        entry = entries[position]
        name = getattr(entry, "company", None) or getattr(entry, "institution", "")
    else:
        name = f"{section} {position + 1}"
    if field == "highlights" and item is not None:
        return f"{name}, bullet {int(item) + 1}"
    return f"{name}, {field}" if field else name


FIT_KEYS = {
    "tight": ("f5", "Tighter spacing"),
    "compact": ("f6", "Compact template"),
    "hide-old-bullets": ("f7", "Hide older bullets"),
}
"""Each way to fit a page less: its key and its button."""


class ReviewScreen(StepScreen):
    """Read the CV through, fix what is flagged, and export the files."""

    STEP = "review"
    TITLE_TEXT = "Review and export"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "export", "Export", tooltip="Write cv.json and the PDF"),
        *(
            Binding(key, f"fit('{name}')", label.split()[0], tooltip=label)
            for name, (key, label) in FIT_KEYS.items()
        ),
        Binding("f8", "undo_fit", "Undo fit", show=False),
    ]

    def __init__(self, focus: str | None = None) -> None:
        super().__init__(focus=focus)
        self.template = "classic"
        self.options = FitOptions()
        self.offers: dict[str, FitSuggestion] = {}

    def compose_form(self) -> ComposeResult:
        # The last look chosen (kept with the draft) is where review starts.
        layout = self.wizard.session
        self.template = layout.template
        self.options = layout.fit_options()
        paper = layout.paper or default_paper()
        yield Static(preview(self.cv), id="preview")
        yield Static("", id="review-score")
        yield OptionList(id="findings")
        yield Static("", id="problems", markup=False)
        yield Field("Folder", name="folder", value=layout.folder or str(Path.cwd()))
        with Horizontal(classes="paper-row"):
            yield Label("Paper")
            yield Select(
                [("A4", "A4"), ("US Letter", "Letter")],
                value=paper,
                allow_blank=False,
                id="paper",
                compact=True,
            )
        with Horizontal(classes="paper-row"):
            yield Label("Template")
            yield Select(
                [(name.capitalize(), name) for name in TEMPLATES],
                value=self.template,
                allow_blank=False,
                id="template",
                compact=True,
            )
        yield Static("", id="fit")
        with Horizontal(classes="entry-buttons", id="fit-buttons"):
            for key, label in FIT_KEYS.values():
                yield Button(
                    f"{key.upper()} {label.split()[0]}",
                    id=f"fit-{label.split()[0]}",
                    compact=True,
                    disabled=True,
                    tooltip=label,
                )
        with Horizontal(classes="entry-buttons"):
            yield Button(
                "Export cv.json and PDF", id="export", variant="success", compact=True
            )
            yield Button("Copy cv.json", id="copy-json", compact=True)
        yield Static("", id="export-result", markup=False)

    def on_mount(self) -> None:
        self._show_report(report.build(self.cv, self.wizard.role))
        self._measure()
        problems = cvmod.problems(self.cv)
        box = self.query_one("#problems", Static)
        if problems:
            box.update(
                "To fix before export:\n" + "\n".join(f"✗ {p}" for p in problems)
            )
            box.add_class("-has-problems")
        else:
            box.update("✓ Ready to export: the CV is valid cv.json.")
        # Findings first: Enter on arrival must not export by accident.
        findings = self.query_one("#findings", OptionList)
        findings.focus()
        self.call_after_refresh(self.query_one("#form").scroll_home, animate=False)
        self.query_one("#nav #next", Button).display = False

    @work(thread=True, exclusive=True, group="measure", exit_on_error=False)
    def _measure(self) -> None:
        """Lay the PDF out off the UI thread: pages, fill, and ways to save room."""
        from freecv_tui.export.pdf import fit_suggestions, measure_fit
        from freecv_tui.export.service import newest_first

        snapshot = newest_first(self.cv.model_copy(deep=True))
        style = {
            "paper": self._paper(),
            "template": self.template,
            "options": self.options,
        }
        try:
            fit = measure_fit(snapshot, **style)
            years = round(report.years_of_experience(snapshot))
            offers = fit_suggestions(snapshot, years=max(5, years), **style)
        except Exception:
            return
        layout = report.Layout(fit.pages, fit.last_page_lines)
        built = report.build(snapshot, self.wizard.role, layout=layout)
        self.app.call_from_thread(self._show_report, built)
        self.app.call_from_thread(self._show_fit, fit, offers)

    def _show_fit(self, fit: Fit, offers: list[FitSuggestion]) -> None:
        pages = "1 page" if fit.pages == 1 else f"{fit.pages} pages"
        text = Text(f"PDF: {pages}, the last one {fit.last_page_fill:.0%} full")
        applied = []
        if self.options.spacing == "tight":
            applied.append("tighter spacing")
        if self.options.hide_bullets_after_years is not None:
            applied.append("older bullets hidden")
        if applied:
            text.append(f" ({', '.join(applied)}; F8 undoes)", style="dim")
        self.offers = {o.key: o for o in offers if o.fit.pages < fit.pages}
        for key, (letter, label) in FIT_KEYS.items():
            button = self.query_one(f"#fit-{label.split()[0]}", Button)
            offer = self.offers.get(key)
            button.disabled = offer is None
            if offer is not None:
                short = label.split()[0]
                button.label = f"{letter.upper()} {short} → {offer.fit.pages}p"
        if not self.offers:
            text.append("; nothing would save a page", style="dim")
        self.query_one("#fit", Static).update(text)

    def action_fit(self, key: str) -> None:
        """Apply one way of fitting a page less, then measure again."""
        offer = self.offers.get(key)
        if offer is None:
            self.notify("That would not save a page here.", severity="warning")
            return
        self.template = offer.template
        self.options = offer.options
        self.query_one("#template", Select).value = offer.template
        pages = "1 page" if offer.fit.pages == 1 else f"{offer.fit.pages} pages"
        self.notify(f"{offer.label}: now {pages}.", title="Fitted")
        self._remember()
        self._measure()

    def action_undo_fit(self) -> None:
        """Back to normal spacing with every bullet shown."""
        if self.options == FitOptions():
            self.notify("Spacing is normal and every bullet is shown.")
            return
        self.options = FitOptions()
        self._remember()
        self._measure()

    def _remember(self) -> None:
        """Keep the chosen look with the draft, so exports of it match later."""
        layout = self.wizard.session
        layout.template = self.template
        layout.paper = self._paper()
        layout.spacing = self.options.spacing
        layout.hide_after = self.options.hide_bullets_after_years
        self.query_one("#export-result", Static).update("")
        self.wizard.cv_changed()

    @on(Button.Pressed, "#fit-buttons Button")
    def _fit_pressed(self, event: Button.Pressed) -> None:
        pressed = (event.button.id or "").removeprefix("fit-")
        for key, (_, label) in FIT_KEYS.items():
            if label.split()[0] == pressed:
                self.action_fit(key)

    @on(Select.Changed, "#template")
    @on(Select.Changed, "#paper")
    def _style_changed(self) -> None:
        template = str(self.query_one("#template", Select).value)
        changed = (template, self._paper()) != (
            self.template,
            self.wizard.session.paper or default_paper(),
        )
        self.template = template
        if changed:
            self._remember()
        self._measure()

    def _show_report(self, result: report.Report) -> None:
        score = Text()
        score.append(f"Score {result.score}/100", style="bold")
        if result.layout:
            pages = result.layout.pages
            score.append(f"   {pages} page" + ("" if pages == 1 else "s"))
        score.append("\n")
        parts = [
            f"{AREA_TITLES[a]} {got}/{top}"
            for a, (got, top) in result.breakdown.items()
        ]
        score.append(" · ".join(parts) + "\n", style="dim")
        score.append(result.recommendation, style="italic")
        self.query_one("#review-score", Static).update(score)
        options = self.query_one("#findings", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        order = {"error": 0, "warning": 1, "tip": 2}
        shown = sorted(
            (f for f in result.findings if f.counts), key=lambda f: order[f.severity]
        )
        for index, finding in enumerate(shown):
            mark = SEVERITY_MARK[finding.severity]
            label = Text(f"{mark} ")
            label.append(field_name(self.cv, finding.path), style="bold")
            label.append(": " + finding.message)
            options.add_option(Option(label, id=f"{index}:{finding.path}"))
        if not shown:
            options.add_option(Option("✓ Nothing to fix", disabled=True))
        else:
            options.highlighted = min(highlighted or 0, len(shown) - 1)

    @on(OptionList.OptionSelected, "#findings")
    def _jump(self, event: OptionList.OptionSelected) -> None:
        path = (event.option.id or "").split(":", 1)[-1]
        if path:
            self.wizard.jump_to(path)

    def _paper(self) -> str:
        return str(self.query_one("#paper", Select).value)

    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        """Export, asking before overwriting existing files."""
        typed = self.value("folder").strip()
        if typed != self.wizard.session.folder:
            self.wizard.session.folder = typed
            self.wizard.cv_changed()
        folder = Path(typed or ".").expanduser()
        try:
            targets = service.targets(self.cv, folder, service.DEFAULT_FORMATS)
        except FreeCVError as exc:
            self._report_error(exc.message)
            return
        existing = [p for p in targets.values() if p.exists()]
        if existing:
            names = "\n".join(str(p) for p in existing)

            def answer(confirmed: bool | None) -> None:
                if confirmed:
                    self._export(folder, overwrite=True)
                else:
                    result = self.query_one("#export-result", Static)
                    result.update("Nothing exported: the files were left as they are.")

            self.app.push_screen(
                ConfirmModal(
                    f"These files exist:\n{names}\nOverwrite them?", yes="Overwrite"
                ),
                answer,
            )
            return
        self._export(folder, overwrite=False)

    def _report_error(self, message: str) -> None:
        self.query_one("#export-result", Static).update(f"✗ {message}")
        self.notify(message, title="Export failed", severity="error", markup=False)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, folder: Path, *, overwrite: bool) -> None:
        self.app.call_from_thread(
            self.query_one("#export-result", Static).update, "Exporting…"
        )
        try:
            paths, notes = service.export_to_folder(
                self.cv.model_copy(deep=True),
                folder,
                paper=self._paper(),
                template=self.template,
                options=self.options,
                overwrite=overwrite,
            )
        except FreeCVError as exc:
            self.app.call_from_thread(self._report_error, exc.message)
            return
        self.app.call_from_thread(self._exported, paths, notes)

    def _exported(self, paths: list[Path], notes: list[str]) -> None:
        lines = ["✓ Written:"] + [f"  {p.resolve()}" for p in paths]
        lines += [f"  note: {n}" for n in notes]
        if remote.ssh_session():
            lines += ["", "To fetch them, run on your own computer:"]
            lines += [f"  {c}" for c in remote.fetch_commands(paths)]
        result = self.query_one("#export-result", Static)
        result.update("\n".join(lines))
        self.call_after_refresh(result.scroll_visible)
        self.notify("Both files written; their paths are below.", title="Exported")
        if self.app.is_web:
            # In a browser (textual serve) the files download to the user's machine.
            for path in paths:
                self.app.deliver_binary(path, save_filename=path.name)

    @on(Button.Pressed, "#copy-json")
    def action_copy_json(self) -> None:
        """Put the cv.json text on the user's clipboard (OSC 52, works over SSH)."""
        problems = cvmod.problems(self.cv)
        if problems:
            self._report_error(f"fix {problems[0]} first")
            return
        self.app.copy_to_clipboard(cvmod.dumps(cvmod.stamp(self.cv)))
        self.notify(
            "Sent to your terminal's clipboard. If nothing arrives: tmux needs "
            "`set -s set-clipboard on`, iTerm2 needs clipboard access allowed, and "
            "macOS Terminal does not support it.",
            title="cv.json copied",
            timeout=8,
        )
