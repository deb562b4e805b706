"""The fallback event-type classifier (dateline.stages.event_model).

Feature and hashing tests build Token records by hand (no model). Tests marked slow load the
spaCy pipeline (once for this module) and the packaged classifier. The sentences below are
written for these tests and are not in training/events_train.tsv (checked).
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

from dateline.errors import KBError
from dateline.model import Article, RawInput, Token
from dateline.stages import event_model as em

TRAINING = Path(__file__).resolve().parents[2] / "training" / "events_train.tsv"

# (sentence, source substring, target substring, expected PLOVER root)
CLEAR_CASES = [
    ("Thailand's troops shelled Cambodia's border posts near the disputed temple.",
     "Thailand", "Cambodia", "ASSAULT"),
    ("Kenya hosted Ethiopia for talks on the disputed border on Wednesday.",
     "Kenya", "Ethiopia", "CONSULT"),
    ("Mexico and Argentina are both members of the G20.", "Mexico", "Argentina", "NONE"),
    ("The Dutch foreign minister urged Georgia to release the jailed protesters.",
     "The Dutch foreign minister", "Georgia", "REQUEST"),
    # Sanctions (CAMEO 163) are COERCE in CAMEO2PLOVER; SANCTION is reducing relations or aid.
    ("Ottawa froze the assets of three Belarusian generals on Thursday.",
     "Ottawa", "three Belarusian generals", "COERCE"),
    ("Ottawa expelled two Belarusian diplomats on Thursday.",
     "Ottawa", "two Belarusian diplomats", "SANCTION"),
    ("Tanzanian police arrested two Kenyan activists at the airport in Dar es Salaam.",
     "Tanzanian police", "two Kenyan activists", "COERCE"),
    ("Croatia rebuffed Slovenia's request to reopen the border talks.",
     "Croatia", "Slovenia", "REJECT"),
    ("Uruguay lashed out at Paraguay over the closure of the river port.",
     "Uruguay", "Paraguay", "ACCUSE"),
    ("The BBC reported that Ghana's parliament had passed the budget.",
     "The BBC", "Ghana's parliament", "NONE"),
]


def tok(i: int, text: str, lemma: str, pos: str, dep: str, head: int, ent: str = "") -> Token:
    start = i * 10  # offsets only need to be distinct here
    return Token(i, start, start + len(text), text, lemma, pos, "", dep, head, 0,
                 "B" if ent else "O", ent)


# "Russia 's troops shelled Kyiv ."
SHELLED = (
    tok(0, "Russia", "Russia", "PROPN", "poss", 2, "GPE"),
    tok(1, "'s", "'s", "PART", "case", 0),
    tok(2, "troops", "troop", "NOUN", "nsubj", 3),
    tok(3, "shelled", "shell", "VERB", "ROOT", 3),
    tok(4, "Kyiv", "Kyiv", "PROPN", "dobj", 3, "GPE"),
    tok(5, ".", ".", "PUNCT", "punct", 3),
)
# "Ukrainian President Zelenskyy spoke ."
TITLE = (
    tok(0, "Ukrainian", "ukrainian", "ADJ", "amod", 2, "NORP"),
    tok(1, "President", "President", "PROPN", "compound", 2),
    tok(2, "Zelenskyy", "Zelenskyy", "PROPN", "nsubj", 3, "PERSON"),
    tok(3, "spoke", "speak", "VERB", "ROOT", 3),
    tok(4, ".", ".", "PUNCT", "punct", 3),
)


# -- features and hashing (no model) ------------------------------------------------------------
def test_event_model_hash_is_crc32_folded() -> None:
    for name in ("lca:shell", "b:talk", "same", "p:über"):
        assert em.hash_feature(name) == zlib.crc32(name.encode("utf-8")) & (em.DIM - 1)
    # Pinned: a change here silently invalidates the shipped weights.
    assert (em.hash_feature("lca:shell"), em.hash_feature("b:talk")) == (26428, 9586)


def test_event_model_features_deterministic() -> None:
    first = em.feature_names(SHELLED, 0, 4)
    assert first == em.feature_names(SHELLED, 0, 4)
    assert np.array_equal(em.pair_features(SHELLED, 0, 4), em.pair_features(SHELLED, 0, 4))
    assert len(first) == len(set(first))


def test_event_model_features_path() -> None:
    names = set(em.feature_names(SHELLED, 0, 4))
    assert {"lca:shell", "p:troop", "p:shell", "order:st", "br:nsubj|dobj"} <= names
    assert "b:shell" in names and "b:troop" in names  # bag of the sentence ...
    assert not any(n.startswith("b:") and "russia" in n for n in names)  # ... minus the actors
    reverse = set(em.feature_names(SHELLED, 4, 0))
    assert "order:ts" in reverse and "lca:shell" in reverse


def test_event_model_features_title_is_one_party() -> None:
    # The nationality of a title and the name it qualifies are one actor, not two.
    assert em.feature_names(TITLE, 0, 2) == ["same"]


def test_event_model_features_other_sentence() -> None:
    toks = SHELLED + (Token(6, 60, 65, "Later", "later", "ADV", "", "ROOT", 6, 1, "O", ""),)
    assert em.feature_names(toks, 0, 6) == ["xsent"]


def _tiny(features: int = em.FEATURE_VERSION) -> dict[str, object]:
    col = em.hash_feature("lca:shell")
    weights = [0.0] * len(em.ROOTS)
    weights[em.ROOTS.index("ASSAULT")] = 3.0
    return {"features": features, "dim": em.DIM, "labels": list(em.ROOTS),
            "bias": [0.0] * len(em.ROOTS), "rows": {str(col): weights}}


def test_event_model_from_json_predicts_and_is_read_only() -> None:
    model = em.model_from_json(_tiny())
    p = model.probabilities(SHELLED, 0, 4)
    assert p.shape == (len(em.ROOTS),) and np.isclose(p.sum(), 1.0)
    assert model.predict_tokens(SHELLED, 0, 4)[0] == "ASSAULT"
    with pytest.raises(ValueError):
        model.weights[0, 0] = 1.0


def test_event_model_from_json_rejects_other_features() -> None:
    with pytest.raises(KBError, match="retrain"):
        em.model_from_json(_tiny(features=em.FEATURE_VERSION + 1))
    with pytest.raises(KBError, match="malformed"):
        em.model_from_json({"features": em.FEATURE_VERSION, "dim": em.DIM, "labels": ["NONE"]})


def test_event_model_cases_not_in_training_data() -> None:
    if not TRAINING.exists():
        pytest.skip("training/events_train.tsv is absent")
    text = TRAINING.read_text(encoding="utf-8")
    for sentence, *_ in CLEAR_CASES:
        assert sentence not in text


# -- the packaged model -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def parsed() -> dict[str, Article]:
    """Every test sentence, parsed once by one pipeline for this module."""
    from dateline.pipeline import Pipeline
    from dateline.stages import nlp

    pipe = Pipeline(stages=[nlp.STAGE])
    texts = [c[0] for c in CLEAR_CASES] + ["Peru's troops shelled Ecuador. Chile sent aid."]
    return {a.text: a for a in pipe.run(RawInput(text=t) for t in texts)}


def _heads(art: Article, src: str, tgt: str) -> tuple[int, int]:
    from dateline.stages.tokens import TokenIndex

    d = TokenIndex.build(art)
    out = []
    for sub in (src, tgt):
        s = art.text.index(sub)
        a, b = d.tok_at(s), d.tok_at(s + len(sub) - 1)
        assert a is not None and b is not None
        out.append(d.head_of(a, b + 1))
    return out[0], out[1]


@pytest.mark.slow
def test_event_model_loads_once() -> None:
    model = em.load_event_model()
    assert model is em.load_event_model()
    assert model.labels == em.ROOTS
    assert model.weights.shape == (em.DIM, len(em.ROOTS)) and not model.weights.flags.writeable


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "src", "tgt", "root"), CLEAR_CASES)
def test_event_model_clear_cases(parsed: dict[str, Article], sentence: str, src: str, tgt: str,
                                 root: str) -> None:
    art = parsed[sentence]
    label, prob = em.load_event_model().predict(art, *_heads(art, src, tgt))
    assert label == root
    assert 0.0 < prob <= 1.0


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "src", "tgt", "root"), CLEAR_CASES[:3])
def test_event_model_probabilities_consistent(parsed: dict[str, Article], sentence: str, src: str,
                                              tgt: str, root: str) -> None:
    art = parsed[sentence]
    model = em.load_event_model()
    s, t = _heads(art, src, tgt)
    p = model.probabilities(art.tokens, s, t)
    assert np.isclose(p.sum(), 1.0) and (p >= 0).all()
    label, prob = model.predict(art, s, t)
    assert label == model.labels[int(p.argmax())] and np.isclose(prob, p.max())


@pytest.mark.slow
def test_event_model_pair_across_sentences_is_none(parsed: dict[str, Article]) -> None:
    art = parsed["Peru's troops shelled Ecuador. Chile sent aid."]
    s, t = _heads(art, "Peru", "Chile")
    assert em.load_event_model().predict(art, s, t) == ("NONE", 1.0)
