class Solution {
    private final Map<Integer, Integer> position = new HashMap<>();
    private int next = 0;

    public TreeNode buildTree(int[] preorder, int[] inorder) {
        for (int i = 0; i < inorder.length; i++) position.put(inorder[i], i);
        return build(preorder, 0, inorder.length);
    }

    private TreeNode build(int[] preorder, int lo, int hi) {
        if (lo >= hi) return null;
        TreeNode node = new TreeNode(preorder[next++]);
        int mid = position.get(node.val);
        node.left = build(preorder, lo, mid);
        node.right = build(preorder, mid + 1, hi);
        return node;
    }
}
