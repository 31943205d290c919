class Solution:
    def topTerms(self, queries: List[str], k: int) -> List[str]:
        counts = Counter(queries)
        # Most frequent first, then alphabetical: one sort key does both.
        return sorted(counts, key=lambda w: (-counts[w], w))[:k]
