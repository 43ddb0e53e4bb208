//! Column kernels give the evaluator's answers: every statement of tests/kernels/filters.cypher
//! on a graph of mixed-type properties, with the column-kernels pass on and off.

use evroad::plan::{Pass, PlanOptions};
use evroad::{Graph, Params, Value};

/// 3,000 nodes (more than one scan batch) whose `v` cycles through an integer, a float, a
/// string, a boolean, a list and nothing; strings `s`, floats `f`, booleans `b`; and
/// relationships with an integer `w` on two of every three.
fn mixed() -> Graph {
    let mut nodes = Vec::new();
    let mut rels = Vec::new();
    for i in 0..3000 {
        let v = match i % 6 {
            0 => format!("{}", i % 97),
            1 => format!("{}.5", i % 13),
            2 => format!("\"s{}\"", i % 11),
            3 => "true".to_string(),
            4 => "[1, 2]".to_string(),
            _ => String::new(),
        };
        let v = if v.is_empty() {
            String::new()
        } else {
            format!(", \"v\": {v}")
        };
        let s = ["abc", "abd", "xbc", "b"][i % 4];
        nodes.push(format!(
            r#"{{"id": "n{i}", "labels": ["T"], "properties": {{"name": "N{i}", "s": "{s}{}", "f": {}.25, "b": {}{v}}}}}"#,
            i % 10,
            i % 4,
            i % 3 == 0
        ));
        if i > 0 {
            let w = if i % 3 == 0 {
                String::new()
            } else {
                format!(r#""w": {}"#, i % 5)
            };
            rels.push(format!(
                r#"{{"from": "n{}", "to": "n{i}", "type": "R", "properties": {{{w}}}}}"#,
                i / 2
            ));
        }
    }
    let text = format!(
        r#"{{"nodes": [{}], "relationships": [{}]}}"#,
        nodes.join(","),
        rels.join(",")
    );
    Graph::from_json_str(&text, "mixed").unwrap()
}

fn answer(g: &Graph, q: &str, opts: &PlanOptions) -> Result<Vec<Vec<Value>>, String> {
    let params: Params = [
        ("lo".to_string(), Value::Int(20)),
        ("p".to_string(), Value::from("ab")),
    ]
    .into_iter()
    .collect();
    let p = g.prepare_with(q, opts).map_err(|e| e.to_string())?;
    p.run(g, &params).map(|r| r.rows).map_err(|e| e.to_string())
}

#[test]
fn kernels_answer_as_the_evaluator_does() {
    let g = mixed();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kernels/filters.cypher"),
    )
    .unwrap();
    let off = PlanOptions::default().without(Pass::ColumnKernels);
    let mut fired = 0;
    for q in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
    {
        let on = answer(&g, q, &PlanOptions::default());
        assert_eq!(on, answer(&g, q, &off), "{q}");
        let plan = g.prepare(q).unwrap();
        fired += usize::from(plan.plan().fired().contains(&Pass::ColumnKernels));
        // Some statements must match something, or the comparison proves little.
        if q.contains("n.v > 10 RETURN count") {
            assert_ne!(on.unwrap()[0][0], Value::Int(0), "{q}");
        }
    }
    assert!(fired >= 24, "kernels fired on {fired} statements");
}
