"""The acronym rules of stage "resolve" (:mod:`kg.resolve`, where every rule is listed):
``acronym-initials`` within an article and across the corpus, and when two clusters meeting on
an acronym's name key may merge.

An acronym means what its article defines: clusters that define one acronym by two different
full names never merge ("ICC": a court, a cricket council), and an acronym alone meets a defined
one on its name only when their articles name another person or organisation in common.
"""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter

from kg.clusters import _choose_type, _Cluster, _union, name_key


def _acronym_of(text: str) -> str | None:
    """The acronym a mention is written as ("NASA", "U.N." -> UN), or None."""
    compact = text.replace(".", "")
    if 2 <= len(compact) <= 8 and compact.isalpha() and compact.isupper():
        return compact
    return None


def _join_spelled_acronyms(names: list[tuple[str, _Cluster]], first: dict[str, str]) -> None:
    """Within an article, an acronym is the one organisation or place named in full whose
    initials it spells ("WHO" and "World Health Organization", "KSC" and "Kennedy Space
    Center"); none when two full names spell it."""
    from kg.mention_rules import initials

    spelled: dict[str, set[int]] = defaultdict(set)
    by_id: dict[int, _Cluster] = {}
    for nk, cluster in names:
        if cluster.family in ("org", "place"):
            for acronym in initials(first[nk]):
                spelled[acronym].add(id(cluster.root()))
                by_id[id(cluster.root())] = cluster.root()
    for nk, cluster in names:
        written = _acronym_of(first[nk])
        owners = spelled.get(written or "", set())
        if written and len(owners) == 1:
            full = by_id[next(iter(owners))]
            if full.family == cluster.family and full.root() is not cluster.root():
                _union(full, cluster, "acronym-initials")


def _spelled_names(root: _Cluster, acronym: str) -> set[str]:
    """The name keys of the full names a cluster defines ``acronym`` by: its multi-word names
    whose initials spell it, and the names written before it in brackets ("National
    Intelligence Organisation (MIT)")."""
    from kg.mention_rules import initials

    spelled = {name_key(v) for v in root.variants if acronym.upper() in initials(v)}
    return spelled | root.defined.get(acronym.upper(), set())


def _acronym_meeting(key: str, a: _Cluster, b: _Cluster) -> str:
    """Whether two clusters meeting on a name key merge outright ("merge"), only when their
    articles share other entities ("context"), or never ("never").

    An acronym means what its article defines: two clusters that spell it with two different
    full names stay apart ("ICC" of a criminal court and of a cricket council); an acronym alone
    meets a defined one only with shared context (the "IBM" of a company and the "IBM" an article
    on magicians defines). Keys that are no acronym merge outright.
    """
    bare = key.split(":", 1)[-1]
    if ":" not in key or "_" in bare or not any(_acronym_of(v) for v in a.variants | b.variants):
        return "merge"
    spelled_a, spelled_b = _spelled_names(a, bare), _spelled_names(b, bare)
    if spelled_a and spelled_b:
        return "merge" if spelled_a & spelled_b else "never"
    if spelled_a or spelled_b:
        return "context"
    return "merge"


class _Context:
    """The people and organisations of the articles each cluster is mentioned in, computed for
    the few clusters asked about (a country in every article would cost the whole corpus)."""

    def __init__(self, roots: list[_Cluster]) -> None:
        self.by_article: dict[str, set[int]] = defaultdict(set)
        for root in roots:
            if root.family in ("person", "org"):
                for aid in set(map(itemgetter(0), root.mentions)):
                    self.by_article[aid].add(id(root))
        self.memo: dict[int, set[int]] = {}

    def of(self, root: _Cluster) -> set[int]:
        if id(root) not in self.memo:
            articles = set(map(itemgetter(0), root.mentions))
            found: set[int] = set().union(*(self.by_article[aid] for aid in articles))
            self.memo[id(root)] = found - {id(root)}
        return self.memo[id(root)]


def _share_context(a: _Cluster, b: _Cluster, context: _Context) -> bool:
    """Whether the articles of two clusters name a person or organisation in common."""
    return bool(context.of(a) & context.of(b))


def _join_corpus_acronyms(roots: list[_Cluster], context: _Context) -> None:
    """Across articles, an acronym written alone ("IBM", "ECB") joins the one organisation of
    the corpus named in full whose initials it spells ("International Business Machines",
    "European Central Bank"), when their types agree, no other name spells it, and their
    articles name another person or organisation in common."""
    from kg.mention_rules import initials

    spelled: dict[str, set[int]] = defaultdict(set)
    by_id = {id(r): r for r in roots}
    for root in roots:
        if root.family != "org":
            continue
        for variant in root.variants:
            if _acronym_of(variant) is None:
                for acronym in initials(variant):
                    spelled[acronym].add(id(root))
    for root in roots:
        if root.family != "org" or not root.mentions:
            continue
        acronyms = {_acronym_of(v) for v in root.variants}
        if len(acronyms) != 1 or None in acronyms:
            continue  # only names written as one acronym
        owners = spelled.get(next(iter(acronyms)) or "", set()) - {id(root)}
        if len(owners) != 1:
            continue
        full = by_id[next(iter(owners))].root()
        a = _choose_type([m for _, m in root.mentions])
        b = _choose_type([m for _, m in full.mentions])
        if (a == b or "Organization" in (a, b)) and _share_context(root, full, context):
            _union(full, root, "acronym-initials")
