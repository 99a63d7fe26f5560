"""Export over a real SSH connection to a private sshd on loopback: byte-exact."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, shared_file

pytestmark = pytest.mark.e2e
SSHD = shutil.which("sshd") or (
    "/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None
)
EPOCH = "1764000000"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _app() -> str:
    candidate = Path(sys.executable).parent / "freecv-tui"
    return str(candidate) if candidate.exists() else f"{sys.executable} -m freecv_tui"


REPO = Path(__file__).resolve().parents[2]


@contextmanager
def sshd(tmp_path: Path, extra: str = "", probe: str = "true") -> Iterator[list[str]]:
    """An sshd on 127.0.0.1 that lets this user in with a fresh key; yields ssh argv."""
    if (
        SSHD is None
        or shutil.which("ssh") is None
        or shutil.which("ssh-keygen") is None
    ):
        pytest.skip("OpenSSH (sshd, ssh, ssh-keygen) is not installed")
    keys = tmp_path / "keys"
    keys.mkdir(mode=0o700)
    for name in ("host", "user"):
        subprocess.run(
            ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(keys / name)],
            check=True,
        )
    (keys / "authorized_keys").write_text((keys / "user.pub").read_text())
    port = _free_port()
    config = tmp_path / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {keys / 'host'}\n"
        f"AuthorizedKeysFile {keys / 'authorized_keys'}\nPidFile {tmp_path / 'pid'}\n"
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\n"
        "PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\n"
        "AcceptEnv LANG LC_* COLORTERM\n" + extra
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # privilege separation dir sshd expects
    server = subprocess.Popen(
        [SSHD, "-D", "-e", "-f", str(config)],
        stderr=subprocess.PIPE,
    )
    argv = [
        "ssh",
        "-T",
        "-p",
        str(port),
        "-i",
        str(keys / "user"),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        f"{os.environ.get('USER', 'root')}@127.0.0.1",
    ]
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            ready = subprocess.run([*argv, probe], capture_output=True, timeout=10)
            if ready.returncode == 0:
                break
            if server.poll() is not None:
                error = server.stderr.read().decode() if server.stderr else ""
                pytest.skip(f"sshd could not start here: {error.strip()[:300]}")
            time.sleep(0.2)
        else:
            pytest.fail("sshd did not accept the key within 10 s")
        yield argv
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def ssh(tmp_path: Path) -> Iterator[list[str]]:
    """A plain loopback sshd for this test."""
    with sshd(tmp_path) as argv:
        yield argv


def _remote(home: Path, *args: str) -> str:
    env = f"env SOURCE_DATE_EPOCH={EPOCH} FREECV_TUI_HOME={home}"
    return " ".join([env, _app(), *args])


def test_export_over_ssh_is_byte_identical(
    ssh: list[str], tmp_path: Path, private_home: Path
) -> None:
    source = shared_file(EXAMPLES / "typical.json")
    for fmt in ("pdf", "json"):
        remote = subprocess.run(
            [
                *ssh,
                _remote(
                    private_home, "export", str(source), "--format", fmt, "-o", "-"
                ),
            ],
            capture_output=True,
            timeout=60,
        )
        assert remote.returncode == 0, remote.stderr.decode()
        local = subprocess.run(
            [
                sys.executable,
                "-m",
                "freecv_tui",
                "export",
                str(source),
                "--format",
                fmt,
                "-o",
                "-",
            ],
            capture_output=True,
            timeout=60,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
        )
        assert local.returncode == 0, local.stderr.decode()
        assert remote.stdout == local.stdout
        assert len(remote.stdout) > 1000


def test_import_over_ssh_then_export_the_draft(
    ssh: list[str], private_home: Path
) -> None:
    source = shared_file(EXAMPLES / "typical.json").read_bytes()
    imported = subprocess.run(
        [*ssh, _remote(private_home, "import")],
        input=source,
        capture_output=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr.decode()
    exported = subprocess.run(
        [*ssh, _remote(private_home, "export", "--format", "json", "-o", "-")],
        capture_output=True,
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr.decode()
    assert b'"name": "Yara Haddad"' in exported.stdout


def test_wizard_without_a_tty_over_ssh_refuses_with_a_hint(
    ssh: list[str], private_home: Path
) -> None:
    out = subprocess.run([*ssh, _remote(private_home)], capture_output=True, timeout=60)
    assert out.returncode == 2
    assert b"ssh -t" in out.stderr


def _session_config(root: Path) -> str:
    """The deploy recipe's ForceCommand, pointed at this checkout and a temp root."""
    wrapper = REPO / "deploy" / "freecv-session"
    env = f"FREECV_TUI_BIN={_app().split()[0]} FREECV_ROOT={root}"
    if " -m " in _app():
        pytest.skip("the recipe wraps an installed freecv-tui executable")
    return f"ForceCommand env {env} SOURCE_DATE_EPOCH={EPOCH} {wrapper}\n"


def test_hosting_recipe_allows_only_freecv_commands(tmp_path: Path) -> None:
    """The ForceCommand wrapper behind a real sshd runs export, refuses the rest."""
    root = tmp_path / "srv"
    user = subprocess.run(
        ["id", "-un"], capture_output=True, text=True, check=True
    ).stdout.strip()
    (root / user / "cv").mkdir(parents=True)
    with sshd(tmp_path, _session_config(root), "freecv-tui --version") as argv:
        source = shared_file(EXAMPLES / "typical.json")
        ok = subprocess.run(
            [*argv, f"freecv-tui export {source} -o -"],
            capture_output=True,
            timeout=60,
        )
        assert ok.returncode == 0, ok.stderr.decode()
        assert ok.stdout.startswith(b"%PDF-")
        for bad in ("cat /etc/passwd", "freecv-tui export; id", "bash -i"):
            refused = subprocess.run([*argv, bad], capture_output=True, timeout=60)
            assert refused.returncode == 1, bad
            assert b"freecv-session" in refused.stderr
        paths = subprocess.run(
            [*argv, "freecv-tui paths"], capture_output=True, timeout=60
        )
        assert str(root / user / "cv") in paths.stdout.decode()


def test_hosting_config_is_valid_sshd_syntax(tmp_path: Path) -> None:
    """sshd itself accepts the recipe's drop-in, as shipped."""
    if SSHD is None:
        pytest.skip("sshd is not installed")
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(tmp_path / "k")],
        check=True,
    )
    config = tmp_path / "sshd_config"
    recipe = (REPO / "deploy" / "sshd_freecv.conf").read_text()
    config.write_text(f"HostKey {tmp_path / 'k'}\nUsePAM no\n{recipe}")
    Path("/run/sshd").mkdir(exist_ok=True)
    out = subprocess.run([SSHD, "-t", "-f", str(config)], capture_output=True)
    assert out.returncode == 0, out.stderr.decode()
