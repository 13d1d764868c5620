"""Tests of ``kg load`` (kg.load, kg.endpoint) against a real Oxigraph server and fake ones.

A real ``oxigraph serve`` runs on a free loopback port in a temporary folder for each test that
needs one. Failures come from a small HTTP server in a thread that answers 500, 400 with a
message, drops the connection, says nothing, or passes the first requests on to the real server
and then fails. The sample articles are built once for this module (integration tests).
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import http.server
import re
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pyoxigraph as ox
import pytest

from kg.cli import main
from kg.endpoint import ENV_PASSWORD, ENV_TOKEN, ENV_USER, Endpoint, check_url, redact
from kg.errors import EndpointError, GraphError, LoadError
from kg.load import (
    ONTOLOGY_GRAPH,
    build_graph_names,
    graph_store_url,
    load_graphs,
    ontology_triples,
    open_dataset,
)
from kg.query import QueryResult, named_queries, run_named_query, run_query
from kg.serve import Server, start_server

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/kg-news/id/"
ARTICLES = [f"{ID}article/story-{n}-000000000{n}" for n in range(3)]
ENTITIES = f"{ID}graph/entities"
RUN = f"{ID}graph/run"
KG = "https://w3id.org/kg-news/ontology#"
HEADLINE = "https://schema.org/headline"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SECRET = "s3cr3t-t0ken-value"
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


# --- helpers -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def small_dataset(headline: str = "first") -> list[ox.Quad]:
    """Three article graphs, the graph of entities and the graph of the run, in kg's shape."""
    quads = []
    for article in ARTICLES:
        node, graph = ox.NamedNode(article), ox.NamedNode(article)
        quads.append(
            ox.Quad(node, ox.NamedNode(HEADLINE), ox.Literal(f"{headline} {article}"), graph)
        )
        mention = ox.NamedNode(f"{article}#char=0,6")
        quads.append(ox.Quad(mention, ox.NamedNode(LABEL), ox.Literal('Say "hi"\n'), graph))
    akar = ox.NamedNode(f"{ID}entity/person/hulusi_akar")
    quads.append(
        ox.Quad(akar, ox.NamedNode(LABEL), ox.Literal("Hulusi Akar"), ox.NamedNode(ENTITIES))
    )
    run = ox.NamedNode(f"{ID}run/0000000000000000")
    quads.append(ox.Quad(run, ox.NamedNode(LABEL), ox.Literal("run"), ox.NamedNode(RUN)))
    return quads


def write_trig(path: Path, quads: list[ox.Quad]) -> Path:
    ox.serialize(quads, str(path), format=ox.RdfFormat.TRIG)
    return path


def server_quads(server: Server) -> set[tuple[object, ...]]:
    result = run_query(Endpoint(server.url), ALL_QUADS, union_default_graph=False)
    return set(result.rows)


def shared_names(quads: list[ox.Quad]) -> dict[str, str]:
    """The names a build's graph of entities and graph of the run get on the server."""
    store = ox.Store()
    store.extend(quads)
    names, _ = build_graph_names(store, sorted(g.value for g in store.named_graphs()))
    return names


def expected_quads(quads: list[ox.Quad], *, ontology: bool = True) -> set[tuple[object, ...]]:
    """What the server holds once ``quads`` are loaded: the shared graphs under the build's own
    names, the run's graph saying that the run made them."""
    names = shared_names(quads)
    rows: set[tuple[object, ...]] = {
        (
            q.subject,
            q.predicate,
            q.object,
            ox.NamedNode(names.get(q.graph_name.value, q.graph_name.value)),
        )
        for q in quads
    }
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    runs = {
        q.subject for q in quads if (q.predicate, q.object) == (rdf_type, ox.NamedNode(f"{KG}Run"))
    }
    made = ox.NamedNode("http://www.w3.org/ns/prov#wasGeneratedBy")
    for run_graph in (name for name in names.values() if "/graph/run/" in name):
        rows |= {
            (ox.NamedNode(name), made, run, ox.NamedNode(run_graph))
            for name in names.values()
            for run in runs
        }
    if ontology:
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        rows |= {(t.subject, t.predicate, t.object, graph) for t in ontology_triples()}
    return rows


def graph_rows(rows: set[tuple[object, ...]], graph: str) -> set[tuple[object, ...]]:
    return {row for row in rows if row[3] == ox.NamedNode(graph)}


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[Server]:
    """A real, writable Oxigraph server on a free loopback port, over an empty store."""
    with start_server(
        tmp_path / "server", bind=f"127.0.0.1:{free_port()}", writable=True
    ) as server:
        yield server


# --- a fake server -------------------------------------------------------------------------


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


#: What the fake server does with a request: (status, body), or None to close the connection.
Respond = Callable[[Seen], "tuple[int, bytes] | None"]


@dataclass
class FakeServer:
    url: str
    seen: list[Seen] = field(default_factory=list)


@pytest.fixture
def fake_server() -> Iterator[Callable[[Respond], FakeServer]]:
    """Start a small HTTP server in a thread that answers as told."""
    servers: list[http.server.ThreadingHTTPServer] = []
    release = threading.Event()

    def start(respond: Respond) -> FakeServer:
        fake = FakeServer("")

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def handle_any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                parts = urlsplit(self.path)
                request = Seen(
                    self.command,
                    parts.path,
                    parse_qs(parts.query, keep_blank_values=True),
                    dict(self.headers.items()),
                    body,
                )
                fake.seen.append(request)
                answer = respond(request)
                if answer is None:
                    self.close_connection = True
                    return
                status, text = answer
                self.send_response(status)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(text)))
                self.end_headers()
                self.wfile.write(text)

            do_PUT = do_POST = do_GET = handle_any

            def log_message(self, format: str, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        fake.url = f"http://127.0.0.1:{server.server_address[1]}"
        return fake

    start.release = release  # type: ignore[attr-defined]
    yield start
    release.set()
    for server in servers:
        server.shutdown()
        server.server_close()


def forward(server: Server, request: Seen) -> tuple[int, bytes]:
    """Pass a request on to the real server; its status and body."""
    connection = http.client.HTTPConnection("127.0.0.1", int(server.url.rsplit(":", 1)[1]))
    query = urlencode(request.query, doseq=True)
    connection.request(
        request.method,
        f"{request.path}?{query}",
        body=request.body,
        headers={"Content-Type": request.headers["Content-Type"]},
    )
    response = connection.getresponse()
    answer = response.status, response.read()
    connection.close()
    return answer


# --- against a real Oxigraph server --------------------------------------------------------


def test_load_sends_every_named_graph_and_the_ontology(tmp_path: Path, oxigraph: Server) -> None:
    quads = small_dataset()
    report = load_graphs(write_trig(tmp_path / "graph.trig", quads), oxigraph.store_url)
    assert server_quads(oxigraph) == expected_quads(quads)
    names = shared_names(quads)
    assert [graph.iri for graph in report.graphs] == [
        ONTOLOGY_GRAPH,
        *ARTICLES,
        names[ENTITIES],
        names[RUN],
    ]
    assert re.fullmatch(rf"{ENTITIES}/[0-9a-f]{{16}}", names[ENTITIES])
    assert names[RUN] == RUN + names[ENTITIES].removeprefix(ENTITIES)
    assert report.triples == len(expected_quads(quads))
    assert report.endpoint == oxigraph.store_url


def test_loading_twice_changes_nothing(tmp_path: Path, oxigraph: Server) -> None:
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    load_graphs(source, oxigraph.url)  # the server's root means its /store
    first = server_quads(oxigraph)
    load_graphs(source, oxigraph.store_url)
    assert server_quads(oxigraph) == first


def test_a_changed_article_replaces_its_graph_and_nothing_else(
    tmp_path: Path, oxigraph: Server
) -> None:
    # Graphs kg does not own, and the default graph, must survive every load.
    foreign = ox.Quad(ox.NamedNode("http://example.org/s"), ox.NamedNode(LABEL), ox.Literal("x"))
    ox_put = ox.serialize([foreign.triple], format=ox.RdfFormat.N_TRIPLES) or b""
    for target in ("?graph=http%3A%2F%2Fexample.org%2Fother", "?default"):
        connection = http.client.HTTPConnection("127.0.0.1", int(oxigraph.url.rsplit(":", 1)[1]))
        connection.request(
            "PUT", f"/store{target}", body=ox_put, headers={"Content-Type": "application/n-triples"}
        )
        assert connection.getresponse().status in (201, 204)
        connection.close()
    before = server_quads(oxigraph)
    old = small_dataset("first")
    load_graphs(write_trig(tmp_path / "v1.trig", old), oxigraph.store_url)
    changed = ARTICLES[1]
    new = [q for q in old if q.graph_name != ox.NamedNode(changed)]
    new += [q for q in small_dataset("second") if q.graph_name == ox.NamedNode(changed)]
    load_graphs(write_trig(tmp_path / "v2.trig", new), oxigraph.store_url)
    after = server_quads(oxigraph)
    assert graph_rows(after, changed) == graph_rows(expected_quads(new), changed)
    assert graph_rows(after, changed) != graph_rows(expected_quads(old), changed)
    assert after - graph_rows(after, changed) == (
        (expected_quads(old) | before) - graph_rows(expected_quads(old), changed)
    )
    connection = http.client.HTTPConnection("127.0.0.1", int(oxigraph.url.rsplit(":", 1)[1]))
    connection.request("GET", "/store?default", headers={"Accept": "application/n-triples"})
    default = connection.getresponse().read()
    connection.close()
    assert default == ox_put


def test_update_endpoint_loads_the_same(tmp_path: Path, oxigraph: Server) -> None:
    quads = small_dataset()
    source = write_trig(tmp_path / "graph.trig", quads)
    report = load_graphs(source, oxigraph.update_url, protocol="update")
    assert report.protocol == "update"
    assert server_quads(oxigraph) == expected_quads(quads)
    load_graphs(source, oxigraph.update_url, protocol="update")
    assert server_quads(oxigraph) == expected_quads(quads)


def test_a_store_folder_loads_like_its_trig(tmp_path: Path, oxigraph: Server) -> None:
    quads = small_dataset()
    store = ox.Store(str(tmp_path / "store"))
    store.extend(quads)
    store.flush()
    del store
    load_graphs(tmp_path / "store", oxigraph.store_url, ontology=False)
    assert server_quads(oxigraph) == expected_quads(quads, ontology=False)


def test_a_read_only_server_refuses_cleanly(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "store"))
    store.extend(small_dataset())
    store.flush()
    del store
    with start_server(tmp_path / "store", bind=f"127.0.0.1:{free_port()}") as server:
        with pytest.raises(LoadError, match=r"HTTP 403 Forbidden: The server is read-only"):
            load_graphs(write_trig(tmp_path / "g.trig", small_dataset("x")), server.store_url)
        # The store as it was made, graph names and all.
        assert server_quads(server) == {
            (q.subject, q.predicate, q.object, q.graph_name) for q in small_dataset()
        }


def test_a_failure_midway_leaves_the_earlier_data(
    tmp_path: Path, oxigraph: Server, fake_server: Callable[[Respond], FakeServer]
) -> None:
    old = small_dataset("first")
    load_graphs(write_trig(tmp_path / "v1.trig", old), oxigraph.store_url)
    passed = 0

    def two_then_fail(request: Seen) -> tuple[int, bytes]:
        nonlocal passed
        if passed < 2:
            passed += 1
            return forward(oxigraph, request)
        return 500, b"disk full\nwhile writing"

    proxy = fake_server(two_then_fail)
    new = small_dataset("second")
    with pytest.raises(LoadError) as caught:
        load_graphs(write_trig(tmp_path / "v2.trig", new), f"{proxy.url}/store")
    assert caught.value.loaded == (ONTOLOGY_GRAPH, ARTICLES[0])
    message = str(caught.value)
    assert "HTTP 500" in message and "disk full / while writing" in message
    assert f"graph 3 of 6 (<{ARTICLES[1]}>) failed" in message
    assert "2 graphs were loaded before it" in message
    after = server_quads(oxigraph)
    assert graph_rows(after, ARTICLES[0]) == graph_rows(expected_quads(new), ARTICLES[0])
    names = shared_names(old)
    for graph in (*ARTICLES[1:], names[ENTITIES], names[RUN]):
        assert graph_rows(after, graph) == graph_rows(expected_quads(old), graph)


# --- failures, against fake servers --------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            (500, b"Internal error\nat line 2"),
            r"HTTP 500 Internal Server Error: Internal error / at",
        ),
        ((400, b"Parser error at line 1 between columns 3 and 9"), r"HTTP 400 Bad Request: Parser"),
        ((404, b"<html><body><h1>Not Found</h1></body></html>"), r"HTTP 404 Not Found: Not Found;"),
        (None, r"the server closed the connection without answering"),
    ],
)
def test_server_failures_give_one_clean_line(
    tmp_path: Path,
    fake_server: Callable[[Respond], FakeServer],
    capsys: pytest.CaptureFixture[str],
    answer: tuple[int, bytes] | None,
    expected: str,
) -> None:
    fake = fake_server(lambda request: answer)
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    with pytest.raises(LoadError, match=expected) as caught:
        load_graphs(source, f"{fake.url}/store")
    assert caught.value.loaded == ()
    assert "no graph was loaded before it, every other graph" in str(caught.value)
    assert main(["load", str(source), "--endpoint", f"{fake.url}/store"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kg: error: PUT http://127.0.0.1:")
    assert "Traceback" not in err


def test_a_failed_load_leaves_no_store_iterator_for_another_thread_to_drop(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The cause of a flaky test: a pyoxigraph iterator (unsendable) kept in load_graphs' frame,
    # which a failure's traceback keeps alive; when the garbage collector freed it on a fake
    # server's thread, pyoxigraph raised there. Here the failure dies on another thread at once.
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    answers = iter([(204, b""), (204, b"")])
    fake = fake_server(lambda request: next(answers, (500, b"full")))
    box: list[LoadError] = []
    try:
        load_graphs(write_trig(tmp_path / "g.trig", small_dataset()), f"{fake.url}/store")
    except LoadError as err:
        box.append(err)
    assert box and box[0].loaded == (ONTOLOGY_GRAPH, ARTICLES[0])
    thread = threading.Thread(target=box.clear)
    thread.start()
    thread.join()
    assert unraisable == []


def test_the_timeout_bounds_the_whole_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server that sends its answer a byte at a time never lets one read wait long."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def trickle() -> None:
        connection, _ = listener.accept()
        with connection:
            connection.recv(65536)
            answer = b"HTTP/1.1 204 No Content\r\nX-Slow: " + b"a" * 40 + b"\r\n\r\n"
            for byte in answer:  # 40 bytes at 0.1 s: 4 s in all, each read waits 0.1 s
                if stop.wait(0.1):
                    return
                with contextlib.suppress(OSError):
                    connection.sendall(bytes([byte]))

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/store"
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    try:
        code = main(["load", str(source), "--endpoint", url, "--timeout", "1", "--no-ontology"])
    finally:
        stop.set()
        thread.join()
        listener.close()
    assert code == 1
    err = capsys.readouterr().err
    assert "no whole answer within 1 s" in err and err.count("\n") == 1


def test_server_messages_with_newlines_and_escapes_stay_on_one_line(
    tmp_path: Path,
    fake_server: Callable[[Respond], FakeServer],
    capsys: pytest.CaptureFixture[str],
) -> None:
    fake = fake_server(lambda request: (500, b"bad\x1b[2J\x1b]0;owned\x07 \r\nthing"))
    source = write_trig(tmp_path / "graph\nname.trig", small_dataset())
    assert main(["load", str(source), "--endpoint", f"{fake.url}/store"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "\x1b" not in err and "\x07" not in err and "\\x1b[2J" in err


def test_no_answer_in_time(tmp_path: Path, fake_server: Callable[[Respond], FakeServer]) -> None:
    release: threading.Event = fake_server.release  # type: ignore[attr-defined]
    fake = fake_server(lambda request: release.wait(10) and None)
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    with pytest.raises(LoadError, match=r"no whole answer within 0.3 s"):
        load_graphs(source, f"{fake.url}/store", timeout=0.3)


def test_connection_refused(tmp_path: Path) -> None:
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    with pytest.raises(LoadError, match=r"connection refused; is the server running"):
        load_graphs(source, f"http://127.0.0.1:{free_port()}/store")


def test_every_put_names_one_graph(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer]
) -> None:
    fake = fake_server(lambda request: (204, b""))
    quads = small_dataset()
    load_graphs(write_trig(tmp_path / "graph.trig", quads), f"{fake.url}/store")
    assert [request.method for request in fake.seen] == ["PUT"] * 6
    assert [request.query for request in fake.seen] == [
        {"graph": [graph]}
        for graph in [ONTOLOGY_GRAPH, *ARTICLES, *sorted(shared_names(quads).values())]
    ]
    assert {request.headers["Content-Type"] for request in fake.seen} == {"application/n-triples"}
    sent = fake.seen[1].body.decode()
    assert f'<{ARTICLES[0]}#char=0,6> <{LABEL}> "Say \\"hi\\"\\n" .' in sent.splitlines()


@pytest.mark.parametrize("query", ["?graph=http://example.org/g", "?default", "?x=1&default="])
def test_an_endpoint_naming_a_graph_is_refused_before_sending(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer], query: str
) -> None:
    fake = fake_server(lambda request: (204, b""))
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    with pytest.raises(EndpointError, match=r"without \?graph= or \?default"):
        load_graphs(source, f"{fake.url}/store{query}")
    assert fake.seen == []


def test_graph_store_url_refuses_what_would_replace_other_graphs() -> None:
    assert graph_store_url("http://h/store", f"{ID}graph/run") == (
        "http://h/store?graph=https%3A%2F%2Fw3id.org%2Fkg-news%2Fid%2Fgraph%2Frun"
    )
    assert graph_store_url("http://h/store?a=1", "urn:x").endswith("?a=1&graph=urn%3Ax")
    for bad in ("", "relative/graph", "http://bad iri"):
        with pytest.raises(LoadError):
            graph_store_url("http://h/store", bad)
    with pytest.raises(LoadError):
        graph_store_url("http://h/store?default", "urn:x")


def test_update_requests_drop_and_insert_one_graph(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer]
) -> None:
    fake = fake_server(lambda request: (204, b""))
    load_graphs(write_trig(tmp_path / "g.trig", small_dataset()), fake.url, protocol="update")
    assert {(request.method, request.path) for request in fake.seen} == {("POST", "/update")}
    body = fake.seen[1].body.decode()
    assert body.startswith(
        f"DROP SILENT GRAPH <{ARTICLES[0]}> ;\nINSERT DATA {{ GRAPH <{ARTICLES[0]}>"
    )
    assert fake.seen[1].headers["Content-Type"].startswith("application/sparql-update")


@pytest.mark.parametrize("path", ["/query", "/ds/sparql", "/update"])
def test_a_query_service_is_not_a_graph_store(tmp_path: Path, path: str) -> None:
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    with pytest.raises(EndpointError, match="not a Graph Store endpoint"):
        load_graphs(source, f"http://127.0.0.1:1{path}")


# --- sources -------------------------------------------------------------------------------


def test_graph_ttl_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "graph.ttl"
    ox.serialize([q.triple for q in small_dataset()], str(path), format=ox.RdfFormat.TURTLE)
    with pytest.raises(GraphError, match=r"has no named graphs.*load graph.trig"):
        open_dataset(path)


def test_triples_outside_named_graphs_are_refused(tmp_path: Path) -> None:
    quads = [*small_dataset(), ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode(LABEL), ox.Literal("x"))]
    path = write_trig(tmp_path / "graph.trig", quads)
    with pytest.raises(GraphError, match="outside any named graph"):
        open_dataset(path)


def test_missing_source(tmp_path: Path) -> None:
    with pytest.raises(GraphError, match="no such file"):
        open_dataset(tmp_path / "nothing.trig")


# --- credentials ---------------------------------------------------------------------------


def test_a_token_from_the_environment_is_sent_and_never_shown(
    tmp_path: Path,
    fake_server: Callable[[Respond], FakeServer],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv(ENV_TOKEN, SECRET)
    fake = fake_server(lambda request: (401, f"bad token {SECRET[:4]}".encode()))
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    assert main(["load", str(source), "--endpoint", fake.url]) == 1
    assert fake.seen[0].headers["Authorization"] == f"Bearer {SECRET}"
    out = capsys.readouterr()
    assert SECRET not in out.err + out.out
    assert "HTTP 401" in out.err


def test_user_and_password_from_the_environment(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_TOKEN, raising=False)
    monkeypatch.setenv(ENV_USER, "ann")
    monkeypatch.setenv(ENV_PASSWORD, SECRET)
    fake = fake_server(lambda request: (204, b""))
    load_graphs(write_trig(tmp_path / "graph.trig", small_dataset()), fake.url)
    expected = "Basic " + base64.b64encode(f"ann:{SECRET}".encode()).decode()
    assert {request.headers["Authorization"] for request in fake.seen} == {expected}


def test_user_and_password_from_netrc(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (ENV_TOKEN, ENV_USER, ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login bob password {SECRET}\n")
    netrc.chmod(0o600)
    fake = fake_server(lambda request: (204, b""))
    load_graphs(write_trig(tmp_path / "graph.trig", small_dataset()), fake.url)
    expected = "Basic " + base64.b64encode(f"bob:{SECRET}".encode()).decode()
    assert fake.seen[0].headers["Authorization"] == expected


def test_no_credentials_no_header(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in (ENV_TOKEN, ENV_USER, ENV_PASSWORD):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    fake = fake_server(lambda request: (204, b""))
    load_graphs(write_trig(tmp_path / "graph.trig", small_dataset()), fake.url)
    assert "Authorization" not in fake.seen[0].headers


def test_credentials_in_the_url_are_refused_and_not_repeated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_trig(tmp_path / "graph.trig", small_dataset())
    url = f"http://ann:{SECRET}@127.0.0.1:1/store"
    with pytest.raises(EndpointError, match="credentials do not go in the URL") as caught:
        load_graphs(source, url)
    assert SECRET not in str(caught.value)
    assert main(["load", str(source), "--endpoint", url]) == 1
    assert SECRET not in capsys.readouterr().err
    assert redact(url) == "http://127.0.0.1:1/store"


@pytest.mark.parametrize("url", ["ftp://h/store", "http:///store", "store", "http://h:0/store"])
def test_unusable_urls(url: str) -> None:
    with pytest.raises(EndpointError):
        check_url(url)


# --- the sample articles, built once --------------------------------------------------------


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("samples")
    build([ROOT / "articles"], out)
    return out / "graph.trig"


def comparable(name: str, result: QueryResult) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """Sorted rows as text; ``entities`` joins its variants in no set order, so sort them."""
    rows = []
    for row in result.rows:
        cells = ["" if term is None else str(term) for term in row]
        if name == "entities":
            index = result.variables.index("variants")
            cells[index] = " | ".join(sorted(cells[index].strip('"').split(" | ")))
        rows.append(tuple(cells))
    return result.variables, sorted(rows)


@pytest.mark.integration
def test_the_samples_load_whole_and_twice(samples: Path, oxigraph: Server) -> None:
    # Every Oxigraph store keeps literals in canonical form (xsd:nonNegativeInteger becomes
    # xsd:integer, "+00:00" becomes "Z"), so the server is compared with the file in a store.
    quads = list(open_dataset(samples))
    assert len(quads) == len(list(ox.parse(path=str(samples), format=ox.RdfFormat.TRIG)))
    report = load_graphs(samples, oxigraph.store_url)
    assert len(report.graphs) == 5 + 2 + 1  # articles, entities, run, ontology
    on_server = server_quads(oxigraph)
    assert on_server == expected_quads(quads)
    count = len(on_server)
    load_graphs(samples, oxigraph.store_url)
    assert len(server_quads(oxigraph)) == count


@pytest.mark.integration
@pytest.mark.parametrize("ontology", [False, True])
def test_named_queries_give_the_same_rows_on_the_server(
    samples: Path, oxigraph: Server, ontology: bool
) -> None:
    load_graphs(samples, oxigraph.store_url, ontology=ontology)
    local = open_dataset(samples)
    if ontology:  # the same data as the server holds
        graph = ox.NamedNode(ONTOLOGY_GRAPH)
        local.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in ontology_triples())
    endpoint = Endpoint(oxigraph.url)
    cases: list[tuple[str, dict[str, str] | None]] = [
        (name, None) for name, query in named_queries().items() if not query.params
    ]
    moscow = f"{ID}entity/place/city_524901"
    cases += [("sources", {"entity": "Moscow"}), ("sources", {"entity": moscow})]
    cases += [("sources", {"entity": 'x" } ; DROP ALL #'})]
    for name, params in cases:
        expected = comparable(name, run_named_query(local, name, params=params))
        got = comparable(name, run_named_query(endpoint, name, params=params))
        assert got == expected, name
        if name != "sources" or params == {"entity": "Moscow"}:
            assert expected[1], f"{name} gives no rows on the samples"
    # The injection dropped nothing.
    assert len(server_quads(oxigraph)) == len(expected_quads(list(local), ontology=False))


@pytest.mark.integration
def test_cli_load_then_query_the_server(
    samples: Path, oxigraph: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["load", str(samples), "--endpoint", oxigraph.store_url]) == 0
    assert "8 graphs" in capsys.readouterr().err
    assert main(["query", "--name", "twins", str(samples)]) == 0
    from_file = capsys.readouterr().out
    assert main(["query", "--name", "twins", "--endpoint", oxigraph.url]) == 0
    assert capsys.readouterr().out == from_file


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two builds of different articles (three of the samples, and the other two)."""
    from kg.pipeline import build
    from kg.records import BuildOptions

    files = sorted((ROOT / "articles").glob("*.txt"))
    first, second = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("second")
    options = BuildOptions(workers=1, html=False)
    build(files[:3], first, options=options)
    build(files[3:], second, options=options)
    return first / "graph.trig", second / "graph.trig"


DESCRIBED = """
SELECT DISTINCT ?entity WHERE {
  GRAPH ?article { ?mention itsrdf:taIdentRef ?entity }
  FILTER NOT EXISTS { ?entity rdfs:label ?label ; a ?type }
}
"""


@pytest.mark.integration
def test_loading_two_builds_keeps_every_builds_entities_described(
    two_builds: tuple[Path, Path], oxigraph: Server
) -> None:
    first, second = two_builds
    endpoint = Endpoint(oxigraph.url)
    load_graphs(first, oxigraph.store_url)
    load_graphs(second, oxigraph.store_url)
    # Every entity any loaded article names still has its label and type.
    assert not run_query(endpoint, DESCRIBED).rows
    mentioned = run_query(
        endpoint, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?m itsrdf:taIdentRef ?e }"
    )
    entities_of = [
        {str(t.object) for t in open_dataset(trig) if t.predicate.value.endswith("taIdentRef")}
        for trig in (first, second)
    ]
    assert int(mentioned.rows[0][0].value) == len(entities_of[0] | entities_of[1])  # type: ignore[union-attr]
    # Which build said what: each article graph names the run that made it.
    runs = run_query(
        endpoint,
        "SELECT DISTINCT ?run WHERE { GRAPH ?article { ?article prov:wasGeneratedBy ?run . "
        "?run a kg:Run } }",
    )
    assert len(runs.rows) == 2


def pyoxigraph_iterators_in(error: BaseException) -> list[str]:
    """pyoxigraph objects tied to the thread that made them (iterators, query answers) that the
    frames of an error's traceback, and of its causes, keep alive."""
    store = ox.Store()
    tied = (
        type(store.quads_for_pattern(None, None, None)),  # QuadIter, not exported by pyoxigraph
        ox.QuerySolutions,
        ox.QueryTriples,
    )
    found = []
    seen: BaseException | None = error
    while seen is not None:
        tb = seen.__traceback__
        while tb is not None:
            for name, value in tb.tb_frame.f_locals.items():
                if isinstance(value, tied):
                    found.append(f"{tb.tb_frame.f_code.co_name}: {name}")
            tb = tb.tb_next
        seen = seen.__cause__ or seen.__context__
    return found


def test_a_failed_load_keeps_no_pyoxigraph_iterator_alive(
    tmp_path: Path, fake_server: Callable[[Respond], FakeServer]
) -> None:
    # A failed request's traceback holds the frames of load_graphs in a reference cycle. An
    # iterator there is freed by the cyclic garbage collector on whichever thread runs it (a
    # server's, in these tests), and pyoxigraph refuses that: "QuadIter is unsendable, but is
    # being dropped on another thread", an unraisable error that failed a later test at random.
    fake = fake_server(lambda request: (500, b"disk full"))
    source = write_trig(tmp_path / "g.trig", small_dataset())
    for protocol in ("graph-store", "update"):
        with pytest.raises(LoadError) as caught:
            load_graphs(source, fake.url, protocol=protocol, ontology=False)  # type: ignore[arg-type]
        assert pyoxigraph_iterators_in(caught.value) == []
