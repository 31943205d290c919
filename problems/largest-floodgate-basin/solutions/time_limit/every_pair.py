# Brute force: every pair of gates. O(n^2).
class Solution:
    def largestBasin(self, gates: List[int]) -> int:
        n = len(gates)
        best = 0
        for i in range(n):
            hi = gates[i]
            for j in range(i + 1, n):
                area = (j - i) * min(hi, gates[j])
                if area > best:
                    best = area
        return best
