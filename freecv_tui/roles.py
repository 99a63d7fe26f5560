"""Role guidance: the Role model and the catalog of built-in and user role files."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from freecv_tui.errors import Problem, RoleFileError

_INDEX_VERSION = 1
STEPS = ("contact", "summary", "work", "education", "skills", "review")
Seniority = Literal["entry", "junior", "mid", "senior", "lead", "executive"]


class Strict(BaseModel):
    """Role files reject unknown keys so a typo is reported, not ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class StepTips(Strict):
    """Markdown advice for each wizard step."""

    contact: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    work: str = Field(min_length=1)
    education: str = Field(min_length=1)
    skills: str = Field(min_length=1)
    review: str = Field(min_length=1)

    def for_step(self, step: str) -> str:
        """The advice for a step id from STEPS."""
        return str(getattr(self, step))


class Question(Strict):
    """An interview question with a model answer and hints."""

    kind: Literal[
        "technical", "situational", "behavioural", "system-design", "motivational"
    ]
    question: str = Field(min_length=1)
    answer: str = Field(min_length=1, description="Model answer in Markdown.")
    hints: list[str] = Field(min_length=1)


class Salary(Strict):
    """A published pay figure; never invented, always with its source and year."""

    country: str = Field(min_length=2, examples=["US", "GB"])
    currency: str = Field(min_length=3, max_length=3)
    period: Literal["year", "month", "hour"] = "year"
    median: int | None = None
    low: int | None = None
    high: int | None = None
    source: str = Field(min_length=1)
    year: int = Field(ge=2000, le=2100)
    note: str | None = None

    def text(self) -> str:
        """One line a reader can check: figure, currency, period, source, year."""
        if self.median is not None:
            figure = f"median {self.median:,}"
        else:
            figure = f"{self.low or 0:,} to {self.high or 0:,}"
        return (
            f"{self.country}: {figure} {self.currency} a {self.period} "
            f"({self.source}, {self.year})"
        )

    @model_validator(mode="after")
    def _has_a_figure(self) -> Salary:
        if self.median is None and (self.low is None or self.high is None):
            raise ValueError("give a median, or both low and high")
        return self


class Role(Strict):
    """Everything the wizard knows about one target role."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str = Field(min_length=1)
    family: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    seniority: list[Seniority] = Field(min_length=1)
    summary: str = Field(min_length=1, description="What the job is, in Markdown.")
    recruiters_look_for: str = Field(min_length=1)
    skills: dict[str, list[str]] = Field(min_length=1)
    action_verbs: list[str] = Field(min_length=1)
    common_mistakes: list[str] = Field(min_length=1)
    formatting: str = Field(min_length=1)
    tailoring: str = Field(min_length=1)
    tips: StepTips
    example: dict[str, Any] = Field(description="An invented person's cv.json.")
    questions: list[Question] = Field(min_length=1)
    salary: list[Salary] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list)

    @property
    def key_skills(self) -> list[str]:
        """All key skills, groups flattened in file order."""
        return [s for group in self.skills.values() for s in group]


@dataclass(frozen=True)
class RoleSummary:
    """What the role list needs of a role, kept in the index without the full text."""

    id: str
    title: str
    family: str
    aliases: tuple[str, ...]
    seniority: tuple[str, ...]
    skills: tuple[str, ...]
    source: str

    @classmethod
    def of(cls, role: Role, source: str) -> RoleSummary:
        """Summarise a loaded role."""
        return cls(
            role.id,
            role.title,
            role.family,
            tuple(role.aliases),
            tuple(role.seniority),
            tuple(role.key_skills),
            source,
        )

    def matches(self, query: str) -> bool:
        """Whether every word of a query occurs in the title, aliases, family or id."""
        hay = " ".join([self.id, self.title, self.family, *self.aliases]).lower()
        return all(w in hay for w in query.lower().split())


@dataclass
class Catalog:
    """The role index by id; a role's full text is loaded when first asked for."""

    summaries: dict[str, RoleSummary] = field(default_factory=dict)
    problems: list[RoleFileError] = field(default_factory=list)
    _full: dict[str, Role] = field(default_factory=dict)
    _readers: dict[str, RoleSource] = field(default_factory=dict)
    _search: _SearchIndex | None = None

    def __iter__(self) -> Iterator[RoleSummary]:
        return iter(sorted(self.summaries.values(), key=lambda r: (r.family, r.title)))

    def __len__(self) -> int:
        return len(self.summaries)

    def __contains__(self, role_id: object) -> bool:
        return role_id in self.summaries

    @property
    def roles(self) -> dict[str, RoleSummary]:
        """Summaries by id (the known role ids)."""
        return self.summaries

    @property
    def sources(self) -> dict[str, str]:
        """Where each role was read from, by id."""
        return {i: r.source for i, r in self.summaries.items()}

    def add(self, role: Role, source: RoleSource) -> None:
        """Put a loaded role in the catalog, replacing one with the same id."""
        self.summaries[role.id] = RoleSummary.of(role, source.name)
        self._full[role.id] = role
        self._readers[role.id] = source

    def get(self, role_id: str | None) -> Role | None:
        """The full role with that id, loading it now if needed; None if unknown."""
        if not role_id or role_id not in self.summaries:
            return None
        role = self._full.get(role_id)
        if role is None:
            source = self._readers[role_id]
            try:
                role = _load_source(source)
            except RoleFileError as exc:
                # Changed on disk since it was indexed: report it, drop it.
                self.problems.append(exc)
                del self.summaries[role_id]
                return None
            self._full[role_id] = role
        return role

    def by_family(self) -> dict[str, list[RoleSummary]]:
        """Role summaries grouped by family, both sorted by name."""
        out: dict[str, list[RoleSummary]] = {}
        for role in self:
            out.setdefault(role.family, []).append(role)
        return out


def _toml_key(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "(top level)"


def parse_role(text: str, source: str) -> Role:
    """Validate one role file's text; errors name the file and the key."""
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RoleFileError(
            source, [Problem("(syntax)", f"{exc}; fix the TOML there")]
        ) from None
    try:
        return Role.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_url=False):
            key = _toml_key(err["loc"])
            if err["type"] == "extra_forbidden":
                msg = "is not a known key; check its spelling or remove it"
            elif err["type"] == "missing":
                msg = "is missing; add it"
            else:
                msg = err["msg"]
            problems.append(Problem(key, msg))
        raise RoleFileError(source, problems) from None


def load_file(path: Path) -> Role:
    """Load one role file from disk."""
    return _load_source(RoleSource(str(path), path=path))


def _load_source(source: RoleSource) -> Role:
    role = parse_role(source.read(), source.name)
    if source.path is not None and role.id != source.path.stem:
        raise RoleFileError(
            source.name,
            [Problem("id", f'"{role.id}" differs from the file name; rename one')],
        )
    return role


def builtin_dir() -> str:
    """Where the built-in role files are (for `roles paths`)."""
    return str(resources.files("freecv_tui.data.roles"))


@dataclass(frozen=True)
class RoleSource:
    """One role file: a name to show, its text, and a key that changes with it."""

    name: str
    path: Path | None = None
    resource: Traversable | None = None

    def read(self) -> str:
        """The file's text (a leading BOM is dropped by the parser)."""
        if self.path is not None:
            try:
                return self.path.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError) as exc:
                raise RoleFileError(
                    self.name, [Problem("(file)", f"cannot be read: {exc}")]
                ) from None
        assert self.resource is not None
        return self.resource.read_text(encoding="utf-8-sig")

    def stamp(self) -> str | None:
        """A key that changes when the file does, or None when it cannot be told."""
        if self.path is None:
            return None
        try:
            info = self.path.stat()
        except OSError:
            return None
        return f"{info.st_mtime_ns}:{info.st_size}"


def builtin_sources() -> list[RoleSource]:
    """The role files shipped in the package, sorted by name."""
    root = resources.files("freecv_tui.data.roles")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            name = f"built-in roles/{entry.name}"
            if isinstance(entry, Path):
                out.append(RoleSource(name, path=entry))
            else:
                out.append(RoleSource(name, resource=entry))
    return out


def builtin_files() -> list[tuple[str, str]]:
    """(file name, text) of the role files shipped in the package."""
    return [(s.name.rsplit("/", 1)[-1], s.read()) for s in builtin_sources()]


def user_role_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Folders read after the built-ins: the user data dir, then --roles-dir."""
    from freecv_tui import store

    dirs = [store.roles_dir()]
    env = os.environ.get("FREECV_TUI_ROLES")
    if env:
        dirs.append(Path(env))
    dirs.extend(extra)
    return dirs


def _all_sources(extra_dirs: Iterable[Path]) -> list[RoleSource]:
    sources = builtin_sources()
    for folder in user_role_dirs(extra_dirs):
        if folder.is_dir():
            sources += [
                RoleSource(str(p), path=p) for p in sorted(folder.glob("*.toml"))
            ]
    return sources


def _index_path() -> Path:
    from freecv_tui import store

    return store.cache_dir() / "role-index.json"


def _read_index() -> dict[str, Any]:
    try:
        data = json.loads(_index_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _INDEX_VERSION:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _write_index(entries: dict[str, Any]) -> None:
    from freecv_tui import store
    from freecv_tui.errors import FreeCVError

    payload = {"version": _INDEX_VERSION, "entries": entries}
    # A cache that cannot be written only costs speed next time.
    with contextlib.suppress(FreeCVError):
        store.atomic_write(_index_path(), json.dumps(payload).encode(), private=True)


def load_catalog(extra_dirs: Iterable[Path] = ()) -> Catalog:
    """Index built-in roles, then user roles (which replace same-id built-ins).

    Each file is validated once and its summary cached by its modification
    stamp, so start-up reads only the index while no file has changed.
    """
    catalog = Catalog()
    cached = _read_index()
    fresh: dict[str, Any] = {}
    for source in _all_sources(extra_dirs):
        stamp = source.stamp()
        key = f"{source.name}|{stamp}"
        hit = cached.get(key) if stamp else None
        if hit is not None:
            if "problems" in hit:
                problems = [Problem(p, m) for p, m in hit["problems"]]
                catalog.problems.append(RoleFileError(source.name, problems))
            else:
                summary = RoleSummary(**{**hit, "source": source.name})
                catalog.summaries[summary.id] = summary
                catalog._full.pop(summary.id, None)
                catalog._readers[summary.id] = source
            fresh[key] = hit
            continue
        try:
            role = _load_source(source)
        except RoleFileError as exc:
            catalog.problems.append(exc)
            fresh[key] = {"problems": [(p.path, p.message) for p in exc.problems]}
            continue
        catalog.add(role, source)
        entry = asdict(catalog.summaries[role.id])
        del entry["source"]
        fresh[key] = entry
    if fresh != cached:
        _write_index(fresh)
    return catalog


def describe(role: Role) -> str:
    """A plain-text rendering of a role for `freecv-tui roles show`."""
    lines = [f"{role.title} ({role.id})", f"Family: {role.family}"]
    if role.aliases:
        lines.append(f"Also called: {', '.join(role.aliases)}")
    lines.append(f"Seniority: {', '.join(role.seniority)}")
    lines += ["", "What the job is", role.summary.strip()]
    lines += ["", "What recruiters look for", role.recruiters_look_for.strip()]
    lines += ["", "Key skills"]
    lines += [f"  {group}: {', '.join(items)}" for group, items in role.skills.items()]
    lines += ["", f"Action verbs: {', '.join(role.action_verbs)}"]
    lines += ["", "Common mistakes"] + [f"  - {m}" for m in role.common_mistakes]
    lines += ["", "Formatting", role.formatting.strip()]
    lines += ["", "Tailoring", role.tailoring.strip()]
    lines += ["", f"Interview questions ({len(role.questions)})"]
    lines += [f"  - [{q.kind}] {q.question}" for q in role.questions]
    if role.salary:
        lines += ["", "Pay"]
        lines += [f"  {pay.text()}" for pay in role.salary]
    if role.related:
        lines += ["", f"Related roles: {', '.join(role.related)}"]
    return "\n".join(lines)


_WORD_RE = re.compile(r"[\w+#]+")
FUZZY_CUTOFF = 80.0
"""How close a typed word must be to a word of a title, alias or family."""
TITLE_WEIGHT = 1.0
"""A word of the title is the surest sign of the role meant."""
ALIAS_WEIGHT = 0.95
"""Below the title: aliases often name a neighbouring role ("Product Engineer")."""
FAMILY_WEIGHT = 0.9
"""Below aliases: a family word fits every role in the family equally."""
SKILL_SCORE = 70.0
"""Below any name: a key skill is shared by many roles."""


def _words(text: str) -> tuple[str, ...]:
    """A text's words in lower case, so case, spacing and hyphens never decide."""
    return tuple(_WORD_RE.findall(text.lower()))


@dataclass
class _SearchIndex:
    """Words of every role's names, mapped back to the roles that use them."""

    roles: list[RoleSummary]
    vocab: list[str]
    postings: dict[str, dict[int, float]]
    skills: list[str]
    titles: list[frozenset[str]]
    """Each role's title words, to rank a title naming every typed word first."""
    names: dict[tuple[str, ...], dict[int, int]]
    """Whole titles, aliases and ids as words: role index to 2 (title) or 1."""

    @classmethod
    def build(cls, roles: list[RoleSummary]) -> _SearchIndex:
        postings: dict[str, dict[int, float]] = {}
        names: dict[tuple[str, ...], dict[int, int]] = {}
        for index, role in enumerate(roles):
            # (weight of a word, rank of the whole name: 2 title, 1 alias or id)
            fields = [
                (FAMILY_WEIGHT, 0, role.family),
                (ALIAS_WEIGHT, 1, role.id),
                *((ALIAS_WEIGHT, 1, alias) for alias in role.aliases),
                (TITLE_WEIGHT, 2, role.title),
            ]
            for weight, rank, text in fields:
                words = _words(text)
                for word in words:
                    slot = postings.setdefault(word, {})
                    slot[index] = max(slot.get(index, 0.0), weight)
                if rank and words:
                    named = names.setdefault(words, {})
                    named[index] = max(named.get(index, 0), rank)
        skills = [" | ".join(r.skills).casefold() for r in roles]
        titles = [frozenset(_words(r.title)) for r in roles]
        return cls(roles, sorted(postings), postings, skills, titles, names)

    def word_scores(self, typed: str) -> dict[str, float]:
        """Vocabulary words a typed word could mean, with how well it fits."""
        from rapidfuzz import fuzz, process

        out = {w: 100.0 for w in self.vocab if w.startswith(typed)}
        if len(typed) >= 4:
            # Compare with each word's start, so "backnd" finds "backend".
            # Shorter words than the typed one are not what was meant.
            heads = [
                w[: len(typed) + 1] if len(w) >= len(typed) else "" for w in self.vocab
            ]
            for _, score, i in process.extract(
                typed, heads, scorer=fuzz.ratio, limit=None, score_cutoff=FUZZY_CUTOFF
            ):
                out[self.vocab[i]] = max(out.get(self.vocab[i], 0.0), score)
        return out

    def _found(self, typed: str) -> dict[int, float]:
        """How well each role fits one typed word: its best name word or a skill."""
        found: dict[int, float] = {}
        for word, score in self.word_scores(typed).items():
            for index, weight in self.postings[word].items():
                found[index] = max(found.get(index, 0.0), score * weight)
        for index, skills in enumerate(self.skills):
            if typed in skills:
                found[index] = max(found.get(index, 0.0), SKILL_SCORE)
        return found

    def search(self, query: str) -> list[RoleSummary]:
        typed_words = _words(query)
        if not typed_words:
            return list(self.roles)
        # Every typed word must match; a role scores by its weakest word, then
        # by all its words, so two good words beat one good and one weak.
        weakest = self._found(typed_words[0])
        total = weakest
        for typed in typed_words[1:]:
            found = self._found(typed)
            weakest = {i: min(s, found[i]) for i, s in weakest.items() if i in found}
            total = {i: total[i] + found[i] for i in weakest}
        # An exact title, then an exact alias, then a title holding every typed
        # word: otherwise a role listing the title as an alias or its words as
        # skills ties with it and may win on the alphabet.
        exact = self.names.get(typed_words, {})
        wanted = set(typed_words)
        titles, roles = self.titles, self.roles
        ranked = sorted(
            (
                -(1 + exact[i] if i in exact else int(wanted <= titles[i])),
                -score,
                -total[i],
                roles[i].title,
                i,
            )
            for i, score in weakest.items()
        )
        return [roles[key[-1]] for key in ranked]

    def named_in(self, text: str) -> RoleSummary | None:
        """The role whose title or alias a text holds word for word, longest first."""
        words = _words(text)
        best: int | None = None
        best_fit = (0, 0)
        for start in range(len(words)):
            for end in range(start + 1, len(words) + 1):
                for index, rank in self.names.get(words[start:end], {}).items():
                    # A longer name is more specific; a title beats an alias.
                    if (end - start, rank) > best_fit:
                        best, best_fit = index, (end - start, rank)
        return None if best is None else self.roles[best]


def _index(catalog: Catalog) -> _SearchIndex:
    """The catalog's search index, rebuilt when roles were added or dropped."""
    if catalog._search is None or len(catalog._search.roles) != len(catalog):
        catalog._search = _SearchIndex.build(list(catalog))
    return catalog._search


def search(catalog: Catalog, query: str) -> list[RoleSummary]:
    """Roles matching a typed filter, best first, forgiving typos in names.

    A key skill matches only as typed: fuzzy matching inside long skill lists
    finds noise.
    """
    return _index(catalog).search(query)


def named_in(catalog: Catalog, text: str) -> RoleSummary | None:
    """The role a text such as a CV headline names by its title or an alias."""
    return _index(catalog).named_in(text)
