class Solution {
public:
    bool isValidIndex(TreeNode* root) {
        // Each node carries the open interval its value must lie in. The
        // bounds are 64-bit so they never collide with 32-bit values.
        struct Item { TreeNode* node; long long lo, hi; };
        vector<Item> stack{{root, LLONG_MIN, LLONG_MAX}};
        while (!stack.empty()) {
            Item it = stack.back();
            stack.pop_back();
            long long v = it.node->val;
            if (v <= it.lo || v >= it.hi) return false;
            if (it.node->left) stack.push_back({it.node->left, it.lo, v});
            if (it.node->right) stack.push_back({it.node->right, v, it.hi});
        }
        return true;
    }
};
