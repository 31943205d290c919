//! Starter code: for function problems the judge's generated signature; for
//! stdio problems a minimal "read stdin, write stdout" program.

use oaj_spec::{Problem, ProblemKind};

use crate::{Error, Result};

pub(crate) fn starter(problem: &Problem, language: &str) -> Result<String> {
    match problem.kind {
        ProblemKind::Function => {
            let signature = problem
                .signature
                .as_ref()
                .ok_or_else(|| Error::Judge(format!("{}: a function problem without a signature", problem.slug)))?;
            oaj_judge::function::starter_code(signature, language).map_err(|e| Error::Invalid(e.to_string()))
        }
        ProblemKind::Stdio => stdio_starter(language)
            .map(str::to_string)
            .ok_or_else(|| Error::Invalid(format!("no starter code for the language `{language}`"))),
    }
}

fn stdio_starter(language: &str) -> Option<&'static str> {
    Some(match language {
        "python" => "import sys\n\n\ndef main() -> None:\n    data = sys.stdin.read().split()\n\n\nmain()\n",
        "c" => "#include <stdio.h>\n\nint main(void) {\n    \n    return 0;\n}\n",
        "cpp" => {
            "#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    ios::sync_with_stdio(false);\n    cin.tie(nullptr);\n    \n    return 0;\n}\n"
        }
        "java" => {
            "import java.io.*;\nimport java.util.*;\n\npublic class Main {\n    public static void main(String[] args) throws IOException {\n        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));\n        \n    }\n}\n"
        }
        "javascript" => {
            "const data = require(\"fs\").readFileSync(0, \"utf8\").split(/\\s+/).filter(Boolean);\n\n"
        }
        "go" => {
            "package main\n\nimport (\n\t\"bufio\"\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tin := bufio.NewReader(os.Stdin)\n\tout := bufio.NewWriter(os.Stdout)\n\tdefer out.Flush()\n\t_, _ = in, fmt.Fprint\n}\n"
        }
        "rust" => {
            "use std::io::{self, Read};\n\nfn main() {\n    let mut input = String::new();\n    io::stdin().read_to_string(&mut input).unwrap();\n    let out = String::new();\n    \n    print!(\"{out}\");\n}\n"
        }
        _ => return None,
    })
}
