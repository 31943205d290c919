class Solution:
    def largestBasin(self, gates: List[int]) -> int:
        i, j = 0, len(gates) - 1
        best = 0
        while i < j:
            low = gates[i] if gates[i] < gates[j] else gates[j]
            if (j - i) * low > best:
                best = (j - i) * low
            # Every basin with the lower gate and a closer partner is no
            # deeper and shorter, so the lower gate is done.
            if gates[i] < gates[j]:
                i += 1
            else:
                j -= 1
        return best
