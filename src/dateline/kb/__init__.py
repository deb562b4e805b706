"""The knowledge base: dateline's own data files, loaded once into an immutable object.

Files live in ``dateline/kb/data`` (UTF-8 TSV, ``#`` comments, ``|`` between values; see
docs/kb.md). A malformed line is reported as ``file:line`` and skipped; the rest loads.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from dateline.errors import KBError
from dateline.settings import Settings

logger = logging.getLogger(__name__)

_CODE = re.compile(r"^(?:[A-Z]{3})+$")
# Code prefixes that name no country: intergovernmental and non-governmental organisations,
# international militarized groups, multinationals.
NON_STATE = ("IGO", "NGO", "IMG", "MNC")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    iso2: str
    name: str
    aliases: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    region: str


@dataclass(frozen=True, slots=True)
class Role:
    phrase: str
    sector: str
    strong: bool


@dataclass(frozen=True, slots=True)
class CodedName:
    """A name that maps to a CAMEO actor code, possibly only between two dates."""

    name: str
    code: str
    kind: str  # country | adjective | capital | igo | group | metonym | person | user
    start: str = ""
    end: str = ""
    role: str = ""
    country: str | None = None

    def valid_on(self, date: str | None) -> bool:
        if not date:
            return True
        return (not self.start or self.start <= date) and (not self.end or date < self.end)


@dataclass(frozen=True)
class KnowledgeBase:
    """Immutable, picklable lookup tables built from the data files."""

    countries: Mapping[str, Country]
    names: Mapping[str, tuple[CodedName, ...]]  # normalized name -> candidates
    roles: Mapping[str, Role]  # lowercase phrase (singular and plural) -> role
    modifiers: Mapping[str, str]  # "former" -> ELI
    sectors: Mapping[str, tuple[str, str]]  # code -> (label, plover sector)
    problems: tuple[str, ...] = field(default=())
    # "top diplomat" -> ("secretary of state", "foreign minister", ...)
    title_equivalents: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Role nouns naming an institution or body ("army", "court"), not a person.
    collectives: frozenset[str] = frozenset()
    # Role nouns whose holder for a country or territory named by its name is its
    # government, whatever they usually are ("Hong Kong Chief Executive" -> GOV, not BUS).
    place_roles: Mapping[str, str] = field(default_factory=dict)
    # Role nouns with a second sense the sentence chooses (role_senses.tsv):
    # "fighters" -> ("MIL", lemmas such as "intercept") for combat aircraft, not combatants.
    role_senses: Mapping[str, tuple[str, frozenset[str]]] = field(default_factory=dict)

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        # MappingProxyType does not pickle; rebuild from plain dicts (Dask ships the KB).
        return (_rebuild_kb, (dict(self.countries), dict(self.names), dict(self.roles),
                              dict(self.modifiers), dict(self.sectors), self.problems,
                              dict(self.title_equivalents), self.collectives,
                              dict(self.place_roles), dict(self.role_senses)))

    def lookup(self, name: str, date: str | None = None) -> tuple[CodedName, ...]:
        """Candidates for a surface name, those valid on ``date`` first."""
        key = norm(name)
        cands = self.names.get(key, ())
        if not cands and " " in key:
            # "Mikhail S. Gorbachev", "George W Bush Jr": a middle initial the name list may
            # not spell out; a person's name without it is the same person
            words = key.split()
            bare = " ".join(w for w in words[1:-1] if len(w.rstrip(".")) > 1)
            short = " ".join(x for x in (words[0], bare, words[-1]) if x)
            if short != key and len(words) > 2:
                cands = tuple(c for c in self.names.get(short, ()) if c.kind == "person")
        if date and cands:
            valid = tuple(c for c in cands if c.valid_on(date))
            return valid or cands
        return cands

    def code_country(self, code: str | None) -> str | None:
        """The country an actor code starts with ("RUSMIL" -> RUS; "GOV", "IGOUNO" -> None)."""
        head = country_prefix(code) if code else None
        return head if head in self.countries else None

    def country_of(self, name: str, capitals: bool = False) -> str | None:
        """ISO3 of a country named by name, alias or adjective (or capital, if asked)."""
        for c in self.names.get(norm(name), ()):
            if c.kind in ("country", "adjective") or (capitals and c.kind == "capital"):
                return c.country or c.code
        return None

    def role(self, phrase: str) -> Role | None:
        return self.roles.get(phrase.lower())


def _rebuild_kb(countries: dict[str, Country], names: dict[str, tuple[CodedName, ...]],
                roles: dict[str, Role], modifiers: dict[str, str],
                sectors: dict[str, tuple[str, str]], problems: tuple[str, ...],
                equivalents: dict[str, tuple[str, ...]], collectives: frozenset[str],
                place_roles: dict[str, str],
                role_senses: dict[str, tuple[str, frozenset[str]]]) -> KnowledgeBase:
    return KnowledgeBase(MappingProxyType(countries), MappingProxyType(names),
                         MappingProxyType(roles), MappingProxyType(modifiers),
                         MappingProxyType(sectors), problems, MappingProxyType(equivalents),
                         collectives, MappingProxyType(place_roles),
                         MappingProxyType(role_senses))


def norm(name: str) -> str:
    """Normalize a surface name for lookup: case, dots, curly quotes, leading 'the'."""
    s = name.strip().replace("’", "'").replace("‘", "'")
    s = re.sub(r"^(?:the|The|THE)\s+", "", s)
    s = re.sub(r"(?:'s|')$", "", s)
    s = s.replace(".", "")
    return " ".join(s.lower().split())


def _rows(path: Path | resources.abc.Traversable, ncols: int, problems: list[str]) -> Iterator[
    tuple[int, list[str]]
]:
    label = getattr(path, "name", str(path))
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"cannot read knowledge-base file {label}: {exc}") from exc
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\r").split("\t")
        if len(cols) < ncols:
            cols += [""] * (ncols - len(cols))
        if len(cols) != ncols:
            problems.append(f"{label}:{lineno}: expected {ncols} columns, found {len(cols)}")
            continue
        yield lineno, [c.strip() for c in cols]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


class _Builder:
    def __init__(self) -> None:
        self.names: dict[str, list[CodedName]] = {}
        self.problems: list[str] = []

    def add(self, surface: str, entry: CodedName) -> None:
        key = norm(surface)
        if key and entry not in self.names.setdefault(key, []):
            self.names[key].append(entry)


def _data_dir() -> resources.abc.Traversable:
    return resources.files("dateline.kb").joinpath("data")


def read_data(name: str) -> str:
    """The text of one packaged data file.

    Raises:
        KBError: when it is missing or not UTF-8 (a broken install).
    """
    try:
        return _data_dir().joinpath(name).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KBError(f"cannot read {name}: {exc}; reinstall dateline") from exc


@functools.lru_cache(maxsize=4)
def load_kb(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """Load the packaged knowledge base (cached per process), plus user dictionaries.

    Args:
        extra: paths of user dictionaries (dateline TSV, or PETRARCH/TABARI actor files).

    Returns:
        The immutable KnowledgeBase.

    Raises:
        KBError: when a packaged file is missing or a group is empty.
    """
    data = _data_dir()
    b = _Builder()
    countries = _load_countries(data.joinpath("countries.tsv"), b)
    _load_coded(data.joinpath("igos.tsv"), b, "igo")
    _load_coded(data.joinpath("groups.tsv"), b, "group")
    _load_metonyms(data.joinpath("metonyms.tsv"), b)
    _load_people(data.joinpath("people.tsv"), b, "person")
    sectors = _load_sectors(data.joinpath("sectors.tsv"), b.problems)
    roles, modifiers, place_roles = _load_roles(data.joinpath("roles.tsv"), b.problems)
    for path in extra:
        from dateline.kb.dictionaries import load_user_dictionary

        user = load_user_dictionary(Path(path), b.problems)
        for surface, entry in user.names:
            b.add(surface, entry)
        for role in user.roles:
            roles[role.phrase] = role
    equivalents = {
        phrase.lower(): tuple(t.lower() for t in _split(titles))
        for _n, (phrase, titles, _note) in _rows(data.joinpath("title_equivalents.tsv"), 3,
                                                 b.problems)
        if phrase and titles
    }
    collectives = frozenset(
        phrase.lower() for _n, (phrase, _note) in _rows(data.joinpath("collective_roles.tsv"), 2,
                                                         b.problems) if phrase
    )
    senses = _load_senses(data.joinpath("role_senses.tsv"), b.problems)
    if not countries or not roles or not sectors:
        raise KBError("knowledge base is empty (countries, roles or sectors); reinstall dateline")
    for p in b.problems:
        logger.warning("knowledge base: %s (line skipped)", p)
    return KnowledgeBase(
        countries=MappingProxyType(countries),
        names=MappingProxyType({k: tuple(v) for k, v in b.names.items()}),
        roles=MappingProxyType(roles),
        modifiers=MappingProxyType(modifiers),
        sectors=MappingProxyType(sectors),
        problems=tuple(b.problems),
        title_equivalents=MappingProxyType(equivalents),
        collectives=collectives,
        place_roles=MappingProxyType(place_roles),
        role_senses=MappingProxyType(senses),
    )


def kb_for(settings: Settings) -> KnowledgeBase:
    """The knowledge base with the user dictionaries the settings name."""
    return load_kb(tuple(settings.actor_dictionaries))


def _load_countries(path: resources.abc.Traversable, b: _Builder) -> dict[str, Country]:
    out: dict[str, Country] = {}
    for lineno, (iso3, iso2, name, aliases, adjs, caps, region) in _rows(path, 7, b.problems):
        if not _CODE.match(iso3) or len(iso3) != 3 or not name:
            b.problems.append(f"{path.name}:{lineno}: bad country code {iso3!r}")
            continue
        c = Country(iso3, iso2, name, _split(aliases), _split(adjs), _split(caps), region)
        out[iso3] = c
        for n in (name, *c.aliases):
            b.add(n, CodedName(name, iso3, "country", country=iso3))
        for n in c.adjectives:
            b.add(n, CodedName(name, iso3, "adjective", country=iso3))
        for n in c.capitals:
            if n.startswith("The "):  # "The Valley": looked up as "valley", a common word
                continue
            b.add(n, CodedName(n, iso3 + "GOV", "capital", country=iso3))
    return out


def country_prefix(code: str) -> str | None:
    """The country slot of a code as written ("RUSMIL" -> RUS; "IGOUNO", "---GOV" -> None).

    Unlike KnowledgeBase.code_country() it does not check the country is known: dictionaries
    are read (and users' codes kept) before, or without, the country table.
    """
    head = code[:3]
    return None if head in NON_STATE or head == "---" else head


def _load_coded(path: resources.abc.Traversable, b: _Builder, kind: str) -> None:
    ncols = 5 if kind == "igo" else 7
    for lineno, cols in _rows(path, ncols, b.problems):
        code, name, aliases = cols[0], cols[1], cols[2]
        start = end = ""
        country = country_prefix(code)
        if kind == "group":
            country = cols[3] or country_prefix(code)
            start, end = cols[4], cols[5]
        if not _CODE.match(code) or not name or any(d and not _DATE.match(d) for d in (start, end)):
            b.problems.append(f"{path.name}:{lineno}: bad {kind} line ({code!r}, {name!r})")
            continue
        for n in (name, *_split(aliases)):
            b.add(n, CodedName(name, code, kind, start, end, country=country))


def _load_metonyms(path: resources.abc.Traversable, b: _Builder) -> None:
    for lineno, (phrase, code, _note) in _rows(path, 3, b.problems):
        if not _CODE.match(code) or not phrase:
            b.problems.append(f"{path.name}:{lineno}: bad metonym line ({phrase!r}, {code!r})")
            continue
        for p in _split(phrase):
            b.add(p, CodedName(_split(phrase)[0], code, "metonym", country=country_prefix(code)))


def _load_people(path: resources.abc.Traversable, b: _Builder, kind: str) -> None:
    for lineno, (name, aliases, code, start, end, role) in _rows(path, 6, b.problems):
        if not _CODE.match(code) or not name or any(d and not _DATE.match(d) for d in (start, end)):
            b.problems.append(f"{path.name}:{lineno}: bad person line ({name!r}, {code!r})")
            continue
        entry = CodedName(name, code, kind, start, end, role, country=country_prefix(code))
        for n in (name, *_split(aliases)):
            b.add(n, entry)


def _load_sectors(path: resources.abc.Traversable, problems: list[str]) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for lineno, (code, label, plover, _kind) in _rows(path, 4, problems):
        if not re.match(r"^[A-Z]{3}$", code):
            problems.append(f"{path.name}:{lineno}: bad sector code {code!r}")
            continue
        out[code] = (label, plover)
    return out


def _load_roles(path: resources.abc.Traversable, problems: list[str]) -> tuple[
    dict[str, Role], dict[str, str], dict[str, str]
]:
    roles: dict[str, Role] = {}
    mods: dict[str, str] = {}
    places: dict[str, str] = {}
    for lineno, (phrase, plural, sector, strength, _note) in _rows(path, 5, problems):
        if not re.match(r"^[A-Z]{3}$", sector) or not phrase:
            problems.append(f"{path.name}:{lineno}: bad role line ({phrase!r}, {sector!r})")
            continue
        if phrase.startswith("mod:"):
            mods[phrase[4:].lower()] = sector
            continue
        if phrase.startswith("place:"):
            for p in (phrase[6:], *_split(plural)):
                if p != "-":
                    places[p.lower()] = sector
            continue
        role = Role(phrase.lower(), sector, strength.lower() == "strong")
        roles.setdefault(phrase.lower(), role)
        for p in _split(plural):
            if p != "-":
                roles.setdefault(p.lower(), role)
    return roles, mods, places


def _load_senses(path: resources.abc.Traversable, problems: list[str]) -> dict[
    str, tuple[str, frozenset[str]]
]:
    out: dict[str, tuple[str, frozenset[str]]] = {}
    for lineno, (phrases, sector, cues, _note) in _rows(path, 4, problems):
        if not re.match(r"^[A-Z]{3}$", sector) or not phrases or not cues:
            problems.append(f"{path.name}:{lineno}: bad role sense line ({phrases!r}, {sector!r})")
            continue
        cue_set = frozenset(c.lower() for c in _split(cues))
        for p in _split(phrases):
            out[p.lower()] = (sector, cue_set)
    return out
