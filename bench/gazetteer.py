"""Load time and memory of the places gazetteer, against baselines measured in the same run.

Issue 5 asks the gazetteer index to cost <= 300 MB per process and to load in <= 2 s from its
cache. Each measurement runs in a fresh subprocess (the cache is built first if missing):
  * baseline: a process that only imports dateline.kb.gazetteer (peak RSS, wall time);
  * gazetteer: the same process that also loads the cached index (peak RSS, load time);
  * raw read: reading the cache file's bytes, the I/O floor the load cannot beat.
Reports the gazetteer's own RSS (gazetteer - baseline), its load time, and the load time as a
multiple of the raw read.

Usage: python bench/gazetteer.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import textwrap

_PROBE = textwrap.dedent("""
    import json, resource, sys, time
    from pathlib import Path
    t0 = time.perf_counter()
    from dateline.kb import gazetteer
    imported = time.perf_counter() - t0
    out = {"import_s": imported}
    mode = sys.argv[1]
    if mode == "load":
        t1 = time.perf_counter()
        g = gazetteer.load_gazetteer()
        out["load_s"] = time.perf_counter() - t1
        out["entries"] = len(g)
        out["names"] = g.name_count
    elif mode == "read":
        path = sorted(gazetteer.cache_dir().glob("gazetteer-*.pickle"))[-1]
        t1 = time.perf_counter()
        data = path.read_bytes()
        out["read_s"] = time.perf_counter() - t1
        out["cache_mb"] = round(len(data) / 2**20, 1)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))
""")


def probe(mode: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", _PROBE, mode], capture_output=True, text=True,
                          check=True)
    out: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    probe("load")  # builds the cache when missing (~30 s, once per machine)
    base = [probe("import") for _ in range(args.runs)]
    load = [probe("load") for _ in range(args.runs)]
    read = [probe("read") for _ in range(args.runs)]
    base_rss = min(b["peak_rss_mb"] for b in base)
    load_rss = min(r["peak_rss_mb"] for r in load)
    load_s = min(r["load_s"] for r in load)
    read_s = min(r["read_s"] for r in read)
    report = {
        "runs": args.runs,
        "entries": load[0]["entries"],
        "names": load[0]["names"],
        "cache_file_mb": read[0]["cache_mb"],
        "baseline_peak_rss_mb": round(base_rss, 1),
        "with_gazetteer_peak_rss_mb": round(load_rss, 1),
        "gazetteer_rss_mb": round(load_rss - base_rss, 1),
        "load_s": round(load_s, 3),
        "raw_read_s": round(read_s, 4),
        "load_vs_raw_read": round(load_s / read_s, 1) if read_s else None,
        "targets": {"gazetteer_rss_mb": 300, "load_s": 2.0},
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
