"""Reading inputs (dateline.inputs): JSONL framing and records, files."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from dateline.inputs import read_file, read_jsonl, record_from_json
from dateline.model import RawInput


def _line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8") + b"\n"


def _chunked(data: bytes, *cuts: int) -> list[bytes]:
    bounds = [0, *cuts, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(bounds)]


RECORDS = [
    {"id": "a", "text": "Kerry met Putin in Sochi on Tuesday."},
    {"id": "b", "text": "Zelenskiy said “no” to the talks.", "title": "No talks"},
    {"id": "c", "html": "<p>Talks resumed in Geneva.</p>", "date": "2022-01-21",
     "url": "https://example.com/c"},
]
STREAM = b"".join(_line(r) for r in RECORDS)


def _summary(raws: list[RawInput]) -> list[tuple[object, ...]]:
    return [(r.id, r.text, r.html, r.title, r.date, r.url, r.error) for r in raws]


EXPECTED = [
    ("a", "Kerry met Putin in Sochi on Tuesday.", None, None, None, None, None),
    ("b", "Zelenskiy said “no” to the talks.", None, "No talks", None, None, None),
    ("c", None, "<p>Talks resumed in Geneva.</p>", None, "2022-01-21", "https://example.com/c",
     None),
]


def test_inputs_read_jsonl_one_chunk() -> None:
    assert _summary(list(read_jsonl([STREAM]))) == EXPECTED


@pytest.mark.parametrize("cut", range(1, len(STREAM)))
def test_inputs_read_jsonl_record_split_across_chunks(cut: int) -> None:
    # Every split point, including inside a multi-byte UTF-8 character (the “ quote).
    assert _summary(list(read_jsonl(_chunked(STREAM, cut)))) == EXPECTED


def test_inputs_read_jsonl_byte_by_byte() -> None:
    chunks = [STREAM[i : i + 1] for i in range(len(STREAM))]
    assert _summary(list(read_jsonl(chunks))) == EXPECTED


def test_inputs_read_jsonl_empty_chunks() -> None:
    assert _summary(list(read_jsonl([b"", STREAM[:10], b"", STREAM[10:], b""]))) == EXPECTED
    assert list(read_jsonl([])) == []
    assert list(read_jsonl([b""])) == []


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85", "\x0b", "\x1c"])
def test_inputs_read_jsonl_unicode_line_separator_does_not_split(sep: str) -> None:
    text = f"Talks ended.{sep}Both sides left Geneva."
    # The separator raw inside the JSON string (ensure_ascii=False) ...
    raw = json.dumps({"id": "u", "text": text}, ensure_ascii=False).encode("utf-8")
    # ... and escaped (ensure_ascii=True).
    escaped = json.dumps({"id": "v", "text": text}).encode("ascii")
    out = list(read_jsonl([raw + b"\n" + escaped + b"\n"]))
    assert [(r.id, r.text, r.error) for r in out] == [("u", text, None), ("v", text, None)]


def test_inputs_read_jsonl_last_line_without_newline() -> None:
    data = STREAM + b'{"id": "d", "text": "Last."}'
    out = list(read_jsonl(_chunked(data, len(data) - 5)))
    assert [r.id for r in out] == ["a", "b", "c", "d"]
    assert out[-1].text == "Last."


def test_inputs_read_jsonl_crlf_lines() -> None:
    data = b'{"id": "a", "text": "One."}\r\n{"id": "b", "text": "Two."}\r\n'
    assert [(r.id, r.text, r.error) for r in read_jsonl([data])] == [
        ("a", "One.", None), ("b", "Two.", None)]


def test_inputs_read_jsonl_blank_lines_ignored_but_counted() -> None:
    data = b'\n  \n{"id": "a", "text": "One."}\n\t\n\n{"id": 5}\n\n'
    out = list(read_jsonl([data]))
    assert [(r.id, r.text, r.error) for r in out] == [
        ("a", "One.", None),
        ("5", None, "line 6: field(s) id must be strings"),
    ]


def test_inputs_read_jsonl_malformed_line_has_line_number() -> None:
    data = b'{"id": "a", "text": "One."}\n{"id": "b", "text": \n{"id": "c", "text": "Three."}\n'
    out = list(read_jsonl([data]))
    # The id stays visible in the broken record, so the error line keeps it.
    assert [r.id for r in out] == ["a", "b", "c"]
    assert out[1].error is not None
    assert out[1].error.startswith("line 2: malformed JSON (")
    assert out[1].error == "line 2: malformed JSON (Expecting value at column 21)"
    assert out[0].error is None and out[2].error is None


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b"[1, 2]", "line 1: expected a JSON object, got list"),
        (b'"text"', "line 1: expected a JSON object, got str"),
        (b"42", "line 1: expected a JSON object, got int"),
        (b"null", "line 1: expected a JSON object, got NoneType"),
        (b"{bad", ("line 1: malformed JSON (Expecting property name enclosed in double quotes "
                  "at column 2)")),
        (b'{"id": "x"', "line 1: malformed JSON (Expecting ',' delimiter at column 11)"),
    ],
)
def test_inputs_read_jsonl_not_an_object(line: bytes, error: str) -> None:
    (raw,) = read_jsonl([line + b"\n"])
    assert raw.id == ("x" if line.startswith(b'{"id": "x"') else "line-1")
    assert raw.error == error
    assert raw.text is None and raw.html is None


@pytest.mark.parametrize(
    ("obj", "rid", "error"),
    [
        ({"id": "m1"}, "m1", 'line 1: record has neither "text" nor "html"'),
        ({"id": "m2", "text": None, "title": "T"}, "m2",
         'line 1: record has neither "text" nor "html"'),
        ({"text": "Hi."} | {"id": "n1", "date": 20220121}, "n1",
         "line 1: field(s) date must be strings"),
        ({"id": "n2", "text": ["a"], "url": 3, "title": {"x": 1}}, "n2",
         "line 1: field(s) text, title, url must be strings"),
        ({"id": "n3", "html": True}, "n3", "line 1: field(s) html must be strings"),
        ({"text": "No id."}, "line-1", None),
    ],
)
def test_inputs_read_jsonl_bad_fields(obj: dict[str, object], rid: str, error: str | None
                                      ) -> None:
    (raw,) = read_jsonl([_line(obj)])
    assert raw.id == rid
    assert raw.error == error


def test_inputs_read_jsonl_id_preserved_and_extra_keys_ignored() -> None:
    (raw,) = read_jsonl([_line({"id": "feed-42", "text": "Hi.", "lang": "en", "extra": [1]})])
    assert (raw.id, raw.text, raw.error) == ("feed-42", "Hi.", None)


def test_inputs_read_jsonl_invalid_utf8_is_noted() -> None:
    (raw,) = read_jsonl([b'{"id": "a", "text": "caf\xe9 talks"}\n'])
    assert raw.error is None
    assert raw.text == "caf\ufffd talks"
    assert raw.notes == ("invalid UTF-8: 1 undecodable byte sequence(s) replaced with U+FFFD",)


def test_inputs_read_jsonl_bom_on_a_line() -> None:
    (raw,) = read_jsonl([b'\xef\xbb\xbf{"id": "a", "text": "One."}\n'])
    assert (raw.id, raw.text, raw.error) == ("a", "One.", None)


def test_inputs_record_from_json_str_and_bytes() -> None:
    line = '{"id": "s", "text": "Talks — resumed."}'
    a = record_from_json(line, 9)
    b = record_from_json(line.encode("utf-8"), 9)
    assert a == b == RawInput(text="Talks — resumed.", id="s")
    assert record_from_json("[]", 9).error == "line 9: expected a JSON object, got list"


@pytest.mark.parametrize(
    "line",
    [b"[" * 100_000 + b"]" * 100_000, b'{"id": "big", "text": "x", "n": ' + b"1" * 5000 + b"}"],
    ids=["deep-nesting", "huge-integer"],
)
def test_inputs_read_jsonl_pathological_json_is_a_record_error(line: bytes) -> None:
    data = b'{"id": "a", "text": "One."}\n' + line + b'\n{"id": "c", "text": "x"}'
    out = list(read_jsonl([data]))
    assert [r.id for r in out] == ["a", "line-2" if line.startswith(b"[") else "big", "c"]
    assert out[1].error is not None and out[1].error.startswith("line 2: ")


# --------------------------------------------------------------------------- read_file


@pytest.mark.parametrize(
    ("name", "data", "fmt", "text", "notes"),
    [
        ("a.txt", "Talks — resumed.".encode(), "auto", "Talks — resumed.", ()),
        ("a.html", b"<p>Talks resumed.</p>", "html", "<p>Talks resumed.</p>", ()),
        ("a.HTM", b"<p>Talks resumed.</p>", "html", "<p>Talks resumed.</p>", ()),
        ("a.txt", b"\xef\xbb\xbfTalks resumed.", "auto", "Talks resumed.", ()),
        ("a.txt", b"Talks \xff resumed.", "auto", "Talks \ufffd resumed.",
         ("invalid UTF-8: 1 undecodable byte sequence(s) replaced with U+FFFD",)),
    ],
)
def test_inputs_read_file(tmp_path: Path, name: str, data: bytes, fmt: str, text: str,
                          notes: tuple[str, ...]) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    raw = read_file(p, id="x1", date="2022-01-21", title=None, url=None)
    assert raw == RawInput(text=text, id="x1", date="2022-01-21", format=fmt, notes=notes)


def test_inputs_read_file_missing(tmp_path: Path) -> None:
    p = tmp_path / "missing.txt"
    raw = read_file(p)
    assert raw.id == "missing.txt"
    assert raw.error == f"cannot read {p}: No such file or directory"
    assert raw.text is None
