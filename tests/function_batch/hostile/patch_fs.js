// expect: TLE
// attack: replaces the `fs` functions the harness reports and reads with
// (the module object is shared): every report line it writes is rewritten
// to claim the answer, and reads go through; then it computes slowly. The
// judge times the case from outside, so the claim saves nothing.
const fs = require("fs");
const realWrite = fs.writeSync;
fs.writeSync = function(fd, data, ...rest) {
    if (fd === 3 && Buffer.isBuffer(data)) {
        const text = data.toString("utf8").replace(/ X$/m, " R 0");
        return realWrite.call(fs, fd, Buffer.from(text), 0, Buffer.byteLength(text));
    }
    return realWrite.call(fs, fd, data, ...rest);
};

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
    return slow(x);
};
