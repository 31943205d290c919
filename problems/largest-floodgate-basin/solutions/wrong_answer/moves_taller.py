# Bug: moves the pointer at the TALLER gate, throwing away the gate that
# could still pair with a distant tall one.
class Solution:
    def largestBasin(self, gates: List[int]) -> int:
        i, j = 0, len(gates) - 1
        best = 0
        while i < j:
            best = max(best, (j - i) * min(gates[i], gates[j]))
            if gates[i] > gates[j]:
                i += 1
            else:
                j -= 1
        return best
