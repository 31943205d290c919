import sys


def main():
    data = sys.stdin.buffer.read().split()
    q = int(data[0])
    # Trie as dicts: each node is [children, copies ending here, copies below].
    root = [{}, 0, 0]
    out = []
    for i in range(1, 2 * q + 1, 2):
        op, w = data[i], data[i + 1]
        if op == b"add":
            node = root
            node[2] += 1
            for ch in w:
                node = node[0].setdefault(ch, [{}, 0, 0])
                node[2] += 1
            node[1] += 1
            continue
        node = root
        for ch in w:
            node = node[0].get(ch)
            if node is None:
                break
        if op == b"remove":
            if node is not None and node[1] > 0:  # a real stored copy, not just a prefix
                node = root
                node[2] -= 1
                for ch in w:
                    node = node[0][ch]
                    node[2] -= 1
                node[1] -= 1
        elif op == b"count":
            out.append(node[1] if node is not None else 0)
        else:
            out.append(node[2] if node is not None else 0)
    sys.stdout.write("".join("%d\n" % x for x in out))


main()
