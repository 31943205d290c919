// expect: AC
// attack: closes the report descriptor, then answers honestly: the harness
// can no longer report, and every case must still get its own verdict.
const fs = require("fs");

var doubleIt = function(x) {
    try { fs.closeSync(3); } catch (e) {}
    return 2 * x;
};
