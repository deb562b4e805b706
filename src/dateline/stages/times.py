"""TIMES: find time expressions and normalise them to TIMEX3 values against the publication date.

Recognition is a small grammar of regular expressions over ``article.text`` built from the word
lists in ``kb/data/time_words.tsv`` (months, weekdays, units, reference words ...), checked
against the parse (a month name tagged as a modal or a person is not a month; a unit that is a
compound modifier is not a duration). Where several rules match, the longest match wins.

Normalisation follows TimeML (TIMEX3 values) relative to the document creation time (DCT, the
publication date): a bare weekday or month is placed before or after the DCT by the tense of the
verb that governs it ("arrived on Tuesday" -> the latest Tuesday up to the DCT; "will meet on
Friday" -> the next Friday); "a day earlier", "the previous year" and friends count from the
anchor, the last date mentioned in the same or the previous sentence (else the DCT). Without a
DCT the values stay underspecified ("XXXX-05", "XXXX-WXX-2", "XXXX").

The stage is pure: the grammar is built once from packaged data and passed in (``run`` takes it
from the pipeline context), and nothing module-level is mutated.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from types import MappingProxyType

from dateline.errors import KBError
from dateline.model import Article, Sentence, Span, TimeRef, Token
from dateline.pipeline import Context, StageSpec

PAST, FUTURE = "past", "future"
_GRAN = MappingProxyType({"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour",
                          "MIN": "minute", "S": "second", "Q": "quarter", "DE": "decade",
                          "CE": "century", "X": "unknown"})
_SEASON_START = MappingProxyType({"SP": 3, "SU": 6, "FA": 9, "WI": 12})
_POD_TIME = MappingProxyType({"noon": "12:00", "midday": "12:00", "midnight": "24:00"})
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


def _trie_regex(words: set[str]) -> str:
    """One regex for a set of phrases, sharing prefixes; longer phrases are tried first."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [(r"\s+" if ch == " " else re.escape(ch)) + walk(sub)
                    for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + walk(trie) + ")"


def parse_time_words(text: str) -> TimeWords:
    """Parse time_words.tsv text; ``#`` lines are comments.

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
    missing = {"month", "weekday", "number", "unit", "ref", "set"} - set(kinds)
    if missing:
        raise KBError(f"time_words.tsv lacks {', '.join(sorted(missing))}; reinstall dateline")
    return TimeWords(MappingProxyType({k: MappingProxyType(v) for k, v in kinds.items()}))


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


def build_grammar(words: TimeWords) -> TimeGrammar:
    """Compile the recognition rules from the word lists."""
    w = words
    dotted = sorted((k for k in w.kinds.get("monthabbr", {}) if k.endswith(".")), key=len,
                    reverse=True)
    mon = "(?:" + w.alt("month") + "|" + "|".join(re.escape(k) for k in dotted) + ")"
    mona = "(?:" + w.alt("month", "monthabbr") + r")"
    wd = w.alt("weekday")
    day = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
    year = r"(?:1[5-9]\d\d|20\d\d)(?![\d])"
    numw = w.alt("number")
    tens = "(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:one|two|three|four|" \
        "five|six|seven|eight|nine)"
    vague = r"(?:a\s+few|few|several|many|some|a\s+number\s+of|dozens\s+of|hundreds\s+of)"
    num = rf"(?:\d+(?:\.\d+)?|{tens}|{numw}|{vague})(?:\s+and\s+a\s+half)?"
    unit = w.alt("unit")
    approx = w.alt("approx")
    pod = w.alt("partofday")
    season = w.alt("season")
    zone = w.alt("zone")
    mod = (r"(?:early|late|mid|earlier|later|the\s+(?:end|beginning|start|middle|close|turn|"
           r"rest|remainder|latter\s+part|early\s+part|bulk)\s+of)")
    rel = (r"(?:this|last|next|past|coming|current|previous|following|same|prior|preceding|"
           r"that|the\s+(?:last|next|past|coming|current|previous|following|same|prior|"
           r"preceding|current))")
    ordq = r"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)"
    yref = rf"(?:{year}|this\s+year|last\s+year|next\s+year|the\s+year|(?:fiscal|FY)\s*{year})"
    dayword = r"(?:today|tonight|yesterday|tomorrow)"
    hm = r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?"
    ampm = r"(?P<ap>[ap]\.\s?m\.|[ap]m\b)"
    tzs = rf"(?:\s*\(?(?P<tz>{zone})(?:\s*(?P<off>[+-]\s*\d{{1,2}}))?\)?)"
    tday = rf"(?:,?\s+(?:on\s+)?(?P<tday>{wd}|{dayword}))"
    specs = [
        ("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)"),
        ("numeric", r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})"),
        ("mdy", rf"(?:(?P<wd>{wd}),?\s+)?(?:(?P<mod>{mod})\s+)?(?P<mon>{mona})\s+(?P<d>{day})"
                rf"(?:,?\s+(?P<y>{year}))?"),
        ("dmy", rf"(?:(?P<wd>{wd}),?\s+)?(?:the\s+)?(?P<d>{day})(?:\s+of)?\s+(?P<mon>{mona})"
                rf"(?:,?\s+(?P<y>{year}))?"),
        ("month", rf"(?:(?P<mod>{mod})[\s-]+)?(?:(?P<rel>{rel})\s+)?(?P<mon>{mon})"
                  rf"(?:(?:,|\s+of)?\s+(?P<y>{year})|(?:\s+of)?\s+(?P<yrel>this|last|next)"
                  r"\s+year)?"),
        ("year", rf"(?:(?P<mod>{mod})[\s-]+)?(?:the\s+year\s+)?(?P<y>{year})"),
        ("fiscal", rf"(?:(?P<mod>{mod})\s+)?(?:fiscal(?:\s+year)?|FY)\s*(?P<y>{year}|'?\d\d)"),
        ("year2", r"(?:(?<=since\s)|(?<=in\s)|(?<=of\s)|(?<=from\s)|(?<=until\s))['’‘](?P<yy>\d\d)"),
        ("decade", rf"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]?)?(?P<dec>(?:1[5-9]|20)\d0|"
                   r"['’]?\d0)['’]?s"),
        ("century", rf"(?:the\s+)?(?:(?P<mod>early|late|mid)[\s-]?)?(?P<n>\d{{1,2}})"
                    r"(?:st|nd|rd|th)[\s-]century"),
        ("quarter", rf"(?:the\s+)?{ordq}[\s-](?P<u>quarter|half)(?:\s+(?:of\s+)?(?P<of>{yref}))?"),
        ("qcode", rf"(?P<u>Q|H)(?P<n>[1-4])(?:\s+(?P<y>{year}))?"),
        ("season", rf"(?:(?P<mod>{mod})\s+)?(?:(?P<rel>{rel}|the)\s+)?(?P<s>{season})"
                   rf"(?:(?:\s+of)?\s+(?P<y>{year}))?"),
        ("relunit", rf"(?:(?P<mod>{mod})\s+)?(?P<rel>{rel})\s+(?P<u>year|month|week|weekend|"
                    r"quarter|decade|century|day|(?:fiscal|financial)\s+year)"),
        ("nthday", rf"(?:a|the)\s+(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
                   r"tenth|\d+(?:st|nd|rd|th))\s+(?:(?:straight|consecutive|successive)\s+)?"
                   r"(?P<u>day|week|month|year|quarter)(?:\s+in\s+a\s+row)?"),
        ("theunit", rf"(?:(?P<mod>{mod}|(?:late|early|later|earlier)\s+in)\s+)?the\s+"
                    r"(?:(?:entire|whole|full)\s+)?"
                    r"(?P<u>day|year|weekend|week|month)(?:\s+(?P<dir>before|after|previous|earlier|prior|later))?"),
        ("ago", rf"(?:(?P<approx>{approx})\s+)?(?P<n>{num})\s+(?P<u>{unit})\s+(?P<dir>ago|"
                r"earlier|later|before|after|previously|from\s+now|hence|prior)"),
        ("deictic", rf"(?:(?P<mod>earlier|later|late|early)\s+)?(?P<w>{dayword}|the\s+day\s+"
                    rf"(?:before\s+yesterday|after\s+tomorrow)|(?:this|last)(?=\s+{pod}))"
                    rf"(?:\s+(?P<pod>{pod}))?"),
        ("weekday", rf"(?:(?P<rel>last|next|this|coming|past|previous|following)\s+)?"
                    rf"(?P<wd>{wd})(?:\s+(?P<pod>{pod}))?"),
        ("weekdays", rf"(?P<wd>{wd})s"),
        ("clock", rf"{hm}\s*{ampm}?{tzs}?{tday}?"),
        ("clock", rf"(?P<h>1[0-2]|0?[1-9])(?:\.(?P<mi>[0-5]\d))?\s*{ampm}{tzs}?{tday}?"),
        ("clock", rf"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?:hours|hrs|(?P<tz>{zone})){tday}?"),
        ("clock", rf"(?P<w>noon|midday|midnight){tday}?"),
        ("duration", rf"(?:(?P<approx>{approx})\s+)?(?P<n>{num})\s+(?:(?:straight|consecutive|"
                     r"full|whole|more|additional|extra|further|trading|business|working|"
                     rf"calendar|successive|long|short|separate)\s+)?(?P<u>{unit})"),
        ("adjdur", rf"(?P<n>\d+(?:\.\d+)?|{tens}|{numw})-(?P<u>{unit})(?:-long)?"),
        ("adjdur", rf"(?P<n>\d+)\s+(?P<u>{unit})(?=-long)-long"),
        ("vague", rf"(?:(?P<pre>recent|past|the\s+past|over\s+the)\s+)?(?P<u>years|months|weeks|decades|days|hours|minutes)"
                  r"(?:-long)?"),
        ("setword", w.alt("set")),
        ("freq", rf"(?:(?P<f>once|twice|thrice|\d+\s+times|{numw}\s+times)\s+)?(?:a|an|per|each|"
                 rf"every)\s+(?:(?P<n>{num})\s+)?(?P<u>{unit}|{wd}|{pod})"),
        ("ref", w.alt("ref")),
        ("holiday", rf"(?P<hol>{w.alt('holiday')})(?:\s+(?P<y>{year}))?"),
        ("thattime", r"that\s+(?P<u>time|date)"),
        ("sameperiod", r"the\s+same\s+(?P<u>period|month|quarter|week|day|time|season)\s+"
                       r"(?:of\s+)?(?:a\s+year\s+(?:ago|earlier|before)|last\s+year|the\s+"
                       r"(?:last|previous|prior)\s+year|the\s+year\s+before)"),
        ("numrange", rf"(?P<n>{num})(?=\s+(?:and|or|to)\s+{num}\s+(?P<u>{unit}))"),
    ]
    rules = tuple(
        Rule(name, re.compile(rf"(?<![\w$#£€@./])(?:{pat})(?![\w])", re.IGNORECASE))
        for name, pat in specs
    )
    return TimeGrammar(words, rules)


@functools.lru_cache(maxsize=1)
def load_time_grammar() -> TimeGrammar:
    """The packaged word lists compiled into a grammar (once per process).

    Raises:
        KBError: when time_words.tsv is missing or malformed.
    """
    path = resources.files("dateline.kb").joinpath("data").joinpath("time_words.tsv")
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"cannot read time_words.tsv: {exc}; reinstall dateline") from exc
    return build_grammar(parse_time_words(text))


# --------------------------------------------------------------------------- normalisation

@dataclass(frozen=True, slots=True)
class Normalized:
    """A TIMEX3 reading of one expression."""

    type: str
    value: str
    granularity: str


@dataclass(frozen=True, slots=True)
class Clue:
    """What a value is resolved against: the DCT, the governing tense, the anchor value."""

    dct: dt.date | None = None
    tense: str | None = None  # "past" | "future" | None
    anchors: tuple[str, ...] = ()  # TIMEX3 values of the dates mentioned nearby, latest first


def normalize(text: str, dct: str | None = None, tense: str | None = None,
              anchor: str | None = None, grammar: TimeGrammar | None = None) -> Normalized | None:
    """Normalise one whole time expression, with no parse (the rules' own checks are skipped).

    Args:
        text: the expression, e.g. "last year", "a day earlier", "March 17, 2014".
        dct: the publication date YYYY-MM-DD, or None.
        tense: "past" or "future" for the governing verb, when known.
        anchor: the TIMEX3 value relative expressions count from (else the DCT).
        grammar: the compiled grammar (default: the packaged one).

    Returns:
        The type, value and granularity, or None when no rule reads the whole text.
    """
    g = grammar or load_time_grammar()
    clue = Clue(_date(dct), tense, (anchor,) if anchor else ())
    best: Normalized | None = None
    for rule in g.rules:
        m = rule.pattern.fullmatch(text.strip())
        if m and (norm := _resolve(rule.name, m, clue, g.words)) is not None:
            best = best or norm
    return best


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _resolve(name: str, m: re.Match[str], c: Clue, w: TimeWords) -> Normalized | None:
    gd = {k: v for k, v in m.groupdict().items() if v is not None}
    fn = _RESOLVERS.get(name)
    return fn(gd, m.group(0), c, w) if fn else None


def _num(text: str, w: TimeWords) -> float | None:
    """The value of a number phrase ("12", "three", "twenty-five", "two and a half")."""
    t = " ".join(text.lower().split())
    half = 0.5 if t.endswith(" and a half") else 0.0
    t = t.removesuffix(" and a half")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) + half
    v = w.get("number", t)
    if v is not None:
        return float(v) + half
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and all(w.get("number", p) for p in parts):
        return float(w.get("number", parts[0]) or 0) + float(w.get("number", parts[1]) or 0) + half
    return None  # vague ("several", "a few")


def _unit(text: str, w: TimeWords) -> tuple[int, str]:
    code = w.get("unit", text) or "X"
    mult = re.match(r"^(\d+)(\D+)$", code)
    return (int(mult.group(1)), mult.group(2)) if mult else (1, code)


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _period(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: P3Y, PT48H, P2.5Y, PXY (n unknown), P10Y (a decade)."""
    if unit in ("DE", "CE") and n is not None:
        return f"P{_fmt_num(n * (10 if unit == 'DE' else 100))}Y"
    code = {"MIN": "M", "DE": "DE", "CE": "CE"}.get(unit, unit)
    amount = "X" if n is None else _fmt_num(n)
    return f"PT{amount}{code}" if unit in ("H", "MIN", "S") else f"P{amount}{code}"


def _parts(value: str | None) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date value; a week or quarter gives its first month/day."""
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
    """The unit-grained value ``n`` units after ``base`` (a TIMEX3 date value).

    Args:
        base: e.g. "2014-03-17", "2015-05", "2015", "2015-W20".
        unit: Y, M, W, D, Q, DE or CE.
        n: how many units (negative: before).

    Returns:
        e.g. shift("2014-03-17", "D", -1) == "2014-03-16"; None when ``base`` is too coarse.
    """
    p = _parts(base)
    if p is None:
        return None
    y, mo, d = p
    if not 1 <= y + n * {"Y": 1, "DE": 10, "CE": 100}.get(unit, 0) <= 9999:
        return None
    if unit == "Y":
        return f"{y + n:04d}"
    if unit == "DE":
        return f"{y + 10 * n:04d}"[:3]
    if unit == "CE":
        return f"{y + 100 * n:04d}"[:2]
    if mo is None:
        return None
    if unit == "M":
        k = y * 12 + mo - 1 + n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if unit == "Q":
        k = y * 4 + (mo - 1) // 3 + n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if d is None:
        return None
    try:
        day = dt.date(y, mo, d)
    except ValueError:
        return None
    if unit == "W":
        return _week(day + dt.timedelta(weeks=n))
    if unit in ("D", "H", "MIN", "S"):
        return (day + dt.timedelta(days=n if unit == "D" else 0)).isoformat()
    return None


def _base(c: Clue, anchored: bool, unit: str = "Y") -> str | None:
    """What a relative expression counts from: the latest anchor fine enough for ``unit``
    when ``anchored``, else the DCT."""
    if anchored:
        for a in c.anchors:
            if shift(a, unit, 0) is not None:
                return a
    return c.dct.isoformat() if c.dct else None


def _pick_year(c: Clue, key: tuple[int, ...], now: tuple[int, ...], rel: str = "") -> int:
    """The year of a yearless month/day/quarter/season: by tense or "last/next/this" vs DCT."""
    assert c.dct is not None
    y = c.dct.year
    rel = rel.lower().removeprefix("the ").strip()
    if rel in ("last", "past", "previous", "prior", "preceding"):
        return y if key < now else y - 1
    if rel in ("next", "coming", "following"):
        return y if key > now else y + 1
    if rel in ("this", "current", "same"):
        return y
    if c.tense == FUTURE:
        return y if key >= now else y + 1
    if c.tense == PAST:
        return y if key <= now else y - 1
    return y


def _day_value(y: int | None, mo: int, d: int) -> str | None:
    """YYYY-MM-DD (XXXX-MM-DD without a year) when that day exists, else None."""
    try:
        dt.date(y or 2000, mo, d)  # 2000 is a leap year: "February 29" needs its year
    except ValueError:
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}" if y else f"XXXX-{mo:02d}-{d:02d}"


def _r_iso(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    value = _day_value(int(g["y"]), int(g["m"]), int(g["d"]))
    return Normalized("DATE", value, "day") if value else None


def _r_numeric(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
    mo, d = (a, b) if a <= 12 else (b, a)  # US month/day unless the first cannot be a month
    if len(g["y"]) == 2:
        pivot = (c.dct.year % 100 + 10) if c.dct else 30
        y += 1900 if y > pivot else 2000
    value = _day_value(y, mo, d)
    return Normalized("DATE", value, "day") if value else None


def _month_no(text: str, w: TimeWords) -> int | None:
    t = text.lower().rstrip(".")
    v = w.get("month", t) or w.get("monthabbr", t) or w.get("monthabbr", t + ".")
    return int(v) if v else None


def _r_daymonth(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    mo = _month_no(g["mon"], w)
    d = int(re.sub(r"\D", "", g["d"]))
    if mo is None or not g["mon"][0].isupper():
        return None
    if "y" in g:
        y: int | None = int(g["y"])
    elif c.dct:
        y = _pick_year(c, (mo, d), (c.dct.month, c.dct.day))
    else:
        y = None
    value = _day_value(y, mo, d)
    return Normalized("DATE", value, "day") if value else None


def _r_month(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    mo = _month_no(g["mon"], w)
    if mo is None or not g["mon"][0].isupper():
        return None
    if "y" in g:
        y: int | None = int(g["y"])
    elif "yrel" in g:
        y = _yrel(g["yrel"], c)
    elif c.dct:
        y = _pick_year(c, (mo,), (c.dct.month,), g.get("rel", ""))
    else:
        y = None
    return Normalized("DATE", f"{y:04d}-{mo:02d}" if y is not None else f"XXXX-{mo:02d}", "month")


def _yrel(rel: str, c: Clue) -> int | None:
    if not c.dct:
        return None
    return c.dct.year + {"last": -1, "next": 1}.get(rel.lower(), 0)


def _r_year(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    return Normalized("DATE", f"{int(g['y']):04d}", "year")


def _r_fiscal(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    y = g["y"].lstrip("'")
    if len(y) == 2:
        y = ("19" if int(y) > 50 else "20") + y
    return Normalized("DATE", f"FY{y}", "fiscal-year")


def _r_year2(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    yy = int(g["yy"])
    pivot = (c.dct.year % 100) if c.dct else 30
    return Normalized("DATE", f"{(2000 if yy <= pivot else 1900) + yy}", "year")


def _r_decade(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    dec = g["dec"].lstrip("'’")
    if len(dec) == 2:
        century = "19" if not c.dct or int(dec) > c.dct.year % 100 else "20"
        dec = century + dec
    return Normalized("DATE", dec[:3], "decade")


def _r_century(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    n = int(g["n"])
    return Normalized("DATE", f"{n - 1:02d}", "century") if 1 <= n <= 21 else None


def _year_of(ref: str | None, c: Clue) -> int | None:
    """The year named by "2009", "this year", "last year", "the year", "fiscal 2009"."""
    if ref is None:
        return None
    r = " ".join(ref.lower().split())
    if m := re.search(r"\d{4}", r):
        return int(m.group(0))
    if c.dct is None:
        return None
    return c.dct.year + {"last year": -1, "next year": 1}.get(r, 0)


def _r_quarter(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    half = g["u"].lower() == "half"
    top = 2 if half else 4
    n = int(w.get("ordinal", g["ord"]) or 0)
    n = top if n == -1 else n
    if not 1 <= n <= top:
        return None
    code = f"{'H' if half else 'Q'}{n}"
    y = _year_of(g.get("of"), c)
    if y is None and c.dct and not g.get("of"):
        now = (c.dct.month - 1) // (6 if half else 3) + 1
        y = _pick_year(c, (n,), (now,))
    return Normalized("DATE", f"{y:04d}-{code}" if y else f"XXXX-{code}",
                      "half" if half else "quarter")


def _r_qcode(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    if not g["u"].isupper():
        return None
    y = g.get("y") or (str(c.dct.year) if c.dct else "XXXX")
    return Normalized("DATE", f"{y}-{g['u']}{g['n']}", "quarter" if g["u"] == "Q" else "half")


def _r_season(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    code = w.get("season", g["s"]) or ""
    if g["s"].lower() == "fall" and not (g.get("rel") or g.get("y")):
        return None  # "fall" is a verb far more often than a season
    if "y" in g:
        y: int | None = int(g["y"])
    elif c.dct:
        now = c.dct.month if c.dct.month >= 3 else c.dct.month + 12
        y = _pick_year(c, (_SEASON_START[code],), (now,), g.get("rel", ""))
    else:
        y = None
    return Normalized("DATE", f"{y:04d}-{code}" if y else f"XXXX-{code}", "season")


_REL_OFFSET = MappingProxyType({
    "this": 0, "current": 0, "same": 0, "that": 0, "last": -1, "past": -1, "previous": -1,
    "prior": -1, "preceding": -1, "next": 1, "coming": 1, "following": 1,
})
_UNIT_CODE = MappingProxyType({"year": "Y", "month": "M", "week": "W", "weekend": "W",
                               "quarter": "Q", "decade": "DE", "century": "CE", "day": "D",
                               "fiscal year": "Y", "financial year": "Y"})


def _r_relunit(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    rel = " ".join(g["rel"].lower().split())
    u = " ".join(g["u"].lower().split())
    word = rel.removeprefix("the ")
    the = rel.startswith("the ")
    if u == "day" and not the and word != "that":
        return None  # "next day" without an article reads oddly; "this day" is rare
    if the and word == "past" and u != "weekend" and "mod" not in g:
        return Normalized("DURATION", _period(1, _UNIT_CODE[u]), _GRAN[_UNIT_CODE[u]])
    # "the previous/following/same X" and "that X" count from the anchor; "next X" from the DCT.
    anchored = word == "that" or (the and word in ("previous", "following", "same", "prior",
                                                   "preceding", "next"))
    code = _UNIT_CODE[u]
    value = shift(_base(c, anchored, code), code, _REL_OFFSET[word])
    if value is None:
        value = _unknown(code)
    if u == "weekend":
        value += "-WE"
    if u.endswith(" year") and value[:1].isdigit():
        value, u = "FY" + value, "fiscal-year"
    return Normalized("DATE", value, u)


def _unknown(unit: str) -> str:
    return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "Q": "XXXX-QX",
            "DE": "XXX", "CE": "XX"}.get(unit, "XXXX-XX-XX")


def _r_theunit(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    if g["u"].lower() == "weekend":
        if "dir" in g:
            return None
        sat = weekday_date(c.dct, 6, c.tense) if c.dct else None
        return Normalized("DATE", f"{_week(sat)}-WE" if sat else "XXXX-WXX-WE", "weekend")
    code = _UNIT_CODE[g["u"].lower()]
    d = g.get("dir", "").lower()
    n = -1 if d in ("before", "previous", "earlier", "prior") else 1 if d else 0
    value = shift(_base(c, True, code), code, n) or _unknown(code)
    return Normalized("DATE", value, _GRAN[code])


def _r_ago(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    mult, code = _unit(g["u"], w)
    n = _num(g["n"], w)
    d = " ".join(g["dir"].lower().split())
    sign = -1 if d in ("ago", "earlier", "before", "previously", "prior") else 1
    anchored = d not in ("ago", "from now", "hence")
    if n is None or n != int(n):
        ref = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Normalized("DATE", ref, "ref")
    if code in ("H", "MIN", "S"):
        value = shift(_base(c, anchored, "D"), "D", 0) or "XXXX-XX-XX"
        return Normalized("DATE", value, "day")
    step, unit = (7 * int(n) * mult, "D") if code == "W" else (int(n) * mult, code)
    value = shift(_base(c, anchored, unit), unit, sign * step) or _unknown(unit)
    return Normalized("DATE", value, _GRAN[unit])


def _r_deictic(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    word = " ".join(g["w"].lower().split())
    pod = w.get("partofday", g["pod"]) if "pod" in g else None
    offset = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
              "the day after tomorrow": 2, "last": -1}.get(word, 0)
    if word == "tonight":
        pod = "NI"
    if word == "last" and pod != "NI":
        offset = 0 if pod is None else -1
    if word in ("this", "last") and pod is None:
        return None
    value = shift(_base(c, False), "D", offset) or "XXXX-XX-XX"
    return Normalized("TIME", f"{value}T{pod}", "time") if pod else Normalized("DATE", value, "day")


def weekday_date(dct: dt.date, weekday: int, tense: str | None, rel: str = "") -> dt.date:
    """The date of a named weekday (1 = Monday) relative to the DCT.

    "last"/"next" are strictly before/after; "this" is in the DCT's week; otherwise a future
    tense gives the next one (the DCT included) and anything else the latest one up to the DCT.
    """
    rel = rel.lower()
    back = (dct.isoweekday() - weekday) % 7
    if rel in ("last", "past", "previous"):
        return dct - dt.timedelta(days=back or 7)
    if rel in ("next", "coming", "following"):
        return dct + dt.timedelta(days=(weekday - dct.isoweekday()) % 7 or 7)
    if rel == "this":
        return dct + dt.timedelta(days=weekday - dct.isoweekday())
    if tense == FUTURE:
        return dct + dt.timedelta(days=(weekday - dct.isoweekday()) % 7)
    return dct - dt.timedelta(days=back)


def _r_weekday(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    wd = w.get("weekday", g["wd"])
    if wd is None or not g["wd"][0].isupper():
        return None
    pod = w.get("partofday", g["pod"]) if "pod" in g else None
    if c.dct:
        value = weekday_date(c.dct, int(wd), c.tense, g.get("rel", "")).isoformat()
    else:
        value = f"XXXX-WXX-{wd}"
    return Normalized("TIME", f"{value}T{pod}", "time") if pod else Normalized("DATE", value, "day")


def _r_weekdays(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    wd = w.get("weekday", g["wd"])
    if wd is None or not g["wd"][0].isupper():
        return None
    return Normalized("SET", f"XXXX-WXX-{wd}", "day")


def _r_clock(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    if "w" in g:
        hhmm = _POD_TIME[g["w"].lower()]
    else:
        h = int(g["h"])
        ap = g.get("ap", "").lower().replace(".", "").replace(" ", "")
        if ap == "pm" and h < 12:
            h += 12
        elif ap == "am" and h == 12:
            h = 0
        hhmm = f"{h:02d}:{g.get('mi', '00')}"
    zone = ""
    if "tz" in g:
        zone = w.get("zone", g["tz"]) or ""
        if zone == "Z" and "off" in g:
            zone = f"{int(g['off'].replace(' ', '')):+03d}"
    day = None
    if "tday" in g:
        day = _resolve_day_word(g["tday"], c, w)
    if day is None:
        day = shift(_base(c, True, "D"), "D", 0)
    return Normalized("TIME", f"{day or 'XXXX-XX-XX'}T{hhmm}{zone}", "time")


def _resolve_day_word(word: str, c: Clue, w: TimeWords) -> str | None:
    wd = w.get("weekday", word)
    if wd is not None:
        return weekday_date(c.dct, int(wd), c.tense).isoformat() if c.dct else None
    off = {"yesterday": -1, "tomorrow": 1}.get(word.lower(), 0)
    return shift(_base(c, False), "D", off)


def _r_duration(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    mult, code = _unit(g["u"], w)
    n = _num(g["n"], w)
    if code == "X" or (code == "Q" and (n is None or n < 2)):
        return None  # "a quarter of its dealers" is a fraction
    n = None if n is None else n * mult
    return Normalized("DURATION", _period(n, code), _GRAN[code])


def _r_vague(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    _, code = _unit(g["u"], w)
    if code == "DE":
        return Normalized("DURATION", "PXDE", "decade")
    return Normalized("DURATION", _period(None, code), _GRAN.get(code, "unknown"))


def _r_setword(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    value = w.get("set", text) or ""
    return Normalized("SET", value, _GRAN.get(value[-1:], "unknown"))


def _r_freq(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    u = g["u"]
    if (wd := w.get("weekday", u)) is not None:
        return Normalized("SET", f"XXXX-WXX-{wd}", "day") if u[0].isupper() else None
    if (pod := w.get("partofday", u)) is not None:
        return Normalized("SET", f"XXXX-XX-XXT{pod}", "time")
    lead = text.lower().split()[0]
    if lead in ("a", "an") and "f" not in g:
        return None  # "a day" alone is a duration; "twice a day" is a set
    mult, code = _unit(u, w)
    n = _num(g["n"], w) if "n" in g else 1.0
    return Normalized("SET", _period(None if n is None else n * mult, code), _GRAN[code])


def _r_ref(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    value = w.get("ref", text) or ""
    return Normalized("DATE", value, "ref") if value else None


def _r_holiday(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    mmdd = w.get("holiday", g["hol"])
    if mmdd is None or not g["hol"][0].isupper():
        return None
    mo, d = (int(x) for x in mmdd.split("-"))
    if "y" in g:
        y = g["y"]
    elif c.dct:
        y = str(_pick_year(c, (mo, d), (c.dct.month, c.dct.day)))
    else:
        y = "XXXX"
    return Normalized("DATE", f"{y}-{mmdd}", "day")


def _r_nthday(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    """"For a third straight day": the day (week ...) being reported, the anchor or the DCT."""
    code = _UNIT_CODE[g["u"].lower()]
    value = shift(_base(c, True, code), code, 0) or _unknown(code)
    return Normalized("DATE", value, _GRAN[code])


def _r_thattime(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    return Normalized("DATE", c.anchors[0], "anchor") if c.anchors else None


def _r_sameperiod(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    code = {"month": "M", "quarter": "Q", "week": "W", "day": "D"}.get(g["u"].lower())
    base = _base(c, True, code or "Y")
    if base is None:
        return None
    value = shift(base, code, 0) if code else base
    if value is None or not value[:4].isdigit():
        return None
    value = f"{int(value[:4]) - 1:04d}{value[4:]}"  # the same stretch, a year before
    return Normalized("DATE", value, _GRAN.get(code or "", "anchor"))


def _r_numrange(g: dict[str, str], text: str, c: Clue, w: TimeWords) -> Normalized | None:
    return _r_duration(g, text, c, w)  # "between [60] and 90 days": the first bound


Resolver = Callable[[dict[str, str], str, Clue, TimeWords], Normalized | None]
_RESOLVERS: Mapping[str, Resolver] = MappingProxyType({
    "iso": _r_iso, "numeric": _r_numeric, "mdy": _r_daymonth, "dmy": _r_daymonth,
    "month": _r_month, "year": _r_year, "fiscal": _r_fiscal, "year2": _r_year2,
    "decade": _r_decade, "century": _r_century, "quarter": _r_quarter, "qcode": _r_qcode,
    "season": _r_season, "relunit": _r_relunit, "theunit": _r_theunit, "ago": _r_ago,
    "deictic": _r_deictic, "weekday": _r_weekday, "weekdays": _r_weekdays, "clock": _r_clock,
    "duration": _r_duration, "adjdur": _r_duration, "vague": _r_vague, "setword": _r_setword,
    "freq": _r_freq, "ref": _r_ref, "holiday": _r_holiday, "thattime": _r_thattime,
    "sameperiod": _r_sameperiod, "numrange": _r_numrange, "nthday": _r_nthday,
})


# --------------------------------------------------------------------------- the parse

@dataclass(frozen=True)
class _Parse:
    """Token lookups for one article: offsets -> token, children, sentence of an offset."""

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
        sents: Sequence[Sentence] = art.sentences or (Sentence(0, len(art.text)),)
        return cls(art.tokens, tuple(t.start for t in art.tokens),
                   tuple(tuple(k) for k in kids), tuple(s.start for s in sents))

    def sentence_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def tokens_in(self, span: Span) -> list[Token]:
        lo = bisect.bisect_left(self.starts, span[0])
        hi = bisect.bisect_left(self.starts, span[1])
        return [t for t in self.toks[lo:hi] if t.end <= span[1]]

    def before(self, span: Span) -> Token | None:
        lo = bisect.bisect_left(self.starts, span[0])
        return self.toks[lo - 1] if lo > 0 else None

    def after(self, span: Span) -> Token | None:
        hi = bisect.bisect_left(self.starts, span[1])
        return self.toks[hi] if hi < len(self.toks) else None


_PERFECT = frozenset({"have", "has", "had", "'ve"})


def governing_tense(p: _Parse, span: Span, future_words: frozenset[str]) -> str | None:
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
        if t.i not in ids and (t.pos in ("VERB", "AUX") or t.lemma.lower() in future_words):
            return _verb_tense(p, i, future_words, 0)
        if t.head == i:
            return None
        i = t.head
    return None


def _verb_tense(p: _Parse, i: int, future_words: frozenset[str], depth: int) -> str | None:
    t = p.toks[i]
    auxes = [p.toks[k] for k in p.kids[i] if p.toks[k].dep in ("aux", "auxpass")]
    words = {a.text.lower() for a in auxes} | {a.lemma.lower() for a in auxes}
    if any(a.tag == "MD" for a in auxes) or words & {"will", "shall", "'ll", "wo"}:
        return FUTURE
    if t.lemma.lower() in future_words and t.pos != "VERB" and t.tag != "VBD":
        return FUTURE  # "due", "likely"
    if "to" in words and t.head != i and depth < 3:
        head = p.toks[t.head]
        if head.lemma.lower() in future_words or (head.lemma == "go" and head.tag == "VBG"):
            return FUTURE
        return _verb_tense(p, t.head, future_words, depth + 1) or FUTURE
    if any(a.tag == "VBD" for a in auxes) or t.tag == "VBD":
        return PAST
    if t.tag == "VBN":
        if t.lemma.lower() in future_words and auxes and not any(a.tag == "VBD" for a in auxes):
            return FUTURE  # "is scheduled for", "has been set for"
        if words & _PERFECT or not auxes:
            return PAST
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
            if m.groupdict().get("dir"):  # also offer the phrase without "before"/"ago"...
                cut = m.start("dir")
                while cut > a and text[cut - 1].isspace():
                    cut -= 1
                short = rule.pattern.fullmatch(text, a, cut)
                if short:
                    yield _Cand(a, cut, order, rule, short)


def _glued(text: str, a: int, b: int) -> bool:
    """A match hyphenated into a longer word ("now-cancelled", "2008-era", "pre-war") is not a
    timex; a number range ("2009-2011") is two."""
    after, before = text[b:b + 2], text[max(0, a - 2):a]
    return (len(after) == 2 and after[0] == "-" and after[1].isalpha()) or (
        len(before) == 2 and before[1] == "-" and before[0].isalpha())


_BAD_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "PRODUCT", "ORG", "FAC",
                       "LAW", "ORDINAL"})
_AGE = re.compile(r"^\s*(?:-|\s)?(?:years?|yrs?)?[\s-]*old\b|^\s*-old\b", re.IGNORECASE)


def _plausible(c: _Cand, text: str, p: _Parse) -> bool:
    """Checks against the parse that the regular expressions cannot make."""
    toks = p.tokens_in((c.start, c.end))
    name = c.rule.name
    g = c.match.groupdict()
    if _AGE.match(text[c.end:c.end + 12]):
        return False  # "55-year-old", "five years old": ages are not time expressions
    if name in ("month", "mdy", "dmy") and g.get("mon"):
        mt = next((t for t in toks if t.start == c.match.start("mon")), None)
        prev = p.before((c.start, c.end))
        bare = not g.get("y") and not g.get("d")
        if mt is not None and (mt.tag == "MD" or (bare and (
                mt.ent_type in ("PERSON", "ORG") or (prev is not None and prev.ent_type ==
                                                     "PERSON" and prev.head == mt.i)))):
            return False  # "May" the modal or the surname ("Theresa May")
    if name == "year":
        yt = next((t for t in toks if t.start == c.match.start("y")), None)
        nxt = p.after((c.start, c.end))
        prev = p.before((c.start, c.end))
        if (yt is not None and yt.ent_type in _BAD_ENTS and not g.get("mod")
                and not _year_context(prev)):
            return False  # "a 2000 model", "$2014"
        if nxt is not None and nxt.tag == "NNS" and (yt is None or yt.ent_type != "DATE"):
            return False  # "2000 jobs"
        if prev is not None and nxt is not None and prev.tag == nxt.tag == "NNP":
            return False  # "the Russell 2000 Index": a number inside a name
    if name in ("duration", "vague", "freq") and toks:
        ut = next((t for t in toks if t.start >= c.match.start("u")), None)
        lone = (g.get("n") or "a").lower() in ("a", "an")
        if ut is not None and (ut.pos not in ("NOUN", "PROPN")
                               or (lone and ut.dep in ("compound", "amod"))):
            return False  # "a day trader", "a second consecutive day"; "a four day rally" is
    if name == "vague" and not g.get("pre") and not c.match.group(0).endswith("-long"):
        prev = p.before((c.start, c.end))
        if prev is not None and prev.text.lower() in ("just", "only", "mere", "within"):
            prev = p.before((prev.start, prev.end)) if prev.tag != "IN" else prev
        return prev is not None and prev.tag == "IN"  # "for years", "in (just) minutes"
    if name == "ref":
        return _ref_ok(c, text, p)
    if name == "weekday" and any(t.ent_type == "EVENT" for t in toks):
        return False  # "Black Monday", "Super Tuesday": a named event, not a weekday
    if g.get("dir") and g["dir"].lower() in ("before", "after", "prior"):
        nxt = p.after((c.start, c.end))
        return nxt is None or nxt.pos in ("PUNCT", "SPACE")  # "two days before the launch"
    return True


def _year_context(prev: Token | None) -> bool:
    return prev is not None and prev.text.lower() in _YEAR_PREPS


_YEAR_PREPS = frozenset({"in", "since", "by", "until", "till", "from", "to", "of", "during",
                         "before", "after", "between", "and", "through", "early", "late", "mid",
                         "for", "throughout", "around"})


def _ref_ok(c: _Cand, text: str, p: _Parse) -> bool:
    word = " ".join(c.match.group(0).lower().split())
    nxt = p.after((c.start, c.end))
    if word in ("the past", "the present", "the future") and nxt is not None and nxt.pos in (
            "NOUN", "PROPN", "ADJ", "NUM"):
        return False  # "the past decade" is read by another rule; "the future plans"
    if word == "earlier" and nxt is not None and nxt.text.lower() in ("this", "that", "in"):
        return False
    if word == "later" and nxt is not None and nxt.text.lower() in ("this", "that"):
        return False
    return True


def _select(cands: list[_Cand], size: int) -> list[_Cand]:
    """Non-overlapping candidates: longest first, then the earlier rule."""
    chosen: list[_Cand] = []
    taken = bytearray(size)
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.order, c.start)):
        if not any(taken[c.start:c.end]):
            chosen.append(c)
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    """Trim a trailing period of an abbreviation-free match and surrounding spaces."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1] in " \t,":
        b -= 1
    return a, b


# --------------------------------------------------------------------------- the stage

_ANCHOR_TYPES = frozenset({"DATE", "TIME"})
_MAX_ANCHORS = 8  # the dates mentioned nearby that relative expressions may count from
_DRY_ANCHOR = "2000-01-01"  # lets anchor-only readings pass the first, context-free check


def extract_times(article: Article, grammar: TimeGrammar | None = None) -> Article:
    """Find and normalise the article's time expressions.

    Args:
        article: a parsed article (text, tokens, sentences; ``published.date`` as the DCT).
        grammar: the compiled grammar (default: the packaged word lists).

    Returns:
        The article with ``times`` set, in text order.
    """
    g = grammar or load_time_grammar()
    text = article.text
    p = _Parse.build(article)
    dct = _date(article.published.date)
    future_words = frozenset(g.words.kinds.get("future", {}))
    dry = Clue(dct, None, (_DRY_ANCHOR,))
    cands = [c for c in _candidates(text, g)
             if _resolve(c.rule.name, c.match, dry, g.words) is not None
             and _plausible(c, text, p)]
    out: list[TimeRef] = []
    anchors: list[tuple[int, str]] = []  # (sentence, value) of resolved dates, in text order
    for c in _select(cands, len(text)):
        a, b = _strip(text, c.start, c.end)
        sent = p.sentence_of(a)
        near = tuple(v for s, v in reversed(anchors[-_MAX_ANCHORS:]) if s >= sent - 1)
        clue = Clue(dct, governing_tense(p, (a, b), future_words), near)
        norm = _resolve(c.rule.name, c.match, clue, g.words)
        if norm is None:
            continue
        out.append(TimeRef(text[a:b], (a, b), norm.type, norm.value, norm.granularity))
        if norm.type in _ANCHOR_TYPES and _parts(norm.value) is not None:
            anchors.append((sent, norm.value))
    return replace(article, times=tuple(_dated_clocks(out, text)))


_GAP = re.compile(r"[\s,]*(?:on\s+)?")


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
        "YYYY-MM-DD", "YYYY-MM" or "YYYY" (weeks, quarters and seasons give their year), or
        None when the sentence names no date.
    """
    if not 0 <= sentence_index < len(article.sentences):
        return None
    s = article.sentences[sentence_index]
    best: str | None = None
    for t in article.times:
        if t.type not in _ANCHOR_TYPES or not s.start <= t.span[0] < s.end:
            continue
        m = _SPECIFIC.match(t.value)
        if m is None:
            continue
        value = "-".join(x for x in m.groups() if x)
        if best is None or len(value) > len(best):
            best = value
    return best


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point: the grammar is loaded once per context."""
    return extract_times(article, ctx.get("time_grammar", load_time_grammar))


STAGE = StageSpec(
    name="times",
    run=run,
    requires=("article.tokens",),
    assigns=("article.times",),
)
