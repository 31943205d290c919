//! Short diffs of expected vs actual output, for sample cases.

use similar::TextDiff;

const MAX_DIFF_LINES: usize = 40;
const MAX_LINE_CHARS: usize = 200;

/// A unified diff of `expected` against `actual`, cut to a readable size.
pub fn short_diff(expected: &[u8], actual: &[u8]) -> String {
    let expected = String::from_utf8_lossy(expected);
    let actual = String::from_utf8_lossy(actual);
    let diff = TextDiff::from_lines(expected.as_ref(), actual.as_ref());
    let text = diff.unified_diff().context_radius(2).header("expected", "your output").to_string();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        if i == MAX_DIFF_LINES {
            out.push_str("... (diff cut)\n");
            break;
        }
        if line.chars().count() > MAX_LINE_CHARS {
            out.extend(line.chars().take(MAX_LINE_CHARS));
            out.push_str(" ...");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_both_sides() {
        let diff = short_diff(b"1\n2\n3\n", b"1\n5\n3\n");
        assert!(diff.contains("--- expected") && diff.contains("+++ your output"), "{diff}");
        assert!(diff.contains("-2") && diff.contains("+5"), "{diff}");
    }

    #[test]
    fn long_diffs_are_cut() {
        let a: String = (0..1000).map(|i| format!("{i}\n")).collect();
        let b: String = (0..1000).map(|i| format!("x{i}\n")).collect();
        let diff = short_diff(a.as_bytes(), b.as_bytes());
        assert!(diff.lines().count() <= MAX_DIFF_LINES + 1);
        assert!(diff.ends_with("(diff cut)\n"));
    }
}
