//! Did-you-mean helpers: case-insensitive edit distance and the closest candidates.

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), ignoring case.
///
/// `Modle` is one edit from `Model`.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
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

/// The largest distance still worth suggesting for a word of this length.
fn budget(word: &str) -> usize {
    (word.chars().count() / 3).clamp(1, 3)
}

/// Candidates close to `word`, best first (at most `limit`): equal ignoring case, within
/// a small edit distance, or containing `word` (for words of 3+ characters).
pub fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let lower = word.to_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter(|c| *c != word)
        .filter_map(|c| {
            let d = distance(word, c);
            if d <= budget(word) {
                Some((d, c))
            } else if lower.chars().count() >= 3 && c.to_lowercase().contains(&lower) {
                Some((budget(word) + 1, c))
            } else {
                None
            }
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transposition_is_one_edit() {
        assert_eq!(distance("Modle", "Model"), 1);
        assert_eq!(distance("USES_PLATFROM", "USES_PLATFORM"), 1);
        assert_eq!(distance("abc", "ABC"), 0);
    }

    #[test]
    fn closest_ranks_by_distance() {
        let c = ["Model", "Plant", "Platform", "Modes"];
        assert_eq!(closest("Modle", c, 3), ["Model"]);
        assert_eq!(closest("plat", c, 3), ["Plant", "Platform"]);
        assert!(closest("Zebra", c, 3).is_empty());
    }
}
