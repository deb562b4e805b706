"""Event and actor coding evaluation on ../shared/eval/events (read at run time, never copied).

PETR2_GSR_validation.xml: exact (source, target, CAMEO code) triples scored as UniversalPetrarch's
validation does (a no-event record is right iff nothing is coded; gold events with an unknown
actor "---" are left out), plus root-level and country-level matches, and actor accuracy.
PLV_train.tsv: 15-way PLOVER root accuracy and macro-F1 and quad accuracy, choosing for each
pair the event whose actors best overlap the marked source/target spans (an event the coder
marks as not having happened, negated, hypothetical or denied, weighs 0.3 less).
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.engine import Engine
from dateline.model import Article, Event, RawInput

# PLV_train merges PLOVER's CONCEDE and RETREAT into YIELD.
_PLV_ROOT = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
PLV_ROOTS = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "YIELD", "ACCUSE", "REQUEST",
             "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class PetrRecord:
    id: str
    text: str
    date: str | None
    gold: tuple[tuple[str, str, str], ...]  # (source, target, code)
    noevents: bool


def counted(ev: Event) -> bool:
    """Events that count as having happened (CONTRACT.md), with both actors coded."""
    return (not ev.negated and ev.modality in ("asserted", "intended")
            and ev.source is not None and ev.target is not None
            and bool(ev.source.code) and bool(ev.target.code))


def read_petr(path: Path) -> list[PetrRecord]:
    """Parse the PETRARCH-2 validation XML (its <Parse> elements are ignored)."""
    raw = path.read_text("utf-8")
    out: list[PetrRecord] = []
    pattern = re.compile(r"<Sentence ([^>]*?)/?>(.*?)<Text>(.*?)</Text>", re.DOTALL)
    for attrs, between, text in pattern.findall(raw):
        a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
        gold = []
        noevents = False
        for coding in re.findall(r"<EventCoding ([^>]*)/>", between):
            c = dict(re.findall(r'(\w+)="([^"]*)"', coding))
            if c.get("noevents") == "True":
                noevents = True
                continue
            if "eventcode" in c:
                gold.append((c.get("sourcecode", ""), c.get("targetcode", ""), c["eventcode"]))
        d = a.get("date", "")
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if re.match(r"^\d{8}$", d) else None
        clean = html.unescape(" ".join(text.split())).replace("``", "\"").replace("''", "\"")
        out.append(PetrRecord(a.get("id", str(len(out))), clean, date, tuple(gold), noevents))
    return out


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


@dataclass
class _Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: Iterable[tuple[str, ...]], pred: Iterable[tuple[str, ...]]) -> None:
        g, p = Counter(gold), Counter(pred)
        hit = sum((g & p).values())
        self.tp += hit
        self.fp += sum(p.values()) - hit
        self.fn += sum(g.values()) - hit


@dataclass
class PetrResult:
    exact: dict[str, float]
    root: dict[str, float]
    country: dict[str, float]
    actors: dict[str, float]
    exact_with_statements: dict[str, float]
    records: int
    gold_events: int
    errors: list[dict[str, Any]] = field(default_factory=list)


def _country(code: str) -> str:
    return code[:3]


def evaluate_petr(engine: Engine, path: Path) -> PetrResult:
    """Score coded triples against the PETRARCH-2 gold records.

    Plain statements (010), which this gold set never codes, are left out of the main scores
    and kept in ``exact_with_statements``.

    Args:
        engine: the engine to run.
        path: PETR2_GSR_validation.xml.
    """
    recs = read_petr(path)
    arts = list(engine.process(
        RawInput(text=r.text, date=r.date, id=r.id, format="text") for r in recs
    ))
    exact, root, ctry, with_stmt = _Tally(), _Tally(), _Tally(), _Tally()
    act_total = act_country = act_sector = act_full = 0
    errors = []
    n_gold = 0
    for rec, art in zip(recs, arts, strict=True):
        gold = [g for g in rec.gold if "---" not in g[0] and "---" not in g[1]]
        n_gold += len(gold)
        pred = _predicted(art, statements=False)
        exact.add(gold, pred)
        with_stmt.add(gold, _predicted(art, statements=True))
        root.add([(s, t, c[:2]) for s, t, c in gold], [(s, t, c[:2]) for s, t, c in pred])
        ctry.add([(_country(s), _country(t), c[:2]) for s, t, c in gold],
                 [(_country(s), _country(t), c[:2]) for s, t, c in pred])
        codes = _actor_codes(art)
        for g in {x for ev in gold for x in ev[:2]}:
            act_total += 1
            act_full += g in codes
            act_country += any(c[:3] == g[:3] for c in codes)
            act_sector += any(c[:3] == g[:3] and c[3:6] == g[3:6] for c in codes)
        if sorted(gold) != sorted(pred):
            errors.append({"id": rec.id, "text": rec.text[:160], "gold": gold, "pred": pred})
    actors = {
        "gold_actors": act_total,
        "country": round(act_country / act_total, 4) if act_total else 0.0,
        "country_sector": round(act_sector / act_total, 4) if act_total else 0.0,
        "full_code": round(act_full / act_total, 4) if act_total else 0.0,
    }
    return PetrResult(_prf(exact.tp, exact.fp, exact.fn), _prf(root.tp, root.fp, root.fn),
                      _prf(ctry.tp, ctry.fp, ctry.fn), actors,
                      _prf(with_stmt.tp, with_stmt.fp, with_stmt.fn), len(recs), n_gold, errors)


def _predicted(art: Article, statements: bool) -> list[tuple[str, str, str]]:
    if art.skip is not None:
        return []
    seen = []
    for ev in art.events:
        if not counted(ev) or (not statements and ev.cameo.code == "010"):
            continue
        assert ev.source is not None and ev.target is not None
        triple = (ev.source.code or "", ev.target.code or "", ev.cameo.code)
        if triple not in seen:
            seen.append(triple)
    return seen


def _actor_codes(art: Article) -> set[str]:
    codes = {e.actor.code for e in art.entities if e.actor}
    for ev in art.events:
        for ref in (ev.source, ev.target):
            if ref is not None and ref.code:
                codes.add(ref.code)
    return codes


@dataclass(frozen=True)
class PlvRow:
    sentence: str
    source: str
    target: str
    root: str
    quad: int
    s_span: tuple[int, int]
    t_span: tuple[int, int]


def read_plv(path: Path) -> list[PlvRow]:
    """Rows of PLV_train.tsv with the marked spans turned into offsets in the sentence."""
    out = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            marked = row["marked_sentence"]
            plain, spans = _unmark(marked)
            if "s" not in spans or "t" not in spans:
                continue
            out.append(PlvRow(plain, row["source"], row["target"], row["gold_root"],
                              int(row["gold_penta"]), spans["s"], spans["t"]))
    return out


def _unmark(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    text = ""
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    for piece in re.split(r"(</?[st]>)", marked):
        m = re.match(r"<(/?)([st])>", piece)
        if m:
            if m.group(1):
                spans[m.group(2)] = (opened.get(m.group(2), len(text)), len(text))
            else:
                opened[m.group(2)] = len(text)
        else:
            text += piece
    return text, spans


def _overlap(a: tuple[int, int] | None, b: tuple[int, int]) -> float:
    if a is None:
        return 0.0
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def plv_root(ev: Event) -> str | None:
    if ev.plover is None:
        return None
    return _PLV_ROOT.get(ev.plover.type, ev.plover.type)


def evaluate_plv(engine: Engine, path: Path, limit: int | None = None) -> dict[str, Any]:
    """PLOVER root accuracy / macro-F1 and quad accuracy on PLV_train.tsv."""
    rows = read_plv(path)[:limit]
    arts = list(engine.process(RawInput(text=r.sentence, format="text", id=str(i))
                               for i, r in enumerate(rows)))
    right = quad_right = covered = 0
    conf: Counter[tuple[str, str]] = Counter()
    spans_coded = spans_country = 0
    for row, art in zip(rows, arts, strict=True):
        for span in (row.s_span, row.t_span):
            code = _code_for_span(art, span)
            spans_coded += code is not None
            spans_country += code is not None and not code.startswith(("IGO", "NGO", "IMG", "MNC"))
        best, score = None, 0.0
        for ev in art.events:
            if plv_root(ev) is None:
                continue
            s = _overlap(ev.source.span if ev.source else None, row.s_span) + _overlap(
                ev.target.span if ev.target else None, row.t_span)
            # An event the coder itself marks as not having happened (negated, hypothetical,
            # denied) is a weaker reading of what the sentence reports than one it asserts.
            s += 0.3 * (not ev.negated and ev.modality in ("asserted", "intended", "alleged"))
            s += 0.01 * ev.confidence  # tie-break
            if s > score:
                best, score = ev, s
        pred = plv_root(best) if best is not None else "NONE"
        covered += best is not None
        conf[(row.root, pred or "NONE")] += 1
        right += pred == row.root
        quad_right += best is not None and best.cameo.quad == row.quad
    n = len(rows)
    f1s = []
    for label in PLV_ROOTS:
        tp = conf[(label, label)]
        fp = sum(v for (g, p), v in conf.items() if p == label and g != label)
        fn = sum(v for (g, p), v in conf.items() if g == label and p != label)
        f1s.append(_prf(tp, fp, fn)["f1"])
    return {
        "pairs": n,
        "accuracy": round(right / n, 4) if n else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4),
        "quad_accuracy": round(quad_right / n, 4) if n else 0.0,
        "coverage": round(covered / n, 4) if n else 0.0,
        "per_root_f1": dict(zip(PLV_ROOTS, f1s, strict=True)),
        # PLV marks actor spans but gives no codes: the share we code at all (coverage).
        "actor_spans_coded": round(spans_coded / (2 * n), 4) if n else 0.0,
        "actor_spans_with_country": round(spans_country / (2 * n), 4) if n else 0.0,
    }


def _code_for_span(art: Article, span: tuple[int, int]) -> str | None:
    best, score = None, 0.0
    for e in art.entities:
        if e.actor is None:
            continue
        for m in e.mentions:
            s = _overlap(m, span)
            if s > score:
                best, score = e.actor.code, s
    for ev in art.events:
        for ref in (ev.source, ev.target):
            if ref is not None and ref.code:
                s = _overlap(ref.span, span)
                if s > score:
                    best, score = ref.code, s
    return best if score > 0 else None
