# Too slow: a separate backtracking search for every word. Words that share
# a long prefix (a board of "a"s and 16,000 words starting "aaaaa") walk the
# same paths once per word.
class Solution:
    def findWords(self, board: List[str], words: List[str]) -> List[str]:
        rows, cols = len(board), len(board[0])
        used = [[False] * cols for _ in range(rows)]

        def trace(r, c, w, i):
            if board[r][c] != w[i]:
                return False
            if i == len(w) - 1:
                return True
            used[r][c] = True
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and not used[nr][nc] and trace(nr, nc, w, i + 1):
                    used[r][c] = False
                    return True
            used[r][c] = False
            return False

        found = [w for w in words if any(trace(r, c, w, 0) for r in range(rows) for c in range(cols))]
        return sorted(found)
