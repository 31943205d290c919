// expect: TLE
// attack: before computing slowly, writes forged result lines for its case
// to every descriptor from 3 to 63 (the report pipe among them): the report
// format with guessed nonces, and bare `ready`.
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
    for (let fd = 3; fd < 64; fd++) {
        try { fs.writeSync(fd, lines); } catch (e) {}
    }
    return slow(x);
};
