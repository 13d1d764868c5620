"""The type vote of stage "extract": which type a name the model found has, after general repairs.

spaCy's label is the base; the rules here override it only on evidence that holds across domains
(see :func:`type_for`). Everything works on strings and the gazetteer, so the rules are testable
without a model; :mod:`kg.extract` (the only module that touches spaCy) calls them per span.
Word lists live in :mod:`kg.lexicon`, each with its source.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping
from functools import cache

from kg.gazetteer import Gazetteer
from kg.lexicon import entries
from kg.lexicon import words as words_of
from kg.mention_rules import lexicon_alternation
from kg.records import EntityType

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
ROLE_AFTER_RE = re.compile(rf"^\s+(?:{ROLE_WORDS})\b", re.IGNORECASE)

# Government bodies: words that make an organisation's name a government organisation.
_GOV_RE = re.compile(rf"\b(?:{lexicon_alternation('government_words')})\b", re.IGNORECASE)
# News organisations named as such.
_MEDIA_WORDS = lexicon_alternation("media_words")
_MEDIA_BEFORE_RE = re.compile(rf"(?:{_MEDIA_WORDS}),?\s+$", re.IGNORECASE)
_MEDIA_AFTER_RE = re.compile(rf"^\s+(?:{lexicon_alternation('media_after_words')})\b", re.I)
_CITED_BY_RE = re.compile(rf"\b(?:{lexicon_alternation('cited_by_verbs')}) by\s+$", re.IGNORECASE)
_MEDIA_NAME_RE = re.compile(rf"\b(?:{lexicon_alternation('media_name_words')})\b", re.IGNORECASE)


def is_given_name(word: str) -> bool:
    """Whether a word is clearly a given name, by the packaged gender-guesser name list."""
    from kg.names import guess_gender

    return guess_gender(word) in ("male", "female")


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
PLACE_NOUN_OF_RE = re.compile(
    rf"\b[Tt]he\s+(?:{lexicon_alternation('place_nouns_of')})\s+of\s+$", re.IGNORECASE
)
_TRAILING_ROLE_RE = re.compile(rf"\s+(?:{lexicon_alternation('trailing_roles')})$", re.IGNORECASE)


def strip_trailing_role(text: str, gaz: Gazetteer) -> str | None:
    """The name before an office written after it, or None when the rule does not apply.

    "NASA Administrator" and "Kremlin Spokesman" read by the model as one person: the office
    ends the span, so the name it is of is the body or the place before it ("NASA", "Lagos" in
    "Lagos Governor"). It applies only where that name is evidently a body or a place: an acronym
    ("NASA", "FIFA" in "FIFA President"), a country or city the gazetteer knows ("Ohio" is not:
    "Ohio Governor" stays as the model has it), or a name ending in an organisation's head noun
    ("Red Cross Society President" -> "Red Cross Society") or a government's head ("Treasury
    Department Spokesman" -> "Treasury Department"). Otherwise the model's span stands
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
        is_acronym(rest)
        or gaz.country(rest) is not None
        or gaz.city(rest) is not None
        or (
            len(rest.split()) > 1
            and (last in words_of("organization_heads") or _GOV_RE.fullmatch(last) is not None)
        )
    ):
        return rest
    return None


_POSSESSIVE_BEFORE_RE = re.compile(
    rf"\b(?:{lexicon_alternation('possessive_determiners')})\s+$", re.IGNORECASE
)
_IN_BEFORE_RE = re.compile(r"\bin\s+$")
_LOCATED_IN_RE = re.compile(
    rf"\b(?:{lexicon_alternation('located_participles')}),?\s+in\s+$", re.IGNORECASE
)


def place_by_context(text: str, label: str, before: str, gaz: Gazetteer) -> bool:
    """Whether a one-word person or organisation of the model is the gazetteer city it names.

    Only where the context leaves no reading but the place: a person's name never follows a
    possessive determiner ("its Boston office", "their Madrid branch"), and a large city (a
    capital or a city of half a million people) after "in" is the place ("shares fell in Frankfurt",
    "talks in Nairobi"); a small town's name after "in" may be a company ("a stake in Orange"),
    but not after "based in", "headquartered in" or "born in" ("a chipmaker based in Eindhoven",
    "a midfielder born in Rosario": ``kg/lexicon/located_participles.txt``).
    """
    if label not in ("PERSON", "ORG") or " " in text or not text[:1].isupper():
        return False
    city = gaz.city(text)
    if city is None:
        return False
    if label == "PERSON" and _POSSESSIVE_BEFORE_RE.search(before):
        return True
    if _LOCATED_IN_RE.search(before):
        return True
    if not _IN_BEFORE_RE.search(before):
        return False
    capital = gaz.countries.get(city.country)
    return city.population >= 500_000 or (
        capital is not None and capital.capital is not None and capital.capital == city.name
    )


def is_acronym(text: str) -> bool:
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
    ("Lancashire Police", "Ohio Senate") and heads that end no place's name (``body_only_heads``:
    "Reform Party", "Kenya Football Federation", "Halvorsen Foundation"), never a country or city
    the gazetteer knows.
    """
    words = text.split()
    if len(words) < 2 or not words[-1][:1].isupper():
        return False
    head = words[-1].lower()
    if label == "PERSON":
        return head in words_of("organization_heads") or bool(_GOV_RE.search(words[-1]))
    if label in ("GPE", "LOC"):
        return (
            bool(_GOV_RE.search(words[-1])) or head.rstrip(".") in words_of("body_only_heads")
        ) and (gaz.country(text) is None and gaz.city(text) is None)
    return False


def _names_people(text: str, gaz: Gazetteer) -> bool:
    """Whether a nationality, faith or party name in the plural names a group of people.

    "Kenyans", "Hindus", "Liberals", "Syrians": people, as news writes them ("many Kenyans
    voted", "Hindus gathered"), so they are mentions (of the person family, as annotated
    corpora take them) rather than evidence of a country. Only a capitalised word or two
    ending in a plural "s", and never a place the gazetteer knows ("the Philippines",
    "the Bahamas", "Athens").
    """
    words = text.split()
    return (
        1 <= len(words) <= 2
        and all(w[:1].isupper() for w in words)
        and text.endswith("s")
        and not text.isupper()
        and gaz.country(text) is None
        and gaz.city(text) is None
    )


def _names_facility(text: str, label: str) -> bool:
    """Whether a name is that of a place built by people, by its head noun.

    The last word ("Castlefrank Road", "Wembley Stadium", "Kelvin Planetarium") or last two
    ("Osaka Convention Centre", "Ames Space Center": a bare "Center" heads research bodies too,
    "Pew Research Center") is a facility's head, or the first is and "of" follows ("Museum of
    Flight", "Cathedral of Saint Paul"). A person's reading whose first word is a given name is a
    person, whatever the last ("Nathan Lane", "Arsenio Hall").
    """
    words = text.split()
    if len(words) < 2:
        return False
    heads = words_of("facility_heads")
    if (
        words[-1].lower() in heads
        or " ".join(words[-2:]).lower() in heads
        or (len(words) > 2 and words[0].lower() in heads and words[1] == "of")
    ):
        return not (label == "PERSON" and is_given_name(words[0]))
    return False


# One word of capitals and figures, a figure last or after a hyphen: a model or version's
# name ("IE6", "A380", "PS5", "Falcon-9"), no person's nor place's.
_MODEL_CODE_RE = re.compile(r"[A-Z][A-Za-z]*-?\d+[A-Za-z]?")

_INDEFINITE_BEFORE_RE = re.compile(r"(?:^|\s)(?:[Aa]n?|[Oo]ne)\s+$")
_NO_NOUN_AFTER_RE = re.compile(
    r"^(?:\s*[,.;:!?)\]]|\s*$|\s+(?:and|or|but|was|is|were|are|has|had|in|on|at|near|from|to|"
    r"that|which|with)\b)"
)


def _common_initialism(text: str, before: str, after: str) -> bool:
    """Whether initials the model reads as a name are a common noun's: a countable thing.

    A name is not counted: "an NGO said", "destroyed a UAV, a truck" and "a GP, Dr Lee" name
    kinds of things, as do initials in the plural with a lower-case "s" ("UAVs", "NGOs",
    "MPs"). Initials after "a"/"an" that qualify a noun ("a NATO summit", "an FBI agent")
    keep the model's reading.
    """
    if re.fullmatch(r"[A-Z]{2,6}s", text):
        return True
    if not is_acronym(text) or _INDEFINITE_BEFORE_RE.search(before) is None:
        return False
    nxt = after.split()[:1]
    return _NO_NOUN_AFTER_RE.match(after) is not None or (
        bool(nxt) and nxt[0].lower() in _reporting_forms()
    )


@cache
def _reporting_forms() -> frozenset[str]:
    """Every form of the reporting verbs ("said", "warns"), from ``reporting_verbs.txt``."""
    return frozenset(w.lower() for line in entries("reporting_verbs") for w in line.split())


def _names_document(text: str, label: str) -> bool:
    """Whether a name of two or more words is that of a law, treaty or agreed text, by its
    head: the last word ("Clean Air Act", "Paris Agreement"), the word before "of" ("Treaty of
    Lisbon", "Law of the Sea") or before a number ("Resolution 2254")
    (``document_heads.txt``). A person's reading that opens with a given name is a person
    ("Nathan Law", "Ellen Treaty")."""
    words = text.split()
    if len(words) < 2 or (label == "PERSON" and is_given_name(words[0])):
        return False
    heads = words_of("document_heads")
    before_of = [w for w, nxt in itertools.pairwise(words) if nxt == "of"][:1]
    numbered = [w for w, nxt in itertools.pairwise(words) if nxt.isdigit()][:1]
    return any(w.lower() in heads for w in [words[-1], *before_of, *numbered])


_QUOTES = ('"', "'", "“", "‘")
# A kind of work in lower case right before a name: the name is the work's title.
_WORK_BEFORE_RE = re.compile(rf"\b(?:{lexicon_alternation('work_nouns')})\s+$")
_WORK_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT"})
_OFFICE_OF_RE = re.compile(rf"\b((?:{ROLE_WORDS}))\s+(?:of|for)\s+(?:the\s+)?$", re.IGNORECASE)


def names_portfolio(name: str, before: str, text: str) -> bool:
    """Whether a name is the portfolio of an office written before it, part of the title: a
    capitalised office, then "of" or "for" ("Minister of Health", "Secretary of Energy",
    "Undersecretary for Trade"), and a name whose words the article also writes in lower case,
    as common words ("health", "energy"): a topic, no body. A body after an office stays
    ("President of Ghana", "Chairman of Nordea": no common words).
    """
    office = _OFFICE_OF_RE.search(before)
    if office is None or not office.group(1)[:1].isupper():
        return False
    return all(
        re.search(rf"(?<![\w-]){re.escape(w.lower())}(?![\w-])", text) is not None
        for w in name.split()
        if w.lower() not in words_of("function_words")
    ) and any(w[:1].isupper() for w in name.split())


def _is_prefixed_word(text: str, label: str, after: str) -> bool:
    """Whether a span is a prefix joined to a name, or the prefix cut from one, rather than a
    name: "pro-Moscow" and "anti-Kremlin" read as persons ("pro-Moscow councillor Ann Wu",
    "anti-Kremlin blogger"), and "Pro" or "Anti" alone, split from "Pro-Moscow" or
    "Anti-Kremlin" (``hyphen_prefixes.txt``), a hyphen after it. A capitalised prefix opening
    an organisation's or a place's name stays ("Anti-Slavery International", "Post-Gazette").
    """
    prefixes = words_of("hyphen_prefixes")
    if " " not in text and text.lower() in prefixes:
        return after.startswith("-")  # "Post" alone is a paper's name ("the Post reported")
    head, dash, rest = text.partition("-")
    return label == "PERSON" and bool(dash) and head in prefixes and rest[:1].isupper()


#: Tags the tagger gives a species epithet it does not know, though no English word of that
#: form has them: a proper noun in lower case ("cholerae" NNP), a verb ("aegypti" VBD).
_EPITHET_TAGS = frozenset({"NNP", "NNPS", "VB", "VBD", "VBP", "VBZ"})


def is_species_name(genus: str, epithet: str, tag: str) -> bool:
    """Whether a capitalised word and the lower-case word after it are a scientific name
    ("Aedes aegypti", "Vibrio cholerae"): the second is a Latin epithet by its ending
    (``latin_endings.txt``, four letters or more) that the tagger reads as a proper noun or a
    verb, forms no English word of that ending has ("the Obama era": "era" is a noun, and stays).
    """
    return (
        genus[:1].isupper()
        and genus[1:].islower()
        and genus.isalpha()
        and len(epithet) >= 4
        and epithet.isalpha()
        and epithet.islower()
        and tag in _EPITHET_TAGS
        and any(epithet.endswith(end) for end in entries("latin_endings"))
    )


def _is_title_alone(text: str) -> bool:
    """Whether a one-word name is a rank or title alone ("Sgt" in "Staff Sgt. Ann Lee",
    "Governor" in "the Governor said"): a title names no one by itself. Plurals stay with the
    model: teams carry them ("the Cardinals", "the Senators")."""
    return text.rstrip(".").lower() in words_of("title_words")


@cache
def _craft_leads() -> tuple[str, ...]:
    """``craft_leads.txt``, longest first, so that the outcome never hangs on a set's order
    should one lead ever open another ("space probe" and "space probe mission")."""
    return tuple(sorted(words_of("craft_leads"), key=lambda w: (-len(w.split()), w)))


def _opens_with_craft(text: str) -> bool:
    """Whether a name opens with a craft's class words and goes on with a capitalised name.

    "Space Shuttle Endeavour", "Spacecraft Juno", "Space Probe Rosetta": the name is a made
    thing, and so is the class alone written as a name ("the last Space Shuttle mission"). The
    class words followed by an organisation's head ("Space Shuttle Team") name no craft.
    """
    words = text.split()
    for lead in _craft_leads():
        n = len(lead.split())
        if len(lead.split()) > 1 and text.lower() == lead:
            return all(w[:1].isupper() for w in words)
        if len(words) > n and " ".join(words[:n]).lower() == lead:
            rest = words[n:]
            return rest[0][:1].isupper() and rest[-1].lower() not in words_of("organization_heads")
    return False


def type_for(
    text: str,
    label: str,
    before: str,
    after: str,
    gaz: Gazetteer,
    *,
    initials: Mapping[str, frozenset[str]] | None = None,
    plural: bool = False,
) -> EntityType | None:
    """The type of a model span after the general repairs, or None to drop it.

    The model's label stands unless one of these holds:

    * a dateline names a place: a known city in capitals opening a line before "(AGENCY) -" or
      a comma ("NAIROBI (Reuters) -", "LIMA, Peru -");
    * a festival or pilgrimage is an event ("after Passover", "Diwali": ``festivals.txt``), and a
      kind of work in lower case right before the name makes it a title ("the film Jaws",
      "her novel Small Island": ``work_nouns.txt``);
    * a short country code is a country only where :func:`_denotes_country` says so ("the UK
      said", not "Springfield, IL" nor "GM" beside "Gamma Media"); ``initials`` are the initials
      of the article's multi-word names;
    * a person's reading holding a figure of two or more digits is none ("Passcode 3080897");
      one word of letters then figures read as a person or a place is a model's name, a
      product ("IE6", "A380", "PS5");
    * a law or treaty is a text (:func:`_names_document`: "Treaty of Lisbon");
    * a rank or title alone is no name (:func:`_is_title_alone`: "Sgt", "the Governor");
    * initials counted as a common noun are none (:func:`_common_initialism`: "an NGO said",
      "four UAVs");
    * a ship's prefix opens the name ("USS Nimitz", "MV Sewol": dropped, no person nor place);
      a craft's class words open it ("Space Shuttle Endeavour", "Spacecraft Juno": a product);
      "Operation" or a storm's class opens it ("Operation Desert Storm", "Typhoon Haiyan":
      an event);
    * the head noun names a facility (:func:`_names_facility`: "Castlefrank Road", "Museum of
      Flight": places), or the last word an event ("Munich Security Conference", "Commonwealth
      Games");
    * a word naming an office right after the span makes it part of a title ("Defence" in
      "Defence Minister", "Interior" in "Interior Secretary");
    * news outlets named as such ("the daily Le Soir", "cited by Yonhap"), and a place's reading
      ending in a word of outlets' names ("Saudi Gazette", "Kenya Times");
    * countries and cities the gazetteer knows, demonyms dropped ("Kenyan", "Peruvian"), a
      group the model reads as a nationality but written as an acronym is an organisation
      ("FARC", "ETA"); a nationality, faith or party the model's tagger reads as a plural noun
      (``plural``) names a group of people, typed as persons (:func:`_names_people`);
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
    if text.lower() in words_of("festivals") and label in _WORK_LABELS:
        return "Event"  # "after Passover", "Diwali lights" read as a person or a place
    if _WORK_BEFORE_RE.search(before) and label in _WORK_LABELS and gaz.country(text) is None:
        return "CreativeWork"  # "the 1975 film Jaws", "her novel Small Island": a title
    if gaz.country(text) is not None and not _denotes_country(
        text, label, before, after, gaz, initials or {}
    ):
        return "Place" if base == "Place" else base
    if label in ("PERSON", "GPE", "LOC") and _MODEL_CODE_RE.fullmatch(text):
        return "Product"  # "IE6", "A380", "PS5": letters and a figure in one word name a model
    if label == "PERSON" and re.search(r"\d{2,}", text):
        return None  # "Passcode 3080897", "Flight 370": a code with figures is no person's name
    if label in ("ORG", "PERSON", "GPE", "LOC", "FAC") and _names_document(text, label):
        return "CreativeWork"  # "Treaty of Lisbon", "Clean Air Act": a text, no body
    if _is_prefixed_word(text, label, after):
        return None  # "pro-Moscow" read as a person, "Pro" cut from "Pro-Moscow": no name
    if " " not in text and _is_title_alone(text):
        return None  # "Sgt" in "Staff Sgt. Ann Lee", "the Governor said": a title, no name
    if label in ("ORG", "GPE", "NORP", "PERSON", "FAC") and _common_initialism(text, before, after):
        return None  # "an NGO said", "four UAVs": a kind of thing, no name
    first = text.split()[0]
    if len(text.split()) > 1 and first.isupper() and first.lower() in words_of("vessel_prefixes"):
        return None  # "USS Nimitz", "MV Sewol": a ship, neither person, place nor organisation
    if label in ("ORG", "PERSON", "GPE", "LOC", "FAC") and _opens_with_craft(text):
        return "Product"  # "Space Shuttle Endeavour", "Spacecraft Juno": a made thing
    if (
        len(text.split()) > 1
        and first.lower() in words_of("event_leads")
        and first[:1].isupper()
        and text.split()[1][:1].isupper()
        and label in ("ORG", "PERSON", "GPE", "LOC", "FAC")
    ):
        return "Event"  # "Operation Desert Storm", "Operation Car Wash": a named operation
    if _names_facility(text, label):
        return "Place"  # "Castlefrank Road", "Union Station", "Museum of Flight"
    if (
        label == "PERSON"
        and len(text.split()) > 1
        and text.split()[-1][:1].isupper()
        and (text.split()[-1].lower() in words_of("product_heads"))
    ):
        return "Product"  # "Hubble Space Telescope", "Curiosity Rover": a made thing
    if (
        label in ("GPE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT")
        and len(text.split()) > 1
        and text.split()[-1][:1].isupper()
        and text.split()[-1].lower() in words_of("media_name_words")
        and gaz.country(text) is None
        and gaz.city(text) is None
        and not before.rstrip(" ").endswith(_QUOTES)
    ):
        # "Saudi Gazette", "Kenya Times" read as places, "Dallas Morning News" as an event or a
        # work: papers (a quoted title is a headline or a show: "Meet the Press")
        return "NewsMediaOrganization"
    if _names_organization(text, label, gaz):
        return "GovernmentOrganization" if _GOV_RE.search(text) else "Organization"
    if (
        text.split()[-1].lower() in words_of("event_heads")
        and label in ("ORG", "FAC", "PERSON")
        and not (label == "PERSON" and is_given_name(text.split()[0]))
    ):
        # "Munich Security Conference", "Commonwealth Games", "Black History Month"; a person
        # named like one stays ("Jason Day", "Ann Marathon")
        return "Event"
    if (
        ROLE_AFTER_RE.match(after)
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
            if is_acronym(text) and gaz.demonym(text) is None:
                return "Organization"  # a group written as an acronym: "FARC", "ETA", "NSDAP"
            if plural and _names_people(text, gaz):
                return "Person"  # "Americans", "Muslims", "Republicans": a group of people
            if gaz.demonym(text) is not None or gaz.city(text) is None:
                return None  # demonyms are evidence, not entities
            return "City"
        if label in ("GPE", "LOC") and gaz.denoted_city(text) is not None:
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


_BODY_SEPARATOR_RE = re.compile(r"\s*,\s+|\s+[–—]\s+|/(?=[A-Z])")


def split_listed_bodies(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The parts of an organisation's span that lists two bodies, as ``(start, end)`` pairs.

    The model runs names written side by side into one: "the Iraqi Armed Forces, Popular
    Mobilization Forces", "the Royal Navy – Fleet Air Arm", "Nilesat/Eurobird". A comma, an
    en or em dash between spaces, or a slash before a capital parts them, when every part
    starts with a capital; a legal suffix after a comma stays ("Acme Holdings, Inc."), and a
    hyphen between spaces never parts ("Council on American - Islamic Relations").
    """
    span = text[start:end]
    cuts = list(_BODY_SEPARATOR_RE.finditer(span))
    if not cuts:
        return [(start, end)]
    parts: list[tuple[int, int]] = []
    pos = 0
    for cut in cuts:
        parts.append((pos, cut.start()))
        pos = cut.end()
    parts.append((pos, len(span)))
    words = [span[a:b].split() for a, b in parts]
    if words[0][:1] and words[0][0].lower() == "the":
        words[0] = words[0][1:]  # "the Iraqi Armed Forces, ...": the article is trimmed later
    if any(
        not w or not w[0][:1].isupper() or w[0].strip(".").lower() in words_of("legal_suffixes")
        for w in words
    ):
        return [(start, end)]
    return [(start + a, start + b) for a, b in parts]
