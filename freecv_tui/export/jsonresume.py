"""JSON Resume (schema v1.0.0) to and from cv.json, keeping what does not map."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from freecv_tui import cv as cvmod
from freecv_tui import dates
from freecv_tui.cv import CV
from freecv_tui.errors import CVFileError, Problem

SCHEMA_URL = (
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
)
# Where JSON Resume data with no cv.json field waits for the way back.
EXT = "x-jsonresume"

# Per section, JSON Resume key -> cv.json key, in JSON Resume's order, for
# fields that change at most their name.
_FIELDS: dict[str, dict[str, str]] = {
    "work": {
        "name": "company",
        "location": "location",
        "position": "position",
        "startDate": "startDate",
        "endDate": "endDate",
        "summary": "summary",
        "highlights": "highlights",
    },
    "volunteer": {
        "organization": "organization",
        "position": "position",
        "url": "url",
        "startDate": "startDate",
        "endDate": "endDate",
        "summary": "summary",
        "highlights": "highlights",
    },
    "education": {
        "institution": "institution",
        "area": "field",
        "studyType": "degree",
        "startDate": "startDate",
        "endDate": "endDate",
        "score": "score",
        "courses": "highlights",
    },
    "awards": {
        "title": "title",
        "date": "date",
        "awarder": "awarder",
        "summary": "summary",
    },
    "certificates": {"name": "name", "date": "date", "issuer": "issuer", "url": "url"},
    "publications": {
        "name": "name",
        "publisher": "publisher",
        "releaseDate": "releaseDate",
        "url": "url",
        "summary": "summary",
    },
    "languages": {"language": "language", "fluency": "fluency"},
    "references": {"name": "name"},
    "projects": {
        "name": "name",
        "description": "description",
        "highlights": "highlights",
        "keywords": "keywords",
        "startDate": "startDate",
        "endDate": "endDate",
        "url": "url",
    },
}
# cv.json requires these; JSON Resume requires nothing.
_REQUIRED = {
    "work": ("company", "position"),
    "volunteer": ("organization",),
    "education": ("institution", "degree"),
    "awards": ("title",),
    "certificates": ("name",),
    "publications": ("name",),
    "languages": ("language",),
    "references": ("name",),
    "projects": ("name",),
}
_DATED = frozenset({"work", "volunteer", "education", "projects"})
# cv.json fields handled by hand rather than through _FIELDS.
_SPECIAL = {
    "projects": ("role",),
    "references": ("title", "company", "relationship", "email", "phone"),
}
_BASICS = ("name", "label", "image", "email", "phone", "url", "summary")
_PROFILE = {"network": "network", "username": "username", "url": "url"}
_CV_ONLY = ("availability", "ats", "i18n", "verification")
_CV_VERSION = re.compile(r"^\d+\.\d+(\.\d+)?$")


def _empty(value: Any) -> bool:
    """True for values that carry nothing: None, '', [] and {}."""
    return value is None or value == "" or value == [] or value == {}


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    """The objects of a list, skipping anything else."""
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, dict))


def _plural(keys: list[str]) -> str:
    """'url has' or 'url, description have', for notes."""
    return ", ".join(keys) + (" has" if len(keys) == 1 else " have")


def _note_kept(notes: list[str], path: str, kept: dict[str, Any]) -> None:
    """Say which JSON Resume fields wait in x-jsonresume."""
    keys = [k for k, v in kept.items() if not _empty(v) and k != "endDate"]
    if keys:
        notes.append(f"{path}: {_plural(keys)} no cv.json field; kept in {path}.{EXT}")


# ---------------------------------------------------------------- location


def _location_text(location: dict[str, Any]) -> str:
    """JSON Resume's location object as the one line cv.json prints."""
    parts = [
        location.get(key, "").strip()
        for key in ("city", "region", "countryCode")
        if isinstance(location.get(key), str)
    ]
    text = ", ".join(part for part in parts if part)
    address = location.get("address")
    if not text and isinstance(address, str):
        text = ", ".join(line.strip() for line in address.splitlines() if line.strip())
    return text


def _location_object(text: str) -> dict[str, str]:
    """A one-line place as JSON Resume's object: city, then the rest as region."""
    city, _, region = (part.strip() for part in text.partition(","))
    out = {"city": city} if city else {}
    if region:
        out["region"] = region
    return out or {"address": text}


# ---------------------------------------------------------------- lists of names


def _flatten(items: Any, *, keywords: bool) -> list[str]:
    """Names (and, for skills, keywords) of JSON Resume objects, once each."""
    flat: list[str] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, str):
            flat.append(item)
            continue
        if not isinstance(item, dict):
            continue
        name = item.get("name")
        if isinstance(name, str) and name.strip():
            flat.append(name)
        words = item.get("keywords")
        if keywords and isinstance(words, list):
            flat.extend(w for w in words if isinstance(w, str) and w.strip())
    return list(dict.fromkeys(flat))


def _rebuild(names: list[str], kept: Any, *, keywords: bool) -> list[Any]:
    """JSON Resume objects for cv.json names, reusing kept objects that still fit."""
    # With keywords=True (skills) a kept object's keywords are names too: those
    # the user removed are dropped, and the object stays while any is left.
    present = set(names)
    covered: set[str] = set()
    out: list[Any] = []
    for item in kept if isinstance(kept, list) else []:
        if isinstance(item, str):
            if item in present:
                out.append(item)
                covered.add(item)
            continue
        if not isinstance(item, dict):
            continue
        name = item.get("name")
        words = item.get("keywords") if keywords else None
        live = (
            [w for w in words if isinstance(w, str) and w in present]
            if isinstance(words, list)
            else []
        )
        named = name if isinstance(name, str) and name in present else ""
        if named or live:
            if isinstance(words, list) and len(live) != len(words):
                item = {**item, "keywords": live}
            out.append(item)
            covered.update(live)
            if named:
                covered.add(named)
    out.extend({"name": name} for name in names if name not in covered)
    return out


# ---------------------------------------------------------------- JSON Resume -> cv


def _entry_from(section: str, index: int, src: Any, notes: list[str]) -> Any:
    """One JSON Resume entry as a cv.json entry, the rest kept in x-jsonresume."""
    if not isinstance(src, dict):
        return src
    path = f"{section}[{index}]"
    fields = _FIELDS[section]
    out: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    for key, value in src.items():
        if key in fields and not _empty(value):
            out[fields[key]] = value
        else:
            kept[key] = value
    roles = kept.get("roles")
    if section == "projects" and isinstance(roles, list):
        names = [r for r in roles if isinstance(r, str) and r.strip()]
        if names:
            out["role"] = ", ".join(names)
            if roles == [out["role"]]:
                del kept["roles"]
            elif len(names) > 1:
                notes.append(
                    f'{path}: roles joined into role "{out["role"]}"; '
                    f"the list is kept in {path}.{EXT}"
                )
    if section in _DATED:
        end = out.get("endDate")
        if isinstance(end, str) and dates.is_now_word(end):
            kept["endDate"] = out.pop("endDate")
            out["current"] = True
        elif "endDate" not in out and out.get("startDate"):
            # JSON Resume marks an ongoing entry by leaving the end date out.
            out["current"] = True
    for key in _REQUIRED[section]:
        if key not in out:
            out[key] = ""
            source = next((jr for jr, mine in fields.items() if mine == key), key)
            notes.append(f"{path}: no {source}; fill in {key} before exporting")
    _note_kept(notes, path, {k: v for k, v in kept.items() if k != "roles"})
    if kept:
        out[EXT] = kept
    return out


def _profile_from(index: int, src: Any, notes: list[str]) -> Any:
    """One social profile; cv.json needs its network and url."""
    if not isinstance(src, dict):
        return src
    path = f"basics.profiles[{index}]"
    out: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    for key, value in src.items():
        if key in _PROFILE and not _empty(value):
            out[key] = value
        else:
            kept[key] = value
    for key in ("network", "url"):
        if key not in out:
            out[key] = ""
            notes.append(f"{path}: no {key}; cv.json needs one, fill it in")
    _note_kept(notes, path, kept)
    if kept:
        out[EXT] = kept
    return out


def _basics_from(src: Any, notes: list[str]) -> Any:
    """Basics: the location object becomes one line, the rest maps by name."""
    if src is None:
        src = {}
    if not isinstance(src, dict):
        return src
    out: dict[str, Any] = {}
    kept: dict[str, Any] = {}
    for key, value in src.items():
        if key in _BASICS and not _empty(value):
            out[key] = value
        elif key == "location" and isinstance(value, dict):
            text = _location_text(value)
            if text:
                out["location"] = text
            if not text or _location_object(text) != value:
                kept["location"] = value
            hidden = [
                k
                for k, v in value.items()
                if k not in ("city", "region", "countryCode") and not _empty(v)
            ]
            if hidden and text:
                notes.append(
                    f"basics.location: {_plural(hidden)} no place in cv.json's "
                    f"one-line location; kept in basics.{EXT}"
                )
        elif key == "location" and isinstance(value, str) and value:
            out["location"] = value
            kept["location"] = value
        elif key == "profiles" and isinstance(value, list):
            out["profiles"] = [_profile_from(i, p, notes) for i, p in enumerate(value)]
        else:
            kept[key] = value
            if not _empty(value):
                notes.append(f"basics.{key}: no cv.json field; kept in basics.{EXT}")
    if "name" not in out:
        out["name"] = ""
        notes.append("basics.name: no name; fill it in before exporting")
    if kept:
        out[EXT] = kept
    return out


def _names_from(
    section: str, value: Any, kept_top: dict[str, Any], notes: list[str]
) -> Any:
    """Skills or interests as cv.json's flat list; the objects kept if it loses any."""
    if not isinstance(value, list):
        return value
    flat = _flatten(value, keywords=section == "skills")
    if _rebuild(flat, None, keywords=False) != value:
        kept_top[section] = value
        for i, item in enumerate(_dicts(value)):
            name = item.get("name", "")
            if section == "skills" and not _empty(item.get("level")):
                notes.append(
                    f'skills[{i}] ({name}): level "{item["level"]}" has no place '
                    f"in cv.json's flat skill list; kept in {EXT}.skills"
                )
            if section == "interests" and not _empty(item.get("keywords")):
                notes.append(
                    f"interests[{i}] ({name}): keywords have no place in cv.json; "
                    f"kept in {EXT}.interests"
                )
    return flat


def from_jsonresume(data: Any, source: str = "resume.json") -> tuple[CV, list[str]]:
    """A draft CV from JSON Resume, and notes on what moved where, for import."""
    # Fields without a cv.json counterpart go under "x-jsonresume" (per entry or
    # at the top), so to_jsonresume can write them back. Only the shape is
    # checked: cv.problems() lists what must be fixed before an export.
    if not isinstance(data, dict):
        raise CVFileError(
            source,
            [Problem("(top level)", "the file must hold one JSON object in { }")],
        )
    data = copy.deepcopy(data)
    notes: list[str] = []
    out: dict[str, Any] = {"$schema": cvmod.SCHEMA_URL}
    kept: dict[str, Any] = {}
    out["basics"] = _basics_from(data.get("basics"), notes)
    for key, value in data.items():
        if key == "basics":
            continue
        if key in _FIELDS:
            if isinstance(value, list):
                value = [_entry_from(key, i, e, notes) for i, e in enumerate(value)]
            out[key] = value
        elif key in ("skills", "interests"):
            out[key] = _names_from(key, value, kept, notes)
        elif key == "$schema":
            if value != SCHEMA_URL:
                kept[key] = value
        elif key == "meta":
            kept[key] = value
        else:
            kept[key] = value
            if not _empty(value):
                notes.append(f"{key}: not a cv.json section; kept in {EXT}.{key}")
    if any(True for _ in _dicts(out.get("references"))):
        # JSON Resume lists the references it holds; cv.json hides them by default.
        out["referencesMode"] = "show"
    if kept:
        out[EXT] = kept
    return cvmod.from_data(out, source, draft=True), notes


# ---------------------------------------------------------------- cv -> JSON Resume


def _kept(entry: dict[str, Any]) -> dict[str, Any]:
    """A copy of the entry's x-jsonresume data, or an empty dict."""
    value = entry.get(EXT)
    return dict(value) if isinstance(value, dict) else {}


def _note_unmapped(
    notes: list[str], path: str, entry: dict[str, Any], known: set[str]
) -> None:
    """Name the cv.json fields of an entry that JSON Resume cannot hold."""
    left = [k for k, v in entry.items() if k not in known and not _empty(v)]
    if left:
        notes.append(f"{path}: {_plural(left)} no JSON Resume field; left out")


def _reference_text(entry: dict[str, Any]) -> str:
    """A referee's details as one line, for JSON Resume's single reference text."""
    role = ", ".join(
        str(entry[k]) for k in ("title", "company") if not _empty(entry.get(k))
    )
    parts = [entry.get("relationship"), role, entry.get("email"), entry.get("phone")]
    return " · ".join(str(p) for p in parts if not _empty(p))


def _entry_to(
    section: str, index: int, entry: dict[str, Any], notes: list[str]
) -> dict[str, Any]:
    """One cv.json entry in JSON Resume's shape, kept fields put back."""
    path = f"{section}[{index}]"
    kept = _kept(entry)
    out: dict[str, Any] = {}
    for jr_key, cv_key in _FIELDS[section].items():
        if not _empty(entry.get(cv_key)):
            out[jr_key] = entry[cv_key]
    if section == "projects":
        role, roles = entry.get("role"), kept.pop("roles", None)
        if not _empty(role):
            same = isinstance(roles, list) and ", ".join(map(str, roles)) == role
            out["roles"] = roles if same else [role]
        elif roles is not None:
            out["roles"] = roles
    if section == "references":
        text = kept.pop("reference", None)
        composed = _reference_text(entry)
        if _empty(text) and composed:
            notes.append(
                f"{path}: title, company and contact details have no JSON Resume "
                "field; written into reference"
            )
            text = composed
        elif composed:
            notes.append(
                f"{path}: title, company and contact details have no JSON Resume "
                "field; left out"
            )
        if text is not None:
            out["reference"] = text
    open_ended = _empty(entry.get("endDate")) and "endDate" not in kept
    started = bool(entry.get("startDate")) and not entry.get("current")
    if section in _DATED and open_ended and started:
        notes.append(
            f"{path}: no end date and not marked current; JSON Resume "
            "readers will show it as ongoing"
        )
    for key, value in kept.items():
        out.setdefault(key, value)
    known = {*_FIELDS[section].values(), *_SPECIAL.get(section, ()), "current", EXT}
    _note_unmapped(notes, path, entry, known)
    return out


def _basics_to(basics: dict[str, Any], notes: list[str]) -> dict[str, Any]:
    """Basics with the one-line location as JSON Resume's object."""
    kept = _kept(basics)
    out = {key: basics[key] for key in _BASICS if not _empty(basics.get(key))}
    location = basics.get("location")
    was = kept.pop("location", None)
    if not _empty(location):
        same = was if isinstance(was, str) else None
        if isinstance(was, dict):
            same = _location_text(was)
        if same == location:
            out["location"] = was
        else:
            out["location"] = _location_object(str(location))
    elif isinstance(was, dict) and not _location_text(was):
        out["location"] = was
    profiles = []
    for i, profile in enumerate(_dicts(basics.get("profiles"))):
        item = {k: profile[k] for k in _PROFILE if not _empty(profile.get(k))}
        for key, value in _kept(profile).items():
            item.setdefault(key, value)
        known = {*_PROFILE, EXT}
        _note_unmapped(notes, f"basics.profiles[{i}]", profile, known)
        profiles.append(item)
    if profiles:
        out["profiles"] = profiles
    for key, value in kept.items():
        out.setdefault(key, value)
    known = {*_BASICS, "location", "profiles", EXT}
    _note_unmapped(notes, "basics", basics, known)
    return out


def to_jsonresume(cv: CV) -> tuple[dict[str, Any], list[str]]:
    """The CV as a JSON Resume document, with a note for each field left out."""
    data = copy.deepcopy(cvmod.to_dict(cv))
    kept = _kept(data)
    notes: list[str] = []
    out: dict[str, Any] = {"$schema": kept.pop("$schema", SCHEMA_URL)}
    out["basics"] = _basics_to(data.get("basics", {}), notes)
    mode = data.get("referencesMode") or "hide"
    for section in _FIELDS:
        entries = list(_dicts(data.get(section)))
        if section == "references" and entries and mode != "show":
            notes.append(
                f'references: referencesMode is "{mode}", so they were left out '
                "rather than published"
            )
            continue
        if entries:
            out[section] = [
                _entry_to(section, i, e, notes) for i, e in enumerate(entries)
            ]
    for section in ("skills", "interests"):
        names = [n for n in data.get(section, []) if isinstance(n, str)]
        was = kept.pop(section, None)
        if names or was is not None:
            out[section] = _rebuild(names, was, keywords=section == "skills")
    meta = kept.pop("meta", None)
    meta = dict(meta) if isinstance(meta, dict) else {}
    last = data.get("meta", {}).get("lastModified")
    if last:
        meta["lastModified"] = last
    if meta:
        out["meta"] = meta
    for key, value in kept.items():
        out.setdefault(key, value)
    known = {"$schema", "basics", "skills", "interests", "meta", "referencesMode", EXT}
    for key, value in data.items():
        if _empty(value) or key in known or key in _FIELDS:
            continue
        # cv.to_dict spells i18n "i18N" (pydantic's camel case); both mean it.
        if key.lower() in _CV_ONLY:
            notes.append(f"{key.lower()}: JSON Resume has no field for it; left out")
        else:
            notes.append(f"{key}: not part of JSON Resume; left out")
    return out, notes


# ---------------------------------------------------------------- detection


def looks_like_jsonresume(data: Any) -> bool:
    """Guess whether parsed JSON is a JSON Resume document rather than cv.json."""
    if not isinstance(data, dict):
        return False
    schema = data.get("$schema")
    if isinstance(schema, str):
        lowered = schema.lower()
        if "jsonresume" in lowered or "resume-schema" in lowered:
            return True
        if "freecv" in lowered:
            return False
    resume = cv = 0
    basics = data.get("basics")
    if isinstance(basics, dict):
        location = basics.get("location")
        if isinstance(location, dict):
            resume += 2
        elif isinstance(location, str):
            cv += 1
    for entry in _dicts(data.get("work")):
        resume += 2 if "name" in entry and "company" not in entry else 0
        resume += 1 if "url" in entry or "description" in entry else 0
        cv += 1 if "company" in entry else 0
        cv += 1 if "current" in entry else 0
    for entry in _dicts(data.get("education")):
        resume += 2 if {"area", "studyType", "courses"} & entry.keys() else 0
        cv += 2 if {"degree", "field"} & entry.keys() else 0
    for section, weight in (("skills", 2), ("interests", 1)):
        items = data.get(section)
        if isinstance(items, list) and items:
            if all(isinstance(item, dict) for item in items):
                resume += weight
            elif all(isinstance(item, str) for item in items):
                cv += weight
    resume += sum(1 for e in _dicts(data.get("references")) if "reference" in e)
    for entry in _dicts(data.get("projects")):
        resume += 1 if {"roles", "entity", "type"} & entry.keys() else 0
        cv += 1 if "role" in entry else 0
    cv_keys = {*_CV_ONLY, "i18N", "referencesMode", "x-customSections"}
    cv += 2 * len(cv_keys & data.keys())
    meta = data.get("meta")
    if not isinstance(meta, dict):
        # cv.json requires meta and JSON Resume may leave it out, but a bare
        # {"basics": {"name": ...}} is the start of either: it stays cv.json.
        resume += 1 if isinstance(basics, dict) and resume else 0
    elif meta.get("canonical") and meta.get("lastModified"):
        version = meta.get("version")
        cv += 2 if isinstance(version, str) and _CV_VERSION.match(version) else 1
    elif "canonical" not in meta:
        resume += 1
    return resume > cv
