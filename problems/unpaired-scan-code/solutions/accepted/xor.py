class Solution:
    def unpairedCode(self, scans: List[int]) -> int:
        # x ^ x = 0: every code seen an even number of times cancels out.
        acc = 0
        for v in scans:
            acc ^= v
        return acc
