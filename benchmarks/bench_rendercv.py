"""Check the project's speed target: a PDF export in half RenderCV's time or less."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import (
    BenchError,
    Result,
    Sample,
    build_two_page_cv,
    child_env,
    find_exe,
    machine,
    run_once,
    source_state,
    versions,
)
from bench_pdf import arabic_cv, cjk_cv

TARGET = 0.5  # freecv-tui's export should take at most half RenderCV's time
THEME = "classic"
PAPER = "a4"  # freecv-tui's default paper, so both fill the same page
RENDERCV_FOLDER = "rendercv_output"
FONTAWESOME = Path("typst", "packages", "preview", "fontawesome", "0.5.0")
# The networks RenderCV 2.3 draws as social links; it rejects any other name.
RENDERCV_NETWORKS = (
    "LinkedIn",
    "GitHub",
    "GitLab",
    "IMDB",
    "Instagram",
    "ORCID",
    "Mastodon",
    "StackOverflow",
    "ResearchGate",
    "YouTube",
    "Google Scholar",
    "Telegram",
    "Leetcode",
    "X",
)
# Networks whose usernames RenderCV 2.3 checks against a shape of its own.
USERNAME_SHAPES = {
    "Mastodon": r"@[^@]+@[^@]+",
    "StackOverflow": r"\d+/[^/]+",
    "ORCID": r"\d{4}-\d{4}-\d{4}-\d{3}[0-9X]",
    "YouTube": r"[^@].*",
}
STUB_MANIFEST = """\
[package]
name = "fontawesome"
version = "0.5.0"
entrypoint = "lib.typ"
authors = ["freecv-tui benchmarks"]
license = "MIT"
description = "Offline stand-in: an empty box where an icon would be."
"""
STUB_LIBRARY = """\
// Offline stand-in for @preview/fontawesome: every icon is an empty box.
#let fa-icon(name, ..args) = box(width: 0.8em, height: 0.8em)
"""

# ------------------------------------------------------------------ cv.json -> YAML


def _compact(item: dict[str, Any]) -> dict[str, Any]:
    """RenderCV treats an empty value as given, so leave empty ones out."""
    return {k: v for k, v in item.items() if v not in (None, "", [], {})}


def _date(value: str | None) -> str | int | None:
    """RenderCV takes a bare year as a number, months and days as text."""
    if value is not None and re.fullmatch(r"\d{4}", value):
        return int(value)
    return value


def _span(entry: dict[str, Any]) -> dict[str, Any]:
    """Start and end dates; an ongoing entry ends at "present" as RenderCV spells it."""
    start = _date(entry.get("startDate"))
    end = _date(entry.get("endDate"))
    if entry.get("current") and start is not None:
        end = "present"
    return _compact({"start_date": start, "end_date": end})


def _experience(company: str, position: str, entry: dict[str, Any]) -> dict[str, Any]:
    """An ExperienceEntry; 2.3 has a summary field, so the summary stays one."""
    return _compact(
        {
            "company": company,
            "position": position,
            **_span(entry),
            "location": entry.get("location"),
            "summary": entry.get("summary"),
            "highlights": list(entry.get("highlights", [])),
        }
    )


def _normal(name: str, entry: dict[str, Any], **more: Any) -> dict[str, Any]:
    """A NormalEntry: a title line, dates, an optional summary and bullets."""
    return _compact(
        {
            "name": name,
            **_span(entry),
            "summary": entry.get("summary"),
            "highlights": list(entry.get("highlights", [])),
            **more,
        }
    )


def _joined(*parts: str | None) -> str:
    """Fields RenderCV has no place for, kept as one summary line."""
    return ". ".join(part for part in parts if part)


def _social(profiles: list[dict[str, Any]], skipped: list[str]) -> list[Any]:
    """The profiles RenderCV can draw; it builds each link from network and username."""
    known = {name.casefold(): name for name in RENDERCV_NETWORKS}
    out = []
    for profile in profiles:
        network = known.get(str(profile.get("network", "")).casefold())
        username = profile.get("username")
        shape = USERNAME_SHAPES.get(network or "", ".+")
        if network and username and re.fullmatch(shape, username):
            out.append({"network": network, "username": username})
        else:
            skipped.append(f"profile {profile.get('network')!r}")
    return out


def to_rendercv(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """RenderCV's input for a cv.json, and what of the CV it has no place for."""
    basics = data.get("basics", {})
    skipped: list[str] = []
    if basics.get("label"):
        skipped.append("basics.label (no headline field in RenderCV 2.3)")
    if basics.get("image"):
        skipped.append("basics.image (RenderCV wants a local file)")
    certificates = [
        _normal(
            c["name"],
            {},
            date=_date(c.get("date")),
            summary=c.get("issuer"),
        )
        for c in data.get("certificates", [])
    ]
    awards = [
        _normal(
            a["title"],
            {},
            date=_date(a.get("date")),
            summary=_joined(a.get("awarder"), a.get("summary")),
        )
        for a in data.get("awards", [])
    ]
    publications = [
        _normal(
            p["name"],
            {},
            date=_date(p.get("releaseDate")),
            summary=_joined(p.get("publisher"), p.get("summary")),
        )
        for p in data.get("publications", [])
    ]
    if data.get("references"):
        skipped.append(f"references ({len(data['references'])})")
    sections = {
        "Summary": [basics["summary"]] if basics.get("summary") else [],
        "Experience": [
            _experience(w["company"], w["position"], w) for w in data.get("work", [])
        ],
        "Education": [
            _compact(
                {
                    "institution": e["institution"],
                    "area": e.get("field") or e["degree"],
                    "degree": e.get("degree") if e.get("field") else None,
                    **_span(e),
                    "grade": e.get("score"),
                    "summary": e.get("summary"),
                    "highlights": e.get("highlights", []),
                }
            )
            for e in data.get("education", [])
        ],
        # cv.json skills are bare names with no groups: one line, as freecv-tui
        # prints them, rather than a label-and-details entry per skill.
        "Skills": [", ".join(data["skills"])] if data.get("skills") else [],
        "Languages": [
            {"label": lang["language"], "details": lang.get("fluency") or ""}
            for lang in data.get("languages", [])
        ],
        "Projects": [
            _normal(
                f"[{p['name']}]({p['url']})" if p.get("url") else p["name"],
                p,
                summary=p.get("description") or p.get("summary"),
                highlights=[
                    *p.get("highlights", []),
                    *(
                        [f"Keywords: {', '.join(p['keywords'])}"]
                        if p.get("keywords")
                        else []
                    ),
                ],
            )
            for p in data.get("projects", [])
        ],
        "Certificates": certificates,
        "Awards": awards,
        "Publications": publications,
        "Interests": [", ".join(data["interests"])] if data.get("interests") else [],
        "Volunteering": [
            _experience(v["organization"], v.get("position") or "Volunteer", v)
            for v in data.get("volunteer", [])
        ],
    }
    cv = _compact(
        {
            "name": basics.get("name"),
            "location": basics.get("location"),
            "email": basics.get("email"),
            "phone": basics.get("phone"),
            "website": basics.get("url"),
            "social_networks": _social(basics.get("profiles", []), skipped),
            "sections": _compact(sections),
        }
    )
    design = {"theme": THEME, "page": {"size": PAPER}}
    return {"cv": cv, "design": design}, skipped


# ------------------------------------------------------------------ RenderCV set-up


def find_rendercv(explicit: str | None) -> str | None:
    """The RenderCV to time: --rendercv, else the one on PATH, else none."""
    if explicit:
        path = Path(explicit)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BenchError(f"--rendercv {explicit}: not an executable file")
        return str(path)
    return shutil.which("rendercv")


def _fontawesome_installed() -> bool:
    """Whether Typst already has the real icon package in its cache."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return (Path(cache) / FONTAWESOME / "typst.toml").is_file()


def stub_fontawesome(cache: Path) -> None:
    """Write the stand-in icon package where Typst looks for downloaded ones."""
    folder = cache / FONTAWESOME
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "typst.toml").write_text(STUB_MANIFEST, "utf-8")
    (folder / "lib.typ").write_text(STUB_LIBRARY, "utf-8")


def closed_port() -> socket.socket:
    """A bound, non-listening socket: connecting to it is refused at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


def rendercv_versions(exe: str, env: dict[str, str]) -> dict[str, str]:
    """RenderCV's and Typst's versions, read from RenderCV's own environment."""
    code = (
        "import importlib.metadata as m\n"
        "for d in ('rendercv', 'typst'):\n"
        "    try: print(d, m.version(d))\n"
        "    except m.PackageNotFoundError: print(d, 'unknown')\n"
    )
    first = Path(exe).read_bytes()[:200].split(b"\n", 1)[0].decode(errors="replace")
    python = first[2:].strip() if first.startswith("#!") else ""
    out: dict[str, str] = {}
    if python and Path(python).is_file():
        done = subprocess.run(
            [python, "-c", code], env=env, capture_output=True, text=True, check=False
        )
        for line in done.stdout.splitlines():
            name, _, version = line.partition(" ")
            out[name] = version
    if "rendercv" not in out:
        done = subprocess.run(
            [exe, "--version"], env=env, capture_output=True, text=True, check=False
        )
        found = re.search(r"v(\d[\w.]*)", done.stdout)
        out["rendercv"] = found.group(1) if found else "unknown"
    return out


# ------------------------------------------------------------------ timing


@dataclass
class Job:
    """One command timed each round, with where its PDF appears."""

    result: Result
    cmd: list[str]
    env: dict[str, str]
    cwd: Path
    output: Path | None  # the PDF, the folder RenderCV writes it into, or none
    last_pdf: Path | None = None
    ran: bool = False

    def clear(self) -> None:
        """Remove the previous output, so a run that writes nothing is caught."""
        if self.output is None:
            return
        if self.output.is_dir():
            shutil.rmtree(self.output)
        else:
            self.output.unlink(missing_ok=True)

    def pdf(self) -> Path | None:
        """The PDF this run wrote; an error if there is none but should be."""
        if self.output is None:
            return None
        if self.output.is_dir():
            found = sorted(self.output.glob("*.pdf"))
        else:
            found = [self.output] if self.output.is_file() else []
        if len(found) != 1:
            raise BenchError(f"{self.result.label}: expected one PDF, found {found}")
        return found[0]

    def once(self, keep: bool) -> None:
        """Run once; keep the sample unless this is a warm-up round."""
        self.clear()
        sample: Sample = run_once(self.cmd, self.env, self.cwd)
        self.last_pdf = self.pdf()
        self.ran = True
        if keep:
            self.result.samples.append(sample)


def count_pages(pdf: Path) -> int:
    """Pages of a PDF, so the reader sees both tools made a CV of similar length."""
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def freecv_job(
    key: str, label: str, exe: str, source: Path, env: dict[str, str]
) -> Job:
    """`freecv-tui export` of one cv.json, run in the CV's own folder."""
    out = source.parent / "out.pdf"
    cmd = [exe, "export", str(source), "-o", str(out), "--force"]
    return Job(Result(key, label), cmd, env, source.parent, out)


# What every export imports before it draws a line: the floor under its time.
# It leaves the way the export does, without the interpreter's teardown.
FLOOR_IMPORTS = "import os, pydantic, email_validator, fpdf, pypdf; os._exit(0)"


def floor_job(exe: str, env: dict[str, str], cwd: Path) -> Job:
    """The interpreter importing the export's libraries and nothing of ours."""
    python = str(Path(exe).with_name("python"))
    label = "floor: import the libraries"
    return Job(Result("floor", label), [python, "-c", FLOOR_IMPORTS], env, cwd, None)


def write_json(path: Path, data: dict[str, Any]) -> Path:
    """Write data as JSON text, which RenderCV's YAML reader accepts too."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return path


def run_all(args: argparse.Namespace) -> dict[str, Any]:
    """Set both tools up in a temp folder, run them round-robin, gather the report."""
    exe = find_exe(args.exe)
    rendercv = find_rendercv(args.rendercv)
    load_before = os.getloadavg()[0]
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="freecv-rcv-bench-") as tmp:
        work = Path(tmp)
        (work / "home").mkdir()
        # Building the CV loads the role catalog, which may write caches.
        os.environ["FREECV_TUI_HOME"] = str(work / "home")
        if not args.no_pyc_cache:
            # As in bench.py: compile each tool's modules once (in the warm-up
            # round), not on every start, as an installed wheel would.
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        env = child_env(work / "home")
        (work / "latin").mkdir()
        latin, pages = build_two_page_cv(work / "latin")
        jobs = [
            freecv_job("freecv-latin", "freecv-tui export, Latin", exe, latin, env),
            floor_job(exe, env, work),
        ]
        blocker = closed_port()
        rcv_versions: dict[str, str] = {}
        try:
            if rendercv:
                data = json.loads(latin.read_text("utf-8"))
                rcv = rendercv_job(rendercv, data, work, env, blocker, notes)
                jobs.append(rcv)
                rcv_versions = rendercv_versions(rendercv, rcv.env)
            else:
                notes.append(
                    "RenderCV not found on PATH (pass --rendercv PATH):"
                    " comparison skipped"
                )
            for key, label, cv in (
                ("freecv-cjk", "freecv-tui export, Japanese", cjk_cv()),
                ("freecv-arabic", "freecv-tui export, Arabic", arabic_cv()),
            ):
                source = write_json(work / key / "cv.json", cv)
                jobs.append(freecv_job(key, label, exe, source, env))
            total = args.warmup + args.runs
            for index in range(total):
                print(f"round {index + 1}/{total}", end="", file=sys.stderr, flush=True)
                for job in jobs:
                    job.once(index >= args.warmup)
                    print(".", end="", file=sys.stderr, flush=True)
                print(file=sys.stderr)
        finally:
            blocker.close()
        rows: dict[str, dict[str, Any]] = {}
        for job in jobs:
            pdf = job.last_pdf
            if not job.ran:
                raise BenchError(f"{job.result.label} never ran")
            rows[job.result.key] = {
                **job.result.summary(),
                "pages": count_pages(pdf) if pdf else None,
                "pdf_bytes": pdf.stat().st_size if pdf else None,
            }
        if rows["freecv-latin"]["pages"] != pages:
            raise BenchError("the Latin export's page count changed between runs")
    return {
        "date": dt.date.today().isoformat(),
        "runs": args.runs,
        "warmup": args.warmup,
        "exe": exe,
        "rendercv": rendercv,
        "source": source_state(),
        "bytecode_cache": not args.no_pyc_cache,
        "machine": machine(),
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "versions": {**versions(), **rcv_versions},
        "notes": notes,
        "results": rows,
        **ratios(rows),
    }


def rendercv_job(
    exe: str,
    data: dict[str, Any],
    work: Path,
    env: dict[str, str],
    blocker: socket.socket,
    notes: list[str],
) -> Job:
    """`rendercv render` of the same CV, PDF only, with Typst kept offline."""
    folder = work / "rendercv"
    converted, skipped = to_rendercv(data)
    source = write_json(folder / "cv.yaml", converted)
    if skipped:
        notes.append("not in RenderCV's input: " + "; ".join(skipped))
    own = dict(env)
    if not _fontawesome_installed():
        cache = work / "xdg-cache"
        stub_fontawesome(cache)
        own["XDG_CACHE_HOME"] = str(cache)
        notes.append(
            "@preview/fontawesome:0.5.0 is not in Typst's cache: stubbed with empty"
            " boxes (RenderCV does slightly less work than usual)"
        )
    # RenderCV asks PyPI for a newer release on every run; point that request at a
    # port that refuses it, so network latency is not counted against RenderCV.
    port = blocker.getsockname()[1]
    for name in ("https_proxy", "HTTPS_PROXY"):
        own[name] = f"http://127.0.0.1:{port}"
    cmd = [
        exe,
        "render",
        str(source),
        "--output-folder-name",
        RENDERCV_FOLDER,
        "--dont-generate-markdown",
        "--dont-generate-html",
        "--dont-generate-png",
    ]
    label = "rendercv render, same CV"
    return Job(Result("rendercv", label), cmd, own, folder, folder / RENDERCV_FOLDER)


# ------------------------------------------------------------------ report


def ratios(rows: dict[str, Any]) -> dict[str, Any]:
    """freecv-tui's time over RenderCV's, median and minimum, against the target."""
    if "rendercv" not in rows:
        return {}
    ours, theirs = rows["freecv-latin"], rows["rendercv"]
    median = ours["median_s"] / theirs["median_s"]
    least = ours["min_s"] / theirs["min_s"]
    floor = rows["floor"]["median_s"] / theirs["median_s"]
    return {
        "ratio_median": median,
        "ratio_min": least,
        "target_met": median <= TARGET,
        "floor_ratio_median": floor,
    }


def table(report: dict[str, Any]) -> str:
    """The report as plain text: one row per command, then the ratio."""
    rows = list(report["results"].values())
    width = max(len(row["label"]) for row in rows)
    head = (
        f"{'row':<{width}} {'median':>8} {'min':>8} {'max':>8}"
        f" {'peak RSS':>9} {'pages':>5} {'PDF':>8}"
    )
    lines = [head, "-" * len(head)]
    for row in rows:
        times = " ".join(
            f"{row[k] * 1000:>6.0f}ms" for k in ("median_s", "min_s", "max_s")
        )
        rss = row["peak_rss_mib"]
        rss_text = f"{rss:.0f} MiB" if rss is not None else "-"
        size = f"{row['pdf_bytes'] / 1024:.0f} KiB" if row["pdf_bytes"] else "-"
        pages = row["pages"] or "-"
        lines.append(
            f"{row['label']:<{width}} {times} {rss_text:>9} {pages:>5} {size:>8}"
        )
    lines.append("")
    if "ratio_median" in report:
        verdict = "met" if report["target_met"] else "missed"
        lines.append(
            f"freecv-tui / RenderCV = {report['ratio_median']:.2f} (median),"
            f" {report['ratio_min']:.2f} (min); target <= {TARGET:.2f}: {verdict}"
        )
        lines.append(
            "importing the libraries alone takes"
            f" {report['floor_ratio_median']:.2f} of RenderCV's time (median)"
        )
    lines.extend(
        textwrap.fill(note, 88, subsequent_indent="  ") for note in report["notes"]
    )
    info = report["versions"]
    lines.append(
        f"{report['date']}, {report['source']}, {report['runs']} runs"
        f" (+{report['warmup']} warm-up), {report['machine']['cpus']} CPUs,"
        " load average " + " -> ".join(f"{n:.2f}" for n in report["load_average_1min"])
    )
    lines.append(
        f"Python {info['python']}, fpdf2 {info['fpdf2']}, fontTools"
        f" {info['fonttools']}, RenderCV {info.get('rendercv', '-')},"
        f" typst {info.get('typst', '-')}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print the table and write the JSON if asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="timed runs (default 7)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed rounds first")
    parser.add_argument("--json", type=Path, metavar="FILE", help="write results")
    parser.add_argument("--exe", help="the freecv-tui to time (default: beside python)")
    parser.add_argument(
        "--rendercv", metavar="PATH", help="the rendercv to time (default: on PATH)"
    )
    parser.add_argument(
        "--no-pyc-cache",
        action="store_true",
        help="keep PYTHONDONTWRITEBYTECODE as set (modules compile on every start)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    try:
        report = run_all(args)
    except BenchError as exc:
        print(f"bench_rendercv: {exc}", file=sys.stderr)
        return 1
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
