//! Aggregate functions: count, sum, avg, min, max, collect, stDev, percentiles; DISTINCT aware.

use super::eval::eval;
use super::kernel::KV;
use super::ops::arith;
use super::{Ctx, ExecError};
use crate::operators::BinOp;
use crate::plan::{AggFunc, AggSpec, PKind};
use crate::store::FxSet;
use crate::val::{order, Key, Val};

/// Running state of one aggregate in one group (small: a grouping keeps one per group and
/// aggregate, so counts carry no room for what other functions accumulate).
pub(crate) struct AggState {
    count: i64,
    acc: Acc,
    /// Values seen so far, for DISTINCT.
    seen: Option<Box<Seen>>,
}

/// The values a DISTINCT aggregate has seen: integers (and the floats equal to them) and
/// strings in sets of their own, which hash a plain `i64` or `str` instead of a key (a
/// string already seen is looked up without being copied).
#[derive(Default)]
struct Seen {
    ints: FxSet<i64>,
    strs: FxSet<String>,
    other: FxSet<Key>,
}

impl Seen {
    /// Whether `k` is new (and now seen).
    fn insert(&mut self, k: Key) -> bool {
        match k {
            Key::Int(i) => self.ints.insert(i),
            Key::Str(s) => self.strs.insert(s),
            k => self.other.insert(k),
        }
    }

    fn into_keys(self) -> impl Iterator<Item = Key> {
        let strs = self.strs.into_iter().map(Key::Str);
        self.ints
            .into_iter()
            .map(Key::Int)
            .chain(strs)
            .chain(self.other)
    }
}

/// What an aggregate accumulates besides its count.
enum Acc {
    None,
    /// An integer sum or average so far, exact (an overflow shows only if the final sum
    /// does not fit, whatever order the values came in).
    Int(i128),
    /// A float or duration sum or average.
    Sum(Val),
    Best(Option<Val>),
    Items(Vec<Val>),
    Floats(Vec<f64>),
}

impl AggState {
    pub(crate) fn new(spec: &AggSpec) -> Self {
        let acc = match spec.func {
            AggFunc::Count | AggFunc::CountStar => Acc::None,
            AggFunc::Sum | AggFunc::Avg => Acc::Int(0),
            AggFunc::Min | AggFunc::Max => Acc::Best(None),
            AggFunc::Collect => Acc::Items(Vec::new()),
            _ => Acc::Floats(Vec::new()),
        };
        AggState {
            count: 0,
            acc,
            seen: spec.distinct.then(Default::default),
        }
    }

    /// Counts `n` more non-null values (the count pushdown).
    pub(crate) fn add_count(&mut self, n: u64) {
        self.count = self
            .count
            .saturating_add(i64::try_from(n).unwrap_or(i64::MAX));
    }

    pub(crate) fn update(
        &mut self,
        spec: &AggSpec,
        row: &[Val],
        ctx: &Ctx<'_>,
    ) -> Result<(), ExecError> {
        if spec.func == AggFunc::CountStar {
            self.count += 1;
            return Ok(());
        }
        let Some(arg) = &spec.arg else { return Ok(()) };
        // count(x) of a variable: whether it is null, without copying it.
        if let (AggFunc::Count, None, PKind::Slot(s)) = (spec.func, &self.seen, &arg.kind) {
            if !matches!(row.get(*s), None | Some(Val::Null)) {
                self.count += 1;
            }
            return Ok(());
        }
        let v = eval(arg, row, ctx)?;
        self.add(spec, v, ctx)
    }

    /// Counts a row (`count(*)`).
    pub(crate) fn count_row(&mut self) {
        self.count += 1;
    }

    /// `count(DISTINCT x)` of a batch's non-null integer arguments at once, as adding them
    /// one by one would. Whether it applied (else nothing changed).
    pub(crate) fn add_distinct_ints(
        &mut self,
        spec: &AggSpec,
        ints: &[i64],
        ctx: &Ctx<'_>,
    ) -> Result<bool, ExecError> {
        let (AggFunc::Count, Some(seen), Acc::None) = (spec.func, self.seen.as_mut(), &self.acc)
        else {
            return Ok(false);
        };
        let before = seen.ints.len();
        seen.ints.extend(ints.iter().copied());
        let new = seen.ints.len() - before;
        ctx.budget
            .charge(new * super::memory::val_bytes(&Val::Int(0)))?;
        self.count += new as i64;
        Ok(true)
    }

    /// Adds the non-null integer arguments of a batch at once, as adding them one by one
    /// would: count, sum over an integer sum, average, minimum and maximum over an
    /// integer. Returns `false`, having changed nothing, for anything else (DISTINCT, a
    /// float sum, a sum that would overflow on the way, another function): the caller then
    /// adds them one by one.
    pub(crate) fn add_ints(&mut self, spec: &AggSpec, ints: &[i64]) -> bool {
        if self.seen.is_some() {
            return false;
        }
        match (spec.func, &mut self.acc) {
            (AggFunc::Count, Acc::None) => {}
            (AggFunc::Sum | AggFunc::Avg, Acc::Int(t)) => {
                *t += exact_sum(ints);
            }
            // Averages that met a float go on as floats, in order (`add`).
            (AggFunc::Avg, Acc::Sum(Val::Float(t))) => {
                for i in ints {
                    *t += *i as f64;
                }
            }
            (f @ (AggFunc::Min | AggFunc::Max), Acc::Best(best)) => {
                let folded = match f {
                    AggFunc::Min => ints.iter().min(),
                    _ => ints.iter().max(),
                };
                let Some(&x) = folded else { return true };
                match best {
                    None => *best = Some(Val::Int(x)),
                    Some(Val::Int(b)) => {
                        if (f == AggFunc::Min && x < *b) || (f == AggFunc::Max && x > *b) {
                            *b = x;
                        }
                    }
                    Some(_) => return false,
                }
            }
            _ => return false,
        }
        self.count = self.count.saturating_add(ints.len() as i64);
        true
    }

    /// Adds the argument value `kv`, read from a property column: counts, integer and
    /// float sums and averages, and integer and string minima and maxima without building
    /// a value; anything else as [`AggState::add`].
    pub(crate) fn add_kv(
        &mut self,
        spec: &AggSpec,
        kv: KV<'_>,
        ctx: &Ctx<'_>,
    ) -> Result<(), ExecError> {
        // count(DISTINCT x) over integers: the set takes the integer as it is.
        if let (Some(seen), KV::Int(i), Acc::None) = (self.seen.as_mut(), kv, &self.acc) {
            if seen.ints.insert(i) {
                ctx.budget.charge(super::memory::val_bytes(&Val::Int(i)))?;
                self.count += 1;
            }
            return Ok(());
        }
        // count(DISTINCT x) over strings: one already seen costs a lookup, no copy.
        if let (Some(seen), KV::Str(x), Acc::None) = (self.seen.as_mut(), kv, &self.acc) {
            if !seen.strs.contains(x) {
                ctx.budget.charge(std::mem::size_of::<Val>() + x.len())?;
                seen.strs.insert(x.to_string());
                self.count += 1;
            }
            return Ok(());
        }
        if self.seen.is_none() {
            let min = spec.func == AggFunc::Min;
            let done = match (kv, &mut self.acc) {
                (KV::Null, _) => return Ok(()),
                (KV::Int(_) | KV::Float(_) | KV::Str(_) | KV::Bool(_) | KV::Date(_), Acc::None) => {
                    true
                }
                (KV::Int(i), Acc::Int(t)) => {
                    *t += i128::from(i);
                    true
                }
                (KV::Int(i), Acc::Sum(Val::Float(s))) => {
                    *s += i as f64;
                    true
                }
                (KV::Float(f), Acc::Sum(Val::Float(s))) => {
                    *s += f;
                    true
                }
                (KV::Int(i), Acc::Best(Some(Val::Int(b)))) => {
                    if (min && i < *b) || (!min && i > *b) {
                        *b = i;
                    }
                    true
                }
                (KV::Str(x), Acc::Best(Some(Val::Str(b)))) => {
                    if (min && x < b.as_str()) || (!min && x > b.as_str()) {
                        b.clear();
                        b.push_str(x);
                    }
                    true
                }
                _ => false,
            };
            if done {
                self.count += 1;
                return Ok(());
            }
        }
        self.add(spec, kv.owned(), ctx)
    }

    /// Adds the argument value `v` (null is skipped; DISTINCT keeps the first of equals).
    pub(crate) fn add(&mut self, spec: &AggSpec, v: Val, ctx: &Ctx<'_>) -> Result<(), ExecError> {
        if v == Val::Null || self.seen.as_mut().is_some_and(|s| !s.insert(v.key())) {
            return Ok(());
        }
        if self.seen.is_some() || matches!(self.acc, Acc::Items(_) | Acc::Floats(_)) {
            // Whatever this aggregate keeps per value counts against the memory budget.
            ctx.budget.charge(super::memory::val_bytes(&v))?;
        }
        self.count += 1;
        if let Acc::Int(t) = &mut self.acc {
            if let Val::Int(i) = v {
                *t += i128::from(i);
                return Ok(());
            }
            // A float, a duration or a wrong type: on as a value sum, as `+` adds.
            let so_far = i64::try_from(*t).map_or(Val::Float(*t as f64), Val::Int);
            self.acc = Acc::Sum(so_far);
        }
        match &mut self.acc {
            Acc::None | Acc::Int(_) => {}
            Acc::Sum(sum) => {
                let duration = matches!(v, Val::Temporal(ref t) if matches!(t.as_ref(), crate::temporal::Temporal::Duration(_)));
                if !matches!(v, Val::Int(_) | Val::Float(_)) && !duration {
                    return Err(ExecError::type_error(format!(
                        "sum()/avg() need numbers or durations, got {}",
                        v.type_name()
                    ))
                    .at(spec.span));
                }
                let acc = std::mem::replace(sum, Val::Null);
                *sum = if duration || matches!(acc, Val::Temporal(_)) {
                    // Durations add as durations (the first one replaces the initial 0); a
                    // duration among numbers is the type error `+` reports.
                    let acc = if self.count == 1 {
                        super::temporal::zero_duration()
                    } else {
                        acc
                    };
                    arith(BinOp::Add, acc, v).map_err(|e| e.at(spec.span))?
                } else if spec.func == AggFunc::Avg {
                    // Averages accumulate as floats to avoid integer overflow.
                    arith(BinOp::Add, to_f(acc), to_f(v))?
                } else {
                    arith(BinOp::Add, acc, v).map_err(|e| e.at(spec.span))?
                };
            }
            Acc::Best(best) => {
                let better = match best {
                    None => true,
                    Some(b) => {
                        let o = order(&v, b);
                        if spec.func == AggFunc::Min {
                            o.is_lt()
                        } else {
                            o.is_gt()
                        }
                    }
                };
                if better {
                    *best = Some(v);
                }
            }
            Acc::Items(items) => items.push(v),
            Acc::Floats(floats) => match v {
                Val::Int(i) => floats.push(i as f64),
                Val::Float(f) => floats.push(f),
                other => {
                    return Err(ExecError::type_error(format!(
                        "expected a number, got {}",
                        other.type_name()
                    ))
                    .at(spec.span))
                }
            },
        }
        Ok(())
    }

    /// Folds in `other`, the state of the same aggregate over rows that come after this
    /// state's, as adding those rows one by one would have left it: counts, DISTINCT
    /// counts and lists, exact integer sums and averages, minima and maxima, collected
    /// lists and the values of deviations and percentiles. Returns `false` (both states
    /// then unusable) where the result could differ in the last bit, as a float sum
    /// would: the caller then aggregates the rows in order.
    ///
    /// ```text
    /// count: 3 + 4 = 7   sum: 10 + 5 = 15   min: min(2, 1) = 1   collect: [a, b] ++ [c]
    /// ```
    pub(crate) fn merge(&mut self, spec: &AggSpec, other: AggState) -> bool {
        if other.count == 0 {
            return true;
        }
        if self.count == 0 {
            *self = other;
            return true;
        }
        let min = spec.func == AggFunc::Min;
        match (&mut self.acc, other.acc, &mut self.seen, other.seen) {
            (_, Acc::Best(None), _, _) => {}
            (Acc::Best(best), Acc::Best(Some(v)), _, _) => {
                let better = best.as_ref().is_none_or(|b| {
                    let o = order(&v, b);
                    (min && o.is_lt()) || (!min && o.is_gt())
                });
                if better {
                    *best = Some(v);
                }
            }
            (Acc::None, Acc::None, Some(seen), Some(theirs)) => {
                for k in theirs.into_keys() {
                    self.count += i64::from(seen.insert(k));
                }
                return true;
            }
            (Acc::Items(items), Acc::Items(theirs), Some(seen), Some(_)) => {
                for v in theirs {
                    if seen.insert(v.key()) {
                        items.push(v);
                        self.count += 1;
                    }
                }
                return true;
            }
            (_, _, Some(_), _) | (_, _, _, Some(_)) => return false,
            (Acc::None, Acc::None, None, None) => {}
            (Acc::Int(t), Acc::Int(u), None, None) => *t += u,
            (Acc::Items(items), Acc::Items(theirs), None, None) => items.extend(theirs),
            (Acc::Floats(xs), Acc::Floats(theirs), None, None) => xs.extend(theirs),
            _ => return false,
        }
        self.count = self.count.saturating_add(other.count);
        true
    }

    pub(crate) fn finish(
        self,
        spec: &AggSpec,
        row: &[Val],
        ctx: &Ctx<'_>,
    ) -> Result<Val, ExecError> {
        let count = self.count;
        let (sum, best, items, floats) = match self.acc {
            Acc::None => (Val::Null, None, Vec::new(), Vec::new()),
            Acc::Int(t) if spec.func == AggFunc::Avg => {
                let avg = (count > 0).then(|| Val::Float(t as f64 / count as f64));
                return Ok(avg.unwrap_or(Val::Null));
            }
            Acc::Int(t) => {
                let sum = i64::try_from(t).map_err(|_| super::eval::overflow().at(spec.span))?;
                return Ok(Val::Int(sum));
            }
            Acc::Sum(v) => (v, None, Vec::new(), Vec::new()),
            Acc::Best(b) => (Val::Null, b, Vec::new(), Vec::new()),
            Acc::Items(i) => (Val::Null, None, i, Vec::new()),
            Acc::Floats(f) => (Val::Null, None, Vec::new(), f),
        };
        Ok(match spec.func {
            AggFunc::Count | AggFunc::CountStar => Val::Int(count),
            AggFunc::Sum => sum,
            AggFunc::Avg => match sum {
                Val::Float(f) if count > 0 => Val::Float(f / count as f64),
                Val::Temporal(_) if count > 0 => arith(BinOp::Div, sum, Val::Int(count))?,
                _ => Val::Null,
            },
            AggFunc::Min | AggFunc::Max => best.unwrap_or(Val::Null),
            AggFunc::Collect => Val::List(items),
            AggFunc::StDev | AggFunc::StDevP => {
                let n = floats.len() as f64;
                let denom = if spec.func == AggFunc::StDev {
                    n - 1.0
                } else {
                    n
                };
                if denom <= 0.0 {
                    Val::Float(0.0)
                } else {
                    let mean = floats.iter().sum::<f64>() / n;
                    Val::Float(
                        (floats.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / denom).sqrt(),
                    )
                }
            }
            AggFunc::PercentileCont | AggFunc::PercentileDisc => {
                let p = match spec.arg2.as_ref().map(|e| eval(e, row, ctx)).transpose()? {
                    Some(Val::Int(i)) => i as f64,
                    Some(Val::Float(f)) => f,
                    _ => {
                        return Err(
                            ExecError::type_error("percentile must be a number").at(spec.span)
                        )
                    }
                };
                if !(0.0..=1.0).contains(&p) {
                    return Err(ExecError::argument(
                        "NumberOutOfRange",
                        format!("percentile {p} is not between 0.0 and 1.0"),
                    )
                    .at(spec.span));
                }
                let mut xs = floats;
                if xs.is_empty() {
                    return Ok(Val::Null);
                }
                xs.sort_by(f64::total_cmp);
                let n = xs.len();
                if spec.func == AggFunc::PercentileDisc {
                    let idx = ((p * n as f64).ceil() as usize)
                        .saturating_sub(1)
                        .min(n - 1);
                    Val::Float(xs[idx])
                } else {
                    let pos = p * (n - 1) as f64;
                    let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
                    Val::Float(xs[lo] + (xs[hi] - xs[lo]) * (pos - lo as f64))
                }
            }
        })
    }
}

fn to_f(v: Val) -> Val {
    match v {
        Val::Int(i) => Val::Float(i as f64),
        other => other,
    }
}

/// The exact sum of `ints`: each split into its high and low 32 bits, summed as 64-bit
/// integers a million at a time (neither half can overflow there), which the compiler
/// vectorises, unlike a sum in 128 bits.
fn exact_sum(ints: &[i64]) -> i128 {
    ints.chunks(1 << 20)
        .map(|c| {
            let hi: i64 = c.iter().map(|x| x >> 32).sum();
            let lo: i64 = c.iter().map(|x| x & 0xFFFF_FFFF).sum();
            (i128::from(hi) << 32) + i128::from(lo)
        })
        .sum()
}

#[cfg(test)]
mod exact_sum_tests {
    use super::exact_sum;

    #[test]
    fn sums_exactly_at_the_extremes() {
        let v = [i64::MAX, i64::MAX, i64::MIN, -1, 5, i64::MIN];
        let want: i128 = v.iter().map(|x| i128::from(*x)).sum();
        assert_eq!(exact_sum(&v), want);
        let many = vec![i64::MAX; 3000];
        assert_eq!(exact_sum(&many), i128::from(i64::MAX) * 3000);
        assert_eq!(exact_sum(&[]), 0);
    }
}
