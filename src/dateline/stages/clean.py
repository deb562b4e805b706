"""Cleaning: raw text or HTML -> title, body, removed lines (captions, bylines, boilerplate,
datelines), outlet and date evidence.

The rules are general patterns of news house styles (photo credits, desk initials, share
buttons, wire datelines), never strings of one article. Every removed line is kept with its
kind; a line that reads as a real sentence is never removed by the loose rules.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

logger = logging.getLogger(__name__)


class CleanError(Exception):
    """Raised inside this module for input that has no usable article (caught by ingest)."""


@dataclass
class CleanDoc:
    """What the cleaner found (mutable while it is built, private to ingest)."""

    title: str | None = None
    body: str = ""
    removed: list[tuple[str, str]] = field(default_factory=list)
    meta_date: str | None = None
    url: str | None = None
    author: str | None = None
    sitename: str | None = None
    dateline: str | None = None
    wire: str | None = None  # "(Reuters)" credit in a dateline


MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
         ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
         ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
         ("december", "dec")]
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b"
    rf"|\b(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH_RE})\s+(?P<y2>(?:19|20)\d\d)\b"
)
_WEEKDAY_RE = re.compile(r"\b(?:on |last |this |late |early )?(Monday|Tuesday|Wednesday|Thursday|"
                         r"Friday|Saturday|Sunday)\b")
_AGENCIES = (
    r"AFP|AP|Reuters|EPA|Getty Images|Getty|Xinhua|Anadolu(?: Agency)?|IRNA|TASS|Sputnik|SANA|"
    r"UPI|dpa|ANSA|Yonhap|Kyodo|WAFA|Mehr|Fars|Tasnim|ISNA|KCNA|EFE|Bloomberg|NurPhoto|"
    r"Shutterstock|Alamy|Pool|File|AFP/Getty Images|AA"
)
# A line that ends with a picture credit: "(AFP Photo)", "(Reuters)", "(Photo by X/AFP)".
_CAPTION_CREDIT = re.compile(
    rf"\((?:{_AGENCIES})(?:\s*(?:photo|file photo|pool|images?))?(?:\s*[/|]\s*[^)]{{1,60}})?\)\.?\s*$"
    r"|\((?:[^()]{0,40}\s)?(?:photo|photograph|image|picture|pic|file photo)s?\b[^()]{0,60}\)\.?\s*$"
    rf"|\b(?:REUTERS|AFP|AP|EPA|GETTY IMAGES)/[A-Z][\w. -]{{1,40}}\s*$"
    r"|\b(?:Photo|Photograph|Picture|Image)s?(?: credit)?\s*(?::|by)\s*[^.]{1,60}$",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(
    r"^(?:photo|photograph|picture|image|file photo|caption|pictured|above|top|main picture|"
    r"video|watch)\s*(?::|-|—)\s*\S",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^\(?(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written|"
    r"translated|research|graphics?)\s+by\b"
    r"|^[A-Z]{2,5}(?:/[A-Z]{2,5})+\.?$"
    r"|^[a-z]{2,4}/[a-z]{2,4}(?:/[a-z]{2,4})?$"
    r"|^(?:staff (?:writer|reporter)|special correspondent|our correspondent)\b.{0,60}$"
    r"|^(?:contact|email|e-mail) (?:the (?:author|reporter|writer)|us)\b.{0,80}$"
    r"|^[^.;]{0,160}\bcontributed(?: reporting)?(?: to this (?:report|story|article))?\.?$",
    re.IGNORECASE,
)
_BY_NAMES = re.compile(r"^(?:By|BY|From|FROM)\s+(?P<names>\S.*)$")
_NAME_SEP = re.compile(r"\s*(?:,|&|\band\b|\||—|–| - )\s*")
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "bin", "ibn", "al", "la", "le", "da", "di"})
# A site-menu word alone on its line, or a menu label with a colon ("Related: ...").
_BOILER = re.compile(
    r"^(?:share(?: this(?: article| story| page)?)?|tweet|print|email|e-mail this|comments?|"
    r"\d+ comments?|advertisement|sponsored(?: content)?|loading\.*|read more|read also|"
    r"see also|more on this|related(?: articles| stories| news| topics)?|trending|most read|"
    r"top stories|recommended|you may also like|back to top|skip to content|menu|home|next|"
    r"previous|tags?|topics?|filed under|posted in|categories|newsletter|sign up|log ?in|"
    r"subscribe|listen|watch|video|photos?)\s*[!.|]?\s*$"
    r"|^(?:related|read more|read also|see also|more on this|tags?|topics?|filed under|"
    r"posted in|watch|video|listen|photos?|more|also read|recommended)\s*:\s*.{0,160}$"
    r"|^share (?:on|via|this)\b.{0,40}$"
    r"|^(?:(?:facebook|twitter|whatsapp|email|e-mail|telegram|linkedin|reddit|print|share|tweet|"
    r"copy link|x|messenger|pinterest)\s*[|·•,/]?\s*)+$",
    re.IGNORECASE,
)
# Always chrome, even in a line that reads like a sentence.
_BOILER_STRONG = re.compile(
    r"©|\(c\)\s*\d{4}|\bcopyright\s+(?:©\s*)?\d{4}|all rights reserved|"
    r"can also be (?:accessed|read|viewed|found) at|"
    r"(?:alternate|alternative|mirror) (?:addresses|domains|sites|links)|privacy policy|"
    r"terms (?:of use|and conditions|of service)|^our standards:",
    re.IGNORECASE,
)
# Chrome only when the line is not a real sentence.
_BOILER_WEAK = re.compile(
    r"follow us on|like us on facebook|download (?:our|the) (?:\w+ )?app|"
    r"subscribe to (?:our|the)|sign up (?:for|to) (?:our|the)|newsletter|"
    r"cookies?\b.{0,40}\b(?:policy|consent|accept)|click here|get the latest|"
    r"available (?:on|in) the app store|google play|"
    r"this (?:article|story) (?:was|has been) (?:updated|corrected)",
    re.IGNORECASE,
)
_URL_LINE = re.compile(
    r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|ir|ru|uk|tv|news|io|"
    r"co|de|fr|cn|in|us|me)(?:/\S*)?)$",
    re.IGNORECASE,
)
_DATELINE = re.compile(
    r"^(?P<dl>(?P<city>[A-Z][A-Z.'’-]{1,30}(?:\s[A-Z][A-Z.'’-]{1,30}){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’]+(?:\s[A-Z][A-Za-z.'’]+){0,2}))?"
    rf"(?:,\s*(?P<m>{_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:,\s*(?P<y>\d{{4}}))?)?"
    r"\s*(?:\((?P<wire>[^()]{1,40})\))?\s*(?:[-—–]{1,2}|:)\s+)(?=\S)"
)
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]\s*$")
_WORDS = re.compile(r"\w+")
_SENT_VERB_HINT = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|said|says|told|did|does|can|could|"
    r"\w+ed|\w+s)\b"
)


def classify_line(line: str) -> str | None:
    """The removal kind of one stripped line ("caption", "byline", "boilerplate") or None."""
    words = len(_WORDS.findall(line))
    if not words:
        return "boilerplate" if line.strip() else None
    if _CAPTION_START.match(line) or _CAPTION_CREDIT.search(line[-200:]):
        return "caption"
    if words <= 60 and (_BYLINE.match(line) or _by_names(line)):
        return "byline"
    if _URL_LINE.match(line):
        return "boilerplate"
    if words <= 30 and _BOILER.match(line):
        return "boilerplate"
    if words <= 40 and _BOILER_STRONG.search(line):
        return "boilerplate"
    if _BOILER_WEAK.search(line) and not _is_sentence(line):
        return "boilerplate"
    return None


def _by_names(line: str) -> bool:
    """ "By Jane Smith and Omar Ali, Reuters": names only, each word capitalised."""
    m = _BY_NAMES.match(line)
    if not m:
        return False
    parts = [p for p in _NAME_SEP.split(m.group("names").rstrip(" .")) if p]
    if not parts or len(parts) > 6:
        return False
    for k, part in enumerate(parts):
        words = part.split()
        if not 1 <= len(words) <= 5:
            return False
        named = all(w[:1].isupper() or w.lower().rstrip("-") in _NAME_PARTICLES for w in words)
        # the last part may be a role or desk after the names ("..., Kabul correspondent")
        if not named and (k == 0 or k < len(parts) - 1 or len(words) > 4):
            return False
    return True


def strip_credit(caption: str) -> str:
    """A caption without its picture credit ("... (AFP Photo)" -> "...")."""
    return _CAPTION_CREDIT.sub("", _CAPTION_START.sub("", caption)).strip()


def _is_sentence(line: str) -> bool:
    """A real sentence: several words, sentence punctuation, something verb-like."""
    return (
        len(_WORDS.findall(line)) >= 6
        and bool(_TERMINAL.search(line))
        and bool(_SENT_VERB_HINT.search(line))
    )


def from_text(text: str) -> CleanDoc:
    """Clean a plain-text scrape: title on the first line when it reads as one."""
    doc = CleanDoc()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [ln.replace("\u00a0", " ").rstrip() for ln in lines]
    first = next((i for i, ln in enumerate(lines) if ln.strip()), None)
    if first is not None and _title_like(lines, first):
        doc.title = lines[first].strip()
        lines = lines[first + 1 :]
    _clean_lines(doc, lines)
    return doc


def _title_like(lines: list[str], i: int) -> bool:
    line = lines[i].strip()
    rest = [ln for ln in lines[i + 1 :] if ln.strip()]
    blank_after = i + 1 < len(lines) and not lines[i + 1].strip()
    return (
        bool(rest)
        and blank_after
        and len(line) <= 250
        and len(_WORDS.findall(line)) >= 2
        and not line.endswith((".", ",", ";", ":"))
        and classify_line(line) is None
    )


def _clean_lines(doc: CleanDoc, lines: list[str]) -> None:
    paragraphs: list[list[str]] = [[]]
    kept: list[tuple[int, str]] = []  # (paragraph index, line)
    for raw in lines:
        line = raw.strip()
        if not line:
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        kind = classify_line(line)
        if kind:
            doc.removed.append((line, kind))
            continue
        paragraphs[-1].append(line)
        kept.append((len(paragraphs) - 1, line))
    _drop_trailing_fragments(doc, paragraphs)
    paras = [_join_wrapped(p) for p in paragraphs if p]
    if paras:
        paras[0] = _take_dateline(doc, paras[0])
    doc.body = "\n\n".join(p for p in paras if p)


def _drop_trailing_fragments(doc: CleanDoc, paragraphs: list[list[str]]) -> None:
    """After the last real sentence, short lines without sentence punctuation are site chrome."""
    tail: list[str] = []
    while paragraphs:
        para = paragraphs[-1]
        if not para:
            paragraphs.pop()
            continue
        line = para[-1]
        if len(_WORDS.findall(line)) <= 8 and not _TERMINAL.search(line) and len(
            [p for p in paragraphs if p]
        ) > 1:
            tail.append(para.pop())
            continue
        break
    for line in reversed(tail):
        doc.removed.append((line, "boilerplate"))


def _join_wrapped(lines: list[str]) -> str:
    """Join the lines of one paragraph; hard-wrapped lines are rejoined with a space."""
    out = lines[0]
    for line in lines[1:]:
        if _TERMINAL.search(out) and (line[:1].isupper() or line[:1] in "\"“‘'"):
            out += "\n" + line
        else:
            out += " " + line
    return out


def _take_dateline(doc: CleanDoc, para: str) -> str:
    m = _DATELINE.match(para[:240])
    if not m:
        return para
    city = m.group("city")
    if len(city.replace(".", "")) < 3 or not any(c.isalpha() for c in city):
        return para
    doc.dateline = m.group("dl").strip()
    doc.removed.append((doc.dateline, "dateline"))
    if m.group("wire"):
        doc.wire = m.group("wire").strip()
    return para[m.end() :]


def from_html(html: str, url: str | None = None) -> CleanDoc:
    """Extract the article from an HTML page with trafilatura, then clean its lines."""
    import trafilatura  # imported here: HTML is the less common path and it costs 0.3 s

    try:
        raw = trafilatura.extract(
            html, url=url, output_format="json", with_metadata=True, include_comments=False,
            include_tables=False, include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:
        raise CleanError(f"malformed HTML: {type(exc).__name__}") from exc
    meta = json.loads(raw) if raw else {}
    text = meta.get("text") or ""
    captions = _html_captions(html)
    if "\n" not in text.strip():
        text = _html_paragraphs(html) or text
    if not text.strip():
        raise CleanError("no article text found in the HTML")
    doc = CleanDoc()
    doc.title = (meta.get("title") or "").strip() or None
    doc.url = url or meta.get("source") or None
    doc.author = meta.get("author") or None
    doc.sitename = meta.get("source-hostname") or None
    date = meta.get("date")
    doc.meta_date = date if isinstance(date, str) and re.match(r"^\d{4}-\d\d-\d\d$", date) else None
    lines = text.split("\n")
    if doc.title and lines and lines[0].strip() == doc.title:
        lines = lines[1:]
    for cap in captions:
        doc.removed.append((cap, "caption"))
    caption_set = set(captions)
    lines = [ln for ln in lines if ln.strip() not in caption_set]
    # Each extracted line is a paragraph: keep them apart so wrapping is not guessed.
    spaced: list[str] = []
    for ln in lines:
        spaced.extend([ln, ""])
    _clean_lines(doc, spaced)
    return doc


def _html_captions(html: str) -> list[str]:
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001 - captions are a bonus; markup may be hopeless
        return []
    caps = [" ".join(el.text_content().split()) for el in tree.iter("figcaption")]
    return [c for c in caps if c]


def _html_paragraphs(html: str) -> str:
    """Fallback when trafilatura flattens a small page: the <p> texts of the main content."""
    try:
        import lxml.html

        tree = lxml.html.fromstring(html)
    except Exception:  # noqa: BLE001
        return ""
    for bad in tree.xpath("//script|//style|//nav|//footer|//header|//aside|//figure"):
        bad.drop_tree()
    roots = tree.xpath("//article") or tree.xpath("//main") or [tree]
    paras = [" ".join(p.text_content().split()) for p in roots[0].iter("p")]
    return "\n".join(p for p in paras if p)


_OUTLETS_BY_DOMAIN = {
    "presstv": "Press TV", "reuters": "Reuters", "apnews": "AP", "bbc": "BBC",
    "aljazeera": "Al Jazeera", "nytimes": "The New York Times", "theguardian": "The Guardian",
    "washingtonpost": "The Washington Post", "rt": "RT", "tass": "TASS", "xinhuanet": "Xinhua",
    "cnn": "CNN", "france24": "France 24", "dw": "DW", "aa": "Anadolu Agency",
}
_OUTLET_IN_LINE = re.compile(
    r"^(?P<o>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})[’']s? (?:website|site|app|news)\b"
    r"|(?:©|\(c\)|copyright)\s*(?:\d{4}(?:-\d{4})?\s*)?(?P<o2>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,4})",
    re.IGNORECASE,
)
_WIRE_NAMES = {"AP": "AP", "REUTERS": "Reuters", "AFP": "AFP", "XINHUA": "Xinhua", "TASS": "TASS",
               "UPI": "UPI", "IRNA": "IRNA", "ANADOLU": "Anadolu Agency"}


def outlet_name(url: str | None, doc: CleanDoc) -> str | None:
    """The outlet, from the site name, the URL, a boilerplate line or a wire credit."""
    if doc.sitename:
        return doc.sitename
    if url:
        host = urlparse(url if "//" in url else "//" + url).hostname or ""
        parts = [p for p in host.split(".") if p not in ("www", "m", "amp", "edition")]
        if parts:
            known = _OUTLETS_BY_DOMAIN.get(parts[0])
            if known:
                return known
    for text, kind in doc.removed:
        if kind != "boilerplate":
            continue
        m = _OUTLET_IN_LINE.search(text)
        if m:
            name = (m.group("o") or m.group("o2") or "").strip(" .")
            name = re.sub(r"\s+(?:All|Ltd|Inc|Limited)\b.*$", "", name).strip(" .")
            if name and name.lower() not in ("all", "the", "this", "our"):
                return name
    if doc.wire:
        return _WIRE_NAMES.get(doc.wire.upper(), doc.wire)
    if url:
        host = urlparse(url if "//" in url else "//" + url).hostname or ""
        return host.removeprefix("www.") or None
    return None


def _date_from(m: re.Match[str]) -> dt.date | None:
    month = MONTHS.get((m.group("m") or m.group("m2") or "").lower().rstrip("."))
    day = int(m.group("d") or m.group("d2"))
    year = int(m.group("y") or m.group("y2"))
    try:
        return dt.date(year, month, day) if month else None
    except ValueError:
        return None


def infer_date(doc: CleanDoc) -> str | None:
    """Infer the publication date from a dated caption or dateline plus a weekday in the body.

    A caption date ("on May 11, 2015") or a dateline ("MOSCOW, May 12") anchors the article;
    the first weekday the body names ("arrived ... on Tuesday") moves the anchor forward to
    that weekday (a photo precedes the story by at most a few days).
    """
    anchor: dt.date | None = None
    exact = False
    for text, kind in doc.removed:
        if kind == "dateline":
            m = _DATELINE.match(text + " x")
            if m and m.group("m"):
                month = MONTHS.get(m.group("m").lower().rstrip("."))
                if month:
                    anchor = _dateline_date(month, int(m.group("d")), m.group("y"), doc.body)
                    exact = anchor is not None
    if anchor is None:
        for text, kind in doc.removed:
            if kind == "caption":
                m = _FULL_DATE.search(text)
                if m:
                    anchor = _date_from(m)
                    if anchor:
                        break
    if anchor is None:
        return None
    if not exact:
        lead = doc.body[:1500]
        w = _WEEKDAY_RE.search(lead)
        if w:
            target = WEEKDAYS.index(w.group(1).lower())
            delta = (target - anchor.weekday()) % 7
            if delta <= 3:
                anchor = anchor + dt.timedelta(days=delta)
    return anchor.isoformat()


def _dateline_date(month: int, day: int, year: str | None, body: str) -> dt.date | None:
    """A dateline's date. Without a year, the year is the first one from the latest year the
    body mentions on which that date falls on the weekday the lead names; else unknown."""
    try:
        if year:
            return dt.date(int(year), month, day)
    except ValueError:
        return None
    years = [int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", body)]
    w = _WEEKDAY_RE.search(body[:600])
    if not years or not w:
        return None
    weekday = WEEKDAYS.index(w.group(1).lower())
    for y in range(max(years), max(years) + 3):
        try:
            cand = dt.date(y, month, day)
        except ValueError:
            continue
        if cand.weekday() == weekday:
            return cand
    return None
