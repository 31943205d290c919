use oaj_spec::Checker;

use super::check_builtin;
use crate::result::Verdict::{self, AC, WA};

const FLOAT: Checker = Checker::Float { abs_tol: 1e-6, rel_tol: 1e-6 };

/// (checker, output, answer, expected verdict, words the message must hold)
fn table() -> Vec<(Checker, String, String, Verdict, &'static str)> {
    let s = |x: &str| x.to_string();
    let huge = "9".repeat(1 << 20);
    let mut huge_off = huge.clone();
    huge_off.push('8');
    vec![
        // exact
        (Checker::Exact, s("1 2\n"), s("1 2\n"), AC, ""),
        (Checker::Exact, s("1 2"), s("1 2\n"), AC, ""),
        (Checker::Exact, s("1 2 \n"), s("1 2\n"), WA, "whitespace at the end"),
        (Checker::Exact, s("1  2\n"), s("1 2\n"), WA, "line 1"),
        (Checker::Exact, s("a\n"), s("a\nb\n"), WA, "1 lines, expected 2"),
        (Checker::Exact, s(""), s(""), AC, ""),
        (Checker::Exact, s(""), s("x\n"), WA, "line 1"),
        // tokens
        (Checker::Tokens, s("1   2\n\n3\n"), s("1 2 3"), AC, ""),
        (Checker::Tokens, s("1 2 3   \n\n\n"), s("1 2 3\n"), AC, ""),
        (Checker::Tokens, s("1\r\n2\r\n"), s("1\n2\n"), AC, ""),
        (Checker::Tokens, s("1 2 4"), s("1 2 3"), WA, "token 3"),
        (Checker::Tokens, s("1 2"), s("1 2 3"), WA, "ended after 2 tokens, expected 3"),
        (Checker::Tokens, s("1 2 3 4"), s("1 2 3"), WA, "extra output"),
        (Checker::Tokens, s(""), s("5"), WA, "ended after 0 tokens"),
        (Checker::Tokens, s(""), s("\n"), AC, ""),
        (Checker::Tokens, s("YES"), s("yes"), WA, "token 1"),
        (Checker::Tokens, huge.clone(), huge.clone(), AC, ""),
        (Checker::Tokens, huge_off, huge, WA, "token 1"),
        // float
        (FLOAT, s("0.3333333"), s("0.333333333"), AC, ""),
        (FLOAT, s("0.334"), s("0.333333333"), WA, "token 1"),
        (FLOAT, s("1000000.5"), s("1000000.0"), AC, ""), // relative
        (FLOAT, s("1000002"), s("1000000"), WA, "token 1"),
        (FLOAT, s("1e-9"), s("0"), AC, ""),
        (FLOAT, s("-0.0"), s("0.0"), AC, ""),
        (FLOAT, s("abc 1.0000001"), s("abc 1"), AC, ""),
        (FLOAT, s("abd 1"), s("abc 1"), WA, "token 1"),
        (FLOAT, s("nan"), s("1"), WA, "token 1"),
        (FLOAT, s("inf"), s("1e308"), WA, "token 1"),
        (FLOAT, s("1.0"), s("1.0 2.0"), WA, "ended after 1 tokens"),
        (Checker::Float { abs_tol: 0.1, rel_tol: 0.0 }, s("1.09"), s("1"), AC, ""),
        (Checker::Float { abs_tol: 0.1, rel_tol: 0.0 }, s("1.11"), s("1"), WA, "token 1"),
        // unordered
        (Checker::Unordered, s("b\na\nc\n"), s("a\nb\nc\n"), AC, ""),
        (Checker::Unordered, s("a  b\n\n"), s("a b\n"), AC, ""),
        (Checker::Unordered, s("a\na\n"), s("a\nb\n"), WA, "1 of 2 expected lines are missing"),
        (Checker::Unordered, s("a\n"), s("a\nb\n"), WA, "output has 1 lines, expected 2"),
        (Checker::Unordered, s("b a\n"), s("a b\n"), WA, "missing"),
        (Checker::Unordered, s(""), s(""), AC, ""),
        // any order, nested
        (Checker::AnyOrderNested, s("tan nat\nbat\n"), s("bat\nnat tan\n"), AC, ""),
        (Checker::AnyOrderNested, s("tan\nnat bat\n"), s("bat\nnat tan\n"), WA, "missing"),
    ]
}

#[test]
fn builtin_checkers() {
    for (i, (checker, output, answer, verdict, needle)) in table().into_iter().enumerate() {
        let outcome = check_builtin(&checker, output.as_bytes(), answer.as_bytes());
        assert_eq!(
            outcome.verdict, verdict,
            "row {i}: {checker:?} {output:.40?} vs {answer:.40?}: {}",
            outcome.message
        );
        assert!(outcome.message.contains(needle), "row {i}: message {:?} lacks {needle:?}", outcome.message);
    }
}

#[test]
fn messages_never_quote_the_answer() {
    let outcome = check_builtin(&Checker::Tokens, b"41", b"secret42");
    assert!(!outcome.message.contains("secret42"), "{}", outcome.message);
}
