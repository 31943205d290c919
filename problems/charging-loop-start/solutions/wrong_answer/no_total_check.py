# Bug: trusts the one-pass restart without checking that the route gives at
# least what it costs, so an impossible route still returns a pad.
class Solution:
    def loopStart(self, charge: List[int], cost: List[int]) -> int:
        start = tank = 0
        for i in range(len(charge)):
            tank += charge[i] - cost[i]
            if tank < 0:
                start, tank = i + 1, 0
        return start if start < len(charge) else -1
