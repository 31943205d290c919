# Finds each root in the inorder sequence by walking it: O(n^2) on a chain
# whose roots sit at the far end of their ranges.
class Solution:
    def buildTree(self, preorder: List[int], inorder: List[int]) -> Optional[TreeNode]:
        next_root = iter(preorder)

        def build(lo, hi):
            if lo >= hi:
                return None
            node = TreeNode(next(next_root))
            mid = lo
            while inorder[mid] != node.val:
                mid += 1
            node.left = build(lo, mid)
            node.right = build(mid + 1, hi)
            return node

        return build(0, len(inorder))
