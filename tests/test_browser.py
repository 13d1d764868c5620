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
    if page.evaluate("(id) => Boolean(kgNodes.get(id).hidden)", node):
        page.check("#kg-isolated")  # a node without a link waits behind this box
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
    nodes = page.evaluate("kgNodes.length")
    edges = page.evaluate("kgEdges.get({filter: (e) => e.layer === 'fact'}).length")
    co = page.evaluate("kgEdges.get({filter: (e) => e.layer === 'co'}).length")
    assert (nodes, edges) == (graph.number_of_nodes(), graph.number_of_edges())
    assert co > 0
    # The nodes are the graph's entities and events, counted here by SPARQL, not by kg.viz.
    things = run_query(
        samples[0].parent / "graph.ttl",
        "SELECT DISTINCT ?x WHERE { { ?x kg:mentionCount ?n } UNION { ?x a schema:Event } }",
    )
    assert set(page.evaluate("kgNodes.getIds()")) == {row[0].value for row in things.rows}
    assert page.inner_text("#kg-stats").strip() == (
        f"{nodes} nodes, {edges} edges, {co} appears-with links"
    )
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
        nodes = page.evaluate("kgNodes.length")
        edges = page.evaluate("kgEdges.get({filter: (e) => e.layer === 'fact'}).length")
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


# The controls, at two widths -------------------------------------------------------------------

WIDTHS = [1024, 1440]


@pytest.fixture(params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def controls_page(
    request: pytest.FixtureRequest, browser: Browser, samples: tuple[Path, nx.MultiDiGraph]
) -> Iterator[tuple[Page, PageLog]]:
    """A fresh samples page for each test, at 1,024 and at 1,440 px."""
    with open_graph_page(browser, samples[0], viewport=(request.param, 860)) as opened:
        yield opened
        assert_clean(opened[1])


def shown(page: Page) -> list[str]:
    return page.evaluate("kgNodes.get({filter: (n) => !n.hidden}).map((n) => n.id)")


def fits(page: Page) -> int:
    return int(page.evaluate("document.body.dataset.fits || 0"))


def outside_view(page: Page) -> list[str]:
    """The shown nodes whose centre is drawn outside the graph's canvas."""
    return page.evaluate(
        """() => {
            const canvas = network.body.container.querySelector("canvas");
            const box = canvas.getBoundingClientRect();
            const ids = kgNodes.get({filter: (n) => !n.hidden}).map((n) => n.id);
            const at = network.getPositions(ids);
            return ids.filter((id) => {
                const p = network.canvasToDOM(at[id]);
                return p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height;
            });
        }"""
    )


def assert_refitted(page: Page, before: int) -> None:
    assert fits(page) > before, "the view was not fitted again"
    assert outside_view(page) == []


def test_fit_brings_every_shown_node_back_into_view(controls_page: tuple[Page, PageLog]) -> None:
    page, _ = controls_page
    assert outside_view(page) == []  # the first view fits too
    page.evaluate("network.moveTo({position: {x: 5000, y: 5000}, scale: 4})")
    assert outside_view(page)
    before = fits(page)
    page.click("#kg-fit")
    assert_refitted(page, before)


@pytest.mark.parametrize("control", ["article", "claimant", "type", "layer", "isolated"])
def test_every_filter_refits_the_view(controls_page: tuple[Page, PageLog], control: str) -> None:
    page, _ = controls_page
    page.evaluate("network.moveTo({position: {x: 5000, y: 5000}, scale: 4})")
    before, count = fits(page), len(shown(page))
    if control in ("article", "claimant"):
        group = "Articles" if control == "article" else "Claimants"
        value = page.eval_on_selector(
            f'#kg-source optgroup[label="{group}"] option', "(option) => option.value"
        )
        page.select_option("#kg-source", value)
    elif control == "type":
        if page.locator("#kg-types").is_hidden():
            page.click("#kg-toggle-side")
            before = fits(page)
        page.locator("#kg-types input[value=Person]").uncheck()
        assert node_ids(page, "Hulusi Akar")[0] not in shown(page)
    elif control == "layer":
        page.evaluate("document.getElementById('kg-layer-co').click()")
    else:
        page.evaluate("document.getElementById('kg-isolated').click()")
    assert_refitted(page, before)
    assert len(shown(page)) != count


def test_search_selects_focuses_and_is_one_key_away(controls_page: tuple[Page, PageLog]) -> None:
    page, _ = controls_page
    (akar,) = node_ids(page, "Hulusi Akar")
    page.locator("#kg-canvas").click(position={"x": 5, "y": 5})
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "kg-search"
    page.keyboard.type("hulusi")
    page.keyboard.press("Enter")
    assert page.evaluate("network.getSelectedNodes()") == [akar]
    assert page.inner_text("#kg-panel h2") == "Hulusi Akar"
    assert outside_view(page) == [] or akar not in outside_view(page)
    page.keyboard.press("Escape")
    assert page.evaluate("network.getSelectedNodes()") == []


def test_selecting_a_node_dims_all_but_it_and_its_neighbours(
    controls_page: tuple[Page, PageLog], samples: tuple[Path, nx.MultiDiGraph]
) -> None:
    page, _ = controls_page
    _, graph = samples
    (akar,) = node_ids(page, "Hulusi Akar")
    click_node(page, akar)
    opacity = dict(page.evaluate("kgNodes.map((n) => [n.id, n.opacity])"))
    near = {akar, *graph.successors(akar), *graph.predecessors(akar)}
    assert {n for n, o in opacity.items() if o == 1} == near & set(shown(page))
    assert all(o < 1 for n, o in opacity.items() if n not in near)
    page.keyboard.press("Escape")
    assert set(page.evaluate("kgNodes.map((n) => n.opacity)")) == {1}


def test_side_panels_fold_away_and_give_the_graph_their_width(
    controls_page: tuple[Page, PageLog],
) -> None:
    page, _ = controls_page
    width = page.viewport_size["width"] if page.viewport_size else 0

    def canvas() -> float:
        return float(page.evaluate("document.getElementById('kg-canvas').clientWidth"))

    # A narrow window starts with the filters folded: the graph keeps most of it.
    assert page.locator("#kg-side").is_visible() == (width >= 1200)
    assert canvas() >= 0.55 * width
    start = canvas()
    page.click("#kg-toggle-panel")
    assert page.locator("#kg-panel").is_hidden()
    assert canvas() > start + 250
    page.click("#kg-toggle-panel")
    page.click("#kg-toggle-side")
    assert page.locator("#kg-side").is_visible() == (width < 1200)
    assert page.get_attribute("#kg-toggle-side", "aria-expanded") == str(width < 1200).lower()


def test_labels_are_readable_and_do_not_overlap(controls_page: tuple[Page, PageLog]) -> None:
    page, _ = controls_page
    boxes = page.evaluate(
        """() => {
            const scale = network.getScale();
            return Object.keys(kgLabelled).map((id) => {
                const body = network.body.nodes[id];
                const size = kgNodes.get(id).font.size * scale;  // on screen, in px
                const b = body.labelModule.size;  // the label's box as vis placed it,
                const up = kgNodes.get(id).font.vadjust || 0;  // then drew it this far down
                return [id, size, b.left, b.top + up, b.left + b.width, b.top + up + b.height];
            });
        }"""
    )
    assert len(boxes) >= 10
    assert all(size >= 12.5 for _, size, *_ in boxes)
    overlaps = [
        (a[0], b[0])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a[2] < b[4] and b[2] < a[4] and a[3] < b[5] and b[3] < a[5]
    ]
    assert overlaps == []
    # Placed biggest first: of the ten biggest nodes (as drawn) at most one goes unnamed, the
    # labels are wholly inside the canvas, and none covers a node bigger than its own. (The
    # samples' physics layout can wedge a big node between bigger ones and their names, with
    # no free place above or below it; a corpus page's computed positions leave room, and
    # there the 30 biggest are all named: test_a_corpus_of_300_articles_...)
    drawn = page.evaluate(
        """() => {
            const canvas = network.body.container.querySelector("canvas").getBoundingClientRect();
            const ids = kgNodes.get({filter: (n) => !n.hidden}).map((n) => n.id);
            const at = network.getPositions(ids), scale = network.getScale();
            return ids.map((id) => {
                const body = network.body.nodes[id], p = network.canvasToDOM(at[id]);
                return [id, body.options.size * scale, p.x, p.y, canvas.width, canvas.height];
            });
        }"""
    )
    biggest = sorted(drawn, key=lambda n: -n[1])[:10]
    assert len(biggest) == 10
    assert len([n[0] for n in biggest if n[0] not in {b[0] for b in boxes}]) <= 1
    to_screen = page.evaluate(
        """(boxes) => boxes.map(([id, size, l, t, r, b]) => {
            const a = network.canvasToDOM({x: l, y: t}), z = network.canvasToDOM({x: r, y: b});
            return [id, a.x, a.y, z.x, z.y];
        })""",
        boxes,
    )
    width, height = drawn[0][4], drawn[0][5]
    outside = [
        b[0] for b in to_screen if b[1] < -1 or b[3] > width + 1 or b[2] < -1 or b[4] > height + 1
    ]
    assert outside == []
    radius = {n[0]: n[1:4] for n in drawn}
    covered = [
        (label, other)
        for label, left, top, right, bottom in to_screen
        for other, (size, x, y) in radius.items()
        if other != label
        and size > radius[label][0] + 0.5
        and max(left - x, 0, x - right) ** 2 + max(top - y, 0, y - bottom) ** 2 < (size - 1) ** 2
    ]
    assert covered == []


def test_the_list_view_finds_and_opens_a_node(controls_page: tuple[Page, PageLog]) -> None:
    page, _ = controls_page
    page.click("#kg-list-toggle")
    assert page.locator("#kg-list").is_visible()
    rows = page.locator("#kg-list-rows tr")
    assert rows.count() == len(shown(page))
    page.fill("#kg-list-filter", "akar")
    assert rows.all_inner_texts() and all("Akar" in row for row in rows.all_inner_texts())
    rows.first.click()
    assert page.locator("#kg-list").is_hidden()
    assert page.inner_text("#kg-panel h2") == "Hulusi Akar"


def test_reset_clears_filters_search_and_selection(controls_page: tuple[Page, PageLog]) -> None:
    page, _ = controls_page
    count = len(shown(page))
    value = page.eval_on_selector('#kg-source optgroup[label="Articles"] option', "(o) => o.value")
    page.select_option("#kg-source", value)
    page.fill("#kg-search", "Hulusi Akar")
    page.press("#kg-search", "Enter")
    assert page.evaluate("network.getSelectedNodes()")
    before = fits(page)
    page.click("#kg-reset")
    assert page.input_value("#kg-source") == "" and page.input_value("#kg-search") == ""
    assert page.evaluate("network.getSelectedNodes()") == []
    assert len(shown(page)) == count
    assert_refitted(page, before)


def test_an_event_shows_its_competing_accounts_side_by_side(
    controls_page: tuple[Page, PageLog], samples: tuple[Path, nx.MultiDiGraph]
) -> None:
    page, _ = controls_page
    _, graph = samples
    claimed: dict[str, set[str]] = {}
    for u, v, key in graph.edges(keys=True):
        if key == "claimed":
            claimed.setdefault(v, set()).add(graph.nodes[u]["label"])
    event = max(claimed, key=lambda e: (len(claimed[e]), e))
    assert len(claimed[event]) >= 2
    click_node(page, event)
    columns = page.locator("#kg-panel .kg-account")
    assert columns.count() == len(claimed[event])
    heads = {column.locator("h4").inner_text() for column in columns.all()}
    assert heads == claimed[event]
    boxes = [column.bounding_box() for column in columns.all()]
    assert all(box is not None for box in boxes)
    # Side by side when two fit: the first two start on one line.
    assert boxes[0] and boxes[1] and abs(boxes[0]["y"] - boxes[1]["y"]) < 2
    for column in columns.all():
        assert column.locator(".kg-cite").count() >= 1  # each account names its article
        assert "“" in column.inner_text()  # and quotes what was said


def test_an_unnamed_speaker_has_its_own_account_under_its_words(
    browser: Browser, tmp_path: Path
) -> None:
    from test_viz import MEETING, UNNAMED, unnamed_turtle

    from kg.viz import write_html

    (tmp_path / "graph.ttl").write_text(unnamed_turtle(), encoding="utf-8")
    write_html(tmp_path / "graph.ttl", tmp_path / "graph.html")
    with open_graph_page(browser, tmp_path / "graph.html") as (page, log):
        labels = page.evaluate("kgNodes.map((n) => n.label)")
        click_node(page, MEETING)
        columns = page.locator("#kg-panel .kg-account")
        heads = [column.locator("h4").inner_text() for column in columns.all()]
        unnamed = page.locator("#kg-panel .kg-account.kg-unnamed")
        told = unnamed.inner_text() if unnamed.count() == 1 else ""
        listed = page.locator("#kg-panel .kg-claim").all_inner_texts()
    assert_clean(log)
    assert UNNAMED not in labels  # no node is made up for the speaker
    assert heads == ["SANA", f"{UNNAMED} (unnamed)"]  # named accounts first
    assert "“confirmed the visit”" in told and "Akar in Moscow" in told
    assert any(f"claimant: {UNNAMED} (unnamed)" in line for line in listed)


def test_an_unnamed_speaker_is_a_claimant_of_the_filter_and_shows_where_it_spoke(
    browser: Browser, tmp_path: Path
) -> None:
    from test_viz import MEETING, RUSSIA, UNNAMED, unnamed_turtle

    from kg.viz import write_html

    (tmp_path / "graph.ttl").write_text(unnamed_turtle(), encoding="utf-8")
    write_html(tmp_path / "graph.ttl", tmp_path / "graph.html")
    with open_graph_page(browser, tmp_path / "graph.html") as (page, log):
        options = page.eval_on_selector_all(
            '#kg-source optgroup[label="Unnamed claimants"] option',
            "(options) => options.map((o) => [o.value, o.textContent])",
        )
        page.select_option("#kg-source", options[0][0])
        after = sorted(shown(page))
        edges = page.evaluate("kgEdges.get({filter: (e) => !e.hidden}).length")
        hover = page.evaluate("(id) => kgNodes.get(id).title", MEETING)
    assert_clean(log)
    assert options == [["u0", f"{UNNAMED} (unnamed, 1 claim)"]]
    assert after == sorted([MEETING, RUSSIA])  # the event it spoke of, and what it spoke about
    assert edges == 0  # the speaker has no node, so no link of its own
    assert f"said by unnamed speakers: {UNNAMED} (1)" in hover


def test_colour_by_community_changes_the_colours_and_the_legend(
    controls_page: tuple[Page, PageLog],
) -> None:
    page, _ = controls_page
    if page.locator("#kg-side").is_hidden():
        page.click("#kg-toggle-side")
    by_type = dict(page.evaluate("kgNodes.map((n) => [n.id, n.color])"))
    page.select_option("#kg-colour", "community")
    by_community = dict(page.evaluate("kgNodes.map((n) => [n.id, n.color])"))
    assert page.locator("#kg-communities").is_visible() and page.locator("#kg-types").is_hidden()
    assert sum(by_type[n] != by_community[n] for n in by_type) > len(by_type) / 2
    assert page.locator("#kg-communities label").count() >= 2


# A corpus of a few hundred articles ------------------------------------------------------------


@pytest.fixture(scope="session")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """300 articles of real sentences (benchmarks/corpus.py) built as `kg build` does."""
    from benchmarks.corpus import make_corpus, write_corpus
    from kg.pipeline import build

    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(make_corpus(300, seed=3), folder / "corpus.jsonl")
    report = build([folder / "corpus.jsonl"], folder / "out")
    assert report.ok and report.articles == 300
    return folder / "out" / "graph.html"


def test_a_corpus_of_300_articles_opens_on_its_linked_part_with_the_big_names_labelled(
    browser: Browser, corpus_page: Path, artifacts: Path
) -> None:
    with open_graph_page(browser, corpus_page, viewport=(1440, 860)) as (page, log):
        page.screenshot(path=str(artifacts / "graph-corpus.png"))
        counts = page.evaluate(
            """() => {
                const edges = kgEdges.get({filter: (e) => !e.hidden});
                const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
                const nodes = kgNodes.get({filter: (n) => !n.hidden});
                return {shown: nodes.length, all: kgNodes.length,
                        alone: nodes.filter((n) => !linked.has(n.id)).length,
                        co: kgEdges.get({filter: (e) => e.layer === "co" && !e.hidden}).length};
            }"""
        )
        ranked = page.evaluate(
            """() => kgNodes.get({filter: (n) => !n.hidden})
                .sort((a, b) => b.value - a.value).slice(0, 30).map((n) => n.id)"""
        )
        labelled = page.evaluate("Object.keys(kgLabelled)")
        value = page.eval_on_selector(
            '#kg-source optgroup[label="Articles"] option', "(o) => o.value"
        )
        before = fits(page)
        page.select_option("#kg-source", value)
        assert_refitted(page, before)
    assert_clean(log)
    assert counts["co"] > 0  # most entities have no fact: the co-mentions are on
    assert counts["alone"] <= 0.1 * counts["shown"]
    assert counts["shown"] >= 0.9 * counts["all"]
    assert len(ranked) == 30
    assert [node for node in ranked if node not in labelled] == []  # the 30 biggest are named
