//! What the matcher checks of a candidate: a start scan's candidates, labels, relationship types, property maps and pushed-down predicates (with their kernels where they have them).

use super::eval::eval;
use super::kernel::Kernel;
use super::matching::Matcher;
use super::ExecError;
use crate::plan::{PExpr, PNode, PRel};
use crate::store::{NodeId, RelId, TypeFilter};
use crate::val::{equals, Val};

impl Matcher<'_, '_> {
    /// Binds relationship `r` as `rel` in `row`; whether it passes `rel`'s filters (`verdict`:
    /// their kernels' batch already decided).
    pub(super) fn bind_rel(
        &self,
        rel: &PRel,
        r: RelId,
        verdict: Option<bool>,
        row: &mut Vec<Val>,
    ) -> Result<bool, ExecError> {
        super::matching::set_rel(row, rel.slot, r);
        match verdict {
            Some(pass) => Ok(pass),
            None => self.rel_filters_ok(rel, r, row),
        }
    }

    /// Binds node `id` as `n` in `row`; whether it passes `n`'s filters (as
    /// [`Matcher::bind_rel`]).
    pub(super) fn bind_node(
        &self,
        n: &PNode,
        id: NodeId,
        verdict: Option<bool>,
        row: &mut Vec<Val>,
    ) -> Result<bool, ExecError> {
        super::matching::set_node(row, n.slot, id);
        match verdict {
            Some(pass) => Ok(pass),
            None => self.node_filters_ok(n, id, row),
        }
    }

    pub(super) fn candidates(&self, n: &PNode, row: &[Val]) -> Result<Vec<NodeId>, ExecError> {
        let g = self.ctx.g;
        if let Some((key, expr)) = &n.index {
            let v = eval(expr, row, self.ctx)?;
            if let Some(vs) = v
                .to_property()
                .filter(|p| matches!(p, crate::Value::String(_) | crate::Value::Int(_)))
            {
                if let Some(hits) = g.nodes_with_property(key, &vs) {
                    return Ok(hits);
                }
            }
        }
        if let Some(l) = n.labels.iter().min_by_key(|l| g.label_count(l)) {
            return Ok(g.nodes_with_label(l).collect());
        }
        Ok(g.node_ids().collect())
    }

    pub(super) fn node_ok(&self, n: &PNode, id: NodeId, row: &[Val]) -> Result<bool, ExecError> {
        let g = self.ctx.g;
        let ok = match self.resolved_labels(n) {
            Some(Some(ids)) => ids.iter().all(|l| g.has_label_id(id, *l)),
            Some(None) => false,
            None => n.labels.iter().all(|l| g.has_label(id, l)),
        };
        if !ok {
            return Ok(false);
        }
        match &n.props {
            None => Ok(true),
            Some(p) => props_match(&eval(p, row, self.ctx)?, |k| g.node_prop(id, k)),
        }
    }

    /// The resolved label ids of `n` (found by address among this matcher's patterns).
    fn resolved_labels(&self, n: &PNode) -> Option<Option<&[u32]>> {
        if n.labels.is_empty() {
            return Some(Some(&[]));
        }
        for (pi, p) in self.pats.iter().enumerate() {
            if let Some(i) = p.nodes.iter().position(|x| std::ptr::eq(x, n)) {
                return Some(self.labels[pi][i].as_deref());
            }
        }
        None
    }

    /// The resolved type filter of `r`, one of this matcher's relationships.
    pub(super) fn type_filter(&self, r: &PRel) -> &TypeFilter {
        for (pi, p) in self.pats.iter().enumerate() {
            if let Some(i) = p.rels.iter().position(|x| std::ptr::eq(x, r)) {
                return &self.types[pi][i];
            }
        }
        &TypeFilter::Any
    }

    pub(super) fn rel_ok(&self, r: &PRel, id: RelId, row: &[Val]) -> Result<bool, ExecError> {
        match &r.props {
            None => Ok(true),
            Some(p) => props_match(&eval(p, row, self.ctx)?, |k| self.ctx.g.rel_prop(id, k)),
        }
    }

    /// Whether node `id`, bound in `row` as pattern node `n`, passes `n`'s filters (through
    /// their kernels where they have one).
    pub(super) fn node_filters_ok(
        &self,
        n: &PNode,
        id: NodeId,
        row: &[Val],
    ) -> Result<bool, ExecError> {
        if n.filters.is_empty() {
            return Ok(true);
        }
        for (pi, p) in self.pats.iter().enumerate() {
            if let Some(i) = p.nodes.iter().position(|x| std::ptr::eq(x, n)) {
                return self.kernel_filters_ok(
                    &n.filters,
                    &self.node_kernels[pi][i],
                    id.index(),
                    row,
                );
            }
        }
        self.filters_ok(&n.filters, row)
    }

    /// Whether relationship `id`, bound in `row` as `r`, passes `r`'s filters.
    pub(super) fn rel_filters_ok(
        &self,
        r: &PRel,
        id: RelId,
        row: &[Val],
    ) -> Result<bool, ExecError> {
        if r.filters.is_empty() {
            return Ok(true);
        }
        for (pi, p) in self.pats.iter().enumerate() {
            if let Some(i) = p.rels.iter().position(|x| std::ptr::eq(x, r)) {
                return self.kernel_filters_ok(
                    &r.filters,
                    &self.rel_kernels[pi][i],
                    id.index(),
                    row,
                );
            }
        }
        self.filters_ok(&r.filters, row)
    }

    fn kernel_filters_ok(
        &self,
        filters: &[PExpr],
        kernels: &[Option<Kernel<'_>>],
        i: u32,
        row: &[Val],
    ) -> Result<bool, ExecError> {
        for (f, k) in filters.iter().zip(kernels) {
            let pass = match k.as_ref().and_then(|k| k.test(i)) {
                Some(pass) => pass,
                None => eval(f, row, self.ctx)?.is_true(),
            };
            if !pass {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub(super) fn filters_ok(&self, filters: &[PExpr], row: &[Val]) -> Result<bool, ExecError> {
        for f in filters {
            if !eval(f, row, self.ctx)?.is_true() {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

fn props_match(want: &Val, get: impl Fn(&str) -> Option<crate::Value>) -> Result<bool, ExecError> {
    match want {
        Val::Map(m) => Ok(m.iter().all(|(k, v)| {
            get(k).is_some_and(|have| equals(&Val::from_owned(have), v) == Some(true))
        })),
        Val::Null => Ok(true),
        other => Err(ExecError::type_error(format!(
            "property map expected, got {}",
            other.type_name()
        ))),
    }
}
