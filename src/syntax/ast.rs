//! The abstract syntax tree of a query: syntax only, every node carrying its byte span.
//!
//! Names are not resolved here (that is `plan`'s job); the tree mirrors what was written.

pub use crate::operators::{BinOp, PathKind, Quantifier, UnaryOp};
pub use crate::span::Span;

/// One statement: a query, optionally prefixed with `EXPLAIN`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// `EXPLAIN <query>`: print the plan instead of running it.
    pub explain: bool,
    /// The query itself.
    pub query: Query,
    /// `AS OF <year>` at the end: every pattern hop keeps only facts valid in that year
    /// (see `evroad::time`). An integer literal or a parameter.
    pub as_of: Option<Expr>,
    /// The whole statement.
    pub span: Span,
}

/// A query: one or more single queries joined by `UNION` / `UNION ALL`.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// The first single query.
    pub first: SingleQuery,
    /// Each following part with `true` for `UNION ALL`, `false` for `UNION`.
    pub unions: Vec<(bool, SingleQuery)>,
    /// The whole query.
    pub span: Span,
}

/// A sequence of clauses (`MATCH ... WITH ... RETURN ...`).
#[derive(Debug, Clone, PartialEq)]
pub struct SingleQuery {
    /// The clauses in order.
    pub clauses: Vec<Clause>,
    /// The span of all clauses.
    pub span: Span,
}

/// One clause.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `[OPTIONAL] MATCH pattern, pattern [WHERE expr]`
    Match {
        /// `OPTIONAL MATCH`.
        optional: bool,
        /// Comma-separated pattern parts.
        patterns: Vec<PatternPart>,
        /// The `WHERE` predicate.
        where_: Option<Expr>,
        /// The clause.
        span: Span,
    },
    /// `UNWIND expr AS var`
    Unwind {
        /// The list expression.
        expr: Expr,
        /// The variable bound to each element.
        alias: Ident,
        /// The clause.
        span: Span,
    },
    /// `WITH projection [WHERE expr]`
    With {
        /// Items, DISTINCT, ORDER BY, SKIP, LIMIT.
        projection: Projection,
        /// The `WHERE` after `WITH`.
        where_: Option<Expr>,
        /// The clause.
        span: Span,
    },
    /// `RETURN projection`
    Return {
        /// Items, DISTINCT, ORDER BY, SKIP, LIMIT.
        projection: Projection,
        /// The clause.
        span: Span,
    },
    /// `CREATE pattern, pattern`
    Create {
        /// Pattern parts to create.
        patterns: Vec<PatternPart>,
        /// The clause.
        span: Span,
    },
    /// `MERGE pattern [ON CREATE SET ...] [ON MATCH SET ...]`
    Merge {
        /// The single pattern part to match or create.
        pattern: PatternPart,
        /// `ON CREATE SET` items (all such sub-clauses concatenated).
        on_create: Vec<SetItem>,
        /// `ON MATCH SET` items (all such sub-clauses concatenated).
        on_match: Vec<SetItem>,
        /// The clause.
        span: Span,
    },
    /// `SET item, item`
    Set {
        /// The items.
        items: Vec<SetItem>,
        /// The clause.
        span: Span,
    },
    /// `REMOVE item, item`
    Remove {
        /// The items.
        items: Vec<RemoveItem>,
        /// The clause.
        span: Span,
    },
    /// `CALL proc(args) [YIELD items [WHERE expr]]`
    Call {
        /// The qualified procedure name (`db.labels`).
        name: Ident,
        /// The arguments; `None` for the form without parentheses, whose arguments are the
        /// parameters named like the procedure's inputs.
        args: Option<Vec<Expr>>,
        /// The `YIELD` items; `None` without YIELD or with `YIELD *`.
        yields: Option<Vec<YieldItem>>,
        /// `YIELD *` was written.
        yield_star: bool,
        /// The `WHERE` after `YIELD`.
        where_: Option<Expr>,
        /// The clause.
        span: Span,
    },
    /// `[DETACH] DELETE expr, expr`
    Delete {
        /// `DETACH DELETE`.
        detach: bool,
        /// Expressions naming nodes, relationships or paths.
        exprs: Vec<Expr>,
        /// The clause.
        span: Span,
    },
}

/// `field [AS alias]` after `YIELD`.
#[derive(Debug, Clone, PartialEq)]
pub struct YieldItem {
    /// The procedure's output.
    pub field: Ident,
    /// The variable it binds, when not the output's own name.
    pub alias: Option<Ident>,
}

/// The body of `WITH` and `RETURN`.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `DISTINCT`.
    pub distinct: bool,
    /// `*` was written (possibly followed by further items: `RETURN *, x`).
    pub star: bool,
    /// The projected items.
    pub items: Vec<ProjectionItem>,
    /// `ORDER BY` keys.
    pub order_by: Vec<SortItem>,
    /// `SKIP expr`.
    pub skip: Option<Expr>,
    /// `LIMIT expr`.
    pub limit: Option<Expr>,
}

/// `expr [AS alias]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectionItem {
    /// The expression.
    pub expr: Expr,
    /// The alias after `AS`.
    pub alias: Option<Ident>,
    /// The expression's source text exactly as written (the column name when unaliased).
    pub text: String,
    /// The item including the alias.
    pub span: Span,
}

/// `expr [ASC|DESC]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SortItem {
    /// The sort key.
    pub expr: Expr,
    /// `DESC` / `DESCENDING`.
    pub descending: bool,
}

/// `SET` items.
#[derive(Debug, Clone, PartialEq)]
pub enum SetItem {
    /// `n.key = expr` (target is a property-access expression).
    Property {
        /// The `n.key` expression.
        target: Expr,
        /// The new value.
        value: Expr,
    },
    /// `n = map` (replace all properties) or `n += map` (merge).
    Variable {
        /// The variable.
        var: Ident,
        /// The map expression.
        value: Expr,
        /// `+=`.
        merge: bool,
    },
    /// `n:Label:Other`.
    Labels {
        /// The variable.
        var: Ident,
        /// Labels to add.
        labels: Vec<Ident>,
    },
}

/// `REMOVE` items.
#[derive(Debug, Clone, PartialEq)]
pub enum RemoveItem {
    /// `n.key` (a property-access expression).
    Property(Expr),
    /// `n:Label:Other`.
    Labels {
        /// The variable.
        var: Ident,
        /// Labels to remove.
        labels: Vec<Ident>,
    },
}

/// An identifier with its span (backquoted identifiers are stored unquoted).
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The name.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// `[p =] [shortestPath(] (a)-[r]->(b)... [)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternPart {
    /// The path variable `p`.
    pub var: Option<Ident>,
    /// Plain, shortest or all-shortest.
    pub kind: PathKind,
    /// The chain of nodes and relationships.
    pub element: PatternElement,
    /// The whole part.
    pub span: Span,
}

/// A chain `(a)-[r]->(b)<-[s]-(c)`.
#[derive(Debug, Clone, PartialEq)]
pub struct PatternElement {
    /// The first node.
    pub start: NodePattern,
    /// Each relationship with the node after it.
    pub chain: Vec<(RelPattern, NodePattern)>,
    /// The whole chain.
    pub span: Span,
}

/// `(v:Label:Other {key: value})`.
#[derive(Debug, Clone, PartialEq)]
pub struct NodePattern {
    /// The variable.
    pub var: Option<Ident>,
    /// Required labels.
    pub labels: Vec<Ident>,
    /// A map literal or a parameter.
    pub properties: Option<Expr>,
    /// From `(` to `)`.
    pub span: Span,
}

/// Direction of a relationship pattern as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `-[]->`
    Outgoing,
    /// `<-[]-`
    Incoming,
    /// `-[]-` (or `<-[]->`)
    Both,
}

/// `-[r:TYPE|OTHER*1..3 {k: v}]->`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelPattern {
    /// The variable.
    pub var: Option<Ident>,
    /// Allowed types (any when empty).
    pub types: Vec<Ident>,
    /// Direction.
    pub direction: Direction,
    /// Variable length: `None` for a single hop; `Some(min, max)` for `*min..max`
    /// (`*` is `(None, None)`, `*3` is `(Some(3), Some(3))`).
    pub length: Option<(Option<u64>, Option<u64>)>,
    /// A map literal or a parameter.
    pub properties: Option<Expr>,
    /// From the first `-`/`<` to the last `-`/`>`.
    pub span: Span,
}

/// An expression with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it was written.
    pub span: Span,
}

/// Expression forms.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// An integer literal (decimal, `0x` hex or `0o` octal).
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string literal with escapes resolved.
    String(String),
    /// `[a, b]`
    List(Vec<Expr>),
    /// `{k: v}` (keys in written order).
    Map(Vec<(Ident, Expr)>),
    /// `$name`
    Parameter(String),
    /// A variable.
    Variable(String),
    /// `expr.key`
    Property(Box<Expr>, Ident),
    /// `expr:Label:Other` (label predicate).
    HasLabels(Box<Expr>, Vec<Ident>),
    /// `a op b` (chained comparisons `a < b < c` become `a < b AND b < c`).
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `op a`
    Unary(UnaryOp, Box<Expr>),
    /// `a IS NULL` (`false`) / `a IS NOT NULL` (`true`).
    IsNull(Box<Expr>, bool),
    /// `list[index]`
    Index(Box<Expr>, Box<Expr>),
    /// `list[from..to]`
    Slice(Box<Expr>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `name([DISTINCT] args)`; `name` may be namespaced (`a.b.c`), as written.
    Function {
        /// The function name as written.
        name: String,
        /// `DISTINCT` inside the call.
        distinct: bool,
        /// Arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`
    CountStar,
    /// `CASE [operand] WHEN .. THEN .. [ELSE ..] END`
    Case {
        /// The operand of a simple CASE.
        operand: Option<Box<Expr>>,
        /// `WHEN` / `THEN` pairs.
        whens: Vec<(Expr, Expr)>,
        /// `ELSE`.
        else_: Option<Box<Expr>>,
    },
    /// `[x IN list WHERE pred | expr]`
    ListComprehension {
        /// The element variable.
        var: Ident,
        /// The list.
        list: Box<Expr>,
        /// `WHERE` filter.
        filter: Option<Box<Expr>>,
        /// `| expr` projection.
        map: Option<Box<Expr>>,
    },
    /// `[p = (a)-->(b) WHERE pred | expr]`
    PatternComprehension {
        /// The path variable.
        var: Option<Ident>,
        /// The pattern.
        pattern: Box<PatternElement>,
        /// `WHERE` filter.
        filter: Option<Box<Expr>>,
        /// `| expr` projection (required).
        map: Box<Expr>,
    },
    /// `all(x IN list WHERE pred)` and friends.
    Quantified {
        /// Which quantifier.
        quantifier: Quantifier,
        /// The element variable.
        var: Ident,
        /// The list.
        list: Box<Expr>,
        /// The predicate.
        filter: Option<Box<Expr>>,
    },
    /// `reduce(acc = init, x IN list | expr)`
    Reduce {
        /// Accumulator variable.
        acc: Ident,
        /// Initial accumulator value.
        init: Box<Expr>,
        /// Element variable.
        var: Ident,
        /// The list.
        list: Box<Expr>,
        /// The step expression.
        expr: Box<Expr>,
    },
    /// A bare pattern used as a predicate: `WHERE (a)-->(b)` or `exists((a)-->(b))`.
    Pattern(Box<PatternElement>),
    /// `EXISTS { MATCH ... [WHERE ...] }` or `EXISTS { (a)-->(b) [WHERE ...] }`.
    ExistsSubquery {
        /// The patterns.
        patterns: Vec<PatternPart>,
        /// The filter.
        where_: Option<Box<Expr>>,
    },
    /// `EXISTS { MATCH ... [WITH ...] RETURN ... }`: a read query, true when it has a row.
    ExistsQuery(Box<SingleQuery>),
}

/// A fact pattern, `(A)-[:T|U]->(B)`: what `:why` and the `why` tool take. The entities are
/// left as written (an id, name or alias, unquoted) for the name resolver.
#[derive(Debug, Clone, PartialEq)]
pub struct FactPattern {
    /// The first entity.
    pub from: Ident,
    /// The second entity.
    pub to: Ident,
    /// The allowed types (any when empty).
    pub types: Vec<Ident>,
    /// The direction from `from` to `to`.
    pub direction: Direction,
}
