//! Meta-command arguments: whitespace-separated words, `'...'` and `"..."` grouping words.

/// Splits meta-command arguments at whitespace; `'...'` and `"..."` group words.
///
/// ```
/// assert_eq!(evroad::commands::split_args("a 'b c' \"d\""), ["a", "b c", "d"]);
/// ```
pub fn split_args(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some((token, tail)) = next_arg(rest) {
        out.push(token);
        rest = tail;
    }
    out
}

/// The first argument of `s` (unquoted) and the text after it.
///
/// ```
/// assert_eq!(evroad::commands::next_arg(" 'a b' c d"), Some(("a b".to_string(), " c d")));
/// assert_eq!(evroad::commands::next_arg("  "), None);
/// ```
pub fn next_arg(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let first = s.chars().next()?;
    if first == '\'' || first == '"' {
        let end = s[1..].find(first).map_or(s.len(), |i| i + 1);
        let token = s[1..end].to_string();
        return Some((token, s.get(end + 1..).unwrap_or("")));
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    Some((s[..end].to_string(), &s[end..]))
}
