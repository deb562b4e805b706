"""Central banks in data/groups.tsv: state organs coded COUNTRY+GOV, with no tag.

Fast tests look names up in the packaged KB; the slow one runs short sentences through the
shared engine and checks that the bank, and a person titled by it, take the bank's country.
"""

from __future__ import annotations

import pytest

from dateline.kb import KnowledgeBase

POEHL = "Bundesbank President Joachim Nagel told reporters that rates would stay high."
BOE = "The Bank of England said it had provided help to the money market."
FED = "The Federal Reserve raised interest rates on Wednesday, Fed chairman Jerome Powell said."


def _codes(kb: KnowledgeBase, name: str, date: str | None = None) -> list[tuple[str, str]]:
    return [(c.code, c.kind) for c in kb.lookup(name, date)]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Federal Reserve", "USAGOV"),
        ("the Fed", "USAGOV"),
        ("U.S. Federal Reserve", "USAGOV"),
        ("FOMC", "USAGOV"),
        ("New York Fed", "USAGOV"),
        ("Bundesbank", "DEUGOV"),
        ("Deutsche Bundesbank", "DEUGOV"),
        ("the Bank of England", "GBRGOV"),
        ("Bank of Japan", "JPNGOV"),
        ("Banque de France", "FRAGOV"),
        ("Banca d'Italia", "ITAGOV"),
        ("Swiss National Bank", "CHEGOV"),
        ("Riksbank", "SWEGOV"),
        ("PBOC", "CHNGOV"),
        ("Reserve Bank of India", "INDGOV"),
        ("Hong Kong Monetary Authority", "HKGGOV"),
        ("Bank of Russia", "RUSGOV"),
        ("Turkish central bank", "TURGOV"),
        ("Bank Markazi", "IRNGOV"),
        ("Saudi Arabian Monetary Authority", "SAUGOV"),
        ("Saudi Central Bank", "SAUGOV"),
        ("Central Bank of Nigeria", "NGAGOV"),
        ("SARB", "ZAFGOV"),
        ("Banxico", "MEXGOV"),
        ("Banco Central do Brasil", "BRAGOV"),
        ("Banque du Liban", "LBNGOV"),
        ("Da Afghanistan Bank", "AFGGOV"),
    ],
)
def test_central_bank_codes_as_its_state(kb, name, code):
    assert _codes(kb, name, "2020-01-01") == [(code, "group")]


def test_central_banks_carry_their_country(kb):
    (hkma,) = kb.lookup("HKMA")
    assert hkma.country == "HKG"
    assert kb.code_country(hkma.code) == "HKG"
    (fed,) = kb.lookup("Fed")
    assert fed.name == "Federal Reserve"  # alias and name form one actor


@pytest.mark.parametrize(
    ("name", "code"),
    [
        # commercial banks whose names contain a central bank's name
        ("National Bank of Greece", "GRCBUS"),
        ("Royal Bank of Canada", "CANBUS"),
        ("Central Bank of India", "INDBUS"),
    ],
)
def test_commercial_bank_is_not_the_central_bank(kb, name, code):
    assert _codes(kb, name) == [(code, "group")]


@pytest.mark.parametrize(
    "acronym",
    # each also names another bank, party, law or thing: left out on purpose
    ["BOJ", "SNB", "RBA", "RBI", "CBN", "SAMA", "BCRA", "MAS", "BSP", "BoE"],
)
def test_ambiguous_acronym_is_no_central_bank(kb, acronym):
    assert not any(c.code.endswith("GOV") and ("Bank" in c.name or "Monetary" in c.name)
                   for c in kb.lookup(acronym))


# --------------------------------------------------------------------------- end to end


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (POEHL, {"Deutsche Bundesbank": "DEUGOV", "Joachim Nagel": "DEUGOV"}),
        (BOE, {"Bank of England": "GBRGOV"}),
        (FED, {"Federal Reserve": "USAGOV", "Jerome Powell": "USAGOV"}),
    ],
)
def test_central_bank_end_to_end(engine, text, expected):
    art = engine.extract(text, date="2020-01-01")
    got = {e.name: e.actor.code if e.actor else None for e in art.entities}
    assert {name: got.get(name) for name in expected} == expected, got
    if text == FED:  # "Fed" is a second mention of the Federal Reserve
        (fed,) = [e for e in art.entities if e.name == "Federal Reserve"]
        assert {text[a:b] for a, b in fed.mentions} == {"Federal Reserve", "Fed"}
