"""Every script a name can be written in prints, reads back in order, and checks."""

# The strings are in many scripts on purpose: that is what is under test.

from __future__ import annotations

import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from freecv_tui import cv as cvmod
from freecv_tui.cv import CV
from freecv_tui.export import pdf_fonts
from freecv_tui.export.pdf import render_pdf_with_notes, verify
from freecv_tui.export.pdf_check import extract_text

CASES = Path(__file__).parents[3] / "shared" / "cases"
CASE_FILES = sorted(CASES.glob("case-*.json")) if CASES.is_dir() else []


@cache
def _rendered(key: str, data_json: str) -> tuple[bytes, list[str], str]:
    """Render a CV given as JSON once per run; return bytes, notes and text."""
    cv = cvmod.from_data(json.loads(data_json), draft=True)
    data, notes = render_pdf_with_notes(cv)
    return data, notes, extract_text(data)


def _render(data: dict[str, Any]) -> tuple[CV, bytes, list[str], str]:
    """A draft CV from data, rendered, with its notes and extracted text."""
    cv = cvmod.from_data(data, draft=True)
    pdf, notes, text = _rendered("", json.dumps(data, sort_keys=True))
    return cv, pdf, notes, text


def _flat(text: str) -> str:
    """Text without any whitespace, for content that wraps anywhere."""
    return "".join(text.split())


def _in_order(text: str, parts: list[str]) -> None:
    """Each part occurs in the flattened text after the one before it."""
    flat = _flat(text)
    position = 0
    for part in parts:
        found = flat.find(_flat(part), position)
        assert found >= 0, f"{part!r} missing after {position}:\n{text}"
        position = found + len(_flat(part))


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_every_shared_case_renders_and_checks_itself(path: Path) -> None:
    cv = cvmod.load(path, draft=True)
    data, notes = render_pdf_with_notes(cv)
    assert data.startswith(b"%PDF-")
    assert notes == []
    assert verify(data, cv) == []


def test_no_shared_cases_means_a_skip_not_a_pass() -> None:
    if not CASE_FILES:
        pytest.skip(f"no cases in {CASES}")


def test_arabic_reads_back_in_logical_order_with_latin_runs_intact() -> None:
    path = CASES / "case-04-rtl-arabic-name.json"
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    cv = cvmod.load(path)
    data, notes = render_pdf_with_notes(cv)
    text = extract_text(data)
    assert notes == []
    summary = str(cv.basics.summary)
    _in_order(
        text,
        [
            "سلمى النجار",
            "مهندسة برمجيات أولى",
            "عمّان، الأردن",
            # The summary wraps: its first words come first, then the Latin run,
            # then its last words, so lines are in order and right to left.
            "أعمل منذ عام",
            "2016",
            "على تطوير أنظمة الدفع في شركة",
            "Northwind Labs",
            "وقدت فريقًا",
            "للعملاء",
            "قائدة فريق الدفع",
            "نقلت معالجة الأحداث إلى",
            "Apache Kafka",
            "دون توقف الخدمة",
            "خفضت زمن الاستجابة من",
            "800",
            "إلى",
            "120",
        ],
    )
    assert _flat(summary) in _flat(text)


def _font_names(data: bytes) -> set[str]:
    """Base names of the fonts the first page uses."""
    resources = PdfReader(io.BytesIO(data)).pages[0]["/Resources"].get_object()
    assert isinstance(resources, DictionaryObject)
    fonts = resources["/Font"].get_object()
    assert isinstance(fonts, DictionaryObject)
    return {str(font.get_object()["/BaseFont"]) for font in fonts.values()}


def test_arabic_is_shaped_and_runs_right_to_left_top_down() -> None:
    path = CASES / "case-04-rtl-arabic-name.json"
    if not path.is_file():
        pytest.skip(f"{path} is not present")
    data, _ = render_pdf_with_notes(cvmod.load(path))
    assert any("NotoSansArabic" in name for name in _font_names(data))
    # Where the first words, the Latin run and the last words are drawn.
    places: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        for word in ("أعمل", "Northwind", "للعملاء"):
            if word in text and word not in places:
                places[word] = (float(tm[4]), float(tm[5]))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    (first_x, first_y), (latin_x, latin_y) = places["أعمل"], places["Northwind"]
    # On the summary's first line the first words are right of the Latin run...
    assert first_y == pytest.approx(latin_y)
    assert first_x > latin_x
    # ...and (PDF y grows upwards) its last words sit on a lower line.
    assert places["للعملاء"][1] < first_y


HEBREW = {
    "basics": {
        "name": "נועה כהן-לוי",
        "label": "מהנדסת תוכנה בכירה ב-Google מאז 2019",
        "location": "תל אביב",
    },
    "work": [
        {
            "company": "חברת הייטק בע״מ",
            "position": "ראש צוות",
            "startDate": "2019-01",
            "current": True,
            "highlights": [
                "הובלתי צוות של 6 מפתחים ושיפרתי את זמני התגובה ב-40% בעזרת Redis "
                "ו-Kafka, תוך שמירה על תאימות לאחור ללקוחות הקיימים בכל השווקים"
            ],
        }
    ],
}


def test_hebrew_reads_back_in_logical_order() -> None:
    cv, data, notes, text = _render(HEBREW)
    assert notes == []
    _in_order(
        text,
        [
            "נועה כהן-לוי",
            "מהנדסת תוכנה בכירה",
            "Google",
            "מאז",
            "2019",
            "ראש צוות",
            "חברת הייטק בע״מ",
            "הובלתי צוות של",
            "Redis",
            "Kafka",
            "תוך שמירה על תאימות",
            "בכל השווקים",
        ],
    )
    assert verify(data, cv) == []


def test_cjk_wraps_between_characters_and_is_all_there() -> None:
    summary = "大規模な決済基盤の設計と運用を担当し、" * 12
    cv, data, notes, text = _render(
        {
            "basics": {
                "name": "山田 花子",
                "label": "김민준 선임 연구원",
                "summary": summary,
            }
        }
    )
    assert notes == []
    assert summary in _flat(text)
    lines = [line for line in text.splitlines() if "決済" in line]
    # Wrapped into several lines, and no line starts with the closing comma.
    assert len(lines) >= 3
    assert not any(line.startswith("、") for line in lines)
    assert "김민준 선임 연구원" in text
    assert verify(data, cv) == []


@pytest.mark.parametrize(
    "name",
    [
        "Ελένη Παπαδοπούλου",
        "Мирослава Дорохина",
        "राहुल शर्मा",
        "Nguyễn Thị Minh Khai",
        "Þórdís Ægisdóttir",
        "Łukasz Żółć-Ślęzak",
        "Kwame Nkrumah-Ọ̀ṣun",
    ],
)
def test_names_in_many_scripts_print_and_check(name: str) -> None:
    cv, data, notes, text = _render({"basics": {"name": name, "label": "Engineer"}})
    assert notes == []
    assert verify(data, cv) == []
    assert _flat(name) in _flat(text)


def test_decomposed_letters_print_as_nfc() -> None:
    decomposed = "Jose\u0301 Nu\u0301n\u0303ez Zoe\u0308"
    cv, data, _notes, text = _render({"basics": {"name": decomposed}})
    assert "José Núñez Zoë" in text
    assert "\u0301" not in text
    assert verify(data, cv) == []


def test_emoji_print_from_the_emoji_font_and_never_as_boxes() -> None:
    _cv, data, notes, text = _render(
        {"basics": {"name": "Zoë Park", "summary": "Ships fast 🚀 and tests ✅"}}
    )
    assert notes == []
    assert "🚀" in text
    assert "✅" in text
    assert any("NotoEmoji" in name for name in _font_names(data))


def test_a_latin_cv_registers_noto_sans_only_and_does_not_shape() -> None:
    fonts = pdf_fonts.plan("Ana María O'Connor-Ruiz — “Engineer” · 50% €1.2M")
    assert [family.key for family in fonts.families] == [pdf_fonts.MAIN]
    assert not fonts.shaping


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("سلمى", "arabic"),
        ("נועה", "hebrew"),
        ("山田", "cjksc"),
        ("やまだ", "cjkjp"),
        ("김민준", "cjkkr"),
        ("สมชาย", "thai"),
        ("🚀", "emoji"),
    ],
)
def test_fallbacks_are_registered_only_for_scripts_present(
    text: str, family: str
) -> None:
    fonts = pdf_fonts.plan(f"Name {text}")
    keys = [f.key for f in fonts.families]
    assert keys == [pdf_fonts.MAIN, family]


def _embedded_faces(data: bytes) -> set[str]:
    """Every font face the file carries, whether a page uses it or not."""
    # fpdf2 writes font dictionaries uncompressed: "/BaseFont /MPDFAA+NotoSans".
    return {m.decode() for m in re.findall(rb"/BaseFont /[A-Z]{6}\+(\w+)", data)}


def test_only_the_font_styles_a_page_draws_are_embedded() -> None:
    data = {
        "basics": {"name": "Ana Ruiz", "summary": "Builds payment systems."},
        "work": [
            {
                "company": "Northwind",
                "position": "Engineer",
                "startDate": "2020-01",
                "highlights": ["Cut release time from 2 days to 40 minutes."],
            }
        ],
    }
    cv = cvmod.from_data(data)
    modern, _ = render_pdf_with_notes(cv, template="modern")
    assert _embedded_faces(modern) == {"NotoSans", "NotoSansBold"}


def test_simplified_chinese_beside_japanese_keeps_every_character() -> None:
    # Noto Sans JP lacks simplified forms (软, 讯, 师); the SC font must fill in.
    _, _, notes, text = _render(
        {
            "basics": {"name": "王伟", "label": "软件工程师"},
            "work": [
                {"company": "株式会社メルカリ", "position": "エンジニア"},
                {"company": "腾讯科技（深圳）有限公司", "position": "软件工程师"},
            ],
        }
    )
    assert notes == []
    flat = _flat(text)
    for part in ("软件工程师", "腾讯科技", "株式会社メルカリ"):
        assert part in flat
    assert {"cjkjp", "cjksc"} <= {f.key for f in pdf_fonts.plan(text).families}


def test_a_layout_sharing_parsed_fonts_measures_like_a_fresh_one() -> None:
    from freecv_tui.export import pdf_templates
    from freecv_tui.export.pdf import measure_fit
    from freecv_tui.export.pdf_render import Renderer

    mixed = {
        "basics": {"name": "سلمى النجار", "label": "Ingénieure · 山田 · Ελένη"},
        "work": [
            {
                "company": "Northwind Labs",
                "position": "Lead",
                "startDate": "2019-01",
                "highlights": ["Rebuilt billing, cutting failed payments by 31%."] * 9,
            }
        ]
        * 6,
    }
    for data in (mixed, {**mixed, "basics": {"name": "Иван Петров"}}):
        cv = cvmod.from_data(data, draft=True)
        for template in ("classic", "compact"):
            fresh = Renderer(
                cv,
                template=pdf_templates.template(template),
                options=pdf_templates.FitOptions(),
                paper="A4",
            )
            fresh.layout()
            for _ in range(2):  # the second call copies faces parsed by the first
                fit = measure_fit(cv, template=template)
                assert (fit.pages, fit.last_page_lines) == (
                    fresh.fill()[0],
                    fresh.fill()[2],
                )


def test_joined_emoji_are_noted_as_printing_in_parts() -> None:
    _cv, _data, notes, _text = _render(
        {"basics": {"name": "Zoë Park", "summary": "Remote from 🇯🇵 as a 👩🏽‍💻."}}
    )
    assert any("joined emoji" in note for note in notes)
    plain = _render({"basics": {"name": "Zoë Park", "summary": "Ships fast 🚀"}})
    assert not any("joined emoji" in note for note in plain[2])
