//! Constructors: from maps (components and selection of other values), conversion, the clock, epochs.

use super::arith::cascade;
use super::civil::*;
use super::fields::*;
use super::zone::{from_instant, from_local, instant, Zone};
use super::{Date, DateTime, Field, Kind, LocalDateTime, LocalTime, Result, Temporal, Time};

/// The date of a date-bearing value.
fn date_of(t: &Temporal) -> Result<i64> {
    match t {
        Temporal::Date(d) => Ok(d.days),
        Temporal::LocalDateTime(l) => Ok(l.date.days),
        Temporal::DateTime(dt) => Ok(dt.local.date.days),
        _ => Err(arg(format!(
            "cannot select a date from a {}",
            t.kind().type_name()
        ))),
    }
}

/// The time of day of a time-bearing value.
fn time_of(t: &Temporal) -> Result<i64> {
    match t {
        Temporal::LocalTime(lt) => Ok(lt.nanos),
        Temporal::Time(tt) => Ok(tt.time.nanos),
        Temporal::LocalDateTime(l) => Ok(l.time.nanos),
        Temporal::DateTime(dt) => Ok(dt.local.time.nanos),
        _ => Err(arg(format!(
            "cannot select a time from a {}",
            t.kind().type_name()
        ))),
    }
}

/// The zone a selected value carries (a time's offset, a date-time's zone).
fn zone_of(t: &Temporal) -> Option<Zone> {
    match t {
        Temporal::Time(tt) => Some(Zone::Fixed(tt.offset)),
        Temporal::DateTime(dt) => Some(Zone::of(dt)),
        _ => None,
    }
}

/// The current clock reading in nanoseconds since the epoch.
pub(crate) fn clock() -> i128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// The offset a zone has now (a time of day with a named zone).
fn offset_now(zone: &Zone) -> i32 {
    zone.offset_at((clock() / 1_000_000_000) as i64)
}

/// A duration from a map (`{days: 1.5, hours: 2}`), fractions cascading down.
fn duration_from_map(f: &Fields<'_>) -> Result<Temporal> {
    let mut v = [0_i128; 10];
    for (i, key) in DURATION_KEYS.iter().enumerate() {
        v[i] = match f.get(key) {
            None => 0,
            Some(Field::Int(n)) => i128::from(n) * 1_000_000_000,
            Some(Field::Float(x)) if x.is_finite() && x.abs() < 1e20 => (x * 1e9) as i128,
            Some(Field::Float(_)) => return Err(overflow()),
            Some(_) => return Err(arg(format!("{key} must be a number"))),
        };
    }
    let months = v[0] * 12 + v[1];
    let days = v[2] * 7 + v[3];
    let nanos =
        v[4] * 3600 + v[5] * 60 + v[6] + v[7] / 1000 + v[8] / 1_000_000 + v[9] / 1_000_000_000;
    cascade(months, days, nanos).map(Temporal::Duration)
}

impl Temporal {
    /// Builds a value of `kind` from a map's entries (`date({year: 1984, week: 10})`,
    /// selection `{date: other, day: 28}`, `duration({days: 1.5})`). A missing zone means `default_zone`
    /// (`None`: UTC).
    ///
    /// # Errors
    /// [`TemporalError::Argument`] for unknown or conflicting keys and out-of-range values.
    pub fn from_map(
        kind: Kind,
        fields: &[(&str, Field<'_>)],
        default_zone: Option<&str>,
    ) -> Result<Temporal> {
        let mut allowed: Vec<&'static str> = Vec::new();
        let dated = matches!(kind, Kind::Date | Kind::LocalDateTime | Kind::DateTime);
        let timed = matches!(
            kind,
            Kind::LocalTime | Kind::Time | Kind::LocalDateTime | Kind::DateTime
        );
        match kind {
            Kind::Duration => return duration_from_map(&Fields::new(fields, &DURATION_KEYS)?),
            Kind::Date => allowed.push("date"),
            Kind::LocalTime | Kind::Time => allowed.push("time"),
            _ => allowed.extend(["date", "time", "datetime"]),
        }
        if dated {
            allowed.extend(DATE_KEYS);
        }
        if timed {
            allowed.extend(TIME_KEYS);
        }
        allowed.push("timezone");
        if kind == Kind::DateTime {
            allowed.extend(["epochSeconds", "epochMillis"]);
        }
        let f = Fields::new(fields, &allowed)?;
        if f.has("epochSeconds") || f.has("epochMillis") {
            return from_epoch_fields(&f, default_zone);
        }
        if f.only_zone() {
            let zone = match f.get("timezone") {
                Some(Field::Str(s)) => s,
                _ => return Err(arg("timezone must be a string")),
            };
            return Temporal::now(kind, clock(), Some(zone));
        }
        let zoned = matches!(kind, Kind::Time | Kind::DateTime);
        if f.has("timezone") && !zoned {
            return Err(arg(format!("{} has no time zone", kind.type_name())));
        }
        let dt_sel = f.temporal("datetime")?;
        let date_sel = f.temporal("date")?.or(dt_sel);
        let time_sel = f.temporal("time")?.or(dt_sel);
        let base_date = date_sel.map(date_of).transpose()?;
        let base_time = time_sel.map(time_of).transpose()?;
        let date = if dated {
            Some(build_date(&f, base_date)?.ok_or_else(|| arg("year must be specified"))?)
        } else {
            None
        };
        let time = build_time(&f, base_time)?;
        if !dated && time.is_none() {
            return Err(arg("hour must be specified"));
        }
        let time = LocalTime {
            nanos: time.unwrap_or(0),
        };
        let source = time_sel.and_then(zone_of);
        let target = f.zone()?;
        let default = || -> Result<Zone> { default_zone.map_or(Ok(Zone::Fixed(0)), Zone::parse) };
        Ok(match kind {
            Kind::Date => Temporal::Date(Date {
                days: date.unwrap_or(0),
            }),
            Kind::LocalTime => Temporal::LocalTime(time),
            Kind::LocalDateTime => Temporal::LocalDateTime(LocalDateTime {
                date: Date {
                    days: date.unwrap_or(0),
                },
                time,
            }),
            Kind::Time => {
                let source = match time_sel {
                    Some(Temporal::Time(t)) => Some(t.offset),
                    Some(Temporal::DateTime(dt)) => Some(dt.offset),
                    _ => None,
                };
                let offset = match (&target, source) {
                    (Some(t), _) => offset_now(t),
                    (None, Some(s)) => s,
                    (None, None) => offset_now(&default()?),
                };
                // A value with an offset given a new zone keeps its instant.
                let shift = i128::from(offset) - i128::from(source.unwrap_or(offset));
                let shifted = i128::from(time.nanos) + shift * i128::from(NANOS_PER_SECOND);
                let nanos = shifted.rem_euclid(i128::from(NANOS_PER_DAY)) as i64;
                Temporal::Time(Time {
                    time: LocalTime { nanos },
                    offset,
                })
            }
            Kind::DateTime => {
                let local = LocalDateTime {
                    date: Date {
                        days: date.unwrap_or(0),
                    },
                    time,
                };
                let preferred = match time_sel {
                    Some(Temporal::DateTime(dt)) => Some(dt.offset),
                    _ => None,
                };
                Temporal::DateTime(match (source, target) {
                    (Some(src), Some(t)) => {
                        let dt = from_local(local, &src, preferred)?;
                        let (s, n) = instant(&dt);
                        from_instant(s, n, &t)?
                    }
                    (Some(src), None) => from_local(local, &src, preferred)?,
                    (None, Some(t)) => from_local(local, &t, None)?,
                    (None, None) => from_local(local, &default()?, None)?,
                })
            }
            Kind::Duration => unreachable_duration()?,
        })
    }

    /// Converts another temporal value to `kind` (`date(datetime)`, `localtime(time)`); `None` when
    /// the kinds do not convert (`date(localtime)`, anything from a duration but a duration).
    ///
    /// # Errors
    /// A zone conversion out of range.
    pub fn convert(kind: Kind, from: &Temporal) -> Result<Option<Temporal>> {
        let midnight = LocalTime { nanos: 0 };
        Ok(Some(match (kind, from) {
            (Kind::Duration, Temporal::Duration(_)) => from.clone(),
            (_, Temporal::Duration(_)) | (Kind::Duration, _) => return Ok(None),
            (Kind::Date, t) => match date_of(t) {
                Ok(days) => Temporal::Date(Date { days }),
                Err(_) => return Ok(None),
            },
            (Kind::LocalTime, t) => match time_of(t) {
                Ok(nanos) => Temporal::LocalTime(LocalTime { nanos }),
                Err(_) => return Ok(None),
            },
            (Kind::Time, Temporal::Time(t)) => Temporal::Time(*t),
            (Kind::Time, Temporal::DateTime(dt)) => Temporal::Time(Time {
                time: dt.local.time,
                offset: dt.offset,
            }),
            (Kind::Time, t) => match time_of(t) {
                Ok(nanos) => Temporal::Time(Time {
                    time: LocalTime { nanos },
                    offset: 0,
                }),
                Err(_) => return Ok(None),
            },
            (Kind::LocalDateTime, Temporal::Date(d)) => Temporal::LocalDateTime(LocalDateTime {
                date: *d,
                time: midnight,
            }),
            (Kind::LocalDateTime, Temporal::LocalDateTime(l)) => Temporal::LocalDateTime(*l),
            (Kind::LocalDateTime, Temporal::DateTime(dt)) => Temporal::LocalDateTime(dt.local),
            (Kind::DateTime, Temporal::DateTime(dt)) => Temporal::DateTime(dt.clone()),
            (Kind::DateTime, Temporal::Date(d)) => {
                let l = LocalDateTime {
                    date: *d,
                    time: midnight,
                };
                Temporal::DateTime(from_local(l, &Zone::Fixed(0), None)?)
            }
            (Kind::DateTime, Temporal::LocalDateTime(l)) => {
                Temporal::DateTime(from_local(*l, &Zone::Fixed(0), None)?)
            }
            _ => return Ok(None),
        }))
    }

    /// The current instant as `kind` (`date()`, `datetime.realtime('Europe/Stockholm')`):
    /// `epoch_nanos` is the clock reading (nanoseconds since the Unix epoch, UTC), `zone` a zone id
    /// or offset string (`None`: UTC). `Duration` is an argument error.
    ///
    /// # Errors
    /// An unknown zone.
    pub fn now(kind: Kind, epoch_nanos: i128, zone: Option<&str>) -> Result<Temporal> {
        if kind == Kind::Duration {
            return Err(arg("there is no current duration"));
        }
        let zone = zone.map_or(Ok(Zone::Fixed(0)), Zone::parse)?;
        let ns = i128::from(NANOS_PER_SECOND);
        let secs = i64::try_from(epoch_nanos.div_euclid(ns)).map_err(|_| overflow())?;
        let dt = from_instant(secs, epoch_nanos.rem_euclid(ns) as i64, &zone)?;
        Ok(project(kind, dt))
    }

    /// `datetime.fromepoch(seconds, nanoseconds)` and `datetime.fromepochmillis(ms)` (give `seconds`
    /// = ms / 1000 and the rest as nanos): a UTC date-time.
    ///
    /// # Errors
    /// Out of range.
    pub fn from_epoch(seconds: i64, nanos: i64) -> Result<Temporal> {
        Temporal::datetime_at(seconds, nanos, "Z")
    }

    /// The date-time at `epoch_seconds` + `nanos` after the Unix epoch (UTC) in `zone` (an IANA id
    /// or an offset string like `+01:00` or `Z`); decodes Bolt date-times.
    ///
    /// # Errors
    /// An unknown zone or a value out of range.
    pub fn datetime_at(epoch_seconds: i64, nanos: i64, zone: &str) -> Result<Temporal> {
        let zone = Zone::parse(zone)?;
        let secs = epoch_seconds
            .checked_add(nanos.div_euclid(NANOS_PER_SECOND))
            .ok_or_else(overflow)?;
        Ok(Temporal::DateTime(from_instant(
            secs,
            nanos.rem_euclid(NANOS_PER_SECOND),
            &zone,
        )?))
    }

    /// For a date-time, its instant: seconds since the Unix epoch (UTC) and nanoseconds; `None` for
    /// the other kinds.
    pub fn epoch_seconds(&self) -> Option<(i64, i32)> {
        match self {
            Temporal::DateTime(dt) => {
                let (s, n) = instant(dt);
                Some((s, n as i32))
            }
            _ => None,
        }
    }
}

/// `datetime({epochSeconds: s, nanosecond: n, timezone: z})`, `datetime({epochMillis: ms})`.
fn from_epoch_fields(f: &Fields<'_>, default_zone: Option<&str>) -> Result<Temporal> {
    if f.any(&DATE_KEYS) || f.any(&["hour", "minute", "second", "date", "time", "datetime"]) {
        return Err(arg(
            "epochSeconds and epochMillis take only sub-second components and a timezone",
        ));
    }
    let ms = i128::from(f.int("millisecond")?.unwrap_or(0));
    let us = i128::from(f.int("microsecond")?.unwrap_or(0));
    let ns = i128::from(f.int("nanosecond")?.unwrap_or(0));
    let mut total = ms * 1_000_000 + us * 1000 + ns;
    total += match (f.int("epochSeconds")?, f.int("epochMillis")?) {
        (Some(s), None) => i128::from(s) * i128::from(NANOS_PER_SECOND),
        (None, Some(m)) => i128::from(m) * 1_000_000,
        _ => return Err(arg("give epochSeconds or epochMillis, not both")),
    };
    let zone = match f.zone()? {
        Some(z) => z,
        None => default_zone.map_or(Ok(Zone::Fixed(0)), Zone::parse)?,
    };
    let ns_per_s = i128::from(NANOS_PER_SECOND);
    let secs = i64::try_from(total.div_euclid(ns_per_s)).map_err(|_| overflow())?;
    let dt = from_instant(secs, total.rem_euclid(ns_per_s) as i64, &zone)?;
    Ok(Temporal::DateTime(dt))
}

/// A date-time seen as `kind` (not a duration).
fn project(kind: Kind, dt: DateTime) -> Temporal {
    match kind {
        Kind::Date => Temporal::Date(dt.local.date),
        Kind::LocalTime => Temporal::LocalTime(dt.local.time),
        Kind::Time => Temporal::Time(Time {
            time: dt.local.time,
            offset: dt.offset,
        }),
        Kind::LocalDateTime => Temporal::LocalDateTime(dt.local),
        _ => Temporal::DateTime(dt),
    }
}

/// The duration arm of `from_map` returns early; this keeps the match total without a panic.
fn unreachable_duration() -> Result<Temporal> {
    Err(arg("duration handled above"))
}
