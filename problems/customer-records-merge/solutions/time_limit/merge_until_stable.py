# Too slow: keeps one set per group and merges any two overlapping groups,
# rescanning all pairs until nothing changes: O(n^2) set intersections per pass.
class Solution:
    def mergeRecords(self, records: List[List[str]]) -> List[List[str]]:
        groups = [[rec[0], set(rec[1:])] for rec in records]
        changed = True
        while changed:
            changed = False
            i = 0
            while i < len(groups):
                j = i + 1
                while j < len(groups):
                    if groups[i][1] & groups[j][1]:
                        groups[i][1] |= groups[j][1]
                        groups.pop(j)
                        changed = True
                    else:
                        j += 1
                i += 1
        return sorted([name] + sorted(ids) for name, ids in groups)
