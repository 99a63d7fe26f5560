"""Time freecv-tui as whole processes: start-up, the wizard's first frame, export."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import copy
import datetime as dt
import fcntl
import json
import os
import platform
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

COLS, ROWS = 80, 24
QUIT_KEY = b"\x11"  # ctrl+q, the app's quit binding
FRAME_TIMEOUT = 20.0
RUN_TIMEOUT = 120.0
EXIT_TIMEOUT = 10.0
# "Settled": the text on screen has not changed for this long after the frame.
SETTLE_QUIET = 0.4
SETTLE_LIMIT = 5.0
# Text the role picker shows once it is fully drawn (see screens/role.py).
PICKER_TITLE = "What role are you applying for?"
FILTER_PLACEHOLDER = "Type to filter roles"
FOOTER_QUIT = "^q Quit"
PREVIEW_BORDER = "\u2502"  # the vertical rule left of the role preview
EXAMPLE_ROLE = "backend-developer"
DROPPED_ENV = ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES", "TEXTUAL")

# ------------------------------------------------------------------ results


@dataclass
class Sample:
    """One timed run: wall seconds, and the child's peak RSS in KiB when known."""

    seconds: float
    rss_kib: int | None = None


@dataclass
class Result:
    """All the runs of one benchmark."""

    key: str
    label: str
    samples: list[Sample] = field(default_factory=list)

    def seconds(self) -> list[float]:
        """The wall times of every run."""
        return [s.seconds for s in self.samples]

    def summary(self) -> dict[str, Any]:
        """Median, min and max in seconds, plus the median peak RSS in MiB."""
        times = self.seconds()
        rss = [s.rss_kib for s in self.samples if s.rss_kib is not None]
        return {
            "label": self.label,
            "runs": len(times),
            "median_s": statistics.median(times),
            "min_s": min(times),
            "max_s": max(times),
            "samples_s": [round(t, 5) for t in times],
            "peak_rss_mib": round(statistics.median(rss) / 1024, 1) if rss else None,
        }


class BenchError(RuntimeError):
    """A benchmark could not produce a trustworthy number."""


# ------------------------------------------------------------------ processes


def child_env(home: Path) -> dict[str, str]:
    """This environment minus colour and size overrides, with a private home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(DROPPED_ENV)}
    env["FREECV_TUI_HOME"] = str(home)
    env["TERM"] = "xterm-256color"
    return env


# Every timed command is started by this small launcher, which forks and execs
# it. On Linux a new process's ru_maxrss starts at the peak RSS of the image it
# replaced, so a command spawned straight from this script (which has imported
# pydantic and fpdf2) would report at least this script's size.
_LAUNCHER = """
import os, sys, time
report = int(sys.argv[1])
os.set_inheritable(report, False)
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execv(sys.argv[2], sys.argv[2:])
    except OSError as exc:
        os.write(2, f"cannot run {sys.argv[2]}: {exc}\\n".encode())
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
end = time.perf_counter()
code = os.waitstatus_to_exitcode(status)
os.write(report, f"{start!r} {end!r} {usage.ru_maxrss} {code}".encode())
"""


@dataclass
class Outcome:
    """What the launcher saw: fork and reap times (perf_counter), RSS, exit code."""

    started: float
    ended: float
    rss_kib: int
    code: int


class Launched:
    """A command running under the launcher, in a session of its own."""

    def __init__(
        self,
        cmd: Sequence[str],
        env: dict[str, str],
        stdio: tuple[int, int, int],
        cwd: Path | None = None,
    ) -> None:
        read_end, write_end = os.pipe()
        launcher = [sys.executable, "-S", "-E", "-c", _LAUNCHER, str(write_end)]
        try:
            self.proc = subprocess.Popen(
                [*launcher, *cmd],
                stdin=stdio[0],
                stdout=stdio[1],
                stderr=stdio[2],
                env=env,
                pass_fds=(write_end,),
                start_new_session=True,
                cwd=cwd,
            )
        finally:
            os.close(write_end)
        self.report: int | None = read_end

    def _close(self) -> None:
        if self.report is not None:
            os.close(self.report)
            self.report = None

    def stop(self) -> None:
        """Kill the launcher and the command (their process group)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._close()

    def outcome(self) -> Outcome:
        """The launcher's report, read once it has exited."""
        if self.report is None:
            raise BenchError("the launcher's report was already read")
        chunks = []
        while chunk := os.read(self.report, 4096):
            chunks.append(chunk)
        self._close()
        fields = b"".join(chunks).split()
        if len(fields) != 4:
            raise BenchError(f"the launcher reported {fields!r}")
        start, end, rss, code = fields
        return Outcome(float(start), float(end), int(rss), int(code))


def run_once(
    cmd: Sequence[str], env: dict[str, str], cwd: Path | None = None
) -> Sample:
    """Run a command to the end; time it from fork until it is reaped."""
    pipe, null = subprocess.PIPE, subprocess.DEVNULL
    launched = Launched(cmd, env, (null, null, pipe), cwd)
    try:
        _, err = launched.proc.communicate(timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        launched.stop()
        raise BenchError(f"{' '.join(cmd)} took over {RUN_TIMEOUT:.0f} s") from None
    result = launched.outcome()
    if result.code != 0:
        text = err.decode(errors="replace").strip()
        raise BenchError(f"{' '.join(cmd)} exited {result.code}: {text}")
    return Sample(result.ended - result.started, result.rss_kib)


# ------------------------------------------------------------------ terminal

_SEQUENCE = re.compile(
    r"\x1b\[(?P<params>[0-?]*)[ -/]*(?P<final>[@-~])"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC, ended by BEL or ST
    r"|\x1bP[^\x1b]*\x1b\\"  # DCS
    r"|\x1b(?![\[\]P])[ -/]*[0-~]"  # two-character escapes
)


class Screen:
    """A minimal terminal: enough of VT100 to see what Textual has drawn."""

    def __init__(self, cols: int, rows: int) -> None:
        self.cols, self.rows = cols, rows
        self.cells = [[" "] * cols for _ in range(rows)]
        self.x = self.y = 0
        self._pending = ""
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")

    def feed(self, data: bytes) -> None:
        """Apply a chunk of output; an escape split across chunks waits for the rest."""
        text = self._pending + self._decoder.decode(data)
        self._pending = ""
        pos = 0
        while pos < len(text):
            char = text[pos]
            if char == "\x1b":
                match = _SEQUENCE.match(text, pos)
                if match is None:
                    if len(text) - pos < 512:
                        self._pending = text[pos:]
                        return
                    pos += 1
                    continue
                if match.group("final"):
                    self._control(match.group("params"), match.group("final"))
                pos = match.end()
                continue
            self._put(char)
            pos += 1

    def _put(self, char: str) -> None:
        if char == "\r":
            self.x = 0
        elif char == "\n":
            self.y = min(self.y + 1, self.rows - 1)
        elif char == "\b":
            self.x = max(self.x - 1, 0)
        elif char >= " ":
            if unicodedata.combining(char):
                return
            if 0 <= self.y < self.rows and 0 <= self.x < self.cols:
                self.cells[self.y][self.x] = char
            self.x += 2 if unicodedata.east_asian_width(char) in "WF" else 1

    def _control(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")):
            return  # private modes and queries draw nothing
        args = [int(p) if p.isdigit() else 0 for p in params.split(";")]
        first = args[0] or 1
        if final in "Hf":
            col = args[1] if len(args) > 1 and args[1] else 1
            self.y = min(max(first - 1, 0), self.rows - 1)
            self.x = min(max(col - 1, 0), self.cols - 1)
        elif final == "A":
            self.y = max(self.y - first, 0)
        elif final == "B":
            self.y = min(self.y + first, self.rows - 1)
        elif final == "C":
            self.x = min(self.x + first, self.cols - 1)
        elif final == "D":
            self.x = max(self.x - first, 0)
        elif final == "G":
            self.x = min(first - 1, self.cols - 1)
        elif final == "J" and args[0] in (2, 3):
            self.cells = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "K":
            lo, hi = {0: (self.x, self.cols), 1: (0, self.x + 1)}.get(
                args[0], (0, self.cols)
            )
            self.cells[self.y][lo:hi] = [" "] * (hi - lo)

    def lines(self) -> list[str]:
        """The visible rows as text."""
        return ["".join(row).rstrip() for row in self.cells]

    def text(self) -> str:
        """The whole screen as text."""
        return "\n".join(self.lines())


@dataclass(frozen=True)
class FrameCheck:
    """Text that must be on screen for a frame to count as fully drawn."""

    anywhere: tuple[str, ...]
    left: tuple[str, ...]
    preview: tuple[str, ...]

    def missing(self, screen: Screen) -> list[str]:
        """The markers not yet visible; empty once the frame is complete."""
        lines = screen.lines()
        split = [line.partition(PREVIEW_BORDER) for line in lines]
        panes = {
            "anywhere": "\n".join(lines),
            "left": "\n".join(before for before, _, _ in split),
            "preview": "\n".join(after for _, _, after in split),
        }
        return [
            marker
            for pane, markers in (
                ("anywhere", self.anywhere),
                ("left", self.left),
                ("preview", self.preview),
            )
            for marker in markers
            if marker not in panes[pane]
        ]


def picker_check() -> FrameCheck:
    """Markers for the role picker with no draft: list, preview, footer."""
    from freecv_tui.roles import load_catalog

    catalog = load_catalog()
    first = next(iter(catalog))  # the list is sorted; the first is highlighted
    role = catalog.get(first.id)
    if role is None:
        raise BenchError(f"role {first.id} is listed but cannot be loaded")
    # Its first two words, as the Markdown preview shows them (no emphasis marks).
    opening = " ".join(re.sub(r"[*_`]", "", role.summary).split()[:2])
    return FrameCheck(
        anywhere=(FOOTER_QUIT,),
        left=(PICKER_TITLE, FILTER_PLACEHOLDER, role.title),
        # The highlighted role's Markdown overview: its heading and opening words.
        preview=(role.title, opening),
    )


# The yardstick for the wizard: the least a Textual app draws (a label, a footer).
_MINIMAL_APP = """
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App[None]):
    BINDINGS = [("ctrl+q", "quit", "Quit")]

    def compose(self):
        yield Static("A minimal Textual app")
        yield Footer()

Minimal().run()
"""
MINIMAL_CHECK = FrameCheck(
    anywhere=("A minimal Textual app", FOOTER_QUIT), left=(), preview=()
)


@dataclass
class FrameRun:
    """Timings of one TUI start in a pseudo-terminal, from the fork."""

    first_output: float
    first_text: float
    full_frame: float
    settled: float
    rss_kib: int
    screen: str


def _spawn_in_pty(cmd: list[str], home: Path) -> tuple[Launched, int]:
    """Start a command with its stdio on a new 80x24 pseudo-terminal."""
    leader, follower = os.openpty()
    size = struct.pack("HHHH", ROWS, COLS, 0, 0)
    fcntl.ioctl(follower, termios.TIOCSWINSZ, size)
    try:
        launched = Launched(cmd, child_env(home), (follower,) * 3)
    finally:
        os.close(follower)
    return launched, leader


def _read(fd: int, timeout: float) -> bytes | None:
    """Bytes from the pty leader; None on timeout, b"" once the child is gone."""
    ready, _, _ = select.select([fd], [], [], max(timeout, 0.0))
    if not ready:
        return None
    try:
        return os.read(fd, 65536)
    except OSError:  # EIO: every follower descriptor is closed
        return b""


def _settle(leader: int, screen: Screen, since: float) -> float:
    """Read on until the text on screen stops changing; when it last changed."""
    last_change = since
    before = screen.text()
    while True:
        now = time.perf_counter()
        if now - last_change >= SETTLE_QUIET or now - since >= SETTLE_LIMIT:
            return last_change
        data = _read(leader, last_change + SETTLE_QUIET - now)
        if data is None:
            continue
        if not data:
            raise BenchError("the program exited while drawing")
        stamp = time.perf_counter()
        screen.feed(data)
        after = screen.text()
        if after != before:  # a blinking cursor changes colours only
            last_change, before = stamp, after


def first_frame_once(
    cmd: list[str], check: FrameCheck, kept_home: Path | None = None
) -> FrameRun:
    """Start a TUI in an 80x24 pty and time it until its first frame is drawn."""
    # A kept home keeps its caches (the role index) and loses only the draft;
    # without one, every run gets a new, empty FREECV_TUI_HOME.
    if kept_home is None:
        home = Path(tempfile.mkdtemp(prefix="freecv-bench-"))
    else:
        home = kept_home
        shutil.rmtree(home / "drafts", ignore_errors=True)
    launched, leader = _spawn_in_pty(cmd, home)
    spawned = time.perf_counter()
    screen = Screen(COLS, ROWS)
    seen: dict[str, float] = {}  # perf_counter when each stage was first seen
    try:
        while "frame" not in seen:
            left = spawned + FRAME_TIMEOUT - time.perf_counter()
            if left <= 0:
                missing = ", ".join(check.missing(screen))
                raise BenchError(
                    f"no full frame in {FRAME_TIMEOUT:.0f} s (missing: {missing});"
                    f" screen:\n{screen.text()}"
                )
            data = _read(leader, left)
            now = time.perf_counter()
            if data is None:
                continue
            if not data:
                raise BenchError(f"it exited early; screen:\n{screen.text()}")
            seen.setdefault("output", now)
            screen.feed(data)
            if "text" not in seen and screen.text().strip():
                seen["text"] = now
            if not check.missing(screen):
                seen["frame"] = now
        shown = screen.text()
        seen["settled"] = _settle(leader, screen, seen["frame"])
        os.write(leader, QUIT_KEY)
        deadline = time.perf_counter() + EXIT_TIMEOUT
        while _read(leader, deadline - time.perf_counter()):
            pass  # drain until the program closes the pty or the time is up
        try:
            launched.proc.wait(timeout=max(deadline - time.perf_counter(), 0.1))
        except subprocess.TimeoutExpired:
            raise BenchError(f"{cmd[0]} did not quit on ctrl+q; killed") from None
        result = launched.outcome()
        if result.code != 0:
            raise BenchError(f"{cmd[0]} exited {result.code} after ctrl+q")
    finally:
        if launched.proc.returncode is None or launched.report is not None:
            launched.stop()
        os.close(leader)
        if kept_home is None:
            shutil.rmtree(home, ignore_errors=True)
    start = result.started
    return FrameRun(
        seen["output"] - start,
        seen["text"] - start,
        seen["frame"] - start,
        seen["settled"] - start,
        result.rss_kib,
        shown,
    )


# ------------------------------------------------------------------ the CV

_SUMMARY = (
    "Backend developer with 12 years on payment, logistics and public-sector "
    "systems in Go, Java and Python. Owns services end to end, from schema "
    "design to on-call, and mentors the engineers who join the team."
)
_MORE_WORK: list[dict[str, Any]] = [
    {
        "company": "Northfield County IT Services",
        "position": "Software Developer",
        "location": "Rochester, MN",
        "startDate": "2015-03",
        "endDate": "2018-05",
        "summary": "In-house team building permit, licensing and payment systems.",
        "highlights": [
            "Rebuilt the building-permit backend in Java, cutting average "
            "approval time from 19 days to 6.",
            "Moved 14 nightly FTP imports to a REST API with retries, ending "
            "the weekly manual data fixes.",
            "Added audit logging that passed the state security review with "
            "no findings in 2017.",
            "Trained 5 analysts to write SQL reports, removing a 3-week "
            "backlog of report requests.",
        ],
    },
    {
        "company": "Quillmark Insurance",
        "position": "Junior Developer",
        "location": "Des Moines, IA",
        "startDate": "2012-07",
        "endDate": "2015-02",
        "summary": "Claims platform team; Python and Oracle batch services.",
        "highlights": [
            "Wrote a Python claims-import service that replaced 3 spreadsheets "
            "and handled 40,000 claims a month.",
            "Tuned 20 slow Oracle reports, bringing the monthly close run "
            "from 9 hours to under 2.",
            "Built regression tests for the rating engine that raised line "
            "coverage from 35 % to 80 %.",
        ],
    },
    {
        "company": "Lakeshore State University",
        "position": "Research Programmer (part-time)",
        "location": "Duluth, MN",
        "startDate": "2010-09",
        "endDate": "2012-06",
        "highlights": [
            "Maintained the lab's data pipeline for 2 TB of sensor readings "
            "from 60 lake buoys.",
            "Cut processing of a season's data from 3 days to 5 hours by "
            "parallelising the cleaning steps.",
        ],
    },
]
_PROJECTS: list[dict[str, Any]] = [
    {
        "name": "pgshift",
        "description": "Open-source tool that plans PostgreSQL major-version "
        "upgrades with logical replication and checks lag before cut-over.",
        "url": "https://example.org/code/mlindqvist/pgshift",
        "keywords": ["Go", "PostgreSQL"],
        "highlights": ["Used by 30 companies; 1,100 stars and 25 contributors."],
    },
    {
        "name": "Conference talk: Exactly-once payouts with Kafka",
        "description": "Talk at a regional Go conference on idempotent "
        "consumers and the outbox pattern; 300 attendees.",
    },
]
_LANGUAGES = [
    {"language": "English", "fluency": "Native"},
    {"language": "Swedish", "fluency": "Professional working proficiency"},
    {"language": "German", "fluency": "Elementary"},
]
_VOLUNTEER = [
    {
        "organization": "Code Club Minneapolis",
        "position": "Mentor",
        "startDate": "2019-01",
        "current": True,
        "summary": "Weekly sessions teaching Python to teenagers.",
        "highlights": ["Mentored 45 students; 12 went on to study computing."],
    }
]


def _additions() -> list[Callable[[dict[str, Any]], None]]:
    """Ways to lengthen the CV, applied in order until it fills two pages."""

    def job(entry: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
        return lambda data: data["work"].append(copy.deepcopy(entry))

    def section(
        key: str, items: list[dict[str, Any]]
    ) -> Callable[[dict[str, Any]], None]:
        return lambda data: data.__setitem__(key, copy.deepcopy(items))

    return [
        *(job(entry) for entry in _MORE_WORK),
        section("projects", _PROJECTS),
        section("languages", _LANGUAGES),
        section("volunteer", _VOLUNTEER),
    ]


def _pages(data: dict[str, Any]) -> int:
    """How many pages the CV's PDF has, rendered in this process."""
    import io

    try:
        from pypdf import PdfReader
    except ImportError:
        raise BenchError(
            "counting pages needs pypdf: pip install -e '.[test]'"
        ) from None

    from freecv_tui import cv as cvmod
    from freecv_tui.export import service
    from freecv_tui.export.pdf import render_pdf

    final = service.ready(cvmod.from_data(data, "benchmark CV"))
    return len(PdfReader(io.BytesIO(render_pdf(service.newest_first(final)))).pages)


def build_two_page_cv(folder: Path) -> tuple[Path, int]:
    """Write a cv.json whose PDF fills two pages; return it and its page count."""
    from freecv_tui import cv as cvmod
    from freecv_tui.roles import load_catalog

    role = load_catalog().get(EXAMPLE_ROLE)
    if role is None:
        raise BenchError(f"no built-in role {EXAMPLE_ROLE} to take the example from")
    data = copy.deepcopy(role.example)
    data["basics"]["summary"] = _SUMMARY
    for entry in data.get("education", []):
        entry.update(startDate="2006", endDate="2010")
    pages = _pages(data)
    for add in _additions():
        longer = copy.deepcopy(data)
        add(longer)
        more = _pages(longer)
        if more > 2:
            break
        data, pages = longer, more
    if pages != 2:
        raise BenchError(f"the benchmark CV has {pages} pages, not 2")
    path = folder / "cv.json"
    path.write_text(cvmod.dumps(cvmod.from_data(data, "benchmark CV")), "utf-8")
    return path, pages


# ------------------------------------------------------------------ in-process

_RENDER_CODE = """
import json, sys, time
from pathlib import Path
from freecv_tui import cv as cvmod
from freecv_tui.export import service
from freecv_tui.export.pdf import render_pdf
import fpdf, fontTools.ttLib
cv = service.newest_first(service.ready(cvmod.load(Path(sys.argv[1]))))
times = []
for _ in range(2):
    start = time.perf_counter()
    render_pdf(cv)
    times.append(time.perf_counter() - start)
print(json.dumps(times))
"""


def render_in_process(python: str, cv_path: Path, env: dict[str, str]) -> list[float]:
    """render_pdf timed inside a fresh interpreter: first call, then a second."""
    out = subprocess.run(
        [python, "-c", _RENDER_CODE, str(cv_path)],
        env=env,
        capture_output=True,
        check=False,
    )
    if out.returncode != 0:
        raise BenchError(f"render_pdf in-process failed: {out.stderr.decode()}")
    times: list[float] = json.loads(out.stdout)
    return times


# ------------------------------------------------------------------ driver


def find_exe(explicit: str | None) -> str:
    """The freecv-tui script beside this interpreter, else the one on PATH."""
    if explicit:
        return explicit
    beside = Path(sys.executable).parent / "freecv-tui"
    if beside.exists():
        return str(beside)
    found = shutil.which("freecv-tui")
    if not found:
        raise BenchError("freecv-tui not found; install the project or pass --exe")
    return found


def versions() -> dict[str, str]:
    """Versions of the interpreter and the packages that decide the numbers."""
    out = {"python": platform.python_version()}
    for dist in ("freecv-tui", "textual", "fpdf2", "fonttools", "pydantic"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def source_state() -> str:
    """The commit of this checkout, with "+dirty" if files differ from it."""
    root = Path(__file__).resolve().parent.parent
    try:
        head = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head}+dirty" if status.strip() else head


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    with cpuinfo.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    try:
        cpu = _cpu_model()
    except OSError:
        cpu = "unknown"
    return {"cpus": os.cpu_count(), "cpu": cpu, "platform": platform.platform()}


BENCHES = (
    "python",
    "version",
    "textual-min",
    "frame",
    "frame-warm",
    "export-pdf",
    "export-json",
    "render",
)


class Bench:
    """Collects benchmarks, then runs them round-robin: warm-up rounds, then N."""

    def __init__(self, runs: int, warmup: int, work: Path, dump: bool) -> None:
        self.runs, self.warmup, self.dump = runs, warmup, dump
        self.env = child_env(work / "home")
        self.results: dict[str, Result] = {}
        self.jobs: list[Callable[[bool], None]] = []
        self.screens: dict[str, str] = {}

    def _add(self, key: str, label: str, sample: Sample) -> None:
        self.results.setdefault(key, Result(key, label)).samples.append(sample)

    def run(self) -> None:
        """Run every benchmark once per round, so a burst of load hits them alike."""
        total = self.warmup + self.runs
        for index in range(total):
            print(f"round {index + 1}/{total}", end="", file=sys.stderr, flush=True)
            for job in self.jobs:
                job(index >= self.warmup)
                print(".", end="", file=sys.stderr, flush=True)
            print(file=sys.stderr)
        if self.dump:
            for name, screen in self.screens.items():
                print(f"{name}, as detected:\n{screen}", file=sys.stderr)

    def command(self, key: str, label: str, cmd: list[str]) -> None:
        """Time a command that runs to the end by itself."""

        def once(keep: bool) -> None:
            sample = run_once(cmd, self.env)
            if keep:
                self._add(key, label, sample)

        self.jobs.append(once)

    def frame(
        self,
        key: str,
        name: str,
        cmd: list[str],
        check: FrameCheck,
        kept_home: Path | None = None,
    ) -> None:
        """Time a TUI from exec to its first full frame, and until it settles."""

        def once(keep: bool) -> None:
            run = first_frame_once(cmd, check, kept_home)
            self.screens[name] = run.screen
            if not keep:
                return
            for stage, label, sample in (
                ("output", "first bytes", Sample(run.first_output)),
                ("text", "first text", Sample(run.first_text)),
                ("frame", "first full frame", Sample(run.full_frame, run.rss_kib)),
                ("settled", "settled", Sample(run.settled)),
            ):
                self._add(f"{key}-{stage}", f"{name}: {label}", sample)

        self.jobs.append(once)

    def render(self, cv_path: Path) -> None:
        """Time render_pdf inside one interpreter, imports excluded."""

        def once(keep: bool) -> None:
            first, second = render_in_process(sys.executable, cv_path, self.env)
            if keep:
                self._add("render-first", "render_pdf, 1st call", Sample(first))
                self._add("render-again", "render_pdf, 2nd call", Sample(second))

        self.jobs.append(once)


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    """Run the chosen benchmarks and gather the report."""
    exe = find_exe(args.exe)
    chosen = set(args.only.split(",")) if args.only else set(BENCHES)
    unknown = chosen - set(BENCHES)
    if unknown:
        raise BenchError(f"unknown benchmark {', '.join(sorted(unknown))}")
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="freecv-bench-") as tmp:
        work = Path(tmp)
        (work / "home").mkdir()
        # Loading the catalog here may write caches: keep them out of the real home.
        os.environ["FREECV_TUI_HOME"] = str(work / "home")
        if not args.no_pyc_cache:
            # An installed package comes with .pyc files; a checkout run under
            # PYTHONDONTWRITEBYTECODE recompiles its modules at every start.
            # Cache bytecode in a private folder instead (the warm-up fills it).
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        bench = Bench(args.runs, args.warmup, work, args.dump_frame)
        pages = 0
        cv_path = work / "cv.json"
        if chosen & {"export-pdf", "export-json", "render"}:
            cv_path, pages = build_two_page_cv(work)
        if "python" in chosen:
            bench.command("python", "python -c pass", [sys.executable, "-c", "pass"])
        if "version" in chosen:
            bench.command("version", "freecv-tui --version", [exe, "--version"])
        if "textual-min" in chosen:
            cmd = [sys.executable, "-c", _MINIMAL_APP]
            bench.frame("textual-min", "minimal app", cmd, MINIMAL_CHECK)
        if chosen & {"frame", "frame-warm"}:
            check = picker_check()
        if "frame" in chosen:
            bench.frame("wizard", "wizard", [exe], check)
        if "frame-warm" in chosen:
            kept = work / "kept-home"
            kept.mkdir()
            name = "wizard, warm home"
            bench.frame("wizard-warm", name, [exe], check, kept_home=kept)
        export = [exe, "export", str(cv_path), "--force", "-o"]
        if "export-pdf" in chosen:
            out = str(work / "out.pdf")
            bench.command("export-pdf", "export 2-page PDF", [*export, out])
        if "export-json" in chosen:
            out = str(work / "out.json")
            cmd = [*export, out, "--format", "json"]
            bench.command("export-json", "export --format json", cmd)
        if "render" in chosen:
            bench.render(cv_path)
        bench.run()
    return {
        "date": dt.date.today().isoformat(),
        "runs": args.runs,
        "warmup": args.warmup,
        "exe": exe,
        "source": source_state(),
        "bytecode_cache": not args.no_pyc_cache,
        "cv_pages": pages,
        "machine": machine(),
        # Other work on the machine skews every number; record how busy it was.
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "versions": versions(),
        "results": {key: r.summary() for key, r in bench.results.items()},
    }


def table(report: dict[str, Any]) -> str:
    """The report as a plain-text table in milliseconds."""
    items = list(report["results"].values())
    width = max([len("benchmark"), *(len(item["label"]) for item in items)])
    head = f"{'benchmark':<{width}} {'median':>8} {'min':>8} {'max':>8} {'peak RSS':>9}"
    rows = [head, "-" * len(head)]
    for item in items:
        rss = item["peak_rss_mib"]
        rss_text = f"{rss:.0f} MiB" if rss is not None else "-"
        times = (item[k] * 1000 for k in ("median_s", "min_s", "max_s"))
        rows.append(
            f"{item['label']:<{width}} "
            + " ".join(f"{t:>6.0f}ms" for t in times)
            + f" {rss_text:>9}"
        )
    info = report["versions"]
    rows.append("")
    rows.append(
        f"{report['date']}, {report['source']}, "
        f"{report['runs']} runs (+{report['warmup']} warm-up), "
        f"{report['machine']['cpus']} CPUs\nPython {info['python']}, "
        f"Textual {info['textual']}, fpdf2 {info['fpdf2']}; load average "
        + " -> ".join(f"{n:.2f}" for n in report["load_average_1min"])
    )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print the table and write the JSON if asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write results")
    parser.add_argument("--exe", help="the freecv-tui to time (default: beside python)")
    parser.add_argument(
        "--only", metavar="NAMES", help=f"comma-separated subset of {','.join(BENCHES)}"
    )
    parser.add_argument(
        "--no-pyc-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as set (modules compile on every start)",
    )
    parser.add_argument(
        "--dump-frame",
        action="store_true",
        help="print the screen as it was when the first full frame was detected",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    try:
        report = run_all(args)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 1
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
