"""Stage "twins" of a store: the twin pairs of every article held, found from what changed
(decision 0011).

:func:`kg.twins.find_twins` over every article of a store shingles every text again on each
update and looks every article up in a fresh inverted index. A store keeps, in
``DIR/twins.bin``, what that pass computes per article and per pair:

* each article's winnowed samples (and the content hash of the text they are of);
* the candidate pairs each article found by prefix filtering (as the pair's lower-ranked
  member, ranked by sample count, then id) and those each crowd sample (owned by more than
  :data:`kg.twins.CROWD` articles) chains;
* the twin pairs: the candidates whose containment passed the threshold.

An update shingles only the articles added or changed (a changed article is the old one
removed and the new one added) and rebuilds the inverted index from the stored samples. An
article's candidates are the higher-ranked owners, sharing enough samples, of the samples it
uses: its rarest ``|A| - need + 1`` (by owner count) outside crowds. An article added is looked
up afresh; an article held that shares a sample with a change keeps the candidates still
reached through the samples it uses now, and adds those reached through samples it did not use
before and the added articles reached through any; every other article keeps its candidates as
they were. A crowd sample's chain is made again only when its owners change. A candidate pair
that was one before keeps its verdict; a new one has its containment computed on the two texts.
The result equals :func:`kg.twins.find_twins` over the articles in id order (the order a store
resolves them in), crowds included: ``tests/test_store_twins.py`` checks it.

The file says which articles it describes; the difference from the articles of an update is
what changed, so a file left by a killed update (or none) is only a larger difference. It is
written atomically and trusted only for the kg version, parameters and hash width that wrote it.
"""

from __future__ import annotations

import json
import struct
import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import BinaryIO

from kg import __version__
from kg.records import Article
from kg.twins import (
    CROWD,
    MIN_WORDS,
    WINDOW,
    Shingler,
    article_samples,
    shared_needed,
    shingle_set,
)

#: The file, in the store folder.
TWINS_FILE = "twins.bin"
_MAGIC = b"kg-twins 1\n"

Pair = tuple[str, str]
_HALF = 1 << 63  # added to a signed 64-bit sample: 0 <= it < 2 ** 64


@dataclass(slots=True)
class TwinState:
    """What the twins of a set of articles were found from (see the module docstring).

    Attributes:
        params: The kg version and parameters the state is valid for.
        hashes: Article id -> content hash of the text described, for every article.
        samples: Article id -> its samples, for the articles long enough to be twins.
        found: Article id -> the ids it is a candidate pair with, as the lower-ranked member.
        crowds: Crowd sample -> the candidate pairs its chain makes.
        twins: The candidate pairs whose containment passed the threshold.
    """

    params: str
    hashes: dict[str, str] = field(default_factory=dict)
    samples: dict[str, frozenset[int]] = field(default_factory=dict)
    found: dict[str, frozenset[str]] = field(default_factory=dict)
    crowds: dict[int, frozenset[Pair]] = field(default_factory=dict)
    twins: frozenset[Pair] = frozenset()

    def candidates(self) -> set[Pair]:
        pairs = {(min(a, b), max(a, b)) for a, found in self.found.items() for b in found}
        for chain in self.crowds.values():
            pairs.update(chain)
        return pairs


def twin_params(threshold: float, shingle: int) -> str:
    """The key a state is trusted under: what its samples and verdicts depend on."""
    return json.dumps(
        [__version__, threshold, shingle, WINDOW, CROWD, MIN_WORDS, sys.hash_info.width]
    )


def update_twins(
    state: TwinState | None,
    articles: Sequence[Article],
    *,
    threshold: float = 0.5,
    shingle: int = 5,
) -> tuple[tuple[Pair, ...], TwinState]:
    """The twin pairs of ``articles`` (as :func:`kg.twins.find_twins` finds them over the
    articles in id order), from the state of an earlier set of articles; and the new state.

    Raises:
        InputError: Two articles share an id, or a parameter is out of range.
    """
    from kg.errors import InputError
    from kg.twins import _check_parameters

    _check_parameters(threshold, shingle)
    params = twin_params(threshold, shingle)
    if state is None or state.params != params:
        state = TwinState(params)
    current: dict[str, Article] = {}
    for article in articles:
        if article.id in current:
            raise InputError(
                f"article id {article.id!r} occurs twice: give each article its own id"
            )
        current[article.id] = article
    removed = {
        aid
        for aid, digest in state.hashes.items()
        if aid not in current or current[aid].content_hash != digest
    }
    shingler = Shingler(shingle)
    min_words = max(MIN_WORDS, shingle)
    added: dict[str, frozenset[int]] = {}
    for aid, article in current.items():
        if state.hashes.get(aid) != article.content_hash:
            added[aid] = article_samples(article.text, shingler, min_words=min_words)
    samples = {aid: s for aid, s in state.samples.items() if aid not in removed}
    samples.update((aid, s) for aid, s in added.items() if s)

    owners: defaultdict[int, list[str]] = defaultdict(list)
    for aid, mine in samples.items():
        for sample in mine:
            owners[sample].append(aid)
    # The samples of the articles removed and added (a changed one is both), and how each one's
    # owner count changed (the count before = the count now - the change).
    change: defaultdict[int, int] = defaultdict(int)
    for aid in removed:
        for sample in state.samples.get(aid, ()):
            change[sample] -= 1
    for mine in added.values():
        for sample in mine:
            change[sample] += 1
    touched = set(change)

    def rank(aid: str) -> tuple[int, str]:
        return len(samples[aid]), aid

    def looked_up(aid: str) -> frozenset[int]:
        """The rarest samples of an article, which prefix filtering looks up."""
        mine = samples[aid]
        order = sorted(mine, key=lambda s: (len(owners[s]), s))
        return frozenset(order[: len(mine) - shared_needed(len(mine), threshold) + 1])

    def pairs_with(aid: str, others: Iterable[str]) -> frozenset[str]:
        """Those of ``others`` sharing enough samples with the article to be candidates."""
        mine = samples[aid]
        return frozenset(
            b
            for b in others
            if len(mine & samples[b]) >= shared_needed(min(len(mine), len(samples[b])), threshold)
        )

    def candidates_of(aid: str) -> frozenset[str]:
        mine_rank = rank(aid)
        found: set[str] = set()
        for sample in looked_up(aid):
            if len(owners[sample]) <= CROWD:
                found.update(b for b in owners[sample] if rank(b) > mine_rank)
        return pairs_with(aid, found)

    # Every article added is looked up afresh. An article held that shares a touched sample
    # keeps the candidates it still reaches through the samples it now uses, and adds those
    # reached through the samples it did not use before, and the articles added reached
    # through any (an added article's samples are all touched). The others keep theirs.
    new_ids = {aid for aid, mine in added.items() if mine}
    found = {
        aid: pairs
        for aid, pairs in state.found.items()
        if aid in samples and aid not in new_ids and removed.isdisjoint(pairs)
    }
    near = {aid for sample in touched for aid in owners.get(sample, ())} - new_ids
    # The samples each of those uses now and used before (looked up, crowds left out), with
    # each sample's key computed once, not once per article holding it: thousands of articles
    # share the commonest samples.
    pool: set[int] = set().union(*(samples[aid] for aid in near))
    # (count, sample) as one integer (samples are signed 64-bit): the same order, compared in C.
    key_now = {sample: len(owners[sample]) << 64 | (sample + _HALF) for sample in pool}
    key_then = dict(key_now)
    for sample in touched & pool:
        key_then[sample] = (len(owners[sample]) - change[sample]) << 64 | (sample + _HALF)
    crowd_now = {sample for sample, key in key_now.items() if key >> 64 > CROWD}
    crowd_then = {sample for sample, key in key_then.items() if key >> 64 > CROWD}

    def rarest(aid: str, keys: dict[int, int]) -> frozenset[int]:
        mine = samples[aid]
        order = sorted(mine, key=keys.__getitem__)
        return frozenset(order[: len(mine) - shared_needed(len(mine), threshold) + 1])

    for aid in near:
        rarest_then = rarest(aid, key_then)
        mine_touched = samples[aid] & touched
        if rarest_then.isdisjoint(mine_touched) and all(change[s] > 0 for s in mine_touched):
            # Its touched samples only gained owners, so they only moved back in its order,
            # and none was among the rarest it used: it uses the same ones now (and the
            # crowds then and now differ on touched samples only). One sort, not two.
            rarest_now = rarest_then
        else:
            rarest_now = rarest(aid, key_now)
        now, then = rarest_now - crowd_now, rarest_then - crowd_then
        kept = {
            b
            for b in state.found.get(aid, ())
            if b not in removed and not now.isdisjoint(samples[b])
        }
        mine_rank = rank(aid)
        reached: set[str] = set()
        for sample in now - then:
            reached.update(b for b in owners[sample] if rank(b) > mine_rank)
        for sample in now & then & touched:
            reached.update(b for b in owners[sample] if b in new_ids and rank(b) > mine_rank)
        found[aid] = frozenset(kept) | pairs_with(aid, reached - kept)
    for aid in new_ids:
        found[aid] = candidates_of(aid)
    found = {aid: pairs for aid, pairs in found.items() if pairs}

    crowds = {s: chain for s, chain in state.crowds.items() if s not in touched}
    for sample in touched:
        crowd = owners.get(sample, ())
        if len(crowd) > CROWD:
            chain = frozenset(
                (a, b)
                for a, b in pairwise(sorted(crowd))
                if len(samples[a] & samples[b])
                >= shared_needed(min(len(samples[a]), len(samples[b])), threshold)
            )
            if chain:
                crowds[sample] = chain

    before = {p for p in state.candidates() if removed.isdisjoint(p)}
    new = TwinState(
        params,
        hashes={aid: a.content_hash for aid, a in current.items()},
        samples=samples,
        found=found,
        crowds=crowds,
    )
    shingle_sets: dict[str, frozenset[int]] = {}

    def shingles_of(aid: str) -> frozenset[int]:
        got = shingle_sets.get(aid)
        if got is None:
            got = shingle_sets[aid] = shingle_set(current[aid].text, shingler)
        return got

    twins: list[Pair] = []
    for pair in sorted(new.candidates()):
        if pair in before:
            if pair in state.twins:
                twins.append(pair)
            continue
        set_a, set_b = shingles_of(pair[0]), shingles_of(pair[1])
        if len(set_a & set_b) >= threshold * min(len(set_a), len(set_b)):
            twins.append(pair)
    new.twins = frozenset(twins)
    return tuple(twins), new


# --- the file ------------------------------------------------------------------------------


def read_twin_state(store_dir: Path) -> TwinState | None:
    """The state a store's last update left, or ``None`` (none, unreadable, or another
    layout: the next update then shingles every article)."""
    try:
        raw = (store_dir / TWINS_FILE).read_bytes()
    except OSError:
        return None
    try:
        return _decode(raw)
    except (ValueError, KeyError, TypeError, IndexError, struct.error):
        return None


def write_twin_state(store_dir: Path, state: TwinState) -> None:
    """Write the state atomically."""
    from kg.graph import atomic_write

    ids = sorted(state.hashes)
    flat = array("q")
    counts = []
    for aid in ids:
        mine = sorted(state.samples.get(aid, ()))
        counts.append(len(mine))
        flat.extend(mine)
    header = {
        "params": state.params,
        "ids": ids,
        "hashes": [state.hashes[aid] for aid in ids],
        "counts": counts,
        "found": {aid: sorted(b) for aid, b in sorted(state.found.items())},
        "crowds": [[s, sorted(map(list, chain))] for s, chain in sorted(state.crowds.items())],
        "twins": sorted(map(list, state.twins)),
    }
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if sys.byteorder != "little":
        flat.byteswap()

    def write(handle: BinaryIO) -> None:
        handle.write(_MAGIC + struct.pack("<Q", len(head)) + head)
        handle.write(flat.tobytes())

    atomic_write(store_dir / TWINS_FILE, write)


def _decode(raw: bytes) -> TwinState:
    if not raw.startswith(_MAGIC):
        raise ValueError("not a kg twins file")
    at = len(_MAGIC)
    (size,) = struct.unpack_from("<Q", raw, at)
    at += 8
    header = json.loads(raw[at : at + size].decode("utf-8"))
    flat = array("q")
    flat.frombytes(raw[at + size :])
    if sys.byteorder != "little":
        flat.byteswap()
    ids, counts = header["ids"], header["counts"]
    if len(ids) != len(counts) or len(header["hashes"]) != len(ids) or sum(counts) != len(flat):
        raise ValueError("inconsistent twins file")
    samples: dict[str, frozenset[int]] = {}
    start = 0
    for aid, count in zip(ids, counts, strict=True):
        if count:
            samples[aid] = frozenset(flat[start : start + count])
        start += count
    return TwinState(
        str(header["params"]),
        hashes=dict(zip(ids, map(str, header["hashes"]), strict=True)),
        samples=samples,
        found={str(a): frozenset(map(str, b)) for a, b in header["found"].items()},
        crowds={int(s): _pairs(chain) for s, chain in header["crowds"]},
        twins=_pairs(header["twins"]),
    )


def _pairs(rows: Iterable[Sequence[str]]) -> frozenset[Pair]:
    return frozenset((str(a), str(b)) for a, b in rows)
