"""Stage "resolve": group mentions into entities, within and across articles.

Rules, in order (each merge remembers its rule, so the graph can show why):

* ``same-name``: within an article, one name is one entity ("one sense per discourse"); its type
  is the one most of its mentions carry, rules and gazetteer outweighing the statistical model.
* ``acronym``: "World Meteorological Organization (WMO)" makes WMO the same organisation (the
  extractor never reads a dateline's "(AGENCY)" as one); the acronym's bare mentions take the
  definition's type ("Kennedy Space Center (KSC)": KSC is the place too).
* ``acronym-initials``: an acronym is the one name whose initials it spells, function words
  skipped: within an article ("KSC" and "Kennedy Space Center"), and across the corpus for an
  organisation written only as its acronym ("IBM" and "International Business Machines"), when
  the types agree, no other name spells it and their articles name another person or
  organisation in common. An acronym means what its article defines: clusters that define one
  acronym by two different full names never merge ("ICC": a court, a cricket council), and an
  acronym alone meets a defined one on its name only with that shared context.
* ``name-suffix``: within an article, "Investment Bank" after "European Investment Bank".
* ``surname``: within an article, "Okafor" after "Grace Okafor" (particles such as al- ignored).
* ``given-name``: within an article, "Ahmed" after "Ahmed Saleh", when no other person of the
  article has that given name.
* ``name-prefix``: within an article, "Apple" after "Apple Computer"; never a name whose first
  word is a possessive ("Acme's chief executive", "Boeing's Berlin plant": something of it), nor
  an undertaking or endowment named after it ("the Zentra Developer Program", "the Hallam
  Foundation": a head in ``kg/lexicon/undertaking_heads.txt``).
* across articles, entities meet on shared keys (a hash join, never all pairs): gazetteer and rule
  keys (``gazetteer``: a country, a city, a state written after one of its cities;
  ``ministry-of-country``; ``government-of-country``: "the Kenyan government" and "the
  Government of Kenya"; ``road-code``), normalised names
  (``spelling-variant``: case, accents, hyphens, Defence/Defense), word order (``word-order``:
  "Department of Energy" and "Energy Department"), multi-word person names whose given names
  share a consonant skeleton and whose surnames differ only in vowels (``transliteration``:
  Yusuf/Youssef, Yeltsin/Yeltsyn; never Jansen/Janssen), names without legal suffixes
  (``legal-suffix``: Apple Inc./Apple).
* a generic body ("the Government", "Parliament", "the Foreign Ministry", "the Supreme Court":
  ``kg/lexicon/generic_bodies.txt`` and ``generic_body_modifiers.txt``) meets nothing across
  articles: each article's is its own.
* a party named as parties of many countries are ("the Democratic Party", "the Labour Party",
  "the National Front": ``kg/lexicon/generic_party_words.txt`` and ``generic_party_heads.txt``)
  meets another article's only when both articles are about one country (the one their places
  and bodies tie to most often); an article about no one country keeps its own.
* a recurring event named without its edition ("the World Cup", "the Paralympics", "the
  Developers Conference": a head in ``kg/lexicon/event_heads.txt``, no number in the name) meets
  nothing across articles: which edition, sport or city it is, is each article's own ("2018 FIFA
  World Cup" still meets its namesakes).
* ``surname-corpus``: a lone surname joins the one full name in the corpus that ends with it, and
  stays apart when several do.

Two entities holding different gazetteer places (two countries, two cities) never merge, by any
rule. Entities of different families (person, organisation, place, road, thing, event) never merge.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from kg.acronyms import (
    _acronym_meeting,
    _acronym_of,
    _Context,
    _join_corpus_acronyms,
    _join_spelled_acronyms,
    _share_context,
)
from kg.clusters import (
    _LEGAL_SUFFIXES,
    _SPECIFICITY,
    _STRONG_TYPES,
    _choose_type,
    _Cluster,
    _consonants,
    _skeleton,
    _union,
    name_key,
    person_tokens,
)
from kg.extract import is_given_name
from kg.gazetteer import GEONAMES, fold, load_gazetteer
from kg.iri import short_hash
from kg.lexicon import words as words_of
from kg.records import (
    TYPE_FAMILY,
    Article,
    Entity,
    EntityType,
    Extraction,
    Mention,
    MentionRef,
    Merge,
    Resolution,
)


def _global_keys(mention: Mention, *, country: Callable[[], str | None] = lambda: None) -> set[str]:
    """Keys by which an entity of this mention can be met in other articles (``country``: the
    country its article is about, asked only for a name that needs it)."""
    family = TYPE_FAMILY[mention.type]
    if mention.key:
        return {mention.key}
    key = name_key(mention.text)
    if not key:
        return set()
    keys = set()
    if family == "person":
        tokens = person_tokens(mention.text)
        if len(tokens) >= 2:
            keys.add(f"{family}:{key}")
            # Given names by their skeleton (Yusuf/Youssef), the surname by its consonants
            # as written (Yeltsin/Yeltsyn meet; Jansen/Janssen, two surnames, do not).
            given = [_skeleton(t) for t in tokens[:-1]]
            keys.add(f"{family}~" + "_".join([*given, _consonants(tokens[-1])]))
        return keys
    words = key.split("_")
    if family == "org" and _generic_body(words):
        return set()  # "the Government", "the Supreme Court": the article's own
    if family == "event" and _recurring_event(words):
        return set()  # "the World Cup": which edition, of which sport, is the article's own
    if family == "org" and _generic_party(words):
        iso = country()  # "the Democratic Party": of the country the article is about
        return {f"{family}:{key}@{iso.lower()}"} if iso else set()
    keys.add(f"{family}:{key}")
    if family == "org" and len(words) > 1 and words[-1] in _LEGAL_SUFFIXES:
        keys.add(f"{family}:" + "_".join(words[:-1]))
    if family == "org" and len(words) >= 3 and words[1] in ("of", "for") and "of" not in words[2:]:
        # "Department of Defense" is the "Defense Department", "University of Oxford" the
        # "Oxford University": one head word, then what it is of.
        keys.add(f"{family}:" + "_".join([*words[2:], words[0]]))
    return keys


#: A name whose first word is a possessive ("Acme's chief executive").
_POSSESSIVE_FIRST_RE = re.compile(r"(?:[Tt]he\s+)?[^\s'’]+(?:'s|’s|'|’)(?:\s|$)")


def _generic_body(words: list[str]) -> bool:
    """Whether a name's words name the body of whichever country or town an article is about:
    a generic head ("Government", "Court", "Council": ``generic_bodies.txt``), alone or after
    generic words only ("Foreign Ministry", "Supreme Court", "City Council":
    ``generic_body_modifiers.txt``)."""
    return words[-1] in words_of("generic_bodies") and all(
        w in words_of("generic_body_modifiers") for w in words[:-1]
    )


def _generic_party(words: list[str]) -> bool:
    """Whether a party's name is one that parties of many countries carry: a head such as
    "Party" or "Front" (``generic_party_heads.txt``) after words of such names only
    (``generic_party_words.txt``): "the Labour Party" of a Wellington story and of a Manchester
    one are New Zealand's and Britain's, "the Liberal Party" of an Ottawa budget report and of a
    Sydney one Canada's and Australia's. "Scottish National Party" or "Labour Party of Norway"
    say their country themselves and meet as any name."""
    return (
        len(words) >= 2
        and words[-1] in words_of("generic_party_heads")
        and all(w in words_of("generic_party_words") for w in words[:-1])
    )


def _article_country(mentions: Iterable[Mention]) -> str | None:
    """The country an article is about: the one its places and bodies tie to most often (a
    gazetteer country, a city's or a ministry's country, a state or province that only one
    country has, such as "Ohio" or "Manitoba"), or None when none does or two tie."""
    gaz = load_gazetteer()
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.key and m.country:
            counts[m.country] += 1
        elif TYPE_FAMILY[m.type] == "place" and not m.key:
            isos = gaz.divisions.get(fold(m.text), frozenset())
            if len(isos) == 1 and gaz.named_country(m.text) is None:
                counts[next(iter(isos))] += 1
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _recurring_event(words: list[str]) -> bool:
    """Whether an event's name is that of a recurring event with no edition in it: its head
    names a gathering, contest or observance held again and again (``event_heads.txt``: "Cup",
    "Games", "Summit", "Festival") and no word of it is a number (an edition: "the 2030 Winter
    Games", "Expo 2025" meet their namesakes). Such a name in two articles is two events until shown
    otherwise: "the Champions Cup" of a 2019 rugby report and of a 2023 one, "the Climate
    Summit" of one year and the next, "the Science Festival" of two cities."""
    return words[-1] in words_of("event_heads") and not any(w.isdigit() for w in words)


def _resolve_article(ex: Extraction) -> list[_Cluster]:
    """Cluster the mentions of one article."""
    aid = ex.article.id
    # One sense per discourse: a name's type is its mentions' vote.
    votes: dict[str, defaultdict[EntityType, float]] = defaultdict(lambda: defaultdict(float))
    for m in ex.mentions:
        if m.extractor.startswith("rule:propagate"):
            votes[name_key(m.text) or m.text][m.type] += 0  # a copy of a mention is no evidence
            continue
        votes[name_key(m.text) or m.text][m.type] += _weight(m)
    _acronyms_take_definitions(ex.mentions, votes)
    _people_over_small_towns(ex.mentions, votes)
    by_name: dict[str, _Cluster] = {}
    order: list[_Cluster] = []
    countries: list[str | None] = []

    def country() -> str | None:
        if not countries:
            countries.append(_article_country(ex.mentions))
        return countries[0]

    for m in ex.mentions:
        nk = name_key(m.text) or m.text
        etype = max(votes[nk].items(), key=lambda kv: (kv[1], _SPECIFICITY[kv[0]]))[0]
        if etype != m.type:
            m = replace(
                m, type=etype, key=m.key if TYPE_FAMILY[etype] == TYPE_FAMILY[m.type] else ""
            )
        cluster = by_name.get(nk)
        if cluster is None:
            cluster = by_name[nk] = _Cluster(TYPE_FAMILY[etype])
            order.append(cluster)
        cluster.add(aid, m)
        cluster.keys |= _global_keys(m, country=country)
    first = {nk: c.mentions[0][1].text for nk, c in by_name.items()}
    # Acronyms given in brackets.
    for m in ex.mentions:
        if m.acronym and name_key(m.acronym) in by_name and name_key(m.text) in by_name:
            long, short = by_name[name_key(m.text)], by_name[name_key(m.acronym)]
            if long.root().family == short.root().family:
                _union(long, short, "acronym")
    names = list(by_name.items())
    _join_spelled_acronyms(names, first)
    _join_name_suffixes(names)
    # Surnames and name prefixes, resolved to the nearest earlier (else later) full name.
    for nk, cluster in names:
        words = nk.split("_")
        if cluster.family == "person":
            tokens = person_tokens(first[nk])
            if len(tokens) != 1:
                continue
            full = [
                c
                for k, c in names
                if c.family == "person"
                and len(person_tokens(first[k])) >= 2
                and person_tokens(first[k])[-1] == tokens[0]
            ]
            if not full and " " not in first[nk]:
                # A name of two words whose first is a particle but no full name with the
                # surname: "Li says" after "Di Li" (a given name "Di", not the particle of "Di
                # Maria"), "Le" after "Van Le".
                full = [
                    c
                    for k, c in names
                    if c.family == "person" and k != nk and person_tokens(first[k]) == tokens
                ]
            if len({id(c.root()) for c in full}) == 1:
                _union(full[0], cluster, "surname")
                continue
            given = [
                c
                for k, c in names
                if c.family == "person"
                and len(person_tokens(first[k])) >= 2
                and first[k].split()[0].lower() == first[nk].lower()
            ]
            if not full and len({id(c.root()) for c in given}) == 1 and is_given_name(first[nk]):
                _union(given[0], cluster, "given-name")
        elif cluster.family == "org" and len(words) == 1 and _acronym_of(first[nk]) is None:
            # Not for acronyms: "UN" is no "UN Security Council", "NATO" no "NATO Summit".
            # Not a name whose first word is a possessive: "Acme's chief executive", "Acme's
            # Berlin plant" name something of Acme, not Acme; nor one whose head names a scheme
            # or an endowment: "the Zentra Developer Program", "the Hallam Foundation" are
            # named after Zentra and Hallam, the company and the carmaker, but are not them.
            longer = [
                c
                for k, c in names
                if c.family == "org"
                and k != nk
                and k.split("_")[0] == words[0]
                and "_" in k
                and not _POSSESSIVE_FIRST_RE.match(first[k])
                and k.split("_")[-1] not in words_of("undertaking_heads")
            ]
            if len({id(c.root()) for c in longer}) == 1:
                _union(longer[0], cluster, "name-prefix")
    # By identity: two clusters are never equal (each holds mentions no other holds), and
    # comparing their fields for ``in`` took time growing with the square of the names.
    roots = {id(root): root for root in (cluster.root() for cluster in order)}
    return list(roots.values())


def _acronyms_take_definitions(
    mentions: Iterable[Mention], votes: dict[str, defaultdict[EntityType, float]]
) -> None:
    """An acronym defined in brackets names what its definition names, so its bare mentions
    take the definition's type vote: "the Kennedy Space Center (KSC) ... KSC employees" (a
    place, though the model reads the bare initials as an organisation), "the Serious Fraud
    Office (SFO) ... the SFO said" (a government body), "Manchester United (MUFC)" (a club).
    Not where the acronym's own vote holds a gazetteer or rule type the definition lacks (a
    country's code stays the country), nor from a person's or a city's name."""
    for m in mentions:
        if not m.acronym:
            continue
        long, short = name_key(m.text) or m.text, name_key(m.acronym) or m.acronym
        if long == short or long not in votes or short not in votes:
            continue
        definition, own = votes[long], votes[short]
        best_long = max(definition.items(), key=lambda kv: (kv[1], _SPECIFICITY[kv[0]]))[0]
        best_own = max(own.items(), key=lambda kv: (kv[1], _SPECIFICITY[kv[0]]))[0]
        if best_long in ("Person", "City") or (
            best_own in _STRONG_TYPES and best_long not in _STRONG_TYPES
        ):
            continue  # a person or a city defines no acronym ("Jane Doe (AP)" is a byline)
        votes[short] = defaultdict(float, definition)


#: Below this population a town's name read as a person by the model is the person's.
_SMALL_TOWN = 100_000


def _people_over_small_towns(
    mentions: Iterable[Mention], votes: dict[str, defaultdict[EntityType, float]]
) -> None:
    """A one-word name the model reads as a person in one mention and the gazetteer finds as a
    town in another is the person where the article names a person in full ending with it
    ("Liz Truss ... Truss said", though a Trussville is in Alabama), or where the town is small
    (under 100,000) and the person's readings are at least as many ("Obama's advisers" beside
    "on Obama", a town of 30,000 in Japan; "Carney" in an article on a central bank): a
    gazetteer's town proves that a place has the name, not that the article means it."""
    mentions = list(mentions)
    surnames = {
        name_key(m.text.split()[-1])
        for m in mentions
        if m.type == "Person" and len(m.text.split()) >= 2
    }
    gaz = None
    for nk, vote in votes.items():
        if "_" in nk or vote.get("Person", 0) <= 0 or vote.get("City", 0) <= 0:
            continue
        towns = [m for m in mentions if m.type == "City" and (name_key(m.text) or m.text) == nk]
        people = [m for m in mentions if m.type == "Person" and (name_key(m.text) or m.text) == nk]
        if nk not in surnames:
            gaz = gaz or load_gazetteer()
            town = gaz.city(towns[0].text) if towns else None
            if town is None or town.population >= _SMALL_TOWN or len(people) < len(towns):
                continue
        vote["Person"] = vote["City"] + vote.get("Person", 0)


def _weight(mention: Mention) -> float:
    """How much a mention's type counts in its name's vote: rule and gazetteer types twice, the
    model's once, a place the gazetteer does not know less (0.7: measured on GUM, re3d and
    MEANTIME, the small model reads names it does not know, of religions, groups and companies,
    as places more often than the reverse, so an even split between a place and an
    organisation is an organisation)."""
    if mention.type in _STRONG_TYPES:
        return 2.0
    return 0.7 if mention.type == "Place" else 1.0


def _join_name_suffixes(names: list[tuple[str, _Cluster]]) -> None:
    """Within an article, an organisation's name of two words or more is the one longer
    organisation name that ends with it ("Home Office" after "United Kingdom Home Office",
    "Central Bank" after "European Central Bank")."""
    for nk, cluster in names:
        if cluster.family != "org" or "_" not in nk:
            continue
        longer = [c for k, c in names if c.family == "org" and k != nk and k.endswith("_" + nk)]
        if len({id(c.root()) for c in longer}) == 1:
            _union(longer[0], cluster, "name-suffix")


def _choose_label(mentions: list[Mention], etype: EntityType, key: str) -> str:
    gaz = load_gazetteer()
    if key.startswith("country_"):
        return gaz.countries[key.removeprefix("country_").upper()].name
    if key.startswith("government_") and key.removeprefix("government_").upper() in gaz.countries:
        return f"Government of {gaz.countries[key.removeprefix('government_').upper()].name}"
    counts = Counter(m.text for m in mentions)
    if etype == "Person":  # the fullest form of a name, then the commonest
        # ("Di Li" over "Li", "De Boer" over "Boer": words a particle list shares count too)
        return max(counts, key=lambda t: (len(person_tokens(t)), len(t.split()), counts[t], t))

    def preference(t: str) -> tuple[bool, bool, int, bool, int, str]:
        words = [w for w in re.findall(r"[^\W\d_]+", t) if len(w) > 3]
        return (
            "’s" not in t and "'s" not in t,  # "French Defence Ministry", not "France's ..."
            all(w[0].isupper() for w in words),  # written as a name
            counts[t],
            len(t) > 3 or t.isupper(),
            len(t),
            t,
        )

    return max(counts, key=preference)


def resolve_entities(
    extractions: Iterable[Extraction],
    *,
    cluster_article: Callable[[Extraction], list[_Cluster]] | None = None,
) -> Resolution:
    """Resolve the mentions of every extraction into entities.

    Cost is linear in the number of mentions: articles are clustered on their own, then clusters
    meet across articles only through shared keys (a dictionary lookup each).

    Args:
        extractions: The articles' extractions.
        cluster_article: Gives one article's clusters, as ``_resolve_article`` makes them (a
            store keeps them between updates: :mod:`kg.store_clusters`).
    """
    clusters: list[_Cluster] = []
    # In article-id order, so that which rule a merge is recorded under does not depend on the
    # order the articles came in (a store and a batch build agree).
    for ex in sorted(extractions, key=lambda e: e.article.id):
        clusters.extend((cluster_article or _resolve_article)(ex))
    index: dict[tuple[str, str], _Cluster] = {}
    deferred: list[tuple[_Cluster, _Cluster, str]] = []
    for cluster in clusters:
        for key in sorted(cluster.keys):
            other = index.get((cluster.family, key))
            if other is None:
                index[(cluster.family, key)] = cluster
            elif other.root() is not cluster.root():
                verdict = _acronym_meeting(key, other.root(), cluster.root())
                if verdict == "merge":
                    _union(other, cluster, _meeting_rule(key, other, cluster))
                elif verdict == "context":
                    deferred.append((other, cluster, _meeting_rule(key, other, cluster)))
    roots = _unique_roots(clusters)
    context = _Context(roots)
    for a, b, rule in deferred:
        if _share_context(a.root(), b.root(), context):
            _union(a, b, rule)
    roots = _remaining_roots(roots)
    _join_corpus_acronyms(roots, _Context(roots))
    roots = _remaining_roots(roots)
    # Lone surnames across the corpus: join the one full name that ends with them.
    by_surname: dict[str, set[int]] = defaultdict(set)
    root_by_id = {id(r): r for r in roots}
    for root in roots:
        if root.family != "person":
            continue
        for text in root.variants:
            tokens = person_tokens(text)
            if len(tokens) >= 2:
                by_surname[tokens[-1]].add(id(root))
    for root in roots:
        # Written alone in one word: "De Boer" or "Di Li" (a particle, or a given name the
        # particle list shares) may be a name of its own, and stays out.
        if root.family == "person" and all(" " not in t for t in root.variants):
            surname = person_tokens(root.mentions[0][1].text)[0] if root.mentions else ""
            owners = by_surname.get(surname, set())
            if len(owners) == 1:
                _union(root_by_id[next(iter(owners))], root, "surname-corpus")
    return _to_resolution(_remaining_roots(roots))


def _meeting_rule(key: str, a: _Cluster, b: _Cluster) -> str:
    """The name of the rule by which two clusters met on ``key``."""
    if key.startswith(("country_", "city_", "division_")):
        return "gazetteer"
    if key.startswith("ministry_"):
        return "ministry-of-country"
    if key.startswith("government_"):
        return "government-of-country"
    if key.startswith("road_"):
        return "road-code"
    if "~" in key:
        return "transliteration"
    bare = key.split(":", 1)[-1].split("@", 1)[0]  # "democratic_party@us": the name's key
    if bare not in a.root().names or bare not in b.root().names:
        names = a.root().names | b.root().names
        if any(
            n.rsplit("_", 1)[0] == bare and n.rsplit("_", 1)[-1] in _LEGAL_SUFFIXES for n in names
        ):
            return "legal-suffix"  # one side has the key only once its legal suffix is stripped
        return "word-order"  # "Department of Defense" / "Defense Department"
    return "spelling-variant"


def add_publishers(resolution: Resolution, articles: Iterable[Article]) -> Resolution:
    """Link each article to the news organisation that published it.

    A publisher that is also mentioned in the texts (same normalised name, an organisation) is
    that entity, now known to be a news organisation; otherwise it becomes an entity of its own,
    with no mentions.
    """
    entities = {e.key: e for e in resolution.entities}
    by_name: dict[str, str] = {}
    for e in resolution.entities:
        if TYPE_FAMILY[e.type] in ("org", "thing"):  # a newspaper's name is often tagged a work
            for variant in e.variants:
                by_name.setdefault(name_key(variant), e.key)
    publishers: dict[str, str] = {}
    for article in articles:
        if not article.publisher or not name_key(article.publisher):
            continue
        nk = name_key(article.publisher)
        key = by_name.get(nk)
        if key is None:
            key = nk if nk not in entities else f"{nk}_{short_hash(article.publisher, length=8)}"
            entities[key] = Entity(
                key=key,
                type="NewsMediaOrganization",
                label=article.publisher,
                variants=(article.publisher,),
                mentions=(),
            )
            by_name[nk] = key
        elif entities[key].type != "NewsMediaOrganization":
            entities[key] = replace(entities[key], type="NewsMediaOrganization")
        publishers[article.id] = key
    return Resolution(
        entities=tuple(sorted(entities.values(), key=lambda e: e.key)),
        assignment=resolution.assignment,
        publishers=publishers,
    )


def add_places_and_governments(
    resolution: Resolution, *, countries: Iterable[str] = (), governments: Iterable[str] = ()
) -> Resolution:
    """Make sure the countries facts refer to exist as entities (a demonym names a country the
    text may never write), and the governments that capitals stand for ("according to
    Paris"). New entities have no mentions."""
    gaz = load_gazetteer()
    entities = {e.key: e for e in resolution.entities}
    for iso in sorted(set(countries) | set(governments)):
        key = f"country_{iso.lower()}"
        country = gaz.countries.get(iso)
        if key not in entities and country is not None:
            same = (GEONAMES.format(country.geonameid),) if country.geonameid else ()
            entities[key] = Entity(
                key=key,
                type="Country",
                label=country.name,
                variants=(country.name,),
                mentions=(),
                same_as=same,
            )
    for iso in sorted(set(governments)):
        key = f"government_{iso.lower()}"
        country = gaz.countries.get(iso)
        if key not in entities and country is not None:
            label = f"Government of {country.name}"
            entities[key] = Entity(
                key=key,
                type="GovernmentOrganization",
                label=label,
                variants=(label,),
                mentions=(),
                country=iso,
            )
    return replace(resolution, entities=tuple(sorted(entities.values(), key=lambda e: e.key)))


def _unique_roots(clusters: list[_Cluster]) -> list[_Cluster]:
    """The roots of the clusters, each once, in the order of the first cluster under it."""
    seen: dict[int, _Cluster] = {}
    for cluster in clusters:
        root = cluster.root()
        if root.mentions:
            seen.setdefault(id(root), root)
    return list(seen.values())


def _remaining_roots(roots: list[_Cluster]) -> list[_Cluster]:
    """:func:`_unique_roots` of the clusters, after unions, from the roots they had before:
    every cluster's root is now the root of its root then, and the first root then under a
    root now holds its first cluster, so the order is the same (a walk of the roots, not of
    every cluster: there are about seven clusters to a root in a large store)."""
    return _unique_roots(roots)


def _to_resolution(roots: list[_Cluster]) -> Resolution:
    gaz = load_gazetteer()
    entities: list[Entity] = []
    assignment: dict[tuple[str, int, int], str] = {}
    used: set[str] = set()
    # Give out keys in an order that does not depend on the order of the input: each root's
    # mentions sorted once, the roots by their first.
    ordered = sorted(
        ((sorted(MentionRef(aid, m.start, m.end) for aid, m in r.mentions), r) for r in roots),
        key=lambda pair: pair[0][0],
    )
    for refs, root in ordered:
        mentions = [m for _, m in root.mentions]
        etype = _choose_type(mentions)
        rule_keys = sorted(k for k in root.keys if not (":" in k or "~" in k))
        label = _choose_label(mentions, etype, rule_keys[0] if rule_keys else "")
        key = rule_keys[0] if rule_keys else name_key(label) or short_hash(label)
        if key in used:
            # The same name, kept apart (an ambiguous surname): key it by its first mention.
            key = f"{key}_{short_hash(*map(str, refs[0]), length=8)}"
        used.add(key)
        # A gazetteer or road key fixes the type; a name's own key may merely start like one
        # ("City Council", "Country Music Association", "Road Safety Authority").
        keyed = bool(rule_keys)
        if keyed and key.startswith("country_"):
            etype = "Country"
        elif keyed and key.startswith("city_"):
            etype = "City"
        elif keyed and key.startswith("road_"):
            etype = "Road"
        country = next((m.country for m in mentions if m.country), None)
        same_as: tuple[str, ...] = ()
        if keyed and key.startswith("country_"):
            geonameid = gaz.countries[key.removeprefix("country_").upper()].geonameid
            same_as = (GEONAMES.format(geonameid),) if geonameid else ()
        elif keyed and key.startswith("city_"):
            same_as = (GEONAMES.format(key.removeprefix("city_")),)
        variants = tuple(sorted({m.text for m in mentions}))
        merges = tuple(
            Merge(variant=v, rule=root.rules.get(v, "same-name")) for v in variants if v != label
        )
        entities.append(
            Entity(
                key=key,
                type=etype,
                label=label,
                variants=variants,
                mentions=tuple(refs),
                merges=merges,
                country=country if not (keyed and key.startswith("country_")) else None,
                same_as=same_as,
            )
        )
        for ref in refs:
            assignment[ref] = key
    entities.sort(key=lambda e: e.key)
    return Resolution(entities=tuple(entities), assignment=assignment)
