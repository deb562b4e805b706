"""Train the fallback event-type classifier (src/dateline/kb/data/event_classifier.json).

Reads training/events_*.tsv (root, sentence, source, target), parses every sentence with
dateline's own nlp stage (the spaCy pipeline of the default settings), finds the head tokens of
the two actor substrings, computes the features of dateline.stages.event_model (the function
inference uses), reports stratified 5-fold cross-validated accuracy and macro-F1 on that data,
then trains on all of it and writes the weights as compact, sparse JSON.

The model is a softmax regression with L2, trained by mini-batch Adam in numpy, seeded.

    .venv/bin/python scripts/train_event_classifier.py
    .venv/bin/python scripts/train_event_classifier.py --folds 0            # no cross-validation
    .venv/bin/python scripts/train_event_classifier.py --eval-first 1651    # CV of rows 1..N too
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# Small matrices: BLAS threads would only contend with each other (set before numpy loads).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.model import RawInput, Token
from dateline.stages import event_model as em

# events_train.tsv first, so --eval-first N still names its hand-written rows 1..N.
DATA = sorted((ROOT / "training").glob("events_*.tsv"),
              key=lambda p: (p.name != "events_train.tsv", p.name))
OUT = ROOT / "src" / "dateline" / "kb" / "data" / em.MODEL_FILE

Row = tuple[str, str, str, str]  # root, sentence, source, target
Parsed = tuple[str, tuple[Token, ...]] | None  # cleaned text and tokens, None when skipped


@dataclass(frozen=True)
class Example:
    row: int  # 1-based data row of the TSV (header excluded)
    label: int  # index into em.ROOTS
    cols: np.ndarray  # hashed feature columns


@dataclass(frozen=True)
class Hyper:
    epochs: int
    lr: float
    l2: float
    batch: int
    seed: int


# -- data ----------------------------------------------------------------------------------------
def read_rows(path: Path) -> list[Row]:
    """The TSV's rows; a bad root or column count stops the script with the line number."""
    rows: list[Row] = []
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header[:4] != ["root", "sentence", "source", "target"]:
            raise SystemExit(f"{path}: expected header root/sentence/source/target, got {header}")
        for n, rec in enumerate(reader, start=2):
            if not "".join(rec).strip():
                continue
            if len(rec) != 4 or rec[0] not in em.ROOTS:
                raise SystemExit(f"{path}:{n}: bad row {rec!r}")
            rows.append((rec[0], rec[1], rec[2], rec[3]))
    return rows


def parse(sentences: Sequence[str]) -> list[Parsed]:
    """(cleaned text, tokens) per sentence, through dateline's own nlp stage."""
    from dateline.pipeline import Pipeline
    from dateline.stages import nlp

    pipe = Pipeline(stages=[nlp.STAGE])
    raws = [RawInput(text=s, id=str(k), format="text") for k, s in enumerate(sentences)]
    return [None if art.skip is not None else (art.text, art.tokens) for art in pipe.run(raws)]


def _occurrences(text: str, toks: Sequence[Token], sub: str) -> list[tuple[int, int]]:
    """Token ranges [a, b) whose characters are exactly an occurrence of sub."""
    starts = {t.start: t.i for t in toks}
    ends = {t.end: t.i for t in toks}
    found, k = [], text.find(sub)
    while k >= 0:
        if k in starts and k + len(sub) in ends:
            found.append((starts[k], ends[k + len(sub)] + 1))
        k = text.find(sub, k + 1)
    return found


def _head(toks: Sequence[Token], a: int, b: int) -> int:
    """As TokenIndex.head_of: the token of [a, b) whose head lies outside the range."""
    for i in range(a, b):
        h = toks[i].head
        if h == i or not a <= h < b:
            return i
    return b - 1


def actor_heads(text: str, toks: Sequence[Token], src: str, tgt: str) -> tuple[int, int] | None:
    """Head token indices of the two actor substrings (first non-overlapping occurrences)."""
    for sa, sb in _occurrences(text, toks, src):
        for ta, tb in _occurrences(text, toks, tgt):
            if sb <= ta or tb <= sa:
                return _head(toks, sa, sb), _head(toks, ta, tb)
    return None


def build(rows: Sequence[Row], cache: Path | None) -> list[Example]:
    """Parse (or read the parse cache), find the actor heads and compute the features."""
    parsed: list[Parsed] | None = None
    if cache is not None and cache.exists():
        parsed = pickle.loads(cache.read_bytes())
        if parsed is None or len(parsed) != len(rows):
            parsed = None
    if parsed is None:
        t0 = time.perf_counter()
        parsed = parse([r[1] for r in rows])
        print(f"parsed {len(rows)} sentences in {time.perf_counter() - t0:.1f}s")
        if cache is not None:
            cache.write_bytes(pickle.dumps(parsed))
    out = []
    for n, (row, p) in enumerate(zip(rows, parsed, strict=True), start=1):
        heads = None if p is None else actor_heads(p[0], p[1], row[2], row[3])
        if p is None or heads is None:
            why = "skipped by ingest" if p is None else "actor not found on token boundaries"
            print(f"  dropped row {n}: {why}: {row[1][:70]!r}")
            continue
        out.append(Example(n, em.ROOTS.index(row[0]), em.pair_features(p[1], *heads)))
    return out


# -- model ---------------------------------------------------------------------------------------
def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    out: np.ndarray = z / z.sum(axis=1, keepdims=True)
    return out


def train(data: Sequence[Example], hp: Hyper) -> tuple[np.ndarray, np.ndarray]:
    """Softmax regression by mini-batch Adam; returns (weights (DIM, K), bias (K,))."""
    k = len(em.ROOTS)
    cols = np.unique(np.concatenate([e.cols for e in data]))
    # Dense design matrix over the columns the data uses: small enough at this size.
    x = np.zeros((len(data), len(cols)), dtype=np.float32)
    for r, e in enumerate(data):
        np.add.at(x[r], np.searchsorted(cols, e.cols), 1.0)
    y = np.zeros((len(data), k), dtype=np.float32)
    y[np.arange(len(data)), [e.label for e in data]] = 1.0
    w = np.zeros((len(cols), k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    moments = [(np.zeros_like(w), np.zeros_like(w)), (np.zeros_like(b), np.zeros_like(b))]
    b1, b2, eps = 0.9, 0.999, 1e-8
    rng = np.random.default_rng(hp.seed)
    step = 0
    for _ in range(hp.epochs):
        order = rng.permutation(len(data))
        for s in range(0, len(order), hp.batch):
            idx = order[s : s + hp.batch]
            g = (_softmax(x[idx] @ w + b) - y[idx]) / len(idx)
            grads = (x[idx].T @ g + hp.l2 * w, g.sum(axis=0))
            step += 1
            for param, grad, (m, v) in zip((w, b), grads, moments, strict=True):
                m *= b1
                m += (1 - b1) * grad
                v *= b2
                v += (1 - b2) * grad * grad
                param -= hp.lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + eps)
    full = np.zeros((em.DIM, k), dtype=np.float32)
    full[cols] = w
    return full, b


def probabilities(w: np.ndarray, b: np.ndarray, data: Sequence[Example]) -> np.ndarray:
    z = np.stack([w[e.cols].sum(axis=0) + b for e in data]).astype(np.float64)
    return _softmax(z)


def macro_f1(gold: np.ndarray, pred: np.ndarray, k: int) -> tuple[float, list[float]]:
    f1s = []
    for c in range(k):
        tp = int(((pred == c) & (gold == c)).sum())
        fp = int(((pred == c) & (gold != c)).sum())
        fn = int(((pred != c) & (gold == c)).sum())
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return float(np.mean(f1s)), f1s


def sentence_groups(rows: Sequence[Row], data: Sequence[Example]) -> np.ndarray:
    """A group id per example: examples whose sentences share most of their words (one sentence
    and its variants with an added clause or co-actor, or one template filled twice) share a
    group, so cross-validation never tests on a sentence it has trained on in another form."""
    words = [frozenset(re.findall(r"[a-z]{4,}", rows[e.row - 1][1].lower())) for e in data]
    parent = list(range(len(data)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    index: dict[str, list[int]] = {}
    for i, ws in enumerate(words):
        seen: set[int] = set()
        for w in ws:
            for j in index.get(w, ()):
                if j not in seen:
                    seen.add(j)
                    if len(ws & words[j]) >= 0.6 * len(ws | words[j]):
                        parent[find(i)] = find(j)
            index.setdefault(w, []).append(i)
    return np.array([find(i) for i in range(len(data))])


def cross_validate(data: Sequence[Example], groups: np.ndarray, folds: int, hp: Hyper,
                   eval_first: int) -> None:
    """Grouped k-fold CV; prints accuracy, macro-F1, per-class F1 and precision by threshold."""
    rng = np.random.default_rng(hp.seed)
    labels = np.array([e.label for e in data])
    uniq = np.unique(groups)
    rng.shuffle(uniq)
    fold_by_group = {int(g): n % folds for n, g in enumerate(uniq)}
    fold_of = np.array([fold_by_group[int(g)] for g in groups])
    prob = np.zeros((len(data), len(em.ROOTS)))
    for f in range(folds):
        w, b = train([data[int(i)] for i in np.flatnonzero(fold_of != f)], hp)
        test = np.flatnonzero(fold_of == f)
        prob[test] = probabilities(w, b, [data[int(i)] for i in test])
    pred = prob.argmax(axis=1)
    mf1, f1s = macro_f1(labels, pred, len(em.ROOTS))
    print(f"{folds}-fold CV ({len(uniq)} sentence groups, {len(data)} examples): accuracy "
          f"{(pred == labels).mean():.3f}  macro-F1 {mf1:.3f}")
    for c, (name, f1) in enumerate(zip(em.ROOTS, f1s, strict=True)):
        print(f"    {name:<10} F1 {f1:.3f}  (n={int((labels == c).sum())})")
    none, conf = em.ROOTS.index("NONE"), prob.max(axis=1)
    for th in (0.0, 0.5, 0.7, 0.9):
        # As a fallback the model is used only when it proposes an event confidently enough.
        sel = (pred != none) & (conf >= th)
        hits = int((pred[sel] == labels[sel]).sum())
        print(f"  events proposed at p >= {th:.1f}: {int(sel.sum())}, precision "
              f"{hits / max(int(sel.sum()), 1):.3f}, recall {hits / int((labels != none).sum()):.3f}")
    if eval_first:
        sel = np.array([e.row <= eval_first for e in data])
        mf1_first, _ = macro_f1(labels[sel], pred[sel], len(em.ROOTS))
        print(f"  same CV scored on rows 1..{eval_first} only ({int(sel.sum())} examples): "
              f"accuracy {(pred[sel] == labels[sel]).mean():.3f}  macro-F1 {mf1_first:.3f}")


def to_json(w: np.ndarray, b: np.ndarray, threshold: float, n: int,
            files: Sequence[str]) -> dict[str, object]:
    """Sparse weights: only columns whose largest |weight| reaches the threshold, 4 decimals."""
    keep = np.flatnonzero(np.abs(w).max(axis=1) >= threshold)
    return {
        "model": "dateline fallback event-type classifier: softmax regression, hashed features",
        "features": em.FEATURE_VERSION,
        "dim": em.DIM,
        "hash": "zlib.crc32(feature name, UTF-8) & (dim - 1)",
        "labels": list(em.ROOTS),
        "trained_on": f"training/{{{','.join(files)}}} ({n} examples)",
        "bias": [round(float(x), 4) for x in b],
        "rows": {str(int(c)): [round(float(x), 4) for x in w[c]] for c in keep},
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, nargs="+", default=DATA,
                    help="TSV files (default: training/events_*.tsv)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--folds", type=int, default=5, help="0 skips cross-validation")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--lr", type=float, default=0.02)
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threshold", type=float, default=0.01,
                    help="drop feature columns whose largest |weight| is below this")
    ap.add_argument("--eval-first", type=int, default=0,
                    help="also report the CV scores of data rows 1..N (the hand-written part)")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the parses, for reruns")
    ap.add_argument("--no-write", action="store_true", help="report only; keep the model file")
    args = ap.parse_args(argv)
    hp = Hyper(args.epochs, args.lr, args.l2, args.batch, args.seed)

    rows = [r for path in args.data for r in read_rows(path)]
    print(f"{len(rows)} rows: "
          + ", ".join(f"{r} {sum(1 for x in rows if x[0] == r)}" for r in em.ROOTS))
    data = build(rows, args.cache)
    if args.folds > 1:
        t0 = time.perf_counter()
        cross_validate(data, sentence_groups(rows, data), args.folds, hp, args.eval_first)
        print(f"  ({time.perf_counter() - t0:.1f}s)")
    w, b = train(data, hp)
    fit = (probabilities(w, b, data).argmax(axis=1) == [e.label for e in data]).mean()
    print(f"training accuracy (all data): {fit:.3f}")
    obj = to_json(w, b, args.threshold, len(data), [p.name for p in args.data])
    text = json.dumps(obj, separators=(",", ":"))
    if not args.no_write:
        args.out.write_text(text + "\n", encoding="utf-8")
    kept = len(obj["rows"])  # type: ignore[arg-type]
    print(f"model: {kept} of {em.DIM} feature columns kept, {len(text) / 1e6:.2f} MB"
          + ("" if args.no_write else f" -> {args.out}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
