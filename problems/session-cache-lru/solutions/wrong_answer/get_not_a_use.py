# The mistake: only `put` refreshes an entry; a `get` that finds a key does
# not make it recently used, so the wrong entry is evicted later.
import sys
from collections import OrderedDict


def main():
    data = sys.stdin.buffer.read().split()
    cap, q = int(data[0]), int(data[1])
    cache = OrderedDict()
    out = []
    i = 2
    for _ in range(q):
        if data[i] == b"get":
            out.append(cache.get(int(data[i + 1]), -1))
            i += 2
        else:
            k, v = int(data[i + 1]), int(data[i + 2])
            i += 3
            if k in cache:
                cache.move_to_end(k)
            elif len(cache) == cap:
                cache.popitem(last=False)
            cache[k] = v
    sys.stdout.write("".join("%d\n" % x for x in out))


main()
