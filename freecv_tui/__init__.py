"""freecv-tui: build a recruiter-ready CV in the terminal."""

__version__ = "0.1.0"
