"""Which language an article is written in (part of stage "clean").

kg's extraction runs one spaCy pipeline per language; an article in a language no pipeline covers
would give junk entities, so it is reported and left out instead. The identifier is py3langid (a
fork of langid.py, Lui & Baldwin 2012: a naive Bayes model over byte n-grams for 97 languages,
shipped inside the package, no download). Chosen by measurement on 297 texts (the development
corpora's English news and Wikipedia text, whole and cut to 200 characters, and short news
paragraphs in seven other languages): py3langid 3 errors in 0.3 s, langdetect 1 error in 1.9 s;
every py3langid error had a probability under 0.7, so an answer below :data:`MIN_PROBABILITY`
counts as unsure, and an unsure article is extracted as usual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from kg.errors import InputError
from kg.lexicon import entries

#: Below this probability the identifier's answer is not trusted (the article is "unsure").
MIN_PROBABILITY = 0.9
#: Fewer letters than this are too little to tell a language by.
MIN_LETTERS = 20
#: Only this much of a long text is looked at, from its longest lines (prose, not menus): a
#: language does not change half way, and the identifier's time grows with the text.
MAX_CHARS = 1000


@cache
def _identifier() -> Any:
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


@cache
def _names() -> dict[str, str]:
    names = {}
    for entry in entries("languages"):
        code, name = entry.split(None, 1)
        names[code] = name
    return names


def language_name(code: str) -> str | None:
    """The English name of a language code ("de" -> "German"), or ``None`` when unknown."""
    name = _names().get(code)
    return name.replace("_", " ") if name else None


def _sample(text: str) -> str:
    """The longest lines of ``text``, in their order, up to about :data:`MAX_CHARS`."""
    if len(text) <= MAX_CHARS:
        return text
    lines = [line for line in text.splitlines() if line.strip()]
    chosen: set[int] = set()
    size = 0
    for i in sorted(range(len(lines)), key=lambda i: -len(lines[i])):
        chosen.add(i)
        size += len(lines[i])
        if size >= MAX_CHARS:
            break
    return "\n".join(lines[i] for i in sorted(chosen))[: 2 * MAX_CHARS]


def _has_letters(text: str, count: int) -> bool:
    """Whether ``text`` has at least ``count`` letters (``str.isalpha``), read only as far as
    needed."""
    if count <= 0:
        return True
    for c in text:
        if c.isalpha():
            count -= 1
            if not count:
                return True
    return False


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in, or ``""`` when unsure.

    Unsure: fewer than :data:`MIN_LETTERS` letters, or the identifier's probability below
    :data:`MIN_PROBABILITY` (a short English text full of foreign names).

    Examples: "Die Regierung hat am Dienstag ein neues Gesetz beschlossen." -> "de";
    "Merkez Bankası faiz oranlarını yüzde iki puan artırdı." -> "tr".
    """
    head = _sample(text)
    if not _has_letters(head, MIN_LETTERS):
        return ""
    code, probability = _identifier().classify(head)
    return str(code) if float(probability) >= MIN_PROBABILITY else ""


def uncovered_reason(language: str, *, covered: str, model: str) -> str | None:
    """Why an article in ``language`` is not extracted by a pipeline for ``covered``, or ``None``
    when it is (the same language, or the article's language unsure).

    Example: ``uncovered_reason("de", covered="en", model="en_core_web_sm")`` ->
    ``"written in German (de), which the pipeline en_core_web_sm (English) does not cover: not
    extracted"``.
    """
    if not language or not covered or language == covered or covered == "xx":  # xx: any
        return None
    name = language_name(language) or language
    covered_name = language_name(covered) or covered
    return (
        f"written in {name} ({language}), which the pipeline {model} ({covered_name}) does not "
        "cover: not extracted"
    )


def split_models(values: Sequence[str]) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The main pipeline and the ``(language, pipeline)`` pairs of some ``--model`` values.

    A value ``LANG=PIPELINE`` (LANG an ISO 639-1 code, two or three lowercase letters) names the
    pipeline of that language; a value without that prefix names the main one (at most one).

    Examples: ``["fr=fr_core_news_sm"]`` -> ``(None, (("fr", "fr_core_news_sm"),))``;
    ``["en_core_web_md", "de=/models/de_news"]`` -> ``("en_core_web_md", (("de",
    "/models/de_news"),))``.

    Raises:
        InputError: Two main pipelines, or two pipelines for one language.
    """
    main: str | None = None
    languages: dict[str, str] = {}
    for value in values:
        tag = re.fullmatch(r"([a-z]{2,3})=(.+)", value)
        if tag is None:
            if main is not None:
                raise InputError(f"--model {value}: the main pipeline is already {main}")
            main = value
        elif tag[1] in languages:
            raise InputError(f"--model {value}: {tag[1]} already has {languages[tag[1]]}")
        else:
            languages[tag[1]] = tag[2]
    return main, tuple(languages.items())
