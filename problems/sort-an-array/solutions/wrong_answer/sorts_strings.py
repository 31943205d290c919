# Sorts the numbers as text: "10" < "9" and "-1" < "-2", so the order is wrong
# as soon as numbers have different lengths or signs.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    print(" ".join(x.decode() for x in sorted(data[1:n + 1])))


main()
