//! Count pushdown: `MATCH (n:L) [WHERE n.k <op> <integer or date>] RETURN count(...)` from the label's size or one loop over an integer column.
//!
//! With one comparison on an integer (or date) column over a label whose nodes have
//! consecutive indexes, the count is one loop over the column's range (see
//! `store/columns.rs`) and only a counter moves. Any node whose value is not in the column
//! (absent, or of another type) is checked by the generic evaluator, so results are the
//! same. Every other shape goes the general way.

use super::eval::eval;
use super::project::{Collector, Grouper};
use super::{Ctx, ExecError, Row};
use crate::plan::passes::{self, LabelScan, TypeCounts};
use crate::plan::{CountPushdown, MatchOp, ProjectOp};
use crate::val::Val;

/// The grouped output of a MATCH + aggregation when it has the pushdown's shape, else `None`.
pub(crate) fn count_scan(
    m: &MatchOp,
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
) -> Result<Option<Vec<Row>>, ExecError> {
    let ([row], Some(CountPushdown::LabelScan)) = (rows, m.count_pushdown) else {
        return Ok(None);
    };
    let Some(LabelScan { node, label, cmps }) = passes::label_scan(m, p) else {
        return Ok(None);
    };
    let g = ctx.g;
    let mut work = row.clone();
    let ids = g.label_slice(label);
    // The planner takes at most one comparison; none: every node of the label.
    let Some(c) = cmps.first() else {
        return counted(p, ctx, work, node.slot, ids.len() as u64);
    };
    // A key with no integer column: the general path.
    let Some(col) = g.int_column(c.key, c.date) else {
        return Ok(None);
    };
    let mut n = 0u64;
    let contiguous = match (ids.first(), ids.last()) {
        (Some(lo), Some(hi)) => (hi - lo) as usize + 1 == ids.len(),
        _ => false,
    };
    // Nodes with consecutive indexes (as a bulk load makes them): a vectorised count over
    // the column's range; else (created one by one) the comparison per node.
    let chunk = if contiguous { 1 << 16 } else { 4096 };
    for range in ids.chunks(chunk) {
        ctx.budget.tick()?;
        let before = n;
        let missing = match contiguous {
            true => {
                let (lo, hi) = (range[0], range[range.len() - 1] + 1);
                let (k, missing) = col.count_range(lo, hi, c.op, c.value);
                n += k;
                missing
            }
            false => {
                let mut missing = Vec::new();
                for &i in range {
                    match col.get(i) {
                        Some(v) => n += u64::from(c.op.holds(v, c.value)),
                        None => missing.push(i),
                    }
                }
                missing
            }
        };
        for i in missing {
            work[node.slot] = Val::Node(g.node_id(i));
            n += u64::from(eval(c.expr, &work, ctx)?.is_true());
        }
        ctx.budget.rows_n(n - before)?;
    }
    counted(p, ctx, work, node.slot, n)
}

/// The projection of `n` counted rows of a MATCH that binds `slot`.
fn counted(
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    mut work: Row,
    slot: usize,
    n: u64,
) -> Result<Option<Vec<Row>>, ExecError> {
    let mut grouper = Grouper::new(p);
    if n > 0 {
        work[slot] = Val::Null;
        grouper.push_counted(&work, Vec::new(), n, ctx)?;
    }
    project(grouper, p, ctx)
}

/// The projection's rows from its grouping.
fn project(
    grouper: Grouper<'_>,
    p: &ProjectOp,
    ctx: &Ctx<'_>,
) -> Result<Option<Vec<Row>>, ExecError> {
    let mut out = Collector::new(p, ctx);
    grouper.finish(ctx, &mut out)?;
    out.finish(ctx).map(Some)
}

/// `MATCH ()-[r:T|...]->() RETURN [type(r),] count(...)` answered from the store's count of
/// relationships per type (what Neo4j's count store does), without visiting a relationship.
pub(crate) fn type_counts(
    m: &MatchOp,
    p: &ProjectOp,
    ctx: &Ctx<'_>,
    rows: &[Row],
) -> Result<Option<Vec<Row>>, ExecError> {
    let ([row], Some(CountPushdown::TypeCounts)) = (rows, m.count_pushdown) else {
        return Ok(None);
    };
    let Some(TypeCounts { rel: r, by_type }) = passes::type_counts(m, p) else {
        return Ok(None);
    };
    let mut grouper = Grouper::new(p);
    let totals = ctx.g.type_totals(&r.types);
    if by_type {
        for (name, n) in totals {
            grouper.push_counted(row, vec![Val::Str(name)], n, ctx)?;
        }
    } else {
        let total: u64 = totals.iter().map(|(_, n)| n).sum();
        if total > 0 {
            grouper.push_counted(row, Vec::new(), total, ctx)?;
        }
    }
    project(grouper, p, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exec::{Budget, Limits};
    use crate::plan::Op;

    /// Which pushdown (if any) takes the first MATCH + aggregation of `q` on the Nissan graph.
    fn taken(q: &str) -> (bool, bool) {
        let g = crate::Graph::nissan();
        let stmt = crate::syntax::parse(q).unwrap();
        let plan = crate::plan::plan(&stmt, &g).unwrap();
        let [Op::Match(m), Op::Project(p), ..] = plan.parts[0].ops.as_slice() else {
            panic!("MATCH then a projection expected: {q}");
        };
        let budget = Budget::new(Limits::default(), &crate::exec::NoAppFunctions);
        let params = Default::default();
        let ctx = Ctx {
            g: &g,
            params: &params,
            aggs: &[],
            budget: &budget,
            read_only: true,
        };
        let rows = vec![vec![Val::Null; plan.parts[0].width]];
        (
            count_scan(m, p, &ctx, &rows).unwrap().is_some(),
            type_counts(m, p, &ctx, &rows).unwrap().is_some(),
        )
    }

    #[test]
    fn the_pushdowns_take_exactly_their_shapes() {
        assert_eq!(
            taken("MATCH (m:Model) WHERE m.launched >= 2020 RETURN count(m)"),
            (true, false)
        );
        // Two comparisons: the general batched scan.
        assert_eq!(
            taken("MATCH (m:Model) WHERE 2020 > m.launched AND m.launched <> 2010 RETURN count(*)"),
            (false, false)
        );
        assert_eq!(taken("MATCH (m:Model) RETURN count(m)"), (true, false));
        assert_eq!(
            taken("MATCH ()-[r]->() RETURN type(r), count(*)"),
            (false, true)
        );
        assert_eq!(
            taken("MATCH ()<-[r:NEAR]-() RETURN count(r)"),
            (false, true)
        );
        for generic in [
            "MATCH (m:Model) WHERE m.launched >= 2020 RETURN m.name, count(m)",
            "MATCH (m:Model) WHERE m.name = 'x' RETURN count(m)",
            "MATCH (m:Model) RETURN count(DISTINCT m)",
            "MATCH (m) RETURN count(m)",
            "MATCH ()-[r]-() RETURN type(r), count(*)",
            "MATCH (a:Model)-[r]->() RETURN type(r), count(*)",
            "MATCH ()-[r]->() RETURN type(r), sum(1)",
        ] {
            assert_eq!(taken(generic), (false, false), "{generic}");
        }
    }
}
