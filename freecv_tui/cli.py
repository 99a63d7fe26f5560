"""The `freecv-tui` command: the wizard, and headless export, validate and roles."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from freecv_tui import __version__

if TYPE_CHECKING:
    from freecv_tui.cv import CV
    from freecv_tui.export.pdf_templates import FitOptions
    from freecv_tui.roles import Catalog

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
TTY_HINT = (
    "freecv-tui: the wizard needs a terminal (over ssh, add -t: "
    "`ssh -t host freecv-tui`); without one, use `freecv-tui export -o - > cv.pdf`"
)


class UsageError(Exception):
    """A command line that cannot be carried out; the text says why."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="freecv-tui",
        description="Build a recruiter-ready CV in the terminal: cv.json and PDF.",
        epilog="Run with no command to start the wizard.",
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {__version__}"
    )
    parser.add_argument(
        "--color",
        choices=("auto", "16", "256", "truecolor"),
        default="auto",
        help="colours to use; ssh does not pass COLORTERM, so auto may undershoot",
    )
    parser.add_argument(
        "--no-mouse", action="store_true", help="keyboard only; no mouse reports"
    )
    parser.add_argument(
        "--roles-dir",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="also read role files from DIR (after the built-in and user roles)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    edit = sub.add_parser("edit", help="open the wizard on a cv.json file")
    edit.add_argument("path", type=Path, help="the cv.json to edit")

    export = sub.add_parser(
        "export", help="write the PDF or normalised cv.json of a CV (no UI)"
    )
    export.add_argument(
        "path", type=Path, nargs="?", help="cv.json to export (default: the draft)"
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="file to write (its extension picks the format), a folder (a "
        "trailing / makes one), or - for stdout (default: beside the input)",
    )
    export.add_argument(
        "--format",
        default=None,
        metavar="FORMATS",
        help="pdf, json, md, html, jsonresume (default: from the -o extension, "
        "else pdf); several with commas (into a folder; not with -o -)",
    )
    export.add_argument(
        "--paper",
        type=str.upper,
        choices=("A4", "LETTER"),
        default=None,
        help="default: Letter in US and Canadian locales, else A4",
    )
    export.add_argument(
        "--template",
        type=str.lower,
        choices=("classic", "modern", "compact"),
        default=None,
        help="PDF look: classic, modern (accent colour) or compact; default: the "
        "draft's last choice at review, else classic",
    )
    export.add_argument(
        "--spacing",
        type=str.lower,
        choices=("normal", "tight"),
        default=None,
        help="tight shrinks the gaps to save a page (F5 at review)",
    )
    export.add_argument(
        "--hide-bullets-after",
        type=int,
        default=None,
        metavar="YEARS",
        help="leave out bullets of jobs that ended over YEARS ago, except the two "
        "most recent jobs (F7 at review)",
    )
    export.add_argument(
        "-f", "--force", action="store_true", help="overwrite an existing file"
    )

    from freecv_tui import cli_prep

    cli_prep.add_parser(sub)

    imp = sub.add_parser(
        "import", help="make a cv.json (a file, or stdin) the current draft"
    )
    imp.add_argument(
        "path", nargs="?", default="-", help="file to import, or - for stdin"
    )
    sub.add_parser("paths", help="print where drafts, roles and progress are kept")

    validate = sub.add_parser("validate", help="check a cv.json against the standard")
    validate.add_argument("path", type=Path)

    check = sub.add_parser(
        "check", help="recruiter checks and a score for a CV (and a job ad)"
    )
    check.add_argument(
        "path", type=Path, nargs="?", help="cv.json to check (default: the draft)"
    )
    check.add_argument("--role", metavar="ID", help="target role (default: guessed)")
    check.add_argument("--job", type=Path, metavar="FILE", help="a job ad to match")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--min-score", type=int, default=0, metavar="N", help="exit 1 below N"
    )

    roles = sub.add_parser("roles", help="list the target roles, or show one")
    roles_sub = roles.add_subparsers(dest="roles_command", metavar="ACTION")
    roles_sub.add_parser("list", help="list roles by family (the default)")
    show = roles_sub.add_parser("show", help="print one role's guidance")
    show.add_argument("role_id", metavar="ID")
    check = roles_sub.add_parser(
        "check", help="check role files for gaps, rule breaks and copied text"
    )
    check.add_argument(
        "paths", type=Path, nargs="*", metavar="PATH", help="default: every role"
    )
    new = roles_sub.add_parser("new", help="write a starting role file to edit")
    new.add_argument("role_id", metavar="ID")
    new.add_argument("--from", dest="source", metavar="EXISTING", required=True)
    new.add_argument("-o", "--output", type=Path, help="default: your roles folder")
    roles_sub.add_parser("paths", help="print where role files are read from")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; user errors go to stderr with a non-zero exit code."""
    args = _parser().parse_args(argv)
    try:
        return _dispatch(args)
    except UsageError as exc:
        print(f"freecv-tui: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (head, less) left early; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        from freecv_tui.errors import FreeCVError

        if isinstance(exc, FreeCVError):
            print(f"freecv-tui: {exc.message}", file=sys.stderr)
            return EXIT_INVALID
        raise


def run() -> NoReturn:
    """The console script: main(), quicker for one-shot commands such as export.

    A headless command lives well under a second, so the cyclic collector only
    slows it (about 45 ms of a PDF export) and so does freeing every module at
    exit (about 120 ms). It exits at once after flushing its output. The wizard
    and prep turn the collector back on and exit normally, so Textual restores
    the terminal.
    """
    gc.disable()
    code = main()
    if "textual.app" in sys.modules:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def _dispatch(args: argparse.Namespace) -> int:
    match args.command:
        case None:
            return _run_wizard(None, args)
        case "edit":
            return _run_wizard(args.path, args)
        case "import":
            return _import(args.path)
        case "paths":
            return _paths(args.roles_dir)
        case "export":
            return _export(args)
        case "validate":
            return _validate(args.path)
        case "prep":
            from freecv_tui.cli_prep import run

            return run(args)
        case "check":
            from freecv_tui.cli_check import run_check

            return run_check(args)
        case "roles":
            return _roles(args)
    raise UsageError(f"unknown command {args.command}")


def _require_tty() -> None:
    """Refuse a UI without a terminal; with one, a long session needs the collector."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        print(TTY_HINT, file=sys.stderr)
        raise SystemExit(EXIT_USAGE)
    gc.enable()


COLOR_SYSTEMS = {"16": "standard", "256": "256", "truecolor": "truecolor"}


def _run_wizard(path: Path | None, args: argparse.Namespace) -> int:
    _require_tty()

    start: CV | None = None
    if path is not None:
        start = _open_any(path, draft=True)
    if args.color != "auto":
        # Textual reads this once, when it is first imported.
        os.environ["TEXTUAL_COLOR_SYSTEM"] = COLOR_SYSTEMS[args.color]
    from freecv_tui.app import FreeCVApp

    app = FreeCVApp(cv_path=path, start_cv=start, roles_dirs=args.roles_dir)
    app.run(mouse=not args.no_mouse)
    return app.return_code or 0


def _import(source: str) -> int:
    """Validate a cv.json from a file or stdin and make it the current draft."""
    from freecv_tui import store

    if source == "-":
        if sys.stdin.isatty():
            raise UsageError("pipe a cv.json in: freecv-tui import < cv.json")
        raw = sys.stdin.buffer.read()
        name = "stdin"
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UsageError("stdin is not UTF-8 text; send a cv.json") from None
        from freecv_tui.opening import from_text

        cv, notes, _ = from_text(text, "stdin")
        for note in notes:
            print(f"freecv-tui: note: {note}", file=sys.stderr)
    else:
        cv = _open_any(Path(source), draft=False)
        name = source
    backup = store.discard_draft()
    if backup is not None:
        print(f"previous draft kept as {backup}", file=sys.stderr)
    from freecv_tui.cli_check import guess_role
    from freecv_tui.roles import load_catalog

    role = guess_role(load_catalog(), cv.basics.label or "")
    store.save_draft(cv, store.Session(role=role, step="contact", source=None))
    if role:
        print(
            f"target role: {role} (from the headline; change it in the wizard)",
            file=sys.stderr,
        )
    print(f"imported {name} as the draft: {store.draft_path()}", file=sys.stderr)
    return EXIT_OK


def _open_any(path: Path, *, draft: bool) -> CV:
    """A CV file of any kind we read; conversion notes go to stderr."""
    from freecv_tui.opening import open_cv

    cv, notes, _ = open_cv(path, draft=draft)
    for note in notes:
        print(f"freecv-tui: note: {note}", file=sys.stderr)
    return cv


def _paths(extra: list[Path]) -> int:
    """Where everything lives, for scp and sftp users."""
    from freecv_tui import store
    from freecv_tui.roles import builtin_dir, user_role_dirs

    rows = [
        ("data", store.data_dir()),
        ("draft", store.draft_path()),
        ("drafts", store.drafts_dir()),
        ("progress", store.data_dir() / "prep.toml"),
        ("roles", store.roles_dir()),
        ("cache", store.cache_dir()),
        ("exports", Path.cwd()),
        ("built-in roles", Path(builtin_dir())),
    ]
    rows += [("roles (extra)", p) for p in user_role_dirs(extra)[1:]]
    for label, path in rows:
        print(f"{label:<15} {path}")
    return EXIT_OK


def _load_for_export(path: Path | None) -> tuple[CV, Path | None]:
    from freecv_tui import cv as cvmod
    from freecv_tui import store

    if path is not None:
        return _open_any(path, draft=False), path
    draft = store.draft_path()
    if not draft.exists():
        raise UsageError(
            f"no CV given and no draft at {draft}; pass a cv.json or run the wizard"
        )
    return cvmod.load(draft), None


# The format a known -o extension stands for; .json is cv.json, the app's own.
SUFFIX_FORMATS = {".pdf": "pdf", ".json": "json", ".md": "md", ".html": "html"}
SUFFIX_FORMATS[".htm"] = "html"
# How each format is named to the user.
FORMAT_NAMES = {
    "pdf": "a PDF",
    "json": "cv.json",
    "md": "Markdown",
    "html": "HTML",
    "jsonresume": "JSON Resume",
}


def _export(args: argparse.Namespace) -> int:
    from freecv_tui import store
    from freecv_tui.errors import ExportError
    from freecv_tui.export import service

    formats = _export_formats(args)
    to_stdout = args.output == "-"
    if to_stdout and len(formats) > 1:
        raise UsageError("-o - writes one format; give one, or a folder with -o")
    if to_stdout and sys.stdout.isatty():
        raise UsageError(
            "refusing to write binary output to a terminal; redirect it: -o - > cv.pdf"
        )
    cv, source = _load_for_export(args.path)
    final = service.ready(cv)
    outs = {} if to_stdout else _export_paths(args, final, source, formats)
    # Every target is checked before the slow render and before any write.
    for out in outs.values():
        try:
            store.write_target(out)
        except ExportError as exc:
            raise UsageError(exc.message) from None
    existing = [p for p in outs.values() if p.exists()]
    if existing and not args.force:
        names = ", ".join(str(p) for p in existing)
        verb = "exists" if len(existing) == 1 else "exist"
        raise UsageError(f"{names} already {verb}; pass --force to overwrite")
    # Everything is rendered before anything is written: no half-done sets.
    paper, template, options = _pdf_look(args)
    rendered = {
        fmt: service.render(final, fmt, paper=paper, template=template, options=options)
        for fmt in formats
    }
    for result in rendered.values():
        for note in result.notes:
            print(f"freecv-tui: note: {note}", file=sys.stderr)
    if to_stdout:
        return _write_stdout(rendered[formats[0]].data)
    for fmt, out in outs.items():
        service.write(out, rendered[fmt])
        print(out, file=sys.stderr)
    return EXIT_OK


def _pdf_look(args: argparse.Namespace) -> tuple[str, str, FitOptions]:
    """Paper, template and fit from the options; the draft's last look fills gaps.

    So `freecv-tui export` of the draft gives the PDF the review step showed.
    """
    from dataclasses import replace

    from freecv_tui import store
    from freecv_tui.export.pdf_templates import default_paper

    if args.hide_bullets_after is not None and not 0 <= args.hide_bullets_after <= 80:
        raise UsageError("--hide-bullets-after takes a number of years from 0 to 80")
    look = store.load_session() if args.path is None else store.Session()
    options = look.fit_options()
    if args.spacing:
        options = replace(options, spacing=args.spacing)
    if args.hide_bullets_after is not None:
        options = replace(options, hide_bullets_after_years=args.hide_bullets_after)
    paper = args.paper or look.paper or default_paper()
    return paper, args.template or look.template, options


def _export_formats(args: argparse.Namespace) -> list[str]:
    """The formats asked for, checked against -o, so a name never lies about them."""
    from freecv_tui.export import service

    raw = args.output
    named_file = bool(raw) and raw != "-" and not _names_folder(raw)
    suffix = Path(raw).suffix.lower() if named_file else ""
    if args.format is None:
        if named_file and Path(raw).name.lower() == "resume.json":
            print(
                "freecv-tui: note: writing cv.json; for JSON Resume add "
                "--format jsonresume",
                file=sys.stderr,
            )
        return [SUFFIX_FORMATS.get(suffix, "pdf")]
    asked = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    formats = list(dict.fromkeys(asked))
    unknown = [f for f in formats if f not in service.FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown format {', '.join(unknown) or '(none)'}; "
            f"use {', '.join(service.FORMATS)}"
        )
    if len(formats) == 1 and suffix in SUFFIX_FORMATS:
        wanted = service.EXTENSIONS[formats[0]]
        if SUFFIX_FORMATS[suffix] != SUFFIX_FORMATS[wanted]:
            name = FORMAT_NAMES[formats[0]]
            raise UsageError(
                f"{raw}: --format {formats[0]} writes {name}; "
                f"name it {wanted} or drop --format"
            )
    return formats


def _names_folder(raw: str) -> bool:
    """-o means a folder when it ends in a slash or already is one."""
    slashes = tuple(s for s in (os.sep, os.altsep, "/") if s)
    return raw.endswith(slashes) or Path(raw).expanduser().is_dir()


def _export_paths(
    args: argparse.Namespace, cv: CV, source: Path | None, formats: list[str]
) -> dict[str, Path]:
    """Where each format goes: -o FILE (one format), -o DIR, or beside the input."""
    from freecv_tui.export import service

    if args.output:
        out = Path(args.output).expanduser()
        if _names_folder(args.output):
            return service.targets(cv, out, formats)
        if len(formats) == 1:
            return {formats[0]: out}
        if out.exists() or out.is_symlink():
            kind = "a file" if out.is_file() else "not a folder"
            raise UsageError(f"{out} is {kind}; several formats need a folder")
        if out.suffix.lower() in SUFFIX_FORMATS:
            raise UsageError(
                f"{out} looks like a file name; several formats need a folder: "
                f"end it with / to make a folder of that name"
            )
        # A missing folder is made, as a single file's missing folders are.
        return service.targets(cv, out, formats)
    folder = source.parent if source else Path.cwd()
    paths = service.targets(cv, folder, formats)
    for fmt, out in paths.items():
        if source is not None and out.resolve() == source.resolve():
            paths[fmt] = out.with_name(f"{source.stem}.normalised{out.suffix}")
    return paths


def _write_stdout(data: bytes) -> int:
    """Write complete bytes to stdout; a reader that went away is not an error."""
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # Python would print a traceback at exit when flushing the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    return EXIT_OK


def _validate(path: Path) -> int:
    from freecv_tui import cv as cvmod
    from freecv_tui import report
    from freecv_tui.errors import CVFileError
    from freecv_tui.opening import open_cv

    try:
        cv, notes, kind = open_cv(path, draft=False)
    except CVFileError as exc:
        for problem in exc.problems:
            print(f"{path}: {problem}")
        return EXIT_INVALID
    for note in notes:
        print(f"freecv-tui: note: {note}", file=sys.stderr)
    for finding in report.date_findings(cv):
        if finding.rule == "dates.future":
            print(f"{path}: warning: {finding.path}: {finding.message}")
    what = {
        "cv.json": f"valid cv.json {cvmod.SCHEMA_VERSION}",
        "jsonresume": f"a JSON Resume that converts to valid cv.json "
        f"{cvmod.SCHEMA_VERSION}",
        "pdf": f"a PDF holding valid cv.json {cvmod.SCHEMA_VERSION}",
    }[kind]
    print(f"{path}: {what}", file=sys.stderr)
    return EXIT_OK


def _catalog(roles_dirs: list[Path]) -> Catalog:
    from freecv_tui.roles import load_catalog

    catalog = load_catalog(roles_dirs)
    for problem in catalog.problems:
        print(f"freecv-tui: skipped {problem.message}", file=sys.stderr)
    return catalog


def _roles(args: argparse.Namespace) -> int:
    if args.roles_command == "paths":
        return _roles_paths(args.roles_dir)
    if args.roles_command == "check":
        return _roles_check(args.paths, args.roles_dir)
    catalog = _catalog(args.roles_dir)
    if args.roles_command == "new":
        return _roles_new(catalog, args.role_id, args.source, args.output)
    if args.roles_command == "show":
        role = catalog.get(args.role_id)
        if role is None:
            _unknown_role(args.role_id, catalog)
        from freecv_tui.roles import describe

        print(describe(role))
        return EXIT_OK
    width = max((len(r.id) for r in catalog), default=0) + 2
    for family, members in catalog.by_family().items():
        print(family)
        for summary in members:
            print(f"  {summary.id:<{width}} {summary.title}")
    return EXIT_OK


def _roles_paths(extra: list[Path]) -> int:
    from freecv_tui.roles import builtin_dir, user_role_dirs

    print(f"built-in  {builtin_dir()}")
    for folder in user_role_dirs(extra):
        state = "" if folder.is_dir() else "  (not created yet)"
        print(f"user      {folder}{state}")
    return EXIT_OK


def _roles_check(paths: list[Path], extra: list[Path]) -> int:
    from freecv_tui.errors import RoleFileError
    from freecv_tui.rolecheck import check_role, near_duplicates
    from freecv_tui.roles import Role, RoleSource, load_catalog, load_file

    catalog = load_catalog(extra)
    lines = [str(p) for exc in catalog.problems for p in [exc.message]]
    checked: list[tuple[Role, str]] = [
        (role, r.source) for r in catalog if (role := catalog.get(r.id))
    ]
    if paths:
        checked = []
        for path in paths:
            try:
                role = load_file(path)
            except RoleFileError as exc:
                lines.append(exc.message)
                continue
            checked.append((role, str(path)))
            catalog.add(role, RoleSource(str(path), path=path))
    for role, source in checked:
        lines += [str(i) for i in check_role(role, source, catalog.roles)]
    if not paths:
        from freecv_tui.prep import check_bank

        lines += [str(i) for i in check_bank(roles=[r for r, _ in checked])]
    mine = {source for _, source in checked}
    everyone = [(role, r.source) for r in catalog if (role := catalog.get(r.id))]
    lines += [str(i) for i in near_duplicates(everyone) if i.source in mine]
    for line in lines:
        print(line)
    count = len(checked)
    verdict = f"{len(lines)} problems" if lines else "no problems"
    print(f"checked {count} roles: {verdict}", file=sys.stderr)
    return EXIT_INVALID if lines else EXIT_OK


def _roles_new(catalog: Catalog, role_id: str, source: str, out: Path | None) -> int:
    import re

    import tomli_w

    from freecv_tui import store

    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", role_id):
        raise UsageError(
            f'"{role_id}" is not a role id; use kebab-case like data-nurse'
        )
    base = catalog.get(source)
    if base is None:
        _unknown_role(source, catalog)
    target = out or store.roles_dir() / f"{role_id}.toml"
    if target.is_dir():
        target = target / f"{role_id}.toml"
    if target.exists():
        raise UsageError(f"{target} already exists; edit it or choose another id")
    data = base.model_dump(exclude_none=True)
    data["id"] = role_id
    data["title"] = f"{base.title} (copy)"
    text = tomli_w.dumps(data, multiline_strings=True)
    store.atomic_write(target, text.encode("utf-8"), private=False)
    print(target)
    return EXIT_OK


def _unknown_role(role_id: str, catalog: Catalog) -> NoReturn:
    import difflib

    from freecv_tui.roles import search

    close = difflib.get_close_matches(role_id, list(catalog.roles), n=3)
    close += [r.id for r in search(catalog, role_id)[:3] if r.id not in close]
    hint = (
        f"; did you mean {', '.join(close)}?" if close else "; see `freecv-tui roles`"
    )
    raise UsageError(f'no role "{role_id}"{hint}')
