"""Pydantic models of cv.json v1.2.1, with loading and saving that lose nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.alias_generators import to_camel

from freecv_tui import __version__, dates
from freecv_tui.errors import CVFileError, Problem

SCHEMA_URL = "https://freecv.org/schema/cv/v1.json"
SCHEMA_VERSION = "1.2.1"
GENERATOR = f"freecv-tui {__version__}"


def _lenient(info: ValidationInfo) -> bool:
    """Drafts keep what was typed, even half-finished; only exports are strict."""
    return bool(info.context and info.context.get("draft"))


def _check_date(value: str, info: ValidationInfo) -> str:
    if _lenient(info):
        return value
    dates.parse(value)
    return value.strip()


def _check_url(value: str, info: ValidationInfo) -> str:
    if _lenient(info):
        return value
    value = value.strip()
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.scheme in {"mailto", "urn"}):
        raise ValueError(f'"{value}" is not a full web address; start it with https://')
    if any(ch.isspace() for ch in value):
        raise ValueError(f'"{value}" contains a space; remove it')
    return value


def _check_email(value: str, info: ValidationInfo) -> str:
    from email_validator import EmailNotValidError, validate_email

    if _lenient(info):
        return value
    value = value.strip()
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f'"{value}" is not an email address: {exc}') from None
    return value


Date = Annotated[str, AfterValidator(_check_date)]
Url = Annotated[str, AfterValidator(_check_url)]
Email = Annotated[str, AfterValidator(_check_email)]


class FieldError(ValueError):
    """A cross-field error that belongs to one named field of its entry."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Model(BaseModel):
    """Base of every section: camelCase keys, unknown keys kept as they came."""

    model_config = ConfigDict(
        extra="allow",
        alias_generator=to_camel,
        populate_by_name=True,
        validate_assignment=False,
    )

    @model_validator(mode="after")
    def _required_text_filled(self, info: ValidationInfo) -> Model:
        if _lenient(info):
            return self
        for name, spec in type(self).model_fields.items():
            value = getattr(self, name, None)
            if spec.is_required() and isinstance(value, str) and not value.strip():
                raise FieldError(spec.alias or name, "is empty; fill it in")
        return self


class Dated(Model):
    """An entry with a start, an end or 'current', checked for sense."""

    start_date: Date | None = None
    end_date: Date | None = None
    current: bool | None = None

    @model_validator(mode="after")
    def _dates_make_sense(self, info: ValidationInfo) -> Dated:
        if _lenient(info):
            return self
        if self.current and self.end_date:
            raise FieldError(
                "endDate",
                'an entry with "current": true has no endDate; remove one of them',
            )
        if self.start_date and self.end_date:
            start = dates.parse(self.start_date)
            end = dates.parse(self.end_date)
            if end.last_day < start.first_day:
                raise FieldError(
                    "endDate",
                    f"{self.end_date} is before the start date "
                    f"{self.start_date}; swap or correct them",
                )
        return self

    def date_range(self) -> str:
        """The dates as the PDF prints them, with an en dash."""
        return dates.display_range(self.start_date, self.end_date, self.current)


class Profile(Model):
    """A social or professional profile."""

    network: str
    username: str | None = None
    url: Url


class Basics(Model):
    """Name and contact details."""

    name: str = ""
    label: str | None = None
    email: Email | None = None
    phone: str | None = None
    image: Url | None = None
    summary: str | None = None
    location: str | None = None
    url: Url | None = None
    profiles: list[Profile] = Field(default_factory=list)

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str, info: ValidationInfo) -> str:
        if not value.strip() and not _lenient(info):
            raise ValueError("the name is empty; type your full name")
        return value


class Work(Dated):
    """One job."""

    company: str
    position: str
    location: str | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Education(Dated):
    """One course of study."""

    institution: str
    degree: str
    field: str | None = None
    score: str | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Language(Model):
    """A spoken language."""

    language: str
    fluency: str | None = None


class Project(Dated):
    """A notable project."""

    name: str
    description: str | None = None
    role: str | None = None
    url: Url | None = None
    keywords: list[str] = Field(default_factory=list)
    highlights: list[str] = Field(default_factory=list)


class Certificate(Model):
    """A professional certificate."""

    name: str
    issuer: str | None = None
    date: Date | None = None
    url: Url | None = None


class Publication(Model):
    """A published work."""

    name: str
    publisher: str | None = None
    release_date: Date | None = None
    url: Url | None = None
    summary: str | None = None


class Award(Model):
    """An award or honour."""

    title: str
    date: Date | None = None
    awarder: str | None = None
    summary: str | None = None


class Volunteer(Dated):
    """Volunteer work."""

    organization: str
    position: str | None = None
    url: Url | None = None
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Reference(Model):
    """A referee."""

    name: str
    title: str | None = None
    company: str | None = None
    relationship: str | None = None
    email: Email | None = None
    phone: str | None = None


class Availability(Model):
    """Machine-readable 'open to work'."""

    status: Literal["actively-looking", "open", "not-looking"] | None = None
    roles: list[str] = Field(default_factory=list)
    locations: list[str] = Field(default_factory=list)
    work_type: list[Literal["remote", "hybrid", "onsite"]] = Field(default_factory=list)
    employment_type: list[
        Literal[
            "full-time",
            "part-time",
            "contract",
            "freelance",
            "internship",
            "temporary",
            "seasonal",
        ]
    ] = Field(default_factory=list)
    start_date: Date | None = None
    sponsorship: bool | None = None


class Ats(Model):
    """Hints for applicant tracking systems."""

    keywords: list[str] = Field(default_factory=list)
    years_of_experience: int | None = Field(default=None, ge=0)
    highest_education: str | None = None
    seniority: (
        Literal["entry", "junior", "mid", "senior", "lead", "executive"] | None
    ) = None


class I18n(Model):
    """Language metadata."""

    primary: str | None = Field(default=None, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    available: dict[str, Url] = Field(default_factory=dict)


class Verification(Model):
    """Trust signals."""

    email: bool | None = None
    platform: str | None = None


class Meta(Model):
    """Schema version, canonical address and tooling."""

    version: str = SCHEMA_VERSION
    canonical: str = ""
    last_modified: str = ""
    generator: str | None = None


class CV(Model):
    """A whole cv.json document."""

    schema_: str | None = Field(default=SCHEMA_URL, alias="$schema")
    basics: Basics
    work: list[Work] = Field(default_factory=list)
    education: list[Education] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    certificates: list[Certificate] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    interests: list[str] = Field(default_factory=list)
    volunteer: list[Volunteer] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    references_mode: Literal["show", "on-request", "hide"] | None = None
    availability: Availability | None = None
    ats: Ats | None = None
    # to_camel would spell it i18N.
    i18n: I18n | None = Field(default=None, alias="i18n")
    verification: Verification | None = None
    meta: Meta = Field(default_factory=Meta)

    @field_validator("skills")
    @classmethod
    def _skills_unique(cls, value: list[str], info: ValidationInfo) -> list[str]:
        if _lenient(info):
            return value
        seen: set[str] = set()
        for skill in value:
            if skill in seen:
                raise ValueError(f'"{skill}" is listed twice; keep it once')
            seen.add(skill)
        return value


def empty_cv() -> CV:
    """A blank CV for a wizard started from scratch."""
    return CV(basics=Basics())


# ---------------------------------------------------------------- conversion


# Keys in the order the standard lists them, so files read naturally.
_ENTRY_ORDER = {
    "work": ("company", "position", "location", "startDate", "endDate", "current"),
    "education": ("institution", "degree", "field", "startDate", "endDate", "current"),
    "projects": ("name", "description", "role", "url", "startDate", "endDate"),
    "volunteer": ("organization", "position", "url", "startDate", "endDate"),
}


def _ordered(entry: dict[str, Any], first: tuple[str, ...]) -> dict[str, Any]:
    out = {k: entry[k] for k in first if k in entry}
    out.update((k, v) for k, v in entry.items() if k not in out)
    return out


def to_dict(cv: CV) -> dict[str, Any]:
    """The cv.json dict: camelCase, empty values left out, unknown keys kept."""
    data = cv.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
    for section, first in _ENTRY_ORDER.items():
        if section in data:
            data[section] = [_ordered(e, first) for e in data[section]]
    data["$schema"] = cv.schema_ or SCHEMA_URL
    data.setdefault("basics", {})["name"] = cv.basics.name
    meta = cv.meta.model_dump(by_alias=True, exclude_none=True)
    data["meta"] = meta
    ordered = {"$schema": data.pop("$schema"), "basics": data.pop("basics")}
    ordered.update(data)
    ordered["meta"] = ordered.pop("meta")
    return ordered


def _now() -> dt.datetime:
    """Now, or SOURCE_DATE_EPOCH when set, so exports can be reproduced byte-exact."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)


def stamp(cv: CV, when: dt.datetime | None = None) -> CV:
    """Fill in meta for writing: version, generator, lastModified, canonical."""
    when = when or _now()
    meta = cv.meta.model_copy()
    meta.version = SCHEMA_VERSION
    meta.generator = GENERATOR
    meta.last_modified = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    if cv.basics.url:
        meta.canonical = cv.basics.url
    elif not meta.canonical:
        meta.canonical = f"urn:uuid:{uuid.uuid4()}"
    return cv.model_copy(update={"meta": meta})


def dumps(cv: CV) -> str:
    """Serialise a stamped CV as pretty UTF-8 JSON without a BOM."""
    return json.dumps(to_dict(cv), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- loading


def json_path(loc: tuple[int | str, ...]) -> str:
    """Turn a pydantic location into a JSON path such as work[0].endDate."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.startswith(("function-", "constrained-", "json-or")):
            continue
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


_FIXES = {
    "missing": "it is required; add it",
    "string_type": "it must be text in quotes",
    "bool_type": "it must be true or false",
    "list_type": "it must be a list in [ ]",
    "model_type": "it must be an object in { }",
    "dict_type": "it must be an object in { }",
    "int_type": "it must be a whole number",
    "literal_error": "",
    "string_too_short": "it is empty; fill it in",
}


def problems_from(exc: ValidationError) -> list[Problem]:
    """Map pydantic errors to one plain sentence each, naming the JSON path."""
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p not in {"Date", "Url", "Email"})
        path = json_path(loc)
        kind = err["type"]
        if kind == "value_error":
            error = err.get("ctx", {}).get("error", err["msg"])
            text = str(error)
            if isinstance(error, FieldError):
                path = json_path((*loc, error.field))
        elif kind == "literal_error":
            text = err["msg"].replace("Input should be", "use one of")
        elif kind in _FIXES:
            text = _FIXES[kind]
        else:
            text = err["msg"]
        out.append(Problem(path=path, message=text))
    return out


def from_data(data: Any, source: str = "cv.json", *, draft: bool = False) -> CV:
    """Validate parsed JSON into a CV or raise CVFileError listing every problem.

    With draft=True only the shape is checked, so a half-typed CV still loads.
    """
    if not isinstance(data, dict):
        raise CVFileError(
            source,
            [Problem("(top level)", "the file must hold one JSON object in { }")],
        )
    try:
        return CV.model_validate(data, context={"draft": draft})
    except ValidationError as exc:
        raise CVFileError(source, problems_from(exc)) from None


def loads(text: str, source: str = "cv.json", *, draft: bool = False) -> CV:
    """Parse cv.json text; a syntax error names its line and column."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise CVFileError(
            source,
            [Problem("(file)", "is empty; export a CV into it or choose another")],
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CVFileError(
            source,
            [
                Problem(
                    f"line {exc.lineno}, column {exc.colno}",
                    f"not valid JSON ({exc.msg}); fix the syntax there",
                )
            ],
        ) from None
    return from_data(data, source, draft=draft)


def read_bytes(path: Path) -> bytes:
    """A CV file's bytes; an unreadable file is a CVFileError naming it."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CVFileError(
            str(path), [Problem("(file)", f"cannot be read: {exc.strerror}")]
        ) from None


def read_text(path: Path) -> str:
    """A CV file's text: UTF-8 with or without a BOM, errors naming the file."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CVFileError(
            str(path),
            [
                Problem(
                    "(file)",
                    f"is not UTF-8 text (byte {exc.start}); re-save it as UTF-8",
                )
            ],
        ) from None


def load(path: Path, *, draft: bool = False) -> CV:
    """Read a cv.json file (a BOM is fine) into a CV."""
    return loads(read_text(path), str(path), draft=draft)


def problems(cv: CV) -> list[Problem]:
    """Everything that stops this CV from being a valid cv.json, in field order."""
    try:
        CV.model_validate(to_dict(cv))
    except ValidationError as exc:
        return problems_from(exc)
    return []
