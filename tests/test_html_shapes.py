"""Hand-made pages of many shapes (tests/data/html-shapes), read and cleaned as a build does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.pipeline import read_articles

SHAPES = Path(__file__).resolve().parent / "data" / "html-shapes"
EXPECTED: dict[str, dict[str, list[str] | str]] = json.loads(
    (SHAPES / "expected.json").read_text(encoding="utf-8")
)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_every_page_has_an_expectation_and_the_reverse() -> None:
    assert {p.stem for p in SHAPES.glob("*.html")} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_page_shape(name: str) -> None:
    articles, skipped, _ = read_articles([SHAPES / f"{name}.html"])
    assert not skipped
    (article,) = articles
    text = squeeze(article.text)
    expected = EXPECTED[name]
    missing = [s for s in expected["with"] if squeeze(s) not in text]
    unwanted = [s for s in expected["without"] if squeeze(s) in text]
    assert (missing, unwanted) == ([], []), article.text


# The JSON-LD articleBody (kg.html_text.json_ld_body)

SENTENCE = "The ferry service to the islands will run twice a day from May, the operator said. "


def ld_page(*records: object, script_type: str = "application/ld+json") -> str:
    scripts = "".join(f'<script type="{script_type}">{json.dumps(r)}</script>' for r in records)
    return f"<html><head>{scripts}</head><body><p>Menu</p></body></html>"


def test_json_ld_body_reads_the_longest_body_as_paragraphs() -> None:
    from kg.html_text import json_ld_body

    body = "<p>" + SENTENCE * 6 + "</p><p>Fares stay the same &amp; so do the ports.</p>"
    page = ld_page(
        {"@type": "NewsArticle", "articleBody": SENTENCE * 2},
        {"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "articleBody": body}]},
    )
    assert (
        json_ld_body(page) == (SENTENCE * 6).strip() + "\n\nFares stay the same & so do the ports."
    )


def test_json_ld_body_without_a_long_body_is_none() -> None:
    from kg.html_text import json_ld_body

    assert json_ld_body(ld_page({"@type": "NewsArticle", "articleBody": SENTENCE * 3})) is None
    assert json_ld_body(ld_page({"@type": "NewsArticle", "headline": SENTENCE * 9})) is None
    assert json_ld_body("<script type='application/ld+json'>{not json</script>") is None
    other = ld_page({"articleBody": SENTENCE * 9}, script_type="text/javascript")
    assert json_ld_body(other) is None
