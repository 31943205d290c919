# Too slow: keeps the stored words in a plain list and answers `prefix` by
# scanning all of them: O(q^2) string checks on the largest streams.
import sys


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    stored = []
    out = []
    for i in range(1, 2 * q + 1, 2):
        op, w = data[i], data[i + 1]
        if op == "add":
            stored.append(w)
        elif op == "remove":
            if w in stored:
                stored.remove(w)
        elif op == "count":
            out.append(sum(1 for s in stored if s == w))
        else:
            out.append(sum(1 for s in stored if s.startswith(w)))
    print("\n".join(map(str, out)))


main()
