"""The knowledge base (dateline.kb): packaged data loaded into an immutable object."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from dateline.kb import CodedName, KnowledgeBase, country_prefix, load_kb, norm

BUG_PICKLE = (
    "bug: KnowledgeBase holds types.MappingProxyType tables, which pickle cannot serialise "
    "(TypeError: cannot pickle 'mappingproxy' object), so the KB is not picklable"
)


def _codes(kb: KnowledgeBase, name: str, date: str | None = None) -> list[tuple[str, str]]:
    return [(c.code, c.kind) for c in kb.lookup(name, date)]


def test_kb_loads_with_no_problems(kb):
    assert isinstance(kb, KnowledgeBase)
    assert kb.problems == ()
    assert kb.countries["RUS"].name == "Russia"
    assert "Moscow" in kb.countries["RUS"].capitals


def test_kb_is_cached(kb):
    assert load_kb() is kb


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kremlin", [("RUSGOV", "metonym")]),
        ("the Kremlin", [("RUSGOV", "metonym")]),
        ("U.S.", [("USA", "country")]),
        ("US", [("USA", "country")]),
        ("United States", [("USA", "country")]),
        ("the United States", [("USA", "country")]),
        ("Russian", [("RUS", "adjective")]),
        ("Moscow", [("RUSGOV", "capital")]),
        ("NATO", [("IGOWSTNAT", "igo")]),
        ("White House", [("USAGOV", "metonym")]),
    ],
)
def test_kb_lookup(kb, name, expected):
    assert _codes(kb, name) == expected


def test_kb_lookup_group_hamas(kb):
    cands = kb.lookup("Hamas")
    assert cands
    assert all(c.kind == "group" and c.code.startswith("PSE") for c in cands)
    assert kb.lookup("Hamas", "2015-01-01")[0].code == "PSEREBHMS"
    assert kb.lookup("Hamas", "2006-06-01")[0].code == "PSEGOVHMS"


def test_kb_lookup_igo_nato(kb):
    (nato,) = kb.lookup("NATO")
    assert nato.code.startswith("IGO")
    assert nato.country is None


def test_kb_lookup_unknown_name_is_empty(kb):
    assert kb.lookup("Zzyzx Harbour Authority") == ()


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("John Kerry", "2014-01-01", "USAGOV"),
        ("John Kerry", "2010-01-01", "USALEG"),
        ("Kerry", "2014-01-01", "USAGOV"),
        ("John Kerry", "2013-02-01", "USAGOV"),  # start is inclusive
        ("John Kerry", "2013-01-31", "USALEG"),
        ("John Kerry", "2018-06-01", "USAELI"),
    ],
)
def test_kb_lookup_date_bounded_person(kb, name, date, code):
    found = kb.lookup(name, date)
    assert [c.code for c in found] == [code]
    assert all(c.kind == "person" and c.name == "John Kerry" for c in found)


def test_kb_lookup_without_date_gives_every_period(kb):
    codes = [c.code for c in kb.lookup("John Kerry")]
    assert codes[:2] == ["USALEG", "USAGOV"]
    assert len(codes) == 5


@pytest.mark.parametrize(
    ("date", "valid"),
    [
        (None, True),
        ("", True),
        ("2013-02-01", True),  # start inclusive
        ("2016-12-31", True),
        ("2017-01-20", False),  # end exclusive
        ("2013-01-31", False),
    ],
)
def test_kb_coded_name_valid_on(date, valid):
    entry = CodedName("John Kerry", "USAGOV", "person", "2013-02-01", "2017-01-20")
    assert entry.valid_on(date) is valid


def test_kb_coded_name_open_ended():
    assert CodedName("X", "USAELI", "person", "2024-03-06", "").valid_on("2030-01-01")
    assert CodedName("X", "USALEG", "person", "", "2013-02-01").valid_on("1990-01-01")


@pytest.mark.parametrize(
    ("code", "prefix", "known"),
    [
        ("RUSMIL", "RUS", "RUS"),
        ("AFGREBTAL", "AFG", "AFG"),
        ("IGOUNO", None, None),
        ("IMGMUSISI", None, None),
        ("---GOV", None, None),
        ("GOV", "GOV", None),  # a bare sector: written in the country slot, known to no table
        ("XYZGOV", "XYZ", None),  # a user's code for a country we do not list
    ],
)
def test_kb_country_prefix_and_code_country_share_one_rule(kb, code, prefix, known):
    assert country_prefix(code) == prefix
    assert kb.code_country(code) == known


def test_kb_country_of(kb):
    assert kb.country_of("Russian") == "RUS"
    assert kb.country_of("the United States") == "USA"
    assert kb.country_of("Kremlin") is None  # a metonym names a government, not a country


@pytest.mark.parametrize(
    ("phrase", "sector", "strong"),
    [
        ("spokesman", "GOV", False),
        ("spokesmen", "GOV", False),
        ("rebels", "REB", True),
        ("rebel", "REB", True),
        ("troops", "MIL", True),
        ("Police", "COP", True),
    ],
)
def test_kb_roles(kb, phrase, sector, strong):
    role = kb.role(phrase)
    assert role is not None
    assert (role.sector, role.strong) == (sector, strong)


def test_kb_modifiers(kb):
    assert kb.modifiers["former"] == "ELI"
    assert "former" not in kb.roles


def test_kb_sectors_have_plover_labels(kb):
    assert kb.sectors["GOV"][1] == "Government"
    assert kb.sectors["REB"][1] == "Rebel"


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("The Kremlin", "kremlin"),
        ("U.S.", "us"),
        ("Russia's", "russia"),
        ("Russia’s", "russia"),
        ("  United   States ", "united states"),
    ],
)
def test_kb_norm(raw, normal):
    assert norm(raw) == normal


@pytest.mark.parametrize("table", ["countries", "names", "roles", "modifiers", "sectors"])
def test_kb_tables_are_read_only(kb, table):
    with pytest.raises(TypeError):
        getattr(kb, table)["zz-new"] = "anything"


def test_kb_fields_cannot_be_reassigned(kb):
    with pytest.raises(dataclasses.FrozenInstanceError):
        kb.names = {}  # type: ignore[misc]


def test_kb_pickle_round_trip(kb):
    back = pickle.loads(pickle.dumps(kb))
    assert back.lookup("Kremlin") == kb.lookup("Kremlin")
    assert back.lookup("John Kerry", "2014-01-01")[0].code == "USAGOV"
    assert back.problems == kb.problems


def test_kb_lookup_person_with_a_middle_initial_the_list_omits(kb):
    # "Mikhail S. Gorbachev" is Mikhail Gorbachev; a bare two-word name is not shortened
    assert [c.code for c in kb.lookup("Mikhail S. Gorbachev", "1987-06-01")][:1] == ["RUSGOV"]
    assert kb.lookup("Mikhail X", "1987-06-01") == ()
