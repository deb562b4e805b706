"""Themes: dateline's own taxonomy (themes.tsv), assigned by lemma and phrase rules.

Each theme has single-word rules (matched on a token's lemma or lower-cased text) and phrase
rules (several words in sequence, each matched the same way), a minimum amount of evidence
(2 for themes whose words are common, such as ``economy``), and optional "not" phrases whose
words never count for it ("nuclear family", "European Union" for ``labor``). A theme is
assigned when it has at least its minimum of evidence; ``article.themes`` lists the assigned
themes by evidence count, most first (ties by name). See docs/themes.md for the list.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from dateline.errors import KBError
from dateline.kb import read_data
from dateline.model import Article, Span, Token
from dateline.pipeline import Context, StageSpec

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Theme:
    """One theme: its description, evidence minimum and rules (word tuples)."""

    name: str
    description: str
    min_evidence: int
    phrases: tuple[tuple[str, ...], ...]
    exclusions: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class ThemeRules:
    """All themes, and an index from a phrase's first word to (theme, phrase)."""

    themes: Mapping[str, Theme]
    by_first: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]
    not_first: Mapping[str, tuple[tuple[str, tuple[str, ...]], ...]]


@functools.lru_cache(maxsize=1)
def load_themes() -> ThemeRules:
    """The packaged theme rules, loaded once per process.

    Returns:
        The ThemeRules.

    Raises:
        KBError: when the file is missing, or a theme has no description or no rule.
    """
    text = read_data("themes.tsv")
    about: dict[str, tuple[str, int]] = {}
    rules: dict[str, list[tuple[str, ...]]] = {}
    nots: dict[str, list[tuple[str, ...]]] = {}
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 3 or cols[1] not in ("about", "lemma", "phrase", "not") or not cols[2]:
            logger.warning("themes.tsv:%s: bad line %r (skipped)", lineno, line)
            continue
        name, kind, pattern = cols[0], cols[1], cols[2]
        if kind == "about":
            note = cols[3] if len(cols) > 3 else ""
            about[name] = (note, int(pattern) if pattern.isdigit() else 1)
        elif kind == "not":
            nots.setdefault(name, []).append(tuple(pattern.lower().split()))
        else:
            rules.setdefault(name, []).append(tuple(pattern.lower().split()))
    bad = sorted(set(rules) ^ set(about))
    if bad or not rules:
        raise KBError(f"themes.tsv: theme(s) {', '.join(bad) or '(none)'} lack a description "
                      "('about' line) or rules; fix the file")
    themes = {n: Theme(n, about[n][0], about[n][1], tuple(rules[n]), tuple(nots.get(n, ())))
              for n in sorted(about)}
    return ThemeRules(MappingProxyType(themes), _index(rules), _index(nots))


def _index(rules: dict[str, list[tuple[str, ...]]]) -> Mapping[
    str, tuple[tuple[str, tuple[str, ...]], ...]
]:
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for name, phrases in rules.items():
        for ph in phrases:
            out.setdefault(ph[0], []).append((name, ph))
    # Longest phrases first, so "nuclear family" is seen before "nuclear".
    return MappingProxyType({k: tuple(sorted(v, key=lambda x: -len(x[1])))
                             for k, v in out.items()})


def _forms(t: Token) -> tuple[str, str]:
    return t.text.lower(), t.lemma.lower()


def _matches(toks: tuple[Token, ...], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(toks):
        return False
    return all(w in _forms(toks[i + k]) for k, w in enumerate(phrase))


def theme_evidence(article: Article, data: ThemeRules) -> dict[str, tuple[Span, ...]]:
    """Every theme with evidence in the article, and the spans of that evidence.

    Args:
        article: an article with tokens.
        data: the theme rules.

    Returns:
        ``{theme: (span, ...)}`` for every theme with at least one piece of evidence,
        whether or not it reaches the theme's minimum.
    """
    toks = article.tokens
    found: dict[str, list[Span]] = {}
    blocked: dict[str, set[int]] = {}
    for i, t in enumerate(toks):
        for form in set(_forms(t)):
            for name, ph in data.not_first.get(form, ()):
                if _matches(toks, i, ph):
                    blocked.setdefault(name, set()).update(range(i, i + len(ph)))
    for i, t in enumerate(toks):
        seen: set[str] = set()
        for form in set(_forms(t)):
            for name, ph in data.by_first.get(form, ()):
                if name in seen or i in blocked.get(name, ()) or not _matches(toks, i, ph):
                    continue
                seen.add(name)
                found.setdefault(name, []).append((t.start, toks[i + len(ph) - 1].end))
    return {k: tuple(v) for k, v in sorted(found.items())}


def extract_themes(article: Article, data: ThemeRules) -> Article:
    """Set ``article.themes``: assigned themes, most evidence first.

    Args:
        article: an article with tokens.
        data: the theme rules.

    Returns:
        The article with ``themes`` set.
    """
    ev = theme_evidence(article, data)
    kept = [(len(spans), name) for name, spans in ev.items()
            if len(spans) >= data.themes[name].min_evidence]
    kept.sort(key=lambda x: (-x[0], x[1]))
    return replace(article, themes=tuple(name for _, name in kept))


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    return extract_themes(article, ctx.get("themes", load_themes))


STAGE = StageSpec(
    name="themes",
    run=run,
    requires=("article.tokens",),
    assigns=("article.themes",),
)
