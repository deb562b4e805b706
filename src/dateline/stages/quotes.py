"""Quotes: direct, partial and indirect speech, with the speaker resolved to an entity.

Quotation marks are found on the text (straight and curly double quotes, guillemets, PTB-style
``...'', and single quotes at top level), paragraph by paragraph, so that a quote running over
several paragraphs (each opening with a mark, only the last closing) yields one ``Quote`` per
paragraph with one speaker. A quoted stretch is speech when

* a speech or description verb governs it ("said", "described the visit as 'extremely
  positive'", "called it 'a disgrace'"), or
* it is clause-like (has a verb and at least three words) and is not a title.

Short quoted noun phrases that no speech verb governs (scare quotes such as "hot-button
issues") and quoted titles are not speech. Indirect speech is the clausal complement of a
reporting verb outside quotes ("X said that ...", "X told reporters ...") and the clause an
"according to X" phrase attaches to.

The speaker is the subject of the cue (climbing from "saying" to the verb it hangs on), or
the object of "according to" / "in the words of". Its entity is the cluster one of whose
mentions covers the subject's head token (the entities stage has already put pronouns and
descriptions such as "the senior State Department official" into clusters). A quote with no
cue of its own inherits the speaker of the quote it continues. Works on dateline's Token
records only; no spaCy here.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from dateline.errors import KBError
from dateline.kb import read_data
from dateline.model import Article, Entity, Quote, Span, Token
from dateline.pipeline import Context, StageSpec
from dateline.stages.tokens import TokenIndex

logger = logging.getLogger(__name__)

# Quote marks: opening -> the closing marks that end it.
_DOUBLE_OPEN = {"“": "”\"", "«": "»", "„": "“”\"", "``": "''\"”"}
_DOUBLE_CLOSE = frozenset({"”", "»", "''"})
_SINGLE_OPEN = {"‘": "’'", "'": "'’"}
_NONWORD = frozenset(" \t\n([{—–-/")
# Dependencies by which a quote hangs on its cue verb ("said 'no'", "called it 'a disgrace'").
_GOVERN_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "attr", "acomp", "parataxis",
                          "npadvmod", "dep", "advcl", "conj", "nsubj", "appos", "obj"})
_CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "ccomp", "pcomp", "prep"})
# A quoted predicate or subject of a reported clause ("say X is 'Y'", "said a 'Y' is needed");
# not its object, which is where scare quotes sit ("would discuss 'hot-button topics'").
_PREDICATE_DEPS = frozenset({"attr", "acomp", "nsubj", "nsubjpass"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_TITLE_CUES = frozenset({"titled", "entitled", "headlined", "named", "nicknamed", "hashtag",
                         "slogan", "motto", "banner", "headline", "book", "film", "song",
                         "album", "show", "series", "column", "article", "report", "novel",
                         "movie", "documentary", "campaign", "operation", "dubbed"})
_SMALL = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with", "from", "as", "is", "are"])
_PRON = frozenset({"PRON"})


@dataclass(frozen=True)
class SpeechLexicon:
    """Speech cues (speech_verbs.tsv): reporting, direct-only and description verbs, phrases."""

    say: frozenset[str]
    direct: frozenset[str]
    describe: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]

    def is_cue(self, lemma: str) -> bool:
        return lemma in self.say or lemma in self.direct or lemma in self.describe


@functools.lru_cache(maxsize=1)
def load_speech_verbs() -> SpeechLexicon:
    """The packaged speech-cue list, loaded once per process.

    Returns:
        The SpeechLexicon.

    Raises:
        KBError: when the file is missing or a group is empty.
    """
    text = read_data("speech_verbs.tsv")
    groups: dict[str, set[str]] = {"say": set(), "direct": set(), "describe": set(),
                                   "phrase": set()}
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or cols[1].strip() not in groups:
            logger.warning("speech_verbs.tsv:%s: bad line %r (skipped)", lineno, line)
            continue
        groups[cols[1].strip()].add(cols[0].strip().lower())
    if not groups["say"] or not groups["describe"]:
        raise KBError("speech_verbs.tsv has no 'say' or 'describe' cues; reinstall dateline")
    return SpeechLexicon(
        say=frozenset(groups["say"]), direct=frozenset(groups["direct"]),
        describe=frozenset(groups["describe"]),
        phrases=tuple(sorted((tuple(p.split()) for p in groups["phrase"]), key=len,
                             reverse=True)),
    )


# --------------------------------------------------------------------------- quote marks


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between quotation marks (marks excluded) within one paragraph."""

    start: int
    end: int
    closed: bool  # the paragraph has the closing mark
    continued: bool  # opens a paragraph that continues the previous paragraph's quote


def _opening_context(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before in _NONWORD or before in "\"“«‘'") and not after.isspace()


def _closing_context(text: str, i: int, width: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and not after.isalnum()


def find_quoted(text: str) -> list[QuotedSpan]:
    """Every top-level quoted stretch of ``text``, paragraph by paragraph.

    Args:
        text: the article body.

    Returns:
        QuotedSpans in text order; a quote running over paragraphs gives one per paragraph.
    """
    out: list[QuotedSpan] = []
    pos = 0
    carried = False  # the previous paragraph ended inside a quote
    for para in text.split("\n"):
        stripped = para.lstrip()
        if stripped:
            lead = len(para) - len(stripped)
            opens_with_mark = stripped[:1] in "\"“«„'‘" or stripped.startswith("``")
            spans, carried_out = _scan_paragraph(text, pos + lead, pos + len(para),
                                                 carried and opens_with_mark)
            out.extend(spans)
            carried = carried_out
        pos += len(para) + 1
    return out


@functools.lru_cache(maxsize=1)
def _mark_re() -> re.Pattern[str]:
    """Any character the scanner acts on (everything else it steps over)."""
    chars = set(_DOUBLE_OPEN) | set(_SINGLE_OPEN) | set(_DOUBLE_CLOSE) | {'"', "`", "'"}
    singles = "".join(sorted(c for c in chars if len(c) == 1))
    return re.compile("``|''|[" + re.escape(singles) + "]")


def _scan_paragraph(text: str, a: int, b: int, continued: bool) -> tuple[list[QuotedSpan], bool]:
    out: list[QuotedSpan] = []
    i = a
    open_at: int | None = None
    closers = ""
    first = True
    marks = _mark_re()
    while i < b:
        m = marks.search(text, i, b)
        if m is None:
            break
        i = m.start()
        two = text[i : i + 2]
        ch = text[i]
        mark, width = (two, 2) if two in ("``", "''") else (ch, 1)
        if open_at is None:
            if mark in _DOUBLE_OPEN or (mark == '"' and _opening_context(text, i, 1)):
                open_at, closers = i + width, _DOUBLE_OPEN.get(mark, "\"”")
                i += width
                continue
            if mark in _SINGLE_OPEN and _opening_context(text, i, 1):
                end = _single_close(text, i + 1, b, _SINGLE_OPEN[mark])
                if end is not None:
                    out.append(QuotedSpan(i + 1, end, True, False))
                    i = end + 1
                    first = False
                    continue
        elif (mark != '"' and (mark in closers or mark in _DOUBLE_CLOSE)) or (
            mark == '"' and (_closing_context(text, i, 1) or not _opening_context(text, i, 1))
        ):
            out.append(QuotedSpan(open_at, i, True, continued and first))
            open_at, first = None, False
            i += width
            continue
        elif mark == '"':  # opening context inside a quote: nested, or the first was stray
            inner = _next_closing(text, i + 1, b)
            if inner is not None and _next_closing(text, inner + 1, b) is not None:
                i = inner + 1  # '"... called "research", would it?"': a nested quote
                continue
            open_at = i + 1  # 'known as "Wild 2) ... "discover" the': the first mark was stray
        i += width
    if open_at is not None:
        end = b
        while end > open_at and text[end - 1].isspace():
            end -= 1
        if end > open_at:
            out.append(QuotedSpan(open_at, end, False, continued and first))
        return out, True
    return out, False


def _next_closing(text: str, i: int, b: int) -> int | None:
    while i < b:
        if text[i] in "\"”" and _closing_context(text, i, 1):
            return i
        i += 1
    return None


def _single_close(text: str, i: int, b: int, closers: str) -> int | None:
    """The closing single quote of a quote opened before ``i`` (not an apostrophe)."""
    while i < b:
        ch = text[i]
        if ch in closers and _closing_context(text, i, 1):
            return i if i > 0 else None
        if ch in "\"“”":
            return None
        i += 1
    return None


# --------------------------------------------------------------------------- the stage


@dataclass
class _Found:
    span: Span
    kind: str
    cue: int | None  # token index of the cue word
    cue_text: str | None
    continued: bool
    para: int
    sent: int
    signed: int | None = None  # the token of a name signing a pull quote ('" — Rick Santorum')


def extract_quotes(article: Article, lexicon: SpeechLexicon) -> Article:
    """Find the article's quotes and their speakers (see the module docstring).

    Args:
        article: an article with tokens (and entities, for speakers).
        lexicon: the speech cues.

    Returns:
        The article with ``quotes`` set.
    """
    if not article.tokens:
        return replace(article, quotes=())
    d = TokenIndex.build(article)
    found = _direct_quotes(article, d, lexicon)
    quoted_toks: set[int] = set()
    for f in found:
        quoted_toks.update(_toks_in(d, f.span))
    quotes = _with_speakers(article, d, lexicon, found)
    quotes += _indirect(article, d, lexicon, quoted_toks, [f.span for f in found])
    quotes.sort(key=lambda q: q.span)
    return replace(article, quotes=tuple(quotes))


def _toks_in(d: TokenIndex, span: Span) -> list[int]:
    a = d.tok_at(span[0])
    if a is None:
        a = next((t.i for t in d.toks if t.start >= span[0]), len(d.toks))
    out = []
    while a < len(d.toks) and d.toks[a].start < span[1]:
        if d.toks[a].end > span[0]:
            out.append(a)
        a += 1
    return out


def _trim_span(text: str, a: int, b: int, partial: bool) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ",;:" or
                     (partial and text[b - 1] == ".")):
        b -= 1
    return a, b


def _para_index(text: str, pos: int) -> int:
    return text.count("\n", 0, pos)


def _direct_quotes(art: Article, d: TokenIndex, lex: SpeechLexicon) -> list[_Found]:
    text = art.text
    spans = find_quoted(text)
    qtoks = [set(_toks_in(d, (s.start, s.end))) for s in spans]
    all_quoted = set().union(*qtoks) if qtoks else set()
    out: list[_Found] = []
    for s, toks in zip(spans, qtoks, strict=True):
        if not toks:
            continue
        ordered = sorted(toks)
        words = [d.toks[i] for i in ordered if d.toks[i].pos not in ("PUNCT", "SPACE")]
        if not words:
            continue
        # Clause-like: a finite verb ("a lasting halt" has a participle, and is a phrase).
        clause = len(words) >= 3 and any(t.tag in _FINITE for t in words)
        if _is_title(text, s, words):
            continue
        cue = _governing_cue(d, lex, ordered, toks, text)
        if cue is None and not clause and not s.continued:
            continue  # a scare quote or a quoted name
        if cue is None:
            cue = _nearby_cue(d, lex, ordered, all_quoted, text)
        signed = _signature(art, d, s) if cue is None else None
        partial = not clause or _embedded(text, s.start, words[0].text)
        a, b = _trim_span(text, s.start, s.end, partial)
        if a >= b:
            continue
        out.append(_Found((a, b), "partial" if partial else "direct", cue,
                          None if cue is None else _cue_text(d, lex, cue),
                          s.continued, _para_index(text, a), d.toks[ordered[0]].sent, signed))
    return out


def _signature(art: Article, d: TokenIndex, s: QuotedSpan) -> int | None:
    """A person's name right after a quote in its paragraph, with no verb: a signed quote."""
    text = art.text
    j = s.end
    while j < len(text) and text[j] in "\"”»' \t—–-,":
        j += 1
    i = d.tok_at(j)
    if i is None or "\n" in text[s.end:j] or d.toks[i].pos != "PROPN":
        return None
    _, hi = _paragraph_bounds(text, j)
    after = [t for t in d.toks[i : i + 6] if t.start < hi]
    if any(t.pos in ("VERB", "AUX") for t in after[:4]):
        return None
    for ent in art.entities:
        if ent.type == "PERSON" and any(a <= d.toks[i].start < b for a, b in ent.mentions):
            return i
    return None


def _is_title(text: str, s: QuotedSpan, words: Sequence[Token]) -> bool:
    """Quoted titles and names: "Title Case Words", or after 'titled', 'the book' ..."""
    prev = text[max(0, s.start - 30) : s.start - 1].split()
    if prev and prev[-1].lower().strip(",:") in _TITLE_CUES:
        return True
    content = [t.text for t in words if t.text[:1].isalpha() and t.text.lower() not in _SMALL]
    if len(content) >= 2 and all(w[:1].isupper() for w in content):
        # Title Case, unless it speaks in the first or second person.
        return not any(t.text.lower() in ("i", "we", "you") for t in words)
    return False


def _embedded(text: str, start: int, first_word: str) -> bool:
    """A lower-case quote opening in running text ('said the talks were "a waste of time"')."""
    if not first_word[:1].islower():
        return False
    j = start - 1
    while j >= 0 and text[j] in "\"“«„'‘` ":
        j -= 1
    return j >= 0 and text[j].isalnum()


def _cue_text(d: TokenIndex, lex: SpeechLexicon, i: int) -> str:
    end = _phrase_end(d, lex, i)
    if end is not None:
        return " ".join(d.toks[k].text.lower() for k in range(i, end + 1))
    # Phrasal particle ("pointed out") belongs to the cue.
    parts = [i] + [k for k in d.children[i] if d.toks[k].dep == "prt"]
    return " ".join(d.toks[k].text for k in sorted(parts))


def _is_cue_tok(d: TokenIndex, lex: SpeechLexicon, i: int, describe: bool = True,
                direct: bool = True) -> bool:
    t = d.toks[i]
    if t.pos not in ("VERB", "AUX") and t.tag not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return False
    lem = t.lemma.lower()
    return lem in lex.say or (direct and lem in lex.direct) or (describe and lem in lex.describe)


def _governing_cue(d: TokenIndex, lex: SpeechLexicon, ordered: list[int],
                   toks: set[int], text: str) -> int | None:
    """The speech/description verb the quote hangs on, if it hangs on one closely."""
    lo, hi = _paragraph_bounds(text, d.toks[ordered[0]].start)
    cue = _governing(d, lex, ordered, toks)
    return cue if cue is not None and lo <= d.toks[cue].start < hi else None


def _governing(d: TokenIndex, lex: SpeechLexicon, ordered: list[int],
               toks: set[int]) -> int | None:
    roots = [i for i in ordered if d.toks[i].head not in toks or d.toks[i].head == i]
    for r in roots:
        tok = d.toks[r]
        h = tok.head
        if h != r and h not in toks:
            if _is_cue_tok(d, lex, h) and tok.dep in _GOVERN_DEPS:
                return h
            ht = d.toks[h]
            if ht.text.lower() in ("as", "like") and ht.head != h and \
                    _is_cue_tok(d, lex, ht.head):
                return ht.head
            # "warned of 'grave consequences'", "call for 'urgent implementation'"
            if ht.text.lower() in ("of", "for", "about") and ht.head != h and \
                    _is_cue_tok(d, lex, ht.head, direct=False) and ht.head < r:
                return ht.head
            # "the authors say iodine deficiency is 'the sleeper health issue'"
            if tok.dep in _PREDICATE_DEPS and ht.dep == "ccomp" and ht.head != h and \
                    d.toks[ht.head].lemma.lower() in lex.say and \
                    d.toks[ht.head].pos == "VERB":
                return ht.head
            # "called it 'a disgrace'": the quote is a complement of the verb's object.
            if ht.dep in ("dobj", "obj") and tok.dep in ("oprd", "attr", "appos", "acomp") and \
                    _is_cue_tok(d, lex, ht.head):
                return ht.head
        # '"The talks failed," officials said': the cue hangs on the quote's root.
        for k in d.children[r]:
            if k not in toks and _is_cue_tok(d, lex, k, describe=False) and \
                    d.toks[k].dep in ("parataxis", "ccomp", "advcl", "conj", "dep"):
                return k
    return None


def _nearby_cue(d: TokenIndex, lex: SpeechLexicon, ordered: list[int], quoted: set[int],
                text: str) -> int | None:
    """A cue outside quotes in the quote's sentence, else a neighbouring one, same paragraph."""
    first, last = ordered[0], ordered[-1]
    lo, hi = _paragraph_bounds(text, d.toks[first].start)

    def usable(i: int) -> bool:
        t = d.toks[i]
        return (lo <= t.start < hi and i not in quoted
                and (_is_cue_tok(d, lex, i, describe=False) or _phrase_end(d, lex, i) is not None))

    sents = {d.toks[first].sent, d.toks[last].sent}
    cands = [t.i for t in d.toks if t.sent in sents and usable(t.i)]
    if cands:
        return min(cands, key=lambda i: min(abs(i - first), abs(i - last)))
    # The previous sentence ending in ':' ("She continued:") or the next one in the paragraph.
    prev = [t for t in d.toks if t.sent == d.toks[first].sent - 1]
    if prev and prev[-1].text == ":" and text.count("\n", prev[-1].end, d.toks[first].start) <= 2:
        cands = [t.i for t in prev if t.i not in quoted
                 and (_is_cue_tok(d, lex, t.i, describe=False)
                      or _phrase_end(d, lex, t.i) is not None)]
        if cands:
            return cands[-1]
    nxt = [t.i for t in d.toks if t.sent == d.toks[last].sent + 1 and usable(t.i)]
    return nxt[0] if nxt else None


def _paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, pos) + 1
    hi = text.find("\n", pos)
    return lo, len(text) if hi < 0 else hi


@functools.lru_cache(maxsize=8)
def _phrase_firsts(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(words[0] for words in phrases if words)


def _phrase_end(d: TokenIndex, lex: SpeechLexicon, i: int) -> int | None:
    """The last token of a cue phrase ("according to", "in the words of") starting at i."""
    if i >= len(d.toks) or d.toks[i].text.lower() not in _phrase_firsts(tuple(lex.phrases)):
        return None  # most tokens start no phrase: skip the phrase list
    for words in lex.phrases:
        n = len(words)
        if i + n <= len(d.toks) and all(d.toks[i + k].text.lower() == w
                                        for k, w in enumerate(words)):
            return i + n - 1
    return None


# --------------------------------------------------------------------------- speakers


def _mention_owner(entities: Sequence[Entity]) -> list[tuple[int, int, str]]:
    return sorted((s, e, ent.id) for ent in entities for s, e in ent.mentions)


def _entity_at(owners: list[tuple[int, int, str]], a: int, b: int) -> tuple[str, Span] | None:
    """The entity of the smallest mention overlapping [a, b)."""
    best: tuple[int, str, Span] | None = None
    for s, e, eid in owners:
        if s >= b:
            break
        if e > a and (best is None or e - s < best[0]):
            best = (e - s, eid, (s, e))
    return None if best is None else (best[1], best[2])


def _subject_of(d: TokenIndex, lex: SpeechLexicon, cue: int) -> int | None:
    """The speaker token of a cue: its subject, climbing 'saying' to its verb; 'according to X'."""
    end = _phrase_end(d, lex, cue)
    if end is not None:
        for k in d.children[end]:
            if d.toks[k].dep == "pobj":
                return k
        for k in range(end + 1, min(len(d.toks), end + 8)):
            if d.toks[k].pos in ("PROPN", "NOUN", "PRON") and d.toks[k].head not in range(
                    end + 1, min(len(d.toks), end + 8)) or d.toks[k].dep == "pobj":
                return k
        return None
    if d.toks[cue].lemma.lower() in ("quote", "cite"):  # "he was quoted by X as saying"
        for k in d.children[cue]:
            if d.toks[k].dep == "nsubjpass":
                return k
    i, hops = cue, 0
    while hops < 3:
        for k in d.children[i]:
            if d.toks[k].dep in ("nsubj", "csubj"):
                return k
        for k in d.children[i]:  # "was told by X"
            if d.toks[k].dep == "agent":
                for j in d.children[k]:
                    if d.toks[j].dep == "pobj":
                        return j
        if d.toks[i].dep not in _CLIMB_DEPS or d.toks[i].head == i:
            return None
        i, hops = d.toks[i].head, hops + 1
    return None


def _np_span(d: TokenIndex, head: int) -> Span:
    a, b = d.np_range(head)
    for k in d.children[head]:  # "Peskov" of "spokesman Dmitry Peskov"; "of" PP of a title
        if k > head and d.toks[k].dep in ("flat", "compound"):
            b = max(b, k + 1)
        if k > head and d.toks[k].dep == "prep" and d.toks[k].text.lower() in ("of", "for",
                                                                               "at"):
            sub = d.subtree(k)
            if max(sub) - head < 8:
                b = max(b, max(sub) + 1)
    while a < b - 1 and not _wordlike(d.toks[a].text):
        a += 1
    while b > a + 1 and not _wordlike(d.toks[b - 1].text):
        b -= 1
    return d.span(a, b)


def _wordlike(text: str) -> bool:
    return any(c.isalnum() for c in text)


@dataclass
class _Speaker:
    entity: str | None
    text: str | None
    pos: int = -1  # where the speaker was last named outside quotes


def _resolve(art: Article, d: TokenIndex, lex: SpeechLexicon, cue: int | None,
             owners: list[tuple[int, int, str]], last: _Speaker | None,
             quoted: list[Span]) -> _Speaker | None:
    if cue is None:
        return None
    subj = _subject_of(d, lex, cue)
    if subj is None:
        return None
    st = d.toks[subj]
    found = _entity_at(owners, st.start, st.end)
    if st.pos in _PRON or st.tag == "PRP":
        return _pronoun_speaker(art, st.start, st.text, found, last, quoted)
    span = _np_span(d, subj)
    return _Speaker(found[0] if found else None, art.text[span[0] : span[1]], st.start)


def _pronoun_speaker(art: Article, at: int, text: str, found: tuple[str, Span] | None,
                     last: _Speaker | None, quoted: list[Span]) -> _Speaker:
    """'He added': the pronoun's cluster, unless the previous quote's speaker was named later.

    The entities stage links a pronoun to the nearest fitting person, which after a quote
    may be someone named only inside it; news style attributes "he added" to the last speaker.
    """
    named_at = -1
    ante: str | None = None
    ent = None if found is None else next((e for e in art.entities if e.id == found[0]), None)
    if ent is not None:
        for s, e in ent.mentions:
            t = art.text[s:e]
            if s < at and t.lower() not in _PRONOUNS and not _inside(s, quoted):
                named_at, ante = s, t
    if last is not None and (ent is None or (last.entity != ent.id and last.pos > named_at)):
        return _Speaker(last.entity, last.text, at)
    if ent is not None:
        return _Speaker(ent.id, ante or ent.name, at)
    return _Speaker(None, text, at)


def _inside(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


_PRONOUNS = frozenset(["he", "him", "his", "she", "her", "hers", "they", "them", "their", "it", "its", "i", "we", "us"])


def _runs(found: list[_Found]) -> list[int]:
    """Run number of each quote: a paragraph that continues a quote joins its run."""
    out: list[int] = []
    for k, f in enumerate(found):
        out.append(out[-1] if k and f.continued else k)
    return out


def _with_speakers(art: Article, d: TokenIndex, lex: SpeechLexicon,
                   found: list[_Found]) -> list[Quote]:
    owners = _mention_owner(art.entities)
    quoted = [f.span for f in found]
    out: list[Quote] = []
    last: _Speaker | None = None
    last_para = -10
    run_of = _runs(found)
    run_cue: dict[int, _Found] = {}
    for k, f in enumerate(found):  # a multi-paragraph quote: the run's first attribution
        if f.cue is not None and run_of[k] not in run_cue:
            run_cue[run_of[k]] = f
    for k, f in enumerate(found):
        if f.signed is not None:
            t = d.toks[f.signed]
            hit = _entity_at(owners, t.start, t.end)
            a, b = _np_span(d, f.signed)
            sp: _Speaker | None = _Speaker(hit[0] if hit else None, art.text[a:b], t.start)
        else:
            own = f if f.cue is not None else run_cue.get(run_of[k], f)
            sp = _resolve(art, d, lex, own.cue, owners, last, quoted)
            if own is not f and sp is not None:
                f.cue_text = own.cue_text
        cue_text = f.cue_text
        if sp is None and last is not None and (f.continued or f.para - last_para <= 2):
            sp = last  # continues the previous quote or its paragraph run
            cue_text = cue_text or (out[-1].cue if out else None)
        if sp is not None:
            last, last_para = sp, f.para
        out.append(Quote(
            text=art.text[f.span[0] : f.span[1]], span=f.span, kind=f.kind,
            speaker=None if sp is None else sp.entity,
            speaker_text=None if sp is None else sp.text, cue=cue_text,
        ))
    return out


# --------------------------------------------------------------------------- indirect speech


def _indirect(art: Article, d: TokenIndex, lex: SpeechLexicon, quoted: set[int],
              direct: list[Span]) -> list[Quote]:
    owners = _mention_owner(art.entities)
    out: list[Quote] = []
    for t in d.toks:
        if t.i in quoted:
            continue
        if _phrase_end(d, lex, t.i) is not None:
            if t.dep != "prep":  # "a quote attributed to X" names no reported clause
                continue
            clause = _phrase_clause(d, t.i)
        elif t.pos == "VERB" and t.lemma.lower() in lex.say and not _negated(d, t.i):
            clause = _complement(d, t.i)
        else:
            continue
        if clause is None:
            continue
        a, b = clause
        span = d.span(a, b)
        if any(s < span[1] and span[0] < e and (min(e, span[1]) - max(s, span[0]))
               > 0.5 * (e - s) for s, e in direct):
            continue  # the complement is a direct quote already reported
        sp = _resolve(art, d, lex, t.i, owners, None, direct)
        if sp is None:
            continue
        out.append(Quote(text=art.text[span[0] : span[1]], span=span, kind="indirect",
                         speaker=sp.entity, speaker_text=sp.text, cue=_cue_text(d, lex, t.i)))
    return out


def _negated(d: TokenIndex, i: int) -> bool:
    return any(d.toks[k].dep == "neg" for k in d.children[i])


def _complement(d: TokenIndex, v: int) -> tuple[int, int] | None:
    """The reported clause of a reporting verb: its ccomp without the 'that' complementizer."""
    for k in d.children[v]:
        if d.toks[k].dep != "ccomp":
            continue
        sub = d.subtree(k)
        a, b = min(sub), max(sub) + 1
        if v in range(a, b):
            continue
        while a < b and (d.toks[a].dep == "mark" and d.toks[a].text.lower() == "that"
                         or d.toks[a].pos == "PUNCT"):
            a += 1
        while b > a and d.toks[b - 1].pos == "PUNCT":
            b -= 1
        if b - a >= 3:  # the ccomp relation marks a clause, even when its verb is mis-tagged
            return a, b
    return None


def _phrase_clause(d: TokenIndex, i: int) -> tuple[int, int] | None:
    """The clause an 'according to X' phrase attaches to, without the phrase."""
    head = d.toks[i].head
    if head == i:
        return None
    while d.toks[head].pos not in ("VERB", "AUX") and d.toks[head].head != head:
        head = d.toks[head].head
    phrase = d.subtree(i)
    sent = d.toks[i].sent
    keep = sorted(j for j in d.subtree(head) if j not in phrase and d.toks[j].sent == sent)
    if not keep:
        return None
    a, b = keep[0], keep[-1] + 1
    if a <= i < b and i > a:  # a phrase in the middle: keep the part before it
        b = i
    while a < b and d.toks[a].pos == "PUNCT":
        a += 1
    while b > a and d.toks[b - 1].pos == "PUNCT":
        b -= 1
    if b - a < 3:
        return None
    return a, b


def run(article: Article, ctx: Context) -> Article:
    """Stage entry point."""
    return extract_quotes(article, ctx.get("speech_verbs", load_speech_verbs))


STAGE = StageSpec(
    name="quotes",
    run=run,
    requires=("article.tokens", "article.entities"),
    assigns=("article.quotes",),
)
