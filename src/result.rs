//! `QueryResult`: the columns, rows and change counters a statement produces.

use crate::model::Value;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

/// What a write statement changed (Neo4j's summary counters).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Nodes created.
    pub nodes_created: u64,
    /// Nodes deleted.
    pub nodes_deleted: u64,
    /// Relationships created.
    pub relationships_created: u64,
    /// Relationships deleted.
    pub relationships_deleted: u64,
    /// Properties set (including removals by `SET x.k = null` / `REMOVE`).
    pub properties_set: u64,
    /// Labels added.
    pub labels_added: u64,
    /// Labels removed.
    pub labels_removed: u64,
}

impl Stats {
    /// Whether the statement changed the graph.
    pub fn contains_updates(&self) -> bool {
        *self != Stats::default()
    }
}

/// The outcome of one statement: named columns and rows of values.
///
/// Serialises as `{"columns": [...], "rows": [[...]]}`, plus `"stats"` when the statement
/// changed the graph.
///
/// ```
/// let mut g = evroad::Graph::nissan();
/// let r = g.query("MATCH (m:Model {id: 'ariya'}) RETURN m.launched AS year").unwrap();
/// assert_eq!(r.columns, vec!["year"]);
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"{"columns":["year"],"rows":[[2022]]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryResult {
    /// Column names: aliases, else the expression text as written.
    pub columns: Vec<String>,
    /// Rows, each with one value per column.
    pub rows: Vec<Vec<Value>>,
    /// Change counters.
    pub stats: Stats,
}

impl Serialize for QueryResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let updates = self.stats.contains_updates();
        let mut m = s.serialize_map(Some(if updates { 3 } else { 2 }))?;
        m.serialize_entry("columns", &self.columns)?;
        m.serialize_entry("rows", &self.rows)?;
        if updates {
            m.serialize_entry("stats", &self.stats)?;
        }
        m.end()
    }
}

impl QueryResult {
    /// The result as a JSON value.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}
