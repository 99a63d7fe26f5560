"""How a user on another machine fetches files from here (over SSH)."""

from __future__ import annotations

import getpass
import os
import shlex
import socket
from pathlib import Path


def ssh_session() -> bool:
    """Whether this process runs inside an SSH login."""
    return bool(os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"))


def host_name() -> str:
    """The name a user types after ssh: user@host, from what this host knows."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = ""
    host = socket.gethostname() or "host"
    return f"{user}@{host}" if user else host


def fetch_commands(paths: list[Path]) -> list[str]:
    """Commands to run on your own computer to copy these files from here."""
    target = host_name()
    out = [f"scp {shlex.quote(f'{target}:{p.resolve()}')} ." for p in paths]
    out.append(f"ssh {target} freecv-tui export -o - > cv.pdf")
    out.append(f"ssh {target} freecv-tui export --format json -o - > cv.json")
    return out
