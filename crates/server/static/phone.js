// OA Judge: the phone-screen editor (a live pair editor) and the replay of
// its report. Plain JavaScript, no build step, no inline script (the CSP
// forbids it): page data travels in <script type="application/json" id="phone-data">.
//
// Sync: a server-ordered operation log with rebasing (docs/architecture.md).
// Operations are arrays over the whole text in UTF-16 code units, the unit of
// a textarea's value: a positive number retains, a negative one deletes, a
// string inserts. The algorithm mirrors crates/oa/src/phone/ot.rs and sync.rs
// exactly (same transform tie-break: the first argument's insert goes first).
(function () {
  "use strict";

  // ------------------------------------------------------------ operations

  function isRetain(c) { return typeof c === "number" && c > 0; }
  function isDelete(c) { return typeof c === "number" && c < 0; }
  function isInsert(c) { return typeof c === "string"; }

  function Op() { this.ops = []; this.baseLength = 0; this.targetLength = 0; }

  Op.prototype.retain = function (n) {
    if (n === 0) return this;
    this.baseLength += n;
    this.targetLength += n;
    var last = this.ops.length - 1;
    if (last >= 0 && isRetain(this.ops[last])) this.ops[last] += n;
    else this.ops.push(n);
    return this;
  };

  Op.prototype.insert = function (s) {
    if (s === "") return this;
    this.targetLength += s.length;
    var ops = this.ops;
    var n = ops.length;
    if (n > 0 && isInsert(ops[n - 1])) ops[n - 1] += s;
    else if (n > 0 && isDelete(ops[n - 1])) {
      // Inserts stay before an adjacent delete (the canonical form).
      if (n > 1 && isInsert(ops[n - 2])) ops[n - 2] += s;
      else { ops[n] = ops[n - 1]; ops[n - 1] = s; }
    } else ops.push(s);
    return this;
  };

  Op.prototype.delete = function (n) {
    if (typeof n === "string") n = n.length;
    if (n < 0) n = -n;
    if (n === 0) return this;
    this.baseLength += n;
    var last = this.ops.length - 1;
    if (last >= 0 && isDelete(this.ops[last])) this.ops[last] -= n;
    else this.ops.push(-n);
    return this;
  };

  Op.prototype.isNoop = function () {
    return this.ops.every(isRetain);
  };

  Op.fromJSON = function (array) {
    var op = new Op();
    array.forEach(function (c) {
      if (isRetain(c)) op.retain(c);
      else if (isDelete(c)) op.delete(c);
      else if (isInsert(c)) op.insert(c);
      else throw new Error("bad operation component " + JSON.stringify(c));
    });
    return op;
  };

  Op.prototype.apply = function (text) {
    if (text.length !== this.baseLength) throw new Error("operation does not fit the text");
    var parts = [];
    var at = 0;
    this.ops.forEach(function (c) {
      if (isRetain(c)) { parts.push(text.slice(at, at + c)); at += c; }
      else if (isInsert(c)) parts.push(c);
      else at -= c;
    });
    return parts.join("");
  };

  Op.prototype.compose = function (next) {
    if (this.targetLength !== next.baseLength) throw new Error("compose: lengths differ");
    var out = new Op();
    var ops1 = this.ops.slice(), ops2 = next.ops.slice();
    var i1 = 0, i2 = 0, a = ops1[i1++], b = ops2[i2++];
    for (;;) {
      if (a === undefined && b === undefined) break;
      if (isDelete(a)) { out.delete(a); a = ops1[i1++]; continue; }
      if (isInsert(b)) { out.insert(b); b = ops2[i2++]; continue; }
      if (a === undefined || b === undefined) throw new Error("compose: lengths differ");
      if (isRetain(a) && isRetain(b)) {
        if (a > b) { out.retain(b); a -= b; b = ops2[i2++]; }
        else if (a === b) { out.retain(a); a = ops1[i1++]; b = ops2[i2++]; }
        else { out.retain(a); b -= a; a = ops1[i1++]; }
      } else if (isInsert(a) && isDelete(b)) {
        if (a.length > -b) { a = a.slice(-b); b = ops2[i2++]; }
        else if (a.length === -b) { a = ops1[i1++]; b = ops2[i2++]; }
        else { b += a.length; a = ops1[i1++]; }
      } else if (isInsert(a) && isRetain(b)) {
        if (a.length > b) { out.insert(a.slice(0, b)); a = a.slice(b); b = ops2[i2++]; }
        else if (a.length === b) { out.insert(a); a = ops1[i1++]; b = ops2[i2++]; }
        else { out.insert(a); b -= a.length; a = ops1[i1++]; }
      } else if (isRetain(a) && isDelete(b)) {
        if (a > -b) { out.delete(b); a += b; b = ops2[i2++]; }
        else if (a === -b) { out.delete(b); a = ops1[i1++]; b = ops2[i2++]; }
        else { out.delete(a); b += a; a = ops1[i1++]; }
      }
    }
    return out;
  };

  // (a', b') with apply(apply(d, a), b') == apply(apply(d, b), a').
  function transform(opA, opB) {
    if (opA.baseLength !== opB.baseLength) throw new Error("transform: lengths differ");
    var a2 = new Op(), b2 = new Op();
    var ops1 = opA.ops.slice(), ops2 = opB.ops.slice();
    var i1 = 0, i2 = 0, a = ops1[i1++], b = ops2[i2++];
    for (;;) {
      if (a === undefined && b === undefined) break;
      if (isInsert(a)) { a2.insert(a); b2.retain(a.length); a = ops1[i1++]; continue; }
      if (isInsert(b)) { a2.retain(b.length); b2.insert(b); b = ops2[i2++]; continue; }
      if (a === undefined || b === undefined) throw new Error("transform: lengths differ");
      var k;
      if (isRetain(a) && isRetain(b)) {
        k = Math.min(a, b); a2.retain(k); b2.retain(k);
        if (a > b) { a -= b; b = ops2[i2++]; } else if (a === b) { a = ops1[i1++]; b = ops2[i2++]; } else { b -= a; a = ops1[i1++]; }
      } else if (isDelete(a) && isDelete(b)) {
        if (-a > -b) { a -= b; b = ops2[i2++]; } else if (a === b) { a = ops1[i1++]; b = ops2[i2++]; } else { b -= a; a = ops1[i1++]; }
      } else if (isDelete(a) && isRetain(b)) {
        k = Math.min(-a, b); a2.delete(k);
        if (-a > b) { a += b; b = ops2[i2++]; } else if (-a === b) { a = ops1[i1++]; b = ops2[i2++]; } else { b += a; a = ops1[i1++]; }
      } else if (isRetain(a) && isDelete(b)) {
        k = Math.min(a, -b); b2.delete(k);
        if (a > -b) { a += b; b = ops2[i2++]; } else if (a === -b) { a = ops1[i1++]; b = ops2[i2++]; } else { b += a; a = ops1[i1++]; }
      }
    }
    return [a2, b2];
  }

  // Where a caret goes when someone else's op is applied.
  function transformIndex(op, index) {
    var out = index, at = 0;
    for (var i = 0; i < op.ops.length; i++) {
      if (at > index) break;
      var c = op.ops[i];
      if (isRetain(c)) at += c;
      else if (isInsert(c)) out += c.length;
      else { out -= Math.min(-c, index - at); at -= c; }
    }
    return out;
  }

  function isLow(code) { return code >= 0xdc00 && code < 0xe000; }

  // The edit from `before` to `after`: one replaced span, never cutting a surrogate pair.
  function diffOp(before, after) {
    var max = Math.min(before.length, after.length);
    var prefix = 0;
    while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
    if (prefix > 0 && prefix < max && isLow(before.charCodeAt(prefix))) prefix--;
    var maxSuffix = max - prefix;
    var suffix = 0;
    while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
    if (suffix > 0 && isLow(before.charCodeAt(before.length - suffix))) suffix--;
    return new Op()
      .retain(prefix)
      .delete(before.length - prefix - suffix)
      .insert(after.slice(prefix, after.length - suffix))
      .retain(suffix);
  }

  // ------------------------------------------------------------ helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "class") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child == null) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function formatClock(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(total / 60), seconds = total % 60;
    return minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  function randomId() {
    var bytes = new Uint8Array(12);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  // ------------------------------------------------------------ the room

  function room(data) {
    var editor = document.getElementById("pair-editor");
    var mirror = document.getElementById("pair-mirror");
    var language = document.getElementById("language");
    var syncStatus = document.getElementById("sync-status");
    var connection = document.getElementById("connection");
    var countdown = document.getElementById("countdown");
    var banner = document.getElementById("status-banner");
    var result = document.getElementById("result");
    var customInput = document.getElementById("custom-input");
    var peerLabel = document.getElementById("peer-cursor");
    var notes = document.getElementById("notes");
    var notesStatus = document.getElementById("notes-status");
    var behavioural = document.getElementById("behavioural");
    var showBehavioural = document.getElementById("show-behavioural");
    var interviewer = data.role === "interviewer";

    // Sync state (see sync.rs's Client): the text as this page has it, the
    // server revision it is based on, one op in flight, the rest buffered.
    var clientId = randomId();
    var shadow = null; // null until the first welcome
    var rev = 0;
    var inflight = null; // {seq, op, sentOn}
    var buffer = null;
    var nextSeq = 1;
    var socket = null;
    var socketNumber = 0;
    var synced = false;
    var attempt = 0;
    var status = data.status;
    var deadline = data.deadline_ms;
    var offset = data.now_ms - Date.now(); // server clock minus browser clock
    var runs = [];
    var peer = null; // the candidate's caret {anchor, head} in this page's text
    var notesDirty = false;
    var stopped = false; // the server said not to reconnect (the link was replaced)
    var starDirty = {};

    editor.value = "";

    function setSync(text) { if (syncStatus) syncStatus.textContent = text; }

    function setConnection(ok, text) {
      connection.textContent = text;
      connection.className = "badge " + (ok ? "ok" : "warn");
    }

    // Typing goes on while the connection is down: the edits wait in the
    // buffer and go out after the reconnect's catch-up.
    function editable() {
      return shadow !== null && status !== "ended" && !(deadline && deadline <= Date.now() + offset);
    }

    function refreshReadOnly() {
      editor.readOnly = stopped || !editable();
    }

    function send(message) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(message));
        return true;
      }
      return false;
    }

    function sendOp(op) {
      var seq = nextSeq++;
      // Only an op sent on a synced socket counts as sent on it; any other
      // goes (again) when the next connection has caught up.
      var sent = synced && send({ type: "op", seq: seq, rev: rev, op: op.ops });
      inflight = { seq: seq, op: op, sentOn: sent ? socketNumber : 0 };
    }

    // --- local edits
    function localChange() {
      if (shadow === null) return;
      var now = editor.value;
      if (now === shadow) return;
      if (!editable()) {
        // Read-only: whatever changed is put back.
        editor.value = shadow;
        return;
      }
      var op = diffOp(shadow, now);
      shadow = now;
      if (peer) peer = { anchor: transformIndex(op, peer.anchor), head: transformIndex(op, peer.head) };
      if (inflight) buffer = buffer ? buffer.compose(op) : op;
      else sendOp(op);
      setSync(synced ? "saving…" : "offline: kept here, sent on reconnect");
      renderPeer();
      cursorSoon();
    }
    editor.addEventListener("input", localChange);

    // --- remote edits
    function applyRemote(entry) {
      if (entry.rev <= rev) return; // seen already
      rev = entry.rev;
      if (entry.client === clientId && inflight && inflight.seq === entry.seq) {
        inflight = null;
        if (buffer) { var next = buffer; buffer = null; sendOp(next); }
        setSync(inflight ? "saving…" : "saved");
        cursorSoon();
        return;
      }
      var remote = Op.fromJSON(entry.op);
      if (inflight) {
        var pair = transform(inflight.op, remote);
        inflight.op = pair[0];
        remote = pair[1];
      }
      if (buffer) {
        var pair2 = transform(buffer, remote);
        buffer = pair2[0];
        remote = pair2[1];
      }
      var start = editor.selectionStart, end = editor.selectionEnd, scroll = editor.scrollTop;
      var focused = document.activeElement === editor;
      shadow = remote.apply(shadow);
      editor.value = shadow;
      if (focused) editor.setSelectionRange(transformIndex(remote, start), transformIndex(remote, end));
      editor.scrollTop = scroll;
      if (peer) peer = { anchor: transformIndex(remote, peer.anchor), head: transformIndex(remote, peer.head) };
      renderPeer();
    }

    // --- the candidate's caret, for the interviewer
    var cursorTimer = null;
    function cursorSoon() {
      if (interviewer) return;
      clearTimeout(cursorTimer);
      cursorTimer = setTimeout(function () {
        // Only when this page's text is exactly the server's revision.
        if (inflight || buffer || !synced) return;
        send({ type: "cursor", rev: rev, anchor: editor.selectionStart, head: editor.selectionEnd });
      }, 120);
    }
    ["keyup", "mouseup", "select", "focus"].forEach(function (name) { editor.addEventListener(name, cursorSoon); });

    function renderPeer() {
      if (!mirror) return;
      var text = shadow || "";
      mirror.textContent = "";
      if (!peer) { mirror.appendChild(document.createTextNode(text + "\n")); return; }
      var from = Math.min(peer.anchor, peer.head, text.length), to = Math.min(Math.max(peer.anchor, peer.head), text.length);
      mirror.appendChild(document.createTextNode(text.slice(0, from)));
      mirror.appendChild(el("span", { class: from === to ? "peer-caret" : "peer-selection", text: text.slice(from, to) }));
      mirror.appendChild(document.createTextNode(text.slice(to) + "\n"));
      mirror.scrollTop = editor.scrollTop;
      mirror.scrollLeft = editor.scrollLeft;
      if (peerLabel) {
        var before = text.slice(0, peer.head);
        var line = before.split("\n").length;
        var col = peer.head - (before.lastIndexOf("\n") + 1) + 1;
        peerLabel.textContent = "candidate's cursor: line " + line + ", column " + col + (to > from ? " (" + (to - from) + " selected)" : "");
      }
    }
    editor.addEventListener("scroll", function () {
      if (mirror) { mirror.scrollTop = editor.scrollTop; mirror.scrollLeft = editor.scrollLeft; }
    });

    // --- keys: the OA editor's rules (Tab inserts spaces, Shift+Tab
    // dedents, Enter keeps the indentation). No highlighting, no completion.
    editor.addEventListener("keydown", function (event) {
      if (event.isComposing || editor.readOnly) return;
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        run(null);
        return;
      }
      if (event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        if (event.shiftKey) dedent(); else indent();
        return;
      }
      if (event.key === "Enter" && !event.shiftKey && !event.altKey) {
        event.preventDefault();
        var start = editor.selectionStart;
        var lineStart = editor.value.lastIndexOf("\n", start - 1) + 1;
        var leading = /^[ \t]*/.exec(editor.value.slice(lineStart, start))[0];
        insertText("\n" + leading);
      }
    });

    function insertText(text) {
      editor.focus();
      var done = false;
      try { done = document.execCommand("insertText", false, text); } catch (e) { done = false; }
      if (!done) {
        editor.setRangeText(text, editor.selectionStart, editor.selectionEnd, "end");
        editor.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }

    function selectedLines() {
      var value = editor.value, start = editor.selectionStart, end = editor.selectionEnd;
      var from = value.lastIndexOf("\n", start - 1) + 1;
      var lastEnd = end > start && value[end - 1] === "\n" ? end - 1 : end;
      var to = value.indexOf("\n", lastEnd);
      if (to === -1) to = value.length;
      return { from: from, to: to, start: start, end: end };
    }

    function replaceLines(from, to, text, selStart, selEnd) {
      editor.setSelectionRange(from, to);
      insertText(text);
      editor.setSelectionRange(selStart, selEnd);
    }

    function indent() {
      var selected = editor.value.slice(editor.selectionStart, editor.selectionEnd);
      if (selected.indexOf("\n") === -1) { insertText("    "); return; }
      var lines = selectedLines();
      var block = editor.value.slice(lines.from, lines.to).split("\n");
      replaceLines(lines.from, lines.to, block.map(function (l) { return "    " + l; }).join("\n"),
        lines.start + 4, lines.end + 4 * block.length);
    }

    function dedent() {
      var lines = selectedLines();
      var block = editor.value.slice(lines.from, lines.to).split("\n");
      var removedFirst = 0, removedTotal = 0;
      var text = block.map(function (line, i) {
        var cut = /^( {1,4}|\t)/.exec(line);
        var n = cut ? cut[0].length : 0;
        if (i === 0) removedFirst = n;
        removedTotal += n;
        return line.slice(n);
      }).join("\n");
      if (removedTotal === 0) return;
      var selStart = Math.max(lines.from, lines.start - removedFirst);
      replaceLines(lines.from, lines.to, text, selStart, Math.max(selStart, lines.end - removedTotal));
    }

    // --- runs
    var runSamples = document.getElementById("run-samples");
    var runCustom = document.getElementById("run-custom");
    function run(input) {
      if (!send({ type: "run", input: input })) {
        banner.textContent = "Not connected; the run was not sent.";
        banner.className = "banner warn";
      }
    }
    if (runSamples) runSamples.addEventListener("click", function () { run(null); });
    if (runCustom) runCustom.addEventListener("click", function () { run(customInput.value.replace(/\r\n/g, "\n")); });

    function pre(text) { return el("pre", null, [text === "" ? "(empty)" : text]); }

    function renderRuns() {
      result.textContent = "";
      runs.slice().reverse().forEach(function (r) {
        var o = r.outcome;
        var verdict = o && o.verdict;
        var head = el("div", { class: "case-head" }, [
          el("b", { text: r.input == null ? "Samples" : "Custom run" }),
          " · " + r.language + " · by the " + r.author + " · revision " + r.rev + " ",
          r.done ? (verdict ? el("span", { class: "verdict " + (verdict === "AC" ? "ok" : "bad"), text: verdict }) : null)
            : el("span", { class: "verdict pending", text: "running…" }),
        ]);
        var body = el("div", { class: "case-body" });
        if (r.error) body.appendChild(el("p", { class: "notice error", text: "The judge failed: " + r.error }));
        if (o) {
          body.appendChild(el("p", { text: o.summary }));
          if (o.compile_error) body.appendChild(el("pre", { class: "compile-error", text: o.compile_error }));
          if (r.input != null) { body.appendChild(el("span", { text: "Input" })); body.appendChild(pre(r.input)); }
          if (o.stdout != null) { body.appendChild(el("span", { text: "Output" })); body.appendChild(pre(o.stdout)); }
          if (o.stderr) { body.appendChild(el("span", { text: "Stderr" })); body.appendChild(pre(o.stderr)); }
          (o.cases || []).forEach(function (c) {
            body.appendChild(el("p", { class: "small", text: c.name + ": " + c.verdict + " · " + c.time_ms + " ms " + (c.message || "") }));
            if (c.output != null) {
              body.appendChild(el("div", { class: "cols" }, [
                el("div", null, [el("span", { text: "Input" }), pre(c.input)]),
                el("div", null, [el("span", { text: "Expected" }), pre(c.expected)]),
                el("div", null, [el("span", { text: "Got" }), pre(c.output)]),
              ]));
            }
          });
        }
        result.appendChild(el("div", { class: "case" }, [head, body]));
      });
    }

    function upsertRun(r) {
      for (var i = 0; i < runs.length; i++) {
        if (runs[i].id === r.id) { runs[i] = r; renderRuns(); return; }
      }
      runs.push(r);
      renderRuns();
    }

    // --- language
    if (language) {
      language.addEventListener("change", function () { send({ type: "language", language: language.value }); });
    }

    // --- the clock
    function tick() {
      if (status === "ended") {
        countdown.textContent = "ended";
      } else if (status === "live" && deadline) {
        var left = deadline - (Date.now() + offset);
        countdown.textContent = formatClock(left);
        countdown.className = left <= 5 * 60000 ? "urgent" : left <= data.behavioural_minutes * 60000 ? "warn" : "";
        if (behavioural && left <= data.behavioural_minutes * 60000) behavioural.classList.remove("hidden");
        if (left <= 0) {
          banner.textContent = "Time is up: the editor is read-only.";
          banner.className = "banner warn";
        }
      } else {
        countdown.textContent = data.minutes + ":00";
      }
      refreshReadOnly();
    }
    setInterval(tick, 1000);

    function applyStatus(s) {
      status = s.status;
      deadline = s.deadline_ms;
      if (typeof s.now_ms === "number") offset = s.now_ms - Date.now();
      if (status === "ended") {
        banner.textContent = interviewer ? "The session has ended. The report is ready." : "The session has ended. Thank you!";
        banner.className = "banner warn";
      } else if (status === "live") {
        banner.className = "banner hidden";
      } else {
        banner.textContent = interviewer ? "The clock starts when you press “Start the clock”." : "Waiting for the interviewer to start the clock; you can already read and type.";
        banner.className = "banner";
      }
      tick();
    }

    // --- the interviewer's notes and STAR notes: autosaved over the socket
    if (notes) {
      var saveNotes = debounce(function () {
        if (send({ type: "notes", text: notes.value })) notesStatus.textContent = "saving…";
      }, 700);
      notes.addEventListener("input", function () { notesDirty = true; notesStatus.textContent = "not saved yet"; saveNotes(); });
    }
    function starOf(form) {
      var get = function (field) { return form.querySelector('[data-field="' + field + '"]').value; };
      var rating = get("rating");
      return { situation: get("situation"), task: get("task"), action: get("action"), result: get("result"), rating: rating ? Number(rating) : null };
    }
    function saveStar(form) {
      var index = Number(form.getAttribute("data-index"));
      starDirty[index] = true;
      if (send({ type: "star", index: index, star: starOf(form) })) form.querySelector(".star-status").textContent = "saving…";
    }
    document.querySelectorAll(".star-form").forEach(function (form) {
      var save = debounce(function () { saveStar(form); }, 700);
      form.addEventListener("input", save);
      form.addEventListener("change", save);
    });
    if (showBehavioural) showBehavioural.addEventListener("click", function () { behavioural.classList.remove("hidden"); });

    // Unsaved notes go out again after a reconnect.
    function flushPrivate() {
      if (notes && notesDirty) send({ type: "notes", text: notes.value });
      document.querySelectorAll(".star-form").forEach(function (form) {
        if (starDirty[Number(form.getAttribute("data-index"))]) saveStar(form);
      });
    }

    // --- the socket, with reconnects (exponential back-off with jitter)
    function connect() {
      var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + data.socket;
      socketNumber++;
      var mine = socketNumber;
      synced = false;
      refreshReadOnly();
      setConnection(false, attempt ? "reconnecting…" : "connecting…");
      socket = new WebSocket(url);
      socket.onopen = function () {
        send({ type: "hello", rev: shadow === null ? null : rev, client: clientId });
      };
      socket.onmessage = function (event) {
        if (mine !== socketNumber) return;
        var message;
        try { message = JSON.parse(event.data); } catch (e) { return; }
        receive(message, mine);
      };
      socket.onclose = function () {
        if (mine !== socketNumber || stopped) return;
        synced = false;
        refreshReadOnly();
        var delay = Math.min(30000, 500 * Math.pow(2, attempt)) * (0.75 + Math.random() * 0.5);
        attempt++;
        setConnection(false, "offline · retrying in " + Math.ceil(delay / 1000) + " s");
        setTimeout(connect, delay);
      };
    }

    function receive(message, mine) {
      switch (message.type) {
        case "welcome":
          if (message.text != null) {
            // A first load (or a reload after an error): the whole text.
            shadow = message.text;
            rev = message.rev;
            inflight = null;
            buffer = null;
            editor.value = shadow;
            renderPeer();
          }
          runs = message.runs || [];
          renderRuns();
          if (language && message.session) language.value = message.session.language;
          if (message.session) applyStatus(message.session);
          break;
        case "op":
          applyRemote(message);
          break;
        case "synced":
          attempt = 0;
          synced = true;
          setConnection(true, "connected");
          // The op in flight never came back: it did not reach the server.
          if (inflight && inflight.sentOn !== mine) {
            inflight.sentOn = mine;
            send({ type: "op", seq: inflight.seq, rev: rev, op: inflight.op.ops });
          }
          setSync(inflight ? "saving…" : "saved");
          flushPrivate();
          refreshReadOnly();
          cursorSoon();
          break;
        case "cursor":
          if (message.rev !== rev) break; // stale; a fresher one follows the next edit
          peer = { anchor: message.anchor, head: message.head };
          if (inflight) peer = { anchor: transformIndex(inflight.op, peer.anchor), head: transformIndex(inflight.op, peer.head) };
          if (buffer) peer = { anchor: transformIndex(buffer, peer.anchor), head: transformIndex(buffer, peer.head) };
          renderPeer();
          break;
        case "run":
          upsertRun(message.run);
          break;
        case "language":
          if (language) language.value = message.language;
          break;
        case "status":
          applyStatus(message);
          break;
        case "saved":
          if (message.what === "notes") { notesDirty = false; notesStatus.textContent = "saved"; }
          if (message.what === "star") {
            delete starDirty[message.index];
            var form = document.querySelector('.star-form[data-index="' + message.index + '"]');
            if (form) form.querySelector(".star-status").textContent = "saved";
          }
          break;
        case "error":
          banner.textContent = message.message;
          banner.className = "banner warn";
          if (message.final) {
            stopped = true;
            editor.readOnly = true;
            setConnection(false, "disconnected");
          }
          if (message.resync) {
            // This page's text can no longer be trusted: load it afresh.
            shadow = null;
            inflight = null;
            buffer = null;
            if (socket) socket.close();
          }
          break;
      }
    }

    setInterval(function () { send({ type: "ping" }); }, 30000);
    applyStatus({ status: data.status, deadline_ms: data.deadline_ms, now_ms: data.now_ms });
    connect();
  }

  // ------------------------------------------------------------ the replay

  function replayPage(node) {
    var slider = document.getElementById("replay-slider");
    var label = document.getElementById("replay-label");
    var view = document.getElementById("replay-text");
    var headers = { Accept: "application/json" };
    var csrf = document.querySelector('meta[name="csrf-token"]');
    if (csrf) headers["X-CSRF-Token"] = csrf.getAttribute("content");
    fetch(node.getAttribute("data-log"), { headers: headers, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (log) {
        // texts[r] is the editor at revision r: the initial text, then each op applied.
        var texts = [log.initial_text];
        log.ops.forEach(function (entry) { texts.push(Op.fromJSON(entry.op).apply(texts[texts.length - 1])); });
        slider.max = String(log.ops.length);
        function show() {
          var r = Number(slider.value);
          view.textContent = texts[r];
          var entry = log.ops[r - 1];
          label.textContent = "revision " + r + " of " + log.ops.length +
            (entry ? " · by the " + entry.author + " · " + new Date(entry.at_ms).toLocaleTimeString() : " · the starting text");
        }
        slider.addEventListener("input", show);
        show();
      })
      .catch(function (e) { label.textContent = "The replay could not be loaded: " + e.message; });
  }

  if (typeof document !== "undefined") {
    var node = document.getElementById("phone-data");
    if (node) room(JSON.parse(node.textContent));
    var replay = document.getElementById("replay");
    if (replay) replayPage(replay);
  }

  // For the cross-check with the Rust implementation (crates/server/tests/phone.rs, run when node is installed).
  if (typeof module !== "undefined") module.exports = { Op: Op, transform: transform, transformIndex: transformIndex, diffOp: diffOp };
})();
