class Solution:
    def minDocks(self, visits: List[List[int]]) -> int:
        busy_until = []  # departure times of the docks in use, a min-heap
        for arrival, departure in sorted(visits):
            # The dock that frees up first can take this truck if it is free by now.
            if busy_until and busy_until[0] <= arrival:
                heapq.heapreplace(busy_until, departure)
            else:
                heappush(busy_until, departure)
        return len(busy_until)
