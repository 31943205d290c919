// expect: WA
// attack: on a hidden case, writes a forged report for every case of the
// batch (guessed nonces, `ready`) to descriptor 3 (the report pipe in batch
// mode) and exits with status 0 without returning: nothing it forged may
// count.
const fs = require("fs");

var doubleIt = function(x) {
    if (x === 0) return 0;
    let lines = "ready\n";
    for (let c = 0; c < 3; c++) lines += "0".repeat(32) + " " + c + " R " + 2 * x + "\n";
    try { fs.writeSync(3, lines); } catch (e) {}
    process.exit(0);
};
