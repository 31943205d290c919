# Moves on to the next class after using one (start=i + 1), so every class
# is used at most once: [2, 2, 3] is never found.
class Solution:
    def loadCombinations(self, weights: List[int], target: int) -> List[List[int]]:
        ws = sorted(weights)
        out = []

        def go(start, left, chosen):
            if left == 0:
                out.append(chosen)
                return
            for i in range(start, len(ws)):
                if ws[i] <= left:
                    go(i + 1, left - ws[i], chosen + [ws[i]])

        go(0, target, [])
        return out
