// graph.html's own script. Everything it shows comes from the JSON island #kg-data and is put
// on the page with textContent and createElement only: no string ever becomes markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var details = data.nodes, edgeDetails = data.edges;
  var neighbours = {};
  Object.keys(details).forEach(function (id) { neighbours[id] = []; });
  data.vis.edges.forEach(function (edge) {
    var e = edgeDetails[edge.id];
    e.from = edge.from; e.to = edge.to; e.label = edge.label || e.relation;
    neighbours[edge.from].push(edge.id);
    neighbours[edge.to].push(edge.id);
  });
  var nodes = new vis.DataSet(data.vis.nodes);
  var edges = new vis.DataSet(data.vis.edges);
  window.kgNodes = nodes;
  window.kgEdges = edges;
  var panel = document.getElementById("kg-panel");
  var network = new vis.Network(
    document.getElementById("kg-canvas"), {nodes: nodes, edges: edges}, data.vis.options);
  window.network = network;
  var ids = Object.keys(details);
  var pinned = false, selected = null, ready = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function byId(id) { return document.getElementById(id); }

  // Labels: the biggest nodes first, each kept only where it overlaps no label already kept
  // and no other node, wholly inside the canvas, and drawn at a fixed size on the screen
  // whatever the zoom; the others show as one zooms in. The BIG biggest may cover smaller nodes
  // (never a bigger one, never a label) rather than go without a name.
  var LABEL_PX = 13, BIG_LABEL_PX = 15, BIG = 30;
  var labelled = {}, focused = {};
  window.kgLabelled = labelled;
  // Label widths as the canvas draws them, measured once at 100 px in the nodes' font.
  var measure = document.createElement("canvas").getContext("2d"), widths = {};
  measure.font = "100px " + data.vis.options.nodes.font.face;
  function textWidth(id) {
    if (widths[id] === undefined) widths[id] = measure.measureText(nodes.get(id).label).width;
    return widths[id];
  }
  // A long name ("meeting in ... of ... on ...") is drawn cut at a word, whole in the panel,
  // the tooltip and the list: a label as wide as the graph's core could never find a place.
  var LABEL_CHARS = 28;
  nodes.update(ids.filter(function (id) { return details[id].label.length > LABEL_CHARS + 2; })
    .map(function (id) {
      var text = details[id].label, cut = text.lastIndexOf(" ", LABEL_CHARS);
      var kept = text.slice(0, cut > 10 ? cut : LABEL_CHARS).replace(/[ ,;:]+$/, "");
      return {id: id, label: kept + "…"};
    }));
  function shownIds() { return ids.filter(function (id) { return !nodes.get(id).hidden; }); }
  function radiusOf(id) {
    var body = network.body.nodes[id];
    return body ? body.options.size : 10;
  }
  // The selection and its neighbours first, then the biggest; of two as big, an event (it
  // stands for all who took part) before an entity.
  function byRank(list) {
    return list.sort(function (a, b) {
      return (focused[b] === true) - (focused[a] === true) ||
        details[b].size - details[a].size ||
        (details[b].type === "Event") - (details[a].type === "Event") || (a < b ? -1 : 1);
    });
  }
  function relabel() {
    var scale = network.getScale(), shown = byRank(shownIds());
    var positions = network.getPositions(shown);
    var view = network.getViewPosition();
    var box = byId("kg-canvas").getBoundingClientRect();
    var halfW = box.width / 2 / scale, halfH = box.height / 2 / scale;
    var cell = 80 / scale, changes = [], now = {};
    // Two spatial grids of boxes: the labels kept, and the nodes (with their rank).
    function grid() { return {cells: {}, boxes: []}; }
    var labels = grid(), bodies = grid();
    function hits(g, r, accept) {
      var x0 = Math.floor(r[0] / cell), x1 = Math.floor(r[2] / cell);
      var y0 = Math.floor(r[1] / cell), y1 = Math.floor(r[3] / cell);
      for (var gx = x0; gx <= x1; gx++) {
        for (var gy = y0; gy <= y1; gy++) {
          var list = g.cells[gx + "," + gy] || [];
          for (var i = 0; i < list.length; i++) {
            var o = g.boxes[list[i]];
            if (r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3] && accept(o, r)) {
              return true;
            }
          }
        }
      }
      return false;
    }
    function put(g, r) {
      g.boxes.push(r);
      for (var gx = Math.floor(r[0] / cell); gx <= Math.floor(r[2] / cell); gx++) {
        for (var gy = Math.floor(r[1] / cell); gy <= Math.floor(r[3] / cell); gy++) {
          (g.cells[gx + "," + gy] = g.cells[gx + "," + gy] || []).push(g.boxes.length - 1);
        }
      }
    }
    // Every node drawn at least a dot is an obstacle: a label over it would hide it.
    shown.forEach(function (id, rank) {
      var p = positions[id], r = radiusOf(id);
      if (p && r * scale >= 1.5) put(bodies, [p.x - r, p.y - r, p.x + r, p.y + r, rank, p, r]);
    });
    // A round node touches a label's box where the box's nearest point is within its radius.
    function touches(c, radius, r) {
      var dx = Math.max(r[0] - c.x, 0, c.x - r[2]), dy = Math.max(r[1] - c.y, 0, c.y - r[3]);
      return dx * dx + dy * dy < radius * radius;
    }
    function inside(r) {
      return r[0] >= view.x - halfW && r[2] <= view.x + halfW &&
        r[1] >= view.y - halfH && r[3] <= view.y + halfH;
    }
    shown.forEach(function (id, rank) {
      var p = positions[id];
      if (!p) return;
      var sizes = rank < BIG ? [BIG_LABEL_PX, LABEL_PX] : [LABEL_PX];
      var radius = radiusOf(id), r = null, shift = 0, px = sizes[0];
      function free(r, bigger) {
        return inside(r) && !hits(labels, r, function () { return true; }) &&
          !hits(bodies, r, function (o, l) {
            return o[4] !== rank && (!bigger || o[4] < rank) && touches(o[5], o[6], l);
          });
      }
      // Below the node where vis draws it (a gap of half the font and 4 px under the node);
      // else above it, 2 px over the node (shifted up by vadjust). The BIG biggest may also
      // cover smaller nodes (never a bigger one, never a label) and try a little farther off,
      // up to three lines, then all that in the smaller font: each of them gets its name.
      for (var s = 0; s < sizes.length && !r; s++) {
        px = sizes[s];
        var w = (textWidth(id) * px / 100 + 6) / scale, h = px / scale;
        var gap = (px / 2 + 4) / scale, up = 2 * radius + gap + h + 2 / scale;
        var tries = [[0, false], [-up, false]];
        if (rank < BIG) {  // nearest first; at each distance, over no node, then over smaller
          tries = tries.concat([[0, true], [-up, true]]);
          for (var k = 1; k <= 6; k++) {
            var down = k * h / 2, high = -up - k * h / 2;
            tries = tries.concat([[down, false], [high, false], [down, true], [high, true]]);
          }
        }
        for (var i = 0; i < tries.length && !r; i++) {
          var by = tries[i][0], top = p.y + radius + gap + by;
          var box = [p.x - w / 2, top, p.x + w / 2, top + h];
          if (free(box, tries[i][1])) { r = box; shift = by; }
        }
      }
      if (r) { put(labels, r); now[id] = px; }
      changes.push({id: id, font: {
        size: r ? px / scale : 0.1, color: r ? "#222" : HIDDEN, strokeWidth: r ? 3 / scale : 0,
        vadjust: shift}});
    });
    Object.keys(labelled).forEach(function (id) { delete labelled[id]; });
    Object.keys(now).forEach(function (id) { labelled[id] = now[id]; });
    nodes.update(changes);
  }
  var relabelPending = false;
  function relabelSoon() {
    if (relabelPending) return;
    relabelPending = true;
    window.requestAnimationFrame(function () { relabelPending = false; relabel(); });
  }
  network.on("zoom", relabelSoon);
  network.on("dragEnd", relabelSoon);

  // Fit: the shown nodes, with room at the edges for their labels.
  function fit() {
    var shown = shownIds();
    if (!shown.length) return;
    network.fit({nodes: shown, animation: false});
    // Room at the edges for the biggest names: each of their labels wholly inside the canvas.
    var scale = network.getScale() * 0.9, view = network.getViewPosition();
    var box = byId("kg-canvas").getBoundingClientRect();
    var positions = network.getPositions(shown);
    byRank(shown).slice(0, BIG).forEach(function (id) {
      var p = positions[id], half = (textWidth(id) * BIG_LABEL_PX / 100 + 6) / 2;
      var dx = Math.abs(p.x - view.x), dy = Math.abs(p.y - view.y) + radiusOf(id);
      if (dx > 0 && box.width / 2 > half) scale = Math.min(scale, (box.width / 2 - half) / dx);
      var tall = BIG_LABEL_PX * 1.5 + 4;
      if (dy > 0 && box.height / 2 > tall) scale = Math.min(scale, (box.height / 2 - tall) / dy);
    });
    network.moveTo({scale: scale, animation: false});
    relabel();
    document.body.dataset.fits = String(Number(document.body.dataset.fits || 0) + 1);
  }
  window.kgFit = fit;

  // Dimming: all but the selection and its neighbours fade.
  var FADED = "rgba(200,200,200,0.25)", HIDDEN = "rgba(0,0,0,0)";
  function dim(id) {
    selected = id;
    var keep = {}, keepEdges = {};
    if (id !== null) {
      keep[id] = true;
      neighbours[id].forEach(function (edgeId) {
        if (edges.get(edgeId).hidden) return;
        keepEdges[edgeId] = true;
        keep[edgeDetails[edgeId].from] = true;
        keep[edgeDetails[edgeId].to] = true;
      });
    }
    nodes.update(ids.map(function (n) {
      var faded = id !== null && !keep[n];
      return {id: n, color: faded ? FADED : colourOf(n), opacity: faded ? 0.3 : 1};
    }));
    edges.update(Object.keys(edgeDetails).map(function (e) {
      var faded = id !== null && !keepEdges[e];
      var named = id !== null && keepEdges[e] === true;
      return {id: e, color: {opacity: faded ? 0.08 : edgeOpacity(e)},
        font: named ? {color: "#444", strokeWidth: 3} : {color: HIDDEN, strokeWidth: 0}};
    }));
    focused = keep;
    document.body.dataset.dimmed = id === null ? "" : id;
    if (ready) relabel();
  }
  function edgeOpacity(e) { return edgeDetails[e].layer === "co" ? 0.45 : data.edgeOpacity; }

  // Colours: by type (the default) or by community.
  var colourMode = "type";
  function colourOf(id) {
    var d = details[id];
    return colourMode === "community" ? (data.communities[d.community] || {}).color || "#c0c0c0"
                                      : d.color;
  }

  function link(iri) {
    if (!/^https?:\/\/[^\s]+$/i.test(iri)) return el("span", "kg-iri", iri);
    var name = iri, m = /geonames\.org\/(\d+)/.exec(iri);
    if (m) name = "GeoNames " + m[1];
    m = /wikidata\.org\/(?:entity|wiki)\/(Q\d+)/.exec(iri);
    if (m) name = "Wikidata " + m[1];
    var a = el("a", null, name);
    a.href = iri;
    a.rel = "noopener noreferrer external";
    a.target = "_blank";
    return a;
  }
  function marked(parent, text, mark) {
    var at = mark ? text.indexOf(mark) : -1;
    if (at < 0) { parent.appendChild(document.createTextNode(text)); return; }
    parent.appendChild(document.createTextNode(text.slice(0, at)));
    parent.appendChild(el("mark", null, mark));
    parent.appendChild(document.createTextNode(text.slice(at + mark.length)));
  }
  function cite(articleIndex) {
    var article = data.articles[articleIndex] || {};
    var text = [article.title, article.source].filter(Boolean).join(" — ");
    return el("p", "kg-cite", text || article.iri || "");
  }
  function evidence(record) {
    var sentence = data.sentences[record.s];
    var box = el("div", "kg-evidence");
    var p = el("p", "kg-sentence");
    marked(p, sentence[1], record.m || record.q);
    box.appendChild(p);
    if (record.c) {
      box.appendChild(el("p", "kg-claim",
        "claimant: " + record.c + (record.u ? " (unnamed)" : "") +
        (record.q ? " — “" + record.q + "”" : "")));
    }
    box.appendChild(cite(sentence[0]));
    return box;
  }
  function evidenceList(records, total, noun) {
    var list = document.createDocumentFragment();
    list.appendChild(el("h3", null, plural(total, noun || "sentence")));
    records.forEach(function (record) {
      list.appendChild(record.s === undefined ? articleRecord(record) : evidence(record));
    });
    if (total > records.length) {
      list.appendChild(el("p", "kg-meta", "… and " + (total - records.length) + " more"));
    }
    return list;
  }
  function articleRecord(record) {
    var box = el("div", "kg-evidence");
    box.appendChild(cite(record.a));
    return box;
  }
  function linkButton(text, onClick) {
    var button = el("button", "kg-link", text);
    button.type = "button";
    button.addEventListener("click", onClick);
    return button;
  }
  function hint() {
    clear(panel);
    panel.appendChild(el("p", "kg-meta",
      "Click a node or a link to see the sentences behind it. Hover for a summary. " +
      "Press / to search, Escape to clear the selection."));
  }
  // Competing accounts of an event: its claims grouped by claimant, side by side.
  function accounts(id) {
    var byClaimant = {}, order = [];
    neighbours[id].forEach(function (edgeId) {
      var e = edgeDetails[edgeId];
      if (e.relation !== "claimed" || e.to !== id) return;
      if (!byClaimant[e.from]) { byClaimant[e.from] = []; order.push(e.from); }
      byClaimant[e.from] = byClaimant[e.from].concat(e.evidence);
    });
    // A speaker never named ("a senior official") has no node: its accounts sit on the event,
    // grouped under the speaker's own words.
    var unnamed = {};
    details[id].evidence.forEach(function (record) {
      if (!record.u || !record.c) return;
      var key = "\u0000" + record.c;
      if (!byClaimant[key]) { byClaimant[key] = []; order.push(key); unnamed[key] = record.c; }
      byClaimant[key].push(record);
    });
    if (!order.length) return null;
    var part = document.createDocumentFragment();
    part.appendChild(el("h3", null, "Accounts by " + plural(order.length, "claimant")));
    var grid = el("div", "kg-accounts");
    function name(key) { return unnamed[key] || details[key].label; }
    order.sort(function (a, b) {
      return (a in unnamed) - (b in unnamed) || name(a).localeCompare(name(b));
    });
    order.forEach(function (claimant) {
      var column = el("div", "kg-account");
      var head = el("h4");
      if (claimant in unnamed) {
        column.className += " kg-unnamed";
        head.appendChild(document.createTextNode(unnamed[claimant] + " "));
        head.appendChild(el("span", "kg-meta", "(unnamed)"));
      } else {
        head.appendChild(linkButton(details[claimant].label, function () { focusNode(claimant); }));
      }
      column.appendChild(head);
      byClaimant[claimant].forEach(function (record) {
        var sentence = data.sentences[record.s];
        var p = el("p", "kg-sentence");
        marked(p, record.q ? "“" + record.q + "”" : sentence[1], null);
        column.appendChild(p);
        column.appendChild(cite(sentence[0]));
      });
      grid.appendChild(column);
    });
    part.appendChild(grid);
    return part;
  }
  function showNode(id) {
    var d = details[id];
    if (!d) return;
    clear(panel);
    panel.appendChild(el("h2", null, d.label));
    var meta = d.type + " · " + plural(d.mentions, "mention") + " · " +
      plural(d.articles.length, "article");
    panel.appendChild(el("p", "kg-meta", meta));
    if (d.date || d.place) {
      panel.appendChild(el("p", "kg-meta", [d.date, d.place].filter(Boolean).join(" · ")));
    }
    var variants = d.variants.filter(function (v) { return v !== d.label; });
    if (variants.length) {
      panel.appendChild(el("p", "kg-meta", "Also written: " + variants.join(", ")));
    }
    if (d.roles.length) panel.appendChild(el("p", "kg-meta", "Roles: " + d.roles.join(", ")));
    if (d.sameAs.length) {
      var links = el("p", "kg-meta", "Links: ");
      d.sameAs.forEach(function (iri, i) {
        if (i) links.appendChild(document.createTextNode(", "));
        links.appendChild(link(iri));
      });
      panel.appendChild(links);
    }
    panel.appendChild(el("p", "kg-iri", id));
    var told = accounts(id);
    if (told) panel.appendChild(told);
    var connected = neighbours[id].filter(function (edgeId) { return !edges.get(edgeId).hidden; });
    // Facts first, then the co-mentions, most articles first.
    connected.sort(function (a, b) {
      var ea = edgeDetails[a], eb = edgeDetails[b];
      return (ea.layer === "co") - (eb.layer === "co") || eb.count - ea.count;
    });
    if (connected.length) {
      panel.appendChild(el("h3", null, plural(connected.length, "link")));
      var ul = el("ul");
      connected.forEach(function (edgeId) {
        var e = edgeDetails[edgeId], other = e.from === id ? e.to : e.from;
        var text = e.layer === "co"
          ? "appears with " + details[other].label + " (" + plural(e.count, "article") + ")"
          : (e.from === id ? e.label + " → " + details[e.to].label
                           : details[e.from].label + " → " + e.label) + " (" + e.count + ")";
        var li = el("li");
        li.appendChild(linkButton(text, function () {
          network.selectEdges([edgeId]);
          showEdge(edgeId);
        }));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
    panel.appendChild(evidenceList(d.evidence, d.evidenceCount));
  }
  function showEdge(id) {
    var e = edgeDetails[id];
    if (!e) return;
    clear(panel);
    panel.appendChild(el("h2", null, e.label));
    var ends = el("p", "kg-meta");
    ends.appendChild(linkButton(details[e.from].label, function () { focusNode(e.from); }));
    ends.appendChild(document.createTextNode(" → " + e.label + " → "));
    ends.appendChild(linkButton(details[e.to].label, function () { focusNode(e.to); }));
    panel.appendChild(ends);
    if (e.layer === "co") {
      panel.appendChild(el("p", "kg-meta",
        "Both are named in the same " + plural(e.count, "article") + ": a co-mention, " +
        "not a fact any sentence states."));
      panel.appendChild(evidenceList(e.evidence, e.count, "article"));
      return;
    }
    if (!e.count) {
      panel.appendChild(el("p", "kg-meta",
        "No sentence states it: it comes from the gazetteer or from resolving the event."));
    }
    panel.appendChild(evidenceList(e.evidence, e.count));
  }
  function select(id) {
    pinned = true;
    network.selectNodes([id]);
    dim(id);
    showNode(id);
  }
  function focusNode(id) {
    hideList();
    if (nodes.get(id).hidden) nodes.update({id: id, hidden: false});
    select(id);
    network.focus(id, {scale: Math.max(network.getScale(), 1.2), animation: false});
    relabel();
  }
  function unselect() {
    pinned = false;
    network.unselectAll();
    dim(null);
    hint();
  }

  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0]); }
    else if (params.edges.length) {
      pinned = true;
      dim(null);
      edges.update({id: params.edges[0], font: {color: "#444", strokeWidth: 3}});
      showEdge(params.edges[0]);
    }
    else { unselect(); }
  });
  network.on("hoverNode", function (params) { if (!pinned) showNode(params.node); });
  network.on("blurNode", function () { if (!pinned) hint(); });

  // Search: a datalist of the names; Enter selects and focuses the best match.
  var search = byId("kg-search");
  var names = byId("kg-labels");
  ids.forEach(function (id) {
    var option = document.createElement("option");
    option.value = details[id].label;
    names.appendChild(option);
  });
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var tests = [
      function (d) { return d.label.toLowerCase() === q; },
      function (d) { return d.variants.some(function (v) { return v.toLowerCase() === q; }); },
      function (d) { return d.label.toLowerCase().indexOf(q) === 0; },
      function (d) { return d.label.toLowerCase().indexOf(q) >= 0; },
    ];
    // The shown nodes first, then those the filters hide.
    var pools = [shownIds(), ids];
    for (var p = 0; p < pools.length; p++) {
      for (var i = 0; i < tests.length; i++) {
        var found = pools[p].filter(function (id) { return tests[i](details[id]); });
        if (found.length) {
          found.sort(function (a, b) { return details[b].size - details[a].size; });
          return found[0];
        }
      }
    }
    return null;
  }
  search.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var id = find(search.value);
    if (id) { focusNode(id); }
    else {
      clear(panel);
      panel.appendChild(el("p", "kg-meta", "No node is named “" + search.value + "”."));
    }
  });
  document.addEventListener("keydown", function (event) {
    var typing = /^(INPUT|SELECT|TEXTAREA)$/.test(event.target.tagName);
    if (event.key === "/" && !typing) { event.preventDefault(); search.focus(); search.select(); }
    else if (event.key === "Escape") {
      if (!byId("kg-list").hidden) hideList();
      else unselect();
      if (typing) event.target.blur();
    }
  });

  // Filters: the link layers, types (the legend), one article or claimant, unlinked nodes.
  var checked = {};
  var typesBox = byId("kg-types");
  data.types.forEach(function (type) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = type.name;
    box.addEventListener("change", function () { checked[type.name] = box.checked; apply(); });
    checked[type.name] = true;
    var swatch = el("span", "kg-swatch");
    swatch.style.backgroundColor = type.color;
    label.appendChild(box);
    label.appendChild(swatch);
    // A break opportunity inside CamelCase names, so "GovernmentOrganization" can wrap.
    var name = type.name.replace(/([a-z])([A-Z])/g, "$1\u200b$2");
    label.appendChild(el("span", null, name + " (" + type.count + ")"));
    typesBox.appendChild(label);
  });
  var communitiesBox = byId("kg-communities");
  data.communities.forEach(function (community) {
    var label = el("label");
    var swatch = el("span", "kg-swatch");
    swatch.style.backgroundColor = community.color;
    label.appendChild(swatch);
    label.appendChild(el("span", null, community.name + " (" + community.size + ")"));
    communitiesBox.appendChild(label);
  });
  if (data.communities.length) {
    communitiesBox.appendChild(el("p", "kg-meta",
      "Communities: groups more linked among themselves than with the rest (networkx " +
      "Louvain on the page's links); the smallest are grey."));
  }
  var colour = byId("kg-colour");
  colour.addEventListener("change", function () {
    colourMode = colour.value;
    typesBox.hidden = colourMode !== "type";
    communitiesBox.hidden = colourMode !== "community";
    dim(selected);
  });

  var sourceSelect = byId("kg-source");
  sourceSelect.appendChild(el("option", null, "All articles and claimants")).value = "";
  var group = el("optgroup");
  group.label = "Articles";
  data.articles.forEach(function (article, i) {
    var option = el("option", null, article.title || article.source || article.iri);
    option.value = "a" + i;
    group.appendChild(option);
  });
  if (data.articles.length) sourceSelect.appendChild(group);
  group = el("optgroup");
  group.label = "Claimants";
  Object.keys(data.claimants).sort(function (a, b) {
    return details[a].label.localeCompare(details[b].label);
  }).forEach(function (id) {
    var option = el("option", null, details[id].label);
    option.value = "c" + id;
    group.appendChild(option);
  });
  if (group.childNodes.length) sourceSelect.appendChild(group);
  // Speakers the text never names, grouped by their words: their claims are on events and on
  // what they are about, not on a node of their own.
  group = el("optgroup");
  group.label = "Unnamed claimants";
  data.unnamed.forEach(function (speaker, i) {
    var said = " (unnamed, " + plural(speaker.claims, "claim") + ")";
    var option = el("option", null, speaker.name + said);
    option.value = "u" + i;
    group.appendChild(option);
  });
  if (group.childNodes.length) sourceSelect.appendChild(group);
  sourceSelect.addEventListener("change", apply);

  var factsBox = byId("kg-layer-facts"), coBox = byId("kg-layer-co");
  var isolatedBox = byId("kg-isolated");
  coBox.checked = data.coMentions.on;
  coBox.disabled = !data.coMentions.edges;
  byId("kg-co-note").textContent = data.coMentions.note;
  [factsBox, coBox, isolatedBox].forEach(function (box) { box.addEventListener("change", apply); });

  function apply() {
    var choice = sourceSelect.value, article = -1, onlyNodes = null, onlyEdges = null;
    if (choice.charAt(0) === "a") article = Number(choice.slice(1));
    if (choice.charAt(0) === "c") {
      var claimant = choice.slice(1);
      onlyNodes = {}; onlyEdges = {};
      onlyNodes[claimant] = true;
      data.claimants[claimant].forEach(function (edgeId) {
        onlyEdges[edgeId] = true;
        onlyNodes[edgeDetails[edgeId].to] = true;
      });
    }
    if (choice.charAt(0) === "u") {  // an unnamed speaker: the nodes its claims are on, no link
      onlyNodes = {}; onlyEdges = {};
      data.unnamed[Number(choice.slice(1))].nodes.forEach(function (id) { onlyNodes[id] = true; });
    }
    var candidate = {}, linked = {};
    ids.forEach(function (id) {
      var d = details[id];
      candidate[id] = checked[d.type] !== false &&
        (article < 0 || d.articles.indexOf(article) >= 0) && (!onlyNodes || onlyNodes[id] === true);
    });
    var edgeChanges = [], edgeShown = {};
    Object.keys(edgeDetails).forEach(function (id) {
      var e = edgeDetails[id];
      var layer = e.layer === "co" ? coBox.checked : factsBox.checked;
      var visible = layer && candidate[e.from] && candidate[e.to] &&
        (article < 0 || !e.count || e.articles.indexOf(article) >= 0) &&
        (!onlyEdges || onlyEdges[id] === true);
      edgeShown[id] = visible;
      if (visible) { linked[e.from] = true; linked[e.to] = true; }
      if (Boolean(edges.get(id).hidden) === visible) edgeChanges.push({id: id, hidden: !visible});
    });
    // One article or claimant shows all it names; otherwise nodes without a shown link wait
    // behind their checkbox, so the default view is the linked part of the graph.
    var keepAlone = isolatedBox.checked || article >= 0 || onlyNodes !== null;
    var nodeChanges = [], shown = 0, alone = 0;
    ids.forEach(function (id) {
      var visible = candidate[id] && (keepAlone || linked[id] === true || id === data.focus);
      if (candidate[id] && !linked[id]) alone++;
      if (visible) shown++;
      if (Boolean(nodes.get(id).hidden) === visible) nodeChanges.push({id: id, hidden: !visible});
    });
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    isolatedBox.parentNode.lastChild.textContent = " nodes without a shown link (" + alone + ")";
    byId("kg-shown").textContent =
      shown === ids.length ? "" : "· " + shown + " shown";
    if (selected !== null && nodes.get(selected).hidden) unselect();
    else dim(selected);
    if (!byId("kg-list").hidden) fillList();
    if (ready) fit();
  }

  // The list view: the shown nodes as a table, biggest first, filtered as one types.
  var list = byId("kg-list"), listToggle = byId("kg-list-toggle");
  var listFilter = byId("kg-list-filter"), rows = byId("kg-list-rows");
  var LIST_ROWS = 500;
  function fillList() {
    clear(rows);
    var q = listFilter.value.trim().toLowerCase();
    var shown = shownIds().filter(function (id) {
      return !q || details[id].label.toLowerCase().indexOf(q) >= 0 ||
        details[id].type.toLowerCase().indexOf(q) >= 0;
    });
    shown.sort(function (a, b) {
      return details[b].size - details[a].size || details[a].label.localeCompare(details[b].label);
    });
    shown.slice(0, LIST_ROWS).forEach(function (id) {
      var d = details[id], tr = el("tr", "kg-row");
      tr.tabIndex = 0;
      tr.dataset.id = id;
      [d.label, d.type, d.articles.length, d.mentions, neighbours[id].length].forEach(
        function (value) { tr.appendChild(el("td", null, value)); });
      tr.addEventListener("click", function () { focusNode(id); });
      tr.addEventListener("keydown", function (event) {
        if (event.key === "Enter") focusNode(id);
      });
      rows.appendChild(tr);
    });
    byId("kg-list-more").textContent = shown.length > LIST_ROWS
      ? "… and " + (shown.length - LIST_ROWS) + " more: filter to find them" : "";
  }
  function showList() {
    list.hidden = false;
    listToggle.setAttribute("aria-pressed", "true");
    fillList();
    listFilter.focus();
  }
  function hideList() {
    list.hidden = true;
    listToggle.setAttribute("aria-pressed", "false");
  }
  listToggle.addEventListener("click", function () { if (list.hidden) showList(); else hideList(); });
  listFilter.addEventListener("input", fillList);

  // Collapsible side panels; a narrow window starts with the filters folded away.
  function toggler(buttonId, className) {
    var button = byId(buttonId);
    function set(open) {
      document.body.classList.toggle(className, !open);
      button.setAttribute("aria-expanded", String(open));
      // Before the first drawing the canvas takes its size then; redrawing here would run the
      // first drawing before the page is ready for it.
      if (ready) { network.redraw(); fit(); }
    }
    button.addEventListener("click", function () {
      set(document.body.classList.contains(className));
    });
    return set;
  }
  var setSide = toggler("kg-toggle-side", "kg-no-side");
  toggler("kg-toggle-panel", "kg-no-panel");
  if (window.innerWidth < 1200) setSide(false);

  byId("kg-fit").addEventListener("click", fit);
  byId("kg-reset").addEventListener("click", function () {
    search.value = "";
    sourceSelect.value = "";
    factsBox.checked = true;
    coBox.checked = data.coMentions.on;
    isolatedBox.checked = false;
    typesBox.querySelectorAll("input").forEach(function (box) {
      box.checked = true;
      checked[box.value] = true;
    });
    unselect();
    apply();
  });

  function stable() {
    network.setOptions({physics: false});
    ready = true;
    fit();
    if (data.focus && details[data.focus]) focusNode(data.focus);
    document.body.dataset.stabilized = "true";
  }
  apply();
  hint();
  // Stabilisation runs after a timeout, so these handlers are in time.
  if (data.layout === "physics") network.once("stabilizationIterationsDone", stable);
  else network.once("afterDrawing", stable);
})();
