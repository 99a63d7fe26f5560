"""The command line, run as a real process the way a user or ssh runs it."""

from __future__ import annotations

import gc
import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES, shared_file
from tests.conftest import run_cli as run


def test_version_and_help() -> None:
    out = run("--version")
    assert out.returncode == 0
    assert out.stdout.decode().startswith("freecv-tui ")
    helped = run("--help")
    assert helped.returncode == 0
    for command in ("edit", "export", "validate", "roles"):
        assert command in helped.stdout.decode()


def test_version_does_not_import_the_heavy_stack() -> None:
    code = (
        "import sys; from freecv_tui import cli\n"
        "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('textual','pydantic','fpdf') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip().endswith("[]")


def test_wizard_refuses_without_a_tty() -> None:
    out = run()
    assert out.returncode == 2
    assert "ssh -t" in out.stderr.decode()
    assert out.stderr.decode().count("\n") == 1


def test_validate_valid_file() -> None:
    out = run("validate", str(shared_file(EXAMPLES / "typical.json")))
    assert out.returncode == 0


def test_validate_lists_each_problem_with_its_path(case: Any) -> None:
    out = run("validate", str(case("30")))
    assert out.returncode == 1
    lines = out.stdout.decode().strip().splitlines()
    assert len(lines) == 4
    assert "work[0].startDate" in lines[0]
    assert "Traceback" not in out.stderr.decode()


def test_validate_present_suggests_current(case: Any) -> None:
    out = run("validate", str(case("12")))
    assert out.returncode == 1
    assert 'set "current": true' in out.stdout.decode()


def test_validate_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "cv.json"
    bad.write_text('{"basics": {"name": "A"}\n "work": []}')
    out = run("validate", str(bad))
    assert out.returncode == 1
    assert "line 2, column 2" in out.stdout.decode()


def test_validate_missing_file_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    out = run("validate", str(tmp_path / "nope.json"))
    assert out.returncode == 1
    assert "cannot be read" in out.stdout.decode()
    assert "Traceback" not in out.stderr.decode()


def test_export_json_to_file_is_normalised_and_valid(
    tmp_path: Path, schema_validator: Any
) -> None:
    target = tmp_path / "out.json"
    out = run(
        "export",
        str(shared_file(EXAMPLES / "typical.json")),
        "--format",
        "json",
        "-o",
        str(target),
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(target.read_text(encoding="utf-8"))
    assert list(schema_validator.iter_errors(data)) == []
    assert data["meta"]["version"] == "1.2.1"
    assert oct(target.stat().st_mode & 0o777) == "0o600"


def test_export_pdf_to_stdout_is_complete(tmp_path: Path) -> None:
    out = run("export", str(shared_file(EXAMPLES / "typical.json")), "-o", "-")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(b"%PDF-")
    assert out.stdout.rstrip().endswith(b"%%EOF")


def test_export_beside_the_input_and_refuses_to_overwrite(tmp_path: Path) -> None:
    source = tmp_path / "cv.json"
    source.write_bytes(shared_file(EXAMPLES / "typical.json").read_bytes())
    first = run("export", str(source))
    assert first.returncode == 0, first.stderr
    written = Path(first.stderr.decode().strip())
    assert written.parent == tmp_path and written.suffix == ".pdf"
    again = run("export", str(source))
    assert again.returncode == 2
    assert "--force" in again.stderr.decode()
    assert run("export", str(source), "--force").returncode == 0


def test_export_json_beside_itself_never_overwrites_the_source(tmp_path: Path) -> None:
    source = tmp_path / "cv.json"
    original = shared_file(EXAMPLES / "typical.json").read_bytes()
    source.write_bytes(original)
    out = run("export", str(source), "--format", "json")
    assert out.returncode == 0, out.stderr
    assert source.read_bytes() == original
    assert (tmp_path / "cv.normalised.json").exists()


def test_export_of_an_invalid_cv_names_the_problem(case: Any, tmp_path: Path) -> None:
    out = run("export", str(case("14")), "-o", str(tmp_path / "x.pdf"))
    assert out.returncode == 1
    assert "work[0].endDate" in out.stderr.decode()
    assert not (tmp_path / "x.pdf").exists()


def test_export_without_a_draft_says_what_to_do() -> None:
    out = run("export", "-o", "-")
    assert out.returncode == 2
    assert "no draft" in out.stderr.decode()


def test_export_to_stdout_refuses_a_terminal() -> None:
    source = str(shared_file(EXAMPLES / "typical.json"))
    leader, follower = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "freecv_tui", "export", source, "-o", "-"],
            stdout=follower,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=60,
        )
    finally:
        os.close(follower)
        os.close(leader)
    assert proc.returncode == 2
    assert b"terminal" in proc.stderr


def test_export_draft_when_no_path_given(private_home: Path) -> None:
    draft = private_home / "drafts" / "cv.json"
    draft.parent.mkdir(parents=True)
    draft.write_bytes(shared_file(EXAMPLES / "typical.json").read_bytes())
    out = run("export", "--format", "json", "-o", "-")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["basics"]["name"] == "Yara Haddad"


def test_closed_pipe_is_quiet() -> None:
    source = str(shared_file(EXAMPLES / "typical.json"))
    proc = subprocess.run(
        f"{sys.executable} -m freecv_tui export {source} -o - | head -c 10 >/dev/null",
        shell=True,
        capture_output=True,
        timeout=60,
    )
    assert b"Traceback" not in proc.stderr
    assert b"BrokenPipe" not in proc.stderr


def test_roles_list_and_show() -> None:
    listed = run("roles")
    assert listed.returncode == 0
    text = listed.stdout.decode()
    assert "Healthcare and care" in text and "registered-nurse" in text
    shown = run("roles", "show", "accountant")
    assert shown.returncode == 0
    assert "Interview questions" in shown.stdout.decode()


def test_roles_show_unknown_suggests_close_ids() -> None:
    out = run("roles", "show", "acountant")
    assert out.returncode == 2
    assert "did you mean accountant" in out.stderr.decode()


def test_edit_missing_file_without_tty_still_refuses_cleanly(tmp_path: Path) -> None:
    out = run("edit", str(tmp_path / "none.json"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr.decode()


def test_roles_check_passes_on_the_shipped_library() -> None:
    out = run("roles", "check")
    assert out.returncode == 0, out.stdout.decode()[-3000:]
    assert "no problems" in out.stderr.decode()


def test_roles_new_writes_an_editable_copy_that_check_flags_as_copied(
    private_home: Path,
) -> None:
    out = run("roles", "new", "cardiac-nurse", "--from", "registered-nurse")
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.decode().strip())
    assert path == private_home / "roles" / "cardiac-nurse.toml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith('id = "cardiac-nurse"')
    listed = run("roles").stdout.decode()
    assert "cardiac-nurse" in listed and "registered-nurse" in listed
    checked = run("roles", "check", str(path))
    assert checked.returncode == 1
    assert "the same as registered-nurse" in checked.stdout.decode()
    again = run("roles", "new", "cardiac-nurse", "--from", "registered-nurse")
    assert again.returncode == 2


def test_roles_check_reports_a_broken_file_by_name_and_key(tmp_path: Path) -> None:
    bad = tmp_path / "broken-role.toml"
    bad.write_text('id = "broken-role"\ntitle = "B"\nfamliy = "Typo"\n')
    out = run("roles", "check", str(bad))
    assert out.returncode == 1
    text = out.stdout.decode()
    assert "broken-role.toml" in text and "famliy" in text
    assert "Traceback" not in out.stderr.decode()


def test_roles_paths_lists_builtin_and_user_folders(private_home: Path) -> None:
    out = run("roles", "paths")
    assert out.returncode == 0
    text = out.stdout.decode()
    assert "built-in" in text and str(private_home / "roles") in text


def test_roles_dir_flag_adds_roles(tmp_path: Path) -> None:
    made = run(
        "roles", "new", "night-nurse", "--from", "registered-nurse", "-o", str(tmp_path)
    )
    assert made.returncode == 0, made.stderr
    out = run("--roles-dir", str(tmp_path), "roles", "show", "night-nurse")
    assert out.returncode == 0


def test_export_several_formats_at_once(tmp_path: Path) -> None:
    source = tmp_path / "cv.json"
    source.write_bytes(shared_file(EXAMPLES / "typical.json").read_bytes())
    out = run(
        "export", str(source), "--format", "pdf,md,html,jsonresume", "-o", str(tmp_path)
    )
    assert out.returncode == 0, out.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "Yara-Haddad-CV.html",
        "Yara-Haddad-CV.md",
        "Yara-Haddad-CV.pdf",
        "cv.json",
        "resume.json",
    ]
    assert "<title>Yara Haddad" in (tmp_path / "Yara-Haddad-CV.html").read_text()
    both = run("export", str(source), "--format", "pdf,json", "-o", "-")
    assert both.returncode == 2
    bad = run("export", str(source), "--format", "docx")
    assert bad.returncode == 2 and "jsonresume" in bad.stderr.decode()


def test_import_detects_a_json_resume_on_stdin(private_home: Path) -> None:
    resume = {
        "basics": {
            "name": "Teodor Vask",
            "location": {"city": "Tartu", "countryCode": "EE"},
        },
        "work": [
            {
                "name": "Emajõe Data",
                "position": "Analyst",
                "startDate": "2021-02",
                "highlights": ["Built 14 dashboards"],
            }
        ],
        "skills": [{"name": "SQL", "keywords": ["PostgreSQL"]}],
    }
    out = run("import", stdin=json.dumps(resume).encode())
    assert out.returncode == 0, out.stderr
    draft = json.loads((private_home / "drafts" / "cv.json").read_text())
    assert draft["basics"]["name"] == "Teodor Vask"
    assert draft["work"][0]["company"] == "Emajõe Data"


def test_pdf_is_its_own_data_file(tmp_path: Path, private_home: Path) -> None:
    source = shared_file(EXAMPLES / "typical.json")
    pdf = tmp_path / "cv.pdf"
    made = run("export", str(source), "--template", "modern", "-o", str(pdf))
    assert made.returncode == 0, made.stderr
    imported = run("import", str(pdf))
    assert imported.returncode == 0, imported.stderr
    draft = json.loads((private_home / "drafts" / "cv.json").read_text())
    original = json.loads(source.read_text())
    assert draft["work"] == original["work"]
    assert draft["basics"]["profiles"] == original["basics"]["profiles"]
    other = tmp_path / "other.pdf"
    other.write_bytes(b"%PDF-1.4\n%%EOF\n")
    refused = run("import", str(other))
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr.decode()


def test_paper_follows_the_locale(tmp_path: Path) -> None:
    from pypdf import PdfReader

    source = str(shared_file(EXAMPLES / "typical.json"))
    for lang, width in (("en_US.UTF-8", 612), ("en_GB.UTF-8", 595)):
        out = tmp_path / f"{lang}.pdf"
        env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_PAPER": ""}
        made = subprocess.run(
            [sys.executable, "-m", "freecv_tui", "export", source, "-o", str(out)],
            capture_output=True,
            env=env,
            timeout=60,
        )
        assert made.returncode == 0, made.stderr
        assert round(float(PdfReader(out).pages[0].mediabox.width)) == width


def test_a_terminal_ui_gets_the_collector_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The console script turns the cyclic collector off for one-shot commands;
    # the wizard and prep run for hours and must have it on again.
    from freecv_tui import cli

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    gc.disable()
    try:
        cli._require_tty()
        assert gc.isenabled()
    finally:
        gc.enable()


def test_a_one_shot_command_exits_with_its_code_and_all_its_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The quick exit skips the interpreter's teardown; piped stdout is block
    # buffered (8 KiB), so the whole list would be lost if it were not flushed.
    from freecv_tui.cli import main

    assert main(["roles", "list"]) == 0
    expected = capsys.readouterr().out
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    out = run("roles", "list", env=env)
    assert out.returncode == 0
    assert "software-engineer" in expected
    assert out.stdout.decode() == expected
    bad = {"work": [{"company": "A", "position": "B", "startDate": "x"}] * 300}
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(bad))
    out = run("validate", str(source), env=env)
    assert out.returncode == 1
    lines = out.stdout.decode().splitlines()
    assert len(lines) == 301
    assert lines[-1].startswith(f"{source}: work[299].startDate")


def test_validate_says_what_kind_of_file_it_read(tmp_path: Path) -> None:
    resume = tmp_path / "resume.json"
    resume.write_text(
        json.dumps(
            {
                "basics": {"name": "Kofi Mensah", "location": {"city": "Accra"}},
                "work": [{"name": "Volta Foods", "position": "Analyst"}],
            }
        )
    )
    out = run("validate", str(resume))
    assert out.returncode == 0
    assert "a JSON Resume that converts to valid cv.json" in out.stderr.decode()
    minimal = tmp_path / "minimal.json"
    minimal.write_text('{"basics": {"name": "Only Name"}}')
    out = run("validate", str(minimal))
    assert out.returncode == 0
    err = out.stderr.decode()
    assert f"{minimal}: valid cv.json" in err
    assert "JSON Resume" not in err


def test_validate_an_empty_file_says_it_is_empty(tmp_path: Path) -> None:
    empty = tmp_path / "cv.json"
    empty.write_text("  \n")
    out = run("validate", str(empty))
    assert out.returncode == 1
    assert out.stdout.decode().strip() == (
        f"{empty}: (file): is empty; export a CV into it or choose another"
    )
