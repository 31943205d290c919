import java.util.ArrayDeque;

class Solution {
    public boolean isValidIndex(TreeNode root) {
        // A BST with distinct values is exactly a tree whose inorder walk is
        // strictly increasing; no sentinel bounds, so -2^31 and 2^31-1 are safe.
        ArrayDeque<TreeNode> stack = new ArrayDeque<>();
        TreeNode node = root;
        boolean first = true;
        int prev = 0;
        while (!stack.isEmpty() || node != null) {
            while (node != null) {
                stack.push(node);
                node = node.left;
            }
            node = stack.pop();
            if (!first && node.val <= prev) return false;
            first = false;
            prev = node.val;
            node = node.right;
        }
        return true;
    }
}
