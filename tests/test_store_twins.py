"""Tests of a store's incremental twins (kg/store_twins.py): every update gives exactly the
pairs a full pass of kg.twins.find_twins gives over the articles in id order."""

from __future__ import annotations

import hashlib
import random
from dataclasses import replace
from pathlib import Path

from kg.records import Article
from kg.store_twins import (
    TWINS_FILE,
    TwinState,
    read_twin_state,
    update_twins,
    write_twin_state,
)
from kg.twins import CROWD, find_twins


def make_article(article_id: str, text: str) -> Article:
    return Article(
        id=article_id,
        text=text,
        source=f"test:{article_id}",
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


class Corpus:
    """Random articles over a small vocabulary (many candidate pairs that are no twins), edited
    copies of some, a crowd of copies of one story, and a stock passage in many articles."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        letters = "abcdefghij"
        self.vocab = sorted({"".join(self.rng.sample(letters, 3)) for _ in range(60)})
        self.stock = " ".join(self.words(20))
        self.story = " ".join(self.words(120))
        self.made = 0

    def words(self, count: int) -> list[str]:
        return [self.rng.choice(self.vocab) for _ in range(count)]

    def article(self, pool: dict[str, Article]) -> Article:
        self.made += 1
        aid = f"a{self.rng.randrange(10_000):04d}-{self.made}"
        kind = self.rng.random()
        if kind < 0.3 and pool:  # an edited copy of an article held
            words = self.rng.choice(sorted(pool.values(), key=lambda a: a.id)).text.split()
            for _ in range(self.rng.randint(0, 30)):
                words[self.rng.randrange(len(words))] = self.rng.choice(self.vocab)
            text = " ".join(self.words(self.rng.randint(0, 40)) + words)
        elif kind < 0.6:  # one more copy of the crowd's story
            text = f"{' '.join(self.words(self.rng.randint(3, 30)))} {self.story}"
        elif kind < 0.8:  # its own text with the stock passage
            text = f"{' '.join(self.words(self.rng.randint(40, 200)))} {self.stock}"
        elif kind < 0.85:  # too short to be anyone's twin
            text = " ".join(self.words(10))
        else:
            text = " ".join(self.words(self.rng.randint(30, 250)))
        return make_article(aid, text)


def full(pool: dict[str, Article]) -> tuple[tuple[str, str], ...]:
    return find_twins(sorted(pool.values(), key=lambda a: a.id))


def test_updates_give_the_pairs_of_a_full_pass(tmp_path: Path) -> None:
    corpus = Corpus(seed=13)
    pool: dict[str, Article] = {}
    state: TwinState | None = None
    crowds = rejected = 0
    for step in range(14):
        # A few large batches (the crowd passes CROWD), else a few articles at a time.
        count = {0: 110, 5: 50, 9: 50}.get(step) or corpus.rng.randint(1, 8)
        for _ in range(count):
            article = corpus.article(pool)
            pool[article.id] = article
        if step >= 2:  # removals, and articles whose text changes
            for aid in corpus.rng.sample(sorted(pool), corpus.rng.randint(0, 6)):
                del pool[aid]
            for aid in corpus.rng.sample(sorted(pool), corpus.rng.randint(0, 4)):
                pool[aid] = make_article(aid, f"{pool[aid].text} {' '.join(corpus.words(9))}")
        shuffled = list(pool.values())
        corpus.rng.shuffle(shuffled)  # the order given does not matter
        twins, state = update_twins(state, shuffled)
        assert twins == full(pool), f"step {step}"
        # The state kept is the state a first update of these articles makes: candidates,
        # crowds, verdicts and the last sample each article looks up.
        assert state == update_twins(None, shuffled)[1], f"step {step}"
        write_twin_state(tmp_path, state)
        # The samples copied from the file read (not sorted again) are the bytes a write
        # that sorts every article's samples gives.
        copied = (tmp_path / TWINS_FILE).read_bytes()
        write_twin_state(tmp_path, replace(state, written={}))
        assert copied == (tmp_path / TWINS_FILE).read_bytes(), f"step {step}"
        if step > 0:
            assert state.written, "no samples were copied"
        state = read_twin_state(tmp_path)
        assert state is not None
        crowds = max(crowds, len(state.crowds))
        rejected = max(rejected, len(state.candidates()) - len(state.twins))
    # The corpus exercised what it is for: crowds chained, candidates rejected, twins found.
    assert crowds > 0
    assert rejected > 0
    assert len(full(pool)) > CROWD


def test_a_state_from_other_parameters_is_not_used() -> None:
    corpus = Corpus(seed=5)
    pool: dict[str, Article] = {}
    for _ in range(40):
        article = corpus.article(pool)
        pool[article.id] = article
    _, state = update_twins(None, list(pool.values()))
    strict, _ = update_twins(state, list(pool.values()), threshold=0.9)
    assert strict == find_twins(sorted(pool.values(), key=lambda a: a.id), threshold=0.9)


def test_an_unreadable_file_is_no_state(tmp_path: Path) -> None:
    assert read_twin_state(tmp_path) is None
    (tmp_path / TWINS_FILE).write_bytes(b"kg-twins 1\n\x05")
    assert read_twin_state(tmp_path) is None


def test_a_state_without_its_orders_and_counts_gives_the_same_pairs(tmp_path: Path) -> None:
    """A file written before the last sample looked up and the owner counts were kept is read
    without them, and counts that do not add up are not used: the update then sorts every
    article's samples and counts their owners, with the same result, and keeps both."""
    corpus = Corpus(seed=21)
    pool: dict[str, Article] = {}
    for _ in range(150):
        article = corpus.article(pool)
        pool[article.id] = article
    _, state = update_twins(None, list(pool.values()))
    assert state.owners and state.last
    some = next(iter(state.owners))
    for older in (
        replace(state, last={}, owners={}),
        replace(state, owners={**state.owners, some: state.owners[some] + 1}),
    ):
        write_twin_state(tmp_path, older)
        back = read_twin_state(tmp_path)
        assert back == older
        grown = dict(pool)
        for _ in range(5):
            article = corpus.article(grown)
            grown[article.id] = article
        twins, after = update_twins(back, list(grown.values()))
        assert twins == full(grown)
        assert after == update_twins(None, list(grown.values()))[1]
