"""The events stage's word classes (dateline.kb.event_words, event_words.tsv)."""

from __future__ import annotations

import dataclasses
import pickle
from importlib import resources

import pytest

from dateline.errors import KBError
from dateline.kb.event_words import CLASSES, FILE, EventWords, load_event_words, read_event_words


@pytest.fixture(scope="module")
def words() -> EventWords:
    return load_event_words()


def _valid_lines() -> list[str]:
    """One well-formed row per class."""
    return [f"{c}\tdrone\t1952" if c == "aerial" else f"{c}\tword{c.replace('_', '')}"
            for c in CLASSES]


def test_event_words_packaged_file_loads_cleanly():
    problems: list[str] = []
    read_event_words(resources.files("dateline.kb").joinpath("data").joinpath(FILE), problems)
    assert problems == []


@pytest.mark.parametrize("cls", CLASSES)
def test_event_words_every_class_is_non_empty(words, cls):
    assert len(getattr(words, cls)) > 0


def test_event_words_is_cached(words):
    assert load_event_words() is words


def test_event_words_classes(words):
    assert "plan" in words.intent and "urge" in words.asked
    assert words.asked < words.control  # control = asked + the file's own control verbs
    assert "force" in words.control and "force" not in words.asked
    assert words.give[0] == "provide"  # file order: the first giving verb is tried first
    assert words.aerial["drone"] == "1952" and words.aerial["warplane"] == "195"


def test_event_words_are_immutable(words):
    with pytest.raises(dataclasses.FrozenInstanceError):
        words.intent = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        words.aerial["kite"] = "195"  # type: ignore[index]


def test_event_words_pickle(words):
    assert pickle.loads(pickle.dumps(words)) == words


def test_event_words_malformed_lines_reported_and_skipped(tmp_path):
    path = tmp_path / FILE
    bad = [
        "intnet\tplan",  # unknown class
        "intent",  # no word
        "intent\ttwo words",
        "aerial\tjet",  # aerial without a code
        "aerial\tjet\tJET",
        "light\tstage\t190",  # a value on a class that takes none
        "light\tstage\t\tnote\textra",  # five columns
        "intent\twordintent",  # already in the class
    ]
    path.write_text("#class\tword\tvalue\tnote\n" + "\n".join(_valid_lines() + bad) + "\n",
                    "utf-8")
    problems: list[str] = []
    words = read_event_words(path, problems)
    first = len(_valid_lines()) + 2
    assert [p.split(": ")[0] for p in problems] == [
        f"{FILE}:{n}" for n in range(first, first + len(bad))]
    assert "unknown class 'intnet'" in problems[0]
    assert "needs a CAMEO code" in problems[3]
    assert "expected 4 columns, found 5" in problems[6]
    assert words.intent == frozenset({"wordintent"})  # the good rows still load
    assert dict(words.aerial) == {"drone": "1952"}
    assert words.light == frozenset({"wordlight"})


def test_event_words_empty_class_is_kb_error(tmp_path):
    path = tmp_path / FILE
    lines = [ln for ln in _valid_lines() if not ln.startswith(("light\t", "give\t"))]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(KBError, match=r"^\[D020\] event_words.tsv has no words in class\(es\) "
                                      r"light, give;"):
        read_event_words(path, [])
