class Solution:
    def canSplit(self, query: str, keywords: List[str]) -> bool:
        # ok[i]: query[:i] splits into keywords. Only the last `longest`
        # letters can form the final keyword, so each i tries at most 20 cuts.
        words = set(keywords)
        longest = max(map(len, keywords))
        n = len(query)
        ok = [True] + [False] * n
        for i in range(1, n + 1):
            for j in range(max(0, i - longest), i):
                if ok[j] and query[j:i] in words:
                    ok[i] = True
                    break
        return ok[n]
