# Greedy: walks logA and matches each code with its first occurrence in logB
# after the previous match. An early match can jump past a longer trail
# ([1..6] vs [6, 1..5] matches 6 first and ends with 1 instead of 5).
class Solution:
    def commonTrail(self, logA: List[int], logB: List[int]) -> int:
        pos = 0
        count = 0
        for a in logA:
            try:
                pos = logB.index(a, pos) + 1
                count += 1
            except ValueError:
                pass
        return count
