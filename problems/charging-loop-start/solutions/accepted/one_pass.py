class Solution:
    def loopStart(self, charge: List[int], cost: List[int]) -> int:
        # If the route gives at least what it costs, some start works. A start
        # that runs flat before pad i rules out every pad up to i as a start
        # (each would arrive at i with no more charge), so restart after it.
        if sum(charge) < sum(cost):
            return -1
        start = tank = 0
        for i in range(len(charge)):
            tank += charge[i] - cost[i]
            if tank < 0:
                start, tank = i + 1, 0
        return start
