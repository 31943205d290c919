class Solution:
    def countPlacements(self, floor: List[str]) -> int:
        # Row by row; bit c of `cols` / `diag` / `anti` marks the columns of
        # the current row that an earlier guard watches. Shifting the
        # diagonal masks by one moves them along to the next row.
        n = len(floor)
        full = (1 << n) - 1
        open_cells = [sum(1 << c for c in range(n) if row[c] == ".") for row in floor]

        def go(r, cols, diag, anti):
            if r == n:
                return 1
            free = open_cells[r] & ~(cols | diag | anti) & full
            total = 0
            while free:
                bit = free & -free
                free ^= bit
                total += go(r + 1, cols | bit, (diag | bit) << 1 & full, (anti | bit) >> 1)
            return total

        return go(0, 0, 0, 0)
