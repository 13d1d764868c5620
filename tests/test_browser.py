"""graph.html in a real browser: Debian's headless Chromium, from file://, with the network blocked.

The pages are checked by what the browser does (requests made, console errors, code run, text
shown), not by reading the HTML. `make test` installs chromium; without it these tests fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from benchmarks.html import PageLog, open_graph_page, synthetic_graph
from benchmarks.quality import SEEDS
from kg.query import run_query

if TYPE_CHECKING:
    from collections.abc import Iterator

    import networkx as nx
    from playwright.sync_api import Browser, Page

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def click_node(page: Page, node: str) -> None:
    """Click a node with the mouse, at the point where the page draws it."""
    point = page.evaluate(
        """(id) => {
            network.focus(id, {scale: 1.5, animation: false});
            network.redraw();
            const canvas = network.body.container.querySelector("canvas");
            const box = canvas.getBoundingClientRect();
            const dom = network.canvasToDOM(network.getPositions([id])[id]);
            const x = box.left + dom.x, y = box.top + dom.y;
            const top = document.elementFromPoint(x, y) === canvas;
            return {x, y, top, at: network.getNodeAt(dom)};
        }""",
        node,
    )
    assert point["at"] == node, f"another node is drawn over {node}"
    assert point["top"], f"something covers {node} on the page"
    page.mouse.click(point["x"], point["y"])


def node_ids(page: Page, label: str) -> list[str]:
    return page.evaluate(
        "(label) => kgNodes.get({filter: (n) => n.label === label}).map((n) => n.id)", label
    )


def assert_clean(log: PageLog) -> None:
    assert log.outside_requests == []
    assert log.console_errors == []
    assert log.page_errors == []
    assert log.dialogs == []


# The bundled samples ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    """The samples built as `kg build` does, which writes graph.html beside graph.ttl."""
    from kg.pipeline import build
    from kg.viz import to_networkx

    out = tmp_path_factory.mktemp("samples")
    assert build([SEEDS], out).ok
    assert (out / "graph.html").is_file()
    return out / "graph.html", to_networkx(out / "graph.ttl")


@pytest.fixture(scope="module")
def samples_page(
    browser: Browser, samples: tuple[Path, nx.MultiDiGraph]
) -> Iterator[tuple[Page, PageLog]]:
    with open_graph_page(browser, samples[0]) as opened:
        yield opened


def test_samples_load_offline_without_errors(
    samples_page: tuple[Page, PageLog], samples: tuple[Path, nx.MultiDiGraph]
) -> None:
    page, log = samples_page
    assert page.evaluate("document.body.dataset.stabilized") == "true"
    assert_clean(log)
    assert set(log.file_requests) == {samples[0].resolve().as_uri()}


def test_samples_show_every_node_and_edge(
    samples_page: tuple[Page, PageLog], samples: tuple[Path, nx.MultiDiGraph]
) -> None:
    page, _ = samples_page
    _, graph = samples
    nodes, edges = page.evaluate("[kgNodes.length, kgEdges.length]")
    assert (nodes, edges) == (graph.number_of_nodes(), graph.number_of_edges())
    # The nodes are the graph's entities and events, counted here by SPARQL, not by kg.viz.
    things = run_query(
        samples[0].parent / "graph.ttl",
        "SELECT DISTINCT ?x WHERE { { ?x kg:mentionCount ?n } UNION { ?x a schema:Event } }",
    )
    assert set(page.evaluate("kgNodes.getIds()")) == {row[0].value for row in things.rows}
    assert page.inner_text("#kg-stats").strip() == f"{nodes} nodes, {edges} edges"
    labels = set(page.evaluate("kgNodes.map((n) => n.label)"))
    assert {"Hulusi Akar", "Ali Mahmoud Abbas", "Moscow", "SANA"} <= labels


def test_clicking_a_node_shows_its_evidence(
    samples_page: tuple[Page, PageLog], artifacts: Path
) -> None:
    page, log = samples_page
    (akar,) = node_ids(page, "Hulusi Akar")
    click_node(page, akar)
    evidence = page.locator("#kg-panel .kg-evidence")
    evidence.first.wait_for(state="visible", timeout=5_000)
    sentences = evidence.all_inner_texts()
    assert sentences
    assert any("Akar" in sentence for sentence in sentences)
    assert page.evaluate("network.getSelectedNodes()") == [akar]
    assert page.inner_text("#kg-panel h2") == "Hulusi Akar"
    page.screenshot(path=str(artifacts / "graph.png"))
    assert_clean(log)


def test_a_capped_page_says_what_it_left_out(
    browser: Browser, tmp_path: Path, artifacts: Path
) -> None:
    from kg.viz import write_html

    report = write_html(synthetic_graph(300, seed=4), tmp_path / "graph.html", max_nodes=100)
    assert (report.nodes, report.total_nodes) == (100, 300)
    with open_graph_page(browser, tmp_path / "graph.html") as (page, log):
        nodes, edges = page.evaluate("[kgNodes.length, kgEdges.length]")
        stats = page.inner_text("#kg-stats")
        page.screenshot(path=str(artifacts / "graph-capped.png"))
    assert_clean(log)
    assert (nodes, edges) == (report.nodes, report.edges)
    assert stats.startswith(f"{nodes} nodes, {edges} edges")
    assert "showing 100 of 300 entities" in stats


# A hostile article -----------------------------------------------------------------------------

IMG = "<img src=x onerror=window.__pwned=1>"
SCRIPT = "</script><script>window.__pwned=2</script>"
SVG = "<svg onload=window.__pwned=3>"
QUOTES = '"); window.__pwned=4; //'
BACKSLASHES = "it\\'s a \\\\ test \\"
PUBLISHER = "<img src=y onerror=window.__pwned=5>"
TITLE = '<script>window.__pwned=6</script>Akar "meets" O\'Brien \\'
URL = 'https://news.example.org/a?x="><script>window.__pwned=7</script>'
HOSTILE_TXT = f"""Turkish Defense Minister Hulusi Akar met Syrian Defense Minister Ali Mahmoud Abbas in Moscow.
Officials said "{IMG}" was painted on the wall, according to Hulusi Akar.
Russian Foreign Minister Sergei Lavrov said the note read {SCRIPT} and '{BACKSLASHES}'.
Turkish Defense Minister Hulusi Akar said "{SVG}" and "{QUOTES}" meant nothing.
The talks will continue next month, the ministry said.
"""  # noqa: E501 (the last line keeps the one before it from looking like clutter to the cleaner)
HOSTILE_JSONL = {
    "text": "Turkish Defense Minister Hulusi Akar met journalist John O'Brien in Ankara on Monday. "
    f'John O\'Brien said "</textarea>{IMG}" was the message.',
    "title": TITLE,
    "publisher": PUBLISHER,
    "url": URL,
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    import json

    from kg.pipeline import build
    from kg.viz import to_networkx

    articles = tmp_path_factory.mktemp("hostile-articles")
    (articles / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (articles / "feed.jsonl").write_text(json.dumps(HOSTILE_JSONL) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    report = build([articles], out)
    assert report.ok, report.skipped
    return out / "graph.html", to_networkx(out / "graph.ttl")


def pwned(page: Page) -> Any:
    return page.evaluate("window.__pwned")


def test_hostile_article_runs_no_injected_code(
    browser: Browser, hostile: tuple[Path, nx.MultiDiGraph], artifacts: Path
) -> None:
    path, graph = hostile
    (publisher,) = [n for n, label in graph.nodes(data="label") if label == PUBLISHER]
    panels, tooltips = [], []
    with open_graph_page(browser, path) as (page, log):
        assert pwned(page) is None
        # Every node: the mouse rests on it (tooltip), then clicks it (panel).
        for node in [*page.evaluate("kgNodes.getIds()"), publisher]:
            click_node(page, node)
            page.wait_for_timeout(250)
            panels.append(page.inner_text("#kg-panel"))
            tooltip = page.locator("div.vis-tooltip")
            tooltips.append(tooltip.inner_text() if tooltip.is_visible() else "")
            assert pwned(page) is None, f"clicking {node} ran injected code"
        heading = page.inner_text("#kg-panel h2")
        page.screenshot(path=str(artifacts / "graph-hostile.png"))
        # Every article and claimant in the filter.
        options = page.eval_on_selector_all(
            "#kg-source option", "(options) => options.map((o) => [o.value, o.textContent])"
        )
        for value, _ in options:
            page.select_option("#kg-source", value)
        page.locator("#kg-search").fill(IMG)
        page.locator("#kg-search").press("Enter")
        page.wait_for_timeout(100)
        searched = page.inner_text("#kg-panel")
        assert pwned(page) is None
    assert_clean(log)  # a payload the CSP blocked would show as a console error
    assert set(log.file_requests) == {path.resolve().as_uri()}, "an injected <img> loaded"
    # The payloads are there, as text.
    assert heading == PUBLISHER
    assert PUBLISHER in "\n".join(tooltips)
    shown = "\n".join(panels)
    for payload in (IMG, SCRIPT, SVG, QUOTES, BACKSLASHES, TITLE):
        assert payload in shown, f"{payload!r} is not shown as text"
    assert TITLE in [text for _, text in options]
    assert IMG in searched
