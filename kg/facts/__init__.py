"""Stage "facts": positions held, events reported and attributed claims, from one article.

One module per rule family, each testable from hand-built records (and, for claims, a hand-built
spaCy ``Doc``):

* :mod:`kg.facts.positions`: who holds which role ("German Foreign Minister Annalena Baerbock");
* :mod:`kg.facts.reports`: meetings, talks, calls and visits, with their dates
  (:mod:`kg.facts.dates`);
* :mod:`kg.facts.claims`: who said what, from the dependency parse, with speakers resolved by
  :mod:`kg.coref`; :mod:`kg.facts.governments`: capitals standing for their government;
* :mod:`kg.facts.roles`: the role scheme of ``ontology/roles.ttl``.

Word lists are data in ``kg/lexicon/``.
"""

from __future__ import annotations

from typing import Any

from kg.facts.article import RULES_VERSION, ArticleView
from kg.facts.claims import find_claims
from kg.facts.dates import parse_date, resolve_weekday
from kg.facts.governments import find_governments
from kg.facts.positions import find_positions
from kg.facts.reports import find_events
from kg.facts.roles import ROLE_NS, Roles, load_roles, phrase_regex
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.records import Extraction, Facts

__all__ = [
    "ROLE_NS",
    "RULES_VERSION",
    "Roles",
    "extract_facts",
    "load_roles",
    "parse_date",
    "phrase_regex",
    "resolve_weekday",
]


def extract_facts(
    extraction: Extraction, *, gaz: Gazetteer | None = None, doc: Any = None
) -> Facts:
    """Every position, event and claim one article states.

    Args:
        extraction: The article's records.
        gaz: The gazetteer (the packaged one by default).
        doc: The spaCy ``Doc`` extraction parsed the article's text into. Attribution reads its
            dependency parse; without it only the claims of capitals standing for their
            government are found.
    """
    art = ArticleView(extraction, gaz or load_gazetteer())
    roles = load_roles()
    positions = find_positions(art, roles)
    stands, government_claims = find_governments(art)
    claims = []
    if doc is not None:
        words = frozenset(label for label in roles.by_label if " " not in label)
        claims = find_claims(art, doc, positions=positions, role_words=words)
    taken = [(c.start, c.end) for c in claims]
    claims += [c for c in government_claims if not any(s < c.end and c.start < e for s, e in taken)]
    return Facts(
        article_id=extraction.article.id,
        positions=tuple(positions),
        events=tuple(find_events(art, positions)),
        claims=tuple(sorted(claims, key=lambda c: (c.start, c.end))),
        stands_for=tuple(stands),
    )
