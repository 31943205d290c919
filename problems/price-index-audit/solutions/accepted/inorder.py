class Solution:
    def isValidIndex(self, root: Optional[TreeNode]) -> bool:
        # A BST with distinct values is exactly a tree whose inorder walk is
        # strictly increasing. Iterative: chains are 30000 deep.
        prev = None
        stack = []
        node = root
        while stack or node:
            while node:
                stack.append(node)
                node = node.left
            node = stack.pop()
            if prev is not None and node.val <= prev:
                return False
            prev = node.val
            node = node.right
        return True
