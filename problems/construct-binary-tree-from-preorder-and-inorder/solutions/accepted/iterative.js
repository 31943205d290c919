/**
 * One pass with a stack: each preorder value is the left child of the
 * previous node, unless the inorder sequence says that node's left side is
 * finished, in which case it is the right child of the last node popped.
 * @param {number[]} preorder
 * @param {number[]} inorder
 * @return {TreeNode}
 */
var buildTree = function(preorder, inorder) {
    const root = new TreeNode(preorder[0]);
    const stack = [root];
    let k = 0;
    for (let i = 1; i < preorder.length; i++) {
        let node = stack[stack.length - 1];
        if (node.val !== inorder[k]) {
            node.left = new TreeNode(preorder[i]);
            stack.push(node.left);
        } else {
            while (stack.length && stack[stack.length - 1].val === inorder[k]) {
                node = stack.pop();
                k++;
            }
            node.right = new TreeNode(preorder[i]);
            stack.push(node.right);
        }
    }
    return root;
};
