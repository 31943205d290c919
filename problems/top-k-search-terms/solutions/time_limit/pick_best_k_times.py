# Picks the best remaining term k times, scanning every distinct term each
# time: O(k * d), quadratic when k is close to the number of distinct terms.
class Solution:
    def topTerms(self, queries: List[str], k: int) -> List[str]:
        counts = Counter(queries)
        top = []
        for _ in range(k):
            best = None
            for w, c in counts.items():
                if best is None or c > counts[best] or (c == counts[best] and w < best):
                    best = w
            top.append(best)
            del counts[best]
        return top
