"""Quote evaluation on GUM's Wikinews documents (read at run time from ../shared, never copied).

Gold data: ``xml/GUM_{news,interview}_*.xml`` (token-per-line TEI: word, PTB tag, lemma, CLAWS,
UPOS, deprel, morph) and ``coref/gum/conll/*.conll`` (coreference brackets, one line per token).

What is gold:

* **Content.** ``<quote>`` elements are the gold quotations: in GUM (as in TEI) ``<quote>``
  marks "a passage attributed to some agency external to the text". ``<q>`` marks text set
  off by quotation marks for any reason (scare quotes, terms, nicknames, headline titles, and
  now and then a short quoted phrase), which dateline by design does not report as speech.
  So a prediction that lands on a ``<q>`` span is neither a hit nor a false positive, and an
  unfound ``<q>`` is not a miss. Gold spans drop their outer quotation marks.
* **Speaker.** GUM has no speaker layer, so the gold speaker is derived from gold annotation
  only: the attribution clause is the sentence holding the quote (or, for a quote that fills
  whole sentences, the nearest sentence before or after with a speech-verb lemma outside any
  quote), its speaker is the gold-``nsubj`` (or the ``according to`` object) person or
  organisation mention, and the speaker's identity is that mention's coreference chain. A quote
  that continues the previous quote's paragraph without an attribution of its own inherits its
  speaker. Quotes for which no such speaker is found are left out of speaker accuracy.

Documents: only documents with quotation annotation (at least one ``<quote>``) are scored by
default. About half of the Wikinews files carry no ``<quote>`` at all although they are full of
quoted speech (GUM_news_warhol has some twenty attributed quotes and no tag), so scoring them
would count correct quotes as false positives. ``all_docs=True`` scores every file as well.

Matching (coverage, robust to granularity: GUM sometimes splits one quotation into a
``<quote>`` per sentence and sometimes keeps an attribution inside one): a gold quote is
found when predicted direct/partial quotes cover at least 50 % of its characters (recall);
a predicted quote is right when gold quotes cover at least 50 % of it (precision), neutral when
``<q>`` spans do. Indirect quotes are not scored (GUM marks no indirect speech). A found quote's
speaker is judged on the predicted quote overlapping it most: right when the predicted speaker
entity's mentions (or, with no entity, the speaker words nearest the quote) overlap a mention of
the gold chain, or when the speaker text equals, or is the head-final part of, a chain mention.

Text: the token-per-line files are detokenized (PTB quote tags tell opening from closing marks),
paragraphs (``<p>``, ``<head>``, ``<caption>``, ``<item>``, ``<sp>`` turns) are separated by
blank lines.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dateline.model import Article, Span, content_id

# Gold lemmas of attribution verbs and nouns (for deriving the gold speaker only).
_SPEECH_LEMMAS = frozenset(
    ["say", "tell", "add", "state", "explain", "note", "claim", "write", "argue", "insist", "warn", "announce", "report", "describe", "call", "characterize", "comment", "conclude", "continue", "confirm", "deny", "declare", "recall", "reply", "respond", "suggest", "think", "believe", "agree", "admit", "acknowledge", "ask", "quote", "urge", "hope", "allege", "assert", "maintain", "point", "stress", "tweet", "post", "reason", "observe", "remark", "word", "read"]
)
_PARA_TAGS = frozenset({"p", "head", "caption", "item", "sp", "l"})
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%") | {"...", "n't", "'s", "’s", "'re", "'ve", "'ll",
                                              "'d", "'m", "’re", "’ve", "’ll", "’d", "’m", "'"}
_NO_SPACE_AFTER = frozenset("([{$#@")
_QUOTE_CHARS = frozenset("\"'“”‘’«»`")


@dataclass
class GoldToken:
    text: str
    tag: str
    lemma: str
    upos: str
    deprel: str
    start: int = 0
    end: int = 0
    sent: int = 0


@dataclass
class GoldQuote:
    kind: str  # quote | q
    span: Span
    tok_start: int
    tok_end: int  # exclusive
    paragraph: int
    chain: int | None = None  # gold speaker: a coreference chain id
    chain_how: str = ""


@dataclass
class GoldDoc:
    name: str
    text: str
    tokens: list[GoldToken]
    quotes: list[GoldQuote]
    sentences: list[tuple[int, int]]  # token ranges
    paragraphs: list[tuple[int, int]]  # token ranges
    chains: dict[int, list[Span]] = field(default_factory=dict)
    chain_type: dict[int, str] = field(default_factory=dict)
    tok_chains: list[list[int]] = field(default_factory=list)  # chains covering each token
    mention_starts: dict[int, list[tuple[int, int]]] = field(default_factory=dict)


# --------------------------------------------------------------------------- reading GUM


def _join(tokens: list[GoldToken], glue: list[bool], para_break: set[int]) -> str:
    """Detokenize: set each token's start/end and return the text."""
    parts: list[str] = []
    pos = 0
    prev: GoldToken | None = None
    for i, tok in enumerate(tokens):
        if prev is not None:
            if i in para_break:
                sep = "\n\n"
            elif glue[i] or _no_space(prev, tok):
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        tok.start, tok.end = pos, pos + len(tok.text)
        parts.append(tok.text)
        pos = tok.end
        prev = tok
    return "".join(parts)


def _no_space(prev: GoldToken, tok: GoldToken) -> bool:
    if tok.tag == "''" or (tok.text in _NO_SPACE_BEFORE and tok.tag != "``"):
        return True
    if prev.tag == "``" or prev.text in _NO_SPACE_AFTER:
        return True
    if tok.tag == "POS" or tok.tag == "HYPH" or prev.tag == "HYPH":
        return True
    return bool(tok.text.lower() in ("n't", "n’t") or tok.upos in ("AUX", "PART", "PRON") and tok.text[:1] in ("'", "’"))


def read_gum_doc(xml_path: Path, conll_path: Path | None) -> GoldDoc:
    """Read one GUM document: text, tokens, gold quotes and coreference chains."""
    tokens: list[GoldToken] = []
    glue: list[bool] = []
    para_break: set[int] = set()
    sentences: list[tuple[int, int]] = []
    paragraphs: list[tuple[int, int]] = []
    open_quotes: list[tuple[str, int]] = []
    raw_quotes: list[tuple[str, int, int]] = []
    in_word = 0
    word_first = False
    sent_start = para_start = 0
    para_depth = 0
    for line in xml_path.read_text("utf-8").split("\n"):
        if not line:
            continue
        if line.startswith("<"):
            m = re.match(r"<(/?)([a-z]+)\b", line)
            if not m:
                continue
            closing, tag = m.group(1) == "/", m.group(2)
            if tag in ("q", "quote"):
                if closing:
                    kind, start = open_quotes.pop()
                    raw_quotes.append((kind, start, len(tokens)))
                else:
                    open_quotes.append((tag, len(tokens)))
            elif tag == "w":
                in_word = 0 if closing else 1
                word_first = not closing
            elif tag == "s":
                if closing:
                    sentences.append((sent_start, len(tokens)))
                else:
                    sent_start = len(tokens)
            elif tag in _PARA_TAGS:
                if closing:
                    para_depth -= 1
                    if para_depth == 0 and len(tokens) > para_start:
                        paragraphs.append((para_start, len(tokens)))
                else:
                    if para_depth == 0:
                        para_start = len(tokens)
                        if tokens:
                            para_break.add(len(tokens))
                    para_depth += 1
            continue
        cols = line.split("\t")
        if len(cols) < 6:
            continue
        tokens.append(GoldToken(cols[0], cols[1], cols[2], cols[4], cols[5],
                                sent=len(sentences)))
        glue.append(bool(in_word) and not word_first)
        word_first = False
    text = _join(tokens, glue, para_break)
    para_of = [0] * len(tokens)
    for k, (a, b) in enumerate(paragraphs):
        for i in range(a, b):
            para_of[i] = k
    quotes = []
    for kind, a, b in raw_quotes:
        while a < b and (tokens[a].text in _QUOTE_CHARS or tokens[a].tag in ("``", "''")):
            a += 1
        while b > a and (tokens[b - 1].text in _QUOTE_CHARS or tokens[b - 1].tag in ("``", "''")
                         or tokens[b - 1].upos == "PUNCT" and tokens[b - 1].text in ",;:"):
            b -= 1
        if a < b:
            quotes.append(GoldQuote(kind, (tokens[a].start, tokens[b - 1].end), a, b, para_of[a]))
    quotes.sort(key=lambda q: q.span)
    doc = GoldDoc(xml_path.stem, text, tokens, quotes, sentences, paragraphs)
    if conll_path is not None and conll_path.is_file():
        _read_coref(doc, conll_path)
    _gold_speakers(doc)
    return doc


def _read_coref(doc: GoldDoc, path: Path) -> None:
    rows = [ln.split("\t") for ln in path.read_text("utf-8").split("\n")
            if ln and not ln.startswith("#")]
    if len(rows) != len(doc.tokens):
        return  # misaligned: no speakers for this document
    doc.tok_chains = [[] for _ in doc.tokens]
    stack: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        for opens, name, closes in _coref_items(row[2] if len(row) > 2 else "_"):
            m = re.match(r"([a-z]+)-(\d+)", name)
            if not m:
                continue
            cid = int(m.group(2))
            doc.chain_type[cid] = m.group(1)
            if opens:
                stack.setdefault(cid, []).append(i)
            if closes and stack.get(cid):
                a = stack[cid].pop()
                doc.chains.setdefault(cid, []).append((doc.tokens[a].start, doc.tokens[i].end))
                doc.mention_starts.setdefault(cid, []).append((a, i + 1))
                for k in range(a, i + 1):
                    doc.tok_chains[k].append(cid)


def _coref_items(field_: str) -> list[tuple[bool, str, bool]]:
    """'(event-2(place-3-Mecca' -> [(open, 'event-2', no close), (open, 'place-3-Mecca', ...)]."""
    out = []
    i = 0
    while i < len(field_) and field_ != "_":
        opens = field_[i] == "("
        if opens:
            i += 1
        j = i
        while j < len(field_) and field_[j] not in "()":
            j += 1
        closes = j < len(field_) and field_[j] == ")"
        out.append((opens, field_[i:j], closes))
        i = j + 1 if closes else j
    return out


def _sent_of_tok(doc: GoldDoc) -> list[int]:
    out = [0] * len(doc.tokens)
    for k, (a, b) in enumerate(doc.sentences):
        for i in range(a, b):
            out[i] = k
    return out


def _chain_at(doc: GoldDoc, i: int) -> int | None:
    """The innermost person/organisation chain covering token i."""
    cands = [c for c in doc.tok_chains[i] if doc.chain_type.get(c) in ("person", "organization")]
    if not cands:
        return None
    return min(cands, key=lambda c: min(e - s for s, e in doc.mention_starts[c] if s <= i < e))


def _quoted_tokens(doc: GoldDoc) -> set[int]:
    """Tokens inside a gold quote's quotation marks (an attribution inside a <quote> is not)."""
    out: set[int] = set()
    for q in doc.quotes:
        if q.kind != "quote":
            continue
        inside = True
        for i in range(q.tok_start, q.tok_end):
            tag = doc.tokens[i].tag
            if tag == "''":
                inside = False
            elif tag == "``":
                inside = True
            elif inside:
                out.add(i)
    return out


def _after_phrase(doc: GoldDoc, a: int, b: int, inside: set[int]) -> int | None:
    """'according to X', 'in the words of X', 'attributed to X': the chain of X."""
    toks = doc.tokens
    for i in range(a, b - 2):
        if i in inside:
            continue
        lem, nxt = toks[i].lemma.lower(), toks[i + 1].lemma.lower()
        if (lem, nxt) in (("accord", "to"), ("word", "of"), ("attribute", "to")):
            for j in range(i + 2, min(b, i + 6)):
                cid = _chain_at(doc, j)
                if cid is not None:
                    return cid
    return None


def _speaker_in(doc: GoldDoc, a: int, b: int, inside: set[int], q: GoldQuote) -> int | None:
    """The gold speaker chain of an attribution in token range [a, b), if any."""
    if not doc.tok_chains:
        return None
    toks = doc.tokens
    cid = _after_phrase(doc, a, b, inside)
    if cid is not None:
        return cid
    verbs = [i for i in range(a, b) if i not in inside and toks[i].upos in ("VERB", "NOUN")
             and toks[i].lemma.lower() in _SPEECH_LEMMAS]
    verbs.sort(key=lambda i: min(abs(i - q.tok_start), abs(i - q.tok_end)))
    for v in verbs:
        subj = [i for i in range(a, b) if i not in inside and toks[i].deprel.startswith("nsubj")
                and _chain_at(doc, i) is not None]
        if subj:
            return _chain_at(doc, min(subj, key=lambda i: abs(i - v)))
    before = q.tok_start - 1
    while before >= a and toks[before].tag in ("``", "''"):
        before -= 1
    if before >= a and toks[before].text == ":":  # Sunak defended ...: "..."
        subj = [i for i in range(a, before) if toks[i].deprel.startswith("nsubj")
                and _chain_at(doc, i) is not None]
        if subj:
            return _chain_at(doc, subj[0])
    return None


def _has_speech_verb(doc: GoldDoc, a: int, b: int, inside: set[int]) -> bool:
    return any(i not in inside and doc.tokens[i].upos == "VERB"
               and doc.tokens[i].lemma.lower() in _SPEECH_LEMMAS for i in range(a, b))


def _byline(doc: GoldDoc, q: GoldQuote, para_end: int) -> int | None:
    """A pull quote signed after it in its paragraph: '"..." — Rick Santorum'."""
    j = q.tok_end
    while j < para_end and doc.tokens[j].upos == "PUNCT":
        j += 1
    if j < para_end and doc.tok_chains and not any(
        doc.tokens[k].upos in ("VERB", "AUX") for k in range(j, min(para_end, j + 4))
    ):
        cid = _chain_at(doc, j)
        if cid is not None and doc.chain_type.get(cid) == "person":
            return cid
    return None


def _gold_speakers(doc: GoldDoc) -> None:
    sent_of = _sent_of_tok(doc)
    inside = _quoted_tokens(doc)
    prev: GoldQuote | None = None
    for q in doc.quotes:
        if q.kind != "quote":
            continue
        s0, s1 = sent_of[q.tok_start], sent_of[q.tok_end - 1]
        pa, pb = doc.paragraphs[q.paragraph] if doc.paragraphs else (0, len(doc.tokens))
        a, b = doc.sentences[s0][0], doc.sentences[s1][1]
        cid = _speaker_in(doc, a, b, inside, q)
        how = "own"
        if cid is None and _has_speech_verb(doc, a, b, inside):
            q.chain, q.chain_how = None, ""  # attributed, but not to a person/organisation
            prev = q
            continue
        if cid is None:
            cid, how = _byline(doc, q, pb), "byline"
        if cid is None:
            nxt = q.tok_end
            closed = nxt < len(doc.tokens) and doc.tokens[nxt].tag == "''"
            order = (s0 - 1, s1 + 1) if closed else (s1 + 1, s1 + 2, s1 + 3, s0 - 1)
            for k in order:
                if not 0 <= k < len(doc.sentences):
                    continue
                ka, kb = doc.sentences[k]
                same_para = pa <= ka < pb
                ends_colon = doc.tokens[kb - 1].text == ":"
                if same_para or (k < s0 and ends_colon):
                    cid, how = _speaker_in(doc, ka, kb, inside, q), "adjacent"
                    if cid is not None:
                        break
        if cid is None and prev is not None and prev.chain is not None and (
            q.paragraph - prev.paragraph <= 1
        ):
            cid, how = prev.chain, "continued"
        q.chain, q.chain_how = (cid, how) if cid is not None else (None, "")
        prev = q


def iter_gum(root: Path) -> Iterable[GoldDoc]:
    """Every Wikinews document under ``root`` (the gum_wikinews folder)."""
    for xml in sorted((root / "xml").glob("GUM_*.xml")):
        yield read_gum_doc(xml, root / "coref" / "gum" / "conll" / (xml.stem + ".conll"))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class PredQuote:
    """A predicted quote reduced to what scoring needs."""

    span: Span
    speaker_spans: tuple[Span, ...]  # the speaker entity's mentions, or the speaker words
    speaker_text: str | None


def _overlap(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter / max(a[1] - a[0], b[1] - b[0], 1) if inter > 0 else 0.0


def _norm(s: str) -> str:
    s = re.sub(r"^(?:the|a|an)\s+", "", s.strip().lower())
    return re.sub(r"(?:'s|’s)$", "", s).strip(" ,.")


def speaker_right(doc: GoldDoc, gold: GoldQuote, pred: PredQuote) -> bool:
    """The predicted speaker overlaps a mention of the gold chain, or names it."""
    if gold.chain is None:
        return False
    mentions = doc.chains.get(gold.chain, [])
    if any(s < me and ms < e for s, e in pred.speaker_spans for ms, me in mentions):
        return True
    if not pred.speaker_text:
        return False
    p = _norm(pred.speaker_text)
    for ms, me in mentions:
        m = _norm(doc.text[ms:me])
        if len(p) >= 3 and len(m) >= 3 and (p == m or m.endswith(" " + p) or p.endswith(" " + m)):
            return True
    return False


def _covered(span: Span, others: Sequence[Span]) -> int:
    """Characters of ``span`` covered by the union of ``others``."""
    marks = sorted((max(s, span[0]), min(e, span[1])) for s, e in others
                   if s < span[1] and span[0] < e)
    total, reach = 0, span[0]
    for s, e in marks:
        s = max(s, reach)
        if e > s:
            total += e - s
            reach = e
    return total


def score_doc(doc: GoldDoc, preds: Sequence[PredQuote]) -> dict[str, int]:
    """Counts for one document: tp, fp, fn, neutral, speaker_n, speaker_ok.

    A gold quote is found when predicted quotes cover at least half of it; a predicted quote
    is right when gold quotes cover at least half of it, neutral when ``<q>`` spans do (so a
    quote split into sentences by one side and not the other still matches). The speaker of a
    found gold quote is judged on the predicted quote that overlaps it most.
    """
    golds = [g for g in doc.quotes if g.kind == "quote"]
    gold_spans = [g.span for g in golds]
    q_spans = [g.span for g in doc.quotes if g.kind == "q"]
    pred_spans = [p.span for p in preds]
    out = {"tp": 0, "fp": 0, "found": 0, "fn": 0, "neutral": 0, "speaker_n": 0,
           "speaker_ok": 0}
    for g in golds:
        if 2 * _covered(g.span, pred_spans) < g.span[1] - g.span[0]:
            out["fn"] += 1
            continue
        out["found"] += 1
        if g.chain is not None:
            best = max(preds, key=lambda p: min(p.span[1], g.span[1]) - max(p.span[0], g.span[0]))
            out["speaker_n"] += 1
            out["speaker_ok"] += speaker_right(doc, g, best)
    for p in preds:
        n = p.span[1] - p.span[0]
        if 2 * _covered(p.span, gold_spans) >= n:
            out["tp"] += 1
        elif 2 * _covered(p.span, q_spans) >= n:
            out["neutral"] += 1
        else:
            out["fp"] += 1
    return out


def _summary(tally: dict[str, int]) -> dict[str, Any]:
    tp, fp, fn, found = tally["tp"], tally["fp"], tally["fn"], tally["found"]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = found / (found + fn) if found + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    n = tally["speaker_n"]
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "speaker_accuracy": round(tally["speaker_ok"] / n, 4) if n else 0.0,
            **tally}


def _ours(article: Article) -> list[PredQuote]:
    ents = {e.id: e for e in article.entities}
    out = []
    for q in article.quotes:
        if q.kind == "indirect":
            continue
        spans: tuple[Span, ...] = ()
        if q.speaker and q.speaker in ents:
            spans = ents[q.speaker].mentions
        elif q.speaker_text:
            spans = _nearest(article.text, q.speaker_text, q.span)
        out.append(PredQuote(q.span, spans, q.speaker_text))
    return out


def _nearest(text: str, words: str, span: Span) -> tuple[Span, ...]:
    """The occurrence of ``words`` nearest to ``span`` (a quote's speaker words)."""
    hits = [m.start() for m in re.finditer(re.escape(words), text)]
    if not hits:
        return ()
    s = min(hits, key=lambda h: min(abs(h - span[0]), abs(h - span[1])))
    return ((s, s + len(words)),)


def _textacy_preds(nlp: Any, text: str) -> list[PredQuote] | None:
    from textacy.extract.triples import direct_quotations

    doc = nlp(text)
    out = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # textacy bails out on a document with an odd number of marks
        return None
    for dq in triples:
        a, b = dq.content.start_char, dq.content.end_char
        while a < b and (text[a] in "\"“”'‘’«» " or text[a].isspace()):
            a += 1
        while b > a and (text[b - 1] in "\"“”'‘’«», " or text[b - 1].isspace()):
            b -= 1
        spk = tuple((t.idx, t.idx + len(t.text)) for t in dq.speaker)
        out.append(PredQuote((a, b), spk, " ".join(t.text for t in dq.speaker) or None))
    return out


def evaluate_gum(pipeline: Any, root: Path | str, textacy: bool = True,
                 docs: Sequence[str] | None = None, all_docs: bool = False) -> dict[str, Any]:
    """Score dateline's quotes (and textacy's ``direct_quotations``) on GUM Wikinews.

    Args:
        pipeline: a ``dateline.pipeline.Pipeline`` whose stages include quotes.
        root: the gum_wikinews folder (``xml/`` and ``coref/``).
        textacy: also score textacy (skipped, with a reason, when it is not installed).
        docs: only these document names (GUM_news_crane ...); all when None.
        all_docs: also score the documents without quotation annotation (reported under
            ``dateline_all_docs`` / ``textacy_all_docs``).

    Returns:
        ``{"skipped": reason}`` when the data is absent, else counts and P/R/F1 and speaker
        accuracy for ``dateline`` (and ``textacy``), with seconds spent.
    """
    root = Path(root)
    if not (root / "xml").is_dir():
        return {"skipped": f"GUM data not found under {root}"}
    every = [g for g in iter_gum(root) if docs is None or g.name in docs]
    annotated = [g for g in every if any(q.kind == "quote" for q in g.quotes)]
    run_on = every if all_docs else annotated
    t0 = time.perf_counter()
    arts = pipeline.run_articles([Article(id=content_id(g.text), text=g.text) for g in run_on])
    seconds = time.perf_counter() - t0
    by_name = {g.name: _ours(a) for g, a in zip(run_on, arts, strict=True)}
    result: dict[str, Any] = {
        "docs": len(annotated),
        "gold_quotes": sum(1 for g in annotated for q in g.quotes if q.kind == "quote"),
        "gold_speakers": sum(1 for g in annotated for q in g.quotes
                             if q.kind == "quote" and q.chain is not None),
        "dateline": _tally(annotated, lambda g: by_name[g.name]),
        "dateline_seconds": round(seconds, 2),
    }
    if all_docs:
        result["dateline_all_docs"] = _tally(every, lambda g: by_name[g.name])
    if textacy:
        result.update(_score_textacy(annotated, every if all_docs else None))
    return result


def _tally(gold_docs: Sequence[GoldDoc],
           preds: Callable[[GoldDoc], list[PredQuote] | None]) -> dict[str, Any]:
    tally: dict[str, int] = {}
    bailed = 0
    for g in gold_docs:
        got = preds(g)
        if got is None:
            bailed += 1
            got = []
        for k, v in score_doc(g, got).items():
            tally[k] = tally.get(k, 0) + v
    out = _summary(tally)
    if bailed:
        out["docs_bailed_out"] = bailed
    return out


def _score_textacy(annotated: Sequence[GoldDoc],
                   every: Sequence[GoldDoc] | None) -> dict[str, Any]:
    try:
        import textacy  # noqa: F401
    except ImportError:
        return {"textacy": {"skipped": "textacy is not installed (pip install textacy)"}}
    import importlib.metadata

    from dateline.stages.nlp import load_spacy

    nlp = load_spacy("md")
    cache: dict[str, list[PredQuote] | None] = {}

    def preds(g: GoldDoc) -> list[PredQuote] | None:
        if g.name not in cache:
            cache[g.name] = _textacy_preds(nlp, g.text)
        return cache[g.name]

    version = importlib.metadata.version("textacy")
    out: dict[str, Any] = {"textacy": {**_tally(annotated, preds), "version": version}}
    if every is not None:
        out["textacy_all_docs"] = _tally(every, preds)
    return out
