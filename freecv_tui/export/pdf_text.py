"""Text rules of the PDF export: normalising, scripts, direction and line breaks."""

# Pure functions only: no fpdf2 here, so the self-check can reuse them cheaply.

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable

Ranges = tuple[tuple[int, int], ...]

KANA: Ranges = ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F))
HANGUL: Ranges = (
    (0x1100, 0x11FF),
    (0x3130, 0x318F),
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),
)
HAN: Ranges = (
    (0x2E80, 0x2FDF),
    (0x3000, 0x303F),
    (0x3100, 0x312F),
    (0x3190, 0x33FF),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFF65),
    (0xFFA0, 0xFFEF),
    (0x20000, 0x3FFFF),
)
CJK = KANA + HANGUL + HAN
# Chinese and Japanese put no spaces between words: a line may break at any ideograph.
NO_SPACES = KANA + HAN
# Scripts whose letters join, reorder or stack, so they only read right once shaped.
SHAPED: Ranges = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan
    (0x0900, 0x0DFF),  # Devanagari to Sinhala
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x1CD0, 0x1CFF),  # Vedic extensions
    (0xA8E0, 0xA8FF),  # Devanagari extended
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFC),
)
# Emoji sequences (flags, skin tones, ZWJ families, keycaps) need shaping to combine.
_EMOJI_GLUE = frozenset("\u200d\ufe0f\u20e3") | {
    chr(c) for c in range(0x1F3FB, 0x1F400)
}
_FLAGS = (0x1F1E6, 0x1F1FF)
# Invisible glue of emoji sequences; meaningless once the emoji is gone.
JOINERS = frozenset("\u200d\ufe0e\ufe0f\u20e3")

# Japanese and Chinese punctuation that may not start a line, and that may not end one.
_NO_START = frozenset(
    "、。，．・：；？！ー」』）］｝〕〉》】〙〗ゝゞ々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
    ",.:;!?)]}%\u2019\u201d"
)
_NO_END = frozenset("「『（［｛〔〈《【〘〖([{\u2018\u201c")
# Where a long address or identifier breaks most naturally: after these.
_SOFT_BREAKS = frozenset("/-._@?&=#:,;|+~\\")
_VIRAMAS = frozenset("\u094d\u09cd\u0a4d\u0acd\u0b4d\u0bcd\u0c4d\u0ccd\u0d4d\u0dca")

_SPACES = re.compile(r" {2,}")
_BLANK_LINES = re.compile(r"\n{3,}")


def in_ranges(cp: int, ranges: Ranges) -> bool:
    """True if the code point falls in one of the ranges."""
    return any(lo <= cp <= hi for lo, hi in ranges)


def has(text: str, ranges: Ranges) -> bool:
    """True if any character of the text falls in the ranges."""
    return any(in_ranges(ord(ch), ranges) for ch in text)


def normalise(value: str, *, oneline: bool) -> str:
    """NFC, '\\n' line ends, single spaces, at most one blank line in a row."""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    for sep in ("\u2028", "\u2029", "\x85", "\x0b", "\x0c"):
        text = text.replace(sep, "\n")
    text = unicodedata.normalize("NFC", text).replace("\t", " ").replace("\ufeff", "")
    if oneline:
        text = text.replace("\n", " ")
    return tidy(text)


def tidy(text: str) -> str:
    """Collapse runs of spaces and blank lines, trim every line."""
    lines = [_SPACES.sub(" ", line).strip(" ") for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip("\n ")


def plain(value: str | None) -> str:
    """Text safe for PDF metadata and link targets: NFC, no controls or surrogates."""
    text = unicodedata.normalize("NFC", value or "")
    return "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))


def show(ch: str) -> str:
    """How a dropped character is named in a note; invisible ones by code point."""
    if unicodedata.category(ch)[0] in "CZM":
        return f"U+{ord(ch):04X}"
    return ch


def clean(text: str, covered: Callable[[int], bool]) -> tuple[str, list[str]]:
    """Normalised text without the glyphs no font draws, and the glyphs dropped."""
    kept: list[str] = []
    dropped: list[str] = []
    after_drop = False
    for ch in text:
        if ch == "\n" or covered(ord(ch)):
            if after_drop and ch in JOINERS:
                continue
            after_drop = False
            kept.append(ch)
            continue
        category = unicodedata.category(ch)
        if category == "Zs":
            kept.append(" ")
        elif category[0] != "C" or category in ("Co", "Cn", "Cs"):
            # Visible characters are reported; invisible controls just go.
            dropped.append(ch)
            while kept and kept[-1] in JOINERS:
                kept.pop()
            after_drop = True
    result = "".join(kept)
    if dropped:
        result = tidy(result)
        # What is left of a mostly dropped script (digits, stray Latin words,
        # punctuation) reads as noise, so such a field goes as a whole.
        left = sum(ch.isalnum() for ch in result)
        if not left or sum(ch.isalpha() for ch in dropped) > left:
            result = ""
    return result, dropped


def dropped_note(path: str, dropped: list[str], *, whole: bool) -> str:
    """The notice for a field that lost characters no font could draw."""
    count = len(dropped)
    unique = list(dict.fromkeys(dropped))
    shown = " ".join(show(ch) for ch in unique[:12])
    if len(unique) > 12:
        shown += " …"
    if count == 1:
        found = f"1 character ({shown}) has no font"
    else:
        found = f"{count} characters ({shown}) have no font"
    if whole:
        return f"{path}: {found}; the field was left out"
    gone = "was" if count == 1 else "were"
    return f"{path}: {found} and {gone} left out"


def needs_shaping(text: str) -> bool:
    """True if the text holds a script or sequence that fpdf2 must shape."""
    for ch in text:
        cp = ord(ch)
        if cp < 0x300:
            continue
        if in_ranges(cp, SHAPED) or ch in _EMOJI_GLUE or _FLAGS[0] <= cp <= _FLAGS[1]:
            return True
        # Marks NFC could not fold into a letter are placed by the font's GPOS.
        if unicodedata.category(ch) == "Mn" and cp < 0x1AB0:
            return True
    return False


def direction(text: str) -> str:
    """'rtl' or 'ltr' from the first strong character (Unicode rule P2)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def has_rtl(text: str) -> bool:
    """True if any character is written right to left."""
    return any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)


# ---------------------------------------------------------------- line breaking


def graphemes(token: str) -> list[str]:
    """Split into user-perceived characters, close enough to keep marks on letters."""
    out: list[str] = []
    glue = False
    for ch in token:
        category = unicodedata.category(ch)
        attach = (
            glue
            or category in ("Mn", "Mc", "Me")
            or ch in JOINERS
            or 0x1F3FB <= ord(ch) <= 0x1F3FF
        )
        if out and attach:
            out[-1] += ch
        else:
            out.append(ch)
        glue = ch == "\u200d" or ch in _VIRAMAS
    return out


def _atoms(word: str) -> list[str]:
    """Pieces of one space-free word between which a line may break."""
    if not has(word, NO_SPACES):
        return [word]
    atoms: list[str] = []
    run = ""
    for ch in graphemes(word):
        cjk = in_ranges(ord(ch[0]), NO_SPACES)
        if ch[0] in _NO_START and (atoms or run):
            # Closing punctuation stays with the character before it.
            if run:
                run += ch
            else:
                atoms[-1] += ch
            continue
        if cjk:
            if run:
                atoms.append(run)
                run = ""
            atoms.append(ch)
        else:
            run += ch
    if run:
        atoms.append(run)
    merged: list[str] = []
    for atom in atoms:
        # An opening bracket goes to the next line with what it opens.
        if merged and merged[-1][-1] in _NO_END:
            merged[-1] += atom
        else:
            merged.append(atom)
    return merged


def pieces(line: str) -> list[tuple[str, bool]]:
    """Break opportunities of one line: (text, preceded by a space) in order."""
    out: list[tuple[str, bool]] = []
    for index, word in enumerate(line.split(" ")):
        if not word:
            continue
        for n, atom in enumerate(_atoms(word)):
            out.append((atom, index > 0 and n == 0 and bool(out)))
    return out


def split_long(token: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Cut a token wider than the line into chunks that fit, at natural points."""
    chunks: list[str] = []
    clusters = graphemes(token)
    start = 0
    while start < len(clusters):
        end = start + 1
        used = measure(clusters[start])
        while end < len(clusters):
            step = measure(clusters[end])
            if used + step > width:
                break
            used += step
            end += 1
        if end < len(clusters):
            end = _nicer_break(clusters, start, end)
        chunk = "".join(clusters[start:end])
        while end - start > 1 and measure(chunk) > width:
            end -= 1
            chunk = "".join(clusters[start:end])
        chunks.append(chunk)
        start = end
    return chunks


def _nicer_break(clusters: list[str], start: int, end: int) -> int:
    """Move a forced break back to just after punctuation or a case change."""
    floor = start + max(1, (end - start) * 3 // 5)
    for index in range(end, floor, -1):
        before, after = clusters[index - 1], clusters[index]
        if before[-1] in _SOFT_BREAKS and after[0] not in _SOFT_BREAKS:
            return index
        if before[-1].islower() and after[0].isupper():
            return index
    return end


def wrap(
    text: str, width: float, measure: Callable[[str], float], space: float
) -> list[str]:
    """Greedy line breaking in logical order; nothing is ever wider than `width`."""
    lines: list[str] = []
    for hard in text.split("\n"):
        lines.extend(_wrap_line(hard, width, measure, space))
    return lines


def _wrap_line(
    line: str, width: float, measure: Callable[[str], float], space: float
) -> Iterable[str]:
    """Lines of one paragraph line without hard breaks."""
    if not line:
        return [""]
    out: list[str] = []
    current = ""
    used = 0.0
    for text, spaced in pieces(line):
        size = measure(text)
        gap = space if spaced and current else 0.0
        if current and used + gap + size <= width:
            current += (" " if gap else "") + text
            used += gap + size
            continue
        if current:
            out.append(current)
        if size <= width:
            current, used = text, size
            continue
        *full, current = split_long(text, width, measure)
        out.extend(full)
        used = measure(current)
    if current:
        out.append(current)
    return out
