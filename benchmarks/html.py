"""How long graph.html takes to settle in headless Chromium, by graph size.

Builds synthetic graphs in the shape :func:`kg.viz.to_networkx` returns (entities with labels,
types, mentions and variants; relations with evidence sentences), writes each with
:func:`kg.viz.write_html`, opens it from ``file://`` in Debian's headless Chromium with every
outside request blocked, and times it until the page says its network is stable
(``document.body.dataset.stabilized == "true"``). Prints one JSON line per size::

    python -m benchmarks.html
    python -m benchmarks.html --sizes 100 1000 --repeat 1
    python -m benchmarks.html --page out/graph.trig     # the page step of a build, no browser

Times are from the start of navigation (``performance.now()`` in the page): ``load_s`` is the
load event, ``stable_s`` the moment the page marked itself stable (physics stopped, or the first
drawing of precomputed positions above ``kg.viz.PHYSICS_MAX_NODES``), ``load_to_stable_s`` the
difference (0 when the page was stable by its load event). Medians of ``--repeat`` fresh loads.
The browser set-up here (:func:`launch_chromium`, :func:`open_graph_page`) is the one the browser
tests use, so the benchmark and the tests see the same page.

``--page TRIG`` measures instead what ``kg viz TRIG`` costs on a built corpus, in a fresh
process: ``load_s`` parsing the TriG into an in-memory Oxigraph store (as builds did before they
drew the page from their records; :mod:`benchmarks.page` measures both ways),
``write_html_s`` the page itself, and the process's peak memory (``peak_rss_mb``) beside the
memory after the imports (``base_rss_mb``).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from playwright.sync_api import (
        Browser,
        ConsoleMessage,
        Dialog,
        Page,
        Playwright,
        Route,
        WebSocketRoute,
    )

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google's hosts, which
# this machine's closed network refuses; Playwright adds --headless and a fresh --user-data-dir.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no host name resolves, whatever Playwright's router misses.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
SIZES = (100, 1_000, 5_000)
# Records the moment the page marks itself stable, so polling adds nothing to the time.
STABLE_PROBE = """
(() => {
  const seen = () => {
    if (window.__kgStableAt === undefined && document.body
        && document.body.dataset.stabilized === "true") {
      window.__kgStableAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, {
    attributes: true, subtree: true, attributeFilter: ["data-stabilized"],
  });
  document.addEventListener("DOMContentLoaded", seen);
})();
"""

# Shares of the types, about as in the samples.
TYPES = (
    ("Person", 0.35),
    ("Country", 0.1),
    ("City", 0.15),
    ("GovernmentOrganization", 0.12),
    ("NewsMediaOrganization", 0.08),
    ("Organization", 0.1),
    ("Event", 0.1),
)
RELATIONS = ("holds position", "participated in", "claimed", "about", "part of", "country")
BASE = "https://example.org/kg/"


class ChromiumMissing(RuntimeError):
    """Debian's chromium is not installed."""


def launch_chromium(playwright: Playwright) -> Browser:
    """Start Debian's Chromium headless, with the flags this machine needs.

    Raises:
        ChromiumMissing: ``/usr/bin/chromium`` is not there.
    """
    if not CHROMIUM.exists():
        raise ChromiumMissing(
            f"{CHROMIUM} not found: the browser tests and benchmarks drive Debian's chromium "
            "(`make test` installs it; or `apt-get install chromium`)"
        )
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS)
    )


@dataclass
class PageLog:
    """What a page did besides drawing: requests, console errors, uncaught errors, dialogs."""

    outside_requests: list[str] = field(default_factory=list)
    file_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@contextmanager
def open_graph_page(
    browser: Browser,
    path: Path,
    *,
    timeout_s: float = 120,
    viewport: tuple[int, int] = (1280, 900),
) -> Iterator[tuple[Page, PageLog]]:
    """Open ``path`` from ``file://`` with outside requests blocked; wait until it is stable.

    Every request that is not ``file://`` or ``data:`` is aborted and recorded, console errors,
    uncaught errors and dialogs (dismissed) are recorded in the :class:`PageLog`.
    """
    log = PageLog()
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, service_workers="block"
    )

    def record(url: str) -> None:
        if url.startswith("file://"):
            log.file_requests.append(url)
        elif not url.startswith(("data:", "blob:")):
            log.outside_requests.append(url)

    def route(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def web_socket(socket: WebSocketRoute) -> None:
        record(socket.url)
        socket.close()

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            log.console_errors.append(message.text)

    def dialog(dialog: Dialog) -> None:
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.on("request", lambda request: record(request.url))
    context.route("**/*", route)
    context.route_web_socket("**/*", web_socket)
    context.add_init_script(STABLE_PROBE)
    page = context.new_page()
    page.on("console", console)
    page.on("pageerror", lambda error: log.page_errors.append(str(error)))
    page.on("dialog", dialog)
    try:
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=timeout_s * 1000)
        # Polled from here: wait_for_function evaluates its predicate with eval, which the
        # page's Content Security Policy forbids (and should).
        deadline = time.monotonic() + timeout_s
        while page.evaluate("window.__kgStableAt") is None:
            if time.monotonic() > deadline:
                raise TimeoutError(
                    f"{path} not stable after {timeout_s} s (page errors: {log.page_errors}; "
                    f"console errors: {log.console_errors})"
                )
            page.wait_for_timeout(50)
        yield page, log
    finally:
        context.close()


def synthetic_graph(entities: int, *, seed: int = 0) -> nx.MultiDiGraph:
    """A graph shaped like :func:`kg.viz.to_networkx`'s: ``entities`` nodes, about 2 edges each.

    Degrees follow a power law (Barabási-Albert), as in news: a few entities are everywhere.
    """
    import networkx as nx

    rng = random.Random(seed)
    skeleton = nx.barabasi_albert_graph(entities, 2, seed=seed) if entities > 2 else nx.Graph()
    skeleton.add_nodes_from(range(entities))
    names = [t for t, _ in TYPES]
    weights = [w for _, w in TYPES]
    graph = nx.MultiDiGraph()
    iris = []
    for i in range(entities):
        kind = rng.choices(names, weights)[0]
        iri = f"{BASE}entity/{kind.lower()}/e{i:05d}"
        iris.append(iri)
        label = f"{kind} {i}"
        graph.add_node(
            iri,
            label=label,
            type=kind,
            mentions=1 + int(rng.paretovariate(1.5)),
            articles=1 + rng.randrange(5),
            variants=[label, f"{label} (alias)"],
            same_as=[],
        )
    for u, v in skeleton.edges():
        relation = rng.choice(RELATIONS)
        count = 1 + rng.randrange(3)
        evidence = [
            {
                "sentence": f"{graph.nodes[iris[u]]['label']} {relation} "
                f"{graph.nodes[iris[v]]['label']}, sentence {k}.",
                "article": f"{BASE}article/a{rng.randrange(10_000):05d}",
                "title": f"Story {rng.randrange(10_000)}",
                "source": f"https://news.example.org/{rng.randrange(100)}",
            }
            for k in range(count)
        ]
        graph.add_edge(
            iris[u], iris[v], key=relation, relation=relation, evidence=evidence, count=count
        )
    return graph


def measure(browser: Browser, entities: int, *, repeat: int, workdir: Path) -> dict[str, Any]:
    """Write a synthetic graph of ``entities`` and time its page ``repeat`` times."""
    from kg.viz import write_html

    graph = synthetic_graph(entities)
    out = workdir / f"graph-{entities}.html"
    t0 = time.perf_counter()
    report = write_html(graph, out, max_nodes=max(entities, 1))
    write_s = time.perf_counter() - t0
    loads, stables = [], []
    for _ in range(repeat):
        with open_graph_page(browser, out, timeout_s=600) as (page, log):
            if log.outside_requests or log.page_errors:
                raise RuntimeError(f"page misbehaved: {log}")
            timing = page.evaluate(
                """() => ({
                    load: performance.getEntriesByType("navigation")[0].loadEventEnd,
                    stable: window.__kgStableAt,
                })"""
            )
        loads.append(timing["load"] / 1000)
        stables.append(timing["stable"] / 1000)
    load_s, stable_s = statistics.median(loads), statistics.median(stables)
    return {
        "entities": entities,
        "nodes": report.nodes,
        "edges": report.edges,
        "html_mb": round(out.stat().st_size / 1e6, 2),
        "write_html_s": round(write_s, 2),
        "load_s": round(load_s, 2),
        "stable_s": round(stable_s, 2),
        "load_to_stable_s": round(max(stable_s - load_s, 0.0), 2),
        "runs": repeat,
    }


def _page_step(trig: str, out: str) -> dict[str, Any]:
    """The html step of a build, timed (runs in a fresh process)."""
    import resource

    import pyoxigraph as ox

    from kg.viz import write_html

    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=trig, format=ox.RdfFormat.TRIG)
    load_s = time.perf_counter() - t0
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    report = write_html(store, out)
    write_s = time.perf_counter() - t0
    return {
        "quads": len(store),
        "nodes": report.nodes,
        "edges": report.edges,
        "co_mentions": report.co_mentions,
        "total_nodes": report.total_nodes,
        "load_s": round(load_s, 2),
        "write_html_s": round(write_s, 2),
        "page_s": round(load_s + write_s, 2),
        "base_rss_mb": round(base, 1),
        "loaded_rss_mb": round(loaded, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "html_mb": round(Path(out).stat().st_size / 1e6, 2),
    }


def measure_page(trig: Path) -> dict[str, Any]:
    """:func:`_page_step` in a fresh process, so that its memory is the page's alone."""
    import multiprocessing

    with tempfile.TemporaryDirectory() as tmp:
        context = multiprocessing.get_context("spawn")
        with context.Pool(1) as pool:
            return pool.apply(_page_step, (str(trig), str(Path(tmp) / "graph.html")))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.html", description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3, help="page loads per size (median)")
    parser.add_argument("--page", type=Path, metavar="TRIG", help="time the html step on a build")
    args = parser.parse_args(argv)
    if args.page is not None:
        print(json.dumps({"trig": str(args.page), **measure_page(args.page)}), flush=True)
        return 0
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        try:
            browser = launch_chromium(playwright)
        except ChromiumMissing as err:
            print(f"benchmarks.html: {err}", file=sys.stderr)
            return 1
        try:
            for entities in args.sizes:
                row = measure(browser, entities, repeat=args.repeat, workdir=Path(tmp))
                print(json.dumps(row), flush=True)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
