class Solution {
    unordered_map<int, int> position;
    size_t next = 0;

    TreeNode* build(const vector<int>& preorder, int lo, int hi) {
        if (lo >= hi) return nullptr;
        TreeNode* node = new TreeNode(preorder[next++]);
        int mid = position[node->val];
        node->left = build(preorder, lo, mid);
        node->right = build(preorder, mid + 1, hi);
        return node;
    }

public:
    TreeNode* buildTree(vector<int>& preorder, vector<int>& inorder) {
        position.reserve(inorder.size() * 2);
        for (int i = 0; i < (int) inorder.size(); i++) position[inorder[i]] = i;
        return build(preorder, 0, inorder.size());
    }
};
