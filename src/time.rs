//! Valid time: the years in which a fact holds, from its `since`, `launched`, `announced` and `until` properties.
//!
//! The rule (`AS OF <year>`, `valid_at(x, year)`, the REPL's `:asof`):
//!
//! * A fact's **valid-from** year is its `since` property, else its `launched`, else its
//!   `announced` (the first of these keys present, when it is an integer).
//! * Its **valid-until** year is its `until` property (an integer), exclusive.
//! * A node is valid in year `Y` when `valid_from <= Y` (inclusive) and `Y < valid_until`
//!   (exclusive); a missing bound does not restrict, so an undated fact is always valid.
//! * A relationship is valid in `Y` when its own bounds allow `Y` **and both its end nodes are
//!   valid in `Y`**: a fact about something that does not exist yet does not hold yet.
//! * Other dates are not validity bounds: a `Target`'s `year` is its deadline, and the ASSB's
//!   `target_launch_year` is a plan; both show on the timeline only.
//!
//! ```
//! use evroad::{time, Graph};
//! let g = Graph::nissan();
//! let ariya = g.node_by_ident("ariya").unwrap();
//! assert!(!time::node_valid_at(&g, ariya, 2021));
//! assert!(time::node_valid_at(&g, ariya, 2022));
//! ```

use crate::model::{Properties, Value};
use crate::store::{Graph, NodeId, RelId};

/// Keys giving a fact's valid-from year, in priority order.
pub const FROM_KEYS: [&str; 3] = ["since", "launched", "announced"];

/// The key giving a fact's valid-until year (exclusive).
pub const UNTIL_KEY: &str = "until";

fn year(props: &Properties, key: &str) -> Option<i64> {
    match props.get(key) {
        Some(Value::Int(y)) => Some(*y),
        _ => None,
    }
}

/// The valid-from year of a fact with these properties (see the module docs).
///
/// ```
/// use evroad::{time, Value};
/// let props = [("launched".to_string(), Value::Int(2010)), ("since".to_string(), Value::Int(2011))].into();
/// assert_eq!(time::valid_from(&props), Some(2011));
/// ```
pub fn valid_from(props: &Properties) -> Option<i64> {
    FROM_KEYS
        .iter()
        .find(|k| props.contains_key(**k))
        .and_then(|k| year(props, k))
}

/// The valid-until year (exclusive) of a fact with these properties.
pub fn valid_until(props: &Properties) -> Option<i64> {
    year(props, UNTIL_KEY)
}

/// Whether a fact with these properties holds in `year` (`from <= year < until`).
///
/// ```
/// use evroad::{time, Value};
/// let props = [("since".to_string(), Value::Int(2020)), ("until".to_string(), Value::Int(2025))].into();
/// assert!(!time::props_valid_at(&props, 2019));
/// assert!(time::props_valid_at(&props, 2020));
/// assert!(time::props_valid_at(&props, 2024));
/// assert!(!time::props_valid_at(&props, 2025));
/// assert!(time::props_valid_at(&Default::default(), 1900));
/// ```
pub fn props_valid_at(props: &Properties, year: i64) -> bool {
    valid_from(props).is_none_or(|f| f <= year) && valid_until(props).is_none_or(|u| year < u)
}

/// Whether the node holds in `year`.
pub fn node_valid_at(g: &Graph, n: NodeId, year: i64) -> bool {
    props_valid_at(g.node_props(n), year)
}

/// Whether the relationship holds in `year`: its own bounds and both end nodes.
///
/// ```
/// let g = evroad::Graph::nissan();
/// let r = g.rel_ids().find(|r| g.rel_ident(*r) == "ariya-USES_PLATFORM-cmf-ev").unwrap();
/// assert!(!evroad::time::rel_valid_at(&g, r, 2015));
/// assert!(evroad::time::rel_valid_at(&g, r, 2022));
/// ```
pub fn rel_valid_at(g: &Graph, r: RelId, year: i64) -> bool {
    let (a, b) = g.rel_endpoints(r);
    props_valid_at(g.rel_props(r), year) && node_valid_at(g, a, year) && node_valid_at(g, b, year)
}
