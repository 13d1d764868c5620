"""What a store's graph of entities holds, subject by subject, so that an update rewrites only
the entities, events and roles that changed (decision 0012).

The graph of entities is a set of subjects: an entity with its merge nodes (which only it points
at, ``kg:merge``), an event, a role concept. Each subject's statements are a function of one
record and of the few things it names: an entity's of its :class:`kg.records.Entity` (its
mentions only by their count) and of its country's IRI; an event's and a role's of its own
statements, made anew on each update (few, and cheap). The store keeps, per subject IRI, a
digest of that (``DIR/entities.json``); an update writes, in one transaction, the statements of
the subjects whose digest changed or that are gone, and leaves every other subject unread. The
digest covers everything the statements are made from, so the graph is the one a full rewrite
makes: kept equal, not approximated.

As the graph index (:mod:`kg.store_index`), the file is trusted only when it was written by
this kg for this base and pipeline; it is deleted before an update writes and written once the
update is whole. Without it the whole graph of entities is compared, as before, and the file is
written from what the update made.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg import __version__

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kg.records import Entity

#: The file, in the store folder.
ENTITIES_FILE = "entities.json"
#: Version of its layout.
ENTITIES_FORMAT = 1

_MERGE = "https://w3id.org/kg-news/ontology#merge"


@dataclass(frozen=True, slots=True)
class Subject:
    """One subject of the graph of entities: the digest of what its statements are made from,
    and a function that makes them."""

    digest: str
    quads: Callable[[], Iterable[ox.Quad]]


def _digest(payload: Any) -> str:
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def entity_subjects(base: str, entities: Iterable[Entity]) -> dict[str, Subject]:
    """The subjects of the entities' statements (:func:`kg.graph.one_entity_quads`), by IRI."""
    from kg.graph import entity_iri, one_entity_quads

    entities = list(entities)
    by_key = {e.key: e for e in entities}
    subjects = {}
    for entity in entities:
        country = f"country_{entity.country.lower()}" if entity.country else None
        payload = [
            entity.key,
            entity.type,
            entity.label,
            list(entity.variants),
            len(entity.mentions),
            list(entity.same_as),
            entity.country,
            entity_iri(base, by_key[country]) if country in by_key else None,
            [[m.variant, m.rule] for m in entity.merges],
        ]
        subjects[entity_iri(base, entity)] = Subject(
            _digest(payload),
            lambda entity=entity: one_entity_quads(base, entity, by_key),  # type: ignore[misc]
        )
    return subjects


def quad_subjects(quads: Iterable[ox.Quad]) -> dict[str, Subject]:
    """Statements grouped by subject, each group's digest over its statements (for the few
    subjects cheaper to make than to describe: events, roles)."""
    groups: dict[str, list[ox.Quad]] = defaultdict(list)
    for quad in quads:
        groups[str(quad.subject)].append(quad)
    return {
        iri[1:-1]: Subject(_digest(sorted(str(q) for q in group)), _constant(group))
        for iri, group in groups.items()
    }


def _constant(quads: list[ox.Quad]) -> Callable[[], Iterable[ox.Quad]]:
    return lambda: quads


def stored_quads(store: ox.Store, graph: str, subjects: Iterable[str]) -> set[ox.Quad]:
    """The statements a store's graph holds about some subjects, their merge nodes included."""
    import pyoxigraph as ox

    name = ox.NamedNode(graph)
    merge = ox.NamedNode(_MERGE)
    found: set[ox.Quad] = set()
    for iri in subjects:
        for quad in store.quads_for_pattern(ox.NamedNode(iri), None, None, name):
            found.add(quad)
            if quad.predicate == merge and isinstance(quad.object, ox.NamedNode):
                found.update(store.quads_for_pattern(quad.object, None, None, name))
    return found


def changed_subjects(
    kept: Mapping[str, str], subjects: Mapping[str, Subject]
) -> tuple[list[str], list[str]]:
    """(The subjects to write: new, or whose digest changed; those gone), each sorted."""
    write = sorted(iri for iri, s in subjects.items() if kept.get(iri) != s.digest)
    gone = sorted(set(kept) - set(subjects))
    return write, gone


def all_quads(subjects: Mapping[str, Subject]) -> Iterator[ox.Quad]:
    for iri in sorted(subjects):
        yield from subjects[iri].quads()


def _stamp(base: str, model: str) -> dict[str, Any]:
    return {"format": ENTITIES_FORMAT, "kg": __version__, "base": base, "model": model}


def read_subjects(store_dir: Path, *, base: str, model: str) -> dict[str, str] | None:
    """The digests the store's graph of entities was written from, by subject; ``None`` when
    the file is missing, unreadable or stale (the whole graph is compared then)."""
    try:
        data = json.loads((store_dir / ENTITIES_FILE).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("stamp") != _stamp(base, model):
            return None
        subjects = data["subjects"]
        if not isinstance(subjects, dict):
            return None
        return {str(iri): str(digest) for iri, digest in subjects.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def drop_subjects(store_dir: Path) -> None:
    """Until an update is whole, the graph of entities is not what the file says."""
    (store_dir / ENTITIES_FILE).unlink(missing_ok=True)


def write_subjects(
    store_dir: Path, subjects: Mapping[str, Subject], *, base: str, model: str
) -> None:
    from kg.store_records import write_json

    digests = {iri: subjects[iri].digest for iri in sorted(subjects)}
    write_json(store_dir / ENTITIES_FILE, {"stamp": _stamp(base, model), "subjects": digests})
