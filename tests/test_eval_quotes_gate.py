"""Quality gate: quote extraction on GUM's Wikinews documents (../shared/eval/quotes).

Floors are the measured values minus 0.02 (see docs and dateline.evaluation.quotes for the
protocol): content F1 0.9122 and speaker accuracy 0.9506 when measured.
Run: pytest -m gate tests/test_eval_quotes_gate.py
"""

from __future__ import annotations

from pathlib import Path

import pytest

MEASURED_F1 = 0.9122
MEASURED_SPEAKER = 0.9506
EPSILON = 0.02


@pytest.mark.gate
@pytest.mark.slow
def test_eval_quotes_gate(shared: Path) -> None:
    from dateline.evaluation.quotes import evaluate_gum
    from dateline.pipeline import Pipeline
    from dateline.stages import actors, entities, nlp, places, quotes

    root = shared / "eval" / "quotes" / "gum_wikinews"
    if not (root / "xml").is_dir():
        pytest.skip("GUM Wikinews data is absent")
    pipe = Pipeline(stages=[nlp.STAGE, entities.STAGE, places.STAGE, actors.STAGE, quotes.STAGE])
    result = evaluate_gum(pipe, root, textacy=False)
    ours = result["dateline"]
    assert result["gold_quotes"] >= 90, result
    assert ours["f1"] >= MEASURED_F1 - EPSILON, ours
    assert ours["speaker_accuracy"] >= MEASURED_SPEAKER - EPSILON, ours


def test_eval_quotes_skips_when_data_absent(tmp_path: Path) -> None:
    from dateline.evaluation.quotes import evaluate_gum

    assert "skipped" in evaluate_gum(object(), tmp_path / "nowhere", textacy=False)


def test_eval_quotes_reads_and_scores_a_tiny_document(tmp_path: Path) -> None:
    """A hand-made GUM-style document: detokenized text, gold span, speaker chain, scoring."""
    from dateline.evaluation.quotes import PredQuote, read_gum_doc, score_doc

    rows = [("<p>", None), ("<s>", None), ("Kaya", "NP\tKaya\tNP0\tPROPN\tnsubj"),
            ("said", "VVD\tsay\tVVD\tVERB\troot"), (",", ",\t,\tPUN\tPUNCT\tpunct"),
            ("<quote>", None), ('"', "``\t\"\tPUQ\tPUNCT\tpunct"),
            ("We", "PP\twe\tPNP\tPRON\tnsubj"), ("agree", "VVP\tagree\tVVB\tVERB\tccomp"),
            ('"', "''\t\"\tPUQ\tPUNCT\tpunct"), ("</quote>", None),
            (".", "SENT\t.\tPUN\tPUNCT\tpunct"), ("</s>", None), ("</p>", None)]
    xml = tmp_path / "GUM_news_tiny.xml"
    xml.write_text("\n".join(w if tags is None else f"{w}\t{tags}\t_" for w, tags in rows),
                   "utf-8")
    conll = tmp_path / "GUM_news_tiny.conll"
    conll.write_text("# begin document\n0\tKaya\t(person-1)\n1\tsaid\t_\n2\t,\t_\n3\t\"\t_\n"
                     "4\tWe\t(person-2)\n5\tagree\t_\n6\t\"\t_\n7\t.\t_\n", "utf-8")
    doc = read_gum_doc(xml, conll)
    assert doc.text == 'Kaya said, "We agree".'
    (gold,) = doc.quotes
    assert doc.text[gold.span[0] : gold.span[1]] == "We agree"
    assert gold.chain == 1
    right = PredQuote((12, 20), ((0, 4),), "Kaya")
    wrong = PredQuote((0, 4), (), None)
    assert score_doc(doc, [right]) == {"tp": 1, "fp": 0, "found": 1, "fn": 0, "neutral": 0,
                                       "speaker_n": 1, "speaker_ok": 1}
    assert score_doc(doc, [wrong]) == {"tp": 0, "fp": 1, "found": 0, "fn": 1, "neutral": 0,
                                       "speaker_n": 0, "speaker_ok": 0}
