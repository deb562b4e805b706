"""The TIMES quality gate on MEANTIME English (../shared), plus unit tests of its harness.

Floors are what ``python -m dateline.evaluation.times`` measured with the "md" spaCy pipeline,
minus ``EPSILON`` for noise (a model or library upgrade may move a borderline parse).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.evaluation.times import (
    evaluate_meantime,
    read_meantime_file,
    rebuild_text,
    score_times,
)
from dateline.model import TimeRef

# Measured: value F1 0.8497, strict span F1 0.9016 (120 documents, 370 gold TIMEX3, md model).
MEASURED_VALUE_F1 = 0.8497
MEASURED_STRICT_F1 = 0.9016
EPSILON = 0.02
GOLD_TIMEX = 370  # the gold set the floors were measured on (DCTs excluded)


@pytest.mark.gate
@pytest.mark.slow
def test_eval_times_gate_meantime(shared: Path) -> None:
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings
    from dateline.stages import nlp, times

    root = shared / "eval" / "time" / "meantime_en"
    if not root.is_dir():
        pytest.skip(f"{root} is absent")
    pipe = Pipeline(stages=[nlp.STAGE, times.STAGE], settings=Settings.load(spacy_model="md"))
    result = evaluate_meantime(pipe, root)  # ~15 s: only the annotated sentences are parsed
    assert "skipped" not in result, result.get("skipped")
    assert (result["documents"], result["gold"]) == (120, GOLD_TIMEX), "the gold data changed"
    assert result["value"]["f1"] >= MEASURED_VALUE_F1 - EPSILON, result["value"]
    assert result["strict"]["f1"] >= MEASURED_STRICT_F1 - EPSILON, result["strict"]


# --------------------------------------------------------------------------- the harness

_CAT = """<?xml version="1.0" ?><Document doc_id="7" doc_name="t" lang="en" url="u">
<token number="0" sentence="0" t_id="1">Mills</token>
<token number="1" sentence="0" t_id="2">close</token>
<token number="2" sentence="1" t_id="3">May</token>
<token number="3" sentence="1" t_id="4">4</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2011</token>
<token number="6" sentence="2" t_id="7">The</token>
<token number="7" sentence="2" t_id="8">mill</token>
<token number="8" sentence="2" t_id="9">shut</token>
<token number="9" sentence="2" t_id="10">``</token>
<token number="10" sentence="2" t_id="11">today</token>
<token number="11" sentence="2" t_id="12">''</token>
<token number="12" sentence="2" t_id="13">.</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2011-05-04">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2011-05-04">
<token_anchor t_id="11"/>
</TIMEX3>
<TIMEX3 TAG_DESCRIPTOR="x" functionInDocument="NONE" m_id="3" type="DATE" value="2012"/>
</Markables>
</Document>
"""


def test_eval_times_rebuild_text_detokenises() -> None:
    text, spans = rebuild_text([(0, "He"), (0, "said"), (0, "``"), (0, "yes"), (0, "''"),
                                (0, ","), (0, "US$"), (0, "5"), (1, "Next")])
    assert text == 'He said "yes", US$5\nNext'
    assert [text[a:b] for a, b in spans][-1] == "Next"


def test_eval_times_reads_cat_xml(tmp_path: Path) -> None:
    path = tmp_path / "7_t.xml"
    path.write_text(_CAT, "utf-8")
    doc = read_meantime_file(path)
    assert doc.dct == "2011-05-04"
    assert doc.text.split("\n")[1] == "May 4, 2011"
    assert [(g.text, g.value) for g in doc.gold] == [("today", "2011-05-04")]  # DCT left out
    assert doc.dct_span is not None and doc.text[slice(*doc.dct_span)] == "May 4, 2011"


def test_eval_times_scores(tmp_path: Path) -> None:
    path = tmp_path / "7_t.xml"
    path.write_text(_CAT, "utf-8")
    doc = read_meantime_file(path)
    today = doc.gold[0].span
    pred = [TimeRef("May 4, 2011", doc.dct_span or (0, 0), "DATE", "2011-05-04", "day"),
            TimeRef("today", today, "DATE", "2011-05-05", "day"),
            TimeRef("mill", (today[0] - 12, today[0] - 8), "DATE", "XXXX", "year")]
    r = score_times([doc], [pred])
    assert r["predicted"] == 2  # the DCT markable is not scored
    assert r["strict"]["recall"] == 1.0 and r["strict"]["precision"] == 0.5
    assert r["value_accuracy"] == 0.0 and r["value"]["f1"] == 0.0
    right = [TimeRef("today", today, "DATE", "2011-05-04", "day")]
    assert score_times([doc], [right])["value"]["f1"] == 1.0


def test_eval_times_skips_without_data(tmp_path: Path) -> None:
    result = evaluate_meantime(object(), tmp_path / "absent")
    assert "skipped" in result
