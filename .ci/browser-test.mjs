// Browser test: drives headless Chromium over the DevTools protocol (Node's built-in WebSocket,
// no npm packages) against `evroad serve` on a loopback port and against an exported map.html
// opened from file://. Run by .ci/browser.sh; see docs/visual.md.
//
//   node --experimental-websocket .ci/browser-test.mjs --evroad target/debug/evroad \
//        --chromium /usr/bin/chromium --out target/browser [--img docs/img]
//
// Exits 0 when every check passes, 1 on the first failure. Prints one line per check and a
// closing "N passed, M failed" line.

import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), [])
);
const EVROAD = args.evroad || "target/debug/evroad";
const CHROMIUM = args.chromium || "/usr/bin/chromium";
const OUT = args.out || "target/browser";
const IMG = args.img || null;
fs.mkdirSync(OUT, { recursive: true });

let passed = 0;
let failed = 0;
const children = [];

function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail === undefined ? "" : ": " + (typeof detail === "string" ? detail : JSON.stringify(detail))}`);
  }
  return ok;
}

function finish(code) {
  for (const c of children) {
    try {
      c.kill("SIGTERM");
    } catch {}
  }
  console.log(`browser: ${passed} passed, ${failed} failed`);
  process.exit(code ?? (failed ? 1 : 0));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const deadline = setTimeout(() => {
  console.log("FAIL the browser test ran over its 180 s budget");
  failed++;
  finish(1);
}, 180_000);
deadline.unref();

/** Starts a process and resolves with the first stderr match of `re`. */
function startAndWait(cmd, argv, re, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "ignore", "pipe"] });
    children.push(child);
    let text = "";
    const timer = setTimeout(() => reject(new Error(`${what} did not start in 30 s: ${text.slice(-500)}`)), 30_000);
    child.stderr.on("data", (d) => {
      text += d.toString();
      const m = text.match(re);
      if (m) {
        clearTimeout(timer);
        resolve({ child, match: m });
      }
    });
    child.on("exit", (code) => reject(new Error(`${what} exited with ${code}: ${text.slice(-500)}`)));
  });
}

/** A minimal DevTools protocol client over one page target. */
class Page {
  constructor(wsUrl) {
    this.ws = new WebSocket(wsUrl);
    this.id = 0;
    this.pending = new Map();
    this.handlers = [];
    this.ws.onmessage = (ev) => {
      const msg = JSON.parse(ev.data);
      if (msg.id && this.pending.has(msg.id)) {
        const { resolve, reject } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) reject(new Error(JSON.stringify(msg.error)));
        else resolve(msg.result);
      } else if (msg.method) {
        for (const h of this.handlers) h(msg.method, msg.params);
      }
    };
  }
  open() {
    return new Promise((resolve, reject) => {
      this.ws.onopen = resolve;
      this.ws.onerror = reject;
    });
  }
  send(method, params = {}) {
    const id = ++this.id;
    this.ws.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      setTimeout(() => {
        if (this.pending.delete(id)) reject(new Error(`${method} timed out`));
      }, 30_000);
    });
  }
  on(fn) {
    this.handlers.push(fn);
  }
  async eval(expr) {
    const r = await this.send("Runtime.evaluate", { expression: expr, returnByValue: true, awaitPromise: true });
    if (r.exceptionDetails) throw new Error(`evaluate failed: ${expr}: ${JSON.stringify(r.exceptionDetails)}`);
    return r.result.value;
  }
  async waitFor(expr, what, ms = 20_000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await this.eval(`Boolean(${expr})`)) return true;
      await sleep(100);
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  async click(x, y) {
    for (const type of ["mouseMoved", "mousePressed", "mouseReleased"]) {
      await this.send("Input.dispatchMouseEvent", { type, x, y, button: "left", clickCount: 1 });
    }
  }
  async clickSelector(sel) {
    const r = await this.eval(`(() => { const r = document.querySelector(${JSON.stringify(sel)}).getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()`);
    await this.click(r[0], r[1]);
  }
  async type(sel, text) {
    await this.eval(`(() => { const e = document.querySelector(${JSON.stringify(sel)}); e.focus(); e.select(); })()`);
    await this.send("Input.insertText", { text });
  }
  async screenshot(file) {
    const r = await this.send("Page.captureScreenshot", { format: "png" });
    fs.writeFileSync(file, Buffer.from(r.data, "base64"));
    if (IMG) {
      fs.mkdirSync(IMG, { recursive: true });
      fs.copyFileSync(file, path.join(IMG, path.basename(file)));
    }
    console.log(`     screenshot ${file}${IMG ? " (copied to " + IMG + ")" : ""}`);
  }
}

/** Console errors, uncaught exceptions and (optionally) every request URL of a page. */
function watch(page) {
  const w = { errors: [], urls: [], ignoreNetwork: false };
  page.on((method, p) => {
    if (method === "Runtime.exceptionThrown") w.errors.push("exception: " + (p.exceptionDetails.exception?.description || p.exceptionDetails.text));
    if (method === "Runtime.consoleAPICalled" && (p.type === "error" || p.type === "assert")) {
      w.errors.push("console." + p.type + ": " + p.args.map((a) => a.value ?? a.description).join(" "));
    }
    if (method === "Log.entryAdded" && p.entry.level === "error") {
      if (!(w.ignoreNetwork && p.entry.source === "network")) w.errors.push("log: " + p.entry.text + " " + (p.entry.url || ""));
    }
    if (method === "Network.requestWillBeSent") w.urls.push(p.request.url);
  });
  return w;
}

async function newPage(debugPort) {
  const target = await (await fetch(`http://127.0.0.1:${debugPort}/json/new?about:blank`, { method: "PUT" })).json();
  const page = new Page(target.webSocketDebuggerUrl);
  await page.open();
  const w = watch(page);
  await page.send("Runtime.enable");
  await page.send("Log.enable");
  await page.send("Page.enable");
  await page.send("Network.enable");
  await page.send("Emulation.setDeviceMetricsOverride", { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });
  return { page, w };
}

const INVEST =
  "MATCH p = (:Company {id: 'nissan'})-[:INVESTS_IN]->(i:Investment)-[:FUNDS|SUPPORTS]->(x)\n" +
  "RETURN i.name AS investment, x.name AS funds, p\nORDER BY investment, funds";
const INVEST_ROWS = [
  ["2 trillion yen electrification investment", "Battery"],
  ["2 trillion yen electrification investment", "Electrification"],
  ["Canton plant investment", "Canton plant"],
  ["Investment in Japan plants and R&D facilities", "Japan R&D facilities"],
  ["Investment in Japan plants and R&D facilities", "Japan plants"],
  ["Investment in software-defined vehicles, connectivity and ADAS", "Advanced driver-assistance systems"],
  ["Investment in software-defined vehicles, connectivity and ADAS", "Connectivity"],
  ["Investment in software-defined vehicles, connectivity and ADAS", "Software-defined vehicles"],
];

async function testServe(debugPort) {
  const { match } = await startAndWait(EVROAD, ["serve", "--bind", "127.0.0.1", "--port", "0"], /listening on http:\/\/(127\.0\.0\.1:\d+)\//, "evroad serve");
  const base = `http://${match[1]}`;
  console.log(`     evroad serve at ${base}`);
  const { page, w } = await newPage(debugPort);
  await page.send("Page.navigate", { url: base + "/" });
  await page.waitFor("window.evroadState && evroadState.ready && evroadState.schema", "the app to load");
  const labels = await page.eval("document.querySelectorAll('#schema-body .schema-section')[0].querySelectorAll('li').length");
  check("schema sidebar lists the 14 labels", labels === 14, labels);

  await page.type("#query", INVEST);
  await page.clickSelector("#run");
  await page.waitFor("evroadState.status === 'done' && evroadState.runs === 1", "the query to run");
  const rows = await page.eval("[...document.querySelectorAll('#result-table tbody tr')].map(tr => [...tr.cells].slice(0, 2).map(td => td.textContent))");
  check("table shows the 8 expected rows", JSON.stringify(rows) === JSON.stringify(INVEST_ROWS), rows);
  const head = await page.eval("[...document.querySelectorAll('#result-table thead th')].map(th => th.textContent)");
  check("table columns", JSON.stringify(head) === JSON.stringify(["investment", "funds", "p"]), head);
  const paths = await page.eval("document.querySelector('#result-table tbody tr').cells[2].textContent");
  check("paths render Cypher-style", paths === "(nissan)-[:INVESTS_IN]->(investment-2-trillion-yen)-[:SUPPORTS]->(battery)", paths);
  const map = await page.eval("evroadState.map");
  check("map holds 13 nodes and 12 relationships", map.nodes === 13 && map.edges === 12 && map.rendered.nodes === 13 && map.rendered.edges === 12, map);
  const legend = await page.eval("[...document.querySelectorAll('.ev-legend li')].map(li => li.children[1].textContent)");
  check("legend lists the labels on the map", JSON.stringify(legend) === JSON.stringify(["Company", "Investment", "Plant", "Strategy", "Technology"]), legend);

  await page.type(".ev-toolbar input[type=search]", "ADAS");
  const hits = await page.eval("evroadState.map.matches");
  check("search by alias (and name) highlights nodes", JSON.stringify(hits) === JSON.stringify(["adas", "investment-software-services"]), hits);
  await page.type(".ev-toolbar input[type=search]", "");
  await page.eval("document.querySelector('.ev-toolbar input[type=search]').dispatchEvent(new Event('input'))");

  const dl = await page.eval("document.getElementById('dl-subgraph').href");
  const sub = await (await fetch(dl)).json();
  check("subgraph JSON download", sub.nodes.length === 13 && sub.relationships.length === 12, { nodes: sub.nodes.length });
  const res = await (await fetch(await page.eval("document.getElementById('dl-result').href"))).json();
  check("result JSON download", res.rows.length === 8 && res.columns.length === 3, res.columns);

  // click a node on the canvas: the details panel shows its source section
  const pos = await page.eval(
    "(() => { const n = evroadMap.cy.getElementById('n:canton-plant'); const p = n.renderedPosition(); const r = document.querySelector('.ev-canvas').getBoundingClientRect(); return [r.x + p.x, r.y + p.y]; })()"
  );
  await page.click(pos[0], pos[1]);
  await page.waitFor("evroadState.map.selected && evroadState.map.selected.id === 'canton-plant'", "the node to be selected", 5000);
  const details = await page.eval("document.querySelector('.ev-details .ev-source').textContent");
  check("clicking a node shows its source section", details === "Source: 4. Localization and Production", details);
  check("no console errors in the app", w.errors.length === 0 && (await page.eval("evroadState.errors.length")) === 0, w.errors);
  await page.screenshot(path.join(OUT, "serve.png"));

  // a malformed query: the error object comes back and is shown (the 400 itself is expected)
  w.ignoreNetwork = true;
  await page.type("#query", "MATCH (m RETURN m");
  await page.clickSelector("#run");
  await page.waitFor("evroadState.status === 'error' && evroadState.runs === 2", "the error");
  const err = await page.eval("evroadState.error");
  const shown = await page.eval("!document.getElementById('error').hidden && document.getElementById('error').textContent");
  check("a syntax error is shown with its position", err.type === "SyntaxError" && err.line === 1 && err.column === 10 && /SyntaxError/.test(shown), err);
  check("no script errors after the failing query", w.errors.length === 0 && (await page.eval("evroadState.errors.length")) === 0, w.errors);
  check("the app made no request off the server", w.urls.every((u) => u.startsWith(base) || u.startsWith("data:") || u.startsWith("blob:")), w.urls.filter((u) => !u.startsWith(base)));
  await page.send("Page.close").catch(() => {});
}

async function testExport(debugPort) {
  const file = path.resolve(OUT, "map.html");
  execFileSync(EVROAD, ["export", "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r", "--format", "html", "-o", file], { stdio: "inherit" });
  const { page, w } = await newPage(debugPort);
  await page.send("Page.navigate", { url: "file://" + file });
  await page.waitFor("window.evroadState && evroadState.ready", "the map page to load");
  const map = await page.eval("evroadState.map");
  check("exported map holds 63 nodes and 87 relationships", map.nodes === 63 && map.edges === 87 && map.rendered.nodes === 63 && map.rendered.edges === 87, map);
  check("timeline has the 14 dated facts", map.facts === 14, map.facts);
  const hits = await page.eval("evroadMap.search('assb')");
  check(
    "search finds the all-solid-state battery by alias",
    JSON.stringify(hits) === JSON.stringify(["all-solid-state-battery", "assb-pilot-plant", "target-assb-launch-2028"]),
    hits
  );
  await page.eval("evroadMap.search('')");

  // drag across the timeline from 2027.5 to 2030.5: the map keeps the 2028-2030 facts
  const xs = await page.eval(
    "(() => { const svg = document.querySelector('.ev-timeline svg'); const r = svg.getBoundingClientRect(); const t = [...svg.querySelectorAll('.ev-tick text')]; const at = y => { const e = t.find(e => e.textContent === String(y)); const b = e.getBoundingClientRect(); return b.x + b.width / 2; }; return [at(2025), at(2030), r.y + 20]; })()"
  );
  const perYear = (xs[1] - xs[0]) / 5;
  const from = xs[1] - 2.5 * perYear;
  const to = xs[1] + 0.4 * perYear;
  await page.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: from, y: xs[2] });
  await page.send("Input.dispatchMouseEvent", { type: "mousePressed", x: from, y: xs[2], button: "left", clickCount: 1 });
  await page.send("Input.dispatchMouseEvent", { type: "mouseMoved", x: to, y: xs[2], button: "left" });
  await page.send("Input.dispatchMouseEvent", { type: "mouseReleased", x: to, y: xs[2], button: "left", clickCount: 1 });
  const filtered = await page.eval("evroadState.map");
  check(
    "dragging 2028-2030 on the timeline filters the map",
    JSON.stringify(filtered.range) === "[2028,2030]" && filtered.visibleNodes === 6 && filtered.visibleEdges === 2,
    { range: filtered.range, nodes: filtered.visibleNodes, edges: filtered.visibleEdges }
  );
  await page.screenshot(path.join(OUT, "map-timeline.png"));
  await page.eval("evroadMap.clearRange()");
  const cleared = await page.eval("evroadState.map");
  check("clearing the range shows everything again", cleared.visibleNodes === 63 && cleared.visibleEdges === 87, cleared);

  const pos = await page.eval(
    "(() => { const n = evroadMap.cy.getElementById('n:leaf'); const p = n.renderedPosition(); const r = document.querySelector('.ev-canvas').getBoundingClientRect(); return [r.x + p.x, r.y + p.y]; })()"
  );
  await page.click(pos[0], pos[1]);
  await page.waitFor("evroadState.map.selected && evroadState.map.selected.id === 'leaf'", "the node to be selected", 5000);
  const title = await page.eval("document.querySelector('.ev-details .ev-title').textContent");
  check("clicking a node shows its properties", title === "Nissan LEAF", title);
  check("no console errors on the exported map", w.errors.length === 0 && (await page.eval("evroadState.errors.length")) === 0, w.errors);
  const off = w.urls.filter((u) => !u.startsWith("file:") && !u.startsWith("data:") && u !== "about:blank");
  check("the exported map makes no network request", off.length === 0, off);
  await page.screenshot(path.join(OUT, "map.png"));
  await page.send("Page.close").catch(() => {});
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "evroad-chromium-"));
  const { match } = await startAndWait(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-default-apps",
      "--disable-sync",
      "--no-first-run",
      "--no-default-browser-check",
      "--allow-file-access-from-files",
      "--remote-debugging-address=127.0.0.1",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      "about:blank",
    ],
    /DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//,
    "chromium"
  );
  const debugPort = match[1];
  try {
    await testServe(debugPort);
    await testExport(debugPort);
  } catch (e) {
    check("browser test ran to the end", false, String(e && e.stack ? e.stack : e));
  } finally {
    // Chromium may still be flushing its profile while it exits: retry, and never fail on cleanup.
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch (e) {
      console.log(`note: could not remove ${profile}: ${e.code || e}`);
    }
  }
  finish();
}

main().catch((e) => {
  console.log("FAIL", e);
  failed++;
  finish(1);
});
