"""The event lexicon and CAMEO code table (dateline.kb.lexicon)."""

from __future__ import annotations

import pytest

from dateline.errors import KBError
from dateline.kb.lexicon import Lexicon, load_lexicon


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


def test_lexicon_is_cached(lex):
    assert load_lexicon() is lex


@pytest.mark.parametrize(
    ("key", "bare_code"),
    [
        (("V", "meet"), "040"),
        (("V", "accuse"), "112"),
        (("N", "visit"), "042"),
    ],
)
def test_lexicon_has_triggers(lex, key, bare_code):
    rows = lex.triggers[key]
    assert rows
    assert all((t.pos, t.lemma) == key for t in rows)
    # The row with no extra requirements carries the plain code, and comes last.
    assert rows[-1].deps == ()
    assert rows[-1].code == bare_code


def test_lexicon_triggers_most_specific_first(lex):
    deps = [len(t.deps) for t in lex.triggers[("V", "accuse")]]
    assert deps == sorted(deps, reverse=True)


def test_lexicon_trigger_targets(lex):
    plain = lex.triggers[("V", "meet")][-1]
    assert plain.targets == ("dobj", "pobj:with")
    assert plain.modality == "asserted"


def test_lexicon_tables_are_read_only(lex):
    with pytest.raises(TypeError):
        lex.codes["999"] = lex.codes["040"]  # type: ignore[index]
    with pytest.raises(TypeError):
        lex.triggers[("V", "zap")] = ()  # type: ignore[index]


def test_lexicon_info(lex):
    info = lex.info("1124")
    assert info.code == "1124"
    assert info.quad == 3
    assert info.goldstein == -2.0
    assert info.plover == "ACCUSE"


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("1129", "112"),  # unknown 4-digit code -> its 3-digit base
        ("0429", "042"),
        ("049", "040"),  # unknown 3-digit code -> its root
        ("2099", "200"),
    ],
)
def test_lexicon_info_falls_back(lex, code, found):
    assert code not in lex.codes
    assert lex.info(code).code == found


def test_lexicon_info_unknown_code_is_kb_error(lex):
    with pytest.raises(KBError, match=r"^\[D020\] unknown CAMEO code '999'"):
        lex.info("999")


@pytest.mark.parametrize(
    ("code", "intent"),
    [
        ("0841", "0353"),  # release persons -> intent to release persons
        ("042", "036"),  # visit -> intent to meet
        ("040", "036"),
        ("190", "138"),  # use force -> threaten force
        ("112", "112"),  # accuse: no intent code, unchanged
        ("036", "036"),  # already an intent code
        ("138", "138"),  # already a threat
    ],
)
def test_lexicon_intent_code(lex, code, intent):
    assert lex.intent_code(code) == intent
