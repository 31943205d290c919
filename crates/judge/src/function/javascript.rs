//! JavaScript (Node.js): `var f = function(...) {...}` as LeetCode writes it.
//! Numbers are `number`s, except `long` values beyond 2^53 - 1, which would
//! lose digits as a `number` and arrive as `BigInt` instead; a returned
//! `BigInt` is printed exactly.
//!
//! Over 500 lines because most of it is the harness itself, JavaScript source
//! in string templates (the JSON reader, the conversions, the one-case,
//! batch and self-test modes): one generated program, kept in one place.

use oaj_spec::{Signature, Type};

use super::{definitions_comment, line_count, quoted, CommentStyle};

fn js_type(ty: &Type) -> String {
    match ty {
        Type::Int | Type::Long | Type::Double => "number".into(),
        Type::Bool => "boolean".into(),
        Type::Char => "character".into(),
        Type::String => "string".into(),
        Type::ListNode => "ListNode".into(),
        Type::TreeNode => "TreeNode".into(),
        Type::Array(inner) => format!("{}[]", js_type(inner)),
    }
}

const LIST_DEF: &str = "function ListNode(val, next) {\n    this.val = (val===undefined ? 0 : val)\n    this.next = (next===undefined ? null : next)\n}";
const TREE_DEF: &str = "function TreeNode(val, left, right) {\n    this.val = (val===undefined ? 0 : val)\n    this.left = (left===undefined ? null : left)\n    this.right = (right===undefined ? null : right)\n}";

pub(super) fn starter(sig: &Signature) -> String {
    let mut out = String::new();
    out.push_str(&definitions_comment(sig, LIST_DEF, TREE_DEF, CommentStyle::Block));
    out.push_str("/**\n");
    for p in &sig.params {
        out.push_str(&format!(" * @param {{{}}} {}\n", js_type(&p.ty), p.name));
    }
    out.push_str(&format!(" * @return {{{}}}\n */\n", js_type(&sig.returns)));
    let names: Vec<&str> = sig.params.iter().map(|p| p.name.as_str()).collect();
    out.push_str(&format!("var {} = function({}) {{\n    \n}};\n", sig.function, names.join(", ")));
    out
}

/// The file beside `main.js` holding the libraries LeetCode's JavaScript
/// provides; `sandbox/languages.toml` lists it among the artifacts.
pub(super) const ENV_FILE: &str = "leetcode-env.js";

macro_rules! vendored {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../../../sandbox/js-libs/node_modules/", $path)))),*]
    };
}

/// The vendored npm packages (see `sandbox/js-libs/README.md`), by their path
/// under `node_modules`.
const LIBRARIES: &[(&str, &str)] = vendored![
    "lodash/lodash.min.js",
    "@datastructures-js/heap/index.js",
    "@datastructures-js/heap/src/heap.js",
    "@datastructures-js/heap/src/minHeap.js",
    "@datastructures-js/heap/src/maxHeap.js",
    "@datastructures-js/priority-queue/index.js",
    "@datastructures-js/priority-queue/src/minPriorityQueue.js",
    "@datastructures-js/priority-queue/src/maxPriorityQueue.js",
    "@datastructures-js/priority-queue/src/priorityQueue.js",
    "@datastructures-js/queue/index.js",
    "@datastructures-js/queue/src/queue.js",
    "@datastructures-js/deque/index.js",
    "@datastructures-js/deque/src/deque.js",
];

/// `leetcode-env.js`: each vendored file wrapped as a CommonJS module, a
/// small loader resolving the packages' own `require`s among them, and
/// `install(require)`, which defines LeetCode's globals (each loaded on first
/// use, so a solution that uses none pays only for parsing this file) and
/// returns a `require` that also knows the packages by name.
pub(super) fn env_file() -> String {
    let mut out = String::from(ENV_PREAMBLE);
    out.push_str("const sources = {\n");
    for (path, source) in LIBRARIES {
        out.push_str(&format!(
            "{}: function (module, exports, require) {{\n{}\n}},\n",
            quoted(path),
            source.trim_end()
        ));
    }
    out.push_str("};\n");
    out.push_str(ENV_LOADER);
    out
}

const ENV_PREAMBLE: &str = r#"// ---- OA Judge: the libraries of LeetCode's JavaScript (generated) ----
// lodash 4.17.21 as `_`; @datastructures-js/priority-queue 6.3.2
// (MinPriorityQueue, MaxPriorityQueue, PriorityQueue); @datastructures-js/queue
// 4.2.3 (Queue); @datastructures-js/deque 1.0.4 (Deque). MIT-licensed, from the
// npm registry; their license texts are in OA Judge's sandbox/js-libs.
"#;

const ENV_LOADER: &str = r#"const packages = {
    "lodash": "lodash/lodash.min.js",
    "@datastructures-js/heap": "@datastructures-js/heap/index.js",
    "@datastructures-js/priority-queue": "@datastructures-js/priority-queue/index.js",
    "@datastructures-js/queue": "@datastructures-js/queue/index.js",
    "@datastructures-js/deque": "@datastructures-js/deque/index.js",
};
const loaded = {};
const resolve = (from, spec) => {
    if (Object.prototype.hasOwnProperty.call(packages, spec)) return packages[spec];
    if (!spec.startsWith("./") && !spec.startsWith("../")) return null;
    const parts = from.split("/");
    parts.pop();
    for (const part of spec.split("/")) {
        if (part === "..") parts.pop();
        else if (part !== ".") parts.push(part);
    }
    const path = parts.join("/");
    for (const candidate of [path, path + ".js", path + "/index.js"]) {
        if (Object.prototype.hasOwnProperty.call(sources, candidate)) return candidate;
    }
    return null;
};
const load = (path, nodeRequire) => {
    if (loaded[path]) return loaded[path].exports;
    const module = { exports: {} };
    loaded[path] = module;
    const local = (spec) => {
        const found = resolve(path, spec);
        return found === null ? nodeRequire(spec) : load(found, nodeRequire);
    };
    sources[path].call(module.exports, module, module.exports, local);
    return module.exports;
};
exports.install = (nodeRequire) => {
    const globals = {
        _: () => load(packages["lodash"], nodeRequire),
        MinPriorityQueue: () => load(packages["@datastructures-js/priority-queue"], nodeRequire).MinPriorityQueue,
        MaxPriorityQueue: () => load(packages["@datastructures-js/priority-queue"], nodeRequire).MaxPriorityQueue,
        PriorityQueue: () => load(packages["@datastructures-js/priority-queue"], nodeRequire).PriorityQueue,
        Queue: () => load(packages["@datastructures-js/queue"], nodeRequire).Queue,
        Deque: () => load(packages["@datastructures-js/deque"], nodeRequire).Deque,
    };
    for (const [name, get] of Object.entries(globals)) {
        const settle = (value) => Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
        Object.defineProperty(globalThis, name, {
            configurable: true,
            get() { const value = get(); settle(value); return value; },
            set(value) { settle(value); },
        });
    }
    const wrapped = (spec) => (Object.prototype.hasOwnProperty.call(packages, spec) ? load(packages[spec], nodeRequire) : nodeRequire(spec));
    return Object.assign(wrapped, nodeRequire);
};
"#;

/// Put on the user's first line (so line numbers stay theirs): LeetCode's
/// globals, and a `require` that knows the vendored packages by name.
const ENV_LINE: &str = "require = require(\"./leetcode-env.js\").install(require); ";

/// The user's code with [`ENV_LINE`] joined onto its first line, after a
/// `"use strict"` directive there (which must stay first to count).
fn with_env_line(user: &str) -> String {
    let (first, rest) = user.split_once('\n').map_or((user, None), |(f, r)| (f, Some(r)));
    let trimmed = first.trim_start();
    let directive = ["'use strict'", "\"use strict\""].iter().find(|d| trimmed.starts_with(**d));
    let line = match directive {
        Some(d) => {
            let mut end = first.len() - trimmed.len() + d.len();
            if first[end..].starts_with(';') {
                end += 1;
            }
            format!("{}; {ENV_LINE}{}", &first[..end].trim_end_matches(';'), &first[end..])
        }
        None => format!("{ENV_LINE}{first}"),
    };
    match rest {
        Some(rest) => format!("{line}\n{rest}"),
        None => line,
    }
}

pub(super) fn program(sig: &Signature, user: &str) -> String {
    let params: Vec<String> =
        sig.params.iter().map(|p| format!("[{}, {}]", quoted(&p.name), quoted(&p.ty.to_string()))).collect();
    let harness = super::harness_template(HARNESS)
        .replace("@USER_LINES@", &line_count(user).to_string())
        .replace("@PARAMS@", &params.join(", "))
        .replace("@RETURNS@", &quoted(&sig.returns.to_string()))
        .replace("@FUNCTION@", &sig.function)
        .replace("@LIST_DEF@", LIST_DEF)
        .replace("@TREE_DEF@", TREE_DEF);
    // The user's code comes first so its line numbers are the file's.
    format!("{}\n{harness}", with_env_line(user))
}

const HARNESS: &str = r#"
// ---- OA Judge harness (generated) ----
// Function declarations are hoisted, so the user's code can use these.
@LIST_DEF@
@TREE_DEF@
;(function __oajMain() {
    const fs = require("fs");
    const userLines = @USER_LINES@;
    const params = [@PARAMS@];
    const returns = @RETURNS@;
    const badData = (message) => {
        fs.writeSync(2, "malformed test data: " + message + "\n");
        process.exit(@DATA_ERROR_EXIT@);
    };

    // JSON.parse would round long values to doubles; this parser keeps
    // every number's text so each type decides how to read it.
    const parse = (text, where) => {
        let i = 0;
        const ws = () => { while (i < text.length && " \t\r\n".includes(text[i])) i++; };
        const fail = (what) => badData(where + ": " + what + " at character " + i);
        const value = () => {
            ws();
            const c = text[i];
            if (c === "[") {
                i++; const items = []; ws();
                if (text[i] === "]") { i++; return items; }
                for (;;) {
                    items.push(value()); ws();
                    if (text[i] === ",") { i++; continue; }
                    if (text[i] === "]") { i++; return items; }
                    fail("expected , or ]");
                }
            }
            if (c === "\"") {
                let j = i + 1;
                while (j < text.length && text[j] !== "\"") j += text[j] === "\\" ? 2 : 1;
                if (j >= text.length) fail("unterminated string");
                let s;
                try { s = JSON.parse(text.slice(i, j + 1)); } catch (e) { fail("bad string"); }
                i = j + 1; return s;
            }
            for (const [word, v] of [["true", true], ["false", false], ["null", null]]) {
                if (text.startsWith(word, i)) { i += word.length; return v; }
            }
            const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
            if (!m || m[0] === "" || m[0] === "-") fail("expected a JSON value");
            i += m[0].length;
            return { num: m[0] };
        };
        const v = value(); ws();
        if (i !== text.length) fail("extra text after the value");
        return v;
    };

    const show = (v) => {
        const s = JSON.stringify(v, (k, x) => (x && x.num !== undefined ? Number(x.num) : x));
        return s === undefined ? String(v) : s.slice(0, 60);
    };
    const isNum = (v) => v !== null && typeof v === "object" && typeof v.num === "string";
    const decode = (v, ty, where) => {
        if (ty.endsWith("[]")) {
            if (!Array.isArray(v)) badData(where + ": expected " + ty + ", found " + show(v));
            return v.map((x) => decode(x, ty.slice(0, -2), where));
        }
        switch (ty) {
            case "int": case "long": {
                if (!isNum(v) || !/^-?[0-9]+$/.test(v.num)) badData(where + ": expected " + ty + ", found " + show(v));
                const big = BigInt(v.num);
                const limit = ty === "int" ? 2n ** 31n : 2n ** 63n;
                if (big < -limit || big >= limit) badData(where + ": " + ty + " out of range: " + v.num);
                return Number.isSafeInteger(Number(v.num)) ? Number(v.num) : big;
            }
            case "double":
                if (!isNum(v)) badData(where + ": expected double, found " + show(v));
                return Number(v.num);
            case "bool":
                if (typeof v !== "boolean") badData(where + ": expected bool, found " + show(v));
                return v;
            case "char": case "string":
                if (typeof v !== "string" || (ty === "char" && v.length !== 1)) badData(where + ": expected " + ty + ", found " + show(v));
                return v;
            case "ListNode": {
                const vals = decode(v, "int[]", where);
                let head = null;
                for (let k = vals.length - 1; k >= 0; k--) head = new ListNode(vals[k], head);
                return head;
            }
            case "TreeNode": {
                if (!Array.isArray(v)) badData(where + ": expected a level-order tree, found " + show(v));
                const vals = v.map((x) => (x === null ? null : decode(x, "int", where)));
                if (vals.length === 0) return null;
                if (vals[0] === null) badData(where + ": the root is null");
                const root = new TreeNode(vals[0]);
                const queue = [root];
                let head = 0, k = 1;
                while (k < vals.length) {
                    if (head >= queue.length) badData(where + ": entry " + k + " has no parent");
                    const node = queue[head++];
                    for (const side of ["left", "right"]) {
                        if (k < vals.length) {
                            if (vals[k] !== null) { node[side] = new TreeNode(vals[k]); queue.push(node[side]); }
                            k++;
                        }
                    }
                }
                return root;
            }
        }
        badData("unknown type " + ty);
    };

    class Unprintable extends Error {}
    const encode = (v, ty) => {
        if ((v === null || v === undefined) && ty !== "ListNode" && ty !== "TreeNode") return "null";
        if (ty.endsWith("[]")) {
            if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new Unprintable("expected an array for " + ty + ", got " + typeof v);
            return "[" + Array.from(v, (x) => encode(x, ty.slice(0, -2))).join(",") + "]";
        }
        switch (ty) {
            case "int": case "long":
                if (typeof v === "bigint") return v.toString();
                if (typeof v !== "number" || !Number.isInteger(v)) throw new Unprintable("expected an integer for " + ty + ", got " + String(v));
                return Math.abs(v) < 1e21 ? BigInt(v).toString() : String(v);
            case "double":
                if (typeof v === "bigint") return v.toString();
                if (typeof v !== "number") throw new Unprintable("expected a number, got " + typeof v);
                return Number.isFinite(v) ? JSON.stringify(v) : "null";
            case "bool":
                if (typeof v !== "boolean") throw new Unprintable("expected a boolean, got " + typeof v);
                return String(v);
            case "char": case "string":
                if (typeof v !== "string") throw new Unprintable("expected a string for " + ty + ", got " + typeof v);
                return JSON.stringify(v);
            case "ListNode": {
                const out = [];
                for (let node = v; node; node = node.next) {
                    out.push(encode(node.val, "int"));
                    if (out.length > 1e7) throw new Unprintable("the returned list has a cycle");
                }
                return "[" + out.join(",") + "]";
            }
            case "TreeNode": {
                const out = [];
                const queue = [v];
                for (let head = 0; head < queue.length; head++) {
                    const node = queue[head];
                    if (!node) { out.push("null"); continue; }
                    out.push(encode(node.val, "int"));
                    queue.push(node.left || null, node.right || null);
                    if (queue.length > 2e7) throw new Unprintable("the returned tree has a cycle");
                }
                while (out.length && out[out.length - 1] === "null") out.pop();
                return "[" + out.join(",") + "]";
            }
        }
        throw new Unprintable("unknown type " + ty);
    };

    // Batch mode (`node main.js --oaj-batch`), a stepped run of the
    // sandbox: stdin holds `<nonce> <case count>`, then each case's
    // parameter lines; a case's lines arrive only after the previous case is
    // reported. Reports go to descriptor 3, one line each: `<nonce> ready`,
    // then per case `<nonce> <case> R <json>`, or `<nonce> <case> X` when
    // the call threw or its result cannot be printed (the judge reruns that
    // case alone, for its message). No clock and no watchdog: the judge
    // times each case from outside the process, ends one that runs too long
    // and compares the value itself; the nonce is a local of this function.
    // The user's prints go to stderr for the whole batch.
    function batch() {
        const toStderr = (...a) => console.error(...a);
        console.log = console.info = console.debug = toStderr;
        process.stdout.write = process.stderr.write.bind(process.stderr);
        // A descriptor Node left non-blocking answers EAGAIN: wait 1 ms
        // (sleeping, not spinning, so no CPU is charged to a case).
        const pause = new Int32Array(new SharedArrayBuffer(4));
        const retrying = (io) => {
            for (;;) {
                try {
                    return io();
                } catch (e) {
                    if (e.code !== "EAGAIN") throw e;
                    Atomics.wait(pause, 0, 0, 1);
                }
            }
        };
        const chunk = Buffer.alloc(1 << 16);
        let pending = Buffer.alloc(0);
        const readLine = () => {
            for (;;) {
                const end = pending.indexOf(10);
                if (end >= 0) {
                    const line = pending.subarray(0, end).toString("utf8");
                    pending = pending.subarray(end + 1);
                    return line.endsWith("\r") ? line.slice(0, -1) : line;
                }
                const n = retrying(() => fs.readSync(0, chunk, 0, chunk.length, null));
                if (n === 0) badData("batch input: fewer lines than the cases need");
                pending = Buffer.concat([pending, chunk.subarray(0, n)]);
            }
        };
        const report = (text) => {
            const buffer = Buffer.from(text + "\n", "utf8");
            for (let offset = 0; offset < buffer.length;) {
                offset += retrying(() => fs.writeSync(3, buffer, offset, buffer.length - offset));
            }
        };
        const head = readLine().split(" ");
        if (head.length !== 2 || head[0] === "" || !/^[0-9]+$/.test(head[1])) {
            badData("batch input: the first line is not `<nonce> <case count>`");
        }
        const nonce = head[0];
        const count = Number(head[1]);
        report(nonce + " ready");
        for (let c = 0; c < count; c++) {
            const args = params.map(([name, ty]) => decode(parse(readLine(), "parameter `" + name + "`"), ty, "parameter `" + name + "`"));
            let line = nonce + " " + c + " X";
            try {
                if (typeof @FUNCTION@ !== "function") throw new Error("no function");
                line = nonce + " " + c + " R " + encode(@FUNCTION@(...args), returns);
            } catch (e) {
                // The case runs alone, which reports the error.
            }
            report(line);
        }
        process.exit(0);
    }

    if (process.argv[2] === "@BATCH_FLAG@") {
        batch();
        return;
    }
    if (process.argv[2] === "@ECHO_FLAG@") {
        // Self-test mode: pairs of lines, a type and a value; each value
        // decoded and encoded again.
        const pairs = fs.readFileSync(0, "utf8").split("\n");
        let out = "";
        for (let i = 0; i + 1 < pairs.length; i += 2) {
            out += encode(decode(parse(pairs[i + 1], "value"), pairs[i], "value"), pairs[i]) + "\n";
        }
        const buffer = Buffer.from(out, "utf8");
        for (let offset = 0; offset < buffer.length;) {
            try {
                offset += fs.writeSync(1, buffer, offset, buffer.length - offset);
            } catch (e) {
                if (e.code !== "EAGAIN") throw e;
            }
        }
        return;
    }

    const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l.trim() !== "");
    if (lines.length !== params.length) {
        badData("expected " + params.length + " line(s), one JSON value per parameter, found " + lines.length);
    }
    const args = params.map(([name, ty], k) => decode(parse(lines[k], "parameter `" + name + "`"), ty, "parameter `" + name + "`"));

    if (typeof @FUNCTION@ !== "function") {
        fs.writeSync(2, "ReferenceError: define the function @FUNCTION@, as in the starter code\n");
        process.exit(1);
    }
    // The user's prints go to stderr, shown as their output.
    const toStderr = (...a) => console.error(...a);
    console.log = console.info = console.debug = toStderr;
    process.stdout.write = process.stderr.write.bind(process.stderr);
    let result;
    try {
        result = @FUNCTION@(...args);
    } catch (e) {
        const stack = (e && e.stack) ? String(e.stack) : "";
        let where = "";
        const re = /main\.js:(\d+):\d+/g;
        let m;
        while ((m = re.exec(stack)) !== null) {
            if (Number(m[1]) <= userLines) { where = " (line " + m[1] + " of your code)"; break; }
        }
        const name = (e && e.constructor && e.constructor.name) || "Error";
        const message = (e && e.message !== undefined) ? e.message : String(e);
        fs.writeSync(2, name + (message ? ": " + message : "") + where + "\n");
        process.exit(1);
    }
    let text;
    try {
        text = encode(result, returns);
    } catch (e) {
        fs.writeSync(2, "TypeError: cannot print the returned value as " + returns + ": " + e.message + "\n");
        process.exit(1);
    }
    // Node may leave a piped stdout non-blocking: a large result needs
    // several writes, retried while the pipe is full.
    const buffer = Buffer.from(text + "\n", "utf8");
    for (let offset = 0; offset < buffer.length;) {
        try {
            offset += fs.writeSync(1, buffer, offset, buffer.length - offset);
        } catch (e) {
            if (e.code !== "EAGAIN") throw e;
        }
    }
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_joins_the_first_line_after_a_strict_directive() {
        // (user code, main.js's first line)
        let table = [
            ("var f = 1;\nvar g = 2;", "require = require(\"./leetcode-env.js\").install(require); var f = 1;"),
            ("'use strict';\nvar f;", "'use strict'; require = require(\"./leetcode-env.js\").install(require); "),
            (
                "  \"use strict\"; var f;",
                "  \"use strict\"; require = require(\"./leetcode-env.js\").install(require);  var f;",
            ),
            ("", "require = require(\"./leetcode-env.js\").install(require); "),
        ];
        for (user, first) in table {
            let joined = with_env_line(user);
            assert_eq!(joined.lines().next().unwrap_or(""), first, "{user:?}");
            assert_eq!(joined.lines().count(), user.lines().count().max(1), "line numbers stay the user's: {user:?}");
        }
    }

    #[test]
    fn every_vendored_package_is_reachable_by_name() {
        let env = env_file();
        for (path, _) in LIBRARIES {
            assert!(env.contains(&format!("{}: function (module, exports, require) {{", quoted(path))), "{path}");
        }
        for package in
            ["lodash", "@datastructures-js/priority-queue", "@datastructures-js/queue", "@datastructures-js/deque"]
        {
            assert!(env.contains(&format!("{}: ", quoted(package))), "{package} is in `packages`");
        }
    }
}
