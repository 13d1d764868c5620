"""Tests of stage "read" (kg/ingest.py): real files in a temporary folder."""

from __future__ import annotations

import codecs
import io
import json
import os
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import iter_documents, normalise_published
from kg.records import RawDocument, Skipped


def read_one(path: Path, max_chars: int = 1_000_000) -> RawDocument | Skipped:
    results = list(iter_documents([path], max_chars=max_chars))
    assert len(results) == 1, results
    return results[0]


def read_doc(path: Path, max_chars: int = 1_000_000) -> RawDocument:
    result = read_one(path, max_chars)
    assert isinstance(result, RawDocument), result
    return result


# Encodings


def test_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Erdoğan met al-Assad in Moskva — “talks”.\n".encode())
    doc = read_doc(path)
    assert doc.text == "Erdoğan met al-Assad in Moskva — “talks”.\n"
    assert doc.encoding == "utf-8"
    assert doc.source == "a.txt"  # a file named explicitly: its name, however it was spelled
    assert doc.path == str(path)
    assert doc.url is None
    assert doc.line is None
    assert doc.html is False


def test_utf8_bom_is_stripped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + "Ankara’s reply.".encode())
    doc = read_doc(path)
    assert doc.text == "Ankara’s reply."
    assert doc.encoding == "utf-8-sig"


def test_windows_1252_smart_quotes(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes(b"\x93We won\x92t go,\x94 he said \x96 in Tartus.")
    doc = read_doc(path)
    assert doc.text == "“We won’t go,” he said – in Tartus."
    assert doc.encoding == "windows-1252"


def test_latin1_when_windows_1252_cannot_decode(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252, so only Latin-1 reads this file.
    path = tmp_path / "latin1.txt"
    text = "Le café de la place, à Besançon, a rouvert ses portes lundi matin."
    path.write_bytes(text.encode("latin-1") + b" \x81")
    doc = read_doc(path)
    assert doc.text == text + " \x81"
    assert doc.encoding == "latin-1"


def test_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Şam’da toplantı\r\nİkinci satır".encode("utf-16"))
    doc = read_doc(path)
    assert doc.text == "Şam’da toplantı\nİkinci satır"
    assert doc.encoding == "utf-16"


def test_crlf_and_cr_become_lf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"one\r\ntwo\rthree\n\r\nfour")
    assert read_doc(path).text == "one\ntwo\nthree\n\nfour"


def test_other_characters_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_bytes(b"a\tb\x0cc  \n")
    assert read_doc(path).text == "a\tb\x0cc  \n"


# Files that are skipped


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_one(path) == Skipped(path=str(path), reason="empty file")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \r\n\t\n  ")
    assert read_one(path) == Skipped(path=str(path), reason="empty file")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)))
    assert read_one(path) == Skipped(path=str(path), reason="binary file, not text")


def test_control_characters_without_nul_are_binary(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(b"ab\x01\x02\x03\x04\x05\x06\x07\x08cd" * 10)
    assert read_one(path) == Skipped(path=str(path), reason="binary file, not text")


def test_over_long_file(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("x" * 51, encoding="utf-8")
    assert read_one(path, max_chars=50) == Skipped(
        path=str(path), reason="too long: 51 characters (limit 50)"
    )
    assert read_doc(path, max_chars=51).text == "x" * 51


def test_far_too_long_file_is_not_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"y" * 1000)
    result = read_one(path, max_chars=10)
    assert isinstance(result, Skipped)
    assert result.reason == "too long: more than 44 bytes (limit 10 characters)"


def test_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "missing.txt"
    assert read_one(missing) == Skipped(path=str(missing), reason="no such file or directory")


def test_unreadable_file_is_skipped_with_the_os_message() -> None:
    # A file the kernel refuses to read, even to root: reading /proc/self/mem at offset 0 fails
    # with EIO. (chmod 0 proves nothing here: the tests may run as root.)
    path = Path("/proc/self/mem")
    if not path.exists():
        pytest.fail("this test needs Linux /proc")
    assert read_one(path) == Skipped(path=str(path), reason="input/output error")


def test_max_chars_must_be_positive() -> None:
    with pytest.raises(InputError, match="max_chars=0"):
        iter_documents([], max_chars=0)


def test_a_skipped_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "c.txt").write_text("third", encoding="utf-8")
    results = list(iter_documents([tmp_path / "a.txt", tmp_path / "missing", tmp_path]))
    assert [type(r).__name__ for r in results] == [
        "RawDocument",
        "Skipped",
        "RawDocument",
        "Skipped",
        "RawDocument",
    ]
    assert str(results[3]) == f"{tmp_path / 'b.txt'}: empty file"


# Folders


def test_folder_recursion_order_and_suffixes(tmp_path: Path) -> None:
    root = tmp_path / "articles"
    files = {
        "b.txt": "b",
        "a.TXT": "a",
        "sub/c.htm": "<html><body><article><p>" + "Damascus said so. " * 10 + "</p></article>",
        "sub/deeper/d.text": "d",
        "z.jsonl": '{"text": "z"}\n',
        "notes.md": "ignored",
        "image.png": "ignored",
        "README": "ignored",
        ".hidden.txt": "ignored",
        ".git/e.txt": "ignored",
        "sub/.cache/f.txt": "ignored",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")

    results = list(iter_documents([root]))

    assert all(isinstance(r, RawDocument) for r in results), results
    assert [r.path for r in results] == [
        str(root / "a.TXT"),
        str(root / "b.txt"),
        str(root / "sub" / "c.htm"),
        str(root / "sub" / "deeper" / "d.text"),
        str(root / "z.jsonl"),
    ]
    assert [r.html for r in results if isinstance(r, RawDocument)] == [
        False,
        False,
        True,
        False,
        False,
    ]
    # The same again: the order does not depend on the file system.
    assert list(iter_documents([root])) == results


def test_folder_source_is_the_path_relative_to_the_folder_however_it_is_spelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "articles" / "sub").mkdir(parents=True)
    (tmp_path / "articles" / "sub" / "000.txt").write_text("Ankara.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (relative,) = iter_documents(["articles"])
    (absolute,) = iter_documents([tmp_path / "articles"])
    (dotted,) = iter_documents(["./articles/../articles/"])
    assert isinstance(relative, RawDocument)
    assert isinstance(absolute, RawDocument)
    assert isinstance(dotted, RawDocument)
    assert relative.source == absolute.source == dotted.source == "sub/000.txt"
    assert relative.path == "articles/sub/000.txt"  # messages name the file as given
    assert absolute.path == str(tmp_path / "articles" / "sub" / "000.txt")


def test_explicit_file_with_unknown_suffix_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text("Not HTML: <p> is a tag.", encoding="utf-8")
    doc = read_doc(path)
    assert doc.text == "Not HTML: <p> is a tag."
    assert doc.html is False


def test_explicit_hidden_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / ".draft.txt"
    path.write_text("draft", encoding="utf-8")
    assert read_doc(path).text == "draft"


# Standard input


def test_stdin_text() -> None:
    (doc,) = iter_documents(["-"], stdin=io.StringIO("From stdin\r\nsecond line"))
    assert doc == RawDocument(source="-", text="From stdin\nsecond line", path="-")


def test_stdin_bytes_use_the_same_decoding() -> None:
    (doc,) = iter_documents(["-"], stdin=io.BytesIO(b"\x93quoted\x94"))
    assert isinstance(doc, RawDocument)
    assert doc.text == "“quoted”"
    assert doc.encoding == "windows-1252"


def test_empty_stdin() -> None:
    assert list(iter_documents(["-"], stdin=io.StringIO("\n"))) == [
        Skipped(path="-", reason="empty file")
    ]


# JSON Lines


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "text": "Turkey and Syria met in Moscow.\r\nSecond paragraph.",
                "url": "https://example.com/a",
                "title": "Moscow talks",
                "published": "2024-03-05T08:30:00Z",
                "publisher": "Example News",
                "id": "a",
            }
        ),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": 42}),
        "",
        json.dumps(["text", "in a list"]),
        json.dumps({"text": "   "}),
        json.dumps({"text": "No metadata here.", "published": "sometime soon", "url": 7}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    results = list(iter_documents([path]))

    assert results[0] == RawDocument(
        source="https://example.com/a",
        text="Turkey and Syria met in Moscow.\nSecond paragraph.",
        path=str(path),
        line=1,
        title="Moscow talks",
        published="2024-03-05T08:30:00+00:00",
        publisher="Example News",
        url="https://example.com/a",
    )
    assert results[1:7] == [
        Skipped(
            path=f"{path}:2",
            reason="invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        ),
        Skipped(path=f"{path}:3", reason='no "text" field'),
        Skipped(path=f"{path}:4", reason='"text" must be a string, got a number'),
        Skipped(path=f"{path}:6", reason="expected a JSON object, got a list"),
        Skipped(path=f"{path}:7", reason='"text" is empty'),
        # An unreadable date costs only itself: the article is kept without it.
        Skipped(
            path=f"{path}:8",
            reason="\"published\": 'sometime soon' is not a date kg can read "
            "(ISO 8601, RFC 2822 or 5 March 2024, years 1000 to 9998); "
            "the article is kept without it",
            kept=True,
        ),
    ]
    last = results[7]
    assert isinstance(last, RawDocument)
    assert last.source == "feed.jsonl:8"
    assert last.path == str(path)
    assert last.line == 8
    assert last.url is None
    assert last.published is None
    assert len(results) == 8


def test_jsonl_legacy_encoded_line_does_not_spoil_the_others(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        '{"text": "Ça va"}\n'.encode() + b'{"text": "\x93Hi\x94"}\n' + b'{"text": "ok"}\n'
    )
    results = list(iter_documents([path]))
    assert [(r.text, r.encoding) for r in results if isinstance(r, RawDocument)] == [
        ("Ça va", "utf-8"),
        ("“Hi”", "windows-1252"),
        ("ok", "utf-8"),
    ]


def test_jsonl_lone_surrogate_is_replaced_one_for_one(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"text": "a\\ud800b \\ud83d\\ude00", "title": "t\\udc00"}\n', encoding="utf-8")
    doc = read_doc(path)
    assert doc.text == "a\ufffdb 😀"
    assert doc.title == "t\ufffd"


def test_jsonl_too_long_line(tmp_path: Path) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "short"}\n{"text": "' + "x" * 20 + '"}\n', encoding="utf-8")
    results = list(iter_documents([path], max_chars=10))
    assert isinstance(results[0], RawDocument)
    assert results[1] == Skipped(path=f"{path}:2", reason="too long: 20 characters (limit 10)")


def test_empty_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert read_one(path) == Skipped(path=str(path), reason="empty file")


# HTML

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Port of Latakia reopens after storm | Coastal Times</title>
<link rel="canonical" href="https://news.example.com/2024/03/05/latakia-port-reopens">
<meta property="og:url" content="https://news.example.com/2024/03/05/latakia-port-reopens">
<meta property="og:title" content="Port of Latakia reopens after storm">
<meta property="og:site_name" content="Coastal Times">
<meta property="article:published_time" content="2024-03-05T08:30:00+00:00">
</head>
<body>
<header><div class="logo">Coastal Times</div>
<nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe today</a></li>
</ul></nav>
</header>
<main>
<article>
<h1>Port of Latakia reopens after storm</h1>
<p>The port of Latakia reopened on Tuesday after a storm closed it for three days, the Syrian
Ministry of Transport said in a statement issued in Damascus.</p>
<p>Workers cleared debris from the main quay overnight, and the first container ship docked
shortly after dawn. Officials said grain deliveries would resume by the end of the week.</p>
<p>Shipping agents in Tartus said they expected a backlog of at least forty vessels.
&ldquo;We are working around the clock,&rdquo; one agent said.</p>
<p>The storm also damaged power lines along the coastal road between Latakia and Jableh, where
repair crews were still at work on Wednesday.</p>
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Grain prices rise across the region</a></li>
<li><a href="/b">Tartus fishermen count the cost of winter</a></li>
<li><a href="/c">New ferry line to Cyprus announced</a></li>
</ul></aside>
</main>
<footer><p>&copy; 2024 Coastal Times. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a></footer>
</body>
</html>
"""


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    doc = read_doc(path)

    assert doc.html is True
    assert doc.path == str(path)
    assert doc.url == "https://news.example.com/2024/03/05/latakia-port-reopens"
    assert doc.source == doc.url
    assert doc.title == "Port of Latakia reopens after storm"
    assert doc.published == "2024-03-05"
    assert doc.publisher == "Coastal Times"
    paragraphs = doc.text.split("\n\n")
    assert any(p.startswith("The port of Latakia reopened on Tuesday") for p in paragraphs)
    assert "“We are working around the clock,” one agent said." in doc.text
    assert paragraphs[-1].endswith("repair crews were still at work on Wednesday.")
    assert len([p for p in paragraphs if "Latakia" in p or "Tartus" in p]) >= 3
    for boilerplate in ("Subscribe", "Home", "Related stories", "Grain prices", "Privacy", "©"):
        assert boilerplate not in doc.text


def test_html_legacy_charset_declared_by_the_page(tmp_path: Path) -> None:
    path = tmp_path / "cyrillic.htm"
    body = "Москва заявила во вторник, что переговоры в Дамаске продолжатся. " * 5
    page = (
        '<html><head><meta charset="koi8-r"><title>Москва</title></head>'
        f"<body><article><p>{body}</p><p>{body}</p></article></body></html>"
    )
    path.write_bytes(page.encode("koi8_r"))
    doc = read_doc(path)
    assert doc.encoding == "koi8-r"
    assert "Москва заявила во вторник" in doc.text


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "menu.html"
    path.write_text(
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/w'>World news</a></li>"
        "</ul></nav><footer>Copyright 2024 Example</footer></body></html>",
        encoding="utf-8",
    )
    assert read_one(path) == Skipped(path=str(path), reason="no article text found in HTML page")


def test_empty_html(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("\n", encoding="utf-8")
    assert read_one(path) == Skipped(path=str(path), reason="empty file")


def test_jsonl_html_text_is_extracted_and_record_metadata_wins(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    path.write_text(json.dumps({"text": PAGE, "title": "Given title"}) + "\n", encoding="utf-8")
    doc = read_doc(path)
    assert doc.html is True
    assert doc.title == "Given title"
    assert doc.url == "https://news.example.com/2024/03/05/latakia-port-reopens"
    assert "Subscribe" not in doc.text
    assert "The port of Latakia reopened" in doc.text


# Dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        (" 2024-03-05T08:30:00Z ", "2024-03-05T08:30:00+00:00"),
        ("2024-03-05 08:30", "2024-03-05T08:30:00"),
        ("Tue, 05 Mar 2024 08:30:00 GMT", "2024-03-05T08:30:00+00:00"),
        ("5 March 2024", "2024-03-05"),
        ("March 5, 2024", "2024-03-05"),
        ("Mar 5, 2024", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("late December 2022", None),
        ("2024-13-45", None),
        ("", None),
        (None, None),
        (20240305, None),
    ],
)
def test_normalise_published(value: object, expected: str | None) -> None:
    assert normalise_published(value) == expected


def test_jsonl_date_aliases(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": "One.", "dct": "2005-05-07"})
        + "\n"
        + json.dumps({"text": "Two.", "date": "March 5, 2024", "published": "2024-03-06"})
        + "\n",
        encoding="utf-8",
    )
    docs = list(iter_documents([path]))
    assert [d.published for d in docs if isinstance(d, RawDocument)] == ["2005-05-07", "2024-03-06"]


# Inputs read as what they are (issue 13)

STRIKE_PAGE = (
    "<!DOCTYPE html><html><head><title>Port strike</title></head><body><article>"
    "<h1>Port strike ends</h1><p>Dock workers in Rotterdam ended a five-day strike on Monday "
    "after the port authority agreed to a new wage deal with the union.</p><p>Ships that had "
    "waited at anchor began to unload their cargo the same evening, the authority said.</p>"
    "</article></body></html>"
)


@pytest.mark.parametrize("name", ["feed.json", "feed.ndjson", "feed", "feed.txt"])
def test_json_lines_are_recognised_by_content_whatever_the_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    lines = [
        json.dumps({"text": f"Story {n} about a port strike.", "title": f"T{n}"}) for n in "ab"
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(iter_documents([path]))
    assert [d.text for d in docs if isinstance(d, RawDocument)] == [
        "Story a about a port strike.",
        "Story b about a port strike.",
    ]
    assert [d.line for d in docs if isinstance(d, RawDocument)] == [1, 2]


def test_a_folder_reads_ndjson_and_json_files(tmp_path: Path) -> None:
    (tmp_path / "a.ndjson").write_text(json.dumps({"text": "One."}) + "\n", encoding="utf-8")
    array = [{"text": "Two.", "url": "https://example.org/2"}, {"text": "Three."}]
    (tmp_path / "b.json").write_text(json.dumps(array, indent=2), encoding="utf-8")
    docs = list(iter_documents([tmp_path]))
    assert all(isinstance(d, RawDocument) for d in docs), docs
    assert [d.text for d in docs if isinstance(d, RawDocument)] == ["One.", "Two.", "Three."]
    assert [d.source for d in docs if isinstance(d, RawDocument)] == [
        "a.ndjson:1",
        "https://example.org/2",
        "b.json[1]",
    ]


def test_html_on_stdin_and_in_a_suffixless_file_is_read_as_html(tmp_path: Path) -> None:
    (doc,) = iter_documents(["-"], stdin=io.BytesIO(STRIKE_PAGE.encode()))
    assert isinstance(doc, RawDocument)
    assert doc.html is True
    assert doc.title is not None and "Port strike" in doc.title
    assert "<" not in doc.text and "Rotterdam" in doc.text
    path = tmp_path / "page"
    path.write_text(STRIKE_PAGE, encoding="utf-8")
    assert read_doc(path).text == doc.text


def test_json_lines_on_stdin_are_one_article_a_line() -> None:
    lines = "\n".join(json.dumps({"text": f"Story {n}."}) for n in range(3))
    docs = list(iter_documents(["-"], stdin=io.StringIO(lines)))
    assert [d.text for d in docs if isinstance(d, RawDocument)] == [
        "Story 0.",
        "Story 1.",
        "Story 2.",
    ]


def test_a_nul_byte_costs_its_line_only(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    good = [json.dumps({"text": f"Good story {n}."}).encode() for n in range(3)]
    path.write_bytes(good[0] + b"\n" + b'{"text": "bad \x00 line"}\n' + good[1] + b"\n" + good[2])
    results = list(iter_documents([path]))
    assert [r.text for r in results if isinstance(r, RawDocument)] == [
        "Good story 0.",
        "Good story 1.",
        "Good story 2.",
    ]
    (bad,) = [r for r in results if isinstance(r, Skipped)]
    assert bad.path == f"{path}:2"
    assert bad.reason.startswith("invalid JSON")


def test_fields_that_json_cannot_hold_cost_their_line_only(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    huge = '{"text": "Huge.", "count": ' + "9" * 5000 + "}"
    deep = '{"text": "Deep.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}"
    good = json.dumps({"text": "Good."})
    path.write_text("\n".join([huge, deep, good]) + "\n", encoding="utf-8")
    results = list(iter_documents([path]))
    assert results[0] == Skipped(
        path=f"{path}:1", reason="invalid JSON: a number of more than 4300 digits"
    )
    assert results[1] == Skipped(path=f"{path}:2", reason="invalid JSON: nested too deeply")
    assert isinstance(results[2], RawDocument) and results[2].text == "Good."


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "next Tuesday", "2024-02-30"])
def test_an_unusable_date_warns_and_keeps_the_article(tmp_path: Path, value: str) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "They met on Tuesday.", "published": value}) + "\n")
    flaw, doc = iter_documents([path])
    assert isinstance(flaw, Skipped) and flaw.path == f"{path}:1"
    assert repr(value) in flaw.reason and "kept without it" in flaw.reason and flaw.kept
    assert isinstance(doc, RawDocument) and doc.published is None


def test_a_file_name_that_is_not_utf8_is_read_and_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(b"The mayor of Lyon spoke.")
    (doc,) = iter_documents([folder])
    assert isinstance(doc, RawDocument)
    assert doc.source == "caf\\xe9.txt"
    assert doc.path == f"{folder}/caf\\xe9.txt"
    doc.path.encode("utf-8")  # no lone surrogate: every writer takes it


def test_max_chars_above_spacys_limit_skips_only_the_longer_article(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x " * 600_000, encoding="utf-8")
    (tmp_path / "b.txt").write_text("A short story.", encoding="utf-8")
    results = list(iter_documents([tmp_path], max_chars=2_000_000))
    assert results[0] == Skipped(
        path=str(tmp_path / "a.txt"),
        reason="too long: 1200000 characters (spaCy takes at most 1000000)",
    )
    assert isinstance(results[1], RawDocument)


def test_a_pretty_printed_object_and_json_lines_with_a_bad_first_line(tmp_path: Path) -> None:
    pretty = tmp_path / "one.json"
    pretty.write_text('{"text": "One story.",\n "title": "One"}\n', encoding="utf-8")
    (doc,) = iter_documents([pretty])
    assert isinstance(doc, RawDocument) and doc.title == "One" and doc.source == "one.json"
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "cut off\n' + json.dumps({"text": "Second."}) + "\n")
    bad, good = iter_documents([feed])
    assert isinstance(bad, Skipped) and bad.path == f"{feed}:1"
    assert isinstance(good, RawDocument) and good.text == "Second." and good.line == 2


def test_a_jsonl_file_of_bad_lines_is_not_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("not json\nnor this\n", encoding="utf-8")
    results = list(iter_documents([path]))
    assert [r.path for r in results if isinstance(r, Skipped)] == [f"{path}:1", f"{path}:2"]
    assert not [r for r in results if isinstance(r, RawDocument)]


def test_every_line_break_character_reads_as_a_newline(tmp_path: Path) -> None:
    # A name split by a Unicode line or paragraph separator or NEL is split by "\n" (no mention
    # crosses it); one character for one, so offsets stay.
    path = tmp_path / "a.txt"
    text = "The mayor met Jane\u2028Roe on Monday.\u2029Page two.\x85End\r\nof the story."
    path.write_text(text, encoding="utf-8", newline="")
    (doc,) = iter_documents([path])
    assert isinstance(doc, RawDocument)
    assert doc.text == "The mayor met Jane\nRoe on Monday.\nPage two.\nEnd\nof the story."
