// A syntax error: the parameter list is never closed.
function add(a, b {
  return a + b;
}
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
console.log(add(a, b));
