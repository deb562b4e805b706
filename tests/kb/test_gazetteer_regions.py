"""The gazetteer's own place list, data/place_regions.tsv (dateline.kb.gazetteer).

Pins a few of its bases, camps, districts, valleys and regions, and checks every row's format:
nine columns, coordinates in range, a known feature code and a known country (or none). The
gazetteer is built once per machine (~30 s), then loads from its cache.
"""

from __future__ import annotations

import re
from importlib import resources

import pytest

from dateline.kb.gazetteer import FEATURES, Gazetteer, distance_km, load_gazetteer, name_key

FILE = "place_regions.tsv"
VALID_FEATURES = frozenset(FEATURES) - {"OTHER"}
ISO3 = re.compile(r"^[A-Z]{3}$")
DIGIT = re.compile(r"\d")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def rows() -> list[tuple[int, list[str]]]:
    text = resources.files("dateline.kb").joinpath("data").joinpath(FILE).read_text("utf-8")
    return [(n, line.split("\t")) for n, line in enumerate(text.split("\n"), 1)
            if line.strip() and not line.startswith("#")]


ROWS = rows()


@pytest.mark.parametrize(
    ("name", "feature", "iso3", "lat", "lon"),
    [("Camp Lejeune", "INSM", "USA", 34.67, -77.35),
     ("Al Udeid Air Base", "INSM", "QAT", 25.12, 51.32),
     ("Faslane", "INSM", "GBR", 56.07, -4.82),
     ("Zaatari", "PPL", "JOR", 32.29, 36.32),
     ("al-Hol", "PPL", "SYR", 36.38, 41.15),
     ("Mathare", "PPLX", "KEN", -1.26, 36.86),
     ("Dahieh", "PPLX", "LBN", 33.85, 35.51),
     ("Kadhimiyah", "PPLX", "IRQ", 33.38, 44.34),
     ("Bekaa Valley", "RGN", "LBN", 33.9, 36.0),
     ("North-East England", "RGN", "GBR", 55.0, -1.9),
     ("Yorkshire and the Humber", "RGN", "GBR", 53.9, -1.3),
     ("Alsace", "RGN", "FRA", 48.3, 7.45),
     ("Senkaku Islands", "ISLS", "JPN", 25.75, 123.5),
     ("Spratlys", "ISLS", None, 10.0, 114.0),
     ("North Sea", "SEA", None, 56.0, 3.0),
     ("Lake Kivu", "LK", None, -2.0, 29.15)],
)
def test_gazetteer_regions_knows_places(gaz: Gazetteer, name: str, feature: str,
                                        iso3: str | None, lat: float, lon: float) -> None:
    hits = [m.entry for m in gaz.lookup(name) if m.entry.country == iso3
            and distance_km(m.entry.lat, m.entry.lon, lat, lon) <= 30.0]
    assert hits, name
    assert any(e.feature == feature for e in hits), [e.feature for e in hits]


def test_gazetteer_regions_new_names_outrank_namesakes(gaz: Gazetteer) -> None:
    # Listed under its own name; the small US town of the same name stays a candidate.
    features = {m.entry.feature for m in gaz.lookup("North Sea")}
    assert {"SEA", "PPL"} <= features
    assert gaz.lookup("Camp Lejeune")[0].entry.admin1 == "North Carolina"


def test_gazetteer_regions_rows_are_well_formed(gaz: Gazetteer) -> None:
    assert len(ROWS) > 300
    for lineno, cols in ROWS:
        where = f"{FILE}:{lineno}"
        assert len(cols) == 9, where
        name, aliases, gid, lat, lon, iso3, admin1, feature, _note = cols
        assert name and name == name.strip(), where
        assert all(a.strip() for a in aliases.split("|")) if aliases else True, where
        assert gid == "" or gid.isdigit(), where
        assert -90.0 <= float(lat) <= 90.0, where
        assert -180.0 <= float(lon) <= 180.0, where
        assert feature in VALID_FEATURES, (where, feature)
        assert iso3 == "" or (ISO3.match(iso3) and gaz.country(iso3) is not None), (where, iso3)
        assert not admin1 or iso3, where


def test_gazetteer_regions_every_row_loads(gaz: Gazetteer) -> None:
    """Each row is in the index under its name and aliases, with its division resolved.

    The gazetteer indexes only names made of Latin letters, so a name may hold no digit ("Area
    51" would never be found); aliases with digits ("10 Downing Street") are left unindexed."""
    for lineno, cols in ROWS:
        name, aliases, _gid, lat, lon, iso3, admin1 = cols[:7]
        assert not any(c.isdigit() for c in name), f"{FILE}:{lineno}: {name!r} is not indexed"
        for surface in (name, *[a for a in aliases.split("|") if a and not DIGIT.search(a)]):
            hits = [m.entry for m in gaz.lookup(surface) if not m.alt and m.entry.name == name
                    and distance_km(m.entry.lat, m.entry.lon, float(lat), float(lon)) < 1.0]
            assert hits, f"{FILE}:{lineno}: {surface!r}"
            assert hits[0].country == (iso3 or None), f"{FILE}:{lineno}"
            if admin1:
                assert hits[0].admin1 is not None, f"{FILE}:{lineno}: division {admin1!r}"


def test_gazetteer_regions_names_are_not_repeated() -> None:
    seen: dict[str, int] = {}
    for lineno, cols in ROWS:
        for surface in {name_key(s) for s in (cols[0], *cols[1].split("|")) if s}:
            assert surface not in seen, f"{FILE}:{lineno}: {surface!r} also on line {seen[surface]}"
            seen[surface] = lineno
