"""Attributed claims, a rule family of stage "facts": who is reported to have said what.

Read from the dependency parse of the article (the spaCy ``Doc`` extraction already made; no second
parse), not from sentence templates; the cues are found by :mod:`kg.facts.cues`:

* a reporting cue: a verb of the lexicon ``kg/lexicon/reporting_verbs.txt`` ("said", "told",
  "warned", "denied"), "according to", or a colon before a quotation;
* its source: the cue's subject (also of a verb it is coordinated with: "... but said"), its agent,
  the noun a participle hangs on ("critics saying that ..."), or the object of "according to";
  resolved by :mod:`kg.coref` ("he", "the company", "the statement", unnamed "officials");
* its content: the cue's clausal complement ("told reporters that X" -> X; "said on Tuesday that
  X" -> X), the quotation it frames (split quotations "“A,” she said, “B.”" are one claim;
  quotations run over sentences and paragraphs), the clause around "according to", or the text
  after "reads:".

A quotation no cue frames continues the direct claim just before it (up to three sentences on,
unless another person or quotation comes between): in the same paragraph as a further piece of
that claim ("“A,” she said. “B.”"), in a later one as a claim of its own. An attribution
closing a paragraph ("..., the agency said.") whose sentence points back ("It ...", "This ...")
also covers the sentences before it in that paragraph that carry no attribution of their own.
A closing attribution whose name the parser missed ("..., Acme Border Patrol announced Tuesday.",
the content's noun taken for the cue's subject) claims the sentence before the name's comma.
A quotation signed with a name and no verb ("“...,” Jo Li, mayor of Lakeside.") is that person's;
one after ", but" that follows a closing attribution goes on with it ("X, she said, but “Y.”").

Examples: "“We will appeal,” the club's lawyer told reporters." (sport), "Shares fell 4%,
according to exchange data." (business), "Police said the suspect had fled." (crime).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Any

from kg.coref import Resolver, Speaker
from kg.facts.article import RULES_VERSION, ArticleView, sentence_index, strip_span
from kg.facts.cues import Cue, find_cues, find_quoted_cues
from kg.facts.quotes import Quote, find_quotes
from kg.facts.speech import QUOTATION_FORMS
from kg.lexicon import entries, grammar
from kg.lexicon import words as lexicon_words
from kg.records import Claim, Mention, Offsets, Position

_FINITE = {"VBD", "VBZ", "VBP", "MD"}
#: Words that open a sentence continuing the one before ("It links ...", "This means ...").
_ANAPHORS = frozenset(grammar("anaphor"))
#: Conjunctions that may open such a sentence before its anaphor ("But it ...").
_CONNECTIVES = frozenset(grammar("connective"))
#: Words that open a question ("What about ...", "Why ...").
_QUESTION_WORDS = frozenset(grammar("question"))
#: Quotation marks that open a quotation.
_OPENING_MARKS = frozenset('“"«„‘')
#: How many sentences before a closing attribution it may cover.
_PASSAGE = 3
#: How many sentences after a direct claim a quotation no cue frames may continue it.
_CONTINUED = 3


def _clip(text: str, parts: list[Offsets], at: int) -> list[Offsets]:
    """Parts cut to the paragraph holding offset ``at`` (the parser's sentences may run over a
    paragraph break, a headline into the first paragraph)."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    hi = len(text) if hi < 0 else hi
    return [(max(s, lo), min(e, hi)) for s, e in parts if s < hi and lo < e]


def _eligible(quote: Quote, doc: Any) -> bool:
    """A quotation that can be a claim: a clause, or at least eight words (not a scare quote
    or a title: "“positive”", "“The Internet Explorer 6 Countdown”" after "on")."""
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if span is None or len(span) < 3:
        return False
    if span.root.dep_ == "pobj" and span.root.head.i < span.start:
        return False  # "on “A Site's Name”"
    return any(t.tag_ in _FINITE for t in span) or len([t for t in span if t.is_alpha]) >= 8


def _then_quoted(text: str, cue: Cue, q: Quote) -> bool:
    """Whether quotation ``q`` goes on, after "but" or "and", from a closing attribution whose
    reported clause comes before it: "No one was charged, the prosecutor said, but “the
    investigation is just starting.”", "Sales fell, the company said, and “we expect a better
    year.”" (the speaker's words both, in one claim)."""
    if not cue.content or cue.content[-1][1] > cue.token.idx:
        return False
    between = text[cue.cue_span[1] : q.outer_start]
    return re.fullmatch(r"[^\n.!?“”\"]{0,40}?,\s*(?:but|and)\s*", between) is not None


def _quoted_after(cue: Cue, q: Quote, quotes: Sequence[Quote]) -> bool:
    """Whether the cue's whole complement is a later quotation, the second piece of a quotation
    the attribution splits, so that quotation ``q`` before the cue is its first piece: "“When the
    plant closed,” Jo Li said of the workers, “most found jobs within a year.”", "“If it rains,”
    the coach said on Friday, “we will train indoors.”" (one claim, not a fragment of its own)."""
    return bool(cue.content) and all(
        any(o.start >= q.outer_end and o.start <= s and e <= o.end for o in quotes)
        for s, e in cue.content
    )


#: A stop at a paragraph's end, before any closing marks (the ``…'' pair closes with two
#: apostrophes: "Sales rose, he said, ``as we hoped.''").
_STOP_RE = re.compile(r"[.!?:;…][”\"’»)']*$")


def _headline(text: str, at: int, title: str | None) -> bool:
    """Whether offset ``at`` is in the article's headline or the deck under it: a paragraph with
    no stop at its end that only such paragraphs come before ("Storm closes ports, officials
    say", "Acme to cut 500 jobs, union claims" and a deck "Talks fail as the union says pay
    offer is too low" under it), or the one that is its title. A headline's report is the
    story's gist, told again in the story; the headline is no claim of its own."""
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    line = text[lo : len(text) if hi < 0 else hi].strip()
    if not line or _STOP_RE.search(line):
        return False
    if title is not None and " ".join(title.split()) == " ".join(line.split()):
        return True
    return not any(_STOP_RE.search(p.strip()) for p in text[:lo].split("\n") if p.strip())


def _whole_paragraph(text: str, q: Quote) -> bool:
    """Whether quotation ``q``, with its marks, is all of its paragraph."""
    lo = text.rfind("\n", 0, q.outer_start) + 1
    hi = text.find("\n", q.outer_end)
    hi = len(text) if hi < 0 else hi
    return not text[lo : q.outer_start].strip() and not text[q.outer_end : hi].strip()


def _pull_quote(text: str, q: Quote) -> bool:
    """Whether quotation ``q`` is a pull quote: a paragraph of its own whose words the article
    gives elsewhere too, where they are said ("“Prices will fall.”" set out above "“Prices will
    fall,” the minister said."; "“We never gave up.”" repeated under a player's quotation). Not a
    claim of its own: the words are claimed where the text gives them. Only for at least 30
    characters (a short phrase may simply be said twice), and the first of two paragraphs of the
    same words stays."""
    words = text[q.start : q.end].strip().rstrip('.,!?;:”"’»').strip()
    if len(words) < 30 or not _whole_paragraph(text, q):
        return False
    for found in re.finditer(re.escape(words), text):
        if q.start <= found.start() < q.end:
            continue
        line = text[text.rfind("\n", 0, found.start()) + 1 : found.start()]
        own = not line.strip(' “"«„‘') and re.match(
            r"[.,!?;:]?[”\"’»]?[ \t]*(?:\n|$)", text[found.end() :]
        )
        if not own or found.start() < q.start:
            return True
    return False


def _short_answer_of(text: str, q: Quote, cue: Cue) -> bool:
    """Whether the short quotation ``q`` (no clause of its own) opens its sentence and is framed
    by the verb cue right after it, which has no complement: "“Yes, mostly,” Jo Li said. “The
    rest came later.”", "“No, your honour,” the witness replied, “I was at home.”" (direct
    speech: the quotations after it in the paragraph go on with it; alone, it is a bare answer
    and no claim). Not a quoted word inside the writer's sentence ("the “positive” mood, she
    said")."""
    if cue.kind != "verb" or cue.content or cue.quotes or cue.token.idx < q.outer_end:
        return False
    between = text[q.outer_end : cue.token.idx]
    closing = text[q.start : q.outer_end].rstrip("”\"’»' ")
    if len(between) > 60 or not re.fullmatch(r",?[ \t]*(?:[^\s.!?“”\"]+[ \t]+){0,5}", between):
        return False
    if not (closing.endswith(",") or between.startswith(",")):
        return False
    lo = text.rfind("\n", 0, q.outer_start) + 1
    return re.fullmatch(r"(?:.*[.!?][”\"’»]?)?\s*", text[lo : q.outer_start]) is not None


def _runs_on(text: str, part: Offsets, q: Quote) -> bool:
    """Whether the reported clause opened by quotation ``q`` goes on after it, in the writer's
    words, before the attribution: "“It makes for a good story” if the lights go out, Jo Li
    said", "“Prices will fall” once the new mine opens, the minister said" (the claim is all of
    it, not the quoted words alone)."""
    return part[1] > q.outer_end and len(re.findall(r"\w+", text[q.outer_end : part[1]])) >= 3


def _same_paragraph(text: str, a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return "\n" not in text[lo:hi]


def _attach_quotes(
    doc: Any, text: str, sents: Sequence[Any], cues: list[Cue], quotes: list[Quote]
) -> list[Quote]:
    """Give each eligible quotation to the cue that frames it; returns the quotations left."""
    starts = [s.start_char for s in sents]

    def sent_of(offset: int) -> int:
        return max(0, bisect.bisect_right(starts, offset) - 1)

    left: list[Quote] = []
    for q in quotes:
        if not _eligible(q, doc):
            # A short quotation that is a cue's whole complement is still direct speech
            # ("“Not at all,” she said. “We expected it.”": what follows goes on with it).
            whole = [
                c
                for c in cues
                if c.kind == "verb"
                and c.content
                and all(q.start <= s and e <= q.end for s, e in c.content)
            ]
            if whole:
                whole[0].quotes.append(q)
                continue
            framing = [c for c in cues if _short_answer_of(text, q, c)]
            if framing:
                framing[0].quotes.append(q)
                continue
            # 'estimated "up to 300" could lose their homes': a quoted subject the parser hung
            # on the cue opens the clause it belongs to.
            for c in cues:
                if c.kind != "verb" or not re.fullmatch(
                    r"\s*", text[c.cue_span[1] : q.outer_start]
                ):
                    continue
                for at, (s, e) in enumerate(c.content):
                    if s > q.outer_end and re.fullmatch(r"\s*", text[q.outer_end : s]):
                        c.content[at] = (q.outer_start, e)
            continue

        def piece(cue: Cue, q: Quote = q) -> Offsets | None:
            """The piece of the cue's complement that meets the quotation."""
            return next((p for p in cue.content if p[0] < q.end and q.start < p[1]), None)

        meeting = [(c, p) for c in cues if (p := piece(c)) is not None]
        ending = [
            (c, p)
            for c in cues
            for p in c.content
            if c.kind == "verb"
            and p[1] <= q.outer_start
            and re.fullmatch(r"[ ,:;]*", text[p[1] : q.outer_start])
        ]
        if not meeting and ending and sent_of(ending[0][1][1]) == sent_of(q.outer_start):
            # "He told the court that he was ready, “whatever it takes.”": the quotation closes
            # the reported clause it follows.
            cue, part = ending[0]
            cue.content[cue.content.index(part)] = (part[0], q.end)
            continue
        if meeting:
            cue, part = meeting[0]
            if cue.kind == "verb" and part[0] >= q.outer_start - 1 and not _runs_on(text, part, q):
                cue.quotes.append(q)  # the complement is the quotation: direct speech
            elif part[1] < q.end:
                # Quoted words inside a reported clause: the clause is the claim, up to the
                # quotation's end (the parser may end the sentence inside it: 'said the deal was
                # "dead. We will walk away."').
                at = cue.content.index(part)
                cue.content[at] = (part[0], q.end)
            continue
        first, last = sent_of(q.outer_start), sent_of(max(q.outer_start, q.outer_end - 1))
        frame = set(range(first, last + 1))
        if last + 1 < len(sents) and sents[last + 1].start_char - q.outer_end < 3:
            frame.add(last + 1)  # “...” / she said.
        if first > 0 and re.search(r"[:,]\s*$", text[sents[first - 1].start_char : q.outer_start]):
            frame.add(first - 1)  # She said: “...”
        near = [
            c
            for c in cues
            if c.kind == "verb"
            and (
                not c.content or c.quotes or _then_quoted(text, c, q) or _quoted_after(c, q, quotes)
            )
            and sent_of(c.token.idx) in frame
            and (
                _same_paragraph(text, c.token.idx, q.start)
                # "He stated,¶“...”": a paragraph that ends with its cue opens the quotation.
                or re.fullmatch(r"[^\n]*[,:][ \t]*\n\s*", text[c.token.idx : q.outer_start])
                is not None
            )
        ]
        if near:
            owner = min(
                near, key=lambda c: min(abs(c.token.idx - q.start), abs(c.token.idx - q.end))
            )
            owner.quotes.append(q)
        else:
            left.append(q)
    return left


def find_claims(
    art: ArticleView,
    doc: Any,
    *,
    positions: Sequence[Position] = (),
    role_words: frozenset[str] = frozenset(),
) -> list[Claim]:
    """Every attributed claim of one article, by the rules of the module docstring."""
    text = art.text
    quotes = find_quotes(text)
    cues = find_cues(doc, quotes, text)
    sents = list(doc.sents)
    unclaimed = _attach_quotes(doc, text, sents, cues, quotes)
    sent_starts = [s.start_char for s in sents]
    resolver = Resolver(
        text,
        art.mentions,
        sent_starts,
        positions=positions,
        role_words=role_words,
        quotes=[(q.start, q.end) for q in quotes],
        country_of=art.country_of_word,
    )

    def sent_of(offset: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, offset) - 1)

    drafts: list[tuple[Cue | None, Speaker, list[Offsets], bool, str]] = []
    cue: Cue | None
    for cue in sorted(cues, key=lambda c: c.token.idx):
        if cue.quotes:
            parts = [(q.start, q.end) for q in sorted(cue.quotes, key=lambda q: q.start)]
            # A clause of the cue's complement outside the quotation is said too: "She said
            # funds would follow, “and schools can apply now.”"
            parts = sorted(
                parts
                + [
                    p
                    for p in _clip(text, cue.content, cue.token.idx)
                    if not any(q.outer_start <= p[1] and p[0] <= q.outer_end for q in cue.quotes)
                ]
            )
            direct, rule = True, "quote"
        elif cue.content:
            # Clipped to the paragraph of the content's cue, or for "said:" to the paragraph
            # the statement opens (often the next: "The minister said:¶We condemn ...").
            at = cue.content[0][0] if cue.kind == "colon" else cue.token.idx
            parts, direct, rule = _clip(text, cue.content, at), False, cue.kind
        else:
            continue
        if not parts:
            continue  # a clause wholly in another paragraph: a headline the parser ran on
        if all(_headline(text, s, art.ex.article.title) for s, _ in parts):
            continue
        reported = [] if direct else parts
        speaker = resolver.resolve(cue.source, cue.token.idx, reported=reported)
        if speaker is None:
            continue
        if not direct and speaker.rule.startswith("coref:closing-"):
            # "X, Acme said Tuesday." parsed with X's noun as the subject: the complement the
            # parser gave is cut short; the content is the sentence before the name's comma.
            opening = cue.token.sent.start_char
            parts = [strip_span(text, opening, speaker.words[0])]
        drafts.append((cue, speaker, parts, direct, rule))
        resolver.claimed(cue.token.idx, parts[-1][1])
    # A quotation no cue frames continues the quotation before it.
    cue_at = {sent_of(c.token.idx) for c in cues}
    for q in unclaimed:
        if _pull_quote(text, q):
            continue
        signer = _signed(text, q, art.mentions)
        if signer is not None:
            who = Speaker((signer.start, signer.end), signer, "name", "coref:mention")
            drafts.append((None, who, [(q.start, q.end)], True, "quote-signed"))
            continue
        colon = _colon_speaker(text, doc, q, art.mentions)
        if colon is not None:
            who = Speaker((colon.start, colon.end), colon, "name", "coref:mention")
            drafts.append((None, who, [(q.start, q.end)], True, "quote-colon"))
            continue
        before = [d for d in drafts if d[2][-1][1] <= q.start]
        prev = max(before, key=lambda d: d[2][-1][1]) if before else None
        if prev is not None and _asked_before(text, prev, q):
            # The next paragraph's quotation answers the question: not the asker's words.
            answer = _answerer(text, drafts, prev)
            if answer is not None:
                drafts.append((None, answer, [(q.start, q.end)], True, "quote-answer"))
            continue
        if prev is None or not (
            (prev[3] or _follows_report(text, sent_of, prev, q) or _ends_quoted(prev, quotes))
            and _continues(art, sent_of, prev, q, quotes)
        ):
            intro = _introduced(text, sents, sent_of, q, resolver, cue_at)
            if intro is not None:
                who = Speaker((intro.start, intro.end), intro, "name", "coref:mention")
                drafts.append((None, who, [(q.start, q.end)], True, "quote-introduced"))
            continue
        if prev is not None:
            if _same_paragraph(text, prev[2][-1][1], q.start):
                # “A,” she said. “B.”: one quotation the attribution interrupts, in pieces.
                prev[2].append((q.start, q.end))
            else:  # a new paragraph of the same speaker's words: a claim of its own
                drafts.append((None, prev[1], [(q.start, q.end)], True, "quote-continued"))
    # "That is the view of X": the sentence before is X's.
    for index, sent in enumerate(sents):
        view = _view_of(text, doc, sent, art.mentions) if index > 0 else None
        if view is None:
            continue
        noun, holder = view
        before = sents[index - 1]
        span = strip_span(text, before.start_char, before.end_char)
        taken = any(s < span[1] and span[0] < e for d in drafts for s, e in d[2])
        if taken or text[span[1] : sent.start_char].count("\n") > 2 or span[1] - span[0] < 20:
            continue
        who = Speaker((holder.start, holder.end), holder, "name", "coref:mention")
        cue = Cue(noun, noun, [span], (noun.idx, noun.idx + len(noun.text)), "view")
        drafts.append((cue, who, [span], False, "view"))
    # Reports inside quotations: the quoted speaker's account of what others said.
    for cue in find_quoted_cues(doc, quotes, text):
        quoted = resolver.resolve_quoted(cue.source)
        if quoted is not None and quoted.mention is not None:
            drafts.append((cue, quoted, list(cue.content), False, "quoted"))
    drafts.sort(key=lambda d: d[2][0][0])
    claims: list[Claim] = []
    covered = [(d[2][0][0], d[2][-1][1]) for d in drafts]
    cue_sents = {sent_of(c.token.idx) for c in cues} | {sent_of(q.start) for q in quotes}
    for cue, speaker, parts, direct, rule in drafts:
        parts = [_without_conjunction(text, *strip_span(text, s, e)) for s, e in parts]
        # A quotation "asked" frames is a question however it is worded ("“You think it is
        # worth that?” she asked").
        asking = cue is not None and QUOTATION_FORMS.get(cue.token.lower_) == "ask"
        asked = [
            p
            for p in parts
            if direct
            and (
                _question(text, doc, *p)
                or _broken_off_question(doc, *p)
                or (asking and text[p[0] : p[1]].rstrip(' ”"’»').endswith("?"))
            )
        ]
        parts = [(s, e) for s, e in parts if e - s >= 3 and (s, e) not in asked]
        if asked:
            parts = [p for p in parts if not _opens_question(text, *p)]
        if not parts or sum(e - s for s, e in parts) < 10 or _bare_answer(doc, parts, direct):
            continue
        if cue is not None and rule in ("verb", "according") and cue.token.idx > parts[-1][1]:
            parts = _passage(text, sents, sent_of, parts, covered, cue_sents) + parts
        elif (
            cue is not None
            and rule == "according"
            and sent_of(cue.token.idx) == sent_of(parts[0][0])
        ):
            parts = parts + _sequel(text, sents, sent_of, cue.token.idx, covered, cue_sents)
        start, end = parts[0][0], parts[-1][1]
        cue_span = cue.cue_span if cue is not None else None
        claimant = speaker.mention
        government = None
        if claimant is not None and claimant.type == "City" and claimant.country:
            country = art.gaz.countries.get(claimant.country)
            if country and country.capital and country.capital.lower() == claimant.text.lower():
                government = claimant.country  # "according to Paris": its government
        about = tuple(
            (m.start, m.end)
            for m in art.mentions
            if any(s <= m.start and m.end <= e for s, e in parts)
        )
        cue_word = text[cue_span[0] : cue_span[1]].lower() if cue_span else "quote"
        claims.append(
            Claim(
                article_id=art.ex.article.id,
                sentence=sentence_index(art, start),
                start=start,
                end=end,
                claimant=(claimant.start, claimant.end) if claimant is not None else None,
                government=government,
                cue=cue_word,
                about=about,
                rule=f"claim:{rule}@{RULES_VERSION}",
                speaker=speaker.words,
                cue_span=cue_span,
                direct=direct,
                parts=tuple(parts),
                speaker_kind=speaker.kind,
            )
        )
    return claims


_Draft = tuple[Cue | None, Speaker, list[Offsets], bool, str]

#: Nouns of a stance a sentence pointing back gives to a source ("That is the view of X").
_VIEW_NOUNS = lexicon_words("view_nouns")


def _view_of(
    text: str, doc: Any, sent: Any, mentions: Sequence[Mention]
) -> tuple[Any, Mention] | None:
    """The stance noun and its holder of a sentence that gives the sentence before it to a
    source: "That is the view of coach Jo Li, who ...", "This was the verdict of the Harlow
    Institute." (a person or a body named within a few words after "of"). None otherwise:
    "That is the view of many fans" names no one."""
    found = re.match(
        r"\s*(?:That|This)\s+(?:is|was|has\s+been)\s+(?:also\s+)?the\s+(?:[\w-]+\s+)?([\w-]+)\s+of\s+",
        text[sent.start_char : sent.end_char],
    )
    if found is None or found.group(1).lower() not in _VIEW_NOUNS:
        return None
    at = sent.start_char + found.end()
    holder = next(
        (
            m
            for m in mentions
            if at <= m.start <= at + 60
            and m.type
            in ("Person", "Organization", "GovernmentOrganization", "NewsMediaOrganization")
        ),
        None,
    )
    if holder is None or re.search(r"[,.;:]", text[at : holder.start]):
        return None
    span = doc.char_span(sent.start_char + found.start(1), sent.start_char + found.end(1))
    return (span[0], holder) if span is not None else None


def _colon_speaker(text: str, doc: Any, q: Quote, mentions: Sequence[Mention]) -> Mention | None:
    """The person a paragraph opens with, before a colon and the quotation no cue frames: the
    name alone, as in a transcript ("Roe: “We will appeal.”"), or with a few words that are no
    noun ("Jo Li cut him off: “Sit down.”", "Sam Reyes shrugged: “We lost.”"). None when the
    words name something else (a letter read out, a sign: "Jo Li read the note aloud: ...")."""
    lo = text.rfind("\n", 0, q.outer_start) + 1
    head = text[lo : q.outer_start].rstrip()
    if not head.endswith(":") or re.search(r"[.!?“”\"]", head):
        return None
    person = next(
        (
            m
            for m in mentions
            if lo <= m.start < lo + 40 and m.type == "Person" and m.end <= lo + len(head)
        ),
        None,
    )
    if (
        person is None
        or re.fullmatch(r"(?:[A-Z][\w.’'-]*\s+){0,3}", text[lo : person.start]) is None
    ):
        return None
    words = text[person.end : lo + len(head) - 1]
    if not words.strip():
        return person
    span = doc.char_span(person.end, lo + len(head) - 1, alignment_mode="expand")
    tokens = [t for t in span if not t.is_space] if span is not None else []
    if not tokens or len(tokens) > 4:
        return None
    if any(t.pos_ not in ("VERB", "AUX", "PRON", "ADP", "ADV", "PART") for t in tokens):
        return None
    return person if tokens[0].pos_ in ("VERB", "AUX") else None


def _asked_before(text: str, prev: _Draft, q: Quote) -> bool:
    """Whether the direct claim ``prev`` ends with a question and quotation ``q`` opens the next
    paragraph: the answer, not the asker going on ("“Do you dispute that?” the judge asked.¶“No,
    the figures are right.”")."""
    if not prev[3]:
        return False
    end = prev[2][-1][1]
    if not text[:end].rstrip(' ”"’»').endswith("?"):
        return False
    return re.fullmatch(r"[”\"’»]?[^\n“”\"]{0,80}\n\s*", text[end : q.outer_start]) is not None


def _answerer(text: str, drafts: Sequence[_Draft], prev: _Draft) -> Speaker | None:
    """Who answers the question ``prev`` ends with: the other person of the exchange, whose
    direct claim is in the paragraph right before the question's ("“Sales fell,” Jo Li said.¶
    “Why?” Sam Reyes asked.¶“Costs rose.”" -> Jo Li). None when the exchange is not between two
    named people."""
    asker = prev[1].mention
    if asker is None or asker.type != "Person":
        return None
    start = prev[2][0][0]
    before = [d for d in drafts if d[2][-1][1] <= start]
    if not before:
        return None
    other = max(before, key=lambda d: d[2][-1][1])
    who = other[1].mention
    if not other[3] or who is None or who.type != "Person":
        return None
    if who.text in asker.text or asker.text in who.text:
        return None
    if text[other[2][-1][1] : start].count("\n") > 2:
        return None  # not the paragraph right before
    return other[1]


def _without_conjunction(text: str, start: int, end: int) -> Offsets:
    """A piece without the conjunction left dangling at its end when the writer's words after it
    were cut off: "Relatives said he knew the two men and, according to police, ..." -> "he knew
    the two men"; "Acme said sales rose but" (the parser's next clause)."""
    dangling = re.search(r"[\s,]+(?:and|but|or)$", text[start:end])
    return (start, start + dangling.start()) if dangling else (start, end)


def _question(text: str, doc: Any, start: int, end: int) -> bool:
    """Whether a quoted piece is only questions, asked, not claimed: "“Are you worried about the
    vote?”", "“What will the club do now?” she asked.", "“Is it not true that the dam leaks?
    Did you not know?”" (each sentence opens with a question word or an auxiliary and ends with
    a question mark; a piece that states something keeps its questions: "“On the one hand it
    works, but you say to yourself, who wants it? What help did it give?”")."""
    piece = text[start:end].rstrip(' ”"’»')
    if not piece.endswith("?"):
        return False
    at = start
    for sentence in re.split(r"(?<=[.!?…])[”\"’»]?\s+", piece):
        first = doc.char_span(at, at + len(sentence), alignment_mode="expand")
        at += len(sentence)
        at += len(text[at:end]) - len(text[at:end].lstrip(' ”"’»'))
        if not sentence.strip():
            continue
        if not sentence.rstrip(' ”"’»').endswith("?") or first is None:
            return False
        words = [t for t in first if not t.is_punct]
        if not words or not (words[0].tag_ in ("WP", "WDT", "WRB", "MD") or words[0].pos_ == "AUX"):
            return False
    return True


def _broken_off_question(doc: Any, start: int, end: int) -> bool:
    """Whether a quoted piece is a question broken off before its end, a question word then a
    finite verb, and an ellipsis or a dash where the question mark would be: "“What is your
    single best example of a tax that …”", "“Why did the council not —”" (an interrupted turn
    of an interview or a hearing; "“When the plant closed …”" opens no question)."""
    piece = doc.char_span(start, end, alignment_mode="expand")
    if piece is None or len(piece) < 3:
        return False
    if not re.search(r"(?:…|\.\.\.|[—–-])[”\"’»]?$", piece.text.rstrip()):
        return False
    words = [t for t in piece if not t.is_punct]
    return (
        len(words) >= 2
        and words[0].tag_ in ("WP", "WDT", "WRB")
        and words[1].tag_ in ("VBZ", "VBP", "VBD", "MD")
    )


def _opens_question(text: str, start: int, end: int) -> bool:
    """Whether a quoted piece of a claim whose other pieces are questions opens with a question
    word, a question the writer closed with a comma: "“What about the night shift,” the mayor
    asked, “will it be cut?”", "“Why now,” she said. “Who decided this?”"."""
    first = re.match(r"[\w’']+", text[start:end].lstrip(' “"‘«'))
    return first is not None and first.group().lower() in _QUESTION_WORDS


def _bare_answer(doc: Any, parts: Sequence[Offsets], direct: bool) -> bool:
    """Whether the content is a short answer with no verb, no proposition of its own: "No, not
    really," he said; "Absolutely not," the coach replied; she said no, not yet (quoted, or
    opening with an interjection: "accused the referee of bias" is an accusation)."""
    words = [
        t
        for s, e in parts
        if (span := doc.char_span(s, e, alignment_mode="expand")) is not None
        for t in span
        if not t.is_punct
    ]
    if len(words) >= 6 or any(t.pos_ in ("VERB", "AUX") for t in words):
        return False
    return direct or (bool(words) and words[0].pos_ == "INTJ")


def _signed(text: str, q: Quote, mentions: Sequence[Mention]) -> Mention | None:
    """The person a quotation with no reporting verb is signed with: its closing comma, then a
    name and at most an apposition to the end of the sentence ("“We will rebuild,” Jo Li,
    mayor of Lakeside.", "“The door was open,” Ana Roe, a neighbour."). None otherwise."""
    if not text[q.start : q.outer_end].rstrip('”"’» ').endswith(","):
        return None
    at = q.outer_end + len(text[q.outer_end :]) - len(text[q.outer_end :].lstrip(" "))
    person = next((m for m in mentions if m.start == at and m.type == "Person"), None)
    if person is None:
        return None
    rest = text[person.end : person.end + 160]
    if re.match(r"(?:,[^.!?“”\"\n]{0,120})?\.[ \t]*(?:[“\"][ \t]*)?(?:\n|$)", rest) is None:
        return None
    return person


#: Verbs (lower-case forms) and manner adjectives of a sentence that introduces a speaker.
_INTRO_VERBS = frozenset(
    form
    for line in entries("speaker_intros")
    if line.endswith(" verb")
    for form in line.split()[:-1]
)
_INTRO_MANNERS = frozenset(
    line.split()[0] for line in entries("speaker_intros") if line.endswith(" manner")
)


def _introduced(
    text: str,
    sents: Sequence[Any],
    sent_of: Any,
    q: Quote,
    resolver: Resolver,
    cue_sents: set[int],
) -> Mention | None:
    """The person a sentence with no reporting cue introduces right before a quotation that is
    a sentence of its own: its subject, a person named, with a verb or a manner of speaking
    (``kg/lexicon/speaker_intros.txt``): "Chief Ana Roe spoke outside the station.¶“The
    suspect is in custody.”", "Coach Sam Reyes was blunt. “We were awful.”". None when that
    sentence names another person, or the quotation shares its sentence with other words."""
    first = sent_of(q.outer_start)
    if first == 0 or first - 1 in cue_sents:
        return None
    here, prev = sents[first], sents[first - 1]
    if text[here.start_char : q.outer_start].strip() or re.search(
        r"\w", text[q.outer_end : here.end_char]
    ):
        return None  # the quotation is not a sentence of its own
    if text[prev.end_char : q.outer_start].count("\n") > 2:
        return None
    root = prev.root
    lower = root.lower_
    manner = lower in ("was", "is") and any(
        c.dep_ == "acomp" and c.lower_ in _INTRO_MANNERS for c in root.children
    )
    if lower not in _INTRO_VERBS and not manner:
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    person = resolver.mention_at(subject.idx, subject.idx + len(subject.text))
    if person is None or person.type != "Person":
        return None
    others = [
        m
        for m in resolver.mentions
        if m.type == "Person"
        and prev.start_char <= m.start < q.outer_start
        and m != person
        and not (m.text in person.text or person.text in m.text)
    ]
    return None if others else person


def _follows_report(
    text: str,
    sent_of: Any,
    prev: tuple[Cue | None, Speaker, list[Offsets], bool, str],
    q: Quote,
) -> bool:
    """Whether quotation ``q``, which no cue frames, opens the sentence right after a reported
    clause of the same paragraph, and so goes on with that speaker's words: "Nurse Ada Quill
    said the ward was full. “We had forty patients in the corridor.”", "The coach said the
    team had earned the win. “They never gave up.”" (the quotation is what was said next)."""
    cue, _speaker, parts, _direct, rule = prev
    if cue is None or rule != "verb" or cue.token.idx > parts[-1][1]:
        return False  # not a cue that opens its clause ("..., she said" looks back)
    end = parts[-1][1]
    if not _same_paragraph(text, cue.token.idx, q.outer_start):
        return False
    if sent_of(q.outer_start) - sent_of(end - 1) != 1:
        return False
    return re.fullmatch(r"[^\w“”\"]*", text[end : q.outer_start]) is not None


def _ends_quoted(
    prev: tuple[Cue | None, Speaker, list[Offsets], bool, str], quotes: Sequence[Quote]
) -> bool:
    """Whether the reported clause ``prev`` ends with a quotation of the speaker's own words, so
    that a quotation no cue frames after it goes on with them as direct speech does: "The mayor
    said the plan was “a disgrace to the city.”¶“We will fight it in court.”" (politics),
    "Reyes said the squad was “tired but ready”.¶“We have trained all week.”" (sport)."""
    cue, _speaker, parts, direct, rule = prev
    if direct or cue is None or rule != "verb" or cue.token.idx > parts[-1][1]:
        return False
    end = parts[-1][1]
    return any(parts[-1][0] < q.start and abs(q.end - end) <= 2 for q in quotes)


def _continues(
    art: ArticleView,
    sent_of: Any,
    prev: tuple[Cue | None, Speaker, list[Offsets], bool, str],
    q: Quote,
    quotes: Sequence[Quote],
) -> bool:
    """Whether quotation ``q``, which no cue frames, goes on with the direct claim ``prev``, the
    latest claim before it: within :data:`_CONTINUED` sentences, with no other quotation between
    and no other person named between but in the attribution's own sentence ("“We were sloppy,”
    the coach said. The side has lost three in a row.¶“We need to defend better.”"; "“Costs will
    rise,” the chief executive said. Sales fell 3%.¶“We expect a better second half.”")."""
    cue, speaker, parts, _direct, _rule = prev
    end = parts[-1][1]
    last = max(sent_of(end - 1), sent_of(cue.token.idx) if cue else 0)
    if sent_of(q.outer_start) - last > _CONTINUED:
        return False
    if any(end < o.start and o.outer_end <= q.outer_start for o in quotes):
        return False
    own = speaker.mention.text if speaker.mention is not None else None
    # A person named in the attribution's own sentence is its addressee or an aside ("“...,”
    # the judge said, telling Jo Li to sit down. “...”"), not a new speaker.
    cue_sent = sent_of(cue.token.idx) if cue is not None else -1
    return not any(
        m.type == "Person"
        and end < m.start < q.outer_start
        and sent_of(m.start) != cue_sent
        and (own is None or not (m.text in own or own in m.text))
        for m in art.mentions
    )


def _sequel(
    text: str,
    sents: Sequence[Any],
    sent_of: Any,
    at: int,
    covered: list[Offsets],
    cue_sents: set[int],
) -> list[Offsets]:
    """The sentence after an "according to" that opens its sentence, when it goes on with the
    account: it points back ("But it ...", "It also ...", "This means ..."), holds no attribution
    or quotation of its own and is in the same paragraph ("According to the coach, the injury is
    minor. But it will keep him out for a week."; "According to the filing, sales fell 8%. This
    was the third fall in a row.")."""
    here = sent_of(at)
    if not re.match(r"\s*according\b", text[sents[here].start_char : at + 9], re.IGNORECASE):
        return []
    if here + 1 >= len(sents) or here + 1 in cue_sents:
        return []
    sent = sents[here + 1]
    if not _same_paragraph(text, at, sent.start_char):
        return []
    if any(s < sent.end_char and sent.start_char < e for s, e in covered):
        return []
    words = re.findall(r"[\w’']+", text[sent.start_char : sent.start_char + 40].lower())
    if words and words[0] in _CONNECTIVES:
        words = words[1:]
    if not words or words[0] not in _ANAPHORS:
        return []
    span = strip_span(text, sent.start_char, sent.end_char)
    return [span] if span[1] - span[0] >= 10 else []


def _passage(
    text: str,
    sents: Sequence[Any],
    sent_of: Any,
    parts: list[Offsets],
    covered: list[Offsets],
    cue_sents: set[int],
) -> list[Offsets]:
    """The sentences before a closing attribution ("..., the agency said.") it also covers: those
    of its paragraph, right before it, that hold no attribution or quotation of their own."""
    here = sent_of(parts[0][0])
    if sents[here].start_char < parts[0][0] - 2:
        return []  # the content does not start the sentence
    if text[max(0, parts[0][0] - 1) : parts[0][0]] in _OPENING_MARKS:
        return []  # a quoted "It ..." is the speaker's own word, not the writer's pointing back
    first = re.match(r"[\w’']+", text[parts[0][0] :])
    if first is None or first.group().lower() not in _ANAPHORS:
        return []  # only a sentence that points back ("It also ...") continues the account
    out: list[Offsets] = []
    for index in range(here - 1, max(-1, here - 1 - _PASSAGE), -1):
        sent = sents[index]
        if index in cue_sents or not _same_paragraph(text, sent.start_char, parts[0][0]):
            break
        if any(s < sent.end_char and sent.start_char < e for s, e in covered):
            break
        span = strip_span(text, sent.start_char, sent.end_char)
        if span[1] - span[0] < 10:
            break
        out.insert(0, span)
    return out
