class Solution:
    def canBalance(self, crates: List[int]) -> bool:
        # Bit s of `reach` is set when some crates weigh exactly s in total;
        # adding a crate of weight w shifts every reachable sum by w.
        total = sum(crates)
        if total % 2:
            return False
        reach = 1
        for w in crates:
            reach |= reach << w
        return bool(reach >> (total // 2) & 1)
