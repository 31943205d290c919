# For each arrival, counts the trucks present at that minute. The peak is
# always at some arrival, so this is right, but it is O(n^2).
class Solution:
    def minDocks(self, visits: List[List[int]]) -> int:
        best = 0
        for t, _ in visits:
            present = 0
            for a, d in visits:
                if a <= t < d:
                    present += 1
            best = max(best, present)
        return best
