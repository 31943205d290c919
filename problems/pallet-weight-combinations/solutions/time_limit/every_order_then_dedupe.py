# The brute force: tries every class at every step, so it walks every ORDER
# of loading (exponentially many more than multisets) and removes duplicates
# with a set at the end.
class Solution:
    def loadCombinations(self, weights: List[int], target: int) -> List[List[int]]:
        found = set()

        def go(left, chosen):
            if left == 0:
                found.add(tuple(sorted(chosen)))
                return
            for w in weights:
                if w <= left:
                    chosen.append(w)
                    go(left - w, chosen)
                    chosen.pop()

        go(target, [])
        return [list(way) for way in sorted(found)]
