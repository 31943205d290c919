class Solution:
    def buildOrder(self, n: int, dependencies: List[List[int]]) -> List[int]:
        # Kahn's algorithm: run any job whose prerequisites are all done.
        out = [[] for _ in range(n)]
        waiting = [0] * n
        for a, b in dependencies:
            out[a].append(b)
            waiting[b] += 1
        order = [v for v in range(n) if waiting[v] == 0]
        for v in order:  # the list grows while we walk it
            for w in out[v]:
                waiting[w] -= 1
                if waiting[w] == 0:
                    order.append(w)
        # Jobs on a cycle never become ready.
        return order if len(order) == n else []
