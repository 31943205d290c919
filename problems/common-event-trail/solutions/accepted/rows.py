class Solution:
    def commonTrail(self, logA: List[int], logB: List[int]) -> int:
        # prev[j]: longest common trail of the part of logA seen and logB[:j].
        m = len(logB)
        prev = [0] * (m + 1)
        for a in logA:
            cur = [0] * (m + 1)
            for j in range(1, m + 1):
                if a == logB[j - 1]:
                    cur[j] = prev[j - 1] + 1
                else:
                    up, left = prev[j], cur[j - 1]
                    cur[j] = up if up > left else left
            prev = cur
        return prev[m]
