# The mistake: treats k as a 0-based index into the sorted values, so it
# answers the (k+1)-th smallest (and fails outright when k = n).
class Solution:
    def kthSmallest(self, root: Optional[TreeNode], ks: List[int]) -> List[int]:
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
        return [ordered[min(k, len(ordered) - 1)] for k in ks]
