//! Entry points: statement parsing, script splitting, and turning internal errors into [`ParseError`]s.

use super::ast;
use super::lexical::{is_ident_char, is_ident_start, Ctx, PErr};
use super::ParseError;
use crate::span::Span;
use std::ops::Range;

/// Parses one statement: `[EXPLAIN] query [;]`, the whole input.
#[allow(clippy::result_large_err)] // `ParseError` is the public error type, returned once.
pub(super) fn parse_statement(text: &str) -> Result<ast::Statement, ParseError> {
    let ctx = Ctx::new(text);
    match ctx.statement(text) {
        Ok((_, statement)) => Ok(statement),
        Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => Err(convert(text, e)),
        Err(nom::Err::Incomplete(_)) => {
            Err(convert(text, PErr::new(&text[text.len()..], "more input")))
        }
    }
}

/// Parses a whole fact pattern (see [`super::parse_fact_pattern`]).
#[allow(clippy::result_large_err)]
pub(super) fn parse_fact_pattern(text: &str) -> Result<ast::FactPattern, ParseError> {
    let ctx = Ctx::new(text);
    match ctx.fact_pattern(text) {
        Ok((_, p)) => Ok(p),
        Err(nom::Err::Error(e)) | Err(nom::Err::Failure(e)) => Err(convert(text, e)),
        Err(nom::Err::Incomplete(_)) => {
            Err(convert(text, PErr::new(&text[text.len()..], "more input")))
        }
    }
}

/// Characters that look like ASCII syntax but are not, with what was probably meant.
const LOOKALIKES: &[(char, &str)] = &[
    ('\u{2014}', "-"),
    ('\u{2013}', "-"),
    ('\u{2012}', "-"),
    ('\u{2010}', "-"),
    ('\u{2011}', "-"),
    ('\u{2212}', "-"),
    ('\u{2018}', "'"),
    ('\u{2019}', "'"),
    ('\u{201C}', "\""),
    ('\u{201D}', "\""),
    ('\u{00A0}', " "),
];

/// The token starting `s`, for "found ...": its display text and byte length.
fn describe(s: &str) -> (String, usize) {
    let Some(c) = s.chars().next() else {
        return ("end of input".to_string(), 0);
    };
    let len = if is_ident_start(c) || c.is_ascii_digit() {
        s.find(|c: char| !is_ident_char(c)).unwrap_or(s.len())
    } else if c == '\'' || c == '"' || c == '`' {
        s[1..].find(c).map_or(s.len(), |k| k + 2)
    } else {
        ["<>", "<=", ">=", "=~", "->", "<-", "..", "+=", "!=", "--"]
            .iter()
            .find(|op| s.starts_with(*op))
            .map_or(c.len_utf8(), |op| op.len())
    };
    (describe_text(&s[..len]), len)
}

/// `text` quoted for a message, shortened if long.
fn describe_text(text: &str) -> String {
    if text.is_empty() {
        return "end of input".to_string();
    }
    let shown: String = if text.chars().count() > 40 {
        text.chars().take(37).chain("...".chars()).collect()
    } else {
        text.to_string()
    };
    if shown.contains('`') {
        format!("`` {shown} ``")
    } else {
        format!("`{shown}`")
    }
}

/// Joins alternatives as "a, b or c".
fn join(expected: &[std::borrow::Cow<'static, str>]) -> String {
    match expected {
        [] => "valid syntax".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(|s| s.as_ref()).collect();
            format!("{} or {last}", init.join(", "))
        }
    }
}

/// An internal error as the public [`ParseError`].
fn convert(text: &str, e: PErr<'_>) -> ParseError {
    let e = e.into_inner();
    let start = text.len() - e.at.len().min(text.len());
    let (mut found, token_len) = describe(e.at);
    let mut len = e.len.unwrap_or(token_len);
    while !text.is_char_boundary((start + len).min(text.len())) {
        len += 1;
    }
    if e.len.is_some() {
        found = describe_text(e.at.get(..len).unwrap_or(e.at));
    }
    let span = Span::new(start, (start + len).min(text.len()));
    let opened = e
        .opened
        .map(|(at, n)| Span::new(text.len() - at.len(), text.len() - at.len() + n));
    let mut hint = e.hint;
    let mut detail = e.detail;
    if let Some(c) = e.at.chars().next() {
        if let Some((_, meant)) = LOOKALIKES.iter().find(|(l, _)| *l == c) {
            if detail == "UnexpectedSyntax" {
                detail = "InvalidUnicodeCharacter";
            }
            hint = hint.or_else(|| Some(format!("`{c}` (U+{:04X}) is not `{meant}`", c as u32)));
        }
        if e.at.starts_with("!=") {
            hint = hint.or_else(|| Some("use `<>` for \"not equal\"".to_string()));
        }
        if is_ident_start(c) && hint.is_none() {
            let word = &e.at[..token_len];
            let wants_keyword = e.expected.iter().any(|x| {
                x.starts_with('`') && x[1..].starts_with(|c: char| c.is_ascii_uppercase())
                    || x.contains("clause")
            });
            if wants_keyword {
                // Keywords named in the expectation, then the usual clause keywords.
                let named: Vec<&str> = e
                    .expected
                    .iter()
                    .flat_map(|x| x.split('`').skip(1).step_by(2))
                    .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_uppercase()))
                    .collect();
                hint = suggest(word, &named).or_else(|| suggest(word, SUGGESTIONS));
            }
        }
    }
    ParseError {
        span,
        expected: join(&e.expected),
        found,
        opened,
        hint,
        detail,
    }
}

/// Splits a script at top-level `;`, skipping blank and comment-only statements.
pub(super) fn split_statements(text: &str) -> Vec<Range<usize>> {
    #[derive(PartialEq)]
    enum State {
        Code,
        Quoted(char),
        LineComment,
        BlockComment,
    }
    let mut out = vec![];
    let mut state = State::Code;
    let mut start = 0;
    let mut content = false;
    let mut push = |from: usize, to: usize, content: bool| {
        if content {
            let piece = &text[from..to];
            let lead = piece.len() - piece.trim_start().len();
            let trail = piece.len() - piece.trim_end().len();
            out.push(from + lead..to - trail);
        }
    };
    let mut chars = text.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let next = chars.peek().map(|(_, c)| *c);
        match state {
            State::Code => match c {
                ';' => {
                    push(start, k, content);
                    start = k + 1;
                    content = false;
                }
                '/' if next == Some('/') => {
                    chars.next();
                    state = State::LineComment;
                }
                '/' if next == Some('*') => {
                    chars.next();
                    state = State::BlockComment;
                }
                '\'' | '"' | '`' => {
                    content = true;
                    state = State::Quoted(c);
                }
                c if c.is_whitespace() => {}
                _ => content = true,
            },
            State::Quoted(q) => {
                if c == '\\' && q != '`' {
                    chars.next();
                } else if c == q {
                    state = State::Code;
                }
            }
            State::LineComment => {
                if c == '\n' {
                    state = State::Code;
                }
            }
            State::BlockComment => {
                if c == '*' && next == Some('/') {
                    chars.next();
                    state = State::Code;
                }
            }
        }
    }
    push(start, text.len(), content);
    out
}

/// Keywords offered as "did you mean" suggestions.
pub(super) const SUGGESTIONS: &[&str] = &[
    "MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND", "CREATE", "MERGE", "SET", "REMOVE", "DELETE",
    "DETACH", "UNION", "EXPLAIN", "WHERE", "ORDER", "SKIP", "LIMIT", "DISTINCT",
];

/// "did you mean `MATCH`?" for a word close to a keyword.
pub(super) fn suggest(word: &str, candidates: &[&str]) -> Option<String> {
    if word.chars().count() > 20 || candidates.iter().any(|c| c.eq_ignore_ascii_case(word)) {
        return None;
    }
    let limit = if word.chars().count() <= 4 { 1 } else { 2 };
    candidates
        .iter()
        .map(|c| (crate::text::edit_distance(word, c), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| format!("did you mean `{c}`?"))
}
