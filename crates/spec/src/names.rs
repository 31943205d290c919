//! Suggestions for a mistyped problem slug: the bank's slugs closest to it,
//! so that an error can say "did you mean" instead of listing the bank.

/// Up to `most` of `known` that `name` may have meant, closest first: those
/// within a few edits of it (a typo), and those containing it or contained
/// in it (`stair` for `cheapest-stair-climb`).
pub fn closest_names<'a>(name: &str, known: &[&'a str], most: usize) -> Vec<&'a str> {
    let name = name.trim().to_lowercase();
    if name.is_empty() {
        return Vec::new();
    }
    let allowed = (name.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &'a str)> = known
        .iter()
        .filter_map(|&candidate| {
            let lower = candidate.to_lowercase();
            let distance = edit_distance(&name, &lower);
            if distance <= allowed {
                Some((distance, candidate))
            } else if name.len() >= 3 && (lower.contains(&name) || name.contains(&lower)) {
                // A part of the slug: ranked after every typo.
                Some((allowed + 1 + lower.len().abs_diff(name.len()), candidate))
            } else {
                None
            }
        })
        .collect();
    scored.sort();
    scored.into_iter().take(most).map(|(_, candidate)| candidate).collect()
}

/// Levenshtein distance between `a` and `b`, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &[&str] =
        &["cheapest-stair-climb", "number-of-islands", "merge-two-sorted-lists", "merge-room-bookings", "two-sum"];

    #[test]
    fn suggestions_follow_typos_and_parts() {
        // (typed, expected suggestions in order)
        let cases: &[(&str, &[&str])] = &[
            ("cheapest-stair-climbs", &["cheapest-stair-climb"]),
            ("number-of-island", &["number-of-islands"]),
            ("Number-Of-Islands", &["number-of-islands"]),
            ("stair", &["cheapest-stair-climb"]),
            ("merge", &["merge-room-bookings", "merge-two-sorted-lists"]),
            ("two-sun", &["two-sum"]),
            ("knapsack", &[]),
            ("", &[]),
            ("ab", &[]),
        ];
        for (typed, expected) in cases {
            assert_eq!(closest_names(typed, BANK, 3), *expected, "{typed:?}");
        }
    }

    #[test]
    fn edit_distances() {
        for (a, b, d) in [("", "", 0), ("abc", "", 3), ("kitten", "sitting", 3), ("same", "same", 0), ("é", "e", 1)] {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
        }
    }
}
