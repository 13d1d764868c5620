"""Tests of language identification (kg/language.py) and of the skip of uncovered languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.clean import clean_document
from kg.language import detect_language, language_name, uncovered_reason
from kg.records import RawDocument

# Short news articles written for these tests (no real event).
GERMAN = (
    "Stadtrat beschließt neuen Radweg\n\n"
    "Der Stadtrat hat am Montagabend mit großer Mehrheit den Bau eines neuen Radwegs entlang des "
    "Flusses beschlossen. Die Arbeiten sollen im kommenden Frühjahr beginnen und rund zwei Jahre "
    "dauern.\n\n"
    "Die Oberbürgermeisterin sagte nach der Sitzung, die Stadt wolle den Verkehr in der Innenstadt "
    "spürbar entlasten. Die Kosten von etwa vier Millionen Euro trägt zum großen Teil das Land.\n"
)
TURKISH = (
    "Belediye yeni park projesini açıkladı\n\n"
    "Büyükşehir Belediyesi, sahilde yapılacak yeni park projesini salı günü kamuoyuna tanıttı. "
    "Projenin gelecek yılın sonunda tamamlanması bekleniyor.\n\n"
    "Belediye Başkanı, parkın çocuklar ve yaşlılar için güvenli bir buluşma alanı olacağını "
    "söyledi. Yaklaşık otuz bin metrekarelik alanda bisiklet yolları ve spor sahaları yer alacak.\n"
)
ENGLISH = (
    "Council approves new cycle path\n\n"
    "The city council voted on Monday evening to build a new cycle path along the river. Work is "
    "to begin next spring and will take about two years, the mayor told reporters.\n"
)


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (TURKISH, "tr"), (ENGLISH, "en")])
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_little_text_is_unsure() -> None:
    assert detect_language("Ankara 2023") == ""
    assert detect_language("") == ""


def test_language_names_come_from_the_lexicon() -> None:
    assert language_name("de") == "German"
    assert language_name("tr") == "Turkish"
    assert language_name("fy") == "West Frisian"
    assert language_name("qq") is None


def test_every_language_the_identifier_answers_has_a_name() -> None:
    from kg.language import _identifier

    assert [code for code in _identifier().nb_classes if language_name(code) is None] == []


def test_uncovered_reason() -> None:
    reason = uncovered_reason("de", covered="en", model="en_core_web_sm@3.8.0")
    assert reason is not None
    assert "German (de)" in reason and "en_core_web_sm@3.8.0" in reason and "\n" not in reason
    assert uncovered_reason("en", covered="en", model="m") is None
    assert uncovered_reason("", covered="en", model="m") is None  # unsure: extracted as usual
    assert uncovered_reason("de", covered="xx", model="m") is None  # a multi-language pipeline


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (TURKISH, "tr"), (ENGLISH, "en")])
def test_clean_document_records_the_language(text: str, code: str) -> None:
    article = clean_document(RawDocument(source="t", text=text, path="t"), article_id="t")
    assert article.language == code
    assert article.text  # cleaning with the language's own stop list keeps the article


@pytest.mark.integration
def test_build_skips_german_and_turkish_articles_with_a_warning(tmp_path: Path) -> None:
    from kg.pipeline import build
    from kg.records import BuildOptions

    for name, text in (("de.txt", GERMAN), ("tr.txt", TURKISH), ("en.txt", ENGLISH)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = build([tmp_path], tmp_path / "out", options=BuildOptions(html=False))
    assert report.articles == 1
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"de.txt", "tr.txt"}
    assert "German (de)" in reasons["de.txt"] and "Turkish (tr)" in reasons["tr.txt"]
    data = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert {Path(s["path"]).name for s in data["skipped"]} == {"de.txt", "tr.txt"}
    assert not report.ok
    assert data["text"]["languages"] == {"en": 1}
    assert data["text"]["articles"][0]["chars_kept"] > 0


# A German article with names in it, for a German pipeline (no real people or event).
GERMAN_NAMES = (
    "Neue Bibliothek in Lindenau eröffnet\n\n"
    "Die Bürgermeisterin Anna Becker hat am Samstag die neue Stadtbibliothek in Lindenau "
    "eröffnet. Das Gebäude wurde in nur zwei Jahren gebaut und bietet Platz für mehr als "
    "hunderttausend Bücher.\n\n"
    "Anna Becker sagte bei der Feier, die Bibliothek solle ein Treffpunkt für alle Bewohner "
    "werden. Die Kosten trägt zum großen Teil die Stiftung Lesen und Lernen.\n"
)


def _german_pipeline(folder: Path) -> Path:
    """A real German spaCy pipeline saved to ``folder``: spaCy's German tokenizer and an entity
    ruler (named "ner", the component kg asks for) that knows the names of GERMAN_NAMES, with
    the labels of spaCy's WikiNER-trained pipelines."""
    import spacy

    nlp = spacy.blank("de")
    nlp.meta["name"] = "test_news"
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PER", "pattern": "Anna Becker"},  # WikiNER's labels, as spaCy's German
            {"label": "LOC", "pattern": "Lindenau"},
            {"label": "ORG", "pattern": "Stiftung Lesen und Lernen"},
        ]
    )
    nlp.to_disk(folder)
    return folder


@pytest.mark.parametrize(
    ("values", "main", "languages"),
    [
        ([], None, ()),
        (["en_core_web_md"], "en_core_web_md", ()),
        (["fr=fr_core_news_sm"], None, (("fr", "fr_core_news_sm"),)),
        (
            ["de=/models/de=news", "en_core_web_md", "fr=fr_x"],
            "en_core_web_md",
            (("de", "/models/de=news"), ("fr", "fr_x")),
        ),
        (["./de=news"], "./de=news", ()),  # a path, not a language tag
    ],
)
def test_split_models(
    values: list[str], main: str | None, languages: tuple[tuple[str, str], ...]
) -> None:
    from kg.language import split_models

    assert split_models(values) == (main, languages)


@pytest.mark.parametrize("values", [["a_model", "b_model"], ["fr=one", "fr=two"]])
def test_split_models_refuses_two_for_one_place(values: list[str]) -> None:
    from kg.errors import InputError
    from kg.language import split_models

    with pytest.raises(InputError, match="already"):
        split_models(values)


@pytest.mark.integration
@pytest.mark.parametrize("workers", [1, 2])
def test_articles_go_to_the_pipeline_of_their_language(tmp_path: Path, workers: int) -> None:
    from kg.pipeline import analyse
    from kg.records import BuildOptions

    german = _german_pipeline(tmp_path / "de_pipeline")
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, text in (("de.txt", GERMAN_NAMES), ("tr.txt", TURKISH), ("en.txt", ENGLISH)):
        (inputs / name).write_text(text, encoding="utf-8")
    options = BuildOptions(languages=(("de", str(german)),), workers=workers, batch_size=1)
    corpus = analyse([inputs], options=options)
    by_name = {Path(ex.article.source).name: ex for ex in corpus.extractions}
    assert set(by_name) == {"de.txt", "en.txt"}
    assert [Path(s.path).name for s in corpus.skipped] == ["tr.txt"]  # no pipeline for Turkish
    assert by_name["de.txt"].model.startswith("de_test_news@")
    assert by_name["en.txt"].model.startswith("en_core_web_sm")
    assert corpus.model == by_name["en.txt"].model  # the main pipeline's
    found = {(m.text, m.type) for m in by_name["de.txt"].mentions}
    assert ("Anna Becker", "Person") in found  # PER read as PERSON
    assert ("Lindenau", "Place") in found
    assert all("de_test_news" in m.extractor for m in by_name["de.txt"].mentions)


@pytest.mark.integration
def test_a_missing_language_pipeline_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kg.cli import main

    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    args = ["--quiet", "--no-html", "--model", "fr=no_such_pipeline_xx"]
    code = main(["build", str(tmp_path / "en.txt"), "-o", str(tmp_path / "out"), *args])
    err = capsys.readouterr().err.strip()
    assert code != 0
    assert len(err.splitlines()) == 1 and "--model fr=no_such_pipeline_xx" in err
    assert not (tmp_path / "out").exists()
    store = ["--store", str(tmp_path / "store")]
    assert main(["build", str(tmp_path / "en.txt"), *store, *args]) != 0
    assert "--model fr=no_such_pipeline_xx" in capsys.readouterr().err
    assert not (tmp_path / "store").exists()  # refused before the store is made


@pytest.mark.integration
def test_a_language_pipeline_for_another_language_is_refused(tmp_path: Path) -> None:
    from kg.errors import ModelError
    from kg.pipeline import build
    from kg.records import BuildOptions

    german = _german_pipeline(tmp_path / "de_pipeline")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    options = BuildOptions(languages=(("fr", str(german)),), html=False)
    with pytest.raises(ModelError, match="for 'de', not 'fr'"):
        build([tmp_path / "en.txt"], tmp_path / "out", options=options)


@pytest.mark.integration
def test_store_build_skips_uncovered_languages_like_a_file_build(tmp_path: Path) -> None:
    from kg.pipeline import build
    from kg.records import BuildOptions

    inputs = tmp_path / "in"
    inputs.mkdir()
    for name, text in (("de.txt", GERMAN), ("tr.txt", TURKISH), ("en.txt", ENGLISH)):
        (inputs / name).write_text(text, encoding="utf-8")
    report = build([inputs], store=tmp_path / "store", options=BuildOptions(html=False))
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert set(reasons) == {"de.txt", "tr.txt"}
    assert "German (de)" in reasons["de.txt"] and "Turkish (tr)" in reasons["tr.txt"]
    assert report.articles == 1
    # The summary's "new" counts the article the store took, not the two it skipped.
    assert report.store is not None and len(report.store.added) == 1
    assert report.store.extracted == 1
    assert not report.ok
    # Built again, the store still holds only the English article and skips the same two.
    again = build([inputs], store=tmp_path / "store", options=BuildOptions(html=False))
    assert {Path(s.path).name for s in again.skipped} == {"de.txt", "tr.txt"}
    assert again.articles == 1


@pytest.mark.integration
@pytest.mark.parametrize("sink", ["out", "store"])
def test_only_uncovered_articles_is_nothing_read(tmp_path: Path, sink: str) -> None:
    from kg.errors import InputError
    from kg.pipeline import build
    from kg.records import BuildOptions
    from kg.store import read_meta

    (tmp_path / "de.txt").write_text(GERMAN, encoding="utf-8")
    where = {sink: tmp_path / sink}
    with pytest.raises(InputError, match=r"de\.txt: written in German \(de\)"):
        build([tmp_path / "de.txt"], **where, options=BuildOptions(html=False))  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()
    assert read_meta(tmp_path / "store") is None  # no store was made
