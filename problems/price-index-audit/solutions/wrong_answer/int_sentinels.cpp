// The mistake: the open bounds start at INT_MIN and INT_MAX, so a node whose
// value is exactly -2^31 or 2^31 - 1 is rejected although the tree is valid.
class Solution {
public:
    bool isValidIndex(TreeNode* root) {
        struct Item { TreeNode* node; int lo, hi; };
        vector<Item> stack{{root, INT_MIN, INT_MAX}};
        while (!stack.empty()) {
            Item it = stack.back();
            stack.pop_back();
            int v = it.node->val;
            if (v <= it.lo || v >= it.hi) return false;
            if (it.node->left) stack.push_back({it.node->left, it.lo, v});
            if (it.node->right) stack.push_back({it.node->right, v, it.hi});
        }
        return true;
    }
};
