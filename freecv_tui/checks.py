"""Recruiter checks: pure functions from text to findings shown beside a field."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from freecv_tui.cv import CV, Work
    from freecv_tui.roles import Role

Severity = Literal["error", "warning", "tip", "ok"]

BULLET_MIN_WORDS = 12
BULLET_MAX_WORDS = 20
SUMMARY_SENTENCES = (2, 4)
SKILLS_MAX = 15
SKILLS_MIN = 5
GAP_MONTHS = 6

_WORD = re.compile(r"[\w'’+#.-]*\w[+#]*|[+#]", re.UNICODE)
_NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen"
_NUMBER = re.compile(rf"\d|\b({_NUMBER_WORDS}|hundreds?|thousands?|millions?)\b", re.I)
_YEARS = re.compile(
    rf"\b(\d+|{_NUMBER_WORDS}|fifteen|twenty)\+?\s*(?:-\s*\d+\s*)?years?\b", re.I
)
_SENTENCE = re.compile(r"(?<=[.!?。！？])\s+|(?<=[。！？])")


@dataclass(frozen=True)
class Finding:
    """One observation about a piece of text: what, how bad, where, and the fix."""

    rule: str
    severity: Severity
    message: str
    path: str = ""
    """JSON path of the field, e.g. work[0].highlights[1]; empty: the field itself."""
    span: tuple[int, int] | None = None
    """Character offsets in the field's text that the finding is about."""

    def at(self, path: str) -> Finding:
        """The same finding placed at a field."""
        return Finding(self.rule, self.severity, self.message, path, self.span)

    @property
    def counts(self) -> bool:
        """Whether it is something to fix (not a pat on the back)."""
        return self.severity != "ok"


@dataclass(frozen=True)
class Words:
    """The word lists in data/checks.toml, loaded once."""

    action_verbs: frozenset[str]
    weak_openers: tuple[str, ...]
    buzzwords: tuple[str, ...]
    first_person: frozenset[str]
    generic_skills: frozenset[str]
    synonyms: dict[str, str]
    stopwords: frozenset[str]
    weak_terms: frozenset[str]
    past_to_present: dict[str, str]
    expected_profiles: dict[str, tuple[str, ...]]


@cache
def lists() -> Words:
    """The check word lists from the package data."""
    raw: dict[str, Any] = tomllib.loads(
        resources.files("freecv_tui.data").joinpath("checks.toml").read_text("utf-8")
    )
    synonyms = {}
    for group in raw["skill_synonyms"]:
        for name in group:
            synonyms[name.casefold()] = group[0]
    return Words(
        action_verbs=frozenset(v.lower() for v in raw["action_verbs"]),
        weak_openers=tuple(raw["weak_openers"]),
        buzzwords=tuple(raw["buzzwords"]),
        first_person=frozenset(raw["first_person"]),
        generic_skills=frozenset(s.casefold() for s in raw["generic_skills"]),
        synonyms=synonyms,
        stopwords=frozenset(raw["stopwords"]),
        weak_terms=frozenset(raw["weak_terms"]),
        past_to_present={p: q for p, q in raw["irregular_past"]},
        expected_profiles={k: tuple(v) for k, v in raw["expected_profiles"].items()},
    )


def words(text: str) -> list[str]:
    """The words of a text, counting numbers and tokens like C# or 40%."""
    return _WORD.findall(text)


@lru_cache(maxsize=8192)
def _term_pattern(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])", re.I)


def _find_terms(text: str, terms: Iterable[str]) -> list[tuple[str, tuple[int, int]]]:
    """Whole-word, case-insensitive occurrences of any of the terms."""
    out = []
    lowered = text.lower()
    for term in terms:
        if term.lower() not in lowered:
            continue  # a plain substring test first: most terms are absent
        match = _term_pattern(term).search(text)
        if match:
            out.append((term, match.span()))
    return out


# ---------------------------------------------------------------- bullets


def _is_past(word: str) -> bool:
    lower = word.lower()
    return lower.endswith("ed") or lower in lists().past_to_present


@cache
def _present_forms(extra: frozenset[str]) -> frozenset[str]:
    """Present forms (Lead, Builds, Reduce) of the known past-tense verbs."""
    word_list = lists()
    past = word_list.action_verbs | extra
    out = set(word_list.past_to_present.values())
    for verb in past:
        if verb.endswith("ied"):
            out.add(verb[:-3] + "y")
        elif verb.endswith("ed"):
            stem = verb[:-2]
            out.update({stem, stem + "e"})
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.add(stem[:-1])  # planned -> plan
    out |= {form + "s" for form in list(out)} | {form + "es" for form in list(out)}
    # Words spelled the same in both tenses (cut, set, forecast) are fine anywhere.
    return frozenset(out - past - set(word_list.past_to_present))


def _is_present(word: str, verbs: frozenset[str]) -> bool:
    return word.lower() in _present_forms(verbs)


def bullet(
    text: str, verbs: Iterable[str] = (), *, current: bool | None = None
) -> list[Finding]:
    """Check one work highlight: length, a result, an action opener, tense, tone."""
    text = text.strip()
    if not text:
        return []
    out = []
    tokens = words(text)
    count = len(tokens)
    if count < BULLET_MIN_WORDS:
        out.append(
            Finding(
                "bullet.short",
                "tip",
                f"{count} words; aim for {BULLET_MIN_WORDS}-{BULLET_MAX_WORDS}: "
                "add the result or its scale",
            )
        )
    elif count > BULLET_MAX_WORDS:
        out.append(
            Finding(
                "bullet.long",
                "warning",
                f"{count} words; aim for {BULLET_MIN_WORDS}-{BULLET_MAX_WORDS}: "
                "cut the context, keep the result",
            )
        )
    else:
        out.append(Finding("bullet.length", "ok", f"{count} words: a good length"))
    number = _NUMBER.search(text)
    if number:
        out.append(Finding("bullet.number", "ok", "holds a number", span=number.span()))
    else:
        out.append(
            Finding(
                "bullet.number",
                "warning",
                "no number: add a count, percentage, amount or time saved",
            )
        )
    out += _opener(text, tokens, verbs, current)
    out += _tone(text)
    return out


def _opener(
    text: str, tokens: Sequence[str], verbs: Iterable[str], current: bool | None
) -> list[Finding]:
    lower = text.lower()
    word_list = lists()
    weak = next((w for w in word_list.weak_openers if lower.startswith(w)), None)
    if weak:
        return [
            Finding(
                "bullet.weak-opener",
                "warning",
                f'starts with "{weak}": open with what you did, e.g. "Cut", "Built"',
                span=(0, len(weak)),
            )
        ]
    if not tokens:
        return []
    first = tokens[0]
    extra = frozenset(v.lower() for v in verbs)
    known = word_list.action_verbs | extra
    present = _is_present(first, extra)
    out = []
    if first.lower() in known or _is_past(first):
        out.append(Finding("bullet.verb", "ok", f'opens with the verb "{first}"'))
    elif not present:
        out.append(
            Finding(
                "bullet.verb",
                "tip",
                f'opens with "{first}": start with a verb that says what you did',
                span=(0, len(first)),
            )
        )
    if current is False and present:
        out.append(
            Finding(
                "bullet.tense",
                "warning",
                f'"{first}" is present tense; write past jobs in the past tense',
                span=(0, len(first)),
            )
        )
    return out


def _tone(text: str) -> list[Finding]:
    out = []
    word_list = lists()
    personal = [w for w in words(text) if w.lower() in word_list.first_person]
    if personal:
        out.append(
            Finding(
                "text.first-person",
                "warning",
                f'"{personal[0]}": leave out I, me and my; start with the verb',
            )
        )
    found = _find_terms(text, word_list.buzzwords)
    if found:
        names = ", ".join(f'"{term}"' for term, _ in found[:3])
        out.append(
            Finding(
                "text.buzzword",
                "warning",
                f"{names}: overused; say what you actually did",
                span=found[0][1],
            )
        )
    return out


def job_bullets(job: Work, verbs: Iterable[str], path: str) -> list[Finding]:
    """Every bullet of a job, plus repeats across its bullets."""
    from rapidfuzz import fuzz

    out = []
    seen: list[str] = []
    for index, text in enumerate(job.highlights):
        here = f"{path}.highlights[{index}]"
        out += [f.at(here) for f in bullet(text, verbs, current=bool(job.current))]
        for earlier in seen:
            if fuzz.ratio(earlier.lower(), text.lower()) >= 90:
                out.append(
                    Finding(
                        "bullet.duplicate",
                        "warning",
                        "repeats an earlier bullet; merge them or cut one",
                        here,
                    )
                )
                break
        seen.append(text)
    if job.current and len(job.highlights) >= 3:
        firsts = [words(t)[0] for t in job.highlights if words(t)]
        if not any(_is_present(w, frozenset(v.lower() for v in verbs)) for w in firsts):
            # Once per job: finished results may rightly stay in the past tense.
            out.append(
                Finding(
                    "bullet.tense",
                    "tip",
                    "this is your current job: write what you still do in the "
                    "present tense (Lead, Run); finished results can stay past",
                    f"{path}.highlights",
                )
            )
    return out


# ---------------------------------------------------------------- summary


def sentences(text: str) -> list[str]:
    """Split prose into sentences (Latin and CJK full stops)."""
    return [s for s in _SENTENCE.split(text.strip()) if s.strip()]


def summary(text: str, role: Role | None = None) -> list[Finding]:
    """Check a summary: 2-4 sentences, years, a specialty, a concrete result."""
    text = text.strip()
    if not text:
        hint = (
            "no summary: write 2-4 sentences: who you are, how long, your best result"
        )
        return [Finding("summary.empty", "warning", hint)]
    out = []
    count = len(sentences(text))
    low, high = SUMMARY_SENTENCES
    if count < low:
        out.append(Finding("summary.short", "tip", f"{count} sentence; aim for 2-4"))
    elif count > high:
        out.append(Finding("summary.long", "warning", f"{count} sentences; cut to 2-4"))
    else:
        out.append(Finding("summary.length", "ok", f"{count} sentences: good"))
    years = _YEARS.search(text)
    if years:
        out.append(Finding("summary.years", "ok", "states your years of experience"))
    else:
        out.append(
            Finding(
                "summary.years",
                "tip",
                'say how long you have done this work, e.g. "6 years"',
            )
        )
    rest = text[: years.start()] + text[years.end() :] if years else text
    if _NUMBER.search(rest):
        out.append(Finding("summary.result", "ok", "holds a concrete result"))
    else:
        out.append(
            Finding(
                "summary.result",
                "warning",
                "add one result with a number: what you improved, and by how much",
            )
        )
    if role is not None:
        terms = [role.title, *role.aliases, *role.key_skills]
        hits = _find_terms(text, terms)
        if hits:
            out.append(
                Finding(
                    "summary.keywords", "ok", f'uses the role\'s words ("{hits[0][0]}")'
                )
            )
        else:
            examples = ", ".join(role.key_skills[:3])
            out.append(
                Finding(
                    "summary.keywords",
                    "tip",
                    f"name your specialty in the role's words, e.g. {examples}",
                )
            )
    out += [f for f in _tone(text) if f.rule != "text.first-person"]
    return out


# ---------------------------------------------------------------- contact


def contact(cv: CV, role: Role | None = None) -> list[Finding]:
    """Check how a recruiter reaches the person and what they can look at."""
    from freecv_tui.cv import Basics

    basics = cv.basics
    out = []
    if not basics.email:
        out.append(
            Finding("contact.email", "warning", "add an email address", "basics.email")
        )
    else:
        from pydantic import ValidationError

        try:
            Basics.model_validate({"name": "x", "email": basics.email})
        except ValidationError as exc:
            message = str(exc.errors()[0].get("ctx", {}).get("error", "not valid"))
            out.append(Finding("contact.email", "error", message, "basics.email"))
    if not basics.phone:
        out.append(
            Finding("contact.phone", "tip", "add a phone number", "basics.phone")
        )
    if not basics.location:
        out.append(
            Finding(
                "contact.location",
                "tip",
                "add a city and country; recruiters filter by location",
                "basics.location",
            )
        )
    if role is not None:
        expected = lists().expected_profiles.get(role.family)
        if expected:
            networks = {p.network.casefold() for p in basics.profiles}
            has_site = bool(basics.url) and {"portfolio", "website"} & {
                e.casefold() for e in expected
            }
            if not has_site and not networks & {e.casefold() for e in expected}:
                out.append(
                    Finding(
                        "contact.profile",
                        "tip",
                        f"{role.title} recruiters look for a {expected[0]} link; "
                        "add yours",
                        "basics.profiles",
                    )
                )
    return out


# ---------------------------------------------------------------- skills


def canonical_skill(name: str) -> str:
    """The one spelling the checks use for a skill (Postgres -> PostgreSQL)."""
    return lists().synonyms.get(name.casefold().strip(), name.strip())


def skills(cv: CV, role: Role | None = None) -> list[Finding]:
    """Check the skills list: size, repeats, empty words, the role's key skills."""
    out = []
    listed = cv.skills
    if len(listed) > SKILLS_MAX:
        out.append(
            Finding(
                "skills.count",
                "warning",
                f"{len(listed)} skills; keep the {SKILLS_MAX} this role asks for most",
                "skills",
            )
        )
    elif not listed:
        out.append(
            Finding("skills.empty", "warning", "no skills listed; add 8-15", "skills")
        )
    elif len(listed) < SKILLS_MIN:
        out.append(
            Finding("skills.count", "tip", f"{len(listed)} skills; list 8-15", "skills")
        )
    seen: dict[str, int] = {}
    for index, name in enumerate(listed):
        key = canonical_skill(name).casefold()
        if key in seen:
            first = listed[seen[key]]
            out.append(
                Finding(
                    "skills.duplicate",
                    "warning",
                    f'"{name}" repeats "{first}"; keep one',
                    f"skills[{index}]",
                )
            )
        else:
            seen[key] = index
        if name.casefold().strip() in lists().generic_skills:
            out.append(
                Finding(
                    "skills.generic",
                    "warning",
                    f'"{name}" cannot be checked; show it in a bullet instead',
                    f"skills[{index}]",
                )
            )
    if role is not None:
        text = cv_text(cv)
        missing = [s for s in role.key_skills if not mentions(text, s)]
        covered = len(role.key_skills) - len(missing)
        if missing:
            out.append(
                Finding(
                    "skills.coverage",
                    "tip",
                    f"{covered} of {len(role.key_skills)} key skills; if you have "
                    f"them, add: {', '.join(missing[:6])}",
                    "skills",
                )
            )
    return out


def cv_text(cv: CV) -> str:
    """All the words of a CV a recruiter reads, for keyword coverage."""
    parts = [cv.basics.label or "", cv.basics.summary or "", *cv.skills]
    for job in cv.work:
        parts += [job.position, job.summary or "", *job.highlights]
    for course in cv.education:
        parts += [course.degree, course.field or "", *course.highlights]
    parts += [c.name for c in cv.certificates]
    parts += [p.name for p in cv.projects] + [
        d or "" for p in cv.projects for d in [p.description]
    ]
    return "\n".join(parts)


@lru_cache(maxsize=4096)
def _variants(term: str) -> tuple[str, ...]:
    """A skill and its parts and synonyms: "Python / FastAPI" -> Python, FastAPI."""
    parts = [p.strip() for p in re.split(r"\s*/\s*|\s+or\s+|,\s*", term)]
    out = [term, *(p for p in parts if len(p) > 1)]
    word_list = lists()
    for part in list(out):
        canonical = word_list.synonyms.get(part.casefold())
        if canonical:
            out += [n for n, c in word_list.synonyms.items() if c == canonical]
    return tuple(out)


def mentions(text: str, term: str) -> bool:
    """Whether a text names a skill or term, in any of its spellings."""
    return bool(_find_terms(text, _variants(term)))
