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

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from kg.facts.article import RULES_VERSION, ArticleView
from kg.facts.claims import find_claims
from kg.facts.dates import parse_date, resolve_weekday
from kg.facts.governments import find_governments
from kg.facts.positions import find_positions
from kg.facts.reports import find_events
from kg.facts.roles import ROLE_NS, Roles, load_roles, phrase_regex
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.records import Claim, Extraction, Facts

__all__ = [
    "ROLE_NS",
    "RULES_VERSION",
    "Roles",
    "claims_from_json",
    "claims_to_json",
    "extract_facts",
    "load_roles",
    "parse_date",
    "phrase_regex",
    "resolve_weekday",
]


def extract_facts(
    extraction: Extraction,
    *,
    gaz: Gazetteer | None = None,
    doc: Any = None,
    claims: Sequence[Claim] | None = None,
) -> Facts:
    """Every position, event and claim one article states.

    Args:
        extraction: The article's records.
        gaz: The gazetteer (the packaged one by default).
        doc: The spaCy ``Doc`` extraction parsed the article's text into. Attribution reads its
            dependency parse; without it only the claims of capitals standing for their
            government are found.
        claims: The article's claims as found before from its Doc (a store keeps them with
            the article's records, :func:`claims_to_json`): used as they are.
    """
    art = ArticleView(extraction, gaz or load_gazetteer())
    roles = load_roles()
    positions = find_positions(art, roles)
    stands, government_claims = find_governments(art)
    found: list[Claim] = []
    if claims is not None:
        found = list(claims)
    else:
        if doc is not None:
            words = frozenset(label for label in roles.by_label if " " not in label)
            found = find_claims(art, doc, positions=positions, role_words=words)
        taken = [(c.start, c.end) for c in found]
        found += [
            c for c in government_claims if not any(s < c.end and c.start < e for s, e in taken)
        ]
    return Facts(
        article_id=extraction.article.id,
        positions=tuple(positions),
        events=tuple(find_events(art, positions)),
        claims=tuple(sorted(found, key=lambda c: (c.start, c.end))),
        stands_for=tuple(stands),
    )


def claims_to_json(claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Claims as JSON-able data, to keep with an article's records."""
    return [asdict(c) for c in claims]


def claims_from_json(data: Sequence[Mapping[str, Any]]) -> tuple[Claim, ...]:
    """Claims back from :func:`claims_to_json`'s data (lists become tuples again).

    Raises:
        KeyError, TypeError: The data is not claims of this kg's records.
    """

    def span(value: Any) -> tuple[int, int] | None:
        return (int(value[0]), int(value[1])) if value is not None else None

    out = []
    for item in data:
        fields = dict(item)
        for name in ("claimant", "speaker", "cue_span"):
            fields[name] = span(fields.get(name))
        for name in ("about", "parts"):
            fields[name] = tuple((int(s), int(e)) for s, e in fields.get(name, ()))
        out.append(Claim(**fields))
    return tuple(out)
