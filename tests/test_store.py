"""Tests of stage "store" (kg/store.py): incremental builds into an Oxigraph store on disk.

Most tests extract with a blank spaCy pipeline and an entity ruler (no statistical model), so
the store's bookkeeping is tested in seconds; the tests marked ``integration`` use the model on
the sample and MEANTIME articles.

Graphs are compared as sets of quads read back through pyoxigraph (which stores literals by
value: ``xsd:nonNegativeInteger`` offsets come back as ``xsd:integer`` from a file and from a
store alike), without ``prov:startedAtTime`` and ``prov:endedAtTime``: the run graph's times are
the only statements two builds of the same articles may differ in (decision 0005).
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
import pytest

from kg.errors import GraphError, InputError
from kg.iri import DEFAULT_BASE
from kg.pipeline import build
from kg.query import open_graph, run_named_query, run_query
from kg.records import (
    Article,
    Extraction,
    Mention,
    Segment,
    extraction_from_json,
    extraction_to_json,
)
from kg.records import Sentence as SentenceRecord
from kg.store import remove_articles, replace_graph
from kg.store_records import RECORDS_DIR
from kg.validate import validate_graph

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "articles"
MEANTIME = ROOT / "tests" / "data" / "meantime" / "articles"
PROV = "http://www.w3.org/ns/prov#"
TIMES = {PROV + "startedAtTime", PROV + "endedAtTime"}
ARTICLE_GRAPHS = DEFAULT_BASE + "article/"
RUN_GRAPH = DEFAULT_BASE + "graph/run"
ENTITY_GRAPH = DEFAULT_BASE + "graph/entities"
REDIRECT_GRAPH = DEFAULT_BASE + "graph/redirects"
NAMES = {
    "PERSON": ["Hulusi Akar", "Akar", "Ali Mahmoud Abbas", "Abbas", "Sergei Shoigu", "Shoigu"],
    "GPE": ["Ankara", "Moscow", "Damascus", "Turkey", "Syria"],
    "ORG": ["Reuters", "Al Jazeera"],
}
# The blank pipeline of the crash test's subprocess, and of the tests below.
BLANK_PIPELINE = f"""
import spacy
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
nlp.add_pipe("entity_ruler").add_patterns(
    [{{"label": label, "pattern": name}} for label, names in {NAMES!r}.items() for name in names]
)
"""


def blank_pipeline() -> Language:
    scope: dict[str, Language] = {}
    exec(BLANK_PIPELINE, scope)
    return scope["nlp"]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


TEXTS = {
    "a.txt": "Hulusi Akar arrived in Moscow on Tuesday. Akar met Sergei Shoigu there.\n",
    "b.txt": "Ali Mahmoud Abbas spoke in Damascus. Abbas said Syria wants talks, Reuters said.\n",
    "c.txt": "Al Jazeera said Sergei Shoigu and Hulusi Akar spoke again in Ankara.\n",
}


def write_articles(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def quads(graph: str | Path) -> set[ox.Quad]:
    """Every quad of a graph file or store, read through pyoxigraph, without the run's times."""
    return {q for q in open_graph(graph) if q.predicate.value not in TIMES}


def by_graph(found: set[ox.Quad]) -> dict[str, set[ox.Quad]]:
    graphs: dict[str, set[ox.Quad]] = defaultdict(set)
    for quad in found:
        graphs[quad.graph_name.value].add(quad)
    return graphs


def dump(store: Path) -> bytes:
    """The whole store as sorted N-Quads, times included."""
    lines = ox.Store.read_only(str(store)).dump(format=ox.RdfFormat.N_QUADS)
    assert lines is not None
    return b"\n".join(sorted(lines.splitlines()))


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600
    )


# --- records and keys, no store ------------------------------------------------------------


def test_records_round_trip() -> None:
    text = 'Hulusi Akar said "yes" 🙂.\nAkar left.'
    article = Article(
        id="x-1",
        text=text,
        source="in/x.txt",
        content_hash="0" * 64,
        title="T",
        published="2022-12-28",
        publisher="SANA",
        url="https://example.org/x",
        segments=(
            Segment(start=0, raw_start=3, length=20),
            Segment(start=21, raw_start=30, length=17),
        ),
        removed_chars=4,
    )
    mentions = (
        Mention(
            start=0,
            end=11,
            text="Hulusi Akar",
            type="Person",
            sentence=0,
            extractor="spacy:x@1",
            acronym="HA",
        ),
        Mention(
            start=27,
            end=31,
            text="Akar",
            type="Person",
            sentence=1,
            extractor="spacy:x@1",
            country="TR",
            key="k",
        ),
    )
    extraction = Extraction(
        article=article,
        sentences=(SentenceRecord(start=0, end=26), SentenceRecord(start=27, end=37)),
        mentions=mentions,
        model="m",
    )
    data = json.loads(json.dumps(extraction_to_json(extraction)))
    assert extraction_from_json(data) == extraction


def test_replace_graph_keeps_hostile_literals_exact() -> None:
    store = ox.Store()
    graph = "https://example.org/g"
    texts = [
        "quotes \" and ' and \\ backslash",
        "new\nline\r\ttab \x01 \x7f \u2028",
        "} } GRAPH <x> { DROP ALL ; \\u0041 \\",
        "emoji 🙂 Arabic العربية",
    ]
    wanted = {
        ox.Quad(
            ox.NamedNode(f"https://example.org/s{i}"),
            ox.NamedNode("https://example.org/p"),
            ox.Literal(text),
            ox.NamedNode(graph),
        )
        for i, text in enumerate(texts)
    }
    replace_graph(store, graph, wanted)
    replace_graph(store, graph, wanted)  # replacing, not adding
    assert set(store) == wanted


# --- store builds with a blank pipeline --------------------------------------------------


@pytest.fixture
def built(tmp_path: Path, nlp: Language) -> tuple[Path, Path]:
    """A store of the three articles of TEXTS, and their folder."""
    folder = write_articles(tmp_path / "in", TEXTS)
    store = tmp_path / "store"
    report = build([folder], store=store, nlp=nlp)
    assert report.store is not None and len(report.store.added) == 3
    return store, folder


def write_ahead_log(store: Path) -> int:
    """Bytes in Oxigraph's write-ahead log (RocksDB's NNNNNN.log files; LOG is its info log)."""
    return sum(path.stat().st_size for path in store.glob("[0-9]*.log"))


def without_log(store: Path, copy: Path) -> Path:
    """A copy of a store without Oxigraph's write-ahead log (RocksDB's NNNNNN.log files): what
    it holds is what its tables hold, the part an open need not replay."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(store, copy, ignore=shutil.ignore_patterns("[0-9]*.log", "LOCK"))
    return copy


def test_an_update_leaves_nothing_to_replay(
    built: tuple[Path, Path], nlp: Language, tmp_path: Path
) -> None:
    store, folder = built
    assert len(quads(store)) > 100
    assert write_ahead_log(store) == 0
    assert dump(without_log(store, tmp_path / "copy")) == dump(store)
    (folder / "d.txt").write_text("Rain fell on Oslo on Sunday.\n", encoding="utf-8")
    report = build([folder], store=store, nlp=nlp)
    assert report.store is not None and len(report.store.added) == 1
    assert dump(without_log(store, tmp_path / "copy")) == dump(store)
    remove_articles(store, [str(folder / "d.txt")])
    assert write_ahead_log(store) == 0
    assert dump(without_log(store, tmp_path / "copy")) == dump(store)


def test_rerun_changes_nothing(built: tuple[Path, Path], nlp: Language) -> None:
    store, folder = built
    before = dump(store)
    records = {p: p.stat().st_mtime_ns for p in (store / RECORDS_DIR).iterdir()}
    for trust_last_update in (True, False):
        if not trust_last_update:
            (store / "state.json").unlink()  # make it compare every graph again
        report = build([folder], store=store, nlp=nlp)
        assert report.store is not None
        assert report.store.unchanged == 3 and report.store.extracted == 0
        assert report.store.written == () and report.store.dropped == ()
        assert dump(store) == before  # the run's times too
        assert {p: p.stat().st_mtime_ns for p in (store / RECORDS_DIR).iterdir()} == records


def test_changed_article_replaces_only_its_own_graph(
    built: tuple[Path, Path], nlp: Language
) -> None:
    store, folder = built
    before = by_graph(quads(store))
    (folder / "b.txt").write_text(
        "Ali Mahmoud Abbas spoke in Damascus on Monday. Abbas said Syria wants talks.\n",
        encoding="utf-8",
    )
    report = build([folder], store=store, nlp=nlp)
    assert report.store is not None
    assert len(report.store.changed) == 1 and report.store.extracted == 1
    changed = ARTICLE_GRAPHS + report.store.changed[0]
    written = {g for g in report.store.written if g.startswith(ARTICLE_GRAPHS)}
    assert written == {changed}
    after = by_graph(quads(store))
    for graph in before:
        if graph.startswith(ARTICLE_GRAPHS) and graph != changed:
            assert after[graph] == before[graph]
    texts = {q.object.value for q in after[changed] if q.predicate.value.endswith("#isString")}
    assert texts == {(folder / "b.txt").read_text(encoding="utf-8").strip()}


def test_new_metadata_needs_no_extraction(tmp_path: Path, nlp: Language) -> None:
    feed = tmp_path / "feed.jsonl"
    line = {"text": TEXTS["a.txt"], "url": "https://news.example.org/a", "title": "First"}
    feed.write_text(json.dumps(line) + "\n", encoding="utf-8")
    build([feed], store=tmp_path / "store", nlp=nlp)
    feed.write_text(json.dumps({**line, "title": "Second"}) + "\n", encoding="utf-8")
    report = build([feed], store=tmp_path / "store", nlp=nlp)
    assert report.store is not None
    assert len(report.store.changed) == 1 and report.store.extracted == 0
    titles = {q.object.value for q in quads(tmp_path / "store") if "headline" in q.predicate.value}
    assert titles == {"Second"}


def test_new_articles_give_the_graph_of_one_build(tmp_path: Path, nlp: Language) -> None:
    folder = write_articles(tmp_path / "in", TEXTS)
    build([folder], store=tmp_path / "twice", nlp=nlp)
    write_articles(folder, {"d.txt": "Reuters said Hulusi Akar and Ali Mahmoud Abbas met.\n"})
    report = build([folder / "d.txt"], store=tmp_path / "twice", nlp=nlp)
    assert report.store is not None and report.store.extracted == 1
    assert report.store.articles == 4 and report.store.redirected == ()
    build([folder], store=tmp_path / "once", nlp=nlp)
    assert quads(tmp_path / "twice") == quads(tmp_path / "once")


def test_an_iri_follows_the_fuller_name_and_the_old_one_redirects(
    tmp_path: Path, nlp: Language
) -> None:
    folder = write_articles(tmp_path / "in", {"a.txt": "Akar arrived. Akar met officials.\n"})
    store = tmp_path / "store"
    build([folder], store=store, nlp=nlp)
    person = DEFAULT_BASE + "entity/person/"
    links = {q.object.value for q in quads(store) if q.predicate.value.endswith("taIdentRef")}
    assert links == {person + "akar"}
    write_articles(folder, {"b.txt": "Defence minister Hulusi Akar went to Moscow.\n"})
    report = build([folder], store=store, nlp=nlp)
    assert report.store is not None
    assert report.store.redirected == ((person + "akar", person + "hulusi_akar"),)
    # The same graph as a store built from both at once, IRIs included; and the old IRI
    # resolves through its redirect.
    build([folder], store=tmp_path / "fresh", nlp=nlp)
    assert without_redirects(quads(store)) == quads(tmp_path / "fresh")
    found = run_query(
        store,
        "SELECT ?new ?label WHERE { <entity/person/akar> dcterms:isReplacedBy ?new . "
        "?new skos:prefLabel ?label }",
    )
    assert [(str(n.value), str(lab.value)) for n, lab in found.rows] == [  # type: ignore[union-attr]
        (person + "hulusi_akar", "Hulusi Akar")
    ]
    # A redirect stays, and is pointed at the newest IRI when that is replaced in turn.
    write_articles(folder, {"c.txt": "General Hulusi Akar Sr. spoke.\n"})
    build([folder], store=store, nlp=nlp)
    redirects = {
        (q.subject.value, q.object.value)
        for q in quads(store)
        if q.predicate.value.endswith("isReplacedBy")
    }
    entities = {q.subject.value for q in quads(store) if q.graph_name.value == ENTITY_GRAPH}
    assert (person + "akar") in {old for old, _ in redirects}
    assert all(new in entities and old not in entities for old, new in redirects)


def without_redirects(found: set[ox.Quad]) -> set[ox.Quad]:
    return {q for q in found if q.graph_name.value != REDIRECT_GRAPH}


def test_three_then_two_is_the_graph_of_five(tmp_path: Path, nlp: Language) -> None:
    texts = {
        "a.txt": "Akar met Abbas in Ankara.\n",
        "b.txt": "Ali Mahmud Abbas spoke in Damascus.\n",
        "c.txt": "Reuters said Akar left.\n",
        "d.txt": "Hulusi Akar and Ali Mahmoud Abbas met again.\n",
        "e.txt": "Abbas said Syria wants talks.\n",
    }
    folder = write_articles(tmp_path / "in", texts)
    names = sorted(texts)
    store = tmp_path / "incremental"
    build([folder / n for n in names[:3]], store=store, nlp=nlp)
    report = build([folder / n for n in names[3:]], store=store, nlp=nlp)
    assert report.store is not None and report.store.articles == 5
    build([folder / n for n in names], store=tmp_path / "once", nlp=nlp)
    assert without_redirects(quads(store)) == quads(tmp_path / "once")
    build([folder], tmp_path / "files", nlp=nlp)
    assert without_redirects(quads(store)) == quads(tmp_path / "files" / "graph.trig")


def test_remove(built: tuple[Path, Path], tmp_path: Path, nlp: Language) -> None:
    store, folder = built
    before = dump(store)
    with pytest.raises(InputError, match=r"no article 'nothing\.txt' in the store"):
        remove_articles(store, [str(folder / "a.txt"), "nothing.txt"])
    assert dump(store) == before
    update = remove_articles(store, [str(folder / "c.txt")])
    assert update.articles == 2 and len(update.removed) == 1
    removed = ARTICLE_GRAPHS + update.removed[0]
    assert update.dropped == (removed,)
    assert not (store / RECORDS_DIR / f"{update.removed[0]}.json").exists()
    (folder / "c.txt").unlink()
    build([folder], store=tmp_path / "fresh", nlp=nlp)
    assert quads(store) == quads(tmp_path / "fresh")
    # By id, through the CLI.
    (aid,) = [p.stem for p in (store / RECORDS_DIR).glob("a-*.json")]
    result = kg("remove", str(store), aid)
    assert result.returncode == 0, result.stderr
    assert "removed 1 article from" in result.stderr and "(1 left)" in result.stderr
    result = kg("remove", str(store), aid)
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"kg: error: {store}: no article '{aid}' in the store")


def test_a_graph_without_its_record_is_dropped(built: tuple[Path, Path], nlp: Language) -> None:
    """A kill between writing an article's graph and its record leaves a graph the records do
    not know; the next update drops it, as the records say what the store holds."""
    store, folder = built
    (orphan,) = (store / RECORDS_DIR).glob("c-*.json")
    orphan.unlink()
    (folder / "c.txt").unlink()
    report = build([folder], store=store, nlp=nlp)
    assert report.store is not None
    assert report.store.dropped == (ARTICLE_GRAPHS + orphan.stem,)
    assert not any(g.value.endswith(orphan.stem) for g in open_graph(store).named_graphs())


def test_another_base_is_refused(built: tuple[Path, Path]) -> None:
    store, folder = built
    before = dump(store)
    result = kg("build", str(folder), "--store", str(store), "--base", "https://example.org/kg/")
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"built with --base {DEFAULT_BASE}, not https://example.org/kg/" in result.stderr
    with pytest.raises(InputError, match=r"built with --model en_pipeline \(en_pipeline@0\.0\.0\)"):
        build([folder], store=store)  # the default model, not the blank pipeline
    assert dump(store) == before


def test_a_folder_that_is_not_a_store_is_refused(tmp_path: Path, nlp: Language) -> None:
    folder = write_articles(tmp_path / "in", TEXTS)
    with pytest.raises(InputError, match="not a kg store"):
        build([folder], store=folder, nlp=nlp)
    with pytest.raises(GraphError, match="not a kg store"):
        remove_articles(folder, ["a.txt"])


def test_a_store_in_use_is_refused(built: tuple[Path, Path], nlp: Language) -> None:
    store, folder = built
    holder = ox.Store(str(store))
    with pytest.raises(GraphError, match="is another kg build"):
        build([folder], store=store, nlp=nlp)
    del holder


def test_export(built: tuple[Path, Path], tmp_path: Path, nlp: Language) -> None:
    store, folder = built
    out = tmp_path / "out"
    report = build([folder], store=store, nlp=nlp, out=out)
    names = ("graph.ttl", "graph.trig", "graph.html", "report.json")
    assert report.outputs == tuple(str(out / name) for name in names)
    assert json.loads((out / "report.json").read_text())["store"]["articles"] == 3
    trig = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    ttl = list(ox.parse(path=str(out / "graph.ttl"), format=ox.RdfFormat.TURTLE))
    assert {q.triple for q in trig} == {q.triple for q in ttl}
    assert quads(out / "graph.trig") == quads(store)
    offsets = {q.object.datatype.value for q in ttl if q.predicate.value.endswith("Index")}
    assert offsets == {"http://www.w3.org/2001/XMLSchema#nonNegativeInteger"}
    assert validate_graph(out / "graph.ttl").conforms


# --- crash safety --------------------------------------------------------------------------

# Each graph the store writes is followed by a pause, so that a kill the test sends once the
# first record is on disk lands while later graphs are still to be written however loaded the
# machine is (without it, a fast writer finished all of them first now and then). The code that
# writes is kg's own; only the pause is added.
SLOW_WRITES = """
import time
import kg.store as _store

def _paused(write):
    def paused(*args, **kwargs):
        write(*args, **kwargs)
        time.sleep(0.2)
    return paused

_store._add_graph = _paused(_store._add_graph)
_store._change_graph = _paused(_store._change_graph)
"""

# Builds FOLDER into STORE with the blank pipeline: the test kills it while it writes.
BUILD_SCRIPT = (
    BLANK_PIPELINE
    + SLOW_WRITES
    + """
import sys
from kg.pipeline import build
build([sys.argv[1]], store=sys.argv[2], nlp=nlp)
"""
)


def synthetic(i: int, *, version: int) -> str:
    opening = "A new paragraph opens the second version. " if version == 2 else ""
    body = " ".join(
        f"Hulusi Akar met Sergei Shoigu in Moscow, Reuters said in report {i}.{n}."
        for n in range(8)
    )
    return f"{opening}{body}\n"


def wait_for(predicate: object, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.001)


def article_graphs(store: Path) -> dict[str, set[ox.Quad]]:
    graphs = by_graph(quads(store))
    return {g: found for g, found in graphs.items() if g.startswith(ARTICLE_GRAPHS)}


@pytest.mark.integration
def test_killed_update_leaves_each_article_old_or_new(tmp_path: Path, nlp: Language) -> None:
    """SIGKILL while an update rewrites 60 changed articles: each article's graph is then the
    old one or the new one, never a mix, and the next run completes the update."""
    count = 60
    folder = write_articles(
        tmp_path / "in", {f"n{i:03}.txt": synthetic(i, version=1) for i in range(count)}
    )
    store = tmp_path / "store"
    build([folder], store=store, nlp=nlp)
    old = article_graphs(store)
    write_articles(folder, {f"n{i:03}.txt": synthetic(i, version=2) for i in range(count)})

    started = time.time_ns()
    records = store / RECORDS_DIR
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD_SCRIPT, str(folder), str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: any(p.stat().st_mtime_ns > started for p in records.glob("*.json")), proc)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)

    after = article_graphs(store)
    report = build([folder], store=store, nlp=nlp)  # the next run completes the update
    assert report.store is not None and report.store.changed
    new = article_graphs(store)
    assert set(after) == set(old) == set(new)
    states = [
        "old" if after[g] == old[g] else "new" if after[g] == new[g] else "mixed"
        for g in sorted(after)
    ]
    assert "mixed" not in states
    assert 0 < states.count("new") < count, f"the kill did not land during the writes: {states}"


# --- with the statistical model ------------------------------------------------------------


@pytest.fixture(scope="module")
def model() -> Language:
    from kg.extract import load_pipeline

    return load_pipeline()


FIRST = [SAMPLES]
THEN = sorted(MEANTIME.glob("*.txt"))[:5]


@pytest.fixture(scope="module")
def five_then_five(tmp_path_factory: pytest.TempPathFactory, model: Language) -> Path:
    store = tmp_path_factory.mktemp("store") / "store"
    first = build(FIRST, store=store, nlp=model)
    assert first.store is not None and first.store.articles == 5
    then = build(THEN, store=store, nlp=model)
    assert then.store is not None and then.store.articles == 10 and then.store.extracted == 5
    return store


@pytest.fixture(scope="module")
def all_ten(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("out")
    build([*FIRST, *THEN], out)
    return out


@pytest.mark.integration
def test_five_then_five_is_the_graph_of_ten(five_then_five: Path, all_ten: Path) -> None:
    in_store, in_files = without_redirects(quads(five_then_five)), quads(all_ten / "graph.trig")
    assert len(in_store) > 5000
    assert in_store == in_files  # same triples in the same graphs, same IRIs
    run = {q for q in open_graph(all_ten / "graph.trig") if q.graph_name.value == RUN_GRAPH}
    assert {q.predicate.value for q in run} >= TIMES  # the only statements left out


@pytest.mark.integration
def test_records_keep_the_facts_the_rules_find(five_then_five: Path) -> None:
    from kg.facts import extract_facts
    from kg.memory import unfrozen_after
    from kg.store import plan_update

    with unfrozen_after():
        plan = plan_update(five_then_five, ())  # every article reused as it is
    assert sorted(plan.facts) == sorted(plan.old) and len(plan.facts) == 10
    assert sum(len(f.positions) + len(f.events) for f in plan.facts.values()) > 10
    for aid, facts in plan.facts.items():
        assert facts == extract_facts(plan.old[aid], claims=plan.claims[aid])


@pytest.mark.integration
def test_named_query_on_a_store_answers_as_on_the_file(five_then_five: Path, all_ten: Path) -> None:
    answers = []
    for graph in (five_then_five, all_ten / "graph.ttl"):
        result = kg("query", "--name", "positions", str(graph), "--format", "csv")
        assert result.returncode == 0, result.stderr
        answers.append(sorted(result.stdout.splitlines()))
    assert answers[0] == answers[1] and len(answers[0]) > 20
    in_process = run_named_query(five_then_five, "positions")
    assert len(in_process.rows) == len(answers[0]) - 1  # the CSV's header line


@pytest.fixture(scope="module")
def meantime_clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("clean")
    build([MEANTIME], out)
    return out


@pytest.mark.integration
def test_killed_build_leaves_whole_articles(
    tmp_path: Path, meantime_clean: Path, model: Language
) -> None:
    """SIGKILL a real ``kg build --store`` of the 30 MEANTIME articles once it has written its
    first article: every article graph in the store is then whole (as in a clean build) or
    absent, and running again completes it to the clean build's graph."""
    store = tmp_path / "store"
    records = store / RECORDS_DIR
    command = SLOW_WRITES + "import sys\nfrom kg.cli import main\nsys.exit(main(sys.argv[1:]))"
    proc = subprocess.Popen(
        [sys.executable, "-c", command, "build", str(MEANTIME), "--store", str(store), "--quiet"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_for(lambda: records.is_dir() and any(records.glob("*.json")), proc, timeout=300)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)

    clean = article_graphs(meantime_clean / "graph.trig")
    assert len(clean) == 30
    killed = ox.Store.read_only(str(store))
    present = [g.value for g in killed.named_graphs() if g.value.startswith(ARTICLE_GRAPHS)]
    assert 0 < len(present) < 30, f"the kill did not land during the writes: {len(present)}"
    for graph in present:
        found = {q for q in killed.quads_for_pattern(None, None, None, ox.NamedNode(graph))}
        assert found == clean[graph]
    del killed
    report = build([MEANTIME], store=store, nlp=model)
    assert report.store is not None and report.store.articles == 30
    assert quads(store) == quads(meantime_clean / "graph.trig")
