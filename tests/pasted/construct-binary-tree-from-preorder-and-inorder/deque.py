# Definition for a binary tree node.
# class TreeNode:
#     def __init__(self, val=0, left=None, right=None):
#         self.val = val
#         self.left = left
#         self.right = right
class Solution:
    def buildTree(self, preorder: List[int], inorder: List[int]) -> Optional[TreeNode]:
        index = defaultdict(int, {v: i for i, v in enumerate(inorder)})
        pre = deque(preorder)

        def build(lo, hi):
            if lo > hi:
                return None
            root = TreeNode(pre.popleft())
            mid = index[root.val]
            root.left = build(lo, mid - 1)
            root.right = build(mid + 1, hi)
            return root

        return build(0, len(inorder) - 1)
