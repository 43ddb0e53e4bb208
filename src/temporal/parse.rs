//! ISO 8601 string forms: calendar, week and ordinal dates, basic and extended times, offsets, zone ids, durations.

use super::arith::cascade;
use super::civil::{from_ordinal, from_quarter, from_week, ymd, NANOS_PER_SECOND};
use super::zone::{from_local, parse_offset, Zone};
use super::{Date, Kind, LocalDateTime, LocalTime, Result, Temporal, TemporalError, Time};

/// A parse error for `s` as `kind`.
fn bad(kind: Kind, s: &str) -> TemporalError {
    TemporalError::Parse(format!(
        "Text '{s}' could not be parsed as {}",
        kind.type_name()
    ))
}

/// Splits off the leading run of ASCII digits.
fn digits(s: &str) -> (&str, &str) {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    s.split_at(n)
}

/// A number made only of digits (at most 18 of them).
fn num(s: &str) -> Option<i64> {
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Parses a date: `2015-07-21`, `20150721`, `2015-07`, `201507`, `2015-W30-2`, `2015W302`,
/// `2015-W30`, `2015-202`, `2015202`, `2015-Q3-21`, `2015Q321`, `2015`, signed years
/// `+999999999-12-31`.
fn parse_date(s: &str) -> Option<i64> {
    let (sign, body) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => (0, s),
    };
    let (yd, rest) = digits(body);
    let (yd, rest) = if sign == 0 {
        if yd.len() < 4 {
            return None;
        }
        (&yd[..4], &body[4..])
    } else {
        if yd.is_empty() || yd.len() > 9 {
            return None;
        }
        (yd, rest)
    };
    let year = num(yd)? * if sign < 0 { -1 } else { 1 };
    let (extended, rest) = match rest.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if rest.is_empty() {
        return if extended { None } else { ymd(year, 1, 1).ok() };
    }
    if let Some(q) = rest.strip_prefix('Q') {
        let (qd, r) = digits(q);
        if extended && qd.len() != 1 {
            return None;
        }
        let quarter = num(qd.get(..1)?)?;
        let tail = if extended { r } else { &q[1..] };
        let doq = match tail {
            "" => 1,
            t if extended => num(t.strip_prefix('-').filter(|d| (1..=2).contains(&d.len()))?)?,
            t if t.len() == 2 => num(t)?,
            _ => return None,
        };
        return from_quarter(year, quarter, doq).ok();
    }
    if let Some(w) = rest.strip_prefix('W') {
        let (wd, r) = digits(w);
        if wd.len() < 2 {
            return None;
        }
        let week = num(&wd[..2])?;
        let tail = if extended { r } else { &w[2..] };
        let dow = if tail.is_empty() {
            1
        } else if extended {
            let d = tail.strip_prefix('-')?;
            if d.len() != 1 {
                return None;
            }
            num(d)?
        } else {
            if tail.len() != 1 {
                return None;
            }
            num(tail)?
        };
        return from_week(year, week, dow).ok();
    }
    let (d, r) = digits(rest);
    match (d.len(), extended) {
        (1 | 2, true) => {
            let month = num(d)?;
            let day = match r {
                "" => 1,
                _ => {
                    let dd = r.strip_prefix('-')?;
                    if !(1..=2).contains(&dd.len()) {
                        return None;
                    }
                    num(dd)?
                }
            };
            ymd(year, month, day).ok()
        }
        (3, _) if r.is_empty() => from_ordinal(year, num(d)?).ok(),
        (2, false) if r.is_empty() => ymd(year, num(d)?, 1).ok(),
        (4, false) if r.is_empty() => ymd(year, num(&d[..2])?, num(&d[2..])?).ok(),
        _ => None,
    }
}

/// Parses a time of day: `21:40:32.142`, `214032.142`, `21:40`, `2140`, `21`.
fn parse_time(s: &str) -> Option<i64> {
    let (main, frac) = match s.find(['.', ',']) {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    if !main.is_ascii() {
        return None;
    }
    let parts: Vec<&str> = if main.contains(':') {
        main.split(':').collect()
    } else {
        if main.len() % 2 != 0 {
            return None;
        }
        (0..main.len() / 2)
            .map(|i| &main[i * 2..i * 2 + 2])
            .collect()
    };
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.len() != 2) {
        return None;
    }
    let h = num(parts[0])?;
    let m = parts.get(1).map_or(Some(0), |p| num(p))?;
    let sec = parts.get(2).map_or(Some(0), |p| num(p))?;
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    let mut nanos = 0;
    if let Some(f) = frac {
        if parts.len() != 3 || f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        nanos = num(f)? * 10_i64.pow(9 - f.len() as u32);
    }
    Some(((h * 60 + m) * 60 + sec) * NANOS_PER_SECOND + nanos)
}

/// Splits a time string into the time, an offset and a bracketed zone id.
fn split_zone(s: &str) -> Option<(&str, Option<&str>, Option<&str>)> {
    let (s, zone) = match s.find('[') {
        Some(i) => {
            let z = s[i + 1..].strip_suffix(']')?;
            (&s[..i], Some(z))
        }
        None => (s, None),
    };
    match s.find(['+', '-', 'Z', 'z']) {
        Some(i) => Some((&s[..i], Some(&s[i..]), zone)),
        None => Some((s, None, zone)),
    }
}

/// Parses a duration: `P1Y2M10DT12H45M30.5S`, fractions, signs, `P2012-02-02T14:37:21.545`.
fn parse_duration(s: &str) -> Option<super::Duration> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let body = body.strip_prefix(['P', 'p'])?;
    let (mut months, mut days, mut nanos) = (0_i128, 0_i128, 0_i128);
    if body.len() > 4
        && body.as_bytes()[4] == b'-'
        && body.as_bytes()[..4].iter().all(u8::is_ascii_digit)
    {
        let (date, time) = body.split_once('T').unwrap_or((body, ""));
        let dp: Vec<&str> = date.split('-').collect();
        if dp.len() != 3 {
            return None;
        }
        months = i128::from(num(dp[0])?) * 12 * SCALE + i128::from(num(dp[1])?) * SCALE;
        days = i128::from(num(dp[2])?) * SCALE;
        if !time.is_empty() {
            let t = parse_time(time)?;
            nanos = i128::from(t);
        }
    } else {
        let (date, time) = match body.find(['T', 't']) {
            Some(i) => (&body[..i], Some(&body[i + 1..])),
            None => (body, None),
        };
        let mut seen = false;
        for (value, unit) in units(date)? {
            seen = true;
            match unit {
                'Y' => months = months.checked_add(value.checked_mul(12)?)?,
                'M' => months = months.checked_add(value)?,
                'W' => days = days.checked_add(value.checked_mul(7)?)?,
                'D' => days = days.checked_add(value)?,
                _ => return None,
            }
        }
        if let Some(t) = time {
            let us = units(t)?;
            if us.is_empty() {
                return None;
            }
            for (value, unit) in us {
                seen = true;
                let mul = match unit {
                    'H' => 3600,
                    'M' => 60,
                    'S' => 1,
                    _ => return None,
                };
                nanos = nanos.checked_add(value.checked_mul(mul)?)?;
            }
        }
        if !seen {
            return None;
        }
    }
    if neg {
        (months, days, nanos) = (-months, -days, -nanos);
    }
    cascade(months, days, nanos).ok()
}

/// Fixed-point scale: values carry nine decimal places.
const SCALE: i128 = 1_000_000_000;

/// Splits `12Y5.5M` into `(value × 10^9, unit)` pairs, units in the order given.
fn units(s: &str) -> Option<Vec<(i128, char)>> {
    let mut out = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let (neg, r) = match rest.as_bytes()[0] {
            b'-' => (true, &rest[1..]),
            b'+' => (false, &rest[1..]),
            _ => (false, rest),
        };
        let (int, r) = digits(r);
        let (frac, r) = match r.strip_prefix(['.', ',']) {
            Some(f) => digits(f),
            None => ("", r),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        let unit = r.chars().next()?.to_ascii_uppercase();
        rest = &r[unit.len_utf8()..];
        if !matches!(unit, 'Y' | 'M' | 'W' | 'D' | 'H' | 'S') {
            return None;
        }
        let mut v = if int.is_empty() {
            0
        } else {
            int.parse::<i128>().ok()?.checked_mul(SCALE)?
        };
        if !frac.is_empty() {
            let f: String = frac.chars().chain(std::iter::repeat('0')).take(9).collect();
            v = v.checked_add(f.parse::<i128>().ok()?)?;
        }
        out.push((if neg { -v } else { v }, unit));
    }
    Some(out)
}

impl Temporal {
    /// Parses the string form of `kind` (`date('2015-W30-2')`, `duration('P1Y2M')`, ...).
    ///
    /// # Errors
    /// [`TemporalError::Parse`] when `s` is not such a value.
    pub fn parse(kind: Kind, s: &str) -> Result<Temporal> {
        parse_kind(kind, s).ok_or_else(|| bad(kind, s))?
    }
}

/// The parse, `None` for a malformed string; an inner error for an unknown zone.
fn parse_kind(kind: Kind, s: &str) -> Option<Result<Temporal>> {
    let s = s.trim();
    Some(Ok(match kind {
        Kind::Date => Temporal::Date(Date {
            days: parse_date(s)?,
        }),
        Kind::LocalTime => Temporal::LocalTime(LocalTime {
            nanos: parse_time(s)?,
        }),
        Kind::Time => {
            let (t, off, zone) = split_zone(s)?;
            if zone.is_some() {
                return None;
            }
            let offset = off.map_or(Some(0), parse_offset)?;
            Temporal::Time(Time {
                time: LocalTime {
                    nanos: parse_time(t)?,
                },
                offset,
            })
        }
        Kind::LocalDateTime => Temporal::LocalDateTime(parse_ldt(s)?),
        Kind::DateTime => {
            let (date, time) = split_t(s);
            let (t, off, zone) = split_zone(time)?;
            let local = parse_ldt_parts(date, t)?;
            let offset = match off {
                Some(o) => Some(parse_offset(o)?),
                None => None,
            };
            let zone = match zone {
                Some(z) => match Zone::parse(z) {
                    Ok(z) => z,
                    Err(e) => return Some(Err(e)),
                },
                None => Zone::Fixed(offset.unwrap_or(0)),
            };
            match from_local(local, &zone, offset) {
                Ok(dt) => Temporal::DateTime(dt),
                Err(e) => return Some(Err(e)),
            }
        }
        Kind::Duration => Temporal::Duration(parse_duration(s)?),
    }))
}

/// Splits at the `T` between date and time (one before any bracketed zone id).
fn split_t(s: &str) -> (&str, &str) {
    let head = s.find('[').unwrap_or(s.len());
    match s[..head].find(['T', 't']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => s.split_at(head),
    }
}

/// A local date-time string: a date, then optionally `T` and a time.
fn parse_ldt(s: &str) -> Option<LocalDateTime> {
    let (date, time) = split_t(s);
    parse_ldt_parts(date, time)
}

/// A local date-time from its date and time strings (an empty time is midnight).
fn parse_ldt_parts(date: &str, time: &str) -> Option<LocalDateTime> {
    let days = parse_date(date)?;
    let nanos = if time.is_empty() {
        0
    } else {
        parse_time(time)?
    };
    Some(LocalDateTime {
        date: Date { days },
        time: LocalTime { nanos },
    })
}
