# The mistake: returns Kahn's order without checking that every job made it,
# so with a cycle it returns the jobs that could run instead of [].
class Solution:
    def buildOrder(self, n: int, dependencies: List[List[int]]) -> List[int]:
        out = [[] for _ in range(n)]
        waiting = [0] * n
        for a, b in dependencies:
            out[a].append(b)
            waiting[b] += 1
        order = [v for v in range(n) if waiting[v] == 0]
        for v in order:
            for w in out[v]:
                waiting[w] -= 1
                if waiting[w] == 0:
                    order.append(w)
        return order
