"""TIMES: find time expressions and normalise them to TIMEX3 values against the publication date.

Recognition is a grammar of regular expressions over ``article.text``, built from the word lists
in ``kb/data/time_words.tsv`` (months, weekdays, units, reference words ...) and checked against
the parse: a month name tagged as a modal or heading a person's name is not a month, a unit that
is a compound modifier after "a" is not a duration, a year inside a product name is not a year.
Where rules overlap, the longest match wins. spaCy's entity labels are evidence in those checks
(a year labelled DATE survives before a plural noun; one labelled CARDINAL or MONEY does not; a
weekday inside an EVENT is a name). Proposing the DATE/TIME entities the grammar does not read
as extra expressions was measured on MEANTIME and lowered every score (value F1 0.849 -> 0.835:
they are mostly ages, prices and index levels), so only the grammar proposes spans.

Normalisation follows TimeML (TIMEX3 values) relative to the document creation time (DCT, the
publication date):

* a bare weekday, month, quarter or season is placed by the tense of the verb governing it:
  "arrived on Tuesday" is the latest Tuesday up to the DCT, "will meet on Friday" the next one
  ("is scheduled to", "is expected to" count as future; "has" + participle as past);
* "a day earlier", "the previous year", "the next day", "that time" count from the anchor, the
  latest date mentioned in the same or the previous sentence that is fine enough (else the DCT);
* "last year", "next week", "two years ago", "this morning" count from the DCT.

Without a DCT the values stay underspecified ("XXXX-05", "XXXX-WXX-2", "XXXX"), though
expressions anchored on a date in the text still resolve. The stage is pure: the grammar is
built once from packaged data and handed in (``run`` takes it from the pipeline context).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from dateline.errors import KBError
from dateline.kb import read_data
from dateline.model import Article, Span, TimeRef, Token
from dateline.pipeline import Context, StageSpec

PAST, FUTURE = "past", "future"
_GRAN = MappingProxyType({"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour",
                          "MIN": "minute", "S": "second", "Q": "quarter", "DE": "decade",
                          "CE": "century", "X": "unknown"})
_UNIT_CODE = MappingProxyType({"year": "Y", "month": "M", "week": "W", "weekend": "W",
                               "quarter": "Q", "decade": "DE", "century": "CE", "day": "D",
                               "fiscal year": "Y", "financial year": "Y"})
_SEASON_START = MappingProxyType({"SP": 3, "SU": 6, "FA": 9, "WI": 12})
_VALUE_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_VALUE_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_VALUE_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


# --------------------------------------------------------------------------- word lists

@dataclass(frozen=True)
class TimeWords:
    """The word lists of time_words.tsv, by kind: lowercase phrase -> value."""

    kinds: Mapping[str, Mapping[str, str]]

    def get(self, kind: str, phrase: str) -> str | None:
        return self.kinds.get(kind, {}).get(" ".join(phrase.lower().split()))

    def alt(self, *kinds: str) -> str:
        """A regex matching the phrases of ``kinds`` (a trie: far faster than a flat list)."""
        return _trie_regex({w for k in kinds for w in self.kinds.get(k, {})})

    def __reduce__(self) -> tuple[Any, ...]:
        # mappingproxy cannot be pickled; rebuild from plain dicts (e.g. on a Dask worker).
        return (_time_words, ({k: dict(v) for k, v in self.kinds.items()},))


def _time_words(kinds: dict[str, dict[str, str]]) -> TimeWords:
    return TimeWords(MappingProxyType({k: MappingProxyType(v) for k, v in kinds.items()}))


def parse_time_words(text: str) -> TimeWords:
    """Parse time_words.tsv: kind, words (``|`` between variants), value; ``#`` comments.

    Raises:
        KBError: on a malformed line or when a required kind is missing.
    """
    kinds: dict[str, dict[str, str]] = {}
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\r").split("\t")
        if len(cols) < 3 or not cols[0] or not cols[1] or not cols[2]:
            raise KBError(f"time_words.tsv:{lineno}: expected kind, words and value; fix the line")
        for word in cols[1].split("|"):
            kinds.setdefault(cols[0], {})[" ".join(word.lower().split())] = cols[2]
    missing = {"month", "weekday", "number", "unit", "ref", "set", "approx", "future"} - set(kinds)
    if missing:
        raise KBError(f"time_words.tsv lacks {', '.join(sorted(missing))}; reinstall dateline")
    return _time_words(kinds)


def _trie_regex(words: set[str]) -> str:
    """One regex for a set of phrases, sharing prefixes; longer phrases are tried first."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, Any]) -> str:
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + walk(sub)
                    for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + walk(trie) + ")"


# --------------------------------------------------------------------------- the grammar

@dataclass(frozen=True)
class Rule:
    """One grammar rule: a name (which resolver reads it) and its compiled pattern."""

    name: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class TimeGrammar:
    """The compiled rules plus the word lists they were built from (immutable, picklable)."""

    words: TimeWords
    rules: tuple[Rule, ...]
    future: frozenset[str]  # lemmas that put what they govern in the future


def _pieces(w: TimeWords) -> dict[str, str]:
    """Sub-patterns the rules are written with."""
    dotted = sorted(k for k in w.kinds.get("monthabbr", {}) if k.endswith("."))
    year = r"(?:1[5-9]\d\d|20\d\d)(?!\d)"
    numw = w.alt("number")
    tens = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
            r"(?:one|two|three|four|five|six|seven|eight|nine)")
    vague = r"(?:a\s+few|few|several|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of)"
    zone = w.alt("zone")
    wd = w.alt("weekday")
    dayword = r"(?:today|tonight|yesterday|tomorrow)"
    return {
        "mon": "(?:" + w.alt("month") + "|" + "|".join(re.escape(k) for k in dotted) + ")",
        "mona": w.alt("month", "monthabbr"), "wd": wd, "year": year, "numw": numw,
        "day": r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])", "tens": tens,
        "num": rf"(?:\d+(?:\.\d+)?|{tens}|{numw}|{vague})(?:\s+and\s+a\s+half)?",
        "unit": w.alt("unit"), "approx": w.alt("approx"), "pod": w.alt("partofday"),
        "season": w.alt("season"), "dayword": dayword,
        "mod": (r"(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close|turn|"
                r"rest|remainder|latter\s+part|early\s+part|bulk)\s+of)"),
        "rel": (r"(?:this|last|next|past|coming|current|previous|following|same|prior|preceding|"
                r"that|the\s+(?:last|next|past|coming|current|previous|following|same|prior|"
                r"preceding))"),
        "yref": (rf"(?:{year}|this\s+year|last\s+year|next\s+year|the\s+year|"
                 rf"(?:fiscal|FY)\s*{year})"),
        "ampm": r"(?P<ap>[ap]\.\s?m\.|[ap]m\b)",
        "tz": (rf"(?:\s*\(?(?P<tz>{zone})(?:\s*(?P<off>[+-]\s*\d{{1,2}}))?\)?|"
               r"\s+local\s+time)"),
        "tday": rf"(?:,?\s+(?:on\s+)?(?P<tday>{wd}|{dayword}))",
    }


def _specs(p: dict[str, str], w: TimeWords) -> list[tuple[str, str]]:
    """(rule name, pattern) in priority order: the grammar itself, not knowledge about words."""
    return [
        ("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
        ("numeric", r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})"),
        ("mdy", (rf"(?:(?P<wd>{p['wd']}),?\s+)?(?:(?P<mod>{p['mod']})\s+)?(?P<mon>{p['mona']})"
                 rf"\s+(?P<d>{p['day']})(?:,?\s+(?P<y>{p['year']}))?")),
        ("dmy", (rf"(?:(?P<wd>{p['wd']}),?\s+)?(?:the\s+)?(?P<d>{p['day']})(?:\s+of)?\s+"
                 rf"(?P<mon>{p['mona']})(?:,?\s+(?P<y>{p['year']}))?")),
        ("month", (rf"(?:(?P<mod>{p['mod']})[\s-]+)?(?:(?P<rel>{p['rel']})\s+)?(?P<mon>{p['mon']})"
                   rf"(?:(?:,|\s+of)?\s+(?P<y>{p['year']})|(?:\s+of)?\s+"
                   r"(?P<yrel>this|last|next)\s+year)?")),
        ("year", rf"(?:(?P<mod>{p['mod']})[\s-]+)?(?:the\s+year\s+)?(?P<y>{p['year']})"),
        ("fiscal", (rf"(?:(?P<mod>{p['mod']})\s+)?(?:fiscal(?:\s+year)?|FY)\s*"
                    rf"(?P<y>{p['year']}|'?\d\d)")),
        ("year2", (r"(?:(?<=since\s)|(?<=in\s)|(?<=of\s)|(?<=from\s)|(?<=until\s))"
                   r"['’‘](?P<yy>\d\d)")),
        ("decade", (r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]?)?"
                    r"(?P<dec>(?:1[5-9]|20)\d0|['’]?\d0)['’]?s")),
        ("century", (r"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]?)?(?P<n>\d{1,2})"
                     r"(?:st|nd|rd|th)[\s-]century")),
        ("quarter", (r"(?:the\s+)?(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
                     rf"[\s-](?P<u>quarter|half)(?:\s+(?:of\s+)?(?P<of>{p['yref']}))?")),
        ("qcode", rf"(?P<u>Q|H)(?P<n>[1-4])(?:\s+(?P<y>{p['year']}))?"),
        ("season", (rf"(?:(?P<mod>{p['mod']})\s+)?(?:(?P<rel>{p['rel']}|the)\s+)?"
                    rf"(?P<s>{p['season']})(?:(?:\s+of)?\s+(?P<y>{p['year']}))?")),
        ("relunit", (rf"(?:(?P<mod>{p['mod']})\s+)?(?P<rel>{p['rel']})\s+(?P<u>year|month|week|"
                     r"weekend|quarter|decade|century|day|(?:fiscal|financial)\s+year)")),
        ("nthday", (r"(?:a|the)\s+(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                    r"tenth|\d+(?:st|nd|rd|th))\s+(?:(?:straight|consecutive|successive)\s+)?"
                    r"(?P<u>day|week|month|year|quarter)(?:\s+in\s+a\s+row)?")),
        ("theunit", (rf"(?:(?P<mod>{p['mod']}|(?:late|early|later|earlier)\s+in)\s+)?the\s+"
                     r"(?:(?:entire|whole|full)\s+)?(?P<u>day|year|weekend|week|month)"
                     r"(?:\s+(?P<dir>before|after|previous|earlier|prior|later))?")),
        ("ago", (rf"(?:(?P<approx>{p['approx']})\s+)?(?P<n>{p['num']})\s+(?P<u>{p['unit']})\s+"
                 r"(?P<dir>ago|earlier|later|before|after|previously|from\s+now|hence|prior)")),
        ("deictic", (rf"(?:(?P<mod>earlier|later|late|early)\s+)?(?P<w>{p['dayword']}|the\s+day"
                     rf"\s+(?:before\s+yesterday|after\s+tomorrow)|(?:this|last)(?=\s+{p['pod']}))"
                     rf"(?:\s+(?P<pod>{p['pod']}))?")),
        ("weekday", (r"(?:(?P<rel>last|next|this|coming|past|previous|following)\s+)?"
                     rf"(?P<wd>{p['wd']})(?:\s+(?P<pod>{p['pod']}))?")),
        ("weekdays", rf"(?P<wd>{p['wd']})s"),
        ("clock", (r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?\s*"
                   rf"{p['ampm']}?{p['tz']}?{p['tday']}?")),
        ("clock", (rf"(?P<h>1[0-2]|0?[1-9])(?:\.(?P<mi>[0-5]\d))?\s*{p['ampm']}{p['tz']}?"
                   rf"{p['tday']}?")),
        ("clock", (r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:hours|hrs|"
                   rf"(?P<tz>{w.alt('zone')})){p['tday']}?")),
        ("clock", rf"(?P<w>noon|midday|midnight){p['tday']}?"),
        ("duration", (rf"(?:(?P<approx>{p['approx']})\s+)?(?P<n>{p['num']})\s+(?:(?:straight|"
                      r"consecutive|full|whole|more|additional|extra|further|trading|business|"
                      rf"working|calendar|successive|long|short|separate)\s+)?(?P<u>{p['unit']})")),
        ("adjdur", rf"(?P<n>\d+(?:\.\d+)?|{p['tens']}|{p['numw']})-(?P<u>{p['unit']})(?:-long)?"),
        ("adjdur", rf"(?P<n>\d+)\s+(?P<u>{p['unit']})-long"),
        ("vague", (r"(?:(?P<pre>recent|past|the\s+past|over\s+the)\s+)?"
                   r"(?P<u>years|months|weeks|decades|days|hours|minutes)(?:-long)?")),
        ("setword", w.alt("set")),
        ("freq", (rf"(?:(?P<f>once|twice|thrice|\d+\s+times|{p['numw']}\s+times)\s+)?"
                  rf"(?:a|an|per|each|every)\s+(?:(?P<n>{p['num']})\s+)?"
                  rf"(?P<u>{p['unit']}|{p['wd']}|{p['pod']})")),
        ("ref", w.alt("ref")),
        ("holiday", rf"(?P<hol>{w.alt('holiday')})(?:\s+(?P<y>{p['year']}))?"),
        ("thattime", r"that\s+(?:time|date)"),
        ("sameperiod", (r"the\s+same\s+(?P<u>period|month|quarter|week|day|time|season)\s+"
                        r"(?:of\s+)?(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|"
                        r"the\s+(?:last|previous|prior)\s+year|the\s+year\s+before)")),
        ("numrange", rf"(?P<n>{p['num']})(?=\s+(?:and|or|to)\s+{p['num']}\s+(?P<u>{p['unit']}))"),
    ]


def build_grammar(words: TimeWords) -> TimeGrammar:
    """Compile the recognition rules from the word lists."""
    rules = tuple(
        # Never start inside a word, a price ("$2014"), a number ("1.2014") or a path.
        Rule(name, re.compile(rf"(?<![\w$#£€@./])(?:{pat})(?!\w)", re.IGNORECASE))
        for name, pat in _specs(_pieces(words), words)
    )
    return TimeGrammar(words, rules, frozenset(words.kinds.get("future", {})))


@functools.lru_cache(maxsize=1)
def load_time_grammar() -> TimeGrammar:
    """The packaged word lists compiled into a grammar (once per process).

    Raises:
        KBError: when time_words.tsv is missing or malformed.
    """
    text = read_data("time_words.tsv")
    return build_grammar(parse_time_words(text))


# --------------------------------------------------------------------------- values

@dataclass(frozen=True, slots=True)
class Normalized:
    """A TIMEX3 reading of one expression."""

    type: str
    value: str
    granularity: str


@dataclass(frozen=True, slots=True)
class Clue:
    """What a value is resolved against: the DCT, the governing tense, the nearby dates."""

    dct: dt.date | None = None
    tense: str | None = None  # PAST | FUTURE | None
    anchors: tuple[str, ...] = ()  # TIMEX3 values of the dates mentioned nearby, latest first
    local: tuple[str, ...] = ()  # those of them in the expression's own sentence


def normalize(text: str, dct: str | None = None, tense: str | None = None,
              anchor: str | None = None, grammar: TimeGrammar | None = None) -> Normalized | None:
    """Normalise one whole time expression without a parse (so no parse-based checks).

    Args:
        text: the expression, e.g. "last year", "a day earlier", "March 17, 2014".
        dct: the publication date YYYY-MM-DD, or None.
        tense: ``PAST`` or ``FUTURE`` for the governing verb, when known.
        anchor: the TIMEX3 value relative expressions count from (else the DCT).
        grammar: the compiled grammar (default: the packaged one).

    Returns:
        The type, value and granularity, or None when no rule reads the whole text.
    """
    g = grammar or load_time_grammar()
    clue = Clue(_date(dct), tense, (anchor,) if anchor else ())
    for rule in g.rules:
        m = rule.pattern.fullmatch(text.strip())
        if m and (norm := _resolve(rule.name, m, clue, g.words)) is not None:
            return norm
    return None


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _num(text: str, w: TimeWords) -> float | None:
    """The value of a number phrase ("12", "three", "twenty-five", "two and a half")."""
    t = " ".join(text.lower().split())
    half = 0.5 if t.endswith(" and a half") else 0.0
    t = t.removesuffix(" and a half")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    if (v := w.get("number", t)) is not None:
        return float(v) + half
    parts = re.split(r"[- ]", t)
    values = [w.get("number", part) for part in parts]
    if len(parts) == 2 and all(values):
        return sum(float(v or 0) for v in values) + half
    return None  # vague: "several", "a few"


def _unit(text: str, w: TimeWords) -> tuple[int, str]:
    """(multiplier, TIMEX3 unit) of a unit word: "years" -> (1, "Y"), "fortnight" -> (2, "W")."""
    code = w.get("unit", text) or "X"
    m = re.match(r"^(\d+)(\D+)$", code)
    return (int(m.group(1)), m.group(2)) if m else (1, code)


def _period(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: P3Y, PT48H, P2.5Y, PXY (amount unknown), P10Y (a decade)."""
    if unit in ("DE", "CE") and n is not None:
        n, unit = n * (10 if unit == "DE" else 100), "Y"
    amount = "X" if n is None else (str(int(n)) if n == int(n) else f"{n:g}")
    if unit in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if unit == 'MIN' else unit}"
    return f"P{amount}{unit}"


def _parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date value; a week or quarter gives its first month (day)."""
    if not value:
        return None
    if m := _VALUE_DATE.match(value):
        return int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
    if m := _VALUE_WEEK.match(value):
        try:
            d = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return d.year, d.month, d.day
    if m := _VALUE_QUARTER.match(value):
        return int(m[1]), 3 * int(m[2]) - 2, None
    return None


def _week(d: dt.date) -> str:
    y, wk, _ = d.isocalendar()
    return f"{y}-W{wk:02d}"


def shift(base: str | None, unit: str, n: int) -> str | None:
    """The ``unit``-grained value ``n`` units after ``base`` (a TIMEX3 date value).

    Args:
        base: e.g. "2014-03-17", "2015-05", "2015", "2015-W20", "2015-Q2".
        unit: Y, M, W, D, Q, DE or CE.
        n: how many units (negative: before).

    Returns:
        e.g. ``shift("2014-03-17", "D", -1) == "2014-03-16"``,
        ``shift("2015-05-12", "W", 1) == "2015-W21"``; None when ``base`` is too coarse.
    """
    p = _parts(base)
    if p is None:
        return None
    y, mo, d = p
    if not 1 <= y + n * {"Y": 1, "DE": 10, "CE": 100}.get(unit, 0) <= 9999:
        return None
    if unit in ("Y", "DE", "CE"):
        step = {"Y": 1, "DE": 10, "CE": 100}[unit]
        return f"{y + step * n:04d}"[:{"Y": 4, "DE": 3, "CE": 2}[unit]]
    if mo is None:
        return None
    if unit in ("M", "Q"):
        per = 12 if unit == "M" else 4
        k = y * per + (mo - 1) // (1 if unit == "M" else 3) + n
        return f"{k // per:04d}-{k % per + 1:02d}" if unit == "M" else f"{k // 4:04d}-Q{k % 4 + 1}"
    if d is None:
        return None
    try:
        day = dt.date(y, mo, d)
        return _week(day + dt.timedelta(weeks=n)) if unit == "W" else (
            (day + dt.timedelta(days=n)).isoformat() if unit == "D" else None)
    except (ValueError, OverflowError):
        return None


def _base(c: Clue, anchored: bool, unit: str = "Y") -> str | None:
    """What a relative expression counts from: the latest anchor fine enough for ``unit``
    when ``anchored``, else the DCT."""
    if anchored:
        for a in c.anchors:
            if shift(a, unit, 0) is not None:
                return a
    return c.dct.isoformat() if c.dct else None


def _unknown(unit: str) -> str:
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "Q": "XXXX-QX",
            "DE": "XXX", "CE": "XX"}.get(unit, "XXXX-XX-XX")


def _pick_year(dct: dt.date, tense: str | None, key: tuple[int, ...], now: tuple[int, ...],
               rel: str = "") -> int:
    """The year of a yearless month/day/quarter/season: by "last/next/this", else by tense."""
    y = dct.year
    rel = " ".join(rel.lower().split()).removeprefix("the ")
    if rel in ("last", "past", "previous", "prior", "preceding"):
        return y if key < now else y - 1
    if rel in ("next", "coming", "following"):
        return y if key > now else y + 1
    if rel in ("this", "current", "same") or tense is None:
        return y
    if tense == FUTURE:
        return y if key >= now else y + 1
    return y if key <= now else y - 1


def weekday_date(dct: dt.date, weekday: int, tense: str | None, rel: str = "") -> dt.date:
    """The date of a named weekday (1 = Monday) relative to the DCT.

    "last"/"next" are strictly before/after the DCT and "this" is in the DCT's week; otherwise a
    future tense gives the next such day (the DCT included) and anything else the latest one up
    to the DCT (news mostly reports what happened; wire style names today's weekday too).
    """
    rel = rel.lower()
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if rel in ("last", "past", "previous"):
        return dct - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "following"):
        return dct + dt.timedelta(days=ahead or 7)
    if rel == "this":
        return dct + dt.timedelta(days=weekday - dct.isoweekday())
    return dct + dt.timedelta(days=ahead) if tense == FUTURE else dct - dt.timedelta(days=back)


def _day_value(y: int | None, mo: int, d: int) -> str | None:
    """YYYY-MM-DD (XXXX-MM-DD without a year) when that day exists, else None."""
    try:
        dt.date(y or 2000, mo, d)  # 2000 is a leap year: "February 29" without a year is fine
    except ValueError:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}" if y else f"XXXX-{mo:02d}-{d:02d}"


def granularity_of(value: str) -> str:
    """The granularity a TIMEX3 date value carries ("2015-05" -> "month")."""
    checks = ((r"_REF$", "ref"), (r"T", "time"), (r"-WE$", "weekend"), (r"-W\d\d$", "week"),
              (r"-Q\d$", "quarter"), (r"-H\d$", "half"), (r"-(?:SP|SU|FA|WI)$", "season"),
              (r"^FY", "fiscal-year"), (r"-\d\d-\d\d$", "day"), (r"-\d\d$", "month"),
              (r"^\d{4}$", "year"), (r"^\d{3}$", "decade"), (r"^\d{2}$", "century"))
    return next((g for pat, g in checks if re.search(pat, value)), "unknown")


# --------------------------------------------------------------------------- resolvers
# Each reads one rule's match (its named groups ``g``) against a Clue; None means "not a
# time expression after all".

Groups = dict[str, str]


def _r_iso(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    value = _day_value(int(g["y"]), int(g["m"]), int(g["d"]))
    return Normalized("DATE", value, "day") if value else None


def _r_numeric(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    mo, d = (a, b) if a <= 12 else (b, a)  # US month/day, unless the first cannot be a month
    if len(g["y"]) == 2:
        y += 1900 if y > ((c.dct.year % 100 + 10) if c.dct else 30) else 2000
    value = _day_value(y, mo, d)
    return Normalized("DATE", value, "day") if value else None


def _month_no(text: str, w: TimeWords) -> int | None:
    v = w.get("month", text) or w.get("monthabbr", text) or w.get("monthabbr", text + ".")
    return int(v) if v else None


def _r_daymonth(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    mo, d = _month_no(g["mon"], w), int(re.sub(r"\D", "", g["d"]))
    if mo is None or not g["mon"][0].isupper():
        return None
    y = int(g["y"]) if "y" in g else (
        _pick_year(c.dct, c.tense, (mo, d), (c.dct.month, c.dct.day)) if c.dct else None)
    value = _day_value(y, mo, d)
    return Normalized("DATE", value, "day") if value else None


def _r_month(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    mo = _month_no(g["mon"], w)
    if mo is None or not g["mon"][0].isupper():
        return None
    y: int | None = None
    if "y" in g:
        y = int(g["y"])
    elif c.dct:
        y = c.dct.year + {"last": -1, "next": 1}.get(g["yrel"].lower(), 0) if "yrel" in g else \
            _pick_year(c.dct, c.tense, (mo,), (c.dct.month,), g.get("rel", ""))
    return Normalized("DATE", f"{y:04d}-{mo:02d}" if y else f"XXXX-{mo:02d}", "month")


def _r_year(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    return Normalized("DATE", g["y"], "year")


def _r_fiscal(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    y = g["y"].lstrip("'")
    y = (("19" if int(y) > 50 else "20") + y) if len(y) == 2 else y
    return Normalized("DATE", f"FY{y}", "fiscal-year")


def _r_year2(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    yy = int(g["yy"])
    century = 2000 if yy <= (c.dct.year % 100 if c.dct else 30) else 1900
    return Normalized("DATE", str(century + yy), "year")


def _r_decade(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    dec = g["dec"].lstrip("'’")
    if len(dec) == 2:
        dec = ("19" if not c.dct or int(dec) > c.dct.year % 100 else "20") + dec
    return Normalized("DATE", dec[:3], "decade")


def _r_century(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    n = int(g["n"])
    return Normalized("DATE", f"{n - 1:02d}", "century") if 1 <= n <= 21 else None


def _r_quarter(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    half = g["u"].lower() == "half"
    top = 2 if half else 4
    n = int(w.get("ordinal", g["ord"]) or 0)
    n = top if n == -1 else n  # "the final quarter"
    if not 1 <= n <= top:
        return None
    code = f"{'H' if half else 'Q'}{n}"
    y: int | None = None
    if "of" in g:
        of = " ".join(g["of"].lower().split())
        if m := re.search(r"\d{4}", of):
            y = int(m.group(0))
        elif c.dct:
            y = c.dct.year + {"last year": -1, "next year": 1}.get(of, 0)
    elif c.dct:
        now = (c.dct.month - 1) // (6 if half else 3) + 1
        y = _pick_year(c.dct, c.tense, (n,), (now,))
    return Normalized("DATE", f"{y:04d}-{code}" if y else f"XXXX-{code}",
                      "half" if half else "quarter")


def _r_qcode(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    if not g["u"].isupper():
        return None
    y = g.get("y") or (str(c.dct.year) if c.dct else "XXXX")
    return Normalized("DATE", f"{y}-{g['u']}{g['n']}", "quarter" if g["u"] == "Q" else "half")


def _r_season(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    code = w.get("season", g["s"]) or ""
    if g["s"].lower() == "fall" and not (g.get("rel") or g.get("y")):
        return None  # "fall" is a verb far more often than a season
    y: int | None = int(g["y"]) if "y" in g else None
    if y is None and c.dct:
        now = c.dct.month if c.dct.month >= 3 else c.dct.month + 12  # January is still winter
        y = _pick_year(c.dct, c.tense, (_SEASON_START[code],), (now,), g.get("rel", ""))
    return Normalized("DATE", f"{y:04d}-{code}" if y else f"XXXX-{code}", "season")


_REL_OFFSET = MappingProxyType({
    "this": 0, "current": 0, "same": 0, "that": 0, "last": -1, "past": -1, "previous": -1,
    "prior": -1, "preceding": -1, "next": 1, "coming": 1, "following": 1,
})


def _r_relunit(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    rel = " ".join(g["rel"].lower().split())
    u = " ".join(g["u"].lower().split())
    word, the = rel.removeprefix("the "), rel.startswith("the ")
    if u == "day" and not the and word != "that":
        return None  # "next day" without an article is not a reading we trust
    code = _UNIT_CODE[u]
    if the and word == "past" and u != "weekend" and "mod" not in g:
        return Normalized("DURATION", _period(1, code), _GRAN[code])  # "the past year"
    # "the previous/following/same X" and "that X" count from the anchor; "next X" from the DCT.
    anchored = word == "that" or (the and word in ("previous", "following", "same", "prior",
                                                   "preceding", "next"))
    value = shift(_base(c, anchored, code), code, _REL_OFFSET[word]) or _unknown(code)
    if u == "weekend":
        value += "-WE"
    if u.endswith(" year") and value[:1].isdigit():
        value, u = "FY" + value, "fiscal-year"
    return Normalized("DATE", value, u)


def _r_theunit(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    d = g.get("dir", "").lower()
    if g["u"].lower() == "weekend":
        sat = weekday_date(c.dct, 6, c.tense) if c.dct else None
        value = f"{_week(sat)}-WE" if sat else "XXXX-WXX-WE"
        return None if d else Normalized("DATE", value, "weekend")
    code = _UNIT_CODE[g["u"].lower()]
    n = -1 if d in ("before", "previous", "earlier", "prior") else 1 if d else 0
    return Normalized("DATE", shift(_base(c, True, code), code, n) or _unknown(code), _GRAN[code])


def _r_ago(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    mult, code = _unit(g["u"], w)
    n = _num(g["n"], w)
    d = " ".join(g["dir"].lower().split())
    sign = -1 if d in ("ago", "earlier", "before", "previously", "prior") else 1
    anchored = d not in ("ago", "from now", "hence")
    if n is None or n != int(n):
        return Normalized("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "ref")
    if code in ("H", "MIN", "S"):  # "three hours later": that day
        return Normalized("DATE", shift(_base(c, anchored, "D"), "D", 0) or "XXXX-XX-XX", "day")
    step, unit = (7 * int(n) * mult, "D") if code == "W" else (int(n) * mult, code)
    value = shift(_base(c, anchored, unit), unit, sign * step) or _unknown(unit)
    return Normalized("DATE", value, _GRAN[unit])


def _r_deictic(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    word = " ".join(g["w"].lower().split())
    pod = w.get("partofday", g["pod"]) if "pod" in g else None
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2}.get(word, 0)
    if word == "tonight":
        pod = "NI"
    elif word == "last":  # "last night" is yesterday's; "last evening" too
        offset = -1
    if word in ("this", "last") and pod is None:
        return None
    value = shift(_base(c, False), "D", offset) or "XXXX-XX-XX"
    return Normalized("TIME", f"{value}T{pod}", "time") if pod else Normalized("DATE", value, "day")


def _r_weekday(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    wd = w.get("weekday", g["wd"])
    if wd is None or not g["wd"][0].isupper():
        return None
    pod = w.get("partofday", g["pod"]) if "pod" in g else None
    value = (weekday_date(c.dct, int(wd), c.tense, g.get("rel", "")).isoformat() if c.dct
             else f"XXXX-WXX-{wd}")
    return Normalized("TIME", f"{value}T{pod}", "time") if pod else Normalized("DATE", value, "day")


def _r_weekdays(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    wd = w.get("weekday", g["wd"])
    return Normalized("SET", f"XXXX-WXX-{wd}", "day") if wd and g["wd"][0].isupper() else None


def _r_clock(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    if "w" in g:
        hhmm = "24:00" if g["w"].lower() == "midnight" else "12:00"
    else:
        h = int(g["h"])
        ap = g.get("ap", "").lower().replace(".", "").replace(" ", "")
        h = h + 12 if ap == "pm" and h < 12 else 0 if ap == "am" and h == 12 else h
        hhmm = f"{h:02d}:{g.get('mi', '00')}"
    zone = w.get("zone", g["tz"]) or "" if "tz" in g else ""
    if zone == "Z" and "off" in g:  # "GMT+8"
        zone = f"{int(g['off'].replace(' ', '')):+03d}"
    day = None
    if "tday" in g:
        wd = w.get("weekday", g["tday"])
        if wd is not None:
            day = weekday_date(c.dct, int(wd), c.tense).isoformat() if c.dct else None
        else:
            day = shift(_base(c, False), "D", {"yesterday": -1, "tomorrow": 1}.get(
                g["tday"].lower(), 0))
    # A clock time belongs to a day named in its own sentence, else to the DCT.
    day = day or shift(_base(replace(c, anchors=c.local), True, "D"), "D", 0)
    return Normalized("TIME", f"{day or 'XXXX-XX-XX'}T{hhmm}{zone}", "time")


def _r_duration(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    mult, code = _unit(g["u"], w)
    n = _num(g["n"], w)
    if code == "X" or (code == "Q" and (n is None or n < 2)):
        return None  # "a quarter of its dealers" is a fraction
    return Normalized("DURATION", _period(None if n is None else n * mult, code), _GRAN[code])


def _r_vague(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    code = _unit(g["u"], w)[1]
    return Normalized("DURATION", "PXDE" if code == "DE" else _period(None, code), _GRAN[code])


def _r_setword(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    value = w.get("set", g["_text"]) or ""
    return Normalized("SET", value, _GRAN.get(value[-1:], "unknown")) if value else None


def _r_freq(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    u = g["u"]
    if (wd := w.get("weekday", u)) is not None:
        return Normalized("SET", f"XXXX-WXX-{wd}", "day") if u[0].isupper() else None
    if (pod := w.get("partofday", u)) is not None:
        return Normalized("SET", f"XXXX-XX-XXT{pod}", "time")
    mult, code = _unit(u, w)
    n = _num(g["n"], w) if "n" in g else 1.0
    return Normalized("SET", _period(None if n is None else n * mult, code), _GRAN[code])


def _r_ref(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    value = w.get("ref", g["_text"])
    return Normalized("DATE", value, "ref") if value else None


def _r_holiday(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    mmdd = w.get("holiday", g["hol"])
    if mmdd is None or not g["hol"][0].isupper():
        return None
    mo, d = (int(x) for x in mmdd.split("-"))
    y = g.get("y") or (str(_pick_year(c.dct, c.tense, (mo, d), (c.dct.month, c.dct.day)))
                       if c.dct else "XXXX")
    return Normalized("DATE", f"{y}-{mmdd}", "day")


def _r_nthday(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    """ "For a third straight day": the day (week ...) being reported, the anchor or the DCT."""
    code = _UNIT_CODE[g["u"].lower()]
    return Normalized("DATE", shift(_base(c, True, code), code, 0) or _unknown(code), _GRAN[code])


def _r_thattime(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    return Normalized("DATE", c.anchors[0], granularity_of(c.anchors[0])) if c.anchors else None


def _r_sameperiod(g: Groups, c: Clue, w: TimeWords) -> Normalized | None:
    """ "The same month a year ago": the anchor's stretch, a year before."""
    code = {"month": "M", "quarter": "Q", "week": "W", "day": "D"}.get(g["u"].lower())
    base = _base(c, True, code or "Y")
    value = (shift(base, code, 0) if code else base) if base else None
    if value is None or not value[:4].isdigit():
        return None
    value = f"{int(value[:4]) - 1:04d}{value[4:]}"
    return Normalized("DATE", value, granularity_of(value))


Resolver = Callable[[Groups, Clue, TimeWords], Normalized | None]
_RESOLVERS: Mapping[str, Resolver] = MappingProxyType({
    "iso": _r_iso, "numeric": _r_numeric, "mdy": _r_daymonth, "dmy": _r_daymonth,
    "month": _r_month, "year": _r_year, "fiscal": _r_fiscal, "year2": _r_year2,
    "decade": _r_decade, "century": _r_century, "quarter": _r_quarter, "qcode": _r_qcode,
    "season": _r_season, "relunit": _r_relunit, "theunit": _r_theunit, "ago": _r_ago,
    "deictic": _r_deictic, "weekday": _r_weekday, "weekdays": _r_weekdays, "clock": _r_clock,
    "duration": _r_duration, "adjdur": _r_duration, "vague": _r_vague, "setword": _r_setword,
    "freq": _r_freq, "ref": _r_ref, "holiday": _r_holiday, "thattime": _r_thattime,
    "sameperiod": _r_sameperiod, "numrange": _r_duration, "nthday": _r_nthday,
})


def _resolve(name: str, m: re.Match[str], c: Clue, w: TimeWords) -> Normalized | None:
    groups = {k: v for k, v in m.groupdict().items() if v is not None}
    groups["_text"] = m.group(0)
    return _RESOLVERS[name](groups, c, w)


# --------------------------------------------------------------------------- the parse

@dataclass(frozen=True)
class _Parse:
    """Token lookups for one article: offsets -> tokens, children, sentence of an offset."""

    toks: tuple[Token, ...]
    starts: tuple[int, ...]
    kids: tuple[tuple[int, ...], ...]
    sent_starts: tuple[int, ...]

    @classmethod
    def build(cls, art: Article) -> _Parse:
        kids: list[list[int]] = [[] for _ in art.tokens]
        for t in art.tokens:
            if t.head != t.i and 0 <= t.head < len(kids):
                kids[t.head].append(t.i)
        return cls(art.tokens, tuple(t.start for t in art.tokens),
                   tuple(tuple(k) for k in kids), tuple(s.start for s in art.sentences) or (0,))

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def tokens_in(self, span: Span) -> list[Token]:
        lo, hi = bisect.bisect_left(self.starts, span[0]), bisect.bisect_left(self.starts, span[1])
        return [t for t in self.toks[lo:hi] if t.end <= span[1]]

    def before(self, char: int) -> Token | None:
        lo = bisect.bisect_left(self.starts, char)
        return self.toks[lo - 1] if lo > 0 else None

    def after(self, char: int) -> Token | None:
        hi = bisect.bisect_left(self.starts, char)
        return self.toks[hi] if hi < len(self.toks) else None


_PERFECT = frozenset({"have", "has", "had", "'ve"})


def governing_tense(p: _Parse, span: Span, future: frozenset[str]) -> str | None:
    """PAST or FUTURE from the verb governing the expression at ``span``, else None."""
    inside = p.tokens_in(span)
    if not inside:
        return None
    ids = {t.i for t in inside}
    i = next((t.i for t in inside if t.head not in ids or t.head == t.i), inside[-1].i)
    if p.toks[p.toks[i].head].text.lower() == "since":
        return PAST  # "since November" looks back
    for _ in range(6):
        t = p.toks[i]
        if t.i not in ids and (t.pos in ("VERB", "AUX") or t.lemma.lower() in future):
            return _verb_tense(p, i, future, 0)
        if t.head == i:
            return None
        i = t.head
    return None


def _verb_tense(p: _Parse, i: int, future: frozenset[str], depth: int) -> str | None:
    t = p.toks[i]
    auxes = [p.toks[k] for k in p.kids[i] if p.toks[k].dep in ("aux", "auxpass")]
    words = {a.text.lower() for a in auxes} | {a.lemma.lower() for a in auxes}
    if any(a.tag == "MD" for a in auxes) or words & {"will", "shall", "'ll", "wo"}:
        return FUTURE
    if t.lemma.lower() in future and t.pos != "VERB" and t.tag != "VBD":
        return FUTURE  # "due", "likely"
    if "to" in words and t.head != i and depth < 3:  # an infinitive: look at what governs it
        head = p.toks[t.head]
        if head.lemma.lower() in future or (head.lemma == "go" and head.tag == "VBG"):
            return FUTURE  # "is scheduled to open", "is going to sign"
        return _verb_tense(p, t.head, future, depth + 1) or FUTURE
    if any(a.tag == "VBD" for a in auxes) or t.tag == "VBD":
        return PAST
    if t.tag == "VBN":
        if t.lemma.lower() in future and auxes:
            return FUTURE  # "is scheduled for", "has been set for"
        if words & _PERFECT or not auxes:
            return PAST  # "has signed", a bare participle
    if t.tag == "VBG" and any(a.lemma == "be" and a.tag in ("VBZ", "VBP") for a in auxes):
        return FUTURE  # "is meeting on Friday"
    return None


# --------------------------------------------------------------------------- recognition

@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


def _candidates(text: str, g: TimeGrammar) -> Iterator[_Cand]:
    for order, rule in enumerate(g.rules):
        for m in rule.pattern.finditer(text):
            a, b = m.span()
            if "\n" in text[a:b] or _glued(text, a, b):
                continue
            yield _Cand(a, b, order, rule, m)
            if m.groupdict().get("dir"):  # also offer the phrase without "before", "after"...
                cut = m.start("dir")
                while cut > a and text[cut - 1].isspace():
                    cut -= 1
                if short := rule.pattern.fullmatch(text, a, cut):
                    yield _Cand(a, cut, order, rule, short)


def _glued(text: str, a: int, b: int) -> bool:
    """A match hyphenated into a longer word ("now-cancelled", "2008-era", "pre-2008") is not a
    time expression; a range ("2009-2011", "March 15-April 20") is two."""
    after, before = text[b:b + 2], text[max(0, a - 2):a]
    return (len(after) == 2 and after[0] == "-" and after[1].islower()) or (
        len(before) == 2 and before[1] == "-" and before[0].isalpha())


_NOT_YEARS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "PRODUCT", "ORG", "FAC",
                        "LAW", "ORDINAL"})
_YEAR_PREPS = frozenset({"in", "since", "by", "until", "till", "from", "to", "of", "during",
                         "before", "after", "between", "and", "through", "early", "late", "mid",
                         "for", "throughout", "around"})
_AGE = re.compile(r"[\s-]*old\b", re.IGNORECASE)


def _plausible(c: _Cand, text: str, p: _Parse) -> bool:
    """Checks against the parse that the regular expressions cannot make."""
    if _AGE.match(text, c.end):
        return False  # "five years old": an age, not a time expression
    g = {k: v for k, v in c.match.groupdict().items() if v is not None}
    toks = p.tokens_in((c.start, c.end))
    check = _CHECKS.get(c.rule.name)
    if check is not None and not check(c, g, toks, p):
        return False
    if g.get("dir", "").lower() in ("before", "after", "prior"):
        nxt = p.after(c.end)  # "two days before the launch" is a duration and a signal
        return nxt is None or nxt.pos in ("PUNCT", "SPACE")
    return True


def _token_at(toks: list[Token], char: int) -> Token | None:
    return next((t for t in toks if t.start >= char), None)


def _ok_month(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    mt = _token_at(toks, c.match.start("mon"))
    if mt is None:
        return True
    prev = p.before(c.start)
    named = prev is not None and prev.ent_type == "PERSON" and prev.head == mt.i
    bare = "y" not in g and "d" not in g
    return mt.tag != "MD" and not (bare and (mt.ent_type in ("PERSON", "ORG") or named))


def _ok_year(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    yt = _token_at(toks, c.match.start("y"))
    prev, nxt = p.before(c.start), p.after(c.end)
    if yt is not None and yt.ent_type in _NOT_YEARS and "mod" not in g and not (
            prev is not None and prev.text.lower() in _YEAR_PREPS):
        return False  # "a 2000 model"
    if nxt is not None and nxt.tag == "NNS" and (yt is None or yt.ent_type != "DATE"):
        return False  # "2000 jobs"
    return not (prev is not None and nxt is not None and prev.tag == nxt.tag == "NNP")


def _ok_unit(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    ut = _token_at(toks, c.match.start("u"))
    lone = g.get("n", "a").lower() in ("a", "an")
    if ut is not None and re.fullmatch(r"1[5-9]\d\d|20\d\d", g.get("n", "")) and \
            ut.text.lower() == "year":
        return False  # "in year 1986 year": a year, not 1986 years
    # "a day trader", "a second consecutive day" are not durations; "a four day rally" is.
    return ut is None or (ut.pos in ("NOUN", "PROPN")
                          and not (lone and ut.dep in ("compound", "amod")))


def _rate(c: _Cand, p: _Parse) -> bool:
    """ "15 jets a year", "a billion dollars a year": "a year" after an amount is a rate."""
    prev = p.before(c.start)
    if c.match.group(0).split()[0].lower() not in ("a", "an") or prev is None:
        return False
    unit = p.tokens_in((c.start, c.end))[-1:]
    return prev.tag in ("CD", "NNS", "$") or (
        prev.pos == "NOUN" and bool(unit) and unit[0].dep == "npadvmod")


def _ok_duration(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    return _ok_unit(c, g, toks, p) and not _rate(c, p)


def _ok_freq(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    lead = c.match.group(0).split()[0].lower()
    if lead in ("a", "an") and "f" not in g and not _rate(c, p):
        return False  # "a day" alone is a duration; "twice a day" is a set
    return "n" not in g or _ok_unit(c, g, toks, p)


def _ok_setword(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    # "the business weekly", "a quarterly": a publication or report, not a frequency
    return len(toks) != 1 or toks[0].pos not in ("NOUN", "PROPN")


def _ok_vague(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    if not _ok_unit(c, g, toks, p):
        return False
    if "pre" in g or c.match.group(0).endswith("-long"):
        return True
    prev = p.before(c.start)
    if prev is not None and prev.tag != "IN" and prev.text.lower() in ("just", "only", "mere"):
        prev = p.before(prev.start)
    return prev is not None and prev.tag == "IN"  # "for years", "in (just) minutes"


def _ok_ref(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    nxt = p.after(c.end)
    word = " ".join(c.match.group(0).lower().split())
    if word in ("later", "earlier") and toks and toks[0].dep == "amod":
        return False  # "a later Easter"
    # "the future plans", "the past tense": an adjective, not a reference to a time
    return not (word.startswith("the ") and nxt is not None
                and nxt.pos in ("NOUN", "PROPN", "ADJ", "NUM"))


def _ok_season(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    nxt = p.after(c.end)
    return "y" in g or nxt is None or nxt.text.lower() != "of"  # "the fall of Saigon"


def _ok_weekday(c: _Cand, g: Groups, toks: list[Token], p: _Parse) -> bool:
    return not any(t.ent_type == "EVENT" for t in toks)  # "Black Monday", "Super Tuesday"


Check = Callable[[_Cand, Groups, list[Token], _Parse], bool]
_CHECKS: Mapping[str, Check] = MappingProxyType({
    "month": _ok_month, "mdy": _ok_month, "dmy": _ok_month, "year": _ok_year,
    "duration": _ok_duration, "freq": _ok_freq, "vague": _ok_vague, "ref": _ok_ref,
    "weekday": _ok_weekday, "season": _ok_season, "setword": _ok_setword,
})


def _select(cands: list[_Cand], size: int) -> list[_Cand]:
    """Non-overlapping candidates: longest first, then the earlier rule."""
    chosen: list[_Cand] = []
    taken = bytearray(size)
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.order, c.start)):
        if not any(taken[c.start:c.end]):
            chosen.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


# --------------------------------------------------------------------------- the stage

_ANCHOR_TYPES = frozenset({"DATE", "TIME"})
_MAX_ANCHORS = 8  # how many recent dates relative expressions may count from
_DRY_ANCHOR = "2000-01-01"  # lets anchor-only readings pass the first, context-free check
_GAP = re.compile(r"[\s,]*(?:on\s+)?")


def extract_times(article: Article, grammar: TimeGrammar | None = None) -> Article:
    """Find and normalise the article's time expressions.

    Args:
        article: a parsed article (text, tokens, sentences; ``published.date`` is the DCT).
            Without tokens the grammar still runs, without its parse-based checks and tense.
        grammar: the compiled grammar (default: the packaged word lists).

    Returns:
        The article with ``times`` set, in text order.
    """
    g = grammar or load_time_grammar()
    text, p, dct = article.text, _Parse.build(article), _date(article.published.date)
    dry = Clue(dct, None, (_DRY_ANCHOR,))
    cands = [c for c in _candidates(text, g)
             if _resolve(c.rule.name, c.match, dry, g.words) is not None
             and _plausible(c, text, p)]
    out: list[TimeRef] = []
    anchors: list[tuple[int, str]] = []  # (sentence, value) of the dates resolved so far
    for c in _select(cands, len(text)):
        a, b = c.start, c.end
        while b > a and text[b - 1].isspace():
            b -= 1
        sent = p.sentence_of(a)
        recent = anchors[-_MAX_ANCHORS:][::-1]
        clue = Clue(dct, governing_tense(p, (a, b), g.future),
                    tuple(v for s, v in recent if s >= sent - 1),
                    tuple(v for s, v in recent if s == sent))
        norm = _resolve(c.rule.name, c.match, clue, g.words)
        if norm is None:
            continue
        out.append(TimeRef(text[a:b], (a, b), norm.type, norm.value, norm.granularity))
        if norm.type in _ANCHOR_TYPES and _parts(norm.value) is not None:
            anchors.append((sent, norm.value))
    return replace(article, times=tuple(_dated_clocks(out, text)))


def _dated_clocks(times: list[TimeRef], text: str) -> list[TimeRef]:
    """A clock time right before a date takes that date ("16:15 UTC, June 1")."""
    out = list(times)
    for k in range(len(out) - 1):
        t, nxt = out[k], out[k + 1]
        if (t.type == "TIME" and "T" in t.value and nxt.type == "DATE"
                and nxt.granularity == "day" and nxt.value[:1].isdigit()
                and _GAP.fullmatch(text, t.span[1], nxt.span[0])):
            out[k] = replace(t, value=nxt.value + t.value[t.value.index("T"):])
    return out


_SPECIFIC = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def sentence_date(article: Article, sentence_index: int) -> str | None:
    """The most specific date named in one sentence, to date its events.

    Args:
        article: an article whose ``times`` are set.
        sentence_index: index into ``article.sentences``.

    Returns:
        "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a week, quarter or season gives its year; a clock
        time its day), the first of the most specific; None when the sentence names no date.
    """
    if not 0 <= sentence_index < len(article.sentences):
        return None
    s = article.sentences[sentence_index]
    best: str | None = None
    for t in article.times:
        if t.type in _ANCHOR_TYPES and s.start <= t.span[0] < s.end:
            value = sentence_date_value(t.value)
            if value and (best is None or len(value) > len(best)):
                best = value
    return best


def sentence_date_value(value: str) -> str | None:
    """A TIMEX3 value as an event date: "YYYY-MM-DD", "YYYY-MM" or "YYYY" (else None)."""
    m = _SPECIFIC.match(value)
    return "-".join(x for x in m.groups() if x) if m else None


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point: the grammar is built once per context."""
    return extract_times(article, ctx.get("time_grammar", load_time_grammar))


STAGE = StageSpec(
    name="times",
    run=run,
    requires=("article.tokens",),
    assigns=("article.times",),
)
