"""The amounts stage (dateline.stages.amounts): numbers, units and what they count.

Inputs are handwritten sentences; they go through nlp + amounts (the model loads once).
"""

from __future__ import annotations

import pytest

from dateline.model import Amount, Article
from dateline.stages.amounts import load_number_words


def test_number_words_tables() -> None:
    nw = load_number_words()
    assert nw.numbers["seven"] == 7
    assert nw.scales["bn"] == 1e9 and nw.scales["mln"] == 1e6
    assert nw.approx[("hundreds",)] == 200
    assert nw.approx[("tens", "of", "thousands")] == 20000
    assert nw.symbols["US$"] == "USD" and nw.symbols["€"] == "EUR"
    assert nw.currencies["cts"] == "USD/100"
    assert nw.percent[("per", "cent")] == "percent"
    assert nw.units[("barrels",)] == "barrel"


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    from dateline.pipeline import Pipeline
    from dateline.stages import amounts, nlp

    pipe = Pipeline(stages=[nlp.STAGE, amounts.STAGE])

    def go(text: str) -> tuple[Amount, ...]:
        return pipe.run_articles([Article(id="t", text=text)])[0].amounts

    return go


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "text", "value", "unit", "obj"),
    [
        ("In the vote, 96.8 percent of participants backed the plan.",
         "96.8 percent of participants", 96.8, "percent", "participants"),
        ("Washington pledged $2 billion in aid to the region.",
         "$2 billion in aid", 2e9, "USD", "aid"),
        ("The conflict has left at least 6,100 people killed since April.",
         "at least 6,100 people", 6100.0, None, "people"),
        ("Three soldiers were wounded near the border.", "Three soldiers", 3.0, None, "soldiers"),
        ("Exports reached 1.5 mln barrels of oil a day.", "1.5 mln barrels of oil", 1.5e6,
         "barrel", "oil"),
        ("The fund lost US$5 million last month.", "US$5 million", 5e6, "USD", None),
        ("The EU gave €300m and Britain £1.2bn.", "€300m", 3e8, "EUR", None),
        ("A dozen protesters were arrested.", "A dozen protesters", 12.0, None, "protesters"),
        ("Police fired on hundreds of demonstrators.", "hundreds of demonstrators", 200.0, None,
         "demonstrators"),
        ("Between 10 and 20 villagers fled.", "Between 10 and 20 villagers", 10.0, None,
         "villagers"),
        ("Twenty-five tanks crossed the river.", "Twenty-five tanks", 25.0, None, "tanks"),
        ("Inflation rose 2.5 per cent in March.", "2.5 per cent", 2.5, "percent", "Inflation"),
        ("The dividend is 50 cts a share.", "50 cts", 0.5, "USD", None),
    ],
)
def test_amounts_values(run, sentence: str, text: str, value: float, unit: str | None,  # type: ignore[no-untyped-def]
                        obj: str | None) -> None:
    hits = [a for a in run(sentence) if a.text == text]
    assert len(hits) == 1, [a.text for a in run(sentence)]
    a = hits[0]
    assert (a.value, a.unit, a.object) == (pytest.approx(value), unit, obj)
    assert sentence[a.span[0] : a.span[1]] == text


@pytest.mark.slow
@pytest.mark.parametrize(
    "sentence",
    [
        "The talks were held in 2015 in Geneva.",
        "Crimea voted on March 17, 2014.",
        "The meeting starts at 10:30 a.m. on Tuesday.",
        "It was the first visit in a decade.",
        "The P5+1 group met in Vienna.",
        "He flew an F-16 over the base.",
        "One of the envoys left early.",
    ],
)
def test_amounts_not_counted(run, sentence: str) -> None:  # type: ignore[no-untyped-def]
    assert run(sentence) == ()
