# Keeps the current peak and rescans the whole window only when the peak's
# sample leaves it. Fast on random loads, but O(n * k) on falling loads,
# where the peak leaves at every step.
class Solution:
    def peakLoads(self, loads: List[int], k: int) -> List[int]:
        peaks = []
        best_i = -1
        for i in range(len(loads)):
            start = i - k + 1
            if best_i < max(start, 0):
                best_i = max(range(max(start, 0), i + 1), key=lambda j: (loads[j], j))
            elif loads[i] >= loads[best_i]:
                best_i = i
            if start >= 0:
                peaks.append(loads[best_i])
        return peaks
