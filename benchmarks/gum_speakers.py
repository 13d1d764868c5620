"""Speaker resolution checked against GUM's full coreference (news and interviews), rows of
``benchmarks.claims``:

* ``gum:np-speakers`` (and ``gum-interview:``): the claims whose speaker is a noun phrase ("the
  company said", "the spokesman said", "officials said"). The speaker's words are matched to
  GUM's mention whose head they hold; the claim is right when kg's claimant is a mention of that
  mention's entity, or when kg names no one and GUM's chain has no name before the speaker.
  ``precision`` over every claim so judged, ``recall`` over those whose entity GUM names before
  them (resolved to it); claims whose claimant is named inside the speaker's own words ("Acme
  officials", "the Acme spokesman") are left out: no coreference is needed there; so are
  documents ("the report said"), which kg gives to their issuer and GUM's chains to no one.
* ``gum:np-subjects``: a diagnostic. Every common noun a speaker list or the role scheme
  knows, with "the", "this", "that" or a possessive, or plural, that is the subject of any
  verb outside quotations ("the company plans", "the minister arrived"), resolved as a speaker
  there would be: ``precision`` over those kg resolves to an entity not named in their own
  words, ``recall`` over those whose GUM entity is named before them (documents left out).
* ``gum:he-she-subjects``, ``gum:they-it-subjects``: a diagnostic. Every "he", "she", "they",
  "it" outside quotations that is the subject of any verb, resolved as :class:`kg.coref.Resolver`
  would resolve a speaker there (with the history of the article's real speakers before it),
  scored against GUM's chains: ``precision`` over the pronouns kg resolves to an entity,
  ``recall`` over those whose entity GUM names before the pronoun.

A kg mention is of a GUM entity when it overlaps the name or the head of one of its mentions.

    python -m benchmarks.gum_speakers [--errors]   # the eight rows; with --errors, every miss
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

from kg.coref import Resolver, Speaker
from kg.records import Article, Corpus, Extraction, Mention
from kg.speaker_words import generic_roles, np_span, speaker_nouns

GUM = Path("/work/shared/eval/dev/gum-news/gum-news.jsonl")
_PRONOUNS = {"he": "he-she", "she": "he-she", "they": "they-it", "it": "they-it"}


@dataclass(slots=True)
class Tally:
    """Counts of one row, with a line per error when asked."""

    right: int = 0
    judged: int = 0
    gold_right: int = 0
    gold: int = 0
    errors: list[str] = field(default_factory=list)

    def row(self) -> dict[str, float]:
        return {
            "precision": round(self.right / self.judged, 3) if self.judged else 0.0,
            "found": self.judged,
            "recall": round(self.gold_right / self.gold, 3) if self.gold else 0.0,
            "gold": self.gold,
        }


def _spans(e: dict[str, Any]) -> list[tuple[int, int]]:
    spans = [(e["head_start"], e["head_end"])]
    if e.get("name_start") is not None:
        spans.append((e["name_start"], e["name_end"]))
    return spans


def _of_entity(lo: int, hi: int, text: str, mentions: Sequence[dict[str, Any]], raw: str) -> bool:
    """Whether the raw span ``lo:hi`` (a kg mention's, its words ``text``) overlaps the name or
    head of one of ``mentions``, or is written as one of their names (GUM gives a name with a
    relative clause after it an entity of its own at times: "Devocht, who had told ...")."""
    if any(s < hi and lo < e for m in mentions for s, e in _spans(m)):
        return True
    return any(
        m["name_start"] is not None and raw[m["name_start"] : m["name_end"]] == text
        for m in mentions
    )


def _named_before(chain: Sequence[dict[str, Any]], at: int) -> bool:
    return any(m["is_name"] and m["start"] < at for m in chain)


class _Probing(Resolver):
    """A Resolver that, before each real speaker, resolves the pronouns waiting before it as it
    would resolve a speaker there (without keeping them in its history)."""

    waiting: ClassVar[list[tuple[int, Any]]] = []
    made: ClassVar[list[_Probing]] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pending = list(self.waiting)
        self.results: dict[int, Speaker | None] = {}
        self.made.append(self)

    def resolve(
        self, head: Any, cue_at: int, *, reported: Sequence[tuple[int, int]] = ()
    ) -> Speaker | None:
        self.probe_until(cue_at)
        return super().resolve(head, cue_at, reported=reported)

    def probe_until(self, at: int) -> None:
        while self.pending and self.pending[0][0] <= at:
            verb_at, tok = self.pending.pop(0)
            reported = [
                (c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
                for c in tok.head.children
                if c.dep_ == "ccomp" and c.i > tok.head.i  # "he said (that) ...", as a cue's
            ]
            words = (tok.idx, tok.idx + len(tok.text)) if tok.tag_ == "PRP" else np_span(tok)
            self.results[tok.idx] = self._resolve(tok, words, verb_at, reported)


@contextmanager
def _probing(waiting: list[tuple[int, Any]]) -> Iterator[type[_Probing]]:
    """find_claims with :class:`_Probing` as its Resolver, for one article."""
    import kg.facts.claims as claims_module

    class Probe(_Probing):
        pass

    Probe.waiting, Probe.made = waiting, []
    # find_claims makes its Resolver from its module's name: this one, for the while.
    setattr(claims_module, "Resolver", Probe)  # noqa: B010
    try:
        yield Probe
    finally:
        setattr(claims_module, "Resolver", Resolver)  # noqa: B010


def _subject_pronouns(doc: Any, quotes: Sequence[tuple[int, int]]) -> list[tuple[int, Any]]:
    found = []
    for tok in doc:
        if (
            tok.lower_ in _PRONOUNS
            and tok.tag_ == "PRP"
            and tok.dep_ in ("nsubj", "nsubjpass")
            and tok.head.i != tok.i
            and not any(s <= tok.idx < e for s, e in quotes)
        ):
            found.append((tok.head.idx, tok))
    return sorted(found, key=lambda p: (p[0], p[1].idx))


def _subject_nouns(
    doc: Any, quotes: Sequence[tuple[int, int]], roles: frozenset[str]
) -> list[tuple[int, Any]]:
    """Common nouns a speaker list or the role scheme knows ("the company", "the minister",
    "officials", "the report"), with "the", "this", "that" or a possessive, or plural, that are
    a verb's subject outside quotations."""
    found = []
    for tok in doc:
        lower = tok.lower_
        singular = lower[:-1] if tok.tag_ == "NNS" else lower
        known = (
            lower in speaker_nouns()
            or singular in speaker_nouns()
            or singular in roles
            or singular in generic_roles()
        )
        marked = tok.tag_ == "NNS" or any(
            c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
            for c in tok.lefts
        )
        if (
            known
            and marked
            and tok.pos_ == "NOUN"
            and tok.dep_ in ("nsubj", "nsubjpass")
            and tok.head.i != tok.i
            and not any(s <= tok.idx < e for s, e in quotes)
        ):
            found.append((tok.head.idx, tok))
    return found


def _document(text: str, mention: dict[str, Any]) -> bool:
    """Whether GUM's mention is headed by a document's noun ("the report", "a statement"): kg
    gives such a speaker its issuer, which GUM's chains do not say."""
    head = text[mention["head_start"] : mention["head_end"]].lower()
    return "document" in (speaker_nouns().get(head), speaker_nouns().get(head[:-1]))


def _speaker_mention(gold: Sequence[dict[str, Any]], lo: int, hi: int) -> dict[str, Any] | None:
    """GUM's mention whose head the speaker's words ``lo:hi`` (raw offsets) hold: the one that
    starts nearest their start, the longest of those."""
    held = [
        e for e in gold if not e["is_pronoun"] and lo <= e["head_start"] and e["head_end"] <= hi
    ]
    if not held:
        return None
    return min(held, key=lambda e: (abs(e["start"] - lo), -(e["end"] - e["start"])))


@cache
def gum_corpus(path: Path = GUM, genre: str = "news") -> tuple[list[dict[str, Any]], Corpus]:
    """GUM's documents of ``genre`` and kg's build of their texts, made once a process (the
    rows of :mod:`benchmarks.claims` and of this module read the same build)."""
    from kg.pipeline import analyse

    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    docs = [d for d in docs if d["genre"] == genre]
    with tempfile.TemporaryDirectory() as tmp:
        for d in docs:
            (Path(tmp) / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
        corpus = analyse([Path(tmp)])
    return docs, corpus


def score(path: Path = GUM, genre: str = "news") -> dict[str, Tally]:
    """The four tallies (``np-speakers``, ``np-subjects``, ``he-she-subjects``,
    ``they-it-subjects``) of GUM's documents of ``genre``."""
    from kg.extract import load_pipeline
    from kg.facts import load_roles
    from kg.facts.article import ArticleView
    from kg.facts.claims import find_claims
    from kg.facts.positions import find_positions
    from kg.facts.quotes import find_quotes
    from kg.gazetteer import load_gazetteer

    docs, corpus = gum_corpus(path, genre)
    by_id = {d["id"]: d for d in docs}
    nlp = load_pipeline()
    gaz = load_gazetteer()
    roles = load_roles()
    words = frozenset(label for label in roles.by_label if " " not in label)
    names = ("np-speakers", "np-subjects", "he-she-subjects", "they-it-subjects")
    tallies = {name: Tally() for name in names}
    for ex in corpus.extractions:
        article = ex.article
        gold = by_id[Path(article.source).stem]
        chains: dict[str, list[dict[str, Any]]] = {}
        for e in gold["entities"]:
            chains.setdefault(e["entity_id"], []).append(e)
        parse = nlp(article.text)
        quotes = [(q.start, q.end) for q in find_quotes(article.text)]
        pronouns = _subject_pronouns(parse, quotes)
        nouns = _subject_nouns(parse, quotes, words)
        waiting = sorted([*pronouns, *nouns], key=lambda p: (p[0], p[1].idx))
        art = ArticleView(ex, gaz)
        positions = find_positions(art, roles)
        with _probing(waiting) as probe:
            found = find_claims(art, parse, positions=positions, role_words=words)
        (resolver,) = probe.made
        resolver.probe_until(len(article.text))
        _tally_pronouns(tallies, article, gold, chains, pronouns, resolver.results)
        _tally_nouns(tallies["np-subjects"], article, gold, chains, nouns, resolver.results)
        _tally_nps(tallies["np-speakers"], article, ex, gold, chains, found)
    return tallies


def _where(article: Article, lo: int, hi: int) -> str:
    start = max(0, lo - 60)
    return f"{article.source.rsplit('/', 1)[-1]}@{lo}: …{article.text[start : hi + 40]!r}"


def _tally_pronouns(
    tallies: dict[str, Tally],
    article: Article,
    gold: dict[str, Any],
    chains: dict[str, list[dict[str, Any]]],
    waiting: Sequence[tuple[int, Any]],
    results: dict[int, Speaker | None],
) -> None:
    by_start = {e["start"]: e for e in gold["entities"] if e["is_pronoun"]}
    for _, tok in waiting:
        raw = article.raw_offset(tok.idx)
        pron = by_start.get(raw)
        if pron is None:
            continue  # GUM marks no entity here (an expletive "it")
        tally = tallies[f"{_PRONOUNS[tok.lower_]}-subjects"]
        chain = chains[pron["entity_id"]]
        gold_named = _named_before(chain, raw)
        tally.gold += gold_named
        found = results.get(tok.idx)
        mention = found.mention if found is not None else None
        if mention is None:
            if gold_named:
                name = next(m["text"] for m in chain if m["is_name"])
                where = _where(article, tok.idx, tok.idx)
                tally.errors.append(f"FN {tok.text} -> none, gold {name!r}: {where}")
            continue
        tally.judged += 1
        lo, hi = article.raw_offset(mention.start), article.raw_offset(mention.end)
        if _of_entity(lo, hi, mention.text, chain, gold["text"]):
            tally.right += 1
            tally.gold_right += gold_named
        else:
            name = next((m["text"] for m in chain if m["is_name"]), chain[0]["text"])
            tally.errors.append(
                f"FP {tok.text} -> {mention.text!r} ({found.rule if found else ''}), gold "
                f"{name!r}: {_where(article, tok.idx, tok.idx)}"
            )


def _tally_nouns(
    tally: Tally,
    article: Article,
    gold: dict[str, Any],
    chains: dict[str, list[dict[str, Any]]],
    waiting: Sequence[tuple[int, Any]],
    results: dict[int, Speaker | None],
) -> None:
    """``precision`` over the nouns kg resolves to an entity (not named inside their own
    words), ``recall`` over those whose GUM entity is named before them."""
    for _, tok in waiting:
        found = results.get(tok.idx)
        lo, hi = np_span(tok)
        own = _speaker_mention(gold["entities"], article.raw_offset(lo), article.raw_offset(hi))
        if own is None or _document(gold["text"], own):
            continue
        chain = chains[own["entity_id"]]
        gold_named = _named_before(chain, own["start"])
        mention = found.mention if found is not None else None
        if mention is not None and lo <= mention.start < hi:
            continue  # named in its own words: "Acme officials"
        tally.gold += gold_named
        words = article.text[lo:hi]
        name = next((m["text"] for m in chain if m["is_name"]), None)
        if mention is None:
            if gold_named:
                where = _where(article, lo, hi)
                tally.errors.append(f"FN {words!r} -> none, gold {name!r}: {where}")
            continue
        tally.judged += 1
        mlo, mhi = article.raw_offset(mention.start), article.raw_offset(mention.end)
        if _of_entity(mlo, mhi, mention.text, chain, gold["text"]):
            tally.right += 1
            tally.gold_right += gold_named
        else:
            rule = found.rule if found is not None else ""
            tally.errors.append(
                f"FP {words!r} -> {mention.text!r} ({rule}), gold {name or 'unnamed'}: "
                f"{_where(article, lo, hi)}"
            )


def _tally_nps(
    tally: Tally,
    article: Article,
    ex: Extraction,
    gold: dict[str, Any],
    chains: dict[str, list[dict[str, Any]]],
    claims: Sequence[Any],
) -> None:
    mentions = {(m.start, m.end): m for m in ex.mentions}
    for c in claims:
        if c.speaker_kind not in ("np", "unnamed") or c.speaker is None:
            continue
        if c.claimant is not None and c.speaker[0] <= c.claimant[0] < c.speaker[1]:
            continue  # named in the speaker's own words: "Acme officials"
        lo, hi = article.raw_offset(c.speaker[0]), article.raw_offset(c.speaker[1])
        own = _speaker_mention(gold["entities"], lo, hi)
        if own is None or _document(gold["text"], own):
            continue
        chain = chains[own["entity_id"]]
        gold_named = _named_before(chain, own["start"])
        tally.judged += 1
        tally.gold += gold_named
        words = article.text[c.speaker[0] : c.speaker[1]]
        name = next((m["text"] for m in chain if m["is_name"]), None)
        if c.claimant is None:
            if gold_named:
                where = _where(article, *c.speaker)
                tally.errors.append(f"FN {words!r} -> unnamed, gold {name!r}: {where}")
            else:
                tally.right += 1
            continue
        claimant: Mention | None = mentions.get(c.claimant)
        text = claimant.text if claimant is not None else "?"
        clo, chi = article.raw_offset(c.claimant[0]), article.raw_offset(c.claimant[1])
        if _of_entity(clo, chi, text, chain, gold["text"]):
            tally.right += 1
            tally.gold_right += gold_named
        else:
            tally.errors.append(
                f"FP {words!r} -> {text!r} ({c.rule}), gold {name or 'unnamed'}: "
                f"{_where(article, *c.speaker)}"
            )


def rows(path: Path = GUM) -> dict[str, dict[str, float]]:
    """The eight rows, news and interviews."""
    out: dict[str, dict[str, float]] = {}
    for genre, prefix in (("news", "gum"), ("interview", "gum-interview")):
        for name, tally in score(path, genre).items():
            out[f"{prefix}:{name}"] = tally.row()
    return out


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m benchmarks.gum_speakers [--errors]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--errors", action="store_true", help="also list every wrong or missed one")
    args = parser.parse_args(argv)
    for genre, prefix in (("news", "gum"), ("interview", "gum-interview")):
        for name, tally in score(GUM, genre).items():
            print(f"{prefix}:{name}", json.dumps(tally.row()))
            if args.errors:
                print("\n".join(f"  {line}" for line in sorted(tally.errors)))


if __name__ == "__main__":
    main()
