# The mistake: a record joins the group of the first known identifier it
# carries, but two existing groups it bridges are never merged, so the
# "carries over" rule breaks when the linking record comes last.
class Solution:
    def mergeRecords(self, records: List[List[str]]) -> List[List[str]]:
        group_of = {}
        groups = []
        for name, *ids in records:
            g = next((group_of[i] for i in ids if i in group_of), None)
            if g is None:
                g = len(groups)
                groups.append([name, set()])
            for ident in ids:
                if ident not in group_of:
                    group_of[ident] = g
                    groups[g][1].add(ident)
        return sorted([name] + sorted(ids) for name, ids in groups)
