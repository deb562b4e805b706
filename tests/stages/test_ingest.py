"""Ingest (dateline.stages.ingest): refusals, decoding, dates and ids. No model."""

from __future__ import annotations

import pytest

from dateline.model import Article, Published, RawInput, Removed, content_id
from dateline.settings import Settings
from dateline.stages.ingest import decode_bytes, ingest, language_refusal, looks_like_html, refusal

ENGLISH = (
    "Ministers from both countries met in the capital on Monday to discuss the border dispute, "
    "and officials said after the talks that a new round of negotiations would be held next "
    "month. The two sides also agreed to reopen a crossing that has been closed since March."
)
SPANISH = (
    "El presidente del gobierno anunció el martes que las negociaciones con los sindicatos "
    "continuarán durante la próxima semana en la capital, según informaron fuentes oficiales "
    "a los periodistas reunidos frente al palacio."
)
GERMAN = (
    "Der Bundeskanzler hat am Dienstag angekündigt, dass die Verhandlungen mit den "
    "Gewerkschaften in der nächsten Woche in der Hauptstadt fortgesetzt werden, wie "
    "Regierungskreise den versammelten Journalisten vor dem Kanzleramt mitteilten."
)
RUSSIAN = (
    "Президент заявил во вторник, что переговоры с профсоюзами продолжатся на следующей неделе "
    "в столице, сообщили официальные источники журналистам, собравшимся у здания правительства "
    "в центре города. Стороны также договорились снова открыть пограничный переход, который был "
    "закрыт с марта."
)
ARABIC = (
    "أعلن الرئيس يوم الثلاثاء أن المفاوضات مع النقابات ستستمر الأسبوع المقبل في العاصمة، "
    "حسبما أفادت مصادر رسمية للصحفيين الذين تجمعوا أمام مبنى الحكومة في وسط المدينة اليوم. "
    "واتفق الجانبان أيضا على إعادة فتح معبر حدودي مغلق منذ شهر مارس الماضي."
)
NON_LATIN = "not English: text is mostly in a non-Latin script; dateline reads English news"
EMPTY = "empty input: no text to process"
BINARY = "binary data, not text (control bytes found); pass a text, HTML or JSONL file"

HTML_WITH_DATE = """<!DOCTYPE html>
<html><head>
<title>Port strike ends after pay deal</title>
<meta property="og:title" content="Port strike ends after pay deal">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2017-09-14T08:00:00Z">
</head><body><article>
<h1>Port strike ends after pay deal</h1>
<p>Dock workers at the city's main container port returned to work on Thursday after union
leaders accepted a new pay offer from the port authority.</p>
<p>The four-day strike had left more than forty ships waiting at anchor outside the harbour,
and exporters said the delays had cost them millions of dollars.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def small() -> Settings:
    return Settings.load(max_bytes=100)


# --------------------------------------------------------------------------- refusal


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", EMPTY),
        ("   \n\t \r\n ", EMPTY),
        ("The minister\x00 resigned on Monday.", BINARY),
        ("a\x01b\x02c\x03d\x04e\x05", BINARY),
        ("\ufffd" * 30 + " the minister resigned", "mostly undecodable bytes: not UTF-8 text"),
    ],
)
def test_ingest_refusal_reasons(text: str, reason: str, settings: Settings) -> None:
    assert refusal(text, settings) == reason


def test_ingest_refusal_over_max_bytes(small: Settings) -> None:
    assert refusal("x" * 100, small) is None
    assert refusal("x" * 101, small) == "input is 101 bytes, over the 100-byte limit; split it"
    # The limit is in bytes of UTF-8, not characters: 60 "é" are 120 bytes.
    assert refusal("é" * 60, small) == "input is 120 bytes, over the 100-byte limit; split it"


@pytest.mark.parametrize(
    "text",
    [ENGLISH, "Kerry met Putin in Sochi.", "Line one.\n\nLine two\twith a tab.\r\n",
     "A few \ufffd replacement characters \ufffd in an otherwise readable English text."],
)
def test_ingest_refusal_accepts_text(text: str, settings: Settings) -> None:
    assert refusal(text, settings) is None


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize("text", [SPANISH, GERMAN])
def test_ingest_language_refusal_non_english_latin(text: str, settings: Settings) -> None:
    reason = language_refusal(text, settings)
    assert reason is not None
    assert reason.startswith("not English: only ")
    assert reason.endswith("of another language's); dateline reads English news")


def test_ingest_language_refusal_keeps_english_tables(settings: Settings) -> None:
    # A results table has few function words of any language: not "not English".
    table = " ".join(["Shr 34 cts vs 1.19 dlrs Net 807,000 vs 2,858,000 Revs 12.6 mln"] * 6)
    assert language_refusal(table, settings) is None


@pytest.mark.parametrize("text", [RUSSIAN, ARABIC])
def test_ingest_language_refusal_non_latin(text: str, settings: Settings) -> None:
    assert language_refusal(text, settings) == NON_LATIN


@pytest.mark.parametrize(
    "text",
    [ENGLISH, "Hola amigos, buenos días.", "Президент заявил во вторник.", "Guten Morgen"],
)
def test_ingest_language_refusal_english_or_too_short(text: str, settings: Settings) -> None:
    assert language_refusal(text, settings) is None


# --------------------------------------------------------------------------- decode_bytes


def test_ingest_decode_bytes_invalid_utf8_noted() -> None:
    text, notes = decode_bytes(b"The minister \xff\xfe resigned.")
    assert text == "The minister \ufffd\ufffd resigned."
    assert notes == ("invalid UTF-8: 2 undecodable byte sequence(s) replaced with U+FFFD",)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"\xef\xbb\xbfThe minister resigned.", "The minister resigned."),
        ("Zelenskiy said “no”.".encode(), "Zelenskiy said “no”."),
        (b"", ""),
    ],
)
def test_ingest_decode_bytes_valid(data: bytes, text: str) -> None:
    assert decode_bytes(data) == (text, ())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  <html><p>x</p></html>", True),
        ("<p>The minister resigned.</p>", True),
        ("The minister resigned. The talks use <b>bold</b> tags.", False),
        ("Plain text with a < sign and no markup.", False),
    ],
)
def test_ingest_looks_like_html(text: str, expected: bool) -> None:
    assert looks_like_html(text) is expected


# --------------------------------------------------------------------------- ingest: skips


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawInput(text=""), EMPTY),
        (RawInput(text=" \n\n  "), EMPTY),
        (RawInput(text="The minister\x00 resigned on Monday."), BINARY),
        (RawInput(text=RUSSIAN), NON_LATIN),
        (RawInput(text=ARABIC), NON_LATIN),
        (RawInput(text="SHARE THIS ARTICLE\nFacebook Twitter Email"),
         "no article text found after removing markup and boilerplate"),
        (RawInput(html="<html><body></body></html>"), "no article text found in the HTML"),
        (RawInput(text=ENGLISH, date="12/05/2015"), "bad date '12/05/2015': use YYYY-MM-DD"),
        (RawInput(text=ENGLISH, date="2015-5-12"), "bad date '2015-5-12': use YYYY-MM-DD"),
        (RawInput(text=5), "text must be a string"),  # type: ignore[arg-type]
    ],
)
def test_ingest_skip_reasons(raw: RawInput, reason: str, settings: Settings) -> None:
    art = ingest(raw, settings)
    assert isinstance(art, Article)
    assert art.skip is not None
    assert art.skip.stage == "ingest"
    assert art.skip.reason == reason
    assert "\n" not in art.skip.reason
    assert art.text == ""
    assert art.to_json() == {"id": art.id, "error": f"ingest: {reason}"}


@pytest.mark.parametrize("text", [SPANISH, GERMAN])
def test_ingest_skip_non_english_latin(text: str, settings: Settings) -> None:
    art = ingest(RawInput(text=text, id="es-1"), settings)
    assert art.id == "es-1"
    assert art.skip is not None and art.skip.stage == "ingest"
    assert art.skip.reason.startswith("not English: only ")


def test_ingest_skip_over_max_bytes(small: Settings) -> None:
    art = ingest(RawInput(text=ENGLISH, id="big"), small)
    assert art.skip is not None
    assert art.skip.reason == (
        f"input is {len(ENGLISH.encode())} bytes, over the 100-byte limit; split it"
    )


def test_ingest_short_text_is_not_judged(settings: Settings) -> None:
    art = ingest(RawInput(text="Hola amigos, buenos días."), settings)
    assert art.skip is None
    assert art.text == "Hola amigos, buenos días."


def test_ingest_error_passes_through(settings: Settings) -> None:
    raw = RawInput(id="line-3", error="line 3: malformed JSON (Expecting value at column 1)",
                   title="T")
    art = ingest(raw, settings)
    assert art.id == "line-3"
    assert art.title == "T"
    assert art.skip is not None
    assert art.skip.stage == "ingest"
    assert art.skip.reason == "line 3: malformed JSON (Expecting value at column 1)"


def test_ingest_skipped_id_kept_or_hashed(settings: Settings) -> None:
    assert ingest(RawInput(text="", id="given"), settings).id == "given"
    art = ingest(RawInput(text="a\x00b", title="T"), settings)
    assert art.id == content_id("a\x00b", "T")


# --------------------------------------------------------------------------- ingest: articles


def test_ingest_plain_text_article(settings: Settings) -> None:
    raw = RawInput(
        text="Border talks resume\n\n" + ENGLISH + "\n\nBy Jane Smith\n\n© 2020 Northwind Media",
        url="https://www.example.com/world/border-talks",
    )
    art = ingest(raw, settings)
    assert art.skip is None
    assert art.title == "Border talks resume"
    assert art.text == ENGLISH
    assert art.url == "https://www.example.com/world/border-talks"
    assert art.outlet == "Northwind Media"
    assert art.removed == (Removed("By Jane Smith", "byline"),
                           Removed("© 2020 Northwind Media", "boilerplate"))
    assert art.published == Published(None, "none")
    assert art.id == content_id(ENGLISH, "Border talks resume")


def test_ingest_given_title_wins(settings: Settings) -> None:
    art = ingest(RawInput(text="Border talks resume\n\n" + ENGLISH, title="Given"), settings)
    assert art.title == "Given"
    assert art.text == ENGLISH


def test_ingest_html_metadata_date(settings: Settings) -> None:
    art = ingest(RawInput(html=HTML_WITH_DATE), settings)
    assert art.skip is None
    assert art.title == "Port strike ends after pay deal"
    assert art.outlet == "Harbour Gazette"
    assert art.published == Published("2017-09-14", "metadata")
    assert art.text.startswith("Dock workers at the city's main container port")


@pytest.mark.parametrize(
    "raw",
    [
        RawInput(html=HTML_WITH_DATE, date="2017-09-15"),
        RawInput(text=HTML_WITH_DATE, date="2017-09-15"),  # sniffed as HTML
        RawInput(text=HTML_WITH_DATE, format="html", date="2017-09-15"),
    ],
)
def test_ingest_given_date_wins_over_metadata(raw: RawInput, settings: Settings) -> None:
    art = ingest(raw, settings)
    assert art.skip is None
    assert art.published == Published("2017-09-15", "given")


def test_ingest_inferred_date(settings: Settings) -> None:
    text = (
        "Leaders meet in Sochi\n\n"
        "The two leaders shake hands in Sochi on May 11, 2015. (AFP Photo)\n\n" + ENGLISH.replace(
            "on Monday", "on Tuesday")
    )
    art = ingest(RawInput(text=text), settings)
    assert art.published == Published("2015-05-12", "inferred")
    art = ingest(RawInput(text=text, date="2015-05-20"), settings)
    assert art.published == Published("2015-05-20", "given")


def test_ingest_dateline_kept_for_later_stages(settings: Settings) -> None:
    art = ingest(RawInput(text="MOSCOW, May 12 (Reuters) - " + ENGLISH), settings)
    assert art.dateline == "MOSCOW, May 12 (Reuters) -"
    assert art.removed == (Removed("MOSCOW, May 12 (Reuters) -", "dateline"),)
    assert art.text == ENGLISH
    assert art.outlet == "Reuters"


def test_ingest_format_text_does_not_parse_html(settings: Settings) -> None:
    text = "<p>" + ENGLISH + "</p>"
    assert ingest(RawInput(text=text, format="text"), settings).text == text


def test_ingest_html_fragment_paragraphs(settings: Settings) -> None:
    text = "<p>" + ENGLISH + "</p>\n<p>Traders welcomed the news on Tuesday.</p>"
    art = ingest(RawInput(text=text), settings)
    assert art.skip is None
    assert art.text == ENGLISH + "\n\nTraders welcomed the news on Tuesday."


@pytest.mark.parametrize("text", ["<p>" + ENGLISH + "</p>",
                                  "<article><p>" + ENGLISH + "</p></article>"])
def test_ingest_html_fragment_one_paragraph(text: str, settings: Settings) -> None:
    art = ingest(RawInput(text=text), settings)
    assert art.skip is None
    assert art.text == ENGLISH


def test_ingest_content_id_stable_and_distinct(settings: Settings) -> None:
    first = ingest(RawInput(text=ENGLISH), settings).id
    again = ingest(RawInput(text=ENGLISH), settings).id
    other = ingest(RawInput(text=ENGLISH.replace("Monday", "Tuesday")), settings).id
    titled = ingest(RawInput(text=ENGLISH, title="A title"), settings).id
    assert first == again == content_id(ENGLISH)
    assert len(first) == 16 and all(c in "0123456789abcdef" for c in first)
    assert len({first, other, titled}) == 3


def test_ingest_content_id_is_a_sha256_prefix(settings: Settings) -> None:
    import hashlib

    art = ingest(RawInput(text="Kerry met Putin in Sochi."), settings)
    assert art.id == hashlib.sha256(b"\x00Kerry met Putin in Sochi.").hexdigest()[:16]
    art = ingest(RawInput(text="Kerry met Putin in Sochi.", title="Sochi"), settings)
    assert art.id == hashlib.sha256(b"Sochi\x00Kerry met Putin in Sochi.").hexdigest()[:16]


def test_ingest_given_id_kept(settings: Settings) -> None:
    assert ingest(RawInput(text=ENGLISH, id="article-7"), settings).id == "article-7"


def test_ingest_notes_pass_through(settings: Settings) -> None:
    text, notes = decode_bytes(ENGLISH.encode() + b" \xff")
    art = ingest(RawInput(text=text, notes=notes), settings)
    assert art.skip is None
    assert art.notes == notes
    assert art.to_json()["notes"] == list(notes)
