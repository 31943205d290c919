// OA Judge: the one script of the web app. Plain JavaScript, no build step,
// no inline script anywhere (the pages' content security policy forbids it):
// data for this script travels in <script type="application/json" id="page-data">.
// Without JavaScript every page still reads; the editor needs it to run code.
(function () {
  "use strict";

  var data = readPageData();
  wireConfirmations();
  localTimes();
  refreshWhilePending();
  if (document.getElementById("editor") && data) {
    editorPage(data);
  }

  function readPageData() {
    var node = document.getElementById("page-data");
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }

  // <time data-ms> elements are rendered in UTC; show the reader's local time.
  function localTimes() {
    document.querySelectorAll("time[data-ms]").forEach(function (node) {
      var ms = Number(node.getAttribute("data-ms"));
      if (!isFinite(ms)) return;
      node.title = node.textContent;
      node.textContent = new Date(ms).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
    });
  }

  // A page whose results are still being judged (data-refresh="seconds")
  // reloads itself until they are in.
  function refreshWhilePending() {
    var node = document.querySelector("[data-refresh]");
    if (!node) return;
    var seconds = Number(node.getAttribute("data-refresh")) || 3;
    setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }

  // Forms and buttons that ask first: data-confirm="question".
  function wireConfirmations() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      if (form.id === "finish-form") return; // the editor page handles it (it saves first)
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") node.textContent = attrs[key];
        else if (key === "class") node.className = attrs[key];
        else node.setAttribute(key, attrs[key]);
      });
    }
    (children || []).forEach(function (child) {
      if (child == null) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function pre(text, cls) {
    return el("pre", cls ? { class: cls } : null, [text === "" ? "(empty)" : text]);
  }

  // JSON over fetch; resolves to {ok, status, body, retryAfter}.
  function api(method, url, body, keepalive) {
    var init = { method: method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    var csrf = document.querySelector('meta[name="csrf-token"]');
    if (csrf) init.headers["X-CSRF-Token"] = csrf.getAttribute("content");
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    if (keepalive) init.keepalive = true;
    return fetch(url, init).then(
      function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch (e) {
            parsed = { error: text.slice(0, 300) };
          }
          return {
            ok: response.ok,
            status: response.status,
            body: parsed,
            retryAfter: response.headers.get("Retry-After"),
          };
        });
      },
      function () {
        return { ok: false, status: 0, body: { error: "the server cannot be reached; check that `oaj serve` is still running" } };
      }
    );
  }

  function errorText(reply) {
    if (reply.body && reply.body.error) return reply.body.error;
    return "the server answered " + reply.status;
  }

  function formatClock(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(total / 60);
    var seconds = total % 60;
    return minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
  }

  function formatMemory(kb) {
    if (kb == null) return "";
    if (kb >= 1024) return (kb / 1024).toFixed(1) + " MB";
    return kb + " KB";
  }

  // ------------------------------------------------------------ editor page

  function editorPage(page) {
    var editor = document.getElementById("editor");
    var gutter = document.getElementById("line-numbers");
    var wrap = document.getElementById("editor-wrap");
    var language = document.getElementById("language");
    var saveStatus = document.getElementById("save-status");
    var result = document.getElementById("result");
    var runSamples = document.getElementById("run-samples");
    var runCustom = document.getElementById("run-custom");
    var submit = document.getElementById("submit");
    var customInput = document.getElementById("custom-input");
    var base = "/api/oa/" + page.attempt + "/" + page.problem;
    var drafts = page.drafts || {};
    var currentLanguage = language ? language.value : page.language;
    var savedText = editor.value;
    var savedLanguage = currentLanguage;
    var saveTimer = null;
    var saving = null;
    var busy = false;
    var serverOffset = 0; // server clock minus browser clock, in ms

    // --- keys: Tab, Shift+Tab, Enter keeps indentation, Ctrl/Cmd+Enter runs.
    editor.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        startJob("run");
        return;
      }
      if (event.isComposing) return;
      if (event.key === "Tab" && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        if (event.shiftKey) dedent();
        else indent();
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
      // execCommand keeps the browser's undo history; setRangeText is the fallback.
      var done = false;
      try {
        done = document.execCommand("insertText", false, text);
      } catch (e) {
        done = false;
      }
      if (!done) {
        editor.setRangeText(text, editor.selectionStart, editor.selectionEnd, "end");
        editor.dispatchEvent(new Event("input", { bubbles: true }));
      }
    }

    // Replaces whole lines [from, to) with `text`, then selects [selStart, selEnd).
    function replaceLines(from, to, text, selStart, selEnd) {
      editor.setSelectionRange(from, to);
      insertText(text);
      editor.setSelectionRange(selStart, selEnd);
    }

    function selectedLines() {
      var value = editor.value;
      var start = editor.selectionStart;
      var end = editor.selectionEnd;
      var from = value.lastIndexOf("\n", start - 1) + 1;
      // A selection ending at the start of a line does not include that line.
      var lastEnd = end > start && value[end - 1] === "\n" ? end - 1 : end;
      var to = value.indexOf("\n", lastEnd);
      if (to === -1) to = value.length;
      return { from: from, to: to, start: start, end: end };
    }

    function indent() {
      var selected = editor.value.slice(editor.selectionStart, editor.selectionEnd);
      // A caret or a selection within one line: Tab types four spaces.
      if (selected.indexOf("\n") === -1) {
        insertText("    ");
        return;
      }
      var lines = selectedLines();
      var block = editor.value.slice(lines.from, lines.to).split("\n");
      var text = block.map(function (line) { return "    " + line; }).join("\n");
      replaceLines(lines.from, lines.to, text, lines.start + 4, lines.end + 4 * block.length);
    }

    function dedent() {
      var lines = selectedLines();
      var block = editor.value.slice(lines.from, lines.to).split("\n");
      var removedFirst = 0;
      var removedTotal = 0;
      var text = block
        .map(function (line, i) {
          var cut = /^( {1,4}|\t)/.exec(line);
          var n = cut ? cut[0].length : 0;
          if (i === 0) removedFirst = n;
          removedTotal += n;
          return line.slice(n);
        })
        .join("\n");
      if (removedTotal === 0) return;
      var selStart = Math.max(lines.from, lines.start - removedFirst);
      var selEnd = Math.max(selStart, lines.end - removedTotal);
      replaceLines(lines.from, lines.to, text, selStart, selEnd);
    }

    // --- the line-number gutter
    var shownLines = 0;
    function updateGutter() {
      var count = editor.value.split("\n").length;
      if (count !== shownLines) {
        var numbers = [];
        for (var i = 1; i <= count; i++) numbers.push(i);
        gutter.textContent = numbers.join("\n") + "\n";
        shownLines = count;
      }
      gutter.scrollTop = editor.scrollTop;
    }
    editor.addEventListener("scroll", function () { gutter.scrollTop = editor.scrollTop; });
    var toggle = document.getElementById("toggle-gutter");
    function setGutter(on) {
      wrap.classList.toggle("no-gutter", !on);
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      toggle.textContent = on ? "Hide line numbers" : "Show line numbers";
      try { localStorage.setItem("oaj-gutter", on ? "on" : "off"); } catch (e) { /* private mode */ }
    }
    var gutterPref = null;
    try { gutterPref = localStorage.getItem("oaj-gutter"); } catch (e) { gutterPref = null; }
    setGutter(gutterPref !== "off");
    toggle.addEventListener("click", function () { setGutter(wrap.classList.contains("no-gutter")); });
    updateGutter();

    // --- autosave: debounced while typing, at once when leaving the page.
    function setStatus(text, cls) {
      saveStatus.textContent = text;
      saveStatus.className = cls || "";
    }
    function dirty() {
      return editor.value !== savedText || currentLanguage !== savedLanguage;
    }
    editor.addEventListener("input", function () {
      updateGutter();
      drafts[currentLanguage] = editor.value;
      if (!page.coding) return;
      setStatus("Editing…", "");
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, 800);
    });

    function save(keepalive) {
      clearTimeout(saveTimer);
      if (!page.coding || !dirty()) return Promise.resolve(true);
      var code = editor.value;
      var lang = currentLanguage;
      setStatus("Saving…", "");
      saving = api("POST", base + "/draft", { language: lang, code: code }, keepalive).then(function (reply) {
        saving = null;
        if (reply.ok) {
          savedText = code;
          savedLanguage = lang;
          setStatus(dirty() ? "Editing…" : "Saved", dirty() ? "" : "saved");
          return true;
        }
        if (reply.status === 409) page.coding = false;
        setStatus("Not saved: " + errorText(reply), "error");
        return false;
      });
      return saving;
    }
    // Leaving for another page of this OA (a problem tab, finishing, the
    // deadline) is not "leaving the test"; closing or reloading the tab is.
    var internalNavigation = false;
    var unloading = false;
    window.addEventListener("pagehide", function () {
      unloading = true;
      save(true);
      if (!internalNavigation) record("hidden", "left the page (closed, reloaded or went elsewhere)");
      flushIntegrity(true);
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") save(true);
    });
    window.addEventListener("beforeunload", function (event) {
      if (page.coding && dirty() && saveStatus.className === "error") {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    // Switching problems saves first, so the next page finds the draft.
    document.querySelectorAll("a[data-save-first]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        internalNavigation = true;
        if (!dirty() || !page.coding) return;
        event.preventDefault();
        save().then(function () { window.location.href = link.href; });
      });
    });

    // --- languages: every language keeps its own draft.
    function starter(lang) {
      return api("GET", base + "/starter?language=" + encodeURIComponent(lang)).then(function (reply) {
        if (reply.ok && reply.body && typeof reply.body.code === "string") return reply.body.code;
        throw new Error(errorText(reply));
      });
    }
    function showCode(code) {
      editor.value = code;
      editor.setSelectionRange(0, 0);
      editor.scrollTop = 0;
      updateGutter();
    }
    if (language) {
      language.addEventListener("change", function () {
        drafts[currentLanguage] = editor.value;
        var lang = language.value;
        var next = drafts[lang];
        var ready = typeof next === "string" ? Promise.resolve(next) : starter(lang);
        ready.then(
          function (code) {
            currentLanguage = lang;
            drafts[lang] = code;
            showCode(code);
            save();
          },
          function (err) {
            language.value = currentLanguage;
            setStatus("Cannot switch: " + err.message, "error");
          }
        );
      });
    }

    var reset = document.getElementById("reset-starter");
    if (reset) {
      reset.addEventListener("click", function () {
        if (!ask("Replace your code in " + languageName(currentLanguage) + " with the starter code? Your current code will be lost.")) return;
        starter(currentLanguage).then(
          function (code) {
            showCode(code);
            drafts[currentLanguage] = code;
            save();
          },
          function (err) { setStatus("Cannot reset: " + err.message, "error"); }
        );
      });
    }

    // The page's own dialogs take the focus; that is not leaving the test.
    var ownDialog = false;
    function ask(question) {
      ownDialog = true;
      try {
        return window.confirm(question);
      } finally {
        setTimeout(function () { ownDialog = false; }, 500);
      }
    }

    function languageName(id) {
      var found = (page.languages || []).filter(function (l) { return l.id === id; })[0];
      return found ? found.name : id;
    }

    // --- runs and submissions
    if (runSamples) runSamples.addEventListener("click", function () { startJob("run"); });
    if (runCustom) runCustom.addEventListener("click", function () { startJob("custom"); });
    if (submit) submit.addEventListener("click", function () { startJob("submit"); });

    function setBusy(on) {
      busy = on;
      [runSamples, runCustom, submit].forEach(function (b) { if (b) b.disabled = on || !page.coding; });
    }

    function startJob(what) {
      if (busy || !page.coding) return;
      setBusy(true);
      var body = { language: currentLanguage, code: editor.value };
      if (what === "custom") body.input = customInput ? customInput.value : "";
      var url = base + (what === "submit" ? "/submit" : "/run");
      var title = what === "submit" ? "Submission" : what === "custom" ? "Run on your input" : "Run on the samples";
      renderPending(title, "Sending…", null);
      // A run or submit saves the code as the draft too (the engine keeps it).
      api("POST", url, body).then(function (reply) {
        if (!reply.ok) {
          setBusy(false);
          renderProblem(reply);
          if (reply.status === 409) endCoding();
          return;
        }
        savedText = body.code;
        savedLanguage = body.language;
        setStatus("Saved", "saved");
        follow(reply.body.job, title);
      });
    }

    function renderProblem(reply) {
      result.textContent = "";
      var friendly;
      if (reply.status === 503) {
        var wait = reply.retryAfter || (reply.body && reply.body.retry_after) || 5;
        friendly = "The judge is busy with other submissions. Please try again in " + wait + " seconds; your code is safe.";
        result.appendChild(el("div", { class: "notice warn" }, [friendly]));
        return;
      }
      if (reply.status === 429) {
        var again = reply.retryAfter || (reply.body && reply.body.retry_after) || 5;
        friendly = "Too many runs or submissions in a short time. Please try again in " + again +
          " seconds; your code stays here and is autosaved.";
        result.appendChild(el("div", { class: "notice warn" }, [friendly]));
        return;
      }
      if (reply.status === 401) {
        friendly = "Your session has ended. Log in again in another tab (this page keeps your code), then retry.";
        result.appendChild(el("div", { class: "notice warn" }, [friendly]));
        return;
      }
      result.appendChild(el("div", { class: "notice error" }, [errorText(reply)]));
    }

    // Follows a job: server-sent events, falling back to polling.
    function follow(job, title) {
      var finished = false;
      function show(view) {
        if (finished) return;
        render(view, title);
        if (view.status && view.status.state === "done") {
          finished = true;
          setBusy(false);
          if (view.kind === "submit") updateCounted(view);
        }
      }
      if (window.EventSource) {
        var source = new EventSource("/api/jobs/" + job + "/events");
        source.addEventListener("job", function (event) {
          try { show(JSON.parse(event.data)); } catch (e) { /* ignore a bad frame */ }
          if (finished) source.close();
        });
        source.onerror = function () {
          source.close();
          if (!finished) poll(job, show, function () { return finished; });
        };
      } else {
        poll(job, show, function () { return finished; });
      }
    }

    function poll(job, show, isFinished) {
      var failures = 0;
      (function tick() {
        if (isFinished()) return;
        api("GET", "/api/jobs/" + job).then(function (reply) {
          if (reply.ok) {
            failures = 0;
            show(reply.body);
          } else if (++failures > 20) {
            renderProblem(reply);
            setBusy(false);
            return;
          }
          if (!isFinished()) setTimeout(tick, 400);
        });
      })();
    }

    function renderPending(title, text, fraction) {
      result.textContent = "";
      result.appendChild(el("div", { class: "result-head" }, [el("span", { class: "verdict pending", text: title }), el("span", { class: "muted", text: text })]));
      var bar = el("div", { class: "progress" }, [el("div")]);
      if (fraction != null) bar.firstChild.style.width = Math.round(fraction * 100) + "%";
      result.appendChild(bar);
    }

    function render(view, title) {
      var status = view.status || {};
      if (status.state === "queued") return renderPending(title, "Queued…", 0);
      if (status.state === "compiling") return renderPending(title, "Compiling…", 0.05);
      if (status.state === "running") {
        var k = Math.min(status.done + 1, status.total);
        // The verdict so far: the first failed case among those finished.
        var sofar = status.verdict ? " (" + status.verdict + " so far)" : "";
        return renderPending(title, "Running case " + k + " of " + status.total + sofar, status.total ? status.done / status.total : 0);
      }
      result.textContent = "";
      if (view.error) {
        result.appendChild(el("div", { class: "notice error" }, [title + ": the judge could not judge this: " + view.error]));
        return;
      }
      if (view.custom) return renderCustom(view.custom, title);
      if (view.judged) return renderJudged(view, title);
      result.appendChild(el("div", { class: "notice error" }, [title + ": no result"]));
    }

    function verdictClass(verdict) {
      return verdict === "AC" ? "verdict ok" : "verdict bad";
    }

    function compileBlock(compile) {
      if (!compile || compile.ok) return null;
      return el("div", null, [el("h3", { text: "Compile error" }), pre(compile.message || "(the compiler printed nothing)", "compile-error")]);
    }

    function stat(text) {
      return el("span", { class: "badge", text: text });
    }

    function renderCustom(run, title) {
      var head = el("div", { class: "result-head" }, [
        // On custom input an IE means the harness could not read the user's
        // input (the message says why), not a fault of the judge.
        el("span", { class: verdictClass(run.verdict), text: run.verdict === "AC" ? "Ran" : run.verdict === "IE" ? "Bad input" : run.verdict }),
        el("span", { class: "muted", text: title }),
        stat(run.time_ms + " ms"),
        stat(formatMemory(run.memory_kb)),
      ]);
      result.appendChild(head);
      var ce = compileBlock(run.compile);
      if (ce) { result.appendChild(ce); return; }
      if (run.message) result.appendChild(el("p", { class: "muted small", text: run.message }));
      result.appendChild(el("div", { class: "case-body" }, [
        el("span", { text: "Your output" + (run.stdout_truncated ? " (cut)" : "") }), pre(run.stdout),
        run.stderr ? el("span", { text: "Stderr" }) : null, run.stderr ? pre(run.stderr) : null,
      ]));
    }

    function renderJudged(view, title) {
      var judged = view.judged;
      var isSubmit = view.kind === "submit" || view.kind === "auto_submit";
      var head = el("div", { class: "result-head" }, [
        el("span", { class: verdictClass(judged.verdict), text: judged.verdict }),
        el("span", { class: "result-count", text: judged.passed + " / " + judged.total + " passed" }),
        isSubmit ? stat("score " + Math.round(judged.score * 1000) / 10 + "%") : null,
        el("span", { class: "muted", text: title }),
      ]);
      result.appendChild(head);
      var ce = compileBlock(judged.compile);
      if (ce) { result.appendChild(ce); return; }
      var grid = el("div", { class: "verdict-grid" });
      judged.cases.forEach(function (c, i) {
        grid.appendChild(el("span", { class: "cell" + (c.verdict === "AC" ? " ok" : ""), title: c.name + ": " + c.verdict + ", " + c.time_ms + " ms", text: (i + 1) + " " + c.verdict }));
      });
      result.appendChild(grid);
      if (isSubmit && page.mode === "timed") {
        result.appendChild(el("p", { class: "muted small", text: "As on OA platforms, hidden cases show only their verdicts until the OA ends; the report reveals the failing ones." }));
      }
      judged.cases.forEach(function (c) { result.appendChild(caseBlock(c)); });
    }

    function caseBlock(c) {
      var sample = (page.samples || []).filter(function (s) { return "sample/" + s.name === c.name || s.name === c.name; })[0];
      var body = el("div", { class: "case-body" });
      if (c.message) body.appendChild(el("p", { class: "small muted", text: c.message }));
      if (sample) {
        body.appendChild(el("div", { class: "cols" }, [
          el("div", null, [el("span", { text: "Input" }), pre(sample.input)]),
          el("div", null, [el("span", { text: "Expected" }), pre(sample.answer)]),
        ]));
      }
      if (c.output != null) body.appendChild(el("div", null, [el("span", { text: "Your output" }), pre(c.output)]));
      else if (sample && c.verdict === "AC") body.appendChild(el("p", { class: "small muted", text: "Your output matched the expected output." }));
      if (c.diff) body.appendChild(el("div", null, [el("span", { text: "Diff (expected vs yours)" }), diffBlock(c.diff)]));
      if (c.stderr) body.appendChild(el("div", null, [el("span", { text: "Stderr" }), pre(c.stderr)]));
      var detailed = body.childNodes.length > 0;
      var box = el("div", { class: "case" }, [
        el("div", { class: "case-head" }, [
          el("b", { text: c.name }),
          el("span", { class: verdictClass(c.verdict), text: c.verdict }),
          stat(c.time_ms + " ms"),
          stat(formatMemory(c.memory_kb)),
        ]),
      ]);
      if (detailed) box.appendChild(body);
      return box;
    }

    function diffBlock(diff) {
      var block = el("pre", { class: "diff" });
      diff.split("\n").forEach(function (line) {
        var cls = line[0] === "+" ? "add" : line[0] === "-" ? "del" : null;
        block.appendChild(el("span", cls ? { class: cls } : null, [line + "\n"]));
      });
      return block;
    }

    function updateCounted(view) {
      var counted = document.getElementById("counted");
      if (!counted || !view.judged) return;
      counted.textContent = "Counted submission: " + view.judged.passed + " / " + view.judged.total;
    }

    // --- the countdown, from the server's deadline (never the browser's clock).
    var countdown = document.getElementById("countdown");
    var banner = document.getElementById("time-warning");
    var deadlineLocal = null; // performance.now() at the deadline
    var warned10 = false;
    var warned1 = false;
    var ended = false;

    function syncClock() {
      return api("GET", "/api/oa/" + page.attempt + "/clock").then(function (reply) {
        if (!reply.ok || !reply.body || reply.body.deadline_ms == null) return;
        serverOffset = reply.body.now_ms - Date.now();
        deadlineLocal = performance.now() + (reply.body.deadline_ms - reply.body.now_ms);
        tick();
      });
    }

    function warn(text, cls) {
      if (!banner) return;
      banner.textContent = text;
      banner.className = "banner " + cls;
    }

    function tick() {
      if (deadlineLocal == null || ended) return;
      var left = deadlineLocal - performance.now();
      countdown.textContent = formatClock(left);
      if (left <= 60000) {
        countdown.className = "urgent";
        if (!warned1 && left > 0) {
          warned1 = true;
          warn("Less than a minute left. Your last submission counts; an unsubmitted problem is judged from its saved draft.", "urgent");
          save();
        }
      } else if (left <= 600000) {
        countdown.className = "warn";
        if (!warned10) {
          warned10 = true;
          warn("Less than ten minutes left.", "warn");
        }
      }
      if (left <= 0) {
        ended = true;
        endCoding();
        warn("Time is up. Your drafts are being submitted…", "urgent");
        // Give the server a moment to finish the attempt, then explain.
        setTimeout(function () {
          internalNavigation = true;
          window.location.href = "/oa/" + page.attempt + "/explain";
        }, 1500);
      }
    }

    function endCoding() {
      save();
      page.coding = false;
      setBusy(false);
    }

    if (countdown && page.deadline_ms != null && page.coding) {
      serverOffset = page.now_ms - Date.now();
      deadlineLocal = performance.now() + (page.deadline_ms - page.now_ms);
      tick();
      setInterval(tick, 250);
      syncClock();
      setInterval(syncClock, 60000);
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") syncClock();
      });
    }

    // --- finishing early: save, confirm, then post the form.
    var finishForm = document.getElementById("finish-form");
    if (finishForm) {
      finishForm.addEventListener("submit", function (event) {
        event.preventDefault();
        if (!ask(finishForm.getAttribute("data-confirm"))) return;
        internalNavigation = true;
        save().then(function () { finishForm.submit(); });
      });
    }

    // --- the integrity log (timed OAs): pastes, leaving the page, reloads.
    var pending = [];
    var leftAt = null;
    var blurredAt = null;
    function record(kind, detail) {
      if (page.mode !== "timed" || !page.coding) return;
      pending.push({ kind: kind, at_ms: Date.now() + serverOffset, detail: detail == null ? null : String(detail) });
    }
    function flushIntegrity(keepalive) {
      if (!pending.length) return;
      var events = pending;
      pending = [];
      api("POST", "/api/oa/" + page.attempt + "/integrity", events, keepalive).then(function (reply) {
        if (!reply.ok && reply.status === 0) pending = events.concat(pending);
      });
    }
    function seconds(since) {
      return ((Date.now() - since) / 1000).toFixed(1) + " s away";
    }
    [editor, customInput].forEach(function (area) {
      if (!area) return;
      area.addEventListener("paste", function (event) {
        var text = event.clipboardData ? event.clipboardData.getData("text") : "";
        record("paste", text.length + " characters into " + (area === editor ? "the editor" : "the custom input"));
      });
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") {
        // While unloading, pagehide (which fires first) has said it already.
        if (unloading) return;
        leftAt = Date.now();
        record("hidden", null);
        flushIntegrity(true);
      } else if (leftAt != null) {
        record("visible", seconds(leftAt));
        leftAt = null;
      }
    });
    window.addEventListener("blur", function () {
      if (ownDialog) return;
      blurredAt = Date.now();
      record("blur", null);
    });
    window.addEventListener("focus", function () {
      if (blurredAt == null) return;
      record("focus", seconds(blurredAt));
      blurredAt = null;
    });
    try {
      var nav = performance.getEntriesByType("navigation")[0];
      if (nav && nav.type === "reload") record("reload", null);
    } catch (e) { /* old browser */ }
    setInterval(function () { flushIntegrity(false); }, 5000);
    flushIntegrity(false);

    setBusy(false);
    if (page.coding) setStatus(page.has_draft ? "Saved" : "", page.has_draft ? "saved" : "");
    else setStatus("Coding is over", "");
  }
})();
