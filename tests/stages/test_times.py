"""Tests for stages/times.py: normalisation (pure, no model), the stage, and parsed sentences.

Every sentence here is written for these tests. The DCT is 2015-05-12, a Tuesday.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from dataclasses import replace

import pytest

from dateline.errors import KBError
from dateline.model import Article, Published, RawInput, Sentence, TimeRef, Token
from dateline.pipeline import Context, Pipeline
from dateline.settings import Settings
from dateline.stages import times
from dateline.stages.times import (
    FUTURE,
    PAST,
    STAGE,
    extract_times,
    load_time_grammar,
    normalize,
    parse_time_words,
    sentence_date,
    shift,
    weekday_date,
)

DCT = "2015-05-12"


def _norm(text: str, tense: str | None = None, anchor: str | None = None,
          dct: str | None = DCT) -> tuple[str, str, str]:
    n = normalize(text, dct, tense=tense, anchor=anchor)
    assert n is not None, f"{text!r} was not read as a time expression"
    return n.type, n.value, n.granularity


# --------------------------------------------------------------------------- normalisation

@pytest.mark.parametrize(("text", "tense", "value"), [
    ("Tuesday", PAST, "2015-05-12"),  # the DCT's own weekday, reported in the past: the DCT
    ("Tuesday", None, "2015-05-12"),
    ("Friday", PAST, "2015-05-08"),
    ("Friday", FUTURE, "2015-05-15"),
    ("Monday", FUTURE, "2015-05-18"),
    ("Sunday", None, "2015-05-10"),
    ("last Tuesday", None, "2015-05-05"),
    ("next Tuesday", None, "2015-05-19"),
    ("this Friday", None, "2015-05-15"),
    ("Tuesday, March 17, 2014", None, "2014-03-17"),
])
def test_times_weekdays_follow_tense(text: str, tense: str | None, value: str) -> None:
    assert _norm(text, tense) == ("DATE", value, "day")


@pytest.mark.parametrize(("text", "value", "granularity"), [
    ("May 2013", "2013-05", "month"),
    ("February 2014", "2014-02", "month"),
    ("October of 2010", "2010-10", "month"),
    ("March 17, 2014", "2014-03-17", "day"),
    ("March 17 2014", "2014-03-17", "day"),
    ("17 March 2014", "2014-03-17", "day"),
    ("the 17th of March 2014", "2014-03-17", "day"),
    ("Sept. 3, 2012", "2012-09-03", "day"),
    ("2014-03-17", "2014-03-17", "day"),
    ("3/17/2014", "2014-03-17", "day"),
    ("17/3/2014", "2014-03-17", "day"),  # the first number cannot be a month
    ("2014", "2014", "year"),
    ("mid-2014", "2014", "year"),
    ("early 2009", "2009", "year"),
    ("the 1990s", "199", "decade"),
    ("the '80s", "198", "decade"),
    ("the 19th century", "18", "century"),
    ("fiscal 2014", "FY2014", "fiscal-year"),
    ("the first quarter of 2014", "2014-Q1", "quarter"),
    ("Q3 2014", "2014-Q3", "quarter"),
    ("the summer of 2013", "2013-SU", "season"),
    ("New Year's Eve 2013", "2013-12-31", "day"),
])
def test_times_absolute_dates(text: str, value: str, granularity: str) -> None:
    assert _norm(text) == ("DATE", value, granularity)


@pytest.mark.parametrize(("text", "value", "granularity"), [
    ("last year", "2014", "year"),
    ("this year", "2015", "year"),
    ("next year", "2016", "year"),
    ("last month", "2015-04", "month"),
    ("next month", "2015-06", "month"),
    ("early next month", "2015-06", "month"),
    ("this week", "2015-W20", "week"),
    ("next week", "2015-W21", "week"),
    ("last week", "2015-W19", "week"),
    ("this weekend", "2015-W20-WE", "weekend"),
    ("the end of this year", "2015", "year"),
    ("the second half of last year", "2014-H2", "half"),
    ("today", "2015-05-12", "day"),
    ("yesterday", "2015-05-11", "day"),
    ("tomorrow", "2015-05-13", "day"),
    ("the day before yesterday", "2015-05-10", "day"),
    ("two years ago", "2013", "year"),
    ("six months ago", "2014-11", "month"),
    ("three days ago", "2015-05-09", "day"),
    ("a week ago", "2015-05-05", "day"),
    ("two decades ago", "199", "decade"),
    ("last summer", "2014-SU", "season"),
    ("next spring", "2016-SP", "season"),
])
def test_times_relative_to_the_dct(text: str, value: str, granularity: str) -> None:
    assert _norm(text) == ("DATE", value, granularity)


@pytest.mark.parametrize(("text", "tense", "value"), [
    ("May", PAST, "2015-05"),
    ("March", PAST, "2015-03"),
    ("June", PAST, "2014-06"),  # a June already reported on lies before the DCT
    ("June", FUTURE, "2015-06"),
    ("March", FUTURE, "2016-03"),
    ("June", None, "2015-06"),  # no tense: the DCT's year
    ("last September", None, "2014-09"),
    ("next March", None, "2016-03"),
    ("October of next year", None, "2016-10"),
])
def test_times_month_without_year_follows_tense(text: str, tense: str | None, value: str) -> None:
    assert _norm(text, tense) == ("DATE", value, "month")


@pytest.mark.parametrize(("tense", "value"), [(None, "2015-Q3"), (FUTURE, "2015-Q3"),
                                              (PAST, "2014-Q3")])
def test_times_quarter_without_year(tense: str | None, value: str) -> None:
    assert _norm("the third quarter", tense) == ("DATE", value, "quarter")


@pytest.mark.parametrize(("text", "value"), [
    ("this morning", "2015-05-12TMO"),
    ("yesterday afternoon", "2015-05-11TAF"),
    ("last night", "2015-05-11TNI"),
    ("tonight", "2015-05-12TNI"),
    ("Friday morning", "2015-05-08TMO"),
    ("3 p.m.", "2015-05-12T15:00"),
    ("9:30 a.m. EST", "2015-05-12T09:30-05"),
    ("18:00 GMT", "2015-05-12T18:00Z"),
    ("0800 UTC", "2015-05-12T08:00Z"),
    ("noon", "2015-05-12T12:00"),
    ("midnight on Friday", "2015-05-08T24:00"),
])
def test_times_clock_and_parts_of_day(text: str, value: str) -> None:
    assert _norm(text) == ("TIME", value, "time")


@pytest.mark.parametrize(("text", "value"), [
    ("now", "PRESENT_REF"),
    ("currently", "PRESENT_REF"),
    ("recently", "PAST_REF"),
    ("the past", "PAST_REF"),
    ("soon", "FUTURE_REF"),
    ("the coming weeks", "FUTURE_REF"),
    ("the near future", "FUTURE_REF"),
])
def test_times_reference_words(text: str, value: str) -> None:
    assert _norm(text) == ("DATE", value, "ref")


@pytest.mark.parametrize(("text", "value", "granularity"), [
    ("three years", "P3Y", "year"),
    ("three-day", "P3D", "day"),
    ("48 hours", "PT48H", "hour"),
    ("30 minutes", "PT30M", "minute"),
    ("12-year", "P12Y", "year"),
    ("twenty-five years", "P25Y", "year"),
    ("two and a half years", "P2.5Y", "year"),
    ("nearly eighteen months", "P18M", "month"),
    ("the past five years", "P5Y", "year"),
    ("several weeks", "PXW", "week"),
    ("a decade", "P10Y", "decade"),
    ("a fortnight", "P2W", "week"),
    ("the past year", "P1Y", "year"),
])
def test_times_durations(text: str, value: str, granularity: str) -> None:
    assert _norm(text) == ("DURATION", value, granularity)


@pytest.mark.parametrize(("text", "value"), [
    ("every Monday", "XXXX-WXX-1"),
    ("Mondays", "XXXX-WXX-1"),
    ("weekly", "P1W"),
    ("daily", "P1D"),
    ("annually", "P1Y"),
    ("every three years", "P3Y"),
    ("twice a year", "P1Y"),
    ("every morning", "XXXX-XX-XXTMO"),
])
def test_times_sets(text: str, value: str) -> None:
    kind, got, _ = _norm(text)
    assert (kind, got) == ("SET", value)


@pytest.mark.parametrize(("text", "anchor", "value"), [
    ("a day earlier", "2014-03-17", "2014-03-16"),
    ("the next day", "2014-03-17", "2014-03-18"),
    ("the day before", "2014-03-17", "2014-03-16"),
    ("two weeks later", "2014-03-17", "2014-03-31"),
    ("the same day", "2014-03-17", "2014-03-17"),
    ("the previous year", "2009", "2008"),
    ("the following year", "2009-06", "2010"),
    ("four years later", "2008", "2012"),
    ("that time", "2011-06-10", "2011-06-10"),
    ("the same month a year ago", "2015-01", "2014-01"),
    ("a day earlier", None, "2015-05-11"),  # no date nearby: counted from the DCT
])
def test_times_anchored_expressions(text: str, anchor: str | None, value: str) -> None:
    assert _norm(text, anchor=anchor)[1] == value


@pytest.mark.parametrize(("text", "value"), [
    ("Tuesday", "XXXX-WXX-2"),
    ("May", "XXXX-05"),
    ("May 12", "XXXX-05-12"),
    ("last year", "XXXX"),
    ("today", "XXXX-XX-XX"),
    ("next week", "XXXX-WXX"),
    ("the third quarter", "XXXX-Q3"),
    ("this morning", "XXXX-XX-XXTMO"),
    ("March 17, 2014", "2014-03-17"),
    ("three years", "P3Y"),
])
def test_times_without_dct_values_stay_underspecified(text: str, value: str) -> None:
    assert _norm(text, dct=None)[1] == value


@pytest.mark.parametrize("text", ["march", "may", "fall", "the minister", "1,200",
                                  "February 30, 2014", "13/13/2014"])
def test_times_normalize_rejects_non_times(text: str) -> None:
    assert normalize(text, DCT) is None


@pytest.mark.parametrize(("base", "unit", "n", "value"), [
    ("2014-03-17", "D", -1, "2014-03-16"),
    ("2015-12-31", "D", 1, "2016-01-01"),
    ("2015-12", "M", 1, "2016-01"),
    ("2015-Q4", "Q", 1, "2016-Q1"),
    ("2015-05-12", "W", 1, "2015-W21"),
    ("2015-W20", "D", 0, "2015-05-11"),
    ("2015-05-12", "DE", -2, "199"),
    ("2015", "M", 1, None),  # a year is too coarse to count months from
    ("PRESENT_REF", "Y", 1, None),
])
def test_times_shift(base: str, unit: str, n: int, value: str | None) -> None:
    assert shift(base, unit, n) == value


def test_times_weekday_date_never_crosses_the_dct_wrongly() -> None:
    import datetime as dt

    dct = dt.date(2015, 5, 12)
    for wd in range(1, 8):
        past = weekday_date(dct, wd, PAST)
        future = weekday_date(dct, wd, FUTURE)
        assert past <= dct <= future
        assert past.isoweekday() == future.isoweekday() == wd
        assert (dct - past).days < 7 and (future - dct).days < 7


# --------------------------------------------------------------------------- word lists

def test_times_word_lists_reject_malformed_lines() -> None:
    with pytest.raises(KBError, match="time_words.tsv:2"):
        parse_time_words("# comment\nmonth\tjanuary\n")


def test_times_word_lists_require_every_kind() -> None:
    with pytest.raises(KBError, match="lacks"):
        parse_time_words("month\tjanuary\t1\n")


def test_times_grammar_pickles() -> None:
    grammar = pickle.loads(pickle.dumps(load_time_grammar()))
    assert normalize("last year", DCT, grammar=grammar) is not None


# --------------------------------------------------------------------------- the stage, no model

def _article(text: str, dct: str | None = DCT, tokens: tuple[Token, ...] = ()) -> Article:
    """An article split into sentences at ". " (no parse unless tokens are given)."""
    sents, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        sents.append(Sentence(start, min(end, len(text))))
        start = end + 1
    return Article(id="t", text=text, published=Published(dct, "given"),
                   sentences=tuple(sents), tokens=tokens)


def _values(art: Article) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in extract_times(art).times]


def test_times_spans_index_the_text() -> None:
    art = extract_times(_article("Talks ended on March 17, 2014. A day earlier, rebels "
                                 "shelled the airport."))
    assert [(t.text, t.value) for t in art.times] == [("March 17, 2014", "2014-03-17"),
                                                      ("A day earlier", "2014-03-16")]
    for t in art.times:
        assert art.text[t.span[0]:t.span[1]] == t.text
        assert isinstance(t, TimeRef)


def test_times_anchor_reaches_back_one_sentence_only() -> None:
    text = ("The deal was signed on 3 June 2012. Nothing happened. Then, a day later, it "
            "collapsed.")
    assert _values(_article(text))[-1] == ("a day later", "2015-05-13")  # from the DCT


def test_times_clock_time_takes_the_following_date() -> None:
    text = "The vote closed at 16:15 UTC, June 1, 2015."
    assert _values(_article(text))[0] == ("16:15 UTC", "2015-06-01T16:15Z")


def test_times_ages_and_embedded_numbers_are_not_times() -> None:
    text = "The five years old building, the 55-year-old mayor and the pre-2008 rules."
    assert _values(_article(text)) == []


def test_times_number_ranges_give_two_years() -> None:
    assert _values(_article("Deliveries run from 2009-2011.")) == [("2009", "2009"),
                                                                  ("2011", "2011")]


def _tok(i: int, text: str, start: int, tag: str, pos: str, dep: str, head: int,
         lemma: str = "") -> Token:
    return Token(i=i, start=start, end=start + len(text), text=text, lemma=lemma or text.lower(),
                 pos=pos, tag=tag, dep=dep, head=head, sent=0, ent_iob="O", ent_type="")


def test_times_tense_comes_from_the_token_records() -> None:
    text = "They will meet on Friday."
    toks = (_tok(0, "They", 0, "PRP", "PRON", "nsubj", 2),
            _tok(1, "will", 5, "MD", "AUX", "aux", 2),
            _tok(2, "meet", 10, "VB", "VERB", "ROOT", 2),
            _tok(3, "on", 15, "IN", "ADP", "prep", 2),
            _tok(4, "Friday", 18, "NNP", "PROPN", "pobj", 3, "Friday"),
            _tok(5, ".", 24, ".", "PUNCT", "punct", 2))
    assert _values(_article(text, tokens=toks)) == [("Friday", "2015-05-15")]
    past = tuple(replace(t, text="met", lemma="meet", tag="VBD") if t.i == 2 else t
                 for t in toks if t.i != 1)
    assert _values(_article("They met on Friday.", tokens=tuple(
        replace(t, start=t.start - 5 if t.i > 1 else t.start) for t in past))) == [
        ("Friday", "2015-05-08")]


def test_times_stage_is_pure_and_declares_its_contract() -> None:
    art = _article("The minister resigned yesterday.")
    before = replace(art)
    out = times.run(art, Context(Settings.load()))
    assert art == before and art.times == ()
    assert out.times[0].value == "2015-05-11"
    assert (STAGE.name, STAGE.requires, STAGE.assigns) == ("times", ("article.tokens",),
                                                           ("article.times",))


def test_times_empty_and_dateless_articles() -> None:
    assert extract_times(_article("")).times == ()
    assert _values(_article("Nothing to see here.", dct=None)) == []


def test_times_sentence_date_picks_the_most_specific_date() -> None:
    art = Article(
        id="s", text="x" * 100, sentences=(Sentence(0, 50), Sentence(51, 100)),
        times=(TimeRef("last year", (2, 11), "DATE", "2014", "year"),
               TimeRef("March 17", (20, 28), "DATE", "2014-03-17", "day"),
               TimeRef("three years", (30, 41), "DURATION", "P3Y", "year"),
               TimeRef("next week", (60, 69), "DATE", "2015-W21", "week"),
               TimeRef("now", (70, 73), "DATE", "PRESENT_REF", "ref")),
    )
    assert sentence_date(art, 0) == "2014-03-17"
    assert sentence_date(art, 1) == "2015"  # a week gives its year
    assert sentence_date(art, 2) is None
    morning = replace(art, times=(TimeRef("this morning", (2, 14), "TIME", "2015-05-12TMO",
                                          "time"),))
    assert sentence_date(morning, 0) == "2015-05-12"


# --------------------------------------------------------------------------- parsed sentences

@pytest.fixture(scope="module")
def pipe() -> Iterator[Pipeline]:
    from dateline.stages import nlp

    yield Pipeline(stages=[nlp.STAGE, STAGE])


def _run(pipe: Pipeline, text: str, dct: str | None = DCT) -> list[tuple[str, str]]:
    art = next(pipe.run([RawInput(text=text, date=dct, format="text")]))
    assert art.skip is None
    return [(t.text, t.value) for t in art.times]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("The envoy arrived in Kabul on Tuesday for talks with the president.",
     [("Tuesday", "2015-05-12")]),
    ("The company was founded in May 2013 by two engineers.", [("May 2013", "2013-05")]),
    ("Exports fell sharply last year, the ministry said.", [("last year", "2014")]),
    ("The airline ordered twelve jets in February 2014.", [("February 2014", "2014-02")]),
    ("The truce was signed on March 17, 2014. A day earlier, rebels had shelled the airport.",
     [("March 17, 2014", "2014-03-17"), ("A day earlier", "2014-03-16")]),
])
def test_times_user_examples(pipe: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert _run(pipe, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("The delegation will meet the rebels on Friday.", [("Friday", "2015-05-15")]),
    ("The summit is scheduled to open on Thursday.", [("Thursday", "2015-05-14")]),
    ("The court has ruled on Monday that the law stands.", [("Monday", "2015-05-11")]),
    ("The election was held in March.", [("March", "2015-03")]),
    ("The festival took place in June.", [("June", "2014-06")]),
    ("Elections will be held in June.", [("June", "2015-06")]),
    ("Sales have grown since November.", [("November", "2014-11")]),
])
def test_times_tense_places_weekdays_and_months(pipe: Pipeline, text: str,
                                                expected: list[tuple[str, str]]) -> None:
    assert _run(pipe, text) == expected


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    ("Theresa May met the delegation in May.", [("May", "2015-05")]),
    ("About 2000 people marched, and the bill is worth $2014 million.", []),
    ("The 55-year-old mayor was re-elected last night.", [("last night", "2015-05-11TNI")]),
    ("He served as governor for three years and now chairs a three-day forum.",
     [("three years", "P3Y"), ("now", "PRESENT_REF"), ("three-day", "P3D")]),
    ("The council meets every Monday and publishes its minutes weekly.",
     [("every Monday", "XXXX-WXX-1"), ("weekly", "P1W")]),
    ("In 2009 the firm cut 300 jobs; the following year it hired 500 workers.",
     [("2009", "2009"), ("the following year", "2010")]),
    ("The fall of the old regime came in 1989.", [("1989", "1989")]),
    ("Protests began on January 25. The leader quit shortly after 6 p.m. local time.",
     [("January 25", "2015-01-25"), ("6 p.m. local time", "2015-05-12T18:00")]),
])
def test_times_parse_checks(pipe: Pipeline, text: str, expected: list[tuple[str, str]]) -> None:
    assert _run(pipe, text) == expected


@pytest.mark.slow
def test_times_rate_after_an_amount_is_a_set(pipe: Pipeline) -> None:
    art = next(pipe.run([RawInput(text="The yard builds 15 ships a year and works for a year "
                                       "on each.", date=DCT)]))
    assert [(t.text, t.type, t.value) for t in art.times] == [
        ("a year", "SET", "P1Y"), ("a year", "DURATION", "P1Y")]


@pytest.mark.slow
def test_times_without_dct_in_a_pipeline(pipe: Pipeline) -> None:
    assert _run(pipe, "The envoy arrived on Tuesday and left last year.", dct=None) == [
        ("Tuesday", "XXXX-WXX-2"), ("last year", "XXXX")]


@pytest.mark.slow
def test_times_sentence_date_on_a_parsed_article(pipe: Pipeline) -> None:
    art = next(pipe.run([RawInput(
        text="Rebels seized the town on Sunday. They had held it since 2012.", date=DCT)]))
    assert [sentence_date(art, i) for i in range(len(art.sentences))] == ["2015-05-10", "2012"]
