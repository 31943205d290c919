class Solution:
    def buildTree(self, preorder: List[int], inorder: List[int]) -> Optional[TreeNode]:
        position = {v: i for i, v in enumerate(inorder)}
        next_root = iter(preorder)

        def build(lo: int, hi: int) -> Optional[TreeNode]:
            # The subtree whose inorder is inorder[lo:hi]; its root is the
            # next unused preorder value.
            if lo >= hi:
                return None
            node = TreeNode(next(next_root))
            mid = position[node.val]
            node.left = build(lo, mid)
            node.right = build(mid + 1, hi)
            return node

        return build(0, len(inorder))
