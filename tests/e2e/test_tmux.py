"""The real freecv-tui in a private tmux server at 80x24, driven by real keys."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from freecv_tui.store import HOME_ENV

WIDTH, HEIGHT = 80, 24
KEY_GAP = 0.3
"""Pause after a focus-moving key, so the next keys reach the new widget."""
SESSION = "app"

needs_tmux = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not on PATH"
)


def app_command() -> list[str]:
    """The installed freecv-tui script beside this Python, else `python -m`."""
    script = Path(sys.executable).parent / "freecv-tui"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "freecv_tui"]


def process_gone(pid: int) -> bool:
    """True when pid no longer runs (a zombie waiting to be reaped counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] == "Z"


def poll(check: Callable[[], bool], timeout: float, step: float = 0.1) -> bool:
    """Call check until it is true or timeout seconds pass; say which."""
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(step)


class Pane:
    """One app in the only pane of a private tmux server."""

    def __init__(self) -> None:
        self.socket = f"freecv-e2e-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.env = {k: v for k, v in os.environ.items() if k != "TMUX"}
        self.socket_path: Path | None = None

    def tmux(self, *args: str, check: bool = True) -> str:
        """Run a tmux command against this server and return its stdout."""
        done = subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=10,
            check=False,
        )
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {args[0]} failed: {done.stderr.strip()}")
        return done.stdout

    def start(self, home: Path, cwd: Path, status_file: Path | None = None) -> None:
        """Start the app with FREECV_TUI_HOME=home in cwd, 80x24."""
        setting = f"{HOME_ENV}={home}"
        # The env prefix wins over whatever environment the tmux server holds.
        command = ["env", "-u", "FREECV_TUI_ROLES", setting, *app_command()]
        if status_file is not None:
            # tmux does not always reap a pane's process, leaving
            # #{pane_dead_status} empty; a shell records the status instead.
            script = f'"$@"; echo $? > {shlex.quote(str(status_file))}'
            command = ["sh", "-c", script, "sh", *command]
        geometry = ["-x", str(WIDTH), "-y", str(HEIGHT)]
        new = ["new-session", "-d", "-s", SESSION, *geometry, "-c", str(cwd)]
        # A dead pane stays readable, so a traceback shows in a failure.
        options = ["set-option", "-g", "status", "off", ";"]
        options += ["set-option", "-g", "remain-on-exit", "on"]
        self.tmux(*new, shlex.join(command), ";", *options)
        where = self.tmux("display-message", "-p", "#{socket_path}").strip()
        self.socket_path = Path(where)
        size = self.tmux(
            "display-message", "-p", "-t", SESSION, "#{pane_width}x#{pane_height}"
        ).strip()
        assert size == f"{WIDTH}x{HEIGHT}"

    def screen(self) -> str:
        """The pane's text as a person would read it now."""
        return self.tmux("capture-pane", "-p", "-t", SESSION)

    def lines(self) -> list[str]:
        """The pane's rows, top to bottom, always HEIGHT of them."""
        rows = self.screen().split("\n")[:HEIGHT]
        return rows + [""] * (HEIGHT - len(rows))

    def wait_for(self, *texts: str, timeout: float = 10.0) -> str:
        """Poll the pane until every text shows; fail with the screen if not."""
        shown = ""

        def visible() -> bool:
            nonlocal shown
            shown = self.screen()
            return all(text in shown for text in texts)

        if not poll(visible, timeout):
            missing = [t for t in texts if t not in shown]
            pytest.fail(f"never saw {missing!r} on the screen:\n{shown}")
        return shown

    def type(self, text: str) -> None:
        """Type literal text, the way a person types it."""
        self.tmux("send-keys", "-t", SESSION, "-l", "--", text)

    def key(self, *names: str) -> None:
        """Press keys one per send-keys, pausing after each (focus race)."""
        for name in names:
            self.tmux("send-keys", "-t", SESSION, name)
            time.sleep(KEY_GAP)

    def pid(self) -> int:
        """The process id of the app in the pane."""
        return int(self.tmux("display-message", "-p", "-t", SESSION, "#{pane_pid}"))

    def dead(self) -> bool:
        """True once the program in the pane has ended."""
        flag = self.tmux("display-message", "-p", "-t", SESSION, "#{pane_dead}")
        return flag.strip() == "1"

    def kill(self) -> None:
        """Stop the server (the app gets SIGHUP) and remove its socket file."""
        self.tmux("kill-server", check=False)
        if self.socket_path is not None:
            self.socket_path.unlink(missing_ok=True)


@pytest.fixture
def panes() -> Iterator[Callable[[], Pane]]:
    """Make panes on private tmux servers; every server is killed at the end."""
    made: list[Pane] = []

    def make() -> Pane:
        pane = Pane()
        made.append(pane)
        return pane

    yield make
    for pane in made:
        pane.kill()


@pytest.fixture
def workdir() -> Iterator[Path]:
    """A short working folder, so an exported path fits beside a toast."""
    path = Path(tempfile.mkdtemp(prefix="fcv-", dir="/tmp")).resolve()
    yield path
    shutil.rmtree(path, ignore_errors=True)


def draft(home: Path) -> dict[str, Any]:
    """The autosaved draft CV, or {} when none is readable yet."""
    try:
        data: dict[str, Any] = json.loads((home / "drafts" / "cv.json").read_text())
    except (OSError, ValueError):
        return {}
    return data


def pick_role(pane: Pane, query: str) -> None:
    """On the role step, filter by query and take the top match with Enter."""
    pane.wait_for("Type to filter roles")
    pane.type(query)
    time.sleep(KEY_GAP)
    pane.key("Enter")
    pane.wait_for("[2 Contact]")
    time.sleep(KEY_GAP)


@pytest.mark.e2e
@needs_tmux
def test_wizard_to_exported_files_and_quit(
    panes: Callable[[], Pane], private_home: Path, workdir: Path, tmp_path: Path
) -> None:
    """Role, contact, one job, Review, ctrl+s exports both files, ctrl+q exits 0."""
    status_file = tmp_path / "exit-status"
    pane = panes()
    pane.start(private_home, workdir, status_file)
    pick_role(pane, "backend")

    pane.type("Ada Byron")
    pane.wait_for("Ada Byron")
    pane.key("Tab", "Tab")
    pane.type("ada@example.com")
    pane.wait_for("ada@example.com")
    pane.key("C-n")
    pane.wait_for("[3 Summary]")
    pane.key("C-n")
    pane.wait_for("[4 Work]", "Next >")

    pane.key("a")
    pane.wait_for("Done")
    pane.type("Backend Developer")
    pane.wait_for("Backend Developer")
    pane.key("Tab")
    pane.type("Harbour Logistics")
    pane.wait_for("Harbour Logistics")
    pane.key("Tab", "Tab")  # past Location to Start
    pane.type("2021-04")
    pane.wait_for("2021-04")
    pane.key("Tab", "Tab", "Tab", "Tab")  # End, scope, current box, highlights
    pane.type("Cut p99 latency of the payments API by 40% for 2 million requests")
    pane.wait_for("Cut p99 latency")
    pane.key("C-n")
    pane.wait_for("[4 Work]", "Harbour Logistics", "Next >")

    pane.key("C-n")
    pane.wait_for("[5 Education]")
    pane.key("C-n")
    pane.wait_for("[6 Skills]")
    pane.key("C-n")
    pane.wait_for("[7 Review]", "^s Export")

    json_out = workdir / "cv.json"
    pdf_out = workdir / "Ada-Byron-CV.pdf"
    assert not json_out.exists() and not pdf_out.exists()
    pane.key("Enter")  # on the findings list: jumps to a field, never exports
    assert poll(lambda: "[7 Review]" not in pane.screen(), timeout=10)
    assert not json_out.exists()
    pane.key("C-p")
    pane.type("review")  # the palette's "Review and export"
    pane.key("Enter")
    pane.wait_for("[7 Review]", "^s Export")
    pane.key("C-s")
    written = poll(lambda: json_out.exists() and pdf_out.exists(), timeout=15)
    assert written, f"no export in {sorted(workdir.iterdir())}:\n{pane.screen()}"
    assert pdf_out.read_bytes().startswith(b"%PDF-")
    pane.wait_for("Written", str(json_out), str(pdf_out))

    pane.key("C-q")

    def recorded() -> str:
        """The exit status the wrapper wrote, or "" while there is none."""
        return status_file.read_text().strip() if status_file.exists() else ""

    ended = poll(lambda: pane.dead() and recorded() != "", timeout=10)
    assert ended, f"still running after ctrl+q:\n{pane.screen()}"
    status = recorded()
    assert status == "0", f"exit status {status} after ctrl+q:\n{pane.screen()}"

    data = json.loads(json_out.read_text(encoding="utf-8"))
    assert data["basics"]["name"] == "Ada Byron"
    assert data["basics"]["email"] == "ada@example.com"
    [job] = data["work"]
    assert job["position"] == "Backend Developer"
    assert job["company"] == "Harbour Logistics"
    assert job["startDate"] == "2021-04"
    assert job["highlights"] == [
        "Cut p99 latency of the payments API by 40% for 2 million requests"
    ]
    assert data.get("education", []) == []


@pytest.mark.e2e
@needs_tmux
def test_draft_survives_killed_terminal(
    panes: Callable[[], Pane], private_home: Path, workdir: Path
) -> None:
    """A name typed before the terminal dies is back when the app starts again."""
    name = "Grace Brewster Hopper"
    first = panes()
    first.start(private_home, workdir)
    pick_role(first, "nurse")
    first.type(name)
    first.wait_for(name)
    time.sleep(1.0)  # autosave waits for 0.4 s of quiet

    pid = first.pid()
    first.kill()
    assert poll(lambda: process_gone(pid), timeout=5), "the app outlived SIGHUP"
    assert draft(private_home).get("basics", {}).get("name") == name

    second = panes()
    second.start(private_home, workdir)
    second.wait_for("[2 Contact]", name)


@pytest.mark.e2e
@needs_tmux
def test_last_contact_field_and_next_clear_of_footer(
    panes: Callable[[], Pane], private_home: Path, workdir: Path
) -> None:
    """At 80x24, Tab reaches the last contact field and Next, both on screen."""
    pane = panes()
    pane.start(private_home, workdir)
    pick_role(pane, "software engineer")
    pane.type("Ada Byron")
    pane.wait_for("Ada Byron")

    # Headline, Email, Phone, Location, Website, LinkedIn, then GitHub (last).
    pane.key(*["Tab"] * 7)
    pane.type("github.com/ada-e2e")
    pane.wait_for("github.com/ada-e2e")
    rows = pane.lines()
    footer = rows[-1]
    assert "Quit" in footer, f"no footer on the last row:\n{pane.screen()}"
    above_footer = "\n".join(rows[:-1])
    assert "GitHub" in above_footer and "github.com/ada-e2e" in above_footer
    typed = {"network": "GitHub", "url": "github.com/ada-e2e"}

    def profiles() -> list[dict[str, str]]:
        """The profiles in the autosaved draft."""
        found: list[dict[str, str]] = (
            draft(private_home).get("basics", {}).get("profiles", [])
        )
        return found

    assert poll(lambda: typed in profiles(), timeout=3), (
        f"the text did not go into the GitHub field: {profiles()}"
    )

    pane.key("Tab", "Tab")  # Back, then Next
    rows = pane.lines()
    assert "Next >" in "\n".join(rows[:-1]), "\n".join(rows)
    pane.key("Enter")
    pane.wait_for("[3 Summary]")
