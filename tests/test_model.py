"""The data model (dateline.model): frozen records and the contract's Article JSON.

Every record is built by hand here; no model, no pipeline.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from dateline.model import (
    SCHEMA_VERSION,
    Actor,
    ActorRef,
    Amount,
    Article,
    Cameo,
    Entity,
    Event,
    Place,
    Plover,
    Published,
    Quote,
    RawInput,
    Removed,
    Sentence,
    StageSkip,
    TimeRef,
    Tone,
    content_id,
)

TEXT = "Kyiv pledged 40 tanks on Monday. Ukraine's foreign minister met envoys in Warsaw."


def _full_article() -> Article:
    """An article with one of every record the contract describes."""
    return Article(
        id="art-1",
        text=TEXT,
        title="Kyiv pledges tanks",
        url="https://example.org/kyiv-tanks",
        outlet="Example Wire",
        published=Published("2023-02-06", "given"),
        removed=(Removed("Photo: tanks on a train (AFP)", "caption"),),
        sentences=(Sentence(0, 32), Sentence(33, 82)),
        entities=(
            Entity(
                id="e1", name="Ukraine", type="GPE", mentions=((0, 4), (33, 40)),
                actor=Actor("UKR", "UKR", None, None, None),
            ),
            Entity(
                id="e2", name="Ukraine's foreign minister", type="PERSON",
                mentions=((33, 57),),
                actor=Actor("UKRGOV", "UKR", "GOV", "foreign minister", "Government"),
                titles=("foreign minister",), affiliations=("Ukraine",),
            ),
            Entity(id="e3", name="Poland", type="GPE", found_in="title"),
        ),
        places=(
            Place("Warsaw", ((75, 81),), 756135, 52.23, 21.01, "POL", "Masovia", "PPLC"),
        ),
        times=(TimeRef("Monday", (24, 30), "DATE", "2023-02-06", "day"),),
        quotes=(Quote("tanks are coming", (10, 26), "partial", "e2", "the minister", "said"),),
        events=(
            Event(
                sentence=1,
                source=ActorRef("Ukraine's foreign minister", (33, 57), "e2", "UKRGOV"),
                target=None,
                trigger_text="met",
                trigger_span=(58, 61),
                cameo=Cameo("040", "04", 1, 1.0),
                plover=Plover("CONSULT", None),
                date="2023-02-06",
                place=0,
                negated=False,
                modality="asserted",
                confidence=0.75,
            ),
        ),
        amounts=(Amount("40 tanks", (13, 21), 40.0, None, "tanks"),),
        tone=Tone(1.5, 3.0, 1.5, 4.5, 2.0, 0.5, 14),
        themes=("MILITARY",),
    )


# --------------------------------------------------------------------------- to_json


def test_model_to_json_has_every_contract_key():
    out = _full_article().to_json()
    assert out["schema_version"] == SCHEMA_VERSION == 1
    assert {
        "schema_version", "id", "title", "url", "outlet", "published", "text", "removed",
        "sentences", "entities", "places", "times", "quotes", "events", "amounts", "tone",
        "themes",
    } <= set(out)
    assert out["id"] == "art-1"
    assert out["title"] == "Kyiv pledges tanks"
    assert out["url"] == "https://example.org/kyiv-tanks"
    assert out["outlet"] == "Example Wire"
    assert out["published"] == {"date": "2023-02-06", "source": "given"}
    assert out["text"] == TEXT
    assert out["removed"] == [{"text": "Photo: tanks on a train (AFP)", "kind": "caption"}]
    assert out["sentences"] == [{"span": [0, 32]}, {"span": [33, 82]}]
    assert out["themes"] == ["MILITARY"]


def test_model_to_json_entities():
    ents = _full_article().to_json()["entities"]
    assert ents[0] == {
        "id": "e1", "name": "Ukraine", "type": "GPE", "mentions": [[0, 4], [33, 40]],
        "actor": {"code": "UKR", "country": "UKR", "sector": None, "role": None,
                  "plover_sector": None},
    }
    assert ents[1]["actor"] == {
        "code": "UKRGOV", "country": "UKR", "sector": "GOV", "role": "foreign minister",
        "plover_sector": "Government",
    }
    assert ents[1]["mentions"] == [[33, 57]]
    # Named only in the title: no mentions, and says where it was found.
    assert ents[2]["mentions"] == []
    assert ents[2]["actor"] is None
    assert ents[2]["in"] == "title"
    assert "in" not in ents[0]


def test_model_to_json_places_times_quotes_amounts_tone():
    out = _full_article().to_json()
    assert out["places"] == [{
        "name": "Warsaw", "mentions": [[75, 81]], "geonameid": 756135, "lat": 52.23,
        "lon": 21.01, "country": "POL", "admin1": "Masovia", "feature": "PPLC",
    }]
    assert out["times"] == [{"text": "Monday", "span": [24, 30], "type": "DATE",
                             "value": "2023-02-06", "granularity": "day"}]
    assert out["quotes"] == [{"text": "tanks are coming", "span": [10, 26], "kind": "partial",
                              "speaker": "e2", "speaker_text": "the minister", "cue": "said"}]
    assert out["amounts"] == [{"text": "40 tanks", "span": [13, 21], "value": 40.0,
                               "unit": None, "object": "tanks"}]
    assert out["tone"] == {"tone": 1.5, "positive": 3.0, "negative": 1.5, "polarity": 4.5,
                           "activity": 2.0, "self_group": 0.5, "words": 14}


def test_model_to_json_event():
    (ev,) = _full_article().to_json()["events"]
    assert ev == {
        "sentence": 1,
        "source": {"text": "Ukraine's foreign minister", "span": [33, 57], "entity": "e2",
                   "code": "UKRGOV"},
        "target": None,
        "trigger": {"text": "met", "span": [58, 61]},
        "cameo": {"code": "040", "root": "04", "quad": 1, "goldstein": 1.0},
        "plover": {"type": "CONSULT", "mode": None},
        "date": "2023-02-06",
        "place": 0,
        "negated": False,
        "modality": "asserted",
        "confidence": 0.75,
        "method": "rule",
    }


def test_model_to_json_types():
    out = _full_article().to_json()
    assert isinstance(out["schema_version"], int)
    for span in [s["span"] for s in out["sentences"]] + [
        m for e in out["entities"] for m in e["mentions"]
    ] + [out["times"][0]["span"], out["quotes"][0]["span"], out["amounts"][0]["span"],
         out["events"][0]["trigger"]["span"], out["events"][0]["source"]["span"]]:
        assert isinstance(span, list)
        assert len(span) == 2
        assert all(type(x) is int for x in span)
    ev = out["events"][0]
    assert isinstance(ev["cameo"]["code"], str)
    assert isinstance(ev["cameo"]["quad"], int)
    assert isinstance(ev["cameo"]["goldstein"], float)
    assert isinstance(ev["negated"], bool)
    assert isinstance(ev["confidence"], float)
    assert isinstance(out["places"][0]["lat"], float)
    assert isinstance(out["places"][0]["geonameid"], int)
    assert isinstance(out["tone"]["words"], int)
    assert all(isinstance(t, str) for t in out["themes"])
    # Plain JSON all the way down: a dump/load round trip changes nothing.
    assert json.loads(json.dumps(out)) == out


def test_model_to_json_empty_article_has_empty_lists():
    out = Article(id="x", text="Nothing happened.").to_json()
    for key in ("removed", "sentences", "entities", "places", "times", "quotes", "events",
                "amounts", "themes"):
        assert out[key] == []
    assert out["published"] == {"date": None, "source": "none"}
    assert out["title"] is None and out["url"] is None and out["outlet"] is None


def test_model_to_json_skipped_article_is_id_and_error():
    art = Article(id="r7", text="", skip=StageSkip("ingest", "empty input: no text to process"))
    assert art.to_json() == {"id": "r7", "error": "ingest: empty input: no text to process"}


# --------------------------------------------------------------------------- to_json_line


@pytest.mark.parametrize("sep", ["\u2028", "\u2029"])
def test_model_to_json_line_escapes_line_separators(sep):
    text = f"Talks ended.{sep}Envoys left Vienna."
    art = Article(id="ls", text=text, title=f"Vienna{sep}talks")
    line = art.to_json_line()
    assert sep not in line
    assert "\n" not in line
    assert f"\\u{ord(sep):04x}" in line
    back = json.loads(line)
    assert back == art.to_json()
    assert back["text"] == text
    assert back["title"] == f"Vienna{sep}talks"


def test_model_to_json_line_splits_on_newline_only():
    arts = [Article(id=f"a{i}", text=f"Line {i}\u2028part\nnext") for i in range(3)]
    stream = "\n".join(a.to_json_line() for a in arts)
    assert [json.loads(x)["id"] for x in stream.split("\n")] == ["a0", "a1", "a2"]


# --------------------------------------------------------------------------- content_id


def test_model_content_id_is_stable():
    a = content_id("Troops withdrew from the border.", "Withdrawal")
    assert a == content_id("Troops withdrew from the border.", "Withdrawal")
    assert len(a) == 16
    assert all(c in "0123456789abcdef" for c in a)


@pytest.mark.parametrize(
    ("other_text", "other_title"),
    [
        ("Troops withdrew from the border!", "Withdrawal"),  # text changed
        ("Troops withdrew from the border.", "Withdrawal begins"),  # title changed
        ("Troops withdrew from the border.", None),  # title dropped
    ],
)
def test_model_content_id_sensitive_to_title_and_text(other_text, other_title):
    base = content_id("Troops withdrew from the border.", "Withdrawal")
    assert content_id(other_text, other_title) != base


def test_model_content_id_keeps_title_and_text_apart():
    assert content_id("border talks", "Envoy") != content_id("Envoyborder talks", None)


# --------------------------------------------------------------------------- frozen


@pytest.mark.parametrize(
    ("record", "attr", "value"),
    [
        (Article(id="a", text="t"), "text", "changed"),
        (Article(id="a", text="t"), "events", ()),
        (Entity(id="e1", name="Ukraine", type="GPE"), "name", "Russia"),
        (Actor("RUSGOV"), "code", "USAGOV"),
        (ActorRef("Kyiv", (0, 4)), "code", "UKR"),
        (Cameo("040", "04", 1, 1.0), "quad", 4),
        (Sentence(0, 3), "end", 9),
        (Published(), "date", "2020-01-01"),
        (StageSkip("nlp", "x"), "reason", "y"),
        (RawInput(text="x"), "text", "y"),
        (Tone(), "words", 3),
    ],
)
def test_model_records_are_frozen(record, attr, value):
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, attr, value)


def test_model_replace_returns_a_new_article():
    art = Article(id="a", text="t")
    new = dataclasses.replace(art, title="T")
    assert new.title == "T" and art.title is None
