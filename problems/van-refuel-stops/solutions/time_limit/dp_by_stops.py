# The textbook DP: far[t] = farthest reach with t stops among the stations
# seen so far; each station updates every t. O(n^2).
class Solution:
    def fewestStops(self, target: int, startFuel: int, stations: List[List[int]]) -> int:
        far = [startFuel] + [0] * len(stations)
        for i, (position, litres) in enumerate(stations):
            for t in range(i, -1, -1):
                if far[t] >= position:
                    far[t + 1] = max(far[t + 1], far[t] + litres)
        for t, reach in enumerate(far):
            if reach >= target:
                return t
        return -1
