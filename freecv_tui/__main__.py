"""Allow `python -m freecv_tui`."""

from freecv_tui.cli import run

run()
