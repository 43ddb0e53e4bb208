//! Comparison (`<`, `<=`, ...) and the total order ORDER BY uses.

use std::cmp::Ordering;

use super::arith::total_nanos;
use super::civil::NANOS_PER_SECOND;
use super::zone::{instant_nanos, zone_id};
use super::{Duration, Temporal, Time};

/// A time's instant on the UTC clock face: nanoseconds of day minus the offset.
fn utc_nanos(t: &Time) -> i128 {
    i128::from(t.time.nanos) - i128::from(t.offset) * i128::from(NANOS_PER_SECOND)
}

/// Durations by their average length (a month is 2,629,746 s, a day 86,400 s), then by parts.
fn duration_order(a: &Duration, b: &Duration) -> Ordering {
    let approx = |d: &Duration| {
        (i128::from(d.months) * 2_629_746 + i128::from(d.days) * 86_400)
            * i128::from(NANOS_PER_SECOND)
            + total_nanos(d)
    };
    approx(a)
        .cmp(&approx(b))
        .then(a.months.cmp(&b.months))
        .then(a.days.cmp(&b.days))
        .then(a.seconds.cmp(&b.seconds))
        .then(a.nanos.cmp(&b.nanos))
}

impl Temporal {
    /// openCypher comparison (`<`, `<=`, ...): `None` when the values are incomparable (different
    /// kinds, or durations).
    pub fn compare(&self, other: &Temporal) -> Option<Ordering> {
        match (self, other) {
            (Temporal::Duration(_), _) => None,
            _ if self.kind() != other.kind() => None,
            _ => Some(self.order(other)),
        }
    }

    /// The total order ORDER BY uses between two values of the same kind (durations included);
    /// values of different kinds order by kind. Agrees with `==`: `Equal` only for equal values.
    pub fn order(&self, other: &Temporal) -> Ordering {
        match (self, other) {
            (Temporal::Date(a), Temporal::Date(b)) => a.cmp(b),
            (Temporal::LocalTime(a), Temporal::LocalTime(b)) => a.cmp(b),
            (Temporal::Time(a), Temporal::Time(b)) => {
                utc_nanos(a).cmp(&utc_nanos(b)).then(a.time.cmp(&b.time))
            }
            (Temporal::LocalDateTime(a), Temporal::LocalDateTime(b)) => a.cmp(b),
            (Temporal::DateTime(a), Temporal::DateTime(b)) => instant_nanos(a)
                .cmp(&instant_nanos(b))
                .then(a.local.cmp(&b.local))
                .then_with(|| zone_id(a).cmp(&zone_id(b))),
            (Temporal::Duration(a), Temporal::Duration(b)) => duration_order(a, b),
            _ => self.kind().cmp(&other.kind()),
        }
    }
}
