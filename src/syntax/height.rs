//! Expression height bookkeeping: operator, sign and postfix chains are built in loops, so their
//! height is checked here to keep every tree shallow enough to walk and drop recursively.

use super::ast::{Expr, ExprKind, PatternElement};
use super::lexical::{Ctx, PErr, PResult};

/// The tallest expression tree the parser builds (long `OR` chains count one per operator).
pub(super) const MAX_HEIGHT: usize = 1000;

/// Calls `f` on each direct sub-expression of `e`, looking through patterns.
fn for_each_child(e: &Expr, f: &mut impl FnMut(&Expr)) {
    let element = |p: &PatternElement, f: &mut dyn FnMut(&Expr)| {
        let nodes = std::iter::once(&p.start).chain(p.chain.iter().map(|(_, n)| n));
        nodes
            .filter_map(|n| n.properties.as_ref())
            .for_each(&mut *f);
        p.chain
            .iter()
            .filter_map(|(r, _)| r.properties.as_ref())
            .for_each(f);
    };
    match &e.kind {
        ExprKind::Null
        | ExprKind::Bool(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::String(_)
        | ExprKind::Parameter(_)
        | ExprKind::Variable(_)
        | ExprKind::CountStar
        | ExprKind::ExistsQuery(_) => {}
        ExprKind::List(items) => items.iter().for_each(f),
        ExprKind::Map(entries) => entries.iter().for_each(|(_, v)| f(v)),
        ExprKind::Property(a, _) | ExprKind::HasLabels(a, _) | ExprKind::Unary(_, a) => f(a),
        ExprKind::IsNull(a, _) => f(a),
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
            f(a);
            f(b);
        }
        ExprKind::Slice(a, b, c) => {
            f(a);
            b.iter().chain(c.iter()).for_each(|x| f(x));
        }
        ExprKind::Function { args, .. } => args.iter().for_each(f),
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            operand.iter().chain(else_.iter()).for_each(|x| f(x));
            whens.iter().for_each(|(w, t)| {
                f(w);
                f(t);
            });
        }
        ExprKind::ListComprehension {
            list, filter, map, ..
        } => {
            f(list);
            filter.iter().chain(map.iter()).for_each(|x| f(x));
        }
        ExprKind::PatternComprehension {
            pattern,
            filter,
            map,
            ..
        } => {
            element(pattern, f);
            filter.iter().for_each(|x| f(x));
            f(map);
        }
        ExprKind::Quantified { list, filter, .. } => {
            f(list);
            filter.iter().for_each(|x| f(x));
        }
        ExprKind::Reduce {
            init, list, expr, ..
        } => {
            f(init);
            f(list);
            f(expr);
        }
        ExprKind::Pattern(p) => element(p, f),
        ExprKind::ExistsSubquery { patterns, where_ } => {
            patterns.iter().for_each(|p| element(&p.element, f));
            where_.iter().for_each(|x| f(x));
        }
    }
}

impl<'a> Ctx<'a> {
    /// The height of `e` (a leaf is 1), remembered by span so that each node is measured once.
    /// Sub-expressions are measured when they are built, so this recursion stays shallow.
    pub(super) fn height(&self, e: &Expr) -> usize {
        let key = (e.span.start, e.span.end);
        if let Some(h) = self.heights.borrow().get(&key) {
            return *h;
        }
        let mut below = 0;
        for_each_child(e, &mut |c| below = below.max(self.height(c)));
        let h = below + 1;
        self.heights.borrow_mut().insert(key, h);
        h
    }

    /// Fails if `e`, just built at `at`, is taller than [`MAX_HEIGHT`].
    pub(super) fn check_height(&self, e: &Expr, at: &'a str) -> PResult<'a, ()> {
        if self.height(e) > MAX_HEIGHT {
            return PErr::new(
                super::lexical::skip(at),
                format!(
                    "an expression at most {MAX_HEIGHT} levels deep (including chained operators)"
                ),
            )
            .failure();
        }
        Ok((at, ()))
    }
}
