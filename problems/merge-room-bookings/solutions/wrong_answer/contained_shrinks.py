# Bug: takes the later booking's end instead of the larger end, so a booking
# contained in the block cuts the block short ([1,10],[2,3] gives [1,3]).
class Solution:
    def mergeBookings(self, bookings: List[List[int]]) -> List[List[int]]:
        blocks = []
        for start, end in sorted(bookings):
            if blocks and start <= blocks[-1][1]:
                blocks[-1][1] = end
            else:
                blocks.append([start, end])
        return blocks
