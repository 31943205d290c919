# Checks every substring with slicing: O(n^3).
import sys


def main():
    s = sys.stdin.readline().strip()
    n = len(s)
    best = s[0]
    for i in range(n):
        for j in range(i + 1, n + 1):
            sub = s[i:j]
            if sub == sub[::-1] and len(sub) > len(best):
                best = sub
    print(best)


main()
