# Bug: when stuck, refuels at the LAST station passed (the one closest to the
# van) instead of the one with the most fuel.
class Solution:
    def fewestStops(self, target: int, startFuel: int, stations: List[List[int]]) -> int:
        passed = []
        reach, stops, i = startFuel, 0, 0
        while reach < target:
            while i < len(stations) and stations[i][0] <= reach:
                passed.append(stations[i][1])
                i += 1
            if not passed:
                return -1
            reach += passed.pop()
            stops += 1
        return stops
