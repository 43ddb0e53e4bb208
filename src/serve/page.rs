//! The web app's page: one HTML document with every script and style inlined.

use super::Config;
use crate::export::html::{escape, script_json, script_text, CYTOSCAPE_JS, MAP_CSS, MAP_JS};
use serde_json::json;

const APP_JS: &str = include_str!("../../assets/app.js");
const APP_CSS: &str = include_str!("../../assets/app.css");

/// Example questions about the Nissan graph, with queries that answer them (the editor's menu).
/// Each returns nodes, relationships or paths besides its columns, so the map has something to
/// draw.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "Which models are built on the CMF-EV platform?",
        "MATCH (m:Model)-[u:USES_PLATFORM]->(p:Platform {id: 'cmf-ev'})\nRETURN m.name AS model, m.launched AS launched, u\nORDER BY model",
    ),
    (
        "What does Nissan Ambition 2030 aim for?",
        "MATCH (:Program {id: 'nissan-ambition-2030'})-[s:SETS_TARGET]->(t:Target)\nRETURN t.name AS target, t.year AS year, s\nORDER BY target",
    ),
    (
        "Where is Nissan investing, and in what?",
        "MATCH p = (:Company {id: 'nissan'})-[:INVESTS_IN]->(i:Investment)-[:FUNDS]->(x)\nRETURN i.name AS investment, i.amount AS amount, i.currency AS currency, x.name AS funds, p\nORDER BY investment, funds",
    ),
    (
        "Which plants are in the UK?",
        "MATCH p = (pl:Plant)-[:LOCATED_IN*1..2]->(:Region {id: 'uk'})\nRETURN pl.name AS plant, p\nORDER BY plant",
    ),
    (
        "Who are Nissan's partners and rivals?",
        "MATCH (:Company {id: 'nissan'})-[r:PARTNERS_WITH|COMPETES_WITH]->(c:Company)\nRETURN type(r) AS relation, c.name AS company, r\nORDER BY relation, company",
    ),
    (
        "What happens when? (every dated fact)",
        "MATCH (n)\nWHERE n.launched IS NOT NULL OR n.year IS NOT NULL OR n.announced IS NOT NULL OR n.target_launch_year IS NOT NULL\nRETURN n.name AS name, coalesce(n.launched, n.announced, n.target_launch_year, n.year) AS year, n\nORDER BY year, name",
    ),
    (
        "What does the all-solid-state battery touch?",
        "MATCH (b {id: 'all-solid-state-battery'})-[r]-(x)\nRETURN type(r) AS relation, x.name AS other, r\nORDER BY relation, other",
    ),
    (
        "The whole graph",
        "MATCH (n)\nOPTIONAL MATCH (n)-[r]->()\nRETURN n, r",
    ),
];

/// The page for `config` (whether a token is needed and writes are allowed is shown to the user).
pub(super) fn render(config: &Config) -> String {
    let examples: Vec<_> = EXAMPLES
        .iter()
        .map(|(q, text)| json!({"question": q, "query": text}))
        .collect();
    let settings = json!({
        "version": env!("CARGO_PKG_VERSION"),
        "examples": examples,
        "token_required": config.token.is_some(),
        "allow_writes": config.allow_writes,
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<link rel=\"icon\" href=\"data:,\">\n<title>evroad: Nissan's EV road, queried</title>\n\
<script>\n{state}</script>\n\
<style>\n{map_css}{app_css}</style>\n</head>\n<body>\n\
<header class=\"app-head\"><h1>evroad</h1><span class=\"app-sub\">{sub}</span><span id=\"graph-info\"></span><span id=\"mode\"></span></header>\n\
<div class=\"app\">\n\
<aside id=\"schema\" class=\"app-schema\"><h2>Schema</h2><div id=\"schema-body\">loading…</div></aside>\n\
<main class=\"app-main\">\n\
<section class=\"app-editor\">\n\
<div class=\"app-row\"><label for=\"examples\">Example questions</label> <select id=\"examples\"><option value=\"\">Choose a question…</option></select></div>\n\
<textarea id=\"query\" spellcheck=\"false\" rows=\"4\" aria-label=\"query\" placeholder=\"MATCH (m:Model) RETURN m.name, m\"></textarea>\n\
<div class=\"app-row\"><button id=\"run\" type=\"button\">Run <kbd>Ctrl</kbd>+<kbd>Enter</kbd></button>\n\
<span id=\"status\" class=\"app-status\"></span>\n\
<span class=\"app-downloads\">Download: <a id=\"dl-result\" href=\"#\" download=\"evroad-result.json\">result JSON</a> · \
<a id=\"dl-subgraph\" href=\"#\" download=\"evroad-subgraph.json\">subgraph JSON</a> · \
<a id=\"dl-html\" href=\"#\" download=\"evroad-map.html\">map HTML</a></span></div>\n\
<pre id=\"error\" class=\"app-error\" hidden></pre>\n\
</section>\n\
<section class=\"app-results\"><div id=\"table-wrap\" class=\"app-table\"><table id=\"result-table\"><thead></thead><tbody></tbody></table></div></section>\n\
<section id=\"map\" class=\"app-map\"></section>\n\
</main>\n</div>\n\
<script type=\"application/json\" id=\"evroad-config\">{settings}</script>\n\
<script>\n{cytoscape}\n</script>\n<script>\n{map_js}\n</script>\n<script>\n{app_js}\n</script>\n\
</body>\n</html>\n",
        state = crate::export::html::STATE_JS,
        map_css = MAP_CSS,
        app_css = APP_CSS,
        sub = escape("query the knowledge graph of Nissan's move to electric vehicles"),
        settings = script_json(&settings),
        cytoscape = script_text(CYTOSCAPE_JS),
        map_js = script_text(MAP_JS),
        app_js = script_text(APP_JS),
    )
}
