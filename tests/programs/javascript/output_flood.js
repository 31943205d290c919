// Writes to stdout without end. Writes to a pipe are synchronous on Linux, so
// this does not merely queue data in memory.
const fs = require("fs");
const line = Buffer.alloc(1 << 16, "x");
for (;;) {
  fs.writeSync(1, line);
}
