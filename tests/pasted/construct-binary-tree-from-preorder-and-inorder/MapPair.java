/**
 * Definition for a binary tree node.
 * public class TreeNode {
 *     int val;
 *     TreeNode left;
 *     TreeNode right;
 *     TreeNode() {}
 *     TreeNode(int val) { this.val = val; }
 *     TreeNode(int val, TreeNode left, TreeNode right) {
 *         this.val = val;
 *         this.left = left;
 *         this.right = right;
 *     }
 * }
 */
class Solution {
    public TreeNode buildTree(int[] preorder, int[] inorder) {
        Map<Integer, Integer> pos = new HashMap<>();
        for (int i = 0; i < inorder.length; i++) pos.put(inorder[i], i);
        // Iterative: a stack of (node, inorder bound) pairs.
        TreeNode root = new TreeNode(preorder[0]);
        Deque<Pair<TreeNode, Integer>> stack = new ArrayDeque<>();
        stack.push(new Pair<>(root, pos.get(preorder[0])));
        for (int i = 1; i < preorder.length; i++) {
            TreeNode node = new TreeNode(preorder[i]);
            int p = pos.get(preorder[i]);
            Pair<TreeNode, Integer> parent = stack.peek();
            if (p < parent.getValue()) {
                parent.getKey().left = node;
            } else {
                while (!stack.isEmpty() && stack.peek().getValue() < p) parent = stack.pop();
                parent.getKey().right = node;
            }
            stack.push(new Pair<>(node, p));
        }
        return root;
    }
}
