"""The vis-network side of the page: vis-network's own code and CSS (from pyvis), its options,
and the tooltips of nodes and edges."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from importlib import resources
from typing import Any

from kg.errors import KGError
from kg.viz.network import as_list, mention_count

_VIS_DIR = "templates/lib"
_HIDDEN = "rgba(0,0,0,0)"


def edge_opacity(nodes: int) -> float:
    # Many edges drawn opaque hide the nodes under them.
    return 1.0 if nodes <= 300 else 0.4


def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside pyvis (the newest version there)."""
    try:
        lib = resources.files("pyvis").joinpath(_VIS_DIR)
        versions = sorted(
            (item for item in lib.iterdir() if item.name.startswith("vis-")),
            key=lambda item: [int(p) for p in re.findall(r"\d+", item.name)],
        )
        js = versions[-1].joinpath("vis-network.min.js").read_text(encoding="utf-8")
        css = versions[-1].joinpath("vis-network.css").read_text(encoding="utf-8")
    except (OSError, IndexError, ModuleNotFoundError) as err:
        raise KGError(
            f"vis-network is not where pyvis 0.3.2 keeps it ({err}); reinstall pyvis"
        ) from err
    if re.search(r"</script|<!--", js, re.IGNORECASE) or re.search(r"</style", css, re.I):
        raise KGError("pyvis's vis-network cannot be inlined safely; reinstall pyvis 0.3.2")
    return js, css


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def tooltip(attrs: Mapping[str, Any], articles: int) -> str:
    mentions = mention_count(attrs)
    lines = [
        str(attrs.get("label", "")),
        f"{attrs.get('type', 'Thing')} · {mentions} mention{'s' * (mentions != 1)}"
        f" · {articles} article{'s' * (articles != 1)}",
    ]
    variants = [str(v) for v in as_list(attrs.get("variants")) if v != attrs.get("label")]
    if variants:
        lines.append("also: " + _short(", ".join(variants), 160))
    if attrs.get("date") or attrs.get("place"):
        lines.append(" · ".join(str(attrs[k]) for k in ("date", "place") if attrs.get(k)))
    if as_list(attrs.get("same_as")):
        lines.append(" ".join(str(s) for s in as_list(attrs.get("same_as"))[:3]))
    speakers = unnamed_speakers({"": attrs})
    if speakers:
        named = ", ".join(f"{s['name']} ({s['claims']})" for s in speakers)
        lines.append("said by unnamed speakers: " + _short(named, 160))
    lines.append("click for the sentences")
    return "\n".join(lines)


_DETERMINER = re.compile(r"^(?:a|an|the)\s+")


def speaker_key(words: str) -> str:
    """What an unnamed speaker is grouped by: its words case-folded, white space squashed,
    without a leading article ("A senior official" and "a senior official"; "the aide" and
    "an aide")."""
    return _DETERMINER.sub("", " ".join(words.casefold().split()))


def unnamed_speakers(nodes: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The unnamed speakers of these nodes' claims (evidence records with ``unnamed``), grouped
    by :func:`speaker_key`: each with its most frequent words as ``name``, the ``nodes`` its
    claims are on and how many ``claims`` (one per article, sentence and quote)."""
    groups: dict[str, tuple[Counter[str], set[str], set[tuple[str, ...]]]] = {}
    for node, attrs in nodes.items():
        for item in as_list(attrs.get("evidence")):
            if not (isinstance(item, Mapping) and item.get("unnamed") and item.get("claimant")):
                continue
            words = " ".join(str(item["claimant"]).split())
            names, on, claims = groups.setdefault(speaker_key(words), (Counter(), set(), set()))
            names[words] += 1
            on.add(node)
            claims.add(tuple(str(item.get(k, "")) for k in ("article", "sentence", "quote")))
    found = [
        {
            "name": min(names, key=lambda w: (-names[w], w)),
            "nodes": sorted(on),
            "claims": len(claims),
        }
        for names, on, claims in groups.values()
    ]
    return sorted(found, key=lambda s: (str(s["name"]).casefold(), s["name"]))


def edge_label(attrs: Mapping[str, Any], key: Any) -> str:
    relation = str(attrs.get("relation") or key)
    role = attrs.get("role")
    return f"{relation}: {role}" if role else relation


def vis_options(layout: str, nodes: int) -> dict[str, Any]:
    """vis options: pyvis's forceAtlas2Based physics, tuned (MEASURED.md), and the styling."""
    from pyvis.network import Network

    net = Network(directed=True, cdn_resources="in_line")
    net.force_atlas_2based(
        gravity=-80, central_gravity=0.015, spring_length=120, spring_strength=0.06, damping=0.4
    )
    net.toggle_physics(layout == "physics")
    net.options.physics.stabilization.iterations = 150
    net.options.physics.stabilization.updateInterval = 25
    net.options.edges.smooth.enabled = False
    net.options.interaction.hideEdgesOnDrag = nodes > 500
    options: dict[str, Any] = json.loads(net.options.to_json())
    options["physics"]["minVelocity"] = 1
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    options["interaction"].update(
        {"hover": True, "tooltipDelay": 150, "hideEdgesOnZoom": nodes > 500, "multiselect": False}
    )
    options["nodes"] = {
        "shape": "dot",
        "borderWidth": 1,
        "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3},
        # Sizes scale with the number of articles; the page's script sets each label's size
        # (the same on screen at any zoom) and hides those that would overlap a bigger one.
        "scaling": {"min": 8, "max": 40, "label": {"enabled": False, "drawThreshold": 5}},
    }
    options["edges"].update(
        {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "color": {
                "color": "#a0a8b0",
                "highlight": "#34495e",
                "hover": "#5d6d7e",
                # Many edges drawn opaque hide the nodes under them.
                "opacity": edge_opacity(nodes),
            },
            # Link labels show only around the selected node (the page's script): drawn for
            # every link they cover the graph.
            "font": {"size": 11, "color": _HIDDEN, "strokeWidth": 0, "align": "middle"},
            # Edge labels show from 65% zoom up, where they can be read.
            "scaling": {"min": 1, "max": 6, "label": {"enabled": False, "drawThreshold": 8}},
            "selectionWidth": 2,
        }
    )
    return options
