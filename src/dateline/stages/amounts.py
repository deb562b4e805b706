"""Amounts: a number, its unit and what it counts ("96.8 percent of participants").

Numbers are read from the tokens: digits ("6,100", "1.5", "3bn"), number words ("twenty-five",
"one hundred"), scales ("million", "mln", "bn"), vague quantities ("a dozen", "hundreds of",
which take the smallest value they can mean) and ranges ("between 10 and 20", "10-20", which
take the lower bound). A currency sign or word makes the unit an ISO 4217 code ("$", "US$",
"dollars", "dlrs" -> USD); "percent", "per cent", "pct" and "%" make it "percent"; units of
measure ("barrels", "km") make it the unit's name. The object is what is counted: the noun
after "of" ("percent of participants"), after "in" for money ("$2 billion in aid"), or the noun
the number modifies ("three soldiers"). Years, dates, times, ordinals and numbers inside
names (the NER's DATE, TIME, ORDINAL and name spans) are not amounts, nor is a bare number that
counts nothing and has no unit. Tables in ``number_words.tsv``.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from dateline.errors import KBError
from dateline.kb import read_data
from dateline.model import Amount, Article, Token
from dateline.pipeline import Context, StageSpec
from dateline.stages.tokens import TokenIndex

logger = logging.getLogger(__name__)

_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL", "PERSON", "ORG", "GPE", "LOC", "FAC",
                        "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE", "NORP"})
_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([a-zA-Z]{0,3})$")
_QUALIFIERS = ("at least", "more than", "less than", "fewer than", "up to", "as many as",
               "as much as", "nearly", "almost", "about", "around", "some", "over", "roughly",
               "approximately", "an estimated", "at most", "close to", "just over",
               "just under", "under")
_RANGE_WORDS = frozenset({"to", "-", "–", "—", "and", "or"})
_WORD_ONLY_SCALES = frozenset({"m", "b", "k"})  # only glued to digits ("3m"), never alone


@dataclass(frozen=True)
class NumberWords:
    """The tables of number_words.tsv (keys are lower-case word tuples, except symbols)."""

    numbers: Mapping[str, float]
    scales: Mapping[str, float]
    approx: Mapping[tuple[str, ...], float]
    symbols: Mapping[str, str]
    currencies: Mapping[str, str]
    percent: Mapping[tuple[str, ...], str]
    units: Mapping[tuple[str, ...], str]
    first_words: frozenset[str] = frozenset()  # first words of the multi-word tables


@functools.lru_cache(maxsize=1)
def load_number_words() -> NumberWords:
    """The packaged number tables, loaded once per process.

    Returns:
        The NumberWords tables.

    Raises:
        KBError: when the file is missing or a group is empty.
    """
    text = read_data("number_words.tsv")
    groups: dict[str, dict[str, str]] = {k: {} for k in (
        "number", "scale", "approx", "symbol", "currency", "percent", "unit")}
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) < 3 or cols[1] not in groups or not cols[0]:
            logger.warning("number_words.tsv:%s: bad line %r (skipped)", lineno, line)
            continue
        groups[cols[1]][cols[0]] = cols[2]
    if any(not g for g in groups.values()):
        raise KBError("number_words.tsv lacks a group; reinstall dateline")

    def words(g: str) -> dict[tuple[str, ...], str]:
        return {tuple(k.lower().split()): v for k, v in groups[g].items()}

    return NumberWords(
        numbers=MappingProxyType({k.lower(): float(v) for k, v in groups["number"].items()}),
        scales=MappingProxyType({k.lower(): float(v) for k, v in groups["scale"].items()}),
        approx=MappingProxyType({k: float(v) for k, v in words("approx").items()}),
        symbols=MappingProxyType(dict(groups["symbol"])),
        currencies=MappingProxyType({k.lower(): v for k, v in groups["currency"].items()}),
        percent=MappingProxyType(words("percent")),
        units=MappingProxyType(words("unit")),
        first_words=frozenset(k[0] for g in ("approx", "percent", "unit") for k in words(g)),
    )


@dataclass
class _Parse:
    start: int  # first token
    end: int  # one past the last token consumed
    value: float
    unit: str | None = None
    words_only: bool = False  # written in words (bare number words need an object)


def _match(d: TokenIndex, i: int, table: Mapping[tuple[str, ...], object],
           first: frozenset[str]) -> int:
    """Length of the longest key of ``table`` starting at token i (0 if none)."""
    if d.toks[i].text.lower() not in first:
        return 0
    for n in (4, 3, 2, 1):
        if i + n <= len(d.toks) and tuple(t.text.lower() for t in d.toks[i : i + n]) in table:
            return n
    return 0


def _number(d: TokenIndex, nw: NumberWords, i: int) -> tuple[float, int, bool] | None:
    """A number starting at token i: (value, tokens used, written in words)."""
    t = d.toks[i]
    m = _DIGITS.match(t.text)
    if m:
        value = float(m.group(1).replace(",", ""))
        suffix = m.group(2).lower()
        if suffix:
            if suffix not in nw.scales:
                return None  # "5G", "P5", "3D": a name, not a number
            value *= nw.scales[suffix]
        return value, 1, False
    n = _match(d, i, nw.approx, nw.first_words)
    if n:
        return nw.approx[tuple(x.text.lower() for x in d.toks[i : i + n])], n, True
    if t.text.lower() == "a" and i + 1 < len(d.toks) and d.toks[i + 1].text.lower() in (
            "dozen", "hundred", "thousand", "million", "billion", "score"):
        word = d.toks[i + 1].text.lower()
        return (12.0 if word == "dozen" else 20.0 if word == "score" else nw.scales[word]), 2, True
    return _number_words(d, nw, i)


def _number_words(d: TokenIndex, nw: NumberWords, i: int) -> tuple[float, int, bool] | None:
    total = current = 0.0
    j = i
    seen = False
    while j < len(d.toks):
        parts = d.toks[j].text.lower().split("-")
        if all(p in nw.numbers for p in parts if p) and any(parts):
            current += sum(nw.numbers[p] for p in parts if p)
        elif seen and d.toks[j].text.lower() in ("hundred",):
            current *= 100
        elif seen and d.toks[j].text.lower() in ("-", "and") and j + 1 < len(d.toks) and \
                d.toks[j + 1].text.lower() in nw.numbers:
            pass
        else:
            break
        seen = True
        j += 1
    if not seen:
        return None
    return total + current, j - i, True


def _parse(d: TokenIndex, nw: NumberWords, i: int) -> _Parse | None:
    """An amount's number part starting at token i: sign, number, scales, range."""
    start = i
    unit: str | None = None
    n = 1 if d.toks[i].text in nw.symbols else 0
    if n == 0 and d.toks[i].text in ("US", "U.S.", "C", "A", "HK", "NZ") and \
            i + 1 < len(d.toks) and d.toks[i + 1].text == "$":
        n = 2
    if n:
        unit = nw.symbols.get("".join(t.text for t in d.toks[i : i + n])) or nw.symbols.get(
            d.toks[i + n - 1].text)
        i += n
        if i >= len(d.toks):
            return None
    got = _number(d, nw, i)
    if got is None:
        return None
    value, used, words = got
    j = i + used
    value, j = _scales(d, nw, value, j)
    # A range: "between 10 and 20", "10 to 20", "10-20": the lower bound.
    if j + 1 < len(d.toks) and d.toks[j].text.lower() in _RANGE_WORDS and (
        d.toks[j].text.lower() not in ("and", "or") or _between(d, start)
    ):
        k = j + 1
        if k < len(d.toks) and d.toks[k].text in nw.symbols:
            k += 1
        upper = _number(d, nw, k) if k < len(d.toks) else None
        if upper is not None:
            up_value, up_end = _scales(d, nw, upper[0], k + upper[1])
            scale_used = up_value / upper[0] if upper[0] else 1.0
            if value == got[0] and scale_used > 1 and value < upper[0] * 1000:
                value *= scale_used  # "between 2 and 3 million": the scale is shared
            j = up_end
    return _Parse(start, j, value, unit, words)


def _between(d: TokenIndex, start: int) -> bool:
    k = start - 1
    while k >= 0 and d.toks[k].text.lower() in ("of", "some"):
        k -= 1
    return k >= 0 and d.toks[k].text.lower() in ("between", "from")


def _scales(d: TokenIndex, nw: NumberWords, value: float, j: int) -> tuple[float, int]:
    while j < len(d.toks):
        w = d.toks[j].text.lower()
        glued = d.toks[j].start == d.toks[j - 1].end
        if w in nw.scales and (glued or w not in _WORD_ONLY_SCALES):
            value *= nw.scales[w]
            j += 1
        else:
            break
    return value, j


def _unit(d: TokenIndex, nw: NumberWords, p: _Parse) -> None:
    """Consume a percent, currency or unit word after the number."""
    j = p.end
    if j >= len(d.toks):
        return
    n = _match(d, j, nw.percent, nw.first_words)
    if n:
        p.unit, p.end = nw.percent[tuple(t.text.lower() for t in d.toks[j : j + n])], j + n
        return
    k = j + 1 if d.toks[j].text in ("US", "U.S.") else j
    if k < len(d.toks) and d.toks[k].text.lower() in nw.currencies:
        code = nw.currencies[d.toks[k].text.lower()]
        if code.endswith("/100"):
            code = code[:-4]
            p.value /= 100
        p.unit, p.end = code, k + 1
        return
    n = _match(d, j, nw.units, nw.first_words)
    if n and p.unit is None:
        p.unit, p.end = nw.units[tuple(t.text.lower() for t in d.toks[j : j + n])], j + n


def _object(d: TokenIndex, p: _Parse) -> tuple[str | None, int]:
    """What is counted and the token after it: 'of X', money 'in X', or the modified noun."""
    j = p.end
    toks = d.toks
    if j < len(toks) and toks[j].text.lower() == "of" or (
        j < len(toks) and toks[j].text.lower() == "in" and p.unit is not None
        and p.unit.isupper() and len(p.unit) == 3
    ):
        head = _pobj(d, j)
        if head is not None and toks[head].sent == toks[j].sent:
            return toks[head].text, head + 1
        return None, p.end
    if p.unit is not None:  # a share is a share of something: the subject that measures it
        return (_measured_subject(d, p) if p.unit == "percent" else None), p.end
    last = p.end - 1
    head = toks[last].head
    if toks[last].dep in ("nummod", "quantmod", "compound", "amod") and head > last and \
            toks[head].pos in ("NOUN", "PROPN") and head - last <= 4:
        return toks[head].text, head + 1
    for k in range(p.end, min(len(toks), p.end + 3)):  # "6,100 people": a missed nummod
        if toks[k].pos == "NOUN" and all(toks[m].pos in ("ADJ", "NOUN")
                                         for m in range(p.end, k)):
            if k + 1 < len(toks) and toks[k + 1].pos == "NOUN" and toks[k].dep == "compound":
                continue
            return toks[k].text, k + 1
        if toks[k].pos not in ("ADJ", "NOUN"):
            break
    return None, p.end


def _measured_subject(d: TokenIndex, p: _Parse) -> str | None:
    """ "The turnout stood at 83.1 percent": a measure's object is the verb's subject."""
    toks = d.toks
    j = toks[p.end - 1].head
    for _ in range(3):  # up from the number through "at"/"to"/"by" to the verb
        t = toks[j]
        if t.pos in ("VERB", "AUX"):
            for k in d.children[j]:
                if toks[k].dep in ("nsubj", "nsubjpass") and toks[k].pos in ("NOUN", "PROPN"):
                    mods = [m for m in d.children[k] if toks[m].dep == "compound" and m < k]
                    a = min(mods, default=k)
                    return d.stext(a, k + 1)
            return None
        if t.head == j:
            return None
        j = t.head
    return None


def _pobj(d: TokenIndex, prep: int) -> int | None:
    for k in d.children[prep]:
        if d.toks[k].dep == "pobj":
            return k
    for k in range(prep + 1, min(len(d.toks), prep + 5)):
        if d.toks[k].pos in ("NOUN", "PROPN"):
            return k
    return None


def _qualifier_start(d: TokenIndex, start: int) -> int:
    for q in _QUALIFIERS:
        words = q.split()
        a = start - len(words)
        if a >= 0 and [t.text.lower() for t in d.toks[a:start]] == words:
            return a
    if start > 0 and d.toks[start - 1].text.lower() == "between":
        return start - 1
    return start


def _excluded(t: Token) -> bool:
    return t.ent_type in _SKIP_ENTS


def _glued_to_name(d: TokenIndex, nw: NumberWords, i: int) -> bool:
    """'P5+1', 'F-16', 'Su-25': a digit glued to a name is part of the name."""
    if i == 0 or not d.toks[i].text[:1].isdigit():
        return False
    prev = d.toks[i - 1]
    return prev.end == d.toks[i].start and prev.text not in nw.symbols and prev.text not in (
        "(", "[", "$", "~", "US$")


def _year_like(t: Token, p: _Parse) -> bool:
    return (p.unit is None and p.end - p.start == 1 and re.fullmatch(r"1[89]\d\d|20\d\d", t.text)
            is not None)


def extract_amounts(article: Article, nw: NumberWords) -> Article:
    """Find the article's amounts (see the module docstring).

    Args:
        article: an article with tokens.
        nw: the number tables.

    Returns:
        The article with ``amounts`` set.
    """
    if not article.tokens:
        return replace(article, amounts=())
    d = TokenIndex.build(article)
    out: list[Amount] = []
    i = 0
    while i < len(d.toks):
        t = d.toks[i]
        if _excluded(t) or (t.pos == "PUNCT" and t.text not in nw.symbols) or \
                _glued_to_name(d, nw, i):
            i += 1
            continue
        p = _parse(d, nw, i)
        if p is None or any(_excluded(d.toks[k]) for k in range(p.start, p.end)):
            i += 1
            continue
        _unit(d, nw, p)
        obj, end = _object(d, p)
        first = d.toks[p.start if p.unit is None or d.toks[p.start].text not in nw.symbols
                       else min(p.start + 1, len(d.toks) - 1)]
        if (p.unit is None and obj is None) or _year_like(first, p) and obj is None:
            i = p.end if p.words_only else i + 1
            continue
        if first.text.lower() == "one" and obj is not None and d.toks[p.end].text.lower() == "of":
            i = p.end  # "one of the ...": a pronoun, not a count
            continue
        a = _qualifier_start(d, p.start)
        span = (d.toks[a].start, d.toks[end - 1].end)
        out.append(Amount(text=article.text[span[0] : span[1]], span=span, value=p.value,
                          unit=p.unit, object=obj))
        i = max(end, p.end)
    return replace(article, amounts=tuple(out))


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    return extract_amounts(article, ctx.get("number_words", load_number_words))


STAGE = StageSpec(
    name="amounts",
    run=run,
    requires=("article.tokens",),
    assigns=("article.amounts",),
)
