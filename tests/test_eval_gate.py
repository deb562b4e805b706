"""Quality gate: event and actor coding floors on ../shared/eval/events.

Floors are what we measured (dateline eval events / dateline eval actors) minus EPSILON, so
that a regression fails CI. Raise them when the coder improves; never lower them to make a
change pass. The gold files' digests are pinned: a different gold set needs new floors.
Skips when ../shared is absent (users' machines).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

EPSILON = 0.01
DIGESTS = {
    "PETR2_GSR_validation.xml": "e72538c51bb3c2ff0aecec5d7fffe3c8f59d18ef3a71b5c993bed4bc611cf82c",
    "PLV_train.tsv": "b184c7623cb05a48011adabd951f1a7f7efa8c80059ef4dc12c3d3231de5f5d3",
}
# Measured on 2026-11-29 (sixth session) with en_core_web_md 3.8.0: PETR2 exact 0.4056, root
# 0.5175, country 0.6434; actors country 0.9746, full code 0.9068; PLV accuracy 0.8528,
# macro-F1 0.8612, quad 0.8635 (see the issue notes). The PETR2 exact and root floors stay
# where they were: "the US State Department" is now USAGOV, where PETR2's gold has USA.
FLOORS = {
    "petr_exact_f1": 0.41,
    "petr_root_f1": 0.52,
    "petr_country_f1": 0.64,
    "actor_country": 0.97,
    "actor_full_code": 0.90,
    "plv_accuracy": 0.85,
    "plv_macro_f1": 0.86,
    "plv_quad_accuracy": 0.86,
}

pytestmark = [pytest.mark.gate, pytest.mark.slow]


@pytest.fixture(scope="module")
def events_dir(shared: Path) -> Path:
    root = shared / "eval" / "events"
    for name, digest in DIGESTS.items():
        got = hashlib.sha256((root / name).read_bytes()).hexdigest()
        assert got == digest, f"{name} changed: re-measure and re-pin the floors"
    return root


@pytest.fixture(scope="module")
def scores(events_dir: Path, engine: Any) -> dict[str, float]:
    from dateline.evaluation.events import evaluate_petr, evaluate_plv

    petr = evaluate_petr(engine, events_dir / "PETR2_GSR_validation.xml")
    plv = evaluate_plv(engine, events_dir / "PLV_train.tsv")
    return {
        "petr_exact_f1": petr.exact["f1"],
        "petr_root_f1": petr.root["f1"],
        "petr_country_f1": petr.country["f1"],
        "actor_country": petr.actors["country"],
        "actor_full_code": petr.actors["full_code"],
        "plv_accuracy": plv["accuracy"],
        "plv_macro_f1": plv["macro_f1"],
        "plv_quad_accuracy": plv["quad_accuracy"],
    }


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_eval_gate_floor(scores: dict[str, float], metric: str) -> None:
    assert scores[metric] >= FLOORS[metric] - EPSILON, (
        f"{metric} = {scores[metric]:.4f} fell below its floor {FLOORS[metric]} - {EPSILON}"
    )
