class Solution:
    def peakLoads(self, loads: List[int], k: int) -> List[int]:
        window = deque()  # indices whose loads decrease from front to back
        peaks = []
        for i, x in enumerate(loads):
            # A sample no larger than x can never be a peak again while x is in the window.
            while window and loads[window[-1]] <= x:
                window.pop()
            window.append(i)
            if window[0] <= i - k:
                window.popleft()
            if i >= k - 1:
                peaks.append(loads[window[0]])
        return peaks
