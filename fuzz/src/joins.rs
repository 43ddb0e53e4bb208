//! Cyclic MATCH statements over the graph of `tests/join/setup.cypher`, and the check that
//! the hash join and factorised counting answer as walking does: shared by
//! `tests/join_shapes.rs` (with `#[path]`) and the `joins` fuzz target.
//!
//! A statement has two comma-separated patterns that close a cycle: the first runs from `a`
//! to `t`, the second from `a` back to `t` (or written from `t` to `a`), each one to three
//! hops. The input's bytes choose, one at a time, every part of it: each chain's hops and
//! their labels, types and directions (from a template that matches the graph, now and then
//! changed), which relationships are named, whether the second pattern is a named path, a
//! third pattern hanging off the cycle, a few WHERE conditions, an OPTIONAL MATCH or a
//! `MATCH (a:A) WITH a` in front, and the RETURN. Once the bytes run out every choice is the
//! first one, so an empty input is the plain two-chain shape counted.

use evroad::exec::Limits;
use evroad::plan::{Pass, PlanOptions};
use evroad::{ErrorType, Graph, Params, Value};
use std::time::Duration;

/// The statements that build the graph: hubs `A` reach middle nodes `B` and `C` by `X`, `Y`
/// and `Z` relationships, which reach targets `T`.
const SETUP: &str = include_str!("../../tests/join/setup.cypher");

/// The graph `tests/join/setup.cypher` builds (30 `A`, 80 `B`, 50 `C`, 120 `T`).
pub fn graph() -> Graph {
    let mut g = Graph::empty();
    for s in SETUP
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with("//"))
    {
        g.query(s).unwrap_or_else(|e| panic!("{s}: {e}"));
    }
    g
}

/// A budget for each run: `max_rows` intermediate rows, `millis` milliseconds, 64 MiB. The
/// plans do different amounts of work, so a statement a run of which reaches it is not
/// compared.
pub fn limits(max_rows: u64, millis: u64) -> Limits {
    Limits {
        timeout: Duration::from_millis(millis),
        max_rows,
        max_memory: 64 << 20,
        ..Limits::default()
    }
}

/// The input's bytes, read one at a time; zero once they run out.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn next(&mut self) -> usize {
        let b = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        usize::from(b)
    }

    /// One of `n` choices (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        self.next() % n
    }

    fn pick<'s, T: ?Sized>(&mut self, from: &[&'s T]) -> &'s T {
        from[self.below(from.len())]
    }
}

/// How a hop points, read from the pattern's start towards its end.
#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Out,
    In,
    Both,
}

/// One hop of a template: its relationship type and direction, and the label of the node
/// it reaches.
type Hop = (&'static str, Dir, &'static str);

/// Chains from `a` (an `A`) to `t` (a `T`) that the graph has matches for, by hop count.
const TEMPLATES: [&[&[Hop]]; 3] = [
    &[&[("X", Dir::Out, "T")], &[("X", Dir::Out, "T")]],
    &[
        &[("X", Dir::Out, "B"), ("Y", Dir::Out, "T")],
        &[("Z", Dir::Out, "C"), ("Y", Dir::Out, "T")],
        &[("Z", Dir::In, "C"), ("Y", Dir::Out, "T")],
    ],
    &[
        &[
            ("Z", Dir::Out, "C"),
            ("Z", Dir::In, "A"),
            ("X", Dir::Out, "T"),
        ],
        &[
            ("Z", Dir::Out, "C"),
            ("Z", Dir::Out, "A"),
            ("X", Dir::Out, "T"),
        ],
        &[
            ("X", Dir::Out, "B"),
            ("X", Dir::In, "A"),
            ("X", Dir::Out, "T"),
        ],
        &[
            ("Z", Dir::In, "C"),
            ("Z", Dir::In, "A"),
            ("X", Dir::Out, "T"),
        ],
    ],
];

/// One chain as chosen: its nodes' variables (empty when anonymous) and labels (empty for
/// none), and its relationships' variables, types (empty for any) and directions.
struct Chain {
    nodes: Vec<(String, String)>,
    rels: Vec<(String, String, Dir)>,
}

impl Chain {
    /// A chain from `a` to `t` whose inner nodes are `{inner}1`, `{inner}2` and whose
    /// relationships are `{rel}1`, ...; `a` and `t` carry their labels only when `labelled`.
    /// The templates are tried from the `skip`th on, so that the two chains start apart.
    fn choose(b: &mut Bytes<'_>, inner: &str, rel: &str, labelled: bool, skip: usize) -> Chain {
        // Two hops first, then three, then one.
        let hops = 1 + (b.below(3) + 1) % 3;
        let templates = TEMPLATES[hops - 1];
        let template = templates[(b.below(templates.len()) + skip) % templates.len()];
        // How far the chain may stray from its template: not at all, a little, or much.
        let wild = [0, 0, 1, 3][b.below(4)];
        let mut nodes = vec![("a".to_string(), label(b, "A", labelled, wild))];
        let mut rels = Vec::new();
        for (i, &(ty, dir, reaches)) in template.iter().enumerate() {
            let last = i + 1 == template.len();
            let name = match b.below(5) {
                4 => String::new(),
                _ => format!("{rel}{}", i + 1),
            };
            let ty = match b.below(20) {
                c if c < 20 - 2 * wild => ty,
                c if c % 4 == 0 => "",
                c if c % 4 == 1 => "X|Y",
                c if c % 4 == 2 => b.pick(&["X", "Y", "Z"]),
                _ => b.pick(&["Y|Z", "X|Z"]),
            };
            let dir = match b.below(20) {
                c if c < 20 - 2 * wild => dir,
                c if c % 2 == 0 => Dir::Both,
                _ => match dir {
                    Dir::Out => Dir::In,
                    Dir::In => Dir::Out,
                    Dir::Both => Dir::Both,
                },
            };
            rels.push((name, ty.to_string(), dir));
            if last {
                nodes.push(("t".to_string(), label(b, reaches, labelled, wild)));
            } else {
                let name = match b.below(8) {
                    7 => String::new(),
                    _ => format!("{inner}{}", i + 1),
                };
                nodes.push((name, label(b, reaches, true, wild)));
            }
        }
        Chain { nodes, rels }
    }

    /// The pattern's text, from `a` to `t` or, `reversed`, from `t` to `a`; `t` gets the
    /// property map `t_props` when it is written with its label.
    fn text(&self, reversed: bool, t_props: &str) -> String {
        let node = |(name, label): &(String, String)| {
            let label = if label.is_empty() {
                String::new()
            } else {
                format!(":{label}")
            };
            let props = if name == "t" && !label.is_empty() {
                t_props
            } else {
                ""
            };
            format!("({name}{label}{props})")
        };
        let rel = |(name, ty, dir): &(String, String, Dir), reversed: bool| {
            let ty = if ty.is_empty() {
                String::new()
            } else {
                format!(":{ty}")
            };
            let body = if name.is_empty() && ty.is_empty() {
                String::new()
            } else {
                format!("[{name}{ty}]")
            };
            let dir = match (dir, reversed) {
                (Dir::Both, _) => Dir::Both,
                (d, false) => *d,
                (Dir::Out, true) => Dir::In,
                (Dir::In, true) => Dir::Out,
            };
            match dir {
                Dir::Out => format!("-{body}->"),
                Dir::In => format!("<-{body}-"),
                Dir::Both => format!("-{body}-"),
            }
        };
        let mut out = String::new();
        let n = self.rels.len();
        for i in 0..n {
            let (ni, ri) = if reversed { (n - i, n - 1 - i) } else { (i, i) };
            out += &node(&self.nodes[ni]);
            out += &rel(&self.rels[ri], reversed);
        }
        out += &node(&self.nodes[if reversed { 0 } else { n }]);
        out
    }

    /// The named inner nodes, with their labels.
    fn inner(&self) -> Vec<(&str, &str)> {
        let last = self.nodes.len() - 1;
        self.nodes[1..last]
            .iter()
            .map(|(n, label)| (n.as_str(), label.as_str()))
            .filter(|(n, _)| !n.is_empty())
            .collect()
    }

    /// The named relationships, with their types.
    fn named_rels(&self) -> Vec<(&str, &str)> {
        self.rels
            .iter()
            .map(|(n, ty, _)| (n.as_str(), ty.as_str()))
            .filter(|(n, _)| !n.is_empty())
            .collect()
    }
}

/// The template's label, or (the more often the wilder the chain) none or another one;
/// nothing for `a` and `t` unless `labelled`, as the second pattern leaves them bare.
fn label(b: &mut Bytes<'_>, usual: &str, labelled: bool, wild: usize) -> String {
    if !labelled {
        return String::new();
    }
    match b.below(20) {
        c if c < 20 - 2 * wild => usual.to_string(),
        c if c % 2 == 0 => String::new(),
        _ => b.pick(&["A", "B", "C", "T"]).to_string(),
    }
}

/// The statement `data` describes.
pub fn statement(data: &[u8]) -> String {
    let b = &mut Bytes { data, at: 0 };
    let first = Chain::choose(b, "b", "r", true, 0);
    let second = Chain::choose(b, "c", "s", false, 1);
    let reversed = b.below(3) == 1;
    let t_props = match b.below(12) {
        1 => " {tag: 'red'}",
        2 => " {tag: 'blue'}",
        _ => "",
    };
    let path = if b.below(8) == 1 { "q = " } else { "" };
    // Now and then a third pattern hanging off the cycle: the two-hop ones are planned
    // last, and their hops counted (factorised) when the RETURN only counts rows.
    let dangling = match b.below(10) {
        1 => ", (t)<-[:Y]-(d:B)<-[:X]-(e)",
        2 => ", (a)-[:X]->(d:B)-[:Y]->(e:T)",
        3 => ", (a)-[:Z]->(d:C)-[:Y]->(e)",
        4 => ", (d:A)-[:X]->(t)",
        _ => "",
    };
    let patterns = format!(
        "{}, {path}{}{dangling}",
        first.text(false, t_props),
        second.text(reversed, "")
    );

    // WHERE: up to three conditions, on inner nodes, relationships, the shared nodes, and
    // one that reads both patterns (which keeps the second pattern from being joined).
    let (b_inner, c_inner) = (first.inner(), second.inner());
    let (r_rels, s_rels) = (first.named_rels(), second.named_rels());
    let mut conds: Vec<String> = vec![
        "a.i > 3".into(),
        "a.i % 3 = 0".into(),
        "t.tag = 'red'".into(),
        "t.i < 60".into(),
        "t.tag IS NULL".into(),
    ];
    // Every node has an `i`, only `B` nodes a `w`.
    for (v, label) in b_inner.iter().chain(&c_inner) {
        conds.push(format!("{v}.i % 2 = 0"));
        conds.push(format!("{v}.i < 30"));
        if matches!(*label, "B" | "") {
            conds.push(format!("{v}.w <> 3"));
        }
    }
    // `X` relationships have a `since`, `Y` ones a `w`, `Z` ones nothing.
    for (v, ty) in r_rels.iter().chain(&s_rels) {
        if ty.contains('Y') || ty.is_empty() {
            conds.push(format!("{v}.w > 2"));
        }
        if ty.contains('X') || ty.is_empty() {
            conds.push(format!("{v}.since < 20"));
        }
        if ty.len() != 1 {
            conds.push(format!("type({v}) <> 'Z'"));
        }
    }
    for ((x, _), (y, _)) in b_inner.iter().zip(&c_inner) {
        conds.push(format!("{y}.i > {x}.i"));
        conds.push(format!("{y} <> {x}"));
    }
    for ((x, _), (y, _)) in r_rels.iter().zip(&s_rels) {
        conds.push(format!(
            "coalesce({y}.w, 0) <= coalesce({x}.w, {x}.since, 9)"
        ));
    }
    let picked: Vec<String> = (0..[0, 0, 1, 1, 2, 3][b.below(6)])
        .map(|_| conds[b.below(conds.len())].clone())
        .collect();
    let filter = if picked.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", picked.join(" AND "))
    };

    let head = match b.below(8) {
        0..=3 => "MATCH ",
        4 => "MATCH (a:A) WITH a MATCH ",
        5 => "MATCH (a:A) WHERE a.i % 3 = 0 WITH a MATCH ",
        6 => "MATCH (a:A) OPTIONAL MATCH ",
        _ => "MATCH (a:A) WITH a OPTIONAL MATCH ",
    };

    // A node to count, group, collect or return: a named inner node, or `t`.
    let nodes: Vec<&str> = b_inner
        .iter()
        .chain(&c_inner)
        .map(|(v, _)| *v)
        .chain(["t"])
        .collect();
    let x = nodes[b.below(nodes.len())];
    let rels: Vec<&str> = r_rels.iter().chain(&s_rels).map(|(v, _)| *v).collect();
    let ret = match b.below(12) {
        0 => "RETURN count(*)".to_string(),
        1 => format!("RETURN count(*) AS n, count(DISTINCT {x}) AS d"),
        2 => "RETURN a.i AS ai, count(*) AS n ORDER BY ai".to_string(),
        3 => "RETURN a.i AS ai, t.i AS ti, count(*) AS n ORDER BY n DESC, ai, ti LIMIT 15"
            .to_string(),
        4 => format!(
            "WITH a, t{} ORDER BY {x}.i, id({x}) RETURN a.i AS ai, t.i AS ti, collect(id({x})) AS xs ORDER BY ai, ti",
            if x == "t" { String::new() } else { format!(", {x}") }
        ),
        5 => format!("RETURN a.i AS ai, {x}.i AS xi, t.i AS ti ORDER BY ai, xi, ti LIMIT 40"),
        6 => "RETURN DISTINCT a.i AS ai, t.i AS ti ORDER BY ai, ti".to_string(),
        7 => format!("RETURN {x}.i AS xi, count(*) AS n ORDER BY n DESC, xi LIMIT 10"),
        8 => "RETURN count(DISTINCT a) AS da, count(DISTINCT t) AS dt".to_string(),
        9 if !rels.is_empty() => {
            let r = rels[b.below(rels.len())];
            format!("RETURN type({r}) AS ty, count(*) AS n, sum({r}.w) AS w ORDER BY ty")
        }
        10 if !path.is_empty() => {
            "RETURN length(q) AS len, [v IN nodes(q) | v.i] AS xs, count(*) AS n ORDER BY len, xs"
                .to_string()
        }
        _ => format!("RETURN count(*) AS n, sum({x}.i) AS s, min(t.i) AS lo"),
    };
    format!("{head}{patterns}{filter} {ret}")
}

/// What the comparison saw: whether the hash join and factorised counting took part in the
/// default plan, and whether a run reached the budget (and so was not compared).
#[derive(Clone, Copy, Debug, Default)]
pub struct Checked {
    pub joined: bool,
    pub counted: bool,
    pub limited: bool,
}

/// `q`'s rows (sorted unless it orders them), or its error's type and text; `None` when it
/// reached the budget.
fn answer(
    g: &Graph,
    q: &str,
    opts: &PlanOptions,
    limits: &Limits,
) -> Option<Result<Vec<Vec<Value>>, String>> {
    let fail = |e: evroad::Error| {
        (e.error_type() != ErrorType::ResourceLimit)
            .then(|| Err(format!("{}: {e}", e.error_type().name())))
    };
    let p = match g.prepare_with(q, opts) {
        Ok(p) => p,
        Err(e) => return fail(e),
    };
    match p.run_with_limits(g, &Params::new(), limits) {
        Ok(r) => {
            let mut rows = r.rows;
            if !q.contains("ORDER BY") {
                rows.sort_by_cached_key(|r| format!("{r:?}"));
            }
            Some(Ok(rows))
        }
        Err(e) => fail(e),
    }
}

/// Panics unless `q` answers the same (rows, or error) with every pass, without the
/// `hash-join` pass and without the `factorised-count` pass, each run under `limits`; a
/// run that reaches them is left out.
pub fn plans_agree(g: &Graph, q: &str, limits: &Limits) -> Checked {
    let all = PlanOptions::default();
    let fired = g
        .prepare_with(q, &all)
        .map(|p| p.plan().fired().to_vec())
        .unwrap_or_default();
    let mut checked = Checked {
        joined: fired.contains(&Pass::HashJoin),
        counted: fired.contains(&Pass::FactorisedCount),
        limited: false,
    };
    let Some(want) = answer(g, q, &all, limits) else {
        checked.limited = true;
        return checked;
    };
    for pass in [Pass::HashJoin, Pass::FactorisedCount] {
        let Some(got) = answer(g, q, &all.clone().without(pass), limits) else {
            checked.limited = true;
            continue;
        };
        assert_eq!(
            got, want,
            "{q}\nwithout {pass} (left) and with every pass (right)"
        );
    }
    checked
}
