// a+b. Numbers are doubles, exact far beyond the 3e9 this sum can reach.
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
console.log(a + b);
