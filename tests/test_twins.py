"""Tests of stage "twins" (kg/twins.py): republished copies are twins, independent reports not."""

from __future__ import annotations

import hashlib
import random
import time
from pathlib import Path

import pytest

from kg.clean import clean_document
from kg.errors import InputError
from kg.records import Article, RawDocument
from kg.twins import CROWD, MIN_WORDS, containment, find_twins, text_words

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "articles").glob("*.txt"))


def make_article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id,
        text=text,
        source=f"test:{article_id}",
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


# Two reports of one event written independently: same names, dates and some phrases.
REPORT_A = (
    "Turkish Defence Minister Hulusi Akar met his Syrian counterpart Ali Mahmoud Abbas in Moscow "
    "on Wednesday, the first such meeting in more than a decade, the Turkish Defence Ministry "
    "said. Russian Defence Minister Sergei Shoigu hosted the talks, which were also attended by "
    "the intelligence chiefs of both countries. The ministry described the meeting as "
    "constructive and said the sides discussed the Syrian crisis, the refugee problem and joint "
    "efforts against all terrorist organisations on Syrian soil. Ankara has backed rebels "
    "fighting President Bashar al-Assad since 2011, and Damascus has long demanded the withdrawal "
    "of Turkish troops from northern Syria before any normalisation of ties."
)
REPORT_B = (
    "The defence ministers of Turkey, Syria and Russia held talks in Moscow on Wednesday, "
    "according to Syria's state news agency SANA, in a sign that relations between Ankara and "
    "Damascus are thawing. Hulusi Akar and Ali Mahmoud Abbas were joined by Sergei Shoigu and by "
    "their intelligence chiefs. SANA said the meeting was positive and that the ministers "
    "discussed the withdrawal of Turkish troops from northern Syria and the fight against "
    "terrorist groups. Turkey has carried out several military operations against Kurdish "
    "fighters in Syria and threatened a new ground offensive. Officials said the Syrian crisis "
    "and the return of refugees would be discussed again at further meetings next month."
)

LEAD_PARAGRAPH = (
    "Editor's note: this story was first published by our partner agency and is reproduced here "
    "in full with its permission, with a short introduction by our own correspondent in the "
    "region, who has followed the talks between the two governments since they began last year."
)


@pytest.fixture(scope="module")
def sample_articles() -> list[Article]:
    return [
        clean_document(
            RawDocument(source=str(path), text=path.read_text(), path=str(path)),
            article_id=path.stem[:3],
        )
        for path in ARTICLES
    ]


def test_sample_articles_have_one_twin_pair(sample_articles: list[Article]) -> None:
    assert [a.id for a in sample_articles] == ["000", "001", "002", "003", "004"]
    assert find_twins(sample_articles) == (("001", "003"),)


def test_sample_twins_score_far_from_independent_reports(sample_articles: list[Article]) -> None:
    by_id = {a.id: a.text for a in sample_articles}
    assert containment(by_id["001"], by_id["003"]) > 0.9
    for a, b in [("000", "002"), ("000", "004"), ("002", "004"), ("001", "002"), ("003", "004")]:
        assert containment(by_id[a], by_id[b]) < 0.05


def test_words_ignore_case_quotes_and_punctuation() -> None:
    assert text_words("Turkey’s ‘normalization' — ANKARA, “positive”") == [
        "turkeys",
        "normalization",
        "ankara",
        "positive",
    ]
    assert text_words("Turkey's") == text_words("TURKEY’S")


def test_identical_texts_are_twins() -> None:
    assert find_twins([make_article("b", REPORT_A), make_article("a", REPORT_A)]) == (("a", "b"),)


def test_copy_with_lead_paragraph_and_last_sentence_dropped_is_a_twin() -> None:
    last = REPORT_A.rindex(" Ankara has backed")
    copy = LEAD_PARAGRAPH + "\n\n" + REPORT_A[:last]
    assert find_twins([make_article("orig", REPORT_A), make_article("copy", copy)]) == (
        ("copy", "orig"),
    )


def test_containment_keeps_a_copy_that_doubles_in_length() -> None:
    # Half the copy is new text: resemblance (Jaccard) would be about 0.5, containment is 1.
    copy = LEAD_PARAGRAPH + " " + LEAD_PARAGRAPH.replace("our", "the") + "\n\n" + REPORT_B
    assert containment(REPORT_B, copy) == 1.0
    assert find_twins([make_article("x", REPORT_B), make_article("y", copy)]) == (("x", "y"),)


def test_independent_reports_of_one_event_are_not_twins() -> None:
    assert 90 <= len(text_words(REPORT_A)) <= 110
    assert 90 <= len(text_words(REPORT_B)) <= 110
    assert containment(REPORT_A, REPORT_B) < 0.1
    assert find_twins([make_article("a", REPORT_A), make_article("b", REPORT_B)]) == ()


def test_short_texts_are_never_twins() -> None:
    title = "Turkey, Syria defence chiefs meet in Moscow for first talks in a decade"
    assert len(text_words(title)) < MIN_WORDS
    assert find_twins([make_article("a", title), make_article("b", title)]) == ()


def test_duplicate_ids_and_bad_parameters_are_refused() -> None:
    with pytest.raises(InputError, match="'a' occurs twice"):
        find_twins([make_article("a", REPORT_A), make_article("a", REPORT_B)])
    with pytest.raises(InputError, match="threshold=0"):
        find_twins([], threshold=0)
    with pytest.raises(InputError, match="shingle=0"):
        find_twins([], shingle=0)


def test_input_order_does_not_change_the_result(sample_articles: list[Article]) -> None:
    last = REPORT_A.rindex(" Ankara has backed")
    articles = [
        *sample_articles,
        make_article("r-a", REPORT_A),
        make_article("r-b", REPORT_B),
        make_article("r-copy", LEAD_PARAGRAPH + "\n\n" + REPORT_A[:last]),
    ]
    expected = (("001", "003"), ("r-a", "r-copy"))
    assert find_twins(articles) == expected
    rng = random.Random(7)
    for _ in range(5):
        shuffled = articles[:]
        rng.shuffle(shuffled)
        assert find_twins(iter(shuffled)) == expected


def generated_corpus(
    n: int, *, words: int = 150, vocabulary: int = 2000, planted: int = 3, seed: int = 2026
) -> tuple[list[Article], set[tuple[str, str]]]:
    """``n`` random, distinct articles and ``planted`` near-copies of some of them."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = sorted(
        {"".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(vocabulary)}
    )

    def random_words(count: int) -> list[str]:
        return [rng.choice(vocab) for _ in range(count)]

    articles = [make_article(f"g{i:05d}", " ".join(random_words(words))) for i in range(n)]
    expected: set[tuple[str, str]] = set()
    for k, original in enumerate(rng.sample(articles, planted)):
        copy_words = original.text.split()
        for _ in range(5):  # a few words edited
            copy_words[rng.randrange(len(copy_words))] = rng.choice(vocab)
        copy_words = random_words(12) + copy_words[: -rng.randint(5, 15)]  # subtitle, tail cut
        copy_id = f"copy{k}"
        articles.append(make_article(copy_id, " ".join(copy_words)))
        a, b = sorted((original.id, copy_id))
        expected.add((a, b))
    return articles, expected


def test_generated_corpus_finds_exactly_the_planted_copies() -> None:
    articles, expected = generated_corpus(300)
    assert len(articles) == 303
    started = time.perf_counter()
    found = find_twins(articles)
    elapsed = time.perf_counter() - started
    assert set(found) == expected
    assert len(found) == 3
    assert elapsed < 2.0


def test_a_crowd_of_copies_is_linked_as_a_chain() -> None:
    articles, _ = generated_corpus(40, planted=0)
    story = articles[0].text
    crowd = [make_article(f"c{i:03d}", f"Outlet {i} reports. {story}") for i in range(CROWD + 6)]
    found = find_twins([*articles, *crowd])
    copies = {articles[0].id} | {a.id for a in crowd}  # the original and its copies
    assert {article for pair in found for article in pair} == copies
    # Not every pair (that grows with the square of the crowd), but a chain through it all:
    assert len(found) < len(copies) * (len(copies) - 1) / 2 / 4
    linked: dict[str, set[str]] = {article: {article} for article in copies}
    for a, b in found:
        merged = linked[a] | linked[b]
        for member in merged:
            linked[member] = merged
    assert linked["c000"] == copies


def test_a_passage_in_a_crowd_of_articles_makes_no_twins() -> None:
    articles, _ = generated_corpus(CROWD + 20, planted=0)
    stock = "the ministry said in a statement on its website that talks would continue soon"
    quoting = [make_article(a.id, f"{a.text} {stock}") for a in articles]
    assert find_twins(quoting) == ()
