# Bug: cancels each adjustment at r instead of r + 1, so the last shelf of
# every adjustment never gets it.
import sys

data = sys.stdin.buffer.read().split()
n, m, q = int(data[0]), int(data[1]), int(data[2])
diff = [0] * (n + 2)
pos = 3
for _ in range(m):
    l, r, v = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
    pos += 3
    diff[l] += v
    diff[r] -= v
prefix = [0] * (n + 1)
shelf = 0
for i in range(1, n + 1):
    shelf += diff[i]
    prefix[i] = prefix[i - 1] + shelf
out = []
for _ in range(q):
    a, b = int(data[pos]), int(data[pos + 1])
    pos += 2
    out.append(prefix[b] - prefix[a - 1])
print("\n".join(map(str, out)))
