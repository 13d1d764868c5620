"""Every rule that overrides spaCy, adds or drops a mention, or merges, scored against gold.

    python -m benchmarks.audit                  # the table (Markdown)
    python -m benchmarks.audit --errors RULE    # the wrong cases of the rules whose name holds RULE
    python -m benchmarks.audit --json           # every row, as JSON
    python -m benchmarks.audit --corpus re3d,gum-news   # only these corpora
    python -m benchmarks.audit --errors final   # final types wrong where spaCy's was right

Each corpus with gold is analysed in this process (the samples, MEANTIME, re3d, GUM news and
interviews) while every rule step of :func:`kg.extract.extract_article` is traced: the mentions
a step takes and gives are compared span by span, so each step's own decisions are seen even
when a later step changes them again. A decision is one of

* ``type``: a mention keeps its span but changes coarse type (PER / ORG / LOC / OTHER);
* ``add``: a mention the step's input did not have; ``span``: one that replaces an overlapping
  mention of the input (a name widened, trimmed or split);
* ``drop``: a mention the step's input had and its output has not;
* ``merge``: an entity's variant and the rule that merged it (``Entity.merges``), and one name
  met in several articles (``same-name across articles``).

The step ``extract`` is spaCy's entities against the mentions extraction makes of them (a label
overridden in :func:`kg.entity_types.type_for` and the span repairs, or an entity left out);
``resolve: type vote`` is a mention whose entity's type (the vote of stage resolve) is not its
own. Every decision is judged against the gold of its corpus (``right``, ``wrong``, or
``unjudged`` when the gold says nothing of it: no gold there, or a type decision on a span that
is no gold name), beside what the step's input had (``before right``) and what spaCy's own entity
of that span says (``spaCy right``). The gold: the samples' entities (their aliases and types;
tests/data/seeds-gold.json), MEANTIME through its scorer's rule (a mention inside a gold name or
PER/ORG/LOC mention, the smallest), re3d and GUM through score.py's gold mentions and its
lenient match (one span inside the other, sharing the gold name or head); identity by MEANTIME's
instances, GUM's entities within a document and its Wikidata ids across documents, the samples'
gold entities (re3d has none).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal, Protocol

from benchmarks.quality import MEANTIME, SEEDS, SEEDS_GOLD, eval_dir, load_script
from kg.records import TYPE_FAMILY, Corpus, Entity, EntityType, Mention

Kind = Literal["type", "add", "span", "span-old", "drop", "merge", "final"]
Verdict = Literal["right", "wrong", "unjudged"]

#: The coarse type of each family, as the scorers count them.
_COARSE = {"person": "PER", "org": "ORG", "place": "LOC", "road": "LOC"}
_SCORED = ("PER", "ORG", "LOC")

#: The rule steps of kg.extract.extract_article, in the order it runs them: each takes the
#: mentions of the step before (``merge_spans`` the model's, beside the pattern rules').
STEPS = (
    "merge_spans",
    "join_legal_suffixes",
    "join_names_of_bodies",
    "types_of_lists",
    "countries_in_lists",
    "people_by_context",
    "cities_not_people",
    "places_of_residence",
    "organizations_by_appositive",
    "initials_before_kind",
    "surnames_as_persons",
    "drop_post_nominals",
    "names_of_things",
    "complete_names",
    "organizations_by_head",
    "add_acronym_mentions",
    "places_after_prepositions",
    "regions_the_model_missed",
    "authors_of_citations",
    "divisions_after_cities",
    "key_places",
    "propagate_names",
    "join_full_names",
    "clubs_of_places",
    "teams_of_matches",
    "organizations_by_kind",
    "companies_by_shares",
    "_outside_species",
)


def coarse(etype: EntityType | None) -> str:
    """PER / ORG / LOC of a type as the scorers count it, ``OTHER`` for things and events,
    ``""`` for no type."""
    if etype is None:
        return ""
    return _COARSE.get(TYPE_FAMILY[etype], "OTHER")


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True, slots=True)
class Hit:
    """What the gold says of one span.

    Attributes:
        coarse: PER / ORG / LOC / OTHER of the gold mention the span meets; ``None`` when it
            meets none (a spurious name).
        exact: Whether the span is the gold mention's own (or one of its accepted forms).
        ids: The gold entity it names, as (scope, id) pairs: two ids of one scope compare.
    """

    coarse: str | None
    exact: bool = False
    ids: frozenset[tuple[str, str]] = frozenset()


class Gold(Protocol):
    """The gold of one corpus, asked about spans of kg's articles."""

    name: str

    def hit(self, article_id: str, start: int, end: int, kind: str) -> Hit | None:
        """The gold of ``article.text[start:end]`` (``kind``: kg's coarse type there);
        ``None`` when the gold says nothing of that place."""
        ...


class MentionGold:
    """re3d or GUM gold mentions (score.py's), met by score.py's exact-then-lenient rule."""

    def __init__(self, name: str, corpus: Corpus, docs: Sequence[dict[str, Any]], score: Any):
        self.name = name
        self._score = score
        articles = {a.id: {"text": a.text, "source": a.source} for a in corpus.articles}
        path = "gum-news.jsonl" if name == "gum-news" else "re3d.jsonl"
        which = "gum-news" if name == "gum-news" else "re3d"
        self._by_article: dict[str, tuple[list[int], list[dict[str, Any]], str]] = {}
        for article_id, index in score.assign_docs(articles, docs, path).items():
            doc = docs[index]
            gold = score.gold_mentions(doc, which, 0.5)
            wikidata = doc.get("wikidata") or {}
            for g in gold:
                ids: set[tuple[str, str]] = set()
                if g["entity"] is not None:
                    ids.add((doc["id"], str(g["entity"])))
                    if str(g["entity"]) in wikidata:
                        ids.add(("wikidata", wikidata[str(g["entity"])]))
                g["ids"] = frozenset(ids)
            mapping = score.align(articles[article_id]["text"], doc["text"])
            self._by_article[article_id] = (mapping, gold, doc["id"])

    def hit(self, article_id: str, start: int, end: int, kind: str) -> Hit | None:
        found = self._by_article.get(article_id)
        if found is None:
            return None
        mapping, gold, _ = found
        span = self._score.map_span(mapping, start, end)
        if span is None:
            return None
        s, e = span
        exact = [g for g in gold if (s, e) in g["alts"]]
        if exact:
            best = min(
                exact,
                key=lambda g: (
                    g["coarse"] != kind,
                    g["coarse"] not in _SCORED,
                    not g["is_name"],
                    g["end"] - g["start"],
                ),
            )
            return Hit(best["coarse"], True, best["ids"])
        lenient = [
            g
            for g in gold
            if ((g["start"] <= s and e <= g["end"]) or (s <= g["start"] and g["end"] <= e))
            and s < g["core"][1]
            and g["core"][0] < e
        ]
        if not lenient:
            return Hit(None)
        best = min(
            lenient,
            key=lambda g: (g["coarse"] not in _SCORED, g["end"] - g["start"], g["coarse"] != kind),
        )
        return Hit(best["coarse"], False, best["ids"])


class MeantimeGold:
    """MEANTIME's gold, met as score_meantime.py meets it: the smallest gold mention holding the
    span that is name-like or PER / ORG / LOC, in the fully annotated part of the document."""

    name = "meantime"

    def __init__(self, corpus: Corpus, docs: Sequence[dict[str, Any]]):
        by_id = {d["id"]: d for d in docs}
        self._articles = {a.id: a for a in corpus.articles}
        self._docs = {
            a.id: by_id[Path(a.source).stem]
            for a in corpus.articles
            if Path(a.source).stem in by_id
        }

    def hit(self, article_id: str, start: int, end: int, kind: str) -> Hit | None:
        doc = self._docs.get(article_id)
        if doc is None:
            return None
        article = self._articles[article_id]
        try:
            s, e = article.raw_offset(start), article.raw_offset(end)
        except ValueError:
            return None
        if e > doc["full_annotation_end"]:
            return None
        hits = [
            m
            for m in doc["mentions"]
            if m.get("in_full_region")
            and m["start"] <= s
            and e <= m["end"]
            and (m.get("name_like") or m["type"] in _SCORED)
        ]
        if not hits:
            return Hit(None)
        best = min(hits, key=lambda m: m["end"] - m["start"])
        ids = {("meantime", best["instance"])} if best.get("instance") else set()
        if best.get("chain"):
            ids.add((doc["id"], best["chain"]))
        kind_of = best["type"] if best["type"] in _SCORED else "OTHER"
        return Hit(kind_of, (best["start"], best["end"]) == (s, e), frozenset(ids))


def _quotes(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


class SeedGold:
    """The samples' gold entities: a mention written as one gold entity's alias names it; one of
    the clutter names names nothing; any other text is unjudged (the gold lists only some)."""

    name = "samples"
    _TYPES: ClassVar[dict[str, str]] = {
        "Person": "PER",
        "Place": "LOC",
        "City": "LOC",
        "Country": "LOC",
        "Road": "LOC",
    }

    def __init__(self, corpus: Corpus, gold: dict[str, Any]):
        self._texts = {a.id: a.text for a in corpus.articles}
        self._aliases: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for g in gold["entities"]:
            for alias in {g["label"], *g["aliases"]}:
                self._aliases[_quotes(alias)].append(g)
        self._clutter = {_quotes(n) for n in gold["not_entities"]["names"]}

    def hit(self, article_id: str, start: int, end: int, kind: str) -> Hit | None:
        text = _quotes(self._texts[article_id][start:end])
        text = re.sub(r"^[Tt]he\s+", "", re.sub(r"'s?$", "", text))
        owners = self._aliases.get(text, [])
        if len(owners) == 1:
            g = owners[0]
            return Hit(self._TYPES.get(g["type"], "ORG"), True, frozenset({("samples", g["id"])}))
        if text in self._clutter:
            return Hit(None)
        return None


# --------------------------------------------------------------------------- tracing


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision of one rule step on one article, before it is judged."""

    kind: Kind
    rule: str
    article_id: str
    start: int
    end: int
    before: str  # the coarse type before ("" for no mention)
    after: str  # the coarse type after ("" for no mention)
    old: tuple[int, int] | None = None  # the span replaced, for a "span" decision


@dataclass(slots=True)
class Tracer:
    """Records what every rule step of extraction does, article by article."""

    decisions: list[Decision] = field(default_factory=list)
    #: article id -> spaCy's entities of its text: (start, end, label).
    model: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    #: article id -> the spans of the model's mentions, before any rule step.
    base: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    _article: str | None = None
    _last: list[Mention] = field(default_factory=list)
    _base_mentions: list[Mention] = field(default_factory=list)

    def article(self, extract: Callable[..., Any]) -> Callable[..., Any]:
        """``extract_article`` traced: spaCy's entities kept, the last filter diffed."""
        from kg.entity_types import LABEL_TYPES

        def traced(doc: Any, article: Any, **kw: Any) -> Any:
            self._article = article.id
            self.model[article.id] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            self._last = []
            try:
                extraction = extract(doc, article, **kw)
            finally:
                self._article = None
            self._diff("no line break", self._last, list(extraction.mentions), article.id)
            self._against_model(article.id, LABEL_TYPES, extraction.mentions)
            return extraction

        return traced

    def step(self, name: str, rule: Callable[..., Any]) -> Callable[..., Any]:
        """One rule step traced: its input and output mentions compared."""

        def traced(*args: Any, **kw: Any) -> Any:
            if self._article is None:
                return rule(*args, **kw)
            lists = [a for a in args if isinstance(a, list)]
            before = lists[1] if name == "merge_spans" else lists[0]
            if name == "merge_spans":
                self.base[self._article] = {(m.start, m.end) for m in before}
                self._base_mentions = list(before)
            after = rule(*args, **kw)
            self._diff(name, before, after, self._article)
            self._last = list(after)
            return after

        return traced

    def _diff(self, step: str, before: list[Mention], after: list[Mention], aid: str) -> None:
        old = {(m.start, m.end): m for m in before}
        new = {(m.start, m.end): m for m in after}
        for span in old.keys() & new.keys():
            a, b = old[span], new[span]
            if coarse(a.type) != coarse(b.type):
                self.decisions.append(
                    Decision("type", _name(step, a, b), aid, *span, coarse(a.type), coarse(b.type))
                )
        dropped = [old[s] for s in sorted(old.keys() - new.keys())]
        added = [new[s] for s in sorted(new.keys() - old.keys())]
        paired: set[tuple[int, int]] = set()
        for b in added:
            over = [a for a in dropped if a.start < b.end and b.start < a.end]
            if over:
                a = over[0]
                self.decisions.append(
                    Decision(
                        "span",
                        _name(step, a, b),
                        aid,
                        b.start,
                        b.end,
                        coarse(a.type),
                        coarse(b.type),
                        (a.start, a.end),
                    )
                )
                for a in over:
                    if (a.start, a.end) not in paired:
                        paired.add((a.start, a.end))
                        self.decisions.append(
                            Decision("span-old", _name(step, a, b), aid, a.start, a.end, "", "")
                        )
            else:
                self.decisions.append(
                    Decision("add", _name(step, None, b), aid, b.start, b.end, "", coarse(b.type))
                )
        for a in dropped:
            if (a.start, a.end) not in paired:
                self.decisions.append(
                    Decision("drop", step, aid, a.start, a.end, coarse(a.type), "")
                )

    def _against_model(
        self, aid: str, label_types: dict[str, EntityType], final: Sequence[Mention]
    ) -> None:
        """spaCy's entities against the mentions extraction made of them (step ``extract``).
        An entity left out there that a later step finds again (a pattern rule's name, a
        propagated one) is its own row: that step's decision is the one judged."""
        base = self._base_mentions
        for start, end, label in self.model[aid]:
            if label not in label_types:
                continue
            was = coarse(label_types[label])
            over = [m for m in base if m.start < end and start < m.end]
            if not over:
                again = any(m.start < end and start < m.end for m in final)
                rule = f"extract ({label}{', found again later' if again else ''})"
                self.decisions.append(Decision("drop", rule, aid, start, end, was, ""))
            for m in over:
                if coarse(m.type) != was:
                    tags = _tags(m.extractor)
                    rule = f"extract ({label}->{coarse(m.type)}{', ' + tags if tags else ''})"
                    self.decisions.append(
                        Decision("type", rule, aid, m.start, m.end, was, coarse(m.type))
                    )
        self._base_mentions = []

    def spacy_answer(self, aid: str, start: int, end: int) -> str:
        """The coarse type spaCy's own entity most overlapping the span gives it ("" none)."""
        from kg.entity_types import LABEL_TYPES

        best, overlap = "", 0
        for s, e, label in self.model.get(aid, ()):
            shared = min(e, end) - max(s, start)
            if shared > overlap:
                best, overlap = coarse(LABEL_TYPES[label]) if label in LABEL_TYPES else "", shared
        return best


def _tags(extractor: str) -> str:
    return ", ".join(re.findall(r"rule:([\w-]+)", extractor))


def _name(step: str, before: Mention | None, after: Mention) -> str:
    """A step's name, and the rules the mention's extractor gained by it."""
    had = set(re.findall(r"rule:([\w-]+)", before.extractor)) if before else set()
    gained = [t for t in re.findall(r"rule:([\w-]+)", after.extractor) if t not in had]
    return f"{step} [{', '.join(gained)}]" if gained else step


@contextmanager
def traced(tracer: Tracer) -> Iterator[None]:
    """kg.extract's article function and rule steps replaced by traced ones, for a while."""
    import kg.extract as extract

    saved = {name: getattr(extract, name) for name in (*STEPS, "extract_article")}
    try:
        for name in STEPS:
            setattr(extract, name, tracer.step(name, saved[name]))
        extract.extract_article = tracer.article(saved["extract_article"])  # type: ignore[assignment]
        yield
    finally:
        for name, value in saved.items():
            setattr(extract, name, value)


# --------------------------------------------------------------------------- judging


@dataclass(frozen=True, slots=True)
class Judged:
    """A decision and what the gold says of it."""

    corpus: str
    kind: Kind
    rule: str
    article_id: str
    text: str
    before: str
    after: str
    gold: str  # the gold's coarse type ("-" no gold mention, "?" the gold says nothing)
    spacy: str
    verdict: Verdict
    before_right: bool | None
    spacy_right: bool | None
    context: str


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - 45) : start].replace("\n", " ")
    right = text[end : end + 45].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def judge(corpus: str, gold: Gold, tracer: Tracer, analysed: Corpus) -> list[Judged]:
    """Every traced decision, the resolution's type votes and merges, judged by ``gold``."""
    texts = {a.id: a.text for a in analysed.articles}
    out: list[Judged] = []

    def record(
        d: Decision,
        g: Hit | None,
        verdict: Verdict,
        before: bool | None,
        spacy: str,
        sr: bool | None,
    ) -> None:
        text = texts[d.article_id]
        out.append(
            Judged(
                corpus,
                d.kind,
                d.rule,
                d.article_id,
                text[d.start : d.end],
                d.before,
                d.after,
                "?" if g is None else (g.coarse or "-"),
                spacy,
                verdict,
                before,
                sr,
                _context(text, d.start, d.end),
            )
        )

    decisions = list(tracer.decisions)
    types = {e.key: e.type for e in analysed.resolution.entities}
    for ex in analysed.extractions:
        for m in ex.mentions:
            key = analysed.resolution.assignment.get((ex.article.id, m.start, m.end))
            if key is None:
                decisions.append(
                    Decision(
                        "drop",
                        "resolve: left out",
                        ex.article.id,
                        m.start,
                        m.end,
                        coarse(m.type),
                        "",
                    )
                )
            elif coarse(types[key]) != coarse(m.type):
                decisions.append(
                    Decision(
                        "type",
                        "resolve: type vote",
                        ex.article.id,
                        m.start,
                        m.end,
                        coarse(m.type),
                        coarse(types[key]),
                    )
                )
    for d in decisions:
        if d.article_id not in texts:
            continue  # an article the build then skipped
        spacy = tracer.spacy_answer(d.article_id, d.start, d.end)
        if d.kind == "span-old":
            record(d, None, "unjudged", None, spacy, None)
            continue
        g = gold.hit(d.article_id, d.start, d.end, d.after or d.before)
        if d.kind == "type":
            if g is None or g.coarse is None:
                record(d, g, "unjudged", None, spacy, None)
            else:
                verdict: Verdict = "right" if d.after == g.coarse else "wrong"
                record(d, g, verdict, d.before == g.coarse, spacy, spacy == g.coarse)
        elif d.kind == "add":
            if g is None or d.after not in _SCORED:
                record(d, g, "unjudged", None, spacy, None)
            else:
                ok = g.coarse == d.after
                record(d, g, "right" if ok else "wrong", not ok, spacy, spacy == (g.coarse or ""))
        elif d.kind == "drop":
            if (
                g is None
                or d.before not in _SCORED
                or "found again later" in d.rule
                or g.coarse not in (None, "OTHER", d.before)
            ):
                # A name of another type ("Pentagon Press" of "Pentagon Press Secretary Ann
                # Roe") was no right mention either: dropping it neither wins nor loses one.
                record(d, g, "unjudged", None, spacy, None)
            else:
                ok = g.coarse in (None, "OTHER")
                record(d, g, "right" if ok else "wrong", not ok, spacy, (spacy in _SCORED) != ok)
        else:  # a span replaced
            assert d.old is not None
            was = gold.hit(d.article_id, *d.old, d.before)
            if g is None or was is None:
                record(d, g, "unjudged", None, spacy, None)
                continue
            now_ok = (g.coarse in _SCORED, g.exact)
            was_ok = (was.coarse in _SCORED, was.exact)
            verdict = "right" if now_ok > was_ok else "wrong" if now_ok < was_ok else "unjudged"
            record(d, g, verdict, None if verdict == "unjudged" else was_ok > now_ok, spacy, None)
    out.extend(_judge_merges(corpus, gold, analysed, texts))
    out.extend(_judge_final(corpus, gold, tracer, analysed, decisions))
    return out


def _judge_final(
    corpus: str, gold: Gold, tracer: Tracer, analysed: Corpus, decisions: Sequence[Decision]
) -> list[Judged]:
    """Each mention of the build that meets a gold PER / ORG / LOC name: its entity's type
    beside spaCy's own answer for the span, and the rules that made it what it is (kind
    ``final``; its rule names them, "final: model" for none)."""
    history: dict[str, list[Decision]] = defaultdict(list)
    for d in decisions:
        if d.kind in ("type", "add", "span"):
            history[d.article_id].append(d)
    types = {e.key: e.type for e in analysed.resolution.entities}
    out = []
    for ex in analysed.extractions:
        aid = ex.article.id
        for m in ex.mentions:
            key = analysed.resolution.assignment.get((aid, m.start, m.end))
            if key is None:
                continue
            now = coarse(types[key])
            g = gold.hit(aid, m.start, m.end, now)
            if g is None or g.coarse not in _SCORED:
                continue
            rules = sorted(
                {
                    d.rule
                    for d in history[aid]
                    if d.start < m.end
                    and m.start < d.end
                    and (d.kind != "type" or (d.start, d.end) == (m.start, m.end))
                }
            )
            spacy = tracer.spacy_answer(aid, m.start, m.end)
            out.append(
                Judged(
                    corpus,
                    "final",
                    "final: " + ("; ".join(rules) or "model"),
                    aid,
                    m.text,
                    coarse(m.type),
                    now,
                    g.coarse,
                    spacy,
                    "right" if now == g.coarse else "wrong",
                    None,
                    spacy == g.coarse,
                    _context(ex.article.text, m.start, m.end),
                )
            )
    return out


def _same(a: set[tuple[str, str]], b: set[tuple[str, str]]) -> bool | None:
    """Whether two sides of a merge are one gold entity: True when they share an id, False when
    they have ids of one scope and share none, None when the gold cannot tell."""
    if a & b:
        return True
    if {scope for scope, _ in a} & {scope for scope, _ in b}:
        return False
    return None


def _merge_judged(
    corpus: str,
    rule: str,
    article_id: str,
    text: str,
    entity: Entity,
    verdict: bool | None,
    context: str,
) -> Judged:
    """A merge's decision: the entity's label before and after, judged by ``verdict`` (the
    two sides' gold ids: the same, different, or unknown)."""
    return Judged(
        corpus,
        "merge",
        rule,
        article_id,
        text,
        entity.label,
        entity.label,
        "?" if verdict is None else "-",
        "",
        "unjudged" if verdict is None else "right" if verdict else "wrong",
        None,
        None,
        context,
    )


def _judge_merges(corpus: str, gold: Gold, analysed: Corpus, texts: dict[str, str]) -> list[Judged]:
    out: list[Judged] = []
    for entity in analysed.resolution.entities:
        ids: dict[tuple[str, int, int], set[tuple[str, str]]] = {}
        for ref in entity.mentions:
            text = texts.get(ref.article_id)
            if text is None:
                continue
            kind = coarse(entity.type)
            g = gold.hit(ref.article_id, ref.start, ref.end, kind)
            # A gold mention of the span itself or of the entity's type says who it is;
            # "London" met inside a gold event "London 2012" says nothing of the city.
            known = g is not None and (g.exact or g.coarse == kind)
            ids[tuple(ref)] = set(g.ids) if g is not None and known else set()

        def side(
            refs: list[tuple[str, int, int]], ids: dict[Any, set[tuple[str, str]]] = ids
        ) -> set[tuple[str, str]]:
            return set().union(*(ids.get(r, set()) for r in refs)) if refs else set()

        refs = [tuple(r) for r in entity.mentions if r.article_id in texts]
        for merge in entity.merges:
            mine = [r for r in refs if texts[r[0]][r[1] : r[2]] == merge.variant]
            rest = [r for r in refs if texts[r[0]][r[1] : r[2]] != merge.variant]
            if not mine or not rest:
                continue
            across = not {r[0] for r in mine} & {r[0] for r in rest}
            rule = f"merge: {merge.rule}" + (" (across articles)" if across else "")
            verdict = _same(side(mine), side(rest))
            first = mine[0]
            out.append(
                _merge_judged(
                    corpus,
                    rule,
                    first[0],
                    merge.variant,
                    entity,
                    verdict,
                    f"{merge.variant!r} into {entity.label!r} ({entity.type})",
                )
            )
        by_text: dict[str, dict[str, list[tuple[str, int, int]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for r in refs:
            by_text[texts[r[0]][r[1] : r[2]]][r[0]].append(r)
        for name, per_article in by_text.items():
            if len(per_article) < 2:
                continue
            sides = [side(v) for v in per_article.values()]
            verdicts = [_same(sides[0], s) for s in sides[1:]]
            verdict = False if False in verdicts else True if True in verdicts else None
            first = next(iter(per_article.values()))[0]
            out.append(
                _merge_judged(
                    corpus,
                    "merge: same-name across articles",
                    first[0],
                    name,
                    entity,
                    verdict,
                    f"{name!r} in {len(per_article)} articles ({entity.type})",
                )
            )
    return out


# --------------------------------------------------------------------------- corpora


def audit_corpus(
    name: str, paths: Sequence[Path], make_gold: Callable[[Corpus], Gold], *, nlp: Any = None
) -> tuple[list[Judged], Tracer, Corpus]:
    """Analyse one corpus with every rule step traced, and judge each decision by its gold."""
    from kg.pipeline import analyse

    tracer = Tracer()
    with traced(tracer):
        analysed = analyse(paths, nlp=nlp)
    return judge(name, make_gold(analysed), tracer, analysed), tracer, analysed


def corpora() -> list[tuple[str, list[Path], Callable[[Corpus], Gold]]]:
    """Every corpus with gold found here: its name, inputs and gold."""
    found: list[tuple[str, list[Path], Callable[[Corpus], Gold]]] = []
    seeds_gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    found.append(("samples", [SEEDS], lambda c: SeedGold(c, seeds_gold)))
    shared = eval_dir()
    meantime = MEANTIME
    if shared is not None and (shared / "meantime-apple.jsonl").exists():
        meantime = shared
    articles = meantime / "articles"
    if not articles.is_dir():
        articles = meantime / "meantime-apple"
    with (meantime / "meantime-apple.jsonl").open(encoding="utf-8") as handle:
        mdocs = [json.loads(line) for line in handle]
    found.append(("meantime", [articles], lambda c: MeantimeGold(c, mdocs)))
    dev = shared / "dev" if shared is not None else None
    if dev is not None and (dev / "score.py").exists():
        score = load_script(dev / "score.py", "kg_dev_score")
        for name, path in (
            ("re3d", dev / "re3d" / "re3d.jsonl"),
            ("gum-news", dev / "gum-news" / "gum-news.jsonl"),
        ):
            docs = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
            found.append((name, [path], lambda c, n=name, d=docs: MentionGold(n, c, d, score)))
    return found


def run(only: Sequence[str] = ()) -> list[Judged]:
    """Every corpus's judged decisions (or those of the corpora named in ``only``)."""
    from kg.extract import load_pipeline

    nlp = load_pipeline()
    judged: list[Judged] = []
    for name, paths, make_gold in corpora():
        if only and name not in only:
            continue
        judged.extend(audit_corpus(name, paths, make_gold, nlp=nlp)[0])
    return judged


# --------------------------------------------------------------------------- the table


def rows(judged: Sequence[Judged]) -> list[dict[str, Any]]:
    """One row per (kind, rule): how often it fired, was right and wrong, and the answer before
    it and spaCy's beside it, in all and per corpus."""
    groups: dict[tuple[str, str], list[Judged]] = defaultdict(list)
    for j in judged:
        if j.kind not in ("span-old", "final"):
            groups[(j.kind, j.rule)].append(j)
    out = []
    for (kind, rule), items in groups.items():
        per: dict[str, Counter[str]] = defaultdict(Counter)
        for j in items:
            per[j.corpus][j.verdict] += 1
        right = sum(j.verdict == "right" for j in items)
        wrong = sum(j.verdict == "wrong" for j in items)
        judged_n = right + wrong
        # A wrong name added or retyped that the gold has, under another type.
        mistyped = sum(j.verdict == "wrong" and j.gold in _SCORED for j in items)
        out.append(
            {
                "kind": kind,
                "rule": rule,
                "fired": len(items),
                "right": right,
                "wrong": wrong,
                "wrong_type": mistyped if kind in ("type", "add", "span") else None,
                "unjudged": len(items) - judged_n,
                "precision": right / judged_n if judged_n else None,
                "before_right": sum(bool(j.before_right) for j in items if j.verdict != "unjudged"),
                "spacy_right": sum(bool(j.spacy_right) for j in items if j.verdict != "unjudged"),
                "corpora": {c: dict(v) for c, v in sorted(per.items())},
            }
        )
    order = {"type": 0, "add": 1, "span": 2, "drop": 3, "merge": 4}
    out.sort(key=lambda r: (order[r["kind"]], -r["wrong"], -r["fired"], r["rule"]))
    return out


def table(judged: Sequence[Judged]) -> str:
    """The rows as one Markdown table."""
    lines = [
        "| kind | rule | fired | right | wrong (of which a gold name of another type) | "
        "unjudged | precision | before right | spaCy right | right / wrong by corpus |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows(judged):
        by = ", ".join(
            f"{c} {v.get('right', 0)}/{v.get('wrong', 0)}" for c, v in r["corpora"].items()
        )
        precision = "–" if r["precision"] is None else f"{r['precision']:.2f}"
        spacy = "–" if r["kind"] in ("merge", "span") else str(r["spacy_right"])
        before = "–" if r["kind"] == "merge" else str(r["before_right"])
        wrong = str(r["wrong"]) + (f" ({r['wrong_type']})" if r["wrong_type"] else "")
        lines.append(
            f"| {r['kind']} | {r['rule']} | {r['fired']} | {r['right']} | {wrong} | "
            f"{r['unjudged']} | {precision} | {before} | {spacy} | {by} |"
        )
    return "\n".join(lines)


def against_model(judged: Sequence[Judged]) -> str:
    """Per corpus, the build's types of the mentions that meet a gold name against spaCy's
    answer for the same spans: right for both, for kg only, for spaCy only."""
    lines = [
        "| corpus | gold names met | kg type right | spaCy right | kg only | spaCy only | "
        "spaCy only, by the rules that touched the mention |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    per: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        if j.kind == "final":
            per[j.corpus].append(j)
    for corpus, items in sorted(per.items()):
        kg_ok = sum(j.verdict == "right" for j in items)
        spacy_ok = sum(bool(j.spacy_right) for j in items)
        kg_only = sum(j.verdict == "right" and not j.spacy_right for j in items)
        lost = Counter(
            j.rule[len("final: ") :] for j in items if j.spacy_right and j.verdict == "wrong"
        )
        by = ", ".join(f"{rule} {n}" for rule, n in lost.most_common(6))
        lines.append(
            f"| {corpus} | {len(items)} | {kg_ok} ({kg_ok / len(items):.3f}) | {spacy_ok} "
            f"({spacy_ok / len(items):.3f}) | {kg_only} | {sum(lost.values())} | {by} |"
        )
    return "\n".join(lines)


def errors(judged: Sequence[Judged], pattern: str) -> str:
    """The wrong decisions of the rules whose name holds ``pattern``, with their context."""
    lines = []
    for j in judged:
        if j.kind == "final" and not j.spacy_right:
            continue  # only the types spaCy had right
        if j.verdict == "wrong" and pattern in j.rule:
            lines.append(
                f"{j.corpus} {j.kind} {j.rule}: {j.text!r} {j.before or '-'}->{j.after or '-'} "
                f"gold {j.gold} spaCy {j.spacy or '-'} | {j.context}"
            )
    return "\n".join(lines)


def main(argv: Sequence[str]) -> None:
    only = argv[argv.index("--corpus") + 1].split(",") if "--corpus" in argv else ()
    judged = run(only)
    if "--json" in argv:
        print(json.dumps(rows(judged), indent=1))
    elif "--errors" in argv:
        print(errors(judged, argv[argv.index("--errors") + 1]))
    else:
        print(table(judged))
        print()
        print(against_model(judged))


if __name__ == "__main__":
    main(sys.argv[1:])
