# Too slow: for k = 0, 1, 2, ... recomputes from scratch every tile reachable
# with at most k turns (a free ride from each tile reached with k-1 turns,
# plus one turned move): O(R * C) per value of k, and k reaches R + C - 2.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    rows, cols = int(data[0]), int(data[1])
    g = [row.decode() for row in data[2:2 + rows]]
    step = {">": (0, 1), "<": (0, -1), "^": (-1, 0), "v": (1, 0)}

    def ride(starts):
        seen = set(starts)
        stack = list(starts)
        while stack:
            r, c = stack.pop()
            dr, dc = step[g[r][c]]
            nr, nc = r + dr, c + dc
            if 0 <= nr < rows and 0 <= nc < cols and (nr, nc) not in seen:
                seen.add((nr, nc))
                stack.append((nr, nc))
        return seen

    k = 0
    reached = ride([(0, 0)])
    while (rows - 1, cols - 1) not in reached:
        k += 1
        # Start over: all tiles within k turns, rebuilt layer by layer.
        reached = ride([(0, 0)])
        for _ in range(k):
            grown = set(reached)
            for r, c in reached:
                for dr, dc in step.values():
                    nr, nc = r + dr, c + dc
                    if 0 <= nr < rows and 0 <= nc < cols:
                        grown.add((nr, nc))
            reached = ride(list(grown))
    print(k)


main()
