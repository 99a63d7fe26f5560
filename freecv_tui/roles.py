"""Role guidance: the Role model and the catalog of built-in and user role files."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from freecv_tui.errors import Problem, RoleFileError

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

    def matches(self, query: str) -> bool:
        """Whether a filter query matches the title, an alias, the id or family."""
        words = query.lower().split()
        hay = " ".join([self.id, self.title, self.family, *self.aliases]).lower()
        return all(w in hay for w in words)


@dataclass
class Catalog:
    """The loaded roles by id, with the problems met while loading."""

    roles: dict[str, Role] = field(default_factory=dict)
    problems: list[RoleFileError] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Role]:
        return iter(sorted(self.roles.values(), key=lambda r: (r.family, r.title)))

    def __len__(self) -> int:
        return len(self.roles)

    def get(self, role_id: str | None) -> Role | None:
        """The role with that id, or None."""
        return self.roles.get(role_id or "")

    def by_family(self) -> dict[str, list[Role]]:
        """Roles grouped by family, both sorted by name."""
        out: dict[str, list[Role]] = {}
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
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RoleFileError(
            str(path), [Problem("(file)", f"cannot be read: {exc}")]
        ) from None
    role = parse_role(text, str(path))
    if role.id != path.stem:
        raise RoleFileError(
            str(path),
            [Problem("id", f'"{role.id}" differs from the file name; rename one')],
        )
    return role


def builtin_dir() -> str:
    """Where the built-in role files are (for `roles paths`)."""
    return str(resources.files("freecv_tui.data.roles"))


def builtin_files() -> list[tuple[str, str]]:
    """(name, text) of the role files shipped in the package, sorted by name."""
    root = resources.files("freecv_tui.data.roles")
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            out.append((entry.name, entry.read_text(encoding="utf-8-sig")))
    return out


def user_role_dirs(extra: Iterable[Path] = ()) -> list[Path]:
    """Folders read after the built-ins: the user data dir, then --roles-dir."""
    from freecv_tui import store

    dirs = [store.roles_dir()]
    env = os.environ.get("FREECV_TUI_ROLES")
    if env:
        dirs.append(Path(env))
    dirs.extend(extra)
    return dirs


def load_catalog(extra_dirs: Iterable[Path] = ()) -> Catalog:
    """Load built-in roles, then user roles (which replace same-id built-ins)."""
    catalog = Catalog()
    for name, text in builtin_files():
        source = f"built-in roles/{name}"
        try:
            role = parse_role(text, source)
        except RoleFileError as exc:
            catalog.problems.append(exc)
            continue
        catalog.roles[role.id] = role
        catalog.sources[role.id] = source
    for folder in user_role_dirs(extra_dirs):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                role = load_file(path)
            except RoleFileError as exc:
                catalog.problems.append(exc)
                continue
            catalog.roles[role.id] = role
            catalog.sources[role.id] = str(path)
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
        for s in role.salary:
            if s.median is not None:
                figure = f"median {s.median:,}"
            else:
                figure = f"{s.low:,}-{s.high:,}"
            lines.append(
                f"  {s.country}: {figure} {s.currency} per {s.period} "
                f"({s.source}, {s.year})"
            )
    if role.related:
        lines += ["", f"Related roles: {', '.join(role.related)}"]
    return "\n".join(lines)
