// Allocates 1 GiB in 16 MiB buffers; Buffer.alloc(n, fill) writes every byte,
// so the memory is really used.
const [a, b] = require("fs").readFileSync(0, "utf8").trim().split(/\s+/).map(Number);
const blocks = [];
for (let i = 0; i < 64; i++) {
  blocks.push(Buffer.alloc(16 << 20, i + 1));
}
const checksum = blocks.reduce((sum, block) => sum + block[block.length - 1], 0);
console.log(a + b + (checksum % 2));
