//! shortestPath and allShortestPaths: breadth-first searches between two nodes, bidirectional for one path.

use super::matching::{build_path, set, Emit, Matcher};
use super::ExecError;
use crate::operators::PathKind;
use crate::plan::{PNode, PRel};
use crate::store::FxMap as HashMap;
use crate::store::{shortest_paths, Dir, NodeId, RelId};
use crate::val::Val;

type Parents = HashMap<NodeId, Option<(RelId, NodeId)>>;

impl Matcher<'_, '_> {
    pub(super) fn shortest(
        &self,
        pi: usize,
        row: &mut Vec<Val>,
        used: &mut Vec<RelId>,
        emit: &mut Emit<'_>,
    ) -> Result<bool, ExecError> {
        let pat = &self.pats[pi];
        let (a, b, rel) = (&pat.nodes[0], &pat.nodes[1], &pat.rels[0]);
        let starts = self.bind_or_scan(a, row)?;
        for s in starts {
            set(row, a.slot, Val::Node(s));
            for e in self.bind_or_scan(b, row)? {
                set(row, b.slot, Val::Node(e));
                let (lo, hi) = rel.var_len.unwrap_or((1, 1));
                let paths = self.bfs(rel, s, e, lo, hi, row, pat.kind == PathKind::AllShortest)?;
                for rels in paths {
                    let value = if rel.var_len.is_some() {
                        Val::List(rels.iter().map(|r| Val::Rel(*r)).collect())
                    } else {
                        Val::Rel(rels[0])
                    };
                    set(row, rel.slot, value);
                    if let Some(ps) = pat.path_slot {
                        let p = build_path(pat, row, self.ctx);
                        set(row, ps, p);
                    }
                    let n = used.len();
                    used.extend(rels);
                    let go = self.pattern(pi + 1, row, used, emit);
                    used.truncate(n);
                    if !go? {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    fn bind_or_scan(&self, n: &PNode, row: &[Val]) -> Result<Vec<NodeId>, ExecError> {
        if n.bound {
            return Ok(match row[n.slot] {
                Val::Node(x) => vec![x],
                _ => vec![],
            });
        }
        let mut v = Vec::new();
        for c in self.candidates(n, row)? {
            if self.node_ok(n, c, row)? {
                v.push(c);
            }
        }
        Ok(v)
    }

    /// Breadth-first search for the shortest paths from `s` to `e` (all of them when `all`).
    #[allow(clippy::too_many_arguments)]
    fn bfs(
        &self,
        rel: &PRel,
        s: NodeId,
        e: NodeId,
        lo: u64,
        hi: u64,
        row: &[Val],
        all: bool,
    ) -> Result<Vec<Vec<RelId>>, ExecError> {
        if s == e {
            return Ok(if lo == 0 { vec![vec![]] } else { vec![] });
        }
        if !all && lo <= 1 && rel.props.is_none() {
            return Ok(self.bfs_both_ways(rel, s, e, hi)?.into_iter().collect());
        }
        let g = self.ctx.g;
        let filter = self.type_filter(rel);
        let mut out = shortest_paths(s, e, hi, !all, |n, next| {
            self.ctx.budget.tick()?;
            for (r, m) in g.edges_with(n, rel.dir, filter) {
                if self.rel_ok(rel, r, row)? {
                    next.push((r, m));
                }
            }
            Ok::<(), ExecError>(())
        })?;
        if out.first().is_some_and(|p| (p.len() as u64) < lo) {
            return Ok(vec![]);
        }
        out.sort();
        Ok(out)
    }

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
