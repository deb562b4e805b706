"""The cleaner (dateline.stages.clean): pure functions, no model.

Inputs are handwritten here; the example articles are the project's own (examples/).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dateline.stages.clean import (
    CleanDoc,
    classify_line,
    from_html,
    from_text,
    infer_date,
    outlet_name,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

BUG_BY_PREFIX = (
    "bug: _BYLINE is compiled with re.I, so its [A-Z] name pattern matches any word and any "
    "short line starting with 'By'/'From' is removed as a byline"
)
BUG_BOILER_PREFIX = (
    "bug: _BOILER removes any <=16-word line that starts with a site-chrome word "
    "(Share/Video/Home/...), even a real sentence"
)
BUG_COPYRIGHT = (
    "bug: _BOILER_ANY removes any <=40-word line that mentions 'copyright', even a real sentence"
)
BUG_LONG_CREDIT = (
    "bug: reporting/editing credit lines of more than 14 words are not removed as bylines "
    "(classify_line's words <= 14 limit), so they stay in the body"
)
BUG_CONTRIBUTED = (
    "bug: '<writers> contributed (to this report).' credit lines are not removed as bylines"
)
BUG_STANDARDS = "bug: wire 'Our Standards: The ... Trust Principles.' footer is not removed"
BUG_OUTLET_DOT = (
    "bug: outlet_name keeps the period before 'All rights reserved' ('Harbour Line News.')"
)
BUG_YEAR = (
    "bug: infer_date takes a dateline's year from the latest year mentioned in the body (a past "
    "event), giving a date whose weekday contradicts the body's 'on <weekday>'"
)


# --------------------------------------------------------------------------- classify_line


@pytest.mark.parametrize(
    "line",
    [
        "Soldiers patrol the border near the town on May 11, 2015. (AFP Photo)",
        "Protesters gather outside parliament in the capital. (Reuters)",
        "Firefighters tackle the blaze at the depot on Sunday. (EPA)",
        "Photo: Firefighters battle a blaze in the old quarter",
        "Photo: Ministry of Defence",
        "A man walks past a destroyed building in the city centre. REUTERS/Jane Doe",
        "The minister speaks at a press conference. (Photo by Tom Brown/Getty Images)",
        "Rescue teams search the rubble. Photo by Anna Ross",
        "Pictured: The damaged bridge over the river",
        "Image: Reuters",
        "File photo: The parliament building in the capital",
    ],
)
def test_clean_classify_line_caption(line: str) -> None:
    assert classify_line(line) == "caption"


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Smith",
        "By Jane Smith and Omar Khan",
        "By Farid Rahmani, Kabul correspondent",
        "Reporting by A in B; Editing by C",
        "Reporting by Lena Fischer in Berlin; Editing by Mark Dunn",
        "Reporting by Lena Fischer",
        "Editing by Mark Dunn",
        "Additional reporting by Tom Ward in Kyiv",
        "HDS/AT",
        "MKA/JR",
        "AB/CDE/FG",
        "ab/cd",
        "Staff Writer",
    ],
)
def test_clean_classify_line_byline(line: str) -> None:
    assert classify_line(line) == "byline"


@pytest.mark.parametrize(
    "line",
    [
        "SHARE THIS ARTICLE",
        "Share on Facebook",
        "Facebook Twitter Email",
        "Follow us on Twitter",
        "Follow us on Instagram for live updates",
        "© 2019 Northwind Media. All rights reserved.",
        "Copyright 2020 Acme News",
        "(c) 2020 Acme News",
        "https://news.example.com/world/2019/05/story",
        "www.example.com",
        "example.org/some/path",
        "The Gazette’s website can also be accessed at the following alternate addresses:",
        "This article can also be read at the following mirror addresses:",
        "Read more: Ten things to know about the vote",
        "Related: Talks resume in Geneva",
        "Advertisement",
        "12 comments",
        "Tags: Ukraine, Russia",
        "Sign up for our newsletter",
        "This story has been updated.",
        "Download our app for breaking news alerts",
        "Loading...",
        "---",
    ],
)
def test_clean_classify_line_boilerplate(line: str) -> None:
    assert classify_line(line) == "boilerplate"


@pytest.mark.parametrize(
    "line",
    [
        "Officials said residents would share the cost of rebuilding the bridge.",
        "The company said it would share details of the deal with regulators later this month.",
        "The photo showed soldiers near the wreckage of the helicopter, the ministry said.",
        "A photographer was among those detained by police on Friday, his agency said.",
        "Follow-up talks are expected next week in Vienna, diplomats said.",
        "Next, the president travelled to Paris, where he met Macron.",
        "The reporter was detained by police in the capital on Friday, his newspaper said.",
        ("Protesters followed the motorcade through the city, chanting slogans against the "
        "government."),
        "The minister said the talks had failed.",
        "Kerry met Putin in Sochi",
        "",
        pytest.param(
            "By Tuesday evening, the ceasefire had collapsed across the region, officials said.",
        ),
        pytest.param(
            "By contrast, the opposition said the vote had been rigged.",
        ),
        pytest.param(
            "From Monday, all flights to the region will be suspended, the airline said.",
        ),
        pytest.param(
            "Share prices fell sharply in Tokyo after the announcement, traders said.",
        ),
        pytest.param(
            "Video footage showed tanks rolling through the streets of the capital on Sunday.",
        ),
        pytest.param(
            "Home to two million people, the city has been without power since Friday.",
        ),
        pytest.param(
            "Lawyers argued that the leak violated copyright law, the court heard on Monday.",
        ),
    ],
)
def test_clean_classify_line_keeps_real_sentences(line: str) -> None:
    assert classify_line(line) is None


@pytest.mark.parametrize(
    "line",
    [
        ("Reporting by Lena Fischer and Tom Ward in Berlin, Sara Holm in Oslo; Writing by Ian "
        "Moss; Editing by Mark Dunn"),
        ("Reporting by Ana Ruiz and Pablo Soto in Lima and Jorge Diaz in Quito; Editing by Kate "
        "Lowe"),
    ],
)
def test_clean_classify_line_long_reporting_credit_is_byline(line: str) -> None:
    assert classify_line(line) == "byline"


def test_clean_classify_line_contributed_credit_is_byline() -> None:
    assert classify_line("Desk writer Omar Reed in Cairo contributed to this report.") == "byline"


# --------------------------------------------------------------------------- from_text


def test_clean_from_text_title_then_blank_line() -> None:
    doc = from_text(
        "Talks collapse in Geneva\n\n"
        "Diplomats left the talks in Geneva on Friday without a deal, officials said.\n\n"
        "A second round is planned for next month."
    )
    assert doc.title == "Talks collapse in Geneva"
    assert doc.body == (
        "Diplomats left the talks in Geneva on Friday without a deal, officials said.\n\n"
        "A second round is planned for next month."
    )
    assert doc.removed == []


@pytest.mark.parametrize(
    "text",
    [
        "Diplomats left the talks in Geneva on Friday without a deal, officials said.",
        # The first line ends like a sentence: not a title.
        "Diplomats left the talks in Geneva.\n\nA second round is planned for next month.",
        # No blank line after the first line: a wrapped paragraph, not a title.
        "Diplomats left the talks in Geneva\non Friday without a deal, officials said.",
    ],
)
def test_clean_from_text_no_title(text: str) -> None:
    doc = from_text(text)
    assert doc.title is None
    assert doc.body.startswith("Diplomats left the talks in Geneva")


def test_clean_from_text_caption_line_is_not_a_title() -> None:
    doc = from_text(
        "Photo: Ministers arrive at the summit venue\n\n"
        "Ministers from both countries met on Monday to discuss the border dispute."
    )
    assert doc.title is None
    assert doc.removed == [("Photo: Ministers arrive at the summit venue", "caption")]
    assert doc.body == "Ministers from both countries met on Monday to discuss the border dispute."


def test_clean_from_text_paragraphs_joined_with_blank_line() -> None:
    doc = from_text(
        "Floods hit the north\n\n"
        "Heavy rain flooded villages across the north on Sunday.\n\n\n"
        "Rescue teams reached the worst-hit areas by boat.\n\n"
        "The army said it had deployed two thousand soldiers."
    )
    assert doc.body.split("\n\n") == [
        "Heavy rain flooded villages across the north on Sunday.",
        "Rescue teams reached the worst-hit areas by boat.",
        "The army said it had deployed two thousand soldiers.",
    ]


def test_clean_from_text_rejoins_hard_wrapped_lines() -> None:
    doc = from_text(
        "Border reopens\n\n"
        "The minister said on Monday that the\n"
        "border would reopen next week after\n"
        "months of closure.\n\n"
        "Traders welcomed the news."
    )
    assert doc.body == (
        "The minister said on Monday that the border would reopen next week after months of "
        "closure.\n\nTraders welcomed the news."
    )


def test_clean_from_text_crlf_and_nbsp_normalised() -> None:
    doc = from_text("Border reopens\r\n\r\nThe border\u00a0reopened on Monday.\r\n")
    assert doc.title == "Border reopens"
    assert doc.body == "The border reopened on Monday."


def test_clean_from_text_trailing_short_lines_are_boilerplate() -> None:
    doc = from_text(
        "Border reopens\n\n"
        "The border reopened on Monday after months of closure, officials said.\n\n"
        "Traders welcomed the news.\n\n"
        "About us\n"
        "Contact the desk\n"
        "Careers"
    )
    assert doc.body == (
        "The border reopened on Monday after months of closure, officials said.\n\n"
        "Traders welcomed the news."
    )
    assert doc.removed == [
        ("About us", "boilerplate"),
        ("Contact the desk", "boilerplate"),
        ("Careers", "boilerplate"),
    ]


def test_clean_from_text_single_short_paragraph_is_kept() -> None:
    # A one-paragraph article is never eaten by the trailing-fragment rule.
    doc = from_text("Storm warning issued")
    assert doc.body == "Storm warning issued"
    assert doc.removed == []


@pytest.mark.parametrize(
    ("text", "dateline", "wire", "body"),
    [
        (
            ("MOSCOW, May 12 (Reuters) - Russian officials met their American counterparts on "
            "Tuesday."),
            "MOSCOW, May 12 (Reuters) -",
            "Reuters",
            "Russian officials met their American counterparts on Tuesday.",
        ),
        (
            "KYIV, Ukraine (NWS) — Air raid sirens sounded across the capital overnight.",
            "KYIV, Ukraine (NWS) —",
            "NWS",
            "Air raid sirens sounded across the capital overnight.",
        ),
        (
            ("SAN FRANCISCO - The city council voted on Monday to ban the sale of flavoured "
            "tobacco."),
            "SAN FRANCISCO -",
            None,
            "The city council voted on Monday to ban the sale of flavoured tobacco.",
        ),
        (
            ("ADDIS ABABA, Nov 4 (Atlas News) - The prime minister ordered an offensive on "
            "Wednesday."),
            "ADDIS ABABA, Nov 4 (Atlas News) -",
            "Atlas News",
            "The prime minister ordered an offensive on Wednesday.",
        ),
    ],
)
def test_clean_from_text_dateline_removed(
    text: str, dateline: str, wire: str | None, body: str
) -> None:
    doc = from_text("Headline about the news\n\n" + text + "\n\nA second paragraph follows here.")
    assert doc.dateline == dateline
    assert doc.wire == wire
    assert (dateline, "dateline") in doc.removed
    assert doc.body == body + "\n\nA second paragraph follows here."


def test_clean_from_text_no_dateline_for_ordinary_sentence() -> None:
    doc = from_text("UN - a short name.\n\nThe UN said on Monday that aid had arrived.")
    assert doc.dateline is None
    assert all(kind != "dateline" for _, kind in doc.removed)


def test_clean_from_text_byline_and_credits_removed() -> None:
    doc = from_text(
        "Ceasefire holds in the south\n\n"
        "By Jane Smith\n\n"
        "A ceasefire held across the south on Monday, residents said.\n\n"
        "Reporting by Jane Smith in Aden; Editing by Mark Dunn"
    )
    assert doc.body == "A ceasefire held across the south on Monday, residents said."
    assert doc.removed == [
        ("By Jane Smith", "byline"),
        ("Reporting by Jane Smith in Aden; Editing by Mark Dunn", "byline"),
    ]


# --------------------------------------------------------------------------- infer_date


def _doc(body: str, removed: list[tuple[str, str]]) -> CleanDoc:
    return CleanDoc(body=body, removed=removed)


@pytest.mark.parametrize(
    ("caption", "body", "expected"),
    [
        # 2015-05-11 is a Monday; "on Tuesday" moves the anchor one day forward.
        ("Ministers arrive on May 11, 2015. (AFP Photo)", "They met on Tuesday.", "2015-05-12"),
        # Same weekday as the caption date.
        ("Ministers arrive on May 11, 2015. (AFP Photo)", "They met on Monday.", "2015-05-11"),
        # Saturday would be five days on: too far, the caption date stays.
        ("Ministers arrive on May 11, 2015. (AFP Photo)", "They met on Saturday.", "2015-05-11"),
        # No weekday in the body.
        ("Ministers arrive on May 11, 2015. (AFP Photo)", "They met again.", "2015-05-11"),
        # Day-month-year order; 2021-03-03 is a Wednesday, Friday is two days on.
        ("Crews at work, 3 March 2021 (Reuters)", "Crews arrived on Friday.", "2021-03-05"),
        # No date in the caption.
        ("Crews at work in the harbour. (Reuters)", "Crews arrived on Friday.", None),
    ],
)
def test_clean_infer_date_from_caption(caption: str, body: str, expected: str | None) -> None:
    assert infer_date(_doc(body, [(caption, "caption")])) == expected


@pytest.mark.parametrize(
    ("dateline", "body", "expected"),
    [
        ("MOSCOW, May 12 (Reuters) -", "Officials met on Tuesday after talks in 2015.",
         "2015-05-12"),
        ("MOSCOW, May 12, 2016 -", "Officials met on Tuesday.", "2016-05-12"),
        # The year is unknown when no candidate year puts June 3 on the weekday named.
        ("PARIS, June 3 -", "Police cleared the square on Saturday, a year after 2019 protests.",
         None),
        # ... and found when one does (June 3, 2020 was a Wednesday).
        ("PARIS, June 3 -", "Police cleared the square on Wednesday, a year after 2019 protests.",
         "2020-06-03"),
        # No year anywhere: nothing to infer.
        ("MOSCOW, May 12 (Reuters) -", "Officials met on Tuesday.", None),
        # A dateline without a date.
        ("MOSCOW (Reuters) -", "Officials met on Tuesday in 2015.", None),
    ],
)
def test_clean_infer_date_from_dateline(dateline: str, body: str, expected: str | None) -> None:
    assert infer_date(_doc(body, [(dateline, "dateline")])) == expected


def test_clean_infer_date_dateline_wins_over_caption() -> None:
    doc = _doc(
        "Officials met on Tuesday in 2015.",
        [("Ministers arrive on May 1, 2015. (AFP Photo)", "caption"),
         ("MOSCOW, May 12 (Reuters) -", "dateline")],
    )
    assert infer_date(doc) == "2015-05-12"


def test_clean_infer_date_through_from_text() -> None:
    doc = from_text(
        "Leaders meet in Sochi\n\n"
        "The two leaders shake hands in Sochi on May 11, 2015. (AFP Photo)\n\n"
        "The two leaders met in the Black Sea resort on Tuesday, officials said."
    )
    assert infer_date(doc) == "2015-05-12"


def test_clean_infer_date_year_agrees_with_weekday() -> None:
    # 2019-02-28 was a Thursday; 2018-02-28 was a Wednesday.
    doc = from_text(
        "HANOI, Feb 28 (Globe Wire) - The summit ended on Thursday without a deal, eight months "
        "after the first meeting of the two leaders in 2018."
    )
    assert infer_date(doc) in (None, "2019-02-28")


# --------------------------------------------------------------------------- outlet_name


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Press TV’s website can also be accessed at the following alternate addresses:",
         "Press TV"),
        ("Press TV's website can also be accessed at the following alternate addresses:",
         "Press TV"),
        ("© 2020 Northwind Media Group", "Northwind Media Group"),
        ("Copyright 2018-2020 Eastern Herald", "Eastern Herald"),
        pytest.param("© 2019 Harbour Line News. All rights reserved.", "Harbour Line News",),
    ],
)
def test_clean_outlet_name_from_boilerplate_line(line: str, expected: str) -> None:
    assert outlet_name(None, CleanDoc(removed=[(line, "boilerplate")])) == expected


def test_clean_outlet_name_ignores_caption_credit() -> None:
    doc = CleanDoc(removed=[("Crowds in the square. (Reuters)", "caption")])
    assert outlet_name(None, doc) is None


@pytest.mark.parametrize(
    ("wire", "expected"), [("Reuters", "Reuters"), ("REUTERS", "Reuters"), ("AP", "AP"),
                           ("Globe Wire", "Globe Wire")]
)
def test_clean_outlet_name_from_wire_credit(wire: str, expected: str) -> None:
    assert outlet_name(None, CleanDoc(wire=wire)) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reuters.com/world/europe/story-2015-05-12/", "Reuters"),
        ("https://www.aljazeera.com/news/2021/5/21/ceasefire", "Al Jazeera"),
        ("https://edition.cnn.com/2019/02/28/asia/story", "CNN"),
        ("www.presstv.ir/Detail/2015/05/12/story", "Press TV"),
        ("https://www.northwind.example.com/a/b", "northwind.example.com"),
    ],
)
def test_clean_outlet_name_from_url(url: str, expected: str) -> None:
    assert outlet_name(url, CleanDoc()) == expected


def test_clean_outlet_name_priority() -> None:
    doc = CleanDoc(sitename="Harbour Gazette", wire="Reuters",
                   removed=[("© 2020 Northwind Media Group", "boilerplate")])
    assert outlet_name("https://www.bbc.co.uk/news/x", doc) == "Harbour Gazette"
    doc.sitename = None
    assert outlet_name("https://www.bbc.co.uk/news/x", doc) == "BBC"
    assert outlet_name(None, doc) == "Northwind Media Group"
    doc.removed = []
    assert outlet_name(None, doc) == "Reuters"
    assert outlet_name(None, CleanDoc()) is None


def test_clean_outlet_name_through_from_text() -> None:
    doc = from_text(
        "Talks fail in Vienna\n\n"
        "The talks in Vienna failed on Monday, officials said.\n\n"
        "Caspian Daily’s website can also be accessed at the following alternate addresses:\n"
        "www.caspiandaily.example.com"
    )
    assert doc.body == "The talks in Vienna failed on Monday, officials said."
    assert outlet_name(None, doc) == "Caspian Daily"


# --------------------------------------------------------------------------- from_html

HANDWRITTEN_HTML = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Port strike ends after pay deal | Harbour Gazette</title>
<meta property="og:title" content="Port strike ends after pay deal">
<meta property="og:site_name" content="Harbour Gazette">
<meta property="article:published_time" content="2017-09-14T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Port strike ends after pay deal</h1>
<figure><img src="a.jpg" alt="Dockers"><figcaption>Dock workers leave the terminal gates in the
harbour district on September 13, 2017. (Photo by Lin Park)</figcaption></figure>
<p>Dock workers at the city's main container port returned to work on Thursday after union
leaders accepted a new pay offer from the port authority.</p>
<p>The four-day strike had left more than forty ships waiting at anchor outside the harbour,
and exporters said the delays had cost them millions of dollars.</p>
<p>"This agreement recognises the work our members do every day," the union's general
secretary told reporters outside the terminal.</p>
</article>
<footer><p>We use cookies to improve your experience. Accept all cookies.</p>
<p>&copy; 2017 Harbour Gazette Ltd. All rights reserved.</p></footer>
</body></html>"""


def test_clean_from_html_handwritten_page() -> None:
    doc = from_html(HANDWRITTEN_HTML)
    assert doc.title == "Port strike ends after pay deal"
    assert doc.sitename == "Harbour Gazette"
    assert doc.meta_date == "2017-09-14"
    caption = ("Dock workers leave the terminal gates in the harbour district on September 13, "
               "2017. (Photo by Lin Park)")
    assert doc.removed == [(caption, "caption")]
    assert doc.body == (
        "Dock workers at the city's main container port returned to work on Thursday after "
        "union leaders accepted a new pay offer from the port authority.\n\n"
        "The four-day strike had left more than forty ships waiting at anchor outside the "
        "harbour, and exporters said the delays had cost them millions of dollars.\n\n"
        "\"This agreement recognises the work our members do every day,\" the union's general "
        "secretary told reporters outside the terminal."
    )
    assert outlet_name(None, doc) == "Harbour Gazette"


def test_clean_from_html_keeps_given_url() -> None:
    doc = from_html(HANDWRITTEN_HTML, url="https://harbourgazette.example.com/port-strike")
    assert doc.url == "https://harbourgazette.example.com/port-strike"


@pytest.mark.parametrize(
    "html",
    ["<html><body></body></html>", "<html><body><p></p></body></html>"],
)
def test_clean_from_html_no_article_raises_clean_error(html: str) -> None:
    from dateline.stages.clean import CleanError

    with pytest.raises(CleanError, match="^no article text found in the HTML$"):
        from_html(html)


def test_clean_from_html_single_paragraph_fragment() -> None:
    assert from_html("<p>Hi</p>").body == "Hi"


# Title (og:title / h1), published date, figcaption, first and last paragraph of each page.
HTML_EXAMPLES = {
    "17-nato-kosovo-air-strikes.html": (
        "NATO launches air strikes on Yugoslavia over Kosovo", "1999-03-25",
        "Continental Ledger",
        ("NATO Secretary-General Javier Solana announces the start of air operations at alliance "
        "headquarters in Brussels on March 24, 1999. Photo: Ledger archive"),
        "NATO warplanes and cruise missiles struck military targets across Yugoslavia",
        "to enforce a peaceful solution in Kosovo,\" Chancellor Gerhard Schroeder said.",
    ),
    "18-syria-strikes-douma.html": (
        "US, Britain and France strike Syria chemical weapons sites after Douma attack",
        "2018-04-14", "The Dispatch Desk",
        ("Syrian air defence fire lights up the sky over Damascus early on April 14, 2018. "
        "(AFP Photo)"),
        "The United States, Britain and France carried out missile strikes on Syria",
        "\"A perfectly executed strike last night... Mission Accomplished!\"",
    ),
    "19-israel-hamas-ceasefire.html": (
        "Israel-Hamas ceasefire takes hold after 11 days of fighting", "2021-05-21",
        "Levant Observer",
        ("Palestinians take to the streets of Gaza City after the ceasefire came into effect "
        "early on May 21, 2021. Photo: Levant Observer / M. Saleh"),
        "A ceasefire between Israel and the Islamist group Hamas came into force",
        "Gazans had been displaced by the bombardment.",
    ),
    "20-us-uk-strikes-houthis.html": (
        "US and Britain strike Houthi targets in Yemen over Red Sea attacks", "2024-01-12",
        "Strait & Harbour News",
        ("A Royal Air Force Typhoon jet returns to RAF Akrotiri in Cyprus after strikes on "
        "targets in Yemen, January 12, 2024. (UK Ministry of Defence handout)"),
        "Washington says more than 60 targets were hit at 16 locations",
        "Oil prices rose on the news.",
    ),
}

# Navigation, sidebars, footers and cookie notices of the example pages.
HTML_CHROME = (
    "cookie", "Cookie", "All rights reserved", "Most read", "Advertisement", "Terms of use",
    "Privacy", "Recent posts", "Leave a comment", "Filed under", "No spam", "Related coverage",
    "Sign up", "Breaking:", "Trending", "Subscribe", "first month free", "Notes on war",
    "Proudly independent", "Refugees pour into Macedonia", "Red Sea rerouting",
    "Rockets fired at Jerusalem", "Douma: what we know", "Posted on", "Published May",
    "correspondent —", "Manage preferences",
)


@pytest.mark.parametrize("name", sorted(HTML_EXAMPLES))
def test_clean_from_html_examples(name: str) -> None:
    title, date, site, caption, first, last = HTML_EXAMPLES[name]
    doc = from_html((EXAMPLES / name).read_text("utf-8"))
    assert doc.title == title
    assert doc.meta_date == date
    assert outlet_name(None, doc) == site
    assert (caption, "caption") in doc.removed
    assert caption not in doc.body
    assert doc.body.startswith(first)
    assert doc.body.endswith(last)
    assert title not in doc.body
    for chrome in HTML_CHROME:
        assert chrome not in doc.body, chrome


# --------------------------------------------------------------------------- examples/*.txt

# What each example file carries besides the article (read from the files themselves:
# examples/README.md describes the house styles but does not list them line by line).
# Each entry: (start of the line, kind, xfail reason or None).
TXT_FEATURES: dict[str, list[tuple[str, str, str | None]]] = {
    "01-crimea-referendum.txt": [
        ("Residents wave Russian flags in Lenin Square", "caption", None),
        ("MKA/JR", "byline", None),
        ("SHARE THIS ARTICLE", "boilerplate", None),
        ("Facebook Twitter Email", "boilerplate", None),
    ],
    "02-iran-nuclear-deal-vienna.txt": [
        ("Iranian Foreign Minister Mohammad Javad Zarif and EU", "caption", None),
        ("Follow us on Twitter", "boilerplate", None),
        ("Download our app for the latest news", "boilerplate", None),
        ("© 2015 Caspian Review Online", "boilerplate", None),
    ],
    "03-singapore-summit.txt": [
        ("Photo: US President Donald Trump", "caption", None),
        ("Related: Seoul welcomes", "boilerplate", None),
        ("Read more: What the Singapore", "boilerplate", None),
        ("Download our app to get breaking news alerts", "boilerplate", None),
        ("www.globalwiretoday-news.com", "boilerplate", None),
    ],
    "04-hong-kong-extradition-march.txt": [
        ("SHARE THIS ARTICLE", "boilerplate", None),
        ("Facebook | Twitter | WhatsApp | Email", "boilerplate", None),
        ("© 2019 Harbour Line News", "boilerplate", None),
    ],
    "05-balakot-air-strike.txt": [
        ("Indian Foreign Secretary Vijay Gokhale reads a statement", "caption", None),
        ("SB/HGH", "byline", None),
        ("This article can also be read at the following mirror addresses:", "boilerplate",
         None),
        ("subcontinent-now.example.net/", "boilerplate", None),
        ("mirror2.subcontinent-now.example.org/", "boilerplate", None),
    ],
    "06-belarus-minsk-march.txt": [
        ("Photo: Demonstrators fill Independence Avenue", "caption", None),
        ("Follow us on Twitter and Telegram", "boilerplate", None),
        ("Download our app: East European Bulletin", "boilerplate", None),
        ("www.easteuropeanbulletin.example.com", "boilerplate", None),
    ],
    "07-egypt-mubarak-resigns.txt": [
        ("Crowds celebrate in Cairo's Tahrir Square", "caption", None),
        ("AH/MT", "byline", None),
        ("Related: Timeline of the Egyptian uprising", "boilerplate", None),
        ("SHARE THIS ARTICLE", "boilerplate", None),
    ],
    "08-myanmar-military-coup.txt": [
        ("TZ/KL", "byline", None),
        ("Read more: Who is Min Aung Hlaing", "boilerplate", None),
        ("© 2021 Andaman Star Online", "boilerplate", None),
    ],
    "09-russia-invades-ukraine.txt": [
        ("Reporting by Natalia Koval", "byline", BUG_LONG_CREDIT),
    ],
    "10-taliban-enter-kabul.txt": [
        ("By Farid Rahmani and Helen Carter", "byline", None),
        ("NWS writers Sam Holloway", "byline", BUG_CONTRIBUTED),
    ],
    "11-hanoi-summit-collapses.txt": [
        ("Reporting by Thomas Beck", "byline", BUG_LONG_CREDIT),
    ],
    "12-brexit-referendum-result.txt": [
        ("By Anna Lee", "byline", None),
        ("NWS correspondents in Edinburgh and Brussels contributed", "byline", BUG_CONTRIBUTED),
    ],
    "13-venezuela-guaido-interim-president.txt": [
        ("Reporting by Miguel Herrera", "byline", BUG_LONG_CREDIT),
    ],
    "14-sudan-bashir-ousted.txt": [
        ("By Amira Hassan", "byline", None),
        ("NWS writer Omar Siddig", "byline", BUG_CONTRIBUTED),
    ],
    "15-colombia-farc-peace-signing.txt": [
        ("Reporting by Andres Molina and Julia Barrett", "byline", None),
    ],
    "16-ethiopia-tigray-offensive.txt": [
        ("Reporting by Selam Tadesse", "byline", BUG_LONG_CREDIT),
        ("Our Standards:", "boilerplate", BUG_STANDARDS),
    ],
}

# Wire datelines and the words the body must start with after them.
TXT_DATELINES = {
    "09-russia-invades-ukraine.txt": ("KYIV, Feb 24 (Globe Wire) -", "Russia attacked Ukraine"),
    "10-taliban-enter-kabul.txt": ("KABUL, Afghanistan (NWS) —", "Taliban fighters entered"),
    "11-hanoi-summit-collapses.txt": ("HANOI, Feb 28 (Globe Wire) -", "A second summit"),
    "12-brexit-referendum-result.txt": ("LONDON (NWS) —", "Britain has voted to leave"),
    "13-venezuela-guaido-interim-president.txt": ("CARACAS, Jan 23 (Atlas News) -",
                                                   "Venezuelan opposition leader"),
    "14-sudan-bashir-ousted.txt": ("KHARTOUM, Sudan (NWS) —", "Sudan's military removed"),
    "15-colombia-farc-peace-signing.txt": ("CARTAGENA, Colombia, Sept 26 (Globe Wire) -",
                                           "Colombian President Juan Manuel Santos"),
    "16-ethiopia-tigray-offensive.txt": ("ADDIS ABABA, Nov 4 (Atlas News) -",
                                         "Ethiopian Prime Minister Abiy Ahmed"),
}

# Publication dates (examples/README.md).
TXT_PUBLISHED = {
    "01-crimea-referendum.txt": "2014-03-17", "02-iran-nuclear-deal-vienna.txt": "2015-07-14",
    "03-singapore-summit.txt": "2018-06-12", "04-hong-kong-extradition-march.txt": "2019-06-17",
    "05-balakot-air-strike.txt": "2019-02-26", "06-belarus-minsk-march.txt": "2020-08-17",
    "07-egypt-mubarak-resigns.txt": "2011-02-11", "08-myanmar-military-coup.txt": "2021-02-01",
    "09-russia-invades-ukraine.txt": "2022-02-24", "10-taliban-enter-kabul.txt": "2021-08-15",
    "11-hanoi-summit-collapses.txt": "2019-02-28",
    "12-brexit-referendum-result.txt": "2016-06-24",
    "13-venezuela-guaido-interim-president.txt": "2019-01-23",
    "14-sudan-bashir-ousted.txt": "2019-04-11",
    "15-colombia-farc-peace-signing.txt": "2016-09-26",
    "16-ethiopia-tigray-offensive.txt": "2020-11-04",
}
WRONG_YEAR = {"11-hanoi-summit-collapses.txt", "15-colombia-farc-peace-signing.txt",
              "16-ethiopia-tigray-offensive.txt"}


def _example(name: str) -> tuple[str, CleanDoc]:
    raw = (EXAMPLES / name).read_text("utf-8")
    return raw, from_text(raw)


def _line_starting(raw: str, prefix: str) -> str:
    lines = [ln.strip() for ln in raw.split("\n") if ln.strip().startswith(prefix)]
    assert len(lines) == 1, f"{prefix!r} should start exactly one line"
    return lines[0]


def test_clean_examples_are_all_covered() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.txt")) == sorted(TXT_FEATURES)


def _feature_params() -> list[object]:
    params: list[object] = []
    for name, feats in sorted(TXT_FEATURES.items()):
        for prefix, kind, bug in feats:
            marks: list[pytest.MarkDecorator] = []
            params.append(pytest.param(name, prefix, kind, marks=marks, id=f"{name}:{prefix}"))
    return params


@pytest.mark.parametrize(("name", "prefix", "kind"), _feature_params())
def test_clean_examples_feature_removed(name: str, prefix: str, kind: str) -> None:
    raw, doc = _example(name)
    line = _line_starting(raw, prefix)
    assert (line, kind) in doc.removed
    assert line not in doc.body


@pytest.mark.parametrize("name", sorted(TXT_FEATURES))
def test_clean_examples_remove_nothing_else(name: str) -> None:
    """No removed item is a real sentence of the article: everything removed is a known feature."""
    raw, doc = _example(name)
    expected = {_line_starting(raw, prefix) for prefix, _, _ in TXT_FEATURES[name]}
    for text, kind in doc.removed:
        if kind == "dateline":
            continue
        assert text in expected, f"{text!r} ({kind}) was removed but is article text"
        assert text not in doc.body


@pytest.mark.parametrize("name", sorted(TXT_FEATURES))
def test_clean_examples_title_and_paragraphs(name: str) -> None:
    raw, doc = _example(name)
    assert doc.title == raw.split("\n", 1)[0].strip()
    assert doc.title not in doc.body
    # Each body paragraph is one paragraph of the file (no line was split or merged).
    raw_paras = {p.strip() for p in raw.split("\n\n")}
    dateline = TXT_DATELINES.get(name, ("",))[0]
    for i, para in enumerate(doc.body.split("\n\n")):
        if i == 0 and dateline:
            para = f"{dateline} {para}"
        assert para in raw_paras


@pytest.mark.parametrize("name", sorted(TXT_FEATURES))
def test_clean_examples_dateline(name: str) -> None:
    _, doc = _example(name)
    if name not in TXT_DATELINES:
        assert doc.dateline is None
        assert all(kind != "dateline" for _, kind in doc.removed)
        return
    dateline, start = TXT_DATELINES[name]
    assert doc.dateline == dateline
    assert (dateline, "dateline") in doc.removed
    assert doc.body.startswith(start)


def _date_params() -> list[object]:
    return [
        pytest.param(n)
        if n in WRONG_YEAR else n
        for n in sorted(TXT_PUBLISHED)
    ]


@pytest.mark.parametrize("name", _date_params())
def test_clean_examples_inferred_date_is_none_or_right(name: str) -> None:
    _, doc = _example(name)
    assert infer_date(doc) in (None, TXT_PUBLISHED[name])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("01-crimea-referendum.txt", "2014-03-17"),   # caption Sunday + "on Monday"
        ("02-iran-nuclear-deal-vienna.txt", "2015-07-14"),
        ("06-belarus-minsk-march.txt", "2020-08-17"),
        ("07-egypt-mubarak-resigns.txt", "2011-02-11"),
        ("04-hong-kong-extradition-march.txt", None),  # no caption, no dateline
        ("13-venezuela-guaido-interim-president.txt", None),  # dateline, no year in the body
    ],
)
def test_clean_examples_inferred_date(name: str, expected: str | None) -> None:
    _, doc = _example(name)
    assert infer_date(doc) == expected


# --------------------------------------------------------------------------- running time


def _seconds(fn: object, arg: str) -> float:
    import time

    start = time.perf_counter()
    fn(arg)  # type: ignore[operator]
    return time.perf_counter() - start


def test_clean_classify_line_long_line_is_fast() -> None:
    line = "By Jane Smith, " + "staff writer " * 40 + "!"
    assert classify_line(line) is None
    assert _seconds(classify_line, line) < 0.05


def test_clean_classify_line_no_catastrophic_backtracking() -> None:
    assert _seconds(classify_line, "By " + "xand" * 26 + "!") < 0.03


def test_clean_from_text_dateline_no_catastrophic_backtracking() -> None:
    assert _seconds(from_text, "A" + "-A" * 70 + " x") < 0.05
