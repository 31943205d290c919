# Too slow: checks every node against every value in its left and right
# subtrees: O(n^2) on a 30000-deep chain.
class Solution:
    def isValidIndex(self, root: Optional[TreeNode]) -> bool:
        def values(start):
            out, stack = [], [start] if start else []
            while stack:
                node = stack.pop()
                out.append(node.val)
                stack += [c for c in (node.left, node.right) if c]
            return out

        stack = [root]
        while stack:
            node = stack.pop()
            if any(v >= node.val for v in values(node.left)):
                return False
            if any(v <= node.val for v in values(node.right)):
                return False
            stack += [c for c in (node.left, node.right) if c]
        return True
