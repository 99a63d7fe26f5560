"""Key-press helpers for driving the wizard the way a person types."""

from __future__ import annotations

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot


async def type_text(pilot: Pilot[int], text: str) -> None:
    """Type text as key events sent in one burst, like a fast typist.

    Pilot.press waits for idle after every key (about 60 ms each here); the
    events and their route through the driver are the same either way.
    """
    driver = pilot.app._driver
    assert driver is not None
    for ch in text:
        key = {" ": "space", "\n": "enter"}.get(ch, ch if ch.isalnum() else None)
        if key is None:
            key = _character_to_key(ch)
        event = events.Key(key, "\n" if ch == "\n" else ch)
        event.set_sender(pilot.app)
        driver.send_message(event)
    await pilot.pause()


async def fill(pilot: Pilot[int], *values: str) -> None:
    """Type each value into successive fields, pressing Tab on its own between."""
    for index, value in enumerate(values):
        if index:
            # A Tab in the same read as the next keys sends them to the old field.
            await pilot.press("tab")
            await pilot.pause()
        await type_text(pilot, value)
    await pilot.pause()


async def next_step(pilot: Pilot[int]) -> None:
    """Press ctrl+n and let the new screen settle."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.pause()
