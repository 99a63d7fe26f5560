"""Where user files live, and writes that are atomic and owner-only."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from freecv_tui import cv as cvmod
from freecv_tui.errors import ExportError

HOME_ENV = "FREECV_TUI_HOME"


def data_dir() -> Path:
    """The user data folder (FREECV_TUI_HOME overrides platformdirs' choice)."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("freecv-tui", appauthor=False)


def cache_dir() -> Path:
    """Rebuildable files, such as the role index."""
    override = os.environ.get(HOME_ENV)
    if override:
        return Path(override).expanduser() / "cache"
    from platformdirs import user_cache_path

    return user_cache_path("freecv-tui", appauthor=False)


def drafts_dir() -> Path:
    """Where the current draft and its session state are kept."""
    return data_dir() / "drafts"


def roles_dir() -> Path:
    """Where user role files are read from."""
    return data_dir() / "roles"


def draft_path() -> Path:
    """The autosaved draft CV."""
    return drafts_dir() / "cv.json"


def session_path() -> Path:
    """The wizard state that goes with the draft (role, step, source file)."""
    return drafts_dir() / "session.json"


def atomic_write(path: Path, data: bytes, *, private: bool = True) -> Path:
    """Write bytes to a temp file beside path, fsync, then rename over it.

    A crash leaves either the old file or the new one, never a partial one.
    """
    path = path.expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(0o600 if private else 0o644)
        Path(tmp).replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise ExportError(f"cannot write {path}: {exc.strerror}") from None
    return path


@dataclass
class Session:
    """Wizard state kept beside the draft."""

    role: str | None = None
    step: str = "role"
    source: str | None = None


def save_draft(cv: cvmod.CV, session: Session) -> None:
    """Autosave the CV as typed, and the wizard state, both atomically."""
    data = cvmod.to_dict(cv)
    atomic_write(draft_path(), json.dumps(data, ensure_ascii=False, indent=2).encode())
    atomic_write(session_path(), json.dumps(asdict(session)).encode())


def load_session() -> Session:
    """The saved wizard state, or a fresh one when there is none or it is unreadable."""
    try:
        raw: Any = json.loads(session_path().read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return Session()
    if not isinstance(raw, dict):
        return Session()
    known = {k: v for k, v in raw.items() if k in {"role", "step", "source"}}
    return Session(**known)


def load_draft() -> cvmod.CV | None:
    """The autosaved draft as typed, None when there is none.

    Raises CVFileError when the draft exists but cannot be read, so the caller
    can say so instead of silently starting over.
    """
    path = draft_path()
    if not path.exists():
        return None
    return cvmod.load(path, draft=True)


def claim_draft() -> int | None:
    """Mark the draft as open by this process; the pid of another live owner, if any.

    Two windows on one draft would overwrite each other's typing, so the second
    one is told. A lock left by a killed process is taken over.
    """
    lock = drafts_dir() / "open.pid"
    try:
        other = int(lock.read_text().strip())
    except (OSError, ValueError):
        other = None
    if other and other != os.getpid():
        try:
            os.kill(other, 0)
        except ProcessLookupError:
            other = None
        except PermissionError:
            pass
        else:
            return other
    with contextlib.suppress(ExportError):
        atomic_write(lock, str(os.getpid()).encode())
    return None


def release_draft() -> None:
    """Drop this process's mark on the draft."""
    lock = drafts_dir() / "open.pid"
    try:
        if int(lock.read_text().strip()) == os.getpid():
            lock.unlink()
    except (OSError, ValueError):
        pass


BACKUPS_KEPT = 10
"""How many replaced drafts are kept in drafts/backups."""


def backups_dir() -> Path:
    """Where replaced drafts are kept, newest named last."""
    return drafts_dir() / "backups"


def discard_draft() -> Path | None:
    """Move the draft aside to a dated backup (the last ten are kept); its path."""
    import datetime as dt
    import shutil

    draft = draft_path()
    if not draft.exists():
        return None
    folder = backups_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"cv-{stamp}.json"
    shutil.copy2(draft, target)
    session = session_path()
    if session.exists():
        shutil.copy2(session, folder / f"session-{stamp}.json")
    draft.unlink()
    for old in sorted(folder.glob("cv-*.json"))[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
        (folder / old.name.replace("cv-", "session-", 1)).unlink(missing_ok=True)
    return target
