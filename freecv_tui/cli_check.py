"""`freecv-tui check`: the recruiter report on the command line, as text or JSON."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from freecv_tui import cv as cvmod
from freecv_tui import jobad, report, store
from freecv_tui.report import AREA_TITLES
from freecv_tui.roles import Catalog, Role, load_catalog, search

MARKS = {"error": "✗", "warning": "!", "tip": "·"}


def _role(
    catalog: Catalog, cv: cvmod.CV, wanted: str | None, *, is_draft: bool
) -> tuple[Role | None, str]:
    """The role asked for, else the draft's (for the draft), else the headline's."""
    from freecv_tui.cli import _unknown_role

    if wanted:
        role = catalog.get(wanted)
        if role is None:
            _unknown_role(wanted, catalog)
        return role, "given"
    # A file passed by name may be anybody's CV: the draft's role says nothing.
    session = store.load_session() if is_draft else store.Session()
    if session.role and catalog.get(session.role):
        return catalog.get(session.role), "from the draft"
    guessed = guess_role(catalog, cv.basics.label or "")
    if guessed is not None:
        return catalog.get(guessed), "guessed from the headline"
    return None, "none"


def guess_role(catalog: Catalog, headline: str) -> str | None:
    """The role a headline names, read title part first so its skills can't outvote."""
    import re

    from freecv_tui.roles import named_in

    # "Data Analyst | SQL, Python" or "Registered Nurse - ICU": after a
    # separator come specialities, whose words name other roles' skills.
    head = re.split(r"[|·•,:;]|\s[-–—]+\s", headline, maxsplit=1)[0]
    for text in (head, headline):
        named = named_in(catalog, text)
        if named is not None:
            return named.id
    # No name word for word, so perhaps a typo ("Sofware Engineer"); the
    # words in front are often seniority ("Senior"), which no role is called.
    words = [word for word in head.split() if re.search(r"\w", word)]
    for start in range(len(words)):
        if found := search(catalog, " ".join(words[start:])):
            return found[0].id
    tally: Counter[str] = Counter()
    for word in headline.split():
        if len(word) >= 3:
            for rank, summary in enumerate(search(catalog, word)[:3]):
                tally[summary.id] += 3 - rank
    best = tally.most_common(1)
    return best[0][0] if best else None


def _layout(cv: cvmod.CV) -> report.Layout | None:
    from freecv_tui.export.pdf import measure

    try:
        return report.Layout(*measure(cv))
    except Exception:
        return None


def run_check(args: argparse.Namespace) -> int:
    """Print the findings by area with the score; exit 1 on errors or a low score."""
    from freecv_tui.cli import UsageError

    if args.path is not None:
        from freecv_tui.opening import open_cv

        cv = open_cv(args.path, draft=True)[0]
        source = str(args.path)
    else:
        if not store.draft_path().exists():
            raise UsageError("no CV given and no draft; pass a cv.json")
        cv = cvmod.load(store.draft_path(), draft=True)
        source = "the draft"
    catalog = load_catalog(args.roles_dir)
    role, how = _role(catalog, cv, args.role, is_draft=args.path is None)
    result = report.build(cv, role, layout=lambda: _layout(cv))
    keywords: list[jobad.Keyword] = []
    if args.job is not None:
        ad = jobad.read_ad(args.job)
        vocabulary = [s for r in catalog for s in r.skills]
        keywords = jobad.match(cv, ad, vocabulary)
    failed = result.score < args.min_score or any(
        f.severity == "error" for f in result.findings
    )
    if args.format == "json":
        data: dict[str, Any] = {"source": source, "role": role.id if role else None}
        data |= result.as_dict()
        if args.job is not None:
            data["job"] = [
                {
                    "term": k.term,
                    "count": k.count,
                    "covered": k.covered,
                    "where": k.where,
                }
                for k in keywords
            ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 1 if failed else 0
    _print_text(source, role, how, result, keywords)
    return 1 if failed else 0


def _print_text(
    source: str,
    role: Role | None,
    how: str,
    result: report.Report,
    keywords: list[jobad.Keyword],
) -> None:
    role_line = f"{role.title} ({how})" if role else "none (pass --role ID)"
    print(f"{source}: score {result.score}/100   role: {role_line}")
    for area, found in result.areas.items():
        if area not in result.breakdown:
            continue
        got, top = result.breakdown[area]
        print(f"\n{AREA_TITLES[area]}  {got}/{top}")
        shown = [f for f in found if f.counts]
        if not shown:
            print("  ✓ nothing to fix")
        for finding in shown:
            where = f"{finding.path}: " if finding.path else ""
            print(f"  {MARKS[finding.severity]} {where}{finding.message}")
    print(f"\nFormat: {result.recommendation}")
    if keywords:
        covered = [k.term for k in keywords if k.covered]
        print(f"\nJob ad: {len(covered)} of {len(keywords)} keywords covered")
        for keyword in keywords:
            if not keyword.covered:
                print(f"  - {keyword.term}: add to {keyword.where}")


__all__ = ["Path", "run_check"]
