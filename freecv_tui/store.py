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
from freecv_tui.errors import ExportError, FreeCVError
from freecv_tui.export.pdf_templates import TEMPLATES, FitOptions, Spacing

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
    """Write bytes to a temp file beside the real file, fsync, then rename over it.

    A crash leaves either the old file or the new one, never a partial one. A
    symlink is written through, and a replaced file keeps its mode and owner.
    """
    path = path.expanduser()
    target, old = _write_target(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as exc:
        raise ExportError(_cannot_write(path, exc)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        _take_over_mode(Path(tmp), old, private=private)
        Path(tmp).replace(target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise ExportError(_cannot_write(path, exc)) from None
    return path


def write_target(path: Path) -> Path:
    """The regular file a write to path lands in, so callers can refuse before work."""
    return _write_target(path.expanduser())[0]


def _write_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """Follow symlinks to the real file; refuse what a rename would destroy."""
    import stat

    _refuse_non_folder_parent(path)
    target = Path(os.path.realpath(path))
    if target != path:
        _refuse_non_folder_parent(target)
    try:
        info = target.stat()
    except FileNotFoundError:
        return target, None
    except OSError as exc:
        raise ExportError(_cannot_write(path, exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(f"{path} is a folder; choose a file name inside it")
    if not stat.S_ISREG(info.st_mode):
        # Renaming over a FIFO or device node would replace the node itself.
        raise ExportError(f"{path} is not a regular file; choose a file name")
    return target, info


def _refuse_non_folder_parent(path: Path) -> None:
    """Name the file standing where a folder must be; mkdir only says File exists."""
    import stat

    for parent in reversed(path.parents):
        try:
            info = parent.stat()
        except FileNotFoundError:
            if parent.is_symlink():
                raise ExportError(
                    f"{parent} is a link to nothing; fix it or choose another folder"
                ) from None
            return  # the rest is missing too, and mkdir creates it
        except OSError:
            return  # the write itself says what is wrong, such as no permission
        if not stat.S_ISDIR(info.st_mode):
            is_file = stat.S_ISREG(info.st_mode)
            kind = "a file, not a folder" if is_file else "not a folder"
            raise ExportError(
                f"{parent} is {kind}; choose another folder for {path.name}"
            )


def _take_over_mode(tmp: Path, old: os.stat_result | None, *, private: bool) -> None:
    """Give a replaced file's mode and owner to the new one, so sharing survives."""
    if old is None:
        tmp.chmod(0o600 if private else 0o644)
        return
    if hasattr(os, "chown"):
        with contextlib.suppress(OSError):
            os.chown(tmp, old.st_uid, old.st_gid)
    tmp.chmod(old.st_mode & 0o777)


def _cannot_write(path: Path, exc: OSError) -> str:
    """Name the file that failed and, for the usual causes, the way out."""
    import errno

    fixes = {
        errno.EACCES: "choose a folder you can write to",
        errno.EPERM: "choose a folder you can write to",
        errno.EROFS: "choose a folder on a writable disk",
        errno.ENOSPC: "free some space or choose another disk",
        errno.ELOOP: "fix the symlink loop or choose another name",
    }
    message = f"cannot write {path}: {exc.strerror or exc}"
    fix = fixes.get(exc.errno or 0)
    return f"{message}; {fix}" if fix else message


@dataclass
class Session:
    """Wizard state kept beside the draft."""

    role: str | None = None
    step: str = "role"
    source: str | None = None
    # The PDF's look as last chosen at review; exports of the draft follow it.
    template: str = "classic"
    paper: str = ""
    """"A4" or "Letter"; empty means the locale's default."""
    spacing: str = "normal"
    hide_after: int | None = None
    """Bullets of jobs that ended more than this many years ago are left out."""
    folder: str = ""
    """The review step's export folder; empty means the current one."""

    def fit_options(self) -> FitOptions:
        """The one-key fits chosen at review, as the renderer takes them."""
        spacing: Spacing = "tight" if self.spacing == "tight" else "normal"
        return FitOptions(spacing=spacing, hide_bullets_after_years=self.hide_after)


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
    # A hand-edited value of the wrong type would crash the wizard later: drop it.
    known = {
        key: value
        for key, value in raw.items()
        if key in _SESSION_TYPES and _SESSION_TYPES[key](value)
    }
    return Session(**known)


def _text(value: object) -> bool:
    return isinstance(value, str)


def _optional_text(value: object) -> bool:
    return value is None or isinstance(value, str)


def _optional_years(value: object) -> bool:
    return value is None or (type(value) is int and 0 <= value <= 80)


_SESSION_TYPES = {
    "role": _optional_text,
    "step": _text,
    "source": _optional_text,
    "template": lambda value: value in TEMPLATES,
    "paper": lambda value: value in ("", "A4", "Letter"),
    "spacing": lambda value: value in ("normal", "tight"),
    "hide_after": _optional_years,
    "folder": _text,
}
"""What each session.json key may hold; anything else is dropped on load."""


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
    import shutil

    draft = draft_path()
    if not draft.exists():
        return None
    folder = backups_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = _backup_stamp()
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


def _backup_stamp() -> str:
    """A sortable time for backup names, fine enough that two never collide."""
    import datetime as dt

    return dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def set_aside_draft() -> Path | None:
    """Move an unreadable draft into the backups whole, so a fresh one can start."""
    draft = draft_path()
    if not draft.exists() and not draft.is_symlink():
        return None
    folder = backups_dir()
    # A rename keeps every byte even of a file we may not read, and the name is
    # not cv-*.json, so pruning the replaced drafts never deletes it.
    target = folder / f"cv.broken-{_backup_stamp()}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        draft.rename(target)
    except OSError as exc:
        if not draft.exists() and not draft.is_symlink():
            return None
        raise FreeCVError(
            f"It could not be moved to {folder} ({exc.strerror}), so it is "
            "left as it is and nothing you type is saved until you fix or "
            f"remove {draft}."
        ) from None
    return target
