class Solution:
    def fewestCancellations(self, slots: List[List[int]]) -> int:
        # Keep the slot that frees the crane first; it leaves the most room
        # for everything after it (exchange argument).
        kept = 0
        free_at = -1
        for start, end in sorted(slots, key=lambda s: s[1]):
            if start >= free_at:
                kept += 1
                free_at = end
        return len(slots) - kept
