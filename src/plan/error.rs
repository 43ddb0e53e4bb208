//! Errors found while planning: names, scopes and the placement of aggregates.

use crate::span::{ErrorType, Span};
use std::fmt;

/// A query that parses but cannot be planned.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanError {
    /// Where in the query.
    pub span: Span,
    /// What is wrong.
    pub kind: PlanErrorKind,
}

/// What is wrong with a query; each variant names a TCK detail code.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum PlanErrorKind {
    /// `RETURN x` with no `x` in scope (`did_you_mean` holds a close name).
    UndefinedVariable {
        /// The unknown name.
        name: String,
        /// A close name in scope.
        did_you_mean: Option<String>,
    },
    /// `MATCH (a) CREATE (a)` or `UNWIND [1] AS a` with `a` bound.
    VariableAlreadyBound(String),
    /// A variable used as a node and as a relationship or path.
    VariableTypeConflict(String),
    /// `WHERE count(*) > 1`, aggregate in a disallowed place.
    InvalidAggregation(String),
    /// `count(count(*))`.
    NestedAggregation,
    /// `WITH a + 1` without alias.
    NoExpressionAlias,
    /// Two columns with the same name.
    ColumnNameConflict(String),
    /// `RETURN *` with nothing in scope.
    NoVariablesInScope,
    /// An unknown function name (`did_you_mean` holds a close one).
    UnknownFunction {
        /// The name as written.
        name: String,
        /// A close known function.
        did_you_mean: Option<String>,
    },
    /// A function called with the wrong number of arguments.
    InvalidNumberOfArguments(String),
    /// A literal of the wrong type where the type is known at compile time.
    InvalidArgumentType(String),
    /// `CREATE (a)-[:T]-(b)`: created relationships need one direction.
    RequiresDirectedRelationship,
    /// `CREATE (a)-[]->(b)`: created relationships need exactly one type.
    NoSingleRelationshipType,
    /// A relationship pattern not allowed here (variable length in CREATE, ...).
    InvalidRelationshipPattern(String),
    /// `SKIP -1`, `LIMIT -2`: a count below zero.
    NegativeIntegerArgument(i64),
    /// `SKIP n` where n is not constant.
    NonConstantExpression,
    /// `DELETE 1 + 1`.
    InvalidDelete,
    /// `RETURN a UNION RETURN b`: union parts disagree on columns.
    DifferentColumnsInUnion,
    /// `UNION` mixed with `UNION ALL`.
    InvalidClauseComposition(String),
    /// A relationship variable reused in one pattern.
    RelationshipUniquenessViolation(String),
    /// `ORDER BY` on a non-projected variable after an aggregation or DISTINCT.
    AmbiguousAggregationExpression,
    /// Setting or creating with a parameter map that is not allowed.
    InvalidParameterUse(String),
    /// A feature this engine does not implement.
    Unsupported(String),
    /// `CALL proc` (arguments from parameters) inside a query, for a procedure with inputs.
    InvalidArgumentPassingMode(String),
    /// Syntax the grammar accepts only elsewhere (`YIELD *` inside a query).
    UnexpectedSyntax(String),
    /// `CALL` of a name not in the procedure registry.
    ProcedureNotFound {
        /// The name as written.
        name: String,
        /// A close known procedure.
        did_you_mean: Option<String>,
    },
}

impl PlanError {
    /// A plan error at `span`.
    pub fn new(span: Span, kind: PlanErrorKind) -> Self {
        PlanError { span, kind }
    }

    /// Always a compile-time error category.
    pub fn error_type(&self) -> ErrorType {
        match self.kind {
            PlanErrorKind::Unsupported(_) => ErrorType::SemanticError,
            PlanErrorKind::ProcedureNotFound { .. } => ErrorType::ProcedureError,
            _ => ErrorType::SyntaxError,
        }
    }

    /// The TCK detail code.
    pub fn detail(&self) -> &'static str {
        use PlanErrorKind::*;
        match &self.kind {
            UndefinedVariable { .. } => "UndefinedVariable",
            VariableAlreadyBound(_) => "VariableAlreadyBound",
            VariableTypeConflict(_) => "VariableTypeConflict",
            InvalidAggregation(_) => "InvalidAggregation",
            NestedAggregation => "NestedAggregation",
            NoExpressionAlias => "NoExpressionAlias",
            ColumnNameConflict(_) => "ColumnNameConflict",
            NoVariablesInScope => "NoVariablesInScope",
            UnknownFunction { .. } => "UnknownFunction",
            InvalidNumberOfArguments(_) => "InvalidNumberOfArguments",
            InvalidArgumentType(_) => "InvalidArgumentType",
            RequiresDirectedRelationship => "RequiresDirectedRelationship",
            NoSingleRelationshipType => "NoSingleRelationshipType",
            InvalidRelationshipPattern(_) => "InvalidRelationshipPattern",
            NegativeIntegerArgument(_) => "NegativeIntegerArgument",
            NonConstantExpression => "NonConstantExpression",
            InvalidDelete => "InvalidDelete",
            DifferentColumnsInUnion => "DifferentColumnsInUnion",
            InvalidClauseComposition(_) => "InvalidClauseComposition",
            RelationshipUniquenessViolation(_) => "RelationshipUniquenessViolation",
            AmbiguousAggregationExpression => "AmbiguousAggregationExpression",
            InvalidParameterUse(_) => "InvalidParameterUse",
            Unsupported(_) => "Unsupported",
            InvalidArgumentPassingMode(_) => "InvalidArgumentPassingMode",
            UnexpectedSyntax(_) => "UnexpectedSyntax",
            ProcedureNotFound { .. } => "ProcedureNotFound",
        }
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PlanErrorKind::*;
        match &self.kind {
            UndefinedVariable { name, did_you_mean } => {
                write!(f, "variable `{name}` is not defined")?;
                if let Some(s) = did_you_mean {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
            VariableAlreadyBound(v) => write!(f, "variable `{v}` is already bound"),
            VariableTypeConflict(v) => write!(f, "variable `{v}` is used with conflicting types"),
            InvalidAggregation(m) => write!(f, "aggregation not allowed here: {m}"),
            NestedAggregation => f.write_str("aggregate functions cannot be nested"),
            NoExpressionAlias => f.write_str("expressions in WITH must be aliased (use AS)"),
            ColumnNameConflict(c) => write!(f, "multiple result columns with the name `{c}`"),
            NoVariablesInScope => f.write_str("`*` used with no variables in scope"),
            UnknownFunction { name, did_you_mean } => {
                write!(f, "unknown function `{name}`")?;
                if let Some(s) = did_you_mean {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
            InvalidNumberOfArguments(m) => write!(f, "wrong number of arguments: {m}"),
            InvalidArgumentType(m) => write!(f, "invalid argument type: {m}"),
            RequiresDirectedRelationship => {
                f.write_str("only directed relationships can be created or merged")
            }
            NoSingleRelationshipType => {
                f.write_str("a created relationship needs exactly one type")
            }
            InvalidRelationshipPattern(m) => write!(f, "invalid relationship pattern: {m}"),
            NegativeIntegerArgument(i) => {
                write!(
                    f,
                    "invalid argument: expected a non-negative integer, got {i}"
                )
            }
            NonConstantExpression => f.write_str("expected a constant expression"),
            InvalidDelete => f.write_str("DELETE expects a node, relationship or path"),
            DifferentColumnsInUnion => {
                f.write_str("all parts of a UNION must return the same columns")
            }
            InvalidClauseComposition(m) => write!(f, "invalid clause composition: {m}"),
            RelationshipUniquenessViolation(v) => {
                write!(
                    f,
                    "relationship variable `{v}` is used twice in one pattern"
                )
            }
            AmbiguousAggregationExpression => {
                f.write_str("ORDER BY after an aggregation may only use projected expressions")
            }
            InvalidParameterUse(m) => write!(f, "invalid parameter use: {m}"),
            Unsupported(m) => write!(f, "not supported: {m}"),
            InvalidArgumentPassingMode(m) => write!(f, "invalid argument passing: {m}"),
            UnexpectedSyntax(m) => write!(f, "unexpected syntax: {m}"),
            ProcedureNotFound { name, did_you_mean } => {
                write!(f, "there is no procedure `{name}`")?;
                if let Some(s) = did_you_mean {
                    write!(f, " (did you mean `{s}`?)")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for PlanError {}
