class Solution:
    def findWords(self, board: List[str], words: List[str]) -> List[str]:
        rows, cols = len(board), len(board[0])
        # One trie of all words: one walk over the board serves every word
        # with the same beginning.
        trie = {}
        for w in words:
            node = trie
            for ch in w:
                node = node.setdefault(ch, {})
            node["$"] = w
        found = []
        grid = [list(row) for row in board]

        def walk(r, c, parent):
            ch = grid[r][c]
            node = parent[ch]
            word = node.pop("$", None)
            if word is not None:  # report once, then forget it
                found.append(word)
            grid[r][c] = "#"  # in use on the current path
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and grid[nr][nc] in node:
                    walk(nr, nc, node)
            grid[r][c] = ch
            if not node:  # nothing left to find below: prune the branch
                del parent[ch]

        for r in range(rows):
            for c in range(cols):
                if grid[r][c] in trie:
                    walk(r, c, trie)
        return sorted(found)
