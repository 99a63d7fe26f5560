"""The role content checker: completeness, the product's own bullet rules, overlap."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import combinations

from freecv_tui import checks
from freecv_tui import cv as cvmod
from freecv_tui.errors import CVFileError
from freecv_tui.roles import Role

MIN_SKILLS = 12
MIN_QUESTIONS = 5
MIN_MISTAKES = 4
MIN_QUESTION_KINDS = 3
ANSWER_WORDS = (80, 200)
HINTS = (2, 3)
SHINGLE = 5
"""Words per shingle when comparing text across roles."""
OVERLAP = 0.5
"""Jaccard similarity of shingles above which two passages count as duplicates."""
MIN_PASSAGE_WORDS = 12


@dataclass(frozen=True)
class RoleIssue:
    """One problem in one role file, at one key."""

    source: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.key}: {self.message}"


def check_role(role: Role, source: str, known_ids: Iterable[str]) -> list[RoleIssue]:
    """Everything that makes one role incomplete or inconsistent."""
    out: list[RoleIssue] = []

    def add(key: str, message: str) -> None:
        out.append(RoleIssue(source, key, message))

    if len(role.key_skills) < MIN_SKILLS:
        add("skills", f"{len(role.key_skills)} key skills; give at least {MIN_SKILLS}")
    if len(role.common_mistakes) < MIN_MISTAKES:
        add("common_mistakes", f"give at least {MIN_MISTAKES}")
    if len(role.questions) < MIN_QUESTIONS:
        add("questions", f"{len(role.questions)} questions; give {MIN_QUESTIONS}+")
    kinds = {q.kind for q in role.questions}
    if len(kinds) < MIN_QUESTION_KINDS:
        add(
            "questions",
            f"only {len(kinds)} kinds; mix technical, situational, "
            "behavioural and others",
        )
    for index, question in enumerate(role.questions):
        words = len(checks.words(question.answer))
        low, high = ANSWER_WORDS
        if not low <= words <= high:
            add(f"questions[{index}].answer", f"{words} words; write {low}-{high}")
        if not HINTS[0] <= len(question.hints) <= HINTS[1]:
            add(f"questions[{index}].hints", f"{len(question.hints)} hints; give 2-3")
    known = set(known_ids)
    for related in role.related:
        if related not in known:
            add("related", f'"{related}" is not a role id')
        if related == role.id:
            add("related", "a role cannot be related to itself")
    out += _check_example(role, source)
    return out


def _check_example(role: Role, source: str) -> list[RoleIssue]:
    out: list[RoleIssue] = []
    try:
        example = cvmod.from_data(role.example, source)
    except CVFileError as exc:
        return [RoleIssue(source, f"example.{p.path}", p.message) for p in exc.problems]
    if not example.basics.label or not example.basics.summary:
        out.append(RoleIssue(source, "example.basics", "give a label and a summary"))
    if len(example.work) < 2:
        out.append(RoleIssue(source, "example.work", "give at least two jobs"))
    if not example.education:
        out.append(RoleIssue(source, "example.education", "give at least one"))
    if not example.skills:
        out.append(RoleIssue(source, "example.skills", "list the person's skills"))
    for wi, job in enumerate(example.work):
        if not job.highlights:
            out.append(RoleIssue(source, f"example.work[{wi}].highlights", "empty"))
        for hi, bullet in enumerate(job.highlights):
            for finding in checks.bullet(bullet, role.action_verbs):
                if finding.severity in ("warning", "error") or finding.rule == (
                    "bullet.short"
                ):
                    key = f"example.work[{wi}].highlights[{hi}]"
                    out.append(RoleIssue(source, key, finding.message))
    return out + _check_length(role, example, source)


def _check_length(role: Role, example: cvmod.CV, source: str) -> list[RoleIssue]:
    """The example is what people start from: it must keep to our own page rule."""
    from freecv_tui import report
    from freecv_tui.export.pdf import SPILL, measure_fit
    from freecv_tui.export.service import newest_first

    years = report.years_of_experience(example)
    for paper in ("A4", "Letter"):
        fit = measure_fit(newest_first(example), paper=paper)
        layout = report.Layout(fit.pages, fit.last_page_lines)
        finding = report.length_findings(layout, years, role)[0]
        if finding.severity != "ok":
            message = f"{finding.message} (classic, {paper})"
        elif fit.pages > 1 and fit.last_page_fill < SPILL:
            message = (
                f"page {fit.pages} holds only {fit.last_page_lines} lines (classic, "
                f"{paper}); cut them so the CV ends on page {fit.pages - 1}"
            )
        else:
            continue
        return [RoleIssue(source, "example", message)]
    return []


# ---------------------------------------------------------------- overlap


def _passages(role: Role) -> Iterator[tuple[str, str]]:
    """(key, text) of every prose passage long enough to compare."""
    fields: list[tuple[str, str]] = [
        ("summary", role.summary),
        ("recruiters_look_for", role.recruiters_look_for),
        ("formatting", role.formatting),
        ("tailoring", role.tailoring),
    ]
    fields += [(f"common_mistakes[{i}]", m) for i, m in enumerate(role.common_mistakes)]
    fields += [
        (f"tips.{s}", role.tips.for_step(s)) for s in type(role.tips).model_fields
    ]
    for i, q in enumerate(role.questions):
        fields.append((f"questions[{i}].answer", q.answer))
    for key, text in fields:
        for part in re.split(r"\n\s*\n|\n\s*[-*] ", text):
            if len(checks.words(part)) >= MIN_PASSAGE_WORDS:
                yield key, part


def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = [w.lower().strip(".,;:'\"()") for w in checks.words(text)]
    return frozenset(
        tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)
    )


def near_duplicates(
    roles: Iterable[tuple[Role, str]], threshold: float = OVERLAP
) -> list[RoleIssue]:
    """Passages that read almost word for word alike in two different roles."""
    index: list[tuple[str, str, str, frozenset[tuple[str, ...]]]] = []
    owner: dict[tuple[str, ...], set[int]] = {}
    for role, source in roles:
        for key, text in _passages(role):
            shingles = _shingles(text)
            if not shingles:
                continue
            number = len(index)
            index.append((role.id, source, key, shingles))
            for shingle in shingles:
                owner.setdefault(shingle, set()).add(number)
    pairs: set[tuple[int, int]] = set()
    for numbers in owner.values():
        if 1 < len(numbers) < 50:
            pairs.update(combinations(sorted(numbers), 2))
    out: dict[RoleIssue, None] = {}
    for a, b in sorted(pairs):
        role_a, source_a, key_a, sh_a = index[a]
        role_b, source_b, key_b, sh_b = index[b]
        if role_a == role_b:
            continue
        similarity = len(sh_a & sh_b) / len(sh_a | sh_b)
        if similarity < threshold:
            continue
        # Reported on both sides, so checking either file shows it.
        for source, key, other, other_key in (
            (source_a, key_a, role_b, key_b),
            (source_b, key_b, role_a, key_a),
        ):
            text = (
                f"{similarity:.0%} the same as {other} {other_key}; "
                "rewrite one for its own role"
            )
            out[RoleIssue(source, key, text)] = None
    return list(out)
