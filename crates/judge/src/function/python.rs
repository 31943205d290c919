//! Python 3: `class Solution` with a method; values are plain Python values
//! (`int` for int and long, `float`, `str` for string and char, lists).

use oaj_spec::{Signature, Type};

use super::{definitions_comment, line_count, quoted, CommentStyle};

/// The prelude is one line, so the user's line L is line L + 1 of main.py.
pub(super) const USER_LINE_OFFSET: usize = 1;

fn py_type(ty: &Type) -> String {
    match ty {
        Type::Int | Type::Long => "int".into(),
        Type::Double => "float".into(),
        Type::Bool => "bool".into(),
        Type::Char | Type::String => "str".into(),
        Type::ListNode => "Optional[ListNode]".into(),
        Type::TreeNode => "Optional[TreeNode]".into(),
        Type::Array(inner) => format!("List[{}]", py_type(inner)),
    }
}

const LIST_DEF: &str =
    "class ListNode:\n    def __init__(self, val=0, next=None):\n        self.val = val\n        self.next = next\n";
const TREE_DEF: &str = "class TreeNode:\n    def __init__(self, val=0, left=None, right=None):\n        self.val = val\n        self.left = left\n        self.right = right\n";

pub(super) fn starter(sig: &Signature) -> String {
    let mut out = String::new();
    out.push_str(&definitions_comment(sig, LIST_DEF, TREE_DEF, CommentStyle::Line("#")));
    let params: String = sig.params.iter().map(|p| format!(", {}: {}", p.name, py_type(&p.ty))).collect();
    out.push_str(&format!(
        "class {}:\n    def {}(self{params}) -> {}:\n        pass\n",
        sig.class,
        sig.function,
        py_type(&sig.returns)
    ));
    out
}

/// What LeetCode's Python 3 environment has without an import: star imports
/// of the modules solutions lean on (`randint`, `heappush`, `bisect_left`,
/// `deque`, `lru_cache`, `inf`, `ascii_lowercase` ...), `typing`'s names, the
/// modules themselves (imported after the star imports, so `random.randint`
/// and `bisect.bisect_left` still work), and sortedcontainers' `SortedList`,
/// `SortedDict` and `SortedSet`. Builtins a star import shadows (`pow` by
/// `math.pow` and `operator.pow`, `abs`, `compile` by `re.compile`) are put
/// back, so three-argument `pow` keeps working.
///
/// Python runs with `-S`, which leaves Debian's `dist-packages` off
/// `sys.path`; sortedcontainers (Debian package python3-sortedcontainers) is
/// imported from there without leaving the rest of that directory visible.
/// Where it is missing, the names still exist and say what to install.
const PRELUDE: &str = r#"import sys, os
from typing import *
from collections import *
from heapq import *
from bisect import *
from math import *
from random import *
from itertools import *
from functools import *
from operator import *
from string import *
from re import *
import collections, heapq, bisect, math, random, itertools, functools, operator, string, re, typing
import builtins as __oaj_builtins
for __oaj_name in dir(__oaj_builtins):
    if not __oaj_name.startswith("_") and __oaj_name in globals():
        globals()[__oaj_name] = getattr(__oaj_builtins, __oaj_name)
try:
    from sortedcontainers import SortedList, SortedDict, SortedSet, SortedKeyList
except ImportError:
    sys.path.append("/usr/lib/python3/dist-packages")
    try:
        from sortedcontainers import SortedList, SortedDict, SortedSet, SortedKeyList
    except ImportError:
        class SortedList:
            def __init__(self, *args, **kwargs):
                raise ModuleNotFoundError("sortedcontainers is not installed on this judge (Debian: apt-get install python3-sortedcontainers)")
        SortedDict = SortedSet = SortedKeyList = SortedList
    finally:
        sys.path.remove("/usr/lib/python3/dist-packages")
del __oaj_builtins, __oaj_name
"#;

pub(super) fn program(sig: &Signature, user: &str) -> String {
    // One line, so the user's code starts on line 2: the environment and
    // the node classes, through exec (they need several lines).
    let prelude = format!("exec({})\n", quoted(&format!("{PRELUDE}{LIST_DEF}{TREE_DEF}")));
    let params: Vec<String> =
        sig.params.iter().map(|p| format!("({}, {})", quoted(&p.name), quoted(&p.ty.to_string()))).collect();
    let harness = super::harness_template(HARNESS)
        .replace("@OFFSET@", &USER_LINE_OFFSET.to_string())
        .replace("@USER_LINES@", &line_count(user).to_string())
        .replace("@PARAMS@", &params.join(", "))
        .replace("@RETURNS@", &quoted(&sig.returns.to_string()))
        .replace("@CLASS@", &sig.class)
        .replace("@FUNCTION@", &sig.function);
    format!("{prelude}{user}\n{harness}")
}

const HARNESS: &str = r#"

# ---- OA Judge harness (generated) ----
def __oaj_main():
    import sys, os, json, traceback, threading
    offset, user_lines = @OFFSET@, @USER_LINES@
    params = [@PARAMS@]
    returns = @RETURNS@

    def bad_data(message):
        sys.stderr.write("malformed test data: " + message + "\n")
        sys.stderr.flush()
        os._exit(@DATA_ERROR_EXIT@)

    def decode(v, ty, where):
        if ty.endswith("[]"):
            if not isinstance(v, list):
                bad_data(where + ": expected " + ty + ", found " + json.dumps(v)[:60])
            return [decode(x, ty[:-2], where) for x in v]
        if ty in ("int", "long"):
            limit = 2**31 if ty == "int" else 2**63
            if type(v) is not int or not -limit <= v < limit:
                bad_data(where + ": expected " + ty + ", found " + json.dumps(v)[:60])
            return v
        if ty == "double":
            if type(v) not in (int, float):
                bad_data(where + ": expected double, found " + json.dumps(v)[:60])
            return float(v)
        if ty == "bool":
            if type(v) is not bool:
                bad_data(where + ": expected bool, found " + json.dumps(v)[:60])
            return v
        if ty in ("char", "string"):
            if type(v) is not str or (ty == "char" and len(v) != 1):
                bad_data(where + ": expected " + ty + ", found " + json.dumps(v)[:60])
            return v
        if ty == "ListNode":
            vals = decode(v, "int[]", where)
            head = None
            for x in reversed(vals):
                head = ListNode(x, head)
            return head
        if ty == "TreeNode":
            if not isinstance(v, list) or any(x is not None and type(x) is not int for x in v):
                bad_data(where + ": expected a level-order tree, found " + json.dumps(v)[:60])
            if not v:
                return None
            if v[0] is None:
                bad_data(where + ": the root is null")
            root = TreeNode(v[0])
            queue, i = collections.deque([root]), 1
            while i < len(v):
                if not queue:
                    bad_data(where + ": entry " + str(i) + " has no parent")
                node = queue.popleft()
                for side in ("left", "right"):
                    if i < len(v):
                        if v[i] is not None:
                            child = TreeNode(v[i])
                            setattr(node, side, child)
                            queue.append(child)
                        i += 1
            return root
        bad_data("unknown type " + ty)

    class Unprintable(Exception):
        pass

    def encode(v, ty):
        if v is None and ty not in ("ListNode", "TreeNode"):
            return None
        if ty.endswith("[]"):
            if not isinstance(v, (list, tuple)):
                raise Unprintable("expected a list for " + ty + ", got " + type(v).__name__)
            return [encode(x, ty[:-2]) for x in v]
        if ty in ("int", "long"):
            if type(v) is not int:
                raise Unprintable("expected int for " + ty + ", got " + type(v).__name__)
            return v
        if ty == "double":
            if type(v) not in (int, float):
                raise Unprintable("expected float, got " + type(v).__name__)
            return float(v)
        if ty == "bool":
            if type(v) is not bool:
                raise Unprintable("expected bool, got " + type(v).__name__)
            return v
        if ty in ("char", "string"):
            if type(v) is not str:
                raise Unprintable("expected str for " + ty + ", got " + type(v).__name__)
            return v
        if ty == "ListNode":
            out, seen = [], 0
            while v is not None:
                out.append(v.val)
                v = v.next
                seen += 1
                if seen > 10**7:
                    raise Unprintable("the returned list has a cycle")
            return out
        if ty == "TreeNode":
            out, queue = [], collections.deque([v])
            while queue:
                node = queue.popleft()
                if node is None:
                    out.append(None)
                else:
                    out.append(node.val)
                    queue.append(node.left)
                    queue.append(node.right)
                if len(out) > 2 * 10**7:
                    raise Unprintable("the returned tree has a cycle")
            while out and out[-1] is None:
                out.pop()
            return out
        raise Unprintable("unknown type " + ty)

    if len(sys.argv) > 1 and sys.argv[1] == "@BATCH_FLAG@":
        __oaj_batch(params, returns, decode, encode, bad_data, Unprintable)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "@ECHO_FLAG@":
        # Self-test mode: pairs of lines, a type and a value; each value
        # decoded and encoded again.
        pairs = sys.stdin.read().split("\n")
        for i in range(0, len(pairs) - 1, 2):
            ty = pairs[i]
            text = json.dumps(encode(decode(json.loads(pairs[i + 1]), ty, "value"), ty), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return

    lines = [line for line in sys.stdin.read().split("\n") if line.strip()]
    if len(lines) != len(params):
        bad_data("expected %d line(s), one JSON value per parameter, found %d" % (len(params), len(lines)))
    args = []
    for line, (name, ty) in zip(lines, params):
        try:
            value = json.loads(line)
        except ValueError as e:
            bad_data("parameter `" + name + "`: not valid JSON (" + str(e) + ")")
        args.append(decode(value, ty, "parameter `" + name + "`"))

    real_stdout = sys.stdout
    outcome = {}

    def user_line(lineno):
        if offset < lineno <= offset + user_lines:
            return lineno - offset
        return None

    def run():
        # The user's prints go to stderr, shown as their output.
        sys.stdout = sys.stderr
        try:
            outcome["result"] = @CLASS@().@FUNCTION@(*args)
        except BaseException as e:
            frames = [f for f in traceback.extract_tb(e.__traceback__) if f.filename == __file__ and user_line(f.lineno)]
            sys.stderr.write("Traceback (most recent call last), in your code:\n")
            for f in frames[-20:]:
                sys.stderr.write("  line %d, in %s\n" % (user_line(f.lineno), f.name))
            where = " (line %d of your code)" % user_line(frames[-1].lineno) if frames else ""
            message = str(e)
            sys.stderr.write(type(e).__name__ + (": " + message if message else "") + where + "\n")
            outcome["error"] = True
        finally:
            sys.stdout.flush()
            sys.stdout = real_stdout

    sys.setrecursionlimit(1000000)
    threading.stack_size(64 * 1024 * 1024)
    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        sys.stderr.flush()
        os._exit(1)
    try:
        text = json.dumps(encode(outcome.get("result"), returns), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (Unprintable, ValueError) as e:
        sys.stderr.write("TypeError: cannot print the returned value as " + returns + ": " + str(e) + "\n")
        sys.stderr.flush()
        os._exit(1)
    real_stdout.write(text + "\n")
    real_stdout.flush()

def __oaj_batch(params, returns, decode, encode, bad_data, Unprintable):
    # Batch mode (`main.py --oaj-batch`), a stepped run of the sandbox: stdin
    # holds `<nonce> <case count>`, then each case's parameter lines; a
    # case's lines arrive only after the previous case is reported. Reports
    # go to descriptor 3, one line each: `<nonce> ready`, then per case
    # `<nonce> <case> R <json>`, or `<nonce> <case> X` when the call raised
    # or its result cannot be printed (the judge reruns that case alone).
    # There is no clock and no watchdog here: the judge times every case
    # from outside the process (the run's cgroup, read at each line), ends
    # a case that runs too long, and compares the value itself. The user's
    # prints go to stderr as in one-case mode.
    import sys, os, json, threading
    stdin = sys.stdin.buffer
    real_stdout = sys.stdout

    def read_line():
        line = stdin.readline()
        if not line.endswith(b"\n"):
            bad_data("batch input: fewer lines than the cases need")
        return line.decode("utf-8")

    head = read_line().split()
    if len(head) != 2 or not head[1].isdigit():
        bad_data("batch input: the first line is not `<nonce> <case count>`")
    # The nonce lives only in this function's locals: it marks the lines as
    # the harness's. The judge does not rely on it being secret (a case's
    # time is measured outside and its value checked by the judge); it makes
    # a stray or forged line visible, and then no line of the run counts.
    nonce, count = head[0], int(head[1])

    def report(text):
        data = (nonce + " " + text + "\n").encode("utf-8")
        while data:
            data = data[os.write(3, data):]

    report("ready")
    sys.setrecursionlimit(1000000)
    threading.stack_size(64 * 1024 * 1024)
    for case in range(count):
        args = []
        for name, ty in params:
            line = read_line()
            try:
                value = json.loads(line)
            except ValueError as e:
                bad_data("parameter `" + name + "`: not valid JSON (" + str(e) + ")")
            args.append(decode(value, ty, "parameter `" + name + "`"))
        box = {}

        def call():
            sys.stdout = sys.stderr
            try:
                box["result"] = @CLASS@().@FUNCTION@(*args)
                box["returned"] = True
            except BaseException:
                pass
            finally:
                sys.stdout.flush()
                sys.stdout = real_stdout

        thread = threading.Thread(target=call)
        thread.start()
        thread.join()
        line = "%d X" % case
        if box.get("returned"):
            try:
                text = json.dumps(encode(box["result"], returns), ensure_ascii=False, separators=(",", ":"), allow_nan=False)
                line = "%d R %s" % (case, text)
            except (Unprintable, ValueError):
                pass
        report(line)

__oaj_main()
"#;
