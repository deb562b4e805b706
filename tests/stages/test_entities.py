"""Entity clustering (dateline.stages.entities), on short articles of our own.

All articles go through the shared engine in one batch (the model loads once per session).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.model import Article, NerSpan, Published, RawInput
from dateline.stages.entities import extract_entities
from dateline.stages.nlp import parse_batch

pytestmark = pytest.mark.slow

BLINKEN = (
    "Secretary of State Antony Blinken landed in Kyiv on Wednesday. Blinken said "
    "Washington would keep supporting Ukraine. He added that more air defences were coming."
)
PESKOV = "Kremlin spokesman Dmitry Peskov told reporters that the talks had stalled."
OFFICIAL = (
    "A senior US official said the ceasefire proposal was ready. The senior official "
    "added that negotiators would meet again next week."
)
US = (
    "The US announced new sanctions on Tuesday. Officials in the United States said "
    "more measures would follow."
)
SCHOLZ = (
    "Chancellor Olaf Scholz spoke in Berlin on Friday. Scholz said Germany would send "
    "more air defence systems."
)
BORRELL = (
    "EU foreign policy chief Josep Borrell arrived in Kyiv on Monday. Borrell met "
    "officials at the foreign ministry."
)
TITLE_ONLY = "Ministers met in Geneva on Thursday to discuss the grain corridor."
TITLE = "Erdogan hosts Zelensky for grain talks"

ARTICLES = {
    "blinken": (BLINKEN, "2023-09-06", None),
    "peskov": (PESKOV, "2023-03-01", None),
    "official": (OFFICIAL, "2023-03-01", None),
    "us": (US, "2023-03-01", None),
    "scholz": (SCHOLZ, "2023-03-01", None),
    "borrell": (BORRELL, "2023-03-01", None),
    "title_only": (TITLE_ONLY, "2023-07-13", TITLE),
}


@pytest.fixture(scope="module")
def arts(engine) -> dict[str, Article]:
    raws = [RawInput(id=k, text=t, date=d, title=ti, format="text")
            for k, (t, d, ti) in ARTICLES.items()]
    out = {a.id: a for a in engine.process(raws)}
    assert all(a.skip is None for a in out.values())
    return out


def _span(text: str, surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return (start, start + len(surface))


def _owner(art: Article, span: tuple[int, int]):
    owners = [e for e in art.entities if span in e.mentions]
    assert len(owners) == 1, (span, [(e.name, e.mentions) for e in art.entities])
    return owners[0]


def test_entities_full_name_surname_and_pronoun_cluster(arts):
    art = arts["blinken"]
    ent = _owner(art, _span(BLINKEN, "Antony Blinken"))
    assert ent.name == "Antony Blinken"
    assert ent.type == "PERSON"
    assert ent.mentions == (
        _span(BLINKEN, "Antony Blinken"), _span(BLINKEN, "Blinken", 1), _span(BLINKEN, "He"))
    assert [art.text[s:e] for s, e in ent.mentions] == ["Antony Blinken", "Blinken", "He"]
    assert "Secretary of State" in ent.titles


@pytest.mark.parametrize(
    ("key", "full", "surname"),
    [("scholz", "Olaf Scholz", "Scholz"), ("borrell", "Josep Borrell", "Borrell")],
)
def test_entities_surname_mis_tagged_joins_the_person(arts, key, full, surname):
    art = arts[key]
    text = art.text
    second = _span(text, surname, 1)
    ent = _owner(art, _span(text, full))
    assert ent.type == "PERSON"
    assert ent.mentions == (_span(text, full), second)
    assert not any(e.name == surname for e in art.entities)


@pytest.mark.parametrize("label", ["GPE", "ORG"])
def test_entities_ner_type_repair(engine, kb, label):
    """Force the NER label of the repeated surname, so the repair is tested whatever the model."""
    text = "Finance Minister Christian Lindner spoke on Monday. Lindner said talks went well."
    art = Article(id="lindner", text=text, published=Published("2023-05-01", "given"))
    (parsed,) = parse_batch([art], engine.pipeline.context)
    second = _span(text, "Lindner", 1)
    ner = [n for n in parsed.ner if (n.start, n.end) != second]
    toks = [t for t in parsed.tokens if t.start == second[0]]
    ner.append(NerSpan(second[0], second[1], label, toks[0].i, toks[0].i + 1))
    parsed = replace(parsed, ner=tuple(sorted(ner, key=lambda n: n.start)))
    out = extract_entities(parsed, kb)
    ent = _owner(out, second)
    assert ent.name == "Christian Lindner"
    assert ent.type == "PERSON"
    assert ent.mentions == (_span(text, "Christian Lindner"), second)


def test_entities_titles_and_affiliations_kept(arts):
    art = arts["peskov"]
    ent = _owner(art, _span(PESKOV, "Dmitry Peskov"))
    assert ent.name == "Dmitry Peskov"
    assert "Kremlin spokesman" in ent.titles
    assert "Kremlin" in ent.affiliations
    js = next(e for e in art.to_json()["entities"] if e["name"] == "Dmitry Peskov")
    assert "Kremlin spokesman" in js["titles"]
    assert "Kremlin" in js["affiliations"]


def test_entities_described_speaker_is_one_entity(arts):
    art = arts["official"]
    first = _span(OFFICIAL, "A senior US official")
    again = _span(OFFICIAL, "The senior official")
    ent = _owner(art, first)
    assert ent.mentions == (first, again)
    assert ent.actor is not None and ent.actor.code == "USAGOV"


def test_entities_country_name_variants_are_one_entity(arts):
    art = arts["us"]
    short = _span(US, "US")
    full = _span(US, "United States")
    ent = _owner(art, short)
    assert ent.type == "GPE"
    assert ent.mentions == (short, full)
    assert ent.name == "United States"


def test_entities_named_only_in_the_title(arts):
    art = arts["title_only"]
    js = {e["name"]: e for e in art.to_json()["entities"]}
    assert "Erdogan" not in art.text
    assert js["Erdogan"]["mentions"] == []
    assert js["Erdogan"]["in"] == "title"
    assert js["Erdogan"]["type"] == "PERSON"
    assert js["Zelensky"]["in"] == "title"
    assert "in" not in js["Geneva"]
    # Title-only entities come after those found in the text.
    kinds = [e.found_in for e in art.entities]
    assert kinds == sorted(kinds, key=lambda k: k != "text")


def test_entities_ids_are_sequential(arts):
    for art in arts.values():
        assert [e.id for e in art.entities] == [f"e{i}" for i in range(1, len(art.entities) + 1)]


def test_entities_every_mention_is_a_token_aligned_surface(arts):
    for art in arts.values():
        starts = {t.start for t in art.tokens}
        ends = {t.end for t in art.tokens}
        for ent in art.entities:
            assert list(ent.mentions) == sorted(set(ent.mentions))
            for s, e in ent.mentions:
                surface = art.text[s:e]
                assert 0 <= s < e <= len(art.text)
                assert surface == surface.strip(" \t\n.,;:")
                assert s in starts and e in ends, (art.id, ent.name, surface)
