# Too slow: before each pick, walks the whole dependency list again to find
# which jobs are still blocked: O(n * (n + m)), about 2 * 10^9 steps in Python
# on the 3 * 10^4-job chain.
class Solution:
    def buildOrder(self, n: int, dependencies: List[List[int]]) -> List[int]:
        done = [False] * n
        order = []
        while len(order) < n:
            blocked = set(b for a, b in dependencies if not done[a])
            ready = [v for v in range(n) if not done[v] and v not in blocked]
            if not ready:
                return []
            done[ready[0]] = True
            order.append(ready[0])
        return order
