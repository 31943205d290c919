//! C++17: `class Solution` with a public method; arrays are `vector`s
//! (passed by reference as LeetCode does), long is `long long`.
//!
//! Over 500 lines because most of it is the harness itself, C++ source
//! in string templates (the JSON reader, the conversions, the one-case,
//! batch and self-test modes): one generated program, kept in one place.

use oaj_spec::{Signature, Type};

use super::{all_types, declares, definitions_comment, mangle, quoted, CommentStyle};

fn cpp_type(ty: &Type) -> String {
    match ty {
        Type::Int => "int".into(),
        Type::Long => "long long".into(),
        Type::Double => "double".into(),
        Type::Bool => "bool".into(),
        Type::Char => "char".into(),
        Type::String => "string".into(),
        Type::ListNode => "ListNode*".into(),
        Type::TreeNode => "TreeNode*".into(),
        Type::Array(inner) => format!("vector<{}>", cpp_type(inner)),
    }
}

fn param_type(ty: &Type) -> String {
    match ty {
        Type::Array(_) | Type::String => format!("{}&", cpp_type(ty)),
        _ => cpp_type(ty),
    }
}

const LIST_DEF: &str = "struct ListNode {\n    int val;\n    ListNode *next;\n    ListNode() : val(0), next(nullptr) {}\n    ListNode(int x) : val(x), next(nullptr) {}\n    ListNode(int x, ListNode *next) : val(x), next(next) {}\n};";
const TREE_DEF: &str = "struct TreeNode {\n    int val;\n    TreeNode *left;\n    TreeNode *right;\n    TreeNode() : val(0), left(nullptr), right(nullptr) {}\n    TreeNode(int x) : val(x), left(nullptr), right(nullptr) {}\n    TreeNode(int x, TreeNode *left, TreeNode *right) : val(x), left(left), right(right) {}\n};";

pub(super) fn starter(sig: &Signature) -> String {
    let mut out = String::new();
    out.push_str(&definitions_comment(sig, LIST_DEF, TREE_DEF, CommentStyle::Block));
    let params: Vec<String> = sig.params.iter().map(|p| format!("{} {}", param_type(&p.ty), p.name)).collect();
    out.push_str(&format!(
        "class {} {{\npublic:\n    {} {}({}) {{\n        \n    }}\n}};\n",
        sig.class,
        cpp_type(&sig.returns),
        sig.function,
        params.join(", ")
    ));
    out
}

pub(super) fn program(sig: &Signature, user: &str) -> String {
    let mut out = String::from(PRELUDE);
    // A user who uncommented the starter's definitions keeps theirs.
    if !declares(user, &["struct ListNode"]) {
        out.push_str(LIST_DEF);
        out.push('\n');
    }
    if !declares(user, &["struct TreeNode"]) {
        out.push_str(TREE_DEF);
        out.push('\n');
    }
    // Compiler messages about the user's code then name their own lines.
    out.push_str("#line 1 \"solution.cpp\"\n");
    out.push_str(user);
    out.push('\n');
    let resume = out.lines().count() + 2;
    out.push_str(&format!("#line {resume} \"main.cpp\"\n"));
    out.push_str("// ---- OA Judge harness (generated) ----\n");
    out.push_str(&super::harness_template(RUNTIME));
    let types = all_types(sig.params.iter().map(|p| &p.ty).chain([&sig.returns]));
    for ty in &types {
        out.push_str(&format!(
            "static {} oaj_dec_{}(const OajJson& v, const string& where);\n",
            cpp_type(ty),
            mangle(ty)
        ));
        out.push_str(&format!("static void oaj_enc_{}(string& b, {} const& v);\n", mangle(ty), cpp_type(ty)));
    }
    for ty in &types {
        out.push_str(&decoder(ty));
        out.push_str(&encoder(ty));
    }
    out.push_str(&echo_fn(&types));
    out.push_str(&super::harness_template(&main_fn(sig)));
    out
}

/// The self-test mode ([`super::ECHO_FLAG`]) over `types`.
fn echo_fn(types: &[Type]) -> String {
    let mut cases = String::new();
    for ty in types {
        cases.push_str(&format!(
            "        {}if (ty == {}) oaj_enc_{name}(b, oaj_dec_{name}(oaj_parse(value, \"value\"), \"value\"));\n",
            if cases.is_empty() { "" } else { "else " },
            quoted(&ty.to_string()),
            name = mangle(ty)
        ));
    }
    format!(
        "[[noreturn]] static void oaj_echo() {{\n    string ty, value;\n    while (getline(cin, ty) && getline(cin, value)) {{\n        string b;\n{cases}        else oaj_bad_message(\"echo: no conversion for \" + ty);\n        b += '\\n';\n        oaj_write_all(1, b);\n    }}\n    _exit(0);\n}}\n\n"
    )
}

fn decoder(ty: &Type) -> String {
    let body = match ty {
        Type::Int => "return (int) oaj_integer(v, where, \"int\", INT_MIN, INT_MAX);".to_string(),
        Type::Long => "return oaj_integer(v, where, \"long\", LLONG_MIN, LLONG_MAX);".to_string(),
        Type::Double => "if (v.kind != OajJson::NUM) oaj_bad(where, \"double\", v);\n    return strtod(v.text.c_str(), nullptr);".to_string(),
        Type::Bool => "if (v.kind != OajJson::BOOL) oaj_bad(where, \"bool\", v);\n    return v.flag;".to_string(),
        Type::Char => "if (v.kind != OajJson::STR || v.text.size() != 1) oaj_bad(where, \"char\", v);\n    return v.text[0];".to_string(),
        Type::String => "if (v.kind != OajJson::STR) oaj_bad(where, \"string\", v);\n    return v.text;".to_string(),
        Type::ListNode => "return oaj_list(v, where);".to_string(),
        Type::TreeNode => "return oaj_tree(v, where);".to_string(),
        Type::Array(inner) => format!(
            "if (v.kind != OajJson::ARR) oaj_bad(where, {}, v);\n    {} out;\n    out.reserve(v.items.size());\n    for (const OajJson& x : v.items) out.push_back(oaj_dec_{}(x, where));\n    return out;",
            quoted(&ty.to_string()),
            cpp_type(ty),
            mangle(inner)
        ),
    };
    format!(
        "static {} oaj_dec_{}(const OajJson& v, const string& where) {{\n    {body}\n}}\n",
        cpp_type(ty),
        mangle(ty)
    )
}

fn encoder(ty: &Type) -> String {
    let body = match ty {
        Type::Int | Type::Long => "b += to_string(v);".to_string(),
        Type::Double => "oaj_double(b, v);".to_string(),
        Type::Bool => "b += v ? \"true\" : \"false\";".to_string(),
        Type::Char => "oaj_string(b, string(1, v));".to_string(),
        Type::String => "oaj_string(b, v);".to_string(),
        Type::ListNode => "oaj_list_out(b, v);".to_string(),
        Type::TreeNode => "oaj_tree_out(b, v);".to_string(),
        // vector<bool> hands out proxies, hence `auto&&`.
        Type::Array(inner) => format!(
            "b += '[';\n    bool first = true;\n    for (auto&& x : v) {{\n        if (!first) b += ',';\n        first = false;\n        {}\n    }}\n    b += ']';",
            match inner.as_ref() {
                Type::Bool => "b += x ? \"true\" : \"false\";".to_string(),
                _ => format!("oaj_enc_{}(b, x);", mangle(inner)),
            }
        ),
    };
    format!("static void oaj_enc_{}(string& b, {} const& v) {{\n    {body}\n}}\n", mangle(ty), cpp_type(ty))
}

/// C++ statements decoding each parameter into `arg0`, `arg1`, ... from the
/// JSON text `line_of(i)` evaluates to; returns them and the argument names.
fn decode_params(sig: &Signature, indent: &str, line_of: impl Fn(usize) -> String) -> (String, Vec<String>) {
    let mut decode = String::new();
    let mut args = Vec::new();
    for (i, p) in sig.params.iter().enumerate() {
        let where_ = quoted(&format!("parameter `{}`", p.name));
        decode.push_str(&format!(
            "{indent}{} arg{i} = oaj_dec_{}(oaj_parse({}, {where_}), {where_});\n",
            cpp_type(&p.ty),
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
/// `<nonce> <case> R <json>`, or `<nonce> <case> X` when the call threw
/// (the judge reruns that case alone, for its message). No clock and no
/// watchdog: the judge times each case from outside the process, ends one
/// that runs too long and compares the value itself; the nonce is a local
/// of this function. The user's prints go to stderr for the whole batch.
fn batch_fn(sig: &Signature) -> String {
    let (decode, args) = decode_params(sig, "        ", |_| "oaj_batch_line()".to_string());
    format!(
        r#"static string oaj_batch_line() {{
    string line;
    if (!getline(cin, line)) oaj_bad_message("batch input: fewer lines than the cases need");
    return line;
}}

[[noreturn]] static void oaj_batch() {{
    std::ios::sync_with_stdio(false);
    fflush(stdout);
    dup2(2, 1);
    string head = oaj_batch_line();
    size_t space = head.find(' ');
    if (space == string::npos || space == 0 || space + 1 >= head.size()
        || head.find_first_not_of("0123456789", space + 1) != string::npos) {{
        oaj_bad_message("batch input: the first line is not `<nonce> <case count>`");
    }}
    const string nonce = head.substr(0, space);
    const unsigned long count = strtoul(head.c_str() + space + 1, nullptr, 10);
    oaj_write_all(3, nonce + " ready\n");
    for (unsigned long c = 0; c < count; c++) {{
{decode}        string line = nonce + " " + to_string(c);
        try {{
            {ret} result = {class}().{function}({args});
            cout.flush();
            fflush(stdout);
            string b;
            oaj_enc_{mangled}(b, result);
            line += " R " + b;
        }} catch (...) {{
            cout.flush();
            fflush(stdout);
            line += " X";
        }}
        line += '\n';
        oaj_write_all(3, line);
    }}
    cout.flush();
    fflush(stdout);
    _exit(0);
}}

"#,
        ret = cpp_type(&sig.returns),
        class = sig.class,
        function = sig.function,
        args = args.join(", "),
        mangled = mangle(&sig.returns),
    )
}

fn main_fn(sig: &Signature) -> String {
    let mut out = batch_fn(sig);
    out.push_str(&format!(
        "int main(int argc, char** argv) {{\n    if (argc > 1 && strcmp(argv[1], \"@BATCH_FLAG@\") == 0) oaj_batch();\n    if (argc > 1 && strcmp(argv[1], \"@ECHO_FLAG@\") == 0) oaj_echo();\n    vector<string> lines = oaj_read_lines({});\n",
        sig.params.len()
    ));
    let (decode, args) = decode_params(sig, "    ", |i| format!("lines[{i}]"));
    out.push_str(&decode);
    out.push_str(&format!(
        r#"    // The user's prints go to stderr, shown as their output: fd 1 is
    // pointed at stderr while their code runs, the result goes to the saved one.
    fflush(stdout);
    int real_stdout = dup(1);
    dup2(2, 1);
    {ret} result{{}};
    try {{
        result = {class}().{function}({args});
    }} catch (const std::exception& e) {{
        cout.flush();
        fflush(stdout);
        oaj_report(oaj_type_name(typeid(e).name()), e.what());
    }} catch (const string& s) {{
        oaj_report("std::string", s);
    }} catch (const char* s) {{
        oaj_report("const char*", s);
    }} catch (...) {{
        oaj_report("unknown exception", "");
    }}
    cout.flush();
    fflush(stdout);
    string b;
    oaj_enc_{mangled}(b, result);
    b += '\n';
    oaj_write_all(real_stdout, b);
    return 0;
}}
"#,
        ret = cpp_type(&sig.returns),
        class = sig.class,
        function = sig.function,
        args = args.join(", "),
        mangled = mangle(&sig.returns),
    ));
    out
}

const PRELUDE: &str = "#include <bits/stdc++.h>\n#include <cxxabi.h>\n#include <unistd.h>\nusing namespace std;\n";

const RUNTIME: &str = r#"
struct OajJson {
    enum Kind { NUL, BOOL, NUM, STR, ARR } kind = NUL;
    bool flag = false;
    string text;  // a number's text, or a string's UTF-8 bytes
    vector<OajJson> items;
};

[[noreturn]] static void oaj_bad_message(const string& message) {
    fprintf(stderr, "malformed test data: %s\n", message.c_str());
    fflush(stderr);
    _exit(@DATA_ERROR_EXIT@);
}

static string oaj_show(const OajJson& v) {
    string s;
    switch (v.kind) {
        case OajJson::NUL: s = "null"; break;
        case OajJson::BOOL: s = v.flag ? "true" : "false"; break;
        case OajJson::NUM: s = v.text; break;
        case OajJson::STR: s = "\"" + v.text + "\""; break;
        case OajJson::ARR: s = "[" + to_string(v.items.size()) + " item(s)]"; break;
    }
    return s.substr(0, 60);
}

[[noreturn]] static void oaj_bad(const string& where, const string& expected, const OajJson& v) {
    oaj_bad_message(where + ": expected " + expected + ", found " + oaj_show(v));
}

struct OajParser {
    const string& s;
    const string& where;
    size_t i = 0;
    [[noreturn]] void fail(const string& what) { oaj_bad_message(where + ": " + what + " at byte " + to_string(i)); }
    void ws() { while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) i++; }
    static void utf8(string& out, unsigned long c) {
        if (c < 0x80) out += (char) c;
        else if (c < 0x800) { out += (char) (0xC0 | (c >> 6)); out += (char) (0x80 | (c & 0x3F)); }
        else if (c < 0x10000) { out += (char) (0xE0 | (c >> 12)); out += (char) (0x80 | ((c >> 6) & 0x3F)); out += (char) (0x80 | (c & 0x3F)); }
        else { out += (char) (0xF0 | (c >> 18)); out += (char) (0x80 | ((c >> 12) & 0x3F)); out += (char) (0x80 | ((c >> 6) & 0x3F)); out += (char) (0x80 | (c & 0x3F)); }
    }
    unsigned long hex4() {
        if (i + 4 > s.size()) fail("bad \\u escape");
        unsigned long c = 0;
        for (int k = 0; k < 4; k++) {
            char h = s[i++];
            c <<= 4;
            if (h >= '0' && h <= '9') c |= h - '0';
            else if (h >= 'a' && h <= 'f') c |= h - 'a' + 10;
            else if (h >= 'A' && h <= 'F') c |= h - 'A' + 10;
            else fail("bad \\u escape");
        }
        return c;
    }
    OajJson value() {
        ws();
        if (i >= s.size()) fail("expected a JSON value");
        OajJson v;
        char c = s[i];
        if (c == '[') {
            i++;
            v.kind = OajJson::ARR;
            ws();
            if (i < s.size() && s[i] == ']') { i++; return v; }
            for (;;) {
                v.items.push_back(value());
                ws();
                if (i < s.size() && s[i] == ',') { i++; continue; }
                if (i < s.size() && s[i] == ']') { i++; return v; }
                fail("expected , or ]");
            }
        }
        if (c == '"') {
            i++;
            v.kind = OajJson::STR;
            for (;;) {
                if (i >= s.size()) fail("unterminated string");
                char ch = s[i++];
                if (ch == '"') return v;
                if (ch != '\\') { v.text += ch; continue; }
                if (i >= s.size()) fail("unterminated string");
                char e = s[i++];
                switch (e) {
                    case 'n': v.text += '\n'; break;
                    case 't': v.text += '\t'; break;
                    case 'r': v.text += '\r'; break;
                    case 'b': v.text += '\b'; break;
                    case 'f': v.text += '\f'; break;
                    case 'u': {
                        unsigned long cp = hex4();
                        if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
                            i += 2;
                            unsigned long low = hex4();
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                        }
                        utf8(v.text, cp);
                        break;
                    }
                    default: v.text += e;
                }
            }
        }
        if (s.compare(i, 4, "true") == 0) { i += 4; v.kind = OajJson::BOOL; v.flag = true; return v; }
        if (s.compare(i, 5, "false") == 0) { i += 5; v.kind = OajJson::BOOL; return v; }
        if (s.compare(i, 4, "null") == 0) { i += 4; return v; }
        size_t start = i;
        while (i < s.size() && strchr("-+0123456789.eE", s[i]) != nullptr && s[i] != '\0') i++;
        if (start == i) fail("expected a JSON value");
        v.kind = OajJson::NUM;
        v.text = s.substr(start, i - start);
        return v;
    }
};

static OajJson oaj_parse(const string& line, const string& where) {
    OajParser p{line, where};
    OajJson v = p.value();
    p.ws();
    if (p.i != line.size()) p.fail("extra text after the value");
    return v;
}

static vector<string> oaj_read_lines(size_t count) {
    std::ios::sync_with_stdio(false);
    string all((istreambuf_iterator<char>(cin)), istreambuf_iterator<char>());
    vector<string> lines;
    stringstream in(all);
    string line;
    while (getline(in, line)) {
        if (line.find_first_not_of(" \t\r") != string::npos) lines.push_back(line);
    }
    if (lines.size() != count) {
        oaj_bad_message("expected " + to_string(count) + " line(s), one JSON value per parameter, found " + to_string(lines.size()));
    }
    return lines;
}

static long long oaj_integer(const OajJson& v, const string& where, const char* name, long long lo, long long hi) {
    if (v.kind != OajJson::NUM) oaj_bad(where, name, v);
    errno = 0;
    char* end = nullptr;
    long long x = strtoll(v.text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || x < lo || x > hi) oaj_bad(where, name, v);
    return x;
}

static ListNode* oaj_list(const OajJson& v, const string& where) {
    if (v.kind != OajJson::ARR) oaj_bad(where, "ListNode", v);
    ListNode* head = nullptr;
    for (size_t k = v.items.size(); k-- > 0;) head = new ListNode((int) oaj_integer(v.items[k], where, "int", INT_MIN, INT_MAX), head);
    return head;
}

static TreeNode* oaj_tree(const OajJson& v, const string& where) {
    if (v.kind != OajJson::ARR) oaj_bad(where, "TreeNode", v);
    if (v.items.empty()) return nullptr;
    if (v.items[0].kind == OajJson::NUL) oaj_bad_message(where + ": the root is null");
    TreeNode* root = new TreeNode((int) oaj_integer(v.items[0], where, "int", INT_MIN, INT_MAX));
    deque<TreeNode*> queue{root};
    size_t k = 1;
    while (k < v.items.size()) {
        if (queue.empty()) oaj_bad_message(where + ": entry " + to_string(k) + " has no parent");
        TreeNode* node = queue.front();
        queue.pop_front();
        for (int side = 0; side < 2 && k < v.items.size(); side++, k++) {
            if (v.items[k].kind == OajJson::NUL) continue;
            TreeNode* child = new TreeNode((int) oaj_integer(v.items[k], where, "int", INT_MIN, INT_MAX));
            (side == 0 ? node->left : node->right) = child;
            queue.push_back(child);
        }
    }
    return root;
}

static void oaj_double(string& b, double v) {
    if (!std::isfinite(v)) { b += "null"; return; }
    // The shortest of %.15g and %.17g that reads back as the same double.
    char buf[64];
    snprintf(buf, sizeof buf, "%.15g", v);
    if (strtod(buf, nullptr) != v) snprintf(buf, sizeof buf, "%.17g", v);
    b += buf;
}

static void oaj_string(string& b, const string& s) {
    b += '"';
    for (unsigned char c : s) {
        if (c == '"') b += "\\\"";
        else if (c == '\\') b += "\\\\";
        else if (c < 0x20) { char buf[8]; snprintf(buf, sizeof buf, "\\u%04x", c); b += buf; }
        else b += (char) c;
    }
    b += '"';
}

static void oaj_list_out(string& b, const ListNode* head) {
    b += '[';
    size_t count = 0;
    for (const ListNode* n = head; n; n = n->next) {
        if (count++) b += ',';
        b += to_string(n->val);
        if (count > 10000000) { fprintf(stderr, "error: the returned list has a cycle\n"); _exit(1); }
    }
    b += ']';
}

static void oaj_tree_out(string& b, const TreeNode* root) {
    vector<const TreeNode*> queue{root};
    vector<string> out;
    for (size_t head = 0; head < queue.size(); head++) {
        const TreeNode* n = queue[head];
        if (!n) { out.push_back("null"); continue; }
        out.push_back(to_string(n->val));
        queue.push_back(n->left);
        queue.push_back(n->right);
        if (queue.size() > 20000000) { fprintf(stderr, "error: the returned tree has a cycle\n"); _exit(1); }
    }
    while (!out.empty() && out.back() == "null") out.pop_back();
    b += '[';
    for (size_t k = 0; k < out.size(); k++) { if (k) b += ','; b += out[k]; }
    b += ']';
}

static string oaj_type_name(const char* mangled) {
    int status = 0;
    char* name = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
    string out = status == 0 && name ? name : mangled;
    free(name);
    return out;
}

[[noreturn]] static void oaj_report(const string& type, const string& message) {
    fprintf(stderr, "%s%s%s\n", type.c_str(), message.empty() ? "" : ": ", message.c_str());
    fflush(stderr);
    _exit(1);
}

static void oaj_write_all(int fd, const string& text) {
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = write(fd, text.data() + done, text.size() - done);
        if (n <= 0) _exit(1);
        done += (size_t) n;
    }
}

"#;
