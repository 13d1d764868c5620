"""A plain from-scratch attribution baseline, scored like kg by :mod:`benchmarks.claims`.

    python -m benchmarks.claims_baseline             # rows: kg beside the baseline, every split
    python -m benchmarks.claims_baseline --compare   # readable splits: gold claims one finds and
                                                     # the other misses

The baseline issue 11 describes, for scale: what a page of code over the same spaCy parse finds,
with none of kg's rules. It reads the article text kg extracted (so offsets agree), parses it with
kg's own pipeline, and takes

* each verb of kg's cue lexicon (``kg/lexicon/reporting_verbs.txt``) as a cue;
* its ``nsubj`` as the speaker (of the verb it is coordinated with when it has none): a name when
  the subject's head is in a named entity or a proper noun, "he"/"she" the last PERSON entity
  before it, anything else (a noun phrase, "they", "officials", "a spokesman for Acme") an
  unnamed speaker with its words; "I", "we" and "you" frame no claim;
* its clausal complement (``ccomp``) as the content, else the quotation in its sentence or
  right before or after it (“...,” she said / She said: “...”);
* a quotation no cue took inherits the speaker of the quotation claim before it.

It is a measure, not a rule: nothing in ``kg/`` uses it. The kept-blind splits (``kept_blind``
of ``tests/data/claims-dev/blind.json``) get rows, never errors or a comparison.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from benchmarks.claims import DEV, Found, _doc_name, _score, found_claims, score_blind, score_dev
from kg.facts.speech import SPEECH_FORMS
from kg.records import Corpus

#: A quotation between double marks (curly or straight), up to one paragraph.
_QUOTE_RE = re.compile(r"“([^”\n]{3,})”|\"([^\"\n]{3,})\"")
_GENDERED = frozenset({"he", "she"})
_FIRST_SECOND = frozenset({"i", "we", "you"})
_RELATIVE = frozenset({"who", "which", "that"})
_QUESTION = frozenset({"whether", "if", "what", "how", "why", "when", "where", "who"})


@cache
def _nlp() -> Any:
    from kg.extract import load_pipeline

    return load_pipeline()


def _quotes(text: str) -> list[tuple[int, int]]:
    return [
        (m.start(1), m.end(1)) if m.group(1) is not None else (m.start(2), m.end(2))
        for m in _QUOTE_RE.finditer(text)
    ]


def _subject(verb: Any) -> Any:
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
            return verb.head  # "Jo Li, who said ...": the noun the clause hangs on
        if subject is not None or verb.dep_ != "conj":
            return subject
        verb = verb.head
    return None


def _speaker(subject: Any, people: Sequence[Any]) -> tuple[frozenset[str], bool, str] | None:
    """The subject's names, whether an entity is named, and its kind (name, pronoun, np)."""
    lower = subject.lower_
    if lower in _FIRST_SECOND:
        return None
    if lower in _GENDERED:
        before = [e for e in people if e.end <= subject.i]
        if not before:
            return frozenset({subject.text}), False, "pronoun"
        return frozenset({before[-1].text}), True, "pronoun"
    if subject.pos_ == "PRON":
        return frozenset({subject.text}), False, "pronoun"
    phrase = subject.doc[subject.left_edge.i : subject.right_edge.i + 1]
    ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
    if ent is not None:
        return frozenset({ent.text, phrase.text}), True, "name"
    if subject.pos_ == "PROPN":
        name = [t for t in subject.lefts if t.dep_ == "compound"] + [subject]
        return frozenset({" ".join(t.text for t in name), phrase.text}), True, "name"
    return frozenset({phrase.text}), False, "np"


def baseline_claims(text: str, doc_name: str) -> list[Found]:
    """The baseline's claims of one article text."""
    doc = _nlp()(text)
    quotes = _quotes(text)
    people = [e for e in doc.ents if e.label_ == "PERSON"]
    taken: set[tuple[int, int]] = set()
    found: list[tuple[list[tuple[int, int]], tuple[frozenset[str], bool, str]]] = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") or token.lower_ not in SPEECH_FORMS:
            continue
        subject = _subject(token)
        if subject is None:
            continue
        who = _speaker(subject, people)
        if who is None:
            continue
        comp = next((c for c in token.children if c.dep_ == "ccomp"), None)
        part: tuple[int, int] | None = None
        if comp is not None:
            words = [t for t in comp.subtree if not t.is_punct]
            if words and words[0].lower_ == "that":
                words = words[1:]
            if words and words[0].lower_ in _QUESTION:
                continue  # "did not say whether ...": an indirect question
            if len(words) >= 3:
                part = (words[0].idx, words[-1].idx + len(words[-1].text))
        if part is None:
            sent = token.sent
            near = [
                q
                for q in quotes
                if sent.start_char - 3 <= q[1] and q[0] <= sent.end_char + 3 and q not in taken
            ]
            if near:
                part = min(near, key=lambda q: min(abs(q[0] - token.idx), abs(q[1] - token.idx)))
        if part is None:
            continue
        for q in quotes:
            if q[0] < part[1] and part[0] < q[1]:
                taken.add(q)
        names, named, kind = who
        found.append(([part], (names, named, kind)))
    # A quotation no cue took inherits the speaker of the quotation claim before it: in the same
    # paragraph as a further piece of that claim ("“A,” she said. “B.”"), else a claim of its own.
    for q in quotes:
        if q in taken or len(text[q[0] : q[1]].split()) < 4:
            continue
        before = [
            f
            for f in found
            if f[0][-1][1] <= q[0] and any(f[0][-1][0] <= a < f[0][-1][1] for a, _ in quotes)
        ]
        if not before:
            continue
        prev = max(before, key=lambda f: f[0][-1][1])
        if "\n" not in text[prev[0][-1][1] : q[0]]:
            prev[0].append(q)
        else:
            found.append(([q], prev[1]))
    found.sort(key=lambda f: f[0][0])
    return [
        Found(doc_name, tuple(parts), text[parts[0][0] : parts[-1][1]], *who)
        for parts, who in found
    ]


def baseline_found(corpus: Corpus, docs: Mapping[str, str] | None = None) -> list[Found]:
    """The baseline's claims of every article of a build, named as the gold names them."""
    out: list[Found] = []
    for ex in corpus.extractions:
        out.extend(baseline_claims(ex.article.text, _doc_name(ex.article.source, docs)))
    return out


def rows() -> dict[str, dict[str, float]]:
    """``baseline:SPLIT`` rows (and ``:pronoun+np``) on claims-dev and, when the html-dev pages
    are at hand, on the blind splits."""
    finders = {"baseline:": baseline_found}
    return {**score_dev(finders=finders), **score_blind(finders=finders)}


def compare() -> dict[str, list[str]]:
    """For each readable split: the gold claims the baseline finds and kg misses ("BASE"), and
    those kg finds and the baseline misses ("KG")."""
    from kg.pipeline import analyse

    blind = json.loads((DEV / "blind.json").read_text(encoding="utf-8"))
    kept = set(blind.get("kept_blind", ()))
    out: dict[str, list[str]] = {}
    for gold_file, splits in (
        (DEV / "gold.json", None),
        (DEV / "blind.json", [s for s in blind["splits"] if s not in kept]),
    ):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for split, docs in gold["splits"].items():
            if splits is not None and split not in splits:
                continue
            if gold_file.name == "blind.json":
                from benchmarks.claims import BLIND, HTML_DEV, _names_by_text

                files = [
                    BLIND / f"{d}.txt"
                    if (BLIND / f"{d}.txt").exists()
                    else HTML_DEV / "pages" / f"{d}.html"
                    for d in docs
                ]
                if not all(f.exists() for f in files):
                    continue
                corpus = analyse(files)
                golds = [g for g in gold["claims"] if g["doc"] in docs]
                names: Mapping[str, str] | None = _names_by_text(corpus, golds)
            else:
                corpus = analyse([DEV / "texts" / f"{d}.txt" for d in docs])
                golds = [g for g in gold["claims"] if g["doc"] in docs]
                names = None
            texts = {
                _doc_name(ex.article.source, names): ex.article.text for ex in corpus.extractions
            }
            lines = out.setdefault(split, [])
            mine, base = found_claims(corpus, names), baseline_found(corpus, names)
            for g in golds:
                hit_kg = _score([g], mine, texts)["recall"] > 0
                hit_base = _score([g], base, texts)["recall"] > 0
                if hit_kg != hit_base:
                    tag = "KG  " if hit_kg else "BASE"
                    lines.append(f"{tag} {g['doc']} [{g['kind']}] {g['speaker']}: {g['content']}")
    return out


def unlabeled() -> list[str]:
    """Claims the baseline finds and kg does not (no kg claim covers half of its content), on
    texts with no claims gold (GUM news, MEANTIME, re3d), to be judged by reading: each with its
    speaker's words and its sentence."""
    from benchmarks.claims import _coverage
    from benchmarks.gum_speakers import GUM, gum_corpus
    from kg.pipeline import analyse

    root = DEV.parent / "meantime" / "articles"
    corpora = [analyse([root])]
    if GUM.exists():
        corpora.append(gum_corpus(GUM, "news")[1])
        re3d = GUM.parent.parent / "re3d" / "re3d.jsonl"
        if re3d.exists():
            corpora.append(analyse([re3d]))
    lines = []
    for corpus in corpora:
        mine = found_claims(corpus)
        for ex in corpus.extractions:
            name = _doc_name(ex.article.source)
            ours = [f for f in mine if f.doc == name]
            for b in baseline_claims(ex.article.text, name):
                if any(_coverage(f.parts, b.parts) >= 0.5 for f in ours):
                    continue
                lines.append(f"{name} {sorted(b.names)} named={b.named}: {b.text!r}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    """``python -m benchmarks.claims_baseline [--compare]``."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--compare", action="store_true", help="list gold claims one finds and the other misses"
    )
    parser.add_argument(
        "--unlabeled",
        action="store_true",
        help="list claims the baseline finds and kg does not on GUM and MEANTIME (no gold)",
    )
    args = parser.parse_args(argv)
    if args.unlabeled:
        print("\n".join(unlabeled()))
        return
    if args.compare:
        for split, lines in compare().items():
            print(f"\n== {split}")
            print("\n".join(sorted(lines)))
        return
    print(json.dumps(rows(), indent=2))


if __name__ == "__main__":
    main()
