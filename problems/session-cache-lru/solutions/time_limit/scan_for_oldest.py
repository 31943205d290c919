# Too slow: stamps each key with the time of its last use and, to evict,
# scans every entry for the oldest stamp: O(cap) per eviction, about
# 2.5 * 10^9 steps when a cache of 50,000 entries evicts on every put.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    cap, q = int(data[0]), int(data[1])
    value, stamp = {}, {}
    out = []
    i = 2
    for t in range(q):
        if data[i] == b"get":
            k = int(data[i + 1])
            i += 2
            if k in value:
                stamp[k] = t
                out.append(value[k])
            else:
                out.append(-1)
        else:
            k, v = int(data[i + 1]), int(data[i + 2])
            i += 3
            if k not in value and len(value) == cap:
                oldest = None
                for key in stamp:
                    if oldest is None or stamp[key] < stamp[oldest]:
                        oldest = key
                del value[oldest], stamp[oldest]
            value[k] = v
            stamp[k] = t
    sys.stdout.write("".join("%d\n" % x for x in out))


main()
