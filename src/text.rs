//! Text helpers every stage shares: the one edit distance behind every "did you mean".

/// Optimal-string-alignment distance (Levenshtein plus swaps of neighbouring characters),
/// ignoring case. The parser's keyword hints, the planner's variable and function hints and
/// the REPL's name hints all measure closeness with it.
///
/// ```
/// use evroad::text::edit_distance;
/// assert_eq!(edit_distance("Modle", "Model"), 1);
/// assert_eq!(edit_distance("abc", "ABC"), 0);
/// assert_eq!(edit_distance("MATHC", "match"), 1);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    d[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}
