"""Tests of stage "resolve" (kg/resolve.py): extractions built by hand, no model."""

from __future__ import annotations

import hashlib
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

import pytest

import kg.resolve
from kg.records import (
    Article,
    Entity,
    EntityType,
    Extraction,
    Mention,
    Merge,
    Resolution,
    Sentence,
)
from kg.resolve import name_key, person_tokens, resolve_entities

Spec = tuple[str, EntityType] | tuple[str, EntityType, dict[str, Any]]


def extraction(article_id: str, text: str, specs: Sequence[Spec]) -> Extraction:
    """An Extraction of ``text`` with one mention per spec; specs are in text order and each is
    found after the one before. The text is one sentence per ". "."""
    mentions = []
    pos = 0
    for spec in specs:
        name, etype, *rest = spec
        extra: dict[str, Any] = rest[0] if rest else {}
        start = text.index(name, pos)
        pos = start + len(name)
        mentions.append(
            Mention(
                start=start, end=pos, text=name, type=etype, sentence=0, extractor="test@1", **extra
            )
        )
    sentences = []
    offset = 0
    for part in text.split(". "):
        sentences.append(Sentence(start=offset, end=offset + len(part)))
        offset += len(part) + 2
    mentions = [
        replace(m, sentence=text.count(". ", 0, m.start))
        for m in sorted(mentions, key=lambda m: (m.start, m.end))
    ]
    for m in mentions:
        sentence = sentences[m.sentence]
        assert sentence.start <= m.start and m.end <= sentence.end
    article = Article(
        id=article_id,
        text=text,
        source=f"{article_id}.txt",
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        segments=(),
    )
    return Extraction(article=article, sentences=tuple(sentences), mentions=tuple(mentions))


def entity_with(resolution: Resolution, variant: str) -> Entity:
    found = [e for e in resolution.entities if variant in e.variants]
    assert len(found) == 1, (variant, found)
    return found[0]


def entities_with(resolution: Resolution, variant: str) -> list[Entity]:
    return [e for e in resolution.entities if variant in e.variants]


def rule_of(entity: Entity, variant: str) -> str:
    rules = [m.rule for m in entity.merges if m.variant == variant]
    assert len(rules) == 1, (variant, entity.merges)
    return rules[0]


def check_invariants(extractions: Iterable[Extraction], resolution: Resolution) -> None:
    """Every mention is assigned to exactly one entity, and the records agree."""
    refs = {(ex.article.id, m.start, m.end) for ex in extractions for m in ex.mentions}
    assert set(resolution.assignment) == refs
    keys = [e.key for e in resolution.entities]
    assert len(keys) == len(set(keys)), "entity keys are unique"
    assert keys == sorted(keys)
    by_entity = {
        (ref.article_id, ref.start, ref.end): e.key
        for e in resolution.entities
        for ref in e.mentions
    }
    assert by_entity == resolution.assignment
    for e in resolution.entities:
        assert e.label in e.variants
        assert list(e.variants) == sorted(set(e.variants))
        assert {m.variant for m in e.merges} == set(e.variants) - {e.label}
        assert e.key


# Corpus used by several tests: the Moscow talks reported four ways.

A1 = extraction(
    "a1",
    "Turkish Defense Minister Hulusi Akar met Ali Mahmoud Abbas in Moscow. Akar said the "
    "National Intelligence Organisation (MIT) took part. MIT officials agreed",
    [
        ("Hulusi Akar", "Person"),
        ("Ali Mahmoud Abbas", "Person"),
        ("Moscow", "City", {"key": "city_524901", "country": "RU"}),
        ("Akar", "Person"),
        ("National Intelligence Organisation", "GovernmentOrganization", {"acronym": "MIT"}),
        ("MIT", "GovernmentOrganization"),
        ("MIT", "GovernmentOrganization"),
    ],
)
A2 = extraction(
    "a2",
    "Ali Mahmud Abbas spoke to Mevlüt Çavuşoğlu. The Turkish Defense Ministry said MIT agreed. "
    "Nobody spoke for Apple Inc.",
    [
        ("Ali Mahmud Abbas", "Person"),
        ("Mevlüt Çavuşoğlu", "Person"),
        (
            "Turkish Defense Ministry",
            "GovernmentOrganization",
            {"key": "ministry_defense_tr", "country": "TR"},
        ),
        ("MIT", "Organization"),
        ("Apple Inc.", "Organization"),
    ],
)
A3 = extraction(
    "a3",
    "Mevlut Cavusoglu said the Ministry of Defence of Turkey and Apple would meet in Moscow",
    [
        ("Mevlut Cavusoglu", "Person"),
        (
            "Ministry of Defence of Turkey",
            "GovernmentOrganization",
            {"key": "ministry_defense_tr", "country": "TR"},
        ),
        ("Apple", "Organization"),
        ("Moscow", "City", {"key": "city_524901", "country": "RU"}),
    ],
)
A4 = extraction(
    "a4",
    "Reuters reported that Reuters sources and the Reuters desk saw Jordan play. Jordan scored",
    [
        ("Reuters", "Person"),
        ("Reuters", "NewsMediaOrganization"),
        ("Reuters", "NewsMediaOrganization"),
        ("Jordan", "Person"),
        ("Jordan", "Person"),
    ],
)
A5 = extraction(
    "a5",
    "Jordan said on Monday that Amman would host the talks",
    [
        ("Jordan", "Country", {"key": "country_jo", "country": "JO"}),
        ("Amman", "City", {"key": "city_250441", "country": "JO"}),
    ],
)
CORPUS = [A1, A2, A3, A4, A5]


@pytest.fixture(scope="module")
def corpus() -> Resolution:
    return resolve_entities(CORPUS)


# Helpers of the module


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Hulusi Akar", "hulusi_akar"),
        ("Mevlüt Çavuşoğlu", "mevlut_cavusoglu"),
        ("the Ministry of Defence", "ministry_of_defense"),
        ("Turkey's", "turkey"),
        ("Al-Watan", "al_watan"),
    ],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_person_tokens_drop_particles() -> None:
    assert person_tokens("Bashar al-Assad") == ["bashar", "assad"]
    assert person_tokens("Mohammed bin Salman") == ["mohammed", "salman"]


# Within one article


def test_surname_within_an_article(corpus: Resolution) -> None:
    akar = entity_with(corpus, "Akar")
    assert akar.variants == ("Akar", "Hulusi Akar")
    assert akar.label == "Hulusi Akar"
    assert akar.type == "Person"
    assert akar.key == "hulusi_akar"
    assert rule_of(akar, "Akar") == "surname"
    lone = next(m for m in A1.mentions if m.text == "Akar")
    assert A1.article.text[lone.start - 2 : lone.end] == ". Akar"  # the second sentence's
    assert corpus.assignment[("a1", lone.start, lone.end)] == akar.key


def test_surname_before_the_full_name_still_merges() -> None:
    ex = extraction(
        "s",
        "Akar spoke first. Then Hulusi Akar left",
        [
            ("Akar", "Person"),
            ("Hulusi Akar", "Person"),
        ],
    )
    res = resolve_entities([ex])
    assert len(res.entities) == 1
    assert rule_of(res.entities[0], "Akar") == "surname"


def test_ambiguous_surname_within_an_article_stays_apart() -> None:
    ex = extraction(
        "s",
        "John Smith met Jane Smith. Smith said no",
        [
            ("John Smith", "Person"),
            ("Jane Smith", "Person"),
            ("Smith", "Person"),
        ],
    )
    res = resolve_entities([ex])
    check_invariants([ex], res)
    assert len(res.entities) == 3
    assert entity_with(res, "Smith").variants == ("Smith",)


def test_one_sense_per_discourse(corpus: Resolution) -> None:
    reuters = entity_with(corpus, "Reuters")
    assert reuters.type == "NewsMediaOrganization"
    assert len(reuters.mentions) == 3
    assert {ref.article_id for ref in reuters.mentions} == {"a4"}


def test_acronym_in_brackets(corpus: Resolution) -> None:
    mit = entity_with(corpus, "National Intelligence Organisation")
    assert "MIT" in mit.variants
    assert mit.type == "GovernmentOrganization"
    merged = "National Intelligence Organisation" if mit.label == "MIT" else "MIT"
    assert rule_of(mit, merged) == "acronym"


def test_acronym_alone_in_another_article_joins(corpus: Resolution) -> None:
    mit = entity_with(corpus, "MIT")
    a2_mit = next(m for m in A2.mentions if m.text == "MIT")
    assert corpus.assignment[("a2", a2_mit.start, a2_mit.end)] == mit.key
    assert {ref.article_id for ref in mit.mentions} == {"a1", "a2"}
    assert len(mit.mentions) == 4


def test_acronym_of_another_family_does_not_merge() -> None:
    ex = extraction(
        "s",
        "Mark In Time (MIT) said MIT agreed",
        [
            ("Mark In Time", "Person", {"acronym": "MIT"}),
            ("MIT", "Organization"),
        ],
    )
    res = resolve_entities([ex])
    assert len(res.entities) == 2


# Across articles


def test_transliteration_across_articles(corpus: Resolution) -> None:
    abbas = entity_with(corpus, "Ali Mahmud Abbas")
    assert abbas.variants == ("Ali Mahmoud Abbas", "Ali Mahmud Abbas")
    merged = next(v for v in abbas.variants if v != abbas.label)
    assert rule_of(abbas, merged) == "transliteration"
    assert {ref.article_id for ref in abbas.mentions} == {"a1", "a2"}


def test_accents_across_articles(corpus: Resolution) -> None:
    cavusoglu = entity_with(corpus, "Mevlut Cavusoglu")
    assert cavusoglu.variants == ("Mevlut Cavusoglu", "Mevlüt Çavuşoğlu")
    assert cavusoglu.key == "mevlut_cavusoglu"
    assert cavusoglu.type == "Person"


def test_rule_keys_merge_across_articles(corpus: Resolution) -> None:
    ministry = entity_with(corpus, "Turkish Defense Ministry")
    assert ministry.key == "ministry_defense_tr"
    assert ministry.variants == ("Ministry of Defence of Turkey", "Turkish Defense Ministry")
    assert ministry.type == "GovernmentOrganization"
    assert ministry.country == "TR"
    merged = next(v for v in ministry.variants if v != ministry.label)
    assert rule_of(ministry, merged) == "ministry-of-country"


def test_gazetteer_keys_merge_across_articles(corpus: Resolution) -> None:
    moscow = entity_with(corpus, "Moscow")
    assert moscow.key == "city_524901"
    assert moscow.type == "City"
    assert moscow.same_as == ("https://sws.geonames.org/524901/",)
    assert {ref.article_id for ref in moscow.mentions} == {"a1", "a3"}


def test_never_across_families(corpus: Resolution) -> None:
    jordans = entities_with(corpus, "Jordan")
    assert sorted((e.type, e.key) for e in jordans) == [
        ("Country", "country_jo"),
        ("Person", "jordan"),
    ]
    country = next(e for e in jordans if e.type == "Country")
    assert country.label == "Jordan"
    assert {ref.article_id for ref in country.mentions} == {"a5"}
    assert country.same_as  # from the gazetteer


def test_legal_suffix_across_articles(corpus: Resolution) -> None:
    apple = entity_with(corpus, "Apple")
    assert apple.variants == ("Apple", "Apple Inc.")
    assert apple.type == "Organization"
    assert {ref.article_id for ref in apple.mentions} == {"a2", "a3"}


def test_legal_suffix_merge_is_named_legal_suffix(corpus: Resolution) -> None:
    apple = entity_with(corpus, "Apple")
    merged = next(v for v in apple.variants if v != apple.label)
    assert rule_of(apple, merged) == "legal-suffix"


def test_lone_surname_joins_the_one_full_name_in_the_corpus() -> None:
    full = extraction("f", "Hulusi Akar spoke", [("Hulusi Akar", "Person")])
    lone = extraction("l", "Akar spoke again", [("Akar", "Person")])
    res = resolve_entities([full, lone])
    check_invariants([full, lone], res)
    assert len(res.entities) == 1
    assert rule_of(res.entities[0], "Akar") == "surname-corpus"


def test_lone_surname_ambiguous_in_the_corpus_stays_apart() -> None:
    exs = [
        extraction("j", "John Smith spoke", [("John Smith", "Person")]),
        extraction("k", "Jane Smith spoke", [("Jane Smith", "Person")]),
        extraction("l", "Smith spoke again", [("Smith", "Person")]),
    ]
    res = resolve_entities(exs)
    check_invariants(exs, res)
    assert sorted(e.variants for e in res.entities) == [
        ("Jane Smith",),
        ("John Smith",),
        ("Smith",),
    ]


def test_different_people_with_one_given_name_stay_apart() -> None:
    exs = [
        extraction("p", "Ali Mahmoud Abbas spoke", [("Ali Mahmoud Abbas", "Person")]),
        extraction("q", "Ali Mahmoud Hassan spoke", [("Ali Mahmoud Hassan", "Person")]),
    ]
    assert len(resolve_entities(exs).entities) == 2


# Whole-corpus properties


def test_every_mention_is_assigned_and_keys_are_unique(corpus: Resolution) -> None:
    check_invariants(CORPUS, corpus)


def test_deterministic(corpus: Resolution) -> None:
    assert resolve_entities(CORPUS) == corpus


def signature(res: Resolution) -> set[tuple[str, tuple[str, ...]]]:
    return {(e.key, e.variants) for e in res.entities}


def full_signature(res: Resolution) -> set[tuple[Any, ...]]:
    return {
        (e.key, e.type, e.label, e.variants, e.mentions, e.country, e.same_as) for e in res.entities
    }


def test_article_order_does_not_matter(corpus: Resolution) -> None:
    rnd = random.Random(7)
    for _ in range(20):
        shuffled = list(CORPUS)
        rnd.shuffle(shuffled)
        res = resolve_entities(shuffled)
        assert signature(res) == signature(corpus)
        assert full_signature(res) == full_signature(corpus)
        assert res.assignment == corpus.assignment


def test_article_order_does_not_matter_when_names_collide() -> None:
    exs = [
        extraction("o1", "Jordan scored twice", [("Jordan", "Person")]),
        extraction("o2", "Jordan sold shoes", [("Jordan", "Organization")]),
        extraction("o3", "Smith left early", [("Smith", "Person")]),
        extraction("o4", "Smith came late", [("Smith", "Person")]),
    ]
    forward = resolve_entities(exs)
    backward = resolve_entities(list(reversed(exs)))
    check_invariants(exs, forward)
    check_invariants(exs, backward)
    assert signature(forward) == signature(backward)
    assert forward.assignment == backward.assignment


def test_empty_corpus() -> None:
    res = resolve_entities([])
    assert res.entities == ()
    assert res.assignment == {}


def test_every_rule_used_is_documented(corpus: Resolution) -> None:
    documented = set(re.findall(r"``([a-z-]+)``", kg.resolve.__doc__ or ""))
    assert {"same-name", "surname", "acronym", "transliteration"} <= documented
    used = {merge.rule for e in corpus.entities for merge in e.merges}
    assert len(used) >= 5
    assert used <= documented
    for e in corpus.entities:
        assert all(isinstance(merge, Merge) for merge in e.merges)


def test_publishers_link_to_mentioned_outlets_or_become_entities() -> None:
    exs = [
        extraction("p1", "The Daily Planet reported the vote", [("Daily Planet", "CreativeWork")]),
        extraction("p2", "Lois Lane wrote the story", [("Lois Lane", "Person")]),
    ]
    articles = [
        replace(exs[0].article, publisher="Daily Planet"),
        replace(exs[1].article, publisher="The Evening Star"),
    ]
    resolution = kg.resolve.add_publishers(resolve_entities(exs), articles)
    planet = entity_with(resolution, "Daily Planet")
    assert planet.type == "NewsMediaOrganization"  # the metadata outweighs the model's guess
    assert resolution.publishers["p1"] == planet.key
    star = entity_with(resolution, "The Evening Star")
    assert star.type == "NewsMediaOrganization" and star.mentions == ()
    assert resolution.publishers["p2"] == star.key
    assert resolution.assignment == resolve_entities(exs).assignment


# --- merges in proportion to their risk ---------------------------------------------------------


def test_two_gazetteer_places_never_merge() -> None:
    # An acronym in brackets would join them; two known cities stay two.
    ex = extraction(
        "a",
        "Flights from Port Louis to Port Moresby. Port Moresby grew",
        [
            ("Port Louis", "City", {"key": "city_934154", "acronym": "Port Moresby"}),
            ("Port Moresby", "City", {"key": "city_2088122"}),
            ("Port Moresby", "City", {"key": "city_2088122"}),
        ],
    )
    res = resolve_entities([ex])
    assert entity_with(res, "Port Louis").key != entity_with(res, "Port Moresby").key


def test_surname_differing_by_a_consonant_stays_apart_across_articles() -> None:
    a = extraction("a", "Pieter Jansen spoke", [("Pieter Jansen", "Person")])
    b = extraction("b", "Pieter Janssen spoke", [("Pieter Janssen", "Person")])
    res = resolve_entities([a, b])
    assert entity_with(res, "Pieter Jansen").key != entity_with(res, "Pieter Janssen").key


def test_surname_differing_in_vowels_is_a_transliteration() -> None:
    a = extraction("a", "Boris Yeltsin spoke", [("Boris Yeltsin", "Person")])
    b = extraction("b", "Boris Yeltsyn spoke", [("Boris Yeltsyn", "Person")])
    res = resolve_entities([a, b])
    entity = entity_with(res, "Boris Yeltsin")
    assert "Boris Yeltsyn" in entity.variants
    assert {m.rule for m in entity.merges} == {"transliteration"}


def test_acronym_joins_the_one_full_name_of_the_corpus_it_spells() -> None:
    # Each pair of articles also names one other organisation: the shared context.
    a = extraction(
        "a",
        "International Business Machines and Red Hat hired",
        [("International Business Machines", "Organization"), ("Red Hat", "Organization")],
    )
    b = extraction(
        "b", "IBM and Red Hat said so", [("IBM", "Organization"), ("Red Hat", "Organization")]
    )
    c = extraction(
        "c",
        "Royal Air Force jets and the Red Arrows flew",
        [("Royal Air Force", "GovernmentOrganization"), ("Red Arrows", "Organization")],
    )
    d = extraction(
        "d",
        "RAF pilots of the Red Arrows",
        [("RAF", "Organization"), ("Red Arrows", "Organization")],
    )
    res = resolve_entities([a, b, c, d])
    ibm = entity_with(res, "IBM")
    assert "International Business Machines" in ibm.variants
    assert rule_of(ibm, "IBM" if ibm.label != "IBM" else "International Business Machines") == (
        "acronym-initials"
    )
    # Function words skipped: "Royal Air Force" spells RAF.
    assert "Royal Air Force" in entity_with(res, "RAF").variants


def test_acronym_without_shared_context_stays_apart() -> None:
    a = extraction(
        "a",
        "International Business Machines hired",
        [("International Business Machines", "Organization")],
    )
    b = extraction("b", "IBM said so", [("IBM", "Organization")])
    res = resolve_entities([a, b])
    assert entity_with(res, "IBM").variants == ("IBM",)


def test_acronym_two_full_names_spell_stays_apart() -> None:
    # All three name the Bundesbank: context is shared, the two claimants keep ECB apart.
    a = extraction(
        "a",
        "European Central Bank and Bundesbank rates",
        [("European Central Bank", "Organization"), ("Bundesbank", "Organization")],
    )
    b = extraction(
        "b",
        "Energy Commission of Botswana and Bundesbank",
        [("Energy Commission of Botswana", "Organization"), ("Bundesbank", "Organization")],
    )
    c = extraction(
        "c", "ECB and Bundesbank said", [("ECB", "Organization"), ("Bundesbank", "Organization")]
    )
    res = resolve_entities([a, b, c])
    assert entity_with(res, "ECB").variants == ("ECB",)


def test_acronym_of_another_type_does_not_join() -> None:
    a = extraction("a", "Daily Mail Group owns", [("Daily Mail Group", "NewsMediaOrganization")])
    b = extraction("b", "DMG said", [("DMG", "GovernmentOrganization")])
    res = resolve_entities([a, b])
    assert entity_with(res, "DMG").variants == ("DMG",)


def test_acronym_spelled_within_an_article() -> None:
    ex = extraction(
        "a",
        "The World Meteorological Organization warned. The WMO said",
        [("World Meteorological Organization", "Organization"), ("WMO", "Organization")],
    )
    res = resolve_entities([ex])
    assert rule_of(entity_with(res, "WMO"), "WMO") == "acronym-initials"


def test_word_order_variants_across_articles() -> None:
    a = extraction(
        "a", "The Department of Energy said", [("Department of Energy", "GovernmentOrganization")]
    )
    b = extraction(
        "b", "The Energy Department said", [("Energy Department", "GovernmentOrganization")]
    )
    c = extraction("c", "The University of Leeds said", [("University of Leeds", "Organization")])
    d = extraction("d", "The Leeds University said", [("Leeds University", "Organization")])
    res = resolve_entities([a, b, c, d])
    energy = entity_with(res, "Energy Department")
    assert "Department of Energy" in energy.variants
    assert {m.rule for m in energy.merges} == {"word-order"}
    assert "University of Leeds" in entity_with(res, "Leeds University").variants


def test_word_order_with_british_spelling() -> None:
    a = extraction(
        "a", "The Department of Defense said", [("Department of Defense", "GovernmentOrganization")]
    )
    b = extraction(
        "b", "The Defence Department said", [("Defence Department", "GovernmentOrganization")]
    )
    res = resolve_entities([a, b])
    assert "Department of Defense" in entity_with(res, "Defence Department").variants


def test_name_suffix_within_an_article() -> None:
    ex = extraction(
        "a",
        "The European Investment Bank lent. The Investment Bank said",
        [("European Investment Bank", "Organization"), ("Investment Bank", "Organization")],
    )
    res = resolve_entities([ex])
    assert rule_of(entity_with(res, "Investment Bank"), "Investment Bank") == "name-suffix"


def test_name_suffix_not_across_articles() -> None:
    a = extraction(
        "a", "The European Investment Bank lent", [("European Investment Bank", "Organization")]
    )
    b = extraction("b", "The Investment Bank said", [("Investment Bank", "Organization")])
    res = resolve_entities([a, b])
    assert entity_with(res, "Investment Bank").variants == ("Investment Bank",)


def test_given_name_within_an_article() -> None:
    ex = extraction(
        "a", "Ahmed Saleh won. Ahmed said", [("Ahmed Saleh", "Person"), ("Ahmed", "Person")]
    )
    res = resolve_entities([ex])
    assert rule_of(entity_with(res, "Ahmed Saleh"), "Ahmed") == "given-name"


def test_a_lone_surname_joins_a_two_word_name_that_opens_with_a_particle_word() -> None:
    # "Di Li" is a full name (given name "Di", which the particle list shares with "Di Maria"):
    # "Li" in the same article is that person, labelled "Di Li", and neither meets "Mu Li" of
    # another article through the corpus-wide surname rule.
    ex = extraction("a", "Di Li spoke. Li said", [("Di Li", "Person"), ("Li", "Person")])
    other = extraction("b", "Mu Li won. Li said", [("Mu Li", "Person")])
    res = resolve_entities([ex, other])
    assert rule_of(entity_with(res, "Di Li"), "Li") == "surname"
    assert entity_with(res, "Di Li").label == "Di Li"
    assert "Mu Li" not in entity_with(res, "Di Li").variants
    alone = extraction("c", "De Boer said", [("De Boer", "Person")])
    full = extraction("d", "Marieke de Boer spoke", [("Marieke de Boer", "Person")])
    assert "De Boer" not in entity_with(resolve_entities([alone, full]), "Marieke de Boer").variants


def test_given_name_of_two_people_stays_apart() -> None:
    ex = extraction(
        "a",
        "Ahmed Saleh won. Ahmed Nour lost. Ahmed said",
        [("Ahmed Saleh", "Person"), ("Ahmed Nour", "Person"), ("Ahmed", "Person")],
    )
    res = resolve_entities([ex])
    assert entity_with(res, "Ahmed").variants == ("Ahmed",)


def test_government_of_a_country_is_labelled_as_such() -> None:
    a = extraction(
        "a",
        "the Kenyan government said",
        [
            (
                "Kenyan government",
                "GovernmentOrganization",
                {"key": "government_ke", "country": "KE"},
            )
        ],
    )
    b = extraction(
        "b",
        "the Government of Kenya said",
        [
            (
                "Government of Kenya",
                "GovernmentOrganization",
                {"key": "government_ke", "country": "KE"},
            )
        ],
    )
    res = resolve_entities([a, b])
    entity = entity_with(res, "Kenyan government")
    assert entity.key == "government_ke"
    assert entity.label == "Government of Kenya"
    assert {m.rule for m in entity.merges} == {"government-of-country"}


def test_copies_of_a_name_do_not_vote_on_its_type() -> None:
    ex = extraction(
        "a",
        "Norvik Systems grew. Norvik Systems hired. Norvik Systems sold",
        [
            ("Norvik Systems", "Organization"),
            ("Norvik Systems", "Place"),
            ("Norvik Systems", "Place"),
        ],
    )
    copies = tuple(
        replace(m, extractor="rule:propagate@1") if m.type == "Place" else m for m in ex.mentions
    )
    res = resolve_entities([replace(ex, mentions=copies)])
    assert entity_with(res, "Norvik Systems").type == "Organization"


def test_an_unknown_place_and_an_organisation_split_evenly_is_an_organisation() -> None:
    ex = extraction(
        "a",
        "Veltra grew. Veltra hired",
        [("Veltra", "Place"), ("Veltra", "Organization")],
    )
    assert entity_with(resolve_entities([ex]), "Veltra").type == "Organization"


def test_an_acronym_defined_by_two_full_names_is_two_entities() -> None:
    a = extraction(
        "a",
        "The International Criminal Court (ICC) ruled. The ICC said",
        [
            ("International Criminal Court", "Organization", {"acronym": "ICC"}),
            ("ICC", "Organization"),
            ("ICC", "Organization"),
        ],
    )
    b = extraction(
        "b",
        "The International Cricket Council (ICC) ruled. The ICC said",
        [
            ("International Cricket Council", "Organization", {"acronym": "ICC"}),
            ("ICC", "Organization"),
            ("ICC", "Organization"),
        ],
    )
    res = resolve_entities([a, b])
    assert len(entities_with(res, "ICC")) == 2


def test_an_acronym_alone_meets_a_defined_one_only_in_shared_context() -> None:
    defined = extraction(
        "a",
        "The Kenya Wildlife Service (KWS) and Mara Lodge agreed",
        [
            ("Kenya Wildlife Service", "Organization", {"acronym": "KWS"}),
            ("KWS", "Organization"),
            ("Mara Lodge", "Organization"),
        ],
    )
    same_story = extraction(
        "b",
        "KWS rangers and Mara Lodge staff",
        [("KWS", "Organization"), ("Mara Lodge", "Organization")],
    )
    other_story = extraction("c", "KWS shares fell in Seoul", [("KWS", "Organization")])
    res = resolve_entities([defined, same_story, other_story])
    kws = [e for e in entities_with(res, "KWS") if "Kenya Wildlife Service" in e.variants]
    assert len(kws) == 1
    assert {m.article_id for m in kws[0].mentions} == {"a", "b"}


def test_an_acronym_is_no_name_prefix() -> None:
    ex = extraction(
        "a",
        "The UN voted. The UN Security Council met",
        [("UN", "Organization"), ("UN Security Council", "Organization")],
    )
    res = resolve_entities([ex])
    assert entity_with(res, "UN").key != entity_with(res, "UN Security Council").key


def test_given_name_rule_needs_a_given_name() -> None:
    ex = extraction(
        "a",
        "Cyclone Phailin hit. Cyclone winds rose",
        [("Cyclone Phailin", "Person"), ("Cyclone", "Person")],
    )
    res = resolve_entities([ex])
    assert entity_with(res, "Cyclone").variants == ("Cyclone",)


def test_a_generic_body_alone_is_its_own_article_s() -> None:
    """ "the Government" of an Irish story and of an Italian one are two governments; inside
    one article its mentions are one entity, and a named government still meets its country's."""
    res = resolve_entities(
        [
            extraction(
                "g1",
                "The Government said the Dail would sit. The Government denied it",
                [
                    ("Government", "GovernmentOrganization"),
                    ("Government", "GovernmentOrganization"),
                ],
            ),
            extraction(
                "g2",
                "Rome said the Government will pay. Parliament voted",
                [
                    ("Government", "GovernmentOrganization"),
                    ("Parliament", "GovernmentOrganization"),
                ],
            ),
            extraction("g3", "Parliament rose early", [("Parliament", "GovernmentOrganization")]),
        ]
    )
    governments = [e for e in res.entities if e.label == "Government"]
    assert sorted(len(e.mentions) for e in governments) == [1, 2]
    assert all(len({r.article_id for r in e.mentions}) == 1 for e in governments)
    parliaments = [e for e in res.entities if e.label == "Parliament"]
    assert len(parliaments) == 2
    assert len({e.key for e in res.entities}) == len(res.entities)  # distinct IRIs


def test_a_name_that_starts_like_a_gazetteer_key_keeps_its_type() -> None:
    """ "City Council" keys as ``city_council`` and "Country Music Association" as
    ``country_music_association``: no city, no country."""
    res = resolve_entities(
        [
            extraction(
                "c1",
                "The City Council met. The Country Music Association voted",
                [
                    ("City Council", "GovernmentOrganization"),
                    ("Country Music Association", "Organization"),
                ],
            )
        ]
    )
    assert sorted((e.label, e.type, e.same_as) for e in res.entities) == [
        ("City Council", "GovernmentOrganization", ()),
        ("Country Music Association", "Organization", ()),
    ]


def test_generic_bodies_with_generic_words_are_each_article_s_own() -> None:
    res = resolve_entities(
        [
            extraction(
                f"m{i}",
                "The Foreign Ministry said so. The Supreme Court ruled. The Kenyan Court ruled",
                [
                    ("Foreign Ministry", "GovernmentOrganization"),
                    ("Supreme Court", "Organization"),
                    ("Kenyan Court", "Organization"),
                ],
            )
            for i in (1, 2)
        ]
    )
    by_label = Counter(e.label for e in res.entities)
    assert by_label == {"Foreign Ministry": 2, "Supreme Court": 2, "Kenyan Court": 1}


def test_a_defined_acronym_takes_the_type_of_its_definition() -> None:
    # The model reads the bare initials as an organisation; the definition names a place.
    ex = extraction(
        "a",
        "Staff at the Ames Space Center (ASC) left. ASC workers said. ASC will close",
        [
            ("Ames Space Center", "Place", {"acronym": "ASC"}),
            ("ASC", "Place"),
            ("ASC", "Organization"),
            ("ASC", "Organization"),
        ],
    )
    entity = entity_with(resolve_entities([ex]), "ASC")
    assert entity.type == "Place"
    assert "Ames Space Center" in entity.variants


def test_a_defined_acronym_keeps_its_gazetteer_type() -> None:
    # A country's code, typed by the gazetteer, is not overruled by a model-typed definition.
    ex = extraction(
        "a",
        "The Union of Kemet Republics (UKR) met. The UKR said",
        [
            ("Union of Kemet Republics", "Organization", {"acronym": "UKR"}),
            ("UKR", "Country", {"key": "country_ua"}),
            ("UKR", "Country", {"key": "country_ua"}),
        ],
    )
    assert entity_with(resolve_entities([ex]), "UKR").type == "Country"


def test_a_small_town_s_name_read_as_a_person_is_the_person() -> None:
    # "Obama" is also a town of 30,000 in Japan: one place reading does not outvote the person.
    ex = extraction(
        "a",
        "Critics turned on Obama. Obama's advisers disagreed",
        [("Obama", "City", {"key": "city_1854849"}), ("Obama", "Person")],
    )
    entity = entity_with(resolve_entities([ex]), "Obama")
    assert entity.type == "Person"
    assert not entity.key.startswith("city_")


def test_a_person_named_in_full_outvotes_a_town_of_the_surname() -> None:
    ex = extraction(
        "a",
        "Liz Truss spoke in Leeds. Voters in Truss heard that Truss resigned",
        [
            ("Liz Truss", "Person"),
            ("Leeds", "City", {"key": "city_2644688"}),
            ("Truss", "City", {"key": "city_4076598"}),
            ("Truss", "Person"),
        ],
    )
    assert entity_with(resolve_entities([ex]), "Truss").type == "Person"


def test_a_big_city_read_once_as_a_person_stays_the_city() -> None:
    ex = extraction(
        "a",
        "Rain fell on Madrid. Madrid said. Police in Madrid agreed",
        [
            ("Madrid", "City", {"key": "city_3117735"}),
            ("Madrid", "Person"),
            ("Madrid", "City", {"key": "city_3117735"}),
        ],
    )
    assert entity_with(resolve_entities([ex]), "Madrid").type == "City"


@pytest.mark.integration
@pytest.mark.parametrize(
    ("text", "short", "longer", "one"),
    [
        (
            "Jane Roe said that if she could no longer meet her duties as Acme’s C.E.O., she "
            "would be the first to say so. Shares of Acme fell on Monday.",
            "Acme",
            "Acme’s C.E.O.",
            False,
        ),
        (
            "Shares of Orbit Computer rose on Monday. Orbit said sales doubled.",
            "Orbit",
            "Orbit Computer",
            True,
        ),
        (
            "Zentra said on Monday that the Zentra Developer Program would cost $99 a year."
            " Zentra shares rose 3 percent.",
            "Zentra",
            "Zentra Developer Program",
            False,
        ),
        (
            "The Hallam Foundation gave $5 million to the hospital. Hallam, the carmaker, said"
            " profits rose.",
            "Hallam",
            "Hallam Foundation",
            False,
        ),
    ],
)
def test_a_name_prefix_joins_no_possessive(text: str, short: str, longer: str, one: bool) -> None:
    """Through the model, which reads "Acme’s C.E.O." as one organisation's name."""
    from kg.extract import extract_article, load_pipeline

    doc = load_pipeline()(text)
    article = Article(id="a", text=text, source="a", content_hash="")
    ex = extract_article(doc, article, model="m")
    assert {short, longer} <= {m.text for m in ex.mentions}
    res = resolve_entities([ex])
    assert (entity_with(res, short).key == entity_with(res, longer).key) is one


@pytest.mark.parametrize("seed", range(20))
def test_the_roots_after_unions_follow_from_the_roots_before(seed: int) -> None:
    """kg.resolve._remaining_roots gives what a walk of every cluster gives after unions: the
    same roots in the same order (that of the first cluster under each)."""
    from kg.clusters import _Cluster, _union
    from kg.resolve import _remaining_roots, _unique_roots

    rng = random.Random(seed)
    clusters = []
    for i in range(60):
        cluster = _Cluster("org")
        text = f"Name {i % 23}"
        mention = Mention(
            start=i, end=i + len(text), text=text, type="Organization", sentence=0, extractor="t@1"
        )
        cluster.add(f"a{i % 7}", mention)
        clusters.append(cluster)
    for _ in range(rng.randint(0, 30)):
        _union(rng.choice(clusters), rng.choice(clusters), "test")
    roots = _unique_roots(clusters)
    for _ in range(rng.randint(1, 30)):
        _union(rng.choice(clusters), rng.choice(clusters), "test")
    assert [id(r) for r in _remaining_roots(roots)] == [id(r) for r in _unique_roots(clusters)]


def _through_the_model(texts: dict[str, str]) -> tuple[list[Extraction], Resolution]:
    from kg.extract import extract_article, load_pipeline

    nlp = load_pipeline()
    exs = [
        extract_article(
            nlp(text), Article(id=aid, text=text, source=aid, content_hash=""), model="m"
        )
        for aid, text in texts.items()
    ]
    return exs, resolve_entities(exs)


@pytest.mark.integration
def test_a_recurring_event_without_its_edition_is_each_article_s_own() -> None:
    """Through the model: "the World Cup" of a football report and of a cricket one are two
    events; inside one article its mentions are one; a one-off event still meets its namesake."""
    exs, res = _through_the_model(
        {
            "a": "Brazil beat Chile in the World Cup on Sunday. Fans celebrated the World Cup win."
            " Historians compared it with World War II.",
            "b": "India won the World Cup in cricket on Saturday, and fans cheered the World Cup"
            " team. Old soldiers spoke of World War II.",
        }
    )
    check_invariants(exs, res)
    cups = entities_with(res, "World Cup")
    assert [e.type for e in cups] == ["Event", "Event"]
    assert sorted(len(e.mentions) for e in cups) == [2, 2]
    assert all(len({r.article_id for r in e.mentions}) == 1 for e in cups)
    war = entity_with(res, "World War II")
    assert {r.article_id for r in war.mentions} == {"a", "b"}


@pytest.mark.integration
def test_a_party_name_of_many_countries_meets_only_in_articles_about_one_country() -> None:
    """Through the model: "the Labour Party" of a New Zealand story is not Britain's; two
    British stories' are one; a story about no one country keeps its own; a state that only one
    country has ties its article to that country."""
    _, res = _through_the_model(
        {
            "a": "The Labour Party won the election in New Zealand on Saturday. Voters in"
            " Auckland backed the Labour Party.",
            "b": "The Labour Party lost seats across Britain on Thursday. In Leeds the Labour"
            " Party conceded defeat.",
            "c": "Voters in Manchester deserted the Labour Party, the main opposition in Britain.",
            "d": "The Labour Party said on Monday that it would vote against the budget.",
            "e": "The Republican Party held its convention in Ohio. Delegates from Ohio cheered.",
            "f": "In Texas, the Republican Party chose a new chairman on Tuesday.",
        }
    )
    parties = {
        tuple(sorted({r.article_id for r in e.mentions}))
        for e in res.entities
        if e.label in ("Labour Party", "Republican Party")
    }
    assert parties == {("a",), ("b", "c"), ("d",), ("e", "f")}
