# Bug: the frame formula without the max against len(jobs): when many types
# fill every gap, the frames underestimate the schedule.
class Solution:
    def minSlots(self, jobs: str, cooldown: int) -> int:
        counts = Counter(jobs).values()
        top = max(counts)
        ties = sum(1 for c in counts if c == top)
        return (top - 1) * (cooldown + 1) + ties
