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
    support::require_toolchain!("python");
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
            .arg(support::shared_cache())
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

    // `--input` that does not fit the parameters is the user's mistake: a
    // usage error naming the line and the parameter, not a judge error.
    let input = temp.path().join("bad.in");
    std::fs::write(&input, "not json\n[1]\n").expect("write input");
    let out = oaj()
        .arg("--problems-dir")
        .arg(repo_problems())
        .args(["run", "merge-two-sorted-lists"])
        .arg(temp.path().join("solution.py"))
        .arg("--input")
        .arg(&input)
        .arg("--cache-dir")
        .arg(support::shared_cache())
        .output()
        .expect("oaj runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("your input does not fit the function's parameters") && stderr.contains("line 1:"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("IE"), "{}", String::from_utf8_lossy(&out.stdout));
}

mod support;

/// Solutions written the way LeetCode submissions are, leaning on what
/// LeetCode's environment has without an import, pasted as they are into
/// the bank's function problems (tests/pasted/<problem>/<file>):
/// (problem, file, what it relies on). Each must be accepted.
const PASTED: &[(&str, &str, &str)] = &[
    ("sort-an-array-function", "randomized_quicksort.py", "randint and random.seed without an import"),
    ("sort-an-array-function", "sorted_list.py", "sortedcontainers' SortedList without an import"),
    ("sort-an-array-function", "heap.py", "heapify/heappop without an import"),
    ("sort-an-array-function", "counting.go", "Go's built-in min and max (Go 1.21+)"),
    ("sort-an-array-function", "min_priority_queue.js", "MinPriorityQueue as a global"),
    ("sort-an-array-function", "max_priority_queue.js", "MaxPriorityQueue as a global"),
    ("sort-an-array-function", "PairHeap.java", "Pair<K, V> without an import"),
    ("merge-two-sorted-lists", "heap_merge.py", "heappush and itertools.count without an import"),
    ("merge-two-sorted-lists", "priority_queue.js", "PriorityQueue with a comparator as a global"),
    ("longest-palindromic-substring-function", "last_longest.py", "any longest palindrome (\"aba\" for \"babad\")"),
    ("longest-palindromic-substring-function", "rolling_hash.py", "three-argument pow (not math.pow's)"),
    ("longest-palindromic-substring-function", "expand.go", "built-in min and max"),
    ("longest-palindromic-substring-function", "lodash.js", "lodash as `_`"),
    ("longest-palindromic-substring-function", "PairRange.java", "import javafx.util.Pair"),
    ("construct-binary-tree-from-preorder-and-inorder", "deque.py", "deque and defaultdict without an import"),
    ("construct-binary-tree-from-preorder-and-inorder", "MapPair.java", "Pair in a Deque"),
    ("construct-binary-tree-from-preorder-and-inorder", "queue_lodash.js", "Queue and lodash as globals"),
    ("intersection-of-two-linked-lists", "counter.py", "Counter without an import"),
    ("intersection-of-two-linked-lists", "deque.js", "Deque as a global"),
];

fn pasted_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pasted")
}

/// Paste from LeetCode just works: every solution in [`PASTED`] is accepted
/// on its problem, through the real binary and the sandbox.
#[test]
fn pasted_leetcode_solutions_are_accepted() {
    let mut failures = Vec::new();
    let mut ran = 0;
    for &(problem, file, relies_on) in PASTED {
        let language = match file.rsplit('.').next() {
            Some("py") => "python",
            Some("go") => "go",
            Some("js") => "javascript",
            Some("java") => "java",
            other => panic!("{file}: no language for extension {other:?}"),
        };
        if !support::toolchain_available(language) {
            continue;
        }
        ran += 1;
        let out = oaj()
            .arg("--problems-dir")
            .arg(repo_problems())
            .args(["run", problem])
            .arg(pasted_dir().join(problem).join(file))
            .args(["--json", "--cache-dir"])
            .arg(support::shared_cache())
            .output()
            .expect("oaj runs");
        let json: serde_json::Value = match serde_json::from_slice(&out.stdout) {
            Ok(json) => json,
            Err(e) => {
                failures.push(format!("{problem}/{file}: no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
                continue;
            }
        };
        if json["verdict"] != "AC" {
            let case = json["cases"].as_array().and_then(|cases| cases.iter().find(|c| c["verdict"] != "AC"));
            failures.push(format!(
                "{problem}/{file} ({relies_on}): {} {}{}",
                json["verdict"],
                json["compile"]["message"].as_str().unwrap_or(""),
                case.map(|c| format!(" on {}: {}", c["name"], c["message"])).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "pasted solutions not accepted:\n  {}", failures.join("\n  "));
    eprintln!("judged {ran} of {} pasted solutions", PASTED.len());
}

/// Every file under tests/pasted is in [`PASTED`], and every row has its
/// file.
#[test]
fn every_pasted_solution_is_in_the_table() {
    let mut problems = Vec::new();
    for &(problem, file, _) in PASTED {
        if !pasted_dir().join(problem).join(file).is_file() {
            problems.push(format!("missing tests/pasted/{problem}/{file}"));
        }
        if !repo_problems().join(problem).is_dir() {
            problems.push(format!("{problem} is not a problem in the bank"));
        }
    }
    for dir in std::fs::read_dir(pasted_dir()).expect("tests/pasted").flatten() {
        let problem = dir.file_name().to_string_lossy().into_owned();
        for file in std::fs::read_dir(dir.path()).expect("problem dir").flatten() {
            let file = file.file_name().to_string_lossy().into_owned();
            if !PASTED.iter().any(|&(p, f, _)| p == problem && f == file) {
                problems.push(format!("tests/pasted/{problem}/{file} is not in PASTED"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
