"""Places: find every toponym in an article and resolve it, offline, to a GeoNames place.

Recognition takes the NER model's GPE/LOC/FAC spans (trimmed of determiners, possessives and
lowercase modifiers such as "eastern", grown over cut-off parts such as "-Bissau"), plus
gazetteer matches of capitalised token runs the model missed or filed under another label
(ORG, PERSON, NORP...) when the run names a country, division, region or sizeable town, or
when the text marks it as a place ("in X", "the resort of X", "X region", "X, Texas", a list
of places). Demonyms ("Russian") are never places, nor are places inside longer names ("the
New York Times"), except the country, state or town whose institution a name says it is ("the
U.S. Centers for Disease Control", "the Health Ministry of Kenya", "Busan City Hall").

Resolution scores each candidate of a name with its prominence (feature class and population),
local cues ("Paris, Texas", "Atlanta, Georgia", "Kenya's Nyanza province", "X located in Y",
"Georgia state", "X city"), and the rest of the article: the countries and divisions its other
places lie in (more so when the places named in the next sentences lie in one country), and
the dateline. Each name is resolved once
per article (one sense per discourse); names that resolve to the same place are merged. A
world city (a million people or more, a hundred times its largest namesake) holds against the
article's context unless a cue or a container says otherwise ("Toronto" in a story full of
Australian places is still Toronto, Ontario).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

from dateline.kb.gazetteer import (
    Gazetteer,
    GeoEntry,
    Match,
    distance_km,
    load_gazetteer,
    name_key,
)
from dateline.kb.place_words import PlaceWords, load_place_words
from dateline.model import Article, Place, Span, Token
from dateline.pipeline import Context, StageSpec
from dateline.stages.tokens import TokenIndex

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The English word classes the rules read (connectors, directions, place and settlement nouns,
# locative prepositions, institution words...) are in kb/data/place_words.tsv, passed in as
# PlaceWords (``w``). What stays here is grammar: NER labels, POS tags, function words, the
# glue of a list of names and the dashes inside a name.
# Dashes that may join the parts of a place name ("Guinea-Bissau", which the tokenizer splits),
# besides w.connectors.
_DASHES = frozenset({"-", "–"})

_MAX_NGRAM = 5
_GREATER = "greater"  # "Greater Mumbai": the city and its suburbs
_MAX_CANDIDATES = 40  # per name, primary names first (a "Springfield" has dozens)
_CITY_ALONE_POP = 100_000  # a gazetteer-only town name needs this population or a cue
_CITY_CUED_POP = 1_000


@dataclass
class _Mention:
    """A toponym occurrence: its span (token and character) and the name it resolves by."""

    a: int
    b: int
    start: int
    end: int
    surface: str
    key: str  # the name looked up (may be shorter than the surface: "Southern California")
    cues: set[str] = field(default_factory=set)  # admin | city | county
    container: str | None = None  # key of "Y" in "X, Y" / "X in Y" / "Y's X"
    held: bool = False  # the container is stated, not listed: "X in Y", "the X area of Y"
    peers: list[str] = field(default_factory=list)  # keys of the other names in its list
    sent: int = -1  # index of its sentence


@dataclass
class _Name:
    """All mentions that share one lookup name, and that name's candidates."""

    key: str
    mentions: list[_Mention]
    candidates: tuple[Match, ...]
    choice: GeoEntry | None = None
    margin: float = 0.0
    within: GeoEntry | None = None  # set when no candidate lies in the stated container


# ----------------------------------------------------------------------------- recognition


def _trim(d: TokenIndex, a: int, b: int) -> tuple[int, int]:
    """Drop determiners, punctuation and lowercase modifiers before a name; possessives after."""
    while a < b and (
        d.toks[a].pos in ("DET", "PUNCT", "ADP") or not d.toks[a].text[:1].isupper()
    ):
        a += 1
    while b > a and (d.toks[b - 1].tag == "POS" or d.toks[b - 1].pos == "PUNCT"
                     or d.toks[b - 1].text in ("'s", "’s", "'", "’")):
        b -= 1
    return a, b


def _is_demonym(tok: Token, gaz: Gazetteer, w: PlaceWords, nxt: Token | None = None) -> bool:
    """An adjective or plural people-noun ("Russian", "Syrians"), unless a place has that name
    ("the Balkans"), or a lowercase place noun ``nxt`` says which place it names: a tagger
    takes "Heze" in "Heze city" or "Gansu" in "Gansu province" for an adjective."""
    if tok.tag == "JJ":
        if _is_country_name(gaz, tok.text):
            return False  # "a Malawi summit": the country's own name, as a modifier
        return not (nxt is not None and nxt.text in w.place_nouns and
                    any(not m.alt for m in gaz.lookup(tok.text)))
    return tok.tag == "NNPS" and tok.text.endswith(("ans", "ese", "ians")) and \
        not gaz.has(tok.text)


def _lookup_key(gaz: Gazetteer, w: PlaceWords, d: TokenIndex, a: int,
                b: int) -> tuple[int, int, str] | None:
    """The longest sensible reading of tokens [a, b) that the gazetteer knows.

    Tries the whole span, then without leading direction words ("Southern California"),
    then without trailing place nouns ("Donbas region"). Returns (a', b', text).
    """
    text = d.stext(a, b)
    if gaz.has(text):
        return a, b, text
    a2 = a
    while a2 < b - 1 and (d.toks[a2].text.lower() in w.directions or
                          d.toks[a2].text.lower() == _GREATER):
        a2 += 1  # "Southern California", "Greater Mumbai" (a city's metropolitan area)
    b2 = b
    while b2 > a2 + 1 and d.toks[b2 - 1].text.lower() in w.strippable:
        b2 -= 1
    for x, y in ((a2, b), (a, b2), (a2, b2)):
        if (x, y) != (a, b) and x < y:
            t = d.stext(x, y)
            if gaz.has(t) and name_key(t) not in w.generic:
                return x, y, t
    return None


def _joined_mentions(art: Article, d: TokenIndex, gaz: Gazetteer) -> list[_Mention]:
    """Country, division or region names NER cut into two adjoining spans ("French" NORP +
    "Guiana" PERSON)."""
    out: list[_Mention] = []
    for s1, s2 in zip(art.ner, art.ner[1:]):
        if s1.tok_end != s2.tok_start or (s1.label in PLACE_LABELS and
                                          s2.label in PLACE_LABELS):
            continue
        a, _ = _trim(d, s1.tok_start, s1.tok_end)
        _, b = _trim(d, s2.tok_start, s2.tok_end)
        if a >= s1.tok_end or b <= s2.tok_start or (out and out[-1].b > a):
            continue
        text = d.stext(a, b)
        if any(not m.alt and (m.entry.is_country or m.entry.feature in ("ADM1", "CONT") or
                              m.entry.geonameid is None) for m in gaz.lookup(text)):
            out.append(_exact(d, a, b))
    return out


def _state_abbreviations(d: TokenIndex, w: PlaceWords) -> list[_Mention]:
    """AP-style US state abbreviations that are also words or foreign places, read as the
    state right after "Town," and with their period: "Pittsburgh, Pa.", "Geismar, La.",
    "Westbrook, Me." (the tokenizer may split that period off). Elsewhere "Pa." and "Me" are
    not states."""
    out: list[_Mention] = []
    n = len(d.toks)
    for i in range(2, n):
        t = d.toks[i]
        split = i + 1 < n and d.toks[i + 1].text == "." and d.toks[i + 1].start == t.end
        base = t.text[:-1] if t.text.endswith(".") else t.text if split else ""
        state = w.state_abbreviations.get(base.lower()) if base[:1].isupper() else None
        if state is None or d.toks[i - 1].text != "," or d.toks[i - 2].sent != t.sent or \
                not d.toks[i - 2].text[:1].isupper():
            continue
        out.append(_Mention(i, i + 1, t.start, t.end, t.text, name_key(state), cues={"admin"}))
    return out


def _ner_mentions(art: Article, d: TokenIndex, gaz: Gazetteer, w: PlaceWords,
                  persons: set[Span], joined: set[int]) -> list[_Mention]:
    """Mentions from the NER model's GPE, LOC and FAC spans (but not from ``joined``
    tokens, already read as a place whole)."""
    out: list[_Mention] = []
    covered = -1  # last token consumed by a span grown over its neighbour
    for s in art.ner:
        if s.label not in PLACE_LABELS or s.tok_start <= covered or \
                not joined.isdisjoint(range(s.tok_start, s.tok_end)):
            continue
        a, b = _trim(d, s.tok_start, s.tok_end)
        if a >= b or (b - a == 1 and _is_demonym(d.toks[a], gaz, w,
                                                  d.toks[b] if b < len(d.toks) else None)):
            continue
        if d.span(a, b) in persons:
            continue  # the entities stage found this "place" to be a person's name
        a, b = _extend(d, gaz, w, a, b)
        covered = b - 1
        out.extend(_split_span(d, gaz, w, a, b))
    return out


# NER labels under which the model sometimes files a place ("Krasnodar" as ORG, "Sierra Leone"
# as PERSON, "Bulacan" as NORP). A place inside a longer name ("The New York Times") is part
# of that name, not a place mention, unless it names an institution's jurisdiction (below).
_WEAK_LABELS = frozenset({"ORG", "PERSON", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})


def _weak_mentions(art: Article, d: TokenIndex, gaz: Gazetteer, w: PlaceWords,
                   anchors: set[int], surnames: set[str]) -> list[_Mention]:
    """Places the NER model filed under another label.

    A span counts when the gazetteer knows it whole and it is a country, or it is prominent
    and not a person's name, or the text marks it as a place (a locative preposition, a list
    of places).
    """
    out: list[_Mention] = []
    for s in art.ner:
        if s.label not in _WEAK_LABELS:
            continue
        a, b = _trim(d, s.tok_start, s.tok_end)
        if a >= b or (b - a == 1 and _is_demonym(d.toks[a], gaz, w)):
            continue
        typed = False
        if b - a > 1 and d.toks[a].text.lower() in w.place_nouns and \
                not gaz.has(d.stext(a, b)):
            a, typed = a + 1, True  # "the Hope Village Bentiu": the village Bentiu
        parts = [(a, b)]
        if not gaz.has(d.stext(a, b)):  # "Katanga, Orientale" filed as one ORG
            cuts = [k for k in range(a, b) if d.toks[k].text == ","]
            parts = [(x, y) for x, y in zip([a] + [c + 1 for c in cuts], cuts + [b],
                                            strict=True) if x < y] if cuts else parts
        listed = len(parts) > 1 and sum(gaz.has(d.stext(x, y)) for x, y in parts) > 1
        for x, y in parts:
            m = _weak_mention(d, gaz, w, x, y, anchors, surnames, s.label, typed or listed)
            if m is not None:
                out.append(m)
    return out


def _weak_mention(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int,
                  anchors: set[int], surnames: set[str], label: str,
                  cued: bool) -> _Mention | None:
    """Tokens [a, b) of a span filed under another label, if they name a place."""
    text = d.stext(a, b)
    key = name_key(text)
    if not gaz.has(text) or key in w.not_places or key in surnames:
        return None
    country = _is_country_name(gaz, text)
    typed = _typed(d, w, a)
    cued = cued or typed or _cued(d, gaz, w, a, b, anchors)
    strong = _prominent(gaz, w, text, _CITY_ALONE_POP) and label != "PERSON"
    # "from Trangkil, Central Java": a town stated with its container needs no population.
    contained = _contained(d, w, b, anchors)
    need = 0 if contained or typed else _CITY_CUED_POP
    if country or (cued and _prominent(gaz, w, text, need, cued=True)) or strong:
        start, end = d.span(a, b)
        return _Mention(a, b, start, end, d.text[start:end], key)
    return None


def _contained(d: TokenIndex, w: PlaceWords, b: int, anchors: set[int]) -> bool:
    """Whether the name ending at b is stated inside a known place: "Trangkil, Central Java",
    "Chepo (Panamá Province)", "Wilberforce in North-Western Sydney", and each name of a
    coordination that is: "Cattai and Wilberforce in North-Western Sydney"."""
    n = len(d.toks)
    while b < n and (d.toks[b].text.lower() in ("and", "or") or (
            d.toks[b].text == "," and b + 1 < n and b + 1 not in anchors)):
        b += 1  # over the rest of the coordination, up to what follows its last name
        while b < n and d.toks[b].text[:1].isupper():
            b += 1
        if b >= n or d.toks[b].sent != d.toks[b - 1].sent:
            return False
    if b + 1 >= n or d.toks[b].text not in (",", "(", "in"):
        return False
    k = b + 1  # over direction words: "in northern Kenya", "in North-Western Sydney"
    while k < n and k - b <= 4 and (d.toks[k].text.lower() in w.directions or
                                    d.toks[k].text in _DASHES):
        k += 1
    return k in anchors


# Labels of the spans such institution names come in.
_INSTITUTION_LABELS = frozenset({"ORG", "FAC", "GPE"})


def _metro(gaz: Gazetteer, text: str) -> str:
    """The city that "Greater X" names when the gazetteer does not know the area itself
    ("Greater Mumbai" is Mumbai; "Greater Manchester" is known as such); else ``text``."""
    if name_key(text).startswith(_GREATER + " ") and not gaz.has(text):
        return text.split(None, 1)[1]
    return text


def _jurisdiction(gaz: Gazetteer, w: PlaceWords, text: str) -> bool:
    """A country (under any of its names, "U.S."), or a first-order division or a sizeable
    town by its own name (or its metropolitan area's: "the Municipal Corporation of Greater
    Mumbai")."""
    if name_key(text) in w.generic:
        return False
    text = _metro(gaz, text)
    county = name_key(text).rsplit(" ", 1)[-1] in w.county_nouns
    return any(m.entry.is_country or (not m.alt and (
        m.entry.feature == "ADM1" or (m.entry.is_city and m.entry.population >= _CITY_ALONE_POP)
        or (county and m.entry.feature == "ADM2")  # "the Cook County Sheriff's Office"
    )) for m in gaz.lookup(text))


def _institution_at(d: TokenIndex, w: PlaceWords, k: int, end: int) -> bool:
    """Whether token k (before ``end``) starts the name of an institution."""
    low = d.toks[k].text.lower()
    nxt = d.toks[k + 1].text.lower() if k + 1 < end else ""
    if low == "city":
        return nxt in w.city_institutions
    if low == "state":  # "the Virginia State Police", not "Iowa State University"
        return nxt not in w.state_schools
    return low in w.institutions


def _institution_mentions(art: Article, d: TokenIndex, gaz: Gazetteer, w: PlaceWords,
                          anchors: set[int]) -> list[_Mention]:
    """The country or state whose institution an organisation's name says it is: "the U.S.
    Centers for Disease Control", "the Ontario Ministry of Health", "the Ministry of Defence
    of Ukraine". Not "The New York Times" or "the Texas Rangers": the word after the place
    must name an institution."""
    out: list[_Mention] = []
    for s in art.ner:
        if s.label not in _INSTITUTION_LABELS:
            continue
        a, b = _trim(d, s.tok_start, s.tok_end)
        if b - a < 2 or any(k in anchors for k in range(a, b)):
            continue
        found = None
        for n in range(min(_MAX_NGRAM, b - a - 1), 0, -1):
            if _institution_at(d, w, a + n, b) and _jurisdiction(gaz, w, d.stext(a, a + n)):
                found = (a, a + n)
                break
        if found is None:
            of = max((k for k in range(a + 1, b - 1) if d.toks[k].text == "of"), default=None)
            if of is not None and any(d.toks[k].text.lower() in w.institutions
                                      for k in range(a, of)):
                x = of + 1 + (d.toks[of + 1].text.lower() == "the")
                if x < b and _jurisdiction(gaz, w, d.stext(x, b)):
                    found = (x, b)
        if found is not None:
            m = _exact(d, *found)
            out.append(replace(m, key=name_key(_metro(gaz, m.surface))))
    return out


def _is_country_name(gaz: Gazetteer, text: str) -> bool:
    return any(m.entry.is_country and not m.alt for m in gaz.lookup(text))


def _exact(d: TokenIndex, a: int, b: int) -> _Mention:
    start, end = d.span(a, b)
    text = d.text[start:end]
    return _Mention(a, b, start, end, text, name_key(text))


def _surnames(art: Article, d: TokenIndex, gaz: Gazetteer, w: PlaceWords) -> set[str]:
    """Name keys of the words of multi-word person names, so "Joncret" alone stays a person.

    Spans the gazetteer knows whole ("Milton Keynes", "São Paulo") are places NER mislabelled,
    and so are spans led by a place noun ("the Hope Village Bentiu").
    """
    out: set[str] = set()
    for s in art.ner:
        if s.label == "PERSON" and s.tok_end - s.tok_start > 1 and \
                d.toks[s.tok_start].text.lower() not in w.place_nouns and \
                not gaz.has(d.stext(s.tok_start, s.tok_end)):
            out.update(name_key(d.toks[k].text) for k in range(s.tok_start, s.tok_end)
                       if d.toks[k].text[:1].isupper())
    return out


def _split_at(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int,
              cuts: list[int]) -> list[_Mention]:
    """The mentions of tokens a..b cut at the separators ``cuts``, if every part is a place."""
    if not cuts:
        return []
    parts, prev = [], a
    for c in cuts + [b]:
        parts.append((prev, c))
        prev = c + 1
    found = [_mention(d, gaz, w, x, y) for x, y in parts if x < y]
    return [m for m in found if m is not None] if all(found) else []


def _split_span(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int,
                b: int) -> list[_Mention]:
    """One NER span as one or more mentions ("Pandi, Bulacan" is two places)."""
    # "Tortí (Panamá Province": NER may swallow a bracketed container too.
    commas = [i for i in range(a, b) if d.toks[i].text in (",", "(", ")")]
    found = _split_at(d, gaz, w, a, b, commas)
    if found:
        return found
    m = _mention(d, gaz, w, a, b)
    if m is not None:
        return [m]
    # "Central Asia - Kazakhstan": names set apart by a spaced dash (not "Guinea-Bissau").
    dashes = [i for i in range(a + 1, b - 1) if d.toks[i].text in ("-", "–", "—")
              and d.toks[i].start > d.toks[i - 1].end]
    found = _split_at(d, gaz, w, a, b, dashes)
    if found:
        return found
    # "Kisumu and Rift Valley": a coordination NER took for one name.
    glue = [i for i in range(a, b) if d.toks[i].text.lower() in ("and", "or", "&")]
    if glue:
        parts, prev = [], a
        for c in glue + [b]:
            parts.append((prev, c))
            prev = c + 1
        parts = [(x, y) for x, y in parts if x < y]
        glued = [_mention(d, gaz, w, x, y) for x, y in parts]
        last_a, last_b = parts[-1]
        for k, (x, y) in enumerate(parts[:-1]):
            # "Central and South America": "Central" is Central America.
            if y - x == 1 and d.toks[x].text.lower() in w.directions and \
                    last_b - last_a > 1 and d.toks[last_a].text.lower() in w.directions:
                whole = f"{d.toks[x].text} {d.stext(last_a + 1, last_b)}"
                if gaz.has(whole):
                    glued[k] = replace(_exact(d, x, y), key=name_key(whole))
        if len(glued) > 1 and all(m is not None and m.key not in w.generic for m in glued):
            return [m for m in glued if m is not None]
    # A span the gazetteer does not know as a whole: its longest known capitalised part.
    for n in range(min(_MAX_NGRAM, b - a - 1), 0, -1):
        for x in range(a, b - n + 1):
            after = d.toks[x + n] if x + n < b else None
            if after is not None and (after.text[:1].isupper() or after.tag == "POS"):
                continue  # "Islington Bay", "St. Peter's Square": named after, not the place
            if all(d.toks[k].text[:1].isupper() for k in (x, x + n - 1)) and \
                    gaz.has(d.stext(x, x + n)) and \
                    _prominent(gaz, w, d.stext(x, x + n), _CITY_ALONE_POP):
                return [_exact(d, x, x + n)]
    return []


def _extend(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int) -> tuple[int, int]:
    """Grow a span over name parts NER cut off ("Burkina" + "Faso", "Guinea" + "-Bissau",
    "Rio Grande" + "do Sul", "Jammu" + "and Kashmir") while the gazetteer knows the result."""
    grown = True
    while grown:
        grown = False
        for n in (1, 2, 3):
            c = b + n
            if c > len(d.toks) or d.toks[c - 1].sent != d.toks[a].sent or \
                    not d.toks[c - 1].text[:1].isupper():
                continue
            if n > 1 and not _connector(w, d.toks[b].text.lower()):
                continue
            if gaz.has(d.stext(a, c)):
                b, grown = c, True
                break
    if a >= 2 and d.toks[a - 1].text in ("-", "–") and d.toks[a - 2].text[:1].isupper() and \
            gaz.has(d.stext(a - 2, b)):
        a -= 2
    return a, b


def _mention(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int) -> _Mention | None:
    found = _lookup_key(gaz, w, d, a, b)
    if found is None:
        return None
    start, end = d.span(a, b)
    return _Mention(a, b, start, end, d.text[start:end], name_key(found[2]))


def _prominent(gaz: Gazetteer, w: PlaceWords, key: str, city_pop: int,
               cued: bool = False) -> bool:
    """Whether a name has a candidate that needs no (or, with a cue, little) more evidence.

    With a cue, second-order divisions count, and so do big towns under another of their
    names ("the town of Mbanza Congo", officially Mbanza Kongo)."""
    if name_key(key) in w.generic:
        return False
    for m in gaz.lookup(key):
        e = m.entry
        if e.is_country or e.feature in ("CONT", "ADM1") or (e.geonameid is None and not m.alt):
            return True
        # With a cue, a district by its own name, or by its name without the local type
        # word ("the town of Jembrana", for "Kabupaten Jembrana").
        if cued and e.feature == "ADM2" and (not m.alt or name_key(e.name).endswith(
                " " + name_key(key))):
            return True
        if e.is_city and not m.alt and e.population >= city_pop:
            return True
        if cued and e.is_city and e.population >= _CITY_ALONE_POP:
            return True
    return False


def _gazetteer_mentions(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, taken: set[int],
                        anchors: set[int], surnames: set[str]) -> list[_Mention]:
    """Capitalised token runs that NER left untagged but the gazetteer knows."""
    out: list[_Mention] = []
    i, n_tok = 0, len(d.toks)
    while i < n_tok:
        t = d.toks[i]
        if i in taken or not _capitalised(t) or t.ent_type or _is_demonym(t, gaz, w):
            i += 1
            continue
        for n in range(_MAX_NGRAM, 0, -1):
            b = i + n
            if b > n_tok or not _run_ok(d, w, i, b, taken):
                continue
            text = d.stext(i, b)
            if (city := _metro(gaz, text)) != text and \
                    _prominent(gaz, w, city, _CITY_ALONE_POP):
                # "Greater Cairo": the city with its suburbs
                out.append(replace(_exact(d, i, b), key=name_key(city)))
                taken.update(range(i, b))
                i = b - 1
                break
            if not gaz.has(text) or name_key(text) in w.not_places or \
                    name_key(text) in surnames:
                continue
            if _accept_gazetteer_run(d, gaz, w, i, b, text, anchors):
                out.append(_exact(d, i, b))
                taken.update(range(i, b))
                i = b - 1
                break
        i += 1
    return out


def _repeated_mentions(d: TokenIndex, mentions: list[_Mention]) -> list[_Mention]:
    """Other occurrences of a name found as a place (one sense per discourse): "the town of
    Tuapse ... visited Tuapse". Not inside a longer name or entity span."""
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for m in mentions:
        words = tuple(d.toks[k].text for k in range(m.a, m.b))
        if words[0][:1].isupper() and (words, m.key) not in by_first.get(words[0], []):
            by_first.setdefault(words[0], []).append((words, m.key))
    covered = {k for m in mentions for k in range(m.a, m.b)}
    out: list[_Mention] = []
    n_tok = len(d.toks)
    for i, t in enumerate(d.toks):
        for words, key in by_first.get(t.text, ()):
            b = i + len(words)
            if b > n_tok or any(k in covered for k in range(i, b)) or \
                    tuple(d.toks[k].text for k in range(i, b)) != words:
                continue
            if t.ent_iob == "I" or (b < n_tok and d.toks[b].ent_iob == "I"):
                continue  # part of a longer entity span
            nxt = d.toks[b] if b < n_tok else None
            prev = d.toks[i - 1] if i > 0 else None
            if (nxt is not None and nxt.text[:1].isupper() and nxt.sent == t.sent) or \
                    (prev is not None and prev.text[:1].isupper() and prev.pos == "PROPN"
                     and prev.sent == t.sent):
                continue  # "the Tuapse Port Authority"
            start, end = d.span(i, b)
            out.append(_Mention(i, b, start, end, d.text[start:end], key))
            covered.update(range(i, b))
            break
    return out


def _capitalised(t: Token) -> bool:
    return t.text[:1].isupper() and t.pos in ("PROPN", "NOUN", "ADJ") and len(t.text) > 1


def _run_ok(d: TokenIndex, w: PlaceWords, a: int, b: int, taken: set[int]) -> bool:
    if any(k in taken or d.toks[k].ent_type for k in range(a, b)):
        return False
    if any(d.toks[k].sent != d.toks[a].sent for k in range(a, b)):
        return False
    if not (_capitalised(d.toks[a]) and _capitalised(d.toks[b - 1])):
        return False
    return all(_capitalised(d.toks[k]) or _connector(w, d.toks[k].text)
               or d.toks[k].text == "-" for k in range(a, b))


def _connector(w: PlaceWords, text: str) -> bool:
    """Whether ``text`` may stand inside a multi-word place name ("Isle of Man")."""
    return text in w.connectors or text in _DASHES


def _accept_gazetteer_run(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int,
                          text: str, anchors: set[int]) -> bool:
    t = d.toks[a]
    first_in_sentence = a == 0 or d.toks[a - 1].sent != t.sent or d.toks[a - 1].text in "\"“‘'"
    if d.toks[b - 1].pos != "PROPN" and not any(d.toks[k].pos == "PROPN" for k in range(a, b)):
        return False
    # Next to another capitalised word: part of a name of something else ("Georgia Smith",
    # "Texas Rangers", "Agent Orange").
    if b < len(d.toks) and d.toks[b].text[:1].isupper() and d.toks[b].pos == "PROPN" \
            and d.toks[b].sent == t.sent:
        # ... except a country before a person's name: "the envoy for South Sudan Jane Roe"
        return d.toks[b].ent_type == "PERSON" and d.toks[b].ent_iob == "B" and \
            _is_country_name(gaz, text)
    if not first_in_sentence and d.toks[a - 1].text[:1].isupper() and \
            d.toks[a - 1].pos == "PROPN":
        return False
    cued = _cued(d, gaz, w, a, b, anchors)
    if _prominent(gaz, w, text, _CITY_ALONE_POP) and not (first_in_sentence and not cued):
        return True
    typed = _typed(d, w, a)
    return (cued or typed) and _prominent(gaz, w, text, 0 if typed else _CITY_CUED_POP,
                                          cued=True)


def _typed(d: TokenIndex, w: PlaceWords, a: int) -> bool:
    """Whether the text says what kind of place the name at a is, so that a village of a few
    hundred people will do: "the village of X", "the communities of W, X and Y", "a hamlet
    called X"."""
    i = a - 1
    while i >= 1 and (d.toks[i].text.lower() in _LIST_GLUE or (
            d.toks[i].text[:1].isupper() and d.toks[i].pos == "PROPN")):
        i -= 1  # back over the list before the name: "villages of Olteanca and [X]"
    if i < 1 or d.toks[i].sent != d.toks[a].sent:
        return False
    low = d.toks[i].text.lower()
    return (low == "of" or low in w.naming_verbs) and \
        d.toks[i - 1].text.lower() in w.settlements


def _cued(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int,
          anchors: set[int]) -> bool:
    """Whether the words around [a, b) mark it as a place (``anchors``: tokens of places)."""
    # "in the Volga and Don": a locative preposition may govern the name through "the".
    p = a - 1 if a > 0 and d.toks[a - 1].text.lower() != "the" else a - 2
    prev = d.toks[p] if p >= 0 else None
    nxt = d.toks[b] if b < len(d.toks) else None
    if prev is not None and prev.text.lower() in _LIST_GLUE:
        # "at Cattai and [Wilberforce]": the preposition governs the whole coordination.
        k = p
        while k > 0 and p - k < 8 and (d.toks[k].text.lower() in _LIST_GLUE or
                                       d.toks[k].text[:1].isupper()):
            k -= 1
        if k < p and d.toks[k].sent == d.toks[a].sent:
            prev, p = d.toks[k], k
    if prev is not None and prev.text.lower() in w.locative and not (
        prev.text.lower() == "to" and p >= 1 and d.toks[p - 1].text.lower() in w.not_locative_to
    ):
        return True
    if prev is not None and prev.text.lower() == "of" and p >= 1 \
            and d.toks[p - 1].text.lower() in w.place_nouns | w.of_place:
        return True  # "the resort of Sochi", "the Syrian city of Aleppo", "the mayor of X"
    if prev is not None and prev.text.lower() in w.naming_verbs and p >= 1 \
            and d.toks[p - 1].text.lower() in w.place_nouns:
        return True  # "a village called Aldbourne"
    if prev is not None and p >= 1 and (
        (prev.text.lower() == "like" and d.toks[p - 1].text.lower() in w.place_plurals)
        or (prev.text.lower() == "as" and p >= 2 and d.toks[p - 1].text.lower() == "such"
            and d.toks[p - 2].text.lower() in w.place_plurals)
    ):
        return True  # "regions like Sumatra", "countries such as Chad"
    if _self_typed(d, gaz, w, a, b):
        return True  # "Harris County", "Orleans Parish"
    if nxt is not None and nxt.text.lower() in w.place_nouns | w.place_plurals:
        return True  # "Donbas region", "the Impfondo districts"
    if nxt is not None and nxt.text.lower() in w.residents and prev is not None and \
            prev.text.lower() in ("a", "an"):
        return True  # "a Lufkin woman": where she lives
    if nxt is not None and nxt.text[:1].isupper() and (
            nxt.text.lower() in w.local_offices or (
                b + 2 < len(d.toks) and d.toks[b + 1].text == "-"
                and f"{nxt.text}-{d.toks[b + 2].text}".lower() in w.local_offices)):
        return True  # "Tagbilaran (Vice-)Mayor Jane Cruz": the town whose mayor she is
    if nxt is not None and nxt.text.lower() in ("and", "or") and b + 2 < len(d.toks) and \
            d.toks[b + 1].text[:1].isupper() and \
            d.toks[b + 2].text.lower() in w.place_plurals:
        return True  # "the Ouesso and Impfondo districts"
    # Next to a place, joined by a comma or a conjunction: "Pandi, Bulacan", "Benin and Togo".
    j = b
    while j < len(d.toks) and j - b < 2 and d.toks[j].text.lower() in _LIST_GLUE:
        j += 1
    if j > b and j in anchors:
        return True
    i = a - 1
    while i >= 0 and a - i <= 2 and d.toks[i].text.lower() in _LIST_GLUE:
        i -= 1
    return i < a - 1 and i in anchors


# What joins the names of a list: "Pandi, Bulacan", "Benin and Togo".
_LIST_GLUE = frozenset({",", "and", "or", "&", ";"})


def _self_typed(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int) -> bool:
    """A multi-word name ending in a capitalised division type word that names a division
    ("Orleans Parish"; not a town called "Central Business District")."""
    last = d.toks[b - 1]
    return b - a > 1 and last.text[:1].isupper() and last.text.lower() in w.type_words and \
        any(m.entry.is_admin or not m.entry.is_city for m in gaz.lookup(d.stext(a, b)))


def _no_container(d: TokenIndex, w: PlaceWords, m: _Mention, via: str, x: int) -> bool:
    """Whether a place mention after "X," / "X in" / "X (" starts something else rather than
    saying where X is: the subject of the next clause ("in Paris, Japan promised"), the
    country of a title ("in Dalian, U.S. Secretary of State George Shultz said"), or, after
    "in", the modifier of a thing ("from Hitachi in U.S. dollars"; not "in Texas counties")."""
    last = d.toks[m.b - 1]
    head = d.toks[last.head]
    modifies = last.dep in ("compound", "amod", "nmod", "poss") and head.i >= m.b
    subject = last if last.dep in ("nsubj", "nsubjpass") else head if (
        modifies and head.dep in ("nsubj", "nsubjpass")) else None
    if subject is not None and _introduces(d, x, subject.head):
        return True
    k = m.b
    while k < len(d.toks) and d.toks[k].text.isspace():
        k += 1  # a line break inside the sentence
    nxt = d.toks[k] if k < len(d.toks) else None
    if nxt is not None and nxt.sent == last.sent and nxt.text[:1].isupper() and \
            nxt.text.isalpha() and nxt.pos in ("PROPN", "NOUN") and \
            nxt.ent_type not in ("DATE", "TIME"):
        return True  # "Dalian, U.S. Secretary ..." (not "Quezon City Wednesday evening")
    return via == "in" and modifies and head.text.lower() not in \
        w.place_nouns | w.place_plurals | w.settlements


def _contains(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, m: _Mention, c: _Mention,
              via: str, by_start: dict[int, _Mention]) -> bool:
    """Whether ``c``, right after "m," / "m in" / "m (", is m's container: not when it starts
    something else (_no_container), not a bracketed country (a company's branch: "a Morgan
    (Switzerland) official") and not the next name of a list ("Antwerp, Northern Italy or
    Spain")."""
    if _no_container(d, w, c, via, m.b - 1):
        return False
    if via == "(":
        return not _is_country_name(gaz, c.surface)
    return via != "," or not _list_goes_on(d, c.b, by_start)


def _introduces(d: TokenIndex, x: int, verb: int) -> bool:
    """Whether token x lies in an adverbial phrase of ``verb`` ("After talks in Paris, Japan
    promised": the phrase ends at the comma, and the subject follows)."""
    k = x
    for _ in range(12):
        t = d.toks[k]
        if t.head == verb and t.i != verb:
            return t.dep in ("prep", "advcl", "advmod", "npadvmod", "pcomp") and t.i < x + 1
        if t.head == t.i:
            return False
        k = t.head
    return False


def _annotate_lists(d: TokenIndex, mentions: list[_Mention]) -> None:
    """Coordinated names ("Georgia, Oklahoma and Wisconsin"): each learns its list's peers."""
    chains: list[list[_Mention]] = []
    for m in mentions:
        prev = chains[-1][-1] if chains else None
        gap = range(prev.b, m.a) if prev is not None else range(0)
        if prev is not None and len(gap) and len(gap) <= 3 and \
                all(d.toks[k].text.lower() in _LIST_GLUE for k in gap) and \
                d.toks[m.a].sent == d.toks[prev.a].sent:
            chains[-1].append(m)
        else:
            chains.append([m])
    for chain in chains:
        if len(chain) < 2:
            continue
        for m in chain:
            m.peers = [o.key for o in chain if o.key != m.key]


def _annotate_cues(d: TokenIndex, gaz: Gazetteer, w: PlaceWords,
                   mentions: list[_Mention]) -> None:
    """Local cues: "X, Y" / "X in Y" / "X located in Y" / "Y's X" containers and type nouns
    ("X state", "X city", "the district of X")."""
    _annotate_lists(d, mentions)
    by_start = {m.a: m for m in mentions}
    for m in mentions:
        nxt = d.toks[m.b] if m.b < len(d.toks) else None
        prev = d.toks[m.a - 1] if m.a > 0 else None
        if nxt is not None:
            low = nxt.text.lower()
            if low in w.admin_nouns and nxt.text[:1].islower() and not (
                    low in ("state", "states") and
                    any(_listed_region(c.entry) for c in gaz.lookup(m.key))):
                # (but "the Gulf states", "the Baltic states" are the region's countries)
                m.cues.add("county" if low == "county" else "admin")
            elif low in w.city_nouns and nxt.text[:1].islower():
                m.cues.add("city")
            if nxt.text in (",", "in", "(") and m.b + 1 in by_start and \
                    _contains(d, gaz, w, m, by_start[m.b + 1], nxt.text, by_start):
                m.container, m.held = by_start[m.b + 1].key, nxt.text != ","  # "X (Y)"
            elif (j := m.b + (low == ",")) + 2 < len(d.toks) and \
                    d.toks[j].text.lower() in w.situated and \
                    d.toks[j + 1].text.lower() == "in" and j + 2 in by_start:
                # "Fulton County (,) located in Illinois"
                m.container, m.held = by_start[j + 2].key, True
            elif low in w.place_nouns and m.b + 2 < len(d.toks) and \
                    d.toks[m.b + 1].text.lower() == "of" and m.b + 2 in by_start:
                # "the Kilgore area of Fulton County"
                m.container, m.held = by_start[m.b + 2].key, True
            elif nxt.text in ("'s", "’s") and m.b + 1 in by_start and \
                    by_start[m.b + 1].container is None and not (
                        by_start[m.b + 1].b < len(d.toks) and
                        d.toks[by_start[m.b + 1].b].text.lower() in w.institutions):
                # not "Chad's Paris embassy": the embassy is Chad's, Paris is no Chadian town
                by_start[m.b + 1].container = m.key  # "Kenya's Nyanza province"
        if prev is not None and prev.text.lower() in w.admin_modifiers:
            m.cues.add("admin")
        last = d.toks[m.b - 1].text.lower()
        if m.b - m.a > 1 and last in w.admin_nouns and name_key(m.surface) != m.key:
            # "Idlib Province", "Panama Province": the type word the lookup left out
            m.cues.add("county" if last == "county" else "admin")
        if prev is not None and prev.text.lower() == "of" and m.a >= 2 and \
                d.toks[m.a - 2].text.lower() in w.admin_nouns:
            m.cues.add("county" if d.toks[m.a - 2].text.lower() == "county" else "admin")


# ----------------------------------------------------------------------------- resolution


_FEATURE_BONUS = {
    "PCLI": 4.0, "PCLD": 3.0, "PCLH": 1.0, "CONT": 4.5, "ADM1": 0.5, "ADM2": -0.5,
    "PPLC": 1.5, "PPL": 0.0,
}
_REGION_PRIOR = 10.0  # regions and landmarks from place_regions.tsv (no population)
_ALT_PENALTY = 1.0
# Per listed name of the same level: "Georgia, Oklahoma and Ohio" are states.
_PEER_WEIGHT = {"country": 1.5, "admin1": 1.5, "city": 1.0}
_BIGGEST_TOWN = 0.9  # GeoNames sources may disagree a little on the same town's population
_WORLD_CITY = 1_000_000
_WORLD_CITY_BONUS = 4.0
# A town's boroughs lie this close to its point; a town that holds a place is a tighter
# container than the state that also does, and counts this much more.
_BOROUGH_KM = 25.0
_TIGHTER = 1.5
# A place named in the name's sentences or the ones next to them counts this much more.
_NEAR_COUNT = 2


def _listed_region(e: GeoEntry) -> bool:
    """A region, sea or landmark from place_regions.tsv."""
    return e.geonameid is None and e.population == 0 and e.feature not in ("PPL", "PPLC")


def _prior(m: Match) -> float:
    e = m.entry
    if _listed_region(e):
        base = _REGION_PRIOR
    else:
        base = math.log10(max(e.population, 1)) + _FEATURE_BONUS.get(e.feature, 1.0)
    if m.alt and e.is_city:
        base -= _ALT_PENALTY
    return base


def _priors(cands: tuple[Match, ...], gaz: Gazetteer) -> list[float]:
    """Prominence of each candidate, letting a dominant town beat its same-named division."""
    scores = [_prior(m) for m in cands]
    # A region listed under the name itself outranks what is known by it only as an alternate
    # name: "Central Africa" is the region, not the Central African Republic.
    listed = max((s for m, s in zip(cands, scores, strict=True)
                  if not m.alt and _listed_region(m.entry)), default=None)
    if listed is not None:
        scores = [min(s, listed - 0.1) if m.alt else s
                  for m, s in zip(cands, scores, strict=True)]
    # A town known by the name only as an alternate spelling ("Pittsburg", California, also
    # written "Pittsburgh") yields further to a bigger town whose own name it is.
    own = max((m.entry.population for m in cands if m.entry.is_city and not m.alt), default=-1)
    scores = [s - _ALT_PENALTY if m.alt and m.entry.is_city and m.entry.population <= own else s
              for m, s in zip(cands, scores, strict=True)]
    for i, m in enumerate(cands):
        if not m.entry.is_city:
            continue
        for j, other in enumerate(cands):
            o = other.entry
            if not (o.is_admin and gaz.contains(o, m.entry)):
                continue
            # A division named after its biggest town (New York state, Kyiv city region) or
            # known only by a town's name ("Donetsk" for Donetsk Oblast) yields to the town,
            # if the town goes by that name too; one named after a lesser town (Bulacan,
            # Quebec) does not.
            biggest = m.entry.population >= _BIGGEST_TOWN * o.largest_town
            if (other.alt and (biggest or not m.alt)) or (biggest and not m.alt):
                scores[i] = max(scores[i], scores[j] + 0.1)
    return scores


def _held(outer: GeoEntry, e: GeoEntry, gaz: Gazetteer) -> float:
    """How surely ``outer`` contains ``e``: 1 inside it; 0.5 in the same first-order division
    as a second-order ``outer`` (county and district lines move: a town split off into a new
    district is still named with its old one); else 0."""
    if gaz.contains(outer, e):
        return 1.0
    if outer.feature == "ADM2" and outer.admin1_code and e.admin1_code == outer.admin1_code \
            and e.feature != "ADM1":
        return 0.5
    return 0.0


def _holds(e: GeoEntry, inner: GeoEntry, gaz: Gazetteer) -> float:
    """How much ``e`` counts as the container of ``inner``: _TIGHTER for a town around one of
    its boroughs, 1 for a division or country that contains it, else 0."""
    if _borough_of(e, inner):
        return _TIGHTER
    return 1.0 if gaz.contains(e, inner) else 0.0


def _borough_of(city: GeoEntry, inner: GeoEntry) -> bool:
    """Whether ``inner`` is a part of the bigger town ``city`` ("Manhattan, New York" is in New
    York City): a town whose point lies within a few km of the city's."""
    return city.is_city and inner.is_city and city.idx != inner.idx and \
        city.population > inner.population and \
        distance_km(city.lat, city.lon, inner.lat, inner.lon) <= _BOROUGH_KM


def _cue_score(e: GeoEntry, cues: set[str]) -> float:
    s = 0.0
    if "admin" in cues and e.is_admin:
        s += 6.0
    if "county" in cues and e.feature == "ADM2":
        s += 6.0
    if "city" in cues and e.is_city:
        s += 6.0
    return s


@dataclass
class _ArticleContext:
    """What the other resolved places say: their countries and divisions, and which of them
    are named near the name being resolved (in its sentences or the ones next to them)."""

    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    entries: list[GeoEntry] = field(default_factory=list)
    near_countries: set[str] = field(default_factory=set)
    near_admin1: set[str] = field(default_factory=set)

    def add(self, e: GeoEntry, near: bool = False) -> None:
        self.entries.append(e)
        if e.country:
            self.countries[e.country] += 1
            if near:
                self.near_countries.add(e.country)
        if e.admin1_code and not e.is_country:
            self.admin1[e.admin1_code] += 1
            if near:
                self.near_admin1.add(e.admin1_code)


def _context_score(e: GeoEntry, ctx: _ArticleContext, gaz: Gazetteer) -> float:
    # The places named near the name, when they lie in one country (a roundup's paragraph on
    # Chile, not "talks between Moscow and Washington"), count as a few mentions more: they
    # can lift a country the article names once, not outweigh one it names throughout.
    s = 0.0
    if e.country and ctx.countries[e.country]:
        n = ctx.countries[e.country]
        if ctx.near_countries == {e.country}:
            n += _NEAR_COUNT
        s += 1.5 + 0.75 * min(4, n - 1)
    if e.admin1_code and not (e.is_country or e.feature == "ADM1") and ctx.admin1[e.admin1_code]:
        n = ctx.admin1[e.admin1_code]
        if ctx.near_admin1 == {e.admin1_code}:
            n += _NEAR_COUNT
        s += 1.5 + 0.5 * min(2, n - 1)
    if e.is_country or e.is_admin:
        inside = sum(1 for o in ctx.entries if gaz.contains(e, o))
        s += 0.75 * min(4, inside)
    return s


def _level(e: GeoEntry | None) -> str:
    if e is None:
        return ""
    if e.is_country:
        return "country"
    if e.feature == "ADM1":
        return "admin1"
    return "city" if e.is_city else "other"


def _resolve(names: dict[str, _Name], gaz: Gazetteer, dateline: GeoEntry | None,
             dateline_key: str = "") -> None:
    """Choose a candidate for every name: prominence and cues first, then article context.

    Three rounds: the first without context, the next two with the choices (made with a
    margin) of the other names and the dateline's place.
    """
    priors = {k: _priors(n.candidates, gaz) for k, n in names.items()}
    sents = {k: {m.sent for m in n.mentions} for k, n in names.items()}
    for round_ in range(3):
        for key, nm in names.items():
            ctx = None
            if round_:
                ctx = _ArticleContext()
                if dateline is not None and dateline_key != key:
                    ctx.add(dateline)
                around = {s + k for s in sents[key] if s >= 0 for k in (-1, 0, 1)}
                for other_key, other in names.items():
                    if other_key != key and other.choice is not None and other.margin > 0.5:
                        ctx.add(other.choice, near=not around.isdisjoint(sents[other_key]))
            scores = _candidate_scores(nm, names, priors[key], gaz, ctx)
            if not scores:
                continue
            order = sorted(range(len(scores)), key=lambda i: -scores[i])
            nm.choice = nm.candidates[order[0]].entry
            nm.margin = scores[order[0]] - scores[order[1]] if len(order) > 1 else 10.0


def _candidate_scores(nm: _Name, names: dict[str, _Name], priors: list[float],
                      gaz: Gazetteer, ctx: _ArticleContext | None) -> list[float]:
    """Each candidate's score: prior, local cues, containers, list peers and context."""
    cues = set().union(*(m.cues for m in nm.mentions))
    # In a long list "X, Y" is coordination more often than containment.
    containers = {m.container: (6.0 if len(m.peers) <= 1 else 2.0)
                  for m in nm.mentions if m.container}
    outers = [(names[c].choice, bonus) for c, bonus in containers.items()
              if c in names and names[c].choice is not None]
    # The other way round: "Georgia" in "Atlanta, Georgia" is what holds Atlanta.
    inners = [(other.choice, 6.0 if len(m.peers) <= 1 else 2.0)
              for other in names.values() if other is not nm and other.choice is not None
              for m in other.mentions if m.container == nm.key]
    peer_levels = Counter(
        _level(names[k].choice) for m in nm.mentions for k in m.peers
        if k in names and names[k].choice is not None
    )
    # A world city ("Toronto", "Santiago") against namesakes a hundred times smaller: the
    # article's other places may not flip it without a cue or a container.
    top = max(priors, default=0.0)
    # Its namesakes are other places: not the division that bears the city's name around it
    # (the Paris department, the Land of Berlin).
    best = next((c.entry for c, p in zip(nm.candidates, priors, strict=True) if p == top), None)
    runner_up = max((p for c, p in zip(nm.candidates, priors, strict=True) if p < top and not (
        best is not None and c.entry.is_admin and gaz.contains(c.entry, best))), default=0.0)
    scores = []
    for cand, prior in zip(nm.candidates, priors, strict=True):
        e = cand.entry
        score = prior + _cue_score(e, cues)
        if (prior == top and e.is_city and e.population >= _WORLD_CITY
                and top - runner_up >= 2.0):
            score += _WORLD_CITY_BONUS
        score += sum(bonus * _held(outer, e, gaz) for outer, bonus in outers
                     if outer is not None)
        score += max((bonus * _holds(e, inner, gaz) for inner, bonus in inners), default=0.0)
        score += _PEER_WEIGHT.get(_level(e), 0.0) * min(3, peer_levels[_level(e)])
        if ctx is not None:
            score += _context_score(e, ctx, gaz)
        scores.append(score)
    return scores


# ----------------------------------------------------------------------------- assembly


def extract_places(article: Article, gaz: Gazetteer, words: PlaceWords | None = None) -> Article:
    """Find and resolve the article's places (see the module docstring).

    Args:
        article: an article with tokens and NER spans (entities optional).
        gaz: the gazetteer.
        words: the English word classes the rules read (default: the packaged
            place_words.tsv).

    Returns:
        The article with ``places``: each distinct place once, with all its mentions, in order
        of first mention; places named only in the title, a caption or the dateline follow,
        with no mentions.
    """
    w = _words(words)
    mentions: list[_Mention] = []
    d: TokenIndex | None = None
    persons: set[Span] = set()
    if article.tokens:
        d = TokenIndex.build(article)
        persons = {sp for e in article.entities if e.type == "PERSON" for sp in e.mentions}
        surnames = _surnames(article, d, gaz, w)
        mentions = _joined_mentions(article, d, gaz) + _state_abbreviations(d, w)
        joined = {k for m in mentions for k in range(m.a, m.b)}
        mentions += _ner_mentions(article, d, gaz, w, persons, joined)
        mentions += _institution_mentions(article, d, gaz, w,
                                          {k for m in mentions for k in range(m.a, m.b)})
        anchors = {k for m in mentions for k in range(m.a, m.b)}
        taken = set(anchors)
        taken.update(k for s in article.ner for k in range(s.tok_start, s.tok_end))
        mentions += _gazetteer_mentions(d, gaz, w, taken, anchors, surnames)
        # Twice: a place the first pass finds is a list neighbour for the next ("the Volga
        # and Don", both filed under other labels).
        for _ in range(2):
            anchors = {k for m in mentions for k in range(m.a, m.b)}
            weak = [m for m in _weak_mentions(article, d, gaz, w, anchors, surnames)
                    if not any(k in anchors for k in range(m.a, m.b))]
            if not weak:
                break
            mentions += weak
        mentions += _repeated_mentions(d, mentions)
        mentions = [m for m in mentions if not _strain(d, gaz, w, m)]
        mentions.sort(key=lambda m: m.start)
        for m in mentions:
            m.sent = d.toks[m.a].sent
        _annotate_cues(d, gaz, w, mentions)
    names: dict[str, _Name] = {}
    for m in mentions:
        nm = names.get(m.key)
        if nm is None:
            names[m.key] = _Name(m.key, [m], gaz.lookup(m.key)[:_MAX_CANDIDATES])
        else:
            nm.mentions.append(m)
    for key, nm in list(names.items()):
        # "EU", "UN": an acronym is not a town that happens to be spelt so (Eu, Normandy).
        if all(_acronym(m.surface) for m in nm.mentions):
            nm.candidates = tuple(c for c in nm.candidates if not c.entry.is_city)
            if not nm.candidates:
                del names[key]
    dl_name, dl_within = _dateline_parts(article.dateline)
    dl_entry = _resolve_alone(gaz, dl_name, names, dl_within) if dl_name else None
    _resolve(names, gaz, dl_entry, name_key(dl_name) if dl_name else "")
    if dl_name and name_key(dl_name) in names and names[name_key(dl_name)].choice is not None:
        dl_entry = names[name_key(dl_name)].choice  # the body's reading of the same name
    _mark_missing(names, w)
    if d is not None:
        _add_unlisted(article, d, gaz, w, mentions, names, persons)
    places = _merge(names)
    places += _extra_places(article, gaz, names, places, dl_name, dl_entry)
    return replace(article, places=tuple(places))


def _words(words: PlaceWords | None) -> PlaceWords:
    """The word classes given, else the packaged place_words.tsv (loaded once)."""
    return words if words is not None else load_place_words()


_LOCAL_ADMIN = frozenset({"ADM2", "ADM3", "ADM4"})


def _mark_missing(names: dict[str, _Name], w: PlaceWords) -> None:
    """ "Stroud, Ontario" when the gazetteer knows no Stroud in Canada: the text says where
    the town is, so it is reported inside its container (the container's point, no
    geonameid, no feature) rather than as a namesake abroad. Only towns (and districts), and
    only when no candidate is even in the container's country ("Homs, Hama" stays Syrian
    Homs). A chain ("Stroud, Ontario, Canada") counts as a container too, though it reads as
    a list. A container the text states ("X in Y", "the X area of Y") counts at the level of
    its state: no candidate in that state places the town in the container too."""
    for nm in names.values():
        if nm.choice is None or not all(c.entry.is_city or c.entry.feature in _LOCAL_ADMIN
                                        for c in nm.candidates):
            continue
        if nm.key in w.generic or nm.key in w.institutions:
            continue  # "the Northeast, Florida and ...", "District Court, Northern District"
        outers = [(names[m.container].choice, m.held) for m in nm.mentions
                  if m.container in names]
        outer, held = next(((o, h) for o, h in outers
                            if o is not None and (o.is_admin or o.is_country)), (None, False))
        if outer is not None and outer.country and not any(
                c.entry.country == outer.country for c in nm.candidates):
            nm.within = outer
        elif (outer is not None and held and outer.is_admin and outer.admin1_code
              and not any(c.entry.admin1_code == outer.admin1_code for c in nm.candidates)):
            nm.within = outer  # "the Kilgore area of Fulton County, Illinois": no namesake
            # in the state the text names, so not the Kilgore of another state
        elif _foreign_to_its_list(nm, names):
            nm.choice = None


# What may stand between a name the gazetteer lacks and the place the text puts it in:
# "X, Y", "X in Y", "the X refugee camp in Y", "the X district of Y", "X, a suburb east of
# Y", "X (Y Province)", "X located in the Y", "X is a township in Y". Place, settlement and
# direction words besides.
_CONTAINING = frozenset({",", "(", "in", "of"})
_GAP_WORDS = frozenset({",", "(", "in", "of", "the", "a", "an", "is", "was", "refugee",
                        "farming", "rural", "small", "fishing", "mining", "border"})
_GAP_MAX = 6
# "X, Y" with a town for Y reads as a list more often than as a container ("Kampala,
# Gulu"), unless the town is big ("Sampaloc, Manila").
_LISTED_CONTAINER_POP = 50_000


def _add_unlisted(art: Article, d: TokenIndex, gaz: Gazetteer, w: PlaceWords,
                  mentions: list[_Mention], names: dict[str, _Name],
                  persons: set[Span]) -> None:
    """Places the gazetteer lacks but the text puts inside one it knows: "a market in
    Sampaloc Heights, Quezon City", "the village of Dunmarra in Fife", "the Kalma Wells
    refugee camp in Nyala", "the Karrada district of Baghdad". Each is reported at its
    container (the container's point and country, no geonameid, no feature), as
    ``_mark_missing`` does for a town known only abroad; later bare mentions of the same name
    join it.

    A candidate is a GPE or LOC span of capitalised words that names no gazetteer entry, or a
    span under any label that the text types as a settlement ("the village of X", "X
    district", "X camp"). Never a person's name, a generic word or an acronym."""
    taken = {k for m in mentions for k in range(m.a, m.b)}
    by_start = {m.a: m for m in mentions}
    found: list[_Mention] = []
    nouns = w.place_nouns | w.settlements | w.place_plurals
    for s0, s1, labels in _adjoined(art):
        a, b = _trim(d, s0, s1)
        if a >= b or b - a > 4 or not taken.isdisjoint(range(a, b)):
            continue
        key = name_key(d.stext(a, b))
        if labels == {"NORP"} or key in names or not _unlisted_name(d, gaz, w, a, b):
            continue
        stated = _stated_container(d, w, b, by_start, names)
        if stated is None:
            before = _container_before(d, w, a, mentions, names)
            if before is not None and not labels & {"NORP"}:
                _add_unlisted_mention(d, a, b, key, before, names, found, taken)
            continue
        outer, gap, j = stated
        if "of" in gap and labels.isdisjoint(("GPE", "LOC")):
            continue  # "the Ugandan port of Jinja": an adjective NER took for a name
        # What types the name as a place: "X district", "the X refugee camp", "the village of
        # X", "X, a suburb east of Y", "X is a township in Y", "to X in Y province".
        after = [d.toks[k].text for k in range(b, min(b + 2, len(d.toks)))]
        named = [x for x in after if x.islower() and x in nouns]
        cut = next((i for i, x in enumerate(gap) if x in ("in", "of", "(")), len(gap))
        typing = [x for x in gap[:cut] if x in nouns] or named  # not "in the capital Y"
        if ("a" in gap[:cut] or "an" in gap[:cut]) and not typing:
            continue  # "Acme, a Leeds-based company": not "a suburb of"
        prev = d.toks[a - 1].text.lower() if a > 0 else ""
        governed = prev in w.locative and gap == ["in"] and by_start[j].b < len(d.toks) and \
            d.toks[by_start[j].b].text in w.admin_nouns
        if d.span(a, b) in persons and not governed and \
                not (typing and typing[0] not in _PERSONS_CAMP):
            continue  # a person's name, unless "the Zanjeru slums": no person has slums
        if labels.isdisjoint(("GPE", "LOC")) and not (typing or governed or _typed(d, w, a)):
            continue
        _add_unlisted_mention(d, a, b, key, outer, names, found, taken)
    for m in _repeated_mentions(d, mentions + found):
        if m.key in names and names[m.key].within is not None and not names[m.key].candidates:
            names[m.key].mentions.append(m)


def _unlisted_name(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, a: int, b: int) -> bool:
    """Whether tokens [a, b) may name a place the gazetteer lacks: whole capitalised words
    (connectors and dashes between), not known to the gazetteer, not cut from a longer name
    ("Corpus" + "Christi"), and holding no generic, institution or company word, demonym,
    acronym or country name ("the United States Claims Court", "Co Inc")."""
    text = d.stext(a, b)
    key = name_key(text)
    if a > 0 and d.toks[a - 1].sent == d.toks[a].sent and \
            d.toks[a - 1].text[:1].isupper() and d.toks[a - 1].pos == "PROPN":
        return False
    if not (d.toks[a].text[:1].isupper() and d.toks[b - 1].text[:1].isupper()) or \
            not all(d.toks[k].text.isalpha() or d.toks[k].text in _DASHES
                    for k in range(a, b)):
        return False
    if gaz.has(text) or key in w.not_places or key in w.generic or _acronym(text):
        return False
    banned = w.generic | w.place_plurals | w.institutions | w.companies  # "Harvest States"
    return not any(d.toks[k].text.lower() in banned or _is_demonym(d.toks[k], gaz, w)
                   for k in range(a, b)) and not _holds_country(d, gaz, a, b)


def _add_unlisted_mention(d: TokenIndex, a: int, b: int, key: str, outer: GeoEntry,
                          names: dict[str, _Name], found: list[_Mention],
                          taken: set[int]) -> None:
    start, end = d.span(a, b)
    m = _Mention(a, b, start, end, d.text[start:end], key, sent=d.toks[a].sent)
    names[key] = _Name(key, [m], (), within=outer)
    found.append(m)
    taken.update(range(a, b))


def _container_before(d: TokenIndex, w: PlaceWords, a: int, mentions: list[_Mention],
                      names: dict[str, _Name]) -> GeoEntry | None:
    """The known place a name's own type noun follows: "the Baghdad district of Karrada",
    "the Nairobi slum Zanjeru", "the Gaza town of Beit Umar" (a town or a division, not a
    country: "the Kenyan town of" is a demonym's, and a country's point is no location)."""
    k = a - 1
    if k >= 0 and d.toks[k].text == "of":
        k -= 1
    if k < 1 or not d.toks[k].text.islower() or \
            d.toks[k].text not in w.place_nouns | w.settlements:
        return None
    m = next((x for x in mentions if x.b == k and x.sent == d.toks[a].sent), None)
    nm = names.get(m.key) if m is not None else None
    outer = (nm.within or nm.choice) if nm is not None else None
    return outer if outer is not None and (
        outer.is_admin or outer.is_city or outer.feature in _AREAS) else None


# Features besides divisions and towns that may hold a place the gazetteer lacks.
_AREAS = frozenset({"RGN", "PPLX", "ISL", "ISLS", "PEN"})


def _holds_country(d: TokenIndex, gaz: Gazetteer, a: int, b: int) -> bool:
    """Whether tokens [a, b) hold a country's name ("United States Claims Court")."""
    return any(_is_country_name(gaz, d.stext(x, y))
               for x in range(a, b) for y in range(x + 1, min(b, x + 4) + 1))


# A camp may be a person's ("the Smith camp"); districts and slums are not.
_PERSONS_CAMP = frozenset({"camp", "camps"})


def _adjoined(art: Article) -> list[tuple[int, int, set[str]]]:
    """NER spans as token ranges with their labels, spans that touch joined into one
    (a GPE and a PERSON span that touch: one name the model cut in two)."""
    out: list[tuple[int, int, set[str]]] = []
    for s in art.ner:
        if out and out[-1][1] == s.tok_start:
            out[-1] = (out[-1][0], s.tok_end, out[-1][2] | {s.label})
        else:
            out.append((s.tok_start, s.tok_end, {s.label}))
    return out


def _stated_container(d: TokenIndex, w: PlaceWords, b: int, by_start: dict[int, _Mention],
                      names: dict[str, _Name]) -> tuple[GeoEntry, list[str], int] | None:
    """The known place that the words from token b on put the name ending at b inside, if
    they do (see _GAP_WORDS), with those words and the container's first token."""
    gap = w.place_nouns | w.settlements | w.directions | w.situated
    j = b
    while j < len(d.toks) and j - b <= _GAP_MAX and j not in by_start and \
            d.toks[j].sent == d.toks[b - 1].sent and (
                d.toks[j].text.lower() in _GAP_WORDS or
                (d.toks[j].text.lower() in gap and d.toks[j].text.islower())):
        j += 1
    if j == b or j not in by_start or d.toks[j].sent != d.toks[b - 1].sent:
        return None
    words = [d.toks[k].text.lower() for k in range(b, j)]
    if not any(x in _CONTAINING for x in words) or \
            _no_container(d, w, by_start[j], "in" if "in" in words else words[-1], b - 1):
        return None
    if "of" in words and (words.index("of") == 0 or words[words.index("of") - 1]
                          not in gap):
        return None  # "X of Y" says whose, not where; "the X district of Y" says where
    nm = names.get(by_start[j].key)
    outer = nm.within or nm.choice if nm is not None else None
    if outer is None or not (outer.is_admin or outer.is_city or outer.feature in _AREAS):
        return None  # a country's point is no location for a village; a building holds none
    if set(words) - w.directions == {","}:  # "X, Y" or "X, eastern Y"
        if _list_goes_on(d, by_start[j].b, by_start) or _listed_after(d, b, by_start):
            return None  # "Ngoroba, Gulu and Lira": a list, not a container
        if outer.is_city and outer.population < _LISTED_CONTAINER_POP:
            return None
    return outer, words, j


def _list_goes_on(d: TokenIndex, k: int, by_start: dict[int, _Mention]) -> bool:
    """Whether a list of names goes on at token k: "and Lira", ", Lira and", ", Lira," (but
    not ", New Zealand", a known place that contains the one before)."""
    n = len(d.toks)
    sent = d.toks[k - 1].sent
    while k < n and d.toks[k].sent == sent and d.toks[k].text in _DASHES and k + 1 < n and \
            d.toks[k + 1].text[:1].isupper():
        k += 2  # the rest of a name NER cut: "Harlem" + "-Irving"
    for pairs in range(6):  # over ", Name" pairs: "Nova Scotia, New Brunswick and Quebec"
        if k >= n or d.toks[k].sent != sent:
            return pairs >= 3  # "Britain, Canada, France, Japan, the U.S." (a sentence
            # splitter may cut the list before its "and"); a chain of containers is shorter
        if d.toks[k].text.lower() in ("and", "or"):
            return True
        if d.toks[k].text != "," or k + 1 >= n:
            return pairs >= 3
        k += 1
        if d.toks[k].text.lower() in ("and", "or"):
            return True  # the serial comma: ", Fujian, and Zhejiang"
        if d.toks[k].text.lower() == "the" and k + 1 < n:
            k += 1  # ", the U.S. and West Germany"
        if not d.toks[k].text[:1].isupper():
            return pairs >= 3
        while k < n and d.toks[k].sent == sent and (
                d.toks[k].text[:1].isupper() or d.toks[k].text in _DASHES) and \
                d.toks[k].text.lower() not in ("and", "or"):
            k += 1  # "Harlem-Irving" (but not a capitalised "And")
    return True  # six names on: a list


def _listed_after(d: TokenIndex, b: int, by_start: dict[int, _Mention]) -> bool:
    """Whether the name ending at b follows a place in a list ("Gulu, Ngoroba, Lira")."""
    ends = {m.b for m in by_start.values()}
    k = b - 1
    while k >= 0 and d.toks[k].text not in _LIST_GLUE and d.toks[k].text[:1].isupper():
        k -= 1
    return k >= 0 and d.toks[k].text in _LIST_GLUE and k in ends


def _foreign_to_its_list(nm: _Name, names: dict[str, _Name]) -> bool:
    """Whether a small town's every namesake lies outside the one country of the places
    listed with it ("Suba, Kisii, Nakuru and Eldoret" are Kenyan; the only Suba
    the gazetteer knows is a Philippine village): a local place the gazetteer lacks, so
    unresolved rather than placed abroad."""
    peers = {k for m in nm.mentions for k in m.peers if k in names and k != nm.key}
    chosen = [c for c in (names[k].choice for k in peers) if c is not None]
    countries = {c.country for c in chosen}
    resolved = len(chosen)
    if resolved < 2 or len(countries) != 1 or None in countries:
        return False
    (country,) = countries
    return all(c.entry.country != country and c.entry.population < _CITY_ALONE_POP
               for c in nm.candidates)


def _strain(d: TokenIndex, gaz: Gazetteer, w: PlaceWords, m: _Mention) -> bool:
    """Whether a mention names a disease or a strain, not a place: "West Nile virus", "Hong
    Kong flu", "Ebola Reston". A country by its own name stays a place ("United States flu
    season")."""
    nxt = d.toks[m.b].text.lower() if m.b < len(d.toks) else ""
    prev = d.toks[m.a - 1].text.lower() if m.a > 0 else ""
    if prev in ("-", "–") and m.a > 1:
        prev = d.toks[m.a - 2].text.lower()  # "Ebola-Reston"
    if nxt not in w.diseases and prev not in w.strain_genera:
        return False
    return not any(c.entry.feature == "PCLI" and not c.alt for c in gaz.lookup(m.key))


def _acronym(surface: str) -> bool:
    """An all-capitals word of two to four letters ("EU", "U.N.", "NSW")."""
    letters = surface.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def _merge(names: dict[str, _Name]) -> list[Place]:
    """One Place per resolved entry, with every mention of every name that resolved to it,
    and one per town placed only in its container (``_mark_missing``)."""
    groups: dict[int, tuple[GeoEntry, list[_Mention]]] = {}
    out = []
    for nm in names.values():
        if nm.within is not None:  # a town the gazetteer lacks, placed in its container
            w = nm.within
            spans = tuple(sorted({(m.start, m.end) for m in nm.mentions}))
            out.append(Place(name=nm.mentions[0].surface, mentions=spans, geonameid=None,
                             lat=w.lat, lon=w.lon, country=w.country,
                             admin1=None if w.is_country else w.admin1, feature=None))
        elif nm.choice is not None:
            groups.setdefault(nm.choice.idx, (nm.choice, []))[1].extend(nm.mentions)
    for entry, mentions in groups.values():
        spans = tuple(sorted({(m.start, m.end) for m in mentions}))
        surfaces = Counter(m.surface for m in mentions)
        name = max(surfaces, key=lambda s: (surfaces[s], len(s)))
        out.append(_place(entry, name, spans, "text"))
    out.sort(key=lambda p: p.mentions[0][0])
    return out


def _place(e: GeoEntry, name: str, mentions: tuple[Span, ...], found_in: str) -> Place:
    return Place(name=name, mentions=mentions, geonameid=e.geonameid, lat=e.lat, lon=e.lon,
                 country=e.country, admin1=None if e.is_country else e.admin1,
                 feature=e.feature, found_in=found_in)


_DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Za-z .'’-]*?[A-Za-z])\s*(?=[,/(—–]|\s-|$)"
    r"(?:,\s*(?P<within>[A-Z][A-Za-z .'’-]*?[A-Za-z])\s*(?=[,(—–]|\s-|$))?"
)


def _dateline_parts(dateline: str | None) -> tuple[str | None, str | None]:
    """The place of a wire dateline and what it is in: "PARIS, Texas (AP) -" -> Paris, Texas."""
    if not dateline:
        return None, None
    m = _DATELINE.match(dateline)
    if not m:
        return None, None
    city = m.group("city")
    within = m.group("within")
    return (city.title() if city.isupper() else city), within


def _resolve_alone(gaz: Gazetteer, text: str, names: dict[str, _Name],
                   within: str | None = None) -> GeoEntry | None:
    """Resolve a name outside the body (dateline, title, caption), using the body's places.

    ``within`` names what the place lies in ("Texas" in a "PARIS, Texas" dateline).
    """
    key = name_key(text)
    if key in names and names[key].choice is not None and within is None:
        return names[key].choice
    cands = gaz.lookup(text)[:_MAX_CANDIDATES]
    if not cands:
        return None
    outer = None
    if within:
        units = [m.entry for m in gaz.lookup(within) if m.entry.is_country or m.entry.is_admin]
        outer = units[0] if units else None
    ctx = _ArticleContext()
    for nm in names.values():
        if nm.choice is not None:
            ctx.add(nm.choice)
    scores = []
    for m, prior in zip(cands, _priors(cands, gaz), strict=True):
        inside = outer is not None and gaz.contains(outer, m.entry)
        scores.append(prior + _context_score(m.entry, ctx, gaz) + (6.0 if inside else 0.0))
    return cands[max(range(len(cands)), key=scores.__getitem__)].entry


def _extra_places(article: Article, gaz: Gazetteer, names: dict[str, _Name],
                  places: list[Place], dl_name: str | None,
                  dl_entry: GeoEntry | None) -> list[Place]:
    """Places named only in the title, a removed caption or the dateline (no mentions)."""
    seen = {(p.lat, p.lon, p.geonameid) for p in places}
    out: list[Place] = []
    found: list[tuple[str, str, GeoEntry]] = []
    if dl_name and dl_entry is not None:
        found.append(("dateline", dl_name, dl_entry))
    for where, text, label in article.aux_ner:
        if label not in PLACE_LABELS:
            continue
        text = re.sub(r"^(?:the|The)\s+", "", text).removesuffix("'s").removesuffix("’s")
        if not text or not gaz.has(text):
            continue
        e = _resolve_alone(gaz, text, names)
        if e is not None:
            found.append((where, text, e))
    for where, text, e in found:
        ident = (e.lat, e.lon, e.geonameid)
        if ident not in seen:
            seen.add(ident)
            out.append(_place(e, text, (), where))
    return out


# ----------------------------------------------------------------------------- event place


def event_place(article: Article, sentence_index: int,
                words: PlaceWords | None = None) -> int | None:
    """The place where what a sentence reports happened, as an index into ``article.places``.

    A place mentioned in the sentence (one governed by "in", "at" or "near" first, then the
    most specific), else the dateline's place, else the article's focus place (the most
    mentioned), else None.

    Args:
        article: an article the places stage has run on.
        sentence_index: index into ``article.sentences``.
        words: the word classes (default: the packaged place_words.tsv).

    Returns:
        The index of the place, or None when the article has no place.
    """
    if not article.places:
        return None
    if 0 <= sentence_index < len(article.sentences):
        sent = article.sentences[sentence_index]
        w = _words(words)
        best: tuple[tuple[int, int, int], int] | None = None
        for pi, p in enumerate(article.places):
            for s, e in p.mentions:
                if s >= sent.start and e <= sent.end:
                    rank = (0 if _governed(article, w, s) else 1, _specificity(p), s)
                    if best is None or rank < best[0]:
                        best = (rank, pi)
        if best is not None:
            return best[1]
    dateline = _dateline_place(article)
    if dateline is not None:
        return dateline
    counts = [len(p.mentions) for p in article.places]
    if max(counts) == 0:
        return None
    return max(range(len(counts)), key=lambda i: (counts[i], -i))


def _dateline_place(article: Article) -> int | None:
    """The dateline's place: reported from the dateline alone, or also named in the body."""
    for pi, p in enumerate(article.places):
        if p.found_in == "dateline":
            return pi
    name, _ = _dateline_parts(article.dateline)
    if name is None:
        return None
    key = name_key(name)
    for pi, p in enumerate(article.places):
        if name_key(p.name) == key or any(name_key(article.span_text(m)) == key
                                           for m in p.mentions):
            return pi
    return None


def _governed(article: Article, w: PlaceWords, start: int) -> bool:
    """Whether the mention starting at ``start`` is the object of "in", "at" or "near"."""
    toks = article.tokens
    lo, hi = 0, len(toks) - 1
    i = None
    while lo <= hi:
        mid = (lo + hi) // 2
        if toks[mid].end <= start:
            lo = mid + 1
        elif toks[mid].start > start:
            hi = mid - 1
        else:
            i = mid
            break
    if i is None:
        return False
    j = i - 1
    while j >= 0 and toks[j].pos in ("DET", "ADJ", "PUNCT") and toks[j].sent == toks[i].sent:
        j -= 1
    if j >= 0 and toks[j].text.lower() in w.governing:
        return True
    k, steps = i, 0
    while steps < 4 and toks[k].head != k:
        head = toks[toks[k].head]
        if head.text.lower() in w.governing and toks[k].dep == "pobj":
            return True
        if toks[k].dep not in ("compound", "amod", "pobj", "appos"):
            return False
        k, steps = toks[k].head, steps + 1
    return False


_SPECIFICITY = {"PPL": 0, "PPLC": 0, "ADM2": 2, "ADM1": 3, "PCLD": 4, "PCLI": 4, "PCLH": 4,
                "RGN": 5, "CONT": 6}


def _specificity(p: Place) -> int:
    return _SPECIFICITY.get(p.feature or "", 1)


# ----------------------------------------------------------------------------- stage


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    return extract_places(article, ctx.get("gazetteer", load_gazetteer),
                          ctx.get("place_words", load_place_words))


STAGE = StageSpec(
    name="places",
    run=run,
    requires=("article.tokens", "article.entities"),
    assigns=("article.places",),
)

__all__ = ["STAGE", "event_place", "extract_places", "run"]
