// A classic JavaScript slip: the tokens are never converted to numbers, so
// "3" + "4" concatenates to "34".
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/);
console.log(a + b);
