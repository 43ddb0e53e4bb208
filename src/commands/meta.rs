//! The meta-command table and the `:help` text with example questions about the graph.

use std::fmt::Write as _;

/// Meta-commands: name, arguments, what it does.
pub const META: &[(&str, &str, &str)] = &[
    (":help", "", "this help"),
    (
        ":schema",
        "",
        "labels, relationship types and property keys",
    ),
    (":labels", "", "labels with their node counts"),
    (
        ":types",
        "",
        "relationship types with counts and the labels they connect",
    ),
    (
        ":describe",
        "ID",
        "a node's properties and every relationship in and out, with its source section",
    ),
    (":neighbors", "ID [TYPE]", "the nodes one relationship away"),
    (
        ":path",
        "FROM TO",
        "the shortest path between two nodes (either direction)",
    ),
    (
        ":why",
        "ID | (A)-[:TYPE]->(B)",
        "the quoted sources of a node or of the relationships between two nodes",
    ),
    (
        ":explain-path",
        "A B",
        "the shortest connections between two nodes, as sentences with their sources",
    ),
    (
        ":compare",
        "A B",
        "two entities side by side, by relationship type, with what they share",
    ),
    (
        ":timeline",
        "[YEAR | FROM..TO | WORDS]",
        "the dated facts in order (launches, announcements, targets)",
    ),
    (
        ":asof",
        "[YEAR|off]",
        "run every query as of YEAR (only facts valid then); off: all facts",
    ),
    (
        ":format",
        "table|json|csv|markdown",
        "how results are printed",
    ),
    (
        ":timing",
        "on|off",
        "print parse/plan/execute times after each query",
    ),
    (
        ":param",
        "NAME VALUE",
        "set query parameter $NAME (VALUE is JSON, else a string)",
    ),
    (":params", "", "list the query parameters"),
    (
        ":export",
        "FORMAT FILE QUERY",
        "write the subgraph QUERY touched (json, dot, graphml, cypher, csv, html)",
    ),
    (
        ":view",
        "[QUERY]",
        "write the HTML map of the last (or given) query to a temp file, print its path",
    ),
    (
        ":load",
        "FILE...",
        "replace the graph with these graph files (merged)",
    ),
    (
        ":source",
        "FILE",
        "run the ;-separated statements of a script file",
    ),
    (
        ":save",
        "[FILE]",
        "save the graph (crash-safe; default: the --graph file; never the embedded graph)",
    ),
    (
        ":quit",
        "",
        "leave (also Ctrl-D); warns once about unsaved changes",
    ),
];

/// The example questions `:help` ends with.
pub const EXAMPLES: &str = "\
Examples (questions about Nissan's road to electric vehicles):
  Which models are built on the CMF-EV platform?
    MATCH (m:Model)-[:USES_PLATFORM]->(:Platform {id: 'cmf-ev'}) RETURN m.name ORDER BY m.name;
  What does Nissan Ambition 2030 aim for?
    MATCH (:Program {id: 'nissan-ambition-2030'})-[:SETS_TARGET]->(t:Target) RETURN t.name, t.year ORDER BY t.name;
  Where is Nissan investing?
    MATCH (:Company {id: 'nissan'})-[:INVESTS_IN]->(i:Investment) RETURN i.name, i.amount, i.currency ORDER BY i.name;
  Which plants are in the UK?
    MATCH (p:Plant)-[:LOCATED_IN*1..2]->(:Region {id: 'uk'}) RETURN p.name ORDER BY p.name;
  Who are Nissan's partners and rivals?
    MATCH (:Company {id: 'nissan'})-[r:PARTNERS_WITH|COMPETES_WITH]->(c) RETURN type(r), c.name ORDER BY c.name;
  How is the Ariya connected to Renault?
    :path ariya renault
  Everything about the all-solid-state battery:
    :describe ASSB
";

/// The `:help` text: commands, then example questions.
pub fn help() -> String {
    let mut s = String::from(
        "Type a Cypher query and end it with `;` (a single line that is a complete query runs without one).\n\
         Tab completes keywords, labels (after `:`), relationship types (after `[:`), property keys (after `.`),\n\
         node ids and names (inside quotes) and meta-commands. IDs in meta-commands match id, name or alias.\n\nCommands:\n",
    );
    let w = META
        .iter()
        .map(|m| m.0.len() + m.1.len() + 1)
        .max()
        .unwrap_or(0);
    for (name, args, what) in META {
        let _ = writeln!(s, "  {:w$}  {what}", format!("{name} {args}"));
    }
    s.push('\n');
    s.push_str(EXAMPLES);
    s
}

/// The README's example questions with their queries (what `get_schema` offers a model).
pub const EXAMPLE_QUESTIONS: &[(&str, &str)] = &[
    (
        "Which models share the CMF-EV platform?",
        "MATCH (m:Model)-[:USES_PLATFORM]->(:Platform {name: 'CMF-EV'}) RETURN m.name ORDER BY m.name",
    ),
    (
        "What sits near the Sunderland plant?",
        "MATCH (p:Plant)-[:NEAR]->(:Plant {id: 'sunderland-plant'}) RETURN p.name",
    ),
    (
        "What does Ambition 2030 commit to, and by when?",
        "MATCH (:Program {name: 'Nissan Ambition 2030'})-[:SETS_TARGET]->(t) RETURN t.name, t.year ORDER BY t.value",
    ),
    (
        "Plants anywhere in the US",
        "MATCH (p:Plant)-[:LOCATED_IN*1..3]->(:Region {name: 'US'}) RETURN p.name",
    ),
    (
        "How is Renault connected to the Ariya?",
        "MATCH p = shortestPath((:Company {id: 'renault'})-[*]-(:Model {id: 'ariya'})) RETURN [n IN nodes(p) | n.name]",
    ),
    (
        "Entities per label",
        "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) ORDER BY l",
    ),
    (
        "Partners outside the alliance",
        "MATCH (:Company {id: 'nissan'})-[:PARTNERS_WITH]->(p) WHERE NOT (p)-[:MEMBER_OF]->(:Alliance) RETURN p.name",
    ),
    (
        "Models without a platform",
        "MATCH (m:Model) OPTIONAL MATCH (m)-[:USES_PLATFORM]->(p) WITH m, p WHERE p IS NULL RETURN m.name",
    ),
];
