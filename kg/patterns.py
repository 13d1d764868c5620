"""Stage "extract", its text patterns: names that news writes in fixed shapes, found in the text.

Ministries named by their country ("French Defence Ministry", "Ministry of Finance of Japan"),
"the X Government", roads by their code ("A-1 motorway", "I-95 highway"), and news agencies named
as such ("news agency ANSA", "the EFE news agency"). Pure Python over the article's text: no spaCy
here (:mod:`kg.extract` merges these with the model's names). Word lists: :mod:`kg.lexicon`.
"""

from __future__ import annotations

import re
from typing import Any

from kg.gazetteer import Gazetteer, fold
from kg.lexicon import entries, words
from kg.mention_rules import (
    RULES_VERSION,
)
from kg.records import Mention

# Ministry topics are normalised so that spelling and wording variants share one key.
_TOPIC_DROP = words("ministry_topic_drop")


_SPELLING = dict(entry.split("=", 1) for entry in entries("spelling_variants"))


_ROAD_RE = re.compile(
    r"\b(?P<code>[A-Z]{1,2}-?\d{1,3}[A-Z]?)(?=\s+(?:[a-z]+\s+){0,2}"
    r"(?:highway|motorway|freeway|expressway|road|route|ring road)\b)"
)


_POSSESSIVE_RE = re.compile(r"(?:'s|’s|'|’)$")


_LEADING_ARTICLE_RE = re.compile(r"^(?:the|The|THE)\s+")


def normalise_words(text: str) -> str:
    """Fold a phrase and unify British and American spellings, word by word."""
    return " ".join(_SPELLING.get(w, w) for w in re.findall(r"[a-z0-9]+", fold(text)))


def ministry_topic(phrase: str) -> str:
    """The normalised topic of a ministry ("National Defence" -> "defense")."""
    kept = [w for w in normalise_words(phrase).split() if w not in _TOPIC_DROP]
    return "_".join(kept)


def _country_alternation(gaz: Gazetteer) -> str:
    """Capitalised names of countries and demonyms, longest first (so "United States" wins),
    gathered under their first letter: ``A(?:lgeria|ngola)|B(?:...)``.

    The regex engine tries an alternation's branches one by one at each offset; the names of
    one first letter are the only ones that can match there, so the grouped alternation
    matches the same names at the same offsets (in the same order within a letter) while it
    tries a few dozen branches instead of thousands (a seventeenth of the time)."""
    names = {n for n in gaz.country_names if len(n) > 2} | set(gaz.demonyms)
    groups: dict[str, list[str]] = {}
    for name in sorted(names, key=len, reverse=True):
        words = [w[:1].upper() + w[1:] for w in name.split()]
        first = re.escape(words[0][:1])
        rest = r"\s+".join([re.escape(words[0][1:]), *map(re.escape, words[1:])])
        groups.setdefault(first, []).append(rest)
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


def _ministry_patterns(gaz: Gazetteer) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two ministry-name patterns of a gazetteer, compiled once and held on it."""
    memo = gaz.derived
    if "ministry_before" not in memo:
        countries = _country_alternation(gaz)
        topic = r"(?:[A-Za-z]+\s+){0,2}?[A-Za-z]+"
        before = re.compile(
            rf"\b(?P<c>(?:{countries})(?:'s|’s)?)\s+(?P<t>{topic})\s+[Mm]inistry\b"
            rf"|\b(?P<c2>(?:{countries}))\s+[Mm]inistry\s+of\s+(?P<t2>(?:[A-Z][a-z]+\s+(?:and\s+)?){{0,2}}[A-Z][a-z]+)"
        )
        after = re.compile(
            rf"\b[Mm]inistry\s+of\s+(?P<t>(?:[A-Z][a-z]+\s+(?:and\s+)?){{0,2}}[A-Z][a-z]+)\s+of\s+(?:the\s+)?(?P<c>{countries})\b"
        )
        memo["ministry_before"], memo["ministry_after"] = before, after
    return memo["ministry_before"], memo["ministry_after"]


_MINISTRY_WORD_RE = re.compile(r"[Mm]inistry")


# How far a ministry's name reaches on either side of the word "ministry": a country name and a
# topic of three words before it, or "of" a topic "of the" country after it.
_MINISTRY_REACH = 160


def _ministry_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of the text around each "ministry", merged, starting and ending at a space.

    The country-name patterns are long alternations, slow to try at every offset of a text; a
    ministry's name always contains the word, so they are tried only around it.
    """
    windows: list[tuple[int, int]] = []
    for m in _MINISTRY_WORD_RE.finditer(text):
        start = text.rfind(" ", 0, max(0, m.start() - _MINISTRY_REACH)) + 1
        end = text.find(" ", m.end() + _MINISTRY_REACH)
        end = len(text) if end < 0 else end
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


def find_ministries(text: str, gaz: Gazetteer, sentence_of: Any) -> list[Mention]:
    windows = _ministry_windows(text)
    if not windows:
        return []
    before, after = _ministry_patterns(gaz)
    found: list[Mention] = []
    matches = [m for p in (before, after) for w in windows for m in p.finditer(text, *w)]
    for m in matches:
        country = m.group("c") or m.groupdict().get("c2")
        words = m.group("t") or m.groupdict().get("t2") or ""
        if not country or not words:
            continue
        if any(w.lower() in ("the", "a", "its", "his", "her", "their") for w in words.split()):
            continue
        hit = gaz.country(_POSSESSIVE_RE.sub("", country)) or gaz.demonym(country)
        topic = ministry_topic(words)
        if hit is None or not topic:
            continue
        found.append(
            Mention(
                start=m.start(),
                end=m.end(),
                text=m.group(0),
                type="GovernmentOrganization",
                sentence=sentence_of(m.start()),
                extractor=f"rule:ministry@{RULES_VERSION}",
                country=hit.iso,
                key=f"ministry_{topic}_{hit.iso.lower()}",
            )
        )
    return found


_GOVERNMENT_RE = re.compile(
    r"\b(?:(?:The\s+)?(?P<c>[A-Z][\w.’']*(?:\s+[A-Z][\w.’']*){0,2})\s+[Gg]overnment"
    r"|[Gg]overnment\s+of\s+(?:the\s+)?(?P<c2>[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2}))\b"
)


def find_government_mentions(text: str, gaz: Gazetteer, sentence_of: Any) -> list[Mention]:
    """ "The X Government" and "the Government of X" name the government of the country X
    ("the Japanese government", "the Government of Canada", "Kenya's government"): one entity
    per country, the same that claims "according to Tokyo" stand for."""
    found = []
    for m in _GOVERNMENT_RE.finditer(text):
        group = "c" if m.group("c") else "c2"
        name = m.group(group)
        hit = gaz.country(_POSSESSIVE_RE.sub("", name)) or gaz.demonym(name)
        if hit is None:
            continue
        start = m.start("c") if group == "c" else m.start()
        found.append(
            Mention(
                start=start,
                end=m.end(),
                text=text[start : m.end()],
                type="GovernmentOrganization",
                sentence=sentence_of(start),
                extractor=f"rule:government@{RULES_VERSION}",
                country=hit.iso,
                key=f"government_{hit.iso.lower()}",
            )
        )
    return found


def find_roads(text: str, sentence_of: Any) -> list[Mention]:
    found = []
    codes = {m.group("code").replace("-", "") for m in _ROAD_RE.finditer(text)}
    if not codes:
        return []
    # Once a code is known as a road, its other mentions in the article are roads too.
    any_code = re.compile(r"\b(?P<code>[A-Z]{1,2}-?\d{1,3}[A-Z]?)\b")
    for m in any_code.finditer(text):
        code = m.group("code").replace("-", "")
        if code in codes:
            found.append(
                Mention(
                    start=m.start(),
                    end=m.end(),
                    text=m.group(0),
                    type="Road",
                    sentence=sentence_of(m.start()),
                    extractor=f"rule:road@{RULES_VERSION}",
                    key=f"road_{code.lower()}",
                )
            )
    return found


_NAME = r"[A-Z][\w&-]*(?:[ ]+[A-Z][\w&-]*){0,3}"


_MEDIA_RULE_RE = re.compile(
    rf"\b(?:news agency|news outlet|newspaper|broadcaster)(?: of \w+)?,?\s+(?P<a>{_NAME})"
    rf"|\b(?P<b>{_NAME})\s+news agency\b"
)


_AGENCY_OWNER_RE = re.compile(
    r"(?P<c>[A-Z][\w-]+)(?:’s|'s)?\s+(?:(?:official|state|state-run|national|government)\s+)*$"
)


def find_media(text: str, sentence_of: Any, gaz: Gazetteer) -> list[Mention]:
    """News organisations named as such: "news agency ANSA", "EFE news agency"."""
    found = []
    for m in _MEDIA_RULE_RE.finditer(text):
        group = "a" if m.group("a") else "b"
        start, end = m.start(group), m.end(group)
        words = text[start:end].split()
        if words[0] in ("A", "An") or words[0].lower() in ("said", "says"):
            continue
        start, end = trim_span(text, start, end)  # "The EFE news agency" -> "EFE"
        if end - start < 2:
            continue
        # "Italy's official news agency ANSA": the agency's country.
        owner = _AGENCY_OWNER_RE.search(text[max(0, m.start() - 40) : m.start()])
        hit = (gaz.country(owner.group("c")) or gaz.demonym(owner.group("c"))) if owner else None
        found.append(
            Mention(
                start=start,
                end=end,
                text=text[start:end],
                type="NewsMediaOrganization",
                sentence=sentence_of(start),
                extractor=f"rule:news-agency@{RULES_VERSION}",
                country=hit.iso if hit else None,
            )
        )
    return found


_KIND_ACRONYM_RE = re.compile(
    rf"\b(?:(?:{'|'.join(sorted(words('organization_kinds')))})"
    rf"|(?:{'|'.join(sorted(words('staff_nouns')))}) at)\s+(?P<acr>[A-Z]{{2,6}})(?![\w&-])"
)
_ROMAN_RE = re.compile(r"[IVXLC]+")


def find_acronym_organizations(text: str, sentence_of: Any, gaz: Gazetteer) -> list[Mention]:
    """Initials that the words before show to be an organisation's: after a lower-case noun for
    a kind of organisation ("the rail union RMT", "the carmaker BMW") or after "<staff> at"
    ("analysts at UBS", "researchers at MIT"). Country codes ("analysts at US banks") and
    Roman numerals are left alone."""
    found = []
    for m in _KIND_ACRONYM_RE.finditer(text):
        acr = m.group("acr")
        if gaz.country(acr) is not None or _ROMAN_RE.fullmatch(acr):
            continue
        found.append(
            Mention(
                start=m.start("acr"),
                end=m.end("acr"),
                text=acr,
                type="Organization",
                sentence=sentence_of(m.start("acr")),
                extractor=f"rule:kind-acronym@{RULES_VERSION}",
            )
        )
    return found


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim a leading article, a trailing possessive, a citation marker ("Mosul.[2]",
    "Tigris River,[14][15]") and stray punctuation from a span."""
    span = text[start:end]
    lead = _LEADING_ARTICLE_RE.match(span)
    if lead:
        start += lead.end()
    span = text[start:end]
    poss = _POSSESSIVE_RE.search(span)
    if poss and end - start > 2:
        end -= len(poss.group(0))
    cite = _CITATION_TAIL_RE.search(text, start, end)
    if cite and "[" in cite.group(0):
        end = cite.start()  # "Zagros Mountains,[1", "University.[1][2": a citation marker
    span = text[start:end]
    if span.count("(") > span.count(")"):
        end = start + span.rindex("(")  # "Development Kit (SDK" -> "Development Kit"
    tail = re.search(r"(?:\s+[-–—]\s*[a-z]{1,3})+$", text[start:end])
    if tail:
        end -= len(tail.group(0))  # "MacBook Pro - a"
    lower = _LOWER_TAIL_RE.search(text, start, end)
    if lower and lower.start() > start and text[start : lower.start()][:1].isupper():
        end = lower.start()  # "Manchester city centre" read as "Manchester city": a common noun
    while end > start and text[end - 1] in " ,.;:-–—\"“”'’)":
        if text[end - 1] == "." and re.search(r"(?:^|[\s.])[A-Z]\.$", text[start:end]):
            break  # "U.S.", "Washington D.C.": the dot belongs to the abbreviation
        end -= 1
    while start < end and text[start] in " \"“”'‘’(":
        start += 1
    return start, end


#: Words in lower case that end a span after a capitalised name ("Manchester city", "Tigris
#: river"): common nouns, no part of the name (a name's particles come before its last word).
_LOWER_TAIL_RE = re.compile(r"(?:\s+[a-z][a-z'’]*)+[\s,.;:]*$")
_CITATION_TAIL_RE = re.compile(r"[\s.,;:]*\[\d*(?:\]\s*\[\d*)*\]?$")
