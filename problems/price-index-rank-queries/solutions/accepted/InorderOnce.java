import java.util.ArrayDeque;

class Solution {
    public int[] kthSmallest(TreeNode root, int[] ks) {
        // One iterative inorder walk (chains are 30000 deep) lists the
        // values in increasing order; each question is then a lookup.
        int[] ordered = new int[30001];
        int n = 0;
        ArrayDeque<TreeNode> stack = new ArrayDeque<>();
        TreeNode node = root;
        while (!stack.isEmpty() || node != null) {
            while (node != null) {
                stack.push(node);
                node = node.left;
            }
            node = stack.pop();
            if (n == ordered.length) ordered = java.util.Arrays.copyOf(ordered, n * 2);
            ordered[n++] = node.val;
            node = node.right;
        }
        int[] answer = new int[ks.length];
        for (int i = 0; i < ks.length; i++) answer[i] = ordered[ks[i] - 1];
        return answer;
    }
}
