class Solution:
    def shortestRoute(self, dist: List[List[int]]) -> int:
        # best[mask][j]: shortest route from the depot through exactly the
        # stops in mask (which holds 0 and j), ending at j.
        n = len(dist)
        INF = float("inf")
        full = 1 << n
        best = [None] * full
        best[1] = [0] + [INF] * (n - 1)
        cols = [[dist[i][j] for i in range(n)] for j in range(n)]  # cols[j][i] = dist[i][j]
        for mask in range(3, full, 2):
            row = [INF] * n
            for j in range(1, n):
                bit = 1 << j
                if mask & bit:
                    prev = best[mask ^ bit]
                    cj = cols[j]
                    row[j] = min([p + c for p, c in zip(prev, cj)])
            best[mask] = row
        return min(best[full - 1])
