"""The quotes stage (dateline.stages.quotes): quote marks, kinds, cues and speakers.

The article below is written for these tests (a made-up visit); the quote-mark scanner is tested
on hand-written strings without the model, the rest through nlp + entities + actors + quotes.
"""

from __future__ import annotations

import pytest

from dateline.model import Article, Quote
from dateline.stages.quotes import find_quoted, load_speech_verbs

ARTICLE = 'Italian Foreign Minister Marco Bellini has arrived in Ankara for talks with President Kemal Aydin on the war in Syria.\n\nBellini is expected to press for "a lasting halt to the shelling" of Aleppo, according to a senior diplomat.\n\n“We want to be sure that the minister hears directly from the people who make the decisions,” the senior diplomat told reporters on the plane.\n\nHe added "There is a great deal we could achieve together if both sides are willing."\n\nGovernment spokesman Ahmet Kaya described the meeting as "very constructive," adding that the two sides would also discuss "hot-button topics" such as migration.\n\n"With patience we can find a way to end this war and bring the refugees home," said Kaya.\n\nKaya said that Turkey hosts more than three million refugees from Syria.\n\nThe newspaper Hurriyet ran a column titled "The Long Road Home" on Monday.\n\n«We are ready to help,» Bellini told the newspaper La Stampa.\n\n"The first thing we need is a ceasefire that holds.\n\n"The second is access for aid convoys to every besieged town," Aydin said.'


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


# --------------------------------------------------------------------------- no model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "we will go" today.', ["we will go"]),
        ("He said “we will go” today.", ["we will go"]),
        ("He said «we will go» today.", ["we will go"]),
        ("He said ``we will go'' today.", ["we will go"]),
        ("He said 'we will go' today.", ["we will go"]),
        ("It's the Saudis' oil, isn't it?", []),
        ('"One," he said, "two."', ["One,", "two."]),
        ('"If we knew, it wouldn\'t be called "research", would it?"',
         ['If we knew, it wouldn\'t be called "research", would it?']),
        ('known as "Wild 2) in space. It was decided to "discover" them', ["discover"]),
    ],
)
def test_find_quoted_marks(text: str, expected: list[str]) -> None:
    assert [text[q.start : q.end] for q in find_quoted(text)] == expected


def test_find_quoted_multi_paragraph() -> None:
    text = '"First paragraph.\n\n"Second paragraph," she said.\n\nNo quote "here.'
    spans = find_quoted(text)
    got = [(text[q.start : q.end], q.closed, q.continued) for q in spans]
    assert got == [
        ("First paragraph.", False, False),
        ("Second paragraph,", True, True),
        ("here.", False, False),
    ]


def test_speech_verbs_groups() -> None:
    lex = load_speech_verbs()
    assert {"say", "tell", "add"} <= lex.say
    assert {"describe", "call"} <= lex.describe
    assert "continue" in lex.direct and "continue" not in lex.say
    assert ("according", "to") in lex.phrases


# --------------------------------------------------------------------------- with the model


@pytest.fixture(scope="module")
def article() -> Article:
    from dateline.pipeline import Pipeline
    from dateline.stages import actors, entities, nlp, places, quotes

    pipe = Pipeline(stages=[nlp.STAGE, entities.STAGE, places.STAGE, actors.STAGE, quotes.STAGE])
    return pipe.run_articles([Article(id="t1", text=ARTICLE)])[0]


def _quote(article: Article, text: str) -> Quote:
    hits = [q for q in article.quotes if q.text == text]
    assert len(hits) == 1, [q.text for q in article.quotes]
    return hits[0]


def _entity_name(article: Article, eid: str | None) -> str | None:
    return next((e.name for e in article.entities if e.id == eid), None)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "kind", "speaker_name", "speaker_text", "cue"),
    [
        (("We want to be sure that the minister hears directly from the people who make the "
         "decisions"), "direct", None, "the senior diplomat", "told"),
        ("There is a great deal we could achieve together if both sides are willing.",
         "direct", None, "the senior diplomat", "added"),
        ("very constructive", "partial", "Ahmet Kaya", "Government spokesman Ahmet Kaya",
         "described"),
        ("With patience we can find a way to end this war and bring the refugees home",
         "direct", "Ahmet Kaya", "Kaya", "said"),
        ("We are ready to help", "direct", "Marco Bellini", "Bellini", "told"),
        ("The first thing we need is a ceasefire that holds.", "direct", "Kemal Aydin",
         "Aydin", "said"),
        ("The second is access for aid convoys to every besieged town", "direct",
         "Kemal Aydin", "Aydin", "said"),
        ("Turkey hosts more than three million refugees from Syria", "indirect", "Ahmet Kaya",
         "Kaya", "said"),
    ],
)
def test_quotes_found_with_speaker(article: Article, text: str, kind: str,
                                   speaker_name: str | None, speaker_text: str,
                                   cue: str) -> None:
    q = _quote(article, text)
    assert (q.kind, q.speaker_text, q.cue) == (kind, speaker_text, cue)
    assert q.span == _at(article.text, text)
    if speaker_name is not None:
        assert _entity_name(article, q.speaker) == speaker_name


@pytest.mark.slow
def test_quotes_described_speaker_is_one_entity(article: Article) -> None:
    """'the senior diplomat told' and 'He added': one speaker, the described entity if any."""
    told = _quote(article, "We want to be sure that the minister hears directly from the "
                           "people who make the decisions")
    added = _quote(article, "There is a great deal we could achieve together if both sides "
                            "are willing.")
    assert told.speaker == added.speaker
    if told.speaker is not None:  # the entities stage clustered the description
        ent = next(e for e in article.entities if e.id == told.speaker)
        assert _at(article.text, "the senior diplomat") in ent.mentions


@pytest.mark.slow
@pytest.mark.parametrize(
    "text", ["hot-button topics", "The Long Road Home", "a lasting halt to the shelling"]
)
def test_quotes_scare_quotes_and_titles_are_not_speech(article: Article, text: str) -> None:
    assert all(q.text != text for q in article.quotes)


@pytest.mark.slow
def test_quotes_according_to_is_indirect(article: Article) -> None:
    q = next(q for q in article.quotes if q.cue == "according to")
    assert q.kind == "indirect"
    assert q.speaker_text == "a senior diplomat"
    assert q.text.startswith("Bellini is expected to press for")
    assert q.text.endswith("of Aleppo")


@pytest.mark.slow
def test_quotes_sorted_and_inside_text(article: Article) -> None:
    spans = [q.span for q in article.quotes]
    assert spans == sorted(spans)
    assert all(article.text[s:e] == q.text for q, (s, e) in zip(article.quotes, spans))
    assert len([q for q in article.quotes if q.kind != "indirect"]) == 7
