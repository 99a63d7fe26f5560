"""Property: whatever Unicode lands in any text field, the PDF export never raises."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from freecv_tui import cv as cvmod
from freecv_tui.export.pdf import TEMPLATES, read_embedded_cv, render_pdf_with_notes

# Any code point at all (controls, marks, surrogates, private use, unassigned),
# with a bias towards what people really type: several scripts, emoji, spaces.
_SCRIPTS = (
    "abcXYZ éñøßŁ Ελληνικά Кириллица العربية עברית हिन्दी 中文 日本語 한국어 "
    "ไทย ქართული 🚀👍🏽🇩🇪👩‍💻 ‏‎\u200d\u0301\u00a0\t\n\r"
)
_CHARS = st.one_of(st.characters(), st.sampled_from(_SCRIPTS))
TEXT = st.text(_CHARS, max_size=40) | st.text(st.sampled_from("ab/-_."), min_size=200)
OPTIONAL = st.none() | TEXT


def _entry(
    required: tuple[str, ...] = (), **fields: Any
) -> st.SearchStrategy[dict[str, Any]]:
    """One section entry: the keys cv.json requires, then any of the others."""
    return st.fixed_dictionaries(
        {key: TEXT for key in required},
        optional={k: v for k, v in fields.items() if k not in required},
    )


WORK = _entry(
    ("company", "position"),
    company=TEXT,
    position=TEXT,
    location=TEXT,
    startDate=TEXT,
    endDate=TEXT,
    current=st.booleans(),
    summary=TEXT,
    highlights=st.lists(TEXT, max_size=3),
)
CV_DATA = st.fixed_dictionaries(
    {
        "basics": _entry(
            name=TEXT,
            label=TEXT,
            email=TEXT,
            phone=TEXT,
            location=TEXT,
            url=TEXT,
            summary=TEXT,
            profiles=st.lists(_entry(("network", "url"), username=TEXT), max_size=2),
        ),
    },
    optional={
        "work": st.lists(WORK, max_size=2),
        "education": st.lists(
            _entry(
                ("institution", "degree"),
                institution=TEXT,
                degree=TEXT,
                field=TEXT,
                score=TEXT,
                startDate=TEXT,
                summary=TEXT,
                highlights=st.lists(TEXT, max_size=2),
            ),
            max_size=1,
        ),
        "skills": st.lists(TEXT, max_size=4),
        "languages": st.lists(_entry(("language",), fluency=TEXT), max_size=2),
        "projects": st.lists(
            _entry(("name",), description=TEXT, url=TEXT, keywords=st.lists(TEXT)),
            max_size=1,
        ),
        "certificates": st.lists(_entry(("name",), issuer=TEXT, date=TEXT), max_size=1),
        "awards": st.lists(_entry(("title",), awarder=TEXT, summary=TEXT), max_size=1),
        "volunteer": st.lists(_entry(("organization",), position=TEXT), max_size=1),
        "publications": st.lists(_entry(("name",), publisher=TEXT), max_size=1),
        "interests": st.lists(TEXT, max_size=3),
    },
)


@settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    data=CV_DATA,
    template=st.sampled_from(TEMPLATES),
    paper=st.sampled_from(["A4", "Letter"]),
)
def test_any_text_in_any_field_renders_and_round_trips(
    data: dict[str, Any], template: str, paper: str
) -> None:
    cv = cvmod.from_data(data, draft=True)
    pdf, notes = render_pdf_with_notes(cv, paper=paper, template=template)
    assert pdf.startswith(b"%PDF-")
    assert all(isinstance(note, str) for note in notes)
    # The embedded cv.json comes back as the same data, whatever it holds.
    restored = read_embedded_cv(pdf)
    assert restored is not None
    assert cvmod.to_dict(restored) == cvmod.to_dict(cv)
