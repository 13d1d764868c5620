"""The vocabularies kg writes: its own terms and the NIF and ITS terms it uses.

Every term of ``KG`` must be declared in ``ontology/kg.ttl`` (a test checks both directions);
``_fail = True`` makes a typo an AttributeError instead of a silently new IRI.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

KG_NS = "https://w3id.org/kg-news/ontology#"


class KG(DefinedNamespace):
    """kg's own ontology terms."""

    _NS = Namespace(KG_NS)
    _fail = True

    # classes
    Road: URIRef  # a road, highway or motorway; a schema:Place
    Merge: URIRef  # a resolution decision: a variant merged into an entity by a rule
    Run: URIRef  # one kg build (also a prov:Activity)

    Assertion: URIRef  # a fact stated in one article: the statement node of its provenance
    Position: URIRef  # a person holds a role of a country or organisation (an Assertion)
    Participation: URIRef  # an entity took part in an event, as one article says (an Assertion)
    Claim: URIRef  # what a claimant is reported to have said (an Assertion)
    Meeting: URIRef  # a meeting, talks, a call or a visit; a schema:Event

    # properties
    country: URIRef  # the country an organisation or place belongs to
    holder: URIRef  # Position -> the person holding it
    role: URIRef  # Position -> the role (a skos:Concept of ontology/roles.ttl)
    of: URIRef  # Position -> the country or organisation the role is of
    article: URIRef  # Assertion -> the article that states it
    event: URIRef  # Participation or Claim -> the event it is about
    participant: URIRef  # event or Participation -> an entity taking part
    reportedIn: URIRef  # event -> an article that reports it
    partyCount: URIRef  # event -> how many parties took part, when the text says ("four-party")
    claimant: URIRef  # Claim -> who is quoted or cited
    claimantMention: URIRef  # Claim -> the speaker's own words in the text ("he", a name)
    claimantKind: URIRef  # Claim -> how the text names its speaker: name, pronoun, np, unnamed
    direct: URIRef  # Claim -> true for a quotation (direct speech)
    cueMention: URIRef  # Claim -> the attributing words in the text
    contentPart: URIRef  # Claim -> one piece of the claimed text (a quotation split by "he said")
    content: URIRef  # Claim -> its words as read, a split quotation's parts joined by " … "
    cue: URIRef  # Claim -> the words that attribute it ("according to", "said")
    about: URIRef  # Claim -> an entity the claimed text mentions
    sameStoryAs: URIRef  # article -> an article that is the same story republished
    standsFor: URIRef  # mention of a capital -> the government it stands for ("Paris' version")
    merge: URIRef  # entity -> a Merge that explains one of its variants
    variant: URIRef  # Merge -> the surface form merged
    rule: URIRef  # Merge -> the name of the rule that merged it
    mentionCount: URIRef  # entity -> how many mentions resolve to it
    source: URIRef  # article -> its URL or its path as given
    contentHash: URIRef  # article -> SHA-256 of its cleaned text
    extractor: URIRef  # mention -> the rule or model (with version) that found it
    software: URIRef  # run -> the kg version
    model: URIRef  # run -> the spaCy pipeline name and version
    inputCount: URIRef  # run -> how many articles were read
    skippedCount: URIRef  # run -> how many inputs were skipped


class NIF(DefinedNamespace):
    """The NIF 2.0 Core terms kg uses."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    String: URIRef
    RFC5147String: URIRef
    Phrase: URIRef
    Sentence: URIRef
    isString: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    sentence: URIRef
    sourceUrl: URIRef


class ITSRDF(DefinedNamespace):
    """The ITS 2.0 terms kg uses to tie a mention to its entity."""

    _NS = Namespace("http://www.w3.org/2005/11/its/rdf#")
    _fail = True

    taIdentRef: URIRef
    taClassRef: URIRef


#: Prefixes declared in every output file and predeclared in every query.
PREFIXES: dict[str, str] = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "nif": str(NIF._NS),
    "itsrdf": str(ITSRDF._NS),
    "kg": KG_NS,
    "dcterms": "http://purl.org/dc/terms/",
    "role": "https://w3id.org/kg-news/role/",
}
