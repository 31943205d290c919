//! Go: a plain `func`, as LeetCode writes it (`int` for int, `int64` for long,
//! `byte` for char, slices for arrays). A nil slice prints as `[]`.

use oaj_spec::{Signature, Type};

use super::{all_types, declares, definitions_comment, line_count, mangle, quoted, CommentStyle};

fn go_type(ty: &Type) -> String {
    match ty {
        Type::Int => "int".into(),
        Type::Long => "int64".into(),
        Type::Double => "float64".into(),
        Type::Bool => "bool".into(),
        Type::Char => "byte".into(),
        Type::String => "string".into(),
        Type::ListNode => "*ListNode".into(),
        Type::TreeNode => "*TreeNode".into(),
        Type::Array(inner) => format!("[]{}", go_type(inner)),
    }
}

const LIST_DEF: &str = "type ListNode struct {\n    Val int\n    Next *ListNode\n}";
const TREE_DEF: &str = "type TreeNode struct {\n    Val int\n    Left *TreeNode\n    Right *TreeNode\n}";

fn signature_line(sig: &Signature) -> String {
    let params: Vec<String> = sig.params.iter().map(|p| format!("{} {}", p.name, go_type(&p.ty))).collect();
    format!("func {}({}) {}", sig.function, params.join(", "), go_type(&sig.returns))
}

pub(super) fn starter(sig: &Signature) -> String {
    let mut out = String::new();
    out.push_str(&definitions_comment(sig, LIST_DEF, TREE_DEF, CommentStyle::Block));
    out.push_str(&format!("{} {{\n    \n}}\n", signature_line(sig)));
    out
}

/// Packages the harness needs, then those LeetCode's Go lets the user call
/// without importing; each gets a blank use so an unused one still compiles.
const PACKAGES: &[(&str, &str)] = &[
    ("encoding/json", "json.NewDecoder"),
    ("fmt", "fmt.Sprint"),
    ("io", "io.ReadAll"),
    ("os", "os.Exit"),
    ("runtime", "runtime.Callers"),
    ("strconv", "strconv.Itoa"),
    ("strings", "strings.HasSuffix"),
    ("sort", "sort.Ints"),
    ("math", "math.Abs"),
    ("math/bits", "bits.OnesCount"),
    ("container/heap", "heap.Init"),
    ("container/list", "list.New"),
    ("unicode", "unicode.IsDigit"),
    ("bytes", "bytes.NewReader"),
    ("bufio", "bufio.NewReaderSize"),
];

/// Import paths the user's code imports itself; importing them twice would
/// not compile.
fn user_imports(user: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut in_block = false;
    for line in user.lines() {
        let t = line.trim();
        let relevant = if in_block {
            if t.starts_with(')') {
                in_block = false;
            }
            true
        } else if let Some(rest) = t.strip_prefix("import") {
            if rest.trim_start().starts_with('(') && !rest.contains(')') {
                in_block = true;
            }
            true
        } else {
            false
        };
        if relevant {
            let mut parts = t.split('"');
            parts.next();
            while let Some(path) = parts.next() {
                found.push(path.to_string());
                parts.next();
            }
        }
    }
    found
}

pub(super) fn program(sig: &Signature, user: &str) -> String {
    let imported = user_imports(user);
    let ours: Vec<&(&str, &str)> = PACKAGES.iter().filter(|(path, _)| !imported.iter().any(|p| p == path)).collect();
    let import_list: Vec<String> = ours.iter().map(|(path, _)| quoted(path)).collect();
    // The package clause and imports share the user's first line, so line
    // numbers in compiler messages and panics are the user's own. A package
    // clause the user wrote is blanked (not removed) for the same reason.
    let user_lines: Vec<String> = user
        .lines()
        .map(|l| if l.trim_start().starts_with("package ") { String::new() } else { l.to_string() })
        .collect();
    let mut out = format!("package main; import ({}); ", import_list.join("; "));
    out.push_str(&user_lines.join("\n"));
    out.push_str("\n\n// ---- OA Judge harness (generated) ----\n");
    for (_, symbol) in PACKAGES {
        out.push_str(&format!("var _ = {symbol}\n"));
    }
    let types = all_types(sig.params.iter().map(|p| &p.ty).chain([&sig.returns]));
    // The runtime always needs both node types; a user who uncommented the
    // definitions from the starter code keeps theirs.
    if !declares(user, &["type ListNode struct"]) {
        out.push_str(&format!("{LIST_DEF}\n"));
    }
    if !declares(user, &["type TreeNode struct"]) {
        out.push_str(&format!("{TREE_DEF}\n"));
    }
    out.push_str(&super::harness_template(RUNTIME));
    for ty in &types {
        out.push_str(&decoder(ty));
        out.push_str(&encoder(ty));
    }
    out.push_str(&super::harness_template(&echo_fn(&types)));
    out.push_str(&super::harness_template(&main_fn(sig, user)));
    out
}

fn decoder(ty: &Type) -> String {
    let name = mangle(ty);
    let go = go_type(ty);
    let body = match ty {
        Type::Int => "return int(oajInteger(v, where, \"int\", 32))".to_string(),
        Type::Long => "return oajInteger(v, where, \"long\", 64)".to_string(),
        Type::Double => "n, ok := v.(json.Number)\n\tif !ok {\n\t\toajBad(where, \"double\", v)\n\t}\n\tx, err := strconv.ParseFloat(string(n), 64)\n\tif err != nil {\n\t\toajBad(where, \"double\", v)\n\t}\n\treturn x".to_string(),
        Type::Bool => "b, ok := v.(bool)\n\tif !ok {\n\t\toajBad(where, \"bool\", v)\n\t}\n\treturn b".to_string(),
        Type::Char => "s, ok := v.(string)\n\tif !ok || len(s) != 1 {\n\t\toajBad(where, \"char\", v)\n\t}\n\treturn s[0]".to_string(),
        Type::String => "s, ok := v.(string)\n\tif !ok {\n\t\toajBad(where, \"string\", v)\n\t}\n\treturn s".to_string(),
        Type::ListNode => "return oajList(v, where)".to_string(),
        Type::TreeNode => "return oajTree(v, where)".to_string(),
        Type::Array(inner) => format!(
            "a, ok := v.([]interface{{}})\n\tif !ok {{\n\t\toajBad(where, {}, v)\n\t}}\n\tout := make({go}, len(a))\n\tfor i, x := range a {{\n\t\tout[i] = oajDec_{}(x, where)\n\t}}\n\treturn out",
            quoted(&ty.to_string()),
            mangle(inner)
        ),
    };
    format!("func oajDec_{name}(v interface{{}}, where string) {go} {{\n\t{body}\n}}\n")
}

fn encoder(ty: &Type) -> String {
    let name = mangle(ty);
    let go = go_type(ty);
    let body = match ty {
        Type::Int => "b.WriteString(strconv.Itoa(v))".to_string(),
        Type::Long => "b.WriteString(strconv.FormatInt(v, 10))".to_string(),
        Type::Double => "oajFloat(b, v)".to_string(),
        Type::Bool => "b.WriteString(strconv.FormatBool(v))".to_string(),
        Type::Char => "oajString(b, string([]byte{v}))".to_string(),
        Type::String => "oajString(b, v)".to_string(),
        Type::ListNode => "oajListOut(b, v)".to_string(),
        Type::TreeNode => "oajTreeOut(b, v)".to_string(),
        Type::Array(inner) => format!(
            "b.WriteByte('[')\n\tfor i, x := range v {{\n\t\tif i > 0 {{\n\t\t\tb.WriteByte(',')\n\t\t}}\n\t\toajEnc_{}(b, x)\n\t}}\n\tb.WriteByte(']')",
            mangle(inner)
        ),
    };
    format!("func oajEnc_{name}(b *strings.Builder, v {go}) {{\n\t{body}\n}}\n")
}

/// Go statements decoding each parameter into `arg0`, `arg1`, ... from the
/// JSON text `line_of(i)` evaluates to; returns them and the argument names.
fn decode_params(sig: &Signature, indent: &str, line_of: impl Fn(usize) -> String) -> (String, Vec<String>) {
    let mut decode = String::new();
    let mut args = Vec::new();
    for (i, p) in sig.params.iter().enumerate() {
        let where_ = quoted(&format!("parameter `{}`", p.name));
        decode.push_str(&format!(
            "{indent}arg{i} := oajDec_{}(oajParse({}, {where_}), {where_})\n",
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
    let (decode, args) = decode_params(sig, "\t\t", |_| "oajBatchLine(in)".to_string());
    format!(
        r#"func oajBatchLine(in *bufio.Reader) string {{
	line, err := in.ReadString('\n')
	if err != nil {{
		fmt.Fprintln(os.Stderr, "malformed test data: batch input: fewer lines than the cases need")
		os.Exit(@DATA_ERROR_EXIT@)
	}}
	return strings.TrimRight(line, "\r\n")
}}

func oajBatch() {{
	os.Stdout = os.Stderr
	report := os.NewFile(3, "report")
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	head := strings.Split(oajBatchLine(in), " ")
	count := -1
	if len(head) == 2 && head[0] != "" {{
		if n, err := strconv.Atoi(head[1]); err == nil && n >= 0 {{
			count = n
		}}
	}}
	if count < 0 {{
		fmt.Fprintln(os.Stderr, "malformed test data: batch input: the first line is not `<nonce> <case count>`")
		os.Exit(@DATA_ERROR_EXIT@)
	}}
	nonce := head[0]
	if _, err := report.WriteString(nonce + " ready\n"); err != nil {{
		os.Exit(1)
	}}
	for c := 0; c < count; c++ {{
{decode}		line := nonce + " " + strconv.Itoa(c)
		var result {ret}
		returned := func() (returned bool) {{
			defer func() {{
				if recover() != nil {{
					returned = false
				}}
			}}()
			result = {function}({args})
			return true
		}}()
		if returned {{
			var b strings.Builder
			oajEnc_{mangled}(&b, result)
			line += " R " + b.String()
		}} else {{
			line += " X"
		}}
		if _, err := report.WriteString(line + "\n"); err != nil {{
			os.Exit(1)
		}}
	}}
	os.Exit(0)
}}

"#,
        ret = go_type(&sig.returns),
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
            "\t\tcase {}:\n\t\t\toajEnc_{name}(&b, oajDec_{name}(oajParse(value, \"value\"), \"value\"))\n",
            quoted(&ty.to_string()),
            name = mangle(ty)
        ));
    }
    format!(
        "func oajEcho() {{\n\tin := bufio.NewReaderSize(os.Stdin, 1<<16)\n\tfor {{\n\t\tty, err1 := in.ReadString('\\n')\n\t\tvalue, err2 := in.ReadString('\\n')\n\t\tif err1 != nil || err2 != nil {{\n\t\t\tos.Exit(0)\n\t\t}}\n\t\tty, value = strings.TrimRight(ty, \"\\r\\n\"), strings.TrimRight(value, \"\\r\\n\")\n\t\tvar b strings.Builder\n\t\tswitch ty {{\n{cases}\t\tdefault:\n\t\t\tfmt.Fprintln(os.Stderr, \"malformed test data: echo: no conversion for\", ty)\n\t\t\tos.Exit(@DATA_ERROR_EXIT@)\n\t\t}}\n\t\tb.WriteByte('\\n')\n\t\tos.Stdout.WriteString(b.String())\n\t}}\n}}\n\n"
    )
}

fn main_fn(sig: &Signature, user: &str) -> String {
    let mut out = batch_fn(sig);
    out.push_str("func main() {\n\tif len(os.Args) > 1 && os.Args[1] == \"@BATCH_FLAG@\" {\n\t\toajBatch()\n\t}\n\tif len(os.Args) > 1 && os.Args[1] == \"@ECHO_FLAG@\" {\n\t\toajEcho()\n\t}\n\trealStdout := os.Stdout\n\tlines := oajReadLines(");
    out.push_str(&format!("{})\n", sig.params.len()));
    let (decode, args) = decode_params(sig, "\t", |i| format!("lines[{i}]"));
    out.push_str(&decode);
    out.push_str(&format!(
        "\tvar result {}\n\tfunc() {{\n\t\tdefer oajRecover({})\n\t\t// The user's prints go to stderr, shown as their output.\n\t\tos.Stdout = os.Stderr\n\t\tresult = {}({})\n\t}}()\n\tos.Stdout = realStdout\n",
        go_type(&sig.returns),
        line_count(user),
        sig.function,
        args.join(", ")
    ));
    out.push_str(&format!(
        "\tvar b strings.Builder\n\toajEnc_{}(&b, result)\n\tb.WriteByte('\\n')\n\trealStdout.WriteString(b.String())\n}}\n",
        mangle(&sig.returns)
    ));
    out
}

const RUNTIME: &str = r#"
func oajBad(where string, expected string, v interface{}) {
	shown, _ := json.Marshal(v)
	text := string(shown)
	if len(text) > 60 {
		text = text[:60]
	}
	fmt.Fprintf(os.Stderr, "malformed test data: %s: expected %s, found %s\n", where, expected, text)
	os.Exit(@DATA_ERROR_EXIT@)
}

func oajReadLines(count int) []string {
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, "malformed test data: cannot read stdin:", err)
		os.Exit(@DATA_ERROR_EXIT@)
	}
	lines := []string{}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	if len(lines) != count {
		fmt.Fprintf(os.Stderr, "malformed test data: expected %d line(s), one JSON value per parameter, found %d\n", count, len(lines))
		os.Exit(@DATA_ERROR_EXIT@)
	}
	return lines
}

func oajParse(line string, where string) interface{} {
	dec := json.NewDecoder(strings.NewReader(line))
	dec.UseNumber()
	var v interface{}
	if err := dec.Decode(&v); err != nil {
		fmt.Fprintf(os.Stderr, "malformed test data: %s: not valid JSON (%v)\n", where, err)
		os.Exit(@DATA_ERROR_EXIT@)
	}
	var extra interface{}
	if err := dec.Decode(&extra); err != io.EOF {
		fmt.Fprintf(os.Stderr, "malformed test data: %s: extra text after the value\n", where)
		os.Exit(@DATA_ERROR_EXIT@)
	}
	return v
}

func oajInteger(v interface{}, where string, name string, bitSize int) int64 {
	n, ok := v.(json.Number)
	if !ok {
		oajBad(where, name, v)
	}
	x, err := strconv.ParseInt(string(n), 10, bitSize)
	if err != nil {
		oajBad(where, name, v)
	}
	return x
}

func oajList(v interface{}, where string) *ListNode {
	a, ok := v.([]interface{})
	if !ok {
		oajBad(where, "ListNode", v)
	}
	var head *ListNode
	for i := len(a) - 1; i >= 0; i-- {
		head = &ListNode{Val: int(oajInteger(a[i], where, "int", 32)), Next: head}
	}
	return head
}

func oajTree(v interface{}, where string) *TreeNode {
	a, ok := v.([]interface{})
	if !ok {
		oajBad(where, "TreeNode", v)
	}
	if len(a) == 0 {
		return nil
	}
	if a[0] == nil {
		oajBad(where, "a non-null root", v)
	}
	root := &TreeNode{Val: int(oajInteger(a[0], where, "int", 32))}
	queue := []*TreeNode{root}
	for i := 1; i < len(a); {
		if len(queue) == 0 {
			oajBad(where, "a parent for every entry", v)
		}
		node := queue[0]
		queue = queue[1:]
		for side := 0; side < 2 && i < len(a); side++ {
			if a[i] != nil {
				child := &TreeNode{Val: int(oajInteger(a[i], where, "int", 32))}
				if side == 0 {
					node.Left = child
				} else {
					node.Right = child
				}
				queue = append(queue, child)
			}
			i++
		}
	}
	return root
}

func oajFloat(b *strings.Builder, v float64) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		b.WriteString("null")
		return
	}
	b.WriteString(strconv.FormatFloat(v, 'g', -1, 64))
}

func oajString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString("\\\"")
		case r == '\\':
			b.WriteString("\\\\")
		case r < 0x20:
			fmt.Fprintf(b, "\\u%04x", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

func oajListOut(b *strings.Builder, head *ListNode) {
	b.WriteByte('[')
	count := 0
	for node := head; node != nil; node = node.Next {
		if count > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(node.Val))
		count++
		if count > 10000000 {
			fmt.Fprintln(os.Stderr, "error: the returned list has a cycle")
			os.Exit(1)
		}
	}
	b.WriteByte(']')
}

func oajTreeOut(b *strings.Builder, root *TreeNode) {
	out := []string{}
	queue := []*TreeNode{root}
	for head := 0; head < len(queue); head++ {
		node := queue[head]
		if node == nil {
			out = append(out, "null")
			continue
		}
		out = append(out, strconv.Itoa(node.Val))
		queue = append(queue, node.Left, node.Right)
		if len(queue) > 20000000 {
			fmt.Fprintln(os.Stderr, "error: the returned tree has a cycle")
			os.Exit(1)
		}
	}
	for len(out) > 0 && out[len(out)-1] == "null" {
		out = out[:len(out)-1]
	}
	b.WriteString("[" + strings.Join(out, ",") + "]")
}

// oajRecover reports a panic in the user's code with its line there.
func oajRecover(userLines int) {
	r := recover()
	if r == nil {
		return
	}
	pcs := make([]uintptr, 64)
	n := runtime.Callers(0, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	where := ""
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.File, "main.go") && f.Line <= userLines && !strings.HasPrefix(f.Function, "runtime.") {
			where = fmt.Sprintf(" (line %d of your code)", f.Line)
			break
		}
		if !more {
			break
		}
	}
	fmt.Fprintf(os.Stderr, "panic: %v%s\n", r, where)
	os.Exit(1)
}
"#;
