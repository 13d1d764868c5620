"""Records passed between the stages of a build.

Every stage takes and returns these small frozen, JSON-able records, so that resolution and graph
building can be tested without a model and extraction can run in another process. Offsets are
character offsets into ``Article.text`` (the cleaned text), end exclusive, as Python slices.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from operator import attrgetter
from typing import Any, Literal, NamedTuple, TypeVar, get_args

from kg import __version__
from kg.iri import DEFAULT_BASE

#: The entity classes kg assigns, one per entity (the most specific one known).
EntityType = Literal[
    "Person",
    "Organization",
    "GovernmentOrganization",
    "NewsMediaOrganization",
    "Country",
    "City",
    "Place",
    "Road",
    "Product",
    "Event",
    "CreativeWork",
]

ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)

#: Which type family each type belongs to: entities of different families never merge.
TYPE_FAMILY: dict[EntityType, str] = {
    "Person": "person",
    "Organization": "org",
    "GovernmentOrganization": "org",
    "NewsMediaOrganization": "org",
    "Country": "place",
    "City": "place",
    "Place": "place",
    "Road": "road",
    "Product": "thing",
    "Event": "event",
    "CreativeWork": "thing",
}


R = TypeVar("R")


def pickled_by_fields(cls: type[R]) -> type[R]:
    """Give a frozen slotted dataclass a quicker pickle state: its field values as one tuple,
    read by one ``attrgetter`` and set through the slots' descriptors.

    The records of every article cross between processes twice in a build (a worker's outcome
    to the build, then to a worker again for its graph); dataclasses' own state functions look
    the fields up at every record (``dataclasses.fields``), which made pickling and unpickling
    them take twice as long.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    get = attrgetter(*names)
    setters: tuple[Callable[[Any, Any], None], ...] = tuple(
        getattr(cls, name).__set__ for name in names
    )
    single = len(names) == 1

    def __getstate__(self: Any) -> tuple[Any, ...]:
        values: tuple[Any, ...] = (get(self),) if single else get(self)
        return values

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for set_field, value in zip(setters, state, strict=True):
            set_field(self, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 (mypy: no assigning to methods)
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """One input document as read from disk or stdin, before cleaning.

    Attributes:
        source: The URL of the article when known, else its path as given (or ``-``).
        text: The decoded text (HTML already reduced to its main text).
        path: The path the document was read from (``-`` for standard input).
        line: The line number in a JSON Lines file, else ``None``.
        title, published, publisher, url: Metadata when the input carried it.
        html: Whether the text came from an HTML page (then it was already extracted).
        encoding: The encoding the bytes were decoded with.
        links: Where the page's links are in ``text`` (start, end), for an HTML page: the
            cleaning stage takes a block that is mostly link text for page furniture.
        site_lines: Short lines that other documents of the same site repeat (white space
            squashed, case folded): page furniture (``kg.clean.mark_site_lines``).
    """

    source: str
    text: str
    path: str
    line: int | None = None
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    html: bool = False
    encoding: str = "utf-8"
    links: tuple[tuple[int, int], ...] = ()
    site_lines: frozenset[str] = frozenset()


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input that could not be used, and why (one line, naming the file). ``kept`` marks a
    flaw of one field (an unreadable date): the article itself is kept without that field."""

    path: str
    reason: str
    kept: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def where(doc: RawDocument) -> str:
    """Where a document was read from, as messages name it (``file`` or ``file:line``)."""
    return doc.path if doc.line is None else f"{doc.path}:{doc.line}"


#: Why a document that was read makes no article.
NO_TEXT_LEFT = "no article text left after removing page clutter"


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """A run of the cleaned text copied from the raw text: ``clean[start:start+length]`` equals
    ``raw[raw_start:raw_start+length]``."""

    start: int
    raw_start: int
    length: int


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """A cleaned article: the text all offsets refer to, and its metadata.

    Attributes:
        id: A stable identifier derived from the source (URL or path, and line for JSON Lines).
        text: The cleaned main text.
        source: Where it came from: its URL when known, else its path as given.
        content_hash: SHA-256 of ``text``, hex.
        segments: How the cleaned text maps back onto the raw text.
        removed_chars: How many characters of the raw text cleaning removed.
        language: The ISO 639-1 code of the article's language, ``""`` when unsure or unknown.
    """

    id: str
    text: str
    source: str
    content_hash: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None
    segments: tuple[Segment, ...] = ()
    removed_chars: int = 0
    language: str = ""

    def raw_offset(self, offset: int) -> int:
        """Map an offset in the cleaned text back to the raw text it was read from."""
        for seg in self.segments:
            if seg.start <= offset <= seg.start + seg.length:
                return seg.raw_start + (offset - seg.start)
        raise ValueError(f"offset {offset} is not inside the cleaned text of {self.id}")


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of an article: ``article.text[start:end]``."""

    start: int
    end: int


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A name in an article that refers to an entity.

    Attributes:
        start, end: Offsets into the article's cleaned text; ``text == article.text[start:end]``.
        text: The surface form exactly as written.
        type: The entity type the extractor saw.
        sentence: Index of the sentence it sits in (into ``Extraction.sentences``).
        extractor: Which rule or model found it, with version (``spacy:en_core_web_sm@3.8.0``).
        country: ISO 3166 alpha-2 code of a country the mention is qualified by ("French" in
            "French Defence Ministry"), when known.
        key: A normalised identity key set by the extractor for names it canonicalises itself
            (countries, ministries, roads); empty when resolution should derive one.
        acronym: An acronym the text gives for this name ("(BND)" after a name), when any.
    """

    start: int
    end: int
    text: str
    type: EntityType
    sentence: int
    extractor: str
    country: str | None = None
    key: str = ""
    acronym: str | None = None


def retyped(m: Mention, type: EntityType, rule: str | None = None, **changes: Any) -> Mention:
    """``m`` as a ``type`` a rule found: its key and country cleared (resolution derives them
    again for the new type), ``rule`` ("rule:club@1") appended to its extractor when given, and
    any other field in ``changes`` (``start``, ``text``, a ``country`` a rule keeps)."""
    fields: dict[str, Any] = {"key": "", "country": None, **changes}
    if rule is not None:
        fields.setdefault("extractor", f"{m.extractor}+{rule}")
    return replace(m, type=type, **fields)


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Extraction:
    """What extraction found in one article."""

    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    model: str = ""


Offsets = tuple[int, int]


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    """A person holds a role of a country or an organisation, as one sentence says.

    Attributes:
        holder: Offsets of the person's mention.
        role: Id of a role concept in ``ontology/roles.ttl`` (``defence-minister``).
        of: Offsets of the mention of the country or organisation, when the text names one.
        of_country: ISO code of the country when only a demonym says it ("French").
        rule: The rule that found it, with version.
    """

    article_id: str
    sentence: int
    holder: Offsets
    role: str
    of: Offsets | None
    of_country: str | None
    rule: str


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class EventMention:
    """One article's report of a meeting, talks, a call or a visit.

    Attributes:
        trigger: Offsets of the word that reports it ("met", "talks", "meeting").
        participants: Offsets of the mentions of people and organisations taking part.
        countries: ISO codes of the countries taking part (from participants, demonyms, names).
        place: Offsets of the place mention, when the text gives one.
        date: ISO date (or ``YYYY-MM``) when the text gives one or it can be resolved.
        parties: The number of parties when the text says it ("four-party", "tripartite").
    """

    article_id: str
    sentence: int
    trigger: Offsets
    kind: str
    participants: tuple[Offsets, ...]
    countries: tuple[str, ...]
    place: Offsets | None
    date: str | None
    parties: int | None
    rule: str
    #: The weekday the text gives ("on Tuesday") when it could not be resolved to a date.
    weekday: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Claim:
    """What a claimant is reported to have said, with the span of text claimed.

    Attributes:
        start, end: The claimed text (from its first part's start to its last part's end).
        claimant: Offsets of the mention of the entity the claim is attributed to (for "he
            said", the name "he" stands for); ``None`` for a capital standing for its government
            (then ``government`` holds the country's ISO code) or a speaker never named.
        cue: The attributing words ("according to", "said").
        about: Offsets of the mentions inside the claimed text.
        speaker: Offsets of the speaker's own words ("he", "the ministry", "a senior official").
        cue_span: Offsets of the cue.
        direct: Whether the claim is a quotation (direct speech).
        parts: The claimed text's pieces, without the attribution that interrupts a quotation.
        speaker_kind: How the text names the speaker: name, pronoun, np or unnamed.
    """

    article_id: str
    sentence: int
    start: int
    end: int
    claimant: Offsets | None
    government: str | None
    cue: str
    about: tuple[Offsets, ...]
    rule: str
    speaker: Offsets | None = None
    cue_span: Offsets | None = None
    direct: bool = False
    parts: tuple[Offsets, ...] = ()
    speaker_kind: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Facts:
    """The facts one article states."""

    article_id: str
    positions: tuple[Position, ...] = ()
    events: tuple[EventMention, ...] = ()
    claims: tuple[Claim, ...] = ()
    #: Capitals standing for their government ("Paris' version", "Berlin had proposed"):
    #: the mention's offsets and the country's ISO code.
    stands_for: tuple[tuple[Offsets, str], ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Analysed:
    """What the per-article stages (clean, extract, facts) made of one article."""

    extraction: Extraction
    facts: Facts


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One real-world event, reported by one or more articles."""

    key: str
    kind: str
    label: str
    place: str | None  # entity key
    date: str | None
    parties: int | None
    participants: tuple[str, ...]  # entity keys
    countries: tuple[str, ...]
    reports: tuple[EventMention, ...]


class MentionRef(NamedTuple):
    """Points at one mention: the article id and the mention's offsets.

    The one spelling of a mention reference. It is a tuple, equal to and hashed as
    ``(article_id, start, end)``, so it is also the key of :attr:`Resolution.assignment`.
    """

    article_id: str
    start: int
    end: int


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Merge:
    """One resolution decision: ``variant`` was merged into the entity by ``rule``."""

    variant: str
    rule: str


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Entity:
    """A resolved entity: one node of the graph.

    Attributes:
        key: The normalised identity key its IRI is minted from.
        type: Its most specific type.
        label: The preferred label.
        variants: Every surface form seen, sorted.
        mentions: Every mention resolved to it.
        merges: How each variant other than the label came to be merged in.
        country: ISO code of the country it belongs to ("French Defence Ministry"), when known.
        same_as: IRIs of the same thing in GeoNames or Wikidata, from the packaged gazetteer.
    """

    key: str
    type: EntityType
    label: str
    variants: tuple[str, ...]
    mentions: tuple[MentionRef, ...]
    merges: tuple[Merge, ...] = ()
    country: str | None = None
    same_as: tuple[str, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """The result of entity resolution over a whole corpus."""

    entities: tuple[Entity, ...]
    #: Each mention (a :class:`MentionRef`, or the plain tuple it equals) -> its entity's key.
    assignment: dict[tuple[str, int, int], str] = field(default_factory=dict)
    #: article id -> the key of the entity that published it, when the input named a publisher.
    publishers: dict[str, str] = field(default_factory=dict)


# --- a whole corpus, a build's options and its report ---------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Corpus:
    """Everything the analysis stages produced, before any RDF is made."""

    articles: tuple[Article, ...]
    extractions: tuple[Extraction, ...]
    resolution: Resolution
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    model: str
    seconds: dict[str, float] = field(default_factory=dict)
    facts: tuple[Facts, ...] = ()
    events: tuple[Event, ...] = ()
    twins: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildOptions:
    """How to build: every choice of ``kg build`` but where the graph goes.

    Attributes:
        model: An installed spaCy pipeline (``None``: the bundled en_core_web_sm).
        languages: ``(language, pipeline)`` pairs: articles detected in that language (ISO 639-1
            code) are extracted with that pipeline (a package name or a folder path) rather than
            ``model``; articles in a language no pipeline covers are skipped.
        base: The IRI namespace of every IRI minted.
        max_chars: Longer inputs are skipped.
        batch_size: Articles per ``nlp.pipe`` batch (and per task of a worker).
        workers: Processes for the per-article stages; the graph is the same with any number.
        dask: Run the per-article stages on Dask instead: ``"local"`` (a local cluster of
            ``workers`` processes) or a scheduler's address.
        html: Also write ``graph.html`` beside the graph files.
    """

    model: str | None = None
    languages: tuple[tuple[str, str], ...] = ()
    base: str = DEFAULT_BASE
    max_chars: int = 1_000_000
    batch_size: int = 32
    workers: int = 1
    dask: str | None = None
    html: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class StoreUpdate:
    """What one update of a store did.

    Attributes:
        path: The store directory.
        articles: Articles the store holds after the update.
        added, changed, removed: Ids of the articles new to the store, whose cleaned text or
            metadata changed, and that were taken out.
        unchanged: Articles read again with nothing changed (their stored records reused).
        extracted: Articles run through spaCy.
        written: IRIs of the named graphs replaced.
        dropped: IRIs of the named graphs deleted.
        redirected: Entity IRIs this update replaced: (old IRI, the IRI it now redirects to, by
            ``dcterms:isReplacedBy`` in the store's graph of redirects).
    """

    path: str
    articles: int
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0
    extracted: int = 0
    written: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    redirected: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The update as JSON-able data (``report.json``'s ``store``)."""
        data = asdict(self)
        data["redirected"] = [list(pair) for pair in self.redirected]
        for name in ("added", "changed", "removed", "written", "dropped"):
            data[name] = list(data[name])
        return data


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildReport:
    """What a build did: written to ``report.json`` and summarised by the CLI."""

    articles: int
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    entities: int
    mentions: int
    entities_by_type: dict[str, int]
    outputs: tuple[str, ...]
    model: str
    seconds: dict[str, float]
    #: What a ``--store`` build changed in the store.
    store: StoreUpdate | None = None
    #: Text kept and dropped by cleaning, and languages, per article (:func:`kg.clean.text_report`).
    text: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every input was used."""
        return not self.skipped

    def to_json(self) -> dict[str, Any]:
        """The report as JSON-able data."""
        data: dict[str, Any] = {
            "kg_version": __version__,
            "model": self.model,
            "articles_read": self.articles,
            "skipped": [
                {"path": s.path, "reason": s.reason, **({"kept": True} if s.kept else {})}
                for s in self.skipped
            ],
            "warnings": list(self.warnings),
            "entities": self.entities,
            "mentions": self.mentions,
            "entities_by_type": dict(sorted(self.entities_by_type.items())),
            "outputs": list(self.outputs),
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
        }
        if self.store is not None:
            data["store"] = self.store.to_json()
        if self.text:
            data["text"] = self.text
        return data


# --- JSON round trip -------------------------------------------------------------------------


def extraction_to_json(extraction: Extraction) -> dict[str, Any]:
    """An Extraction as JSON-able data (``dataclasses.asdict``)."""
    return asdict(extraction)


def extraction_from_json(data: Mapping[str, Any]) -> Extraction:
    """Read an Extraction back from :func:`extraction_to_json`'s data.

    Raises:
        KeyError, TypeError: The data is not an Extraction of this kg's records.
    """
    article = dict(data["article"])
    article["segments"] = tuple(Segment(**s) for s in article.get("segments", ()))
    return Extraction(
        article=Article(**article),
        sentences=tuple(Sentence(**s) for s in data["sentences"]),
        mentions=tuple(Mention(**m) for m in data["mentions"]),
        model=data.get("model", ""),
    )
