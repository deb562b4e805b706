"""The events stage's English word classes (event_words.tsv), loaded once into EventWords.

Each class is a set of lowercase lemmas the stage reads clauses with: intent and asking verbs
(modality), light verbs and instruments (who acts), appraisal and aerial words (recoding). The
meaning of each class is in the file's header. Grammar (dependency labels, auxiliaries,
negation particles, prepositions, pronouns) stays in the stage's code.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from dateline.kb.word_classes import read_word_classes, reduce_frozen

logger = logging.getLogger(__name__)

FILE = "event_words.tsv"
_CODE = re.compile(r"^\d{3,4}$")


@dataclass(frozen=True)
class EventWords:
    """The word classes of event_words.tsv (see its header for what each one means)."""

    intent: frozenset[str]
    asked: frozenset[str]
    control: frozenset[str]  # the file's `control` words and every `asked` verb
    demand_that: frozenset[str]
    asking_nouns: frozenset[str]
    not_doing: frozenset[str]
    speech: frozenset[str]
    accuse: frozenset[str]
    deny: frozenset[str]
    uncertain: frozenset[str]
    punish: frozenset[str]
    blame: frozenset[str]
    light: frozenset[str]
    instruments: frozenset[str]
    sent: frozenset[str]
    helping: frozenset[str]
    givers: frozenset[str]
    wish: frozenset[str]
    mishaps: frozenset[str]
    tasks: frozenset[str]
    person_object: frozenset[str]
    things: frozenset[str]
    receive: frozenset[str]
    give: tuple[str, ...]  # in file order: the first giving verb with a matching row wins
    appraise: frozenset[str]
    ideas: frozenset[str]
    reciprocal: frozenset[str]
    travel: frozenset[str]
    scourges: frozenset[str]
    carry_on: frozenset[str]
    take_up: frozenset[str]
    fight: frozenset[str]
    aerial: Mapping[str, str]  # weapon lemma -> CAMEO code

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return reduce_frozen(self)


CLASSES: tuple[str, ...] = tuple(f.name for f in fields(EventWords))


def read_event_words(path: Path | resources.abc.Traversable, problems: list[str]) -> EventWords:
    """Read an event-words file.

    Args:
        path: the TSV file (class, word, value, note; ``#`` comments).
        problems: where malformed lines are reported, as ``file:line: what``; they are skipped.

    Returns:
        The word classes.

    Raises:
        KBError: when the file cannot be read or a class has no words.
    """
    cameo_code = (lambda v: bool(_CODE.match(v)), "a CAMEO code")
    words, values = read_word_classes(path, CLASSES, problems, valued={"aerial": cameo_code})
    sets: dict[str, Any] = {c: frozenset(ws) for c, ws in words.items()}
    sets["control"] = sets["asked"] | sets["control"]
    sets["give"] = tuple(words["give"])
    sets["aerial"] = MappingProxyType(values["aerial"])
    return EventWords(**sets)


@functools.lru_cache(maxsize=1)
def load_event_words() -> EventWords:
    """The packaged event_words.tsv, loaded once per process.

    Raises:
        KBError: when the file is missing or a class is empty.
    """
    problems: list[str] = []
    words = read_event_words(resources.files("dateline.kb").joinpath("data").joinpath(FILE), problems)
    for p in problems:
        logger.warning("event words: %s (line skipped)", p)
    return words
