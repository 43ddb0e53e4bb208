//! Robustness properties, briefly, on the stable toolchain: the same checks the cargo-fuzz
//! targets run (`fuzz/src/checks.rs`, included below), driven by proptest generators.
//!
//! * `parse`: arbitrary text and bytes never panic the parser; spans point inside the text.
//! * `query`: generated queries (reads and writes, well- and ill-formed) run through the whole
//!   pipeline on a copy of the Nissan graph under a small budget; errors point inside the text,
//!   a failed or read-only statement changes nothing, the store stays consistent.
//! * `load`: generated graph files (valid, invalid, truncated, arbitrary JSON) load into a
//!   consistent graph that round-trips through the JSON export, or report problems and change
//!   nothing when merged.
//! * `params`: parameters of every value type in every position give a result or an error.

#[allow(dead_code)]
#[path = "../fuzz/src/checks.rs"]
mod checks;

use evroad::exec::Limits;
use evroad::{Graph, Params, Value};
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::sync::OnceLock;
use std::time::Duration;

/// Debug builds are slow: a tighter budget than the fuzzers' keeps the suite brief.
fn limits() -> &'static Limits {
    static L: OnceLock<Limits> = OnceLock::new();
    L.get_or_init(|| Limits {
        timeout: Duration::from_millis(50),
        max_rows: 20_000,
        ..Limits::default()
    })
}

fn nissan() -> &'static (Graph, String) {
    static N: OnceLock<(Graph, String)> = OnceLock::new();
    N.get_or_init(|| {
        let g = Graph::nissan();
        let f = checks::fingerprint(&g);
        (g, f)
    })
}

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

// ---------------------------------------------------------------- query generator

const LABELS: &[&str] = &[
    "Model", "Platform", "Company", "Region", "Plant", "Nope", "Target",
];
const TYPES: &[&str] = &[
    "USES_PLATFORM",
    "MAKES",
    "LOCATED_IN",
    "MEMBER_OF",
    "FUNDS",
    "NOPE",
];
const KEYS: &[&str] = &["name", "id", "launched", "aliases", "amount", "nope"];
const VARS: &[&str] = &["a", "b", "c"];

fn literal() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|i| i.to_string()),
        (-5i64..5).prop_map(|i| i.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        Just("null".to_string()),
        Just("true".to_string()),
        "[a-z ]{0,6}".prop_map(|s| format!("'{s}'")),
        Just("'leaf'".to_string()),
        Just("[1, 'a', null]".to_string()),
        Just("{k: 1}".to_string()),
        prop::sample::select(
            &["$id", "$n", "$list", "$map", "$null", "$big", "$nan", "$missing"][..]
        )
        .prop_map(str::to_string),
    ]
}

fn expr() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        literal(),
        (prop::sample::select(VARS), prop::sample::select(KEYS))
            .prop_map(|(v, k)| format!("{v}.{k}")),
        prop::sample::select(VARS).prop_map(str::to_string),
    ];
    leaf.prop_recursive(3, 16, 3, |inner| {
        let ops = &[
            "+",
            "-",
            "*",
            "/",
            "%",
            "^",
            "=",
            "<>",
            "<",
            ">=",
            "AND",
            "OR",
            "XOR",
            "IN",
            "STARTS WITH",
            "CONTAINS",
            "=~",
        ][..];
        let funcs = &[
            "size",
            "toString",
            "toInteger",
            "toFloat",
            "abs",
            "labels",
            "keys",
            "type",
            "head",
            "tail",
            "reverse",
            "sqrt",
            "range",
            "coalesce",
            "properties",
            "length",
            "split",
            "substring",
            "count",
            "collect",
            "sum",
            "min",
            "max",
            "avg",
        ][..];
        prop_oneof![
            (inner.clone(), prop::sample::select(ops), inner.clone())
                .prop_map(|(a, o, b)| format!("({a} {o} {b})")),
            (
                prop::sample::select(funcs),
                prop::collection::vec(inner.clone(), 0..3)
            )
                .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|xs| format!("[{}]", xs.join(", "))),
            (inner.clone(), inner.clone()).prop_map(|(a, i)| format!("{a}[{i}]")),
            inner.clone().prop_map(|a| format!("NOT {a}")),
            inner.clone().prop_map(|a| format!("{a} IS NULL")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, t, e)| format!("CASE WHEN {c} THEN {t} ELSE {e} END")),
            (inner.clone(), inner.clone())
                .prop_map(|(l, m)| format!("[x IN {l} WHERE x IS NOT NULL | {m}]")),
        ]
    })
}

fn node() -> impl Strategy<Value = String> {
    (
        prop::sample::select(VARS),
        prop::option::of(prop::sample::select(LABELS)),
        prop::option::of((prop::sample::select(KEYS), literal())),
    )
        .prop_map(|(v, l, p)| {
            let l = l.map(|l| format!(":{l}")).unwrap_or_default();
            let p = p.map(|(k, x)| format!(" {{{k}: {x}}}")).unwrap_or_default();
            format!("({v}{l}{p})")
        })
}

fn rel() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop::sample::select(TYPES)),
        prop::sample::select(&["", "*", "*1..2", "*0..3", "*2"][..]),
        prop::sample::select(&["-{}->", "<-{}-", "-{}-"][..]),
    )
        .prop_map(|(t, hops, dir)| {
            let t = t.map(|t| format!(":{t}")).unwrap_or_default();
            dir.replace("{}", &format!("[r{t}{hops}]"))
        })
}

fn pattern() -> impl Strategy<Value = String> {
    (node(), prop::option::of((rel(), node()))).prop_map(|(a, rest)| match rest {
        Some((r, b)) => format!("{a}{r}{b}"),
        None => a,
    })
}

/// A clause; `read` ones come first in a query.
fn clause() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (pattern(), prop::option::of(expr())).prop_map(|(p, w)| match w {
            Some(w) => format!("MATCH {p} WHERE {w}"),
            None => format!("MATCH {p}"),
        }),
        1 => pattern().prop_map(|p| format!("OPTIONAL MATCH {p}")),
        1 => expr().prop_map(|e| format!("UNWIND {e} AS x")),
        1 => (expr(), prop::sample::select(VARS)).prop_map(|(e, v)| format!("WITH *, {e} AS w{v}")),
        1 => node().prop_map(|n| format!("CREATE {n}")),
        1 => (pattern()).prop_map(|p| format!("MERGE {p}")),
        1 => (prop::sample::select(VARS), prop::sample::select(KEYS), expr())
            .prop_map(|(v, k, e)| format!("SET {v}.{k} = {e}")),
        1 => (prop::sample::select(VARS), prop::sample::select(LABELS))
            .prop_map(|(v, l)| format!("SET {v}:{l}")),
        1 => (prop::sample::select(VARS), prop::sample::select(KEYS))
            .prop_map(|(v, k)| format!("REMOVE {v}.{k}")),
        1 => prop::sample::select(VARS).prop_map(|v| format!("DETACH DELETE {v}")),
        1 => prop::sample::select(VARS).prop_map(|v| format!("DELETE {v}")),
    ]
}

fn query() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(clause(), 1..4),
        prop::option::of((
            prop::collection::vec(expr(), 1..3),
            prop::option::of(expr()),
            prop::option::of(0i64..4),
        )),
        any::<bool>(),
    )
        .prop_map(|(clauses, ret, explain)| {
            let mut q = if explain {
                "EXPLAIN ".to_string()
            } else {
                String::new()
            };
            q.push_str(&clauses.join(" "));
            if let Some((items, order, limit)) = ret {
                q.push_str(" RETURN ");
                q.push_str(&items.join(", "));
                if let Some(o) = order {
                    q.push_str(&format!(" ORDER BY {o}"));
                }
                if let Some(l) = limit {
                    q.push_str(&format!(" LIMIT {l}"));
                }
            }
            q
        })
}

/// A generated query with one random edit: a cut, a deleted span or an inserted token.
fn mangled_query() -> impl Strategy<Value = String> {
    let tokens = &[
        "(", ")", "[", "]", "{", "}", "'", "\"", "`", "-->", ":", ",", "$", "/*", "é", "\0",
    ][..];
    (
        query(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        prop::sample::select(tokens),
        0..3u8,
    )
        .prop_map(|(q, i, j, tok, how)| {
            let chars: Vec<char> = q.chars().collect();
            let (i, j) = (i.index(chars.len() + 1), j.index(chars.len() + 1));
            let (lo, hi) = (i.min(j), i.max(j));
            match how {
                0 => chars[..lo].iter().collect(),
                1 => chars[..lo].iter().chain(&chars[hi..]).collect(),
                _ => {
                    let mut s: String = chars[..lo].iter().collect();
                    s.push_str(tok);
                    s.extend(&chars[lo..]);
                    s
                }
            }
        })
}

// ---------------------------------------------------------------- graph-file generator

fn json_scalar() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    prop_oneof![
        Just(json!(null)),
        any::<bool>().prop_map(|b| json!(b)),
        any::<i64>().prop_map(|i| json!(i)),
        Just(json!(u64::MAX)),
        any::<f64>()
            .prop_filter("JSON has no NaN/inf", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        "[a-zA-Z_ é]{0,5}".prop_map(|s| json!(s)),
    ]
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    json_scalar().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(serde_json::Value::Array),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..3)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Graph-shaped JSON with plausible and implausible parts: ids from a small pool (so
/// duplicates, dangling endpoints and clashes with the Nissan graph happen), labels and
/// types valid or not, properties of every JSON type.
fn graph_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::json;
    let id = || prop::sample::select(&["a", "b", "c", "", "leaf", "a-R-b"][..]);
    let name = || prop::sample::select(&["Model", "X", "_y", "bad label", "", "1x", "É"][..]);
    let props = prop::collection::btree_map(
        prop::sample::select(&["name", "id", "n", "l", "o"][..]).prop_map(str::to_string),
        prop_oneof![3 => json_scalar(), 1 => json_value()],
        0..4,
    );
    let node = (
        id(),
        prop::collection::vec(name(), 0..3),
        props.clone(),
        any::<bool>(),
    )
        .prop_map(|(id, labels, mut props, named)| {
            if named {
                props.insert("name".into(), json!(format!("N{id}")));
            }
            json!({"id": id, "labels": labels, "properties": props})
        });
    let rel = (id(), id(), name(), props).prop_map(
        |(from, to, t, props)| json!({"from": from, "to": to, "type": t, "properties": props}),
    );
    (
        prop::collection::vec(node, 0..5),
        prop::collection::vec(rel, 0..5),
        0..8u8,
        json_value(),
    )
        .prop_map(|(nodes, rels, twist, junk)| {
            let mut g = json!({"nodes": nodes, "relationships": rels});
            match twist {
                0 => g["extra"] = junk,
                1 => g["nodes"] = junk,
                2 => g["relationships"] = junk,
                3 => g = junk,
                // Struct-as-array forms serde would accept: the graph, a node, a relationship.
                4 => g = json!([g["nodes"], g["relationships"]]),
                5 => as_arrays(&mut g["nodes"], &["id", "labels", "properties"]),
                6 => as_arrays(
                    &mut g["relationships"],
                    &["from", "to", "type", "properties"],
                ),
                _ => {}
            }
            g
        })
}

/// Rewrites each object in `items` as the array of its `fields` values.
fn as_arrays(items: &mut serde_json::Value, fields: &[&str]) {
    for item in items.as_array_mut().into_iter().flatten() {
        let values = fields.iter().map(|f| item[*f].clone()).collect();
        *item = serde_json::Value::Array(values);
    }
}

/// Graph files as text: serialised graph-shaped JSON, sometimes cut short.
fn graph_text() -> impl Strategy<Value = String> {
    (graph_json(), any::<bool>(), any::<prop::sample::Index>()).prop_map(|(g, pretty, cut)| {
        let text = if pretty {
            serde_json::to_string_pretty(&g).unwrap()
        } else {
            g.to_string()
        };
        if cut.index(4) == 0 {
            let chars: Vec<char> = text.chars().collect();
            chars[..cut.index(chars.len())].iter().collect()
        } else {
            text
        }
    })
}

// ---------------------------------------------------------------- parameters

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::Int),
        prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-0.0)
        ]
        .prop_map(Value::Float),
        ".{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::List),
            prop::collection::btree_map(".{0,3}", inner, 0..3).prop_map(Value::Map),
        ]
    })
}

/// Every place a parameter can go.
const PARAM_QUERIES: &[&str] = &[
    "RETURN $p",
    "RETURN $p + 1, $p * 2, -$p, $p / 0, $p % 2",
    "RETURN $p = $p, $p < 1, $p IN [1], $p IS NULL, NOT $p",
    "RETURN size($p), toString($p), toInteger($p), toFloat($p), toBoolean($p)",
    "RETURN $p[0], $p['k'], $p.k, $p[0..1]",
    "RETURN range(0, $p), range($p, 3, $p), substring('abc', $p), left('abc', $p)",
    "RETURN keys($p), labels($p), head($p), tail($p), reverse($p), split($p, $p)",
    "UNWIND $p AS x RETURN x",
    "MATCH (m:Model {id: $p}) RETURN m.name",
    "MATCH (m:Model) WHERE m.name = $p OR m.launched > $p RETURN m.id",
    "MATCH (m:Model) RETURN m.name ORDER BY m.name SKIP $p LIMIT $p",
    "MATCH (m:Model) WITH m LIMIT $p RETURN count(m)",
    "MATCH (m:Model {id: 'leaf'}) SET m.x = $p RETURN m.x",
    "MATCH (m:Model {id: 'leaf'}) SET m += $p RETURN m",
    "MATCH (m:Model {id: 'leaf'}) SET m = $p RETURN m",
    "CREATE (n:P {name: 'p', v: $p}) RETURN n",
    "MERGE (n:P {name: $p}) RETURN n",
    "MATCH p = (a {id: 'leaf'})-[*1..2]-(b) WHERE b.name = $p RETURN count(p)",
    "RETURN [x IN $p WHERE x > 0 | x], reduce(a = 0, x IN $p | a + x), any(x IN $p WHERE x)",
    "RETURN sum($p), avg($p), min($p), max($p), collect($p), percentileCont(1, $p)",
    "RETURN $p =~ $p, $p STARTS WITH $p, $p CONTAINS 'a'",
];

// ---------------------------------------------------------------- the properties

proptest! {
    #![proptest_config(config(256))]

    /// parse: arbitrary Unicode text.
    #[test]
    fn parse_any_text(text in ".{0,120}") {
        let _ = checks::check_parse(&text);
    }

    /// parse: arbitrary bytes, read as UTF-8 with replacement (what `evroad query -f` does
    /// not do: the CLI refuses non-UTF-8 files, see `tests/bad_inputs.rs`).
    #[test]
    fn parse_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let _ = checks::check_parse(&String::from_utf8_lossy(&bytes));
    }
}

proptest! {
    #![proptest_config(config(256))]

    /// query: generated statements through the whole pipeline.
    #[test]
    fn query_pipeline(text in query()) {
        let mut g = nissan().0.clone();
        let _ = checks::check_query(&mut g, &text, &checks::params(), limits());
    }

    /// query: generated statements with one edit, mostly syntax errors at every position.
    #[test]
    fn query_pipeline_mangled(text in mangled_query()) {
        let mut g = nissan().0.clone();
        let _ = checks::check_query(&mut g, &text, &checks::params(), limits());
    }

    /// query: several statements in a row on one graph (state left by writes is consistent).
    #[test]
    fn query_sequences(texts in prop::collection::vec(query(), 2..5)) {
        let mut g = nissan().0.clone();
        for text in &texts {
            let _ = checks::check_query(&mut g, text, &checks::params(), limits());
        }
    }

    /// load: graph-shaped JSON, valid or not, sometimes truncated.
    #[test]
    fn load_graph_files(text in graph_text()) {
        let (base, fp) = nissan();
        let _ = checks::check_load(&text, base, fp);
    }

    /// params: every value type in every parameter position.
    #[test]
    fn params_of_any_type(p in value(), q in prop::sample::select(PARAM_QUERIES)) {
        let mut g = nissan().0.clone();
        let params = Params::from([("p".to_string(), p)]);
        let _ = checks::check_query(&mut g, q, &params, limits());
    }
}

/// The loader property on arbitrary text: a graph file is a JSON object, anything else fails.
#[test]
fn load_any_text() {
    let (base, fp) = nissan();
    let text = prop_oneof![".{0,80}", json_value().prop_map(|j| j.to_string())];
    proptest!(config(128), |(text in text)| {
        let object = text.trim_start().starts_with('{');
        let loaded = checks::check_load(&text, base, fp);
        prop_assert!(loaded.is_err() || object, "{:?} loaded", text);
    });
}

/// Every fuzz seed passes its target's checks (so the committed corpora stay meaningful).
#[test]
fn fuzz_seeds_pass() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let (base, fp) = nissan();
    let mut count = 0;
    for entry in std::fs::read_dir(dir.join("cypher")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let mut g = base.clone();
        let _ = checks::check_query(&mut g, &text, &checks::params(), &checks::limits());
        count += 1;
    }
    for entry in std::fs::read_dir(dir.join("graph")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let _ = checks::check_load(&text, base, fp);
        count += 1;
    }
    assert!(count >= 50, "{count} seeds");
}

/// `docs/reliability.md` names every property test here and every fuzz target.
#[test]
fn properties_are_documented() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/reliability.md")).unwrap();
    let this = std::fs::read_to_string(root.join("tests/robustness.rs")).unwrap();
    let tests: Vec<&str> = this
        .lines()
        .filter_map(|l| l.trim().strip_prefix("fn "))
        .filter_map(|l| l.split('(').next())
        .filter(|name| {
            this.contains(&format!("#[test]\n    fn {name}("))
                || this.contains(&format!("#[test]\nfn {name}("))
        })
        .collect();
    assert!(tests.len() >= 9, "{tests:?}");
    for name in tests.iter().filter(|n| **n != "properties_are_documented") {
        assert!(
            doc.contains(&format!("`{name}`")),
            "docs/reliability.md does not name `{name}`"
        );
    }
    for entry in std::fs::read_dir(root.join("fuzz/fuzz_targets")).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let target = file.trim_end_matches(".rs");
        assert!(
            doc.contains(&format!("| `{target}` |")),
            "docs/reliability.md has no row for fuzz target `{target}`"
        );
    }
}
