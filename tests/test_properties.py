"""Property tests (hypothesis) of the pure path, plus one through the loaded engine."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from dateline.inputs import read_jsonl
from dateline.model import Article, RawInput
from dateline.settings import Settings
from dateline.stages.clean import classify_line, from_text
from dateline.stages.ingest import ingest

SETTINGS = Settings.load()
KINDS = {"caption", "byline", "boilerplate", "dateline"}

# Text that looks like news scrapes: sentences, captions, credits, chrome, datelines, odd
# whitespace and separators, mixed with arbitrary characters.
_PIECES = st.sampled_from([
    "The minister said on Monday that talks would resume. ", "Officials met in Geneva",
    "By Jane Smith", "MOSCOW, May 12 (Reuters) - ", "KYIV, Ukraine (NWS) — ", "SAN FRANCISCO - ",
    "Photo: ", " (AFP Photo)", " on May 11, 2015.", "REUTERS/Jane Doe", "SHARE THIS ARTICLE",
    "© 2019 Northwind Media. All rights reserved.", "www.example.com", "Read more: ",
    "Reporting by A in B; Editing by C", "MKA/JR", "on Tuesday", "\n", "\n\n", "\r\n", " ",
    "\u00a0", "\u2028", "\t", ".", ",", "“", "”", "'", "-", "<p>", "</p>", "Related: ", "Home",
])
NEWSY = st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(), NEWSY)


def _norm(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split())


@hsettings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_properties_ingest_never_raises(text: str) -> None:
    art = ingest(RawInput(text=text), SETTINGS)
    assert isinstance(art, Article)
    if art.skip is not None:
        assert art.skip.stage == "ingest"
        assert art.skip.reason and "\n" not in art.skip.reason
        assert art.text == ""
        assert set(art.to_json()) == {"id", "error"}
    else:
        assert art.text.strip()
        assert art.text == art.text.strip()
        assert art.published.source in ("given", "metadata", "inferred", "none")
    assert art.id


@hsettings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_properties_ingest_text_removed_items(text: str) -> None:
    art = ingest(RawInput(text=text, format="text"), SETTINGS)
    if art.skip is not None:
        return
    assert art.title is None or art.title.strip() == art.title
    for item in art.removed:
        assert item.kind in KINDS
        assert item.text and item.text == item.text.strip()
        # Removed lines come from the input (whitespace aside), never from elsewhere.
        assert _norm(item.text) in _norm(text)
        # A caption or byline is removed because the line classifies so.
        if item.kind in ("caption", "byline"):
            assert classify_line(item.text) == item.kind
    datelines = [r.text for r in art.removed if r.kind == "dateline"]
    assert len(datelines) <= 1
    if datelines:
        assert art.dateline == datelines[0]


@hsettings(deadline=None, max_examples=120)
@given(ANY_TEXT)
def test_properties_ingest_is_deterministic(text: str) -> None:
    a = ingest(RawInput(text=text), SETTINGS)
    b = ingest(RawInput(text=text), SETTINGS)
    assert a == b


@hsettings(deadline=None, max_examples=120)
@given(ANY_TEXT)
def test_properties_from_text_body_has_no_blank_paragraphs(text: str) -> None:
    doc = from_text(text)
    if doc.body:
        assert all(p.strip() == p and p for p in doc.body.split("\n\n"))
        assert "\n\n\n" not in doc.body


@hsettings(deadline=None, max_examples=200)
@given(st.one_of(st.text(), _PIECES.map(str.strip), NEWSY.map(str.strip)))
def test_properties_classify_line_never_raises(line: str) -> None:
    kind = classify_line(line)
    assert kind in (None, "caption", "byline", "boilerplate")
    if not line.strip():
        assert kind is None


@hsettings(deadline=None, max_examples=200)
@given(st.binary(max_size=300), st.lists(st.integers(min_value=0, max_value=300), max_size=6))
def test_properties_read_jsonl_never_raises(data: bytes, cuts: list[int]) -> None:
    bounds = sorted({0, len(data), *(min(c, len(data)) for c in cuts)})
    chunks = [data[a:b] for a, b in itertools.pairwise(bounds)]
    out = list(read_jsonl(chunks))
    assert len(out) == sum(1 for seg in data.split(b"\n") if seg.strip())
    for raw in out:
        assert isinstance(raw, RawInput)
        assert raw.id
        if raw.error is None:
            assert raw.text is not None or raw.html is not None
        else:
            assert raw.error.startswith("line ") and "\n" not in raw.error


@hsettings(deadline=None, max_examples=120)
@given(st.lists(st.fixed_dictionaries({"id": st.text(max_size=5), "text": st.text(max_size=40)}),
                max_size=5),
       st.integers(min_value=1, max_value=7))
def test_properties_read_jsonl_round_trip(records: list[dict[str, str]], size: int) -> None:
    import json

    data = b"".join(json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass") + b"\n"
                    for r in records)
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    out = list(read_jsonl(chunks))
    assert len(out) == len(records)
    for rec, raw in zip(records, out, strict=True):
        if any("\ud800" <= c <= "\udfff" for c in rec["text"] + rec["id"]):
            continue  # a lone surrogate is not valid UTF-8: decoded with replacement
        assert (raw.id, raw.text, raw.error) == (rec["id"], rec["text"], None)


@pytest.mark.slow
@hsettings(deadline=None, max_examples=25,
           suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ANY_TEXT)
def test_properties_engine_extract_never_raises(engine: Any, text: str) -> None:
    art = engine.extract(text)
    assert isinstance(art, Article)
    if art.skip is not None:
        assert art.text == ""
        return
    n = len(art.text)
    for s in art.sentences:
        assert 0 <= s.start < s.end <= n
    for e in art.entities:
        for a, b in e.mentions:
            assert 0 <= a < b <= n
