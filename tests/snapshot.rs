//! Binary snapshots: an exact round trip of the store, and damage reported as a load error.

mod common;

use common::evroad_in;
use evroad::persist::to_json;
use evroad::Graph;

fn round_trip(g: &Graph) -> Graph {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.snap");
    g.save_snapshot(&path).unwrap();
    Graph::load(&path).unwrap()
}

#[test]
fn the_nissan_graph_survives_a_snapshot_exactly() {
    let g = Graph::nissan();
    let back = round_trip(&g);
    assert_eq!(
        to_json(&back),
        to_json(&g),
        "same graph file, byte for byte"
    );
    for n in g.node_ids() {
        let m = back.node_by_ident(g.node_ident(n)).unwrap();
        assert_eq!(
            back.node_sources(m),
            g.node_sources(n),
            "sources of {}",
            g.node_ident(n)
        );
    }
    let mut a = g.clone();
    let mut b = back;
    for q in [
        "MATCH (m:Model)-[:USES_PLATFORM]->(p) RETURN m.name, p.name ORDER BY m.name",
        "MATCH (n {name: 'Sunderland Plant'}) RETURN n.id",
        "MATCH (n) RETURN labels(n)[0] AS l, count(*) ORDER BY l",
        "MATCH ()-[r]->() RETURN type(r) AS t, count(*) ORDER BY t",
    ] {
        assert_eq!(a.query(q).unwrap().rows, b.query(q).unwrap().rows, "{q}");
    }
}

#[test]
fn written_and_deleted_state_survives_too() {
    let mut g = Graph::nissan();
    g.query("CREATE (:Plant {id: 'new-plant', name: 'New plant', cells: [1, 2]})-[:NEAR {km: 2.5}]->(:Region {name: 'Somewhere'})")
        .unwrap();
    g.query("MATCH (n {id: 'leaf'}) DETACH DELETE n").unwrap();
    g.query("MATCH (n {id: 'ariya'}) SET n.id = 'ariya-2', n:Flagship")
        .unwrap();
    let mut back = round_trip(&g);
    assert_eq!(to_json(&back), to_json(&g));
    // Retired identities and counters came along: the same write gives the same graph.
    let again = "CREATE (:Model {id: 'leaf', name: 'Again'}), (:Model {name: 'Unnamed'})";
    let mut g2 = g.clone();
    assert_eq!(
        g2.query(again).map(|r| r.rows).map_err(|e| e.to_string()),
        back.query(again).map(|r| r.rows).map_err(|e| e.to_string())
    );
    assert_eq!(to_json(&back), to_json(&g2));
    let mut r1: Vec<String> = g.rel_ids().map(|r| g.rel_ident(r)).collect();
    let mut r2: Vec<String> = back.rel_ids().map(|r| back.rel_ident(r)).collect();
    r1.sort();
    r2.sort();
    assert_eq!(r1, r2);
}

#[test]
fn damaged_snapshots_are_load_errors_never_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.snap");
    Graph::nissan().save_snapshot(&path).unwrap();
    let good = std::fs::read(&path).unwrap();
    let bad = dir.path().join("bad.snap");
    let mut cases: Vec<Vec<u8>> = Vec::new();
    for cut in [12, 13, 20, good.len() / 3, good.len() / 2, good.len() - 1] {
        cases.push(good[..cut].to_vec());
    }
    for at in (12..good.len()).step_by(good.len() / 40) {
        let mut b = good.clone();
        b[at] ^= 0xff;
        cases.push(b);
    }
    let mut huge = good[..12].to_vec();
    huge.extend_from_slice(&u64::MAX.to_le_bytes());
    cases.push(huge);
    let mut errors = 0;
    for bytes in cases {
        std::fs::write(&bad, &bytes).unwrap();
        match Graph::load(&bad) {
            Err(e) => {
                errors += 1;
                assert!(e.to_string().contains("bad.snap"), "{e}");
            }
            // A flipped byte inside a string or a number can still be a valid snapshot.
            Ok(g) => assert!(g.node_count() <= 1000),
        }
    }
    assert!(
        errors >= 7,
        "truncations and the huge count are errors ({errors})"
    );
}

#[test]
fn a_snapshot_loads_only_as_the_first_graph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.snap");
    Graph::nissan().save_snapshot(&path).unwrap();
    let mut g = Graph::nissan();
    let e = g.merge_file(&path).unwrap_err();
    assert!(e.to_string().contains("first (or only) graph"), "{e}");
    assert_eq!(g.node_count(), Graph::nissan().node_count(), "unchanged");
}

#[test]
fn the_cli_writes_a_snapshot_that_the_cli_loads() {
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("nissan.snap");
    let snap = snap.to_str().unwrap();
    let ok = |args: &[&str]| {
        let r = evroad_in(args, None);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        r.stdout
    };
    assert!(ok(&["snapshot", "-o", snap]).starts_with("wrote "));
    let q = "MATCH (m:Model) RETURN count(m) AS models";
    assert_eq!(
        ok(&["--graph", snap, "query", q, "--format", "json"]),
        ok(&["query", q, "--format", "json"])
    );
}
