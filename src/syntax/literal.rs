//! Literals: numbers (decimal, hex, octal, float) and quoted strings with their escapes.

use super::lexical::{is_ident_char, ws, PErr, PResult};
use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::satisfy;
use nom::combinator::opt;
use nom::Parser;

/// A number literal's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Number {
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
}

/// Parses digits in `radix` as a magnitude, `None` on overflow.
fn magnitude(digits: &str, radix: u32) -> Option<u64> {
    digits.chars().try_fold(0u64, |acc, c| {
        acc.checked_mul(u64::from(radix))?
            .checked_add(u64::from(c.to_digit(radix)?))
    })
}

/// Applies the sign to an integer magnitude, `None` if out of `i64` range.
fn signed(mag: u64, negative: bool) -> Option<i64> {
    if negative {
        0i64.checked_sub_unsigned(mag)
    } else {
        i64::try_from(mag).ok()
    }
}

/// A number literal (decimal, `0x` hex, `0o` octal, float with fraction and/or exponent).
/// `negative` folds a preceding unary minus in, so `-9223372036854775808` fits.
/// Returns the value and the input at the literal.
pub(super) fn number(i: &str, negative: bool) -> PResult<'_, (Number, &str)> {
    let (i, _) = ws(i)?;
    // The extent of a malformed literal: identifier characters and dots.
    let run = |rest: &str| {
        let from = i.len() - rest.len();
        from + rest
            .find(|c: char| !(is_ident_char(c) || c == '.'))
            .unwrap_or(rest.len())
    };
    let invalid = |len: usize| {
        PErr::new(i, "a valid number literal")
            .len(len)
            .detail("InvalidNumberLiteral")
            .failure()
    };
    let overflow = |len: usize| {
        PErr::new(i, "an integer between -2^63 and 2^63-1")
            .len(len)
            .detail("IntegerOverflow")
            .failure()
    };
    // A literal must not run straight into a name or another fraction (`12abc`, `1.2.3`).
    let bad_tail = |rest: &str| {
        rest.starts_with(is_ident_char)
            || (rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()))
    };
    let prefix = i.get(..2).map(str::to_ascii_lowercase);
    let radix = match prefix.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        _ => None,
    };
    if let Some(radix) = radix {
        let (rest, digits) = take_while(|c: char| c.is_digit(radix)).parse(&i[2..])?;
        if digits.is_empty() || bad_tail(rest) {
            return invalid(run(rest));
        }
        let len = i.len() - rest.len();
        return match magnitude(digits, radix).and_then(|m| signed(m, negative)) {
            Some(v) => Ok((rest, (Number::Int(v), i))),
            None => overflow(len),
        };
    }
    let digits = |s| take_while1(|c: char| c.is_ascii_digit()).parse(s);
    let (mut rest, int_part) = opt(digits).parse(i)?;
    let mut float = false;
    if rest.starts_with('.') && rest[1..].starts_with(|c: char| c.is_ascii_digit()) {
        rest = digits(&rest[1..])?.0;
        float = true;
    } else if int_part.is_none() {
        return PErr::new(i, "a number").error();
    }
    if rest.starts_with(['e', 'E']) {
        let mut exponent = (
            satisfy(|c| c == 'e' || c == 'E'),
            opt(satisfy(|c| c == '+' || c == '-')),
            digits,
        );
        if let Ok((r, _)) = exponent.parse(rest) {
            rest = r;
            float = true;
        }
    }
    if bad_tail(rest) {
        return invalid(run(rest));
    }
    let len = i.len() - rest.len();
    let text = &i[..len];
    if float {
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => {
                let f = if negative { -f } else { f };
                Ok((rest, (Number::Float(f), i)))
            }
            _ => PErr::new(i, "a float within the 64-bit range")
                .len(len)
                .detail("FloatingPointOverflow")
                .failure(),
        }
    } else {
        match magnitude(text, 10).and_then(|m| signed(m, negative)) {
            Some(v) => Ok((rest, (Number::Int(v), i))),
            None => overflow(len),
        }
    }
}

/// A string literal in single or double quotes, escapes resolved. Returns the string and
/// the input at the opening quote.
pub(super) fn string(i: &str) -> PResult<'_, (String, &str)> {
    let (i, _) = ws(i)?;
    let Some(quote) = i.chars().next().filter(|c| *c == '\'' || *c == '"') else {
        return PErr::new(i, "a string").error();
    };
    let mut out = String::new();
    let mut rest = &i[1..];
    loop {
        let Some(k) = rest.find([quote, '\\']) else {
            return PErr::new(
                &rest[rest.len()..],
                format!("`{quote}` to close the string"),
            )
            .opened(i, 1)
            .failure();
        };
        out.push_str(&rest[..k]);
        let at = &rest[k..];
        if at.starts_with(quote) {
            return Ok((&at[1..], (out, i)));
        }
        let (after, c) = escape(at)?;
        out.push(c);
        rest = after;
    }
}

/// One escape sequence starting at `\`.
fn escape(at: &str) -> PResult<'_, char> {
    let mut chars = at[1..].chars();
    let Some(c) = chars.next() else {
        return PErr::new(&at[1..], "an escape sequence").failure();
    };
    let simple = match c {
        '\\' => Some('\\'),
        '\'' => Some('\''),
        '"' => Some('"'),
        'n' | 'N' => Some('\n'),
        't' | 'T' => Some('\t'),
        'r' | 'R' => Some('\r'),
        'b' | 'B' => Some('\u{8}'),
        'f' | 'F' => Some('\u{c}'),
        _ => None,
    };
    if let Some(s) = simple {
        return Ok((&at[1 + c.len_utf8()..], s));
    }
    let width = match c {
        'u' => 4,
        'U' => 8,
        _ => {
            return PErr::new(at, "a valid escape sequence (`\\\\`, `\\'`, `\\\"`, `\\n`, `\\t`, `\\r`, `\\b`, `\\f`, `\\uXXXX` or `\\UXXXXXXXX`)")
                .len(1 + c.len_utf8())
                .failure()
        }
    };
    let body = &at[2..];
    let hex_len = body
        .char_indices()
        .take(width)
        .take_while(|(_, c)| c.is_ascii_hexdigit())
        .count();
    let bad = |len: usize| {
        PErr::new(
            at,
            format!("`\\{c}` followed by {width} hexadecimal digits naming a character"),
        )
        .len(len)
        .detail("InvalidUnicodeLiteral")
        .failure()
    };
    if hex_len < width {
        // Show the escape up to and including the first character that is not a hex digit.
        let next = body[hex_len..]
            .chars()
            .next()
            .filter(|c| *c != '\'' && *c != '"')
            .map_or(0, char::len_utf8);
        return bad(2 + hex_len + next);
    }
    let code = u32::from_str_radix(&body[..width], 16).unwrap_or(u32::MAX);
    let rest = &body[width..];
    // A UTF-16 surrogate pair written as two `\u` escapes.
    if (0xD800..0xDC00).contains(&code) && width == 4 {
        if let Some(low) = rest
            .strip_prefix("\\u")
            .and_then(|r| r.get(..4))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .filter(|l| (0xDC00..0xE000).contains(l))
        {
            let c = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            if let Some(ch) = char::from_u32(c) {
                return Ok((&rest[6..], ch));
            }
        }
    }
    match char::from_u32(code) {
        Some(ch) => Ok((rest, ch)),
        None => bad(2 + width),
    }
}
