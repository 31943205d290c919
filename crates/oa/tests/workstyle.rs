#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failed test
//! The work-style assessment: the item file's checks, the draw, the scoring
//! formula (answers in, profile out) and sittings with their own clock.

use std::collections::HashSet;
use std::sync::Arc;

use oaj_judge::{Judge, JudgeConfig, Languages};
use oaj_oa::workstyle::*;
use oaj_oa::{Catalog, Engine, EngineConfig, Error, FakeClock, StartOptions, Store, UserId, LOCAL_USER};

const FILE: &str = "test.toml";

// ---------------------------------------------------------------------------
// A small bank written in the tests: principles p1..p16, three filler items
// behind each, and the items the tables use.
// ---------------------------------------------------------------------------

fn principles(count: usize) -> String {
    (1..=count)
        .map(|n| {
            format!(
                "[[principle]]\nid = \"p{n}\"\nnumber = {n}\nname = \"Principle {n}\"\n\
                 description = \"What principle {n} asks.\"\nmeaning = \"A high score means {n}.\"\n\n"
            )
        })
        .collect()
}

fn fillers(per_principle: &[(usize, usize)]) -> String {
    let mut out = String::new();
    for &(p, count) in per_principle {
        for k in 1..=count {
            out += &format!(
                "[[item]]\nid = \"f{p}-{k}\"\nkind = \"likert\"\ntext = \"Filler {k} for p{p}.\"\nkeys = {{ p{p} = \"+\" }}\n\n"
            );
        }
    }
    out
}

fn full_fillers() -> String {
    fillers(&(1..=16).map(|p| (p, 3)).collect::<Vec<_>>())
}

/// The items the scoring tables answer.
const TABLE_ITEMS: &str = r#"
[[item]]
id = "L1"
kind = "likert"
text = "Raises p1."
keys = { p1 = "+" }

[[item]]
id = "L2"
kind = "likert"
text = "Lowers p1, raises p2."
keys = { p1 = "-", p2 = "+" }

[[item]]
id = "C1"
kind = "choice"
a = "Side A, for p1."
a_favours = "p1"
b = "Side B, for p2."
b_favours = "p2"

[[item]]
id = "X1"
kind = "likert"
text = "Raises p3."
keys = { p3 = "+" }
pair = "q1"

[[item]]
id = "X2"
kind = "likert"
text = "Lowers p3."
keys = { p3 = "-" }
pair = "q1"

[[item]]
id = "Y1"
kind = "choice"
a = "For p4."
a_favours = "p4"
b = "For p5."
b_favours = "p5"
pair = "q2"

[[item]]
id = "Y2"
kind = "likert"
text = "Raises p4."
keys = { p4 = "+" }
pair = "q2"
"#;

fn table_bank() -> Bank {
    Bank::parse(&format!("{}{}{TABLE_ITEMS}", principles(16), full_fillers()), FILE).unwrap()
}

fn lk(value: u8) -> Option<Answer> {
    Some(Answer::Likert { value })
}

fn a(strong: bool) -> Option<Answer> {
    Some(Answer::Choice { side: Side::A, strong })
}

fn b(strong: bool) -> Option<Answer> {
    Some(Answer::Choice { side: Side::B, strong })
}

/// Answers by item id, as a table row gives them.
type Answers = Vec<(&'static str, Option<Answer>)>;
/// A principle's expected score and the items that pulled it down.
type Expected = (&'static str, Option<u8>, Vec<&'static str>);
/// Expected consistency: pairs answered, contradictions, score, contradicting pairs.
type ExpectedConsistency = (usize, usize, Option<u8>, Vec<&'static str>);

fn sheet_of(answers: &[(&str, Option<Answer>)]) -> Vec<(String, Option<Answer>)> {
    answers.iter().map(|(id, answer)| (id.to_string(), *answer)).collect()
}

fn score_of(bank: &Bank, answers: &[(&str, Option<Answer>)]) -> WorkstyleResult {
    let answers = sheet_of(answers);
    score(bank, &Sheet { answers: &answers, started_ms: 0, ended_ms: 60_000, deadline_ms: 900_000 })
}

fn principle<'a>(result: &'a WorkstyleResult, id: &str) -> &'a PrincipleScore {
    result.principles.iter().find(|p| p.id == id).unwrap()
}

// ---------------------------------------------------------------------------
// Scoring tables
// ---------------------------------------------------------------------------

#[test]
fn profile_table() {
    let bank = table_bank();
    // (answers, expected (principle, score, the items that pulled it down))
    let cases: Vec<(Answers, Vec<Expected>)> = vec![
        // Fully agreeing with a "+" statement: 100.
        (vec![("L1", lk(5))], vec![("p1", Some(100), vec![]), ("p2", None, vec![])]),
        // Fully disagreeing: 0, and the answer pulled it down.
        (vec![("L1", lk(1))], vec![("p1", Some(0), vec!["L1"])]),
        // Neutral: 50, nothing pulled down.
        (vec![("L1", lk(3))], vec![("p1", Some(50), vec![])]),
        // "4" on a "+" item and "2" on a "-" item both support p1 (3 of 4);
        // the "2" leans against p2, which L2 raises.
        (vec![("L1", lk(4)), ("L2", lk(2))], vec![("p1", Some(75), vec![]), ("p2", Some(25), vec!["L2"])]),
        // Forced choice, A strongly: A's principle 100, B's 0.
        (vec![("C1", a(true))], vec![("p1", Some(100), vec![]), ("p2", Some(0), vec!["C1"])]),
        // B somewhat: 75 for B's principle, 25 for A's.
        (vec![("C1", b(false))], vec![("p1", Some(25), vec!["C1"]), ("p2", Some(75), vec![])]),
        // 12.5 rounds half up to 13: supports 1 (L1 = 2) and 0 (C1 B strongly).
        (vec![("L1", lk(2)), ("C1", b(true))], vec![("p1", Some(13), vec!["C1", "L1"])]),
        // Unanswered items count for nothing: p1 rests on L2 alone.
        (vec![("L1", None), ("L2", lk(4)), ("C1", None)], vec![("p1", Some(25), vec!["L2"]), ("p2", Some(75), vec![])]),
        // Nothing answered: no score at all.
        (vec![("L1", None), ("C1", None)], vec![("p1", None, vec![]), ("p2", None, vec![])]),
        // Three answers on p1: supports 4 + 0 + 3 = 7 of 12 -> 58.3 -> 58.
        (vec![("L1", lk(5)), ("L2", lk(5)), ("C1", a(false))], vec![("p1", Some(58), vec!["L2"])]),
    ];
    for (answers, expected) in cases {
        let result = score_of(&bank, &answers);
        for (id, score, pulled) in expected {
            let got = principle(&result, id);
            assert_eq!(got.score, score, "{id} for {answers:?}");
            let got_pulled: Vec<&str> = got.pulled_down.iter().map(|p| p.item.as_str()).collect();
            assert_eq!(got_pulled, pulled, "pulled down {id} for {answers:?}");
        }
    }
}

#[test]
fn pulled_down_answers_say_what_was_answered_strongest_first() {
    let bank = table_bank();
    let result = score_of(&bank, &[("L1", lk(2)), ("C1", b(true))]);
    let p1 = principle(&result, "p1");
    assert_eq!(p1.pulled_down.len(), 2);
    assert_eq!((p1.pulled_down[0].item.as_str(), p1.pulled_down[0].weight), ("C1", 2));
    assert_eq!(p1.pulled_down[0].answer, "you chose “Side B, for p2.” (strongly) over “Side A, for p1.”");
    assert_eq!((p1.pulled_down[1].item.as_str(), p1.pulled_down[1].weight), ("L1", 1));
    assert_eq!(p1.pulled_down[1].answer, "“Raises p1.”: you answered 2, mostly not like me");
}

#[test]
fn consistency_table() {
    let bank = table_bank();
    // (answers, pairs answered, contradictions, score, contradicting pairs)
    let cases: Vec<(Answers, ExpectedConsistency)> = vec![
        // Agree with "raises p3", disagree with "lowers p3": the same trait, consistent.
        (vec![("X1", lk(5)), ("X2", lk(1))], (1, 0, Some(100), vec![])),
        // Agree with both: a contradiction.
        (vec![("X1", lk(5)), ("X2", lk(5))], (1, 1, Some(0), vec!["q1"])),
        // Mild disagreement still contradicts (opposite signs).
        (vec![("X1", lk(4)), ("X2", lk(4))], (1, 1, Some(0), vec!["q1"])),
        // A neutral answer contradicts nothing.
        (vec![("X1", lk(3)), ("X2", lk(5))], (1, 0, Some(100), vec![])),
        // A pair with an unanswered member is not counted.
        (vec![("X1", lk(5)), ("X2", None)], (0, 0, None, vec![])),
        // Forced choice against Likert on the shared principle p4.
        (vec![("Y1", a(false)), ("Y2", lk(2))], (1, 1, Some(0), vec!["q2"])),
        (vec![("Y1", b(true)), ("Y2", lk(1))], (1, 0, Some(100), vec![])),
        // Two pairs, one contradicting: 50.
        (vec![("X1", lk(5)), ("X2", lk(2)), ("Y1", a(true)), ("Y2", lk(1))], (2, 1, Some(50), vec!["q2"])),
        // No pair drawn.
        (vec![("L1", lk(5))], (0, 0, None, vec![])),
    ];
    for (answers, (pairs, contradictions, score, contradicting)) in cases {
        let result = score_of(&bank, &answers);
        let c = &result.consistency;
        assert_eq!((c.pairs_answered, c.contradictions, c.score), (pairs, contradictions, score), "{answers:?}");
        let names: Vec<&str> = c.contradicting.iter().map(|x| x.pair.as_str()).collect();
        assert_eq!(names, contradicting, "{answers:?}");
    }
}

#[test]
fn counts_and_time_taken() {
    let bank = table_bank();
    let answers = sheet_of(&[("L1", lk(5)), ("L2", None), ("C1", a(true)), ("no-such-item", lk(5))]);
    // (started, ended, deadline, time taken): an end after the deadline counts as the deadline.
    for (started, ended, deadline, taken) in
        [(1_000, 61_000, 901_000, 60_000), (1_000, 2_000_000, 901_000, 900_000), (5_000, 4_000, 10_000, 0)]
    {
        let result =
            score(&bank, &Sheet { answers: &answers, started_ms: started, ended_ms: ended, deadline_ms: deadline });
        assert_eq!(result.time_taken_ms, taken);
        // The unknown item is skipped altogether.
        assert_eq!((result.items, result.answered, result.unanswered), (3, 2, 1));
    }
}

#[test]
fn scoring_is_a_function_of_the_answers() {
    let bank = Bank::bundled().unwrap();
    let drawn = draw(&bank, DEFAULT_ITEMS, 42);
    let answers: Vec<(String, Option<Answer>)> = drawn
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let answer = match bank.item(&d.item).unwrap().form {
                ItemForm::Likert { .. } => Answer::Likert { value: (i % 5) as u8 + 1 },
                ItemForm::Choice { .. } => {
                    Answer::Choice { side: if i % 2 == 0 { Side::A } else { Side::B }, strong: i % 3 == 0 }
                }
            };
            (d.item.clone(), (i % 7 != 0).then_some(answer))
        })
        .collect();
    let sheet = Sheet { answers: &answers, started_ms: 0, ended_ms: 1, deadline_ms: 2 };
    let first = score(&bank, &sheet);
    assert_eq!(first, score(&bank, &sheet));
    assert_eq!(first.principles.len(), 16);
    assert!(first.principles.iter().all(|p| p.score.is_some()), "every principle is drawn and answered");
}

#[test]
fn answer_codes_round_trip() {
    for answer in [
        Answer::Likert { value: 1 },
        Answer::Likert { value: 5 },
        Answer::Choice { side: Side::A, strong: true },
        Answer::Choice { side: Side::A, strong: false },
        Answer::Choice { side: Side::B, strong: false },
        Answer::Choice { side: Side::B, strong: true },
    ] {
        let likert = matches!(answer, Answer::Likert { .. });
        assert_eq!(Answer::from_code(likert, answer.code()), Some(answer));
    }
    assert_eq!(Answer::from_code(true, 0), None);
    assert_eq!(Answer::from_code(true, 6), None);
    assert_eq!(Answer::from_code(false, 0), None);
    assert_eq!(Answer::from_code(false, 3), None);
}

// ---------------------------------------------------------------------------
// The item file's checks
// ---------------------------------------------------------------------------

#[test]
fn the_bundled_file_is_valid_and_large_enough() {
    let bank = Bank::bundled().unwrap();
    assert_eq!(bank.file(), "assessments/workstyle.toml");
    let names: Vec<&str> = bank.principles().iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Customer Obsession",
            "Ownership",
            "Invent and Simplify",
            "Are Right, A Lot",
            "Learn and Be Curious",
            "Hire and Develop the Best",
            "Insist on the Highest Standards",
            "Think Big",
            "Bias for Action",
            "Frugality",
            "Earn Trust",
            "Dive Deep",
            "Have Backbone; Disagree and Commit",
            "Deliver Results",
            "Strive to be Earth's Best Employer",
            "Success and Scale Bring Broad Responsibility",
        ]
    );
    assert!(bank.items().len() >= 80, "{} items", bank.items().len());
    assert!(bank.pairs().len() >= 10, "{} pairs", bank.pairs().len());
    let choices = bank.items().iter().filter(|i| matches!(i.form, ItemForm::Choice { .. })).count();
    assert!(choices >= 20 && bank.items().len() - choices >= 20, "both forms are well represented");
    for (p, principle) in bank.principles().iter().enumerate() {
        let behind = bank.items().iter().filter(|i| i.principles().contains(&p)).count();
        assert!(behind >= 3, "{} is behind {behind} items", principle.id);
        let sentences = principle.description.matches(". ").count() + 1;
        assert!((2..=3).contains(&sentences), "{}: {sentences} sentences", principle.id);
    }
    // The file on disk is the one compiled in.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(BUNDLED_FILE);
    assert_eq!(Bank::load(&root).unwrap().items(), bank.items());
}

#[test]
fn broken_files_are_refused_with_the_file_and_the_item() {
    let base = |items: &str| format!("{}{}{items}", principles(16), full_fillers());
    let likert = |id: &str, keys: &str, extra: &str| {
        format!(
            "[[item]]\nid = \"{id}\"\nkind = \"likert\"\ntext = \"Some statement.\"\nkeys = {{ {keys} }}\n{extra}\n"
        )
    };
    let choice = |id: &str, a: &str, b: &str, extra: &str| {
        format!(
            "[[item]]\nid = \"{id}\"\nkind = \"choice\"\na = \"First.\"\na_favours = \"{a}\"\nb = \"Second.\"\nb_favours = \"{b}\"\n{extra}\n"
        )
    };
    // (file text, what the error must say)
    let cases: Vec<(String, &str)> = vec![
        (base(&likert("dup", "p1 = \"+\"", "").repeat(2)), "item `dup` appears twice"),
        (base(&likert("lost", "nowhere = \"+\"", "")), "item `lost` maps to `nowhere`, which is not one of the principles"),
        (base(&choice("same", "p2", "p2", "")), "item `same`: both sides favour `p2`"),
        (base(&choice("ghost", "p2", "p99", "")), "item `ghost` maps to `p99`"),
        (
            base("[[item]]\nid = \"half\"\nkind = \"choice\"\na = \"Only one side.\"\na_favours = \"p1\"\n"),
            "item `half` has no `b`",
        ),
        (
            base("[[item]]\nid = \"blank\"\nkind = \"choice\"\na = \" \"\na_favours = \"p1\"\nb = \"B.\"\nb_favours = \"p2\"\n"),
            "item `blank` has an empty `a`",
        ),
        (
            base("[[item]]\nid = \"mixed\"\nkind = \"likert\"\ntext = \"T.\"\nkeys = { p1 = \"+\" }\na = \"A.\"\n"),
            "item `mixed` is a Likert item; `a` belongs to forced-choice items",
        ),
        (
            base("[[item]]\nid = \"mixed2\"\nkind = \"choice\"\ntext = \"T.\"\na = \"A.\"\na_favours = \"p1\"\nb = \"B.\"\nb_favours = \"p2\"\n"),
            "item `mixed2` is a forced choice; `text` belongs to Likert items",
        ),
        (base("[[item]]\nid = \"nokeys\"\nkind = \"likert\"\ntext = \"T.\"\n"), "item `nokeys` has no `keys`"),
        (base(&likert("three", "p1 = \"+\", p2 = \"+\", p3 = \"-\"", "")), "item `three` maps to 3 principles"),
        (base(&likert("none", "", "")), "item `none` maps to 0 principles"),
        (base(&likert("updown", "p1 = \"up\"", "")), "item `updown`: the direction of `p1` is \"up\""),
        (base("[[item]]\nid = \"essay\"\nkind = \"essay\"\ntext = \"Write.\"\n"), "item `essay` has kind \"essay\""),
        (base(&likert("solo", "p1 = \"+\"", "pair = \"lonely\"")), "pair `lonely` has 1 member(s) (solo)"),
        (
            base(&format!(
                "{}{}{}",
                likert("t1", "p1 = \"+\"", "pair = \"crowd\""),
                likert("t2", "p1 = \"-\"", "pair = \"crowd\""),
                likert("t3", "p1 = \"+\"", "pair = \"crowd\"")
            )),
            "pair `crowd` has 3 member(s) (t1, t2, t3)",
        ),
        (
            base(&format!("{}{}", likert("u1", "p1 = \"+\"", "pair = \"apart\""), choice("u2", "p2", "p3", "pair = \"apart\""))),
            "pair `apart`: items `u1` and `u2` share no principle",
        ),
        (
            format!("{}{}", principles(16), fillers(&(1..=16).map(|p| (p, if p == 16 { 2 } else { 3 })).collect::<Vec<_>>())),
            "principle `p16` is behind 2 item(s); every principle needs at least 3",
        ),
        (format!("{}{}", principles(15), full_fillers()), "the file describes 15 principles; it must describe 16"),
        (
            format!("{}{}", principles(16).replace("number = 16", "number = 17"), full_fillers()),
            "the principles must be numbered 1 to 16",
        ),
        (
            format!("{}{}", principles(16).replace("number = 16", "number = 15"), full_fillers()),
            "principle `p16` has number 15",
        ),
        (
            format!("{}{}", principles(16).replace("meaning = \"A high score means 4.\"", "meaning = \"\""), full_fillers()),
            "principle `p4` has an empty meaning",
        ),
        (base("[[item]]\nid = \"typo\"\nkind = \"likert\"\ntext = \"T.\"\nkeys = { p1 = \"+\" }\ncolour = \"red\"\n"), "unknown field `colour`"),
        (base("[[item]]\nid = \"broken\nkind = \"likert\"\n"), "line"),
    ];
    for (text, expected) in cases {
        let error = Bank::parse(&text, FILE).expect_err(expected);
        let message = error.to_string();
        assert!(message.starts_with("test.toml: "), "{message}");
        assert!(message.contains(expected), "expected {expected:?} in {message:?}");
    }
    // The base itself is valid, so each case fails for its own reason.
    Bank::parse(&base(&likert("fine", "p1 = \"+\", p2 = \"-\"", "")), FILE).unwrap();
}

#[test]
fn a_missing_file_is_named() {
    let error = Bank::load(std::path::Path::new("/no/such/items.toml")).unwrap_err();
    assert!(error.to_string().starts_with("/no/such/items.toml: cannot read the item file"), "{error}");
}

// ---------------------------------------------------------------------------
// The draw
// ---------------------------------------------------------------------------

fn check_draw(bank: &Bank, drawn: &[Drawn], size: usize) {
    assert_eq!(drawn.len(), size);
    let ids: Vec<&str> = drawn.iter().map(|d| d.item.as_str()).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), ids.len(), "no item twice: {ids:?}");
    for p in 0..bank.principles().len() {
        assert!(
            ids.iter().any(|id| bank.item(id).unwrap().principles().contains(&p)),
            "{} is represented",
            bank.principles()[p].id
        );
    }
    let mut whole_pairs = 0;
    for [x, y] in bank.pairs().values() {
        let (x, y) = (&bank.items()[*x].id, &bank.items()[*y].id);
        let (has_x, has_y) = (ids.contains(&x.as_str()), ids.contains(&y.as_str()));
        assert_eq!(has_x, has_y, "pair {x}/{y} is drawn whole or not at all");
        if has_x {
            whole_pairs += 1;
            let (ix, iy) = (ids.iter().position(|i| i == x).unwrap(), ids.iter().position(|i| i == y).unwrap());
            assert!(ix.abs_diff(iy) > 1, "partners {x} and {y} are not next to each other");
        }
    }
    assert!(whole_pairs >= PAIRS_PER_SITTING.min(bank.pairs().len()), "{whole_pairs} pairs");
    for d in drawn {
        if matches!(bank.item(&d.item).unwrap().form, ItemForm::Likert { .. }) {
            assert!(!d.swapped, "a Likert item has no sides to swap");
        }
    }
}

#[test]
fn draw_rules_hold_for_many_seeds() {
    let bank = Bank::bundled().unwrap();
    let mut orders = HashSet::new();
    let (mut swapped, mut kept) = (0, 0);
    for seed in 0..300u64 {
        let drawn = draw(&bank, DEFAULT_ITEMS, seed);
        check_draw(&bank, &drawn, DEFAULT_ITEMS);
        // Reproducible from the seed.
        assert_eq!(drawn, draw(&bank, DEFAULT_ITEMS, seed));
        orders.insert(drawn.iter().map(|d| d.item.clone()).collect::<Vec<_>>());
        for d in &drawn {
            if matches!(bank.item(&d.item).unwrap().form, ItemForm::Choice { .. }) {
                if d.swapped {
                    swapped += 1
                } else {
                    kept += 1
                }
            }
        }
    }
    assert!(orders.len() > 290, "seeds give different draws ({} distinct of 300)", orders.len());
    assert!(swapped > 100 && kept > 100, "sides are shown in both orders ({swapped} swapped, {kept} kept)");
}

#[test]
fn draw_sizes_are_clamped_to_30_to_40() {
    let bank = Bank::bundled().unwrap();
    for (asked, got) in [(0, 30), (30, 30), (33, 33), (40, 40), (100, 40)] {
        for seed in [1, 2, 3] {
            check_draw(&bank, &draw(&bank, asked, seed), got);
        }
    }
}

#[test]
fn a_principle_only_paired_items_cover_is_drawn_through_its_pair() {
    // p16's only items are a pair; the filler covers the rest. With more
    // than PAIRS_PER_SITTING pairs, the p16 pair is often not among those
    // drawn first, so coverage must bring it in whole.
    let mut items = fillers(&(1..=15).map(|p| (p, 3)).collect::<Vec<_>>());
    for k in 1..=8 {
        items += &format!(
            "[[item]]\nid = \"e{k}a\"\nkind = \"likert\"\ntext = \"E{k}a.\"\nkeys = {{ p1 = \"+\" }}\npair = \"e{k}\"\n\n\
             [[item]]\nid = \"e{k}b\"\nkind = \"likert\"\ntext = \"E{k}b.\"\nkeys = {{ p1 = \"-\" }}\npair = \"e{k}\"\n\n"
        );
    }
    items += "[[item]]\nid = \"z1\"\nkind = \"likert\"\ntext = \"Z1.\"\nkeys = { p16 = \"+\" }\npair = \"z\"\n\n\
              [[item]]\nid = \"z2\"\nkind = \"likert\"\ntext = \"Z2.\"\nkeys = { p16 = \"-\" }\npair = \"z\"\n\n\
              [[item]]\nid = \"z3\"\nkind = \"likert\"\ntext = \"Z3.\"\nkeys = { p16 = \"+\" }\npair = \"y\"\n\n\
              [[item]]\nid = \"z4\"\nkind = \"likert\"\ntext = \"Z4.\"\nkeys = { p16 = \"-\", p2 = \"+\" }\npair = \"y\"\n\n";
    let bank = Bank::parse(&format!("{}{items}", principles(16)), FILE).unwrap();
    for seed in 0..100 {
        check_draw(&bank, &draw(&bank, 30, seed), 30);
    }
}

// ---------------------------------------------------------------------------
// Sittings: the clock, answers, the result, ownership, the OA section
// ---------------------------------------------------------------------------

const T0: i64 = 1_700_000_000_000;
const OTHER: UserId = 2;

struct Bench {
    _dir: tempfile::TempDir,
    clock: Arc<FakeClock>,
    engine: Engine,
    ws: Workstyle,
}

async fn bench() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let problem = dir.path().join("bank/double");
    for (path, text) in [
        ("problem.toml", "title = \"Double\"\ndifficulty = \"medium\"\nkind = \"stdio\"\ntime_limit_ms = 2000\nmemory_limit_mb = 256\n"),
        ("statement.md", "Print twice the number.\n"),
        ("tests/sample/1.in", "3\n"),
        ("tests/sample/1.ans", "6\n"),
        ("tests/hidden/a.in", "1\n"),
        ("tests/hidden/a.ans", "2\n"),
    ] {
        let path = problem.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let store = Store::open_in_memory().await.unwrap();
    store.create_user("other", oaj_oa::Role::Member, None, 0).await.unwrap();
    let catalog = Arc::new(Catalog::load(&dir.path().join("bank")).unwrap());
    let sandbox = oaj_sandbox::Sandbox::with_config(oaj_sandbox::SandboxConfig {
        mode: oaj_sandbox::IsolationMode::Disabled,
        ..oaj_sandbox::SandboxConfig::default()
    });
    let judge = Arc::new(Judge::new(JudgeConfig::new(Languages::bundled(), sandbox, dir.path().join("cache"))));
    let clock = Arc::new(FakeClock::new(T0));
    let config = EngineConfig { judge_slots: 1, queue_capacity: 4, background: false };
    let engine = Engine::new(store, catalog, judge, clock.clone(), config);
    let ws = Workstyle::bundled(engine.clone()).unwrap();
    Bench { _dir: dir, clock, engine, ws }
}

/// An answer for the item shown at `item`: Likert `value`, or for a forced
/// choice the first statement shown (strongly when value >= 4).
fn shown(item: &ShownItem, value: u8) -> ShownAnswer {
    match item.form {
        ShownForm::Likert { .. } => ShownAnswer::Likert { value },
        ShownForm::Choice { .. } => ShownAnswer::Choice { first: true, strong: value >= 4 },
    }
}

#[tokio::test]
async fn the_timer_allows_10_to_20_minutes_and_fixes_the_deadline() {
    let b = bench().await;
    for minutes in [0, 9, 21, 90] {
        let error = b.ws.start_practice(LOCAL_USER, minutes).await.unwrap_err();
        assert!(matches!(error, Error::Invalid(_)), "{minutes}: {error}");
        assert!(error.to_string().contains("10 to 20 minutes"), "{error}");
    }
    for minutes in [10, DEFAULT_MINUTES, 20] {
        let id = b.ws.start_practice(LOCAL_USER, minutes).await.unwrap();
        let view = b.ws.sitting(LOCAL_USER, id).await.unwrap();
        assert_eq!(view.deadline_ms, view.started_ms + i64::from(minutes) * 60_000);
        assert_eq!(view.remaining_ms(), i64::from(minutes) * 60_000);
        assert_eq!(view.status, SittingStatus::Open);
        assert_eq!(view.items.len(), DEFAULT_ITEMS);
    }
    assert_eq!(DEFAULT_MINUTES, 15);
}

#[tokio::test]
async fn the_stored_seed_reproduces_the_draw_and_sides_map_back() {
    let b = bench().await;
    let id = b.ws.start_seeded(LOCAL_USER, None, 15, 7).await.unwrap();
    let view = b.ws.sitting(LOCAL_USER, id).await.unwrap();
    assert_eq!(view.seed, 7);
    let drawn = draw(b.ws.bank(), DEFAULT_ITEMS, 7);
    assert_eq!(
        view.items.iter().map(|i| i.id.clone()).collect::<Vec<_>>(),
        drawn.iter().map(|d| d.item.clone()).collect::<Vec<_>>()
    );
    // A swapped forced choice shows B first; choosing the first statement
    // strongly is "B, strongly" in the file's terms.
    let (pos, d) = drawn.iter().enumerate().find(|(_, d)| d.swapped).expect("seed 7 swaps at least one forced choice");
    let item = b.ws.bank().item(&d.item).unwrap().clone();
    let ItemForm::Choice { a, b: side_b, b_favours, .. } = &item.form else { panic!("not a choice") };
    let ShownForm::Choice { first, second } = &view.items[pos].form else { panic!("not shown as a choice") };
    assert_eq!((first, second), (side_b, a));
    b.ws.answer(LOCAL_USER, id, pos + 1, ShownAnswer::Choice { first: true, strong: true }).await.unwrap();
    let view = b.ws.sitting(LOCAL_USER, id).await.unwrap();
    assert_eq!(view.items[pos].answer, Some(ShownAnswer::Choice { first: true, strong: true }));
    let result = b.ws.finish(LOCAL_USER, id).await.unwrap();
    let favoured = &b.ws.bank().principles()[*b_favours];
    let p = result.principles.iter().find(|p| p.id == favoured.id).unwrap();
    assert_eq!((p.score, p.answered), (Some(100), 1), "B's principle got full support");
}

#[tokio::test]
async fn answers_are_saved_until_the_deadline_and_unanswered_items_stay_unanswered() {
    let b = bench().await;
    let id = b.ws.start_practice(LOCAL_USER, 10).await.unwrap();
    let view = b.ws.sitting(LOCAL_USER, id).await.unwrap();
    // Answer the first three, change the second.
    for item in &view.items[..3] {
        b.ws.answer(LOCAL_USER, id, item.position, shown(item, 5)).await.unwrap();
    }
    b.ws.answer(LOCAL_USER, id, 2, shown(&view.items[1], 1)).await.unwrap();
    // Bad answers say what was wrong.
    let likert = view.items.iter().find(|i| matches!(i.form, ShownForm::Likert { .. })).unwrap();
    let choice = view.items.iter().find(|i| matches!(i.form, ShownForm::Choice { .. })).unwrap();
    for (position, answer, expected) in [
        (likert.position, ShownAnswer::Likert { value: 6 }, "answered 1 to 5, not 6"),
        (likert.position, ShownAnswer::Choice { first: true, strong: true }, "rated 1 to 5"),
        (choice.position, ShownAnswer::Likert { value: 3 }, "a choice between two statements"),
        (99, ShownAnswer::Likert { value: 3 }, "there is no item 99"),
    ] {
        let error = b.ws.answer(LOCAL_USER, id, position, answer).await.unwrap_err();
        assert!(matches!(error, Error::Invalid(_)) && error.to_string().contains(expected), "{error}");
    }
    b.clock.advance(9 * 60_000 + 59_999);
    b.ws.answer(LOCAL_USER, id, 4, shown(&view.items[3], 4)).await.unwrap();
    // The deadline passes: the next answer is refused, the sitting ended at its deadline.
    b.clock.advance(1);
    let error = b.ws.answer(LOCAL_USER, id, 5, shown(&view.items[4], 4)).await.unwrap_err();
    assert!(matches!(error, Error::Conflict(_)), "{error}");
    let view = b.ws.sitting(LOCAL_USER, id).await.unwrap();
    assert_eq!(view.status, SittingStatus::Finished);
    assert_eq!(view.end_reason.as_deref(), Some("deadline"));
    assert_eq!(view.ended_ms, Some(view.deadline_ms));
    assert_eq!(view.answered(), 4);
    let result = view.result.unwrap();
    assert_eq!((result.items, result.answered, result.unanswered), (DEFAULT_ITEMS, 4, DEFAULT_ITEMS - 4));
    assert_eq!(result.time_taken_ms, 10 * 60_000);
    assert_eq!(view.items[1].answer, Some(shown(&view.items[1], 1)), "the changed answer counts");
    // Finishing afterwards returns the stored result unchanged.
    b.clock.advance(60_000);
    assert_eq!(b.ws.finish(LOCAL_USER, id).await.unwrap(), result);
}

#[tokio::test]
async fn finishing_early_scores_and_records_the_time_taken() {
    let b = bench().await;
    let id = b.ws.start_practice(LOCAL_USER, 15).await.unwrap();
    let view = b.ws.sitting(LOCAL_USER, id).await.unwrap();
    for item in &view.items {
        b.ws.answer(LOCAL_USER, id, item.position, shown(item, 3)).await.unwrap();
    }
    b.clock.advance(7 * 60_000 + 30_000);
    let result = b.ws.finish(LOCAL_USER, id).await.unwrap();
    assert_eq!(result.time_taken_ms, 7 * 60_000 + 30_000);
    assert_eq!((result.answered, result.unanswered), (DEFAULT_ITEMS, 0));
    assert!(result.consistency.pairs_answered >= PAIRS_PER_SITTING);
    let view = b.ws.sitting(LOCAL_USER, id).await.unwrap();
    assert_eq!(view.end_reason.as_deref(), Some("finished"));
    assert_eq!(view.result.as_ref(), Some(&result));
    let error = b.ws.answer(LOCAL_USER, id, 1, shown(&view.items[0], 5)).await.unwrap_err();
    assert!(error.to_string().contains("has ended"), "{error}");
    let history = b.ws.history(LOCAL_USER).await.unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].result.as_ref(), Some(&result));
}

#[tokio::test]
async fn another_users_sitting_is_not_found() {
    let b = bench().await;
    let id = b.ws.start_practice(LOCAL_USER, 15).await.unwrap();
    let other = OTHER;
    assert!(matches!(b.ws.sitting(other, id).await, Err(Error::NotFound(_))));
    assert!(matches!(b.ws.answer(other, id, 1, ShownAnswer::Likert { value: 3 }).await, Err(Error::NotFound(_))));
    assert!(matches!(b.ws.finish(other, id).await, Err(Error::NotFound(_))));
    assert!(b.ws.history(other).await.unwrap().is_empty());
    assert!(matches!(b.ws.sitting(LOCAL_USER, 999).await, Err(Error::NotFound(_))));
}

#[tokio::test]
async fn the_oa_section_follows_the_coding_part() {
    let b = bench().await;
    let options = StartOptions { problems: Some(vec!["double".into()]), ..StartOptions::default() };
    let attempt = b.engine.start(LOCAL_USER, options).await.unwrap();
    // Not while coding.
    let error = b.ws.start_after_oa(LOCAL_USER, attempt, 15).await.unwrap_err();
    assert!(matches!(error, Error::Conflict(_)) && error.to_string().contains("finish the OA first"), "{error}");
    assert!(matches!(b.ws.oa_section(LOCAL_USER, attempt).await.unwrap(), OaSection::Offered));
    b.engine.finish(LOCAL_USER, attempt).await.unwrap();
    // Another user cannot start or skip it.
    assert!(matches!(b.ws.start_after_oa(OTHER, attempt, 15).await, Err(Error::NotFound(_))));
    assert!(matches!(b.ws.skip_after_oa(OTHER, attempt).await, Err(Error::NotFound(_))));
    // Skipped, then taken after all from the report.
    b.ws.skip_after_oa(LOCAL_USER, attempt).await.unwrap();
    assert!(matches!(b.ws.oa_section(LOCAL_USER, attempt).await.unwrap(), OaSection::Skipped));
    assert!(b.ws.history(LOCAL_USER).await.unwrap().is_empty(), "a skip is not a sitting");
    let id = b.ws.start_after_oa(LOCAL_USER, attempt, 15).await.unwrap();
    assert_eq!(b.ws.start_after_oa(LOCAL_USER, attempt, 15).await.unwrap(), id, "a second start resumes it");
    b.ws.skip_after_oa(LOCAL_USER, attempt).await.unwrap();
    let OaSection::Taken(summary) = b.ws.oa_section(LOCAL_USER, attempt).await.unwrap() else {
        panic!("a skip after starting changes nothing")
    };
    assert_eq!((summary.id, summary.attempt_id, summary.status), (id, Some(attempt), SittingStatus::Open));
    // Its deadline passes with nobody looking: the section shows it ended.
    b.clock.advance(15 * 60_000);
    let OaSection::Taken(summary) = b.ws.oa_section(LOCAL_USER, attempt).await.unwrap() else { panic!() };
    assert_eq!(summary.status, SittingStatus::Finished);
    assert_eq!(summary.result.unwrap().answered, 0);

    // A practice attempt has no work-style section.
    let practice = b.engine.practice(LOCAL_USER, "double").await.unwrap();
    b.engine.finish(LOCAL_USER, practice).await.unwrap();
    let error = b.ws.start_after_oa(LOCAL_USER, practice, 15).await.unwrap_err();
    assert!(matches!(error, Error::Invalid(_)), "{error}");
}

#[tokio::test]
async fn a_past_result_still_reads_after_the_item_file_changed() {
    let b = bench().await;
    let before = Workstyle::new(b.engine.clone(), Arc::new(table_bank()));
    let id = before.start_practice(LOCAL_USER, 15).await.unwrap();
    let view = before.sitting(LOCAL_USER, id).await.unwrap();
    for item in &view.items {
        before.answer(LOCAL_USER, id, item.position, shown(item, 5)).await.unwrap();
    }
    let result = before.finish(LOCAL_USER, id).await.unwrap();
    // The table's items (its two pairs are always drawn) are gone from the new file.
    let changed = Bank::parse(&format!("{}{}", principles(16), full_fillers()), FILE).unwrap();
    let after = Workstyle::new(b.engine.clone(), Arc::new(changed));
    let view = after.sitting(LOCAL_USER, id).await.unwrap();
    assert_eq!(view.result, Some(result), "the stored result is not scored again");
    let gone = view.items.iter().find(|i| i.id == "X1").unwrap();
    assert!(
        matches!(&gone.form, ShownForm::Likert { text } if text.contains("`X1` is no longer in test.toml")),
        "{gone:?}"
    );
    assert_eq!(gone.answer, None);
}
