"""The event lexicon (cameo_lexicon.tsv) and the CAMEO code table (cameo_codes.tsv)."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from types import MappingProxyType

from dateline.errors import KBError
from dateline.kb import _rows

logger = logging.getLogger(__name__)

_TARGET = re.compile(r"^(?:dobj|iobj|poss|xcomp_obj|-|pobj:[a-z]+)$")


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon row: a head lemma (+ required dependents) that signals a CAMEO event."""

    code: str
    pos: str  # V | N
    lemma: str
    deps: tuple[str, ...]
    targets: tuple[str, ...]
    modality: str


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    label: str
    goldstein: float
    quad: int
    plover: str | None
    plover_mode: str | None


@dataclass(frozen=True)
class Lexicon:
    """Triggers by (pos, lemma), most specific (most deps) first; code table by code."""

    triggers: Mapping[tuple[str, str], tuple[Trigger, ...]]
    codes: Mapping[str, CodeInfo]
    intents: Mapping[str, str]  # code prefix -> the "express intent" / threat code
    demands: Mapping[str, str]  # code prefix -> the "demand" code
    refusals: Mapping[str, str] = field(default_factory=dict)  # prefix -> the 12x refusal

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (_rebuild_lexicon, (dict(self.triggers), dict(self.codes), dict(self.intents),
                                   dict(self.demands), dict(self.refusals)))

    def demand_code(self, code: str) -> str:
        """The demand CAMEO codes when a speaker says an actor must do this (10x)."""
        return _longest_prefix(self.demands, code) or "100"

    def intent_code(self, code: str) -> str:
        """The code CAMEO gives an announced or planned act of this kind (else the code)."""
        if code.startswith(("01", "02", "03", "13")):
            return code
        return _longest_prefix(self.intents, code) or code

    def refusal_code(self, code: str) -> str | None:
        """The 12x code of refusing this cooperative act ("will not lift the embargo": 1244),
        or None when a negated act of this kind is simply an act that did not happen."""
        return _longest_prefix(self.refusals, code)

    def info(self, code: str) -> CodeInfo:
        """The code's row, falling back to its 3-digit base and its root."""
        for c in (code, code[:3], code[:2] + "0"):
            if c in self.codes:
                return self.codes[c]
        raise KBError(f"unknown CAMEO code {code!r}; add it to cameo_codes.tsv")


def _longest_prefix(table: Mapping[str, str], code: str) -> str | None:
    """The value of the longest prefix of code (two digits or more) in table, else None."""
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _rebuild_lexicon(triggers: dict[tuple[str, str], tuple[Trigger, ...]],
                     codes: dict[str, CodeInfo], intents: dict[str, str],
                     demands: dict[str, str], refusals: dict[str, str]) -> Lexicon:
    return Lexicon(MappingProxyType(triggers), MappingProxyType(codes),
                   MappingProxyType(intents), MappingProxyType(demands),
                   MappingProxyType(refusals))


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the packaged lexicon and code table once per process.

    Raises:
        KBError: when a file is missing or empty.
    """
    data = resources.files("dateline.kb").joinpath("data")
    problems: list[str] = []
    codes: dict[str, CodeInfo] = {}
    for lineno, (code, label, gold, quad, plover, mode) in _rows(
        data.joinpath("cameo_codes.tsv"), 6, problems
    ):
        try:
            codes[code] = CodeInfo(code, label, float(gold), int(quad), plover or None,
                                   mode or None)
        except ValueError:
            problems.append(f"cameo_codes.tsv:{lineno}: bad number")
    trig: dict[tuple[str, str], list[Trigger]] = {}
    for lineno, (code, pos, lemma, deps, target, modality, _note) in _rows(
        data.joinpath("cameo_lexicon.tsv"), 7, problems
    ):
        targets = tuple(t for t in (target or "-").split("|") if t)
        if (not re.match(r"^\d{3,4}$", code) or pos not in ("V", "N") or not lemma
                or not all(_TARGET.match(t) for t in targets)):
            problems.append(f"cameo_lexicon.tsv:{lineno}: bad row ({code}, {pos}, {lemma})")
            continue
        if code not in codes and code[:3] not in codes:
            problems.append(f"cameo_lexicon.tsv:{lineno}: code {code} not in cameo_codes.tsv")
            continue
        t = Trigger(code, pos, lemma.lower(), tuple(deps.lower().split()), targets,
                    modality or "asserted")
        trig.setdefault((pos, t.lemma), []).append(t)
    intents = _prefix_table(data.joinpath("cameo_intent.tsv"), codes, problems)
    demands = _prefix_table(data.joinpath("cameo_demand.tsv"), codes, problems)
    refusals = _prefix_table(data.joinpath("cameo_refusal.tsv"), codes, problems)
    for p in problems:
        logger.warning("lexicon: %s (line skipped)", p)
    if not codes or not trig:
        raise KBError("event lexicon or CAMEO code table is empty; reinstall dateline")
    return Lexicon(
        triggers=MappingProxyType(
            {k: tuple(sorted(v, key=lambda t: -len(t.deps))) for k, v in trig.items()}
        ),
        codes=MappingProxyType(codes),
        intents=MappingProxyType(intents),
        demands=MappingProxyType(demands),
        refusals=MappingProxyType(refusals),
    )


def _prefix_table(path: resources.abc.Traversable, codes: Mapping[str, CodeInfo],
                  problems: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for lineno, (prefix, code, _note) in _rows(path, 3, problems):
        if not re.match(r"^\d{2,4}$", prefix) or code not in codes:
            problems.append(f"{path.name}:{lineno}: bad row ({prefix}, {code})")
            continue
        out[prefix] = code
    return out
