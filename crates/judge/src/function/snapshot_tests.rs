//! Generated code under review: any change to a starter or a harness shows
//! up as a snapshot diff (`cargo insta review`).

use oaj_spec::Signature;

use super::{program_files, starter_code, LANGUAGES};

fn signature(toml_text: &str) -> Signature {
    toml::from_str(toml_text).expect("signature")
}

fn signatures() -> Vec<(&'static str, Signature)> {
    vec![
        (
            "merge_lists",
            signature(
                r#"function = "mergeTwoLists"
params = [{ name = "list1", type = "ListNode" }, { name = "list2", type = "ListNode" }]
returns = "ListNode""#,
            ),
        ),
        (
            "build_tree",
            signature(
                r#"function = "buildTree"
params = [{ name = "preorder", type = "int[]" }, { name = "inorder", type = "int[]" }]
returns = "TreeNode""#,
            ),
        ),
        (
            "group_anagrams",
            signature(
                r#"function = "groupAnagrams"
params = [{ name = "strs", type = "string[]" }, { name = "limit", type = "long" }, { name = "ratio", type = "double" }, { name = "sep", type = "char" }, { name = "strict", type = "bool" }]
returns = "string[][]""#,
            ),
        ),
    ]
}

#[test]
fn starter_code_snapshots() {
    for (name, sig) in signatures() {
        for language in LANGUAGES {
            let code = starter_code(&sig, language).expect("starter");
            insta::assert_snapshot!(format!("starter_{name}_{language}"), code);
        }
    }
}

#[test]
fn harness_snapshots() {
    let sig = &signatures()[1].1;
    for language in LANGUAGES {
        let user = starter_code(sig, language).expect("starter");
        let files = program_files(sig, language, &user).expect("program");
        let listing: String = files
            .iter()
            .map(|(name, text)| match name.as_str() {
                // The vendored libraries are not generated code: their
                // head is enough to show how they are wrapped.
                "leetcode-env.js" => {
                    let head: Vec<&str> = text.lines().take(8).collect();
                    format!("==== {name} (head)\n{}\n", head.join("\n"))
                }
                _ => format!("==== {name}\n{text}"),
            })
            .collect();
        insta::assert_snapshot!(format!("harness_build_tree_{language}"), listing);
    }
}
