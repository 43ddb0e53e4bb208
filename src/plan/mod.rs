//! AST to executable plan: variables resolved to slots, patterns ordered from their most selective node.

mod error;

pub use error::{PlanError, PlanErrorKind};

use crate::result::QueryResult;
use crate::store::Graph;
use crate::syntax::ast;

/// An executable plan.
#[derive(Debug, Clone)]
pub struct Plan {}

/// Plans a parsed statement against a graph.
///
/// # Errors
/// A [`PlanError`] for unknown variables, misplaced aggregates and the like.
pub fn plan(_statement: &ast::Statement, _graph: &Graph) -> Result<Plan, PlanError> {
    Ok(Plan {})
}

/// The plan as a one-column result (`EXPLAIN`).
pub fn explain(_plan: &Plan) -> QueryResult {
    QueryResult::default()
}
