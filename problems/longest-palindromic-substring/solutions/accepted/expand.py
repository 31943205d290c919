# Expand around each of the 2n-1 centres: O(n^2) time, O(1) extra space.
import sys


def main():
    s = sys.stdin.readline().strip()
    n = len(s)
    best_start, best_len = 0, 1
    for centre in range(2 * n - 1):
        lo = centre // 2
        hi = lo + centre % 2
        while lo >= 0 and hi < n and s[lo] == s[hi]:
            lo -= 1
            hi += 1
        if hi - lo - 1 > best_len:
            best_len = hi - lo - 1
            best_start = lo + 1
    print(s[best_start:best_start + best_len])


main()
