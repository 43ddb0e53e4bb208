//! The undo log under random write scripts: bytes choose a sequence of write statements (some made to fail part way), and after each the graph is checked against what it must be.
//!
//! Each statement is one of a dozen write shapes over two labels and two relationship types
//! (creates, property and label changes, renames, relationship and node deletes, MERGE),
//! with constants taken from the bytes. Before each, reads build typed adjacency so the
//! writes have derived structures to keep right. Every third statement or so gets a tail
//! that fails after the writes ran (a division by zero on its last row, or part way
//! through its rows). After a failure the graph must equal a copy taken before the
//! statement (file form, schema, ordered answers); after a success every derived structure
//! must agree with petgraph ([`evroad::Graph::check_derived`], which derives them afresh
//! and compares).

use evroad::{persist, Graph};

/// Reads small numbers off the input.
struct Bytes<'a> {
    data: &'a [u8],
    at: usize,
}

impl Bytes<'_> {
    fn next(&mut self) -> Option<u8> {
        let b = *self.data.get(self.at)?;
        self.at += 1;
        Some(b)
    }
    fn small(&mut self, n: u8) -> Option<u8> {
        Some(self.next()? % n.max(1))
    }
}

/// The statement that bytes choose, or `None` when they run out.
fn statement(b: &mut Bytes<'_>) -> Option<String> {
    let (l, l2) = (b.small(2)?, b.small(2)?);
    let (m, r) = (b.small(5)? + 2, b.small(10)?);
    let t = b.small(2)?;
    let body = match b.small(12)? {
        0 | 1 => format!("UNWIND range(1, {}) AS i CREATE (:L{l} {{name: 'n' + toString(i + {r}), i: i + {r}}})", m * 3),
        2 => format!("MATCH (n:L{l}) WHERE n.i % {m} = {} SET n.i = n.i + 1, n:L{l2}", r % m),
        3 => format!("MATCH (n) WHERE n.i % {m} = 0 REMOVE n:L{l}"),
        4 => format!("MATCH (a:L{l}), (b:L{l2}) WHERE a.i % {m} = b.i % {m} AND a.i < b.i + {r} CREATE (a)-[:T{t} {{w: a.i}}]->(b)"),
        5 => format!("MATCH ()-[r:T{t}]->() WHERE r.w % {m} = {} DELETE r", r % m),
        6 => format!("MATCH (n:L{l}) WHERE n.i % {m} = {} DETACH DELETE n", r % m),
        7 => format!("MATCH (n:L{l}) WHERE n.i = {r} SET n.id = 'renamed-{r}-{m}'"),
        8 => format!("MATCH (a)-[r]->(b) WHERE a.i % {m} = 0 SET r.w = r.w * 2, r.note = 'x{r}'"),
        9 => format!("MERGE (n:L{l} {{name: 'n{r}'}}) ON CREATE SET n.i = {r} ON MATCH SET n.hits = coalesce(n.hits, 0) + 1"),
        10 => format!("MATCH (n:L{l}) WHERE n.i % {m} = 0 SET n = {{name: n.name, i: n.i * 3000000000}}"),
        _ => format!("MATCH (a:L{l})-[r:T{t}]->(b) WHERE a.i % {m} = 0 DELETE r CREATE (b)-[:T{} {{w: 1}}]->(a)", 1 - t),
    };
    Some(match b.small(6)? {
        // Fails after every row was written.
        0 | 1 => format!("{body} WITH 1 AS one RETURN 1 / (one - 1)"),
        // Fails part way: on the first row whose check divides by zero.
        2 => format!("UNWIND [1, 2, 0, 3] AS k {body} WITH k RETURN 10 / k"),
        _ => body,
    })
}

/// What a caller can see of a graph: its file form (nodes and relationships in handle
/// order, identities, properties), its schema and ordered answers that go through the
/// indexes, the integer columns and the relationship counters.
pub fn observe(g: &Graph) -> String {
    let mut out = persist::to_json(g);
    out.push_str(&format!("{:?}", g.schema()));
    for q in [
        "MATCH (n) RETURN labels(n), n.name, n.i, n.launched ORDER BY n.id",
        "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r) ORDER BY a.id, type(r), b.id, r.w",
        "MATCH (n:L0) WHERE n.i > 3 RETURN count(*)",
        "MATCH (n:Model) WHERE n.launched > 2000 RETURN count(*)",
        "MATCH (n {name: 'Nissan LEAF'}) RETURN n.id",
        "MATCH ()-[r]->() RETURN type(r), count(*) ORDER BY type(r)",
    ] {
        let r = g.prepare(q).and_then(|p| p.run(g, &Default::default()));
        out.push_str(&format!("{:?}", r.map(|r| r.rows)));
    }
    out
}

/// Reads that build the typed adjacency of both relationship types, both ways.
fn warm(g: &Graph) {
    for q in [
        "MATCH (a)-[:T0]->(b) RETURN a.i, b.i",
        "MATCH (a)<-[:T0]-(b) RETURN a.i, b.i",
        "MATCH (a)-[:T1]->(b) RETURN a.i, b.i",
        "MATCH (a)<-[:T1]-(b) RETURN a.i, b.i",
    ] {
        let _ = g.prepare(q).and_then(|p| p.run(g, &Default::default()));
    }
}

/// Statements run and how many failed (and were rolled back).
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Statements run.
    pub statements: u64,
    /// Of which failed and were rolled back.
    pub rolled_back: u64,
}

/// Runs the script the bytes choose on a small graph; panics on the first divergence.
pub fn run(data: &[u8]) -> Counts {
    let mut g = Graph::empty();
    let mut b = Bytes { data, at: 0 };
    let mut counts = Counts::default();
    while let Some(q) = statement(&mut b) {
        if g.node_count() > 400 {
            g.query("MATCH (n) WHERE n.i % 2 = 0 DETACH DELETE n")
                .unwrap();
        }
        warm(&g);
        let before = observe(&g);
        let twin = g.clone();
        counts.statements += 1;
        match g.query(&q) {
            Ok(_) => {
                if let Err(e) = g.check_derived() {
                    panic!("after {q}: {e}");
                }
            }
            Err(_) => {
                counts.rolled_back += 1;
                assert_eq!(observe(&g), before, "rolled back: {q}");
                if let Err(e) = g.check_derived() {
                    panic!("after rolling back {q}: {e}");
                }
                // What comes next gets the same handles as on the untouched copy.
                let next = "CREATE (:L0 {name: 'next', i: 1})-[:T0 {w: 1}]->(:L1 {i: 2})";
                let mut t = twin;
                g.query(next).unwrap();
                t.query(next).unwrap();
                assert_eq!(
                    observe(&g),
                    observe(&t),
                    "after rolling back {q} and a write"
                );
            }
        }
    }
    counts
}
