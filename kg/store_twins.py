"""Stage "twins" of a store: the twin pairs of every article held, found from what changed
(decision 0011).

:func:`kg.twins.find_twins` over every article of a store shingles every text again on each
update and looks every article up in a fresh inverted index. A store keeps, in
``DIR/twins.bin``, what that pass computes per article and per pair:

* each article's winnowed samples (and the content hash of the text they are of);
* the candidate pairs each article found by prefix filtering (as the pair's lower-ranked
  member, ranked by sample count, then id) and those each crowd sample (owned by more than
  :data:`kg.twins.CROWD` articles) chains;
* the twin pairs: the candidates whose containment passed the threshold;
* each sample's owner count, and the last sample each article looks up (decision 0014).

An update shingles only the articles added or changed (a changed article is the old one
removed and the new one added). An article's candidates are the higher-ranked owners, sharing
enough samples, of the samples it uses: its rarest ``|A| - need + 1`` (by owner count, then
value) outside crowds. The counts are the kept ones changed by the articles removed and added;
the owners themselves are listed only for the samples a change touches and those an article
near it reaches anew. An article added is looked up afresh; an article held that shares a
sample with a change keeps the candidates still reached through the samples it uses now, and
adds those reached through samples it did not use before and the added articles reached
through any; every other article keeps its candidates as they were. An article near a change
whose touched samples all gained owners and lie beyond the last sample it looks up uses the
same samples (they only moved back in its order) and keeps its candidates unsorted. A crowd
sample's chain is made again only when its owners change. A candidate pair that was one before
keeps its verdict; a new one has its containment computed on the two texts.
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
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import chain, pairwise
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
        last: Article id -> the last of the samples it looks up (its rarest, by owner count
            then value, under the owners of ``samples``): the samples it looks up are those up
            to it, so an update tells whether a change reaches them without sorting. An
            article without one (a state from an older file) is sorted.
        owners: Sample -> how many articles of ``samples`` hold it (empty in a state from an
            older file: counted again).
        written: Article id -> (its samples, the same in the order the file holds them: sorted,
            as :func:`write_twin_state` writes them), for the articles whose samples are still
            the very set read from the file: writing the state copies them instead of sorting
            them again. Not part of the state's value.
    """

    params: str
    hashes: dict[str, str] = field(default_factory=dict)
    samples: dict[str, frozenset[int]] = field(default_factory=dict)
    found: dict[str, frozenset[str]] = field(default_factory=dict)
    crowds: dict[int, frozenset[Pair]] = field(default_factory=dict)
    twins: frozenset[Pair] = frozenset()
    last: dict[str, int] = field(default_factory=dict)
    owners: dict[int, int] = field(default_factory=dict)
    written: dict[str, tuple[frozenset[int], array[int]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def candidates(self) -> set[Pair]:
        pairs = {(min(a, b), max(a, b)) for a, found in self.found.items() for b in found}
        for links in self.crowds.values():
            pairs.update(links)
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

    # The owners themselves only of the samples asked for (those a change touches, and those
    # the articles near it reach anew); their counts kept (see below).
    owners: dict[int, list[str]] = {}

    def find_owners(wanted: set[int]) -> None:
        wanted = wanted - owners.keys()
        for sample in wanted:
            owners[sample] = []
        if wanted:
            for aid, mine in samples.items():
                for sample in mine & wanted:
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
    # Each sample's owner count: the state's, changed by the articles removed and added; a
    # state without them (an older file), or whose counts do not add up, is counted in C.
    if state.owners and sum(state.owners.values()) == sum(map(len, state.samples.values())):
        counts = dict(state.owners)
        for sample, delta in change.items():
            if delta:
                held = counts.get(sample, 0) + delta
                if held:
                    counts[sample] = held
                else:
                    del counts[sample]
    else:
        counts = dict(Counter(chain.from_iterable(samples.values())))
    find_owners(touched)
    last: dict[str, int] = {}  # the new state's, for the articles whose rarest were sorted

    def rank(aid: str) -> tuple[int, str]:
        return len(samples[aid]), aid

    def looked_up(aid: str) -> frozenset[int]:
        """The rarest samples of an article, which prefix filtering looks up."""
        mine = samples[aid]
        order = sorted(mine, key=lambda s: (counts[s], s))
        used = order[: len(mine) - shared_needed(len(mine), threshold) + 1]
        last[aid] = used[-1]
        return frozenset(used)

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
        used = looked_up(aid)
        find_owners(set(used))  # touched already: all an added article's samples are
        for sample in used:
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
    near = {aid for sample in touched for aid in owners[sample]} - new_ids

    def key_then(sample: int) -> int:
        """(count before, sample) as one integer (samples are signed 64-bit)."""
        return (counts.get(sample, 0) - change.get(sample, 0)) << 64 | (sample + _HALF)

    # The articles near a change whose rarest samples must be sorted: not those whose touched
    # samples all gained owners and lie beyond the last sample they looked up (their rarest
    # are then the same, so are their crowds, and through them they reach no article added;
    # every candidate they had shares one of those samples with them and is still held, as
    # no sample of theirs lost an owner: they keep their candidates as they are).
    sort: list[str] = []
    for aid in near:
        stop = state.last.get(aid)
        mine_touched = samples[aid] & touched
        if stop is not None and all(change[s] > 0 for s in mine_touched):
            bound = key_then(stop)
            if all(key_then(s) > bound for s in mine_touched):
                continue
        sort.append(aid)
    # The samples each of those uses now and used before (looked up, crowds left out), with
    # each sample's key computed once, not once per article holding it: thousands of articles
    # share the commonest samples.
    pool: set[int] = set().union(*(samples[aid] for aid in sort))
    # (count, sample) as one integer: the same order, compared in C.
    key_now = {sample: counts[sample] << 64 | (sample + _HALF) for sample in pool}
    key_then_of = dict(key_now)
    for sample in touched & pool:
        key_then_of[sample] = key_then(sample)
    crowd_now = {sample for sample, key in key_now.items() if key >> 64 > CROWD}
    crowd_then = {sample for sample, key in key_then_of.items() if key >> 64 > CROWD}

    def rarest(aid: str, keys: dict[int, int]) -> list[int]:
        mine = samples[aid]
        order = sorted(mine, key=keys.__getitem__)
        return order[: len(mine) - shared_needed(len(mine), threshold) + 1]

    reach: dict[str, tuple[frozenset[int], frozenset[int]]] = {}  # aid -> (now, then)
    for aid in sort:
        used_then = rarest(aid, key_then_of)
        rarest_then = frozenset(used_then)
        mine_touched = samples[aid] & touched
        if rarest_then.isdisjoint(mine_touched) and all(change[s] > 0 for s in mine_touched):
            # Its touched samples only gained owners, so they only moved back in its order,
            # and none was among the rarest it used: it uses the same ones now (and the
            # crowds then and now differ on touched samples only). One sort, not two.
            rarest_now = rarest_then
            last[aid] = used_then[-1]  # its key did not change
        else:
            used_now = rarest(aid, key_now)
            rarest_now = frozenset(used_now)
            last[aid] = used_now[-1]
        reach[aid] = (rarest_now - crowd_now, rarest_then - crowd_then)
    find_owners(set().union(*(now - then for now, then in reach.values())))
    for aid, (now, then) in reach.items():
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

    def linked(a: str, b: str) -> bool:
        smaller = min(len(samples[a]), len(samples[b]))
        return len(samples[a] & samples[b]) >= shared_needed(smaller, threshold)

    # A crowd's chain links each owner to the next by id. Of a crowd that was one before, a
    # link between two articles that were next to each other then and did not change is what
    # it was (the chain then holds it or not); only the links beside a change are checked.
    dirty = removed | new_ids
    crowds = {s: links for s, links in state.crowds.items() if s not in touched}
    for sample in touched:
        crowd = owners.get(sample, ())
        if len(crowd) <= CROWD:
            continue
        held_then = [a for a in crowd if a not in new_ids]
        held_then += [a for a in removed if sample in state.samples.get(a, ())]
        if len(held_then) > CROWD:
            before_links = state.crowds.get(sample, frozenset())
            next_then = set(pairwise(sorted(held_then)))
            links = frozenset(
                (a, b)
                for a, b in pairwise(sorted(crowd))
                if (
                    (a, b) in before_links
                    if a not in dirty and b not in dirty and (a, b) in next_then
                    else linked(a, b)
                )
            )
        else:
            links = frozenset((a, b) for a, b in pairwise(sorted(crowd)) if linked(a, b))
        if links:
            crowds[sample] = links

    before = {p for p in state.candidates() if removed.isdisjoint(p)}
    # The last sample each article looks up: made anew where sorted now, else kept (its
    # samples' counts did not change, or changed only beyond it), else (an older state) found.
    kept_last = {aid: state.last[aid] for aid in samples.keys() & state.last.keys()}
    kept_last.update(last)
    for aid in samples.keys() - kept_last.keys():
        mine = samples[aid]
        order = sorted(mine, key=lambda s: (counts[s], s))
        kept_last[aid] = order[len(mine) - shared_needed(len(mine), threshold)]
    new = TwinState(
        params,
        hashes={aid: a.content_hash for aid, a in current.items()},
        samples=samples,
        found=found,
        crowds=crowds,
        last=kept_last,
        owners=counts,
        # The samples of the articles not removed or added are the sets the file held.
        written={
            aid: entry for aid, entry in state.written.items() if samples.get(aid) is entry[0]
        },
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
        mine = state.samples.get(aid, ())
        kept = state.written.get(aid)
        # Samples read from the file are copied in its order (sorted when this kg wrote it).
        flat.extend(kept[1] if kept is not None and kept[0] is mine else sorted(mine))
        counts.append(len(mine))
    header = {
        "params": state.params,
        "ids": ids,
        "hashes": [state.hashes[aid] for aid in ids],
        "counts": counts,
        "found": {aid: sorted(b) for aid, b in sorted(state.found.items())},
        "crowds": [[s, sorted(map(list, links))] for s, links in sorted(state.crowds.items())],
        "twins": sorted(map(list, state.twins)),
        "last": [state.last.get(aid) for aid in ids],
        "owners": len(state.owners),  # samples then counts, after the articles' samples
    }
    flat.extend(state.owners.keys())
    flat.extend(state.owners.values())
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
    distinct = int(header.get("owners", 0))  # an older file has no counts
    total = sum(counts)
    if len(ids) != len(counts) or len(header["hashes"]) != len(ids):
        raise ValueError("inconsistent twins file")
    if total + 2 * distinct != len(flat):
        raise ValueError("inconsistent twins file")
    owners = dict(zip(flat[total : total + distinct], flat[total + distinct :], strict=True))
    samples: dict[str, frozenset[int]] = {}
    written: dict[str, tuple[frozenset[int], array[int]]] = {}
    start = 0
    for aid, count in zip(ids, counts, strict=True):
        if count:
            run = flat[start : start + count]
            samples[aid] = frozenset(run)
            if len(samples[aid]) == count:  # in the file's order (this module sorts them)
                written[aid] = (samples[aid], run)
        start += count
    # Written since the last samples were kept (an older file has none: they are sorted again).
    ends = header.get("last") or [None] * len(ids)
    if len(ends) != len(ids):
        raise ValueError("inconsistent twins file")
    last = {
        aid: int(end)
        for aid, end in zip(ids, ends, strict=True)
        if end is not None and int(end) in samples.get(aid, ())
    }
    return TwinState(
        str(header["params"]),
        hashes=dict(zip(ids, map(str, header["hashes"]), strict=True)),
        samples=samples,
        found={str(a): frozenset(map(str, b)) for a, b in header["found"].items()},
        crowds={int(s): _pairs(links) for s, links in header["crowds"]},
        twins=_pairs(header["twins"]),
        last=last,
        owners=owners,
        written=written,
    )


def _pairs(rows: Iterable[Sequence[str]]) -> frozenset[Pair]:
    return frozenset((str(a), str(b)) for a, b in rows)
