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
