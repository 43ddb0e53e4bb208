//! What rows cost in memory, and how much a statement may hold by default.

use super::{Row, Val};
use std::mem::size_of;

/// The default per-statement memory budget: an eighth of physical memory, and no more
/// than an eighth of the process's address-space limit (`ulimit -v`) when it has one, so
/// that the budget fails a statement before the allocator fails the process. The budget
/// counts an estimate of what rows hold; allocator overhead and growing buffers can take
/// the real figure to about twice that, which the one-eighth share allows for.
///
/// ```
/// assert!(evroad::exec::default_max_memory() >= 64 << 20);
/// ```
pub fn default_max_memory() -> u64 {
    static CACHED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *CACHED.get_or_init(|| {
        let physical = meminfo_total().unwrap_or(8 << 30);
        let mut budget = physical / 8;
        if let Some(limit) = address_space_limit() {
            budget = budget.min(limit / 8);
        }
        budget.max(64 << 20)
    })
}

/// `MemTotal` from `/proc/meminfo` (Linux), in bytes.
fn meminfo_total() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The soft "Max address space" limit from `/proc/self/limits` (Linux), in bytes.
fn address_space_limit() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max address space"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// A byte count for people: `512 MiB`, `6.0 GiB`.
pub(crate) fn human(bytes: u64) -> String {
    const GIB: u64 = 1 << 30;
    if bytes >= GIB {
        format!("{:.1} GiB", bytes as f64 / GIB as f64)
    } else {
        format!("{} MiB", bytes >> 20)
    }
}

/// Approximate bytes one value holds, its own slot included.
pub(crate) fn val_bytes(v: &Val) -> usize {
    size_of::<Val>()
        + match v {
            Val::Str(s) => s.capacity(),
            Val::List(l) => l.iter().map(val_bytes).sum::<usize>(),
            Val::Map(m) => m.iter().map(|(k, v)| k.len() + 32 + val_bytes(v)).sum(),
            Val::Path(p) => 4 * (p.0.len() + p.1.len()),
            _ => 0,
        }
}

/// Approximate bytes one row holds in a buffer (the vector header and every slot); a
/// growing buffer may briefly hold twice its rows, which the budget's share allows for.
pub(crate) fn row_bytes(r: &Row) -> usize {
    size_of::<Row>() + r.iter().map(val_bytes).sum::<usize>()
}

/// Approximate bytes one result value holds (nodes and relationships with their
/// properties, as a buffered result keeps them).
pub(crate) fn value_bytes(v: &crate::Value) -> usize {
    use crate::Value;
    let props = |p: &crate::Properties| -> usize {
        p.iter().map(|(k, v)| 48 + k.len() + value_bytes(v)).sum()
    };
    let node = |n: &crate::Node| -> usize {
        64 + n.id.len()
            + n.labels.iter().map(|l| 24 + l.len()).sum::<usize>()
            + props(&n.properties)
    };
    let rel = |r: &crate::Relationship| -> usize {
        96 + r.id.len() + r.rel_type.len() + r.from.len() + r.to.len() + props(&r.properties)
    };
    size_of::<Value>()
        + match v {
            Value::String(s) => s.capacity(),
            Value::List(l) => l.iter().map(value_bytes).sum(),
            Value::Map(m) => props(m),
            Value::Node(n) => node(n),
            Value::Relationship(r) => rel(r),
            Value::Path(p) => {
                p.nodes.iter().map(node).sum::<usize>()
                    + p.relationships.iter().map(rel).sum::<usize>()
            }
            _ => 0,
        }
}
