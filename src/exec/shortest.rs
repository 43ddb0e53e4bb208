//! Bidirectional breadth-first search: one shortest path between two bound nodes.

use super::matching::Matcher;
use super::ExecError;
use crate::plan::PRel;
use crate::store::FxMap as HashMap;
use crate::store::{Dir, NodeId, RelId};

type Parents = HashMap<NodeId, Option<(RelId, NodeId)>>;

impl Matcher<'_, '_> {
    /// A shortest path from `s` to `e` of at most `hi` relationships, searching from both
    /// ends and always growing the smaller frontier: on hub-heavy graphs this visits a few
    /// thousand nodes where a one-sided search visits most of the graph.
    pub(super) fn bfs_both_ways(
        &self,
        rel: &PRel,
        s: NodeId,
        e: NodeId,
        hi: u64,
    ) -> Result<Option<Vec<RelId>>, ExecError> {
        let g = self.ctx.g;
        let filter = self.type_filter(rel);
        let back = match rel.dir {
            Dir::Out => Dir::In,
            Dir::In => Dir::Out,
            Dir::Both => Dir::Both,
        };
        let mut fwd: Parents = HashMap::from_iter([(s, None)]);
        let mut bwd: Parents = HashMap::from_iter([(e, None)]);
        let (mut ff, mut bf) = (vec![s], vec![e]);
        let mut depth = 0u64;
        let mut meet = None;
        'search: while depth < hi && !ff.is_empty() && !bf.is_empty() {
            let forward = ff.len() <= bf.len();
            let (frontier, seen, other, dir) = if forward {
                (&mut ff, &mut fwd, &bwd, rel.dir)
            } else {
                (&mut bf, &mut bwd, &fwd, back)
            };
            let mut next = Vec::new();
            for n in std::mem::take(frontier) {
                self.ctx.budget.tick()?;
                for (r, m) in g.edges_with(n, dir, filter) {
                    if seen.contains_key(&m) {
                        continue;
                    }
                    seen.insert(m, Some((r, n)));
                    if other.contains_key(&m) {
                        meet = Some(m);
                        break 'search;
                    }
                    next.push(m);
                }
            }
            *frontier = next;
            depth += 1;
        }
        Ok(meet.map(|m| join(&fwd, &bwd, m)))
    }
}

/// The relationships from the forward root to `meet`, then from `meet` to the backward root.
fn join(fwd: &Parents, bwd: &Parents, meet: NodeId) -> Vec<RelId> {
    let mut path = Vec::new();
    let mut at = meet;
    while let Some(&Some((r, p))) = fwd.get(&at) {
        path.push(r);
        at = p;
    }
    path.reverse();
    at = meet;
    while let Some(&Some((r, p))) = bwd.get(&at) {
        path.push(r);
        at = p;
    }
    path
}
