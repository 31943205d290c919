//! Rust: `impl Solution { pub fn snake_case_name(...) }` as LeetCode writes
//! it; lists are `Option<Box<ListNode>>`, trees `Option<Rc<RefCell<TreeNode>>>`.
//!
//! Over 500 lines because most of it is the harness itself, Rust source
//! in string templates (the JSON reader, the conversions, the one-case,
//! batch and self-test modes): one generated program, kept in one place.

use oaj_spec::{Signature, Type};

use super::{all_types, declares, definitions_comment, line_count, mangle, quoted, snake_case, uses, CommentStyle};

/// Types as the user writes them (with `Rc`/`RefCell` imported as in the
/// starter code).
fn rust_type(ty: &Type) -> String {
    match ty {
        Type::Int => "i32".into(),
        Type::Long => "i64".into(),
        Type::Double => "f64".into(),
        Type::Bool => "bool".into(),
        Type::Char => "char".into(),
        Type::String => "String".into(),
        Type::ListNode => "Option<Box<ListNode>>".into(),
        Type::TreeNode => "Option<Rc<RefCell<TreeNode>>>".into(),
        Type::Array(inner) => format!("Vec<{}>", rust_type(inner)),
    }
}

/// Types as the harness writes them: fully qualified, so that the user's
/// own `use` lines never clash with the harness's.
fn qualified(ty: &Type) -> String {
    match ty {
        Type::ListNode => "Option<Box<super::ListNode>>".into(),
        Type::TreeNode => "Option<std::rc::Rc<std::cell::RefCell<super::TreeNode>>>".into(),
        Type::Array(inner) => format!("Vec<{}>", qualified(inner)),
        other => rust_type(other),
    }
}

const LIST_DEF: &str = "#[derive(PartialEq, Eq, Clone, Debug)]\npub struct ListNode {\n  pub val: i32,\n  pub next: Option<Box<ListNode>>\n}\n\nimpl ListNode {\n  #[inline]\n  fn new(val: i32) -> Self {\n    ListNode {\n      next: None,\n      val\n    }\n  }\n}";
const TREE_DEF: &str = "#[derive(Debug, PartialEq, Eq)]\npub struct TreeNode {\n  pub val: i32,\n  pub left: Option<Rc<RefCell<TreeNode>>>,\n  pub right: Option<Rc<RefCell<TreeNode>>>,\n}\n\nimpl TreeNode {\n  #[inline]\n  pub fn new(val: i32) -> Self {\n    TreeNode {\n      val,\n      left: None,\n      right: None\n    }\n  }\n}";

fn signature_line(sig: &Signature) -> String {
    let params: Vec<String> =
        sig.params.iter().map(|p| format!("{}: {}", snake_case(&p.name), rust_type(&p.ty))).collect();
    format!("pub fn {}({}) -> {}", snake_case(&sig.function), params.join(", "), rust_type(&sig.returns))
}

pub(super) fn starter(sig: &Signature) -> String {
    let mut out = String::new();
    out.push_str(&definitions_comment(sig, LIST_DEF, TREE_DEF, CommentStyle::Line("//")));
    if uses(sig, &Type::TreeNode) {
        out.push_str("use std::rc::Rc;\nuse std::cell::RefCell;\n");
    }
    out.push_str(&format!("impl {} {{\n    {} {{\n        \n    }}\n}}\n", sig.class, signature_line(sig)));
    out
}

pub(super) fn program(sig: &Signature, user: &str) -> String {
    // The user's code comes first so its line numbers are the file's.
    let mut out = String::from(user);
    out.push_str("\n\n// ---- OA Judge harness (generated) ----\n");
    if !declares(user, &["pub struct ListNode", "struct ListNode"]) {
        out.push_str("#[allow(dead_code)]\n");
        out.push_str(&LIST_DEF.replace("fn new", "pub fn new"));
        out.push('\n');
    }
    if !declares(user, &["pub struct TreeNode", "struct TreeNode"]) {
        out.push_str("#[allow(dead_code)]\n");
        out.push_str(
            &TREE_DEF.replace("Option<Rc<RefCell<TreeNode>>>", "Option<std::rc::Rc<std::cell::RefCell<TreeNode>>>"),
        );
        out.push('\n');
    }
    if !declares(user, &[&format!("struct {}", sig.class), &format!("pub struct {}", sig.class)]) {
        out.push_str(&format!("pub struct {};\n", sig.class));
    }
    out.push_str("fn main() {\n    oaj_harness::run();\n}\n\nmod oaj_harness {\n#![allow(dead_code)]\n");
    out.push_str(&format!("const USER_LINES: u32 = {};\n", line_count(user)));
    out.push_str(&super::harness_template(RUNTIME));
    let types = all_types(sig.params.iter().map(|p| &p.ty).chain([&sig.returns]));
    for ty in &types {
        out.push_str(&decoder(ty));
        out.push_str(&encoder(ty));
    }
    out.push_str(&echo_fn(&types));
    out.push_str(&super::harness_template(&run_fn(sig)));
    out.push_str("}\n");
    out
}

fn decoder(ty: &Type) -> String {
    let body = match ty {
        Type::Int => "integer(v, w, \"int\", i32::MIN as i64, i32::MAX as i64) as i32".to_string(),
        Type::Long => "integer(v, w, \"long\", i64::MIN, i64::MAX)".to_string(),
        Type::Double => "match v {\n        J::Num(t) => t.parse::<f64>().unwrap_or_else(|_| bad_value(w, \"double\", v)),\n        _ => bad_value(w, \"double\", v),\n    }".to_string(),
        Type::Bool => "match v {\n        J::Bool(b) => *b,\n        _ => bad_value(w, \"bool\", v),\n    }".to_string(),
        Type::Char => "match v {\n        J::Str(s) if s.chars().count() == 1 => s.chars().next().unwrap_or_default(),\n        _ => bad_value(w, \"char\", v),\n    }".to_string(),
        Type::String => "match v {\n        J::Str(s) => s.clone(),\n        _ => bad_value(w, \"string\", v),\n    }".to_string(),
        Type::ListNode => "list(v, w)".to_string(),
        Type::TreeNode => "tree(v, w)".to_string(),
        Type::Array(inner) => format!(
            "match v {{\n        J::Arr(items) => items.iter().map(|x| dec_{}(x, w)).collect(),\n        _ => bad_value(w, {}, v),\n    }}",
            mangle(inner),
            quoted(&ty.to_string())
        ),
    };
    format!("fn dec_{}(v: &J, w: &str) -> {} {{\n    {body}\n}}\n", mangle(ty), qualified(ty))
}

fn encoder(ty: &Type) -> String {
    let body = match ty {
        Type::Int | Type::Long | Type::Bool => "b.push_str(&v.to_string());".to_string(),
        Type::Double => "double(b, *v);".to_string(),
        Type::Char => "string(b, &v.to_string());".to_string(),
        Type::String => "string(b, v);".to_string(),
        Type::ListNode => "list_out(b, v);".to_string(),
        Type::TreeNode => "tree_out(b, v);".to_string(),
        Type::Array(inner) => format!(
            "b.push('[');\n    for (i, x) in v.iter().enumerate() {{\n        if i > 0 {{\n            b.push(',');\n        }}\n        enc_{}(b, x);\n    }}\n    b.push(']');",
            mangle(inner)
        ),
    };
    format!("fn enc_{}(b: &mut String, v: &{}) {{\n    {body}\n}}\n", mangle(ty), qualified(ty))
}

/// Rust statements decoding each parameter into `arg0`, `arg1`, ... from the
/// JSON text `line_of(i)` evaluates to (a `&str`); returns them and the
/// argument names.
fn decode_params(sig: &Signature, indent: &str, line_of: impl Fn(usize) -> String) -> (String, Vec<String>) {
    let mut decode = String::new();
    let mut args = Vec::new();
    for (i, p) in sig.params.iter().enumerate() {
        let where_ = quoted(&format!("parameter `{}`", p.name));
        decode.push_str(&format!(
            "{indent}let arg{i} = dec_{}(&parse({}, {where_}), {where_});\n",
            mangle(&p.ty),
            line_of(i)
        ));
        args.push(format!("arg{i}"));
    }
    (decode, args)
}

/// Batch mode (`./main --oaj-batch`), a stepped run of the sandbox: stdin
/// holds `<nonce> <case count>`, then each case's parameter lines; a case's
/// lines arrive only after the previous case is reported. Reports go to
/// descriptor 3, one line each: `<nonce> ready`, then per case
/// `<nonce> <case> R <json>`, or `<nonce> <case> X` when the call panicked
/// (the judge reruns that case alone, for its message). No clock and no
/// watchdog: the judge times each case from outside the process, ends one
/// that runs too long and compares the value itself; the nonce is a local
/// of this function. The user's prints go to stderr for the whole batch.
fn batch_fn(sig: &Signature) -> String {
    let (decode, args) = decode_params(sig, "            ", |_| "&batch_line(&mut input)".to_string());
    format!(
        r#"fn batch_line(input: &mut impl std::io::BufRead) -> String {{
    let mut line = String::new();
    match input.read_line(&mut line) {{
        Ok(_) if line.ends_with('\n') => line.trim_end_matches(['\r', '\n']).to_string(),
        _ => bad("batch input: fewer lines than the cases need"),
    }}
}}

fn batch() -> ! {{
    let _ = std::io::stdout().flush();
    unsafe {{ dup2(2, 1) }};
    // Trees hold `Rc`s, which cannot cross threads: every case runs on the
    // big-stack thread.
    let worker = std::thread::Builder::new().stack_size(64 << 20).spawn(|| {{
        let stdin = std::io::stdin();
        let mut input = stdin.lock();
        let head = batch_line(&mut input);
        let (nonce, count) = match head.split_once(' ') {{
            Some((nonce, count)) if !nonce.is_empty() && !count.is_empty() && count.bytes().all(|b| b.is_ascii_digit()) => {{
                (nonce.to_string(), count.parse::<usize>().unwrap_or_else(|_| bad("batch input: too many cases")))
            }}
            _ => bad("batch input: the first line is not `<nonce> <case count>`"),
        }};
        let mut report = unsafe {{ std::fs::File::from_raw_fd(3) }};
        if report.write_all(format!("{{nonce}} ready\n").as_bytes()).is_err() {{
            std::process::exit(1);
        }}
        for case in 0..count {{
{decode}            let called = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || super::{class}::{function}({args})));
            let _ = std::io::stdout().flush();
            let line = match called {{
                Ok(result) => {{
                    let mut b = String::new();
                    enc_{mangled}(&mut b, &result);
                    format!("{{nonce}} {{case}} R {{b}}\n")
                }}
                Err(_) => format!("{{nonce}} {{case}} X\n"),
            }};
            if report.write_all(line.as_bytes()).is_err() {{
                std::process::exit(1);
            }}
        }}
    }});
    let code = match worker.map(|w| w.join()) {{
        Ok(Ok(())) => 0,
        _ => 1,
    }};
    let _ = std::io::stdout().flush();
    std::process::exit(code);
}}

"#,
        class = sig.class,
        function = snake_case(&sig.function),
        args = args.join(", "),
        mangled = mangle(&sig.returns),
    )
}

/// The self-test mode ([`super::ECHO_FLAG`]) over `types`.
fn echo_fn(types: &[Type]) -> String {
    let mut arms = String::new();
    for ty in types {
        arms.push_str(&format!(
            "            {} => enc_{name}(&mut b, &dec_{name}(&parse(&value, \"value\"), \"value\")),\n",
            quoted(&ty.to_string()),
            name = mangle(ty)
        ));
    }
    format!(
        "fn echo() -> ! {{\n    let stdin = std::io::stdin();\n    let mut input = stdin.lock();\n    let mut out = std::io::stdout().lock();\n    loop {{\n        let (mut ty, mut value) = (String::new(), String::new());\n        if !matches!(std::io::BufRead::read_line(&mut input, &mut ty), Ok(n) if n > 0) || !matches!(std::io::BufRead::read_line(&mut input, &mut value), Ok(n) if n > 0) {{\n            let _ = out.flush();\n            std::process::exit(0);\n        }}\n        let (ty, value) = (ty.trim_end_matches(['\\r', '\\n']), value.trim_end_matches(['\\r', '\\n']).to_string());\n        let mut b = String::new();\n        match ty {{\n{arms}            _ => bad(&format!(\"echo: no conversion for {{ty}}\")),\n        }}\n        b.push('\\n');\n        if out.write_all(b.as_bytes()).is_err() {{\n            std::process::exit(1);\n        }}\n    }}\n}}\n\n"
    )
}

fn run_fn(sig: &Signature) -> String {
    let (decode, args) = decode_params(sig, "        ", |i| format!("&lines[{i}]"));
    let mut out = batch_fn(sig);
    out.push_str(&format!(
        r#"pub fn run() {{
    install_panic_hook();
    if std::env::args().nth(1).as_deref() == Some("@BATCH_FLAG@") {{
        batch();
    }}
    if std::env::args().nth(1).as_deref() == Some("@ECHO_FLAG@") {{
        echo();
    }}
    let lines = read_lines({count});
    // Trees hold `Rc`s, which cannot cross threads: the whole case runs on
    // the big-stack thread and only the printed result comes back.
    let worker = std::thread::Builder::new().stack_size(64 << 20).spawn(move || {{
{decode}        // The user's prints go to stderr, shown as their output.
        let _ = std::io::stdout().flush();
        let saved = unsafe {{ dup(1) }};
        unsafe {{ dup2(2, 1) }};
        let result = super::{class}::{function}({args});
        let _ = std::io::stdout().flush();
        let mut b = String::new();
        enc_{mangled}(&mut b, &result);
        b.push('\n');
        (saved, b)
    }});
    match worker.map(|w| w.join()) {{
        Ok(Ok((saved, text))) => {{
            let mut out = unsafe {{ std::fs::File::from_raw_fd(saved) }};
            if out.write_all(text.as_bytes()).is_err() {{
                std::process::exit(1);
            }}
        }}
        _ => std::process::exit(1),
    }}
}}
"#,
        count = sig.params.len(),
        class = sig.class,
        function = snake_case(&sig.function),
        args = args.join(", "),
        mangled = mangle(&sig.returns),
    ));
    out
}

const RUNTIME: &str = r#"
use std::io::{Read, Write};
use std::os::unix::io::FromRawFd;

extern "C" {
    fn dup(fd: i32) -> i32;
    fn dup2(from: i32, to: i32) -> i32;
}

pub enum J {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<J>),
}

fn bad(message: &str) -> ! {
    eprintln!("malformed test data: {message}");
    std::process::exit(@DATA_ERROR_EXIT@);
}

fn show(v: &J) -> String {
    let text = match v {
        J::Null => "null".to_string(),
        J::Bool(b) => b.to_string(),
        J::Num(t) => t.clone(),
        J::Str(s) => format!("{s:?}"),
        J::Arr(items) => format!("[{} item(s)]", items.len()),
    };
    text.chars().take(60).collect()
}

fn bad_value(w: &str, expected: &str, v: &J) -> ! {
    bad(&format!("{w}: expected {expected}, found {}", show(v)))
}

fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "Box<dyn Any>".to_string());
        let place = info
            .location()
            .filter(|l| l.file().ends_with("main.rs") && l.line() <= USER_LINES)
            .map(|l| format!(" (line {} of your code)", l.line()))
            .unwrap_or_default();
        eprintln!("panic: {message}{place}");
    }));
}

fn read_lines(count: usize) -> Vec<String> {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        bad(&format!("cannot read stdin: {e}"));
    }
    let lines: Vec<String> = text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect();
    if lines.len() != count {
        bad(&format!("expected {count} line(s), one JSON value per parameter, found {}", lines.len()));
    }
    lines
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    w: &'a str,
}

impl Parser<'_> {
    fn fail(&self, what: &str) -> ! {
        bad(&format!("{}: {what} at byte {}", self.w, self.i))
    }
    fn ws(&mut self) {
        while self.i < self.s.len() && b" \t\r\n".contains(&self.s[self.i]) {
            self.i += 1;
        }
    }
    fn hex4(&mut self) -> u32 {
        let text = self.s.get(self.i..self.i + 4).and_then(|h| std::str::from_utf8(h).ok());
        let Some(code) = text.and_then(|h| u32::from_str_radix(h, 16).ok()) else {
            self.fail("bad \\u escape")
        };
        self.i += 4;
        code
    }
    fn value(&mut self) -> J {
        self.ws();
        let Some(&c) = self.s.get(self.i) else { self.fail("expected a JSON value") };
        if c == b'[' {
            self.i += 1;
            let mut items = Vec::new();
            self.ws();
            if self.s.get(self.i) == Some(&b']') {
                self.i += 1;
                return J::Arr(items);
            }
            loop {
                items.push(self.value());
                self.ws();
                match self.s.get(self.i) {
                    Some(b',') => self.i += 1,
                    Some(b']') => {
                        self.i += 1;
                        return J::Arr(items);
                    }
                    _ => self.fail("expected , or ]"),
                }
            }
        }
        if c == b'"' {
            self.i += 1;
            let mut bytes = Vec::new();
            loop {
                let Some(&ch) = self.s.get(self.i) else { self.fail("unterminated string") };
                self.i += 1;
                match ch {
                    b'"' => break,
                    b'\\' => {
                        let Some(&e) = self.s.get(self.i) else { self.fail("unterminated string") };
                        self.i += 1;
                        let decoded = match e {
                            b'n' => '\n',
                            b't' => '\t',
                            b'r' => '\r',
                            b'b' => '\u{8}',
                            b'f' => '\u{c}',
                            b'u' => {
                                let mut code = self.hex4();
                                if (0xD800..0xDC00).contains(&code) && self.s.get(self.i..self.i + 2) == Some(b"\\u") {
                                    self.i += 2;
                                    let low = self.hex4();
                                    code = 0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
                                }
                                char::from_u32(code).unwrap_or('\u{FFFD}')
                            }
                            other => other as char,
                        };
                        let mut buf = [0u8; 4];
                        bytes.extend_from_slice(decoded.encode_utf8(&mut buf).as_bytes());
                    }
                    other => bytes.push(other),
                }
            }
            return match String::from_utf8(bytes) {
                Ok(s) => J::Str(s),
                Err(_) => self.fail("string is not UTF-8"),
            };
        }
        for (word, value) in [("true", Some(true)), ("false", Some(false)), ("null", None)] {
            if self.s[self.i..].starts_with(word.as_bytes()) {
                self.i += word.len();
                return value.map_or(J::Null, J::Bool);
            }
        }
        let start = self.i;
        while self.i < self.s.len() && b"-+0123456789.eE".contains(&self.s[self.i]) {
            self.i += 1;
        }
        if start == self.i {
            self.fail("expected a JSON value");
        }
        J::Num(String::from_utf8_lossy(&self.s[start..self.i]).into_owned())
    }
}

fn parse(line: &str, w: &str) -> J {
    let mut p = Parser { s: line.as_bytes(), i: 0, w };
    let v = p.value();
    p.ws();
    if p.i != p.s.len() {
        p.fail("extra text after the value");
    }
    v
}

fn integer(v: &J, w: &str, name: &str, lo: i64, hi: i64) -> i64 {
    match v {
        J::Num(t) => match t.parse::<i64>() {
            Ok(x) if (lo..=hi).contains(&x) => x,
            _ => bad_value(w, name, v),
        },
        _ => bad_value(w, name, v),
    }
}

fn list(v: &J, w: &str) -> Option<Box<super::ListNode>> {
    let J::Arr(items) = v else { bad_value(w, "ListNode", v) };
    let mut head = None;
    for item in items.iter().rev() {
        let val = integer(item, w, "int", i32::MIN as i64, i32::MAX as i64) as i32;
        head = Some(Box::new(super::ListNode { val, next: head }));
    }
    head
}

type Tree = Option<std::rc::Rc<std::cell::RefCell<super::TreeNode>>>;

fn tree(v: &J, w: &str) -> Tree {
    use std::cell::RefCell;
    use std::rc::Rc;
    let J::Arr(items) = v else { bad_value(w, "TreeNode", v) };
    let node = |item: &J| -> Tree {
        match item {
            J::Null => None,
            other => {
                let val = integer(other, w, "int", i32::MIN as i64, i32::MAX as i64) as i32;
                Some(Rc::new(RefCell::new(super::TreeNode::new(val))))
            }
        }
    };
    let Some(first) = items.first() else { return None };
    let Some(root) = node(first) else { bad(&format!("{w}: the root is null")) };
    let mut queue = std::collections::VecDeque::from([root.clone()]);
    let mut k = 1;
    while k < items.len() {
        let Some(parent) = queue.pop_front() else { bad(&format!("{w}: entry {k} has no parent")) };
        for side in 0..2 {
            if k >= items.len() {
                break;
            }
            if let Some(child) = node(&items[k]) {
                queue.push_back(child.clone());
                if side == 0 {
                    parent.borrow_mut().left = Some(child);
                } else {
                    parent.borrow_mut().right = Some(child);
                }
            }
            k += 1;
        }
    }
    Some(root)
}

fn double(b: &mut String, v: f64) {
    if v.is_finite() {
        // `{:?}` is the shortest text that reads back as the same f64.
        b.push_str(&format!("{v:?}"));
    } else {
        b.push_str("null");
    }
}

fn string(b: &mut String, s: &str) {
    b.push('"');
    for c in s.chars() {
        match c {
            '"' => b.push_str("\\\""),
            '\\' => b.push_str("\\\\"),
            c if (c as u32) < 0x20 => b.push_str(&format!("\\u{:04x}", c as u32)),
            c => b.push(c),
        }
    }
    b.push('"');
}

fn list_out(b: &mut String, head: &Option<Box<super::ListNode>>) {
    b.push('[');
    let mut node = head.as_deref();
    let mut first = true;
    while let Some(n) = node {
        if !first {
            b.push(',');
        }
        first = false;
        b.push_str(&n.val.to_string());
        node = n.next.as_deref();
    }
    b.push(']');
}

fn tree_out(b: &mut String, root: &Tree) {
    let mut out: Vec<String> = Vec::new();
    let mut queue = std::collections::VecDeque::from([root.clone()]);
    while let Some(item) = queue.pop_front() {
        match item {
            None => out.push("null".to_string()),
            Some(node) => {
                let node = node.borrow();
                out.push(node.val.to_string());
                queue.push_back(node.left.clone());
                queue.push_back(node.right.clone());
                if queue.len() > 20_000_000 {
                    eprintln!("error: the returned tree has a cycle");
                    std::process::exit(1);
                }
            }
        }
    }
    while out.last().is_some_and(|s| s == "null") {
        out.pop();
    }
    b.push('[');
    b.push_str(&out.join(","));
    b.push(']');
}

"#;
