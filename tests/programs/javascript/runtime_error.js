// Reads a property of undefined: an uncaught TypeError, exit code 1.
const values = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
const pairs = { first: values[0] };
console.log(pairs.first + pairs.second.value);
