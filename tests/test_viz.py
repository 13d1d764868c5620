"""Tests of kg.viz (to_networkx, write_html), `kg viz` and the html step of `kg build`.

No browser here (tests/test_browser.py drives one): pages are checked by parsing them. Most tests
use small graphs written by hand in Turtle, in the shape of decisions 0001 and 0004; the tests
marked integration build the bundled samples once.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import asdict
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from kg.errors import InputError
from kg.records import Corpus
from kg.viz import VizReport, to_networkx, write_html

ROOT = Path(__file__).resolve().parent.parent
ID = "https://w3id.org/kg-news/id/"
ROLE = "https://w3id.org/kg-news/role/"
ARTICLE_A = f"{ID}article/a-0123456789"
ARTICLE_B = f"{ID}article/b-9876543210"
AKAR = f"{ID}entity/person/hulusi_akar"
SHOIGU = f"{ID}entity/person/sergei_shoigu"
TURKEY = f"{ID}entity/place/country_tr"
RUSSIA = f"{ID}entity/place/country_ru"
MOSCOW = f"{ID}entity/place/city_524901"
SANA = f"{ID}entity/org/sana"
MINISTRY = f"{ID}entity/org/ministry_defense_tr"
MEETING = f"{ID}event/00000000000000aa"

S_A1 = "Turkish Defence Minister Hulusi Akar met Sergei Shoigu in Moscow."
S_A2 = "According to SANA, the talks in Moscow were useful."
S_B1 = "Akar visited Moscow, Russia."
S_B2 = "The Turkish Defence Ministry confirmed the visit."
TEXT_A = f"{S_A1} {S_A2}"
TEXT_B = f"{S_B1} {S_B2}"
CLAIMED = "the talks in Moscow were useful"

# What an article from the web may hold; none of it may become markup or code in the page.
HOSTILE_LABEL = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>alert(2)</script>"
HOSTILE_SENTENCE = (
    f"Officials said \"{HOSTILE_SCRIPT}\" and '{HOSTILE_LABEL}' \\ <!-- & \u2028 meant nothing."
)
HOSTILE_TITLE = "</title><script>alert(3)</script> \"quoted\" 'single' \\ back"
HOSTILE_LINK = "javascript:alert(4)"


def lit(text: str) -> str:
    return str(ox.Literal(text))


def at(article: str, text: str, part: str, after: int = 0) -> tuple[str, int, int]:
    begin = text.index(part, after)
    return f"{article}#char={begin},{begin + len(part)}", begin, begin + len(part)


def article(iri: str, text: str, title: str, source: str, sentences: list[str]) -> str:
    out = [
        f"<{iri}> a schema:NewsArticle, nif:Context ; nif:isString {lit(text)} ; "
        f"schema:headline {lit(title)} ; kg:source {lit(source)} ."
    ]
    for sentence in sentences:
        node, begin, end = at(iri, text, sentence)
        out.append(
            f"<{node}> a nif:Sentence ; nif:referenceContext <{iri}> ; nif:beginIndex {begin} ; "
            f"nif:endIndex {end} ; nif:anchorOf {lit(sentence)} ."
        )
    return "\n".join(out)


def mention(iri: str, text: str, part: str, entity: str, sentence: str) -> str:
    sentence_node, begin, _ = at(iri, text, sentence)
    node, b, e = at(iri, text, part, begin)
    return (
        f"<{node}> a nif:Phrase ; nif:referenceContext <{iri}> ; nif:beginIndex {b} ; "
        f"nif:endIndex {e} ; nif:anchorOf {lit(part)} ; nif:sentence <{sentence_node}> ; "
        f"itsrdf:taIdentRef <{entity}> ."
    )


def sentence_of(iri: str, text: str, sentence: str) -> str:
    return f"<{at(iri, text, sentence)[0]}>"


def entity(iri: str, types: str, label: str, mentions: int, extra: str = "") -> str:
    return (
        f"<{iri}> a {types} ; rdfs:label {lit(label)} ; skos:prefLabel {lit(label)} ; "
        f"kg:mentionCount {mentions} {extra}."
    )


def prefixes() -> str:
    from kg.vocab import PREFIXES

    return "\n".join(f"@prefix {name}: <{iri}> ." for name, iri in PREFIXES.items())


def hand_turtle() -> str:
    """Two articles: a position, an event in Moscow with two participants, a claim by SANA."""
    parts = [
        prefixes(),
        article(ARTICLE_A, TEXT_A, "Akar meets Shoigu", "feeds/a.txt", [S_A1, S_A2]),
        article(ARTICLE_B, TEXT_B, "Akar in Moscow", "https://news.example.org/b", [S_B1, S_B2]),
        mention(ARTICLE_A, TEXT_A, "Hulusi Akar", AKAR, S_A1),
        mention(ARTICLE_A, TEXT_A, "Sergei Shoigu", SHOIGU, S_A1),
        mention(ARTICLE_A, TEXT_A, "Moscow", MOSCOW, S_A1),
        mention(ARTICLE_A, TEXT_A, "SANA", SANA, S_A2),
        mention(ARTICLE_A, TEXT_A, "Moscow", MOSCOW, S_A2),
        mention(ARTICLE_B, TEXT_B, "Akar", AKAR, S_B1),
        mention(ARTICLE_B, TEXT_B, "Moscow", MOSCOW, S_B1),
        mention(ARTICLE_B, TEXT_B, "Russia", RUSSIA, S_B1),
        mention(ARTICLE_B, TEXT_B, "Turkish Defence Ministry", MINISTRY, S_B2),
        entity(AKAR, "schema:Person", "Hulusi Akar", 2, '; skos:altLabel "Akar", "Hulusi Akar" '),
        entity(SHOIGU, "schema:Person", "Sergei Shoigu", 1),
        entity(
            TURKEY,
            "schema:Country, schema:Place",
            "Turkey",
            0,
            "; owl:sameAs <https://sws.geonames.org/298795/> ",
        ),
        entity(RUSSIA, "schema:Country, schema:Place", "Russia", 1),
        entity(MOSCOW, "schema:City, schema:Place", "Moscow", 3, f"; kg:country <{RUSSIA}> "),
        entity(SANA, "schema:NewsMediaOrganization, schema:Organization", "SANA", 1),
        entity(
            MINISTRY,
            "schema:GovernmentOrganization, schema:Organization",
            "Turkish Defence Ministry",
            1,
            f"; kg:country <{TURKEY}> ",
        ),
        f'<{ROLE}defence-minister> a skos:Concept ; skos:prefLabel "defence minister" .',
        f"<{ID}fact/a/position/1> a kg:Position, kg:Assertion ; kg:holder <{AKAR}> ; "
        f"kg:role <{ROLE}defence-minister> ; kg:of <{TURKEY}> ; kg:article <{ARTICLE_A}> ; "
        f"prov:wasDerivedFrom {sentence_of(ARTICLE_A, TEXT_A, S_A1)} .",
        f'<{MEETING}> a schema:Event, kg:Meeting ; rdfs:label "meeting in Moscow" ; '
        f'schema:location <{MOSCOW}> ; schema:startDate "2022-12-28"^^xsd:date ; '
        f"kg:reportedIn <{ARTICLE_A}>, <{ARTICLE_B}> ; kg:participant <{AKAR}>, <{SHOIGU}> .",
        f"<{ID}fact/a/participation/1> a kg:Participation, kg:Assertion ; kg:event <{MEETING}> ; "
        f"kg:participant <{AKAR}> ; kg:article <{ARTICLE_A}> ; "
        f"prov:wasDerivedFrom {sentence_of(ARTICLE_A, TEXT_A, S_A1)} .",
        f"<{ID}fact/a/participation/2> a kg:Participation, kg:Assertion ; kg:event <{MEETING}> ; "
        f"kg:participant <{SHOIGU}> ; kg:article <{ARTICLE_A}> ; "
        f"prov:wasDerivedFrom {sentence_of(ARTICLE_A, TEXT_A, S_A1)} .",
        f"<{ID}fact/b/participation/3> a kg:Participation, kg:Assertion ; kg:event <{MEETING}> ; "
        f"kg:participant <{AKAR}> ; kg:article <{ARTICLE_B}> ; "
        f"prov:wasDerivedFrom {sentence_of(ARTICLE_B, TEXT_B, S_B1)} .",
        f"<{ID}fact/a/claim/1> a kg:Claim, kg:Assertion ; kg:claimant <{SANA}> ; "
        f'kg:cue "according to" ; nif:anchorOf {lit(CLAIMED)} ; kg:about <{MOSCOW}> ; '
        f"kg:event <{MEETING}> ; kg:article <{ARTICLE_A}> ; "
        f"prov:wasDerivedFrom {sentence_of(ARTICLE_A, TEXT_A, S_A2)} .",
    ]
    return "\n".join(parts) + "\n"


def hostile_turtle() -> str:
    """An article whose title, names and sentences are markup and script."""
    text = f"{HOSTILE_LABEL} met Hulusi Akar. {HOSTILE_SENTENCE}"
    first = f"{HOSTILE_LABEL} met Hulusi Akar."
    evil = f"{ID}entity/person/evil"
    parts = [
        prefixes(),
        article(ARTICLE_A, text, HOSTILE_TITLE, f"https://x.example/?q={HOSTILE_SCRIPT}", [first]),
        article(ARTICLE_B, HOSTILE_SENTENCE, "second", "b.txt", [HOSTILE_SENTENCE]),
        mention(ARTICLE_A, text, HOSTILE_LABEL, evil, first),
        mention(ARTICLE_A, text, "Hulusi Akar", AKAR, first),
        mention(ARTICLE_B, HOSTILE_SENTENCE, "Officials", evil, HOSTILE_SENTENCE),
        entity(
            evil,
            "schema:Person",
            HOSTILE_LABEL,
            2,
            f"; skos:altLabel {lit(HOSTILE_SCRIPT)} ; owl:sameAs <{HOSTILE_LINK}> ",
        ),
        entity(AKAR, "schema:Person", "Hulusi Akar", 1),
        f"<{ID}fact/b/claim/1> a kg:Claim, kg:Assertion ; kg:claimant <{evil}> ; "
        f"nif:anchorOf {lit(HOSTILE_SCRIPT)} ; kg:about <{AKAR}> ; kg:article <{ARTICLE_B}> ; "
        f"prov:wasDerivedFrom {sentence_of(ARTICLE_B, HOSTILE_SENTENCE, HOSTILE_SENTENCE)} .",
    ]
    return "\n".join(parts) + "\n"


@pytest.fixture(scope="module")
def hand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hand") / "graph.ttl"
    path.write_text(hand_turtle(), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hand_graph(hand: Path) -> nx.MultiDiGraph:
    return to_networkx(hand)


class Page(HTMLParser):
    """The parts of a page the tests look at: every tag with its attributes, and each script."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.text: dict[str, str] = {}
        self._open: tuple[dict[str, str | None], list[str]] | None = None
        self._id: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._open = (dict(attrs), [])
        self._id = dict(attrs).get("id")

    def handle_endtag(self, tag: str) -> None:
        self._id = None
        if tag == "script" and self._open is not None:
            self.scripts.append((self._open[0], "".join(self._open[1])))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)
        elif self._id:
            self.text[self._id] = self.text.get(self._id, "") + data

    def data(self) -> dict[str, Any]:
        (island,) = [text for attrs, text in self.scripts if attrs.get("id") == "kg-data"]
        loaded: dict[str, Any] = json.loads(island)
        return loaded


def open_page(path: Path) -> tuple[str, Page]:
    text = path.read_text(encoding="utf-8")
    return text, Page(text)


def vis_js() -> str:
    lib = resources.files("pyvis").joinpath("templates/lib/vis-9.1.2/vis-network.min.js")
    return lib.read_text(encoding="utf-8")


# to_networkx -------------------------------------------------------------------------------------


def test_to_networkx_reads_entities_and_events(hand_graph: nx.MultiDiGraph) -> None:
    assert set(hand_graph.nodes) == {AKAR, SHOIGU, TURKEY, RUSSIA, MOSCOW, SANA, MINISTRY, MEETING}
    akar = hand_graph.nodes[AKAR]
    assert (akar["label"], akar["type"], akar["mentions"]) == ("Hulusi Akar", "Person", 2)
    assert akar["articles"] == [ARTICLE_A, ARTICLE_B]
    assert akar["variants"] == ["Akar", "Hulusi Akar"]
    assert akar["roles"] == ["defence minister"]
    assert {e["sentence"] for e in akar["evidence"]} == {S_A1, S_B1}
    assert hand_graph.nodes[MINISTRY]["type"] == "GovernmentOrganization"
    assert "Organization" in hand_graph.nodes[MINISTRY]["types"]
    assert hand_graph.nodes[SANA]["type"] == "NewsMediaOrganization"
    assert hand_graph.nodes[MOSCOW]["type"] == "City"
    assert hand_graph.nodes[TURKEY]["same_as"] == ["https://sws.geonames.org/298795/"]
    meeting = hand_graph.nodes[MEETING]
    assert (meeting["type"], meeting["label"], meeting["date"], meeting["place"]) == (
        "Event",
        "meeting in Moscow",
        "2022-12-28",
        "Moscow",
    )
    assert meeting["articles"] == [ARTICLE_A, ARTICLE_B]


def test_to_networkx_joins_them_by_the_facts(hand_graph: nx.MultiDiGraph) -> None:
    assert {(u, v, k) for u, v, k in hand_graph.edges(keys=True)} == {
        (AKAR, TURKEY, "holds position"),
        (AKAR, MEETING, "participated in"),
        (SHOIGU, MEETING, "participated in"),
        (SANA, MEETING, "claimed"),
        (SANA, MOSCOW, "about"),
        (MOSCOW, RUSSIA, "part of"),
        (MINISTRY, TURKEY, "country"),
        (MEETING, MOSCOW, "held in"),
    }
    position = hand_graph.edges[AKAR, TURKEY, "holds position"]
    assert (position["relation"], position["role"], position["count"]) == (
        "holds position",
        "defence minister",
        1,
    )
    (evidence,) = position["evidence"]
    assert evidence == {
        "sentence": S_A1,
        "article": ARTICLE_A,
        "title": "Akar meets Shoigu",
        "source": "feeds/a.txt",
    }
    took_part = hand_graph.edges[AKAR, MEETING, "participated in"]
    assert took_part["count"] == 2
    assert [e["sentence"] for e in took_part["evidence"]] == [S_A1, S_B1]
    (claim,) = hand_graph.edges[SANA, MOSCOW, "about"]["evidence"]
    assert (claim["claimant"], claim["quote"], claim["sentence"]) == ("SANA", CLAIMED, S_A2)
    assert hand_graph.edges[MOSCOW, RUSSIA, "part of"]["count"] == 0


def test_to_networkx_takes_a_store_and_a_store_folder(hand: Path, tmp_path: Path) -> None:
    store = ox.Store()
    store.load(path=str(hand), format=ox.RdfFormat.TURTLE)
    from_store = to_networkx(store)
    folder = tmp_path / "store"
    on_disk = ox.Store(str(folder))
    on_disk.load(path=str(hand), format=ox.RdfFormat.TURTLE)
    on_disk.flush()
    del on_disk
    from_folder = to_networkx(folder)
    for graph in (from_store, from_folder):
        assert graph.number_of_nodes() == 8
        assert graph.number_of_edges() == 8


# The page ----------------------------------------------------------------------------------------


UNNAMED = "The Turkish Defence Ministry"  # in S_B2; the claim below has no kg:claimant


def unnamed_turtle() -> str:
    """The hand graph with one more claim on the meeting whose speaker is only words in the text."""
    words = at(ARTICLE_B, TEXT_B, UNNAMED)[0]
    return hand_turtle() + (
        f"<{ID}fact/b/claim/2> a kg:Claim, kg:Assertion ; kg:claimantMention <{words}> ; "
        f'kg:claimantKind "unnamed" ; nif:anchorOf {lit("confirmed the visit")} ; '
        f"kg:about <{RUSSIA}> ; kg:event <{MEETING}> ; kg:article <{ARTICLE_B}> ; "
        f"prov:wasDerivedFrom {sentence_of(ARTICLE_B, TEXT_B, S_B2)} .\n"
        f"<{words}> nif:anchorOf {lit(UNNAMED)} .\n"
    )


def test_a_claim_by_an_unnamed_speaker_stays_on_its_event_under_its_words(
    hand_graph: nx.MultiDiGraph, tmp_path: Path
) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text(unnamed_turtle(), encoding="utf-8")
    graph = to_networkx(path)
    for iri in (MEETING, RUSSIA):
        told = [r for r in graph.nodes[iri]["evidence"] if r.get("unnamed")]
        assert [(r["claimant"], r["quote"], r["sentence"]) for r in told] == [
            (UNNAMED, "confirmed the visit", S_B2)
        ]
    # No entity is made up for the speaker, and no link: the named claim's edges stay as they were.
    assert set(graph.nodes) == set(hand_graph.nodes)
    assert sorted(graph.edges(keys=True)) == sorted(hand_graph.edges(keys=True))
    assert not [r for r in hand_graph.nodes[MEETING]["evidence"] if r.get("unnamed")]
    write_html(path, tmp_path / "graph.html")
    records = open_page(tmp_path / "graph.html")[1].data()["nodes"][MEETING]["evidence"]
    assert {"c": UNNAMED, "q": "confirmed the visit", "u": "1"}.items() <= next(
        r for r in records if r.get("u")
    ).items()


def test_unnamed_speakers_are_in_the_filter_and_the_hover_grouped_by_their_words(
    tmp_path: Path,
) -> None:
    path = tmp_path / "graph.ttl"
    path.write_text(unnamed_turtle(), encoding="utf-8")
    write_html(path, tmp_path / "graph.html")
    data = open_page(tmp_path / "graph.html")[1].data()
    assert data["unnamed"] == [{"name": UNNAMED, "nodes": sorted([MEETING, RUSSIA]), "claims": 1}]
    titles = {n["id"]: n["title"] for n in data["vis"]["nodes"]}
    assert f"said by unnamed speakers: {UNNAMED} (1)" in titles[MEETING].splitlines()
    assert "unnamed" not in titles[AKAR]
    hand_page = tmp_path / "hand.html"
    write_html(hand_turtle_path(tmp_path), hand_page)
    assert open_page(hand_page)[1].data()["unnamed"] == []


def hand_turtle_path(folder: Path) -> Path:
    path = folder / "hand.ttl"
    path.write_text(hand_turtle(), encoding="utf-8")
    return path


def test_unnamed_speakers_group_by_their_words_without_case_or_article() -> None:
    from kg.viz.vis import speaker_key, unnamed_speakers

    assert speaker_key("A  senior official") == speaker_key("the senior official")
    assert speaker_key("an aide") == "aide" != speaker_key("a senior aide")

    def said(words: str, sentence: str) -> dict[str, str]:
        return {"claimant": words, "unnamed": "1", "article": "a", "sentence": sentence}

    nodes = {
        "match": {"evidence": [said("a club spokesman", "s1"), said("A club spokesman", "s2")]},
        "club": {"evidence": [said("a club spokesman", "s1"), {"claimant": "Named"}]},
        "trial": {"evidence": [said("the prosecutors", "s3")]},
    }
    assert unnamed_speakers(nodes) == [
        {"name": "a club spokesman", "nodes": ["club", "match"], "claims": 2},
        {"name": "the prosecutors", "nodes": ["trial"], "claims": 1},
    ]


def test_page_is_one_self_contained_file(hand: Path, tmp_path: Path) -> None:
    report = write_html(hand, tmp_path / "graph.html")
    # 11 appears-with links: the 17 pairs named in one article (5 nodes in each, 3 pairs in
    # both) less the 6 a fact already joins.
    assert report == VizReport(str(tmp_path / "graph.html"), 8, 8, 8, 0, co_mentions=11)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]
    text, page = open_page(tmp_path / "graph.html")
    for tag, attrs in page.tags:
        assert tag != "link"
        assert not (tag == "script" and "src" in attrs), "a script loaded from elsewhere"
        for name in ("src", "href", "action", "srcset"):
            value = attrs.get(name) or ""
            assert "http://" not in value and "https://" not in value, (tag, name, value)
    assert "<script src" not in text.lower()
    assert "bootstrap" not in text
    assert vis_js()[-2000:] in text, "vis-network is not inlined"
    assert "default-src 'none'" in text  # the Content Security Policy forbids every request
    assert page.text["kg-stats"] == "8 nodes, 8 edges, 11 appears-with links"


def test_data_island_parses_and_holds_every_node_and_edge(hand: Path, tmp_path: Path) -> None:
    write_html(hand, tmp_path / "graph.html")
    _, page = open_page(tmp_path / "graph.html")
    data = page.data()
    assert set(data["nodes"]) == {AKAR, SHOIGU, TURKEY, RUSSIA, MOSCOW, SANA, MINISTRY, MEETING}
    assert {node["id"] for node in data["vis"]["nodes"]} == set(data["nodes"])
    assert {node["label"] for node in data["vis"]["nodes"]} >= {"Hulusi Akar", "SANA"}
    edges = {(e["from"], e["to"], e["label"]) for e in data["vis"]["edges"] if e["layer"] == "fact"}
    assert (AKAR, TURKEY, "holds position: defence minister") in edges
    assert len(edges) == 8
    # The panel's evidence: every sentence of Akar, with its article's title and source.
    akar = data["nodes"][AKAR]
    sentences = [data["sentences"][record["s"]] for record in akar["evidence"]]
    assert [text for _, text in sentences] == [S_A1, S_B1]
    titles = {data["articles"][index]["title"] for index, _ in sentences}
    assert titles == {"Akar meets Shoigu", "Akar in Moscow"}
    options = data["vis"]["options"]
    assert options["physics"]["solver"] == "forceAtlas2Based"
    assert options["physics"]["stabilization"]["iterations"] == 150
    assert options["layout"]["improvedLayout"] is False
    assert options["edges"]["smooth"]["enabled"] is False
    assert options["nodes"]["scaling"]["label"]["drawThreshold"] > 0
    assert data["types"][0]["name"] == "Person" and data["types"][0]["color"].startswith("#")


def test_page_script_switches_physics_off_and_marks_itself_stable(
    hand: Path, tmp_path: Path
) -> None:
    write_html(hand, tmp_path / "graph.html")
    _, page = open_page(tmp_path / "graph.html")
    app = page.scripts[-1][1]
    assert 'network.once("stabilizationIterationsDone", stable)' in app
    assert "network.setOptions({physics: false})" in app
    assert 'document.body.dataset.stabilized = "true"' in app
    assert "innerHTML" not in app and "insertAdjacentHTML" not in app and "eval(" not in app
    for element in ("kg-stats", "kg-search", "kg-types", "kg-source", "kg-panel"):
        assert any(attrs.get("id") == element for _, attrs in page.tags), element


def test_hostile_text_never_reaches_the_page_as_markup(tmp_path: Path) -> None:
    source = tmp_path / "hostile.ttl"
    source.write_text(hostile_turtle(), encoding="utf-8")
    graph = to_networkx(source)
    labels = {attrs["label"] for _, attrs in graph.nodes(data=True)}
    assert HOSTILE_LABEL in labels  # read back exactly
    write_html(source, tmp_path / "graph.html", title=HOSTILE_TITLE)
    text, page = open_page(tmp_path / "graph.html")
    for raw in (HOSTILE_LABEL, HOSTILE_SCRIPT, HOSTILE_SENTENCE, HOSTILE_TITLE, "\u2028"):
        assert raw not in text, f"{raw!r} is in the page unescaped"
    assert "&lt;/title&gt;&lt;script&gt;alert(3)" in text  # the title, escaped as HTML
    assert text.lower().count("</script") == len(page.scripts) == 3
    assert not any(tag == "img" for tag, _ in page.tags)
    assert [tag for tag, _ in page.tags].count("script") == 3
    # The data island still carries the exact text, for textContent to show.
    data = page.data()
    carried = json.dumps(data, ensure_ascii=False)
    for raw in (HOSTILE_LABEL, HOSTILE_SCRIPT, HOSTILE_SENTENCE, HOSTILE_TITLE):
        assert json.dumps(raw, ensure_ascii=False)[1:-1] in carried
    assert "\\u003c/script\\u003e" in text
    # Tooltips are plain strings (vis shows them as text), links only for http(s) in the page.
    assert all(isinstance(node["title"], str) for node in data["vis"]["nodes"])
    assert "^https?:" in page.scripts[-1][1]


# Co-mentions and what the page reads ------------------------------------------------------------


def test_to_networkx_co_mentions_join_what_one_article_names(hand: Path) -> None:
    graph = to_networkx(hand, co_mentions=True)
    co = {
        (u, v): attrs
        for u, v, key, attrs in graph.edges(keys=True, data=True)
        if key == "appears with"
    }
    # Article a names Akar, Shoigu, Moscow, SANA and reports the meeting; b names Akar, Moscow,
    # Russia, the ministry and reports the meeting: 10 + 10 pairs, 3 of them in both.
    assert len(co) == 17
    assert all(u < v for u, v in co)
    assert co[(AKAR, MOSCOW)]["count"] == 2
    assert co[(AKAR, MOSCOW)]["articles"] == sorted([ARTICLE_A, ARTICLE_B])
    assert co[(SANA, SHOIGU)]["count"] == 1 and co[(SANA, SHOIGU)]["evidence"] == []
    assert not any(TURKEY in pair for pair in co)  # mentioned nowhere
    facts = to_networkx(hand)
    assert graph.number_of_edges() == facts.number_of_edges() + 17


def test_the_page_keeps_a_few_strongest_co_mentions_and_shows_them_when_facts_are_few(
    tmp_path: Path,
) -> None:
    from kg.viz.page import CO_MENTION_PARTNERS

    # Ten articles naming all of 8 people (no fact): most nodes would be alone without them.
    graph = nx.MultiDiGraph()
    people = [f"{ID}entity/person/p{i}" for i in range(8)]
    for i, iri in enumerate(people):
        articles = [f"{ID}article/a{k}" for k in range(10) if k % (i + 1) == 0]
        graph.add_node(iri, label=f"P{i}", type="Person", mentions=len(articles), articles=articles)
    report = write_html(graph, tmp_path / "co.html")
    data = open_page(tmp_path / "co.html")[1].data()
    co = [e for e in data["edges"].values() if e["layer"] == "co"]
    assert report.co_mentions == len(co) > 0 and report.edges == 0
    assert data["coMentions"]["on"] is True
    kept = {frozenset((e["from"], e["to"])) for e in data["vis"]["edges"]}
    assert set().union(*kept) == set(people)  # nobody left alone
    # Each link is one of the strongest three of one of its ends: most articles shared, then
    # the partner in most articles.
    arts = {n: set(graph.nodes[n]["articles"]) for n in people}
    strongest = set()
    for node in people:
        others = sorted(
            (p for p in people if p != node and arts[node] & arts[p]),
            key=lambda p: (-len(arts[node] & arts[p]), -len(arts[p]), p),
        )
        strongest |= {frozenset((node, p)) for p in others[:CO_MENTION_PARTNERS]}
    assert kept == strongest
    assert len(kept) < len(people) * (len(people) - 1) / 2  # not every pair
    assert write_html(graph, tmp_path / "no.html", co_mentions=False).co_mentions == 0


def test_the_page_reads_the_same_sentences_as_to_networkx_for_the_nodes_it_keeps(
    hand: Path, tmp_path: Path
) -> None:
    full = to_networkx(hand)
    write_html(hand, tmp_path / "cap.html", max_nodes=3)
    data = open_page(tmp_path / "cap.html")[1].data()
    for node, details in data["nodes"].items():
        shown = [data["sentences"][record["s"]][1] for record in details["evidence"]]
        assert shown == [item["sentence"] for item in full.nodes[node]["evidence"]], node
        assert details["evidenceCount"] == len(full.nodes[node]["evidence"])


def test_the_page_queries_are_package_files(hand: Path) -> None:
    from kg.query import run_query

    folder = resources.files("kg.viz").joinpath("queries")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".rq"))
    assert len(names) == 19
    for name in names:  # each parses and runs on a graph of kg's shape
        run_query(hand, folder.joinpath(name).read_text(encoding="utf-8"))
    for module in ("__init__", "network", "rows", "select", "layout", "page", "terms", "vis"):
        text = (ROOT / "kg" / "viz" / f"{module}.py").read_text(encoding="utf-8")
        for markup in ("<!DOCTYPE", "<div", "</style>", "function (", "SELECT ?"):
            assert markup not in text, (module, markup)
        assert len(text.splitlines()) <= 600, module


# Filters and the cap ----------------------------------------------------------------------------


def page_nodes(path: Path) -> set[str]:
    return set(open_page(path)[1].data()["nodes"])


def test_focus_keeps_a_neighbourhood(hand: Path, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    assert write_html(hand, out, focus="Hulusi Akar").nodes == 3
    assert page_nodes(out) == {AKAR, TURKEY, MEETING}
    write_html(hand, out, focus="akar", hops=2)  # a variant, in any case
    assert page_nodes(out) == {AKAR, TURKEY, MEETING, SHOIGU, SANA, MOSCOW, MINISTRY}
    report = write_html(hand, out, focus=RUSSIA, hops=0)
    assert (report.nodes, report.edges, report.total_nodes) == (1, 0, 8)
    assert open_page(out)[1].data()["focus"] == RUSSIA
    with pytest.raises(InputError, match="'Nobody'"):
        write_html(hand, out, focus="Nobody")
    with pytest.raises(InputError, match="--hops -1"):
        write_html(hand, out, focus=AKAR, hops=-1)


def test_types_keep_those_types_and_their_subtypes(hand: Path, tmp_path: Path) -> None:
    out = tmp_path / "types.html"
    write_html(hand, out, types=["Person"])
    assert page_nodes(out) == {AKAR, SHOIGU}
    write_html(hand, out, types=["organization", "Event"])
    assert page_nodes(out) == {SANA, MINISTRY, MEETING}
    write_html(hand, out, types=["Place"])
    assert page_nodes(out) == {TURKEY, RUSSIA, MOSCOW}
    with pytest.raises(InputError, match=r"'Persn'.*Person"):
        write_html(hand, out, types=["Persn"])


def test_source_keeps_what_one_article_or_claimant_accounts_for(hand: Path, tmp_path: Path) -> None:
    out = tmp_path / "source.html"
    for name in ("https://news.example.org/b", "Akar in Moscow", ARTICLE_B, "b-9876543210"):
        report = write_html(hand, out, source=name)
        assert page_nodes(out) == {AKAR, MOSCOW, RUSSIA, MINISTRY, MEETING}, name
        assert report.edges == 3  # Akar took part (said in b), part of, held in
    report = write_html(hand, out, source="SANA")
    assert page_nodes(out) == {SANA, MEETING, MOSCOW}
    assert report.edges == 2
    with pytest.raises(InputError, match="'Reuters'"):
        write_html(hand, out, source="Reuters")


def test_cap_keeps_the_most_connected_and_says_what_it_left_out(hand: Path, tmp_path: Path) -> None:
    out = tmp_path / "cap.html"
    report = write_html(hand, out, max_nodes=3)
    assert (report.nodes, report.total_nodes, report.dropped) == (3, 8, 5)
    assert page_nodes(out) == {MEETING, MOSCOW, AKAR}  # degrees 4, 3, then 2 with most mentions
    stats = open_page(out)[1].text["kg-stats"]
    # Akar and Moscow share both articles and no fact: one appears-with link.
    assert stats == (
        "3 nodes, 2 edges, 1 appears-with link "
        "(showing 3 of 8 entities: 5 least connected left out)"
    )
    assert write_html(hand, out, max_nodes=None).dropped == 0
    with pytest.raises(InputError, match="--max-nodes 0"):
        write_html(hand, out, max_nodes=0)


def test_cap_on_a_large_graph_uses_fixed_positions(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    hub = "https://example.org/hub"
    graph.add_node(hub, label="hub", type="Country", mentions=50)
    for i in range(1500):
        node = f"https://example.org/n{i}"
        graph.add_node(node, label=f"n{i}", type="Person", mentions=1)
        graph.add_edge(node, hub, key="about", relation="about", evidence=[], count=0)
    loner = "https://example.org/loner"
    graph.add_node(loner, label="loner", type="Person", mentions=99)
    report = write_html(graph, tmp_path / "big.html", max_nodes=1200)
    assert (report.nodes, report.dropped, report.total_nodes) == (1200, 302, 1502)
    data = open_page(tmp_path / "big.html")[1].data()
    assert hub in data["nodes"] and loner not in data["nodes"]
    assert data["layout"] == "fixed"
    assert data["vis"]["options"]["physics"]["enabled"] is False
    assert all("x" in node and "y" in node for node in data["vis"]["nodes"])


# The command line --------------------------------------------------------------------------------


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kg", *args], capture_output=True, text=True, timeout=600
    )


def test_kg_viz_writes_the_page_and_says_what_it_left_out(hand: Path, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    result = kg("viz", str(hand), "-o", str(out), "--max-nodes", "3")
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    assert result.stdout.splitlines() == [
        f"{out}: 3 nodes, 2 edges (the graph has 8 nodes)",
        "left out: the 5 least connected of 8 nodes (--max-nodes 3); "
        "raise it or narrow with --focus, --types or --source",
    ]
    result = kg(
        "viz", str(hand), "-o", str(out), "--focus", "Akar", "--hops", "2", "--types", "Person"
    )
    assert result.returncode == 0, result.stderr
    assert page_nodes(out) == {AKAR, SHOIGU}
    assert kg("viz", "--help").stdout.count("kg viz") >= 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--types", "Persn"], "kg: error: --types 'Persn': not a type"),
        (["--focus", "Nobody"], "kg: error: --focus 'Nobody': no node"),
        (["--hops", "2"], "kg: error: --hops needs --focus"),
        (["--source", "Reuters"], "kg: error: --source 'Reuters'"),
    ],
)
def test_kg_viz_errors_are_one_line(
    hand: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = kg("viz", str(hand), "-o", str(tmp_path / "x.html"), *args)
    assert result.returncode == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.html").exists()


# The bundled samples ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("samples")
    report = build([ROOT / "articles"], out)
    assert report.ok
    return out, to_networkx(out / "graph.ttl")


def label_of(graph: nx.MultiDiGraph, label: str) -> str:
    (node,) = [n for n, attrs in graph.nodes(data=True) if attrs["label"] == label]
    return str(node)


@pytest.mark.integration
def test_samples_akar_is_a_person_in_four_articles(samples: tuple[Path, nx.MultiDiGraph]) -> None:
    _, graph = samples
    akar = graph.nodes[label_of(graph, "Hulusi Akar")]
    assert akar["type"] == "Person"
    assert akar["mentions"] >= 5
    assert len(akar["articles"]) == 4
    assert all(article.startswith(f"{ID}article/") for article in akar["articles"])


@pytest.mark.integration
def test_samples_akar_holds_a_position_of_turkey(samples: tuple[Path, nx.MultiDiGraph]) -> None:
    _, graph = samples
    edge = graph.edges[label_of(graph, "Hulusi Akar"), label_of(graph, "Turkey"), "holds position"]
    assert "defence minister" in edge["roles"]
    assert edge["count"] == len(edge["evidence"]) >= 2
    assert all("Akar" in e["sentence"] and e["source"] for e in edge["evidence"])


@pytest.mark.integration
def test_samples_the_two_moscow_meetings_are_events(samples: tuple[Path, nx.MultiDiGraph]) -> None:
    _, graph = samples
    moscow = [
        node
        for node, attrs in graph.nodes(data=True)
        if attrs["type"] == "Event" and attrs.get("place") == "Moscow"
    ]
    assert len(moscow) == 2
    for event in moscow:
        participants = {
            graph.nodes[u]["label"]
            for u, _, k in graph.in_edges(event, keys=True)
            if k == "participated in"
        }
        assert {"Hulusi Akar", "Ali Mahmoud Abbas", "Turkey", "Syria"} <= participants


@pytest.mark.integration
def test_build_writes_graph_html_by_default(samples: tuple[Path, nx.MultiDiGraph]) -> None:
    out, graph = samples
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert str(out / "graph.html") in report["outputs"]
    assert "html" in report["seconds"]
    _, page = open_page(out / "graph.html")
    assert set(page.data()["nodes"]) == set(graph.nodes)
    co = sum(e["layer"] == "co" for e in page.data()["edges"].values())
    assert page.text["kg-stats"] == (
        f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges, {co} appears-with links"
    )


@pytest.mark.integration
def test_kg_build_no_html(tmp_path: Path) -> None:
    result = kg(
        "build",
        str(ROOT / "articles" / "001_a2d1133ac8802a79.txt"),
        "-o",
        str(tmp_path),
        "--no-html",
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.trig", "graph.ttl", "report.json"]
    assert "html" not in json.loads((tmp_path / "report.json").read_text())["seconds"]
    assert "graph.html" not in result.stderr


def test_a_limit_reads_some_mentions_and_counts_them_all(hand: Path) -> None:
    from kg.viz.network import GraphReader

    full = to_networkx(hand)
    reader = GraphReader(hand)
    reader.shape()
    evidence = reader.mention_evidence([MOSCOW, SHOIGU], limit=1)
    # Moscow has 3 mentions (more than the limit): one read, all three sentences counted.
    moscow, count = evidence[MOSCOW]
    assert count == len(full.nodes[MOSCOW]["evidence"]) == 3
    assert 1 <= len(moscow) < count
    assert set(map(str, (i["sentence"] for i in moscow))) <= {S_A1, S_A2, S_B1}
    assert evidence[SHOIGU] == (full.nodes[SHOIGU]["evidence"], 1)  # within the limit: all


@pytest.fixture(scope="module")
def sample_records() -> tuple[Corpus, ox.Store]:
    """The samples' records, and the graph they make (in a store, as ``graph.trig`` reads)."""
    from kg.corpus import corpus_quads
    from kg.iri import DEFAULT_BASE
    from kg.pipeline import analyse

    corpus = analyse([ROOT / "articles"])
    store = ox.Store()
    store.bulk_extend(corpus_quads(corpus, base=DEFAULT_BASE, started=NOW, ended=NOW))
    return corpus, store


NOW = "2026-01-01T00:00:00Z"


@pytest.mark.integration
@pytest.mark.parametrize(
    "filters",
    [{}, {"max_nodes": 12}, {"types": ["Person"]}, {"focus": "Hulusi Akar", "hops": 1}],
    ids=["all", "cap", "types", "focus"],
)
def test_the_records_give_the_page_the_graph_gives(
    sample_records: tuple[Corpus, ox.Store], tmp_path: Path, filters: dict[str, Any]
) -> None:
    corpus, store = sample_records
    from_records = write_html(corpus, tmp_path / "records.html", title="t", **filters)
    from_graph = write_html(store, tmp_path / "graph.html", title="t", **filters)
    assert from_records == VizReport(**{**asdict(from_graph), "path": from_records.path})
    records = open_page(tmp_path / "records.html")[1].data()
    graph = open_page(tmp_path / "graph.html")[1].data()
    assert records["nodes"] and records["edges"]
    for part in sorted(graph):
        assert records[part] == graph[part], part


@pytest.mark.integration
def test_the_records_give_a_source_filter_the_graph_gives(
    sample_records: tuple[Corpus, ox.Store], tmp_path: Path
) -> None:
    corpus, store = sample_records
    claimant = next(str(c["claimant"]) for c in open_claims(store) if c["claimant"] is not None)
    for source in (corpus.articles[1].source, claimant):
        write_html(corpus, tmp_path / "records.html", source=source)
        write_html(store, tmp_path / "graph.html", source=source)
        records = open_page(tmp_path / "records.html")[1].data()
        assert records["nodes"]
        assert records == open_page(tmp_path / "graph.html")[1].data(), source


def open_claims(store: ox.Store) -> list[dict[str, Any]]:
    from kg.viz.rows import StoreRows

    names = ("claim", "claimant", "article", "quote", "event", "sentence", "text", "words", "kind")
    return [dict(zip(names, row, strict=True)) for row in StoreRows(store).rows("claims")]


@pytest.mark.integration
def test_the_page_benchmarks_copies_of_the_records_keep_kgs_shape(
    sample_records: tuple[Corpus, ox.Store], tmp_path: Path
) -> None:
    from benchmarks.page import SHARED_ARTICLES, replicate
    from kg.corpus import corpus_quads
    from kg.iri import DEFAULT_BASE

    corpus, _ = sample_records
    copies = replicate(corpus, 3)
    assert len(copies.articles) == 3 * len(corpus.articles)
    assert len({a.id for a in copies.articles}) == len(copies.articles)
    shared = [
        e for e in corpus.resolution.entities if len({m[0] for m in e.mentions}) >= SHARED_ARTICLES
    ]
    assert shared  # Akar, Turkey, ...: one entity in every copy, with every copy's mentions
    by_key = {e.key: e for e in copies.resolution.entities}
    assert all(len(by_key[e.key].mentions) == 3 * len(e.mentions) for e in shared)
    assert len(copies.resolution.entities) > len(corpus.resolution.entities)
    store = ox.Store()
    store.bulk_extend(corpus_quads(copies, base=DEFAULT_BASE, started=NOW, ended=NOW))
    write_html(copies, tmp_path / "records.html")
    write_html(store, tmp_path / "graph.html")
    records = open_page(tmp_path / "records.html")[1].data()
    assert records == open_page(tmp_path / "graph.html")[1].data()


def test_a_named_claimant_of_the_sentence_does_not_name_an_unnamed_speakers_claim() -> None:
    from kg.viz.network import _Evidence

    evidence = _Evidence()
    sentence = {
        "article": "a",
        "sentence_iri": "a#char=0,40",
        "sentence": "Rovers won, a club official said.",
    }
    evidence.add({}, **sentence, claimant="a club official", unnamed="1", quote="Rovers won")
    # The mention of the node in that sentence comes with the sentence's named claimants.
    evidence.add({}, **sentence, mention="Rovers", claimant="Ann Coach")
    (record,) = evidence.items()
    assert (record["claimant"], record["unnamed"], record["mention"]) == (
        "a club official",
        "1",
        "Rovers",
    )
    named = _Evidence()
    named.add({}, **sentence, claimant="Ann Coach", quote="Rovers won")
    named.add({}, **sentence, mention="Rovers", claimant="Ann Coach; Bo Keeper")
    assert named.items()[0]["claimant"] == "Ann Coach; Bo Keeper"  # later values win otherwise
