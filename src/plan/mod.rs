//! AST to executable plan: variables resolved to slots, clause order checked, patterns
//! started from their most selective node and WHERE conjuncts pushed down.

mod as_of;
mod call;
mod checks;
mod cluster;
mod cost;
mod count_rows;
mod distinct;
mod error;
mod explain;
mod expr;
mod factor;
mod join;
pub(crate) mod passes;
mod pattern;
mod projection;
mod types;

pub use error::{PlanError, PlanErrorKind};
pub(crate) use explain::describe;
pub use explain::explain;
pub use passes::{Pass, PlanOptions};
pub use pattern::DEFAULT_MAX_HOPS;
pub use types::Plan;
pub(crate) use types::*;

use crate::store::Graph;
use crate::syntax::ast::{self, BinOp, Clause};
use crate::val::Val;
use pattern::Mode;
use std::collections::{HashMap, HashSet};

/// What a variable holds, as far as the planner knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Kind {
    Node,
    Rel,
    RelList,
    /// A list that may hold entities (`[n]`): never a node or a single relationship.
    List,
    Path,
    /// A value known not to be an entity (a literal, arithmetic, ...).
    Value,
    Any,
}

pub(crate) struct Planner<'g> {
    pub graph: &'g Graph,
    /// Which optimisation passes may run.
    pub opts: &'g PlanOptions,
    /// The passes that changed the plan.
    pub fired: std::cell::RefCell<Vec<Pass>>,
    pub scope: HashMap<String, (usize, Kind)>,
    pub width: usize,
    pub aggs: Option<Vec<AggSpec>>,
    pub in_aggregate: bool,
    pub depth: usize,
    /// The stack position when planning started (see [`crate::stack::BUDGET`]).
    pub stack_base: usize,
    pub writes: bool,
    /// Sub-expressions (by canonical text) already computed into a slot (ORDER BY after
    /// an aggregation).
    pub subst: Vec<(String, usize)>,
    /// The statement's `AS OF` year: every matched node and relationship must be valid then.
    pub as_of: Option<PExpr>,
}

impl<'g> Planner<'g> {
    /// A planner for one single query (one side of a UNION) with an empty scope.
    fn new(graph: &'g Graph, opts: &'g PlanOptions, as_of: Option<PExpr>) -> Self {
        Planner {
            graph,
            opts,
            fired: Default::default(),
            scope: HashMap::new(),
            width: 0,
            aggs: None,
            in_aggregate: false,
            depth: 0,
            stack_base: crate::stack::position(),
            writes: false,
            subst: Vec::new(),
            as_of,
        }
    }
}

/// Plans a parsed statement against a graph (the graph's counts guide the start nodes).
///
/// ```
/// let g = evroad::Graph::nissan();
/// let stmt = evroad::syntax::parse("MATCH (m:Model) RETURN count(*) AS n").unwrap();
/// let plan = evroad::plan::plan(&stmt, &g).unwrap();
/// assert_eq!(plan.columns, vec!["n"]);
/// ```
///
/// # Errors
/// A [`PlanError`] for unknown variables, misplaced aggregates, bad clause order and the like.
pub fn plan(statement: &ast::Statement, graph: &Graph) -> Result<Plan, PlanError> {
    plan_with(statement, graph, &PlanOptions::default())
}

/// [`plan`] with only the passes `opts` allows.
///
/// # Errors
/// See [`plan`].
pub fn plan_with(
    statement: &ast::Statement,
    graph: &Graph,
    opts: &PlanOptions,
) -> Result<Plan, PlanError> {
    let q = &statement.query;
    let as_of = as_of::year(statement, graph)?;
    let mut fired: Vec<Pass> = Vec::new();
    let mut parts = Vec::new();
    let mut columns: Option<Vec<String>> = None;
    let mut all = None;
    let singles =
        std::iter::once((None, &q.first)).chain(q.unions.iter().map(|(a, s)| (Some(*a), s)));
    let mut writes = false;
    for (union_all, single) in singles {
        if let Some(a) = union_all {
            if *all.get_or_insert(a) != a {
                return Err(PlanError::new(
                    single.span,
                    PlanErrorKind::InvalidClauseComposition(
                        "cannot mix UNION and UNION ALL".into(),
                    ),
                ));
            }
        }
        let mut p = Planner::new(graph, opts, as_of.clone());
        let (part, cols) = p.single(single)?;
        writes |= p.writes;
        fired.extend(p.fired.take());
        match &columns {
            Some(c) if *c != cols => {
                return Err(PlanError::new(
                    single.span,
                    PlanErrorKind::DifferentColumnsInUnion,
                ))
            }
            _ => columns = Some(cols),
        }
        parts.push(part);
    }
    fired.sort_unstable();
    fired.dedup();
    Ok(Plan {
        parts,
        union_all: all.unwrap_or(false),
        columns: columns.unwrap_or_default(),
        writes,
        fired,
    })
}

impl Planner<'_> {
    /// Whether `pass` may run.
    pub(crate) fn may(&self, pass: Pass) -> bool {
        self.opts.enabled(pass)
    }

    /// Records that `pass` changed the plan.
    pub(crate) fn fire(&self, pass: Pass) {
        self.fired.borrow_mut().push(pass);
    }

    pub(crate) fn alloc(&mut self) -> usize {
        self.width += 1;
        self.width - 1
    }

    fn single(&mut self, q: &ast::SingleQuery) -> Result<(Part, Vec<String>), PlanError> {
        let mut ops = Vec::new();
        let mut columns = Vec::new();
        let mut output = Vec::new();
        let n = q.clauses.len();
        for (i, clause) in q.clauses.iter().enumerate() {
            let last = i + 1 == n;
            match clause {
                Clause::Match {
                    optional,
                    patterns,
                    where_,
                    ..
                } => {
                    ops.push(self.match_clause(*optional, patterns, where_)?);
                }
                Clause::Call {
                    name,
                    args,
                    yields,
                    yield_star,
                    where_,
                    ..
                } => {
                    let standalone = n == 1;
                    let call = self.call_clause(
                        name,
                        args.as_deref(),
                        yields.as_deref(),
                        *yield_star,
                        where_.as_ref(),
                        standalone,
                    )?;
                    ops.extend(call.ops);
                    if standalone {
                        (columns, output) = call.bound.into_iter().unzip();
                    }
                }
                Clause::Unwind { expr, alias, .. } => {
                    let expr = self.expr(expr)?;
                    if self.scope.contains_key(&alias.name) {
                        return Err(PlanError::new(
                            alias.span,
                            PlanErrorKind::VariableAlreadyBound(alias.name.clone()),
                        ));
                    }
                    let slot = self.alloc();
                    self.scope.insert(alias.name.clone(), (slot, Kind::Any));
                    let columns = self.may(Pass::ColumnBatches);
                    if columns {
                        self.fire(Pass::ColumnBatches);
                    }
                    ops.push(Op::Unwind {
                        expr,
                        slot,
                        columns,
                    });
                }
                Clause::With {
                    projection,
                    where_,
                    span,
                } => {
                    if last {
                        return Err(PlanError::new(
                            *span,
                            PlanErrorKind::InvalidClauseComposition(
                                "a query cannot end with WITH".into(),
                            ),
                        ));
                    }
                    let (op, _, _) = self.projection(projection, where_.as_ref(), false)?;
                    ops.push(Op::Project(Box::new(op)));
                }
                Clause::Return { projection, span } => {
                    if !last {
                        return Err(PlanError::new(
                            *span,
                            PlanErrorKind::InvalidClauseComposition(
                                "RETURN must be the last clause".into(),
                            ),
                        ));
                    }
                    let (op, cols, slots) = self.projection(projection, None, true)?;
                    columns = cols;
                    output = slots;
                    ops.push(Op::Project(Box::new(op)));
                }
                Clause::Create { patterns, .. } => {
                    self.writes = true;
                    ops.push(Op::Create(self.patterns(patterns, Mode::Create)?));
                }
                Clause::Merge {
                    pattern,
                    on_create,
                    on_match,
                    ..
                } => {
                    self.writes = true;
                    ops.push(self.merge(pattern, on_create, on_match)?);
                }
                Clause::Set { items, .. } => {
                    self.writes = true;
                    let items = items
                        .iter()
                        .map(|i| self.set_item(i))
                        .collect::<Result<_, _>>()?;
                    ops.push(Op::Set(items));
                }
                Clause::Remove { items, .. } => {
                    self.writes = true;
                    let items = items
                        .iter()
                        .map(|i| self.remove_item(i))
                        .collect::<Result<_, _>>()?;
                    ops.push(Op::Remove(items));
                }
                Clause::Delete { detach, exprs, .. } => {
                    self.writes = true;
                    let mut planned = Vec::new();
                    for e in exprs {
                        let p = self.expr(e)?;
                        if matches!(
                            p.kind,
                            PKind::Lit(_)
                                | PKind::Bin(..)
                                | PKind::RegexMatch(..)
                                | PKind::Map(_)
                                | PKind::HasLabels(..)
                        ) && !matches!(p.kind, PKind::Lit(Val::Null | Val::List(_)))
                        {
                            return Err(PlanError::new(e.span, PlanErrorKind::InvalidDelete));
                        }
                        planned.push(p);
                    }
                    ops.push(Op::Delete {
                        detach: *detach,
                        exprs: planned,
                    });
                }
            }
        }
        let ends_ok = matches!(q.clauses.last(), Some(Clause::Return { .. }))
            || matches!(q.clauses[..], [Clause::Call { .. }])
            || matches!(
                q.clauses.last(),
                Some(
                    Clause::Create { .. }
                        | Clause::Merge { .. }
                        | Clause::Set { .. }
                        | Clause::Remove { .. }
                        | Clause::Delete { .. }
                )
            );
        if !ends_ok {
            return Err(PlanError::new(
                q.span,
                PlanErrorKind::InvalidClauseComposition(
                    "a query must end with RETURN or an updating clause".into(),
                ),
            ));
        }
        count_rows::rewrite(self, &mut ops);
        factor::factorise(self, &mut ops);
        factor::split_segments(self, &mut ops);
        join::hash_joins(self, &mut ops);
        cluster::clustered_groupings(self, &mut ops);
        distinct::distinct_entities(self, &mut ops);
        for op in &mut ops {
            if let Op::Project(p) = op {
                p.part_width = self.width;
            }
        }
        self.column_batches(&mut ops);
        Ok((
            Part {
                ops,
                width: self.width,
                output,
            },
            columns,
        ))
    }

    /// A MATCH followed by a plain projection (no aggregation, sort, DISTINCT, SKIP or LIMIT)
    /// hands it column batches instead of rows (`Pass::ColumnBatches`).
    fn column_batches(&self, ops: &mut [Op]) {
        if !self.may(Pass::ColumnBatches) {
            return;
        }
        for i in 1..ops.len() {
            let plain = matches!(&ops[i], Op::Project(p) if !p.aggregating
                && p.order.is_empty()
                && !p.distinct
                && p.skip.is_none()
                && p.limit.is_none());
            if let (true, Op::Match(m)) = (plain, &mut ops[i - 1]) {
                m.columns = true;
                self.fire(Pass::ColumnBatches);
            }
        }
    }

    fn match_clause(
        &mut self,
        optional: bool,
        patterns: &[ast::PatternPart],
        where_: &Option<ast::Expr>,
    ) -> Result<Op, PlanError> {
        let before: HashSet<usize> = self.scope.values().map(|(s, _)| *s).collect();
        let mut pats = self.patterns(patterns, Mode::Match)?;
        let mut filters = Vec::new();
        as_of::lift_shortest_path_filters(&mut pats, &mut filters);
        if let Some(w) = where_ {
            if let ast::ExprKind::Variable(v) = &w.kind {
                if matches!(
                    self.scope.get(v),
                    Some((_, Kind::Node | Kind::Rel | Kind::Path))
                ) {
                    return Err(PlanError::new(
                        w.span,
                        PlanErrorKind::InvalidArgumentType(format!(
                            "WHERE needs a boolean, `{v}` is an entity"
                        )),
                    ));
                }
            }
            split_and(self.expr(w)?, &mut filters);
        }
        let mut binds: Vec<usize> = Vec::new();
        for p in &pats {
            binds.extend(
                p.nodes
                    .iter()
                    .map(|n| n.slot)
                    .chain(p.rels.iter().map(|r| r.slot))
                    .chain(p.path_slot),
            );
        }
        binds.retain(|s| !before.contains(s));
        binds.sort_unstable();
        binds.dedup();
        share_labels(&mut pats);
        pattern::order_patterns(self, &mut pats, &before, &mut filters);
        let mut notes: Vec<String> = pats.iter().map(describe).collect();
        let kernels = self.may(Pass::ColumnKernels) && {
            let on: Vec<String> = pats
                .iter()
                .flat_map(|p| {
                    let nodes = p.nodes.iter().map(|n| (n.slot, &n.filters));
                    nodes.chain(p.rels.iter().map(|r| (r.slot, &r.filters)))
                })
                .filter_map(|(slot, fs)| {
                    let k = fs.iter().filter(|f| passes::column_filter(f, slot)).count();
                    (k > 0).then(|| format!("{k} of {} on slot {slot}", fs.len()))
                })
                .collect();
            if !on.is_empty() {
                notes.push(format!("column kernels: {}", on.join(", ")));
            }
            !on.is_empty()
        };
        if kernels {
            self.fire(Pass::ColumnKernels);
        }
        // Only a start node's kernels run ahead of the matching.
        let parallel = kernels
            && self.may(Pass::ParallelScan)
            && pats.iter().any(|p| {
                p.nodes[p.start]
                    .filters
                    .iter()
                    .any(|f| passes::column_filter(f, p.nodes[p.start].slot))
            });
        if parallel {
            self.fire(Pass::ParallelScan);
            notes.push(format!(
                "start kernels run ahead on every core from {} candidates",
                passes::PARALLEL_MIN
            ));
        }
        Ok(Op::Match(MatchOp {
            optional,
            patterns: pats,
            filter: filters,
            binds,
            notes,
            count_tail: 0,
            count_pushdown: None,
            kernels,
            parallel,
            split: false,
            split_segment: false,
            columns: false,
        }))
    }

    fn merge(
        &mut self,
        pattern: &ast::PatternPart,
        on_create: &[ast::SetItem],
        on_match: &[ast::SetItem],
    ) -> Result<Op, PlanError> {
        let before: HashSet<usize> = self.scope.values().map(|(s, _)| *s).collect();
        let mut pats = self.patterns(std::slice::from_ref(pattern), Mode::Merge)?;
        pattern::order_patterns(self, &mut pats, &before, &mut Vec::new());
        let on_create = on_create
            .iter()
            .map(|i| self.set_item(i))
            .collect::<Result<_, _>>()?;
        let on_match = on_match
            .iter()
            .map(|i| self.set_item(i))
            .collect::<Result<_, _>>()?;
        Ok(Op::Merge(Box::new(MergeOp {
            pattern: pats.remove(0),
            on_create,
            on_match,
        })))
    }

    fn set_item(&mut self, item: &ast::SetItem) -> Result<PSet, PlanError> {
        Ok(match item {
            ast::SetItem::Property { target, value } => {
                let ast::ExprKind::Property(obj, key) = &target.kind else {
                    return Err(PlanError::new(
                        target.span,
                        PlanErrorKind::Unsupported("SET target must be a property".into()),
                    ));
                };
                PSet::Property {
                    target: self.expr(obj)?,
                    key: key.name.clone(),
                    value: self.expr(value)?,
                }
            }
            ast::SetItem::Variable { var, value, merge } => {
                let slot = self.lookup(&var.name, var.span)?.0;
                PSet::Replace {
                    target: PExpr::new(PKind::Slot(slot), var.span),
                    value: self.expr(value)?,
                    merge: *merge,
                }
            }
            ast::SetItem::Labels { var, labels } => {
                let slot = self.lookup(&var.name, var.span)?.0;
                PSet::Labels {
                    target: PExpr::new(PKind::Slot(slot), var.span),
                    labels: labels.iter().map(|l| l.name.clone()).collect(),
                }
            }
        })
    }

    fn remove_item(&mut self, item: &ast::RemoveItem) -> Result<PRemove, PlanError> {
        Ok(match item {
            ast::RemoveItem::Property(e) => {
                let ast::ExprKind::Property(obj, key) = &e.kind else {
                    return Err(PlanError::new(
                        e.span,
                        PlanErrorKind::Unsupported("REMOVE target must be a property".into()),
                    ));
                };
                PRemove::Property {
                    target: self.expr(obj)?,
                    key: key.name.clone(),
                }
            }
            ast::RemoveItem::Labels { var, labels } => {
                let slot = self.lookup(&var.name, var.span)?.0;
                PRemove::Labels {
                    target: PExpr::new(PKind::Slot(slot), var.span),
                    labels: labels.iter().map(|l| l.name.clone()).collect(),
                }
            }
        })
    }
}

/// Splits `a AND b AND c` into conjuncts.
pub(crate) fn split_and(e: PExpr, out: &mut Vec<PExpr>) {
    match e.kind {
        PKind::Bin(BinOp::And, a, b) => {
            split_and(*a, out);
            split_and(*b, out);
        }
        kind => out.push(PExpr { kind, span: e.span }),
    }
}

/// The closest candidate by edit distance (at most a third of the length), for did-you-mean.
pub(crate) fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    let lower = name.to_lowercase();
    candidates
        .map(|c| (crate::text::edit_distance(&lower, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1) && *d > 0 || (*d == 0 && *c != name))
        .min()
        .map(|(_, c)| c.to_string())
}

/// A variable written in several patterns of one MATCH is one node: the labels written at
/// any occurrence hold at every occurrence, so the planner may start from whichever has
/// the best scan (`(a:Partner)-->(t), (a)-->(p)` can start the second pattern from the
/// `:Partner` label) and checks them wherever the node is reached first.
fn share_labels(pats: &mut [PPattern]) {
    let mut labels: HashMap<usize, Vec<String>> = HashMap::new();
    for n in pats.iter().flat_map(|p| &p.nodes) {
        let all = labels.entry(n.slot).or_default();
        for l in &n.labels {
            if !all.contains(l) {
                all.push(l.clone());
            }
        }
    }
    for n in pats.iter_mut().flat_map(|p| &mut p.nodes) {
        if let Some(all) = labels.get(&n.slot) {
            if all.len() > n.labels.len() {
                n.labels.clone_from(all);
            }
        }
    }
}
