# Bug: on equal masses only the west-bound shuttle is knocked off, the
# east-bound one stays on the rail.
class Solution:
    def survivingShuttles(self, shuttles: List[int]) -> List[int]:
        rail = []
        for s in shuttles:
            alive = True
            while alive and s < 0 and rail and rail[-1] > 0:
                if rail[-1] < -s:
                    rail.pop()
                else:
                    alive = False
            if alive:
                rail.append(s)
        return rail
