"""`freecv-tui prep`: practise a role's interview questions, or write a prep sheet."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from freecv_tui.cv import CV
    from freecv_tui.roles import Role

# Only argparse at import: cli.py builds this parser even for --version.

FORMATS = ("md", "pdf")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Add `prep` to the main parser's subcommands."""
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "prep",
        help="practise interview questions, or write a prep sheet",
        description=(
            "Practise a role's interview questions, the general ones and the "
            "stories behind your CV bullets; or, with --sheet, write them with "
            "your notes and the model answers to print or read on a phone."
        ),
    )
    parser.add_argument(
        "role", nargs="?", metavar="ROLE", help="role id (default: the draft's role)"
    )
    parser.add_argument(
        "--sheet", action="store_true", help="write a prep sheet instead of practising"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where the sheet goes, - for stdout (default: prep-ROLE.md here)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, help="md or pdf (default: from -o, else md)"
    )
    parser.add_argument(
        "--cv",
        type=Path,
        metavar="PATH",
        help="cv.json whose bullets become story questions (default: the draft)",
    )
    parser.add_argument(
        "-f", "--force", action="store_true", help="overwrite an existing sheet"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Open practice in the wizard, or write the sheet; errors raise for cli.main."""
    from freecv_tui import store
    from freecv_tui.cli import UsageError, _require_tty, _unknown_role
    from freecv_tui.roles import load_catalog

    roles_dirs: list[Path] = getattr(args, "roles_dir", [])
    if not args.sheet and (args.output or args.format or args.cv):
        raise UsageError("-o, --format and --cv go with --sheet; add --sheet")
    catalog = load_catalog(roles_dirs)
    role_id = args.role or store.load_session().role
    if args.role and catalog.get(args.role) is None:
        _unknown_role(args.role, catalog)
    if not args.sheet:
        _require_tty()
        from freecv_tui.screens.prep import run_app

        return int(run_app(role_id, roles_dirs))
    return _write_sheet(args, catalog.get(role_id))


def _sheet_cv(path: Path | None) -> CV | None:
    """The CV whose bullets become story questions; None if there is none."""
    from freecv_tui import cv as cvmod
    from freecv_tui import store
    from freecv_tui.errors import FreeCVError

    if path is not None:
        return cvmod.load(path, draft=True)
    try:
        return store.load_draft()
    except FreeCVError as exc:
        _note(f"the draft could not be read, so the sheet has no CV stories: {exc}")
        return None


def _note(text: str) -> None:
    print(f"freecv-tui: note: {text}", file=sys.stderr)


def _write_sheet(args: argparse.Namespace, role: Role | None) -> int:
    from freecv_tui import prep, prep_progress, store
    from freecv_tui.cli import UsageError
    from freecv_tui.export import prepsheet

    fmt = args.format
    if fmt is None:
        fmt = "pdf" if str(args.output or "").lower().endswith(".pdf") else "md"
    to_stdout = args.output == "-"
    if to_stdout and fmt == "pdf" and sys.stdout.isatty():
        raise UsageError(
            "refusing to write a PDF to a terminal; redirect it: -o - > prep.pdf"
        )
    progress = prep_progress.load_progress()
    if progress.notice:
        _note(progress.notice)
    deck = prep.build_deck(role, _sheet_cv(args.cv))
    title = role.title if role else "general questions"
    markdown = prepsheet.sheet_markdown(title, deck, progress, prep.now())
    if fmt == "pdf":
        sheet = prepsheet.render_pdf(markdown, f"Interview prep: {title}")
        data = sheet.data
        for note in sheet.notes:
            _note(note)
    else:
        data = markdown.encode("utf-8")
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    out = Path(args.output or f"prep-{role.id if role else 'general'}.{fmt}")
    out = out.expanduser()
    if out.is_dir():
        out = out / f"prep-{role.id if role else 'general'}.{fmt}"
    if out.exists() and not args.force:
        raise UsageError(f"{out} already exists; pass --force to overwrite it")
    # The sheet holds the user's own notes, so only they may read it.
    store.atomic_write(out, data, private=True)
    print(out, file=sys.stderr)
    return 0
