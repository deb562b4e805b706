"""Tone: GDELT's seven tone figures for an article, plus a tone per sentence.

Per GDELT 1.0's event/GKG documentation, with our own open lexicon (tone_lexicon.tsv: VADER's
MIT-licensed word list filtered for news, plus our additions; see docs/tone.md):

* ``positive`` / ``negative``: the percentage of the article's words found in the positive /
  negative lexicon;
* ``tone`` = positive - negative; ``polarity`` = positive + negative;
* ``activity``: the percentage of words that are active verbs (main verbs, not in the passive);
* ``self_group``: the percentage of words that are first-person pronouns (I, me, we, us, our...);
* ``words``: the number of words (tokens with a letter or digit).

A token is looked up by its lower-cased text, then its lemma. Negation, intensifiers and word
sense are not handled (a bag-of-words count, as GDELT's). ``sentence_tones`` gives the same
``tone`` figure for each sentence.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateline.errors import KBError
from dateline.kb import read_data
from dateline.model import Article, Token, Tone
from dateline.pipeline import Context, StageSpec

logger = logging.getLogger(__name__)

_SELF_GROUP = frozenset(
    ["i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"]
)


@dataclass(frozen=True)
class ToneLexicon:
    """Positive and negative word forms (lower case)."""

    positive: frozenset[str]
    negative: frozenset[str]


@functools.lru_cache(maxsize=1)
def load_tone_lexicon() -> ToneLexicon:
    """The packaged tone lexicon, loaded once per process.

    Returns:
        The ToneLexicon.

    Raises:
        KBError: when the file is missing or one polarity is empty.
    """
    text = read_data("tone_lexicon.tsv")
    pos: set[str] = set()
    neg: set[str] = set()
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or cols[1] not in ("+", "-") or not cols[0]:
            logger.warning("tone_lexicon.tsv:%s: bad line %r (skipped)", lineno, line)
            continue
        (pos if cols[1] == "+" else neg).add(cols[0].strip().lower())
    if not pos or not neg:
        raise KBError("tone_lexicon.tsv has no positive or no negative words; reinstall dateline")
    return ToneLexicon(frozenset(pos), frozenset(neg))


def _is_word(t: Token) -> bool:
    return t.pos not in ("PUNCT", "SPACE", "SYM") and any(c.isalnum() for c in t.text)


def _polarity(t: Token, lex: ToneLexicon) -> int:
    low = t.text.lower()
    for form in (low, t.lemma.lower()):
        if form in lex.positive:
            return 1
        if form in lex.negative:
            return -1
    return 0


def _passive(t: Token, deps_of: dict[int, set[str]]) -> bool:
    return bool(deps_of.get(t.i, set()) & {"auxpass", "nsubjpass", "csubjpass"})


def _pct(n: int, total: int) -> float:
    return round(100.0 * n / total, 4) if total else 0.0


def _deps_of(tokens: Sequence[Token]) -> dict[int, set[str]]:
    deps_of: dict[int, set[str]] = {}
    for t in tokens:
        if t.head != t.i:
            deps_of.setdefault(t.head, set()).add(t.dep)
    return deps_of


def _tally(tokens: Sequence[Token], lex: ToneLexicon,
           deps_of: dict[int, set[str]]) -> tuple[int, int, int, int, int]:
    """(words, positive, negative, active verbs, self/group pronouns) of a run of tokens."""
    words = pos = neg = active = selfg = 0
    for t in tokens:
        if not _is_word(t):
            continue
        words += 1
        p = _polarity(t, lex)
        pos += p > 0
        neg += p < 0
        active += t.pos == "VERB" and not _passive(t, deps_of)
        selfg += t.text.lower() in _SELF_GROUP and t.pos == "PRON"
    return words, pos, neg, active, selfg


def _tone(tally: tuple[int, int, int, int, int]) -> Tone:
    words, pos, neg, active, selfg = tally
    positive, negative = _pct(pos, words), _pct(neg, words)
    return Tone(
        tone=round(positive - negative, 4), positive=positive, negative=negative,
        polarity=round(positive + negative, 4), activity=_pct(active, words),
        self_group=_pct(selfg, words), words=words,
    )


def tone_of(tokens: Sequence[Token], lex: ToneLexicon) -> Tone:
    """The seven tone figures of a run of tokens (an article or one sentence).

    Args:
        tokens: the tokens.
        lex: the tone lexicon.

    Returns:
        The Tone.
    """
    return _tone(_tally(tokens, lex, _deps_of(tokens)))


def _sentence_tallies(article: Article, lex: ToneLexicon) -> list[tuple[int, int, int, int, int]]:
    deps_of = _deps_of(article.tokens)
    out = []
    toks = article.tokens
    k = 0
    for s in article.sentences:  # sentence spans and tokens are both in text order
        while k < len(toks) and toks[k].start < s.start:
            k += 1
        j = k
        while j < len(toks) and toks[j].start < s.end:
            j += 1
        out.append(_tally(toks[k:j], lex, deps_of))
        k = j
    return out


def sentence_tones(article: Article, lexicon: ToneLexicon) -> tuple[float, ...]:
    """The ``tone`` figure (positive % - negative %) of each sentence, in sentence order.

    Args:
        article: an article with sentences and tokens.
        lexicon: the tone lexicon.

    Returns:
        One float per ``article.sentences`` entry (0.0 for a sentence with no words).
    """
    return tuple(_tone(t).tone for t in _sentence_tallies(article, lexicon))


def extract_tone(article: Article, lexicon: ToneLexicon) -> Article:
    """Set ``article.tone`` (see the module docstring).

    Args:
        article: an article with tokens.
        lexicon: the tone lexicon.

    Returns:
        The article with ``tone`` set.
    """
    tallies = _sentence_tallies(article, lexicon)
    total = tuple(sum(col) for col in zip(*tallies, strict=True)) if tallies else (0, 0, 0, 0, 0)
    # Tokens outside every sentence (whitespace) are no words, so the sum is the article's.
    return replace(article, tone=_tone(total),
                   sentence_tones=tuple(_tone(t).tone for t in tallies))


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    return extract_tone(article, ctx.get("tone_lexicon", load_tone_lexicon))


STAGE = StageSpec(
    name="tone",
    run=run,
    requires=("article.tokens",),
    assigns=("article.tone", "article.sentence_tones"),
)
