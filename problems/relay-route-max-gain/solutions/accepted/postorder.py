class Solution:
    def maxRouteGain(self, root: Optional[TreeNode]) -> int:
        # For each station: the best gain of a route going down from it
        # (itself plus the better child's, if positive). The best route
        # bending at it adds both children's. Iterative post-order, since
        # the tree can be a 30000-deep chain.
        order, stack = [], [root]
        while stack:
            node = stack.pop()
            order.append(node)
            if node.left:
                stack.append(node.left)
            if node.right:
                stack.append(node.right)
        down = {}
        best = root.val
        for node in reversed(order):
            l = max(down[node.left], 0) if node.left else 0
            r = max(down[node.right], 0) if node.right else 0
            down[node] = node.val + max(l, r)
            best = max(best, node.val + l + r)
        return best
