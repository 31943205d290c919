# Attaches each subtree to the wrong side: returns the mirror image.
class Solution:
    def buildTree(self, preorder: List[int], inorder: List[int]) -> Optional[TreeNode]:
        position = {v: i for i, v in enumerate(inorder)}
        next_root = iter(preorder)

        def build(lo, hi):
            if lo >= hi:
                return None
            node = TreeNode(next(next_root))
            mid = position[node.val]
            node.right = build(lo, mid)
            node.left = build(mid + 1, hi)
            return node

        return build(0, len(inorder))
