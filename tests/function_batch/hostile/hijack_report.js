// expect: RE
// sample: RE
// attack: closes descriptor 3 (the batch's report pipe), then answers
// honestly. Nothing reported counts, so every case runs alone; and alone,
// descriptor 3 belongs to Node's event loop, which aborts without it: RE
// both ways, never a verdict from the broken channel.
const fs = require("fs");

var doubleIt = function(x) {
    try { fs.closeSync(3); } catch (e) {}
    return 2 * x;
};
