class Solution:
    def topTerms(self, queries: List[str], k: int) -> List[str]:
        counts = Counter(queries)
        # heapq.nsmallest keeps a heap of k entries: O(d log k).
        return [w for _, w in nsmallest(k, ((-c, w) for w, c in counts.items()))]
