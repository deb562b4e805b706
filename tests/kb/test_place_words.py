"""The places stage's word classes (dateline.kb.place_words, place_words.tsv)."""

from __future__ import annotations

import dataclasses
import pickle
from importlib import resources

import pytest

from dateline.errors import KBError
from dateline.kb.place_words import CLASSES, FILE, PlaceWords, load_place_words, read_place_words


@pytest.fixture(scope="module")
def words() -> PlaceWords:
    return load_place_words()


def _valid_lines() -> list[str]:
    """One well-formed row per class (the valued class with its value)."""
    return [f"{c}\tword{c.replace('_', '')}" + ("\tOhio" if c == "state_abbreviations" else "")
            for c in CLASSES]


def test_place_words_packaged_file_loads_cleanly():
    problems: list[str] = []
    read_place_words(resources.files("dateline.kb").joinpath("data").joinpath(FILE), problems)
    assert problems == []


@pytest.mark.parametrize("cls", CLASSES)
def test_place_words_every_class_is_non_empty(words, cls):
    assert len(getattr(words, cls)) > 0


def test_place_words_is_cached(words):
    assert load_place_words() is words


def test_place_words_classes(words):
    assert "of" in words.connectors and "-" not in words.connectors  # dashes stay in code
    assert {"north-east", "upstate"} <= words.directions
    assert {"vice-mayor", "sheriff's", "ministry"} <= words.institutions
    assert "near" in words.governing and words.governing <= words.locative
    assert "according" in words.not_locative_to and "called" in words.naming_verbs


def test_place_words_generic_holds_place_nouns_and_directions(words):
    # generic = the file's generic words | place_nouns | directions
    assert words.place_nouns <= words.generic and words.directions <= words.generic
    assert "delta" in words.generic and "delta" not in words.place_nouns


def test_place_words_are_immutable(words):
    with pytest.raises(dataclasses.FrozenInstanceError):
        words.locative = frozenset()  # type: ignore[misc]


def test_place_words_pickle(words):
    assert pickle.loads(pickle.dumps(words)) == words


def test_place_words_malformed_lines_reported_and_skipped(tmp_path):
    path = tmp_path / FILE
    bad = [
        "locatve\tnear",  # unknown class
        "locative",  # no word
        "locative\ttwo words",
        "locative\t&",  # punctuation is grammar, not a word
        "situated\tsited\tyes",  # a value on a class that takes none
        "situated\tsited\t\tnote\textra",  # five columns
        "locative\twordlocative",  # already in the class
    ]
    path.write_text("#class\tword\tvalue\tnote\n" + "\n".join(_valid_lines() + bad) + "\n",
                    "utf-8")
    problems: list[str] = []
    words = read_place_words(path, problems)
    first = len(_valid_lines()) + 2
    assert [p.split(": ")[0] for p in problems] == [
        f"{FILE}:{n}" for n in range(first, first + len(bad))]
    assert "unknown class 'locatve'" in problems[0]
    assert "bad word '&'" in problems[3]
    assert "takes no value" in problems[4]
    assert "expected 4 columns, found 5" in problems[5]
    assert "already in class locative" in problems[6]
    assert words.locative == frozenset({"wordlocative"})  # the good rows still load
    assert words.situated == frozenset({"wordsituated"})
    assert words.generic == frozenset({"wordgeneric", "wordplacenouns", "worddirections"})


def test_place_words_empty_class_is_kb_error(tmp_path):
    path = tmp_path / FILE
    lines = [ln for ln in _valid_lines() if not ln.startswith(("situated\t", "governing\t"))]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(KBError, match=r"^\[D020\] place_words.tsv has no words in class\(es\) "
                                      r"situated, governing;"):
        read_place_words(path, [])


def test_place_words_state_abbreviation_needs_a_state(tmp_path):
    path = tmp_path / FILE
    path.write_text("\n".join(_valid_lines() + ["state_abbreviations\tpa"]) + "\n", "utf-8")
    problems: list[str] = []
    words = read_place_words(path, problems)
    assert len(problems) == 1 and "needs a US state's name" in problems[0]
    assert dict(words.state_abbreviations) == {"wordstateabbreviations": "Ohio"}
