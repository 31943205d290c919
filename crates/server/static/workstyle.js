// OA Judge: the work-style sitting page's clock. Plain JavaScript, loaded
// as a file (the content security policy forbids inline script).
// The server fixed the deadline; the page carries the milliseconds left
// when it was made, and this counts down from that with the browser's
// monotonic clock, so a wrong wall clock in the browser cannot matter.
(function () {
  "use strict";

  var clock = document.getElementById("ws-clock");
  var form = document.getElementById("ws-form");
  if (!clock) return;
  var left0 = Number(clock.getAttribute("data-remaining-ms"));
  if (!isFinite(left0)) return;
  var end = performance.now() + left0;
  // Save the page's answers shortly before the deadline, once, unless the
  // page was made in those last seconds (it would reload in a loop).
  var autoSaved = left0 < 5000;

  function format(ms) {
    var total = Math.max(0, Math.ceil(ms / 1000));
    var s = total % 60;
    return Math.floor(total / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  function tick() {
    var left = end - performance.now();
    clock.textContent = format(left);
    if (left <= 60000) clock.classList.add("low");
    if (left <= 2500 && !autoSaved && form) {
      autoSaved = true;
      form.submit(); // no "go" field: the server saves and shows this page again
      return;
    }
    if (left <= -1000) {
      // Past the deadline the server has ended the sitting: show the result.
      window.location.href = clock.getAttribute("data-result-url");
      return;
    }
    setTimeout(tick, 250);
  }
  tick();

  // Each answer is saved as it is given. The form still carries every
  // answer of the page when it is submitted, so a failed call loses nothing
  // that a page change would not save anyway.
  var status = document.getElementById("ws-status");
  function say(text) {
    if (status) status.textContent = text;
  }
  // Saves run concurrently and may answer out of order; the count only
  // grows (an answer cannot be taken back), so the largest one is current.
  var answeredMost = 0;
  if (form && form.getAttribute("data-sitting")) {
    var url = "/api/workstyle/" + form.getAttribute("data-sitting") + "/answer";
    form.addEventListener("change", function (event) {
      var input = event.target;
      if (!input || input.type !== "radio" || input.name.indexOf("a-") !== 0) return;
      var headers = { "Content-Type": "application/json", Accept: "application/json" };
      var csrf = document.querySelector('meta[name="csrf-token"]');
      if (csrf) headers["X-CSRF-Token"] = csrf.getAttribute("content");
      var body = JSON.stringify({ position: Number(input.name.slice(2)), answer: input.value });
      say("Saving…");
      fetch(url, { method: "POST", headers: headers, body: body, credentials: "same-origin" }).then(
        function (response) {
          return response.json().then(function (reply) {
            if (response.ok) {
              answeredMost = Math.max(answeredMost, reply.answered);
              say("Saved (" + answeredMost + " of " + reply.items + " answered).");
            }
            else if (response.status === 409) window.location.href = clock.getAttribute("data-result-url");
            else say("Not saved: " + (reply && reply.error ? reply.error : response.status));
          });
        },
        function () { say("Not saved: the server cannot be reached. The page's answers are saved when you go on."); }
      ).catch(function () { say("Not saved; the page's answers are saved when you go on."); });
    });
  }

  // "Finish" asks first when items are still unanswered.
  var finish = document.getElementById("ws-finish");
  if (finish && finish.hasAttribute("data-confirm")) {
    finish.addEventListener("click", function (event) {
      if (!window.confirm(finish.getAttribute("data-confirm"))) event.preventDefault();
    });
  }
})();
