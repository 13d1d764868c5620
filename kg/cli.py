"""The ``kg`` command: parse arguments, call one library function, print.

Errors kg raises on purpose become one line on standard error and exit code 1; a build that had
to skip inputs exits 2 after writing everything it could.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.errors import KGError

EXIT_ERROR = 1
EXIT_SKIPPED = 2

BUILD_EXAMPLE = """\
examples:
  kg build articles/ -o out/
  kg build feed.jsonl page.html -o out/ --base https://news.example.org/kg/
  cat story.txt | kg build - -o out/ --quiet
"""
QUERY_EXAMPLE = """\
examples:
  kg query out/graph.ttl 'SELECT ?name WHERE { ?p a schema:Person ; rdfs:label ?name }'
  kg query out/graph.trig -f people.rq --format csv
  kg query out/graph.ttl 'SELECT ?m WHERE { ?m itsrdf:taIdentRef ?e . ?e rdfs:label ?l }' \\
      --param l=Moscow
  kg query --list
  kg query --name positions out/graph.ttl --format json
  kg query --name sources out/graph.ttl --param entity=Moscow

Prefixes rdf, rdfs, owl, xsd, skos, prov, schema, nif, itsrdf, kg, dcterms and role are
predeclared. --param NAME=VALUE binds ?NAME to VALUE (an IRI if it looks like one, else a string)
without pasting it into the query text. --name runs a query shipped with kg (--list shows them).
"""
VALIDATE_EXAMPLE = """\
examples:
  kg validate out/graph.ttl
  kg validate out/graph.trig --shapes my-shapes.ttl
"""


def _parser() -> argparse.ArgumentParser:
    from kg.iri import DEFAULT_BASE

    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build a provenance-rich RDF knowledge graph from news articles.",
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser(
        "build",
        help="build the graph of some articles",
        description="Read articles (.txt, .html, .jsonl, folders, - for stdin), remove page "
        "clutter, find and resolve entities, and write OUT/graph.ttl, OUT/graph.trig and "
        "OUT/report.json.",
        epilog=BUILD_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("paths", nargs="+", metavar="PATH", help="files, folders, or - for stdin")
    build.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    build.add_argument(
        "--model", default=None, help="an installed spaCy pipeline (default: en_core_web_sm)"
    )
    build.add_argument(
        "--base", default=DEFAULT_BASE, help=f"IRI namespace (default: {DEFAULT_BASE})"
    )
    build.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    build.add_argument(
        "--max-chars", type=int, default=1_000_000, help="skip longer articles (default: 1000000)"
    )
    build.add_argument("--batch-size", type=int, default=32, help="spaCy batch size (default: 32)")

    query = sub.add_parser(
        "query",
        help="run a SPARQL query over a graph file or store",
        description="Run a SPARQL query over a graph (.ttl, .trig, .nt, .nq) and print the result.",
        epilog=QUERY_EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    # GRAPH is optional only so that --list needs none; _cmd_query says when it is missing.
    query.add_argument("graph", nargs="?", metavar="GRAPH", help="a graph file or a store folder")
    query.add_argument("query", nargs="?", metavar="QUERY", help="the SPARQL query text")
    query.add_argument("-f", "--file", help="read the query from this .rq file")
    shipped = query.add_mutually_exclusive_group()
    shipped.add_argument("--name", metavar="NAME", help="run a query shipped with kg (see --list)")
    shipped.add_argument(
        "--list", action="store_true", help="list the queries shipped with kg and exit"
    )
    query.add_argument(
        "--format", default="table", choices=["table", "csv", "json", "tsv"], help="output format"
    )
    query.add_argument(
        "--param", action="append", default=[], metavar="NAME=VALUE", help="bind ?NAME to VALUE"
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
    return parser


def _cmd_build(args: argparse.Namespace) -> int:
    from kg.pipeline import build

    bar = None
    progress = None
    if not args.quiet and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=0, unit="article", desc="extract", file=sys.stderr)

        def progress(done: int, total: int) -> None:
            assert bar is not None
            bar.total = total
            bar.update(done - bar.n)

    try:
        report = build(
            args.paths,
            args.out,
            model=args.model,
            base=args.base,
            stdin=sys.stdin.buffer if "-" in args.paths else None,
            max_chars=args.max_chars,
            batch_size=args.batch_size,
            progress=progress,
        )
    finally:
        if bar is not None:
            bar.close()
    for skipped in report.skipped:
        print(f"kg: skipped {skipped}", file=sys.stderr)
    for warning in report.warnings:
        print(f"kg: warning: {warning}", file=sys.stderr)
    if not args.quiet:
        types = ", ".join(f"{n} {t}" for t, n in sorted(report.entities_by_type.items()))
        print(
            f"{report.articles} articles, {report.entities} entities ({types}), "
            f"{report.mentions} mentions -> {Path(args.out) / 'graph.ttl'}, graph.trig, "
            "report.json",
            file=sys.stderr,
        )
    if report.articles == 0:
        print("kg: no article could be read", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_SKIPPED if report.skipped else 0


def _cmd_query(args: argparse.Namespace) -> int:
    from kg.query import format_result, named_queries, run_named_query, run_query

    if args.list:
        if args.graph is not None or args.file is not None or args.param:
            raise KGError("kg query --list takes no GRAPH, QUERY, -f or --param")
        queries = named_queries()
        width = max(len(name) for name in queries)
        for name, named in queries.items():
            takes = "".join(f" (--param {param.name}=...)" for param in named.params)
            print(f"{name:<{width}}  {named.description}{takes}")
        return 0
    if args.graph is None:
        raise KGError(
            "give a GRAPH (a graph file or a store folder): kg query GRAPH QUERY, "
            "kg query --name NAME GRAPH, or kg query --list"
        )
    params = _query_params(args.param)
    if args.name is not None:
        if args.query is not None or args.file is not None:
            raise KGError(
                "--name runs a shipped query: give only GRAPH, without QUERY or -f "
                f"(kg query --name {args.name} GRAPH)"
            )
        result = run_named_query(args.graph, args.name, params=params)
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
    result = run_query(args.graph, text, params=params)
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


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kg`` command."""
    args = _parser().parse_args(argv)
    commands = {"build": _cmd_build, "query": _cmd_query, "validate": _cmd_validate}
    try:
        return commands[args.command](args)
    except KGError as err:
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
