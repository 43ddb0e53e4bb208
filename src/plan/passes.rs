//! The planner's optimisations as named passes, in one fixed order; each can be switched off, and the plan records which fired.
//!
//! Every pass only changes how a statement runs, never its answer: with any set of passes
//! off, a statement returns the same rows (in the same order where it has an ORDER BY).
//! `EXPLAIN` lists the passes that fired; tests switch passes off by name to compare the
//! optimised path with the plain one (`tests/passes.rs`).

use std::fmt;

/// One optimisation of the planner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Pass {
    /// Equality conjuncts of WHERE on an indexed key (`id`, `name`) become index lookups.
    IndexLookup,
    /// Each pattern starts at its most selective node and patterns run cheapest first.
    StartOrder,
    /// Each WHERE conjunct is checked as soon as everything it reads is bound.
    PredicatePushdown,
    /// Trailing hops that only `count()` reads are counted, not enumerated (`factor.rs`).
    FactorisedCount,
    /// `count()` over a label scan with at most one integer or date comparison, or over
    /// relationships by type, is answered from the store's columns and counters.
    CountPushdown,
    /// WHERE conjuncts on one node's or relationship's properties run as kernels over the
    /// store's property columns instead of through the row evaluator (`exec/kernel.rs`).
    ColumnKernels,
    /// An aggregation whose keys or arguments read a variable's property takes them from
    /// the store's property columns in batches, without the row evaluator (`exec/batch.rs`).
    ColumnGrouping,
    /// ORDER BY ... LIMIT reads sort keys of the form `var.key` from the property columns
    /// and turns away rows that cannot make the cut before projecting them (`exec/topk.rs`).
    ColumnSort,
    /// A projection's items and the WITH filter after it run as kernels over each batch of
    /// rows (variables and their entities' property columns), one operator at a time,
    /// instead of through the row evaluator row by row (`exec/kernel.rs`).
    RowKernels,
    /// A start scan over many candidates runs its filter kernels on every core, each over
    /// its share of the candidates, before the matching goes on in order on one
    /// (`exec/morsel.rs`); a MATCH into an aggregation or a sort estimated large splits its
    /// start candidates (or input rows) between the cores, each into a grouping or top-k of
    /// its own, merged in order (`exec/split.rs`).
    ParallelScan,
    /// An UNWIND over a long list hands its elements on as column batches (the unwound
    /// variable a column, every other variable one value for the batch), and a MATCH
    /// followed by a plain projection gathers its matches into columns, through the
    /// projections and WITH filters after them; rows are built only where an operator
    /// needs them (`exec/cols.rs`).
    ColumnBatches,
    /// A pattern that starts at a node bound earlier in the MATCH and ends at another bound
    /// node is matched once per start node into a table keyed by its end node, which each
    /// row probes, instead of being walked again for every row (`plan/join.rs`,
    /// `exec/join.rs`).
    HashJoin,
    /// A joined pattern's key node, when an earlier pattern of the MATCH reaches it by a
    /// hop, is looked up in the join's table right there: a node the table does not hold
    /// ends the row before it is bound and handed on (a semi-join, `plan/join.rs`).
    JoinFilter,
    /// A grouping whose keys are the start node of the MATCH before it (and values of that
    /// node) receives each group's rows together: it holds one group at a time, with no
    /// hash table, and projects it as soon as the next begins (`plan/cluster.rs`).
    ClusteredGrouping,
    /// `count(v)` of a variable the MATCH before binds (never null on its rows) counts rows,
    /// as `count(*)` does, so no value is read per row (`plan/count_rows.rs`).
    CountRows,
    /// A DISTINCT projection whose items read only one variable's node or relationship
    /// (its properties, labels or identity, and constants) projects each entity once: a
    /// later row with the same entity is skipped before its items are evaluated
    /// (`plan/distinct.rs`, `exec/project.rs`).
    DistinctEntities,
}

/// Candidates from which a start scan runs its kernels ahead on every core
/// ([`Pass::ParallelScan`]; the executor decides by the scan's actual size).
pub(crate) const PARALLEL_MIN: usize = 1 << 16;

/// Elements a list needs for an UNWIND to hand it on as column batches
/// ([`Pass::ColumnBatches`]; a shorter one goes as rows, a batch's fixed cost would outweigh
/// it).
pub(crate) const COLUMN_LIST_MIN: usize = 64;

/// Rows a MATCH into a grouping or a sort is estimated to examine (`cost::walk_cost`) from
/// which its work splits between the cores ([`Pass::ParallelScan`]).
pub(crate) const PARALLEL_WORK: f64 = 32_768.0;

impl Pass {
    /// Every pass, in the order the planner runs them.
    pub const ALL: [Pass; 16] = [
        Pass::IndexLookup,
        Pass::StartOrder,
        Pass::PredicatePushdown,
        Pass::FactorisedCount,
        Pass::CountPushdown,
        Pass::ColumnKernels,
        Pass::ColumnGrouping,
        Pass::ColumnSort,
        Pass::RowKernels,
        Pass::ParallelScan,
        Pass::ColumnBatches,
        Pass::HashJoin,
        Pass::JoinFilter,
        Pass::ClusteredGrouping,
        Pass::CountRows,
        Pass::DistinctEntities,
    ];

    /// The pass's name, as EXPLAIN prints it and [`Pass::from_name`] reads it.
    pub fn name(self) -> &'static str {
        match self {
            Pass::IndexLookup => "index-lookup",
            Pass::StartOrder => "start-order",
            Pass::PredicatePushdown => "predicate-pushdown",
            Pass::FactorisedCount => "factorised-count",
            Pass::CountPushdown => "count-pushdown",
            Pass::ColumnKernels => "column-kernels",
            Pass::ColumnGrouping => "column-grouping",
            Pass::ColumnSort => "column-sort",
            Pass::RowKernels => "row-kernels",
            Pass::ParallelScan => "parallel-scan",
            Pass::ColumnBatches => "column-batches",
            Pass::HashJoin => "hash-join",
            Pass::JoinFilter => "join-filter",
            Pass::ClusteredGrouping => "clustered-grouping",
            Pass::CountRows => "count-rows",
            Pass::DistinctEntities => "distinct-entities",
        }
    }

    /// The pass called `name`.
    ///
    /// ```
    /// use evroad::plan::Pass;
    /// assert_eq!(Pass::from_name("count-pushdown"), Some(Pass::CountPushdown));
    /// ```
    pub fn from_name(name: &str) -> Option<Pass> {
        Pass::ALL.into_iter().find(|p| p.name() == name)
    }
}

impl fmt::Display for Pass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which passes the planner may run (all, by default).
///
/// ```
/// use evroad::plan::{Pass, PlanOptions};
/// let g = evroad::Graph::nissan();
/// let opts = PlanOptions::default().without(Pass::CountPushdown);
/// let q = g.prepare_with("MATCH (m:Model) RETURN count(*)", &opts).unwrap();
/// assert!(!q.plan().fired().contains(&Pass::CountPushdown));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlanOptions {
    disabled: Vec<Pass>,
}

impl PlanOptions {
    /// These options with `pass` switched off.
    #[must_use]
    pub fn without(mut self, pass: Pass) -> Self {
        if !self.disabled.contains(&pass) {
            self.disabled.push(pass);
        }
        self
    }

    /// Every pass off: the plain, unoptimised plan.
    pub fn none() -> Self {
        PlanOptions {
            disabled: Pass::ALL.to_vec(),
        }
    }

    /// Whether `pass` may run.
    pub fn enabled(&self, pass: Pass) -> bool {
        !self.disabled.contains(&pass)
    }
}

use super::types::{CountPushdown, MatchOp, PExpr, PKind, PNode, PRel, ProjectOp};
use crate::store::{CmpOp, Dir};
use crate::syntax::ast::{BinOp, PathKind};
use crate::val::Val;

/// One conjunct `n.key <op> integer` (or `<op> date`), with the operator turned so the
/// property is on the left.
pub(crate) struct Cmp<'a> {
    pub key: &'a str,
    pub op: CmpOp,
    /// The integer, or the date's days since 1970-01-01.
    pub value: i64,
    /// Whether `value` is a date (compared with a date column's days).
    pub date: bool,
    pub expr: &'a PExpr,
}

/// A constant integer, or a constant date (a literal, or `date('...')` of a literal string),
/// as `(value, is a date)`.
fn int_or_date(x: &PExpr) -> Option<(i64, bool)> {
    use crate::temporal::{Kind, Temporal};
    match &x.kind {
        PKind::Lit(Val::Int(i)) => Some((*i, false)),
        PKind::Lit(Val::Temporal(t)) => match **t {
            Temporal::Date(d) => Some((d.days, true)),
            _ => None,
        },
        PKind::Call(crate::functions::Func::Date, args) => match args.as_slice() {
            [PExpr {
                kind: PKind::Lit(Val::Str(s)),
                ..
            }] => match Temporal::parse(Kind::Date, s).ok()? {
                Temporal::Date(d) => Some((d.days, true)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// The comparison `op`, and the one that holds with its operands swapped.
fn cmp_ops(op: BinOp) -> Option<(CmpOp, CmpOp)> {
    Some(match op {
        BinOp::Eq => (CmpOp::Eq, CmpOp::Eq),
        BinOp::Ne => (CmpOp::Ne, CmpOp::Ne),
        BinOp::Lt => (CmpOp::Lt, CmpOp::Gt),
        BinOp::Gt => (CmpOp::Gt, CmpOp::Lt),
        BinOp::Le => (CmpOp::Le, CmpOp::Ge),
        BinOp::Ge => (CmpOp::Ge, CmpOp::Le),
        _ => return None,
    })
}

/// `e` as `slot.key <op> integer` (or date), when it has that shape.
fn simple<'a>(e: &'a PExpr, slot: usize) -> Option<Cmp<'a>> {
    let PKind::Bin(op, a, b) = &e.kind else {
        return None;
    };
    let (op, flipped) = cmp_ops(*op)?;
    let prop = |x: &'a PExpr| match &x.kind {
        PKind::Prop(o, k) if matches!(o.kind, PKind::Slot(s) if s == slot) => Some(k.as_str()),
        _ => None,
    };
    let (key, op, (value, date)) = match (prop(a), int_or_date(b), prop(b), int_or_date(a)) {
        (Some(k), Some(v), _, _) => (k, op, v),
        (_, _, Some(k), Some(v)) => (k, flipped, v),
        _ => return None,
    };
    Some(Cmp {
        key,
        op,
        value,
        date,
        expr: e,
    })
}

/// A label scan whose rows only `count` reads: `MATCH (n:L) WHERE n.k <op> int
/// RETURN count(...)`.
pub(crate) struct LabelScan<'a> {
    pub node: &'a PNode,
    pub label: &'a str,
    pub cmps: Vec<Cmp<'a>>,
}

/// The label-scan count shape of a MATCH and the aggregation after it.
pub(crate) fn label_scan<'a>(m: &'a MatchOp, p: &ProjectOp) -> Option<LabelScan<'a>> {
    let ([pat], false) = (m.patterns.as_slice(), m.optional) else {
        return None;
    };
    let ([node], true, PathKind::Plain, None) = (
        pat.nodes.as_slice(),
        pat.rels.is_empty(),
        pat.kind,
        pat.path_slot,
    ) else {
        return None;
    };
    let [label] = node.labels.as_slice() else {
        return None;
    };
    if node.bound || node.props.is_some() || node.index.is_some() || !p.keys.is_empty() {
        return None;
    }
    if !p.counts_rows(&[node.slot]) {
        return None;
    }
    let cmps = node
        .filters
        .iter()
        .chain(&m.filter)
        .map(|f| simple(f, node.slot))
        .collect::<Option<Vec<_>>>()?;
    // At most one comparison: with more, the general batched scan is faster.
    (cmps.len() <= 1).then_some(LabelScan { node, label, cmps })
}

/// Relationships counted by type: `MATCH ()-[r:T|...]->() RETURN [type(r),] count(...)`.
pub(crate) struct TypeCounts<'a> {
    pub rel: &'a PRel,
    /// Grouped by `type(r)`.
    pub by_type: bool,
}

/// The count-by-type shape of a MATCH and the aggregation after it.
pub(crate) fn type_counts<'a>(m: &'a MatchOp, p: &ProjectOp) -> Option<TypeCounts<'a>> {
    let ([pat], false, true) = (m.patterns.as_slice(), m.optional, m.filter.is_empty()) else {
        return None;
    };
    let ([a, b], [r], PathKind::Plain, None) = (
        pat.nodes.as_slice(),
        pat.rels.as_slice(),
        pat.kind,
        pat.path_slot,
    ) else {
        return None;
    };
    let plain_node = |n: &PNode| {
        !n.bound
            && n.labels.is_empty()
            && n.props.is_none()
            && n.index.is_none()
            && n.filters.is_empty()
    };
    if !plain_node(a) || !plain_node(b) || a.slot == b.slot {
        return None;
    }
    if r.bound || r.var_len.is_some() || r.props.is_some() || !r.filters.is_empty() {
        return None;
    }
    if r.dir == Dir::Both || !p.counts_rows(&[a.slot, b.slot, r.slot]) {
        return None;
    }
    let by_type = match p.keys.as_slice() {
        [] => false,
        [k] => match &p.items[*k].0.kind {
            PKind::Call(crate::functions::Func::Type, args) => {
                matches!(args.as_slice(), [PExpr { kind: PKind::Slot(s), .. }] if *s == r.slot)
            }
            _ => return None,
        },
        _ => return None,
    };
    Some(TypeCounts { rel: r, by_type })
}

/// The count pushdown a MATCH feeding aggregation `p` can take (the pass `count-pushdown`).
pub(crate) fn count_pushdown(m: &MatchOp, p: &ProjectOp) -> Option<CountPushdown> {
    if label_scan(m, p).is_some() {
        Some(CountPushdown::LabelScan)
    } else if type_counts(m, p).is_some() {
        Some(CountPushdown::TypeCounts)
    } else {
        None
    }
}

/// Whether WHERE conjunct `e` can run as a column kernel for the entity in `slot`: it reads
/// only that entity's properties, constants, parameters and stable calls on them
/// (`date('2020-01-01')`), through operators kernels have
/// (comparisons, string tests, a literal regex, IN, IS NULL, logic, arithmetic). The
/// executor compiles the same shapes (`exec/kernel.rs`).
pub(crate) fn column_filter(e: &PExpr, slot: usize) -> bool {
    kernel_shape(e, Some(slot))
}

/// Whether `e` has a row kernel (`exec/kernel.rs`, [`Pass::RowKernels`]): the shapes of
/// [`column_filter`] over any variables and their properties, and more than a bare
/// variable or constant.
pub(crate) fn row_kernel(e: &PExpr) -> bool {
    !matches!(e.kind, PKind::Slot(_)) && mentions_slot(e) && kernel_shape(e, None)
}

/// Whether `e` reads a variable (outside a nested scope).
fn mentions_slot(e: &PExpr) -> bool {
    match &e.kind {
        PKind::Slot(_) => true,
        PKind::Prop(obj, _) | PKind::RegexMatch(obj, _) | PKind::IsNull(obj, _) => {
            mentions_slot(obj)
        }
        PKind::Not(a) | PKind::Neg(a) => mentions_slot(a),
        PKind::Bin(_, a, b) => mentions_slot(a) || mentions_slot(b),
        _ => false,
    }
}

/// The kernel shapes: over the entity in `slot` (filter kernels), or over any variable
/// and its properties (`None`: row kernels).
fn kernel_shape(e: &PExpr, slot: Option<usize>) -> bool {
    let constant = |x: &PExpr| kernel_shape(x, Some(usize::MAX));
    match &e.kind {
        PKind::Lit(_) | PKind::Param(_) => true,
        PKind::List(l) => l.iter().all(constant),
        PKind::Call(f, args) => f.stable() && args.iter().all(constant),
        PKind::Slot(_) => slot.is_none(),
        PKind::Prop(obj, _) => match (slot, &obj.kind) {
            (Some(slot), PKind::Slot(s)) => *s == slot,
            (None, PKind::Slot(_)) => true,
            _ => false,
        },
        PKind::Bin(BinOp::Pow | BinOp::Regex, _, _) => false,
        PKind::Bin(_, a, b) => kernel_shape(a, slot) && kernel_shape(b, slot),
        PKind::RegexMatch(a, _) | PKind::IsNull(a, _) | PKind::Not(a) | PKind::Neg(a) => {
            kernel_shape(a, slot)
        }
        _ => false,
    }
}
