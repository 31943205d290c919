# For every booking, scans all blocks built so far for overlaps and merges
# them. O(n * blocks): quadratic when few bookings overlap.
class Solution:
    def mergeBookings(self, bookings: List[List[int]]) -> List[List[int]]:
        blocks = []
        for start, end in bookings:
            kept = []
            for s, e in blocks:
                if s <= end and start <= e:
                    start, end = min(start, s), max(end, e)
                else:
                    kept.append([s, e])
            kept.append([start, end])
            blocks = kept
        return sorted(blocks)
