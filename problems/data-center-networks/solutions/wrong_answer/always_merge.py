# The mistake: every cable lowers the count, even one between two servers that
# are already in the same network (a repeated cable or one closing a loop).
class Solution:
    def networksAfterEach(self, n: int, cables: List[List[int]]) -> List[int]:
        parent = list(range(n))

        def find(x):
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        networks = n
        answer = []
        for a, b in cables:
            parent[find(a)] = find(b)
            networks -= 1
            answer.append(networks)
        return answer
