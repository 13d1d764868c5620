"""Entity IRIs an update of a store replaced, kept resolvable (decision 0009).

An entity's key, so its IRI, is what resolution gives over the articles a store holds, whatever
order they came in. When an update changes it, the old IRI is kept in the store's graph
``graph/redirects`` as ``dcterms:isReplacedBy`` the new one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from kg.corpus import graph_iri
from kg.iri import encode_part, mint_iri
from kg.records import Corpus, Extraction, MentionRef

if TYPE_CHECKING:
    import pyoxigraph as ox

#: The store's graph of entity IRIs replaced by others (``graph/redirects``).
REDIRECTS = "redirects"


class Redirects:
    """Entity IRIs that an update replaced, kept resolvable (decision 0009).

    An entity's key, so its IRI, is what resolution gives the articles the store holds, whatever
    order they came in. When a change of those (a fuller name arrives, an article goes) gives an
    entity another IRI, its old IRI gets ``dcterms:isReplacedBy`` the new one, in the graph
    ``graph/redirects``; a redirect to an IRI replaced in turn is pointed at the newest.
    """

    def __init__(
        self,
        extractions: Iterable[Extraction],
        *,
        stored: Mapping[str, Mapping[str, Any]],
        old: Mapping[str, Extraction],
    ) -> None:
        """Args: the extractions of the update, the records as stored and the extractions they
        held (:class:`kg.store.UpdatePlan`)."""
        # The stored keys are read when an IRI is gone, and then only those of its old key.
        self._sources = [
            (stored[ex.article.id], old[ex.article.id], ex)
            for ex in extractions
            if ex.article.id in stored
        ]
        self.added: tuple[tuple[str, str], ...] = ()

    def previous(self, keys: Callable[[str], bool]) -> dict[MentionRef, str]:
        """Each stored mention still in the store whose old entity key ``keys`` accepts -> that
        key."""
        found: dict[MentionRef, str] = {}
        for record, old, ex in self._sources:
            if any(keys(str(key)) for _, _, key in record.get("keys", ())):
                found.update(
                    (ref, key) for ref, key in _record_keys(record, old, ex).items() if keys(key)
                )
        return found

    def quads(
        self, store: ox.Store, corpus: Corpus, *, base: str, held: Iterable[str] | None = None
    ) -> list[ox.Quad]:
        """The redirects graph after this update (its new pairs in :attr:`added`).

        ``held``: the IRIs of the subjects of the store's graph of entities, when known
        (:mod:`kg.store_entities`); otherwise they are read from the store.
        """
        import pyoxigraph as ox
        from rdflib.namespace import DCTERMS, RDF

        from kg.graph import entity_iri
        from kg.records import TYPE_FAMILY

        graph = ox.NamedNode(graph_iri(base, REDIRECTS))
        entities = ox.NamedNode(graph_iri(base, "entities"))
        replaced_by = ox.NamedNode(str(DCTERMS.isReplacedBy))
        typed = ox.NamedNode(str(RDF.type))
        if held is None:
            held = {
                str(q.subject.value)
                for q in store.quads_for_pattern(None, typed, None, entities)
                if isinstance(q.subject, ox.NamedNode)
            }
        held = set(held)
        before = {
            q.subject.value: q.object.value
            for q in store.quads_for_pattern(None, replaced_by, None, graph)
            if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode)
        }
        now = {e.key: entity_iri(base, e) for e in corpus.resolution.entities}
        live = set(now.values())
        families = sorted(set(TYPE_FAMILY.values()))
        # Only an IRI held and no longer live is redirected: its last part is the encoded key
        # (encode_part keeps no "/"), so the other keys need no IRI minted.
        prefixes = {family: mint_iri(base, "entity", family, "x")[:-1] for family in families}
        dead = {iri.rpartition("/")[2] for iri in held - live}
        encoded: dict[str, bool] = {}

        def gone(key: str) -> bool:
            if key not in encoded:
                encoded[key] = encode_part(key) in dead
            return encoded[key]

        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for ref, old_key in (self.previous(gone) if dead else {}).items():
            new_key = corpus.resolution.assignment.get(ref)
            if new_key is not None:
                votes[old_key][new_key] += 1
        added: dict[str, str] = {}
        for old_key, counts in votes.items():
            if encode_part(old_key) not in dead:
                continue
            target = now[min(counts, key=lambda k: (-counts[k], k))]
            for family in families:
                old = prefixes[family] + encode_part(old_key)
                if old in held and old not in live and old != target:
                    added[old] = target
        redirects: dict[str, str] = {}
        for old, target in {**before, **added}.items():
            target = added.get(target, target)  # replaced in turn: to the newest
            if old not in live and target in live:
                redirects[old] = target
        self.added = tuple(sorted((old, new) for old, new in added.items() if old in redirects))
        return [
            ox.Quad(ox.NamedNode(old), replaced_by, ox.NamedNode(new), graph)
            for old, new in sorted(redirects.items())
        ]


def _record_keys(
    record: Mapping[str, Any], old: Extraction, extraction: Extraction
) -> dict[MentionRef, str]:
    """The keys a record gave its mentions, for the mentions ``extraction`` still has with the
    same text at the same offsets (a changed article keeps the keys of what it still says)."""
    aid = extraction.article.id
    if extraction.mentions is old.mentions:  # an article reused as stored: every key holds
        return {MentionRef(aid, int(s), int(e)): str(key) for s, e, key in record.get("keys", ())}
    old_text = {(m.start, m.end): m.text for m in old.mentions}
    now_text = {(m.start, m.end): m.text for m in extraction.mentions}
    keys: dict[MentionRef, str] = {}
    for start, end, key in record.get("keys", ()):
        text = old_text.get((start, end))
        if text is not None and now_text.get((start, end)) == text:
            keys[MentionRef(aid, int(start), int(end))] = str(key)
    return keys
