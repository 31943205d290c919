# Bug: greedy by START time, keeping whichever slot was there first; a long
# slot that starts early then blocks many short ones.
class Solution:
    def fewestCancellations(self, slots: List[List[int]]) -> int:
        kept = 0
        free_at = -1
        for start, end in sorted(slots):
            if start >= free_at:
                kept += 1
                free_at = end
        return len(slots) - kept
