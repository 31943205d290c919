# The mistake: never marks tiles as in use, so a word may step back onto a
# tile it already used ("aba" on a board with a single "a" next to a "b").
class Solution:
    def findWords(self, board: List[str], words: List[str]) -> List[str]:
        rows, cols = len(board), len(board[0])
        trie = {}
        for w in words:
            node = trie
            for ch in w:
                node = node.setdefault(ch, {})
            node["$"] = w
        found = set()

        def walk(r, c, parent):
            node = parent.get(board[r][c])
            if node is None:
                return
            if "$" in node:
                found.add(node["$"])
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols:
                    walk(nr, nc, node)

        for r in range(rows):
            for c in range(cols):
                walk(r, c, trie)
        return sorted(found)
