# Applies every adjustment shelf by shelf and sums every question shelf by
# shelf: O((m + q) * n) in the worst case.
import sys

data = sys.stdin.buffer.read().split()
n, m, q = int(data[0]), int(data[1]), int(data[2])
shelves = [0] * (n + 1)
pos = 3
for _ in range(m):
    l, r, v = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
    pos += 3
    for i in range(l, r + 1):
        shelves[i] += v
out = []
for _ in range(q):
    a, b = int(data[pos]), int(data[pos + 1])
    pos += 2
    total = 0
    for i in range(a, b + 1):
        total += shelves[i]
    out.append(total)
print("\n".join(map(str, out)))
