//! Tab completion, inline hints and syntax highlighting for the REPL, as pure functions of the line.

use evroad::commands::meta::META;

/// Cypher keywords offered by completion and coloured by the highlighter.
pub const KEYWORDS: &[&str] = &[
    "ALL",
    "AND",
    "AS",
    "ASC",
    "ASCENDING",
    "BY",
    "CASE",
    "CONTAINS",
    "CREATE",
    "DELETE",
    "DESC",
    "DESCENDING",
    "DETACH",
    "DISTINCT",
    "ELSE",
    "END",
    "ENDS",
    "EXISTS",
    "EXPLAIN",
    "FALSE",
    "IN",
    "IS",
    "LIMIT",
    "MATCH",
    "MERGE",
    "NOT",
    "NULL",
    "ON",
    "OPTIONAL",
    "OR",
    "ORDER",
    "REMOVE",
    "RETURN",
    "SET",
    "SKIP",
    "STARTS",
    "THEN",
    "TRUE",
    "UNION",
    "UNWIND",
    "WHEN",
    "WHERE",
    "WITH",
    "XOR",
];

/// Functions offered by completion (with an opening parenthesis): every scalar function and
/// aggregate of the engine's registry ([`evroad::functions`]), and the shortest-path forms.
/// Hidden planner forms (`hasLabels`) are left out.
pub fn functions() -> impl Iterator<Item = &'static str> {
    evroad::functions::FUNCTIONS
        .iter()
        .map(|f| f.name)
        .filter(|n| *n != "hasLabels")
        .chain(evroad::functions::AGGREGATES.iter().copied())
        .chain(["shortestPath", "allShortestPaths"])
}

/// What completion can offer for the current graph.
#[derive(Debug, Clone, Default)]
pub struct CompletionData {
    /// Node labels.
    pub labels: Vec<String>,
    /// Relationship types.
    pub types: Vec<String>,
    /// Property keys.
    pub keys: Vec<String>,
    /// Node ids, names and aliases.
    pub nodes: Vec<String>,
}

fn matching<'a>(prefix: &str, options: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let p = prefix.to_lowercase();
    let mut out: Vec<String> = options
        .into_iter()
        .filter(|o| o.to_lowercase().starts_with(&p))
        .map(str::to_string)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// State of the text before the cursor: an open quote, and the innermost open bracket.
fn scan(text: &str) -> (Option<usize>, Option<char>) {
    let mut quote: Option<(usize, char)> = None;
    let mut stack = Vec::new();
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if let Some((_, q)) = quote {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == q {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some((i, c)),
            '(' | '[' | '{' => stack.push(c),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    (quote.map(|(i, _)| i), stack.last().copied())
}

/// Completions for a meta-command line.
fn complete_meta(before: &str, data: &CompletionData) -> (usize, Vec<String>) {
    let Some(space) = before.find(char::is_whitespace) else {
        return (0, matching(before, META.iter().map(|m| m.0)));
    };
    let cmd = &before[..space];
    let args = &before[space..];
    let (quote, _) = scan(args);
    let start = match quote {
        Some(q) => space + q + 1,
        None => before.rfind(char::is_whitespace).map_or(0, |i| i + 1),
    };
    let word = &before[start..];
    let done = before[space..start].trim_end_matches(['\'', '"']);
    let nth = evroad::commands::split_args(done).len();
    let options: Vec<&str> = match (cmd, nth) {
        (":format", 0) => vec!["table", "json", "csv", "markdown"],
        (":timing", 0) => vec!["on", "off"],
        (":asof", 0) => vec!["off"],
        (":export", 0) => evroad::export::Format::ALL
            .iter()
            .map(|f| f.name())
            .collect(),
        (":describe" | ":path" | ":why" | ":explain-path" | ":compare", _) | (":neighbors", 0) => {
            data.nodes.iter().map(String::as_str).collect()
        }
        (":neighbors", _) => data.types.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    (start, matching(word, options))
}

/// Completion candidates for `line` with the cursor at byte `pos`: the start of the text
/// to replace and the replacements.
///
/// Keywords and functions for plain words, labels after `:`, relationship types after `[:`
/// or `|`, property keys after `.`, node ids and names inside quotes, meta-commands and
/// their arguments after a leading `:`.
pub fn complete(line: &str, pos: usize, data: &CompletionData) -> (usize, Vec<String>) {
    let before = &line[..pos.min(line.len())];
    if before.trim_start().starts_with(':') && !before.contains('(') {
        let indent = before.len() - before.trim_start().len();
        let (start, c) = complete_meta(before.trim_start(), data);
        return (start + indent, c);
    }
    let (quote, bracket) = scan(before);
    if let Some(q) = quote {
        let prefix = &before[q + 1..];
        return (
            q + 1,
            matching(prefix, data.nodes.iter().map(String::as_str)),
        );
    }
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    let prev = before[..start].chars().last();
    let candidates = match prev {
        Some(':') if bracket == Some('[') => matching(word, data.types.iter().map(String::as_str)),
        Some('|') if bracket == Some('[') => matching(word, data.types.iter().map(String::as_str)),
        Some(':') => matching(word, data.labels.iter().map(String::as_str)),
        Some('.') => matching(word, data.keys.iter().map(String::as_str)),
        _ if word.is_empty() || word.chars().next().is_some_and(|c| c.is_ascii_digit()) => {
            Vec::new()
        }
        _ => {
            let mut c = matching(word, KEYWORDS.iter().copied());
            c.extend(matching(word, functions()).into_iter().map(|f| f + "("));
            c
        }
    };
    (start, candidates)
}

/// An inline suggestion shown after the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The text shown.
    pub text: String,
    /// Whether accepting it (right arrow) inserts it; usage hints are shown only.
    pub insertable: bool,
}

/// The inline suggestion for `line` (cursor at the end): a meta-command's arguments, or
/// the rest of the only completion.
pub fn suggest(line: &str, pos: usize, data: &CompletionData) -> Option<Suggestion> {
    if pos < line.len() || line.trim().is_empty() {
        return None;
    }
    if let Some(cmd) = line.strip_suffix(' ') {
        if let Some(m) = META.iter().find(|m| m.0 == cmd && !m.1.is_empty()) {
            return Some(Suggestion {
                text: m.1.to_string(),
                insertable: false,
            });
        }
    }
    let (start, cands) = complete(line, pos, data);
    let typed = &line[start..];
    // Names after `:`, `.`, `|` or a quote are hinted from the first letter; keywords,
    // functions and meta-command arguments only after three, to keep typing quiet.
    let named =
        line[..start].ends_with([':', '.', '|', '\'', '"']) && !line.trim_start().starts_with(':');
    if !named && typed.chars().count() < 3 {
        return None;
    }
    match cands.as_slice() {
        [one]
            if one.len() > typed.len()
                && one.to_lowercase().starts_with(&typed.to_lowercase())
                && !typed.is_empty() =>
        {
            Some(Suggestion {
                text: one[typed.len()..].to_string(),
                insertable: true,
            })
        }
        _ => None,
    }
}

const KEYWORD: &str = "\x1b[1;34m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[33m";
const COMMENT: &str = "\x1b[2m";
const META_CMD: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

fn paint(out: &mut String, style: &str, text: &str) {
    out.push_str(style);
    out.push_str(text);
    out.push_str(RESET);
}

/// `line` with ANSI colours: keywords, strings, numbers, comments and meta-commands.
/// The display width is unchanged.
pub fn highlight(line: &str) -> String {
    let mut out = String::with_capacity(line.len() * 2);
    if line.starts_with(':') {
        let end = line.find(char::is_whitespace).unwrap_or(line.len());
        paint(&mut out, META_CMD, &line[..end]);
        out.push_str(&line[end..]);
        return out;
    }
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(line.len(), |c| c.0);
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let mut j = k + 1;
        if c == '\'' || c == '"' {
            let mut escaped = false;
            while j < chars.len() {
                let d = chars[j].1;
                j += 1;
                if escaped {
                    escaped = false;
                } else if d == '\\' {
                    escaped = true;
                } else if d == c {
                    break;
                }
            }
            paint(&mut out, STRING, &line[i..at(j)]);
        } else if c == '/' && chars.get(j).is_some_and(|d| d.1 == '/') {
            paint(&mut out, COMMENT, &line[i..]);
            break;
        } else if c.is_ascii_digit() {
            while j < chars.len() && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '.') {
                j += 1;
            }
            paint(&mut out, NUMBER, &line[i..at(j)]);
        } else if c.is_alphabetic() || c == '_' {
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            let word = &line[i..at(j)];
            let after_colon = k > 0 && matches!(chars[k - 1].1, ':' | '.');
            if !after_colon && KEYWORDS.iter().any(|kw| kw.eq_ignore_ascii_case(word)) {
                paint(&mut out, KEYWORD, word);
            } else {
                out.push_str(word);
            }
        } else {
            out.push(c);
        }
        k = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn data() -> CompletionData {
        CompletionData {
            labels: vec!["Model".into(), "Plant".into(), "Platform".into()],
            types: vec!["MAKES".into(), "USES_PLATFORM".into()],
            keys: vec!["name".into(), "launched".into()],
            nodes: vec!["ariya".into(), "Nissan Ariya".into(), "leaf".into()],
        }
    }

    #[test]
    fn labels_types_keys_and_keywords() {
        let d = data();
        assert_eq!(
            complete("MATCH (m:Mo", 11, &d),
            (9, vec!["Model".to_string()])
        );
        assert_eq!(
            complete("MATCH (m)-[:US", 14, &d),
            (12, vec!["USES_PLATFORM".to_string()])
        );
        assert_eq!(
            complete("MATCH (m)-[:MAKES|u", 19, &d).1,
            vec!["USES_PLATFORM"]
        );
        assert_eq!(
            complete("RETURN m.la", 11, &d),
            (9, vec!["launched".to_string()])
        );
        assert_eq!(complete("mat", 3, &d), (0, vec!["MATCH".to_string()]));
        assert_eq!(complete("RETURN cou", 10, &d).1, vec!["count("]);
    }

    #[test]
    fn node_names_inside_quotes() {
        let d = data();
        assert_eq!(
            complete("MATCH (n {id: 'ar", 17, &d),
            (15, vec!["ariya".to_string()])
        );
        assert_eq!(
            complete("MATCH (n {name: \"Nissan A", 25, &d).1,
            vec!["Nissan Ariya"]
        );
    }

    #[test]
    fn meta_commands_and_their_arguments() {
        let d = data();
        assert_eq!(complete(":desc", 5, &d), (0, vec![":describe".to_string()]));
        assert_eq!(
            complete(":describe ar", 12, &d),
            (10, vec!["ariya".to_string()])
        );
        assert_eq!(complete(":format ma", 10, &d).1, vec!["markdown"]);
        assert_eq!(complete(":neighbors nissan MA", 20, &d).1, vec!["MAKES"]);
    }

    #[test]
    fn suggestions() {
        let d = data();
        assert_eq!(
            suggest(":describe ", 10, &d),
            Some(Suggestion {
                text: "ID".into(),
                insertable: false
            })
        );
        assert_eq!(
            suggest("MATCH (m:Mo", 11, &d),
            Some(Suggestion {
                text: "del".into(),
                insertable: true
            })
        );
        assert_eq!(
            suggest("MATCH (p", 8, &d),
            None,
            "no function hint after one letter"
        );
        let collect = Some(Suggestion {
            text: "ect(".into(),
            insertable: true,
        });
        assert_eq!(suggest("RETURN coll", 11, &d), collect);
    }

    #[test]
    fn highlighting_keeps_the_text() {
        let h = highlight("MATCH (m {id: 'x'}) RETURN 42 // c");
        assert!(h.contains("\x1b[1;34mMATCH\x1b[0m"));
        assert!(h.contains("\x1b[32m'x'\x1b[0m"));
        assert!(h.contains("\x1b[33m42\x1b[0m"));
        let plain = regex::Regex::new("\x1b\\[[0-9;]*m")
            .unwrap()
            .replace_all(&h, "");
        assert_eq!(plain, "MATCH (m {id: 'x'}) RETURN 42 // c");
    }
}
