import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    # Difference array: +v where an adjustment starts, -v just after it ends.
    diff = [0] * (n + 2)
    pos = 3
    for _ in range(m):
        l, r, v = int(data[pos]), int(data[pos + 1]), int(data[pos + 2])
        pos += 3
        diff[l] += v
        diff[r + 1] -= v
    prefix = [0] * (n + 1)
    shelf = total = 0
    for i in range(1, n + 1):
        shelf += diff[i]
        total += shelf
        prefix[i] = total
    out = []
    for _ in range(q):
        a, b = int(data[pos]), int(data[pos + 1])
        pos += 2
        out.append(prefix[b] - prefix[a - 1])
    sys.stdout.write("\n".join(map(str, out)) + "\n")


main()
