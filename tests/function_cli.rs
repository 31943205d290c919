//! `oaj new` and `oaj starter`, through the real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn oaj() -> Command {
    Command::cargo_bin("oaj").expect("oaj binary")
}

#[test]
fn new_function_problem_loads_and_has_starter_code_in_every_language() {
    let temp = tempfile::tempdir().expect("tempdir");
    oaj()
        .args(["new", "sum-it", "--kind", "function", "--dir"])
        .arg(temp.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("problem.toml").and(predicate::str::contains("reference.py")));
    let problem = temp.path().join("sum-it");
    // (language, text its starter code must contain)
    let expected = [
        ("python", "def sumOfArray(self, nums: List[int]) -> int:"),
        ("cpp", "long long sumOfArray(vector<int>& nums)"),
        ("java", "public long sumOfArray(int[] nums)"),
        ("javascript", "var sumOfArray = function(nums)"),
        ("go", "func sumOfArray(nums []int) int64"),
        ("rust", "pub fn sum_of_array(nums: Vec<i32>) -> i64"),
    ];
    for (language, text) in expected {
        oaj()
            .arg("starter")
            .arg(&problem)
            .args(["--lang", language])
            .assert()
            .success()
            .stdout(predicate::str::contains(text));
    }
    oaj()
        .arg("starter")
        .arg(&problem)
        .args(["--lang", "c"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not available in language `c`"));
    oaj()
        .args(["new", "sum-it", "--dir"])
        .arg(temp.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn stdio_problems_have_no_starter_code() {
    let temp = tempfile::tempdir().expect("tempdir");
    oaj()
        .args(["new", "plain-sum", "--kind", "stdio", "--dir"])
        .arg(temp.path())
        .assert()
        .success();
    oaj()
        .arg("starter")
        .arg(temp.path().join("plain-sum"))
        .args(["--lang", "python"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stdio problem"));
}
