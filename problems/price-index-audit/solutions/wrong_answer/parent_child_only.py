# The mistake: compares each node only with its own children, so a value deep
# in a right subtree that is smaller than an ancestor goes unnoticed.
class Solution:
    def isValidIndex(self, root: Optional[TreeNode]) -> bool:
        stack = [root]
        while stack:
            node = stack.pop()
            if node.left:
                if node.left.val >= node.val:
                    return False
                stack.append(node.left)
            if node.right:
                if node.right.val <= node.val:
                    return False
                stack.append(node.right)
        return True
