//! Subgraph export through the library: collection from results, every format, atomic files.

use evroad::export::{csv_paths, Format, Subgraph};
use evroad::{Graph, Node, Path, QueryResult, Relationship, Value};
use std::collections::BTreeMap;

fn text(sub: &Subgraph, format: Format) -> String {
    let mut out = Vec::new();
    sub.write(format, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn node(g: &Graph, id: &str) -> Node {
    g.node(g.node_by_ident(id).unwrap())
}

fn rel(g: &Graph, from: &str, rel_type: &str, to: &str) -> Relationship {
    let a = g.node_by_ident(from).unwrap();
    let (r, _) = g
        .edges(a, evroad::store::Dir::Out, &[rel_type.to_string()])
        .find(|(_, b)| g.node_ident(*b) == to)
        .unwrap();
    g.relationship(r)
}

/// A hand-made result: a path, a list holding a node, a map holding a relationship.
fn result(g: &Graph) -> QueryResult {
    let path = Path {
        nodes: vec![node(g, "ariya"), node(g, "cmf-ev")],
        relationships: vec![rel(g, "ariya", "USES_PLATFORM", "cmf-ev")],
    };
    let map = BTreeMap::from([(
        "r".to_string(),
        Value::Relationship(rel(g, "nissan", "MAKES", "leaf")),
    )]);
    QueryResult {
        columns: vec!["p".into(), "l".into(), "m".into(), "x".into()],
        rows: vec![vec![
            Value::Path(path),
            Value::List(vec![Value::Node(node(g, "toyota")), Value::Int(1)]),
            Value::Map(map),
            Value::from("ignored"),
        ]],
        ..Default::default()
    }
}

#[test]
fn collects_nodes_and_relationships_from_paths_lists_and_maps() {
    let g = Graph::nissan();
    let sub = Subgraph::from_result(&result(&g), &g);
    let nodes: Vec<&str> = sub.nodes.keys().map(String::as_str).collect();
    assert_eq!(
        nodes,
        ["ariya", "cmf-ev", "leaf", "nissan", "toyota"],
        "relationship ends are added, sorted"
    );
    let rels: Vec<&str> = sub.relationships.keys().map(String::as_str).collect();
    assert_eq!(rels, ["ariya-USES_PLATFORM-cmf-ev", "nissan-MAKES-leaf"]);
}

#[test]
fn neighbours_add_one_hop() {
    let g = Graph::nissan();
    let mut sub = Subgraph::default();
    sub.add_node(node(&g, "cmf-ev"));
    sub.add_neighbors(&g);
    let nodes: Vec<&str> = sub.nodes.keys().map(String::as_str).collect();
    assert_eq!(
        nodes,
        [
            "ariya",
            "cmf-ev",
            "renault-megane-e-tech",
            "renault-nissan-mitsubishi-alliance"
        ]
    );
    assert_eq!(sub.relationships.len(), 3);
}

#[test]
fn json_is_the_graph_file_format_and_loads_back() {
    let g = Graph::nissan();
    let json = text(&Subgraph::whole(&g), Format::Json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v["nodes"][0];
    assert_eq!(first["id"], "adas", "nodes sorted by id");
    assert!(
        first["properties"].get("id").is_none(),
        "the id property is the node's id"
    );
    assert_eq!(
        first.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["id", "labels", "properties", "sources"]
    );
    let r = &v["relationships"][0];
    assert_eq!(
        r.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["from", "properties", "sources", "to", "type"]
    );
    let back = Graph::from_json_str(&json, "export").unwrap();
    assert_eq!((back.node_count(), back.relationship_count()), (63, 87));
    for n in g.node_ids() {
        let id = g.node_ident(n);
        assert_eq!(
            back.node(back.node_by_ident(id).unwrap()),
            g.node(n),
            "node {id}"
        );
    }
    assert_eq!(
        text(&Subgraph::whole(&back), Format::Json),
        json,
        "export is deterministic"
    );
}

#[test]
fn dot_colours_by_label_and_labels_edges_with_types() {
    let g = Graph::nissan();
    let mut sub = Subgraph::default();
    sub.add_value(&result(&g).rows[0][0]);
    let dot = text(&sub, Format::Dot);
    assert!(dot.starts_with("digraph evroad {\n"), "{dot}");
    assert!(dot.ends_with("}\n"));
    assert!(
        dot.contains("  \"ariya\" -> \"cmf-ev\" [label=\"USES_PLATFORM\"];\n"),
        "{dot}"
    );
    assert!(
        dot.contains("  \"ariya\" [label=\"Nissan Ariya\\n:Model\", shape="),
        "{dot}"
    );
    let whole = text(&Subgraph::whole(&g), Format::Dot);
    let style = |id: &str| {
        let line = whole
            .lines()
            .find(|l| l.starts_with(&format!("  \"{id}\" [")))
            .unwrap()
            .to_string();
        line[line.find("shape=").unwrap()..line.find(", tooltip").unwrap()].to_string()
    };
    assert_eq!(style("ariya"), style("leaf"), "same label, same look");
    assert_ne!(
        style("ariya"),
        style("cmf-ev"),
        "different labels look different"
    );
}

#[test]
fn graphml_declares_typed_keys() {
    let g = Graph::nissan();
    let xml = text(&Subgraph::whole(&g), Format::GraphMl);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml "));
    assert!(xml
        .contains(r#"<key id="node.launched" for="node" attr.name="launched" attr.type="long"/>"#));
    assert!(xml.contains(r#"<key id="node.usd_equivalent_approximate" for="node" attr.name="usd_equivalent_approximate" attr.type="boolean"/>"#));
    assert!(
        xml.contains(r#"<key id="edge.source" for="edge" attr.name="source" attr.type="string"/>"#)
    );
    assert!(xml.contains(r#"<graph id="evroad" edgedefault="directed">"#));
    assert_eq!(xml.matches("<node id=").count(), 63);
    assert_eq!(xml.matches("<edge id=").count(), 87);
    assert!(xml.contains("<data key=\"node_label\">Renault–Nissan–Mitsubishi Alliance</data>"));
    assert!(!xml.contains(" & "), "ampersands are escaped");
}

#[test]
fn cypher_is_one_create_statement() {
    let g = Graph::nissan();
    let mut sub = Subgraph::default();
    sub.add_value(&result(&g).rows[0][0]);
    let script = text(&sub, Format::Cypher);
    let lines: Vec<&str> = script.lines().collect();
    assert_eq!(lines[0], "// evroad export: 2 nodes, 1 relationships");
    assert_eq!(lines[1], "CREATE");
    assert!(lines[2].starts_with("  (n0:Model {aliases: ['Ariya'], body_type: 'all-electric crossover SUV', id: 'ariya', launched: 2022, "), "{script}");
    assert!(
        lines[4].starts_with("  (n0)-[:USES_PLATFORM {quote: "),
        "{script}"
    );
    assert!(script.ends_with("(n1);\n"), "{script}");
    assert_eq!(evroad::syntax::split_statements(&script).len(), 1);
    assert_eq!(
        text(&Subgraph::default(), Format::Cypher),
        "// evroad export: 0 nodes, 0 relationships\n"
    );
}

#[test]
fn csv_is_the_neo4j_admin_import_pair() {
    let g = Graph::nissan();
    let csv = text(&Subgraph::whole(&g), Format::Csv);
    let (nodes, rels) = csv.split_once("\n\n").unwrap();
    let header = nodes.lines().next().unwrap();
    assert!(
        header.starts_with("id:ID,:LABEL,adjusted_based_on:string[],aliases:string[],amount:long,"),
        "{header}"
    );
    assert!(header.contains(",launched:long,"), "{header}");
    assert!(
        !header.contains(",id,"),
        "the id property is the id:ID column"
    );
    assert_eq!(nodes.lines().count(), 64);
    assert!(
        nodes.contains("\nrenault,Company;Partner,"),
        "labels joined with ;"
    );
    assert!(rels.starts_with(":START_ID,:END_ID,:TYPE,"), "{rels}");
    assert_eq!(rels.lines().count(), 88);
    assert!(rels.contains("\nariya,cmf-ev,USES_PLATFORM,"));
}

#[test]
fn csv_paths_are_a_directory_or_a_prefix() {
    let dir = tempfile::tempdir().unwrap();
    let (n, r) = csv_paths(dir.path());
    assert_eq!(
        (n, r),
        (
            dir.path().join("nodes.csv"),
            dir.path().join("relationships.csv")
        )
    );
    let (n, _) = csv_paths("x/".as_ref());
    assert_eq!(n, std::path::PathBuf::from("x/nodes.csv"));
    let (n, r) = csv_paths("out/nissan".as_ref());
    assert_eq!(
        (n.to_str().unwrap(), r.to_str().unwrap()),
        ("out/nissan-nodes.csv", "out/nissan-relationships.csv")
    );
}

#[test]
fn save_writes_files_and_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let g = Graph::nissan();
    let sub = Subgraph::whole(&g);
    let target = dir.path().join("g.json");
    assert_eq!(
        sub.save(Format::Json, &target).unwrap(),
        vec![target.clone()]
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        text(&sub, Format::Json)
    );
    let files = sub.save(Format::Csv, dir.path()).unwrap();
    assert_eq!(files.len(), 2);
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["g.json", "nodes.csv", "relationships.csv"]);
}

#[test]
fn a_failed_save_clobbers_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let g = Graph::nissan();
    let sub = Subgraph::whole(&g);
    // The target is a non-empty directory: the rename fails, the directory and its file stay.
    let target = dir.path().join("taken");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep"), "x").unwrap();
    assert!(sub.save(Format::Json, &target).is_err());
    assert_eq!(std::fs::read_to_string(target.join("keep")).unwrap(), "x");
    // A missing directory: nothing is created.
    assert!(sub
        .save(Format::Dot, &dir.path().join("missing/g.dot"))
        .is_err());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["taken"], "no temporary file is left behind");
}

#[test]
fn format_names_parse() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
    }
    assert_eq!("GraphML".parse::<Format>(), Ok(Format::GraphMl));
    assert!("xml".parse::<Format>().is_err());
}
