"""Which font files a CV's text needs, and registering just those with fpdf2."""

# Registering a font costs fpdf2 a parse and, at output, a subset: a Latin-only
# CV registers Noto Sans alone; every fallback is added only for glyphs it draws.

from __future__ import annotations

import importlib.util
import io
import weakref
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from freecv_tui.export import pdf_text

if TYPE_CHECKING:
    from fpdf import FPDF

MAIN = "notosans"
STYLES = ("", "B", "I", "BI")
_BOLD = {"wght": 700.0}


@dataclass(frozen=True)
class Face:
    """One font file for one style: the package that ships it, and an instance."""

    package: str
    path: str
    variations: tuple[tuple[str, float], ...] = ()

    def file(self) -> str | None:
        """Absolute path of the file, or None when its package is not installed."""
        if importlib.util.find_spec(self.package) is None:
            return None
        found = resources.files(self.package).joinpath(*self.path.split("/"))
        return str(found) if found.is_file() else None


@dataclass(frozen=True)
class Family:
    """A font family: its faces by style and the pip package that ships them."""

    key: str
    faces: dict[str, Face] = field(hash=False)
    dist: str

    @property
    def regular(self) -> Face:
        """The face whose character map stands for the family."""
        return self.faces[""]


def _static(
    package: str, folder: str, stem: str, styles: dict[str, str]
) -> dict[str, Face]:
    """Faces of a family shipped as one static file per style."""
    return {
        style: Face(package, f"{folder}/{stem}-{name}.ttf")
        for style, name in styles.items()
    }


def _variable(package: str, name: str) -> dict[str, Face]:
    """Regular and bold of a family shipped as one variable (weight) file."""
    return {
        "": Face(package, name),
        "B": Face(package, name, tuple(_BOLD.items())),
    }


_FOUR = {"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"}
_TWO = {"": "Regular", "B": "Bold"}
_RCV = "rendercv_fonts"
_RCV_DIST = "rendercv-fonts"
_MGX = "manimgx_fonts"
_MGX_DIST = "manimgx-fonts"

MAIN_FAMILY = Family(MAIN, _static(_RCV, "Noto Sans", "NotoSans", _FOUR), _RCV_DIST)
_SYMBOLS = Family(
    "sourcesans", _static(_RCV, "Source Sans 3", "SourceSans3", _FOUR), _RCV_DIST
)
_CJK = {
    lang: Family(
        f"cjk{lang.lower()}",
        _static(_RCV, "Noto Sans", f"NotoSans{lang}", _TWO),
        _RCV_DIST,
    )
    for lang in ("JP", "KR", "SC")
}
# Noto Sans Arabic maps every letter to its own glyphs (lam-alef included), so
# text extraction gets one character per glyph and keeps the logical order.
_ARABIC = Family("arabic", _variable(_MGX, "NotoSansArabic[wght].ttf"), _MGX_DIST)
_DEVANAGARI = Family("devanagari", _static(_RCV, "Mukta", "Mukta", _TWO), _RCV_DIST)
_SCRIPTS = (
    "Hebrew",
    "Armenian",
    "Georgian",
    "Ethiopic",
    "Bengali",
    "Gurmukhi",
    "Gujarati",
    "Oriya",
    "Tamil",
    "Telugu",
    "Kannada",
    "Malayalam",
    "Sinhala",
    "Thai",
    "Lao",
    "Khmer",
    "Myanmar",
)
_NOTO_SCRIPTS = tuple(
    Family(name.lower(), _variable(_MGX, f"NotoSans{name}[wght].ttf"), _MGX_DIST)
    for name in _SCRIPTS
)
_NOTO_SYMBOLS = Family(
    "symbols2", {"": Face(_MGX, "NotoSansSymbols[wght].ttf")}, _MGX_DIST
)
_EMOJI = Family("emoji", {"": Face(_MGX, "NotoEmoji[wght].ttf")}, _MGX_DIST)


@cache
def charset(face: Face) -> frozenset[int]:
    """Code points a font file maps, read once per process; empty if absent."""
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    path = face.file()
    if path is None:
        return frozenset()
    return frozenset(TTFont(path, lazy=True).getBestCmap())


def _cjk_languages(text: str) -> list[str]:
    """Noto CJK fonts to try, in order: JP for kana, KR for hangul, then SC.

    SC comes last even beside JP or KR: simplified Chinese forms such as 软 or 讯
    are missing from the Japanese and Korean fonts, and a CV can hold both.
    """
    langs = []
    if pdf_text.has(text, pdf_text.KANA):
        langs.append("JP")
    if pdf_text.has(text, pdf_text.HANGUL):
        langs.append("KR")
    return [*langs, "SC"]


def _candidates(text: str, missing: set[int]) -> list[Family]:
    """Fallback families in the order they are tried for a missing glyph."""
    out = [_SYMBOLS]
    if any(pdf_text.in_ranges(cp, pdf_text.CJK) for cp in missing):
        out += [_CJK[lang] for lang in _cjk_languages(text)]
    out += [_ARABIC, _DEVANAGARI, *_NOTO_SCRIPTS, _NOTO_SYMBOLS, _EMOJI]
    return out


def _joins_emoji(cp: int) -> bool:
    """A zero-width joiner, a regional indicator (flags) or a skin-tone modifier."""
    return cp == 0x200D or 0x1F1E6 <= cp <= 0x1F1FF or 0x1F3FB <= cp <= 0x1F3FF


@dataclass
class FontPlan:
    """The families one CV needs, what they cover, and whether to shape."""

    families: list[Family]
    covered: frozenset[int]
    shaping: bool
    notes: list[str]

    def covers(self, cp: int) -> bool:
        """True if a planned font draws this code point (in some style)."""
        return cp in self.covered

    def family_for(self, ch: str) -> str | None:
        """The planned fallback that draws a character, None for the main font."""
        cp = ord(ch)
        if cp in charset(MAIN_FAMILY.regular):
            return None
        for family in self.families[1:]:
            if cp in charset(family.regular):
                return family.key
        return None


@cache
def _shaper_installed() -> bool:
    """uharfbuzz is what fpdf2 shapes with; look it up once."""
    return importlib.util.find_spec("uharfbuzz") is not None


def plan(text: str) -> FontPlan:
    """Noto Sans, plus only the fallbacks that draw characters it lacks."""
    families = [MAIN_FAMILY]
    notes: list[str] = []
    covered = set(charset(MAIN_FAMILY.regular))
    if not covered:
        notes.append(
            f'the font package "{_RCV_DIST}" is missing; '
            'reinstall it with pip install "freecv-tui"'
        )
    missing = {ord(ch) for ch in set(text)} - covered - {10}
    if missing:
        for family in _candidates(text, missing):
            cmap = charset(family.regular)
            if not cmap and family.regular.file() is None:
                if missing - covered:
                    notes.append(
                        f'the font package "{family.dist}" is missing, so some '
                        f'scripts cannot print; pip install "{family.dist}"'
                    )
                continue
            if cmap & missing:
                families.append(family)
                covered |= cmap
                missing -= cmap
            if not missing:
                break
    if _EMOJI in families and any(_joins_emoji(ord(ch)) for ch in set(text)):
        notes.append(
            "joined emoji (flags, skin tones, people with objects) print as their "
            "separate parts: the emoji font has no colour or ligatures"
        )
    shaping = pdf_text.needs_shaping(text)
    if shaping and not _shaper_installed():
        shaping = False
        notes.append(
            "right-to-left and Indic text needs the uharfbuzz package to join "
            'its letters; pip install "uharfbuzz"'
        )
    return FontPlan(families, frozenset(covered), shaping, list(dict.fromkeys(notes)))


def _instance(face: Face, path: str) -> tuple[str, dict[str, float] | None]:
    """A static instance of a variable face, made once and kept in the cache.

    fpdf2 would instance the font on every export (about 0.3 s for Arabic
    bold); when the cache cannot be written, it still does.
    """
    from freecv_tui import store

    variations = dict(face.variations)
    source = Path(path)
    tag = "-".join(f"{axis}{value:g}" for axis, value in face.variations)
    stem = source.stem.replace("[", "-").replace("]", "")
    name = f"{stem}-{tag}-{source.stat().st_size}.ttf"
    target = store.cache_dir() / "fonts" / name
    if target.is_file():
        return str(target), None
    try:
        from fontTools.ttLib import TTFont
        from fontTools.varLib import instancer  # type: ignore[import-untyped]

        font = TTFont(path)
        instancer.instantiateVariableFont(font, variations, inplace=True, static=True)
        buffer = io.BytesIO()
        font.save(buffer)
        store.atomic_write(target, buffer.getvalue(), private=False)
    except Exception:  # a read-only or full cache, or an odd font: fpdf2 instances
        return path, variations
    return str(target), None


def register(
    pdf: FPDF, fonts: FontPlan, bold_text: str, main_styles: tuple[str, ...] = STYLES
) -> None:
    """Add the planned families to a document and switch on what they need.

    A fallback's bold face is added only when bold text needs it: a CJK face
    costs about 0.3 s to load and a variable one as much to instance. Of the
    main family only `main_styles` are added; `use_main_style` adds the rest
    when a page first asks for them.
    """
    bold = {ord(ch) for ch in bold_text}
    for family in fonts.families:
        needs_bold = family is MAIN_FAMILY or bool(charset(family.regular) & bold)
        for style, face in family.faces.items():
            if "B" in style and not needs_bold:
                continue
            if family is MAIN_FAMILY and style not in main_styles:
                continue
            path = face.file()
            if path is None:
                continue
            variations = None
            if face.variations:
                path, variations = _instance(face, path)
            _add(pdf, family.key, style, path, variations)
    if len(fonts.families) > 1:
        # Fallbacks have no italic (some no bold): any style may borrow upright.
        keys = [family.key for family in fonts.families[1:]]
        pdf.set_fallback_fonts([MAIN, *keys], exact_match=False)
    if fonts.shaping:
        pdf.set_text_shaping(True)


def use_main_style(pdf: FPDF, style: str) -> None:
    """Add a main-family style on first use: fpdf2 parses and embeds each one."""
    if f"{MAIN}{style}" in pdf.fonts:
        return
    face = MAIN_FAMILY.faces.get(style)
    path = face.file() if face else None
    if path is not None:
        _add(pdf, MAIN, style, path, None)


# fpdf2 drops these from every font it embeds, but fontTools 4.68 decompiles
# them first when subsetting (30-45 ms a font), and pulls their ligatures and
# alternates into the subset.
_DROPPED_AT_OUTPUT = ("GDEF", "GPOS", "GSUB")


def drop_layout_tables(pdf: FPDF) -> None:
    """Remove the layout tables fpdf2 would discard, once drawing is done."""
    for font in pdf.fonts.values():
        ttfont = getattr(font, "ttfont", None)
        if ttfont is None:
            continue
        for tag in _DROPPED_AT_OUTPUT:
            if tag in ttfont:
                del ttfont[tag]


# Faces parsed once per process for layouts that are measured and never output
# (the review's page count, its fit offers, roles check): fpdf2 parses a face
# in 15-30 ms and copies one in about 2. Output subsets a face in place, so a
# document that is written always parses its own.
_LAYOUT_ONLY: weakref.WeakSet[FPDF] = weakref.WeakSet()
_PARSED: dict[tuple[str, str, tuple[tuple[str, float], ...]], Any] = {}


def layout_only(pdf: FPDF) -> None:
    """Mark a document that is laid out but never output: it may share faces."""
    _LAYOUT_ONLY.add(pdf)


def _add(
    pdf: FPDF, family: str, style: str, path: str, variations: dict[str, float] | None
) -> None:
    """Add one face to a document, copying an earlier parse for layout-only ones."""
    if pdf not in _LAYOUT_ONLY:
        pdf.add_font(family, style, path, variations=variations)
        return
    from copy import copy

    from fpdf.fonts import SubsetMap

    fontkey = f"{family.lower()}{style}"
    key = (fontkey, path, tuple(sorted((variations or {}).items())))
    parsed = _PARSED.get(key)
    if parsed is None:
        pdf.add_font(family, style, path, variations=variations)
        face = pdf.fonts[fontkey]
        # A colour font draws through its document; those are parsed each time.
        if getattr(face, "color_font", None) is None:
            _PARSED[key] = face
        return
    # Metrics and the font file are read-only while laying out; what a layout
    # records (the glyphs used, the missing ones) starts afresh.
    face = copy(parsed)
    face.i = len(pdf.fonts) + 1
    face.subset = SubsetMap(face)
    face.missing_glyphs = []
    face.biggest_size_pt = 0
    pdf.fonts[fontkey] = face
