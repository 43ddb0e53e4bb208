//! Pattern planning: slots for pattern variables, the start node, and WHERE push-down.

use super::types::{PExpr, PKind, PNode, PPattern, PRel};
use super::{Kind, Pass, PlanError, PlanErrorKind, Planner};
use crate::store::Dir;
use crate::syntax::ast::{self, BinOp, Direction, PathKind};
use crate::val::Val;
use std::collections::HashSet;

/// Default upper bound of `*` and `*n..` (documented in the README).
pub const DEFAULT_MAX_HOPS: u64 = 64;

/// What the pattern is for: matching, creating, or MERGE (match then create).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Match,
    Create,
    Merge,
}

impl Planner<'_> {
    fn node_slot(
        &mut self,
        var: &Option<ast::Ident>,
        mode: Mode,
        has_detail: bool,
    ) -> Result<(usize, bool), PlanError> {
        let Some(v) = var else {
            return Ok((self.alloc(), false));
        };
        if let Some(&(slot, kind)) = self.scope.get(&v.name) {
            if !matches!(kind, Kind::Node | Kind::Any) {
                return Err(PlanError::new(
                    v.span,
                    PlanErrorKind::VariableTypeConflict(v.name.clone()),
                ));
            }
            if mode != Mode::Match && has_detail {
                return Err(PlanError::new(
                    v.span,
                    PlanErrorKind::VariableAlreadyBound(v.name.clone()),
                ));
            }
            return Ok((slot, true));
        }
        let slot = self.alloc();
        self.scope.insert(v.name.clone(), (slot, Kind::Node));
        Ok((slot, false))
    }

    fn rel_slot(
        &mut self,
        var: &Option<ast::Ident>,
        mode: Mode,
        var_len: bool,
        seen: &mut HashSet<usize>,
    ) -> Result<(usize, bool), PlanError> {
        let Some(v) = var else {
            return Ok((self.alloc(), false));
        };
        if let Some(&(slot, kind)) = self.scope.get(&v.name) {
            if mode != Mode::Match {
                return Err(PlanError::new(
                    v.span,
                    PlanErrorKind::VariableAlreadyBound(v.name.clone()),
                ));
            }
            let ok = matches!(kind, Kind::Any)
                || (kind == Kind::Rel && !var_len)
                || (matches!(kind, Kind::RelList | Kind::List) && var_len);
            if !ok {
                return Err(PlanError::new(
                    v.span,
                    PlanErrorKind::VariableTypeConflict(v.name.clone()),
                ));
            }
            if !seen.insert(slot) {
                return Err(PlanError::new(
                    v.span,
                    PlanErrorKind::RelationshipUniquenessViolation(v.name.clone()),
                ));
            }
            return Ok((slot, true));
        }
        let slot = self.alloc();
        seen.insert(slot);
        let kind = if var_len { Kind::RelList } else { Kind::Rel };
        self.scope.insert(v.name.clone(), (slot, kind));
        Ok((slot, false))
    }

    fn props(&mut self, p: &Option<ast::Expr>) -> Result<Option<PExpr>, PlanError> {
        p.as_ref().map(|e| self.expr(e)).transpose()
    }

    /// Plans pattern parts; returns them with `bound` meaning "bound before this clause".
    pub(crate) fn patterns(
        &mut self,
        parts: &[ast::PatternPart],
        mode: Mode,
    ) -> Result<Vec<PPattern>, PlanError> {
        let mut out = Vec::new();
        let mut seen_rels = HashSet::new();
        for part in parts {
            let el = &part.element;
            if mode != Mode::Create {
                let props = std::iter::once(&el.start.properties).chain(
                    el.chain
                        .iter()
                        .flat_map(|(r, n)| [&r.properties, &n.properties]),
                );
                if let Some(p) = props
                    .flatten()
                    .find(|p| matches!(p.kind, ast::ExprKind::Parameter(_)))
                {
                    return Err(PlanError::new(
                        p.span,
                        PlanErrorKind::InvalidParameterUse("a parameter cannot be a property map in MATCH or MERGE; use {key: $param}".into()),
                    ));
                }
            }
            let detail = |n: &ast::NodePattern| !n.labels.is_empty() || n.properties.is_some();
            // CREATE (a) / MERGE (a) of a node already bound creates or matches nothing new.
            let lone = el.chain.is_empty();
            let (slot, bound) = self.node_slot(&el.start.var, mode, detail(&el.start) || lone)?;
            let mut nodes = vec![self.pnode(slot, bound, &el.start, mode)?];
            let mut rels = Vec::new();
            for (r, n) in &el.chain {
                let var_len = r.length.is_some();
                if mode != Mode::Match {
                    if var_len {
                        return Err(PlanError::new(
                            r.span,
                            PlanErrorKind::InvalidRelationshipPattern(
                                "variable length relationships cannot be created".into(),
                            ),
                        ));
                    }
                    if r.types.len() != 1 {
                        return Err(PlanError::new(
                            r.span,
                            PlanErrorKind::NoSingleRelationshipType,
                        ));
                    }
                    if r.direction == Direction::Both && mode == Mode::Create {
                        return Err(PlanError::new(
                            r.span,
                            PlanErrorKind::RequiresDirectedRelationship,
                        ));
                    }
                }
                let (rslot, rbound) = self.rel_slot(&r.var, mode, var_len, &mut seen_rels)?;
                let var_len = match r.length {
                    None => None,
                    Some((lo, hi)) => {
                        let lo = lo.unwrap_or(1);
                        let hi = hi.unwrap_or(DEFAULT_MAX_HOPS.max(lo));
                        Some((lo, hi))
                    }
                };
                let mut rfilters = Vec::new();
                if mode == Mode::Match {
                    rfilters.extend(self.valid_at(rslot, r.span));
                }
                rels.push(PRel {
                    slot: rslot,
                    types: r.types.iter().map(|t| t.name.clone()).collect(),
                    dir: match r.direction {
                        Direction::Outgoing => Dir::Out,
                        Direction::Incoming => Dir::In,
                        Direction::Both => Dir::Both,
                    },
                    props: self.props(&r.properties)?,
                    var_len,
                    bound: rbound,
                    filters: rfilters,
                });
                let (slot, bound) = self.node_slot(&n.var, mode, detail(n))?;
                nodes.push(self.pnode(slot, bound, n, mode)?);
            }
            let path_slot = match &part.var {
                Some(v) if self.scope.contains_key(&v.name) => {
                    return Err(PlanError::new(
                        v.span,
                        PlanErrorKind::VariableAlreadyBound(v.name.clone()),
                    ));
                }
                Some(v) => {
                    let s = self.alloc();
                    self.scope.insert(v.name.clone(), (s, Kind::Path));
                    Some(s)
                }
                None => None,
            };
            if part.kind != PathKind::Plain && (rels.len() != 1 || nodes.len() != 2) {
                return Err(PlanError::new(
                    part.span,
                    PlanErrorKind::InvalidRelationshipPattern(
                        "shortestPath needs exactly one relationship".into(),
                    ),
                ));
            }
            out.push(PPattern {
                path_slot,
                kind: part.kind,
                nodes,
                rels,
                start: 0,
                left_first: false,
                join: None,
                probes: Vec::new(),
            });
        }
        Ok(out)
    }

    fn pnode(
        &mut self,
        slot: usize,
        bound: bool,
        n: &ast::NodePattern,
        mode: Mode,
    ) -> Result<PNode, PlanError> {
        let props = self.props(&n.properties)?;
        let index = match &props {
            Some(PExpr {
                kind: PKind::Map(entries),
                ..
            }) => entries
                .iter()
                .find(|(k, v)| self.graph.is_indexed(k) && is_constant(v))
                .map(|(k, v)| (k.clone(), v.clone())),
            // A map of literals is folded into one constant when planned.
            Some(PExpr {
                kind: PKind::Lit(Val::Map(entries)),
                span,
            }) => entries
                .iter()
                .find(|(k, _)| self.graph.is_indexed(k))
                .map(|(k, v)| {
                    let lit = PExpr {
                        kind: PKind::Lit(v.clone()),
                        span: *span,
                    };
                    (k.clone(), lit)
                }),
            _ => None,
        };
        Ok(PNode {
            slot,
            labels: n.labels.iter().map(|l| l.name.clone()).collect(),
            props,
            index,
            bound,
            filters: if mode == Mode::Match {
                self.valid_at(slot, n.span).into_iter().collect()
            } else {
                Vec::new()
            },
        })
    }

    /// Patterns used as predicates (`exists`, pattern comprehension): planned as a match
    /// in a throw-away scope, starting from their bound nodes.
    pub(crate) fn predicate_patterns(
        &mut self,
        parts: &[ast::PatternPart],
        allow_new: bool,
    ) -> Result<Vec<PPattern>, PlanError> {
        if !allow_new {
            for part in parts {
                let el = &part.element;
                let nodes =
                    std::iter::once(&el.start.var).chain(el.chain.iter().map(|(_, n)| &n.var));
                let rels = el.chain.iter().map(|(r, _)| &r.var);
                for v in nodes.chain(rels).flatten() {
                    self.lookup(&v.name, v.span)?;
                }
            }
        }
        let before: HashSet<usize> = self.scope.values().map(|(s, _)| *s).collect();
        let mut pats = self.patterns(parts, Mode::Match)?;
        order_patterns(self, &mut pats, &before, &mut Vec::new());
        Ok(pats)
    }
}

/// Whether an expression reads no slot (a literal or a parameter).
pub(crate) fn is_constant(e: &PExpr) -> bool {
    let mut s = Vec::new();
    e.slots(&mut s);
    s.is_empty()
}

/// `n.key = constant` conjuncts usable as an index lookup for node slot `n`.
pub(crate) fn index_hint(e: &PExpr) -> Option<(usize, String, PExpr)> {
    let PKind::Bin(BinOp::Eq, a, b) = &e.kind else {
        return None;
    };
    for (x, y) in [(a, b), (b, a)] {
        if let PKind::Prop(t, key) = &x.kind {
            if let PKind::Slot(s) = t.kind {
                if is_constant(y) {
                    return Some((s, key.clone(), (**y).clone()));
                }
            }
        }
    }
    None
}

pub(crate) fn estimate(p: &Planner<'_>, n: &PNode, bound: &HashSet<usize>) -> f64 {
    if bound.contains(&n.slot) {
        return 0.5;
    }
    if n.index.is_some() {
        return 1.0;
    }
    let label_min = n.labels.iter().map(|l| p.graph.label_count(l)).min();
    match label_min {
        Some(c) => 2.0 + c as f64,
        None => 3.0 + p.graph.node_count() as f64,
    }
}

/// Orders pattern parts and picks each one's start node, cheapest first; marks `bound`
/// in execution order; then attaches each WHERE conjunct to the earliest element after
/// which everything it reads is bound. Conjuncts that fit nowhere stay in `filters`.
pub(crate) fn order_patterns(
    p: &Planner<'_>,
    pats: &mut Vec<PPattern>,
    before: &HashSet<usize>,
    filters: &mut Vec<PExpr>,
) {
    let mut bound = before.clone();
    let mut pending: Vec<PPattern> = std::mem::take(pats);
    // Index hints from WHERE conjuncts.
    for f in filters.iter().filter(|_| p.may(Pass::IndexLookup)) {
        if let Some((slot, key, val)) = index_hint(f) {
            if p.graph.is_indexed(&key) {
                p.fire(Pass::IndexLookup);
                for pat in pending.iter_mut() {
                    for n in pat
                        .nodes
                        .iter_mut()
                        .filter(|n| n.slot == slot && n.index.is_none())
                    {
                        n.index = Some((key.clone(), val.clone()));
                    }
                }
            }
        }
    }
    // A MATCH of one pattern may walk either side of a middle start first, and its
    // estimates read the data; with several, the hash join (`join.rs`) builds on the
    // first pattern's start and walk order as the fixed guesses choose them.
    let either_side = pending.len() == 1;
    while !pending.is_empty() {
        let mut best = (0, 0, false, f64::INFINITY);
        if p.may(Pass::StartOrder) {
            for (i, pat) in pending.iter().enumerate() {
                for j in 0..pat.nodes.len() {
                    // From a node inside a chain, either side may be walked first.
                    let sides: &[bool] = match either_side
                        && pat.kind == PathKind::Plain
                        && j > 0
                        && j + 1 < pat.nodes.len()
                    {
                        true => &[false, true],
                        false => &[false],
                    };
                    for &left_first in sides {
                        let from = (j, left_first, either_side);
                        let c = if pat.kind == PathKind::Plain {
                            super::cost::walk_with(p, pat, from, &bound, filters).1
                        } else {
                            estimate(p, &pat.nodes[j], &bound)
                        };
                        if c < best.3 {
                            best = (i, j, left_first, c);
                        }
                    }
                }
            }
            if (best.0, best.1, best.2) != (0, 0, false) {
                p.fire(Pass::StartOrder);
            }
        }
        let mut pat = pending.remove(best.0);
        (pat.start, pat.left_first) = match pat.kind {
            PathKind::Plain => (best.1, best.2),
            _ => (0, false),
        };
        for (k, n) in exec_order(&pat) {
            match k {
                Elem::Node => {
                    let node = &mut pat.nodes[n];
                    node.bound = !bound.insert(node.slot);
                }
                Elem::Rel => {
                    let rel = &mut pat.rels[n];
                    rel.bound = !bound.insert(rel.slot);
                }
            }
        }
        if let Some(s) = pat.path_slot {
            bound.insert(s);
        }
        pats.push(pat);
    }
    if p.may(Pass::PredicatePushdown) && !filters.is_empty() {
        let n = filters.len();
        push_down(pats, before, filters);
        if filters.len() < n {
            p.fire(Pass::PredicatePushdown);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elem {
    Node,
    Rel,
}

/// The hops of walking `p` from node `start` (rightwards, then leftwards; the other way
/// round with `left_first`), each as (relationship, node walked from, node reached).
pub(crate) fn exec_order_from(
    p: &PPattern,
    start: usize,
    left_first: bool,
) -> Vec<(usize, usize, usize)> {
    let right = (start..p.rels.len()).map(|i| (i, i, i + 1));
    let left = (0..start).rev().map(|i| (i, i + 1, i));
    match left_first {
        false => right.chain(left).collect(),
        true => left.chain(right).collect(),
    }
}

/// Slots bound before `pats` run (by earlier clauses or, for a later pattern, the pattern
/// before it): those a pattern marks bound where the patterns first meet them.
pub(crate) fn bound_before(pats: &[PPattern]) -> HashSet<usize> {
    let mut seen = HashSet::new();
    let mut before = HashSet::new();
    for pat in pats {
        for (kind, i) in exec_order(pat) {
            let (slot, bound) = match kind {
                Elem::Node => (pat.nodes[i].slot, pat.nodes[i].bound),
                Elem::Rel => (pat.rels[i].slot, pat.rels[i].bound),
            };
            if seen.insert(slot) && bound {
                before.insert(slot);
            }
        }
    }
    before
}

/// Elements in the order the executor binds them: start node, rightwards, then leftwards
/// (or leftwards first, with `left_first`).
pub(crate) fn exec_order(p: &PPattern) -> Vec<(Elem, usize)> {
    let mut v = vec![(Elem::Node, p.start)];
    let right = |v: &mut Vec<(Elem, usize)>| {
        for i in p.start..p.rels.len() {
            v.push((Elem::Rel, i));
            v.push((Elem::Node, i + 1));
        }
    };
    let left = |v: &mut Vec<(Elem, usize)>| {
        for i in (0..p.start).rev() {
            v.push((Elem::Rel, i));
            v.push((Elem::Node, i));
        }
    };
    if p.left_first {
        left(&mut v);
        right(&mut v);
    } else {
        right(&mut v);
        left(&mut v);
    }
    v
}

fn push_down(pats: &mut [PPattern], before: &HashSet<usize>, filters: &mut Vec<PExpr>) {
    let mut events: Vec<(usize, Elem, usize, Vec<usize>)> = Vec::new();
    for (pi, pat) in pats.iter().enumerate() {
        if pat.kind != PathKind::Plain {
            continue;
        }
        let order = exec_order(pat);
        for (k, i) in order {
            let slots = vec![match k {
                Elem::Node => pat.nodes[i].slot,
                Elem::Rel => pat.rels[i].slot,
            }];
            events.push((pi, k, i, slots));
        }
    }
    let mut late: HashSet<usize> = pats
        .iter()
        .filter(|p| p.kind != PathKind::Plain)
        .flat_map(|p| {
            let nodes = p
                .nodes
                .iter()
                .filter(|n| !before.contains(&n.slot))
                .map(|n| n.slot);
            nodes.chain(p.rels.iter().map(|r| r.slot))
        })
        .collect();
    // A path is bound only once its whole pattern is.
    late.extend(pats.iter().filter_map(|p| p.path_slot));
    let mut keep = Vec::new();
    'conj: for f in filters.drain(..) {
        let mut needs = Vec::new();
        f.slots(&mut needs);
        if needs.contains(&usize::MAX) || needs.iter().any(|s| late.contains(s)) {
            keep.push(f);
            continue;
        }
        let mut bound: HashSet<usize> = before.clone();
        for (pi, k, i, slots) in &events {
            bound.extend(slots.iter().copied());
            if needs
                .iter()
                .all(|s| bound.contains(s) || !is_match_slot(&events, *s))
            {
                let target = match k {
                    Elem::Node => &mut pats[*pi].nodes[*i].filters,
                    Elem::Rel => &mut pats[*pi].rels[*i].filters,
                };
                target.push(f);
                continue 'conj;
            }
        }
        keep.push(f);
    }
    *filters = keep;
}

fn is_match_slot(events: &[(usize, Elem, usize, Vec<usize>)], s: usize) -> bool {
    events.iter().any(|e| e.3.contains(&s))
}
