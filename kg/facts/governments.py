"""Capitals standing for their governments, a rule family of stage "facts".

A capital is its government when it acts or owns a stance: "Berlin had proposed", "Paris' version",
"Berlin's occupation" (``kg/lexicon/government_stance_nouns.txt``, ``government_act_verbs.txt``);
what such a government is said to say ("Madrid insisted that ...") is its claim.
"""

from __future__ import annotations

import re

from kg.facts.article import RULES_VERSION, ArticleView, sentence_index, strip_span
from kg.lexicon import entries
from kg.records import Claim, Offsets

_ACTS = [e.split() for e in entries("government_act_verbs")]
_GOVERNMENT_SPEECH = frozenset(e[0] for e in _ACTS if e[1:] == ["speech"])


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_GOVERNMENT_ACT_RE = re.compile(
    r"(?:(?:’s|'s|’|')\s+(?P<noun>"
    + _alternation(list(entries("government_stance_nouns")))
    + r")\b|\s+(?:has\s+|had\s+|have\s+)?(?P<verb>"
    + _alternation([e[0] for e in _ACTS])
    + r")\b)"
)
_LOCATIVE_RE = re.compile(r"\b(?:in|at|to|from|near|into|of|via)\s+$", re.IGNORECASE)


def find_governments(art: ArticleView) -> tuple[list[tuple[Offsets, str]], list[Claim]]:
    """Capitals standing for their governments, and what those governments are said to say."""
    stands: list[tuple[Offsets, str]] = []
    claims: list[Claim] = []
    for m in art.mentions:
        if m.type != "City" or not m.country:
            continue
        country = art.gaz.countries.get(m.country)
        if country is None or not country.capital or country.capital.lower() != m.text.lower():
            continue
        act = _GOVERNMENT_ACT_RE.match(art.text, m.end)
        if act is None or _LOCATIVE_RE.search(art.text[max(0, m.start - 8) : m.start]):
            continue  # "chiefs in Vienna have agreed": the city is a place there
        stands.append(((m.start, m.end), m.country))
        verb = act.group("verb")
        if verb in _GOVERNMENT_SPEECH:
            index = sentence_index(art, m.start)
            end = art.ex.sentences[index].end
            start, end = strip_span(art.text, act.end(), end)
            if end - start >= 10:
                about = tuple(
                    (o.start, o.end) for o in art.mentions if start <= o.start and o.end <= end
                )
                claims.append(
                    Claim(
                        article_id=art.ex.article.id,
                        sentence=index,
                        start=start,
                        end=end,
                        claimant=(m.start, m.end),
                        government=m.country,
                        cue=verb,
                        about=about,
                        rule=f"claim:capital-{verb}@{RULES_VERSION}",
                        speaker=(m.start, m.end),
                        cue_span=act.span("verb"),
                        parts=((start, end),),
                        speaker_kind="name",
                    )
                )
    return stands, claims
