/**
 * @param {number[]} preorder
 * @param {number[]} inorder
 * @return {TreeNode}
 */
var buildTree = function(preorder, inorder) {
    const index = _.fromPairs(inorder.map((v, i) => [v, i]));
    const pre = new Queue(preorder);
    const build = (lo, hi) => {
        if (lo > hi) return null;
        const root = new TreeNode(pre.dequeue());
        const mid = index[root.val];
        root.left = build(lo, mid - 1);
        root.right = build(mid + 1, hi);
        return root;
    };
    return build(0, inorder.length - 1);
};
