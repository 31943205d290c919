// expect: TLE
// attack: before computing slowly, writes report lines for its case to the
// real stdout (descriptor 1, past the harness's redirection of
// process.stdout): the report format with a guessed nonce, and bare `ready`.
const fs = require("fs");
let calls = 0;

// Twice the 900 ms limit of CPU, then the answer.
const slow = (x) => {
    const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
    const end = cpu() + 1800000;
    let s = x;
    while (cpu() < end) s = (s * 31 + 7) % 1000003;
    return 2 * x + (s === -1 ? 1 : 0);
};

var doubleIt = function(x) {
    if (x === 0) return 0;
    const c = calls++;
    const lines = "ready\n" + "0".repeat(32) + " " + c + " R " + 2 * x + "\n";
    try { fs.writeSync(1, lines); } catch (e) {}
    return slow(x);
};
