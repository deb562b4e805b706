"""Reading the stages' English word-class files (event_words.tsv, place_words.tsv).

Both files share one format: class <TAB> word <TAB> value <TAB> note, ``#`` comments, one
lowercase word a line. A malformed line is reported as ``file:line: what`` and skipped; a class
left with no words is an error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import fields
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from dateline.errors import KBError
from dateline.kb import _rows

WORD = re.compile(r"^[a-z][a-z'-]*$")


def read_word_classes(
    path: Path | resources.abc.Traversable, classes: Sequence[str], problems: list[str],
    valued: dict[str, tuple[Callable[[str], bool], str]] | None = None,
) -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """Read a word-class file.

    Args:
        path: the TSV file.
        classes: the class names the file may use; each must end up with a word.
        problems: where malformed lines are reported, as ``file:line: what``.
        valued: classes whose words carry a value: class -> (check, what the value must be).
            Every other class takes no value.

    Returns:
        The words of each class, in file order, and the values of the valued classes.

    Raises:
        KBError: when the file cannot be read or a class has no words.
    """
    valued = valued or {}
    label = path.name
    words: dict[str, list[str]] = {c: [] for c in classes}
    values: dict[str, dict[str, str]] = {c: {} for c in valued}
    for lineno, (cls, word, value, _note) in _rows(path, 4, problems):
        word = word.lower()
        if cls not in words:
            problems.append(f"{label}:{lineno}: unknown class {cls!r}; known: {', '.join(classes)}")
        elif not WORD.match(word):
            problems.append(f"{label}:{lineno}: bad word {word!r} in class {cls}")
        elif word in words[cls]:
            problems.append(f"{label}:{lineno}: {word!r} is already in class {cls}")
        elif cls in valued and not valued[cls][0](value):
            problems.append(f"{label}:{lineno}: {cls} {word!r} needs {valued[cls][1]}, "
                            f"not {value!r}")
        elif cls not in valued and value:
            problems.append(f"{label}:{lineno}: class {cls} takes no value ({value!r})")
        else:
            words[cls].append(word)
            if cls in valued:
                values[cls][word] = value
    empty = [c for c, ws in words.items() if not ws]
    if empty:
        raise KBError(f"{label} has no words in class(es) {', '.join(empty)}; "
                      "add them or reinstall dateline")
    return words, values


def reduce_frozen(obj: Any) -> tuple[object, tuple[object, ...]]:
    """``__reduce__`` for a frozen word-class dataclass with read-only mapping fields: a
    MappingProxyType does not pickle (and Dask ships resources to its workers), so the
    mappings travel as plain dicts and are wrapped again on arrival."""
    values = {f.name: getattr(obj, f.name) for f in fields(obj)}
    plain = {k: dict(v) if isinstance(v, MappingProxyType) else v for k, v in values.items()}
    proxied = tuple(k for k, v in values.items() if isinstance(v, MappingProxyType))
    return (_rebuild_frozen, (type(obj), plain, proxied))


def _rebuild_frozen(cls: type, values: dict[str, Any], proxied: tuple[str, ...]) -> Any:
    return cls(**{k: MappingProxyType(v) if k in proxied else v for k, v in values.items()})
