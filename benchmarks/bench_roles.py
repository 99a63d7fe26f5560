"""Time the role catalog: index load and a filter keystroke, shipped and 1,000 roles."""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

from freecv_tui.roles import builtin_files, load_catalog, search

QUERIES = ["b", "ba", "bac", "back", "backe", "backen", "backend", "nurse", "acount"]


def _ms(func, runs: int = 20) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def generated_library(folder: Path, count: int) -> None:
    """Write count role files made from the shipped ones under new ids."""
    texts = [text for _, text in builtin_files()]
    for index in range(count):
        text = texts[index % len(texts)]
        first = text.index('id = "')
        end = text.index('"', first + 6)
        role_id = f"generated-role-{index}"
        body = text[:first] + f'id = "{role_id}"' + text[end + 1 :]
        body = body.replace('title = "', f'title = "No. {index} ', 1)
        (folder / f"{role_id}.toml").write_text(body, encoding="utf-8")


async def _ui_keystrokes(runs: int = 5) -> list[float]:
    """Time the role screen's filter handler (search, list rebuild) in a live app."""
    from freecv_tui.app import FreeCVApp
    from freecv_tui.screens.role import RoleScreen

    app = FreeCVApp()
    out = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RoleScreen)
        for query in QUERIES:
            times = []
            for _ in range(runs):
                # The handler's own work; drawing happens on the next refresh.
                start = time.perf_counter()
                screen._fill(query)
                times.append(time.perf_counter() - start)
                await pilot.pause()
            out.append(statistics.median(times) * 1000)
    return out


def measure(label: str) -> None:
    """Index load (cold, then cached) and filter keystrokes, as medians."""
    start = time.perf_counter()
    catalog = load_catalog()
    cold = (time.perf_counter() - start) * 1000
    cached = _ms(load_catalog, runs=5)
    search(catalog, "")  # builds the search index once, as the first frame does
    keystrokes = [_ms(lambda q=q: search(catalog, q)) for q in QUERIES]
    ui = asyncio.run(_ui_keystrokes())
    print(
        f"{label:<16} roles {len(catalog):>5}  index cold {cold:7.1f} ms  "
        f"cached {cached:6.1f} ms  search {statistics.median(keystrokes):5.2f} ms  "
        f"filter handler {statistics.median(ui):5.1f} ms (worst {max(ui):.1f})"
    )


def main() -> None:
    """Shipped library, then 1,000 generated user roles."""
    with tempfile.TemporaryDirectory() as home:
        os.environ["FREECV_TUI_HOME"] = home
        measure("shipped library")
        roles = Path(home) / "roles"
        roles.mkdir()
        generated_library(roles, 1000 - len(builtin_files()))
        measure("1,000 roles")


if __name__ == "__main__":
    main()
