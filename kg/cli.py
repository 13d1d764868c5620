"""The ``kg`` command: parse arguments, call one library function, print.

Errors kg raises on purpose become one line on standard error (control characters escaped) and
exit code 1; a build that had to skip inputs (files, lines or fields) exits 2 after writing
everything it could.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kg import __version__
from kg.errors import KGError, one_line

EXIT_ERROR = 1
EXIT_SKIPPED = 2

BUILD_EXAMPLE = """\
examples:
  kg build articles/ -o out/
  kg build feed.jsonl page.html -o out/ --base https://news.example.org/kg/
  cat story.txt | kg build - -o out/ --quiet
  kg build big/ -o out/ --workers 2 --no-html   # two worker processes
  kg build big/ -o out/ --dask tcp://scheduler:8786   # extraction on a Dask cluster
  kg build articles/ --store store/             # again later: only new or changed articles
  kg build more/ --store store/ -o out/         # add articles, then export the whole store
"""
QUERY_EXAMPLE = """\
examples:
  kg query out/graph.ttl 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'
  kg query out/graph.trig -f people.rq --format csv
  kg query out/graph.ttl 'SELECT ?m WHERE { ?m itsrdf:taIdentRef ?e . ?e rdfs:label ?l }' \\
      --param l=Vienna
  kg query --list
  kg query --name positions out/graph.ttl --format json
  kg query --name sources out/graph.ttl --param entity=Vienna
  kg query --endpoint http://127.0.0.1:7878/query --name positions

Prefixes rdf, rdfs, owl, xsd, skos, prov, schema, nif, itsrdf, kg, dcterms and role are
predeclared. --param NAME=VALUE binds ?NAME to VALUE (an IRI if it looks like one, else a string)
without pasting it into the query text. --name runs a query shipped with kg (--list shows them).
--endpoint URL sends the query to a SPARQL server (kg serve, kg load) instead of reading GRAPH.
"""
VALIDATE_EXAMPLE = """\
examples:
  kg validate out/graph.ttl
  kg validate out/graph.trig --shapes my-shapes.ttl
"""
LOAD_EXAMPLE = """\
examples:
  kg load out/graph.trig --endpoint http://127.0.0.1:7878/store
  kg load store/ --endpoint https://sparql.example.org/ds/data
  kg load out/graph.trig --update-endpoint http://127.0.0.1:7878/update

Each article's named graph, the graph of entities, the graph of the run and kg's ontology go in
one request each that replaces that graph only, so loading twice changes nothing. The shared
graphs go under names of their own build (.../graph/entities/KEY), so loading another build adds
to the first. Credentials:
KG_ENDPOINT_TOKEN (bearer), or KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD (basic), or ~/.netrc.
"""
REMOVE_EXAMPLE = """\
examples:
  kg remove store/ articles/003_88ad334c8a6afb43.txt
  kg remove store/ 004-ac96e4b3b8268ecb-55bde64c67 https://news.example.org/story.html

Each ARTICLE is an article id or the source (path or URL) it was built from. Its named graph and
records go; the other articles are resolved again and the graphs that change are rewritten.
"""
VIZ_EXAMPLE = """\
examples:
  kg viz out/graph.ttl -o graph.html
  kg viz out/graph.trig -o baerbock.html --focus "Annalena Baerbock" --hops 2
  kg viz out/graph.ttl -o people.html --types Person,Organization
  kg viz store/ -o reuters.html --source Reuters --max-nodes 500

--focus takes an IRI, a label or a variant; --types a comma-separated list (Organization includes
its subtypes); --source an article (IRI, id, file, URL or title) or a claimant (IRI or name).
Above --max-nodes (default 2000; 0 for no cap) the least connected nodes are left out.
"""
SERVE_EXAMPLE = """\
examples:
  kg serve store/
  kg serve store/ --bind 127.0.0.1:8080
  kg serve new-store/ --writable      # then: kg load out/graph.trig --endpoint .../store

Runs the oxigraph server (read-only unless --writable) until Ctrl-C; open its URL for YASGUI.
"""


MAIN_EXAMPLE = """\
examples:
  kg build articles/ -o out/
  kg query out/graph.ttl --name entities
  kg validate out/graph.trig

Each command's --help has its own examples. Exit codes: 0 all good; 1 an error (one line on
standard error, nothing written); 2 built, but some input, line or field was skipped.
"""


def _parser() -> argparse.ArgumentParser:
    from kg.iri import DEFAULT_BASE
    from kg.sparql import QUERY_FORMATS

    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a provenance-rich RDF knowledge graph from news articles.",
        epilog=MAIN_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="build the graph of some articles",
        description="Read articles (text, HTML, JSON Lines or JSON, told by content; folders; - "
        "for stdin), remove page "
        "clutter, find and resolve entities, and write OUT/graph.ttl, OUT/graph.trig, "
        "OUT/graph.html and OUT/report.json.",
        epilog=BUILD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    build.add_argument(
        "-o", "--out", default=None, help="output folder (default: out; none with --store)"
    )
    build.add_argument(
        "--store",
        metavar="DIR",
        default=None,
        help="keep the graph in this store folder and update it incrementally (created if missing)",
    )
    build.add_argument(
        "--model",
        action="append",
        default=[],
        metavar="[LANG=]PIPELINE",
        help="an installed spaCy pipeline, by package name or folder (default: en_core_web_sm); "
        "LANG=PIPELINE (repeatable, e.g. fr=fr_core_news_sm) extracts the articles detected in "
        "that language with that pipeline; articles in a language no pipeline covers are skipped",
    )
    build.add_argument(
        "--base", default=DEFAULT_BASE, help=f"IRI namespace (default: {DEFAULT_BASE})"
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.add_argument(
        "--max-chars", type=int, default=1_000_000, help="skip longer articles (default: 1000000)"
    )
    build.add_argument("--batch-size", type=int, default=32, help="spaCy batch size (default: 32)")
    build.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="processes for cleaning, extraction and making the graph (default: all cores)",
    )
    build.add_argument(
        "--dask",
        metavar="SCHEDULER",
        default=None,
        help="clean and extract on Dask: a scheduler's address (tcp://host:8786, its workers "
        "need kg and the model installed) or 'local' for a local cluster of --workers "
        "processes; needs pip install 'kg-news[dask]'",
    )
    build.add_argument("--no-html", action="store_true", help="do not write OUT/graph.html")
    build.add_argument(
        "--id",
        metavar="NAME",
        help="the name of the article read from - (stdin): a later build with the same --id "
        "replaces it (default: its content identifies it)",
    )

    query = sub.add_parser(
        "query",
        help="run a SPARQL query over a graph file or store",
        description="Run a SPARQL query over a graph (.ttl, .trig, .nt, .nq) and print the result.",
        epilog=QUERY_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # GRAPH is optional only so that --list needs none; _cmd_query says when it is missing.
    query.add_argument(
        "graph",
        nargs="?",
        metavar="GRAPH",
        help="a graph file, a store folder, or the folder of kg build -o",
    )
    query.add_argument("query", nargs="?", metavar="QUERY", help="the SPARQL query text")
    query.add_argument("-f", "--file", help="read the query from this .rq file")
    shipped = query.add_mutually_exclusive_group()
    shipped.add_argument("--name", metavar="NAME", help="run a query shipped with kg (see --list)")
    shipped.add_argument(
        "--list", action="store_true", help="list the queries shipped with kg and exit"
    )
    query.add_argument("--format", default="table", choices=QUERY_FORMATS, help="output format")
    query.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME to VALUE"
    )
    query.add_argument(
        "--endpoint",
        metavar="URL",
        help="query this SPARQL endpoint instead of GRAPH (Oxigraph: http://HOST:PORT/query)",
    )

    validate = sub.add_parser(
        "validate",
        help="check a graph against the SHACL shapes",
        description="Check a graph against ontology/shapes.ttl (pySHACL) and print violations.",
        epilog=VALIDATE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    validate.add_argument("graph", metavar="GRAPH", help="a graph file (.ttl, .trig, .nt, .nq)")
    validate.add_argument("--shapes", default=None, help="other SHACL shapes to use")

    viz = sub.add_parser(
        "viz",
        help="draw a graph as one self-contained HTML page",
        description="Write a graph (a file or a store) as an HTML page to explore in a browser: "
        "entities and events, the facts between them and the sentences behind each.",
        epilog=VIZ_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    viz.add_argument("graph", metavar="GRAPH", help="a graph file (.ttl, .trig, ...) or a store")
    viz.add_argument("-o", "--out", required=True, metavar="FILE.html", help="the page to write")
    viz.add_argument("--focus", metavar="LABEL_OR_IRI", help="only this node's neighbourhood")
    viz.add_argument(
        "--hops", type=int, default=None, metavar="N", help="neighbourhood radius (default: 1)"
    )
    viz.add_argument("--types", metavar="TYPE,...", help="only these types (Person,Organization)")
    viz.add_argument(
        "--source", metavar="ARTICLE_OR_CLAIMANT", help="only what one article or claimant says"
    )
    viz.add_argument(
        "--max-nodes",
        type=int,
        default=2000,
        metavar="N",
        help="keep the N most connected nodes (default: 2000; 0: all)",
    )
    viz.add_argument("--title", default=None, help="the page's title")

    load = sub.add_parser(
        "load",
        help="send a built graph to a SPARQL server, one named graph per article",
        description="Send each named graph of a build (graph.trig, graph.nq or a store folder) "
        "and kg's ontology to a SPARQL 1.1 server, each replacing its own graph.",
        epilog=LOAD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("source", metavar="GRAPH_OR_STORE", help="graph.trig, graph.nq or a store")
    target = load.add_mutually_exclusive_group(required=True)
    target.add_argument(
        "--endpoint", metavar="URL", help="Graph Store endpoint (Oxigraph: http://HOST:PORT/store)"
    )
    target.add_argument(
        "--update-endpoint",
        metavar="URL",
        help="SPARQL Update endpoint, for servers without the Graph Store protocol",
    )
    load.add_argument("--no-ontology", action="store_true", help="do not send kg's ontology")
    load.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds each whole request may take (default: 120)",
    )
    load.add_argument("--quiet", action="store_true", help="no progress bar or summary")

    remove = sub.add_parser(
        "remove",
        help="take articles out of a store",
        description="Drop articles from a store (kg build --store DIR) and update the rest.",
        epilog=REMOVE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    remove.add_argument("store", metavar="DIR", help="a store folder (kg build --store DIR)")
    remove.add_argument("articles", nargs="+", metavar="ARTICLE", help="article ids or sources")
    remove.add_argument("--quiet", action="store_true", help="no summary")

    serve = sub.add_parser(
        "serve",
        help="start a local SPARQL endpoint over a store",
        description="Start the oxigraph SPARQL server over a store folder and print its URL.",
        epilog=SERVE_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    serve.add_argument("store", metavar="DIR", help="a store folder (kg build --store DIR)")
    serve.add_argument(
        "--bind", default="127.0.0.1:7878", help="HOST:PORT to listen on (default: 127.0.0.1:7878)"
    )
    serve.add_argument(
        "--public", action="store_true", help="allow a --bind address other than loopback"
    )
    serve.add_argument(
        "--writable",
        action="store_true",
        help="take updates and kg load (locks the store; creates it if missing)",
    )
    return parser


def _count(n: int, noun: str) -> str:
    """``1 article``, ``2 articles``, ``1 entity``, ``0 entities``: a summary's counts."""
    if n == 1:
        return f"1 {noun}"
    return f"{n} {noun[:-1]}ies" if noun.endswith("y") else f"{n} {noun}s"


def _progress_bar(
    quiet: bool, *, unit: str, desc: str
) -> tuple[Any, Callable[[int, int], None] | None]:
    """A progress bar on a terminal (none when quiet or piped) and the callback that moves it."""
    if quiet or not sys.stderr.isatty():
        return None, None
    from tqdm import tqdm

    bar = tqdm(total=None, unit=unit, desc=desc, file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return bar, progress


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.language import split_models
    from kg.pipeline import build
    from kg.records import BuildOptions

    if args.workers < 1 or args.batch_size < 1:
        raise KGError("--workers and --batch-size take a number of 1 or more")
    if args.id is not None and ("-" not in args.paths or not args.id.strip()):
        raise KGError("--id names the article read from standard input: give - and a name")
    bar, progress = _progress_bar(args.quiet, unit="article", desc="extract")

    out = args.out if args.out is not None or args.store is not None else "out"
    try:
        model, languages = split_models(args.model)
        options = BuildOptions(
            model=model,
            languages=languages,
            base=args.base,
            max_chars=args.max_chars,
            batch_size=args.batch_size,
            workers=args.workers,
            dask=args.dask,
            html=not args.no_html,
        )
        report = build(
            args.paths,
            out,
            store=args.store,
            options=options,
            stdin=sys.stdin.buffer if "-" in args.paths else None,
            stdin_id=args.id,
            progress=progress,
        )
    finally:
        if bar is not None:
            bar.close()
    for skipped in report.skipped:
        said = "warning:" if skipped.kept else "skipped"
        print(f"kg: {said} {one_line(str(skipped))}", file=sys.stderr)
    for warning in report.warnings:
        print(f"kg: warning: {one_line(warning)}", file=sys.stderr)
    if not args.quiet and report.store is not None:
        change = report.store
        names = ", ".join(Path(name).name for name in report.outputs)
        exported = f" -> {Path(out)}/: {names}" if report.outputs else ""
        print(
            f"{_count(report.articles, 'article')} read ({len(change.added)} new, "
            f"{len(change.changed)} changed, {change.unchanged} unchanged); {change.path}: "
            f"{_count(change.articles, 'article')}, {_count(report.entities, 'entity')}, "
            f"{_count(len(change.written), 'graph')} written{exported}",
            file=sys.stderr,
        )
    elif not args.quiet:
        types = ", ".join(f"{n} {t}" for t, n in sorted(report.entities_by_type.items()))
        print(
            f"{_count(report.articles, 'article')}, {_count(report.entities, 'entity')} ({types}), "
            f"{_count(report.mentions, 'mention')} -> {Path(out) / 'graph.ttl'}, graph.trig, "
            f"{'' if args.no_html else 'graph.html, '}report.json",
            file=sys.stderr,
        )
    if report.articles == 0:
        print("kg: no article could be read", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_SKIPPED if report.skipped else 0


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_result, named_queries, run_named_query, run_query

    if args.list:
        if args.graph is not None or args.file is not None or args.param or args.endpoint:
            raise KGError("kg query --list takes no GRAPH, QUERY, -f, --param or --endpoint")
        queries = named_queries()
        width = max(len(name) for name in queries)
        for name, named in queries.items():
            takes = "".join(f" (--param {param.name}=...)" for param in named.params)
            print(f"{name:<{width}}  {named.description}{takes}")
        return 0
    graph: str | Endpoint | None = args.graph
    if args.endpoint is not None:
        from kg.endpoint import Endpoint

        if args.query is not None or (args.graph is not None and args.name is not None):
            raise KGError("give either GRAPH or --endpoint URL, not both")
        # With --endpoint there is no GRAPH: the one positional argument is the query.
        args.query, graph = args.graph, Endpoint(args.endpoint)
    if graph is None:
        raise KGError(
            "give a GRAPH (a graph file, a store folder or a kg build -o folder): "
            "kg query GRAPH QUERY, kg query --name NAME GRAPH, "
            "kg query --endpoint URL QUERY, or kg query --list"
        )
    params = _query_params(args.param)
    if args.name is not None:
        if args.query is not None or args.file is not None:
            raise KGError(
                "--name runs a shipped query: give only GRAPH, without QUERY or -f "
                f"(kg query --name {args.name} GRAPH)"
            )
        result = run_named_query(graph, args.name, params=params)
        sys.stdout.write(format_result(result, args.format))
        return 0
    if (args.query is None) == (args.file is None):
        raise KGError(
            "give the query either as text or with -f FILE.rq (one of the two), "
            "or a shipped one with --name NAME"
        )
    if args.file:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except OSError as err:
            raise KGError(f"{args.file}: cannot read the query: {err.strerror}") from err
    else:
        text = args.query
    result = run_query(graph, text, params=params)
    sys.stdout.write(format_result(result, args.format))
    return 0


def _query_params(items: Sequence[str]) -> dict[str, str]:
    params = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise KGError(f"--param {item!r}: write it as NAME=VALUE")
        params[name.lstrip("?$")] = value
    return params


def _cmd_validate(args: argparse.Namespace) -> int:
    from kg.validate import validate_graph

    report = validate_graph(args.graph, shapes=Path(args.shapes) if args.shapes else None)
    if report.conforms:
        print(f"{args.graph}: conforms to the shapes")
        return 0
    for violation in report.violations:
        print(violation)
    print(f"{args.graph}: {len(report.violations)} violations", file=sys.stderr)
    return EXIT_ERROR


def _cmd_viz(args: argparse.Namespace) -> int:
    from kg.viz import write_html

    if args.hops is not None and args.focus is None:
        raise KGError("--hops needs --focus LABEL_OR_IRI (the node to start from)")
    if args.max_nodes < 0:
        raise KGError(f"--max-nodes {args.max_nodes}: give 0 (no cap) or more")
    report = write_html(
        args.graph,
        args.out,
        focus=args.focus,
        hops=1 if args.hops is None else args.hops,
        types=args.types.split(",") if args.types is not None else None,
        source=args.source,
        max_nodes=args.max_nodes or None,
        title=args.title,
    )
    print(
        f"{report.path}: {report.nodes} nodes, {report.edges} edges "
        f"(the graph has {report.total_nodes} nodes)"
    )
    if report.dropped:
        print(
            f"left out: the {report.dropped} least connected of "
            f"{report.nodes + report.dropped} nodes (--max-nodes {args.max_nodes}); "
            "raise it or narrow with --focus, --types or --source"
        )
    return 0


def _cmd_load(args: argparse.Namespace) -> int:
    from kg.load import load_graphs

    bar, progress = _progress_bar(args.quiet, unit="graph", desc="load")

    try:
        report = load_graphs(
            args.source,
            args.endpoint or args.update_endpoint,
            protocol="graph-store" if args.endpoint else "update",
            ontology=not args.no_ontology,
            timeout=args.timeout,
            progress=progress,
        )
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        print(
            f"{len(report.graphs)} graphs, {report.triples} triples -> {report.endpoint}",
            file=sys.stderr,
        )
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from kg.store import remove_articles

    update = remove_articles(args.store, args.articles)
    if not args.quiet:
        print(
            f"removed {_count(len(update.removed), 'article')} from {update.path} "
            f"({update.articles} left), {_count(len(update.written), 'graph')} rewritten",
            file=sys.stderr,
        )
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import start_server, stop_on_signals

    # Ctrl-C, a plain kill or a closed terminal stop the server with kg (and if kg is killed
    # outright, the server stops itself: kg.serve).
    stop_on_signals()
    server = start_server(args.store, bind=args.bind, writable=args.writable, public=args.public)
    try:
        print(f"SPARQL endpoint: {server.query_url}", flush=True)
        print(f"Graph Store:     {server.store_url}", flush=True)
        if server.writable:
            print(f"SPARQL Update:   {server.update_url}", flush=True)
        print(f"YASGUI:          {server.url}/", flush=True)
        mode = "read-write" if server.writable else "read-only"
        print(f"kg: serving {args.store} ({mode}); Ctrl-C stops", file=sys.stderr, flush=True)
        code = server.wait()
        message = " ".join(server.log().split()[-40:])
    except KeyboardInterrupt:
        server.stop()
        print("kg: server stopped", file=sys.stderr)
        return 0
    finally:
        server.stop()
    raise KGError(f"the oxigraph server stopped with exit code {code}: {message}")


def default_cache_dir() -> str | None:
    """Where the ``kg`` command lets the gazetteer cache its indexes unless ``KG_CACHE_DIR``
    says otherwise: ``$XDG_CACHE_HOME/kg`` or ``~/.cache/kg`` (``None``: no home to name)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return None if base.startswith("~") else os.path.join(base, "kg")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` command."""
    args = _parser().parse_args(argv)
    if "KG_CACHE_DIR" not in os.environ and (cache := default_cache_dir()) is not None:
        # The command, not the library, chooses to cache (worker processes inherit it).
        os.environ["KG_CACHE_DIR"] = cache
    commands = {
        "build": _cmd_build,
        "query": _cmd_query,
        "validate": _cmd_validate,
        "load": _cmd_load,
        "serve": _cmd_serve,
        "remove": _cmd_remove,
        "viz": _cmd_viz,
    }
    try:
        return commands[args.command](args)
    except KGError as err:
        print(f"kg: error: {one_line(str(err))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Whoever read the output stopped (kg query ... | head): end quietly, as cat does, with
        # the shell's code for SIGPIPE; stdout goes to /dev/null so the final flush cannot fail.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 128 + 13
