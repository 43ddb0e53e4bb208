//! Temporal values with openCypher semantics: dates, times, date-times and durations (a leaf module: it names no other part of the engine).
//!
//! Calendar arithmetic (proleptic Gregorian, any year the TCK uses, ISO weeks, quarters) and
//! openCypher's `Duration` arithmetic are our own code; only time-zone rules come from `jiff`'s
//! bundled IANA database, so results do not depend on the machine's `tzdata`.
//!
//! Behaviour follows Neo4j's `java.time` based implementation: a wall-clock time in a zone's gap
//! moves forward by the gap, one in an overlap keeps the earlier offset (or the offset it was
//! given); jiff covers years -9999..9999 only, so outside them a zone's offset is the one at the
//! nearest instant jiff covers. Dates span years -999,999,999..=999,999,999.
//!
//! Layout: `civil` (calendar math), `zone` (offsets, zones, instants), `parse` and `format`
//! (string forms), `fields` and `construct` (maps, selection, the clock, epochs), `access`
//! (components), `truncate`, `arith` (duration arithmetic), `between`, `order`.
//!
//! ```
//! use evroad::temporal::{Kind, Temporal};
//! let d = Temporal::parse(Kind::Date, "2021-11-29").unwrap();
//! assert_eq!(d.to_string(), "2021-11-29");
//! ```

use std::sync::Arc;

mod access;
mod arith;
mod between;
mod civil;
mod construct;
mod fields;
mod format;
mod order;
mod parse;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_extra;
#[cfg(test)]
mod tests_order;
#[cfg(test)]
mod tests_props;
#[cfg(test)]
mod tests_t1;
#[cfg(test)]
mod tests_t10;
#[cfg(test)]
mod tests_t2;
#[cfg(test)]
mod tests_t3;
#[cfg(test)]
mod tests_t5;
#[cfg(test)]
mod tests_t6;
#[cfg(test)]
mod tests_t7;
#[cfg(test)]
mod tests_t8;
#[cfg(test)]
mod tests_t9;
mod truncate;
pub use truncate::UNITS as TRUNCATION_UNITS;
mod zone;

/// The six temporal types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `date`
    Date,
    /// `localtime`
    LocalTime,
    /// `time` (with an offset)
    Time,
    /// `localdatetime`
    LocalDateTime,
    /// `datetime` (with an offset or a zone id)
    DateTime,
    /// `duration`
    Duration,
}

impl Kind {
    /// Every kind, in declaration order.
    pub const ALL: [Kind; 6] = [
        Kind::Date,
        Kind::LocalTime,
        Kind::Time,
        Kind::LocalDateTime,
        Kind::DateTime,
        Kind::Duration,
    ];

    /// The constructor's name (`date`, `localtime`, `time`, `localdatetime`, `datetime`, `duration`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Date => "date",
            Kind::LocalTime => "localtime",
            Kind::Time => "time",
            Kind::LocalDateTime => "localdatetime",
            Kind::DateTime => "datetime",
            Kind::Duration => "duration",
        }
    }

    /// The type's name in error messages and `valueType()` (`Date`, `LocalTime`, ...).
    pub fn type_name(self) -> &'static str {
        match self {
            Kind::Date => "Date",
            Kind::LocalTime => "LocalTime",
            Kind::Time => "Time",
            Kind::LocalDateTime => "LocalDateTime",
            Kind::DateTime => "DateTime",
            Kind::Duration => "Duration",
        }
    }

    /// The kind whose constructor is `name`, ignoring case.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(name))
    }
}

/// A calendar date: days since 1970-01-01 in the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Days since 1970-01-01 (negative before).
    pub days: i64,
}

/// A time of day without an offset: nanoseconds since midnight, `0..86_400_000_000_000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalTime {
    /// Nanoseconds since midnight.
    pub nanos: i64,
}

/// A time of day with an offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Time {
    /// The local time of day.
    pub time: LocalTime,
    /// Seconds east of UTC.
    pub offset: i32,
}

/// A date and a time of day without an offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LocalDateTime {
    /// The date.
    pub date: Date,
    /// The time of day.
    pub time: LocalTime,
}

/// A date and time with an offset, and the IANA zone it was given in (if any).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// The local date and time (wall clock at `offset`).
    pub local: LocalDateTime,
    /// Seconds east of UTC in force at that instant.
    pub offset: i32,
    /// The zone id (`Europe/Stockholm`), or `None` for a fixed offset.
    pub zone: Option<Arc<str>>,
}

/// An openCypher duration: months, days and seconds kept apart (they do not convert exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    /// Months (years are twelve months).
    pub months: i64,
    /// Days (weeks are seven days).
    pub days: i64,
    /// Seconds (hours and minutes convert exactly).
    pub seconds: i64,
    /// Nanoseconds, `0..1_000_000_000`, added to `seconds`.
    pub nanos: i32,
}

/// A temporal value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Temporal {
    /// A date.
    Date(Date),
    /// A local time.
    LocalTime(LocalTime),
    /// A time with an offset.
    Time(Time),
    /// A local date-time.
    LocalDateTime(LocalDateTime),
    /// A date-time with an offset or zone.
    DateTime(DateTime),
    /// A duration.
    Duration(Duration),
}

/// Why a temporal operation failed; the engine maps each to its error type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemporalError {
    /// A string is not a temporal value of the requested type (the string and what was expected).
    Parse(String),
    /// A component or argument is invalid: out of range, unknown, or not allowed with another.
    Argument(String),
    /// The result is outside the representable range.
    Overflow(String),
}

impl std::fmt::Display for TemporalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemporalError::Parse(m) | TemporalError::Argument(m) | TemporalError::Overflow(m) => {
                f.write_str(m)
            }
        }
    }
}

impl std::error::Error for TemporalError {}

/// A result of a temporal operation.
pub type Result<T> = std::result::Result<T, TemporalError>;

/// A value handed to a constructor or `truncate` in a map (`{year: 2021, timezone: 'Europe/Paris'}`).
#[derive(Debug, Clone, Copy)]
pub enum Field<'a> {
    /// `null`
    Null,
    /// An integer.
    Int(i64),
    /// A float (only where the type allows fractions, e.g. `duration({days: 1.5})`).
    Float(f64),
    /// A string (`timezone`).
    Str(&'a str),
    /// A temporal value (selection: `{date: d, time: t}`).
    Temporal(&'a Temporal),
    /// Anything else (a list, map, node, ...): always an argument error.
    Other,
}

/// A number for duration multiplication and division.
#[derive(Debug, Clone, Copy)]
pub enum Num {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
}

/// What a temporal component access (`d.year`, `d.timezone`) gives.
#[derive(Debug, Clone, PartialEq)]
pub enum Component {
    /// An integer component.
    Int(i64),
    /// A string component (`timezone`, `offset`).
    Str(String),
}

/// The unit of `duration.between` and its variants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Between {
    /// `duration.between`: months, days and seconds.
    All,
    /// `duration.inMonths`.
    Months,
    /// `duration.inDays`.
    Days,
    /// `duration.inSeconds`.
    Seconds,
}

impl Temporal {
    /// The value's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Temporal::Date(_) => Kind::Date,
            Temporal::LocalTime(_) => Kind::LocalTime,
            Temporal::Time(_) => Kind::Time,
            Temporal::LocalDateTime(_) => Kind::LocalDateTime,
            Temporal::DateTime(_) => Kind::DateTime,
            Temporal::Duration(_) => Kind::Duration,
        }
    }
}
