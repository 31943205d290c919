# The mistake: the running best starts at 0, as if the empty route were
# allowed; when every station loses, it answers 0 instead of the largest
# (least negative) single station.
class Solution:
    def maxRouteGain(self, root: Optional[TreeNode]) -> int:
        order, stack = [], [root]
        while stack:
            node = stack.pop()
            order.append(node)
            if node.left:
                stack.append(node.left)
            if node.right:
                stack.append(node.right)
        down = {}
        best = 0
        for node in reversed(order):
            l = max(down[node.left], 0) if node.left else 0
            r = max(down[node.right], 0) if node.right else 0
            down[node] = node.val + max(l, r)
            best = max(best, node.val + l + r)
        return best
