//! evroad: a knowledge-graph query engine speaking an openCypher subset over a petgraph store.
//!
//! The pipeline is one function per stage: text → [`syntax::parse`] (AST with spans) →
//! [`plan::plan`] (names resolved, validated, optimised) → a [`Prepared`] statement
//! ([`Graph::prepare`]) → [`exec`] (rows streamed in batches) → a [`QueryResult`] or a
//! row callback ([`Prepared::stream`]). Reads take `&Graph`, so threads share one graph;
//! writes take `&mut Graph`. [`Graph::query`] runs all of it:
//!
//! ```
//! use evroad::{Graph, Value};
//! let mut g = Graph::nissan();
//! let r = g
//!     .query("MATCH (m:Model)-[:USES_PLATFORM]->(:Platform {id: 'cmf-ev'}) RETURN m.name AS model ORDER BY model")
//!     .unwrap();
//! assert_eq!(r.rows, vec![
//!     vec![Value::String("Nissan Ariya".into())],
//!     vec![Value::String("Renault Megane E-Tech".into())],
//! ]);
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "serve")]
pub mod bolt;
pub mod commands;
pub mod compare;
pub mod diff;
pub mod error;
pub mod exec;
pub mod export;
pub mod facts;
pub mod functions;
pub mod lint;
pub mod mcp;
pub mod model;
pub mod names;
pub mod operators;
pub mod persist;
pub mod plan;
mod prepared;
pub mod procedures;
mod result;
#[cfg(feature = "serve")]
pub mod serve;
pub mod span;
mod stack;
pub mod store;
pub mod syntax;
pub mod templates;
pub mod temporal;
pub mod text;
pub mod time;
pub mod val;
pub mod why;

pub use error::Error;
pub use model::{Node, Path, Properties, Relationship, Value};
pub use prepared::{Prepared, Rows};
pub use result::{QueryResult, Stats};
pub use span::{ErrorType, Span};
pub use store::{Graph, LoadError, Schema, Source};

/// Query parameters (`$name`), by name.
pub type Params = std::collections::BTreeMap<String, Value>;

impl Graph {
    /// Runs one statement (read or write) with no parameters.
    ///
    /// # Errors
    /// A syntax, planning or run-time [`Error`]; a failed write leaves the graph unchanged.
    pub fn query(&mut self, text: &str) -> Result<QueryResult, Error> {
        self.query_with_params(text, &Params::new())
    }

    /// Runs one statement with parameters.
    ///
    /// ```
    /// let mut g = evroad::Graph::nissan();
    /// let p = evroad::Params::from([("id".to_string(), evroad::Value::from("leaf"))]);
    /// let r = g.query_with_params("MATCH (m {id: $id}) RETURN m.launched", &p).unwrap();
    /// assert_eq!(r.rows[0][0], evroad::Value::Int(2010));
    /// ```
    ///
    /// # Errors
    /// See [`Graph::query`].
    pub fn query_with_params(&mut self, text: &str, params: &Params) -> Result<QueryResult, Error> {
        self.query_with_limits(text, params, &exec::Limits::default())
    }

    /// Runs one statement with parameters under explicit [`exec::Limits`] (time budget,
    /// row caps, a cancel flag).
    ///
    /// ```
    /// use evroad::{exec::Limits, Graph, Params};
    /// let mut g = Graph::nissan();
    /// let limits = Limits { max_result_rows: 3, ..Limits::default() };
    /// let err = g.query_with_limits("MATCH (n) RETURN n", &Params::new(), &limits).unwrap_err();
    /// assert_eq!(err.error_type(), evroad::ErrorType::ResourceLimit);
    /// ```
    ///
    /// # Errors
    /// See [`Graph::query`]; budget overruns are `ResourceLimit` errors.
    pub fn query_with_limits(
        &mut self,
        text: &str,
        params: &Params,
        limits: &exec::Limits,
    ) -> Result<QueryResult, Error> {
        self.run_statement(text, params, limits, None)
    }

    /// Runs one statement as if it ended with `AS OF year`, unless it has an `AS OF` of its
    /// own (the REPL's `:asof` setting). See [`time`] for which facts are valid when.
    ///
    /// ```
    /// use evroad::{exec::Limits, Graph, Params};
    /// let mut g = Graph::nissan();
    /// let q = "MATCH (:Company {id: 'nissan'})-[:MAKES]->(m) RETURN m.name ORDER BY m.name";
    /// let r = g.query_as_of(q, &Params::new(), &Limits::default(), 2015).unwrap();
    /// assert_eq!(r.rows, vec![vec![evroad::Value::from("Nissan LEAF")]]);
    /// ```
    ///
    /// # Errors
    /// See [`Graph::query`].
    pub fn query_as_of(
        &mut self,
        text: &str,
        params: &Params,
        limits: &exec::Limits,
        year: i64,
    ) -> Result<QueryResult, Error> {
        self.run_statement(text, params, limits, Some(year))
    }

    fn run_statement(
        &mut self,
        text: &str,
        params: &Params,
        limits: &exec::Limits,
        as_of: Option<i64>,
    ) -> Result<QueryResult, Error> {
        self.prepare_as_of(text, as_of)?
            .run_mut(self, params, limits)
    }
}
