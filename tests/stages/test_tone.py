"""The tone and themes stages (dateline.stages.tone, dateline.stages.themes).

Tokens are built by hand (no model), except one end-to-end check marked slow. Themes live in
their own module but are tested here, beside tone, as both score an article's words.
"""

from __future__ import annotations

import pytest

from dateline.model import Article, Sentence, Token
from dateline.stages.themes import extract_themes, load_themes, theme_evidence
from dateline.stages.tone import extract_tone, load_tone_lexicon, sentence_tones, tone_of

# (text, pos, lemma, dep, head offset within its sentence); a sentence ends with ".".
_SENT_1 = [("We", "PRON", "we", "nsubj", 1), ("welcome", "VERB", "welcome", "ROOT", 1),
           ("the", "DET", "the", "det", 3), ("ceasefire", "NOUN", "ceasefire", "dobj", 1),
           ("but", "CCONJ", "but", "cc", 1), ("fear", "VERB", "fear", "conj", 1),
           ("war", "NOUN", "war", "dobj", 5), (".", "PUNCT", ".", "punct", 1)]
_SENT_2 = [("Talks", "NOUN", "talk", "nsubjpass", 2), ("were", "AUX", "be", "auxpass", 2),
           ("held", "VERB", "hold", "ROOT", 2), ("in", "ADP", "in", "prep", 2),
           ("Geneva", "PROPN", "Geneva", "pobj", 3), (".", "PUNCT", ".", "punct", 2)]


def _article(*sents: list[tuple[str, str, str, str, int]]) -> Article:
    text, tokens, sentences = "", [], []
    for sent in sents:
        base = len(tokens)
        s_start = len(text)
        for k, (word, pos, lemma, dep, head) in enumerate(sent):
            if text and word != ".":
                text += " "
            start = len(text)
            text += word
            tokens.append(Token(i=base + k, start=start, end=len(text), text=word, lemma=lemma,
                                pos=pos, tag="", dep=dep, head=base + head,
                                sent=len(sentences), ent_iob="O", ent_type=""))
        sentences.append(Sentence(s_start, len(text)))
        text += ""
    return Article(id="t", text=text, tokens=tuple(tokens), sentences=tuple(sentences))


def test_tone_lexicon_loads_both_polarities() -> None:
    lex = load_tone_lexicon()
    assert {"welcome", "peace", "ceasefire"} <= lex.positive
    assert {"war", "killed", "casualties"} <= lex.negative
    assert "share" not in lex.positive and "according" not in lex.positive


def test_tone_figures_exact() -> None:
    art = extract_tone(_article(_SENT_1), load_tone_lexicon())
    t = art.tone
    # 7 words: positive welcome, ceasefire; negative fear, war; active welcome, fear; self "We"
    assert t.words == 7
    assert t.positive == pytest.approx(28.5714)
    assert t.negative == pytest.approx(28.5714)
    assert t.tone == pytest.approx(0.0)
    assert t.polarity == pytest.approx(57.1428, abs=1e-3)
    assert t.activity == pytest.approx(28.5714)
    assert t.self_group == pytest.approx(14.2857)


def test_tone_passive_verb_is_not_active() -> None:
    t = tone_of(_article(_SENT_2).tokens, load_tone_lexicon())
    assert (t.words, t.activity, t.polarity) == (5, 0.0, 0.0)


def test_sentence_tones_one_per_sentence() -> None:
    art = _article(_SENT_1, [("Peace", "NOUN", "peace", "ROOT", 0), (".", "PUNCT", ".", "punct", 0)],
                   [("War", "NOUN", "war", "nsubj", 1), ("killed", "VERB", "kill", "ROOT", 1),
                    ("many", "ADJ", "many", "dobj", 1), (".", "PUNCT", ".", "punct", 1)])
    assert sentence_tones(art, load_tone_lexicon()) == pytest.approx((0.0, 100.0, -66.6667))


def test_tone_empty_article() -> None:
    t = extract_tone(Article(id="e", text=""), load_tone_lexicon()).tone
    assert (t.words, t.tone, t.activity) == (0, 0.0, 0.0)


# --------------------------------------------------------------------------- themes


def _words(text: str, lemmas: dict[str, str] | None = None) -> Article:
    lemmas = lemmas or {}
    toks, pos = [], 0
    for i, w in enumerate(text.split()):
        start = text.index(w, pos)
        pos = start + len(w)
        toks.append(Token(i=i, start=start, end=pos, text=w, lemma=lemmas.get(w, w.lower()),
                          pos="X", tag="", dep="dep", head=i, sent=0, ent_iob="O", ent_type=""))
    return Article(id="w", text=text, tokens=tuple(toks))


def test_themes_taxonomy_is_documented_and_sized() -> None:
    data = load_themes()
    assert 28 <= len(data.themes) <= 40
    assert all(t.description and t.phrases for t in data.themes.values())
    assert {"diplomacy", "ceasefire", "armed_conflict", "nuclear", "referendum", "sanctions",
            "election", "protest", "terrorism", "refugees", "coup", "cyber"} <= set(data.themes)


@pytest.mark.parametrize(
    ("text", "lemmas", "expected"),
    [
        ("The ceasefire held after the referendum", {}, ("ceasefire", "referendum")),
        ("Envoys met the foreign minister and a diplomat", {"Envoys": "envoy"}, ("diplomacy",)),
        ("A nuclear family is not news", {}, ()),  # a "not" phrase
        ("The war", {}, ()),  # armed_conflict needs two pieces of evidence
        ("The war and the shelling and a war", {}, ("armed_conflict",)),
        ("European Union officials met", {}, ()),  # "union" is not labour here
        ("Sanctions and a referendum and sanctions", {"Sanctions": "sanction",
                                                      "sanctions": "sanction"},
         ("sanctions", "referendum")),  # most evidence first
    ],
)
def test_themes_rules(text: str, lemmas: dict[str, str], expected: tuple[str, ...]) -> None:
    assert extract_themes(_words(text, lemmas), load_themes()).themes == expected


def test_theme_evidence_spans() -> None:
    art = _words("Iran held nuclear talks with the foreign minister")
    ev = theme_evidence(art, load_themes())
    assert [art.text[s:e] for s, e in ev["nuclear"]] == ["nuclear"]
    assert [art.text[s:e] for s, e in ev["diplomacy"]] == ["foreign minister"]


@pytest.mark.slow
def test_tone_and_themes_end_to_end() -> None:
    from dateline.pipeline import Pipeline
    from dateline.stages import nlp, themes, tone

    text = ("Diplomats from both countries held talks on a ceasefire in the war, as shelling "
            "and clashes killed three soldiers. A referendum on the nuclear deal is planned.")
    art = Pipeline(stages=[nlp.STAGE, tone.STAGE, themes.STAGE]).run_articles(
        [Article(id="e2e", text=text)])[0]
    assert art.tone.words == 27
    assert art.tone.negative > art.tone.positive > 0
    assert {"diplomacy", "ceasefire", "armed_conflict", "referendum", "nuclear"} <= set(art.themes)
