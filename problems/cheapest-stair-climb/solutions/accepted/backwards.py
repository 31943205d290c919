import sys


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    cost = list(map(int, data[1:1 + n]))
    # from_here[i]: least cost from step i to the landing, computed from the
    # top down; only the two steps above are needed.
    above1 = above2 = 0  # positions n and n + 1 cost nothing more
    for i in range(n - 1, -1, -1):
        here = cost[i] + min(above1, above2)
        above1, above2 = here, above1
    print(min(above1, above2) if n >= 2 else 0)


main()
