class Solution:
    def shortestPickingRun(self, shelf: List[int], order: List[int]) -> List[int]:
        need = Counter(order)
        missing = len(order)
        best_l, best_r = -1, -1
        left = 0
        for right, code in enumerate(shelf):
            if need[code] > 0:
                missing -= 1
            need[code] -= 1
            while missing == 0:
                # Strictly shorter only: an equal block found later starts further right.
                if best_l < 0 or right - left < best_r - best_l:
                    best_l, best_r = left, right
                out = shelf[left]
                need[out] += 1
                if need[out] > 0:
                    missing += 1
                left += 1
        return [best_l, best_r]
