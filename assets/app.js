/* evroad serve: the web app (query editor, result table, map, schema sidebar).
 *
 * Talks to the JSON API of the server that served it. Keeps `window.evroadState` up to date:
 *   {ready, status: "idle"|"running"|"done"|"error", runs, query, columns, rows, error, map}
 * where `map` is the map controller's state (counts, search hits, timeline range).
 */
(function () {
  "use strict";

  var S = window.evroadState;
  S.status = "idle";
  S.runs = 0;
  S.query = null;
  S.columns = [];
  S.rows = 0;
  S.error = null;
  S.map = null;
  S.schema = false;

  var cfg = JSON.parse(document.getElementById("evroad-config").textContent);
  var token = new URLSearchParams(window.location.search).get("token");
  var $ = function (id) {
    return document.getElementById(id);
  };
  var editor = $("query");
  var runBtn = $("run");
  var statusEl = $("status");
  var errorEl = $("error");
  var table = $("result-table");
  var mapEl = $("map");
  var mapCtl = null;
  var blobUrls = [];

  function api(path, opts) {
    opts = opts || {};
    opts.headers = Object.assign({}, opts.headers || {});
    if (token) opts.headers.Authorization = "Bearer " + token;
    return fetch(path, opts);
  }

  function withToken(url) {
    if (!token) return url;
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + "token=" + encodeURIComponent(token);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // ---- values as Cypher-style text -----------------------------------------------------
  function hasKeys(v, keys) {
    var k = Object.keys(v).sort();
    return k.length === keys.length && k.every(function (x, i) {
      return x === keys[i];
    });
  }
  function isNode(v) {
    return hasKeys(v, ["id", "labels", "properties"]) && Array.isArray(v.labels);
  }
  function isRel(v) {
    return hasKeys(v, ["from", "id", "properties", "to", "type"]);
  }
  function isPath(v) {
    return hasKeys(v, ["nodes", "relationships"]) && Array.isArray(v.nodes);
  }
  function quoted(v) {
    return typeof v === "string" ? "'" + v.replace(/\\/g, "\\\\").replace(/'/g, "\\'") + "'" : text(v);
  }
  function nodeText(n) {
    var name = n.properties && typeof n.properties.name === "string" ? " {name: " + quoted(n.properties.name) + "}" : "";
    return "(" + n.id + n.labels.map(function (l) {
      return ":" + l;
    }).join("") + name + ")";
  }
  function text(v) {
    if (v === null || v === undefined) return "null";
    if (typeof v !== "object") return String(v);
    if (Array.isArray(v)) return "[" + v.map(quoted).join(", ") + "]";
    if (isNode(v)) return nodeText(v);
    if (isRel(v)) return "(" + v.from + ")-[:" + v.type + "]->(" + v.to + ")";
    if (isPath(v)) {
      var s = "(" + v.nodes[0].id + ")";
      v.relationships.forEach(function (r, i) {
        var forward = r.from === v.nodes[i].id;
        s += (forward ? "-[:" + r.type + "]->" : "<-[:" + r.type + "]-") + "(" + v.nodes[i + 1].id + ")";
      });
      return s;
    }
    return "{" + Object.keys(v).map(function (k) {
      return k + ": " + quoted(v[k]);
    }).join(", ") + "}";
  }

  // ---- results -------------------------------------------------------------------------
  function renderTable(result) {
    var head = table.tHead;
    var body = table.tBodies[0];
    head.innerHTML = "";
    body.innerHTML = "";
    var tr = el("tr");
    result.columns.forEach(function (c) {
      tr.appendChild(el("th", null, c));
    });
    head.appendChild(tr);
    result.rows.forEach(function (row) {
      var r = el("tr");
      row.forEach(function (v) {
        var td = el("td", v === null ? "null" : typeof v === "object" ? "entity" : null, text(v));
        r.appendChild(td);
      });
      body.appendChild(r);
    });
  }

  function renderMap(data) {
    if (mapCtl) mapCtl.destroy();
    mapCtl = window.EvroadMap.mount(mapEl, data);
    window.evroadMap = mapCtl;
    S.map = mapCtl.state;
  }

  function showError(err, query) {
    var e = err || { type: "Error", message: "unknown error" };
    var lines = [e.type + (e.detail ? " (" + e.detail + ")" : "") + ": " + e.message];
    if (e.line != null && e.column != null) {
      var src = query.split("\n")[e.line - 1] || "";
      lines.push("  --> " + e.line + ":" + e.column);
      lines.push("   | " + src);
      lines.push("   | " + " ".repeat(Math.max(e.column - 1, 0)) + "^");
    }
    errorEl.textContent = lines.join("\n");
    errorEl.hidden = false;
  }

  function setLink(id, href) {
    $(id).setAttribute("href", href);
  }

  function blobLink(id, json) {
    var url = URL.createObjectURL(new Blob([JSON.stringify(json, null, 2) + "\n"], { type: "application/json" }));
    blobUrls.push(url);
    setLink(id, url);
  }

  /** The graph file JSON of the map data (the export's `json` format). */
  function graphFile(map) {
    return {
      nodes: map.nodes.map(function (n) {
        var p = Object.assign({}, n.properties);
        if (p.id === n.id) delete p.id;
        return { id: n.id, labels: n.labels, properties: p };
      }),
      relationships: map.relationships.map(function (r) {
        return { from: r.from, to: r.to, type: r.type, properties: r.properties };
      }),
    };
  }

  function updateDownloads(query, body) {
    blobUrls.forEach(URL.revokeObjectURL);
    blobUrls = [];
    var q = encodeURIComponent(query);
    if (body.result.stats) {
      // the statement wrote: a GET would refuse to run it again, so save what came back
      blobLink("dl-result", body.result);
      blobLink("dl-subgraph", graphFile(body.map));
      setLink("dl-html", "#");
    } else {
      setLink("dl-result", withToken("/api/query?download=1&query=" + q));
      setLink("dl-subgraph", withToken("/api/export?format=json&download=1&query=" + q));
      setLink("dl-html", withToken("/api/export?format=html&download=1&query=" + q));
    }
  }

  function run() {
    var query = editor.value.trim();
    if (!query || S.status === "running") return;
    S.status = "running";
    S.query = query;
    S.error = null;
    errorEl.hidden = true;
    statusEl.textContent = "running\u2026";
    runBtn.disabled = true;
    var t0 = performance.now();
    api("/api/view", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ query: query, params: {} }),
    })
      .then(function (resp) {
        return resp.json().then(function (body) {
          return { ok: resp.ok, status: resp.status, body: body };
        });
      })
      .then(function (r) {
        var ms = Math.round(performance.now() - t0);
        S.runs += 1;
        if (!r.ok) {
          S.status = "error";
          S.error = r.body.error || { message: "HTTP " + r.status };
          S.columns = [];
          S.rows = 0;
          renderTable({ columns: [], rows: [] });
          showError(S.error, query);
          statusEl.textContent = "HTTP " + r.status + " \u00b7 " + ms + " ms";
          return;
        }
        var result = r.body.result;
        renderTable(result);
        renderMap(r.body.map);
        updateDownloads(query, r.body);
        S.columns = result.columns.slice();
        S.rows = result.rows.length;
        var n = result.rows.length;
        statusEl.textContent = n + (n === 1 ? " row" : " rows") + " \u00b7 " + ms + " ms";
        S.status = "done";
      })
      .catch(function (e) {
        S.status = "error";
        S.error = { type: "NetworkError", message: String(e) };
        showError(S.error, query);
        statusEl.textContent = "failed";
      })
      .then(function () {
        runBtn.disabled = false;
      });
  }

  // ---- editor --------------------------------------------------------------------------
  function insert(snippet) {
    var a = editor.selectionStart;
    var b = editor.selectionEnd;
    editor.value = editor.value.slice(0, a) + snippet + editor.value.slice(b);
    editor.selectionStart = editor.selectionEnd = a + snippet.length;
    editor.focus();
  }

  var examples = $("examples");
  cfg.examples.forEach(function (ex, i) {
    var o = el("option", null, ex.question);
    o.value = String(i);
    examples.appendChild(o);
  });
  examples.addEventListener("change", function () {
    var ex = cfg.examples[Number(examples.value)];
    if (ex) {
      editor.value = ex.query;
      editor.focus();
    }
  });
  editor.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  editor.addEventListener("input", function () {
    examples.value = "";
  });
  runBtn.addEventListener("click", run);

  // ---- schema sidebar ------------------------------------------------------------------
  function section(title, items) {
    var box = el("div", "schema-section");
    box.appendChild(el("h3", null, title));
    var ul = el("ul");
    items.forEach(function (it) {
      var li = el("li");
      var b = el("button", "schema-item", it.name);
      b.type = "button";
      b.title = it.title || "insert " + it.snippet;
      b.addEventListener("click", function () {
        insert(it.snippet);
      });
      li.appendChild(b);
      li.appendChild(el("span", "schema-count", String(it.count)));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    return box;
  }

  api("/api/schema")
    .then(function (r) {
      return r.json();
    })
    .then(function (s) {
      var body = $("schema-body");
      body.innerHTML = "";
      body.appendChild(
        section(
          "Labels",
          s.labels.map(function (l) {
            return { name: ":" + l.label, count: l.count, snippet: ":" + l.label, title: "keys: " + l.keys.join(", ") };
          })
        )
      );
      body.appendChild(
        section(
          "Relationship types",
          s.types.map(function (t) {
            var pairs = t.connects.map(function (p) {
              return "(:" + p[0] + ")->(:" + p[1] + ")";
            });
            return { name: t.rel_type, count: t.count, snippet: "[:" + t.rel_type + "]", title: pairs.join("\n") };
          })
        )
      );
      body.appendChild(
        section(
          "Property keys",
          Object.keys(s.property_keys).map(function (k) {
            return { name: k, count: s.property_keys[k], snippet: "." + k };
          })
        )
      );
      $("graph-info").textContent = s.nodes + " nodes \u00b7 " + s.relationships + " relationships";
      S.schema = true;
    })
    .catch(function (e) {
      $("schema-body").textContent = "could not load the schema: " + e;
    });

  $("mode").textContent = cfg.allow_writes ? "writes allowed" : "read-only";
  $("mode").className = cfg.allow_writes ? "badge badge-warn" : "badge";
  if (cfg.examples.length) {
    editor.value = cfg.examples[0].query;
    examples.value = "0";
  }
  renderMap({ nodes: [], relationships: [], legend: [], facts: [] });
  S.ready = true;
})();
