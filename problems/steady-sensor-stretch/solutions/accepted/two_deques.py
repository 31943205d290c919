class Solution:
    def longestSteadyStretch(self, readings: List[int], tolerance: int) -> int:
        # Positions of candidate maxima (values falling) and minima (rising).
        highs, lows = deque(), deque()
        left = best = 0
        for right, x in enumerate(readings):
            while highs and readings[highs[-1]] <= x:
                highs.pop()
            highs.append(right)
            while lows and readings[lows[-1]] >= x:
                lows.pop()
            lows.append(right)
            while readings[highs[0]] - readings[lows[0]] > tolerance:
                left += 1
                if highs[0] < left:
                    highs.popleft()
                if lows[0] < left:
                    lows.popleft()
            if right - left + 1 > best:
                best = right - left + 1
        return best
