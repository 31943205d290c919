import sys
from collections import OrderedDict


def main():
    data = sys.stdin.buffer.read().split()
    cap, q = int(data[0]), int(data[1])
    # An OrderedDict is a hash map threaded on a doubly linked list:
    # the front is the least recently used entry.
    cache = OrderedDict()
    out = []
    i = 2
    for _ in range(q):
        if data[i] == b"get":
            k = int(data[i + 1])
            i += 2
            if k in cache:
                cache.move_to_end(k)
                out.append(cache[k])
            else:
                out.append(-1)
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
