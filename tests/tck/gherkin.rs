//! A small Gherkin reader: features, backgrounds, scenarios and outlines expanded over their examples.

use std::collections::BTreeMap;

/// One step: its text after the keyword, plus an optional doc string or table.
#[derive(Debug, Clone, Default)]
pub struct Step {
    /// The text after `Given` / `When` / `Then` / `And` / `But` / `*`, trimmed.
    pub text: String,
    /// The `"""` block below the step, with its indentation removed.
    pub doc: Option<String>,
    /// The table below the step: rows of unescaped, trimmed cells.
    pub table: Option<Vec<Vec<String>>>,
    /// 1-based line of the step in the feature file.
    pub line: usize,
}

/// A runnable scenario (an outline yields one per example row), background steps included.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The scenario's name, placeholders substituted.
    pub name: String,
    /// For an outline: which example row (1-based, counted across all `Examples:` blocks).
    pub example: Option<usize>,
    /// 1-based line of the `Scenario` keyword.
    pub line: usize,
    /// Tags of the feature, the scenario and (for outlines) its examples block.
    pub tags: Vec<String>,
    /// Background steps followed by the scenario's own.
    pub steps: Vec<Step>,
}

struct Examples {
    tags: Vec<String>,
    rows: Vec<Vec<String>>,
}

struct RawScenario {
    name: String,
    line: usize,
    tags: Vec<String>,
    steps: Vec<Step>,
    examples: Vec<Examples>,
    outline: bool,
}

/// Where table rows and steps currently go.
enum Target {
    None,
    Background,
    Scenario,
    Examples,
}

const STEP_KEYWORDS: [&str; 6] = ["Given ", "When ", "Then ", "And ", "But ", "* "];

/// Parses one feature file into its scenarios.
///
/// # Errors
/// A message with the line number when the file is not Gherkin this reader understands.
pub fn parse_feature(source: &str) -> Result<Vec<Scenario>, String> {
    let lines: Vec<&str> = source.lines().collect();
    let mut feature_tags = Vec::new();
    let mut background: Vec<Step> = Vec::new();
    let mut raws: Vec<RawScenario> = Vec::new();
    let mut pending_tags: Vec<String> = Vec::new();
    let mut target = Target::None;
    let mut i = 0;
    while i < lines.len() {
        let line_no = i + 1;
        let raw = lines[i];
        let line = raw.trim();
        i += 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('@') {
            let tags = line.split('#').next().unwrap_or("");
            pending_tags.extend(tags.split_whitespace().map(str::to_string));
            continue;
        }
        if let Some(rest) = line.strip_prefix("Feature:") {
            let _name = rest.trim();
            feature_tags = std::mem::take(&mut pending_tags);
            continue;
        }
        if line.starts_with("Background:") {
            target = Target::Background;
            continue;
        }
        let outline = ["Scenario Outline:", "Scenario Template:"]
            .iter()
            .find_map(|k| line.strip_prefix(k));
        let plain = line.strip_prefix("Scenario:");
        if let Some(rest) = outline.or(plain) {
            let mut tags = feature_tags.clone();
            tags.append(&mut pending_tags);
            raws.push(RawScenario {
                name: rest.trim().to_string(),
                line: line_no,
                tags,
                steps: Vec::new(),
                examples: Vec::new(),
                outline: outline.is_some(),
            });
            target = Target::Scenario;
            continue;
        }
        if line.starts_with("Examples:") || line.starts_with("Scenarios:") {
            let sc = raws
                .last_mut()
                .ok_or(format!("line {line_no}: Examples outside a scenario"))?;
            sc.examples.push(Examples {
                tags: std::mem::take(&mut pending_tags),
                rows: Vec::new(),
            });
            target = Target::Examples;
            continue;
        }
        if line.starts_with('|') {
            let row = split_row(line);
            let step = match target {
                Target::Examples => {
                    let ex = raws.last_mut().and_then(|s| s.examples.last_mut());
                    ex.ok_or(format!("line {line_no}: stray table"))?
                        .rows
                        .push(row);
                    continue;
                }
                Target::Background => background.last_mut(),
                Target::Scenario => raws.last_mut().and_then(|s| s.steps.last_mut()),
                Target::None => None,
            };
            step.ok_or(format!("line {line_no}: table without a step"))?
                .table
                .get_or_insert_with(Vec::new)
                .push(row);
            continue;
        }
        if line.starts_with("\"\"\"") || line.starts_with("```") {
            let fence = &line[..3];
            let indent = raw.len() - raw.trim_start().len();
            let mut body = Vec::new();
            loop {
                let Some(l) = lines.get(i) else {
                    return Err(format!("line {line_no}: unterminated doc string"));
                };
                i += 1;
                if l.trim() == fence {
                    break;
                }
                body.push(strip_indent(l, indent));
            }
            let doc = body.join("\n");
            let step = match target {
                Target::Background => background.last_mut(),
                Target::Scenario => raws.last_mut().and_then(|s| s.steps.last_mut()),
                _ => None,
            };
            step.ok_or(format!("line {line_no}: doc string without a step"))?
                .doc = Some(doc);
            continue;
        }
        if let Some(text) = STEP_KEYWORDS.iter().find_map(|k| line.strip_prefix(k)) {
            let step = Step {
                text: text.trim().to_string(),
                line: line_no,
                ..Step::default()
            };
            match target {
                Target::Background => background.push(step),
                Target::Scenario => {
                    raws.last_mut()
                        .expect("target implies a scenario")
                        .steps
                        .push(step);
                }
                _ => return Err(format!("line {line_no}: step outside a scenario")),
            }
            continue;
        }
        // Free-form description text below Feature / Scenario: ignored.
    }
    let mut out = Vec::new();
    for raw in raws {
        let mut steps = background.clone();
        steps.extend(raw.steps.iter().cloned());
        if !raw.outline {
            out.push(Scenario {
                name: raw.name,
                example: None,
                line: raw.line,
                tags: raw.tags,
                steps,
            });
            continue;
        }
        let mut n = 0;
        for ex in &raw.examples {
            let Some((header, rows)) = ex.rows.split_first() else {
                continue;
            };
            for row in rows {
                n += 1;
                let vars: BTreeMap<&str, &str> = header
                    .iter()
                    .map(String::as_str)
                    .zip(row.iter().map(String::as_str))
                    .collect();
                let mut tags = raw.tags.clone();
                tags.extend(ex.tags.iter().cloned());
                out.push(Scenario {
                    name: substitute(&raw.name, &vars),
                    example: Some(n),
                    line: raw.line,
                    tags,
                    steps: steps.iter().map(|s| substitute_step(s, &vars)).collect(),
                });
            }
        }
    }
    Ok(out)
}

/// Removes up to `indent` leading whitespace characters.
fn strip_indent(line: &str, indent: usize) -> String {
    let mut rest = line;
    for _ in 0..indent {
        match rest.chars().next() {
            Some(c) if c.is_whitespace() => rest = &rest[c.len_utf8()..],
            _ => break,
        }
    }
    rest.to_string()
}

/// Splits `| a | b\|c |` into cells, applying Gherkin's escapes (`\|`, `\\`, `\n`).
pub fn split_row(line: &str) -> Vec<String> {
    let body = line.trim().strip_prefix('|').unwrap_or(line);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('|') => cur.push('|'),
                Some('\\') => cur.push('\\'),
                Some('n') => cur.push('\n'),
                Some(o) => {
                    cur.push('\\');
                    cur.push(o);
                }
                None => cur.push('\\'),
            },
            '|' => cells.push(std::mem::take(&mut cur).trim().to_string()),
            _ => cur.push(c),
        }
    }
    // Text after the last `|` (normally nothing) is not a cell.
    cells
}

/// Replaces each `<name>` with its example value, in one pass (values are not rescanned).
fn substitute(text: &str, vars: &BTreeMap<&str, &str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find('>')
            .and_then(|close| Some((close, vars.get(&after[..close])?)))
        {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn substitute_step(step: &Step, vars: &BTreeMap<&str, &str>) -> Step {
    Step {
        text: substitute(&step.text, vars),
        doc: step.doc.as_ref().map(|d| substitute(d, vars)),
        table: step.table.as_ref().map(|t| {
            t.iter()
                .map(|r| r.iter().map(|c| substitute(c, vars)).collect())
                .collect()
        }),
        line: step.line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_outlines_with_background_and_escapes() {
        let src = "@f\nFeature: F\n  Background:\n    Given an empty graph\n\n  \
                   Scenario Outline: [1] <x> case\n    When executing query:\n      \"\"\"\n      \
                   RETURN <x> AS a\n        , 1\n      \"\"\"\n    Then the result should be, in any order:\n      \
                   | a   |\n      | <y> |\n\n    Examples:\n      | x     | y |\n      | 'a\\|b' | '\\\\' |\n      \
                   | <y> | 2 |\n";
        let sc = parse_feature(src).unwrap();
        assert_eq!(sc.len(), 2);
        assert_eq!(sc[0].name, "[1] 'a|b' case");
        assert_eq!(sc[0].tags, vec!["@f"]);
        assert_eq!(sc[0].steps.len(), 3);
        assert_eq!(
            sc[0].steps[1].doc.as_deref(),
            Some("RETURN 'a|b' AS a\n  , 1")
        );
        assert_eq!(
            sc[0].steps[2].table,
            Some(vec![vec!["a".into()], vec!["'\\'".into()]])
        );
        assert_eq!(
            sc[1].steps[1].doc.as_deref(),
            Some("RETURN <y> AS a\n  , 1")
        );
        assert_eq!(sc[1].example, Some(2));
    }
}
