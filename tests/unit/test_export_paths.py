"""Where `export -o` writes: through links, keeping modes, never over odd files."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from freecv_tui import store
from freecv_tui.errors import ExportError
from tests.conftest import EXAMPLES, shared_file
from tests.conftest import run_cli as run


def _source() -> str:
    """The example CV every test exports, skipped when ../shared is absent."""
    return str(shared_file(EXAMPLES / "typical.json"))


def _no_temp_files(*folders: Path) -> None:
    """A finished or refused write leaves no hidden temp file (".name.*") behind."""
    for folder in folders:
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []


def test_force_writes_through_a_symlink_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    target = real / "cv.md"
    target.write_text("old\n")
    link = tmp_path / "link.md"
    link.symlink_to(Path("real") / "cv.md")
    out = run("export", _source(), "--format", "md", "-o", str(link), "-f")
    assert out.returncode == 0, out.stderr
    assert link.is_symlink() and link.readlink() == Path("real") / "cv.md"
    assert target.read_text().startswith("# Yara Haddad")
    _no_temp_files(tmp_path, real)


def test_overwrite_keeps_the_files_mode(tmp_path: Path) -> None:
    shared = tmp_path / "cv.md"
    shared.write_text("old\n")
    shared.chmod(0o644)
    out = run("export", _source(), "--format", "md", "-o", str(shared), "-f")
    assert out.returncode == 0, out.stderr
    assert shared.read_text().startswith("# Yara Haddad")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o644
    fresh = tmp_path / "new.md"
    assert run("export", _source(), "-o", str(fresh)).returncode == 0
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "cv.pdf"
    os.mkfifo(fifo)
    out = run("export", _source(), "-o", str(fifo), "-f")
    assert out.returncode == 2
    err = out.stderr.decode()
    assert f"{fifo} is not a regular file; choose a file name" in err
    assert "Traceback" not in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    _no_temp_files(tmp_path)


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("resume.md", "# Yara Haddad"),
        ("cv.html", "<!DOCTYPE html>"),
        ("cv.HTM", "<!DOCTYPE html>"),
        ("cv.pdf", "%PDF-"),
        ("notes.txt", "%PDF-"),
    ],
)
def test_the_format_follows_the_extension(
    tmp_path: Path, name: str, starts: str
) -> None:
    out = run("export", _source(), "-o", str(tmp_path / name))
    assert out.returncode == 0, out.stderr
    assert (tmp_path / name).read_bytes().startswith(starts.encode())


def test_a_json_name_without_format_is_cv_json(tmp_path: Path) -> None:
    target = tmp_path / "resume.json"
    out = run("export", _source(), "-o", str(target))
    assert out.returncode == 0, out.stderr
    data = json.loads(target.read_text())
    assert data["$schema"].startswith("https://freecv.org/")
    assert "--format jsonresume" in out.stderr.decode()
    again = run("export", _source(), "--format", "jsonresume", "-o", str(target), "-f")
    assert again.returncode == 0, again.stderr
    assert "jsonresume" in json.loads(target.read_text())["$schema"]


def test_a_format_that_contradicts_the_extension_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "cv.pdf"
    out = run("export", _source(), "--format", "html", "-o", str(target))
    assert out.returncode == 2
    assert out.stderr.decode() == (
        f"freecv-tui: {target}: --format html writes HTML; "
        "name it .html or drop --format\n"
    )
    assert not target.exists()
    md = run("export", _source(), "--format", "json", "-o", str(tmp_path / "a.md"))
    assert md.returncode == 2 and "name it .json" in md.stderr.decode()
    txt = run("export", _source(), "--format", "md", "-o", str(tmp_path / "a.txt"))
    assert txt.returncode == 0, txt.stderr
    assert (tmp_path / "a.txt").read_text().startswith("# Yara Haddad")


def test_a_trailing_slash_makes_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "newdir"
    out = run("export", _source(), "--format", "md", "-o", f"{folder}/")
    assert out.returncode == 0, out.stderr
    assert folder.is_dir()
    assert [p.name for p in folder.iterdir()] == ["Yara-Haddad-CV.md"]


def test_several_formats_make_a_missing_folder(tmp_path: Path) -> None:
    folder = tmp_path / "out" / "cv"
    out = run("export", _source(), "--format", "md,json", "-o", str(folder))
    assert out.returncode == 0, out.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["Yara-Haddad-CV.md", "cv.json"]
    named = run(
        "export", _source(), "--format", "md,json", "-o", str(tmp_path / "x.pdf")
    )
    assert named.returncode == 2 and "end it with /" in named.stderr.decode()
    assert not (tmp_path / "x.pdf").exists()


def test_several_formats_into_a_file_say_it_is_a_file(tmp_path: Path) -> None:
    taken = tmp_path / "zoe.json"
    taken.write_text("{}")
    out = run("export", _source(), "--format", "md,json", "-o", str(taken))
    assert out.returncode == 2
    assert f"{taken} is a file; several formats need a folder" in out.stderr.decode()
    assert taken.read_text() == "{}"


def test_a_file_used_as_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "zoe.json").write_text("{}")
    out = run("export", _source(), "-o", "zoe.json/x.pdf", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.decode() == (
        "freecv-tui: zoe.json is a file, not a folder; "
        "choose another folder for x.pdf\n"
    )
    assert (tmp_path / "zoe.json").read_text() == "{}"


def test_the_writer_keeps_links_modes_and_odd_files_for_every_caller(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "draft.json"
    link.symlink_to(real)
    assert store.atomic_write(link, b"new") == link
    assert link.is_symlink() and real.read_text() == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    fresh = store.atomic_write(tmp_path / "a" / "b.json", b"{}")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    with pytest.raises(ExportError, match="is a folder"):
        store.atomic_write(tmp_path / "a", b"x")
    with pytest.raises(ExportError, match=r"b\.json is a file, not a folder"):
        store.atomic_write(tmp_path / "a" / "b.json" / "c" / "d.json", b"x")
    _no_temp_files(tmp_path, tmp_path / "a")
