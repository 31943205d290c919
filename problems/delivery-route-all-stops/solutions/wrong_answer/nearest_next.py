# Greedy: always drives to the nearest unvisited stop. Cheap first steps can
# lead into expensive dead ends (the nearest stop may be far from the rest).
class Solution:
    def shortestRoute(self, dist: List[List[int]]) -> int:
        n = len(dist)
        seen = [False] * n
        seen[0] = True
        here, total = 0, 0
        for _ in range(n - 1):
            nxt = min((dist[here][j], j) for j in range(n) if not seen[j])[1]
            total += dist[here][nxt]
            seen[nxt] = True
            here = nxt
        return total
