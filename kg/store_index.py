"""What a store's article graphs were made from, so that an update rewrites only those whose
inputs changed (decision 0010).

An article's named graph is a function of its record (the cleaned text, mentions, sentences
and claims), the store's base IRI and kg's version, and of the part of the corpus-wide results
it reads: the entity keys its mentions were given, its publisher, the events its sentences
report (exactly what :func:`kg.corpus._render_tasks` hands a worker to make the same graph),
and the types of the entities it names (looked up while the graph is made: a fact may name a
country no mention names, so the keys read are noted, not guessed), and its twins (their
``kg:sameStoryAs`` links are in its graph). The store keeps, per
article, a digest of all of these and the entity keys whose types were read
(``DIR/graphs.json``); an update makes an article's graph again only when that digest changes.
The digest is over the inputs themselves, so a graph it skips is the graph a full update would
make: kept equal, not approximated.

The file is trusted only when it says it was written by this kg for this base and pipeline;
it is deleted when an update starts writing and written again once the update is whole, so a
killed update leaves none. Missing, unreadable or of another version: every article's graph is
made and compared, as before (correct, slower).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import __version__
from kg.records import EntityType

#: The file, in the store folder.
INDEX_FILE = "graphs.json"
#: Version of its layout.
INDEX_FORMAT = 1


class SeenTypes(Mapping[str, EntityType]):
    """Entity types, noting every key looked up (found or not) while a graph is made."""

    def __init__(self, types: Mapping[str, EntityType]) -> None:
        self.types = types
        self.seen: set[str] = set()

    def __getitem__(self, key: str) -> EntityType:
        self.seen.add(key)
        return self.types[key]

    def __iter__(self) -> Iterator[str]:
        # A graph that read every type would depend on every entity: never made that way.
        raise TypeError("an article graph reads the types of the entities it names only")

    def __len__(self) -> int:
        return len(self.types)


@dataclass(frozen=True, slots=True)
class GraphInputs:
    """What one article's graph is made from, but the entity types (see the module)."""

    record: str  # SHA-256 of its record file
    keys: Sequence[tuple[int, int, str]]  # (start, end, entity key) of its mentions
    publisher: str | None
    events: Sequence[tuple[int, str]]  # (sentence, event key)
    twins: Sequence[str]  # the IRIs of its twins (kg:sameStoryAs, in its graph)


def graph_digest(inputs: GraphInputs, types: Mapping[str, EntityType | None]) -> str:
    """The digest of everything one article's graph is made from (see the module)."""
    payload = [
        inputs.record,
        sorted(inputs.keys),
        inputs.publisher,
        sorted(inputs.events),
        sorted(inputs.twins),
        sorted(types.items()),
    ]
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class GraphIndex:
    """Per article id: the digest its graph in the store was made from, and the entity keys
    whose types it read."""

    def __init__(self, entries: dict[str, tuple[str, tuple[str, ...]]] | None = None) -> None:
        self.entries = entries or {}

    def unchanged(
        self, article_id: str, inputs: GraphInputs, types: Mapping[str, EntityType]
    ) -> bool:
        """Whether the article's graph in the store is the one these inputs make."""
        entry = self.entries.get(article_id)
        if entry is None:
            return False
        digest, seen = entry
        return graph_digest(inputs, {key: types.get(key) for key in seen}) == digest

    def note(self, article_id: str, inputs: GraphInputs, types: SeenTypes) -> None:
        """Note what an article's graph was just made from."""
        seen = {key: types.types.get(key) for key in types.seen}
        self.entries[article_id] = (graph_digest(inputs, seen), tuple(sorted(seen)))


def _stamp(base: str, model: str) -> dict[str, Any]:
    return {"format": INDEX_FORMAT, "kg": __version__, "base": base, "model": model}


def read_index(store_dir: Path, *, base: str, model: str) -> GraphIndex:
    """The store's index, or an empty one when it is missing, unreadable or stale."""
    try:
        data = json.loads((store_dir / INDEX_FILE).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("stamp") != _stamp(base, model):
            return GraphIndex()
        entries = {
            str(aid): (str(entry[0]), tuple(str(k) for k in entry[1]))
            for aid, entry in data["articles"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return GraphIndex()
    return GraphIndex(entries)


def drop_index(store_dir: Path) -> None:
    """Until an update is whole, the store's graphs are not what the index says."""
    (store_dir / INDEX_FILE).unlink(missing_ok=True)


def write_index(store_dir: Path, index: GraphIndex, *, base: str, model: str) -> None:
    from kg.store_records import write_json

    articles = {
        aid: [digest, sorted(seen)] for aid, (digest, seen) in sorted(index.entries.items())
    }
    write_json(store_dir / INDEX_FILE, {"stamp": _stamp(base, model), "articles": articles})
