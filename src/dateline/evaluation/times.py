"""Time-expression evaluation on the MEANTIME English corpus (read at run time, never copied).

MEANTIME (NewsReader, CC BY 4.0) ships CAT XML: ``<token t_id sentence>`` elements, then
``<Markables>`` with ``<TIMEX3 type value functionInDocument>`` markables anchored to tokens.
The document creation time (DCT) is the TIMEX3 with ``functionInDocument="CREATION_TIME"``.
The text is rebuilt from the tokens (one line per sentence, light detokenisation), the DCT
is given as the publication date, and the articles go straight to the pipeline's stages
(no cleaning, so offsets stay aligned with the rebuilt text). One DCT value is written
DD-MM-YYYY and two documents lack the CREATION_TIME markable; those take the date line that
every Wikinews document carries as sentence 1 ("March 01, 2008").

MEANTIME marks time expressions only in the first sentences of each document (title, DCT
line and four body sentences, sentence numbers 0-5; no TIMEX3 lies beyond), so only
predictions starting in that region are scored (``ANNOTATED_SENTENCES``).

Scores (the DCT markable and predictions overlapping it are left out):

* strict span P/R/F1: predicted span equals a gold span;
* relaxed span P/R/F1: spans overlap (one-to-one);
* value accuracy (and type accuracy) over relaxed-matched pairs;
* value F1: a prediction counts when it overlaps a gold span and the values are equal.

Run it as ``python -m dateline.evaluation.times [MEANTIME_DIR] [--errors] [--full-text]``.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dateline.model import Article, Published, Span, TimeRef

logger = logging.getLogger(__name__)

DEFAULT_ROOT = Path(__file__).resolve().parents[4] / "shared" / "eval" / "time" / "meantime_en"

# Tokens written without a space before / after them when the text is rebuilt.
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'re",
                              "'ve", "n't", "'ll", "'d", "'m", "''", "”", "’", "...", "'S"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "US$", "CA$", "A$", "£", "€", "#", "``", "“",
                             "‘"})
_QUOTES = {"``": '"', "''": '"'}
# Sentences 0..5 carry MEANTIME's TIMEX3 layer; a later gold TIMEX3 widens the region.
ANNOTATED_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One gold TIMEX3 markable: character span into the rebuilt text, type and value."""

    text: str
    span: Span
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class MeantimeDoc:
    """One MEANTIME document: rebuilt text, DCT and gold time expressions (DCT excluded)."""

    doc_id: str
    text: str
    dct: str | None
    dct_span: Span | None
    gold: tuple[GoldTimex, ...]
    scored_end: int  # predictions starting at or after this offset are not scored


def rebuild_text(tokens: Sequence[tuple[int, str]]) -> tuple[str, list[Span]]:
    """Join (sentence, token) pairs into text, one line per sentence.

    Args:
        tokens: (sentence number, token text) in document order.

    Returns:
        The text and each token's (start, end) character span in it.
    """
    parts: list[str] = []
    spans: list[Span] = []
    pos = 0
    prev_sent: int | None = None
    prev_tok = ""
    open_quote = False
    for sent, raw in tokens:
        tok = _QUOTES.get(raw, raw)
        glue = raw in _NO_SPACE_BEFORE or prev_tok in _NO_SPACE_AFTER
        if raw == '"':
            glue = glue or open_quote  # a closing quote hugs the word before it
        if prev_tok == '"' and open_quote:
            glue = True  # the word after an opening quote hugs it
        if prev_sent is None:
            sep = ""
        elif sent != prev_sent:
            sep = "\n"
            open_quote = False
        else:
            sep = "" if glue else " "
        if raw == '"':
            open_quote = not open_quote
        parts.append(sep)
        pos += len(sep)
        parts.append(tok)
        spans.append((pos, pos + len(tok)))
        pos += len(tok)
        prev_sent, prev_tok = sent, raw
    return "".join(parts), spans


def read_meantime_file(path: Path) -> MeantimeDoc:
    """Parse one CAT XML file into a MeantimeDoc."""
    root = ET.parse(path).getroot()
    toks = [(int(t.get("sentence", "0")), t.get("t_id", ""), t.text or "")
            for t in root.iter("token")]
    text, spans = rebuild_text([(s, w) for s, _, w in toks])
    where = {tid: spans[k] for k, (_, tid, _) in enumerate(toks)}
    gold: list[GoldTimex] = []
    dct: str | None = None
    dct_span: Span | None = None
    for m in root.iter("TIMEX3"):
        ids = [a.get("t_id", "") for a in m.iter("token_anchor")]
        anchored = [where[i] for i in ids if i in where]
        value, kind = m.get("value", ""), m.get("type", "")
        if m.get("functionInDocument") == "CREATION_TIME":
            dct = _iso_date(value)
            if anchored:
                dct_span = (min(a for a, _ in anchored), max(b for _, b in anchored))
            continue
        if not anchored:
            continue  # an empty (non-textual) TIMEX3
        span = (min(a for a, _ in anchored), max(b for _, b in anchored))
        gold.append(GoldTimex(text[span[0]:span[1]], span, kind, value))
    if dct is None:
        dct = _dateline(toks)
    gold.sort(key=lambda g: g.span)
    last = max([ANNOTATED_SENTENCES - 1] + [_sentence_at(toks, spans, g.span[0]) for g in gold])
    scored_end = max([b for (s, _, _), (_, b) in zip(toks, spans, strict=True) if s <= last],
                     default=0)
    return MeantimeDoc(root.get("doc_id", path.stem), text, dct, dct_span, tuple(gold),
                       scored_end)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")


def _iso_date(value: str) -> str | None:
    """YYYY-MM-DD from a DCT value; one MEANTIME DCT is written DD-MM-YYYY."""
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
        return m.group(0)
    if m := re.match(r"^(\d{2})-(\d{2})-(\d{4})$", value):
        return f"{m[3]}-{m[2]}-{m[1]}"
    return None


def _dateline(toks: Sequence[tuple[int, str, str]]) -> str | None:
    """The DCT of a document without a CREATION_TIME markable: its "Month DD, YYYY" line.

    Wikinews articles (and so MEANTIME documents) carry the publication date as sentence 1.
    """
    words = [w for s, _, w in toks if s == 1 and w != ","]
    if len(words) == 3 and words[0].lower() in _MONTHS and words[1].isdigit() and \
            re.fullmatch(r"\d{4}", words[2]):
        return f"{words[2]}-{_MONTHS.index(words[0].lower()) + 1:02d}-{int(words[1]):02d}"
    return None


def _sentence_at(toks: Sequence[tuple[int, str, str]], spans: Sequence[Span], char: int) -> int:
    for (sent, _, _), (a, b) in zip(toks, spans, strict=True):
        if a <= char < b:
            return sent
    return 0


def read_meantime(root: Path) -> list[MeantimeDoc]:
    """Every English document under ``root``, one copy each (the cross-doc copy preferred)."""
    files = sorted(root.rglob("*.xml"), key=lambda p: ("intra_cross-doc" not in str(p), str(p)))
    seen: set[str] = set()
    docs: list[MeantimeDoc] = []
    for path in files:
        if path.name in seen:
            continue
        seen.add(path.name)
        docs.append(read_meantime_file(path))
    docs.sort(key=lambda d: d.doc_id)
    return docs


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _match(gold: Sequence[GoldTimex], pred: Sequence[TimeRef],
           ok: Any) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) satisfying ``ok``, best overlap first."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if ok(g, p):
                inter = min(g.span[1], p.span[1]) - max(g.span[0], p.span[0])
                cands.append((-inter, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def scored_predictions(doc: MeantimeDoc, times: Iterable[TimeRef]) -> list[TimeRef]:
    """Predictions that are scored: in the annotated region and not on the DCT markable."""
    return [t for t in times if t.span[0] < doc.scored_end
            and (doc.dct_span is None or not _overlaps(t.span, doc.dct_span))]


def score_times(docs: Sequence[MeantimeDoc],
                predicted: Sequence[Sequence[TimeRef]]) -> dict[str, Any]:
    """Score predictions against the gold markables.

    Args:
        docs: the documents.
        predicted: for each document, the predicted time expressions.

    Returns:
        strict / relaxed span P/R/F1, value and type accuracy on relaxed matches, value
        P/R/F1, counts, and ``errors``: per-document misses, false alarms and wrong values.
    """
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = value_tp = 0
    errors: list[dict[str, Any]] = []
    for doc, times in zip(docs, predicted, strict=True):
        pred = scored_predictions(doc, times)
        gold = doc.gold
        n_gold += len(gold)
        n_pred += len(pred)
        strict += len(_match(gold, pred, lambda g, p: g.span == p.span))
        pairs = _match(gold, pred, lambda g, p: _overlaps(g.span, p.span))
        relaxed += len(pairs)
        value_ok += sum(gold[gi].value == pred[pi].value for gi, pi in pairs)
        type_ok += sum(gold[gi].type == pred[pi].type for gi, pi in pairs)
        value_tp += len(_match(gold, pred, lambda g, p: _overlaps(g.span, p.span)
                               and g.value == p.value))
        errors.extend(_doc_errors(doc, gold, pred, pairs))
    return {
        "documents": len(docs),
        "gold": n_gold,
        "predicted": n_pred,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": _prf(relaxed, n_pred, n_gold),
        "value_accuracy": round(value_ok / relaxed, 4) if relaxed else 0.0,
        "type_accuracy": round(type_ok / relaxed, 4) if relaxed else 0.0,
        "value": _prf(value_tp, n_pred, n_gold),
        "errors": errors,
    }


def _doc_errors(doc: MeantimeDoc, gold: Sequence[GoldTimex], pred: Sequence[TimeRef],
                pairs: Sequence[tuple[int, int]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            out.append({"doc": doc.doc_id, "kind": "missed", "gold": g.text, "value": g.value,
                        "context": _context(doc.text, g.span)})
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            out.append({"doc": doc.doc_id, "kind": "spurious", "pred": p.text, "value": p.value,
                        "context": _context(doc.text, p.span)})
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        if g.value != p.value or g.span != p.span:
            out.append({"doc": doc.doc_id, "kind": "value" if g.value != p.value else "span",
                        "gold": g.text, "gold_value": g.value, "pred": p.text,
                        "pred_value": p.value, "dct": doc.dct,
                        "context": _context(doc.text, g.span)})
    return out


def _context(text: str, span: Span, width: int = 60) -> str:
    a, b = span
    return (text[max(0, a - width):a] + "[[" + text[a:b] + "]]" + text[b:b + width]).replace(
        "\n", " / ")


def evaluate_meantime(engine_or_pipeline: Any, root: Path = DEFAULT_ROOT,
                      limit: int | None = None, full_text: bool = False) -> dict[str, Any]:
    """Run a pipeline over MEANTIME English and score its ``times``.

    Args:
        engine_or_pipeline: a ``Pipeline`` (e.g. ``Pipeline(stages=[nlp.STAGE, times.STAGE])``)
            or an ``Engine`` (its pipeline is used).
        root: the meantime_en folder (its CAT XML files are found recursively).
        limit: score only the first ``limit`` documents (for quick runs).
        full_text: process whole documents, not just their annotated first sentences (slower;
            the scores differ only where the parser's context changes a parse).

    Returns:
        The scores (see ``score_times``); ``{"skipped": reason}`` when the data is absent.
    """
    root = Path(root)
    if not root.is_dir() or not any(root.rglob("*.xml")):
        reason = f"MEANTIME data not found at {root}; nothing evaluated"
        logger.warning("%s", reason)
        return {"skipped": reason}
    pipeline = getattr(engine_or_pipeline, "pipeline", engine_or_pipeline)
    docs = read_meantime(root)[:limit]
    # Only the annotated region is processed: later sentences carry no gold TIMEX3, and the
    # stage reads a sentence's anchors from earlier text only. This halves the parsing time.
    arts = [Article(id=d.doc_id, text=d.text if full_text else d.text[:d.scored_end],
                    published=Published(d.dct, "given" if d.dct else "none"))
            for d in docs]
    done = pipeline.run_articles(arts)
    for art in done:
        if art.skip is not None:
            logger.warning("MEANTIME %s skipped: %s", art.id, art.skip.reason)
    result = score_times(docs, [a.times for a in done])
    result["by_type"] = dict(Counter(g.type for d in docs for g in d.gold))
    return result


def _main(argv: Sequence[str]) -> int:
    """``python -m dateline.evaluation.times [DIR] [--errors] [--sm] [--full-text]``: JSON."""
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings
    from dateline.stages import nlp, times

    args = [a for a in argv if not a.startswith("--")]
    settings = Settings.load(spacy_model="sm") if "--sm" in argv else Settings.load()
    pipe = Pipeline(stages=[nlp.STAGE, times.STAGE], settings=settings)
    result = evaluate_meantime(pipe, Path(args[0]) if args else DEFAULT_ROOT,
                               full_text="--full-text" in argv)
    if "skipped" in result:
        return 0  # the reason was logged as a warning
    if "--errors" not in argv:
        result.pop("errors", None)
    sys.stdout.write(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
