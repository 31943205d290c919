class Solution:
    def fewestStops(self, target: int, startFuel: int, stations: List[List[int]]) -> int:
        # Drive as far as the fuel goes, remembering every station passed; when
        # stuck, pretend we had stopped at the richest of them.
        passed = []  # negated litres: a max-heap
        reach, stops, i = startFuel, 0, 0
        while reach < target:
            while i < len(stations) and stations[i][0] <= reach:
                heappush(passed, -stations[i][1])
                i += 1
            if not passed:
                return -1
            reach -= heappop(passed)
            stops += 1
        return stops
