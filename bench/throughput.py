"""Throughput and memory of dateline against bare spaCy, measured in the same run.

Reads the first N articles of ../shared/corpora/reuters21578/reuters21578.jsonl (skips with a
message when ../shared is absent). Reports:
  * articles/s and words/s of dateline's pipeline and of bare ``nlp.pipe`` with the same model,
    in one process each after loading, and their ratio (target >= 0.85);
  * time per stage as a share of dateline's total;
  * peak RSS and wall time of ``dateline extract --jsonl`` as a subprocess (target <= 800 MB);
  * cold ``dateline extract`` on one article, wall time (target <= 3 s).

Usage: python bench/throughput.py [--n 2000] [--model md]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578" / "reuters21578.jsonl"


def load_records(n: int) -> list[dict[str, str]]:
    out = []
    with CORPUS.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            body = (r.get("body") or "").strip()
            if not body:
                continue
            out.append({"id": r["newid"], "text": body, "title": r.get("title") or ""})
            if len(out) >= n:
                break
    return out


def bare_spacy(texts: list[str], model: str) -> tuple[float, int]:
    from dateline.stages.nlp import load_spacy

    nlp = load_spacy(model)
    list(nlp.pipe(texts[:20]))  # warm-up, as the pipeline run gets
    t0 = time.perf_counter()
    words = 0
    for doc in nlp.pipe(texts, batch_size=32):
        words += sum(1 for t in doc if not t.is_space and not t.is_punct)
    return time.perf_counter() - t0, words


def dateline_run(records: list[dict[str, str]], model: str) -> tuple[float, dict[str, float], int]:
    from dateline.engine import Engine
    from dateline.model import RawInput
    from dateline.settings import Settings

    engine = Engine(Settings.load(spacy_model=model))
    list(engine.process([RawInput(text=r["text"], id=r["id"]) for r in records[:20]]))
    engine.pipeline.timings.clear()
    t0 = time.perf_counter()
    skipped = 0
    for art in engine.process(RawInput(text=r["text"], id=r["id"], title=r["title"])
                              for r in records):
        skipped += art.skip is not None
    return time.perf_counter() - t0, dict(engine.pipeline.timings), skipped


def cli_run(records: list[dict[str, str]], model: str) -> tuple[float, float]:
    exe = shutil.which("dateline") or str(Path(sys.executable).parent / "dateline")
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=True) + "\n")
        path = fh.name
    env = dict(os.environ, DATELINE_SPACY_MODEL=model)
    t0 = time.perf_counter()
    subprocess.run([exe, "extract", "--jsonl", path], stdout=subprocess.DEVNULL, env=env,
                   check=False)
    wall = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    os.unlink(path)
    return wall, rss_mb


def cold_single(model: str) -> float:
    exe = shutil.which("dateline") or str(Path(sys.executable).parent / "dateline")
    example = min((ROOT / "examples").glob("*.txt"))
    env = dict(os.environ, DATELINE_SPACY_MODEL=model)
    t0 = time.perf_counter()
    subprocess.run([exe, "extract", str(example), "--json"], stdout=subprocess.DEVNULL,
                   env=env, check=False)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--model", default="md")
    args = ap.parse_args()
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} not found (../shared is only on development machines)")
        return 0
    records = load_records(args.n)
    texts = [r["text"] for r in records]
    base_s, words = bare_spacy(texts, args.model)
    ours_s, timings, skipped = dateline_run(records, args.model)
    n = len(records)
    total = sum(timings.values()) or ours_s
    report = {
        "articles": n,
        "words": words,
        "skipped_by_dateline": skipped,
        "bare_spacy": {"seconds": round(base_s, 2), "articles_per_s": round(n / base_s, 1),
                       "words_per_s": round(words / base_s)},
        "dateline": {"seconds": round(ours_s, 2), "articles_per_s": round(n / ours_s, 1),
                     "words_per_s": round(words / ours_s)},
        "ratio_vs_bare_spacy": round(base_s / ours_s, 3),
        "stage_share": {k: round(v / total, 3) for k, v in timings.items()},
    }
    wall, rss = cli_run(records, args.model)
    report["cli_jsonl"] = {"wall_s": round(wall, 2), "peak_rss_mb": round(rss)}
    report["cold_single_article_s"] = round(cold_single(args.model), 2)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
