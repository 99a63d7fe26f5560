"""Job-ad matching: the ad's keywords, which the CV covers, where to add the rest."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from freecv_tui import checks
from freecv_tui.cv import CV

MAX_KEYWORDS = 30
_SPLIT = re.compile(r"[\n\r\t•·;:!?()\[\]{}<>\"“”|]+|(?<=\w)[.,](?=\s)|,\s")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#./-]*[A-Za-z0-9+#]|[A-Za-z0-9]")
_QUALIFICATION = re.compile(
    r"\b(degree|bachelor|master|phd|diploma|certif\w*|licen[cs]e\w*|chartered|"
    r"registered|accredited|qualified)\b",
    re.I,
)


@dataclass(frozen=True)
class Keyword:
    """A term from the ad, whether the CV has it, and where it would go."""

    term: str
    count: int
    covered: bool
    where: str


def _looks_technical(token: str) -> bool:
    """Tool-like tokens: AWS, C#, Node.js, ISO 27001, GA4, SAP."""
    return (
        any(ch.isdigit() for ch in token)
        or any(ch in "+#." for ch in token[1:])
        or (token.isupper() and len(token) > 1)
        or (token[0].isupper() and any(ch.isupper() for ch in token[1:]))
    )


def _phrases(text: str, stop: frozenset[str]) -> Iterable[list[str]]:
    """Runs of words between punctuation and stopwords (candidate terms)."""
    for chunk in _SPLIT.split(text):
        run: list[str] = []
        for token in _TOKEN.findall(chunk):
            if token.lower() in stop:
                if run:
                    yield run
                run = []
            else:
                run.append(token)
        if run:
            yield run


def extract(text: str, vocabulary: Iterable[str] = ()) -> list[tuple[str, int]]:
    """Keywords of a job ad with how often they occur, most telling first.

    Known skills (the role library's and the CV's) are found as written.
    Other terms are runs of one to three content words, kept when they recur
    or look like a tool, so "event-driven systems" and "SOC 2" both come out.
    """
    word_list = checks.lists()
    stop, weak = word_list.stopwords, word_list.weak_terms
    counts: Counter[str] = Counter()
    shown: dict[str, str] = {}
    known: set[str] = set()
    technical: set[str] = set()
    for term in {t.strip() for t in vocabulary if t.strip()}:
        # Short names (Go, R, C) are matched as written: "go" is also a verb.
        flags = 0 if len(term) <= 3 else re.I
        found = re.findall(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, flags)
        if found:
            key = checks.canonical_skill(term).casefold()
            counts[key] += len(found)
            shown.setdefault(key, found[0])
            known.add(term.casefold())
    for run in _phrases(text, stop):
        for size in (3, 2, 1):
            for i in range(len(run) - size + 1):
                words = run[i : i + size]
                lowered = [w.lower() for w in words]
                # A weak word may end a phrase ("event-driven systems"), not be one.
                ends_weak = size > 1 and lowered[0] not in weak
                if words[0][0].isdigit() or lowered[0] in weak:
                    continue
                if lowered[-1] in weak and not ends_weak:
                    continue
                if size > 1 and any(w in known for w in lowered):
                    continue  # a known skill inside a phrase is counted on its own
                if size == 1 and (len(words[0]) < 3 or lowered[0] in known):
                    continue
                key = checks.canonical_skill(" ".join(words)).casefold()
                counts[key] += 1
                shown.setdefault(key, " ".join(words))
                if any(_looks_technical(w) for w in words):
                    technical.add(key)
    ranked: list[tuple[str, int]] = []
    for key, score in counts.most_common():
        if score < 2 and key not in technical and key not in known:
            continue  # said once, in plain words: probably not a requirement
        ranked.append((key, score))
    # A term inside a longer kept term that occurs as often says nothing more.
    kept = [
        (key, score)
        for key, score in ranked
        if not any(
            key != other and key in other and other_score >= score
            for other, other_score in ranked
        )
    ]
    return [(shown[key], score) for key, score in kept[:MAX_KEYWORDS]]


def _where(term: str, skills: set[str]) -> str:
    if _QUALIFICATION.search(term):
        return "Education or certificates"
    single = len(term.split()) == 1 and not term.islower()
    if term.casefold() in skills or single or _looks_technical(term):
        return "Skills, and a work bullet that shows it in use"
    return "a work bullet or the summary: say where you did it"


def match(cv: CV, ad: str, vocabulary: Iterable[str] = ()) -> list[Keyword]:
    """Each keyword of the ad, whether the CV covers it, and where to add it."""
    known = {s.casefold() for s in vocabulary} | {s.casefold() for s in cv.skills}
    text = checks.cv_text(cv)
    out = []
    for term, count in extract(ad, [*vocabulary, *cv.skills]):
        covered = checks.mentions(text, term)
        out.append(
            Keyword(term, count, covered, "" if covered else _where(term, known))
        )
    return out


def read_ad(path: Path) -> str:
    """A job ad's text from a text file or a PDF; a clear error for anything else."""
    from freecv_tui.errors import FreeCVError

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FreeCVError(f"{path}: cannot be read: {exc.strerror}") from None
    if raw.startswith(b"%PDF"):
        from io import BytesIO

        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            pages = PdfReader(BytesIO(raw)).pages
            text = "\n".join(page.extract_text() or "" for page in pages)
        except (PdfReadError, ValueError) as exc:
            raise FreeCVError(f"{path}: not a readable PDF ({exc})") from None
    else:
        if b"\0" in raw[:4096]:
            raise FreeCVError(f"{path}: not a text file; save the ad as .txt or PDF")
        text = raw.decode("utf-8-sig", errors="replace")
    if not text.strip():
        raise FreeCVError(f"{path}: the ad is empty; paste its text into the file")
    return text
