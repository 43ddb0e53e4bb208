//! Grouping with aggregates: rows in (from a list or straight from a MATCH), one state per group and aggregate, projected rows out.

use super::aggregate::AggState;
use super::eval::eval;
use super::kernel::KV;
use super::project::Collector;
use super::{Ctx, ExecError, Row};
use crate::plan::{PKind, ProjectOp};
use crate::store::FxHasher;
use crate::val::{Key, Val};
use hashbrown::HashTable;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

/// A group's key values, hashed and compared with openCypher's grouping equivalence
/// (null = null, 1 = 1.0) without building a [`Key`] (no copy of strings). Most
/// projections group by one expression, which then needs no vector.
pub(super) enum GroupKey {
    One(Val),
    Many(Vec<Val>),
}

impl GroupKey {
    pub(super) fn vals(&self) -> &[Val] {
        match self {
            GroupKey::One(v) => std::slice::from_ref(v),
            GroupKey::Many(vs) => vs,
        }
    }
}

impl PartialEq for GroupKey {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.vals(), other.vals());
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same_group(x, y))
    }
}
impl Eq for GroupKey {}

impl Hash for GroupKey {
    fn hash<H: Hasher>(&self, h: &mut H) {
        for v in self.vals() {
            hash_val(v, h);
        }
    }
}

/// Whether two key values fall in one group (equal as [`Key`]s).
pub(super) fn same_group(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Str(x), Val::Str(y)) => x == y,
        (Val::Node(x), Val::Node(y)) => x == y,
        (Val::Int(x), Val::Int(y)) => x == y,
        _ => a.key() == b.key(),
    }
}

/// Hashes `v` so that values in one group hash alike (integral floats as integers).
pub(super) fn hash_val<H: Hasher>(v: &Val, h: &mut H) {
    match v {
        Val::Str(s) => {
            h.write_u8(1);
            s.hash(h);
        }
        Val::Node(n) => {
            h.write_u8(2);
            n.hash(h);
        }
        Val::Int(i) => {
            h.write_u8(3);
            h.write_i64(*i);
        }
        other => match other.key() {
            Key::Int(i) => {
                h.write_u8(3);
                h.write_i64(i);
            }
            k => {
                h.write_u8(4);
                k.hash(h);
            }
        },
    }
}

/// Hashes a column value as [`hash_val`] hashes the same value.
fn hash_kv<H: Hasher>(kv: KV<'_>, h: &mut H) {
    match kv {
        KV::Int(i) => {
            h.write_u8(3);
            h.write_i64(i);
        }
        KV::Str(s) => {
            h.write_u8(1);
            s.hash(h);
        }
        KV::Other(v) => hash_val(v, h),
        other => hash_val(&other.scalar().unwrap_or(Val::Null), h),
    }
}

/// Whether a column value falls in the group of key value `v` (as [`same_group`]).
fn kv_same(kv: KV<'_>, v: &Val) -> bool {
    match (kv, v) {
        (KV::Int(a), Val::Int(b)) => a == *b,
        (KV::Str(a), Val::Str(b)) => a == b,
        (KV::Str(_), _) => false,
        (KV::Other(a), b) => same_group(a, b),
        (k, b) => k.scalar().is_some_and(|a| same_group(&a, b)),
    }
}

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
    /// Per item: the aggregate it is, when nothing else reads that aggregate (its value
    /// is moved into the row, not copied: a collected list is not cloned).
    moves: Vec<Option<usize>>,
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
        let exprs = || {
            p.items
                .iter()
                .map(|(e, _)| e)
                .chain(p.order.iter().map(|(e, _)| e))
        };
        let uses = |j: usize| {
            exprs()
                .chain(&p.filter)
                .map(|e| e.agg_uses(j))
                .sum::<usize>()
        };
        let moves = p
            .items
            .iter()
            .map(|(e, _)| match e.kind {
                PKind::Agg(j) if uses(j) == 1 => Some(j),
                _ => None,
            })
            .collect();
        Grouper {
            p,
            index: HashTable::new(),
            groups: Vec::new(),
            states: Vec::new(),
            memo_slots: (!slots.contains(&usize::MAX)).then_some(slots),
            last: None,
            keep_row,
            moves,
        }
    }

    /// The group of `key`, created (with `row` as its first row) when new.
    fn group_of(&mut self, row: &[Val], key: GroupKey) -> usize {
        let hash = BuildHasherDefault::<FxHasher>::default().hash_one(&key);
        let groups = &self.groups;
        if let Some(gi) = self.index.find(hash, |gi| groups[*gi as usize].key == key) {
            return *gi as usize;
        }
        self.add_group(key, hash, row)
    }

    /// Adds a group (with `row` as its first row, when rows are kept); returns its number.
    fn add_group(&mut self, key: GroupKey, hash: u64, row: &[Val]) -> usize {
        let gi = self.groups.len();
        self.groups.push(Group {
            key,
            hash,
            row: if self.keep_row {
                row.to_vec()
            } else {
                Vec::new()
            },
        });
        let groups = &self.groups;
        self.index
            .insert_unique(hash, gi as u32, |gi| groups[*gi as usize].hash);
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
        let mut h = FxHasher::default();
        for kv in kvs {
            hash_kv(*kv, &mut h);
        }
        let hash = h.finish();
        let groups = &self.groups;
        let same = |gi: &u32| {
            let vals = groups[*gi as usize].key.vals();
            vals.len() == kvs.len() && kvs.iter().zip(vals).all(|(k, v)| kv_same(*k, v))
        };
        if let Some(gi) = self.index.find(hash, same) {
            return Ok(*gi as usize);
        }
        let key = match kvs {
            [k] if self.p.keys.len() == 1 => GroupKey::One(k.owned()),
            _ => GroupKey::Many(kvs.iter().map(|k| k.owned()).collect()),
        };
        let gi = self.add_group(key, hash, &[]);
        ctx.budget.charge(self.group_bytes(gi))?;
        Ok(gi)
    }

    /// The aggregate states of group `gi`, one per aggregate of the projection.
    pub(super) fn states_of(&mut self, gi: usize) -> &mut [AggState] {
        let n = self.p.aggs.len();
        &mut self.states[gi * n..(gi + 1) * n]
    }

    /// Approximate bytes group `gi` holds: its key, its first row and its aggregate states.
    fn group_bytes(&self, gi: usize) -> usize {
        let g = &self.groups[gi];
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
    pub(super) fn merge(&mut self, other: Grouper<'_>) -> bool {
        let n = self.p.aggs.len();
        let mut states = other.states.into_iter();
        for g in other.groups {
            let groups = &self.groups;
            let gi = match self
                .index
                .find(g.hash, |gi| groups[*gi as usize].key == g.key)
            {
                Some(gi) => *gi as usize,
                None => self.add_group(g.key, g.hash, &g.row),
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
                let before = self.groups.len();
                let gi = self.group_of(row, key);
                if self.groups.len() > before {
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
    pub(crate) fn push_counted(&mut self, row: &[Val], keyvals: Vec<Val>, n: u64) {
        let gi = self.group_of(row, GroupKey::Many(keyvals));
        let k = self.p.aggs.len();
        for state in self.states[gi * k..(gi + 1) * k].iter_mut() {
            state.add_count(n);
        }
    }

    /// Projects each group into `out` (rows it rejects under ORDER BY ... LIMIT come back
    /// to be filled again, so a large grouping allocates few rows).
    pub(crate) fn finish(self, ctx: &Ctx<'_>, out: &mut Collector<'_>) -> Result<(), ExecError> {
        let p = self.p;
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
        let width = p.items.iter().map(|(_, s)| s + 1).max().unwrap_or(0);
        let mut aggs = Vec::with_capacity(p.aggs.len());
        let mut moved: Vec<Option<Val>> = Vec::with_capacity(p.items.len());
        let mut vals = Vec::with_capacity(p.items.len());
        for Group {
            key, row: first, ..
        } in groups
        {
            aggs.clear();
            for (s, spec) in states.by_ref().take(p.aggs.len()).zip(&p.aggs) {
                aggs.push(s.finish(spec, &first, ctx)?);
            }
            moved.clear();
            for m in &self.moves {
                moved.push(m.map(|j| std::mem::replace(&mut aggs[j], Val::Null)));
            }
            let gctx = Ctx {
                g: ctx.g,
                params: ctx.params,
                aggs: &aggs,
                budget: ctx.budget,
                read_only: ctx.read_only,
            };
            let (mut row, mut sort) = out.spare();
            if self.keep_row {
                row = first;
            } else if row.len() != width {
                // A recycled row of this projection already has nulls outside its items.
                row.clear();
            }
            if row.len() < width {
                row.resize(width, Val::Null);
            }
            let (mut one, mut many) = match key {
                GroupKey::One(v) => (Some(v), Vec::new().into_iter()),
                GroupKey::Many(vs) => (None, vs.into_iter()),
            };
            let mut keyvals = std::iter::from_fn(|| one.take().or_else(|| many.next()));
            vals.clear();
            for (i, ((e, _), m)) in p.items.iter().zip(&mut moved).enumerate() {
                vals.push(if p.keys.contains(&i) {
                    keyvals.next().unwrap_or(Val::Null)
                } else if let Some(v) = m.take() {
                    v
                } else {
                    eval(e, &row, &gctx)?
                });
            }
            for ((_, slot), v) in p.items.iter().zip(vals.drain(..)) {
                row[*slot] = v;
            }
            sort.clear();
            for (e, _) in &p.order {
                sort.push(eval(e, &row, &gctx)?);
            }
            out.push(row, sort, ctx)?;
        }
        Ok(())
    }
}
