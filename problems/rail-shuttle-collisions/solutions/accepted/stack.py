class Solution:
    def survivingShuttles(self, shuttles: List[int]) -> List[int]:
        rail = []  # survivors so far, west to east
        for s in shuttles:
            alive = True
            # Only a west-bound shuttle can hit survivors, the nearest east-bound first.
            while alive and s < 0 and rail and rail[-1] > 0:
                if rail[-1] < -s:
                    rail.pop()
                elif rail[-1] == -s:
                    rail.pop()
                    alive = False
                else:
                    alive = False
            if alive:
                rail.append(s)
        return rail
