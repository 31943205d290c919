class Solution:
    def networksAfterEach(self, n: int, cables: List[List[int]]) -> List[int]:
        parent = list(range(n))
        size = [1] * n

        def find(x):
            root = x
            while parent[root] != root:
                root = parent[root]
            while parent[x] != root:  # path compression
                parent[x], x = root, parent[x]
            return root

        networks = n
        answer = []
        for a, b in cables:
            ra, rb = find(a), find(b)
            if ra != rb:
                if size[ra] < size[rb]:
                    ra, rb = rb, ra
                parent[rb] = ra
                size[ra] += size[rb]
                networks -= 1
            answer.append(networks)
        return answer
