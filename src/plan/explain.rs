//! EXPLAIN: the plan as one line per operator, with each MATCH's strategy notes.

use super::passes::row_kernel;
use super::types::{Op, PExpr, PPattern, Plan};
use crate::{QueryResult, Value};

/// The strategy note of a pattern: where it starts and how much it expands.
pub(crate) fn describe(p: &PPattern) -> String {
    let n = &p.nodes[p.start];
    let how = if n.bound {
        "bound variable".to_string()
    } else if let Some((k, _)) = &n.index {
        format!("index on `{k}`")
    } else if let Some(l) = n.labels.first() {
        format!("label scan :{l}")
    } else {
        "all-nodes scan".to_string()
    };
    let hops: usize = p.rels.len();
    let filters: usize = p.nodes.iter().map(|n| n.filters.len()).sum::<usize>()
        + p.rels.iter().map(|r| r.filters.len()).sum::<usize>();
    format!(
        "start at node #{} ({how}), expand {hops} hop(s), {filters} pushed-down predicate(s)",
        p.start + 1
    )
}

/// The plan as a one-column result, one row per step (`EXPLAIN`).
pub fn explain(plan: &Plan) -> QueryResult {
    let mut rows = Vec::new();
    for (i, part) in plan.parts.iter().enumerate() {
        if i > 0 {
            rows.push(if plan.union_all { "UNION ALL" } else { "UNION" }.to_string());
        }
        for op in &part.ops {
            rows.push(match op {
                Op::Match(m) => {
                    let mut s = format!("{}Match", if m.optional { "Optional" } else { "" });
                    for n in &m.notes {
                        s.push_str(&format!("\n  {n}"));
                    }
                    if !m.filter.is_empty() {
                        s.push_str(&format!("\n  then filter {} predicate(s)", m.filter.len()));
                    }
                    if m.columns {
                        s.push_str("\n  hands the projection column batches");
                    }
                    s
                }
                Op::Unwind { columns: true, .. } => format!(
                    "Unwind\n  column batches from lists of {} or more elements",
                    super::passes::COLUMN_LIST_MIN
                ),
                Op::Unwind { .. } => "Unwind".into(),
                Op::Project(p) => {
                    let mut s = format!(
                        "Project {} item(s){}{}{}",
                        p.items.len(),
                        if p.aggregating { ", aggregate" } else { "" },
                        if p.distinct { ", distinct" } else { "" },
                        if p.order.is_empty() { "" } else { ", sort" }
                    );
                    if p.clustered {
                        s.push_str(
                            "\n  clustered: one group at a time, in the order the MATCH emits them",
                        );
                    }
                    if p.row_kernels {
                        let kernels = |(e, _): &&(PExpr, usize)| !p.aggregating && row_kernel(e);
                        let k = p.items.iter().filter(kernels).count();
                        let f = p.filter.as_ref().is_some_and(row_kernel);
                        s.push_str(&format!(
                            "\n  row kernels: {k} of {} item(s){}",
                            p.items.len(),
                            if f { ", filter" } else { "" }
                        ));
                    }
                    s
                }
                Op::Create(_) => "Create".into(),
                Op::Merge(_) => "Merge".into(),
                Op::Set(_) => "Set".into(),
                Op::Remove(_) => "Remove".into(),
                Op::Delete { detach, .. } => if *detach { "DetachDelete" } else { "Delete" }.into(),
            });
        }
    }
    let fired: Vec<&str> = plan.fired.iter().map(|p| p.name()).collect();
    rows.push(format!(
        "passes fired: {}",
        if fired.is_empty() {
            "none".to_string()
        } else {
            fired.join(", ")
        }
    ));
    QueryResult {
        columns: vec!["plan".into()],
        rows: rows
            .iter()
            .flat_map(|r| r.lines())
            .map(|line| vec![Value::String(line.to_string())])
            .collect(),
        ..Default::default()
    }
}
