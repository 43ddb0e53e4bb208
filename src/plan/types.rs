//! The plan's data types: operators over rows of slots, and resolved expressions.

use crate::operators::{BinOp, PathKind, Quantifier};
use crate::store::Dir;
use crate::val::Val;
use crate::Span;

/// An executable plan: one part per `UNION` branch.
#[derive(Debug, Clone)]
pub struct Plan {
    pub(crate) parts: Vec<Part>,
    /// `UNION ALL` (keep duplicates) when true.
    pub(crate) union_all: bool,
    /// Result column names.
    pub columns: Vec<String>,
    /// Whether the plan writes to the graph.
    pub writes: bool,
    /// The optimisation passes that changed the plan, in pass order.
    pub(crate) fired: Vec<super::Pass>,
}

impl Plan {
    /// The optimisation passes that changed this plan, in the order they run.
    pub fn fired(&self) -> &[super::Pass] {
        &self.fired
    }
}

/// One single query: operators applied in order to rows of `width` slots.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub ops: Vec<Op>,
    pub width: usize,
    /// Slots of the RETURN columns (empty without RETURN).
    pub output: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) enum Op {
    Match(MatchOp),
    /// `columns`: long lists go on as column batches ([`super::Pass::ColumnBatches`]).
    Unwind {
        expr: PExpr,
        slot: usize,
        columns: bool,
    },
    Project(Box<ProjectOp>),
    Create(Vec<PPattern>),
    Merge(Box<MergeOp>),
    Set(Vec<PSet>),
    Remove(Vec<PRemove>),
    Delete {
        detach: bool,
        exprs: Vec<PExpr>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct MatchOp {
    pub optional: bool,
    pub patterns: Vec<PPattern>,
    /// Conjuncts of WHERE not pushed into a pattern step.
    pub filter: Vec<PExpr>,
    /// Slots this MATCH binds (set to null for OPTIONAL MATCH without a match).
    pub binds: Vec<usize>,
    /// Human-readable strategy lines (EXPLAIN).
    pub notes: Vec<String>,
    /// How many hops at the end of the last pattern are counted, not enumerated
    /// (`factor.rs`): emitted rows leave their slots unbound and carry the number of
    /// matches they stand for.
    pub count_tail: usize,
    /// The count pushdown this MATCH and the aggregation after it take, if any.
    pub count_pushdown: Option<CountPushdown>,
    /// Pattern filters run as column kernels where they can (`Pass::ColumnKernels`).
    pub kernels: bool,
    /// A large start scan runs its kernels on every core (`Pass::ParallelScan`).
    pub parallel: bool,
    /// The MATCH feeds a grouping or a sort and is estimated to examine at least
    /// [`super::passes::PARALLEL_WORK`] rows per input row, or walks from a bound node: its
    /// start candidates or (when many) its input rows split between the cores, each into a
    /// grouping or top-k of its own (`Pass::ParallelScan`, `exec/split.rs`).
    pub split: bool,
    /// The MATCH begins a streaming segment that ends in a grouping (further MATCHes,
    /// UNWINDs and projections without DISTINCT, SKIP or LIMIT between): each core streams
    /// a share of its start candidates through the segment into a grouping of its own,
    /// merged in order (`Pass::ParallelScan`, `exec/split.rs`).
    pub split_segment: bool,
    /// The plain projection after it takes its rows as column batches
    /// (`Pass::ColumnBatches`).
    pub columns: bool,
}

impl Op {
    /// Whether the operator passes rows on with no state carried from one row to the next
    /// (a MATCH, an UNWIND, a projection without aggregation, DISTINCT, ORDER BY, SKIP or
    /// LIMIT), so that shares of its input can go through it on different cores.
    pub(crate) fn stateless(&self) -> bool {
        match self {
            Op::Match(_) | Op::Unwind { .. } => true,
            Op::Project(p) => {
                !p.aggregating
                    && !p.distinct
                    && p.order.is_empty()
                    && p.skip.is_none()
                    && p.limit.is_none()
            }
            _ => false,
        }
    }
}

impl MatchOp {
    /// Whether this is a plain MATCH of one unbound node whose every condition sits on
    /// that node (labels, properties, filters), nothing counted or pushed down.
    pub(crate) fn is_node_scan(&self) -> bool {
        let [pat] = self.patterns.as_slice() else {
            return false;
        };
        let start = &pat.nodes[pat.start];
        pat.rels.is_empty()
            && pat.kind == PathKind::Plain
            && pat.path_slot.is_none()
            && !start.bound
            && self.filter.is_empty()
            && !self.optional
            && self.count_tail == 0
    }
}

/// How a MATCH + aggregation is answered from the store's counts (`exec/fast.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CountPushdown {
    /// A label scan with integer comparisons, over the integer columns.
    LabelScan,
    /// Relationships by type, from the per-type counters.
    TypeCounts,
}

#[derive(Debug, Clone)]
pub(crate) struct PNode {
    pub slot: usize,
    pub labels: Vec<String>,
    pub props: Option<PExpr>,
    /// An indexed `(key, value)` equality usable to find the node without a scan.
    pub index: Option<(String, PExpr)>,
    /// Bound before this pattern step runs (earlier clause or earlier in this MATCH).
    pub bound: bool,
    /// Conjuncts of WHERE checked right after this node is bound.
    pub filters: Vec<PExpr>,
}

#[derive(Debug, Clone)]
pub(crate) struct PRel {
    pub slot: usize,
    pub types: Vec<String>,
    /// Direction from the node before it to the node after it (in written order).
    pub dir: Dir,
    pub props: Option<PExpr>,
    /// `Some((min, max))` for variable length.
    pub var_len: Option<(u64, u64)>,
    pub bound: bool,
    pub filters: Vec<PExpr>,
}

/// A pattern part with its start chosen by the planner.
#[derive(Debug, Clone)]
pub(crate) struct PPattern {
    pub path_slot: Option<usize>,
    pub kind: PathKind,
    pub nodes: Vec<PNode>,
    pub rels: Vec<PRel>,
    /// Index of the node to start from.
    pub start: usize,
    /// Expand leftwards from the start before rightwards (the planner sets it so that
    /// hops only `count` reads come last, see `factor.rs`).
    pub left_first: bool,
    /// Hash join (`join.rs`): this pattern starts at a node bound earlier and ends at
    /// another; it is matched once per start node, with its end left free, into a table
    /// keyed by the end node, which each row then probes. Holds that free-ended pattern.
    pub join: Option<Box<PPattern>>,
    /// Join filters (`Pass::JoinFilter`): `(node, pattern)`, node `node` of this pattern
    /// must be a key of later pattern `pattern`'s join table, checked as the node is
    /// reached by a hop.
    pub probes: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub(crate) struct ProjectOp {
    /// `(expression, output slot)`; with aggregation, expressions may use `PExpr::Agg`.
    pub items: Vec<(PExpr, usize)>,
    pub aggs: Vec<AggSpec>,
    /// Whether this projection aggregates (grouping keys are the items without aggregates).
    pub aggregating: bool,
    pub keys: Vec<usize>,
    pub distinct: bool,
    pub order: Vec<(PExpr, bool)>,
    pub skip: Option<PExpr>,
    pub limit: Option<PExpr>,
    pub filter: Option<PExpr>,
    /// Slots cleared after the projection (the previous scope).
    pub clear: Vec<usize>,
    /// Grouping reads `var.key` keys and arguments from property columns in batches
    /// (`Pass::ColumnGrouping`).
    pub columnar: bool,
    /// With ORDER BY ... LIMIT, a row that cannot make the cut is turned away by sort keys
    /// read from property columns, before it is projected (`Pass::ColumnSort`).
    pub sort_columns: bool,
    /// Items and the WITH filter run as kernels over batches of rows where they can
    /// (`Pass::RowKernels`; a streamed projection without ORDER BY or LIMIT; of a grouping,
    /// only the WITH filter, over all groups).
    pub row_kernels: bool,
    /// The MATCH before this grouping emits each group's rows together, never to return
    /// (`Pass::ClusteredGrouping`, `plan/cluster.rs`): the grouping holds one group at a
    /// time (when the MATCH runs once, from a single input row).
    pub clustered: bool,
    /// DISTINCT items that read only the entity in this slot: a row whose node or
    /// relationship there was projected already is skipped before its items are evaluated
    /// (`Pass::DistinctEntities`, `plan/distinct.rs`).
    pub distinct_entity: Option<usize>,
    /// The width of the rows of this projection's part (every slot of the statement part),
    /// which a grouping's output rows are made at once when all of them go on.
    pub part_width: usize,
    /// Per ORDER BY key: the output slot of the item it is (`ORDER BY` an item's name or
    /// expression), read from the projected row rather than held twice as a sort key.
    pub order_slots: Vec<Option<usize>>,
}

impl ProjectOp {
    /// The output slots the ORDER BY keys read, where a key is an item of this projection.
    pub(crate) fn item_order_slots(&self) -> Vec<Option<usize>> {
        self.order
            .iter()
            .map(|(e, _)| match e.kind {
                PKind::Slot(s) if self.items.iter().any(|(_, o)| *o == s) => Some(s),
                _ => None,
            })
            .collect()
    }

    /// The `i`th sort key of a projected row: from the row where the key is an item
    /// ([`ProjectOp::order_slots`]), else from the keys evaluated for it.
    pub(crate) fn sort_key<'a>(&self, i: usize, row: &'a [Val], keys: &'a [Val]) -> &'a Val {
        match self.order_slots.get(i).copied().flatten() {
            Some(s) => row.get(s).unwrap_or(&Val::Null),
            None => keys.get(i).unwrap_or(&Val::Null),
        }
    }

    /// `e` (an ORDER BY key) as `var.key` on a variable this projection does not
    /// overwrite, directly or through the item whose output slot `e` reads: the
    /// variable's slot and the key.
    pub(crate) fn column_key<'e>(&'e self, e: &'e PExpr) -> Option<(usize, &'e str)> {
        match &e.kind {
            PKind::Prop(obj, key) => match obj.kind {
                PKind::Slot(s) if !self.items.iter().any(|(_, o)| *o == s) => {
                    Some((s, key.as_str()))
                }
                _ => None,
            },
            PKind::Slot(o) => {
                let (item, _) = self.items.iter().find(|(_, s)| s == o)?;
                match &item.kind {
                    PKind::Prop(..) => self.column_key(item),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AggFunc {
    Count,
    CountStar,
    Sum,
    Avg,
    Min,
    Max,
    Collect,
    StDev,
    StDevP,
    PercentileCont,
    PercentileDisc,
}

#[derive(Debug, Clone)]
pub(crate) struct AggSpec {
    pub func: AggFunc,
    pub distinct: bool,
    pub arg: Option<PExpr>,
    /// Second argument (percentile).
    pub arg2: Option<PExpr>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub(crate) struct MergeOp {
    pub pattern: PPattern,
    pub on_create: Vec<PSet>,
    pub on_match: Vec<PSet>,
}

#[derive(Debug, Clone)]
pub(crate) enum PSet {
    Property {
        target: PExpr,
        key: String,
        value: PExpr,
    },
    Replace {
        target: PExpr,
        value: PExpr,
        merge: bool,
    },
    Labels {
        target: PExpr,
        labels: Vec<String>,
    },
}

#[derive(Debug, Clone)]
pub(crate) enum PRemove {
    Property { target: PExpr, key: String },
    Labels { target: PExpr, labels: Vec<String> },
}

/// A resolved expression.
#[derive(Debug, Clone)]
pub(crate) struct PExpr {
    pub kind: PKind,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub(crate) enum PKind {
    Lit(Val),
    /// `x =~ 'literal pattern'`, the pattern compiled once when the statement is prepared.
    RegexMatch(Box<PExpr>, regex::Regex),
    Param(String),
    Slot(usize),
    List(Vec<PExpr>),
    Map(Vec<(String, PExpr)>),
    Prop(Box<PExpr>, String),
    HasLabels(Box<PExpr>, Vec<String>),
    Bin(BinOp, Box<PExpr>, Box<PExpr>),
    Not(Box<PExpr>),
    Neg(Box<PExpr>),
    IsNull(Box<PExpr>, bool),
    Index(Box<PExpr>, Box<PExpr>),
    Slice(Box<PExpr>, Option<Box<PExpr>>, Option<Box<PExpr>>),
    Call(crate::functions::Func, Vec<PExpr>),
    Agg(usize),
    Case(Option<Box<PExpr>>, Vec<(PExpr, PExpr)>, Option<Box<PExpr>>),
    ListComp {
        slot: usize,
        list: Box<PExpr>,
        filter: Option<Box<PExpr>>,
        map: Option<Box<PExpr>>,
    },
    Quant {
        q: Quantifier,
        slot: usize,
        list: Box<PExpr>,
        filter: Option<Box<PExpr>>,
    },
    Reduce {
        acc: usize,
        init: Box<PExpr>,
        slot: usize,
        list: Box<PExpr>,
        expr: Box<PExpr>,
    },
    /// Pattern predicate / EXISTS: true when at least one match exists.
    Exists(Vec<PPattern>, Option<Box<PExpr>>),
    /// Pattern comprehension: collect `map` over matches.
    PatternComp(Box<PPattern>, Option<Box<PExpr>>, Box<PExpr>),
    /// `EXISTS { query }`: whether the query, run from the current row's first `usize`
    /// slots (the variables in scope where it was planned), gives a row.
    ExistsQuery(Box<Part>, usize),
    /// A procedure's rows as a list of maps keyed by its outputs (`CALL`, `plan/call.rs`).
    Procedure(std::sync::Arc<crate::procedures::Procedure>, Vec<PExpr>),
}

impl ProjectOp {
    /// Whether a grouping by `keys` (of `items`) with `aggs` reads a property, groups by
    /// variables, or reads nothing at all (`count(*)`: no row need be built): the shapes
    /// `Pass::ColumnGrouping` takes.
    pub(crate) fn column_shape(items: &[(PExpr, usize)], keys: &[usize], aggs: &[AggSpec]) -> bool {
        let keyed = keys.iter().map(|k| &items[*k].0);
        let read: Vec<&PExpr> = keyed
            .clone()
            .chain(aggs.iter().filter_map(|a| a.arg.as_ref()))
            .collect();
        let by_variables =
            !keys.is_empty() && keyed.clone().all(|e| matches!(e.kind, PKind::Slot(_)));
        read.is_empty()
            || by_variables
            || read.iter().any(
                |e| matches!(&e.kind, PKind::Prop(obj, _) if matches!(obj.kind, PKind::Slot(_))),
            )
    }

    /// Whether every aggregate counts rows: `count(*)`, or `count(v)` of a variable in
    /// `slots` (bound by every match, so never null).
    pub(crate) fn counts_rows(&self, slots: &[usize]) -> bool {
        self.aggs.iter().all(|a| {
            !a.distinct
                && (a.func == AggFunc::CountStar
                    || (a.func == AggFunc::Count
                        && matches!(a.arg.as_ref().map(|e| &e.kind),
                            Some(PKind::Slot(s)) if slots.contains(s))))
        })
    }
}

impl PExpr {
    pub fn new(kind: PKind, span: Span) -> Self {
        PExpr { kind, span }
    }

    /// Slots read by this expression (for predicate push-down).
    pub fn slots(&self, out: &mut Vec<usize>) {
        match &self.kind {
            PKind::Slot(s) => out.push(*s),
            PKind::Exists(..) | PKind::PatternComp(..) | PKind::ExistsQuery(..) => {
                // Conservatively depends on everything: checked after the whole match.
                out.push(usize::MAX);
            }
            _ => self.children(&mut |e| e.slots(out)),
        }
    }

    /// How many times aggregate `i` is read by this expression.
    pub fn agg_uses(&self, i: usize) -> usize {
        let mut n = usize::from(matches!(self.kind, PKind::Agg(j) if j == i));
        self.children(&mut |e| n += e.agg_uses(i));
        n
    }

    /// Calls `visit` on each direct subexpression of this one (a nested pattern's own
    /// expressions are not among them).
    pub fn children(&self, visit: &mut dyn FnMut(&PExpr)) {
        match &self.kind {
            PKind::Slot(_) | PKind::Lit(_) | PKind::Param(_) | PKind::Agg(_) => {}
            PKind::List(l) | PKind::Call(_, l) | PKind::Procedure(_, l) => l.iter().for_each(visit),
            PKind::Map(m) => m.iter().for_each(|(_, e)| visit(e)),
            PKind::Prop(e, _)
            | PKind::HasLabels(e, _)
            | PKind::Not(e)
            | PKind::Neg(e)
            | PKind::IsNull(e, _)
            | PKind::RegexMatch(e, _) => visit(e),
            PKind::Bin(_, a, b) | PKind::Index(a, b) => {
                visit(a);
                visit(b);
            }
            PKind::Slice(a, b, c) => {
                visit(a);
                b.iter().chain(c.iter()).for_each(|e| visit(e));
            }
            PKind::Case(a, w, e) => {
                a.iter().for_each(|x| visit(x));
                w.iter().for_each(|(p, q)| {
                    visit(p);
                    visit(q);
                });
                e.iter().for_each(|x| visit(x));
            }
            PKind::ListComp {
                list, filter, map, ..
            } => {
                visit(list);
                filter.iter().chain(map.iter()).for_each(|e| visit(e));
            }
            PKind::Quant { list, filter, .. } => {
                visit(list);
                filter.iter().for_each(|e| visit(e));
            }
            PKind::Reduce {
                init, list, expr, ..
            } => {
                visit(init);
                visit(list);
                visit(expr);
            }
            PKind::Exists(..) | PKind::PatternComp(..) | PKind::ExistsQuery(..) => {}
        }
    }
}
