"""The places stage's English word classes (place_words.tsv), loaded once into PlaceWords.

Each class is a set of lowercase words the stage reads the text around a toponym with: name
connectors and direction words (recognition), place and settlement nouns and locative
prepositions (cues that the text marks a place), institution words (a place as an
institution's jurisdiction) and type words (a division or a town reading). The meaning of
each class is in the file's header. Grammar (NER labels, POS tags, list glue, dashes, function
words such as "of" and "the") stays in the stage's code.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from dateline.kb.word_classes import read_word_classes, reduce_frozen

logger = logging.getLogger(__name__)

FILE = "place_words.tsv"


@dataclass(frozen=True)
class PlaceWords:
    """The word classes of place_words.tsv (see its header for what each one means)."""

    connectors: frozenset[str]
    directions: frozenset[str]
    strippable: frozenset[str]
    generic: frozenset[str]  # the file's `generic` words, every place noun and every direction
    not_places: frozenset[str]
    companies: frozenset[str]
    place_nouns: frozenset[str]
    settlements: frozenset[str]
    naming_verbs: frozenset[str]
    of_place: frozenset[str]
    place_plurals: frozenset[str]
    type_words: frozenset[str]
    residents: frozenset[str]
    local_offices: frozenset[str]
    locative: frozenset[str]
    not_locative_to: frozenset[str]
    institutions: frozenset[str]
    city_institutions: frozenset[str]
    state_schools: frozenset[str]
    county_nouns: frozenset[str]
    admin_nouns: frozenset[str]
    city_nouns: frozenset[str]
    admin_modifiers: frozenset[str]
    situated: frozenset[str]
    governing: frozenset[str]
    diseases: frozenset[str]
    strain_genera: frozenset[str]
    state_abbreviations: Mapping[str, str]  # "pa" -> "Pennsylvania" (read as "Pa.")

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return reduce_frozen(self)


CLASSES: tuple[str, ...] = tuple(f.name for f in fields(PlaceWords))


def read_place_words(path: Path | resources.abc.Traversable, problems: list[str]) -> PlaceWords:
    """Read a place-words file.

    Args:
        path: the TSV file (class, word, value, note; ``#`` comments).
        problems: where malformed lines are reported, as ``file:line: what``; they are skipped.

    Returns:
        The word classes.

    Raises:
        KBError: when the file cannot be read or a class has no words.
    """
    state_name = (lambda v: bool(v.strip()), "a US state's name")
    words, values = read_word_classes(path, CLASSES, problems,
                                      valued={"state_abbreviations": state_name})
    sets: dict[str, Any] = {c: frozenset(ws) for c, ws in words.items()}
    sets["generic"] = sets["generic"] | sets["place_nouns"] | sets["directions"]
    sets["state_abbreviations"] = MappingProxyType(values["state_abbreviations"])
    return PlaceWords(**sets)


@functools.lru_cache(maxsize=1)
def load_place_words() -> PlaceWords:
    """The packaged place_words.tsv, loaded once per process.

    Raises:
        KBError: when the file is missing or a class is empty.
    """
    problems: list[str] = []
    words = read_place_words(resources.files("dateline.kb").joinpath("data").joinpath(FILE), problems)
    for p in problems:
        logger.warning("place words: %s (line skipped)", p)
    return words
