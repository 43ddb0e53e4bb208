//! Static checks on AST expressions: aggregate detection, canonical text, and compile-time
//! type errors the openCypher TCK expects (`123 AND true`, `labels(path)`, ...).

use super::types::AggFunc;
use super::{Kind, PlanError, PlanErrorKind, Planner};
use crate::syntax::ast::{self, BinOp, ExprKind, UnaryOp};

/// The aggregate a function name (lower case) names.
pub(crate) fn agg_func(name: &str) -> Option<AggFunc> {
    Some(match name {
        "count" => AggFunc::Count,
        "sum" => AggFunc::Sum,
        "avg" => AggFunc::Avg,
        "min" => AggFunc::Min,
        "max" => AggFunc::Max,
        "collect" => AggFunc::Collect,
        "stdev" => AggFunc::StDev,
        "stdevp" => AggFunc::StDevP,
        "percentilecont" => AggFunc::PercentileCont,
        "percentiledisc" => AggFunc::PercentileDisc,
        _ => return None,
    })
}

/// Whether the expression contains an aggregate call (not looking into nested scopes).
pub(crate) fn has_aggregate(e: &ast::Expr) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        found |= match &x.kind {
            ExprKind::CountStar => true,
            ExprKind::Function { name, .. } => agg_func(&name.to_ascii_lowercase()).is_some(),
            _ => false,
        }
    });
    found
}

/// Direct sub-expressions in the same scope (comprehension bodies are not included).
pub(crate) fn children(e: &ast::Expr) -> Vec<&ast::Expr> {
    let mut out: Vec<&ast::Expr> = Vec::new();
    match &e.kind {
        ExprKind::List(l) | ExprKind::Function { args: l, .. } => out.extend(l),
        ExprKind::Map(m) => out.extend(m.iter().map(|(_, x)| x)),
        ExprKind::Property(a, _)
        | ExprKind::HasLabels(a, _)
        | ExprKind::Unary(_, a)
        | ExprKind::IsNull(a, _) => out.push(a),
        ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => out.extend([&**a, &**b]),
        ExprKind::Slice(a, b, c) => {
            out.push(a);
            out.extend(b.iter().chain(c.iter()).map(|x| &**x));
        }
        ExprKind::Case {
            operand,
            whens,
            else_,
        } => {
            out.extend(operand.iter().map(|x| &**x));
            for (p, q) in whens {
                out.extend([p, q]);
            }
            out.extend(else_.iter().map(|x| &**x));
        }
        ExprKind::ListComprehension { list, .. } | ExprKind::Quantified { list, .. } => {
            out.push(list)
        }
        ExprKind::Reduce { init, list, .. } => out.extend([&**init, &**list]),
        _ => {}
    }
    out
}

fn visit(e: &ast::Expr, f: &mut dyn FnMut(&ast::Expr)) {
    f(e);
    for c in children(e) {
        visit(c, f);
    }
}

/// Canonical text of an expression, ignoring spans (to match ORDER BY keys with items).
pub(crate) fn canon(e: &ast::Expr) -> String {
    static SPAN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = SPAN.get_or_init(|| {
        regex::Regex::new(r"span: Span \{ start: \d+, end: \d+ \}").expect("valid regex")
    });
    re.replace_all(&format!("{:?}", e.kind), "").into_owned()
}

/// Whether `e` reads a variable outside aggregate calls that is not one of the grouping
/// keys `keys` (canonical texts of plain variables and property accesses).
pub(crate) fn ambiguous(e: &ast::Expr, keys: &[String]) -> bool {
    if keys.contains(&canon(e)) {
        return false;
    }
    match &e.kind {
        ExprKind::CountStar => false,
        ExprKind::Function { name, .. } if agg_func(&name.to_ascii_lowercase()).is_some() => false,
        ExprKind::Variable(_) => true,
        _ => children(e).into_iter().any(|c| ambiguous(c, keys)),
    }
}

/// Literals that can never be booleans (`123 AND true` is a compile-time error).
fn non_boolean_literal(e: &ast::Expr) -> bool {
    matches!(
        e.kind,
        ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::String(_)
            | ExprKind::List(_)
            | ExprKind::Map(_)
    )
}

/// In `quantifier(var IN list WHERE filter)` over a literal list of only strings or only
/// booleans, arithmetic (`-`, `*`, `/`, `%`, `^`) on `var` in `filter`: where it is.
pub(crate) fn arithmetic_on_non_numbers(
    var: &str,
    list: &ast::Expr,
    filter: &ast::Expr,
) -> Option<crate::Span> {
    let ExprKind::List(items) = &list.kind else {
        return None;
    };
    let all = |f: fn(&ExprKind) -> bool| !items.is_empty() && items.iter().all(|i| f(&i.kind));
    if !all(|k| matches!(k, ExprKind::String(_))) && !all(|k| matches!(k, ExprKind::Bool(_))) {
        return None;
    }
    let is_var = |e: &ast::Expr| matches!(&e.kind, ExprKind::Variable(v) if v == var);
    let mut found = None;
    visit(filter, &mut |x| {
        if let ExprKind::Binary(
            BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod | BinOp::Pow,
            a,
            b,
        ) = &x.kind
        {
            if found.is_none() && (is_var(a) || is_var(b)) {
                found = Some(x.span);
            }
        }
    });
    found
}

impl Planner<'_> {
    /// Literal operands of boolean operators, `IN` on a non-list literal, property reads on
    /// paths: errors at compile time.
    pub(crate) fn check_static_types(&self, e: &ast::Expr) -> Result<(), PlanError> {
        let logical = match &e.kind {
            ExprKind::Binary(BinOp::And | BinOp::Or | BinOp::Xor, a, b) => vec![&**a, &**b],
            ExprKind::Unary(UnaryOp::Not, a) => vec![&**a],
            _ => vec![],
        };
        if let ExprKind::Binary(BinOp::In, _, list) = &e.kind {
            if matches!(
                list.kind,
                ExprKind::Bool(_)
                    | ExprKind::Int(_)
                    | ExprKind::Float(_)
                    | ExprKind::String(_)
                    | ExprKind::Map(_)
            ) {
                return Err(PlanError::new(
                    list.span,
                    PlanErrorKind::InvalidArgumentType("IN needs a list".into()),
                ));
            }
        }
        if let ExprKind::Property(obj, key) = &e.kind {
            if self.static_kind(obj) == Some(Kind::Path) {
                return Err(PlanError::new(
                    key.span,
                    PlanErrorKind::InvalidArgumentType("a path has no properties".into()),
                ));
            }
        }
        if let Some(bad) = logical.into_iter().find(|x| non_boolean_literal(x)) {
            return Err(PlanError::new(
                bad.span,
                PlanErrorKind::InvalidArgumentType(
                    "boolean operators need boolean operands".into(),
                ),
            ));
        }
        Ok(())
    }

    /// What is statically known of an argument: a variable's kind, or a literal's.
    pub(crate) fn static_kind(&self, e: &ast::Expr) -> Option<Kind> {
        match &e.kind {
            ExprKind::Variable(v) => self.scope.get(v).map(|x| x.1),
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::String(_)
            | ExprKind::Bool(_)
            | ExprKind::List(_) => Some(Kind::Value),
            _ => None,
        }
    }

    /// `labels(path)`, `type(node)`, `length(node)`, `properties(1)`...: compile-time errors.
    pub(crate) fn check_entity_argument(
        &self,
        func: &str,
        arg: &ast::Expr,
    ) -> Result<(), PlanError> {
        let Some(kind) = self.static_kind(arg) else {
            return Ok(());
        };
        let wrong = match func {
            "labels" => matches!(kind, Kind::Path | Kind::Rel | Kind::Value),
            "type" => matches!(kind, Kind::Node | Kind::Path | Kind::Value),
            "properties" => matches!(kind, Kind::Path | Kind::Value),
            "length" => matches!(kind, Kind::Node | Kind::Rel),
            "size" => matches!(kind, Kind::Node | Kind::Rel | Kind::Path),
            "nodes" | "relationships" => matches!(kind, Kind::Node | Kind::Rel),
            _ => false,
        };
        if wrong {
            return Err(PlanError::new(
                arg.span,
                PlanErrorKind::InvalidArgumentType(format!("{func}() cannot take this argument")),
            ));
        }
        Ok(())
    }
}
