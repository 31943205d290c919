class Solution:
    def alertTime(self, n: int, links: List[List[int]], source: int) -> int:
        out = [[] for _ in range(n)]
        for u, v, t in links:
            out[u].append((v, t))
        # Dijkstra with a binary heap and lazy deletion.
        dist = [-1] * n
        heap = [(0, source)]
        reached = 0
        last = 0
        while heap:
            d, u = heapq.heappop(heap)
            if dist[u] >= 0:
                continue
            dist[u] = last = d
            reached += 1
            for v, t in out[u]:
                if dist[v] < 0:
                    heapq.heappush(heap, (d + t, v))
        return last if reached == n else -1
