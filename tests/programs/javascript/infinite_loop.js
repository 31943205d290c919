// Spins forever.
require("fs").readFileSync(0, "utf8");
let spins = 0;
for (;;) {
  spins++;
}
