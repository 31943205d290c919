# Too slow: for every station, a fresh search of each child's subtree for the
# best downward route: O(n * subtree size), O(n^2) on a 30000-deep chain.
class Solution:
    def maxRouteGain(self, root: Optional[TreeNode]) -> int:
        def best_down(start):
            if start is None:
                return 0
            best = 0
            stack = [(start, 0)]
            while stack:
                node, above = stack.pop()
                here = above + node.val
                best = max(best, here)
                for child in (node.left, node.right):
                    if child:
                        stack.append((child, here))
            return best

        answer = root.val
        stack = [root]
        while stack:
            node = stack.pop()
            answer = max(answer, node.val + best_down(node.left) + best_down(node.right))
            for child in (node.left, node.right):
                if child:
                    stack.append(child)
        return answer
