"""Tests of ``kg serve`` (kg.serve) and of queries sent to a SPARQL endpoint (kg.query).

Each test serves a small store made here with pyoxigraph, on a free loopback port, with the real
``oxigraph`` binary of the PyPI package.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.endpoint import Endpoint, is_loopback
from kg.errors import EndpointError, QueryError, ServeError
from kg.query import run_named_query, run_query
from kg.remote import _with_values
from kg.serve import Server, find_oxigraph, parse_bind, start_server

ID = "https://w3id.org/kg-news/id/"
ARTICLE = f"{ID}article/a-0123456789"
AKAR = f"{ID}entity/person/hulusi_akar"
MOSCOW = f"{ID}entity/place/city_524901"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TAIDENTREF = "http://www.w3.org/2005/11/its/rdf#taIdentRef"
INJECTION = 'x" } ; DROP ALL #'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def quads() -> list[ox.Quad]:
    """An article graph with two mentions, and the graph of entities."""
    article, entities = ox.NamedNode(ARTICLE), ox.NamedNode(f"{ID}graph/entities")
    found = []
    for (begin, end), text, entity in [
        ((0, 11), "Hulusi Akar", AKAR),
        ((19, 25), "Moscow", MOSCOW),
    ]:
        mention = ox.NamedNode(f"{ARTICLE}#char={begin},{end}")
        found += [
            ox.Quad(mention, ox.NamedNode(f"{NIF}referenceContext"), article, article),
            ox.Quad(mention, ox.NamedNode(f"{NIF}anchorOf"), ox.Literal(text), article),
            ox.Quad(mention, ox.NamedNode(f"{NIF}beginIndex"), ox.Literal(begin), article),
            ox.Quad(mention, ox.NamedNode(TAIDENTREF), ox.NamedNode(entity), article),
        ]
        found.append(ox.Quad(ox.NamedNode(entity), ox.NamedNode(LABEL), ox.Literal(text), entities))
    return found


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    made = ox.Store(str(path))
    made.extend(quads())
    made.flush()
    del made
    return path


@pytest.fixture
def server(store: Path) -> Iterator[Server]:
    with start_server(store, bind=f"127.0.0.1:{free_port()}") as running:
        yield running


# --- kg.serve ------------------------------------------------------------------------------


def test_a_read_only_server_answers_and_does_not_lock_the_store(
    server: Server, store: Path
) -> None:
    assert not server.writable
    result = run_query(Endpoint(server.query_url), "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert result.rows[0][0] == ox.Literal(len(quads()))
    writer = ox.Store(str(store))  # a build can still write the store
    writer.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode(LABEL), ox.Literal("new")))
    writer.flush()
    del writer


def test_stop_ends_the_process(store: Path) -> None:
    port = free_port()
    running = start_server(store, bind=f"127.0.0.1:{port}")
    assert accepts(port)
    running.stop()
    assert running.process.returncode is not None
    assert not accepts(port)


@pytest.mark.parametrize("bind", ["0.0.0.0:7878", "192.0.2.1:7878", "example.org:7878"])
def test_only_loopback_without_public(store: Path, bind: str) -> None:
    with pytest.raises(ServeError, match="--public"):
        start_server(store, bind=bind)


@pytest.mark.parametrize("bind", ["7878", "127.0.0.1:", ":7878", "127.0.0.1:99999", "h:x"])
def test_bad_bind(bind: str) -> None:
    with pytest.raises(ServeError, match="HOST:PORT"):
        parse_bind(bind)


def test_ipv6_bind_is_parsed() -> None:
    assert parse_bind("[::1]:7878") == ("[::1]", 7878)
    assert is_loopback("[::1]") and is_loopback("localhost") and is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")


def test_a_missing_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match=r"does not exist.*--writable"):
        start_server(tmp_path / "nothing", bind=f"127.0.0.1:{free_port()}")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ServeError, match="is not a store"):
        start_server(tmp_path / "empty", bind=f"127.0.0.1:{free_port()}")


def test_a_folder_of_other_files_is_never_made_a_store(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "story.txt").write_text("A story.", encoding="utf-8")
    with pytest.raises(ServeError, match="a new folder"):
        start_server(articles, bind=f"127.0.0.1:{free_port()}")
    with pytest.raises(ServeError, match="holds files but is not a store"):
        start_server(articles, bind=f"127.0.0.1:{free_port()}", writable=True)
    assert [path.name for path in articles.iterdir()] == ["story.txt"]


def test_a_port_in_use_gives_the_servers_reason(server: Server, store: Path) -> None:
    with pytest.raises(ServeError, match=r"stopped at once: .*Address already in use"):
        start_server(store, bind=server.url.removeprefix("http://"))


def test_writable_makes_a_new_store(tmp_path: Path) -> None:
    with start_server(tmp_path / "new", bind=f"127.0.0.1:{free_port()}", writable=True) as fresh:
        assert fresh.writable and fresh.update_url.endswith("/update")
        result = run_query(Endpoint(fresh.url), "ASK { ?s ?p ?o }")
        assert result.boolean is False


def test_the_binary_comes_with_the_package() -> None:
    assert Path(find_oxigraph()).is_file()


def test_kg_serve_prints_its_url_and_stops_on_ctrl_c(store: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "kg", "serve", str(store), "--bind", f"127.0.0.1:{port}"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert first == f"SPARQL endpoint: http://127.0.0.1:{port}/query\n"
        result = run_named_query(
            Endpoint(f"http://127.0.0.1:{port}"), "sources", params={"entity": "Moscow"}
        )
        assert len(result.rows) == 1
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert "kg: server stopped" in err
    deadline = time.monotonic() + 5
    while accepts(port) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not accepts(port), "the oxigraph server outlived kg serve"


def test_kg_serve_refuses_a_public_address(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", str(store), "--bind", "0.0.0.0:7878"]) == 1
    assert "add --public" in capsys.readouterr().err


# --- queries on an endpoint ----------------------------------------------------------------


def test_params_bind_iris_and_strings_safely(server: Server) -> None:
    endpoint = Endpoint(server.url)
    by_name = run_named_query(endpoint, "sources", params={"entity": "Hulusi Akar"})
    assert [row[1] for row in by_name.rows] == [ox.NamedNode(AKAR)]
    by_iri = run_named_query(endpoint, "sources", params={"entity": MOSCOW})
    assert [row[1] for row in by_iri.rows] == [ox.NamedNode(MOSCOW)]
    assert by_iri.variables[0] == "entity" and by_iri.rows[0][0] == ox.NamedNode(MOSCOW)
    injected = run_named_query(endpoint, "sources", params={"entity": INJECTION})
    assert injected.rows == ()
    count = run_query(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert count.rows[0][0] == ox.Literal(len(quads()))


def test_endpoint_answers_like_the_store(server: Server, store: Path) -> None:
    query = "SELECT ?m ?l WHERE { ?m itsrdf:taIdentRef ?e . ?e rdfs:label ?l } ORDER BY ?l"
    local = run_query(store, query)
    remote = run_query(Endpoint(server.url), query)
    assert remote == local
    ask = run_query(Endpoint(server.url), "ASK { <entity/person/hulusi_akar> ?p ?o }")
    assert ask.boolean is True
    construct = run_query(
        Endpoint(server.url), "CONSTRUCT WHERE { ?e rdfs:label ?l }", params={"l": "Moscow"}
    )
    assert [str(triple.subject) for triple in construct.triples] == [f"<{MOSCOW}>"]


def test_a_syntax_error_reads_like_a_local_one(server: Server, store: Path) -> None:
    for bad in ("SELECT ?s WHERE {\n  ?s a schema:Person , }", "SELECT * { foo:x ?p ?o }"):
        with pytest.raises(QueryError, match="SPARQL syntax error at line") as local:
            run_query(store, bad)
        with pytest.raises(QueryError) as remote:
            run_query(Endpoint(server.url), bad)
        assert str(remote.value) == str(local.value)


def test_a_query_to_the_wrong_place(tmp_path: Path) -> None:
    with pytest.raises(EndpointError, match="connection refused"):
        run_query(Endpoint(f"http://127.0.0.1:{free_port()}/query"), "ASK {}")


def test_cli_query_endpoint(server: Server, capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l"
    assert main(["query", "--endpoint", server.store_url, query, "--format", "csv"]) == 0
    assert capsys.readouterr().out == "l\r\nHulusi Akar\r\nMoscow\r\n"
    named = ["--name", "sources", "--param", "entity=x"]
    assert main(["query", "--endpoint", server.url, *named]) == 0
    assert capsys.readouterr().out.endswith("0 rows\n")
    assert main(["query", "graph.trig", query, "--endpoint", server.url]) == 1
    assert "not both" in capsys.readouterr().err


# --- where the VALUES block goes -----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT * WHERE { VALUES"),
        ("select * {?s ?p ?o}", "select * { VALUES"),
        ("ASK { ?s ?p ?o }", "ASK { VALUES"),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE { VALUES"),
        (
            '# WHERE { in a comment\nSELECT ("WHERE {" AS ?x) <urn:a{b}> WHERE { ?s ?p ?o }',
            '# WHERE { in a comment\nSELECT ("WHERE {" AS ?x) <urn:a{b}> WHERE { VALUES',
        ),
        (
            "SELECT * WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }",
            "SELECT * WHERE { VALUES",
        ),
        ("PREFIX where: <urn:w#> SELECT * WHERE { ?s where:x ?o }", "SELECT * WHERE { VALUES"),
        ("CONSTRUCT WHERE { ?s ?p ?o } # end", "CONSTRUCT WHERE { ?s ?p ?o } # end\n VALUES"),
    ],
)
def test_values_go_inside_the_where_clause(query: str, expected: str) -> None:
    text = _with_values(query, {ox.Variable("s"): ox.Literal(INJECTION)})
    assert expected in text
    assert text.count(INJECTION.replace('"', '\\"')) == 1


def test_values_need_a_where_clause() -> None:
    with pytest.raises(QueryError, match="WHERE clause"):
        _with_values("DESCRIBE <urn:a>", {ox.Variable("s"): ox.Literal("x")})


def test_no_http_proxy_is_used(server: Server, monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy from the environment would see the query (and any credentials): kg ignores it.
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("HTTP_PROXY", os.environ["http_proxy"])
    assert run_query(Endpoint(server.url), "ASK { ?s ?p ?o }").boolean is True


@pytest.mark.parametrize("command", ["load", "serve"])
def test_the_commands_are_documented(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    assert f"kg {command} " in readme
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert "examples:" in capsys.readouterr().out


# --- kg serve ends with kg, however kg ends -------------------------------------------------


def server_child(process: subprocess.Popen[str], port: int) -> int:
    """The PID of the oxigraph server a ``kg serve`` process started (once it listens)."""
    assert process.stdout is not None
    assert process.stdout.readline() == f"SPARQL endpoint: http://127.0.0.1:{port}/query\n"
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    assert len(children) == 1, children
    return int(children[0])


def gone(pid: int) -> bool:
    """Whether a process has ended (a zombie waiting for its reaper counts as ended)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return status.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def wait_gone(pid: int, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not gone(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return gone(pid)


def start_kg_serve(store: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "kg", "serve", str(store), "--bind", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        [*command, *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGQUIT])
def test_kg_serve_stops_its_server_on_every_signal_it_can_catch(
    store: Path, signum: signal.Signals
) -> None:
    port = free_port()
    process = start_kg_serve(store, port)
    try:
        child = server_child(process, port)
        process.send_signal(signum)
        _, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0
    assert err.rstrip().endswith("kg: server stopped")
    assert wait_gone(child), "the oxigraph server outlived kg serve"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, /proc")
def test_a_server_whose_kg_serve_was_killed_stops_itself(tmp_path: Path) -> None:
    port = free_port()
    process = start_kg_serve(tmp_path / "new", port, "--writable")
    try:
        child = server_child(process, port)
        process.kill()  # SIGKILL: kg serve cannot stop the server itself
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()
    assert wait_gone(child), "an orphan oxigraph server kept running"
    # The store's lock went with it: it can be served again.
    with start_server(tmp_path / "new", bind=f"127.0.0.1:{free_port()}", writable=True):
        pass


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/locks")
def test_a_store_locked_by_another_server_names_the_process(tmp_path: Path) -> None:
    with (
        start_server(tmp_path / "s", bind=f"127.0.0.1:{free_port()}", writable=True) as first,
        pytest.raises(ServeError, match=rf"process {first.process.pid} holds the store's lock"),
    ):
        start_server(tmp_path / "s", bind=f"127.0.0.1:{free_port()}", writable=True)
