"""Actors: code every entity and nominal actor phrase as a CAMEO actor (country + roles).

Evidence, strongest first: the role words in the text ("former president", "opposition
leader"), the knowledge base's date-bounded entry for the name (people, groups, IGOs,
metonyms such as "the Kremlin"), country names and adjectives in titles and modifiers, and,
for groups with no country of their own ("pro-Russian fighters"), the place the sentence
puts them in. The article's publication date chooses among date-bounded roles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateline.kb import NON_STATE, CodedName, KnowledgeBase, Role, kb_for, norm
from dateline.model import Actor, Article, Entity, Span, Token
from dateline.pipeline import Context, StageSpec

# Phrase lengths tried, longest first; long names hold shorter ones ("Former Yugoslav Republic
# of Macedonia" is MKD, not "former" + "Yugoslav").
_NGRAMS = (6, 5, 4, 3, 2, 1)
_WORD = re.compile(r"[A-Za-z][\w.'’-]*")
# Sectors a former office holder had, which CAMEO turns into ELI.
_OFFICE = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})
# A group's sector that only qualifies who they are (an ethnic group, groups.tsv): any role
# noun, even a weak one, says what they do ("Uyghur activists" -> CHNOPP).
_QUALIFIERS = frozenset({"ETH"})
# The sectors of the generic fighter nouns (roles.tsv): "militants", "fighters", "insurgents"
# REB; "gunmen" UAF, armed men nobody has identified, until a group's name does.
_FIGHTERS = frozenset({"REB", "UAF"})


@dataclass(frozen=True, slots=True)
class Coding:
    """An actor code under construction: country (or IGO prefix) plus role codes."""

    country: str | None = None
    prefix: str | None = None  # full non-state code (IGOUNO, IMGMUSISI) or a KB code
    sectors: tuple[str, ...] = ()
    role: str | None = None

    def code(self) -> str | None:
        base = self.prefix or self.country or ""
        roles = "".join(s for s in self.sectors if s not in _split3(base))
        out = base + roles
        return out or None


def _split3(code: str) -> tuple[str, ...]:
    return tuple(code[i : i + 3] for i in range(0, len(code), 3))


def _from_kb(entry: CodedName) -> Coding:
    parts = _split3(entry.code)
    if parts[0] in NON_STATE:
        return Coding(country=entry.country, prefix=entry.code, role=entry.role or None)
    return Coding(country=parts[0], sectors=parts[1:], role=entry.role or None)


# Role nouns defined by whom they oppose: in "critics of the government" the government is
# the one criticised, so its role word does not code the critics.
_ADVERSARIES = frozenset({"critic", "critics", "opponent", "opponents", "detractor",
                          "detractors", "foe", "foes"})


def _words(text: str) -> list[str]:
    return [w.lower().rstrip(".").removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text)]


def code_phrase(text: str, kb: KnowledgeBase, date: str | None,
                default_country: str | None = None,
                context: frozenset[str] = frozenset()) -> Coding:
    """Code a free phrase ("a senior US official", "pro-Russian fighters", "Kremlin spokesman").

    Args:
        text: the phrase.
        kb: the knowledge base.
        date: the publication date, to choose among date-bounded entries.
        default_country: the country to use when the phrase names none (a group's location).
        context: lemmas of the sentence around the phrase, which choose between a role
            noun's senses (role_senses.tsv: "fighters" near "intercepted" are aircraft).

    Returns:
        The Coding (possibly empty).
    """
    words = _words(text)
    lower = [w.islower() for w in _WORD.findall(text)]  # "those who voted" is not the WHO
    country: str | None = None
    prefix: str | None = None
    base_sectors: tuple[str, ...] = ()
    sectors: list[str] = []
    role: str | None = None
    weak: str | None = None
    armed_group = False  # a named group with a code of its own ("Taliban", "Islamic State")
    named_place = False  # a country or territory named by its name ("Hong Kong")
    roles_seen: list[str] = []
    sensed: tuple[str, Role] | None = None  # a role noun's other sense, chosen by the context
    adversary = False  # "opponents of X": X's roles say whom they oppose, not what they are
    unknown: set[int] = set()  # words no dictionary knows
    capital_at: int | None = None  # where a capital gave the phrase its GOV sector
    i = 0
    while i < len(words):
        matched = False
        for n in _NGRAMS:  # longest phrase first: "foreign minister", "state department"
            if i + n > len(words):
                continue
            phrase = " ".join(words[i : i + n])
            if phrase.startswith(("pro-", "anti-")):
                continue  # "pro-Russian": a stance, not a nationality
            found = _best(kb.lookup(phrase, date), date)
            if (found is not None and found.kind == "metonym" and n == 1 and i > 0
                    and i - 1 in unknown and not lower[i - 1] and not (country or prefix)):
                found = None  # "Trinamool Congress": a name of its own, not the US Congress
            if found is not None and n == 1 and found.kind in ("igo", "group") and lower[i] and (
                    phrase not in kb.roles):
                found = None  # a common lowercase word, not an acronym or a group's name
            if found is not None and found.kind == "igo" and country and not prefix and (
                    phrase in kb.roles):
                # A generic body that is also a role noun ("peacekeepers" = IGOPKO) after a
                # nationality is that country's contingent: "Filipino peacekeepers" PHLMIL.
                found = None
            if found is not None and found.kind != "person" and (country or prefix):
                # Only the first name in a phrase says whose actor it is, except that a
                # named group beats a bare country ("leaders of Egypt's Muslim Brotherhood").
                if found.kind in ("group", "igo") and not prefix and not base_sectors:
                    c = _from_kb(found)
                    country, prefix = c.country or country, c.prefix
                    base_sectors = c.sectors
                    armed_group = _is_armed_group(found, c)
                elif found.kind == "metonym" and not prefix and not base_sectors:
                    c = _from_kb(found)
                    if c.country == country:  # "the US State Department": USAGOV, not USA
                        base_sectors = c.sectors
                i += n
                matched = True
                break
            if found is not None and found.kind != "person":
                c = _from_kb(found)
                if c.prefix:
                    prefix = prefix or c.prefix
                elif c.country and not country:
                    country = c.country
                    if found.kind in ("metonym", "capital", "group"):
                        base_sectors = c.sectors
                        capital_at = i if found.kind == "capital" else None
                armed_group = armed_group or _is_armed_group(found, c)
                named_place = named_place or found.kind == "country"
                i += n
                matched = True
                break
            r = kb.roles.get(phrase)
            if r is not None and adversary:
                i += n  # "critics of the government": the government names whose critics
                matched = True
                break
            if r is not None:
                if phrase in _ADVERSARIES and "of" in words[i + n : i + n + 1]:
                    adversary = True
                role = phrase
                roles_seen.append(phrase)
                sense = kb.role_senses.get(phrase)
                if sense is not None and sense[1] & context:
                    sensed = (sense[0], r)
                elif r.strong:
                    sectors.append(r.sector)
                else:
                    weak = r.sector
                i += n
                matched = True
                break
            mod = kb.modifiers.get(phrase) if n == 1 else None
            if mod is not None:
                sectors.append(mod)
                i += n
                matched = True
                break
        if not matched:
            unknown.add(i)
            i += 1
    if capital_at is not None and not roles_seen and any(u > capital_at for u in unknown):
        # "the Beijing Olympics", "the Moscow Dynamo": a name of its own that starts with a
        # capital, not that capital's government; the country stays ("boycotted the Moscow
        # Olympics" still acts on Russia)
        base_sectors = ()
    if words and words[-1] in _ADVERSARIES and kb.roles.get(words[-1]) is not None:
        # "government critics", "regime opponents": what they oppose is not what they are
        sectors, weak = [], kb.roles[words[-1]].sector
        base_sectors, armed_group = (), False  # "Kremlin critics": Russians opposing it
    if sensed is not None:
        # "Russian fighters intercepted a bomber": aircraft, unless another role word or a
        # group says who they are ("rebel fighters", "Taliban fighters")
        other, usual = sensed
        if not armed_group and not sectors:
            sectors.append(other)
            weak = None
        elif usual.strong:
            sectors.append(usual.sector)
        else:
            weak = weak or usual.sector
    if named_place and not prefix:
        sectors = _place_office(roles_seen, sectors, kb)
    if armed_group:
        # "Taliban militants", "Islamic State fighters": a fighter noun says they are the
        # group's members, whose code already says what they are.
        sectors = [s for s in sectors if s not in _FIGHTERS]
        weak = None if weak in _FIGHTERS else weak
    if not country and not prefix and default_country and (sectors or weak or role):
        country = default_country
    final = _merge_sectors(base_sectors, sectors, weak)
    return Coding(country=country, prefix=prefix, sectors=final, role=role)


def _place_office(roles: list[str], sectors: list[str], kb: KnowledgeBase) -> list[str]:
    """The sector of an office held for a named territory: "Hong Kong Chief Executive" GOV.
    Another role of the office's usual sector names its organisation ("chief executive of a
    Hong Kong bank" stays BUS); a country adjective ("British Airways") names no territory."""
    for phrase in roles:
        office = kb.place_roles.get(phrase)
        usual = kb.roles[phrase].sector
        if office and not any(kb.roles[p].sector == usual for p in roles
                              if kb.roles[p] != kb.roles[phrase]):
            return [office if s == usual else s for s in sectors]
    return sectors


def _is_armed_group(found: CodedName, c: Coding) -> bool:
    """A named group with a code of its own, not an ethnic qualifier ("Tibetans" CHNETH)."""
    return found.kind == "group" and bool(c.prefix or set(c.sectors) - _QUALIFIERS)


def _merge_sectors(base: tuple[str, ...], strong: list[str], weak: str | None) -> tuple[str, ...]:
    if "ELI" in strong:
        return ("ELI",)  # a former office holder, whatever the office was
    if strong and base and set(strong) <= set(base):
        return base  # "exiled leaders of the Muslim Brotherhood": already its OPP, keep MUS
    if strong:
        out = list(dict.fromkeys(strong))
        return tuple(out)
    if base and not (weak and set(base) <= _QUALIFIERS):
        return base
    return (weak,) if weak else base


def _best(cands: tuple[CodedName, ...], date: str | None) -> CodedName | None:
    if not cands:
        return None
    valid = [c for c in cands if c.valid_on(date)]
    pool = valid or list(cands)
    order = {"metonym": 0, "igo": 1, "group": 2, "country": 3, "capital": 4, "adjective": 5,
             "person": 6, "user": -1}
    return min(pool, key=lambda c: order.get(c.kind, 9))


def _person(entity: Entity, kb: KnowledgeBase, date: str | None,
            titled: tuple[str, ...] = ()) -> Coding | None:
    """The person's knowledge-base entry for the date; undated, the office the text's titles
    name (``titled``: their sectors, "US commander" MIL), else their best-known office."""
    for name in (entity.name, *_tail_names(entity.name)):
        cands = [c for c in kb.lookup(name, date) if c.kind in ("person", "user")]
        valid = [c for c in cands if date and c.valid_on(date)]
        if valid:  # two namesakes in office at once: the one holding office, not the former
            return _from_kb(min(valid, key=lambda c: c.code.endswith("ELI")))
        if cands and date:
            latest = max((c for c in cands if c.start and c.start <= date),
                         key=lambda c: c.start, default=None)
            if latest is not None:  # past every recorded office: a former office holder
                base = _from_kb(latest)
                return replace(base, sectors=("ELI",) if set(base.sectors) & _OFFICE
                               else base.sectors)
            return _from_kb(min(cands, key=lambda c: c.start or ""))
        if cands:  # undated article: the office the titles name, else the best known
            named = [c for c in cands if set(_from_kb(c).sectors) & set(titled)]
            gov = [c for c in cands if c.code.endswith("GOV")]
            return _from_kb(max(named or gov or cands, key=lambda c: c.start or ""))
    return None


def _tail_names(name: str) -> list[str]:
    parts = name.split()
    return [" ".join(parts[i:]) for i in range(1, len(parts))][:1] if len(parts) > 2 else []


def code_entity(entity: Entity, kb: KnowledgeBase, date: str | None,
                focus: str | None = None, context: frozenset[str] = frozenset()
                ) -> Actor | None:
    """The actor of one entity, or None when nothing codes it (``context``: lemmas of the
    sentence around its first mention, which choose between a role noun's senses)."""
    titles = " ; ".join(entity.titles)
    coding: Coding | None = None
    from_titles = code_phrase(titles, kb, date, context=context) if titles else Coding()
    if entity.type == "PERSON" and not entity.name.startswith(("a ", "an ", "the ", "A ", "The ")):
        coding = _person(entity, kb, date, from_titles.sectors)
    if coding is None and entity.type != "PERSON":
        coding = _named(entity, kb, date)
    if coding is None or (not coding.country and not coding.prefix):
        name = _title_part(entity.name, kb, date) if entity.type == "PERSON" else entity.name
        phrase = code_phrase(name, kb, date, context=context) if name else Coding()
        coding = _combine(coding or Coding(), phrase)
    coding = _combine(coding, from_titles)
    if not coding.country and not coding.prefix and focus and (coding.sectors or coding.role):
        # Only when neither the name nor a title names one ("officials from Egypt"): an
        # unknown person's or group's role ("former president") takes the article's country.
        coding = replace(coding, country=focus)
    if coding.code() is None:
        return None
    return _actor(coding, kb)


def _title_part(name: str, kb: KnowledgeBase, date: str | None) -> str:
    """The words of a person's name that the dictionaries know, up to the first one they do
    not: "General Petraeus" keeps "General", "Russian President Vladimir Putin" keeps
    "Russian President"; in "Stephen King", "John Bishop" or "Yi Gang" the role word is a
    surname, not a title."""
    words = name.split()
    for i, w in enumerate(words):
        if not w[:1].isupper():
            continue
        known = any(
            " ".join(words[i:i + n]).lower() in kb.roles or kb.lookup(" ".join(words[i:i + n]), date)
            for n in (3, 2, 1) if i + n <= len(words))
        if not known:
            return " ".join(words[:i])
    return name


def _named(entity: Entity, kb: KnowledgeBase, date: str | None) -> Coding | None:
    found = _best(kb.lookup(entity.name, date), date)
    if found is None:
        return None
    c = _from_kb(found)
    if found.kind == "adjective" or (found.kind == "country" and entity.type == "NORP"):
        return replace(c, sectors=())
    return c


def _combine(base: Coding, extra: Coding) -> Coding:
    """Text beats the knowledge base for roles; the KB (or the text) gives the country."""
    country = base.country or extra.country
    prefix = base.prefix or extra.prefix
    if "ELI" in extra.sectors:
        sectors: tuple[str, ...] = ("ELI",)
    elif extra.sectors and (not base.sectors or set(extra.sectors) & {"OPP", "REB"}):
        sectors = extra.sectors if not base.sectors else tuple(
            dict.fromkeys(extra.sectors if "OPP" in extra.sectors or "REB" in extra.sectors
                          else base.sectors + extra.sectors))
    else:
        sectors = base.sectors
    return Coding(country=country, prefix=prefix, sectors=sectors, role=base.role or extra.role)


def _actor(c: Coding, kb: KnowledgeBase) -> Actor:
    code = c.code() or ""
    sector = c.sectors[0] if c.sectors else None
    plover = kb.sectors.get(sector, ("", ""))[1] if sector else None
    country = c.country if c.country and not c.country.startswith(NON_STATE) else None
    return Actor(code=code, country=country, sector=sector, role=c.role, plover_sector=plover or None)


_DATELINE_WEIGHT = 3


def focus_country(article: Article, kb: KnowledgeBase) -> str | None:
    """The country the article happens in: mentions of its places (towns count for their
    country, "CARACAS" in the dateline three times) and of its nationality adjectives. A
    Venezuelan story that names the United States often is still set in Venezuela, so its
    unnamed police and protesters are Venezuelan."""
    counts: dict[str, int] = {}
    dateline = (article.dateline or "").lower()
    for p in article.places:
        if p.country:
            n = _where(article, p.mentions, kb) + (
                _DATELINE_WEIGHT if dateline and p.name.lower() in dateline else 0)
            counts[p.country] = counts.get(p.country, 0) + n
    for e in article.entities:
        iso = kb.country_of(e.name) if e.type == "NORP" else None
        if iso:
            counts[iso] = counts.get(iso, 0) + _where(article, e.mentions, kb)
    counts = {c: n for c, n in counts.items() if n}
    if not counts:
        return None
    return max(counts, key=lambda c: counts[c])  # first seen wins a tie (text order)


def _where(article: Article, mentions: Sequence[Span], kb: KnowledgeBase) -> int:
    """How many mentions of a country say where things happen: not those that only name
    whose thing it is ("hit by a US drone strike", "Israeli shelling"), which tell of a
    country acting from elsewhere. Its people and places still count ("US troops")."""
    n = 0
    for a, b in mentions:
        k = bisect.bisect_left(article.tokens, b, key=lambda t: t.start) - 1
        t = article.tokens[k] if 0 <= k < len(article.tokens) else None
        n += not (t is not None and a <= t.start and (
            _names_owner(article, t, kb) or _home_base(article, t)))
    return n


def _home_base(article: Article, t: Token) -> bool:
    """Whether t names where an organisation is based ("a UK-based group"): its home, not
    where the story happens."""
    return t.head != t.i and article.tokens[t.head].text.lower() == "based" and (
        t.dep in ("npadvmod", "compound", "amod", "nmod"))


def _names_owner(article: Article, t: Token, kb: KnowledgeBase) -> bool:
    """Whether t modifies a thing that is neither a place nor an actor ("US drone strike")."""
    return t.dep in ("compound", "amod", "poss") and _modifies_thing(article, t) and (
        kb.role(article.tokens[t.head].lemma) is None)


# Common nouns that name a place, so that a country modifying them locates ("in the Russian
# city of Sochi", "in Syrian territory"); other nouns ("in Israeli shelling") do not.
PLACE_NOUNS = frozenset({
    "city", "town", "village", "region", "province", "capital", "area", "territory", "state",
    "part", "east", "west", "north", "south", "northeast", "northwest", "southeast",
    "southwest", "border", "district", "county", "coast", "camp", "prison", "jail", "port",
    "side", "zone", "enclave", "countryside", "island", "islands", "highlands", "mountains",
    "desert", "water", "waters", "airspace", "soil", "embassy", "consulate", "base", "resort",
    "neighborhood", "neighbourhood", "suburb", "outskirts", "frontier",
    "peninsula", "valley", "municipality", "heartland", "stronghold", "hospital", "parliament",
})


def located_country(article: Article, span: Span, kb: KnowledgeBase) -> str | None:
    """A country the sentence of ``span`` places things in ("... in eastern Ukraine")."""
    toks = _sentence_tokens(article, span[0])
    if not toks:
        return None
    best: tuple[int, str] | None = None
    for t in toks:
        if t.text.lower() != "in":
            continue
        for u in toks:
            if u.head == t.i and u.dep == "pobj":
                iso = _country_in(article, u, toks, kb)
                if iso:
                    dist = abs(u.start - span[0])
                    if best is None or dist < best[0]:
                        best = (dist, iso)
    if best:
        return best[1]
    for t in toks:  # else the country named nearest to the phrase in the same sentence
        if (t.dep in ("compound", "amod") and _modifies_thing(article, t)) or _home_base(
                article, t):
            continue  # "a US drone strike", "US aid", "a UK-based group": not where it is
        iso = kb.country_of(t.text, capitals=True) if t.pos == "PROPN" else None
        if iso:
            dist = abs(t.start - span[0])
            if best is None or dist < best[0]:
                best = (dist, iso)
    return best[1] if best else None


def _sentence_tokens(article: Article, char: int) -> list[Token]:
    """The tokens of the sentence holding offset ``char`` (sentences and tokens are in text
    order: bisections, not a scan of the article on every call)."""
    sents = article.sentences
    k = bisect.bisect_right(sents, char, key=lambda s: s.start) - 1
    if k < 0 or not sents[k].start <= char < sents[k].end:
        return []
    toks = article.tokens
    lo = bisect.bisect_left(toks, sents[k].start, key=lambda t: t.start)
    hi = bisect.bisect_left(toks, sents[k].end, key=lambda t: t.start)
    return list(toks[lo:hi])


def _modifies_thing(article: Article, t: Token) -> bool:
    """Whether t modifies a common noun that is not a place ("US drone strike")."""
    head = article.tokens[t.head]
    return head.pos == "NOUN" and head.lemma.lower() not in PLACE_NOUNS


def _country_in(article: Article, tok: Token, toks: list[Token], kb: KnowledgeBase) -> str | None:
    """The country of "in <place>": the place itself, or the country modifying a place noun
    ("in the Russian city of X", "in eastern Ukraine"), never "in Israeli shelling"."""
    for p in article.places:  # the resolved place first: "in Northern Ireland" is the UK
        if p.country and any(a <= tok.start < b for a, b in p.mentions):
            return p.country
    place_noun = tok.pos != "NOUN" or tok.lemma.lower() in PLACE_NOUNS
    words = [u.text for u in toks if u.i == tok.i or (
        place_noun and u.head == tok.i and u.dep in ("compound", "amod", "poss"))]
    for w in words:
        iso = kb.country_of(w, capitals=True)
        if iso:
            return iso
    return None


def code_actors(article: Article, kb: KnowledgeBase) -> Article:
    """Fill ``entity.actor`` for every entity the knowledge base and the text can code."""
    date = article.published.date
    focus = focus_country(article, kb)
    out = []
    for e in article.entities:
        local = focus
        context = _context(article, e)
        if e.type == "GROUP" and e.mentions:
            local = located_country(article, e.mentions[0], kb) or focus
        if e.type in ("GROUP", "ORG") and e.mentions:
            local = _inner_place_country(article, e.mentions[0]) or local
        at = _place_actor(article, e, kb) if e.type in ("GPE", "LOC", "FAC", "ORG") else None
        if e.type in ("FAC", "ORG"):  # "Andrews Air Force Base": a place in its own country
            local = (at.country if at is not None else None) or local
        if e.type in ("GPE", "LOC") and not kb.lookup(e.name, date):
            # "Northern Ireland" is a place of the UK, not Ireland named with a compass word
            actor = at or code_entity(e, kb, date, local, context)
        else:
            actor = code_entity(e, kb, date, local, context)
        if actor is None:
            actor = at
        out.append(replace(e, actor=actor))
    for n, e in enumerate(out):
        if e.type == "GROUP" and e.mentions and POSSESSIVE.match(
                article.text[e.mentions[0][0] : e.mentions[0][1]]):
            owner = possessor_country(article, out, e.mentions[0])
            if owner is not None:  # "the US advised its citizens": American citizens
                out[n] = replace(e, actor=code_entity(e, kb, date, owner,
                                                      _context(article, e)))
    return replace(article, entities=tuple(out))


def _context(article: Article, e: Entity) -> frozenset[str]:
    """Lemmas of the sentence of the entity's first mention, outside that mention."""
    if not e.mentions:
        return frozenset()
    a, b = e.mentions[0]
    return frozenset(t.lemma.lower() for t in _sentence_tokens(article, a)
                     if not a <= t.start < b)


POSSESSIVE = re.compile(r"(?i)(its|their|our|his|her)\s")


def possessor_country(article: Article, entities: Sequence[Entity], span: Span) -> str | None:
    """The country of the nearest coded actor before ``span`` in its sentence: the usual
    antecedent of "its" / "their" in "X advised its citizens"."""
    toks = _sentence_tokens(article, span[0])
    if not toks:
        return None
    lo = toks[0].start
    best: tuple[int, str] | None = None
    for e in entities:
        if e.actor is None or not e.actor.country or e.type == "GROUP":
            continue
        for a, _b in e.mentions:
            if lo <= a < span[0] and (best is None or a > best[0]):
                best = (a, e.actor.country)
    return best[1] if best else None


def _inner_place_country(article: Article, span: Span) -> str | None:
    """The country of a place named inside a phrase ("the West Bengal government" -> IND)."""
    for p in article.places:
        if p.country and any(span[0] <= a and b <= span[1] and (a, b) != span
                             for a, b in p.mentions):
            return p.country
    return None


def _place_actor(article: Article, e: Entity, kb: KnowledgeBase) -> Actor | None:
    """A town or region acts for its country ("Crimea declared ...", "Zurich" -> CHE)."""
    for p in article.places:
        if p.country and (p.name == e.name or set(p.mentions) & set(e.mentions)):
            return _actor(Coding(country=p.country), kb)
    # "Kisumu and Rift Valley": places inside the name, all of one country
    inside = {p.country for p in article.places for a, b in p.mentions
              if any(s <= a and b <= t for s, t in e.mentions)}
    if len(inside) == 1 and None not in inside:
        return _actor(Coding(country=inside.pop()), kb)
    return None


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    return code_actors(article, ctx.get("kb", lambda: kb_for(ctx.settings)))


STAGE = StageSpec(
    name="actors",
    run=run,
    requires=("article.entities", "article.places"),
    assigns=("article.entities.actor",),
)

__all__ = ["STAGE", "Coding", "code_actors", "code_entity", "code_phrase", "norm"]
