"""Reading inputs: files and JSONL records -> RawInput, with a one-line reason on failure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from dateline.model import RawInput
from dateline.stages.ingest import decode_bytes

_FIELDS = ("id", "text", "title", "date", "url", "html")
_ID_RE = re.compile(r'^\s*\{\s*"id"\s*:\s*"([^"\\]{1,200})"')


def record_from_json(line: bytes | str, lineno: int) -> RawInput:
    """One JSONL line -> RawInput; a bad line becomes a RawInput carrying ``error``."""
    notes: tuple[str, ...] = ()
    if isinstance(line, bytes):
        text, notes = decode_bytes(line)
    else:
        text = line
    fallback_id = f"line-{lineno}"
    m = _ID_RE.search(text[:2000])  # keep the record's id on an error line when it is visible
    if m:
        fallback_id = m.group(1)
    try:
        obj: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawInput(id=fallback_id, error=f"line {lineno}: malformed JSON ({exc.msg} at "
                        f"column {exc.colno})")
    except (RecursionError, ValueError) as exc:  # absurd nesting, 5000-digit numbers
        return RawInput(id=fallback_id, error=f"line {lineno}: unreadable JSON "
                        f"({type(exc).__name__})")
    if not isinstance(obj, dict):
        return RawInput(id=fallback_id,
                        error=f"line {lineno}: expected a JSON object, got {type(obj).__name__}")
    rid = obj.get("id")
    rid = str(rid) if rid is not None else fallback_id
    bad = [k for k in _FIELDS if obj.get(k) is not None and not isinstance(obj[k], str)]
    if bad:
        return RawInput(id=rid, error=f"line {lineno}: field(s) {', '.join(bad)} must be strings")
    if obj.get("text") is None and obj.get("html") is None:
        return RawInput(id=rid, error=f"line {lineno}: record has neither \"text\" nor \"html\"")
    return RawInput(text=obj.get("text"), html=obj.get("html"), id=rid, title=obj.get("title"),
                    date=obj.get("date"), url=obj.get("url"), notes=notes)


def read_jsonl(chunks: Iterable[bytes]) -> Iterator[RawInput]:
    """Split a byte stream on ``\\n`` only (never str.splitlines) and parse each record."""
    buf = b""
    lineno = 0
    for chunk in chunks:
        buf += chunk
        *lines, buf = buf.split(b"\n")
        for line in lines:
            lineno += 1
            if line.strip():
                yield record_from_json(line, lineno)
    if buf.strip():
        yield record_from_json(buf, lineno + 1)


def read_file(path: Path, **meta: str | None) -> RawInput:
    """A text or HTML file -> RawInput (decoding problems noted, never fatal)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return RawInput(id=path.name, error=f"cannot read {path}: {exc.strerror}")
    text, notes = decode_bytes(data)
    fmt = "html" if path.suffix.lower() in (".html", ".htm") else "auto"
    return RawInput(text=text, notes=notes, format=fmt, **meta)
