"""Ingest: one raw input (text, HTML, bytes) -> an Article with a cleaned body, or a skip.

Refusals are outcomes with a one-line reason (empty, binary, too large, not English),
never exceptions. HTML goes through trafilatura; plain text through the line cleaner.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from dateline.model import Article, Published, RawInput, Removed, StageSkip, content_id
from dateline.settings import Settings
from dateline.stages import clean

logger = logging.getLogger(__name__)

_HTML_SNIFF = re.compile(r"^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.IGNORECASE)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_LATIN = re.compile(r"[A-Za-z]")
# Frequent English function words: their share separates English from other languages
# written in Latin script far better than letter statistics on short news texts.
_ENGLISH = frozenset(
    ["the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was", "by", "it", "at", "from", "has", "have", "are", "be", "will", "his", "her", "its", "their", "said", "says", "an", "not", "but", "or", "were", "been", "they", "this", "which", "who", "after", "over", "would", "also", "had", "he", "she", "we", "new", "more", "than", "into", "about", "against", "two", "one", "up", "out", "there", "when"]
)


# Function words of other languages written in Latin script (Spanish, French, German,
# Portuguese, Italian, Dutch, Indonesian, Turkish), minus any that are also English.
_FOREIGN = frozenset(
    ["de", "la", "que", "el", "los", "del", "se", "las", "por", "un", "para", "con", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "este", "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "hasta", "hay", "donde", "desde", "todo", "nos", "durante", "les", "des", "du", "une", "et", "est", "dans", "pour", "pas", "sur", "avec", "ce", "il", "elle", "ne", "sont", "ont", "été", "aux", "cette", "mais", "ou", "leur", "qui", "nous", "vous", "ils", "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "von", "mit", "sich", "auf", "für", "im", "dem", "auch", "es", "als", "nach", "wie", "bei", "aus", "oder", "noch", "werden", "wird", "sind", "hat", "war", "da", "não", "uma", "os", "em", "pelo", "pela", "foi", "são", "mais", "ao", "às", "você", "il", "della", "che", "di", "non", "sono", "nel", "alla", "anche", "gli", "degli", "het", "een", "van", "niet", "zijn", "op", "ook", "dat", "voor", "aan", "bij", "naar", "maar", "hij", "zij", "dan", "yang", "dan", "dengan", "untuk", "tidak", "ini", "itu", "dari", "dalam", "akan", "pada", "bir", "ve", "bu", "da", "için", "ile", "olarak", "çok", "daha"]
) - _ENGLISH


def decode_bytes(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode input bytes as UTF-8 (BOM allowed), replacing invalid sequences and saying so."""
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        return text, (f"invalid UTF-8: {bad} undecodable byte sequence(s) replaced with U+FFFD",)


def looks_like_html(text: str) -> bool:
    return bool(_HTML_SNIFF.match(text[:2000])) or (
        "</p>" in text[:20000].lower() and "<" in text[:200]
    )


def refusal(text: str, settings: Settings) -> str | None:
    """A one-line reason to refuse this text, or None when it can be processed."""
    size = len(text.encode("utf-8", "replace"))
    if size > settings.max_bytes:
        return f"input is {size:,} bytes, over the {settings.max_bytes:,}-byte limit; split it"
    if not text.strip():
        return "empty input: no text to process"
    sample = text[:20000]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(3, len(sample) // 50):
        return "binary data, not text (control bytes found); pass a text, HTML or JSONL file"
    if sample.count("\ufffd") > max(10, len(sample) // 20):
        return "mostly undecodable bytes: not UTF-8 text"
    return None


def language_refusal(text: str, settings: Settings) -> str | None:
    """A reason when the text is long enough to judge and clearly not English."""
    words = _WORD.findall(text[:20000])
    if len(words) < settings.min_words_for_language:
        return None
    latin = sum(1 for w in words if _LATIN.match(w))
    if latin < len(words) * 0.5:
        return "not English: text is mostly in a non-Latin script; dateline reads English news"
    lower = [w.lower() for w in words]
    ratio = sum(1 for w in lower if w in _ENGLISH) / len(words)
    foreign = sum(1 for w in lower if w in _FOREIGN) / len(words)
    # Tables and lists have few function words of any language: they are not refused.
    if ratio < settings.min_english_ratio and foreign >= 0.08 and foreign > ratio:
        return (
            f"not English: only {ratio:.0%} English function words (and {foreign:.0%} of "
            "another language's); dateline reads English news"
        )
    return None


def ingest(raw: RawInput, settings: Settings) -> Article:
    """Turn one raw input into an Article whose ``text`` is the cleaned body.

    Args:
        raw: the input record.
        settings: limits and thresholds.

    Returns:
        The Article; ``skip`` is set (with a one-line reason) when it cannot be processed.
    """
    rid = raw.id
    if raw.error:
        return _skipped(rid, raw, raw.error)
    if raw.date is not None and not _DATE_RE.match(raw.date):
        return _skipped(rid, raw, f"bad date {raw.date!r}: use YYYY-MM-DD")
    source = raw.html if raw.html is not None else (raw.text or "")
    if not isinstance(source, str):
        return _skipped(rid, raw, "text must be a string")
    reason = refusal(source, settings)
    if reason:
        return _skipped(rid, raw, reason)
    is_html = raw.html is not None or raw.format == "html" or (
        raw.format == "auto" and looks_like_html(source)
    )
    try:
        doc = clean.from_html(source, raw.url) if is_html else clean.from_text(source)
    except clean.CleanError as exc:
        return _skipped(rid, raw, str(exc))
    if not doc.body.strip():
        return _skipped(rid, raw, "no article text found after removing markup and boilerplate")
    reason = language_refusal(doc.body, settings)
    if reason:
        return _skipped(rid, raw, reason)
    title = raw.title if raw.title is not None else doc.title
    published = _published(raw.date, doc)
    art = Article(
        id=rid or content_id(doc.body, title),
        text=doc.body,
        title=title,
        url=raw.url or doc.url,
        outlet=clean.outlet_name(raw.url or doc.url, doc),
        published=published,
        removed=tuple(Removed(t, k) for t, k in doc.removed),
        author=doc.author,
        dateline=doc.dateline,
        notes=raw.notes,
    )
    logger.debug("ingested %s: %d chars, %d removed", art.id, len(art.text), len(art.removed))
    return art


def _published(given: str | None, doc: clean.CleanDoc) -> Published:
    if given:
        return Published(given, "given")
    if doc.meta_date:
        return Published(doc.meta_date, "metadata")
    inferred = clean.infer_date(doc)
    if inferred:
        return Published(inferred, "inferred")
    return Published(None, "none")


def _skipped(rid: str | None, raw: RawInput, reason: str) -> Article:
    text = raw.text or raw.html or ""
    ident = rid or content_id(text if isinstance(text, str) else "", raw.title)
    art = Article(id=ident, text="", title=raw.title, url=raw.url, notes=raw.notes)
    logger.warning("skipped %s: %s", ident, reason)
    return replace(art, skip=StageSkip("ingest", reason))
