class Solution:
    def kthSmallest(self, root: Optional[TreeNode], ks: List[int]) -> List[int]:
        # An inorder walk of a BST lists its values in increasing order; walk
        # once (iteratively: the tree can be a 30000-deep chain), then each
        # question is a lookup.
        ordered = []
        stack = []
        node = root
        while stack or node:
            while node:
                stack.append(node)
                node = node.left
            node = stack.pop()
            ordered.append(node.val)
            node = node.right
        return [ordered[k - 1] for k in ks]
