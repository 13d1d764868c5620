"""Attribution quality: claims found with the right claimant, on the samples' gold and on the
hand-annotated news texts of ``tests/data/claims-dev`` (see its README).

    python -m benchmarks.claims        # prints one JSON object: a row per gold set

A found claim counts when it covers at least half of a gold claim's content and names the right
speaker (an entity the gold names, or, for a speaker the text never names, no entity). Rows:
``samples`` (recall of the four gold claims of ``/work/shared/gold/seeds.json``, whose gold lists
only some claims, so precision is not measured there), ``dev``, ``check`` and ``fresh`` (the
splits of claims-dev; ``check`` and ``fresh`` were each scored blind first), and
``*:pronoun+np``, the claims whose speaker is a pronoun or a noun phrase (recall over such gold
claims, precision over such found claims), and ``gum:pronoun-speakers`` and
``gum-interview:pronoun-speakers``, pronoun speakers checked against GUM's coreference on its
24 news documents and its 19 interviews (precision, and recall over the pronouns its text has
as a reporting verb's subject); ``gum:np-speakers``, ``gum:he-she-subjects`` and
``gum:they-it-subjects`` (and ``gum-interview:``), noun-phrase speakers and every subject
pronoun resolved as a speaker would be, against GUM's chains (:mod:`benchmarks.gum_speakers`;
``python -m benchmarks.gum_speakers --errors`` lists their errors). With the html-dev pages at hand,
also ``blind`` to ``blind10`` (``tests/data/claims-dev/blind.json``: each annotated and scored once
before its errors were read; ``--errors`` never lists those of a split the file keeps blind,
its ``kept_blind``). Each claims-dev and blind row has a ``baseline:`` twin: the same gold scored
on the claims of the plain from-scratch baseline of :mod:`benchmarks.claims_baseline`, on the
same build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.gum_speakers import GUM, gum_corpus
from kg.pipeline import Corpus, analyse

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "tests" / "data" / "claims-dev"
SEEDS = ROOT / "articles"
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds-gold.json"


@dataclass(frozen=True, slots=True)
class Found:
    """One claim kg found, as the scorer needs it."""

    doc: str
    parts: tuple[tuple[int, int], ...]
    text: str
    names: frozenset[str]  # every surface form of the claimant entity (or the speaker's words)
    named: bool  # whether an entity was resolved
    kind: str


def _norm(name: str) -> str:
    name = name.replace("’", "'").lower()
    name = re.sub(r"'s?$", "", name.strip())
    return re.sub(r"^the\s+", "", name).strip()


def _names_match(found: frozenset[str], gold: Sequence[str]) -> bool:
    for a in map(_norm, found):
        for b in map(_norm, gold):
            if a == b or re.search(rf"\b{re.escape(b)}$", a) or re.search(rf"^{re.escape(a)}$", b):
                return True
    return False


def _doc_name(source: str, names: Mapping[str, str] | None = None) -> str:
    """The gold's name for an article: its page name when ``names`` knows its source (a URL),
    else its file name without the suffix."""
    return (names or {}).get(source) or Path(source).stem


def found_claims(corpus: Corpus, docs: Mapping[str, str] | None = None) -> list[Found]:
    """The claims of a build, with their claimants' surface forms."""
    entities = {e.key: e for e in corpus.resolution.entities}
    texts = {ex.article.id: ex.article for ex in corpus.extractions}
    out = []
    for facts in corpus.facts:
        article = texts[facts.article_id]
        doc = _doc_name(article.source, docs)
        for c in facts.claims:
            names: set[str] = set()
            named = False
            if c.claimant is not None:
                key = corpus.resolution.assignment.get((facts.article_id, *c.claimant))
                names.add(article.text[c.claimant[0] : c.claimant[1]])
                if key in entities:
                    names.update(entities[key].variants)
                    names.add(entities[key].label)
                named = True
            elif c.speaker is not None and c.speaker_kind == "name":
                names.add(article.text[c.speaker[0] : c.speaker[1]])
                named = True
            parts = c.parts or ((c.start, c.end),)
            out.append(
                Found(
                    doc,
                    parts,
                    article.text[c.start : c.end],
                    frozenset(names),
                    named,
                    c.speaker_kind or "name",
                )
            )
    return out


#: What finds a build's claims, for the scorer: kg's own (:func:`found_claims`) or another's
#: (``benchmarks.claims_baseline``), from the build and the gold names of its articles.
Finder = Callable[[Corpus, "Mapping[str, str] | None"], list[Found]]


def _coverage(parts: Sequence[tuple[int, int]], gold: Sequence[tuple[int, int]]) -> float:
    total = sum(e - s for s, e in gold)
    inside = sum(max(0, min(e, ge) - max(s, gs)) for s, e in parts for gs, ge in gold)
    return inside / total if total else 0.0


def _score(
    golds: list[dict[str, object]],
    found: list[Found],
    texts: dict[str, str],
    errors: list[str] | None = None,
) -> dict[str, float]:
    hits: set[int] = set()
    matched = 0
    for g in golds:
        text = texts[str(g["doc"])]
        spans = []
        for piece in g["content"]:  # type: ignore[attr-defined]
            at = text.find(piece)
            spans.append((at, at + len(piece)))
        ok = False
        for i, f in enumerate(found):
            if f.doc != g["doc"] or _coverage(f.parts, spans) < 0.5:
                continue
            if g["speaker"] is None:
                right = not f.named
            else:
                right = f.named and _names_match(f.names, g["speaker"])  # type: ignore[arg-type]
            if right:
                hits.add(i)
                ok = True
        matched += ok
        if errors is not None and not ok:
            errors.append(f"FN {g['doc']} [{g['kind']}] {g['speaker']}: {g['content']}")
    if errors is not None:
        for i, f in enumerate(found):
            if i not in hits:
                errors.append(f"FP {f.doc} [{f.kind}] {sorted(f.names)}: {f.text!r}")
    return _prf(len(hits), len(found), matched, len(golds))


def _prf(right: int, found: int, matched: int, gold: int) -> dict[str, float]:
    p = right / found if found else 0.0
    r = matched / gold if gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f1, 3),
        "found": found,
        "gold": gold,
    }


def score_dev(
    corpus: Corpus | None = None,
    *,
    errors: dict[str, list[str]] | None = None,
    gold_file: Path = DEV / "gold.json",
    texts: Sequence[Path] = (DEV / "texts",),
    splits: Sequence[str] | None = None,
    names: Mapping[str, str] | None = None,
    finders: Mapping[str, Finder] | None = None,
) -> dict[str, dict[str, float]]:
    """Rows ``dev``, ``check`` and their pronoun/noun-phrase subsets, on claims-dev; with
    ``errors``, each split's missed gold claims (FN) and wrong found ones (FP) go into it.
    ``finders``: what finds the claims scored, by the prefix of its rows (default ``{"":
    found_claims}``, kg's; ``benchmarks.claims_baseline`` adds ``"baseline:"``), all on one
    build; ``errors`` lists those of the unprefixed finder only."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    if splits is not None:
        gold["splits"] = {k: v for k, v in gold["splits"].items() if k in splits}
    corpus = corpus or analyse(list(texts))
    by_doc = {_doc_name(ex.article.source, names): ex.article.text for ex in corpus.extractions}
    rows: dict[str, dict[str, float]] = {}
    for prefix, finder in (finders or {"": found_claims}).items():
        found = finder(corpus, names)
        for split, docs in gold["splits"].items():
            if not all(d in by_doc for d in docs):
                continue  # a build of some of the texts only
            golds = [g for g in gold["claims"] if g["doc"] in docs]
            mine = [f for f in found if f.doc in docs]
            wrong = None if errors is None or prefix else errors.setdefault(split, [])
            rows[f"{prefix}{split}"] = _score(golds, mine, by_doc, wrong)
            sub = _score(
                golds, [f for f in mine if f.kind in ("pronoun", "np")], by_doc
            )  # precision over pronoun/np claims found
            sub_gold = _score([g for g in golds if g["kind"] in ("pronoun", "np")], mine, by_doc)
            p, r = sub["precision"], sub_gold["recall"]
            rows[f"{prefix}{split}:pronoun+np"] = {
                **_prf(0, 0, 0, 0),
                "precision": p,
                "found": sub["found"],
                "recall": r,
                "gold": sub_gold["gold"],
                "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
            }
    return rows


def score_samples(corpus: Corpus | None = None) -> dict[str, float]:
    """Recall of the samples' gold claims: content words of the gist covered, right claimant."""
    gold = json.loads(SEEDS_GOLD.read_text(encoding="utf-8"))
    aliases = {e["id"]: [e["label"], *e["aliases"]] for e in gold["entities"]}
    corpus = corpus or analyse([SEEDS])
    found = found_claims(corpus)
    matched = 0
    for g in gold["attributed_claims"]:
        words = {w for w in re.findall(r"\w+", g["gist"].lower()) if len(w) > 3}
        for f in found:
            if not f.doc.startswith(g["doc"]):
                continue
            have = set(re.findall(r"\w+", f.text.lower()))
            if len(words & have) >= len(words) / 2 and _names_match(
                f.names, aliases[g["claimant"]]
            ):
                matched += 1
                break
    total = len(gold["attributed_claims"])
    return {"recall": round(matched / total, 3), "found": matched, "gold": total}


#: The texts of the blind splits (``tests/data/claims-dev/blind.json``): pages of html-dev, as
#: newspaper4k extracted them (``expected/NAME.txt``), or the page itself (``pages/NAME.html``,
#: read by kg) for a page without an expected text. Their publishers' copyright: read in place,
#: not copied here.
HTML_DEV = Path("/work/shared/eval/dev/html-dev")
BLIND = HTML_DEV / "expected"


def _names_by_text(corpus: Corpus, golds: Sequence[dict[str, object]]) -> dict[str, str]:
    """Gold document names for a build of html pages, whose sources are their URLs: an article is
    the document all of whose gold content it holds (pages with no gold claims keep their stem)."""
    names: dict[str, str] = {}
    docs = {str(g["doc"]) for g in golds}
    for ex in corpus.extractions:
        text = ex.article.text
        hold = [
            d
            for d in docs
            if all(p in text for g in golds if g["doc"] == d for p in g["content"])  # type: ignore[attr-defined]
        ]
        if len(hold) == 1:
            names[ex.article.source] = hold[0]
    return names


def score_blind(
    errors: dict[str, list[str]] | None = None, *, finders: Mapping[str, Finder] | None = None
) -> dict[str, dict[str, float]]:
    """Rows ``blind`` to ``blind10`` and their ``:pronoun+np`` subsets, when the html-dev
    texts are at hand (each split a corpus of its own, so it changes no other split's entity
    resolution). ``errors`` gets no line of a split in the file's ``kept_blind``: its score is
    the honest estimate only while nobody reads its errors."""
    gold_file = DEV / "blind.json"
    rows: dict[str, dict[str, float]] = {}
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    kept_blind = set(gold.get("kept_blind", ()))
    for split, docs in gold["splits"].items():
        files = [
            BLIND / f"{d}.txt"
            if (BLIND / f"{d}.txt").exists()
            else HTML_DEV / "pages" / f"{d}.html"
            for d in docs
        ]
        if all(f.exists() for f in files):
            corpus = analyse(files)
            names = _names_by_text(corpus, [g for g in gold["claims"] if g["doc"] in docs])
            rows.update(
                score_dev(
                    corpus,
                    errors=None if split in kept_blind else errors,
                    gold_file=gold_file,
                    texts=files,
                    splits=[split],
                    names=names,
                    finders=finders,
                )
            )
    return rows


#: A pronoun that is a reporting verb's subject in GUM's text: "he said", "She told reporters",
#: "they also added"; a recall gold of pronoun speakers where GUM names the entity.
_GUM_SPEAKER_PRONOUN = re.compile(
    r"(?:he|she|they|it)\s+(?:also\s+|later\s+|then\s+)?"
    r"(?:said|says|told|tells|added|adds|explained|explains|noted|notes|replied|stated)\b",
    re.I,
)


def score_gum_pronouns(path: Path = GUM, genre: str = "news") -> dict[str, float]:
    """Pronoun speakers checked against GUM's coreference, on its documents of ``genre`` (24
    news documents, 19 interviews): of the claims whose speaker is a pronoun, how many kg
    resolved to a mention of the entity GUM says the pronoun refers to (``precision``); and of
    the pronouns GUM's text has as a reporting verb's subject ("he said", "she told") whose
    entity GUM names by a name before them, how many are a claim's speaker resolved to that
    entity (``recall``; a rough gold: some of those verbs frame no claim). A kg mention is of
    a GUM entity when it overlaps one of that entity's mentions."""
    docs, corpus = gum_corpus(path, genre)
    by_doc = {d["id"]: d for d in docs}
    articles = {ex.article.id: ex.article for ex in corpus.extractions}
    right = wrong = 0
    resolved: set[tuple[str, int]] = set()
    for facts in corpus.facts:
        article = articles[facts.article_id]
        gold = by_doc[Path(article.source).stem]
        for c in facts.claims:
            if c.speaker_kind != "pronoun" or c.claimant is None or c.speaker is None:
                continue
            start = article.raw_offset(c.speaker[0])
            pron = [e for e in gold["entities"] if e["is_pronoun"] and e["start"] == start]
            lo, hi = article.raw_offset(c.claimant[0]), article.raw_offset(c.claimant[1])
            ante = [e for e in gold["entities"] if e["start"] < hi and lo < e["end"]]
            if not pron:
                continue
            if any(a["entity_id"] == pron[0]["entity_id"] for a in ante):
                right += 1
                resolved.add((gold["id"], start))
            else:
                wrong += 1
    speakers: set[tuple[str, int]] = set()
    for d in docs:
        named = {}
        for e in sorted(d["entities"], key=lambda e: e["start"]):
            if e["is_name"]:
                named.setdefault(e["entity_id"], e["start"])
        for e in d["entities"]:
            if not e["is_pronoun"] or named.get(e["entity_id"], e["start"]) >= e["start"]:
                continue
            if _GUM_SPEAKER_PRONOUN.match(d["text"], e["start"]) and len(e["text"]) <= 4:
                speakers.add((d["id"], e["start"]))
    total = right + wrong
    return {
        "precision": round(right / total, 3) if total else 0.0,
        "found": total,
        "recall": round(len(resolved & speakers) / len(speakers), 3) if speakers else 0.0,
        "gold": len(speakers),
    }


def claim_scores() -> dict[str, dict[str, float]]:
    """Every row: ``samples``, ``dev``, ``check``, the pronoun/noun-phrase subsets, the same
    rows of the plain baseline (``baseline:SPLIT``, :mod:`benchmarks.claims_baseline`) and, when
    the GUM corpus is at hand, ``gum:pronoun-speakers`` and the rows of
    :mod:`benchmarks.gum_speakers`."""
    from benchmarks.claims_baseline import baseline_found

    finders: dict[str, Finder] = {"": found_claims, "baseline:": baseline_found}
    rows = {
        "samples": score_samples(),
        **score_dev(finders=finders),
        **score_blind(finders=finders),
    }
    if GUM.exists():
        rows["gum:pronoun-speakers"] = score_gum_pronouns()
        rows["gum-interview:pronoun-speakers"] = score_gum_pronouns(genre="interview")
        from benchmarks.gum_speakers import rows as gum_speaker_rows

        rows.update(gum_speaker_rows(GUM))
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m benchmarks.claims [--dev-only] [--errors]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev-only", action="store_true", help="only the claims-dev splits")
    parser.add_argument(
        "--errors", action="store_true", help="also list each split's misses and wrong claims"
    )
    args = parser.parse_args(argv)
    errors: dict[str, list[str]] | None = {} if args.errors else None
    if args.dev_only:
        rows = {**score_dev(errors=errors), **score_blind(errors)}
    else:
        rows = claim_scores() if errors is None else {"samples": score_samples()}
        if errors is not None:
            rows.update(score_dev(errors=errors))
            rows.update(score_blind(errors))
    print(json.dumps(rows, indent=2))
    for split, lines in (errors or {}).items():
        print(f"\n== {split}")
        print("\n".join(sorted(lines)))


if __name__ == "__main__":
    main()
