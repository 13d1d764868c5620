"""Positions held, a rule family of stage "facts": who holds which role of what.

Patterns of news English over the cleaned text and the mentions extraction found:
"German Foreign Minister Annalena Baerbock", "Penny Wong, the Australian Foreign Minister", "the
head of its Federal Intelligence Service (BND), Bruno Kahl", "his Italian counterpart, Guido
Crosetto", "Le Monde's Anne Martin". Role words come from the SKOS scheme ``ontology/roles.ttl``.
"former" and "ex-" roles (``kg/lexicon/former_markers.txt``), plurals and roles without a named
person give nothing.
"""

from __future__ import annotations

import re

from kg.facts.article import RULES_VERSION, ArticleView, sentence_index
from kg.facts.roles import Roles, role_id
from kg.lexicon import entries
from kg.records import Mention, Offsets, Position

_FORMER_RE = re.compile(
    r"\b(?:" + "|".join(entries("former_markers")) + r")[- ]?\s*$", re.IGNORECASE
)
# A role word followed by a lower-case noun is an adjective: "official news agency".
ADJECTIVAL_RE = re.compile(r"\s+(?!of\b|and\b|or\b|in\b|at\b|for\b|to\b|on\b|with\b)[a-z]{3,}")


def qualifier(art: ArticleView, role_start: int) -> tuple[Offsets | None, str | None]:
    """What a role is of, from the words right before it: "French", "Spain's", "Le Monde's"."""
    before = art.text[max(0, role_start - 60) : role_start]
    mention = art.mention_ending(role_start - (len(before) - len(before.rstrip())))
    if (
        mention is not None
        and mention.end > role_start - 4
        and mention.type
        in ("Country", "GovernmentOrganization", "Organization", "NewsMediaOrganization")
    ):
        return (mention.start, mention.end), None
    word = re.search(r"([A-Z][\w’'-]+)\s+$", before)
    if word:
        iso = art.country_of_word(word.group(1))
        if iso:
            return None, iso
    return None, None


_OF_RE = re.compile(r"\s+of\s+(?:its\s+|the\s+|their\s+|his\s+|her\s+)?")
_ACRONYM_COMMA_RE = re.compile(r"(?:\s*\([A-Z]{2,8}\))?,\s*")
_SPACES_RE = re.compile(r" *")
_APPOSITIVE_RE = re.compile(r"(?P<p>)\s*,\s+(?:the|a)\s+(?:[A-Z][\w’'-]+\s+)?$")


def _position(
    art: ArticleView,
    holder: Mention,
    role: str,
    rule: str,
    *,
    at: int,
    of: Offsets | None = None,
    of_country: str | None = None,
) -> Position:
    """The one way every rule here builds a position: ``holder`` holds ``role``, as the
    sentence holding offset ``at`` says."""
    return Position(
        article_id=art.ex.article.id,
        sentence=sentence_index(art, at),
        holder=(holder.start, holder.end),
        role=role,
        of=of,
        of_country=of_country,
        rule=f"position:{rule}@{RULES_VERSION}",
    )


def find_positions(art: ArticleView, roles: Roles) -> list[Position]:
    """Positions held, by the patterns in the module docstring."""
    found: list[Position] = []
    text = art.text
    for match in roles.finditer(text):
        role = role_id(roles, match.group("role"))
        start, end = match.span("role")
        if ADJECTIVAL_RE.match(text, end):
            continue  # "official news agency", "chief executive officer" is caught whole
        if text[end : end + 1] in ("s",) or _FORMER_RE.search(text[max(0, start - 12) : start]):
            continue  # plural, or a former holder
        after = art.mention_at(end)
        # "of ORG (ACR), PERSON": the head of an organisation.
        of_org = _OF_RE.match(text, end)
        if of_org and after is None:
            org = art.by_start.get(of_org.end())
            if org is not None and org.type != "Person":
                tail = _ACRONYM_COMMA_RE.match(text, org.end)
                person = art.by_start.get(tail.end()) if tail else None
                if person is not None and person.type == "Person":
                    rule, of_name = "role-of-org-name", (org.start, org.end)
                    found.append(_position(art, person, role, rule, at=start, of=of_name))
                    continue
        of, of_country = qualifier(art, start)
        # "ROLE PERSON": "German Foreign Minister Annalena Baerbock".
        direct = art.by_start.get(_SPACES_RE.match(text, end).end())  # type: ignore[union-attr]
        if direct is not None and direct.type == "Person" and (of or of_country):
            found.append(
                _position(art, direct, role, "title-name", at=start, of=of, of_country=of_country)
            )
            continue
        # "PERSON, the ROLE": "Penny Wong, the Australian Foreign Minister".
        # (Searched in the stretch just before the role: the appositive is a few words long.)
        lead = _APPOSITIVE_RE.search(text, max(0, start - 160), start)
        if lead:
            person = art.mention_ending(lead.start())
            if person is not None and person.type == "Person" and (of or of_country):
                found.append(
                    _position(
                        art, person, role, "name-appositive", at=start, of=of, of_country=of_country
                    )
                )
                continue
    found.extend(_counterparts(art, found))
    found.extend(_org_possessives(art, found))
    return _dedupe(found)


def _counterparts(art: ArticleView, positions: list[Position]) -> list[Position]:
    """ "his Italian counterpart, Guido Crosetto": the same role, of another country."""
    out = []
    pattern = re.compile(
        r"\b(?:(?:his|her|their|its)\s+)?(?P<c>[A-Z][\w’'-]+)\s+counterparts?,?\s+"
    )
    for match in pattern.finditer(art.text):
        person = art.by_start.get(match.end())
        iso = art.country_of_word(match.group("c"))
        if person is None or person.type != "Person" or iso is None:
            continue
        sentence = sentence_index(art, match.start())
        earlier = [p for p in positions if p.sentence == sentence and p.holder[0] < match.start()]
        if earlier:
            role, at = earlier[-1].role, match.start()
            out.append(_position(art, person, role, "counterpart", at=at, of_country=iso))
    return out


def _org_possessives(art: ArticleView, positions: list[Position]) -> list[Position]:
    """ "Le Monde's Anne Martin": a person of an organisation (a journalist of a news one)."""
    out = []
    held = {p.holder for p in positions}
    for m in art.mentions:
        if m.type not in ("Organization", "NewsMediaOrganization"):
            continue
        poss = re.match(r"(?:’s|'s)\s+", art.text[m.end :])
        person = art.by_start.get(m.end + poss.end()) if poss else None
        if person is None or person.type != "Person" or (person.start, person.end) in held:
            continue
        role = "journalist" if m.type == "NewsMediaOrganization" else "member"
        out.append(_position(art, person, role, "org-possessive", at=m.start, of=(m.start, m.end)))
    return out


def _dedupe(positions: list[Position]) -> list[Position]:
    seen: set[tuple[Offsets, str]] = set()
    out = []
    for p in sorted(positions, key=lambda p: (p.holder, p.rule)):
        if (p.holder, p.role) not in seen:
            seen.add((p.holder, p.role))
            out.append(p)
    return out
