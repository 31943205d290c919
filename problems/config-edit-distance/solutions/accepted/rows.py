class Solution:
    def minEdits(self, current: str, target: str) -> int:
        # prev[j]: edits turning the current prefix seen so far into target[:j].
        m = len(target)
        prev = list(range(m + 1))
        for i, a in enumerate(current, 1):
            cur = [i] * (m + 1)
            diag = prev[0]
            for j in range(1, m + 1):
                best = diag if a == target[j - 1] else diag + 1
                up = prev[j] + 1
                left = cur[j - 1] + 1
                if up < best:
                    best = up
                if left < best:
                    best = left
                diag = prev[j]
                cur[j] = best
            prev = cur
        return prev[m]
