"""Time the PDF export: a Latin two-page CV per template, and a CJK and an Arabic CV.

Two measures per CV: rendering in a warm process (median of several runs), and
the whole `freecv-tui export` process (median of a few), which adds Python,
fpdf2 and font start-up. Run: python benchmarks/bench_pdf.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from freecv_tui import cv as cvmod
from freecv_tui.export.pdf import TEMPLATES, measure_fit, render_pdf_with_notes, verify

_BULLETS = (
    "Moved {n} payment services to a new deployment pipeline, cutting release time",
    "Led a team of {n} engineers to rebuild the search index, raising relevance 18%",
    "Wrote the on-call handbook and cut pages per week from {n}0 to 12",
    "Introduced contract tests across {n} teams, catching 40 breaking changes",
)


def latin_cv() -> dict[str, Any]:
    """About two pages in the classic template: seven jobs of four bullets."""
    work = []
    for i in range(7):
        year = 2025 - 2 * i
        work.append(
            {
                "company": f"Northwind Company {chr(65 + i)}",
                "position": "Senior Backend Engineer",
                "location": "Berlin",
                "startDate": f"{year - 2}-03",
                "endDate": f"{year}-02",
                "highlights": [b.format(n=i + 3) for b in _BULLETS],
            }
        )
    return {
        "basics": {
            "name": "Ana María O'Connor-Ruiz",
            "label": "Senior Backend Engineer",
            "email": "ana@example.org",
            "url": "https://example.org/ana",
            "summary": "Backend engineer building distributed systems. " * 4,
        },
        "work": work,
        "skills": ["Go", "Rust", "PostgreSQL", "Kubernetes", "gRPC"],
    }


def cjk_cv() -> dict[str, Any]:
    """A Japanese CV: kana and kanji, so Noto Sans JP regular and bold load."""
    sentence = "大規模な決済基盤の設計と運用を担当し、可用性を高めてきました。"
    return {
        "basics": {
            "name": "山田 花子",
            "label": "リードエンジニア",
            "summary": sentence * 4,
        },
        "work": [
            {
                "company": f"株式会社サンプル決済{i}",
                "position": "シニアエンジニア",
                "startDate": f"{2024 - 2 * i}-04",
                "endDate": f"{2025 - 2 * i}-03",
                "highlights": ["夜間バッチの処理時間を六時間から四十分に短縮"] * 3,
            }
            for i in range(5)
        ],
    }


def arabic_cv() -> dict[str, Any]:
    """An Arabic CV with Latin runs: shaping on, Noto Sans Arabic regular and bold."""
    summary = (
        "أعمل منذ عام 2016 على تطوير أنظمة الدفع في شركة Northwind Labs، وقدت "
        "فريقًا من ستة مهندسين لإعادة بناء واجهات البرمجة وتحسين الأداء بنسبة 35٪."
    )
    return {
        "basics": {
            "name": "سلمى النجار",
            "label": "مهندسة برمجيات أولى",
            "summary": summary,
        },
        "work": [
            {
                "company": "Northwind Labs",
                "position": "قائدة فريق الدفع",
                "location": "عمّان",
                "startDate": f"{2024 - 2 * i}-05",
                "endDate": f"{2025 - 2 * i}-04",
                "highlights": [
                    "نقلت معالجة الأحداث إلى Apache Kafka دون توقف الخدمة",
                    "خفضت زمن الاستجابة من 800 إلى 120 مللي ثانية",
                ],
            }
            for i in range(5)
        ],
    }


def _median_ms(func: Callable[[], object], runs: int) -> float:
    """Median wall time of func in milliseconds, after one warm-up call."""
    func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _process_ms(data: dict[str, Any], template: str, runs: int) -> float | None:
    """Median wall time of a whole `freecv-tui export` process, if it can run."""
    exe = Path(sys.executable).with_name("freecv-tui")
    if not exe.exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "cv.json"
        source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        out = str(Path(tmp) / "cv.pdf")
        command = [str(exe), "export", str(source), "-o", out, "--force"]
        if template != "classic":
            command += ["--template", template]
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
            if done.returncode != 0:
                return None
    return statistics.median(times) * 1000


def main() -> None:
    """Print a table of medians in milliseconds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per row")
    args = parser.parse_args()
    rows: list[tuple[str, dict[str, Any], str]] = [
        (f"Latin, {name}", latin_cv(), name) for name in TEMPLATES
    ]
    rows += [
        ("Japanese (CJK)", cjk_cv(), "classic"),
        ("Arabic", arabic_cv(), "classic"),
    ]
    print(
        f"{'CV':<18} {'pages':>5} {'render ms':>10} {'check ms':>9} {'process ms':>11}"
    )
    for label, data, template in rows:
        cv = cvmod.from_data(data)
        fit = measure_fit(cv, template=template)
        pdf, _ = render_pdf_with_notes(cv, template=template)
        render = _median_ms(
            partial(render_pdf_with_notes, cv, template=template), args.runs
        )
        check = _median_ms(partial(verify, pdf, cv), args.runs)
        process = _process_ms(data, template, max(1, args.runs // 2))
        shown = f"{process:11.0f}" if process is not None else f"{'n/a':>11}"
        print(f"{label:<18} {fit.pages:>5} {render:10.0f} {check:9.0f} {shown}")


if __name__ == "__main__":
    main()
