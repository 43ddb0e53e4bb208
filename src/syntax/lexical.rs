//! Lexical layer: the internal error type, whitespace and comments, keywords, symbols, names, and the parser state.

use super::ast::{Ident, Span};
use nom::bytes::complete::{tag, take_till, take_until, take_while};
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::error::ErrorKind;
use nom::{Err, IResult, Parser};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// How deeply expressions and patterns may nest before the parser gives up.
pub(super) const MAX_DEPTH: usize = 200;

/// How much stack the parser may use. Some nestings (patterns inside `EXISTS { }` inside
/// properties, ...) cost much more stack per level than others, and debug builds use several
/// times more than release builds, so the nesting depth alone cannot keep the parser off the
/// end of a 2 MiB thread stack. Reaching this is reported like too deep nesting.
const STACK_BUDGET: usize = 1 << 20;

/// The address of a local variable: where the stack is now (no unsafe code involved).
#[inline(never)]
fn stack_position() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

/// The result of every internal parser.
pub(super) type PResult<'a, T> = IResult<&'a str, T, PErr<'a>>;

/// The internal error, boxed so that parser results stay small (deep recursion is cheap).
#[derive(Debug, Clone)]
pub(super) struct PErr<'a>(Box<PErrInner<'a>>);

/// What a [`PErr`] holds: a position (as the remaining input) and what was expected there.
#[derive(Debug, Clone)]
pub(super) struct PErrInner<'a> {
    /// The remaining input where the problem starts.
    pub at: &'a str,
    /// Length of the offending text when it is not simply the next token.
    pub len: Option<usize>,
    /// Alternatives that would have been accepted here.
    pub expected: Vec<Cow<'static, str>>,
    /// The still-open bracket: the input starting at it, and its length.
    pub opened: Option<(&'a str, usize)>,
    /// A suggestion for the user.
    pub hint: Option<String>,
    /// The TCK detail code.
    pub detail: &'static str,
}

impl<'a> std::ops::Deref for PErr<'a> {
    type Target = PErrInner<'a>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for PErr<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl<'a> PErr<'a> {
    /// An error at `at` expecting `what`.
    pub fn new(at: &'a str, what: impl Into<Cow<'static, str>>) -> Self {
        let what = what.into();
        PErr(Box::new(PErrInner {
            at,
            len: None,
            expected: if what.is_empty() { vec![] } else { vec![what] },
            opened: None,
            hint: None,
            detail: "UnexpectedSyntax",
        }))
    }

    /// The contents.
    pub fn into_inner(self) -> PErrInner<'a> {
        *self.0
    }

    /// Records the bracket left open (the input starting at it, and its length).
    pub fn opened(mut self, at: &'a str, len: usize) -> Self {
        self.opened = Some((at, len));
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets the detail code.
    pub fn detail(mut self, detail: &'static str) -> Self {
        self.detail = detail;
        self
    }

    /// Sets the length of the offending text.
    pub fn len(mut self, len: usize) -> Self {
        self.len = Some(len);
        self
    }

    /// As a recoverable error.
    pub fn error<T>(self) -> PResult<'a, T> {
        Err(Err::Error(self))
    }

    /// As a committed failure (no alternatives are tried).
    pub fn failure<T>(self) -> PResult<'a, T> {
        Err(Err::Failure(self))
    }
}

impl<'a> nom::error::ParseError<&'a str> for PErr<'a> {
    fn from_error_kind(input: &'a str, _kind: ErrorKind) -> Self {
        PErr::new(input, "")
    }

    fn append(_input: &'a str, _kind: ErrorKind, other: Self) -> Self {
        other
    }

    /// Keeps the error that got furthest; at the same place, merges what was expected.
    fn or(self, other: Self) -> Self {
        use std::cmp::Ordering;
        match self.at.len().cmp(&other.at.len()) {
            Ordering::Less => self,
            Ordering::Greater => other,
            Ordering::Equal => {
                let mut merged = other;
                let this = self.into_inner();
                for e in this.expected {
                    if !merged.expected.contains(&e) {
                        merged.expected.push(e);
                    }
                }
                merged.opened = merged.opened.or(this.opened);
                merged.hint = merged.hint.take().or(this.hint);
                if merged.detail == "UnexpectedSyntax" {
                    merged.detail = this.detail;
                }
                merged
            }
        }
    }
}

/// Turns a recoverable error into a committed failure (`nom::combinator::cut` as a function).
pub(super) fn cut_err<T>(r: PResult<'_, T>) -> PResult<'_, T> {
    match r {
        Err(Err::Error(e)) => Err(Err::Failure(e)),
        other => other,
    }
}

/// Runs `p`; if it fails without getting past the first token, reports `what` as expected.
pub(super) fn expect<'a, O>(
    what: &'static str,
    mut p: impl Parser<&'a str, Output = O, Error = PErr<'a>>,
) -> impl FnMut(&'a str) -> PResult<'a, O> {
    move |i: &'a str| match p.parse(i) {
        Err(Err::Error(mut e)) if e.expected.is_empty() || e.at.len() >= skip(i).len() => {
            // Nothing was recognised: say what this place wanted, keeping any hint.
            e.at = skip(i);
            e.len = None;
            e.expected = vec![Cow::Borrowed(what)];
            e.error()
        }
        other => other,
    }
}

/// A character that may start an unquoted identifier.
pub(super) fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// A character that may continue an unquoted identifier.
pub(super) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn line_comment(i: &str) -> PResult<'_, &str> {
    recognize((tag("//"), take_till(|c| c == '\n'))).parse(i)
}

fn block_comment(i: &str) -> PResult<'_, &str> {
    let (rest, _) = tag("/*").parse(i)?;
    match take_until::<_, _, PErr>("*/").parse(rest) {
        Ok((rest, _)) => Ok((&rest[2..], &i[..2])),
        Err(_) => PErr::new(&rest[rest.len()..], "`*/` to close the comment")
            .opened(i, 2)
            .failure(),
    }
}

/// Skips whitespace, `//` line comments and `/* */` block comments.
pub(super) fn ws(mut i: &str) -> PResult<'_, ()> {
    loop {
        let (rest, _) = take_while(char::is_whitespace).parse(i)?;
        i = rest;
        if i.starts_with("//") {
            i = line_comment(i)?.0;
        } else if i.starts_with("/*") {
            i = block_comment(i)?.0;
        } else {
            return Ok((i, ()));
        }
    }
}

/// The input after whitespace and comments (unchanged if a comment is unterminated).
pub(super) fn skip(i: &str) -> &str {
    ws(i).map_or(i, |(rest, _)| rest)
}

/// An unquoted word (identifier characters) right at `i`.
fn bare_word(i: &str) -> PResult<'_, &str> {
    recognize((satisfy(is_ident_start), take_while(is_ident_char))).parse(i)
}

/// The unquoted word starting `i` (after whitespace), if any.
pub(super) fn peek_word(i: &str) -> Option<&str> {
    bare_word(skip(i)).ok().map(|(_, w)| w)
}

/// Matches a case-insensitive keyword (ASCII only, so slicing stays on char boundaries)
/// followed by a non-identifier character. Returns the input at the keyword.
pub(super) fn kw<'a>(word: &'static str) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let (i, _) = ws(i)?;
        let n = word.len();
        let matches = i.len() >= n
            && i.as_bytes()[..n].eq_ignore_ascii_case(word.as_bytes())
            && i.is_char_boundary(n)
            && !i[n..].starts_with(is_ident_char);
        if matches {
            Ok((&i[n..], i))
        } else {
            PErr::new(i, format!("`{word}`")).error()
        }
    }
}

/// Whether keyword `word` comes next.
pub(super) fn at_kw(i: &str, word: &'static str) -> bool {
    kw(word)(i).is_ok()
}

/// Matches a punctuation symbol; returns the input at the symbol.
pub(super) fn sym<'a>(s: &'static str) -> impl Fn(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let (i, _) = ws(i)?;
        match tag::<_, _, PErr>(s).parse(i) {
            Ok((rest, _)) => Ok((rest, i)),
            Err(_) => PErr::new(i, format!("`{s}`")).error(),
        }
    }
}

/// Whether symbol `s` comes next.
pub(super) fn at_sym(i: &str, s: &str) -> bool {
    skip(i).starts_with(s)
}

/// Words that cannot be used as unquoted variable names.
#[rustfmt::skip]
pub(super) const RESERVED: &[&str] = &[
    "ALL", "AND", "AS", "ASC", "ASCENDING", "BY", "CALL", "CASE", "CONTAINS", "CREATE", "DELETE",
    "DESC", "DESCENDING", "DETACH", "DISTINCT", "ELSE", "END", "ENDS", "EXISTS", "FALSE", "IN",
    "IS", "LIMIT", "MATCH", "MERGE", "NOT", "NULL", "ON", "OPTIONAL", "OR", "ORDER", "REMOVE",
    "RETURN", "SET", "SKIP", "STARTS", "THEN", "TRUE", "UNION", "UNWIND", "WHEN", "WHERE", "WITH",
    "XOR", "YIELD",
];

/// Whether `w` is a reserved word (case-insensitively).
pub(super) fn is_reserved(w: &str) -> bool {
    RESERVED.iter().any(|r| r.eq_ignore_ascii_case(w))
}

/// A name: unquoted, or backquoted with ` `` ` for a backquote. Returns the name, whether it
/// was quoted, and the input at its start.
pub(super) fn name(i: &str) -> PResult<'_, (String, bool, &str)> {
    let (i, _) = ws(i)?;
    if let Some(body) = i.strip_prefix('`') {
        let mut out = String::new();
        let mut rest = body;
        loop {
            match rest.find('`') {
                None => {
                    return PErr::new(&rest[rest.len()..], "a closing backquote")
                        .opened(i, 1)
                        .failure()
                }
                Some(k) => {
                    out.push_str(&rest[..k]);
                    rest = &rest[k + 1..];
                    if let Some(r) = rest.strip_prefix('`') {
                        out.push('`');
                        rest = r;
                    } else {
                        return Ok((rest, (out, true, i)));
                    }
                }
            }
        }
    }
    match bare_word(i) {
        Ok((rest, w)) => Ok((rest, (w.to_string(), false, i))),
        Err(_) => PErr::new(i, "a name").error(),
    }
}

/// The parser's state: the whole text (for spans), the nesting depth and stack budget, whether
/// bare patterns are allowed, and the heights of the expressions built.
pub(super) struct Ctx<'a> {
    /// The whole statement text.
    pub whole: &'a str,
    depth: Cell<usize>,
    /// Whether a bare pattern may appear here (in WHERE and inside `exists()`).
    pred: Cell<bool>,
    /// Heights of the expressions built so far, by span (see `height.rs`).
    pub heights: RefCell<HashMap<(usize, usize), usize>>,
    /// The stack position when parsing started.
    stack_base: usize,
}

/// Decrements the nesting depth when a nested parse ends.
pub(super) struct DepthGuard<'c>(&'c Cell<usize>);

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

impl<'a> Ctx<'a> {
    /// A parser over `whole`.
    pub fn new(whole: &'a str) -> Self {
        Ctx {
            whole,
            depth: Cell::new(0),
            pred: Cell::new(false),
            heights: RefCell::new(HashMap::new()),
            stack_base: stack_position(),
        }
    }

    /// Whether a bare pattern is allowed at this point (predicate position).
    pub fn patterns_allowed(&self) -> bool {
        self.pred.get()
    }

    /// Runs `f` with bare patterns allowed (`true`) or not, then restores the previous setting.
    pub fn with_pred<T>(&self, allowed: bool, f: impl FnOnce() -> T) -> T {
        let saved = self.pred.replace(allowed);
        let out = f();
        self.pred.set(saved);
        out
    }

    /// Byte offset of a suffix of the text.
    pub fn off(&self, rest: &str) -> usize {
        self.whole.len() - rest.len()
    }

    /// The span between two suffixes of the text.
    pub fn sp(&self, from: &str, to: &str) -> Span {
        Span::new(self.off(from), self.off(to))
    }

    /// Enters one nesting level, failing beyond [`MAX_DEPTH`] levels or [`STACK_BUDGET`].
    pub fn enter(&self, i: &'a str) -> Result<DepthGuard<'_>, Err<PErr<'a>>> {
        let d = self.depth.get() + 1;
        if d > MAX_DEPTH {
            let what = format!("at most {MAX_DEPTH} levels of nesting");
            return Err(Err::Failure(PErr::new(skip(i), what)));
        }
        if stack_position().abs_diff(self.stack_base) > STACK_BUDGET {
            let what = "less deeply nested patterns, subqueries and brackets";
            return Err(Err::Failure(PErr::new(skip(i), what)));
        }
        self.depth.set(d);
        Ok(DepthGuard(&self.depth))
    }

    /// A name as an identifier with its span (any word, reserved or not).
    pub fn ident(&self, i: &'a str) -> PResult<'a, Ident> {
        let (rest, (name, _, start)) = name(i)?;
        Ok((
            rest,
            Ident {
                name,
                span: self.sp(start, rest),
            },
        ))
    }

    /// A name used as a schema name (label, type, property key): reserved words allowed.
    pub fn schema_name(&self, i: &'a str, what: &'static str) -> PResult<'a, Ident> {
        expect(what, |i| self.ident(i)).parse(i)
    }

    /// A variable name: reserved words must be backquoted.
    pub fn variable(&self, i: &'a str) -> PResult<'a, Ident> {
        let (rest, (name, quoted, start)) = expect("a variable name", name).parse(i)?;
        if !quoted && is_reserved(&name) {
            return PErr::new(start, "a variable name")
                .hint(format!(
                    "`{name}` is a reserved word; put it in backquotes to use it as a name"
                ))
                .error();
        }
        Ok((
            rest,
            Ident {
                name,
                span: self.sp(start, rest),
            },
        ))
    }
}
