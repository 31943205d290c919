class Solution:
    def mergeBookings(self, bookings: List[List[int]]) -> List[List[int]]:
        blocks = []
        for start, end in sorted(bookings):
            if blocks and start <= blocks[-1][1]:
                # max: a booking sorted later can end earlier (it is contained).
                if end > blocks[-1][1]:
                    blocks[-1][1] = end
            else:
                blocks.append([start, end])
        return blocks
