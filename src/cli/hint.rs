//! Did-you-mean hints for labels, relationship types and property keys the graph does not have.
//!
//! Such a query is valid and returns zero rows (Cypher semantics); the front end scans the
//! parsed AST against [`evroad::Schema`] and prints a hint on stderr when a close name exists.

use evroad::syntax::ast::{
    Clause, Expr, ExprKind, NodePattern, PatternElement, PatternPart, RelPattern, Statement,
};
use evroad::Schema;
use std::collections::BTreeSet;

/// What kind of name a hint is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum NameKind {
    Label,
    Type,
    Key,
}

/// Names a statement reads, collected from the patterns it matches and the properties it reads.
#[derive(Default)]
struct Names {
    found: BTreeSet<(NameKind, String)>,
}

impl Names {
    fn add(&mut self, kind: NameKind, name: &str) {
        self.found.insert((kind, name.to_string()));
    }

    fn statement(&mut self, s: &Statement) {
        let q = &s.query;
        for single in std::iter::once(&q.first).chain(q.unions.iter().map(|(_, s)| s)) {
            for c in &single.clauses {
                self.clause(c);
            }
        }
    }

    fn clause(&mut self, c: &Clause) {
        match c {
            Clause::Match {
                patterns, where_, ..
            } => {
                patterns.iter().for_each(|p| self.part(p));
                where_.iter().for_each(|e| self.expr(e));
            }
            Clause::Unwind { expr, .. } => self.expr(expr),
            Clause::With {
                projection, where_, ..
            } => {
                self.projection(projection);
                where_.iter().for_each(|e| self.expr(e));
            }
            Clause::Return { projection, .. } => self.projection(projection),
            Clause::Delete { exprs, .. } => exprs.iter().for_each(|e| self.expr(e)),
            // CREATE, MERGE, SET and REMOVE may introduce names the graph does not have yet.
            _ => {}
        }
    }

    fn projection(&mut self, p: &evroad::syntax::ast::Projection) {
        p.items.iter().for_each(|i| self.expr(&i.expr));
        p.order_by.iter().for_each(|s| self.expr(&s.expr));
    }

    fn part(&mut self, p: &PatternPart) {
        self.element(&p.element);
    }

    fn element(&mut self, e: &PatternElement) {
        self.node(&e.start);
        for (rel, node) in &e.chain {
            self.rel(rel);
            self.node(node);
        }
    }

    fn node(&mut self, n: &NodePattern) {
        n.labels
            .iter()
            .for_each(|l| self.add(NameKind::Label, &l.name));
        if let Some(p) = &n.properties {
            self.pattern_map(p);
        }
    }

    fn rel(&mut self, r: &RelPattern) {
        r.types
            .iter()
            .for_each(|t| self.add(NameKind::Type, &t.name));
        if let Some(p) = &r.properties {
            self.pattern_map(p);
        }
    }

    fn pattern_map(&mut self, e: &Expr) {
        if let ExprKind::Map(items) = &e.kind {
            for (k, v) in items {
                self.add(NameKind::Key, &k.name);
                self.expr(v);
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        use ExprKind::*;
        match &e.kind {
            Property(inner, key) => {
                self.add(NameKind::Key, &key.name);
                self.expr(inner);
            }
            HasLabels(inner, labels) => {
                labels
                    .iter()
                    .for_each(|l| self.add(NameKind::Label, &l.name));
                self.expr(inner);
            }
            Pattern(el) => self.element(el),
            ExistsSubquery { patterns, where_ } => {
                patterns.iter().for_each(|p| self.part(p));
                where_.iter().for_each(|w| self.expr(w));
            }
            ExistsQuery(q) => q.clauses.iter().for_each(|c| self.clause(c)),
            PatternComprehension {
                pattern,
                filter,
                map,
                ..
            } => {
                self.element(pattern);
                filter.iter().for_each(|f| self.expr(f));
                self.expr(map);
            }
            List(items) | Function { args: items, .. } => items.iter().for_each(|x| self.expr(x)),
            Map(items) => items.iter().for_each(|(_, v)| self.expr(v)),
            Binary(_, a, b) | Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            Unary(_, a) | IsNull(a, _) => self.expr(a),
            Slice(a, b, c) => {
                self.expr(a);
                b.iter().chain(c.iter()).for_each(|x| self.expr(x));
            }
            Case {
                operand,
                whens,
                else_,
            } => {
                operand
                    .iter()
                    .chain(else_.iter())
                    .for_each(|x| self.expr(x));
                whens.iter().for_each(|(w, t)| {
                    self.expr(w);
                    self.expr(t);
                });
            }
            ListComprehension {
                list, filter, map, ..
            } => {
                self.expr(list);
                filter.iter().chain(map.iter()).for_each(|x| self.expr(x));
            }
            Quantified { list, filter, .. } => {
                self.expr(list);
                filter.iter().for_each(|x| self.expr(x));
            }
            Reduce {
                init, list, expr, ..
            } => {
                self.expr(init);
                self.expr(list);
                self.expr(expr);
            }
            _ => {}
        }
    }
}

/// Hints for every label, type or key `stmt` reads that `schema` lacks but has a close
/// match for, e.g. ``label `Modle` is not in the graph; did you mean `Model`?``.
pub fn hints(stmt: &Statement, schema: &Schema) -> Vec<String> {
    let mut names = Names::default();
    names.statement(stmt);
    let labels: Vec<&str> = schema.labels.iter().map(|l| l.label.as_str()).collect();
    let types: Vec<&str> = schema.types.iter().map(|t| t.rel_type.as_str()).collect();
    let keys: Vec<&str> = schema.property_keys.keys().map(String::as_str).collect();
    render(&names.found, &labels, &types, &keys)
}

/// Hints for the property keys `stmt` reads that no node or relationship of `graph` has,
/// e.g. ``property key `nme` is not in the graph; did you mean `name`?``: reading such a key
/// gives a column of nulls, so the hint is due even when rows came back.
pub fn key_hints(stmt: &Statement, graph: &evroad::Graph) -> Vec<String> {
    let mut names = Names::default();
    names.statement(stmt);
    names
        .found
        .retain(|(kind, name)| *kind == NameKind::Key && !graph.knows_property_key(name));
    if names.found.is_empty() {
        return Vec::new();
    }
    render(&names.found, &[], &[], &graph.property_key_names())
}

fn render(
    found: &BTreeSet<(NameKind, String)>,
    labels: &[&str],
    types: &[&str],
    keys: &[&str],
) -> Vec<String> {
    let mut out = Vec::new();
    for (kind, name) in found {
        let (what, known) = match kind {
            NameKind::Label => ("label", labels),
            NameKind::Type => ("relationship type", types),
            NameKind::Key => ("property key", keys),
        };
        if known.contains(&name.as_str()) {
            continue;
        }
        let close = evroad::names::closest(name, known.iter().copied(), 3);
        if close.is_empty() {
            continue;
        }
        let list: Vec<String> = close.iter().map(|c| format!("`{c}`")).collect();
        out.push(format!(
            "hint: {what} `{name}` is not in the graph; did you mean {}?",
            list.join(" or ")
        ));
    }
    out
}
