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
    oaj().args(["new", "plain-sum", "--kind", "stdio", "--dir"]).arg(temp.path()).assert().success();
    oaj()
        .arg("starter")
        .arg(temp.path().join("plain-sum"))
        .args(["--lang", "python"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("stdio problem"));
}

fn repo_problems() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("problems")
}

/// `oaj run` on a function problem, end to end through the sandbox: the
/// user's prints reach the sample's stderr, exceptions and syntax errors
/// name the user's own lines.
#[test]
fn run_judges_function_problems_and_names_the_users_lines() {
    if std::process::Command::new("python3").arg("--version").output().is_err() {
        assert_ne!(std::env::var("CI").as_deref(), Ok("true"), "CI needs python3");
        eprintln!("\n!!!!!! SKIPPING: python3 is not installed !!!!!!\n");
        return;
    }
    let temp = tempfile::tempdir().expect("tempdir");
    let run = |source: &str| -> serde_json::Value {
        let file = temp.path().join("solution.py");
        std::fs::write(&file, source).expect("write solution");
        let out = oaj()
            .arg("--problems-dir")
            .arg(repo_problems())
            .args(["run", "merge-two-sorted-lists"])
            .arg(&file)
            .args(["--samples", "--json"])
            .arg("--cache-dir")
            .arg(temp.path().join("cache"))
            .output()
            .expect("oaj runs");
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)))
    };

    let accepted = "class Solution:\n    def mergeTwoLists(self, list1, list2):\n        print('looking')\n        values = []\n        for node in (list1, list2):\n            while node:\n                values.append(node.val)\n                node = node.next\n        head = None\n        for v in sorted(values, reverse=True):\n            head = ListNode(v, head)\n        return head\n";
    let result = run(accepted);
    assert_eq!(result["verdict"], "AC", "{result}");
    assert!(result["cases"][0]["stderr"].as_str().is_some_and(|s| s.contains("looking")), "{result}");

    let failing = "class Solution:\n    def mergeTwoLists(self, list1, list2):\n        return list1.missing\n";
    let result = run(failing);
    assert_eq!(result["verdict"], "RE", "{result}");
    let message = result["cases"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.ends_with("AttributeError: 'ListNode' object has no attribute 'missing' (line 3 of your code)"),
        "{message}"
    );

    let syntax = "class Solution:\n    def mergeTwoLists(self, list1, list2):\n        return list1 +\n";
    let result = run(syntax);
    assert_eq!(result["verdict"], "CE", "{result}");
    let message = result["compile"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("\"main.py\", line 3"), "{message}");
}
