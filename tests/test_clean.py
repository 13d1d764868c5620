"""Tests of stage "clean" (kg/clean.py): hand-made scraped pages and the five sample articles."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

from kg.clean import Block, classify_block, clean_document, select_main_blocks
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
    out = []
    for match in re.finditer(r"[^\n]+", raw):
        text = match.group(0).strip()
        if text:
            start = match.start() + (len(match.group(0)) - len(match.group(0).lstrip()))
            out.append(Block(start, start + len(text), text, classify_block(text)))
    return out


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


# classify_block


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (BODY[0], "good"),
        (CAPTION, "caption"),
        ("Photo: Marta Kowalczyk", "caption"),
        (PROMO, "boiler"),
        ("Your Comment", "boiler"),
        ("captcha", "boiler"),
        ("Skip to main content", "boiler"),
        ("• Security Briefing", "boiler"),
        (HEADLINES[0], "heading"),
        (TITLE, "heading"),
        ("He declined to comment.", "boiler"),
        ("The talks went well.", "short"),
        ("December 28, 2022", "heading"),
    ],
)
def test_classify_block(text: str, expected: str) -> None:
    assert classify_block(text) == expected


def test_long_prose_mentioning_a_boiler_word_is_still_prose() -> None:
    # A boiler phrase only marks short blocks: a real paragraph may say "comments".
    para = (
        "The minister declined to make any comments on the talks, but officials in the capital "
        "said that the two governments had agreed on a timetable for the withdrawal of troops "
        "and for the return of refugees, and that a further meeting of the defence ministers "
        "would be held in the spring to settle the remaining questions about the border."
    )
    assert len(re.findall(r"\w+", para)) >= 40
    assert classify_block(para) == "good"


# select_main_blocks


def test_select_main_blocks_keeps_title_and_body_only() -> None:
    kept = select_main_blocks(blocks_of(PAGE))
    assert [b.text for b in kept] == [TITLE, *BODY]


def test_select_main_blocks_picks_the_run_with_most_prose() -> None:
    short_run = "A short note on the weather in the hills was posted this morning by the staff."
    raw = "\n".join([short_run, PROMO, *BODY, "Sign up now"])
    kept = select_main_blocks(blocks_of(raw))
    assert [b.text for b in kept] == BODY


def test_select_main_blocks_drops_a_title_printed_twice() -> None:
    raw = "\n".join([TITLE, TITLE, *BODY])
    kept = select_main_blocks(blocks_of(raw))
    assert [b.text for b in kept] == [TITLE, *BODY]


def test_select_main_blocks_without_prose_keeps_non_boilerplate() -> None:
    raw = "\n".join(
        ["Talks in Vienna", "Ministers meet again.", "Sign in", "Photo: Marta Kowalczyk"]
    )
    kept = select_main_blocks(blocks_of(raw))
    assert [b.text for b in kept] == ["Talks in Vienna", "Ministers meet again."]


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
