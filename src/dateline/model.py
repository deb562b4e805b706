"""dateline's data model: frozen, typed records and their contract JSON.

Every offset is a ``(start, end)`` character pair into ``Article.text`` (the cleaned body).
Records are immutable; stages return new articles with ``dataclasses.replace``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = 1

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class RawInput:
    """One input record before any processing (text or HTML plus what the caller knows)."""

    text: str | None = None
    html: str | None = None
    id: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    format: str = "auto"  # auto | text | html
    notes: tuple[str, ...] = ()  # e.g. "invalid UTF-8 replaced"
    error: str | None = None  # set when the record itself could not be read


@dataclass(frozen=True, slots=True)
class Removed:
    """A line set aside from the body, with why."""

    text: str
    kind: str  # caption | byline | boilerplate | dateline | ...


@dataclass(frozen=True, slots=True)
class Published:
    """Publication date and where it came from."""

    date: str | None = None  # YYYY-MM-DD
    source: str = "none"  # given | metadata | inferred | none


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Token:
    """One token of the parse, as dateline's own record (no spaCy objects leave nlp.py)."""

    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token (itself for the root)
    sent: int  # sentence index
    ent_iob: str  # B | I | O
    ent_type: str


@dataclass(frozen=True, slots=True)
class NerSpan:
    """A named-entity span from the NER model (token range, end exclusive)."""

    start: int
    end: int
    label: str
    tok_start: int
    tok_end: int


@dataclass(frozen=True, slots=True)
class Actor:
    code: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    plover_sector: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A cluster of mentions of one person, organisation, place or group."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...] = ()
    actor: Actor | None = None
    # Evidence kept for the actor stage: titles ("spokesman"), affiliations ("Kremlin").
    titles: tuple[str, ...] = ()
    affiliations: tuple[str, ...] = ()
    found_in: str = "text"  # text | title | caption


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    mentions: tuple[Span, ...]
    geonameid: int | None
    lat: float
    lon: float
    country: str | None
    admin1: str | None
    feature: str | None
    found_in: str = "text"


@dataclass(frozen=True, slots=True)
class TimeRef:
    text: str
    span: Span
    type: str
    value: str
    granularity: str


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    span: Span
    kind: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None


@dataclass(frozen=True, slots=True)
class ActorRef:
    text: str
    span: Span
    entity: str | None = None
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Cameo:
    code: str
    root: str
    quad: int
    goldstein: float


@dataclass(frozen=True, slots=True)
class Plover:
    type: str
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    sentence: int
    source: ActorRef | None
    target: ActorRef | None
    trigger_text: str
    trigger_span: Span
    cameo: Cameo
    plover: Plover | None
    date: str | None = None
    place: int | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.5
    method: str = "rule"  # "rule" (lexicon + parse) or "model" (the fallback classifier)


@dataclass(frozen=True, slots=True)
class Amount:
    text: str
    span: Span
    value: float
    unit: str | None
    object: str | None


@dataclass(frozen=True, slots=True)
class Tone:
    tone: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0
    activity: float = 0.0
    self_group: float = 0.0
    words: int = 0


@dataclass(frozen=True, slots=True)
class StageSkip:
    """Why an article was not (fully) processed: an outcome, not an exception."""

    stage: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    """One processed article; ``to_json`` gives the public contract's object."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: Published = field(default_factory=Published)
    removed: tuple[Removed, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    ner: tuple[NerSpan, ...] = ()
    # Named entities found in the title and removed captions: (where, text, label).
    aux_ner: tuple[tuple[str, str, str], ...] = ()
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    times: tuple[TimeRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    amounts: tuple[Amount, ...] = ()
    tone: Tone = field(default_factory=Tone)
    sentence_tones: tuple[float, ...] = ()  # the tone figure of each sentence
    themes: tuple[str, ...] = ()
    author: str | None = None
    # Raw material the cleaner keeps for later stages (not part of the contract).
    dateline: str | None = None
    notes: tuple[str, ...] = ()
    skip: StageSkip | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract's Article JSON object (schema_version 1)."""
        if self.skip is not None:
            return {"id": self.id, "error": f"{self.skip.stage}: {self.skip.reason}"}
        out: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": {"date": self.published.date, "source": self.published.source},
            "text": self.text,
            "removed": [{"text": r.text, "kind": r.kind} for r in self.removed],
            "sentences": [
                {"span": [s.start, s.end], **({"tone": self.sentence_tones[k]}
                                              if k < len(self.sentence_tones) else {})}
                for k, s in enumerate(self.sentences)
            ],
            "entities": [_entity_json(e) for e in self.entities],
            "places": [_place_json(p) for p in self.places],
            "times": [
                {"text": t.text, "span": list(t.span), "type": t.type, "value": t.value,
                 "granularity": t.granularity}
                for t in self.times
            ],
            "quotes": [
                {"text": q.text, "span": list(q.span), "kind": q.kind, "speaker": q.speaker,
                 "speaker_text": q.speaker_text, "cue": q.cue}
                for q in self.quotes
            ],
            "events": [_event_json(ev) for ev in self.events],
            "amounts": [
                {"text": a.text, "span": list(a.span), "value": a.value, "unit": a.unit,
                 "object": a.object}
                for a in self.amounts
            ],
            "tone": {
                "tone": self.tone.tone, "positive": self.tone.positive,
                "negative": self.tone.negative, "polarity": self.tone.polarity,
                "activity": self.tone.activity, "self_group": self.tone.self_group,
                "words": self.tone.words,
            },
            "themes": list(self.themes),
        }
        if self.author:
            out["author"] = self.author
        if self.notes:
            out["notes"] = list(self.notes)
        return out

    def to_json_line(self) -> str:
        """One JSONL line: ASCII-escaped so U+2028/U+2029 never split a record."""
        return json.dumps(self.to_json(), ensure_ascii=True)

    def span_text(self, span: Span) -> str:
        return self.text[span[0] : span[1]]


def _actor_json(a: Actor | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"code": a.code, "country": a.country, "sector": a.sector, "role": a.role,
            "plover_sector": a.plover_sector}


def _entity_json(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.id, "name": e.name, "type": e.type,
        "mentions": [list(m) for m in e.mentions], "actor": _actor_json(e.actor),
    }
    if e.found_in != "text":
        out["in"] = e.found_in
    if e.titles:
        out["titles"] = list(e.titles)
    if e.affiliations:
        out["affiliations"] = list(e.affiliations)
    return out


def _place_json(p: Place) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": p.name, "mentions": [list(m) for m in p.mentions], "geonameid": p.geonameid,
        "lat": p.lat, "lon": p.lon, "country": p.country, "admin1": p.admin1,
        "feature": p.feature,
    }
    if p.found_in != "text":
        out["in"] = p.found_in
    return out


def _ref_json(r: ActorRef | None) -> dict[str, Any] | None:
    if r is None:
        return None
    return {"text": r.text, "span": list(r.span), "entity": r.entity, "code": r.code}


def _event_json(ev: Event) -> dict[str, Any]:
    return {
        "sentence": ev.sentence,
        "source": _ref_json(ev.source),
        "target": _ref_json(ev.target),
        "trigger": {"text": ev.trigger_text, "span": list(ev.trigger_span)},
        "cameo": {"code": ev.cameo.code, "root": ev.cameo.root, "quad": ev.cameo.quad,
                  "goldstein": ev.cameo.goldstein},
        "plover": None if ev.plover is None else {"type": ev.plover.type, "mode": ev.plover.mode},
        "date": ev.date,
        "place": ev.place,
        "negated": ev.negated,
        "modality": ev.modality,
        "confidence": ev.confidence,
        "method": ev.method,
    }


def content_id(text: str, title: str | None = None) -> str:
    """A stable id from the content, so re-runs upsert rather than duplicate."""
    h = hashlib.sha256()
    h.update((title or "").encode("utf-8", "replace"))
    h.update(b"\x00")
    h.update(text.encode("utf-8", "replace"))
    return h.hexdigest()[:16]
