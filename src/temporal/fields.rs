//! Constructor maps: canonical keys, and date and time components over an optional selected base.

use super::civil::*;
use super::zone::Zone;
use super::{Field, Result, Temporal, TemporalError};

/// Date component keys.
pub(crate) const DATE_KEYS: [&str; 8] = [
    "year",
    "month",
    "day",
    "week",
    "dayOfWeek",
    "ordinalDay",
    "quarter",
    "dayOfQuarter",
];
/// Time component keys.
pub(crate) const TIME_KEYS: [&str; 6] = [
    "hour",
    "minute",
    "second",
    "millisecond",
    "microsecond",
    "nanosecond",
];
/// Duration component keys.
pub(crate) const DURATION_KEYS: [&str; 10] = [
    "years",
    "months",
    "weeks",
    "days",
    "hours",
    "minutes",
    "seconds",
    "milliseconds",
    "microseconds",
    "nanoseconds",
];

/// An argument error.
pub(crate) fn arg(msg: impl Into<String>) -> TemporalError {
    TemporalError::Argument(msg.into())
}

/// A map's entries under their canonical key names; nulls dropped.
pub(crate) struct Fields<'a> {
    entries: Vec<(&'static str, Field<'a>)>,
}

impl<'a> Fields<'a> {
    /// Canonicalizes keys (case-insensitive) against `allowed`; unknown or repeated keys are errors.
    pub(crate) fn new(
        fields: &[(&str, Field<'a>)],
        allowed: &[&'static str],
    ) -> Result<Fields<'a>> {
        let mut entries: Vec<(&'static str, Field<'a>)> = Vec::new();
        for (k, v) in fields {
            let key = allowed
                .iter()
                .find(|a| a.eq_ignore_ascii_case(k))
                .ok_or_else(|| arg(format!("unknown or misplaced temporal component {k}")))?;
            if entries.iter().any(|(e, _)| e == key) {
                return Err(arg(format!("component {k} given twice")));
            }
            if !matches!(v, Field::Null) {
                entries.push((key, *v));
            }
        }
        Ok(Fields { entries })
    }

    /// The raw field under `key`.
    pub(crate) fn get(&self, key: &str) -> Option<Field<'a>> {
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
    }

    /// Whether `key` is present.
    pub(crate) fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Whether any of `keys` is present.
    pub(crate) fn any(&self, keys: &[&str]) -> bool {
        keys.iter().any(|k| self.has(k))
    }

    /// An integer component.
    pub(crate) fn int(&self, key: &str) -> Result<Option<i64>> {
        match self.get(key) {
            None => Ok(None),
            Some(Field::Int(i)) => Ok(Some(i)),
            Some(_) => Err(arg(format!("{key} must be an integer"))),
        }
    }

    /// A temporal value under `key` (selection).
    pub(crate) fn temporal(&self, key: &str) -> Result<Option<&'a Temporal>> {
        match self.get(key) {
            None => Ok(None),
            Some(Field::Temporal(t)) => Ok(Some(t)),
            Some(_) => Err(arg(format!("{key} must be a temporal value"))),
        }
    }

    /// The `timezone` entry as a zone.
    pub(crate) fn zone(&self) -> Result<Option<Zone>> {
        match self.get("timezone") {
            None => Ok(None),
            Some(Field::Str(s)) => Zone::parse(s).map(Some),
            Some(_) => Err(arg("timezone must be a string")),
        }
    }

    /// Whether the map holds nothing but a `timezone`.
    pub(crate) fn only_zone(&self) -> bool {
        self.entries.len() == 1 && self.has("timezone")
    }
}

/// Checks `v` against `lo..=hi`.
fn range(name: &str, v: i64, lo: i64, hi: i64) -> Result<i64> {
    if (lo..=hi).contains(&v) {
        Ok(v)
    } else {
        Err(arg(format!("{name} {v} out of range {lo}..{hi}")))
    }
}

/// The date from date components over an optional base date (selection); `None` when there is
/// neither. Without a base, `year` is required.
pub(crate) fn build_date(f: &Fields<'_>, base: Option<i64>) -> Result<Option<i64>> {
    let year = f.int("year")?;
    let week_form = f.any(&["week", "dayOfWeek"]);
    let ord_form = f.has("ordinalDay");
    let q_form = f.any(&["quarter", "dayOfQuarter"]);
    let cal_form = f.any(&["month", "day"]);
    if [week_form, ord_form, q_form, cal_form]
        .iter()
        .filter(|b| **b)
        .count()
        > 1
    {
        return Err(arg("conflicting date components"));
    }
    let Some(b) = base else {
        if !f.any(&DATE_KEYS) {
            return Ok(None);
        }
        let year = year.ok_or_else(|| arg("year must be specified"))?;
        return Ok(Some(if week_form {
            let week = f.int("week")?.ok_or_else(|| arg("dayOfWeek needs week"))?;
            from_week(year, week, f.int("dayOfWeek")?.unwrap_or(1))?
        } else if ord_form {
            from_ordinal(year, f.int("ordinalDay")?.unwrap_or(1))?
        } else if q_form {
            let q = f
                .int("quarter")?
                .ok_or_else(|| arg("dayOfQuarter needs quarter"))?;
            from_quarter(year, q, f.int("dayOfQuarter")?.unwrap_or(1))?
        } else {
            let month = f.int("month")?;
            if month.is_none() && f.has("day") {
                return Err(arg("day needs month"));
            }
            ymd(year, month.unwrap_or(1), f.int("day")?.unwrap_or(1))?
        }));
    };
    let (y, m, d) = civil_from_days(b);
    Ok(Some(if week_form {
        let (wy, w, dow) = week_date(b);
        let wy = check_year(year.unwrap_or(wy))?;
        let w = match f.int("week")? {
            Some(w) => w,
            None => w.min(weeks_in_year(wy)),
        };
        from_week(wy, w, f.int("dayOfWeek")?.unwrap_or(dow))?
    } else if ord_form {
        from_ordinal(year.unwrap_or(y), f.int("ordinalDay")?.unwrap_or(1))?
    } else if q_form {
        let y = check_year(year.unwrap_or(y))?;
        let q = f.int("quarter")?.unwrap_or(quarter_of(m));
        match f.int("dayOfQuarter")? {
            Some(doq) => from_quarter(y, q, doq)?,
            None => {
                let q = range("quarter", q, 1, 4)?;
                let nm = (q as u32 - 1) * 3 + (m - 1) % 3 + 1;
                ymd(y, i64::from(nm), i64::from(d.min(days_in_month(y, nm))))?
            }
        }
    } else {
        let y = check_year(year.unwrap_or(y))?;
        let month = f.int("month")?.unwrap_or(i64::from(m));
        let month = range("month", month, 1, 12)?;
        let day = match f.int("day")? {
            Some(day) => day,
            None => i64::from(d.min(days_in_month(y, month as u32))),
        };
        ymd(y, month, day)?
    }))
}

/// The time of day from time components over an optional base time; `None` when there is neither.
pub(crate) fn build_time(f: &Fields<'_>, base: Option<i64>) -> Result<Option<i64>> {
    let [h, mi, s, ms, us, ns] = [
        f.int("hour")?,
        f.int("minute")?,
        f.int("second")?,
        f.int("millisecond")?,
        f.int("microsecond")?,
        f.int("nanosecond")?,
    ];
    let sub = ms.is_some() || us.is_some() || ns.is_some();
    if base.is_none() {
        if !f.any(&TIME_KEYS) {
            return Ok(None);
        }
        if h.is_none() || (mi.is_none() && (s.is_some() || sub)) || (s.is_none() && sub) {
            return Err(arg(
                "time components must be given from the hour down without gaps",
            ));
        }
    }
    let b = base.unwrap_or(0);
    let bs = b / NANOS_PER_SECOND;
    let hour = range("hour", h.unwrap_or(bs / 3600), 0, 23)?;
    let minute = range("minute", mi.unwrap_or(bs / 60 % 60), 0, 59)?;
    let second = range("second", s.unwrap_or(bs % 60), 0, 59)?;
    let nanos = if sub {
        let ms_v = range("millisecond", ms.unwrap_or(0), 0, 999)?;
        let us_hi = if ms.is_some() { 999 } else { 999_999 };
        let us_v = range("microsecond", us.unwrap_or(0), 0, us_hi)?;
        let ns_hi = if us.is_some() {
            999
        } else if ms.is_some() {
            999_999
        } else {
            999_999_999
        };
        let ns_v = range("nanosecond", ns.unwrap_or(0), 0, ns_hi)?;
        ms_v * 1_000_000 + us_v * 1000 + ns_v
    } else {
        b % NANOS_PER_SECOND
    };
    Ok(Some(
        ((hour * 60 + minute) * 60 + second) * NANOS_PER_SECOND + nanos,
    ))
}
