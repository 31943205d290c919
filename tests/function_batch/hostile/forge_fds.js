// expect: TLE
// attack: before computing slowly, writes forged result lines for its case
// to descriptor 3 (the report pipe in batch mode): the report format with
// guessed nonces, and bare `ready`. (Node's own event loop holds the
// descriptors after it; writing there aborts Node in any mode.)
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
    const v = 2 * x;
    const lines = "0".repeat(32) + " " + c + " R " + v + "\n" + "f".repeat(32) + " ready\n" + c + " R " + v + "\nready\n";
    try { fs.writeSync(3, lines); } catch (e) {}
    return slow(x);
};
