/* evroad map: an interactive view of a subgraph, drawn with cytoscape.js.
 *
 * EvroadMap.mount(container, data) builds the toolbar (search, layout, fit), the canvas, the
 * legend and details panel, and the timeline strip of dated facts, and returns a controller.
 * `data` is what `evroad::export::html::map_data` writes:
 *   {nodes: [{id, labels, name, aliases, properties}],
 *    relationships: [{id, type, from, to, properties}],
 *    legend: [{label, colour, shape, count}],
 *    facts: [{kind: "node"|"relationship", id, key, year, name}]}
 * The controller's `state` is a plain object kept up to date (counts, selection, search hits,
 * timeline range) so that tests can read it from the page.
 */
(function (global) {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var EDGE_COLOUR = "#8a96a3";

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") e.textContent = attrs[k];
        else if (k === "class") e.className = attrs[k];
        else e.setAttribute(k, attrs[k]);
      });
    }
    (children || []).forEach(function (c) {
      if (c != null) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    return e;
  }

  /** A property value as text: lists joined with commas, maps and entities as JSON. */
  function show(v) {
    if (v === null || v === undefined) return "null";
    if (Array.isArray(v)) return v.map(show).join(", ");
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  }

  function truncate(s, n) {
    return s.length > n ? s.slice(0, n - 1) + "\u2026" : s;
  }

  /** Points of a regular polygon (for legend swatches). */
  function polygon(sides, cx, cy, r, rotate, inner) {
    var pts = [];
    var count = inner ? sides * 2 : sides;
    for (var i = 0; i < count; i++) {
      var a = rotate + (i * 2 * Math.PI) / count;
      var rr = inner && i % 2 === 1 ? r * inner : r;
      pts.push((cx + rr * Math.cos(a)).toFixed(1) + "," + (cy + rr * Math.sin(a)).toFixed(1));
    }
    return pts.join(" ");
  }

  function swatch(shape, colour) {
    var s = svg("svg", { width: 16, height: 16, viewBox: "0 0 16 16" });
    var attrs = { fill: colour, stroke: "#33414f", "stroke-width": 1 };
    var up = -Math.PI / 2;
    var shapeEl;
    switch (shape) {
      case "ellipse":
        shapeEl = svg("circle", Object.assign({ cx: 8, cy: 8, r: 6.5 }, attrs));
        break;
      case "round-rectangle":
        shapeEl = svg("rect", Object.assign({ x: 1.5, y: 3, width: 13, height: 10, rx: 3 }, attrs));
        break;
      case "triangle":
        shapeEl = svg("polygon", Object.assign({ points: polygon(3, 8, 9, 7, up) }, attrs));
        break;
      case "diamond":
        shapeEl = svg("polygon", Object.assign({ points: polygon(4, 8, 8, 7, up) }, attrs));
        break;
      case "pentagon":
        shapeEl = svg("polygon", Object.assign({ points: polygon(5, 8, 8.5, 7, up) }, attrs));
        break;
      case "hexagon":
        shapeEl = svg("polygon", Object.assign({ points: polygon(6, 8, 8, 7, 0) }, attrs));
        break;
      case "octagon":
        shapeEl = svg("polygon", Object.assign({ points: polygon(8, 8, 8, 7, Math.PI / 8) }, attrs));
        break;
      case "star":
        shapeEl = svg("polygon", Object.assign({ points: polygon(5, 8, 8.5, 7.5, up, 0.45) }, attrs));
        break;
      default:
        shapeEl = svg("rect", Object.assign({ x: 2, y: 2, width: 12, height: 12 }, attrs));
    }
    s.appendChild(shapeEl);
    return s;
  }

  var LAYOUTS = {
    force: {
      name: "cose",
      animate: false,
      randomize: false,
      fit: true,
      padding: 24,
      idealEdgeLength: function () {
        return 80;
      },
      nodeOverlap: 20,
      gravity: 60,
      componentSpacing: 60,
      numIter: 2000,
    },
    layered: { name: "breadthfirst", directed: true, animate: false, fit: true, padding: 24, spacingFactor: 1.1 },
    circle: { name: "circle", animate: false, fit: true, padding: 24 },
  };

  function mount(container, data, options) {
    options = options || {};
    data = data || {};
    var nodes = data.nodes || [];
    var rels = data.relationships || [];
    var legend = data.legend || [];
    var facts = data.facts || [];
    var style = {};
    legend.forEach(function (l) {
      style[l.label] = l;
    });
    var byId = {};
    nodes.forEach(function (n) {
      byId[n.id] = n;
    });
    var relById = {};
    rels.forEach(function (r) {
      relById[r.id] = r;
    });

    var state = {
      ready: false,
      nodes: nodes.length,
      edges: rels.length,
      rendered: { nodes: 0, edges: 0 },
      visibleNodes: nodes.length,
      visibleEdges: rels.length,
      facts: facts.length,
      layout: options.layout || "force",
      selected: null,
      search: "",
      matches: [],
      range: null,
    };

    container.innerHTML = "";
    var search = el("input", { type: "search", placeholder: "Search by name or alias\u2026", "aria-label": "search" });
    var layoutSel = el("select", { "aria-label": "layout" }, [
      el("option", { value: "force", text: "force-directed" }),
      el("option", { value: "layered", text: "layered" }),
      el("option", { value: "circle", text: "circle" }),
    ]);
    layoutSel.value = state.layout;
    var fitBtn = el("button", { type: "button", text: "Fit" });
    var counts = el("span", { class: "ev-counts" });
    var canvas = el("div", { class: "ev-canvas" });
    var legendList = el("ul", { class: "ev-legend" });
    var details = el("div", { class: "ev-details" });
    var side = el("aside", { class: "ev-side" }, [
      el("h3", { text: "Legend" }),
      legendList,
      el("h3", { text: "Details" }),
      details,
    ]);
    var rangeText = el("span", { class: "ev-range" });
    var clearBtn = el("button", { type: "button", text: "Clear range" });
    var timelineSvg = svg("svg", { class: "ev-timeline-svg", role: "img", "aria-label": "timeline" });
    var timeline = el("div", { class: "ev-timeline" }, [
      el("div", { class: "ev-timeline-head" }, [
        el("span", { text: "Timeline of dated facts (drag to filter):" }),
        rangeText,
        clearBtn,
      ]),
      timelineSvg,
    ]);
    var root = el("div", { class: "ev-map" }, [
      el("div", { class: "ev-toolbar" }, [search, layoutSel, fitBtn, counts]),
      el("div", { class: "ev-body" }, [canvas, side]),
      timeline,
    ]);
    container.appendChild(root);

    function showHint() {
      details.innerHTML = "";
      details.appendChild(
        el("p", { class: "ev-hint", text: "Click a node or relationship to see its properties and source section." })
      );
    }
    showHint();

    // Deterministic starting positions (a circle in id order) so the force layout gives the
    // same picture for the same subgraph.
    var elements = [];
    nodes.forEach(function (n, i) {
      var first = (n.labels && n.labels[0]) || "";
      var s = style[first] || { colour: "#bab0ac", shape: "ellipse" };
      var angle = (2 * Math.PI * i) / Math.max(nodes.length, 1);
      elements.push({
        group: "nodes",
        data: {
          id: "n:" + n.id,
          key: n.id,
          label: truncate(n.name || n.id, 34),
          colour: s.colour,
          shape: s.shape,
        },
        position: { x: 300 * Math.cos(angle), y: 300 * Math.sin(angle) },
      });
    });
    rels.forEach(function (r) {
      if (!byId[r.from] || !byId[r.to]) return;
      elements.push({
        group: "edges",
        data: { id: "r:" + r.id, key: r.id, source: "n:" + r.from, target: "n:" + r.to, type: r.type },
      });
    });

    var cy = global.cytoscape({
      container: canvas,
      elements: elements,
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 4,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(colour)",
            shape: "data(shape)",
            width: 30,
            height: 30,
            "border-width": 1,
            "border-color": "#33414f",
            label: "data(label)",
            "font-size": 10,
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-wrap": "wrap",
            "text-max-width": 120,
            color: "#1d2733",
            "text-background-color": "#fbfcfd",
            "text-background-opacity": 0.7,
          },
        },
        {
          selector: "edge",
          style: {
            width: 1.4,
            "line-color": EDGE_COLOUR,
            "target-arrow-color": EDGE_COLOUR,
            "target-arrow-shape": "triangle",
            "arrow-scale": 0.9,
            "curve-style": "bezier",
            label: "data(type)",
            "font-size": 7,
            color: "#4a5663",
            "text-rotation": "autorotate",
            "text-background-color": "#fbfcfd",
            "text-background-opacity": 0.85,
            "text-background-padding": 1,
          },
        },
        { selector: ".ev-hit", style: { "border-width": 4, "border-color": "#111111", "z-index": 10 } },
        { selector: ".ev-dim", style: { opacity: 0.18 } },
        { selector: ".ev-hidden", style: { display: "none" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#d62728" } },
        {
          selector: "edge:selected",
          style: { "line-color": "#d62728", "target-arrow-color": "#d62728", width: 3 },
        },
      ],
    });
    cy.boxSelectionEnabled(false);

    var empty = el("div", { class: "ev-empty", text: "The query touched no nodes or relationships." });
    if (!nodes.length) canvas.appendChild(empty);

    function updateCounts() {
      var vn = cy.nodes().not(".ev-hidden").length;
      var ve = cy.edges().not(".ev-hidden").length;
      state.visibleNodes = vn;
      state.visibleEdges = ve;
      state.rendered = { nodes: cy.nodes().length, edges: cy.edges().length };
      var text = vn + " nodes, " + ve + " relationships";
      if (vn !== nodes.length || ve !== rels.length) {
        text += " (of " + nodes.length + ", " + rels.length + ")";
      }
      counts.textContent = text;
    }

    function runLayout(name) {
      state.layout = name;
      var opts = Object.assign({}, LAYOUTS[name] || LAYOUTS.force);
      if (opts.name === "cose") {
        // more repulsion for bigger graphs, so labels do not pile up in the middle
        var repulsion = 20000 + 4000 * cy.nodes().length;
        opts.nodeRepulsion = function () {
          return repulsion;
        };
      }
      cy.elements().not(".ev-hidden").layout(opts).run();
    }

    // ---- details panel -------------------------------------------------------------------
    function propertyTable(props, skip) {
      var rows = Object.keys(props || {})
        .filter(function (k) {
          return skip.indexOf(k) < 0;
        })
        .sort()
        .map(function (k) {
          return el("tr", null, [el("td", { text: k }), el("td", { text: show(props[k]) })]);
        });
      return rows.length ? el("table", null, rows) : null;
    }

    function sourceBox(props) {
      var parts = [];
      if (props && props.source != null) {
        parts.push(el("div", { class: "ev-source" }, [el("b", { text: "Source: " }), show(props.source)]));
      }
      if (props && props.quote != null) parts.push(el("blockquote", { text: "\u201c" + show(props.quote) + "\u201d" }));
      return parts;
    }

    function showNode(id) {
      var n = byId[id];
      if (!n) return;
      state.selected = { kind: "node", id: id };
      details.innerHTML = "";
      details.appendChild(el("div", { class: "ev-title", text: n.name || n.id }));
      details.appendChild(
        el("div", { class: "ev-sub", text: (n.labels || []).map(function (l) { return ":" + l; }).join("") + "  \u00b7  " + n.id })
      );
      sourceBox(n.properties).forEach(function (p) {
        details.appendChild(p);
      });
      var t = propertyTable(n.properties, ["name", "source", "quote"]);
      if (t) details.appendChild(t);
    }

    function showRel(id) {
      var r = relById[id];
      if (!r) return;
      state.selected = { kind: "relationship", id: id };
      details.innerHTML = "";
      var from = byId[r.from] ? byId[r.from].name || r.from : r.from;
      var to = byId[r.to] ? byId[r.to].name || r.to : r.to;
      details.appendChild(el("div", { class: "ev-title", text: ":" + r.type }));
      details.appendChild(el("div", { class: "ev-sub", text: from + " \u2192 " + to }));
      sourceBox(r.properties).forEach(function (p) {
        details.appendChild(p);
      });
      var t = propertyTable(r.properties, ["source", "quote"]);
      if (t) details.appendChild(t);
    }

    function select(kind, id) {
      cy.elements().unselect();
      var ele = cy.getElementById((kind === "node" ? "n:" : "r:") + id);
      if (ele.nonempty()) ele.select();
      if (kind === "node") showNode(id);
      else showRel(id);
    }

    cy.on("tap", "node", function (evt) {
      showNode(evt.target.data("key"));
    });
    cy.on("tap", "edge", function (evt) {
      showRel(evt.target.data("key"));
    });
    cy.on("tap", function (evt) {
      if (evt.target === cy) {
        state.selected = null;
        showHint();
      }
    });

    // ---- highlighting: search box and legend ---------------------------------------------
    var legendItems = {};
    var activeLabel = null;

    function highlight(ids) {
      cy.elements().removeClass("ev-hit ev-dim");
      if (ids === null) return;
      var hit = cy.collection();
      ids.forEach(function (id) {
        hit = hit.union(cy.getElementById("n:" + id));
      });
      cy.elements().difference(hit).difference(hit.edgesWith(hit)).addClass("ev-dim");
      hit.addClass("ev-hit");
    }

    function matchesOf(q) {
      q = q.trim().toLowerCase();
      if (!q) return null;
      return nodes
        .filter(function (n) {
          var names = [n.id, n.name || ""].concat(n.aliases || []);
          return names.some(function (s) {
            return String(s).toLowerCase().indexOf(q) >= 0;
          });
        })
        .map(function (n) {
          return n.id;
        });
    }

    function doSearch(q) {
      state.search = q;
      setActiveLabel(null);
      var ids = matchesOf(q);
      state.matches = ids || [];
      highlight(ids);
    }

    function setActiveLabel(label) {
      if (activeLabel && legendItems[activeLabel]) legendItems[activeLabel].classList.remove("ev-on");
      activeLabel = label;
      if (label && legendItems[label]) legendItems[label].classList.add("ev-on");
    }

    search.addEventListener("input", function () {
      doSearch(search.value);
    });
    search.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        var hits = cy.nodes(".ev-hit").not(".ev-hidden");
        if (hits.nonempty()) cy.animate({ fit: { eles: hits, padding: 60 }, duration: 250 });
      }
    });

    legend.forEach(function (l) {
      var li = el("li", { title: "highlight :" + l.label }, [
        swatch(l.shape, l.colour),
        el("span", { text: l.label }),
        el("span", { class: "ev-n", text: String(l.count) }),
      ]);
      li.addEventListener("click", function () {
        search.value = "";
        state.search = "";
        if (activeLabel === l.label) {
          setActiveLabel(null);
          state.matches = [];
          highlight(null);
          return;
        }
        setActiveLabel(l.label);
        var ids = nodes
          .filter(function (n) {
            return (n.labels || [])[0] === l.label;
          })
          .map(function (n) {
            return n.id;
          });
        state.matches = ids;
        highlight(ids);
      });
      legendItems[l.label] = li;
      legendList.appendChild(li);
    });
    if (!legend.length) legendList.appendChild(el("li", { class: "ev-hint", text: "no labels" }));

    layoutSel.addEventListener("change", function () {
      runLayout(layoutSel.value);
    });
    fitBtn.addEventListener("click", function () {
      cy.fit(cy.elements().not(".ev-hidden"), 24);
    });

    // ---- timeline ------------------------------------------------------------------------
    var years = facts.map(function (f) {
      return f.year;
    });
    var y0 = years.length ? Math.min.apply(null, years) - 1 : 0;
    var y1 = years.length ? Math.max.apply(null, years) + 1 : 1;
    var PAD = 18;
    var AXIS_Y = 40;

    function width() {
      return timelineSvg.getBoundingClientRect().width || 600;
    }
    function xOf(year) {
      return PAD + ((year - y0) / (y1 - y0)) * (width() - 2 * PAD);
    }
    function yearAt(x) {
      return y0 + ((x - PAD) / (width() - 2 * PAD)) * (y1 - y0);
    }

    function colourOf(f) {
      if (f.kind === "node") {
        var n = byId[f.id];
        var s = n && style[(n.labels || [])[0]];
        return s ? s.colour : "#bab0ac";
      }
      return "#56616e";
    }

    var brush = svg("rect", { class: "ev-brush", x: 0, y: 4, width: 0, height: AXIS_Y - 2, visibility: "hidden" });

    function drawTimeline() {
      timelineSvg.innerHTML = "";
      if (!facts.length) {
        var t = svg("text", { x: PAD, y: 30, fill: "#7a8592", "font-size": 12 });
        t.textContent = "No dated facts (launched, year, announced, ...) in this subgraph.";
        timelineSvg.appendChild(t);
        return;
      }
      timelineSvg.appendChild(brush);
      timelineSvg.appendChild(svg("line", { class: "ev-axis", x1: PAD, x2: width() - PAD, y1: AXIS_Y, y2: AXIS_Y }));
      var span = y1 - y0;
      var step = span <= 16 ? 1 : span <= 40 ? 2 : span <= 80 ? 5 : 10;
      for (var y = Math.ceil(y0 / step) * step; y <= y1; y += step) {
        var g = svg("g", { class: "ev-tick" });
        g.appendChild(svg("line", { class: "ev-axis", x1: xOf(y), x2: xOf(y), y1: AXIS_Y, y2: AXIS_Y + 4 }));
        var label = svg("text", { x: xOf(y), y: AXIS_Y + 15, "text-anchor": "middle" });
        label.textContent = String(y);
        g.appendChild(label);
        timelineSvg.appendChild(g);
      }
      var stack = {};
      facts.forEach(function (f) {
        var k = (stack[f.year] = (stack[f.year] || 0) + 1) - 1;
        var dot = svg("circle", {
          class: "ev-fact",
          cx: xOf(f.year),
          cy: AXIS_Y - 6 - (k % 4) * 8,
          r: 4,
          fill: colourOf(f),
        });
        var title = svg("title", {});
        title.textContent = f.year + ": " + f.name + " (" + f.key + ")";
        dot.appendChild(title);
        dot.addEventListener("pointerdown", function (e) {
          e.stopPropagation();
        });
        dot.addEventListener("click", function (e) {
          e.stopPropagation();
          select(f.kind, f.id);
        });
        timelineSvg.appendChild(dot);
      });
      drawBrush();
    }

    function drawBrush() {
      if (!state.range) {
        brush.setAttribute("visibility", "hidden");
        return;
      }
      var a = xOf(state.range[0] - 0.5);
      var b = xOf(state.range[1] + 0.5);
      brush.setAttribute("x", Math.max(a, 0));
      brush.setAttribute("width", Math.max(b - a, 1));
      brush.setAttribute("visibility", "visible");
    }

    function setRange(a, b) {
      if (a == null || b == null || a > b) {
        clearRange();
        return;
      }
      state.range = [a, b];
      var keepNodes = {};
      var keepRels = {};
      facts.forEach(function (f) {
        if (f.year < a || f.year > b) return;
        if (f.kind === "node") keepNodes[f.id] = true;
        else keepRels[f.id] = true;
      });
      Object.keys(keepRels).forEach(function (id) {
        var r = relById[id];
        if (r) {
          keepNodes[r.from] = true;
          keepNodes[r.to] = true;
        }
      });
      cy.batch(function () {
        cy.nodes().forEach(function (n) {
          n.toggleClass("ev-hidden", !keepNodes[n.data("key")]);
        });
        cy.edges().forEach(function (e) {
          var r = relById[e.data("key")];
          var keep = keepRels[r.id] || (keepNodes[r.from] && keepNodes[r.to]);
          e.toggleClass("ev-hidden", !keep);
        });
      });
      rangeText.textContent = a === b ? String(a) : a + " \u2013 " + b;
      updateCounts();
      drawBrush();
      var shown = cy.elements().not(".ev-hidden");
      if (shown.nonempty()) cy.fit(shown, 40);
    }

    function clearRange() {
      state.range = null;
      cy.elements().removeClass("ev-hidden");
      rangeText.textContent = "";
      updateCounts();
      drawBrush();
      cy.fit(cy.elements(), 24);
    }

    var dragFrom = null;
    timelineSvg.addEventListener("pointerdown", function (e) {
      if (!facts.length) return;
      var box = timelineSvg.getBoundingClientRect();
      dragFrom = e.clientX - box.left;
      timelineSvg.setPointerCapture(e.pointerId);
      brush.setAttribute("x", dragFrom);
      brush.setAttribute("width", 0);
      brush.setAttribute("visibility", "visible");
    });
    timelineSvg.addEventListener("pointermove", function (e) {
      if (dragFrom === null) return;
      var x = e.clientX - timelineSvg.getBoundingClientRect().left;
      brush.setAttribute("x", Math.min(x, dragFrom));
      brush.setAttribute("width", Math.abs(x - dragFrom));
    });
    timelineSvg.addEventListener("pointerup", function (e) {
      if (dragFrom === null) return;
      var x = e.clientX - timelineSvg.getBoundingClientRect().left;
      var lo = Math.min(x, dragFrom);
      var hi = Math.max(x, dragFrom);
      dragFrom = null;
      if (hi - lo < 4) {
        var y = Math.round(yearAt(x));
        setRange(y, y);
      } else {
        // the years whose tick lies under the brush
        setRange(Math.ceil(yearAt(lo)), Math.floor(yearAt(hi)));
      }
    });
    clearBtn.addEventListener("click", clearRange);

    var onResize = function () {
      cy.resize();
      drawTimeline();
    };
    global.addEventListener("resize", onResize);

    runLayout(state.layout);
    drawTimeline();
    updateCounts();
    state.ready = true;

    return {
      cy: cy,
      state: state,
      search: function (q) {
        search.value = q;
        doSearch(q);
        return state.matches.slice();
      },
      setRange: setRange,
      clearRange: clearRange,
      select: select,
      layout: runLayout,
      resize: function () {
        cy.resize();
        cy.fit(cy.elements().not(".ev-hidden"), 24);
        drawTimeline();
      },
      destroy: function () {
        global.removeEventListener("resize", onResize);
        cy.destroy();
        container.innerHTML = "";
      },
    };
  }

  global.EvroadMap = { mount: mount };
})(window);
