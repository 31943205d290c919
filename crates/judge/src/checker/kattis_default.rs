//! The default output validator of the Kattis problem package format.
//!
//! The decision follows the reference validator (problemtools'
//! `default_validator.cc`) step by step, on bytes: both files are split into
//! tokens at the six ASCII whitespace bytes; tokens compare byte for byte
//! with `case_sensitive`, else ignoring ASCII case; with a float tolerance,
//! every answer token that is a number must be matched by a number within
//! the absolute or the relative tolerance; with `space_change_sensitive`,
//! the whitespace between tokens (leading and trailing too) must be the same
//! bytes. Numbers follow the format's grammar (decimal, optional exponent);
//! the reference's C library would also take hexadecimal floats, which no
//! answer file uses in practice.
//!
//! Messages say where the output went wrong but, unlike the reference's,
//! never quote the answer: the same message is shown for hidden cases.

use super::CheckOutcome;

/// The validator's flags, as parsed by `oaj_spec::kattis::default_checker`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flags {
    pub case_sensitive: bool,
    pub space_change_sensitive: bool,
    pub float_abs_tol: Option<f64>,
    pub float_rel_tol: Option<f64>,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Reads one file token by token, counting lines for messages.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0, line: 1 }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.pos += 1;
        if b == b'\n' {
            self.line += 1;
        }
        Some(b)
    }

    /// The next token; the caller has consumed the whitespace before it.
    fn token(&mut self) -> Option<&'a [u8]> {
        let start = self.pos;
        while self.peek().is_some_and(|b| !is_space(b)) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.bytes[start..self.pos])
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.bump();
        }
    }
}

fn describe_space(b: Option<u8>) -> String {
    match b {
        None => "the end of the output".to_string(),
        Some(b' ') => "a space".to_string(),
        Some(b'\n') => "a newline".to_string(),
        Some(b'\t') => "a tab".to_string(),
        Some(b'\r') => "a carriage return".to_string(),
        Some(b) if is_space(b) => format!("whitespace byte {b:#04x}"),
        Some(b) => format!("`{}`", String::from_utf8_lossy(&[b])),
    }
}

fn show(token: &[u8]) -> String {
    let text = String::from_utf8_lossy(token);
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(40).collect::<String>())
    } else {
        text.into_owned()
    }
}

pub fn check(flags: &Flags, output: &[u8], answer: &[u8]) -> CheckOutcome {
    let mut out = Cursor::new(output);
    let mut ans = Cursor::new(answer);
    let use_floats = flags.float_abs_tol.is_some() || flags.float_rel_tol.is_some();
    let wrong = |out: &Cursor, ans: &Cursor, detail: String| {
        CheckOutcome::wrong(format!("line {} of your output (line {} of the answer): {detail}", out.line, ans.line))
    };
    let mut tokens_read = 0usize;
    loop {
        // The answer's whitespace; with space_change_sensitive the output
        // must have the very same bytes.
        while let Some(c) = ans.peek().filter(|b| is_space(*b)) {
            if flags.space_change_sensitive {
                let d = out.peek();
                if d != Some(c) {
                    return wrong(
                        &out,
                        &ans,
                        format!(
                            "whitespace differs: found {} where the answer has {}",
                            describe_space(d),
                            describe_space(Some(c))
                        ),
                    );
                }
                out.bump();
            }
            ans.bump();
        }
        if flags.space_change_sensitive {
            if let Some(d) = out.peek().filter(|b| is_space(*b)) {
                return wrong(&out, &ans, format!("whitespace differs: extra {}", describe_space(Some(d))));
            }
        } else {
            out.skip_space();
        }

        let Some(expected) = ans.token() else { break };
        let Some(got) = out.token() else {
            let detail = if tokens_read > 0 {
                "your output ended before the answer did"
            } else if output.is_empty() {
                "your output is empty"
            } else {
                "your output holds only whitespace"
            };
            return wrong(&out, &ans, detail.to_string());
        };
        tokens_read += 1;

        let same = match parse_float(expected).filter(|_| use_floats) {
            Some(want) => {
                let Some(have) = parse_float(got) else {
                    return wrong(&out, &ans, format!("expected a number, found `{}`", show(got)));
                };
                let diff = (want - have).abs();
                let within_abs = flags.float_abs_tol.is_some_and(|eps| diff <= eps);
                let within_rel = flags.float_rel_tol.is_some_and(|eps| diff <= eps * want.abs());
                if !within_abs && !within_rel {
                    return wrong(
                        &out,
                        &ans,
                        format!("the number `{}` is not within the tolerance ({})", show(got), tolerances(flags)),
                    );
                }
                true
            }
            None if flags.case_sensitive => got == expected,
            None => got.eq_ignore_ascii_case(expected),
        };
        if !same {
            let hint = if !flags.case_sensitive || !got.eq_ignore_ascii_case(expected) {
                ""
            } else {
                " (letter case matters)"
            };
            return wrong(&out, &ans, format!("token {tokens_read}, `{}`, is wrong{hint}", show(got)));
        }
    }
    if !flags.space_change_sensitive {
        out.skip_space();
    }
    if let Some(extra) = out.token() {
        return wrong(&out, &ans, format!("extra output after the answer's end: `{}`", show(extra)));
    }
    CheckOutcome::accepted()
}

fn tolerances(flags: &Flags) -> String {
    match (flags.float_abs_tol, flags.float_rel_tol) {
        (Some(a), Some(r)) if a == r => format!("{a:e}"),
        (Some(a), Some(r)) => format!("absolute {a:e} or relative {r:e}"),
        (Some(a), None) => format!("absolute {a:e}"),
        (None, Some(r)) => format!("relative {r:e}"),
        (None, None) => "none".to_string(),
    }
}

/// A finite number in the package format's grammar:
/// `[+-]? (digits* . digits+ | digits+ .? ) ([eE] [+-]? digits+)?`.
fn parse_float(token: &[u8]) -> Option<f64> {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let start = *i;
        while token.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if matches!(token.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let whole = digits(&mut i);
    let mut fraction = 0;
    if token.get(i) == Some(&b'.') {
        i += 1;
        fraction = digits(&mut i);
    }
    if whole == 0 && fraction == 0 {
        return None;
    }
    if matches!(token.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(token.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return None;
        }
    }
    if i != token.len() {
        return None;
    }
    std::str::from_utf8(token).ok()?.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::Verdict;

    fn flags(text: &str) -> Flags {
        let args: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        match oaj_spec::kattis::default_checker(&args) {
            Ok(oaj_spec::Checker::KattisDefault {
                case_sensitive,
                space_change_sensitive,
                float_abs_tol,
                float_rel_tol,
            }) => Flags { case_sensitive, space_change_sensitive, float_abs_tol, float_rel_tol },
            other => panic!("flags {text:?}: {other:?}"),
        }
    }

    /// (flags, answer, outputs that pass, outputs that fail)
    const CASES: &[(&str, &str, &[&str], &[&str])] = &[
        ("", "", &["", " ", "\n", " \t\n\r\x0b\x0c"], &["0", "a", "."]),
        ("", "A B\n", &["A B", " a  b \t\n", "a\nb", "A B\n\n\n"], &["A B C", "A", "AB", "X A B", "A B\nX"]),
        ("case_sensitive", "Yes\n", &["Yes", "  Yes  \n"], &["yes", "YES", "Yes!"]),
        ("space_change_sensitive", "", &[""], &[" ", "\n", "0"]),
        ("space_change_sensitive", "1 2\n", &["1 2\n"], &["1 2", "1  2\n", "1\t2\n", " 1 2\n", "1 2\n\n", "1 2 \n"]),
        // Without a tolerance numbers are words.
        ("", "1.0\n", &["1.0", "1.0\n"], &["1", "1.00", "+1.0"]),
        (
            "float_tolerance 1e-6",
            "1.5\n",
            &["1.5", "1.5000001", "1.4999990", "15e-1", "+1.5", "1.500001"],
            &["1.5001", "1.4", "abc", "0x1.8p0", "nan", "inf", "1.5.", "1.5e"],
        ),
        // An integer answer token is a number too.
        ("float_tolerance 1e-6", "7 words\n", &["7.0000001 WORDS", "7. words"], &["7.01 words", "7 word"]),
        ("float_absolute_tolerance 0.5", "100\n", &["100.5", "99.5"], &["100.6", "101"]),
        ("float_relative_tolerance 0.01", "100\n", &["101", "99"], &["101.5", "98"]),
        ("float_relative_tolerance 0.01", "0\n", &["0", "-0.0", "0e5"], &["1e-300"]),
        ("float_absolute_tolerance 1e-9 float_relative_tolerance 0.5", "1e10\n", &["1.4e10", "6e9"], &["1.6e10"]),
        // Tokens of the answer that are not numbers still compare as words.
        ("float_tolerance 1e-3", "x=1 NaN\n", &["X=1 nan"], &["x=1.0 NaN", "x=1 1"]),
        // Overflowing exponents are not finite numbers, so they are words.
        ("float_tolerance 1", "1e999\n", &["1E999"], &["1e998"]),
    ];

    #[test]
    fn decisions_follow_the_reference_validator() {
        for (flag_text, answer, pass, fail) in CASES {
            let f = flags(flag_text);
            for output in *pass {
                let outcome = check(&f, output.as_bytes(), answer.as_bytes());
                assert_eq!(
                    outcome.verdict,
                    Verdict::AC,
                    "flags {flag_text:?}, answer {answer:?}, output {output:?}: {}",
                    outcome.message
                );
            }
            for output in *fail {
                let outcome = check(&f, output.as_bytes(), answer.as_bytes());
                assert_eq!(outcome.verdict, Verdict::WA, "flags {flag_text:?}, answer {answer:?}, output {output:?}");
                assert!(!outcome.message.is_empty());
            }
        }
    }

    #[test]
    fn messages_locate_the_error_without_quoting_the_answer() {
        // (flags, answer, output, message)
        let cases = [
            ("", "a\nb\nc\n", "a\nb\nd\n", "line 3 of your output (line 3 of the answer): token 3, `d`, is wrong"),
            ("case_sensitive", "Yes\n", "yes\n", "line 1 of your output (line 1 of the answer): token 1, `yes`, is wrong (letter case matters)"),
            ("", "1 2\n", "", "line 1 of your output (line 1 of the answer): your output is empty"),
            ("", "1 2\n", "\n\n", "line 3 of your output (line 1 of the answer): your output holds only whitespace"),
            ("", "1 2\n", "1\n", "line 2 of your output (line 1 of the answer): your output ended before the answer did"),
            ("", "1\n", "1\n2\n", "line 2 of your output (line 2 of the answer): extra output after the answer's end: `2`"),
            ("float_tolerance 1e-6", "0.5\n", "half\n", "line 1 of your output (line 1 of the answer): expected a number, found `half`"),
            ("float_tolerance 1e-6", "0.5\n", "0.51\n", "line 1 of your output (line 1 of the answer): the number `0.51` is not within the tolerance (1e-6)"),
            ("space_change_sensitive", "1 2\n", "1  2\n", "line 1 of your output (line 1 of the answer): whitespace differs: extra a space"),
            ("space_change_sensitive", "1\n2\n", "1 2\n", "line 1 of your output (line 1 of the answer): whitespace differs: found a space where the answer has a newline"),
            ("space_change_sensitive", "1\n", "1", "line 1 of your output (line 1 of the answer): whitespace differs: found the end of the output where the answer has a newline"),
        ];
        for (flag_text, answer, output, message) in cases {
            let outcome = check(&flags(flag_text), output.as_bytes(), answer.as_bytes());
            assert_eq!(outcome.message, message, "flags {flag_text:?}, answer {answer:?}, output {output:?}");
        }
    }
}
