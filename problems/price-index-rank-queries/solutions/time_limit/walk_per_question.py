# Too slow: a fresh inorder walk for every question, stopping at the k-th
# node: O(k) per question, about 7 * 10^8 node visits on the largest cases.
class Solution:
    def kthSmallest(self, root: Optional[TreeNode], ks: List[int]) -> List[int]:
        answer = []
        for k in ks:
            stack = []
            node = root
            seen = 0
            while stack or node:
                while node:
                    stack.append(node)
                    node = node.left
                node = stack.pop()
                seen += 1
                if seen == k:
                    answer.append(node.val)
                    break
                node = node.right
        return answer
