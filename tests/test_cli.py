"""The kg command as a user runs it: real processes, real files, bad inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "articles" / "001_a2d1133ac8802a79.txt").read_text(encoding="utf-8")


def kg(
    *args: str, stdin: bytes | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=600,
    )


def test_help_lists_commands_with_examples() -> None:
    result = kg("--help")
    assert result.returncode == 0 and "examples:" in result.stdout
    assert "Exit codes" in result.stdout
    for command in ("build", "query", "validate", "viz", "load", "remove", "serve"):
        assert command in result.stdout
        sub = kg(command, "--help")
        assert sub.returncode == 0 and "examples:" in sub.stdout


def test_every_command_is_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("kg build", "kg query", "kg validate"):
        assert command in readme


@pytest.mark.integration
def test_bad_inputs_are_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inputs / "legacy.txt").write_bytes(
        "Officials said \u201cthe talks in Ankara went well\u201d, according to Reuters. "
        "The President of France, Emmanuel Macron, visited Berlin on Monday.".encode("cp1252")
    )
    (inputs / "feed.jsonl").write_text(
        json.dumps(
            {
                "text": "Angela Merkel met Joe Biden in Washington on Friday, officials said.",
                "url": "https://news.example.org/a",
                "title": "Merkel meets Biden",
                "published": "2021-07-15",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = kg("build", str(inputs), "-o", str(out), "--quiet")
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: skipped")]
    assert len(errors) == 3, result.stderr
    assert any("empty.txt" in e for e in errors)
    assert any("binary.txt" in e for e in errors)
    assert any("feed.jsonl:2" in e for e in errors)
    assert "Traceback" not in result.stderr
    report = json.loads((out / "report.json").read_text())
    assert report["articles_read"] == 3
    assert {s["path"].rsplit("/", 1)[-1] for s in report["skipped"]} == {
        "empty.txt",
        "binary.txt",
        "feed.jsonl:2",
    }
    labels = {
        str(t.object.value)
        for t in ox.parse(path=str(out / "graph.ttl"))
        if t.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label"
    }
    assert {"Hulusi Akar", "Emmanuel Macron", "Angela Merkel"} <= labels
    dates = [
        t.object
        for t in ox.parse(path=str(out / "graph.ttl"))
        if t.predicate.value == "https://schema.org/datePublished"
    ]
    assert [d.value for d in dates] == ["2021-07-15"]


@pytest.mark.integration
def test_stdin_and_base(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = kg(
        "build",
        "-",
        "-o",
        str(out),
        "--quiet",
        "--base",
        "https://news.example.org/kg/",
        stdin=ARTICLE.encode("utf-8"),
    )
    assert result.returncode == 0, result.stderr
    subjects = {str(t.subject) for t in ox.parse(path=str(out / "graph.ttl"))}
    # Every node kg mints is under --base; only the role concepts (ontology terms) are not.
    minted = {s for s in subjects if not s.startswith("<https://w3id.org/kg-news/role/")}
    assert minted and all(s.startswith("<https://news.example.org/kg/") for s in minted)


def test_nothing_readable_fails_cleanly(tmp_path: Path) -> None:
    result = kg("build", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    assert "missing.txt" in result.stderr and "Traceback" not in result.stderr


def test_unknown_model_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = kg(
        "build", str(tmp_path / "a.txt"), "-o", str(tmp_path / "out"), "--model", "no_such_model"
    )
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "no_such_model" in result.stderr


def test_bad_base_is_refused(tmp_path: Path) -> None:
    result = kg("build", "x.txt", "-o", str(tmp_path), "--base", "not an iri")
    assert result.returncode == 1 and "--base" in result.stderr


def test_query_and_validate_commands(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text(
        "@prefix schema: <https://schema.org/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/kg-news/id/entity/person/a> a schema:Person ;\n"
        '    rdfs:label "Ada, \\"the\\" first" .\n',
        encoding="utf-8",
    )
    result = kg(
        "query",
        str(graph),
        "SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }",
        "--format",
        "csv",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["name", '"Ada, ""the"" first"']
    bad = kg("query", str(graph), "SELECT ?x WHERE { ?x a }")
    assert bad.returncode == 1 and bad.stderr.startswith("kg: error:")
    invalid = kg("validate", str(graph))
    assert invalid.returncode == 1  # a person without prefLabel, altLabel, provenance


@pytest.mark.integration
def test_readme_demo_command_output_is_valid(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert kg("build", "articles/", "-o", str(out), "--quiet", cwd=ROOT).returncode == 0
    result = kg("validate", str(out / "graph.ttl"))
    assert result.returncode == 0 and "conforms" in result.stdout


def test_readme_declares_every_predeclared_prefix() -> None:
    """A curl or YASGUI user copies the prefixes from the README: each must be kg's own IRI."""
    from kg.vocab import PREFIXES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, iri in PREFIXES.items():
        assert f"PREFIX {name}: <{iri}>" in readme


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [
        (1, "article", "1 article"),
        (2, "article", "2 articles"),
        (0, "entity", "0 entities"),
        (1, "entity", "1 entity"),
        (3, "graph", "3 graphs"),
    ],
)
def test_summary_counts_agree_with_their_number(n: int, noun: str, said: str) -> None:
    from kg.cli import _count

    assert _count(n, noun) == said


def test_output_cut_short_by_its_reader_ends_quietly(tmp_path: Path) -> None:
    # `kg query ... | true`: the reader closes the pipe before kg has written it all.
    graph = tmp_path / "big.nt"
    graph.write_text(
        "".join(
            f'<http://example.org/s{i}> <http://example.org/p> "value {i}" .\n'
            for i in range(20_000)
        ),
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "query",
            str(graph),
            "SELECT * { ?s ?p ?o }",
            "--format",
            "csv",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # before kg has written a line (the output is far beyond a pipe's buffer)
    with proc.stderr:
        error = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in error and "BrokenPipe" not in error, error
