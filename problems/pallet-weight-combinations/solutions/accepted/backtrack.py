class Solution:
    def loadCombinations(self, weights: List[int], target: int) -> List[List[int]]:
        # Choose weights in non-decreasing order: after using weights[i] the
        # next pick starts at i again (reuse) but never goes back, so every
        # multiset is built once and the results come out in lexicographic order.
        ws = sorted(weights)
        out = []
        chosen = []

        def go(start, left):
            if left == 0:
                out.append(chosen[:])
                return
            for i in range(start, len(ws)):
                w = ws[i]
                if w > left:
                    break  # sorted: every later class is heavier still
                chosen.append(w)
                go(i, left - w)
                chosen.pop()

        go(0, target)
        return out
