//! Java: `class Solution` with a public method; arrays are Java arrays
//! (`int[]`, `String[][]`), strings `String`, char `char`.

use oaj_spec::{Signature, Type};

use super::{all_types, declares, definitions_comment, line_count, mangle, quoted, CommentStyle};

fn java_type(ty: &Type) -> String {
    match ty {
        Type::Int => "int".into(),
        Type::Long => "long".into(),
        Type::Double => "double".into(),
        Type::Bool => "boolean".into(),
        Type::Char => "char".into(),
        Type::String => "String".into(),
        Type::ListNode => "ListNode".into(),
        Type::TreeNode => "TreeNode".into(),
        Type::Array(inner) => format!("{}[]", java_type(inner)),
    }
}

/// `new int[n][]` for `int[][]`: Java sizes only the outermost dimension.
fn new_array(ty: &Type, size: &str) -> String {
    let text = java_type(ty);
    let base = text.trim_end_matches("[]");
    let depth = (text.len() - base.len()) / 2;
    format!("new {base}[{size}]{}", "[]".repeat(depth.saturating_sub(1)))
}

const LIST_DEF: &str = "class ListNode {\n    int val;\n    ListNode next;\n    ListNode() {}\n    ListNode(int val) { this.val = val; }\n    ListNode(int val, ListNode next) { this.val = val; this.next = next; }\n}";
const TREE_DEF: &str = "class TreeNode {\n    int val;\n    TreeNode left;\n    TreeNode right;\n    TreeNode() {}\n    TreeNode(int val) { this.val = val; }\n    TreeNode(int val, TreeNode left, TreeNode right) {\n        this.val = val;\n        this.left = left;\n        this.right = right;\n    }\n}";

pub(super) fn starter(sig: &Signature) -> String {
    let mut out = String::new();
    out.push_str(&definitions_comment(sig, LIST_DEF, TREE_DEF, CommentStyle::Block));
    let params: Vec<String> = sig.params.iter().map(|p| format!("{} {}", java_type(&p.ty), p.name)).collect();
    out.push_str(&format!(
        "class {} {{\n    public {} {}({}) {{\n        \n    }}\n}}\n",
        sig.class,
        java_type(&sig.returns),
        sig.function,
        params.join(", ")
    ));
    out
}

pub(super) fn program(sig: &Signature, user: &str) -> String {
    // The imports LeetCode's Java provides share the user's first line so
    // that line numbers in compiler messages and stack traces are theirs.
    // Only `Main` may be public in Main.java; a package clause is blanked.
    let public_class = format!("public class {}", sig.class);
    let plain_class = format!("class {}", sig.class);
    let lines: Vec<String> = user
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("package ") || is_javafx_pair_import(l) {
                String::new()
            } else {
                l.replace(&public_class, &plain_class)
            }
        })
        .collect();
    let mut out = String::from(
        "import java.util.*; import java.util.function.*; import java.util.stream.*; import java.math.*; ",
    );
    out.push_str(&lines.join("\n"));
    out.push_str("\n\n// ---- OA Judge harness (generated) ----\n");
    if !declares(user, &["class ListNode", "public class ListNode", "final class ListNode"]) {
        out.push_str(LIST_DEF);
        out.push('\n');
    }
    if !declares(user, &["class TreeNode", "public class TreeNode", "final class TreeNode"]) {
        out.push_str(TREE_DEF);
        out.push('\n');
    }
    if !declares_pair(user) {
        out.push_str(PAIR_DEF);
        out.push('\n');
    }
    out.push_str("public class Main {\n");
    out.push_str(&format!("    static final int USER_LINES = {};\n", line_count(user)));
    out.push_str(&super::harness_template(RUNTIME));
    let types = all_types(sig.params.iter().map(|p| &p.ty).chain([&sig.returns]));
    for ty in &types {
        out.push_str(&decoder(ty));
        out.push_str(&encoder(ty));
    }
    out.push_str(&echo_fn(&types));
    out.push_str(&super::harness_template(&main_fn(sig)));
    out.push_str("}\n");
    out
}

/// `javafx.util.Pair`, which LeetCode's Java has on its class path and
/// solutions use (often without an import): the same constructor, getters,
/// `toString` (`key=value`), equality and hash.
const PAIR_DEF: &str = "class Pair<K, V> implements java.io.Serializable {\n    private final K key;\n    private final V value;\n    public Pair(K key, V value) { this.key = key; this.value = value; }\n    public K getKey() { return key; }\n    public V getValue() { return value; }\n    @Override public String toString() { return key + \"=\" + value; }\n    @Override public int hashCode() { return java.util.Objects.hashCode(key) * 13 + java.util.Objects.hashCode(value); }\n    @Override public boolean equals(Object o) {\n        if (this == o) return true;\n        if (!(o instanceof Pair)) return false;\n        Pair<?, ?> p = (Pair<?, ?>) o;\n        return java.util.Objects.equals(key, p.key) && java.util.Objects.equals(value, p.value);\n    }\n}";

/// `import javafx.util.Pair;` (or `javafx.util.*`): JavaFX is not installed,
/// and the harness's own `Pair` stands in, so the import is blanked (not
/// removed, to keep line numbers).
fn is_javafx_pair_import(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact == "importjavafx.util.Pair;" || compact == "importjavafx.util.*;"
}

/// Whether the user's code declares its own `Pair` (a class, record or
/// interface named exactly `Pair`), which the harness's must not clash with.
fn declares_pair(user: &str) -> bool {
    user.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| matches!(w[0], "class" | "record" | "interface" | "enum") && w[1] == "Pair")
}

fn decoder(ty: &Type) -> String {
    let java = java_type(ty);
    let body = match ty {
        Type::Int => "try { return Integer.parseInt(num(v, where, \"int\")); } catch (NumberFormatException e) { throw bad(where + \": expected int, found \" + show(v)); }".to_string(),
        Type::Long => "try { return Long.parseLong(num(v, where, \"long\")); } catch (NumberFormatException e) { throw bad(where + \": expected long, found \" + show(v)); }".to_string(),
        Type::Double => "try { return Double.parseDouble(num(v, where, \"double\")); } catch (NumberFormatException e) { throw bad(where + \": expected double, found \" + show(v)); }".to_string(),
        Type::Bool => "if (!(v instanceof Boolean)) throw bad(where + \": expected bool, found \" + show(v));\n        return (Boolean) v;".to_string(),
        Type::Char => "if (!(v instanceof String) || ((String) v).length() != 1) throw bad(where + \": expected char, found \" + show(v));\n        return ((String) v).charAt(0);".to_string(),
        Type::String => "if (!(v instanceof String)) throw bad(where + \": expected string, found \" + show(v));\n        return (String) v;".to_string(),
        Type::ListNode => "int[] vals = dec_int_arr_list(v, where);\n        ListNode head = null;\n        for (int i = vals.length - 1; i >= 0; i--) head = new ListNode(vals[i], head);\n        return head;".to_string(),
        Type::TreeNode => "return tree(v, where);".to_string(),
        Type::Array(inner) => format!(
            "if (!(v instanceof List)) throw bad(where + \": expected {ty}, found \" + show(v));\n        List<?> a = (List<?>) v;\n        {java} out = {};\n        for (int i = 0; i < a.size(); i++) out[i] = dec_{}(a.get(i), where);\n        return out;",
            new_array(ty, "a.size()"),
            mangle(inner)
        ),
    };
    format!("    static {java} dec_{}(Object v, String where) {{\n        {body}\n    }}\n", mangle(ty))
}

fn encoder(ty: &Type) -> String {
    let java = java_type(ty);
    let body = match ty {
        Type::Int | Type::Long | Type::Bool => "b.append(v);".to_string(),
        Type::Double => "if (Double.isNaN(v) || Double.isInfinite(v)) b.append(\"null\"); else b.append(Double.toString(v));".to_string(),
        Type::Char => "string(b, String.valueOf(v));".to_string(),
        Type::String => "if (v == null) b.append(\"null\"); else string(b, v);".to_string(),
        Type::ListNode => "b.append('[');\n        int count = 0;\n        for (ListNode n = v; n != null; n = n.next) {\n            if (count++ > 0) b.append(',');\n            b.append(n.val);\n            if (count > 10000000) throw new IllegalStateException(\"the returned list has a cycle\");\n        }\n        b.append(']');".to_string(),
        Type::TreeNode => "treeOut(b, v);".to_string(),
        Type::Array(inner) => format!(
            "if (v == null) {{ b.append(\"null\"); return; }}\n        b.append('[');\n        for (int i = 0; i < v.length; i++) {{\n            if (i > 0) b.append(',');\n            enc_{}(b, v[i]);\n        }}\n        b.append(']');",
            mangle(inner)
        ),
    };
    format!("    static void enc_{}(StringBuilder b, {java} v) {{\n        {body}\n    }}\n", mangle(ty))
}

/// Java statements decoding each parameter into `arg0`, `arg1`, ... from the
/// JSON text `line_of(i)` evaluates to; returns them and the argument names.
fn decode_params(sig: &Signature, indent: &str, line_of: impl Fn(usize) -> String) -> (String, Vec<String>) {
    let mut decode = String::new();
    let mut args = Vec::new();
    for (i, p) in sig.params.iter().enumerate() {
        let where_ = quoted(&format!("parameter `{}`", p.name));
        decode.push_str(&format!(
            "{indent}{} arg{i} = dec_{}(new Parser({}, {where_}).parse(), {where_});\n",
            java_type(&p.ty),
            mangle(&p.ty),
            line_of(i)
        ));
        args.push(format!("arg{i}"));
    }
    (decode, args)
}

/// Batch mode (`java Main --oaj-batch`), a stepped run of the sandbox: stdin
/// holds `<nonce> <case count>`, then each case's parameter lines; a case's
/// lines arrive only after the previous case is reported. Reports go to
/// descriptor 3 (opened as `/proc/self/fd/3`: Java has no other way to it),
/// one line each: `<nonce> ready`, then per case `<nonce> <case> R <json>`,
/// or `<nonce> <case> X` when the call threw or its result cannot be
/// printed (the judge reruns that case alone). No clock, no watchdog and no
/// field of `Main` takes part: the judge times each case from outside the
/// process, ends one that runs too long and compares the value itself; the
/// nonce and the report stream live in this method's locals, out of
/// reflection's reach. The user's prints go to stderr as in one-case mode.
fn batch_fn(sig: &Signature) -> String {
    let (decode, args) = decode_params(sig, "            ", |_| "in.readLine() + \"\"".to_string());
    format!(
        r#"    static void batch() throws Exception {{
        java.io.OutputStream report = new java.io.FileOutputStream("/proc/self/fd/3");
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, "UTF-8"));
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);
        String[] head = String.valueOf(in.readLine()).trim().split(" ");
        int count;
        try {{
            if (head.length != 2) throw new NumberFormatException();
            count = Integer.parseInt(head[1]);
        }} catch (NumberFormatException e) {{
            throw bad("batch input: the first line is not `<nonce> <case count>`");
        }}
        final String nonce = head[0];
        report.write((nonce + " ready\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (int c = 0; c < count; c++) {{
{decode}            String prefix = nonce + " " + c;
            String line;
            try {{
                {ret} result = new {class}().{function}({args});
                StringBuilder b = new StringBuilder(prefix).append(" R ");
                enc_{mangled}(b, result);
                line = b.toString();
            }} catch (Throwable t) {{
                line = prefix + " X";
            }}
            System.out.flush();
            report.write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }}
        System.exit(0);
    }}
"#,
        ret = java_type(&sig.returns),
        class = sig.class,
        function = sig.function,
        args = args.join(", "),
        mangled = mangle(&sig.returns),
    )
}

/// The self-test mode ([`super::ECHO_FLAG`]) over `types`.
fn echo_fn(types: &[Type]) -> String {
    let mut cases = String::new();
    for ty in types {
        cases.push_str(&format!(
            "            {}if (ty.equals({})) enc_{name}(b, dec_{name}(new Parser(value, \"value\").parse(), \"value\"));\n",
            if cases.is_empty() { "" } else { "else " },
            quoted(&ty.to_string()),
            name = mangle(ty)
        ));
    }
    format!(
        "    static void echo() throws Exception {{\n        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8), 1 << 16);\n        java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, \"UTF-8\");\n        String ty, value;\n        while ((ty = in.readLine()) != null && (value = in.readLine()) != null) {{\n            StringBuilder b = new StringBuilder();\n{cases}            else throw bad(\"echo: no conversion for \" + ty);\n            b.append('\\n');\n            out.print(b);\n        }}\n        out.flush();\n        System.exit(0);\n    }}\n"
    )
}

fn main_fn(sig: &Signature) -> String {
    let mut out = batch_fn(sig);
    out.push_str(
        "    public static void main(String[] argv) throws Exception {\n        if (argv.length > 0 && argv[0].equals(\"@BATCH_FLAG@\")) { batch(); return; }\n        if (argv.length > 0 && argv[0].equals(\"@ECHO_FLAG@\")) { echo(); return; }\n        List<String> lines = lines(new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));\n",
    );
    out.push_str(&format!(
        "        if (lines.size() != {n}) throw bad(\"expected {n} line(s), one JSON value per parameter, found \" + lines.size());\n",
        n = sig.params.len()
    ));
    let (decode, args) = decode_params(sig, "        ", |i| format!("lines.get({i})"));
    out.push_str(&decode);
    out.push_str(&format!(
        r#"        java.io.PrintStream realOut = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        // The user's prints go to stderr, shown as their output.
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, "UTF-8"));
        {ret} result;
        try {{
            result = new {class}().{function}({args});
        }} catch (Throwable t) {{
            System.out.flush();
            report(t);
            return;
        }}
        System.out.flush();
        StringBuilder b = new StringBuilder();
        try {{
            enc_{mangled}(b, result);
        }} catch (IllegalStateException e) {{
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }}
        b.append('\n');
        realOut.print(b);
        realOut.flush();
    }}
"#,
        ret = java_type(&sig.returns),
        class = sig.class,
        function = sig.function,
        args = args.join(", "),
        mangled = mangle(&sig.returns),
    ));
    out
}

const RUNTIME: &str = r#"
    static RuntimeException bad(String message) {
        System.err.println("malformed test data: " + message);
        System.err.flush();
        System.exit(@DATA_ERROR_EXIT@);
        return new IllegalStateException(message);
    }

    static void report(Throwable t) {
        String where = "";
        for (StackTraceElement e : t.getStackTrace()) {
            if ("Main.java".equals(e.getFileName()) && e.getLineNumber() > 0 && e.getLineNumber() <= USER_LINES) {
                where = " (line " + e.getLineNumber() + " of your code)";
                break;
            }
        }
        String message = t.getMessage();
        System.err.println(t.getClass().getName() + (message != null ? ": " + message : "") + where);
        System.err.flush();
        System.exit(1);
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) if (!line.trim().isEmpty()) out.add(line);
        return out;
    }

    /** A JSON number, kept as text so each type parses it its own way. */
    static final class Num {
        final String text;
        Num(String text) { this.text = text; }
        public String toString() { return text; }
    }

    static String num(Object v, String where, String type) {
        if (!(v instanceof Num)) throw bad(where + ": expected " + type + ", found " + show(v));
        return ((Num) v).text;
    }

    static String show(Object v) {
        String s = v == null ? "null" : v instanceof String ? "\"" + v + "\"" : String.valueOf(v);
        return s.length() > 60 ? s.substring(0, 60) : s;
    }

    static final class Parser {
        final String s;
        final String where;
        int i = 0;
        Parser(String s, String where) { this.s = s; this.where = where; }
        RuntimeException fail(String what) { return bad(where + ": " + what + " at character " + i); }
        void ws() { while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++; }
        Object parse() {
            Object v = value();
            ws();
            if (i != s.length()) throw fail("extra text after the value");
            return v;
        }
        Object value() {
            ws();
            if (i >= s.length()) throw fail("expected a JSON value");
            char c = s.charAt(i);
            if (c == '[') {
                i++;
                List<Object> items = new ArrayList<>();
                ws();
                if (i < s.length() && s.charAt(i) == ']') { i++; return items; }
                while (true) {
                    items.add(value());
                    ws();
                    if (i < s.length() && s.charAt(i) == ',') { i++; continue; }
                    if (i < s.length() && s.charAt(i) == ']') { i++; return items; }
                    throw fail("expected , or ]");
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            int start = i;
            while (i < s.length() && "-+0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
            if (start == i) throw fail("expected a JSON value");
            return new Num(s.substring(start, i));
        }
        String string() {
            StringBuilder b = new StringBuilder();
            i++;
            while (true) {
                if (i >= s.length()) throw fail("unterminated string");
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                if (i >= s.length()) throw fail("unterminated string");
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw fail("bad \\u escape");
                        try { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); }
                        catch (NumberFormatException x) { throw fail("bad \\u escape"); }
                        i += 4;
                        break;
                    default: b.append(e);
                }
            }
        }
    }

    static int[] dec_int_arr_list(Object v, String where) {
        if (!(v instanceof List)) throw bad(where + ": expected ListNode, found " + show(v));
        List<?> a = (List<?>) v;
        int[] out = new int[a.size()];
        for (int i = 0; i < a.size(); i++) {
            try { out[i] = Integer.parseInt(num(a.get(i), where, "int")); }
            catch (NumberFormatException e) { throw bad(where + ": expected int, found " + show(a.get(i))); }
        }
        return out;
    }

    static TreeNode tree(Object v, String where) {
        if (!(v instanceof List)) throw bad(where + ": expected TreeNode, found " + show(v));
        List<?> a = (List<?>) v;
        if (a.isEmpty()) return null;
        Integer[] vals = new Integer[a.size()];
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) == null) continue;
            try { vals[i] = Integer.parseInt(num(a.get(i), where, "int")); }
            catch (NumberFormatException e) { throw bad(where + ": expected int or null, found " + show(a.get(i))); }
        }
        if (vals[0] == null) throw bad(where + ": the root is null");
        TreeNode root = new TreeNode(vals[0]);
        ArrayDeque<TreeNode> queue = new ArrayDeque<>();
        queue.add(root);
        int i = 1;
        while (i < vals.length) {
            if (queue.isEmpty()) throw bad(where + ": entry " + i + " has no parent");
            TreeNode node = queue.poll();
            if (i < vals.length) {
                if (vals[i] != null) { node.left = new TreeNode(vals[i]); queue.add(node.left); }
                i++;
            }
            if (i < vals.length) {
                if (vals[i] != null) { node.right = new TreeNode(vals[i]); queue.add(node.right); }
                i++;
            }
        }
        return root;
    }

    static void treeOut(StringBuilder b, TreeNode root) {
        List<String> out = new ArrayList<>();
        List<TreeNode> queue = new ArrayList<>();
        queue.add(root);
        for (int head = 0; head < queue.size(); head++) {
            TreeNode node = queue.get(head);
            if (node == null) { out.add("null"); continue; }
            out.add(Integer.toString(node.val));
            queue.add(node.left);
            queue.add(node.right);
            if (queue.size() > 20000000) throw new IllegalStateException("the returned tree has a cycle");
        }
        int end = out.size();
        while (end > 0 && out.get(end - 1).equals("null")) end--;
        b.append('[').append(String.join(",", out.subList(0, end))).append(']');
    }

    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') b.append("\\\"");
            else if (c == '\\') b.append("\\\\");
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        b.append('"');
    }

"#;
