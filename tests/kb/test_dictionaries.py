"""Users' own actor dictionaries (dateline.kb.dictionaries), from tiny fixture files.

tests/kb/data/ holds one file per format, each with exactly one malformed line:

* user_people.tsv   dateline TSV (line 5: a YYYYMMDD end date);
* user_actors.txt   PETRARCH/TABARI actor file (line 12: ``[USAGOV 0901]``);
* user_agents.txt   PETRARCH/TABARI agents file (line 4: ``[COP]`` without ``~``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.kb import Role, load_kb
from dateline.kb.dictionaries import load_user_dictionary
from dateline.model import Entity
from dateline.stages.actors import code_entity, code_phrase

DATA = Path(__file__).parent / "data"
PEOPLE = DATA / "user_people.tsv"
ACTORS = DATA / "user_actors.txt"
AGENTS = DATA / "user_agents.txt"


def _load(path: Path):
    problems: list[str] = []
    return load_user_dictionary(path, problems), problems


def _by_surface(names):
    out: dict[str, list[tuple[str, str, str]]] = {}
    for surface, entry in names:
        out.setdefault(surface, []).append((entry.code, entry.start, entry.end))
    return out


# --------------------------------------------------------------------------- dateline TSV


def test_dictionaries_tsv_entries():
    d, _problems = _load(PEOPLE)
    got = _by_surface(d.names)
    assert set(got) == {"Ilse Vandermolen", "Vandermolen", "I. Vandermolen",
                        "Odile Marchetti", "Marchetti"}
    assert got["Vandermolen"] == [("NLDGOV", "2019-03-01", "2023-07-10"),
                                  ("NLDELI", "2023-07-10", "")]
    assert got["Marchetti"] == [("IGOUNO", "", "")]
    entry = {s: e for s, e in d.names}["Marchetti"]
    assert (entry.kind, entry.role, entry.country, entry.name) == (
        "user", "UN envoy", None, "Odile Marchetti")
    assert d.roles == []


def test_dictionaries_tsv_malformed_line_reported_and_skipped():
    d, problems = _load(PEOPLE)
    assert len(problems) == 1
    assert problems[0].startswith("user_people.tsv:5: ")
    assert not any("Quillane" in s for s, _ in d.names)


# --------------------------------------------------------------------------- PETRARCH actors


def test_dictionaries_actor_file_dates_and_synonyms():
    d, _problems = _load(ACTORS)
    got = _by_surface(d.names)
    qudsi = [("EGYELI", "", "2014-06-08"), ("EGYGOV", "2014-06-08", "")]
    assert got["ABDEL KARIM QUDSI"] == qudsi
    assert got["QUDSI"] == qudsi  # +SYNONYM lines share the entry's codes
    assert got["ABDEL KARIM AL-QUDSI"] == qudsi
    wendt = [("USALEG", "1999-01-05", "2009-01-20"),
             ("USAGOV", "2009-01-20", "2017-01-20"),
             ("USAELI", "2017-01-20", "")]
    assert got["HOLLIS WENDT"] == wendt
    assert got["SENATOR WENDT"] == wendt
    assert got["NORTHERN SHORE BRIGADE"] == [("LBYREB", "", "")]  # code on the name line
    assert all(e.kind == "user" for _, e in d.names)


def test_dictionaries_actor_file_malformed_line_reported_and_skipped():
    d, problems = _load(ACTORS)
    assert problems == ["user_actors.txt:12: bad code line '[USAGOV 0901]'"]
    # The bad code line is dropped; the entry's good codes and the next entry still load.
    assert len(_by_surface(d.names)["HOLLIS WENDT"]) == 3


# --------------------------------------------------------------------------- PETRARCH agents


def test_dictionaries_agents_file_roles_with_plurals():
    d, _problems = _load(AGENTS)
    assert d.names == []
    assert d.roles == [
        Role("harbourmaster", "GOV", True), Role("harbourmasters", "GOV", True),
        Role("toll keeper", "BUS", True), Role("toll keepers", "BUS", True),
        Role("stevedore", "CVL", True),
    ]


def test_dictionaries_agents_file_malformed_line_reported_and_skipped():
    d, problems = _load(AGENTS)
    assert len(problems) == 1
    assert problems[0].startswith("user_agents.txt:4: ")
    assert not any("lighthouse" in r.phrase for r in d.roles)


def test_dictionaries_missing_file_is_a_problem_not_an_exception(tmp_path):
    d, problems = _load(tmp_path / "absent.tsv")
    assert d.names == [] and d.roles == []
    assert len(problems) == 1 and "absent.tsv" in problems[0]


@pytest.mark.parametrize(
    ("line", "start", "end"),
    [
        ("[USAGOV >140608]", "2014-06-08", ""),
        ("[USAGOV <140608]", "", "2014-06-08"),
        ("[USAGOV 090120-170120]", "2009-01-20", "2017-01-20"),
        ("[USAGOV >20140608]", "2014-06-08", ""),
        ("[USAGOV 991231-050101]", "1999-12-31", "2005-01-01"),
        ("[USAGOV]", "", ""),
    ],
)
def test_dictionaries_date_restrictions(tmp_path, line, start, end):
    path = tmp_path / "one.txt"
    path.write_text(f"KESTREL_ALVAREZ_\n{line}\n", "utf-8")
    d, problems = _load(path)
    assert problems == []
    assert [(s, e.code, e.start, e.end) for s, e in d.names] == [
        ("KESTREL ALVAREZ", "USAGOV", start, end)]


# --------------------------------------------------------------------------- load_kb(extra=)


@pytest.fixture(scope="module")
def user_kb():
    return load_kb((str(PEOPLE), str(ACTORS), str(AGENTS)))


def test_dictionaries_load_kb_reports_every_problem(user_kb):
    assert [p.split(": ")[0] for p in user_kb.problems] == [
        "user_people.tsv:5", "user_actors.txt:12", "user_agents.txt:4"]


@pytest.mark.parametrize(
    ("name", "date", "code"),
    [
        ("Vandermolen", "2021-05-01", "NLDGOV"),
        ("Ilse Vandermolen", "2024-01-01", "NLDELI"),
        ("Qudsi", "2013-01-01", "EGYELI"),
        ("Abdel Karim Qudsi", "2015-01-01", "EGYGOV"),
        ("Hollis Wendt", "2012-03-03", "USAGOV"),
        ("Senator Wendt", "2003-03-03", "USALEG"),
        ("the Northern Shore Brigade", None, "LBYREB"),
    ],
)
def test_dictionaries_load_kb_user_names_resolve(user_kb, name, date, code):
    found = user_kb.lookup(name, date)
    assert found[0].code == code
    assert found[0].kind == "user"


def test_dictionaries_load_kb_keeps_packaged_names(user_kb):
    assert user_kb.lookup("Kremlin")[0].code == "RUSGOV"


def test_dictionaries_load_kb_user_roles(user_kb):
    assert user_kb.role("harbourmasters") == Role("harbourmasters", "GOV", True)
    assert code_phrase("Dutch harbourmasters", user_kb, "2020-01-01").code() == "NLDGOV"
    assert code_phrase("toll keepers", user_kb, None).code() == "BUS"


def test_dictionaries_user_person_coded_by_date(user_kb):
    ent = Entity(id="e1", name="Hollis Wendt", type="PERSON", mentions=((0, 12),))
    assert code_entity(ent, user_kb, "2012-03-03").code == "USAGOV"
    assert code_entity(ent, user_kb, "2019-03-03").code == "USAELI"


def test_dictionaries_packaged_kb_does_not_know_user_names(kb):
    assert kb.lookup("Hollis Wendt") == ()
    assert kb.role("harbourmaster") is None
