# Too slow: Dijkstra that finds the next closest server by scanning all
# servers: O(n^2), 2.5 * 10^9 steps in Python for 5 * 10^4 servers.
class Solution:
    def alertTime(self, n: int, links: List[List[int]], source: int) -> int:
        out = [[] for _ in range(n)]
        for u, v, t in links:
            out[u].append((v, t))
        INF = float("inf")
        dist = [INF] * n
        done = [False] * n
        dist[source] = 0
        for _ in range(n):
            u, best = -1, INF
            for v in range(n):
                if not done[v] and dist[v] < best:
                    u, best = v, dist[v]
            if u < 0:
                return -1
            done[u] = True
            for v, t in out[u]:
                if best + t < dist[v]:
                    dist[v] = best + t
        return max(dist)
