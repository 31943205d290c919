import java.util.*;

class Solution {
    public long maxRouteGain(TreeNode root) {
        // Iterative post-order (chains are 30000 deep). down: the best gain
        // of a route going down from a node; sums need 64 bits.
        List<TreeNode> order = new ArrayList<>();
        ArrayDeque<TreeNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            TreeNode v = stack.pop();
            order.add(v);
            if (v.left != null) stack.push(v.left);
            if (v.right != null) stack.push(v.right);
        }
        Map<TreeNode, Long> down = new IdentityHashMap<>();
        long best = root.val;
        for (int i = order.size() - 1; i >= 0; i--) {
            TreeNode v = order.get(i);
            long l = v.left != null ? Math.max(down.get(v.left), 0L) : 0;
            long r = v.right != null ? Math.max(down.get(v.right), 0L) : 0;
            down.put(v, v.val + Math.max(l, r));
            best = Math.max(best, v.val + l + r);
        }
        return best;
    }
}
