"""The PDF templates as data: sizes, spacing and colours, plus the fit options."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Literal

Colour = tuple[int, int, int]
PT = 25.4 / 72
"""One typographic point in millimetres."""


@dataclass(frozen=True)
class Template:
    """Everything that differs between templates; the drawing code is shared."""

    name: str
    margin_x: float
    margin_top: float
    margin_bottom: float
    name_pt: float
    headline_pt: float
    contact_pt: float
    heading_pt: float
    title_pt: float
    body_pt: float
    small_pt: float
    leading: float
    ink: Colour
    muted: Colour
    accent: Colour
    name_colour: Colour
    heading_colour: Colour
    rule_colour: Colour
    rule_width: float
    heading_upper: bool
    heading_tracking: float
    section_gap: float
    entry_gap: float
    heading_after: float
    bullet: str
    bullet_gap: float
    bullet_colour: Colour
    hang: float
    company_on_title: bool
    header_rule: float
    subtitle_style: str
    """Style of the company line: '' upright or 'I' italic."""

    def line(self, size: float | None = None) -> float:
        """Height of one line of text at a size (body size by default), in mm."""
        return (size or self.body_pt) * PT * self.leading


CLASSIC = Template(
    name="classic",
    margin_x=22.0,
    margin_top=20.0,
    margin_bottom=18.0,
    name_pt=22.0,
    headline_pt=12.0,
    contact_pt=9.5,
    heading_pt=10.5,
    title_pt=10.5,
    body_pt=10.0,
    small_pt=9.5,
    leading=1.32,
    ink=(30, 30, 30),
    muted=(88, 88, 88),
    accent=(27, 55, 95),
    name_colour=(20, 20, 20),
    heading_colour=(20, 20, 20),
    rule_colour=(150, 150, 150),
    rule_width=0.3,
    heading_upper=True,
    heading_tracking=0.9,
    section_gap=5.5,
    entry_gap=3.0,
    heading_after=2.6,
    bullet="•",
    bullet_gap=0.7,
    bullet_colour=(88, 88, 88),
    hang=5.0,
    company_on_title=False,
    header_rule=0.0,
    subtitle_style="I",
)

MODERN = Template(
    name="modern",
    margin_x=19.0,
    margin_top=17.0,
    margin_bottom=16.0,
    name_pt=25.0,
    headline_pt=12.5,
    contact_pt=9.0,
    heading_pt=12.0,
    title_pt=10.5,
    body_pt=9.8,
    small_pt=9.2,
    leading=1.34,
    ink=(33, 37, 41),
    muted=(98, 106, 115),
    accent=(0, 109, 119),
    name_colour=(0, 109, 119),
    heading_colour=(0, 109, 119),
    rule_colour=(0, 109, 119),
    rule_width=0.6,
    heading_upper=False,
    heading_tracking=0.0,
    section_gap=6.0,
    entry_gap=3.2,
    heading_after=2.8,
    bullet="•",
    bullet_gap=0.8,
    bullet_colour=(0, 109, 119),
    hang=4.6,
    company_on_title=False,
    header_rule=1.2,
    subtitle_style="",
)

COMPACT = Template(
    name="compact",
    margin_x=15.0,
    margin_top=13.0,
    margin_bottom=12.0,
    name_pt=17.0,
    headline_pt=10.5,
    contact_pt=8.5,
    heading_pt=9.5,
    title_pt=9.3,
    body_pt=9.0,
    small_pt=8.6,
    leading=1.24,
    ink=(25, 25, 25),
    muted=(85, 85, 85),
    accent=(40, 62, 105),
    name_colour=(20, 20, 20),
    heading_colour=(40, 62, 105),
    rule_colour=(160, 160, 160),
    rule_width=0.25,
    heading_upper=True,
    heading_tracking=0.6,
    section_gap=3.4,
    entry_gap=1.8,
    heading_after=1.6,
    bullet="•",
    bullet_gap=0.35,
    bullet_colour=(85, 85, 85),
    hang=3.8,
    company_on_title=True,
    header_rule=0.0,
    subtitle_style="",
)

BY_NAME = {t.name: t for t in (CLASSIC, MODERN, COMPACT)}
TEMPLATES = tuple(BY_NAME)
"""Template names in the order the review step offers them."""

Spacing = Literal["normal", "tight"]


@dataclass(frozen=True)
class FitOptions:
    """One-key ways to fit a page less, all off by default."""

    spacing: Spacing = "normal"
    """'tight' shrinks the gaps between sections, entries and lines."""
    hide_bullets_after_years: int | None = None
    """Leave out the bullets of jobs that ended more than this many years ago."""
    keep_recent_jobs: int = 2
    """The most recent jobs keep their bullets whatever their age."""


def template(name: str) -> Template:
    """A template by name, case-insensitive; ValueError lists the choices."""
    try:
        return BY_NAME[name.strip().lower()]
    except (KeyError, AttributeError):
        raise ValueError(
            f'unknown template "{name}"; use one of {", ".join(TEMPLATES)}'
        ) from None


def fitted(base: Template, options: FitOptions) -> Template:
    """The template with the spacing option applied."""
    if options.spacing == "normal":
        return base
    if options.spacing != "tight":
        raise ValueError(f'unknown spacing "{options.spacing}"; use normal or tight')
    return replace(
        base,
        leading=max(1.16, base.leading - 0.08),
        section_gap=base.section_gap * 0.6,
        entry_gap=base.entry_gap * 0.55,
        bullet_gap=base.bullet_gap * 0.4,
        heading_after=base.heading_after * 0.7,
        margin_top=base.margin_top * 0.85,
        margin_bottom=base.margin_bottom * 0.85,
    )


_PAPERS = {"a4": "A4", "letter": "Letter"}
_LETTER_TERRITORIES = frozenset({"US", "CA"})


def paper(name: str) -> str:
    """fpdf2's name for a paper size; A4 or Letter in any case, else ValueError."""
    try:
        return _PAPERS[name.strip().lower()]
    except (KeyError, AttributeError):
        raise ValueError(f'unknown paper size "{name}"; use "A4" or "Letter"') from None


def default_paper(environ: dict[str, str] | None = None) -> str:
    """Letter where the locale is in the US or Canada, else A4.

    The paper locale is read the way POSIX resolves it: LC_ALL, then
    LC_PAPER, then LANG (e.g. "en_US.UTF-8", "fr_CA").
    """
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_PAPER", "LANG"):
        value = env.get(var, "").strip()
        if not value:
            continue
        locale = value.split(".")[0].split("@")[0]
        territory = locale.split("_")[1] if "_" in locale else ""
        return "Letter" if territory.upper() in _LETTER_TERRITORIES else "A4"
    return "A4"
