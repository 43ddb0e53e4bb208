//! Grouping with aggregates: rows in (from a list or straight from a MATCH), one state per group and aggregate, projected rows out.

use super::aggregate::AggState;
use super::eval::eval;
use super::group_key::GroupKey;
use super::group_key::{hash_kv, kv_same};
use super::group_out::{Passed, Projector};
use super::kernel::KV;
use super::project::Collector;
use super::{Ctx, ExecError, Row};
use crate::plan::ProjectOp;
use crate::store::FxHasher;
use crate::val::Val;
use hashbrown::HashTable;
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

struct Group {
    key: GroupKey,
    hash: u64,
    /// The group's first row, when anything after grouping reads it (else empty).
    row: Row,
}

/// Aggregation by grouping keys, fed one row at a time. Consecutive rows that agree on every
/// slot the keys read reuse the previous group without evaluating the keys again (a MATCH
/// emits rows grouped by its outer loops).
pub(crate) struct Grouper<'p> {
    p: &'p ProjectOp,
    /// Group numbers, hashed by their groups' keys (the keys live in `groups` only).
    index: HashTable<u32>,
    groups: Vec<Group>,
    /// Every group's aggregate states, `p.aggs.len()` per group.
    states: Vec<AggState>,
    /// Slots the grouping keys read, when they read nothing else (no pattern predicates).
    memo_slots: Option<Vec<usize>>,
    /// The values of `memo_slots` in the last row, and its group.
    last: Option<(Vec<Val>, usize)>,
    /// Whether a group's first row is read after grouping: by a non-key item, an aggregate's
    /// second argument, or an ORDER BY / WHERE reading a slot the projection does not write.
    keep_row: bool,
    out: Projector<'p>,
    /// Groups arrive one after another and never come back (`ProjectOp::clustered`): only
    /// the current group is held, and it is projected into `done` once the next begins.
    clustered: bool,
    /// Clustered: the groups projected so far (rows and sort keys), and their bytes; or,
    /// when the projection filters them as they come, the rows that passed.
    done: Vec<(Row, Vec<Val>, usize)>,
    done_bytes: usize,
    passed: Option<Passed>,
    /// Groups made so far.
    made: usize,
}

impl<'p> Grouper<'p> {
    pub(crate) fn new(p: &'p ProjectOp) -> Self {
        let mut slots = Vec::new();
        for k in &p.keys {
            p.items[*k].0.slots(&mut slots);
        }
        slots.sort_unstable();
        slots.dedup();
        let mut read = Vec::new();
        for (i, (e, _)) in p.items.iter().enumerate() {
            if !p.keys.contains(&i) {
                e.slots(&mut read);
            }
        }
        for a in &p.aggs {
            if let Some(e) = &a.arg2 {
                e.slots(&mut read);
            }
        }
        let mut later = Vec::new();
        for e in p.order.iter().map(|(e, _)| e).chain(&p.filter) {
            e.slots(&mut later);
        }
        let written: Vec<usize> = p.items.iter().map(|(_, s)| *s).collect();
        let keep_row = !read.is_empty() || later.iter().any(|s| !written.contains(s));
        Grouper {
            p,
            index: HashTable::new(),
            groups: Vec::new(),
            states: Vec::new(),
            memo_slots: (!slots.contains(&usize::MAX)).then_some(slots),
            last: None,
            keep_row,
            out: Projector::new(p, keep_row),
            clustered: false,
            done: Vec::new(),
            done_bytes: 0,
            passed: None,
            made: 0,
        }
    }

    /// A grouping whose input arrives group after group, each group's rows together and
    /// never again (see `ProjectOp::clustered`): it holds one group at a time.
    pub(crate) fn clustered(p: &'p ProjectOp) -> Self {
        let mut g = Grouper::new(p);
        g.clustered = true;
        g.passed = Passed::of(p);
        g
    }

    pub(super) fn is_clustered(&self) -> bool {
        self.clustered
    }

    /// Clustered: projects the current group and filters what waits for the filter, so
    /// that the grouping can be merged ([`Grouper::merge`]).
    pub(super) fn settle(&mut self, ctx: &Ctx<'_>) -> Result<(), ExecError> {
        self.seal(ctx)?;
        match &mut self.passed {
            Some(passed) => passed.check(self.p, ctx),
            None => Ok(()),
        }
    }

    /// Clustered: projects the current group (if any) into `done`.
    pub(super) fn seal(&mut self, ctx: &Ctx<'_>) -> Result<(), ExecError> {
        if !self.clustered {
            return Ok(());
        }
        let Some(g) = self.groups.pop() else {
            return Ok(());
        };
        ctx.budget.release(self.group_bytes_of(&g));
        let states = self.states.drain(..);
        if let Some(passed) = &mut self.passed {
            let spare = passed.spare();
            let (row, _) = self.out.project(g.key, g.row, states, ctx, spare)?;
            return passed.push(self.p, row, ctx);
        }
        let (row, sort) = self
            .out
            .project(g.key, g.row, states, ctx, Default::default())?;
        let bytes = super::memory::row_bytes(&row) + super::memory::row_bytes(&sort);
        ctx.budget.charge(bytes)?;
        self.done_bytes += bytes;
        self.done.push((row, sort, bytes));
        Ok(())
    }

    /// The group of `key`, created (with `row` as its first row) when new.
    fn group_of(&mut self, row: &[Val], key: GroupKey, ctx: &Ctx<'_>) -> Result<usize, ExecError> {
        if self.clustered {
            if self.groups.first().is_some_and(|g| g.key == key) {
                return Ok(0);
            }
            self.seal(ctx)?;
            return Ok(self.add_group(key, 0, row));
        }
        let hash = BuildHasherDefault::<FxHasher>::default().hash_one(&key);
        let groups = &self.groups;
        if let Some(gi) = self.index.find(hash, |gi| groups[*gi as usize].key == key) {
            return Ok(*gi as usize);
        }
        Ok(self.add_group(key, hash, row))
    }

    /// Adds a group (with `row` as its first row, when rows are kept); returns its number.
    fn add_group(&mut self, key: GroupKey, hash: u64, row: &[Val]) -> usize {
        let gi = self.groups.len();
        self.made += 1;
        self.groups.push(Group {
            key,
            hash,
            row: if self.keep_row {
                row.to_vec()
            } else {
                Vec::new()
            },
        });
        if !self.clustered {
            let groups = &self.groups;
            self.index
                .insert_unique(hash, gi as u32, |gi| groups[*gi as usize].hash);
        }
        self.states.extend(self.p.aggs.iter().map(AggState::new));
        gi
    }

    /// Whether groups keep their first row (read after grouping); the batched path
    /// (`batch.rs`) keeps none, so it takes only projections that need none.
    pub(super) fn keeps_rows(&self) -> bool {
        self.keep_row
    }

    /// The group whose key values are `kvs` (read from property columns, in the order of
    /// the projection's keys), created when new: the same groups [`Grouper::push`] finds,
    /// without copying a string unless the group is new.
    pub(super) fn group_of_kvs(
        &mut self,
        kvs: &[KV<'_>],
        ctx: &Ctx<'_>,
    ) -> Result<usize, ExecError> {
        let same = |groups: &[Group], gi: usize| {
            let vals = groups[gi].key.vals();
            vals.len() == kvs.len() && kvs.iter().zip(vals).all(|(k, v)| kv_same(*k, v))
        };
        // Clustered: the current group, or the next (no hash table to look in).
        let hash = if self.clustered {
            if !self.groups.is_empty() && same(&self.groups, 0) {
                return Ok(0);
            }
            self.seal(ctx)?;
            0
        } else {
            let mut h = FxHasher::default();
            for kv in kvs {
                hash_kv(*kv, &mut h);
            }
            let hash = h.finish();
            let groups = &self.groups;
            if let Some(gi) = self.index.find(hash, |gi| same(groups, *gi as usize)) {
                return Ok(*gi as usize);
            }
            hash
        };
        let key = match kvs {
            [k] if self.p.keys.len() == 1 => GroupKey::One(k.owned()),
            _ => GroupKey::Many(kvs.iter().map(|k| k.owned()).collect()),
        };
        let gi = self.add_group(key, hash, &[]);
        ctx.budget.charge(self.group_bytes(gi))?;
        Ok(gi)
    }

    /// The aggregate states of group `gi`, one per aggregate of the projection.
    /// Every group's aggregate states, group after group (as many per group as the
    /// projection has aggregates).
    pub(super) fn all_states(&mut self) -> &mut [AggState] {
        &mut self.states
    }

    pub(super) fn states_of(&mut self, gi: usize) -> &mut [AggState] {
        let n = self.p.aggs.len();
        &mut self.states[gi * n..(gi + 1) * n]
    }

    /// Approximate bytes group `gi` holds: its key, its first row and its aggregate states.
    fn group_bytes(&self, gi: usize) -> usize {
        self.group_bytes_of(&self.groups[gi])
    }

    fn group_bytes_of(&self, g: &Group) -> usize {
        let key = match &g.key {
            GroupKey::One(v) => super::memory::val_bytes(v),
            GroupKey::Many(vs) => vs.iter().map(super::memory::val_bytes).sum(),
        };
        let row: usize = g.row.iter().map(super::memory::val_bytes).sum();
        std::mem::size_of::<Group>() + key + row + 64 * self.p.aggs.len()
    }

    /// Folds in `other`, a grouping of the same projection over rows that come after
    /// this one's: its groups join theirs (new ones after, in their order) and their
    /// states merge ([`AggState::merge`]). `false` when a state cannot merge exactly
    /// (both groupings are then unusable).
    /// Clustered groupings (each sealed, [`Grouper::seal`]) have no group in common:
    /// their projected groups are appended.
    pub(super) fn merge(&mut self, other: Grouper<'_>) -> bool {
        if self.clustered {
            self.done.extend(other.done);
            self.done_bytes += other.done_bytes;
            if let (Some(mine), Some(theirs)) = (&mut self.passed, other.passed) {
                mine.append(theirs);
            }
            return other.clustered && self.groups.is_empty() && other.groups.is_empty();
        }
        let n = self.p.aggs.len();
        // Room for every group of the other share at once, rather than growing (and
        // rehashing) as they come.
        let extra = other.groups.len();
        self.groups.reserve(extra);
        self.states.reserve(extra * n);
        let groups = &self.groups;
        self.index.reserve(extra, |gi| groups[*gi as usize].hash);
        let mut states = other.states.into_iter();
        for g in other.groups {
            let groups = &self.groups;
            let gi = match self
                .index
                .find(g.hash, |gi| groups[*gi as usize].key == g.key)
            {
                Some(gi) => *gi as usize,
                None => {
                    // The group's first row moves over instead of being copied.
                    let gi = self.add_group(g.key, g.hash, &[]);
                    self.groups[gi].row = g.row;
                    gi
                }
            };
            let mine = &mut self.states[gi * n..(gi + 1) * n];
            for ((state, spec), theirs) in mine.iter_mut().zip(&self.p.aggs).zip(states.by_ref()) {
                if !state.merge(spec, theirs) {
                    return false;
                }
            }
        }
        self.last = None;
        true
    }

    /// Adds `row`; `Some(n)`: a row from a counted last hop standing for `n` matches (the
    /// planner made sure every aggregate then counts rows).
    pub(crate) fn push(
        &mut self,
        row: &[Val],
        counted: Option<u64>,
        ctx: &Ctx<'_>,
    ) -> Result<(), ExecError> {
        let p = self.p;
        let memo = self.memo_slots.as_ref().and_then(|slots| {
            let (vals, gi) = self.last.as_ref()?;
            slots
                .iter()
                .zip(vals)
                .all(|(s, v)| row.get(*s).unwrap_or(&Val::Null) == v)
                .then_some(*gi)
        });
        let gi = match memo {
            Some(gi) => gi,
            None => {
                let key = match p.keys.as_slice() {
                    [k] => GroupKey::One(eval(&p.items[*k].0, row, ctx)?),
                    ks => GroupKey::Many(
                        ks.iter()
                            .map(|i| eval(&p.items[*i].0, row, ctx))
                            .collect::<Result<Vec<_>, _>>()?,
                    ),
                };
                let before = self.made;
                let gi = self.group_of(row, key, ctx)?;
                if self.made > before {
                    ctx.budget.charge(self.group_bytes(gi))?;
                }
                if let Some(slots) = &self.memo_slots {
                    let mut vals = match self.last.take() {
                        Some((mut v, _)) => {
                            v.clear();
                            v
                        }
                        None => Vec::with_capacity(slots.len()),
                    };
                    vals.extend(
                        slots
                            .iter()
                            .map(|s| row.get(*s).cloned().unwrap_or(Val::Null)),
                    );
                    self.last = Some((vals, gi));
                }
                gi
            }
        };
        let n = p.aggs.len();
        for (state, spec) in self.states[gi * n..(gi + 1) * n].iter_mut().zip(&p.aggs) {
            match counted {
                None => state.update(spec, row, ctx)?,
                Some(c) => state.add_count(c),
            }
        }
        Ok(())
    }

    /// Adds `n` rows like `row`, whose grouping keys are `keyvals`, to their group; every
    /// aggregate must be a plain `count` (the count pushdowns in `fast.rs` check that).
    pub(crate) fn push_counted(
        &mut self,
        row: &[Val],
        keyvals: Vec<Val>,
        n: u64,
        ctx: &Ctx<'_>,
    ) -> Result<(), ExecError> {
        let gi = self.group_of(row, GroupKey::Many(keyvals), ctx)?;
        let k = self.p.aggs.len();
        for state in self.states[gi * k..(gi + 1) * k].iter_mut() {
            state.add_count(n);
        }
        Ok(())
    }

    /// Projects each group into `out` (rows it rejects under ORDER BY ... LIMIT come back
    /// to be filled again, so a large grouping allocates few rows).
    pub(crate) fn finish(
        mut self,
        ctx: &Ctx<'_>,
        out: &mut Collector<'_>,
    ) -> Result<(), ExecError> {
        let p = self.p;
        if self.clustered {
            self.seal(ctx)?;
            if let Some(passed) = self.passed {
                return passed.finish(p, ctx, out);
            }
            ctx.budget.release(self.done_bytes);
            for (row, sort, bytes) in self.done {
                out.push_sized(row, sort, bytes, ctx)?;
            }
            return Ok(());
        }
        let mut groups = self.groups;
        let mut states = self.states.into_iter();
        if groups.is_empty() && p.keys.is_empty() {
            groups.push(Group {
                key: GroupKey::Many(Vec::new()),
                hash: 0,
                row: Vec::new(),
            });
            states = p
                .aggs
                .iter()
                .map(AggState::new)
                .collect::<Vec<_>>()
                .into_iter();
        }
        let n = p.aggs.len();
        let mut projector = self.out;
        if let Some(mut passed) = Passed::of(p) {
            for Group { key, row, .. } in groups {
                let spare = passed.spare();
                let (row, _) = projector.project(key, row, states.by_ref().take(n), ctx, spare)?;
                passed.push(p, row, ctx)?;
            }
            return passed.finish(p, ctx, out);
        }
        for Group { key, row, .. } in groups {
            let spare = out.spare();
            let (row, sort) = projector.project(key, row, states.by_ref().take(n), ctx, spare)?;
            out.push(row, sort, ctx)?;
        }
        Ok(())
    }
}
