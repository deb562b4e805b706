"""The Python API (dateline.engine): one loaded model, one Article per input, in order."""

from __future__ import annotations

import pytest

import dateline
import dateline.engine
from dateline.model import Article, RawInput

pytestmark = pytest.mark.slow


def test_engine_extract_returns_an_article(engine, monkeypatch):
    # Reuse the session's engine as the default one, so the model is not loaded twice.
    monkeypatch.setattr(dateline.engine, "_DEFAULT", engine)
    art = dateline.extract("Japan and Australia signed a defence pact in Tokyo on Friday.",
                           date="2022-01-07", title="Defence pact signed")
    assert isinstance(art, Article)
    assert art.skip is None
    assert art.title == "Defence pact signed"
    assert (art.published.date, art.published.source) == ("2022-01-07", "given")
    assert art.text == "Japan and Australia signed a defence pact in Tokyo on Friday."
    assert art.id == dateline.model.content_id(art.text, art.title)
    assert {e.name for e in art.entities} >= {"Japan", "Australia"}
    assert art.to_json()["schema_version"] == 1


def test_engine_default_engine_is_reused(engine, monkeypatch):
    monkeypatch.setattr(dateline.engine, "_DEFAULT", engine)
    assert dateline.engine.default_engine() is engine


def test_engine_extract_keeps_a_given_id(engine):
    art = engine.extract("Chile recalled its ambassador to Peru.", id="cl-1", date="2020-02-02")
    assert art.id == "cl-1"
    assert art.to_json()["id"] == "cl-1"


def test_engine_process_keeps_order_and_skips(engine):
    raws = [
        RawInput(id="a", text="Envoys from Serbia and Kosovo met in Brussels.", date="2023-02-27"),
        RawInput(id="b", text=""),
        RawInput(id="c", text="Kenya sent police officers to Haiti.", date="2024-06-25"),
        RawInput(id="d", text="Rebels attacked a convoy.", date="not-a-date"),
        RawInput(id="e", text="Brazil and Argentina agreed to cooperate on energy.",
                 date="2023-01-23"),
    ]
    out = list(engine.process(raws))
    assert [a.id for a in out] == ["a", "b", "c", "d", "e"]
    assert [a.skip is None for a in out] == [True, False, True, False, True]
    assert out[1].to_json() == {"id": "b", "error": "ingest: empty input: no text to process"}
    assert out[3].to_json() == {
        "id": "d", "error": "ingest: bad date 'not-a-date': use YYYY-MM-DD"}
    assert out[0].published.date == "2023-02-27"
    assert out[2].published.date == "2024-06-25"


def test_engine_process_is_lazy_and_accepts_a_generator(engine):
    texts = ["Peru and Chile held border talks.", "Ghana hosted a regional summit."]
    gen = (RawInput(id=f"g{i}", text=t, date="2021-05-05") for i, t in enumerate(texts))
    it = engine.process(gen)
    assert next(it).id == "g0"
    assert next(it).id == "g1"
    with pytest.raises(StopIteration):
        next(it)


def test_engine_world_city_keeps_its_country_against_article_context(engine):
    # Many Australian places, then Toronto: the city of 2.6 million, not the NSW town.
    art = engine.extract(
        "Health officials in Sydney, Melbourne and Brisbane said cases rose across New South "
        "Wales and Victoria. Australia now has 40 cases. Two passengers who arrived in Perth "
        "from New York and Toronto on Tuesday tested positive.", date="2009-06-04")
    toronto = [p for p in art.places if p.name == "Toronto"]
    assert toronto and toronto[0].country == "CAN"
