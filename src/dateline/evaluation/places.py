"""Toponym recognition and resolution scored on GeoVirus (../shared/eval/places/geovirus).

GeoVirus (Gritta, Pilehvar & Collier, ACL 2018) is 229 Wikinews passages about disease
outbreaks with 2,170 gold toponyms, each with character offsets and coordinates. It is read at
run time and never copied. Its offsets are off by one, so each gold name is looked for in a
small window around its stated offset.

Metrics, as in Gritta et al. ("What's missing in geographical parsing?", 2018):

* recognition precision, recall and F1 over toponym spans: ``exact`` needs the same
  character span; ``overlap`` (the paper's "inexact" matching) is satisfied by any overlap,
  one prediction per gold toponym;
* resolution over the gold toponyms that were recognised (overlap): accuracy within 161 km
  (100 miles), the AUC of the curve of sorted log errors (lower is better; 0 means every
  error is 0 km), and the median and mean error in km.

Gold coordinates are those of each place's Wikipedia article; for a large country they can lie
hundreds of km from the point dateline reports (the country's GeoNames feature point, see
kb/data/place_countries.tsv), e.g. 182 km for China and 1,000 km for Canada. ``accuracy_161_country``
therefore also counts a country as right when the gold point lies in it (the country of the
nearest gazetteer town within 150 km), to separate wrong choices from coordinate conventions.

Command line::

    python -m dateline.evaluation.places [PATH_TO_GEOVIRUS_XML] [--limit N] [--errors FILE]
"""

from __future__ import annotations

import argparse
import json
import math
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from dateline.kb.gazetteer import Gazetteer, distance_km, iter_entries, load_gazetteer
from dateline.model import Article, Place
from dateline.pipeline import Pipeline, StageSpec

DEFAULT_PATH = Path(__file__).resolve().parents[4] / "shared/eval/places/geovirus/GeoVirus.xml"
# The longest possible error (half the Earth's circumference), the AUC's scale.
MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0
_WINDOW = 5


@dataclass(frozen=True, slots=True)
class GoldToponym:
    name: str
    start: int
    end: int
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass
class PlacesResult:
    """Scores of one run; ``errors`` lists misses, false alarms and far-off resolutions."""

    articles: int
    gold: int
    predicted: int
    exact: dict[str, float]
    overlap: dict[str, float]
    resolved: int
    accuracy_161: float
    accuracy_161_country: float
    auc: float
    median_km: float
    mean_km: float
    seconds: float
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: str | None = None  # why nothing was scored (the data is absent)
    within_161: int = 0  # resolved toponyms within 161 km (accuracy_161 is rounded)

    def summary(self) -> dict[str, Any]:
        """Everything but the error list."""
        out = asdict(self)
        out.pop("errors")
        if self.skipped is None:
            out.pop("skipped")
        return out

    @classmethod
    def skip(cls, reason: str) -> PlacesResult:
        """An empty result that says why nothing was scored."""
        zero = _prf(0, 0, 0)
        return cls(0, 0, 0, zero, zero, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, skipped=reason)


def read_geovirus(path: Path) -> list[GoldArticle]:
    """Parse GeoVirus.xml, correcting its off-by-one offsets.

    Args:
        path: GeoVirus.xml.

    Returns:
        The articles in file order, ids "gv0001"...; a gold name not found within a few
        characters of its stated offset is dropped.
    """
    raw = path.read_text("utf-8")
    end = raw.find("</articles>")
    root = ET.fromstring(raw[: end + len("</articles>")] if end >= 0 else raw)
    out = []
    for n, art in enumerate(root.iter("article"), 1):
        text = art.findtext("text") or ""
        tops = []
        for loc in art.iter("location"):
            name = loc.findtext("name") or ""
            stated = int(loc.findtext("start") or 0)
            start = _locate(text, name, stated)
            if start is None:
                continue
            tops.append(GoldToponym(name, start, start + len(name),
                                    float(loc.findtext("lat") or 0),
                                    float(loc.findtext("lon") or 0)))
        tops.sort(key=lambda t: t.start)
        out.append(GoldArticle(f"gv{n:04d}", text, tuple(tops)))
    return out


def _locate(text: str, name: str, stated: int) -> int | None:
    for delta in sorted(range(-_WINDOW, _WINDOW + 1), key=abs):
        s = stated + delta
        if s >= 0 and text[s : s + len(name)] == name:
            return s
    return None


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp}


def auc_of_errors(errors_km: Sequence[float]) -> float:
    """Area under the curve of sorted, log-scaled errors (Gritta et al. 2018); 0 is perfect."""
    if not errors_km:
        return 0.0
    ys = sorted(math.log(e + 1) / math.log(MAX_ERROR_KM + 1) for e in errors_km)
    if len(ys) == 1:
        return ys[0]
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / (len(ys) - 1)


def _predicted(art: Article) -> list[tuple[int, int, Place]]:
    return sorted(((s, e, p) for p in art.places for s, e in p.mentions), key=lambda x: x[0])


class _CountryOfPoint:
    """The country of a point: that of the nearest gazetteer town within 150 km."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.cells: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for e in iter_entries(gaz):
            if e.is_city and e.country:
                self.cells.setdefault((math.floor(e.lat), math.floor(e.lon)), []).append(
                    (e.lat, e.lon, e.country))

    def __call__(self, lat: float, lon: float) -> str | None:
        best: tuple[float, str] | None = None
        for dy in (-1, 0, 1):
            for dx in (-2, -1, 0, 1, 2):
                cell = (math.floor(lat) + dy, (math.floor(lon) + dx + 180) % 360 - 180)
                for la, lo, c in self.cells.get(cell, ()):
                    dist = distance_km(lat, lon, la, lo)
                    if dist <= 150 and (best is None or dist < best[0]):
                        best = (dist, c)
        return None if best is None else best[1]


def score(gold: Sequence[GoldArticle], predicted: Sequence[Article], seconds: float = 0.0,
          gaz: Gazetteer | None = None) -> PlacesResult:
    """Score predicted places against gold toponyms (the articles in the same order).

    Args:
        gold: the gold articles.
        predicted: the processed articles, in the same order.
        seconds: the processing time to report.
        gaz: the gazetteer, for ``accuracy_161_country`` (left 0.0 without it).
    """
    country_of = _CountryOfPoint(gaz) if gaz is not None else None
    country_hits = 0
    n_gold = n_pred = tp_exact = tp_overlap = 0
    errors_km: list[float] = []
    report: list[dict[str, Any]] = []
    for g, art in zip(gold, predicted, strict=True):
        preds = _predicted(art)
        n_gold += len(g.toponyms)
        n_pred += len(preds)
        exact = {(s, e) for s, e, _ in preds}
        tp_exact += sum((t.start, t.end) in exact for t in g.toponyms)
        used: set[int] = set()
        for t in g.toponyms:
            hit = next((k for k, (s, e, _) in enumerate(preds)
                        if k not in used and s < t.end and t.start < e), None)
            if hit is None:
                report.append({"id": g.id, "kind": "missed", "name": t.name,
                               "context": _context(g.text, t.start, t.end)})
                continue
            used.add(hit)
            tp_overlap += 1
            p = preds[hit][2]
            err = distance_km(t.lat, t.lon, p.lat, p.lon)
            errors_km.append(err)
            if err <= ACCURACY_KM or (
                country_of is not None and p.feature in ("PCLI", "PCLD", "PCLH")
                and p.country is not None and country_of(t.lat, t.lon) == p.country
            ):
                country_hits += 1
            if err > ACCURACY_KM:
                report.append({"id": g.id, "kind": "far", "name": t.name, "km": round(err),
                               "gold": [t.lat, t.lon], "pred": [p.name, p.feature, p.country,
                                                                p.admin1, p.lat, p.lon]})
        for k, (s, e, p) in enumerate(preds):
            if k not in used:
                report.append({"id": g.id, "kind": "spurious", "name": art.text[s:e],
                               "feature": p.feature, "context": _context(art.text, s, e)})
    errors_sorted = sorted(errors_km)
    n = len(errors_sorted)
    median = 0.0
    if n:
        median = (errors_sorted[(n - 1) // 2] + errors_sorted[n // 2]) / 2
    return PlacesResult(
        articles=len(gold), gold=n_gold, predicted=n_pred,
        exact=_prf(tp_exact, n_pred, n_gold), overlap=_prf(tp_overlap, n_pred, n_gold),
        resolved=n,
        accuracy_161=round(sum(e <= ACCURACY_KM for e in errors_km) / n, 4) if n else 0.0,
        accuracy_161_country=round(country_hits / n, 4) if n and country_of else 0.0,
        auc=round(auc_of_errors(errors_km), 4), median_km=round(median, 1),
        mean_km=round(sum(errors_km) / n, 1) if n else 0.0, seconds=round(seconds, 1),
        errors=report, within_161=sum(e <= ACCURACY_KM for e in errors_km),
    )


def _context(text: str, s: int, e: int) -> str:
    return f"{text[max(0, s - 40):s]}[{text[s:e]}]{text[e:e + 40]}".replace("\n", " ")


def default_pipeline() -> Pipeline:
    """nlp + entities + places; a no-op entities stage when the knowledge base cannot load."""
    from dateline.errors import KBError
    from dateline.stages import entities, nlp, places

    ent: StageSpec = entities.STAGE
    try:
        from dateline.kb import load_kb

        load_kb()
    except (KBError, OSError):
        ent = StageSpec(name="entities", run=lambda a, c: a, assigns=("article.entities",))
    return Pipeline(stages=[nlp.STAGE, ent, places.STAGE])


def evaluate_places(pipeline: Pipeline, path: Path = DEFAULT_PATH,
                    articles: Sequence[int] | None = None) -> PlacesResult:
    """Run the pipeline over GeoVirus and score its places.

    The gold texts go straight to the stages (no cleaning), so offsets stay comparable.

    Args:
        pipeline: stages that assign ``article.places`` (see ``default_pipeline``).
        path: GeoVirus.xml.
        articles: 0-based indices of the articles to use (all by default).

    Returns:
        The scores and an error list; ``skipped`` says why when the data is absent.
    """
    if not path.is_file():
        return PlacesResult.skip(f"GeoVirus not found at {path}")
    gold = read_geovirus(path)
    if articles is not None:
        gold = [gold[i] for i in articles]
    t0 = time.perf_counter()
    arts = pipeline.run_articles([Article(id=g.id, text=g.text) for g in gold])
    seconds = time.perf_counter() - t0
    gaz = pipeline.context.get("gazetteer", load_gazetteer)
    return score(gold, arts, seconds, gaz if isinstance(gaz, Gazetteer) else None)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: print the scores as JSON (and write the error list if asked)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH)
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--errors", type=Path, default=None, help="write the error list (JSONL)")
    args = ap.parse_args(argv)
    if not args.path.is_file():
        print(json.dumps(PlacesResult.skip(f"GeoVirus not found at {args.path}").summary()))
        return 0
    idx = None if args.limit is None else list(range(args.limit))
    res = evaluate_places(default_pipeline(), args.path, idx)
    print(json.dumps(res.summary(), indent=2))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as fh:
            for err in res.errors:
                fh.write(json.dumps(err, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
