"""Tests of stage "clean" (kg/clean.py): hand-made scraped pages and the five sample articles."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from kg.clean import (
    Block,
    _blocks,
    _word_count,
    clean_document,
    furniture_reason,
    is_tagline,
    mark_site_lines,
    select_html_blocks,
    select_text_blocks,
    site_of,
    text_report,
)
from kg.records import Article, RawDocument

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "articles").glob("*.txt"))
GOLD = ROOT / "tests" / "data" / "seeds-gold.json"

TITLE = "Ministers agree on new border talks in Vienna"
BODY = [
    "Foreign ministers from Austria and Hungary agreed on Tuesday to resume border talks that "
    "had stalled for more than a year, officials said after the meeting.",
    "Austrian Foreign Minister Klaus Berger said the two sides would meet again in Budapest next "
    "month and that a joint commission would draft a plan for the crossings.",
    "His Hungarian counterpart, Zoltan Farkas, told reporters that the talks had been frank and "
    "that both governments wanted to ease the queues at the border before the summer.",
]
CAPTION = "Delegates arrive for the talks on Tuesday. (Photo by Marta Kowalczyk / Getty Images)"
PROMO = "Join thousands of readers who get our newsletter every morning. Already a member? Sign in"
HEADLINES = [
    "Orban Visits Beijing For Trade Talks",
    "Macron Calls For New European Army",
    "Stock Markets Fall After Rate Decision",
    "Storm Closes Alpine Passes In Tyrol",
    "Ferrari Unveils Its Newest Supercar",
]
COMMENT_FORM = ["Your Comment", "Name", "Email", "Enter the captcha"]
NAV = ["Home", "World", "Politics", "Business"]

# A page laid out as scraped: menu, title, body with a photo caption inside it, a promotion,
# related headlines, a comment form.
PAGE = (
    "\n".join(
        [
            *NAV,
            TITLE,
            BODY[0],
            CAPTION,
            BODY[1],
            BODY[2],
            PROMO,
            "Related",
            *HEADLINES,
            *COMMENT_FORM,
        ]
    )
    + "\n"
)
# Names (and words) printed only in the page's clutter.
CLUTTER_NAMES = [
    "Marta Kowalczyk",
    "Getty Images",
    "Orban",
    "Beijing",
    "Macron",
    "Tyrol",
    "Ferrari",
    "captcha",
    "newsletter",
    "Sign in",
    "Home",
    "Politics",
]


def clean(
    text: str, *, title: str | None = None, url: str | None = None, publisher: str | None = None
) -> Article:
    doc = RawDocument(source="t", text=text, path="t", title=title, url=url, publisher=publisher)
    return clean_document(doc, article_id="t")


def blocks_of(raw: str) -> list[Block]:
    """The raw text cut into line blocks, each classed (as clean_document does)."""
    return _blocks(raw)


def clean_file(path: Path, raw: str) -> Article:
    return clean_document(RawDocument(source=str(path), text=raw, path=str(path)), article_id="a")


def has_word(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def assert_maps_back(article: Article, raw: str) -> None:
    assert article.segments, "a non-empty article has segments"
    covered = 0
    for seg in article.segments:
        piece = article.text[seg.start : seg.start + seg.length]
        assert piece == raw[seg.raw_start : seg.raw_start + seg.length]
        covered += seg.length
        for offset in (seg.start, seg.start + seg.length // 2, seg.start + seg.length - 1):
            assert raw[article.raw_offset(offset)] == article.text[offset]
    # Segments are in order and the rest of the cleaned text is only the blank-line joins.
    starts = [s.start for s in article.segments]
    assert starts == sorted(starts)
    assert len(article.text) - covered == 2 * (len(article.segments) - 1)


# furniture_reason: evidence of a block on its own


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (CAPTION, "credit"),
        ("Photo: Marta Kowalczyk", "line"),
        (PROMO, "call"),
        ("Your Comment", None),
        ("Skip to main content", "line"),
        ("Read more: Storm closes Alpine passes in Tyrol", "line"),
        ("SEE MORE: Ferrari unveils its newest supercar", "line"),
        ("Related: Stock markets fall after rate decision", "line"),
        ("Like this story? Share it with a friend.", "line"),
        ("Follow the Daily Planet on Facebook and Twitter for more news.", "line"),
        ("© 2024 Example Media Ltd. All rights reserved.", "line"),
        ("Sign up for our free morning newsletter.", "call"),
        ("Download our app for the latest headlines.", "call"),
        ("Jane Roe is a staff reporter covering city hall.", "line"),
        # A caption ending in its credit.
        (
            "Fans queue for tickets outside the stadium at dawn. Photo: A. Lindqvist/Agency",
            "credit",
        ),
        ("A lava flow reaches the coast road. Credit: J. Okafor (CC BY 2.0)", "credit"),
        ("Rescuers search the collapsed warehouse. By CITY FIRE DEPARTMENT", "credit"),
        ("The old mill before the fire. Picture by: Tom Hale", "credit"),
        ("A Facebook group called 'We love the old pier' has gathered 5,000 members.", None),
        ("The board met on Monday. Credit: the bank will lend the city two million euros.", None),
        ("Prices rose again in May. By the end of the year they may double", None),
        # Date lines, calls for tips.
        ("Published March 3, 2031 at 6:15 p.m.", "line"),
        ("Updated: Tue 4 Mar 2031 09:10 GMT", "line"),
        ("Last updated 2 hours ago", "line"),
        ("Published in 1998, the book sold two million copies.", None),
        ("Updated figures show 4,000 more jobs in May.", None),
        ("Have a story? Email us at tips@example.org", "call"),
        ("Got a news tip? Tell us about it.", "call"),
        # A teaser cut short, a breadcrumb trail.
        ("City News – The bridge will close for a month from Monday. Drivers... more", "line"),
        ("Council approves the budget after a long night […] Read more", "line"),
        ("Home › World › Europe", "line"),
        ("News | Business | Markets", "line"),
        ("Update | Two hurt in crash on the coast road", None),
        ("The talks, he said, would go on... for months.", None),
        # Ordinary news sentences with the words that used to cut the rest of an article.
        ("He declined to comment.", None),
        ("The streaming service lost 2 million subscribers in the spring.", None),
        ("Voters can sign up at any post office until Friday, the council said.", None),
        ("The firm changed its terms of service after the ruling.", None),
        ("Two more clubs will join the league next season.", None),
        ("The panel recommended a ban on the pesticide.", None),
        ("If you use Twitter, your data may have been exposed.", None),
        ("More-than-expected rain hit the region on Tuesday.", None),
        ("Smith was a journalist for 20 years before entering politics.", None),
        ("Jane Roe is a producer on the film.", None),
        ("Read more: the plan, the minister said.", None),
        (BODY[0], None),
    ],
)
def test_furniture_reason(text: str, reason: str | None) -> None:
    assert furniture_reason(text) == reason


def test_a_block_that_is_mostly_link_text_is_furniture() -> None:
    text = "Storm prompts airlines to relax travel policies"
    assert furniture_reason(text, link_chars=len(text)) == "link"
    # A name that is a link, and a paragraph with a link in it, are not.
    assert furniture_reason("Zoltan Farkas.", link_chars=13) is None
    assert furniture_reason(BODY[1], link_chars=30) is None


# HTML pages: everything the extractor found but furniture


def html_blocks(lines: list[str], linked: frozenset[int] = frozenset()) -> list[Block]:
    """Blocks of an HTML page's extracted text, the lines in ``linked`` all link text."""
    raw = "\n\n".join(lines)
    links = []
    pos = 0
    for i, line in enumerate(lines):
        if i in linked:
            links.append((pos, pos + len(line)))
        pos += len(line) + 2
    return _blocks(raw, tuple(links))


def test_html_keeps_prose_after_a_suspicious_sentence() -> None:
    # Each of these once cut off everything after it.
    tricky = [
        "A spokesman for the ministry declined to comment.",
        "1. The first round of talks",
        "The broadcaster said it now has 40 million subscribers.",
        "Members who sign up before May pay less, the union said.",
    ]
    lines = [TITLE, BODY[0], *tricky, BODY[1], BODY[2]]
    kept = [b.text for b in select_html_blocks(html_blocks(lines))]
    assert kept == lines


def test_html_drops_furniture_blocks_only() -> None:
    headlines = [
        "Orban Visits Beijing For Trade Talks",
        "Macron Calls For New European Army",
        "Storm Closes Alpine Passes In Tyrol",
    ]
    lines = [
        TITLE,
        BODY[0],
        "Read more: Ferrari unveils its newest supercar",
        BODY[1],
        "Sign up for our free morning newsletter.",
        BODY[2],
        "More from Europe",
        *headlines,
    ]
    linked = frozenset({2, 7, 8, 9})
    kept = [b.text for b in select_html_blocks(html_blocks(lines, linked))]
    assert kept == [TITLE, *BODY]


def test_html_drops_a_list_of_links_but_keeps_a_list_in_the_text() -> None:
    links = ["- Orban visits Beijing for trade talks", "- Macron calls for a new army"]
    facts = ["- The border opens at six.", "- Lorries wait in a separate lane."]
    lines = [BODY[0], *facts, BODY[1], *links]
    kept = [b.text for b in select_html_blocks(html_blocks(lines, frozenset({4, 5})))]
    assert kept == [BODY[0], *facts, BODY[1]]


def test_html_call_words_next_to_a_call_are_furniture() -> None:
    lines = [
        BODY[0],
        "To read the full story, please subscribe to the Daily Planet.",
        "First-time subscribers also receive a welcome gift.",
        BODY[1],
    ]
    kept = [b.text for b in select_html_blocks(html_blocks(lines))]
    assert kept == [BODY[0], BODY[1]]


def test_html_page_keeps_headings_and_the_text_under_them() -> None:
    lines = [TITLE, BODY[0], "What happens next", BODY[1], "Reaction in Budapest", BODY[2]]
    assert [b.text for b in select_html_blocks(html_blocks(lines))] == lines


def test_clean_html_document_reports_dropped_chars() -> None:
    lines = [TITLE, BODY[0], "Follow the Daily Planet on Facebook and Twitter.", BODY[1]]
    raw = "\n\n".join(lines)
    doc = RawDocument(source="t", text=raw, path="t", html=True)
    article = clean_document(doc, article_id="t")
    assert article.text == "\n\n".join([TITLE, BODY[0], BODY[1]])
    assert article.removed_chars == len(raw) - len(article.text) + 2 * 2
    assert len(raw) - article.removed_chars == sum(len(line) for line in lines) - len(lines[2])
    assert_maps_back(article, raw)


# Plain-text pages: jusText's classes


def test_select_text_blocks_keeps_title_and_body_only() -> None:
    kept = select_text_blocks(blocks_of(PAGE))
    assert [b.text for b in kept] == [TITLE, *BODY]


def test_select_text_blocks_drops_a_title_printed_twice() -> None:
    raw = "\n".join([TITLE, TITLE, *BODY])
    kept = select_text_blocks(blocks_of(raw))
    assert [b.text for b in kept] == [TITLE, *BODY]


def test_select_text_blocks_keeps_the_records_headline_above_a_date_and_a_caption() -> None:
    # Weather and science: three short lines above the text; the record's title says which
    # of them is the headline, so all three are the article's (without it, two at most).
    for headline, caption in [
        ("Storm floods coastal towns", "A flooded street in Hull in 2019."),
        ("Probe finds ice near lunar pole", "The crater seen from orbit, from file."),
    ]:
        raw = "\n".join([headline, "Monday, March 2, 2020", caption, *BODY])
        assert select_text_blocks(blocks_of(raw))[0].text != headline
        kept = select_text_blocks(blocks_of(raw), title=headline)
        assert [b.text for b in kept] == [headline, "Monday, March 2, 2020", caption, *BODY]


def test_select_text_blocks_keeps_a_sentence_opening_a_statement_and_a_noted_last_line() -> None:
    # Military and sport: a name-heavy line ending in a colon introduces the statement below
    # it; a last sentence with a note mark ("[4]") still ends a sentence.
    for opener in [
        "The Joint Task Force Commander, Lt. Gen. Karl Brandt, provided the following statement:",
        "Rovers FC manager Tom Hale and captain Ivo Petrov told BBC Radio Kent after the match:",
    ]:
        last = "Brandt was promoted to the command in a 2019 review of the Army staff.[4]"
        raw = "\n".join([BODY[0], opener, BODY[1], last])
        assert [b.text for b in select_text_blocks(blocks_of(raw))] == [
            BODY[0],
            opener,
            BODY[1],
            last,
        ]


def test_select_text_blocks_without_prose_keeps_non_furniture() -> None:
    raw = "\n".join(
        ["Talks in Vienna", "Ministers meet again.", "Sign in", "Photo: Marta Kowalczyk"]
    )
    kept = select_text_blocks(blocks_of(raw))
    assert [b.text for b in kept] == ["Talks in Vienna", "Ministers meet again."]


def test_select_text_blocks_keeps_short_lines_between_paragraphs() -> None:
    raw = "\n".join([BODY[0], "What happens next", BODY[1], "He declined to comment.", BODY[2]])
    kept = select_text_blocks(blocks_of(raw))
    assert [b.text for b in kept] == [b.text for b in blocks_of(raw)]


# clean_document on a scraped page


def test_clean_page_keeps_title_and_body() -> None:
    article = clean(PAGE)
    assert article.text == "\n\n".join([TITLE, *BODY])
    assert article.title == TITLE
    for para in BODY:
        assert para in article.text


def test_clean_page_drops_clutter() -> None:
    article = clean(PAGE)
    for clutter in [CAPTION, PROMO, *HEADLINES, *COMMENT_FORM, *NAV, "Related"]:
        assert clutter not in article.text
    for name in CLUTTER_NAMES:
        assert not has_word(name, article.text), name
    # The names of the body survive.
    for name in ("Klaus Berger", "Zoltan Farkas", "Budapest", "Austria"):
        assert has_word(name, article.text)


def test_clean_page_maps_back_to_raw() -> None:
    article = clean(PAGE)
    assert_maps_back(article, PAGE)
    # An offset inside a name maps onto the same name in the raw text.
    offset = article.text.index("Zoltan Farkas")
    raw_at = article.raw_offset(offset)
    assert PAGE[raw_at : raw_at + len("Zoltan Farkas")] == "Zoltan Farkas"
    assert article.raw_offset(0) == PAGE.index(TITLE)
    with pytest.raises(ValueError, match="not inside"):
        article.raw_offset(len(article.text) + 5)


def test_clean_page_removed_chars() -> None:
    article = clean(PAGE)
    kept = len(TITLE) + sum(len(p) for p in BODY)
    assert article.removed_chars == len(PAGE) - kept
    assert article.removed_chars == len(PAGE) - sum(s.length for s in article.segments)


def test_clean_records_metadata_and_hash() -> None:
    article = clean(PAGE, title="Given title", url="https://example.org/a", publisher="Ex")
    assert article.title == "Given title"  # metadata wins over the guessed title
    assert article.source == "https://example.org/a"
    assert article.publisher == "Ex"
    assert article.id == "t"
    assert article.content_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()


def test_indented_lines_and_crlf_map_back() -> None:
    raw = "  " + TITLE + "\r\n\r\n\t" + BODY[0] + "  \r\n" + BODY[1] + "\r\n"
    article = clean(raw)
    assert article.text == "\n\n".join([TITLE, BODY[0], BODY[1]])
    assert_maps_back(article, raw)


def test_title_kept_when_a_caption_sits_between_menu_title_and_body() -> None:
    raw = "\n".join([*NAV, TITLE, CAPTION, *BODY, PROMO])
    article = clean(raw)
    assert article.title == TITLE
    assert article.text == "\n\n".join([TITLE, *BODY])


# Texts without clutter


def test_plain_text_is_kept_whole() -> None:
    date = "December 28, 2022"
    raw = f"{TITLE}\n{date}\n{BODY[0]} {BODY[1]}\n"
    article = clean(raw)
    assert article.text == f"{TITLE}\n\n{date}\n\n{BODY[0]} {BODY[1]}"
    assert article.title == TITLE
    assert article.removed_chars == 3  # the three newlines
    assert_maps_back(article, raw)


def test_plain_text_with_day_first_date_is_kept_whole() -> None:
    raw = f"{TITLE}\n28 December 2022\n{BODY[0]}\n"
    article = clean(raw)
    assert article.title == TITLE
    assert article.text == f"{TITLE}\n\n28 December 2022\n\n{BODY[0]}"


def test_single_paragraph_is_kept_exactly() -> None:
    article = clean(BODY[0])
    assert article.text == BODY[0]
    assert article.title is None
    assert article.removed_chars == 0
    assert article.segments[0].start == 0 and article.segments[0].raw_start == 0


def test_text_without_prose_keeps_its_non_boilerplate_lines() -> None:
    raw = "Talks in Vienna\nMinisters meet again.\nSubscribe to our newsletter\n"
    article = clean(raw)
    assert article.text == "Talks in Vienna\n\nMinisters meet again."
    assert article.title == "Talks in Vienna"
    assert article.removed_chars == len(raw) - len("Talks in Vienna") - len("Ministers meet again.")
    assert_maps_back(article, raw)


def test_empty_text_gives_empty_article() -> None:
    article = clean("\n  \n")
    assert article.text == ""
    assert article.segments == ()
    assert article.removed_chars == 4


# The sample articles


def clutter_names() -> list[str]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    names = gold["not_entities"]["names"]
    assert len(names) > 20
    return list(names)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.name[:3])
def test_sample_article_loses_its_clutter(path: Path) -> None:
    raw = path.read_text(encoding="utf-8")
    article = clean_file(path, raw)
    assert len(article.text) > 2000  # the body is kept
    found = [name for name in clutter_names() if has_word(name, article.text)]
    assert found == []
    assert_maps_back(article, raw)
    assert article.removed_chars == len(raw) - sum(s.length for s in article.segments)


def test_sample_articles_are_all_there() -> None:
    assert len(ARTICLES) == 5


def test_sample_article_with_repeated_title_keeps_one() -> None:
    path = next(p for p in ARTICLES if p.name.startswith("004"))
    raw = path.read_text(encoding="utf-8")
    article = clean_file(path, raw)
    title = "Turkey, Syria, Russia defence ministers hold talks in Moscow"
    assert raw.count(title) == 2
    assert article.text.count(title) == 1
    assert article.title == title
    assert "Arab Press" not in article.text


def test_hard_wrapped_paragraph_is_one_block() -> None:
    raw = (
        f"{TITLE}\n\n{BODY[0]}\n\n"
        "The two ministers said the number of lorries crossing the border every day\n"
        "had doubled since the spring, and that a new customs post would open\n"
        "in the autumn to shorten the queues on both sides of the crossing.\n\n"
        f"{BODY[1]}\n"
    )
    blocks = blocks_of(raw)
    assert len(blocks) == 4
    article = clean(raw)
    assert "would open\nin the autumn" in article.text
    assert article.text.endswith(BODY[1])
    assert_maps_back(article, raw)


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Roe, Daily Planet, Lisbon",
        "-- By John Smith Follow @jsmith",
        "By Ana Ruiz and Li Wei",
    ],
)
def test_bylines_are_furniture(line: str) -> None:
    assert furniture_reason(line) == "line"


@pytest.mark.parametrize("line", ["By the numbers", "By Tuesday, officials had left the town."])
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert furniture_reason(line) is None


def test_html_drops_a_line_that_is_only_the_site_name() -> None:
    lines = [BODY[0], "Daily Planet", BODY[1]]
    kept = select_html_blocks(html_blocks(lines), publisher="Daily Planet")
    assert [b.text for b in kept] == [BODY[0], BODY[1]]
    assert len(select_html_blocks(html_blocks(lines))) == 3


def test_text_report_counts_kept_and_dropped_per_article() -> None:
    page = clean(PAGE)
    plain = clean(BODY[0])
    report = text_report([page, plain])
    assert report["chars_kept"] == len(TITLE) + sum(map(len, BODY)) + len(BODY[0])
    assert report["chars_dropped"] == page.removed_chars
    assert report["languages"] == {"en": 2}
    assert [row["chars_dropped"] for row in report["articles"]] == [page.removed_chars, 0]


# HTML end to end: trafilatura's text, its links, then furniture out

PARAS = [
    "The regional council voted on Thursday to extend the tram line to the airport, a project "
    "that has been debated for more than a decade.",
    "Work will start in the spring and the first trams should run within four years, the "
    "council's transport committee said in a statement.",
    "Opponents say the money would be better spent on buses for the villages around the city.",
]


def html_article(page: str) -> Article:
    from kg.html_text import extract_html

    extracted = extract_html(page)
    assert extracted is not None
    text, meta, links = extracted
    doc = RawDocument(source="t", text=text, path="t", html=True, links=links, **meta)
    return clean_document(doc, article_id="t")


def test_a_page_laid_out_in_a_table_gives_its_text_without_its_menu() -> None:
    cells = "".join(f"<p>{p}</p>" for p in PARAS)
    page = (
        "<html><head><title>Tram line to reach airport</title></head><body><table><tr>"
        "<td><a href='/'>Home</a><br><a href='/news'>News</a><br><a href='/sport'>Sport</a></td>"
        f"<td><b>Tram line to reach airport</b>{cells}</td></tr></table></body></html>"
    )
    article = html_article(page)
    assert article.text.split("\n\n") == ["Tram line to reach airport", *PARAS]


def test_links_are_measured_and_related_links_dropped() -> None:
    related = "".join(
        f"<li><a href='/s{i}'>{h}</a></li>"
        for i, h in enumerate(
            ["Storm closes Alpine passes in Tyrol", "Ferrari unveils its newest supercar"]
        )
    )
    page = (
        "<html><body><article><h1>Tram line to reach airport</h1>"
        f"<p>{PARAS[0]}</p>"
        "<p>Read more: <a href='/x'>Council approves new cycle path along the river</a></p>"
        f"<p>{PARAS[1].replace('transport committee', '<a href=/c>transport committee</a>')}</p>"
        f"<p>{PARAS[2]}</p><h2>Related stories</h2><ul>{related}</ul>"
        "</article></body></html>"
    )
    article = html_article(page)
    assert article.text.split("\n\n") == ["Tram line to reach airport", *PARAS]
    assert article.removed_chars > 0


def test_a_page_of_menus_alone_has_no_article_text() -> None:
    from kg.html_text import extract_html

    page = "<html><body><nav><ul><li><a href='/'>Home</a></li></ul></nav></body></html>"
    assert extract_html(page) is None


# Lines repeated site-wide


def site_doc(
    name: str, body: str, url: str | None = None, publisher: str | None = None
) -> RawDocument:
    return RawDocument(source=url or name, text=body, path=name, url=url, publisher=publisher)


def test_site_of() -> None:
    assert site_of(site_doc("a", "x", url="https://www.example.org/a/b")) == "example.org"
    assert site_of(site_doc("a", "x", publisher="Daily  Planet")) == "daily planet"
    assert site_of(site_doc("a", "x")) is None


def test_lines_repeated_on_three_pages_of_a_site_are_furniture() -> None:
    promo = "Get the Morning Brief every weekday"
    docs = [
        (
            f"a{i}",
            site_doc(f"a{i}.txt", f"{TITLE}\n{BODY[i]}\n{promo}\n", url=f"https://ex.org/{i}"),
        )
        for i in range(3)
    ]
    marked = mark_site_lines(docs)
    assert [aid for aid, _ in marked] == ["a0", "a1", "a2"]
    for (_, doc), i in zip(marked, range(3), strict=True):
        assert promo.casefold() in doc.site_lines
        article = clean_document(doc, article_id="t")
        assert promo not in article.text
        assert BODY[i] in article.text
    # The long body lines are not counted, however often they repeat.
    assert all(BODY[0].casefold() not in doc.site_lines for _, doc in marked)


def test_lines_repeated_on_two_pages_or_on_different_sites_stay() -> None:
    promo = "Get the Morning Brief every weekday"
    two = [
        (f"a{i}", site_doc(f"a{i}.txt", f"{BODY[i]}\n{promo}\n", url=f"https://ex.org/{i}"))
        for i in range(2)
    ]
    apart = [
        (f"b{i}", site_doc(f"b{i}.txt", f"{BODY[i]}\n{promo}\n", url=f"https://s{i}.org/"))
        for i in range(3)
    ]
    unknown = [(f"c{i}", site_doc(f"c{i}.txt", f"{BODY[i]}\n{promo}\n")) for i in range(3)]
    for docs in (two, apart, unknown):
        assert all(not doc.site_lines for _, doc in mark_site_lines(docs))


def test_a_sentence_with_links_in_it_is_prose() -> None:
    sentence = "The mayor of Lisbon and the mayor of Porto met in Coimbra on Monday."
    linked = len("The mayor of Lisbon") + len("the mayor of Porto") + len("Coimbra")
    assert linked / len(sentence) > 0.5
    assert furniture_reason(sentence, link_chars=linked) is None
    assert furniture_reason(sentence, link_chars=len(sentence)) == "link"  # a teaser


def test_a_sentence_full_of_names_is_kept_in_plain_text() -> None:
    names = "Defence Minister Jana Novak met Foreign Minister Piotr Zielinski in Vilnius."
    raw = "\n".join([names, BODY[0], BODY[1], names.replace("Vilnius", "Riga")])
    kept = select_text_blocks(blocks_of(raw))
    assert [b.text for b in kept] == [b.text for b in blocks_of(raw)]


def test_a_short_last_sentence_is_kept_unless_clutter_follows() -> None:
    last = "The talks go on next month, the ministry said."
    kept = select_text_blocks(blocks_of("\n".join([*BODY, last])))
    assert kept[-1].text == last
    cluttered = select_text_blocks(blocks_of("\n".join([*BODY, last, *NAV, *HEADLINES])))
    assert last not in [b.text for b in cluttered]


@pytest.mark.parametrize(
    ("text", "tagline"),
    [
        ("Ana Ruiz is a freelance journalist and the author of a book on the Andes.", True),
        ("Li Wei covers energy markets for the paper. Reach him at li@example.org", True),
        ("Sam Okafor has been a correspondent in Lagos since 2019.", True),
        ("For questions, contact her at the city desk.", True),
        ("Ana Ruiz was a reporter for 20 years.", False),
        ("The minister is a former journalist.", False),
        ("The team is a contender for the title, the coach said.", False),
    ],
)
def test_is_tagline(text: str, tagline: bool) -> None:
    assert is_tagline(text) is tagline


def test_a_tagline_is_dropped_only_where_it_closes_the_text() -> None:
    tagline = "Ana Ruiz is a freelance journalist and the author of a book on the Andes."
    lines = [TITLE, BODY[0], tagline, BODY[1]]
    assert [b.text for b in select_html_blocks(html_blocks(lines))] == lines
    kept = [b.text for b in select_html_blocks(html_blocks([TITLE, BODY[0], BODY[1], tagline]))]
    assert kept == [TITLE, BODY[0], BODY[1]]
    raw = "\n\n".join([TITLE, *BODY, tagline])
    assert tagline not in clean_file(Path("a.txt"), raw).text


def test_words_of_a_script_without_spaces_are_counted_by_letters() -> None:
    assert _word_count("市议会星期一批准了一项计划。") == 7
    assert _word_count("The 2024 plan") == 2


def test_the_headline_over_byline_and_date_lines_is_kept() -> None:
    lines = [TITLE, "By Jo Bloggs", "Published March 3, 2031", BODY[0], BODY[1]]
    assert [b.text for b in select_html_blocks(html_blocks(lines))] == [BODY[0], BODY[1]]
    kept = select_html_blocks(html_blocks(lines), title=f"{TITLE} | Daily Planet")
    assert [b.text for b in kept] == [TITLE, BODY[0], BODY[1]]


def test_a_plain_text_caption_ending_in_its_credit_stays_with_the_story_around_it() -> None:
    # Plain-text news (a Wikinews-style dump) writes its photo captions inside the story: the
    # caption, and the date line and lead paragraph next to it, are the article's.
    headline = "Harbour towns count the cost of the spring floods"
    date = "Tuesday, April 8, 2025"
    caption = "A flooded street in the old harbour district. Image: Ines Moreau."
    lead = (
        "In the past week, towns along the coast have begun to assess the damage left by the "
        "floods, which forced thousands of residents from their homes and closed the railway."
    )
    rest = (
        "The regional council said repairs to the sea wall would take at least a year, and "
        "that it had asked the national government for emergency funds to pay for the work."
    )
    text = "\n\n".join([headline, date, caption, lead, rest])
    article = clean_document(RawDocument(source="t", text=text, path="t"), article_id="t")
    for block in (date, caption, lead, rest):
        assert block in article.text
