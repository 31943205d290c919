# Quicksort with the first element as pivot. On already sorted input every
# partition is maximally unbalanced and the recursion goes n levels deep,
# past Python's recursion limit: RecursionError.
import sys


def quicksort(values):
    if len(values) <= 1:
        return values
    pivot = values[0]
    smaller = [v for v in values[1:] if v < pivot]
    larger = [v for v in values[1:] if v >= pivot]
    return quicksort(smaller) + [pivot] + quicksort(larger)


def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    print(" ".join(map(str, quicksort(list(map(int, data[1:n + 1]))))))


main()
